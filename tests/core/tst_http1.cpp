#include "http/http1.h"

#include <QTest>

using namespace ApiLens::Core;

class tst_Http1 : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void requestHead();
    void responses_data();
    void responses();
    void everySplitGivesTheSameResult_data();
    void everySplitGivesTheSameResult();
    void refused_data();
    void refused();
    void closeEndsTheBody_data();
    void closeEndsTheBody();
    void limits();
    void headerTokens();
};

namespace {

struct Parsed
{
    bool ok = false;
    bool complete = false;
    int status = 0;
    QByteArray reason;
    HeaderList headers;
    QByteArray body;
    qsizetype used = 0;
    bool keepAlive = false;
    int interim = 0;
    QString error;
};

// Feeds `bytes` in pieces of `step` (0: all at once).
Parsed parse(const QByteArray &bytes, qsizetype step = 0, bool head = false)
{
    Http1::ResponseParser parser;
    parser.start(head);
    Parsed result;
    const qsizetype piece = step > 0 ? step : qMax<qsizetype>(1, bytes.size());
    for (qsizetype at = 0; at < bytes.size() && !parser.isComplete(); at += piece) {
        const qsizetype size = qMin(piece, bytes.size() - at);
        const qsizetype used = parser.feed(bytes.constData() + at, size, &result.body);
        if (used < 0) {
            result.error = parser.error();
            return result;
        }
        result.used = at + used;
    }
    result.ok = true;
    result.complete = parser.isComplete();
    result.status = parser.head().status;
    result.reason = parser.head().reason;
    result.headers = parser.head().headers;
    result.keepAlive = parser.keepAlive();
    result.interim = parser.interimSeen();
    return result;
}

} // namespace

void tst_Http1::requestHead()
{
    QCOMPARE(Http1::requestHead("GET", "/a?b=1", {{"Host", "h:1"}, {"X-A", "v"}}),
             QByteArray("GET /a?b=1 HTTP/1.1\r\nHost: h:1\r\nX-A: v\r\n\r\n"));
}

void tst_Http1::responses_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("head");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("reason");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("keepAlive");
    QTest::addColumn<int>("interim");
    QTest::newRow("content-length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")
                                    << false << 200 << QByteArray("OK") << QByteArray("hello") << true << 0;
    QTest::newRow("chunked with extensions and trailers")
        << QByteArray("HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nX-Trailer: t\r\n\r\n")
        << false << 201 << QByteArray("Created") << QByteArray("Wikipedia") << true << 0;
    QTest::newRow("bare LF line ends")
        << QByteArray("HTTP/1.1 404 Not Found\nContent-Length: 2\n\nno") << false << 404
        << QByteArray("Not Found") << QByteArray("no") << true << 0;
    QTest::newRow("no reason phrase")
        << QByteArray("HTTP/1.1 204\r\n\r\n") << false << 204 << QByteArray() << QByteArray() << true << 0;
    QTest::newRow("HEAD has no body whatever the length says")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n") << true << 200 << QByteArray("OK")
        << QByteArray() << true << 0;
    QTest::newRow("304 has no body") << QByteArray("HTTP/1.1 304 Not Modified\r\nContent-Length: 9\r\n\r\n")
                                     << false << 304 << QByteArray("Not Modified") << QByteArray() << true
                                     << 0;
    QTest::newRow("100 and 103 before the final response")
        << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n"
                      "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        << false << 200 << QByteArray("OK") << QByteArray("ok") << true << 2;
    QTest::newRow("connection: close")
        << QByteArray("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n") << false << 200
        << QByteArray("OK") << QByteArray() << false << 0;
    QTest::newRow("HTTP/1.0 without keep-alive")
        << QByteArray("HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nx") << false << 200 << QByteArray("OK")
        << QByteArray("x") << false << 0;
    QTest::newRow("HTTP/1.0 with keep-alive")
        << QByteArray("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 1\r\n\r\nx") << false
        << 200 << QByteArray("OK") << QByteArray("x") << true << 0;
    QTest::newRow("repeated identical Content-Length")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 3, 3\r\n\r\nabc") << false << 200
        << QByteArray("OK") << QByteArray("abc") << true << 0;
    QTest::newRow("obsolete line folding")
        << QByteArray("HTTP/1.1 200 OK\r\nX-Long: a\r\n  b\r\nContent-Length: 0\r\n\r\n") << false << 200
        << QByteArray("OK") << QByteArray() << true << 0;
}

void tst_Http1::responses()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, head);
    QFETCH(int, status);
    QFETCH(QByteArray, reason);
    QFETCH(QByteArray, body);
    QFETCH(bool, keepAlive);
    QFETCH(int, interim);
    const Parsed parsed = parse(bytes, 0, head);
    QVERIFY2(parsed.ok, qPrintable(parsed.error));
    QVERIFY(parsed.complete);
    QCOMPARE(parsed.status, status);
    QCOMPARE(parsed.reason, reason);
    QCOMPARE(parsed.body, body);
    QCOMPARE(parsed.keepAlive, keepAlive);
    QCOMPARE(parsed.interim, interim);
    QCOMPARE(parsed.used, bytes.size());
    if (qstrcmp(QTest::currentDataTag(), "obsolete line folding") == 0) {
        QCOMPARE(headerValue(parsed.headers, "X-Long"), QByteArray("a b"));
    }
}

