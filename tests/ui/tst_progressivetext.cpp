#include "progressivetext.h"

#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTest>

using namespace ApiLens::Ui;

class tst_ProgressiveText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void loads_data();
    void loads();
    void newTextReplacesLoadInProgress();
};

void tst_ProgressiveText::loads_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("immediate");
    QTest::newRow("empty") << QString() << true;
    QTest::newRow("small") << QStringLiteral("a\nb\n") << true;
    QString lines;
    for (int i = 0; lines.size() < 5 * ProgressiveText::SliceChars; ++i) {
        lines += QStringLiteral("line %1\n").arg(i);
    }
    QTest::newRow("many slices") << lines << false;
    QTest::newRow("one long line") << QString(3 * ProgressiveText::SliceChars, QLatin1Char('x')) << false;
}

void tst_ProgressiveText::loads()
{
    QFETCH(QString, text);
    QFETCH(bool, immediate);
    QPlainTextEdit edit;
    ProgressiveText loader(&edit);
    QSignalSpy loaded(&loader, &ProgressiveText::loaded);
    loader.setText(text);
    QCOMPARE(loaded.count(), immediate ? 1 : 0);
    QCOMPARE(loader.isLoading(), !immediate);
    QTRY_COMPARE(loaded.count(), 1);
    QCOMPARE(edit.toPlainText(), text);
}

void tst_ProgressiveText::newTextReplacesLoadInProgress()
{
    QPlainTextEdit edit;
    ProgressiveText loader(&edit);
    QSignalSpy loaded(&loader, &ProgressiveText::loaded);
    loader.setText(QString(10 * ProgressiveText::SliceChars, QLatin1Char('a')));
    QVERIFY(loader.isLoading());
    loader.setText(QStringLiteral("short"));
    QCOMPARE(edit.toPlainText(), QStringLiteral("short"));
    QTest::qWait(50); // the old load's queued slices must not come back
    QCOMPARE(edit.toPlainText(), QStringLiteral("short"));
    QCOMPARE(loaded.count(), 1);
}

QTEST_MAIN(tst_ProgressiveText)
#include "tst_progressivetext.moc"
