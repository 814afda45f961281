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
    void tintsReadOnTheirTheme_data();
    void tintsReadOnTheirTheme();
    void themePalettesReadAndAreWhatTheySay();
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

void tst_StatusStyle::tintsReadOnTheirTheme_data()
{
    QTest::addColumn<int>("tint");
    QTest::addColumn<bool>("dark");
    for (int i = 0; i < TintCount; ++i) {
        for (const bool dark : {false, true}) {
            QTest::addRow("tint %d %s", i, dark ? "dark" : "light") << i << dark;
        }
    }
}

void tst_StatusStyle::tintsReadOnTheirTheme()
{
    // WCAG AA for text: 4.5:1 against the theme's Base (bodies, editors) and Window (labels);
    // the find mark's text against the mark.
    QFETCH(int, tint);
    QFETCH(bool, dark);
    const auto which = Tint(tint);
    const QColor colour = ApiLens::Ui::tint(which, dark);
    if (which == Tint::FindMatchBackground) {
        QVERIFY(contrastRatio(ApiLens::Ui::tint(Tint::FindMatchText, dark), colour) >= 4.5);
        return;
    }
    const QPalette palette = themePalette(dark);
    const QList<QColor> grounds =
        which == Tint::FindMatchText
            ? QList<QColor>{ApiLens::Ui::tint(Tint::FindMatchBackground, dark)}
            : QList<QColor>{palette.color(QPalette::Base), palette.color(QPalette::Window)};
    for (const QColor &ground : grounds) {
        const double ratio = contrastRatio(colour, ground);
        QVERIFY2(
            ratio >= 4.5,
            qPrintable(
                QStringLiteral("%1 on %2: %3:1").arg(colour.name(), ground.name()).arg(ratio, 0, 'f', 2)));
    }
}

void tst_StatusStyle::themePalettesReadAndAreWhatTheySay()
{
    for (const bool dark : {false, true}) {
        const QPalette palette = themePalette(dark);
        QCOMPARE(isDarkPalette(palette), dark);
        for (const auto &[text, ground] :
             {std::pair{QPalette::Text, QPalette::Base}, std::pair{QPalette::WindowText, QPalette::Window},
              std::pair{QPalette::ButtonText, QPalette::Button},
              std::pair{QPalette::HighlightedText, QPalette::Highlight},
              std::pair{QPalette::ToolTipText, QPalette::ToolTipBase}}) {
            QVERIFY2(contrastRatio(palette.color(text), palette.color(ground)) >= 4.5,
                     qPrintable(QStringLiteral("%1 on %2")
                                    .arg(palette.color(text).name(), palette.color(ground).name())));
        }
        // Every status class also reads in the theme's own palette.
        for (int c = 0; c <= int(Core::StatusClass::ServerError); ++c) {
            const StatusStyle style = StatusStyle::forClass(Core::StatusClass(c), palette);
            QVERIFY(contrastRatio(style.fill, style.text) >= 4.5);
        }
    }
}

QTEST_MAIN(tst_StatusStyle)
#include "tst_statusstyle.moc"
