#include "http/contentdecoder.h"

#include "testserver.h"

#include <QRandomGenerator>
#include <QTest>

using namespace ApiLens::Core;
using ApiLens::Test::TestServer;

class tst_ContentDecoder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void decodes_data();
    void decodes();
    void nothingToUndo_data();
    void nothingToUndo();
    void corruptOrTruncated_data();
    void corruptOrTruncated();
    void bombStopsAtTheSink_data();
    void bombStopsAtTheSink();
};

namespace {

QByteArray sample()
{
    QByteArray text;
    for (int i = 0; i < 4000; ++i) {
        text += "{\"id\":" + QByteArray::number(i) + ",\"name\":\"item " + QByteArray::number(i * 7) + "\"},";
    }
    // Some noise so the output spans many 64 KB pieces without compressing to nothing.
    QRandomGenerator random(42);
    for (int i = 0; i < 100000; ++i) {
        text += char('a' + random.bounded(26));
    }
    return text;
}

// Decodes `encoded` fed in pieces of `step` bytes.
bool decode(ContentDecoder *decoder, const QByteArray &encoded, qsizetype step, QByteArray *out)
{
    const ContentDecoder::Sink sink = [out](const char *data, qsizetype size) {
        out->append(data, size);
        return true;
    };
    for (qsizetype at = 0; at < encoded.size(); at += step) {
        if (!decoder->write(encoded.constData() + at, qMin(step, encoded.size() - at), sink)) {
            return false;
        }
    }
    return decoder->finish(sink);
}

} // namespace

void tst_ContentDecoder::decodes_data()
{
    QTest::addColumn<QByteArray>("header");  // as the server writes Content-Encoding
    QTest::addColumn<QByteArray>("applied"); // what the test server applies
    QTest::addColumn<qsizetype>("step");
    for (const char *coding : {"gzip", "br", "zstd"}) {
        QTest::newRow(coding) << QByteArray(coding) << QByteArray(coding) << qsizetype(1 << 20);
        QTest::newRow(QByteArray(QByteArray(coding) + " byte by byte").constData())
            << QByteArray(coding) << QByteArray(coding) << qsizetype(1);
    }
    QTest::newRow("x-gzip") << QByteArray("x-gzip") << QByteArray("gzip") << qsizetype(4096);
    QTest::newRow("deflate with zlib wrapper")
        << QByteArray("deflate") << QByteArray("deflate") << qsizetype(7);
    QTest::newRow("deflate raw, as many servers send it")
        << QByteArray("deflate") << QByteArray("raw-deflate") << qsizetype(7);
    QTest::newRow("a chain, undone last first")
        << QByteArray("gzip, br") << QByteArray("gzip, br") << qsizetype(333);
    QTest::newRow("identity in the chain")
        << QByteArray("identity, zstd") << QByteArray("zstd") << qsizetype(100);
}

void tst_ContentDecoder::decodes()
{
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, applied);
    QFETCH(qsizetype, step);
    const QByteArray original = sample();
    const QByteArray encoded = TestServer::encode(original, applied);
    QVERIFY(encoded.size() < original.size());
    auto decoder = ContentDecoder::forEncoding(header);
    QVERIFY(decoder);
    QByteArray out;
    QVERIFY2(decode(decoder.get(), encoded, step, &out), qPrintable(decoder->error()));
    QCOMPARE(out.size(), original.size());
    QVERIFY(out == original);
}

void tst_ContentDecoder::nothingToUndo_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("unsupported");
    QTest::newRow("none") << QByteArray() << QString();
    QTest::newRow("identity") << QByteArray("identity") << QString();
    QTest::newRow("an unknown coding is left as sent")
        << QByteArray("gzip, compress") << QStringLiteral("compress");
}

void tst_ContentDecoder::nothingToUndo()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, unsupported);
    QString named;
    QVERIFY(!ContentDecoder::forEncoding(header, &named));
    QCOMPARE(named, unsupported);
}

void tst_ContentDecoder::corruptOrTruncated_data()
{
    QTest::addColumn<QByteArray>("coding");
    QTest::addColumn<bool>("truncate");
    QTest::addColumn<QString>("error");
    for (const char *coding : {"gzip", "br", "zstd"}) {
        QTest::newRow(QByteArray(QByteArray(coding) + " corrupt").constData())
            << QByteArray(coding) << false << QStringLiteral("body is corrupt");
        QTest::newRow(QByteArray(QByteArray(coding) + " cut short").constData())
            << QByteArray(coding) << true << QStringLiteral("ended early");
    }
}

void tst_ContentDecoder::corruptOrTruncated()
{
    QFETCH(QByteArray, coding);
    QFETCH(bool, truncate);
    QFETCH(QString, error);
    QByteArray encoded = TestServer::encode(sample(), coding);
    if (truncate) {
        encoded.chop(encoded.size() / 2);
    } else {
        for (qsizetype i = 16; i < encoded.size(); i += 97) {
            encoded[i] = char(encoded[i] ^ 0x5a);
        }
    }
    auto decoder = ContentDecoder::forEncoding(coding);
    QByteArray out;
    QVERIFY(!decode(decoder.get(), encoded, 4096, &out));
    QVERIFY(!decoder->stopped());
    QVERIFY2(decoder->error().contains(error), qPrintable(decoder->error()));
}

void tst_ContentDecoder::bombStopsAtTheSink_data()
{
    QTest::addColumn<QByteArray>("coding");
    QTest::newRow("gzip") << QByteArray("gzip");
    QTest::newRow("br") << QByteArray("br");
    QTest::newRow("zstd") << QByteArray("zstd");
}

void tst_ContentDecoder::bombStopsAtTheSink()
{
    // 256 MB of zeros packs into well under 1 MB; the sink refuses past 4 MB, and decoding
    // must stop there without ever holding more than a piece of the output.
    QFETCH(QByteArray, coding);
    const QByteArray bomb = TestServer::encode(QByteArray(256 * 1024 * 1024, '\0'), coding);
    QVERIFY(bomb.size() < 1024 * 1024);
    auto decoder = ContentDecoder::forEncoding(coding);
    qint64 taken = 0;
    qsizetype largestPiece = 0;
    const bool ok = decoder->write(bomb.constData(), bomb.size(), [&](const char *, qsizetype size) {
        largestPiece = qMax(largestPiece, size);
        if (taken + size > 4 * 1024 * 1024) {
            return false;
        }
        taken += size;
        return true;
    });
    QVERIFY(!ok);
    QVERIFY(decoder->stopped());
    QVERIFY(decoder->error().isEmpty());
    QVERIFY(taken <= 4 * 1024 * 1024);
    QVERIFY(largestPiece <= 64 * 1024);
}

QTEST_GUILESS_MAIN(tst_ContentDecoder)
#include "tst_contentdecoder.moc"
