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
    void formats_data();
    void formats();
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
    QJsonObject actual = analyzeError(response.status, response.headers, response.body).toJson();
    actual.insert(QStringLiteral("file"), file);
    // Same keys, same values, same JSON types (QJsonValue keeps 5 and "5" apart).
    if (actual != expected) {
        QCOMPARE(QJsonDocument(actual).toJson(QJsonDocument::Compact),
                 QJsonDocument(expected).toJson(QJsonDocument::Compact));
    }
}

// Rows: status, headers ("Name: value" lines), body -> format, code, message, fields ("field=message;...").
void tst_ErrorAnalyzer::formats_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QJsonValue>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("fields");
    QTest::addColumn<QString>("requestId");
    QTest::addColumn<QString>("docUrl");

    QTest::newRow("problem with errors[] and about:blank")
        << 422 << QByteArray("Content-Type: application/problem+json")
        << QByteArray(
               R"({"type":"about:blank","title":"Unprocessable","errors":[{"pointer":"#/age","detail":"must be positive"}],)"
               R"("invalid-params":[{"name":"color","reason":"must be red"}],"instance":"/x/1"})")
        << QStringLiteral("problem-details") << QJsonValue() << QStringLiteral("Unprocessable")
        << QStringLiteral("#/age=must be positive;color=must be red") << QString() << QString();
    QTest::newRow("problem xml")
        << 403 << QByteArray("Content-Type: application/problem+xml")
        << QByteArray(
               R"(<?xml version="1.0"?><problem xmlns="urn:ietf:rfc:7807"><type>https://ex.test/probs/credit</type>)"
               R"(<title>No credit</title><detail>Balance 30</detail></problem>)")
        << QStringLiteral("problem-details-xml") << QJsonValue(QStringLiteral("https://ex.test/probs/credit"))
        << QStringLiteral("Balance 30") << QString() << QString()
        << QStringLiteral("https://ex.test/probs/credit");
    QTest::newRow("jsonapi parameter, id and links.about")
        << 400 << QByteArray("Content-Type: application/vnd.api+json")
        << QByteArray(R"({"errors":[{"id":"e-1","status":"400","code":"bad_sort","title":"Bad sort",)"
                      R"("source":{"parameter":"sort"},"links":{"about":"https://ex.test/e/bad_sort"}}]})")
        << QStringLiteral("jsonapi") << QJsonValue(QStringLiteral("bad_sort")) << QStringLiteral("Bad sort")
        << QStringLiteral("sort=Bad sort") << QStringLiteral("e-1")
        << QStringLiteral("https://ex.test/e/bad_sort");
    QTest::newRow("google with every detail")
        << 429 << QByteArray("Content-Type: application/json")
        << QByteArray(
               R"({"error":{"code":429,"message":"Quota","status":"RESOURCE_EXHAUSTED","details":[)"
               R"({"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"a.b[1]","description":"bad"}]},)"
               R"({"@type":"type.googleapis.com/google.rpc.RequestInfo","requestId":"rq-9"},)"
               R"({"@type":"type.googleapis.com/google.rpc.Help","links":[{"url":"https://ex.test/help"}]}]}})")
        << QStringLiteral("google-aip193") << QJsonValue(QStringLiteral("RESOURCE_EXHAUSTED"))
        << QStringLiteral("Quota") << QStringLiteral("a.b[1]=bad") << QStringLiteral("rq-9")
        << QStringLiteral("https://ex.test/help");
    QTest::newRow("google legacy errors[]")
        << 404 << QByteArray()
        << QByteArray(
               R"({"error":{"code":404,"message":"File not found","errors":[{"domain":"global","reason":"notFound",)"
               R"("message":"File not found","location":"fileId","locationType":"parameter"}]}})")
        << QStringLiteral("google-aip193") << QJsonValue(QStringLiteral("notFound"))
        << QStringLiteral("File not found") << QStringLiteral("fileId=File not found") << QString()
        << QString();
    QTest::newRow("microsoft details with targets")
        << 400 << QByteArray("x-ms-request-id: ms-1")
        << QByteArray(R"({"error":{"code":"BadArgument","message":"Bad","target":"contact",)"
                      R"("details":[{"code":"nullValue","target":"phone","message":"Phone is required"}]}})")
        << QStringLiteral("microsoft-rest") << QJsonValue(QStringLiteral("BadArgument"))
        << QStringLiteral("Bad") << QStringLiteral("phone=Phone is required") << QStringLiteral("ms-1")
        << QString();
    QTest::newRow("azure storage xml")
        << 404 << QByteArray("x-ms-request-id: az-7\nx-ms-error-code: BlobNotFound")
        << QByteArray("<?xml version=\"1.0\" "
                      "encoding=\"utf-8\"?><Error><Code>BlobNotFound</Code><Message>The specified blob "
                      "does not exist.\nRequestId:az-7\nTime:2024-05-15T08:00:00Z</Message></Error>")
        << QStringLiteral("azure-storage-xml") << QJsonValue(QStringLiteral("BlobNotFound"))
        << QStringLiteral("The specified blob does not exist.") << QString() << QStringLiteral("az-7")
        << QString();
    QTest::newRow("aws query xml")
        << 403 << QByteArray("Content-Type: text/xml")
        << QByteArray("<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</"
                      "Code><Message>The security token "
                      "is invalid.</Message></Error><RequestId>aq-1</RequestId></ErrorResponse>")
        << QStringLiteral("aws-query-xml") << QJsonValue(QStringLiteral("InvalidClientTokenId"))
        << QStringLiteral("The security token is invalid.") << QString() << QStringLiteral("aq-1")
        << QString();
    QTest::newRow("aws restjson from header")
        << 403
        << QByteArray("x-amzn-ErrorType: "
                      "MissingAuthenticationTokenException:http://internal\nx-amzn-RequestId: ar-1")
        << QByteArray(R"({"message":"Missing Authentication Token"})") << QStringLiteral("aws-restjson")
        << QJsonValue(QStringLiteral("MissingAuthenticationTokenException"))
        << QStringLiteral("Missing Authentication Token") << QString() << QStringLiteral("ar-1") << QString();
    QTest::newRow("stripe param")
        << 400 << QByteArray("Request-Id: req_1")
        << QByteArray(
               R"({"error":{"type":"invalid_request_error","code":"parameter_missing","param":"amount",)"
               R"("message":"Missing required param: amount.","doc_url":"https://stripe.com/docs/error-codes/parameter-missing"}})")
        << QStringLiteral("stripe") << QJsonValue(QStringLiteral("parameter_missing"))
        << QStringLiteral("Missing required param: amount.")
        << QStringLiteral("amount=Missing required param: amount.") << QStringLiteral("req_1")
        << QStringLiteral("https://stripe.com/docs/error-codes/parameter-missing");
    QTest::newRow("stripe without code uses type")
        << 401 << QByteArray()
        << QByteArray(R"({"error":{"type":"invalid_request_error","message":"Invalid API Key provided"}})")
        << QStringLiteral("stripe") << QJsonValue(QStringLiteral("invalid_request_error"))
        << QStringLiteral("Invalid API Key provided") << QString() << QString() << QString();
    QTest::newRow("github string errors")
        << 400 << QByteArray()
        << QByteArray(
               R"({"message":"Bad","errors":["one","two"],"documentation_url":"https://docs.github.com/x"})")
        << QStringLiteral("github-rest") << QJsonValue() << QStringLiteral("Bad")
        << QStringLiteral("(none)=one;(none)=two") << QString()
        << QStringLiteral("https://docs.github.com/x");
    QTest::newRow("twilio json")
        << 400 << QByteArray("Twilio-Request-Id: RQ1")
        << QByteArray(
               R"({"code":21211,"message":"Invalid 'To' Phone Number","more_info":"https://www.twilio.com/docs/errors/21211","status":400})")
        << QStringLiteral("twilio") << QJsonValue(21211) << QStringLiteral("Invalid 'To' Phone Number")
        << QString() << QStringLiteral("RQ1") << QStringLiteral("https://www.twilio.com/docs/errors/21211");
    QTest::newRow("twilio xml")
        << 404 << QByteArray()
        << QByteArray("<TwilioResponse><RestException><Code>20404</Code><Message>Not found</Message>"
                      "<MoreInfo>https://www.twilio.com/docs/errors/20404</MoreInfo><Status>404</Status></"
                      "RestException></TwilioResponse>")
        << QStringLiteral("twilio-xml") << QJsonValue(QStringLiteral("20404")) << QStringLiteral("Not found")
        << QString() << QString() << QStringLiteral("https://www.twilio.com/docs/errors/20404");
    QTest::newRow("spring with binding errors")
        << 400 << QByteArray()
        << QByteArray(
               R"({"timestamp":"t","status":400,"error":"Bad Request","message":"Validation failed","path":"/p",)"
               R"("errors":[{"field":"name","defaultMessage":"must not be blank"}]})")
        << QStringLiteral("spring-boot") << QJsonValue() << QStringLiteral("Validation failed")
        << QStringLiteral("name=must not be blank") << QString() << QString();
    QTest::newRow("drf detail") << 403 << QByteArray()
                                << QByteArray(
                                       R"({"detail":"You do not have permission to perform this action."})")
                                << QStringLiteral("drf") << QJsonValue()
                                << QStringLiteral("You do not have permission to perform this action.")
                                << QString() << QString() << QString();
    QTest::newRow("drf nested, document order")
        << 400 << QByteArray()
        << QByteArray(R"({"zeta":["z"],"items":[{"qty":["too small"]},{}],"address":{"city":["required"]}})")
        << QStringLiteral("drf") << QJsonValue() << QString()
        << QStringLiteral("zeta=z;items[0].qty=too small;address.city=required") << QString() << QString();
    QTest::newRow("grpc-gateway with ErrorInfo")
        << 403 << QByteArray()
        << QByteArray(
               R"({"code":7,"message":"denied","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"NO_ACCESS"}]})")
        << QStringLiteral("grpc-gateway") << QJsonValue(QStringLiteral("NO_ACCESS"))
        << QStringLiteral("denied") << QString() << QString() << QString();
    QTest::newRow("connect bad request debug")
        << 400 << QByteArray()
        << QByteArray(
               R"({"code":"invalid_argument","message":"bad","details":[{"type":"google.rpc.BadRequest","value":"",)"
               R"("debug":{"fieldViolations":[{"field":"name","description":"empty"}]}}]})")
        << QStringLiteral("connect") << QJsonValue(QStringLiteral("invalid_argument"))
        << QStringLiteral("bad") << QStringLiteral("name=empty") << QString() << QString();
    QTest::newRow("salesforce array")
        << 401 << QByteArray()
        << QByteArray(
               R"([{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID","fields":["Id"]}])")
        << QStringLiteral("salesforce-array") << QJsonValue(QStringLiteral("INVALID_SESSION_ID"))
        << QStringLiteral("Session expired or invalid") << QStringLiteral("Id=Session expired or invalid")
        << QString() << QString();
    QTest::newRow("alb html")
        << 503 << QByteArray("Server: awselb/2.0\nContent-Type: text/html")
        << QByteArray("<html>\r\n<head><title>503 Service Temporarily "
                      "Unavailable</title></head>\r\n<body>\r\n<center>"
                      "<h1>503 Service Temporarily Unavailable</h1></center>\r\n</body>\r\n</html>\r\n")
        << QStringLiteral("alb-html") << QJsonValue() << QStringLiteral("503 Service Temporarily Unavailable")
        << QString() << QString() << QString();
    QTest::newRow("cloudflare 1020 on 403")
        << 403 << QByteArray("Server: cloudflare\nCF-RAY: 77-AMS\nContent-Type: text/html")
        << QByteArray("<html><head><title>Access denied | api.ex.test used Cloudflare to restrict "
                      "access</title></head>"
                      "<body><h2>Error 1020</h2></body></html>")
        << QStringLiteral("cloudflare-html") << QJsonValue(QStringLiteral("1020"))
        << QStringLiteral("Access denied | api.ex.test used Cloudflare to restrict access") << QString()
        << QStringLiteral("77-AMS") << QString();
    QTest::newRow("json sent as text/html")
        << 400 << QByteArray("Content-Type: text/html")
        << QByteArray(R"({"message":"The given data was invalid.","errors":{"a":["b"]}})")
        << QStringLiteral("laravel") << QJsonValue() << QStringLiteral("The given data was invalid.")
        << QStringLiteral("a=b") << QString() << QString();
    QTest::newRow("error sentence is not an OAuth code")
        << 413 << QByteArray("Content-Type: application/json")
        << QByteArray(
               R"({"status":413,"error":"PAYLOAD TOO LARGE","message":"The request body is too large."})")
        << QStringLiteral("json") << QJsonValue() << QStringLiteral("The request body is too large.")
        << QString() << QString() << QString();
    QTest::newRow("malformed json") << 500 << QByteArray("Content-Type: application/json")
                                    << QByteArray("{\"error\": ") << QStringLiteral("malformed-json")
                                    << QJsonValue() << QString() << QString() << QString() << QString();
    QTest::newRow("empty json body") << 500 << QByteArray("Content-Type: application/json") << QByteArray()
                                     << QStringLiteral("empty") << QJsonValue() << QString() << QString()
                                     << QString() << QString();
}

