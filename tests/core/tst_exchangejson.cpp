#include "http/exchangejson.h"

#include <QJsonArray>
#include <QTest>

using namespace ApiLens::Core;

class tst_ExchangeJson : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void record_data();
    void record();
    void repeatedHeadersAreJoined();
    void errorRecord();
    void sentRequests();
};

void tst_ExchangeJson::record_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<TransportError>("error");
    QTest::addColumn<QString>("statusClass");
    QTest::addColumn<QString>("kind");
    QTest::newRow("200") << 200 << TransportError::None << QStringLiteral("2xx") << QString();
    QTest::newRow("429") << 429 << TransportError::None << QStringLiteral("4xx") << QString();
    QTest::newRow("200 cut off") << 200 << TransportError::BodyTooLarge << QStringLiteral("2xx")
                                 << QStringLiteral("body-too-large");
    QTest::newRow("refused") << 0 << TransportError::ConnectionRefused << QStringLiteral("none")
                             << QStringLiteral("refused");
    QTest::newRow("timeout") << 0 << TransportError::Timeout << QStringLiteral("none")
                             << QStringLiteral("timeout");
}

void tst_ExchangeJson::record()
{
    QFETCH(int, status);
    QFETCH(TransportError, error);
    QFETCH(QString, statusClass);
    QFETCH(QString, kind);
    Exchange ex;
    ex.status = status;
    ex.error = error;
    ex.errorMessage = QStringLiteral("what happened");
    ex.body = ResponseBody::fromBytes("abc");
    ex.timings.requestSentMs = 1.5;
    ex.timings.finishedMs = 12.25;
    const QJsonObject json = exchangeToJson(ex);
    const QStringList keys{
        QStringLiteral("body_size"),    QStringLiteral("error"),      QStringLiteral("headers"),
        QStringLiteral("reason"),       QStringLiteral("sent"),       QStringLiteral("status"),
        QStringLiteral("status_class"), QStringLiteral("timings_ms"), QStringLiteral("transport_error")};
    QCOMPARE(json.keys(), keys);
    QCOMPARE(json.value(QStringLiteral("status_class")).toString(), statusClass);
    QCOMPARE(json.value(QStringLiteral("status")).isNull(), status == 0);
    QCOMPARE(json.value(QStringLiteral("reason")).isNull(), status == 0);
    QCOMPARE(json.value(QStringLiteral("body_size")).toInt(), 3);
    const QJsonObject timings = json.value(QStringLiteral("timings_ms")).toObject();
    QCOMPARE(timings.value(QStringLiteral("total")).toDouble(), 12.25);
    QVERIFY(timings.value(QStringLiteral("first_byte")).isNull()); // not reported
    const QJsonValue transport = json.value(QStringLiteral("transport_error"));
    if (kind.isEmpty()) {
        QVERIFY(transport.isNull());
    } else {
        QCOMPARE(transport.toObject().value(QStringLiteral("kind")).toString(), kind);
        QCOMPARE(transport.toObject().value(QStringLiteral("message")).toString(),
                 QStringLiteral("what happened"));
    }
}

void tst_ExchangeJson::repeatedHeadersAreJoined()
{
    Exchange ex;
    ex.status = 200;
    ex.headers = {{"Vary", "Accept"}, {"vary", "Origin"}, {"Set-Cookie", "a=1"}, {"Set-Cookie", "b=2"}};
    const QJsonObject headers = exchangeToJson(ex).value(QStringLiteral("headers")).toObject();
    QCOMPARE(headers.value(QStringLiteral("vary")).toString(), QStringLiteral("Accept, Origin"));
    QCOMPARE(headers.value(QStringLiteral("set-cookie")).toString(), QStringLiteral("a=1\nb=2"));
}

void tst_ExchangeJson::errorRecord()
{
    Exchange ex;
    ex.status = 404;
    ErrorReport report;
    report.status = 404;
    report.format = QStringLiteral("netilion");
    report.code = QStringLiteral("not_found_no_permission");
    const QJsonObject error = exchangeToJson(ex, &report).value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("not_found_no_permission"));
    QCOMPARE(error.value(QStringLiteral("status_class")).toString(), QStringLiteral("4xx"));
    report.status = 200; // a success is not an error record
    ex.status = 200;
    report.format = QStringLiteral("json");
    QVERIFY(exchangeToJson(ex, &report).value(QStringLiteral("error")).isNull());
}

void tst_ExchangeJson::sentRequests()
{
    Exchange ex;
    ex.status = 200;
    Hop hop;
    hop.request.method = "POST";
    hop.request.url = QUrl(QStringLiteral("http://h/a"));
    hop.request.target = "/a";
    hop.request.httpVersion = QStringLiteral("HTTP/1.1");
    hop.request.headers = {{"Host", "h"}, {"X-A", "1"}, {"X-A", "2"}};
    hop.request.bodySize = 3;
    hop.response.status = 302;
    hop.response.reason = "Found";
    hop.response.headers = {{"Location", "/b"}};
    ex.hops = {hop};
    ex.request.method = "GET";
    ex.request.url = QUrl(QStringLiteral("http://h/b"));
    ex.request.target = "/b";
    ex.request.httpVersion = QStringLiteral("HTTP/2");
    ex.request.headers = {{":method", "GET"}, {":path", "/b"}};
    const QJsonArray sent = exchangeToJson(ex).value(QStringLiteral("sent")).toArray();
    QCOMPARE(sent.size(), 2);
    const QJsonObject first = sent.at(0).toObject();
    QCOMPARE(first.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
    // Headers are pairs in order: repeated ones stay apart, as they went out.
    QCOMPARE(first.value(QStringLiteral("headers")).toArray(),
             (QJsonArray{QJsonArray{QStringLiteral("Host"), QStringLiteral("h")},
                         QJsonArray{QStringLiteral("X-A"), QStringLiteral("1")},
                         QJsonArray{QStringLiteral("X-A"), QStringLiteral("2")}}));
    QCOMPARE(first.value(QStringLiteral("response")).toObject().value(QStringLiteral("status")).toInt(), 302);
    QCOMPARE(first.value(QStringLiteral("body_size")).toInt(), 3);
    const QJsonObject last = sent.at(1).toObject();
    QCOMPARE(last.value(QStringLiteral("http_version")).toString(), QStringLiteral("HTTP/2"));
    QCOMPARE(last.value(QStringLiteral("target")).toString(), QStringLiteral("/b"));
    QVERIFY(!last.contains(QStringLiteral("response")));
    ex.request.httpVersion.clear(); // never reached the wire
    QVERIFY(exchangeToJson(ex)
                .value(QStringLiteral("sent"))
                .toArray()
                .at(1)
                .toObject()
                .value(QStringLiteral("http_version"))
                .isNull());
}

QTEST_GUILESS_MAIN(tst_ExchangeJson)
#include "tst_exchangejson.moc"
