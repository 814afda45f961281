#include "errors/rawresponse.h"

#include <QTest>

using namespace ApiLens::Core;

class tst_RawResponse : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parses_data();
    void parses();
    void rejects_data();
    void rejects();
};

void tst_RawResponse::parses_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("reason");
    QTest::addColumn<int>("headerCount");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("LF head") << QByteArray("HTTP/1.1 404 Not Found\nContent-Type: text/plain\n\nnope\n")
                             << 404 << QByteArray("Not Found") << 1 << QByteArray("nope\n");
    QTest::newRow("CRLF head, CRLF body kept") << QByteArray("HTTP/1.1 200 OK\r\nA: 1\r\nB: 2\r\n\r\nx\r\ny")
                                               << 200 << QByteArray("OK") << 2 << QByteArray("x\r\ny");
    QTest::newRow("empty reason") << QByteArray("HTTP/1.1 530 \nCF-RAY: 1\n\n") << 530 << QByteArray() << 1
                                  << QByteArray();
    QTest::newRow("reason with a message")
        << QByteArray("HTTP/1.1 404 The specified blob does not exist.\n\n") << 404
        << QByteArray("The specified blob does not exist.") << 0 << QByteArray();
    QTest::newRow("no blank line: no body")
        << QByteArray("HTTP/2 204\nX-Request-Id: a") << 204 << QByteArray() << 1 << QByteArray();
    QTest::newRow("folded header")
        << QByteArray("HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm=\"a\",\n error=\"x\"\n\n")
        << 401 << QByteArray("Unauthorized") << 1 << QByteArray();
    QTest::newRow("BOM before status line") << QByteArray("\xEF\xBB\xBFHTTP/1.1 200 OK\n\n{}") << 200
                                            << QByteArray("OK") << 0 << QByteArray("{}");
}

void tst_RawResponse::parses()
{
    QFETCH(QByteArray, data);
    QFETCH(int, status);
    QFETCH(QByteArray, reason);
    QFETCH(int, headerCount);
    QFETCH(QByteArray, body);
    RawResponse response;
    QString error;
    QVERIFY2(parseRawResponse(data, &response, &error), qPrintable(error));
    QCOMPARE(response.status, status);
    QCOMPARE(response.reason, reason);
    QCOMPARE(response.headers.size(), headerCount);
    QCOMPARE(response.body, body);
}

void tst_RawResponse::rejects_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("line 1: expected a status line");
    QTest::newRow("a request") << QByteArray("GET / HTTP/1.1\n\n")
                               << QStringLiteral("line 1: expected a status line");
    QTest::newRow("no code") << QByteArray("HTTP/1.1 OK\n\n")
                             << QStringLiteral("line 1: 'HTTP/1.1 OK' has no three-digit");
    QTest::newRow("bad header line") << QByteArray("HTTP/1.1 200 OK\nA: 1\nnot a header\n\n")
                                     << QStringLiteral(
                                            "line 3: 'not a header' is not a 'Name: value' header");
}

void tst_RawResponse::rejects()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, message);
    RawResponse response;
    QString error;
    QVERIFY(!parseRawResponse(data, &response, &error));
    QVERIFY2(error.startsWith(message), qPrintable(error));
}

QTEST_GUILESS_MAIN(tst_RawResponse)
#include "tst_rawresponse.moc"