void tst_ErrorAnalyzer::formats()
{
    QFETCH(int, status);
    QFETCH(QByteArray, headers);
    QFETCH(QByteArray, body);
    QFETCH(QString, format);
    QFETCH(QJsonValue, code);
    QFETCH(QString, message);
    QFETCH(QString, fields);
    QFETCH(QString, requestId);
    QFETCH(QString, docUrl);
    const HeaderList list = headerLines(headers);
    const ErrorReport report = analyzeError(status, list, body);
    QCOMPARE(report.format, format);
    QCOMPARE(report.code, code);
    QCOMPARE(report.message.value_or(QString()), message);
    QStringList actualFields;
    for (const FieldError &field : report.fieldErrors) {
        actualFields.append(field.field.value_or(QStringLiteral("(none)")) + QLatin1Char('=') +
                            field.message.value_or(QString()));
    }
    QCOMPARE(actualFields.join(QLatin1Char(';')), fields);
    QCOMPARE(report.requestId.value_or(QString()), requestId);
    QCOMPARE(report.docUrl.value_or(QString()), docUrl);
}

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
    QCOMPARE(report.format, QStringLiteral("plain-text"));
    QCOMPARE(report.message.value_or(QString()), message);
}

QTEST_GUILESS_MAIN(tst_ErrorAnalyzer)
#include "tst_erroranalyzer.moc"
