#include "http/lineindex.h"

#include <QTest>

using namespace ApiLens::Core;

class tst_LineIndex : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matchesASimpleSplit_data();
    void matchesASimpleSplit();
    void growsWhileTheBodyArrives();
};

namespace {

// The lines of `text` the slow, obvious way: split at '\n' (a '\r' before it dropped), then
// each line longer than `max` cut at the first byte from `max` on that does not continue a
// UTF-8 sequence.
QList<QByteArray> simpleLines(const QByteArray &text, qsizetype max)
{
    QList<QByteArray> out;
    if (text.isEmpty()) {
        return out;
    }
    QList<QByteArray> lines = text.split('\n');
    if (text.endsWith('\n')) {
        lines.removeLast();
    }
    for (QByteArray line : lines) {
        const bool cr = line.endsWith('\r');
        while (line.size() > max) {
            qsizetype k = max;
            while (k < line.size() && (uchar(line.at(k)) & 0xC0) == 0x80) {
                ++k;
            }
            if (k >= line.size()) {
                break;
            }
            out.append(line.left(k));
            line = line.mid(k);
        }
        out.append(cr ? line.chopped(1) : line);
    }
    return out;
}

} // namespace

void tst_LineIndex::matchesASimpleSplit_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("max");
    QTest::newRow("empty") << QByteArray() << 16;
    QTest::newRow("one line, no newline") << QByteArray("hello") << 16;
    QTest::newRow("newline at the end") << QByteArray("a\nb\n") << 16;
    QTest::newRow("blank lines and CRLF") << QByteArray("\n\r\nx\r\n\n\ny") << 16;
    QByteArray many;
    for (int i = 0; i < 1000; ++i) {
        many += "line " + QByteArray::number(i) + QByteArray(i % 37, '.') + (i % 5 ? "\n" : "\r\n");
    }
    QTest::newRow("a thousand lines") << many << 4096;
    QTest::newRow("long lines cut") << QByteArray(100, 'a') + '\n' + QByteArray(33, 'b') + '\n' +
                                           QByteArray(32, 'c')
                                    << 16;
    QTest::newRow("a line exactly at the limit") << QByteArray(16, 'a') + "\n" + QByteArray(17, 'b') << 16;
    // "é" is two bytes, "€" three: a cut never falls inside one.
    QByteArray utf8;
    for (int i = 0; i < 300; ++i) {
        utf8 += (i % 3 == 0) ? "\xc3\xa9" : (i % 3 == 1) ? "\xe2\x82\xac" : "z";
    }
    QTest::newRow("UTF-8 across cuts") << utf8 + '\n' + utf8 << 17;
    QTest::newRow("a 1 MB single line") << QByteArray(1 << 20, 'x') << 4096;
}

void tst_LineIndex::matchesASimpleSplit()
{
    QFETCH(QByteArray, text);
    QFETCH(int, max);
    const QList<QByteArray> expected = simpleLines(text, max);
    for (const qsizetype piece : {qsizetype(1), qsizetype(2), qsizetype(3), qsizetype(5), qsizetype(64),
                                  qsizetype(4096), text.size() + 1}) {
        LineIndex index(max);
        for (qsizetype at = 0; at < text.size(); at += piece) {
            index.append(QByteArrayView(text).sliced(at, qMin(piece, text.size() - at)));
        }
        QCOMPARE(index.size(), qint64(text.size()));
        QCOMPARE(index.lineCount(), qint64(expected.size()));
        for (qsizetype i = 0; i < expected.size(); ++i) {
            const LineIndex::Range range = index.line(i, text);
            if (text.mid(range.start, range.length) != expected[i]) {
                QFAIL(qPrintable(QStringLiteral("pieces of %1: line %2 differs").arg(piece).arg(i)));
            }
            // Every byte of the line (and its line break, if it has one) is found in that line.
            const qint64 end = range.start + range.length;
            const bool broken = end < text.size() && (text.at(end) == '\n' || text.at(end) == '\r');
            for (const qint64 offset :
                 {range.start, range.start + range.length / 2, broken ? end : range.start}) {
                if (offset < text.size() && range.length + (broken ? 1 : 0) > 0 &&
                    index.lineAt(offset, text) != i) {
                    QFAIL(qPrintable(QStringLiteral("pieces of %1: byte %2 is not in line %3 (but %4)")
                                         .arg(piece)
                                         .arg(offset)
                                         .arg(i)
                                         .arg(index.lineAt(offset, text))));
                }
            }
            if (piece > 5 && i > 2000) {
                break; // the small pieces checked every line already
            }
        }
        const LineIndex::Range past = index.line(expected.size(), text);
        QCOMPARE(past.length, qint64(0));
    }
}

void tst_LineIndex::growsWhileTheBodyArrives()
{
    // A viewer asks for lines while the body downloads: what is known is right at every step,
    // the last line still growing.
    LineIndex index;
    QByteArray text;
    index.append("ab");
    text += "ab";
    QCOMPARE(index.lineCount(), 1);
    QCOMPARE(index.line(0, text).length, 2);
    index.append("c\nd");
    text += "c\nd";
    QCOMPARE(index.lineCount(), 2);
    QCOMPARE(text.mid(index.line(0, text).start, index.line(0, text).length), QByteArray("abc"));
    QCOMPARE(text.mid(index.line(1, text).start, index.line(1, text).length), QByteArray("d"));
    index.append("\n");
    text += "\n";
    QCOMPARE(index.lineCount(), 2);
}

QTEST_GUILESS_MAIN(tst_LineIndex)
#include "tst_lineindex.moc"