void tst_Http1::everySplitGivesTheSameResult_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("chunked") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                           "3\r\nabc\r\n10\r\n0123456789abcdef\r\n0\r\n\r\n");
    QTest::newRow("length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 10\r\nX: y\r\n\r\n0123456789");
}

void tst_Http1::everySplitGivesTheSameResult()
{
    QFETCH(QByteArray, bytes);
    const Parsed whole = parse(bytes);
    QVERIFY(whole.complete);
    for (qsizetype step = 1; step < bytes.size(); ++step) {
        const Parsed split = parse(bytes, step);
        QVERIFY2(split.complete, qPrintable(QStringLiteral("step %1: %2").arg(step).arg(split.error)));
        QCOMPARE(split.body, whole.body);
        QCOMPARE(split.headers, whole.headers);
    }
}

void tst_Http1::refused_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("error");
    QTest::newRow("not HTTP") << QByteArray("SSH-2.0-OpenSSH_9.2\r\n")
                              << QStringLiteral("not an HTTP/1.x response");
    QTest::newRow("HTTP/2 frames") << QByteArray("\0\0\x12\x04\0\0\0\0\0", 9) + "\n"
                                   << QStringLiteral("not an HTTP/1.x response");
    QTest::newRow("bad status") << QByteArray("HTTP/1.1 2x0 OK\r\n") << QStringLiteral("invalid status line");
    QTest::newRow("header without colon")
        << QByteArray("HTTP/1.1 200 OK\r\nBroken\r\n") << QStringLiteral("invalid header line");
    QTest::newRow("space in a name") << QByteArray("HTTP/1.1 200 OK\r\nBad Name: v\r\n")
                                     << QStringLiteral("invalid header name");
    QTest::newRow("two lengths") << QByteArray(
                                        "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n")
                                 << QStringLiteral("invalid Content-Length");
    QTest::newRow("negative length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n")
                                     << QStringLiteral("invalid Content-Length");
    QTest::newRow("chunk size not hex")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
        << QStringLiteral("invalid chunk size");
    QTest::newRow("chunk longer than its size")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n")
        << QStringLiteral("chunk longer than its size");
}

void tst_Http1::refused()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, error);
    const Parsed parsed = parse(bytes);
    QVERIFY(!parsed.ok);
    QVERIFY2(parsed.error.contains(error), qPrintable(parsed.error));
}

void tst_Http1::closeEndsTheBody_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("complete");
    QTest::addColumn<QString>("error");
    QTest::newRow("delimited by the close")
        << QByteArray("HTTP/1.0 200 OK\r\n\r\nall of it") << true << QString();
    QTest::newRow("nothing at all") << QByteArray() << false << QStringLiteral("without a response");
    QTest::newRow("in the headers") << QByteArray("HTTP/1.1 200 OK\r\nX-") << false
                                    << QStringLiteral("in the middle of the response headers");
    QTest::newRow("short body") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc") << false
                                << QStringLiteral("after 3 of the 10 body bytes");
    QTest::newRow("no last chunk") << QByteArray(
                                          "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n")
                                   << false << QStringLiteral("before the last chunk");
}

void tst_Http1::closeEndsTheBody()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, complete);
    QFETCH(QString, error);
    Http1::ResponseParser parser;
    parser.start(false);
    QByteArray body;
    QVERIFY(parser.feed(bytes.constData(), bytes.size(), &body) >= 0);
    QCOMPARE(parser.finishOnClose(), complete);
    if (complete) {
        QCOMPARE(body, QByteArray("all of it"));
        QVERIFY(!parser.keepAlive()); // a body ended by the close leaves no connection
    } else {
        QVERIFY2(parser.error().contains(error), qPrintable(parser.error()));
    }
}

void tst_Http1::limits()
{
    Http1::ResponseParser::Limits limits;
    limits.maxHeadBytes = 1024;
    limits.maxHeaders = 5;
    Http1::ResponseParser parser(limits);
    parser.start(false);
    QByteArray body;
    const QByteArray big = "HTTP/1.1 200 OK\r\nX-Big: " + QByteArray(2000, 'a') + "\r\n\r\n";
    QCOMPARE(parser.feed(big.constData(), big.size(), &body), -1);
    QVERIFY2(parser.error().contains(QStringLiteral("header section larger than 1.0 KB")),
             qPrintable(parser.error()));

    parser.start(false);
    QByteArray many = "HTTP/1.1 200 OK\r\n";
    for (int i = 0; i < 6; ++i) {
        many += "X-" + QByteArray::number(i) + ": v\r\n";
    }
    QCOMPARE(parser.feed(many.constData(), many.size(), &body), -1);
    QVERIFY2(parser.error().contains(QStringLiteral("more than 5 header fields")),
             qPrintable(parser.error()));
}

void tst_Http1::headerTokens()
{
    const HeaderList headers{{"Connection", "keep-alive, Upgrade"}, {"connection", " CLOSE "}, {"X", "y"}};
    QCOMPARE(Http1::headerTokens(headers, "Connection"),
             (QList<QByteArray>{"keep-alive", "upgrade", "close"}));
    QCOMPARE(Http1::headerValues(headers, "CONNECTION").size(), 2);
}

QTEST_GUILESS_MAIN(tst_Http1)
#include "tst_http1.moc"
