#include "bodyhighlighter.h"

#include <QTest>
#include <QTextLayout>

using namespace ApiLens;
using namespace ApiLens::Ui;

class tst_BodyHighlighter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void formats_data();
    void formats();
};

// The colour given to a column of the line, or an invalid colour.
static QColor colorAt(const BodyHighlighter &highlighter, const QString &line, int column)
{
    for (const QTextLayout::FormatRange &range : highlighter.formats(line)) {
        if (column >= range.start && column < range.start + range.length) {
            return range.format.foreground().color();
        }
    }
    return {};
}

void tst_BodyHighlighter::formats_data()
{
    QTest::addColumn<Core::ContentKind>("kind");
    QTest::addColumn<QString>("line");
    QTest::addColumn<int>("keyColumn");
    QTest::addColumn<int>("valueColumn");
    QTest::newRow("json key and string")
        << Core::ContentKind::Json << QStringLiteral("  \"name\": \"Ada\",") << 3 << 11;
    QTest::newRow("json key and number")
        << Core::ContentKind::Json << QStringLiteral("\"n\": -12.5e3") << 1 << 6;
    QTest::newRow("xml tag and attribute value")
        << Core::ContentKind::Xml << QStringLiteral("<Error code=\"7\">") << 1 << 12;
}

void tst_BodyHighlighter::formats()
{
    QFETCH(Core::ContentKind, kind);
    QFETCH(QString, line);
    QFETCH(int, keyColumn);
    QFETCH(int, valueColumn);
    BodyHighlighter highlighter(false);
    highlighter.setKind(kind);
    const QColor key = colorAt(highlighter, line, keyColumn);
    const QColor value = colorAt(highlighter, line, valueColumn);
    QVERIFY(key.isValid());
    QVERIFY(value.isValid());
    QVERIFY(key != value);
    // Plain text gets no colours at all.
    highlighter.setKind(Core::ContentKind::Text);
    QVERIFY(!colorAt(highlighter, line, keyColumn).isValid());
}

QTEST_MAIN(tst_BodyHighlighter)
#include "tst_bodyhighlighter.moc"
