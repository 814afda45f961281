#include "bodyviewer.h"

#include <QApplication>
#include <QClipboard>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

using namespace ApiLens;
using namespace ApiLens::Ui;

class tst_BodyViewer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void showsAMillionLinesAndItsEnd();
    void goToLine_data();
    void goToLine();
    void selectsAndCopiesFromTheBytes();
    void aSpilledBodyIsMappedNotCopied();
    void aLongSingleLineIsCut();
};

namespace {

QByteArray numberedLines(int count)
{
    QByteArray text;
    text.reserve(count * 12);
    for (int i = 1; i <= count; ++i) {
        text += "line " + QByteArray::number(i) + '\n';
    }
    return text;
}

} // namespace

void tst_BodyViewer::showsAMillionLinesAndItsEnd()
{
    BodyViewer viewer;
    viewer.resize(600, 400);
    viewer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&viewer));
    viewer.setText(ViewerText::fromBytes(numberedLines(1000000)));
    QCOMPARE(viewer.lineCount(), 1000000);
    QTest::keyClick(&viewer, Qt::Key_End, Qt::ControlModifier);
    QCOMPARE(viewer.firstVisibleLine() + viewer.visibleLines(), 1000000);
    QCOMPARE(viewer.text()->line(viewer.lineCount() - 1), QStringLiteral("line 1000000"));
    QTest::keyClick(&viewer, Qt::Key_Home, Qt::ControlModifier);
    QCOMPARE(viewer.firstVisibleLine(), 0);
    QTest::keyClick(&viewer, Qt::Key_PageDown);
    QCOMPARE(viewer.firstVisibleLine(), viewer.visibleLines());
    QVERIFY(!viewer.grab().isNull()); // paints the lines on screen only
}

void tst_BodyViewer::goToLine_data()
{
    QTest::addColumn<qint64>("line");
    QTest::addColumn<qint64>("top");
    QTest::newRow("the middle") << qint64(500000) << qint64(500000);
    QTest::newRow("past the end: as near as it goes") << qint64(5000000) << qint64(-1);
    QTest::newRow("before the start") << qint64(-3) << qint64(0);
}

void tst_BodyViewer::goToLine()
{
    QFETCH(qint64, line);
    QFETCH(qint64, top);
    BodyViewer viewer;
    viewer.resize(600, 400);
    viewer.show();
    viewer.setText(ViewerText::fromBytes(numberedLines(1000000)));
    viewer.goToLine(line);
    QCOMPARE(viewer.firstVisibleLine(), top >= 0 ? top : 1000000 - viewer.visibleLines());
}

void tst_BodyViewer::selectsAndCopiesFromTheBytes()
{
    BodyViewer viewer;
    viewer.resize(600, 400);
    viewer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&viewer));
    viewer.setText(ViewerText::fromBytes("{\n  \"name\": \"Zoë\",\r\n  \"n\": 1\n}"));
    QCOMPARE(viewer.lineCount(), 4);
    viewer.select({1, 3}, {2, 5});
    QCOMPARE(viewer.selectedText(), QStringLiteral("name\": \"Zoë\",\r\n  \"n\""));
    viewer.setFocus();
    QTest::keyClick(&viewer, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(&viewer, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("{\n  \"name\": \"Zoë\",\r\n  \"n\": 1\n}"));
    // A drag with the mouse selects from where it was pressed to where it is.
    QTest::mousePress(viewer.viewport(), Qt::LeftButton, {}, QPoint(viewer.viewport()->width() - 2, 2));
    QTest::mouseMove(viewer.viewport(),
                     QPoint(viewer.viewport()->width() - 2, viewer.fontMetrics().lineSpacing() * 3 + 2));
    QTest::mouseRelease(viewer.viewport(), Qt::LeftButton, {},
                        QPoint(viewer.viewport()->width() - 2, viewer.fontMetrics().lineSpacing() * 3 + 2));
    QCOMPARE(viewer.selectedText(), QStringLiteral("\n  \"name\": \"Zoë\",\r\n  \"n\": 1\n}"));
}

void tst_BodyViewer::aSpilledBodyIsMappedNotCopied()
{
    Core::ResponseBody::Writer writer(1024);
    QString error;
    const QByteArray text = numberedLines(200000);
    QVERIFY(writer.append(text, &error));
    const Core::ResponseBody body = writer.finish();
    QVERIFY(!body.isInMemory());
    const std::shared_ptr<const ViewerText> viewed = ViewerText::fromBody(body);
    QCOMPARE(viewed->lineCount(), 200000);
    QVERIFY(viewed->bytes().data() != text.constData());
    QCOMPARE(viewed->line(123456), QStringLiteral("line 123457"));
}

void tst_BodyViewer::aLongSingleLineIsCut()
{
    // 1 MB of minified JSON on one line is 256 display lines of 4 KB: it scrolls like any text.
    BodyViewer viewer;
    viewer.resize(600, 400);
    viewer.show();
    viewer.setText(ViewerText::fromBytes(QByteArray(1 << 20, 'x')));
    QCOMPARE(viewer.lineCount(), 256);
    QVERIFY(viewer.horizontalScrollBar()->maximum() > 0);
    QVERIFY(!viewer.grab().isNull());
}

QTEST_MAIN(tst_BodyViewer)
#include "tst_bodyviewer.moc"
