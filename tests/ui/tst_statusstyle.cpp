#include "statusstyle.h"

#include <QApplication>
#include <QPalette>
#include <QSet>
#include <QTest>

using namespace ApiLens;
using namespace ApiLens::Ui;

class tst_StatusStyle : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void contrast_data();
    void contrast();
    void glyphsAndNamesAreDistinct();
    void darkPaletteDetection();
};

void tst_StatusStyle::contrast_data()
{
    QTest::addColumn<Core::StatusClass>("statusClass");
    QTest::addColumn<bool>("dark");
    const QList<QPair<const char *, Core::StatusClass>> classes = {
        {"1xx", Core::StatusClass::Informational}, {"2xx", Core::StatusClass::Success},
        {"3xx", Core::StatusClass::Redirection},   {"4xx", Core::StatusClass::ClientError},
        {"5xx", Core::StatusClass::ServerError},   {"none", Core::StatusClass::None}};
    for (const auto &entry : classes) {
        QTest::newRow(QByteArray(QByteArray(entry.first) + " light").constData()) << entry.second << false;
        QTest::newRow(QByteArray(QByteArray(entry.first) + " dark").constData()) << entry.second << true;
    }
}

void tst_StatusStyle::contrast()
{
    QFETCH(Core::StatusClass, statusClass);
    QFETCH(bool, dark);
    const StatusStyle style = StatusStyle::forClass(statusClass, dark);
    const double ratio = contrastRatio(style.fill, style.text);
    QVERIFY2(ratio >= 4.5,
             qPrintable(QStringLiteral("%1 on %2: %3").arg(style.text.name(), style.fill.name()).arg(ratio)));
}

void tst_StatusStyle::glyphsAndNamesAreDistinct()
{
    QSet<QString> glyphs;
    QSet<QString> names;
    for (auto statusClass :
         {Core::StatusClass::Informational, Core::StatusClass::Success, Core::StatusClass::Redirection,
          Core::StatusClass::ClientError, Core::StatusClass::ServerError, Core::StatusClass::None}) {
        const StatusStyle style = StatusStyle::forClass(statusClass, false);
        QVERIFY(!style.glyph.isEmpty());
        glyphs.insert(style.glyph);
        names.insert(style.name);
        // Same glyph and name in both themes: only the hue changes.
        QCOMPARE(StatusStyle::forClass(statusClass, true).glyph, style.glyph);
    }
    QCOMPARE(glyphs.size(), 6);
    QCOMPARE(names.size(), 6);
    QCOMPARE(contrastRatio(Qt::black, Qt::white), 21.0);
}

void tst_StatusStyle::darkPaletteDetection()
{
    QPalette light;
    light.setColor(QPalette::Window, QColor(0xF0F0F0));
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x202020));
    QVERIFY(!isDarkPalette(light));
    QVERIFY(isDarkPalette(dark));
    QCOMPARE(StatusStyle::forClass(Core::StatusClass::Success, dark).fill, QColor(0x3CC48F));
}

QTEST_MAIN(tst_StatusStyle)
#include "tst_statusstyle.moc"
