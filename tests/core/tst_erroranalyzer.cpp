#include "errors/erroranalyzer.h"
#include "errors/rawresponse.h"
#include "http/httpclient.h"

#include "externalserver.h"
#include "peers.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ApiLens::Core;

class tst_ErrorAnalyzer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void samples_data();
    void samples();
    void retryHints_data();
    void retryHints();
    void rateLimit_data();
    void rateLimit();
    void bearerChallenge_data();
    void bearerChallenge();
    void hostileInput_data();
    void hostileInput();
    void pythonHttpServerPages_data();
    void pythonHttpServerPages();
    void mayBeErrorShortcut_data();
    void mayBeErrorShortcut();
};

// "Name: value" lines -> headers.
static HeaderList headerLines(const QByteArray &text)
{
    HeaderList list;
    for (const QByteArray &line : text.split('\n')) {
        if (line.contains(':')) {
            list.append({line.left(line.indexOf(':')).trimmed(), line.mid(line.indexOf(':') + 1).trimmed()});
        }
    }
    return list;
}

static const QString dataDir = QStringLiteral(APILENS_TEST_DATA_DIR "/errors");

void tst_ErrorAnalyzer::samples_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QJsonObject>("expected");
    QFile expected(dataDir + QStringLiteral("/expected.jsonl"));
    QVERIFY(expected.open(QIODevice::ReadOnly));
    for (const QByteArray &line : expected.readAll().split('\n')) {
        if (line.trimmed().isEmpty()) {
            continue;
        }
        const QJsonObject record = QJsonDocument::fromJson(line).object();
        const QString file = record.value(QStringLiteral("file")).toString();
        QTest::newRow(qPrintable(file)) << file << record;
    }
}

void tst_ErrorAnalyzer::samples()
{
    QFETCH(QString, file);
    QFETCH(QJsonObject, expected);
    QFile raw(dataDir + QStringLiteral("/samples/") + file);
    QVERIFY(raw.open(QIODevice::ReadOnly));
    RawResponse response;
    QString error;
    QVERIFY2(parseRawResponse(raw.readAll(), &response, &error), qPrintable(error));
    const ErrorReport report = analyzeError(response.status, response.headers, response.body);
    QVERIFY(!report.isError() || mayBeError(response.status, response.body)); // the shortcut never misses one
    QJsonObject actual = report.toJson();
    actual.insert(QStringLiteral("file"), file);
    // Same keys, same values, same JSON types (QJsonValue keeps 5 and "5" apart).
    if (actual != expected) {
        QCOMPARE(QJsonDocument(actual).toJson(QJsonDocument::Compact),
                 QJsonDocument(expected).toJson(QJsonDocument::Compact));
    }
}

// Rows: status, headers ("Name: value" lines), body -> format, code, message, fields ("field=message;...").
void tst_ErrorAnalyzer::retryHints_data()
{
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<qint64>("seconds"); // -1: none
    QTest::newRow("delay-seconds") << QByteArray("Retry-After: 120") << QByteArray() << qint64(120);
    QTest::newRow("http-date minus Date")
        << QByteArray("Date: Wed, 15 May 2024 08:00:00 GMT\nRetry-After: Wed, 15 May 2024 08:01:30 GMT")
        << QByteArray() << qint64(90);
    QTest::newRow("header beats body")
        << QByteArray("Retry-After: 7")
        << QByteArray(R"({"error":{"code":503,"message":"x","status":"UNAVAILABLE","details":[)"
                      R"({"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"30s"}]}})")
        << qint64(7);
    QTest::newRow("google RetryInfo 1.5s rounds up")
        << QByteArray()
        << QByteArray(R"({"error":{"code":503,"message":"x","status":"UNAVAILABLE","details":[)"
                      R"({"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1.5s"}]}})")
        << qint64(2);
    // RetryInfo{retry_delay: 5s} as base64 protobuf, as Connect sends it.
    QTest::newRow("connect RetryInfo base64")
        << QByteArray()
        << QByteArray(
               R"({"code":"unavailable","message":"busy","details":[{"type":"google.rpc.RetryInfo","value":"CgIIBQ"}]})")
        << qint64(5);
    QTest::newRow("RateLimit t=") << QByteArray("RateLimit: \"default\";r=0;t=37") << QByteArray()
                                  << qint64(37);
    QTest::newRow("RateLimit-Reset") << QByteArray("RateLimit-Reset: 12") << QByteArray() << qint64(12);
    QTest::newRow("GitHub epoch with nothing left")
        << QByteArray(
               "Date: Wed, 15 May 2024 08:00:00 GMT\nx-ratelimit-remaining: 0\nx-ratelimit-reset: 1715760120")
        << QByteArray() << qint64(120);
    QTest::newRow("GitHub epoch with some left")
        << QByteArray("Date: Wed, 15 May 2024 08:00:00 GMT\nx-ratelimit-remaining: 10\nx-ratelimit-reset: "
                      "1715760120")
        << QByteArray() << qint64(-1);
    QTest::newRow("garbage Retry-After") << QByteArray("Retry-After: soon") << QByteArray() << qint64(-1);
    // Numbers from a hostile server are range-checked (UBSan found casts and subtractions
    // that overflowed: "retry after -9223372036854775808 s").
    QTest::newRow("RetryInfo 1e300s is no wait")
        << QByteArray()
        << QByteArray(R"({"error":{"code":503,"message":"x","status":"UNAVAILABLE","details":[)"
                      R"({"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1e300s"}]}})")
        << qint64(-1);
    QTest::newRow("Retry-After of 20 digits")
        << QByteArray("Retry-After: 99999999999999999999") << QByteArray() << qint64(-1);
    QTest::newRow("Retry-After of a century")
        << QByteArray("Retry-After: 3153600000") << QByteArray() << qint64(-1);
    QTest::newRow("a negative epoch")
        << QByteArray("x-ratelimit-remaining: 0\nx-ratelimit-reset: -9223372036854775807") << QByteArray()
        << qint64(-1);
    QTest::newRow("RateLimit-Reset below zero")
        << QByteArray("RateLimit-Reset: -5") << QByteArray() << qint64(-1);
}

