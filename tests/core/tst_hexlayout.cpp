#include "http/bodyformatter.h"
#include "http/hexlayout.h"

#include <QTest>

using namespace ApiLens::Core;

class tst_HexLayout : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void row_data();
    void row();
    void columnsRoundTrip();
    void dumpIsItsRows();
};

void tst_HexLayout::row_data()
{
    QTest::addColumn<qint64>("total");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<QString>("expected");
    QTest::newRow("a full row") << qint64(32) << QByteArray(R"({"id": 1, "name")") << qint64(16)
                                << QStringLiteral(
                                       "00000010  7b 22 69 64 22 3a 20 31  2c 20 22 6e 61 6d 65 22  "
                                       "{\"id\": 1, \"name\"");
    QTest::newRow("control and high bytes are dots")
        << qint64(4) << QByteArray("\x00\x7f\x80\xff", 4) << qint64(0)
        << QStringLiteral("00000000  00 7f 80 ff").leftJustified(60) + QStringLiteral("....");
    QTest::newRow("a short last row keeps the columns")
        << qint64(9) << QByteArray("ABCDEFGHI") << qint64(0)
        << QStringLiteral("00000000  41 42 43 44 45 46 47 48  49").leftJustified(60) +
               QStringLiteral("ABCDEFGHI");
    QTest::newRow("past 4 GB the offset widens")
        << (qint64(1) << 36) << QByteArray("z") << (qint64(1) << 35)
        << QStringLiteral("800000000  7a").leftJustified(61) + QStringLiteral("z");
}

void tst_HexLayout::row()
{
    QFETCH(qint64, total);
    QFETCH(QByteArray, bytes);
    QFETCH(qint64, offset);
    QFETCH(QString, expected);
    const HexLayout layout(total);
    QCOMPARE(layout.row(bytes, offset), expected);
}

void tst_HexLayout::columnsRoundTrip()
{
    const HexLayout layout(100);
    const QString row = layout.row("0123456789abcdef", 0);
    QCOMPARE(row.size(), layout.width());
    for (int i = 0; i < HexLayout::RowBytes; ++i) {
        QCOMPARE(row.mid(layout.hexColumn(i), 2), QString::number(0x30 + (i < 10 ? i : 0x31 + i - 10), 16));
        QCOMPARE(row.at(layout.asciiColumn(i)), QLatin1Char("0123456789abcdef"[i]));
        QCOMPARE(layout.byteAtColumn(layout.hexColumn(i)), i);
        QCOMPARE(layout.byteAtColumn(layout.hexColumn(i) + 1), i);
        QCOMPARE(layout.byteAtColumn(layout.asciiColumn(i)), i);
    }
    QCOMPARE(layout.byteAtColumn(0), 0);
    QCOMPARE(layout.byteAtColumn(layout.width()), HexLayout::RowBytes);
}

void tst_HexLayout::dumpIsItsRows()
{
    QByteArray bytes;
    for (int i = 0; i < 1000; ++i) {
        bytes += char(i * 7);
    }
    const HexLayout layout(bytes.size());
    const QStringList lines = hexDump(bytes).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), layout.rowCount(bytes.size()));
    for (int row = 0; row < lines.size(); ++row) {
        QCOMPARE(lines[row], layout.row(QByteArrayView(bytes).sliced(
                                            row * 16, std::min(16, int(bytes.size()) - row * 16)),
                                        row * 16));
    }
}

QTEST_APPLESS_MAIN(tst_HexLayout)
#include "tst_hexlayout.moc"