void tst_ErrorAnalyzer::retryHints()
{
    QFETCH(QByteArray, headers);
    QFETCH(QByteArray, body);
    QFETCH(qint64, seconds);
    const HeaderList list = headerLines(headers);
    const ErrorReport report =
        analyzeError(429, list, body, QDateTime(QDate(2024, 5, 15), QTime(8, 0), Qt::UTC));
    QCOMPARE(report.retryAfterSeconds.value_or(-1), seconds);
}

void tst_ErrorAnalyzer::rateLimit_data()
{
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<qint64>("limit");
    QTest::addColumn<qint64>("remaining");
    QTest::addColumn<qint64>("reset");
    QTest::newRow("current draft")
        << QByteArray("RateLimit-Policy: \"default\";q=100;w=60\nRateLimit: \"default\";r=3;t=37")
        << qint64(100) << qint64(3) << qint64(37);
    QTest::newRow("older draft") << QByteArray(
                                        "RateLimit-Limit: 10\nRateLimit-Remaining: 0\nRateLimit-Reset: 20")
                                 << qint64(10) << qint64(0) << qint64(20);
    QTest::newRow("github epoch") << QByteArray("Date: Wed, 15 May 2024 08:00:00 GMT\nx-ratelimit-limit: "
                                                "60\nx-ratelimit-remaining: 0\nx-ratelimit-reset: 1715760120")
                                  << qint64(60) << qint64(0) << qint64(120);
    QTest::newRow("none") << QByteArray("Content-Type: text/plain") << qint64(-1) << qint64(-1) << qint64(-1);
}

void tst_ErrorAnalyzer::rateLimit()
{
    QFETCH(QByteArray, headers);
    QFETCH(qint64, limit);
    QFETCH(qint64, remaining);
    QFETCH(qint64, reset);
    const auto info = rateLimitOf(headerLines(headers), QDateTime(QDate(2024, 5, 15), QTime(8, 0), Qt::UTC));
    QCOMPARE(info.has_value(), limit >= 0);
    if (info) {
        QCOMPARE(info->limit.value_or(-1), limit);
        QCOMPARE(info->remaining.value_or(-1), remaining);
        QCOMPARE(info->resetSeconds.value_or(-1), reset);
    }
}

void tst_ErrorAnalyzer::bearerChallenge_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("description");
    QTest::newRow("plain")
        << QByteArray(
               R"(Bearer realm="example", error="invalid_token", error_description="The access token expired")")
        << QStringLiteral("invalid_token") << QStringLiteral("The access token expired");
    QTest::newRow("comma inside quotes")
        << QByteArray(
               R"(Bearer error="insufficient_scope", error_description="needs read, write", scope="read write")")
        << QStringLiteral("insufficient_scope") << QStringLiteral("needs read, write");
    QTest::newRow("after a Basic challenge")
        << QByteArray(R"(Basic realm="x", Bearer realm="y", error="invalid_request")")
        << QStringLiteral("invalid_request") << QString();
    QTest::newRow("no error param") << QByteArray(R"(Bearer realm="example")") << QString() << QString();
}

void tst_ErrorAnalyzer::bearerChallenge()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, error);
    QFETCH(QString, description);
    const ErrorReport report = analyzeError(401, {{"WWW-Authenticate", header}}, QByteArray());
    QCOMPARE(report.format, QStringLiteral("oauth2-bearer-challenge"));
    QCOMPARE(report.code.toString(), error);
    QCOMPARE(report.code.isNull(), error.isEmpty());
    QCOMPARE(report.message.value_or(QString()), description);
}

void tst_ErrorAnalyzer::hostileInput_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("format");
    QTest::newRow("deep nesting") << QByteArray(200000, '[') << QStringLiteral("malformed-json");
    QTest::newRow("deep objects") << QByteArray("{\"a\":").repeated(100000)
                                  << QStringLiteral("malformed-json");
    QTest::newRow("invalid utf-8 text") << QByteArray("\xff\xfe\xfd broken") << QStringLiteral("plain-text");
    QTest::newRow("BOM json") << QByteArray("\xEF\xBB\xBF{\"detail\":\"x\"}") << QStringLiteral("drf");
    QByteArray big = "{\"message\":\"Bad\",\"errors\":{";
    for (int i = 0; big.size() < 50 * 1024 * 1024; ++i) {
        big += "\"field" + QByteArray::number(i) + "\":[\"is wrong in some way or other\"],";
    }
    big += "\"last\":[\"x\"]}}";
    QTest::newRow("50 MB laravel body") << big << QStringLiteral("laravel");
    QTest::newRow("xml bomb-ish nesting")
        << QByteArray("<a>").repeated(100000) << QStringLiteral("plain-text");
}

void tst_ErrorAnalyzer::hostileInput()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, format);
    QElapsedTimer timer;
    timer.start();
    const ErrorReport report = analyzeError(400, {}, body);
    QCOMPARE(report.format, format);
    qInfo("%s: %lld ms", QTest::currentDataTag(), timer.elapsed());
}

void tst_ErrorAnalyzer::pythonHttpServerPages_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    QTest::newRow("404") << QByteArray("GET") << QStringLiteral("/missing.json") << 404
                         << QStringLiteral("File not found");
    QTest::newRow("501") << QByteArray("POST") << QStringLiteral("/") << 501
                         << QStringLiteral("Unsupported method ('POST')");
}

void tst_ErrorAnalyzer::pythonHttpServerPages()
{
    // The real peer: Python's http.server on 127.0.0.1 titles every error page "Error
    // response"; the message is what its page says went wrong.
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QString, message);
    APILENS_REQUIRE_PEER(QFileInfo::exists(QStringLiteral("/usr/bin/python3")), "python3 is not installed");
    QTemporaryDir folder;
    ApiLens::Test::ExternalServer server;
    QVERIFY2(server.start(QStringLiteral("/usr/bin/python3"),
                          {QStringLiteral("-m"), QStringLiteral("http.server"), QStringLiteral("{port}"),
                           QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
                           QStringLiteral("--directory"), folder.path()}),
             qPrintable(server.errorString()));
    HttpClient client;
    RequestSpec spec;
    spec.method = QString::fromLatin1(method);
    spec.url = QStringLiteral("http://127.0.0.1:%1%2").arg(server.port()).arg(path);
    PendingExchange *pending = client.send(spec);
    QSignalSpy finished(pending, &PendingExchange::finished);
    QVERIFY(pending->isFinished() || finished.wait(20000));
    const Exchange &exchange = pending->exchange();
    QCOMPARE(exchange.status, status);
    const ErrorReport report = analyzeError(exchange.status, exchange.headers, exchange.body.bytes());
    QCOMPARE(report.format, QStringLiteral("python-html"));
    QCOMPARE(report.message.value_or(QString()), message);
}

void tst_ErrorAnalyzer::mayBeErrorShortcut_data()
{
    // mayBeError lets a run skip reading successful bodies; it must say yes to every error.
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("may");
    QTest::addColumn<bool>("error");
    QTest::newRow("200 JSON") << 200 << QByteArray(R"({"id": 42, "name": "Ada"})") << false << false;
    QTest::newRow("200 empty") << 200 << QByteArray() << false << false;
    QTest::newRow("204 text") << 204 << QByteArray("error") << false << false;
    QTest::newRow("200 GraphQL errors")
        << 200 << QByteArray(R"({"data": null, "errors": [{"message": "Cannot query field"}]})") << true
        << true;
    QTest::newRow("200 GraphQL spaced")
        << 200 << QByteArray("{\n  \"errors\" : [{\"message\": \"x\"}]}") << true << true;
    QTest::newRow("200 Slack not ok")
        << 200 << QByteArray(R"({"ok": false, "error": "channel_not_found"})") << true << true;
    QTest::newRow("200 Slack ok") << 200 << QByteArray(R"({"ok": true})") << true << false;
    QTest::newRow("404 empty") << 404 << QByteArray() << true << true;
    QTest::newRow("500 text") << 500 << QByteArray("boom") << true << true;
}

void tst_ErrorAnalyzer::mayBeErrorShortcut()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(bool, may);
    QFETCH(bool, error);
    const HeaderList headers{{"Content-Type", "application/json"}};
    QCOMPARE(mayBeError(status, body), may);
    QCOMPARE(analyzeError(status, headers, body).isError(), error);
}

QTEST_GUILESS_MAIN(tst_ErrorAnalyzer)
#include "tst_erroranalyzer.moc"
