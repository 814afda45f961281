#include "collections/collection.h"
#include "interop/har.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace ApiLens::Core;

class tst_Har : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void importsEntries();
    void refusesBrokenFiles_data();
    void refusesBrokenFiles();
    void writesAFolderAndKeepsNamesUnique();
    void exportsHistoryRedacted_data();
    void exportsHistoryRedacted();

private:
    static QByteArray sample();
};

QByteArray tst_Har::sample()
{
    return R"json({"log": {"version": "1.2", "creator": {"name": "Firefox", "version": "140"},
  "entries": [
    {"request": {"method": "GET", "url": "https://api.example.test/v1/items?page=2&q=a%20b", "httpVersion": "HTTP/2",
                 "headers": [{"name": ":authority", "value": "api.example.test"}, {"name": "Host", "value": "api.example.test"},
                             {"name": "Accept", "value": "application/json"}, {"name": "Cookie", "value": "sid=1"},
                             {"name": "Content-Length", "value": "0"}],
                 "queryString": [{"name": "page", "value": "2"}]},
     "response": {"status": 200}},
    {"request": {"method": "POST", "url": "https://api.example.test/v1/items", "headers": [{"name": "Content-Type", "value": "application/json"}],
                 "postData": {"mimeType": "application/json", "text": "{\"name\":\"Ada\"}"}}},
    {"request": {"method": "POST", "url": "https://login.example.test/session", "headers": [],
                 "postData": {"mimeType": "application/x-www-form-urlencoded", "params": [{"name": "user", "value": "ada"}, {"name": "pw", "value": "a b"}]}}},
    {"request": {"method": "POST", "url": "https://api.example.test/v1/upload",
                 "headers": [{"name": "Content-Type", "value": "multipart/form-data; boundary=----x"}],
                 "postData": {"mimeType": "multipart/form-data; boundary=----x",
                              "params": [{"name": "title", "value": "Hi"}, {"name": "photo", "fileName": "me.png", "contentType": "image/png"}]}}},
    {"request": {"url": "https://api.example.test/none"}}
  ]}})json";
}

void tst_Har::importsEntries()
{
    const ImportResult result = importHar(sample());
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.requests.size(), 4);
    const ImportedRequest &get = result.requests[0];
    QCOMPARE(get.file, QStringLiteral("api.example.test.http"));
    QCOMPARE(get.name, QStringLiteral("GET /v1/items"));
    QCOMPARE(get.spec.url, QStringLiteral("https://api.example.test/v1/items?page=2&q=a%20b"));
    QCOMPARE(get.spec.headers.size(), 2); // Accept and Cookie; no pseudo-header, Host, Content-Length
    QCOMPARE(get.spec.headers[1].name, QStringLiteral("Cookie"));
    const ImportedRequest &json = result.requests[1];
    QCOMPARE(json.spec.body.kind, BodyKind::Raw);
    QCOMPARE(json.spec.body.raw, QByteArray("{\"name\":\"Ada\"}"));
    const ImportedRequest &form = result.requests[2];
    QCOMPARE(form.file, QStringLiteral("login.example.test.http"));
    QCOMPARE(form.spec.body.kind, BodyKind::UrlEncoded);
    QCOMPARE(form.spec.body.form[1].value, QStringLiteral("a b"));
    const ImportedRequest &upload = result.requests[3];
    QCOMPARE(upload.spec.body.kind, BodyKind::Multipart);
    QCOMPARE(upload.spec.body.parts[1].filePath, QStringLiteral("me.png"));
    QVERIFY(upload.spec.headers.isEmpty()); // the capture's boundary is not ours
    QCOMPARE(result.warnings.size(), 2);
    QVERIFY(result.warnings[0].startsWith(QStringLiteral("log.entries[3].request: the file \"me.png\"")));
    QCOMPARE(result.warnings[1], QStringLiteral("log.entries[4].request: no method or URL; skipped"));
}

void tst_Har::refusesBrokenFiles_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");
    QTest::newRow("truncated") << sample().left(300) << "not valid JSON at line 4, column 91";
    QTest::newRow("not HAR") << QByteArray(R"({"info": {}})") << "not a HAR file: no \"log\" object";
    QTest::newRow("other version") << QByteArray(R"({"log": {"version": "2.0", "entries": []}})")
                                   << "HAR version 2.0 is not one this version reads";
}

void tst_Har::refusesBrokenFiles()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    const ImportResult result = importHar(json);
    QVERIFY(!result.ok());
    QVERIFY2(result.error.startsWith(message), qPrintable(result.error));
    QVERIFY(result.requests.isEmpty());
}

void tst_Har::writesAFolderAndKeepsNamesUnique()
{
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("imported"));
    const ImportResult result = importHar(sample());
    QStringList written;
    QString error;
    QVERIFY2(writeImport(folder, result, &written, &error), qPrintable(error));
    QCOMPARE(written.size(), 2);
    // Importing the same again appends, with names made unique.
    written.clear();
    QVERIFY(writeImport(folder, result, &written, &error));
    const Collection collection = Collection::scan(folder);
    QCOMPARE(collection.requestCount(), 8);
    QStringList names;
    for (const CollectionFile &file : collection.files()) {
        QVERIFY2(file.issues.isEmpty(), qPrintable(file.path));
        if (file.path == QLatin1String("api.example.test.http")) {
            for (const CollectionRequest &request : file.requests) {
                names.append(request.name);
            }
        }
    }
    QCOMPARE(names,
             (QStringList{QStringLiteral("GET /v1/items"), QStringLiteral("POST /v1/items"),
                          QStringLiteral("POST /v1/upload"), QStringLiteral("GET /v1/items (2)"),
                          QStringLiteral("POST /v1/items (2)"), QStringLiteral("POST /v1/upload (2)")}));
    // The form came through as its encoded text.
    QString readError;
    const auto login = Collection::loadRequest(
        {folder + QStringLiteral("/login.example.test.http"), QStringLiteral("POST /session"), 0},
        &readError);
    QVERIFY(login);
    QCOMPARE(login->body, QByteArray("user=ada&pw=a+b"));
}

void tst_Har::exportsHistoryRedacted_data()
{
    QTest::addColumn<bool>("includeSecrets");
    QTest::newRow("redacted") << false;
    QTest::newRow("secrets asked for") << true;
}

void tst_Har::exportsHistoryRedacted()
{
    QFETCH(bool, includeSecrets);
    StoredExchange exchange;
    exchange.entry.started = QDateTime(QDate(2026, 11, 22), QTime(8, 0), Qt::UTC);
    exchange.entry.name = QStringLiteral("Create");
    exchange.entry.method = QStringLiteral("POST");
    exchange.entry.url = QStringLiteral("http://127.0.0.1:8080/items?x=1&api_key=k3y-in-query");
    exchange.entry.status = 409;
    exchange.entry.durationMs = 12.5;
    exchange.entry.size = 20;
    exchange.requestHeaders = {{"Content-Type", "application/json"}, {"Authorization", "Bearer t0k"}};
    exchange.requestBody = "{\"a\":1}";
    exchange.responseHeaders = {{"Content-Type", "application/json"}, {"Set-Cookie", "sid=2"}};
    exchange.responseBody = "{\"error\":\"conflict\"}";
    exchange.httpVersion = QStringLiteral("HTTP/2");
    exchange.reason = "Conflict";
    HarOptions options;
    options.includeSecrets = includeSecrets;
    options.creatorVersion = QStringLiteral("0.1.0");
    const QByteArray har = exportHar({exchange}, options);
    const QJsonObject log = QJsonDocument::fromJson(har).object().value(QStringLiteral("log")).toObject();
    QCOMPARE(log.value(QStringLiteral("version")).toString(), QStringLiteral("1.2"));
    const QJsonObject entry = log.value(QStringLiteral("entries")).toArray().at(0).toObject();
    QCOMPARE(entry.value(QStringLiteral("startedDateTime")).toString(),
             QStringLiteral("2026-11-22T08:00:00.000Z"));
    QCOMPARE(entry.value(QStringLiteral("time")).toDouble(), 12.5);
    const QJsonObject request = entry.value(QStringLiteral("request")).toObject();
    QCOMPARE(request.value(QStringLiteral("queryString"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("value"))
                 .toString(),
             QStringLiteral("1"));
    QCOMPARE(request.value(QStringLiteral("postData")).toObject().value(QStringLiteral("text")).toString(),
             QStringLiteral("{\"a\":1}"));
    const QString authorization = request.value(QStringLiteral("headers"))
                                      .toArray()
                                      .at(1)
                                      .toObject()
                                      .value(QStringLiteral("value"))
                                      .toString();
    QCOMPARE(authorization, includeSecrets ? QStringLiteral("Bearer t0k") : QStringLiteral("[redacted]"));
    const QJsonObject response = entry.value(QStringLiteral("response")).toObject();
    QCOMPARE(response.value(QStringLiteral("status")).toInt(), 409);
    // The version the exchange went over, and the reason the server gave.
    QCOMPARE(request.value(QStringLiteral("httpVersion")).toString(), QStringLiteral("HTTP/2"));
    QCOMPARE(response.value(QStringLiteral("httpVersion")).toString(), QStringLiteral("HTTP/2"));
    QCOMPARE(response.value(QStringLiteral("statusText")).toString(), QStringLiteral("Conflict"));
    QCOMPARE(response.value(QStringLiteral("content")).toObject().value(QStringLiteral("text")).toString(),
             QStringLiteral("{\"error\":\"conflict\"}"));
    QCOMPARE(har.contains("sid=2"), includeSecrets);
    // A secret in the query (an entry recorded before the history left those out) too.
    QCOMPARE(har.contains("k3y-in-query"), includeSecrets);
    QCOMPARE(QUrlQuery(QUrl(request.value(QStringLiteral("url")).toString()))
                 .queryItemValue(QStringLiteral("api_key"), QUrl::FullyDecoded),
             includeSecrets ? QStringLiteral("k3y-in-query") : QStringLiteral("[redacted]"));
    // And it imports back as the same request.
    const ImportResult back = importHar(har);
    QVERIFY(back.ok());
    QCOMPARE(back.requests.size(), 1);
    QCOMPARE(back.requests[0].spec.method, QStringLiteral("POST"));
    QCOMPARE(back.requests[0].spec.url, request.value(QStringLiteral("url")).toString());
    QCOMPARE(back.requests[0].spec.url == exchange.entry.url, includeSecrets);
    QCOMPARE(back.requests[0].spec.body.raw, exchange.requestBody);
}

QTEST_GUILESS_MAIN(tst_Har)
#include "tst_har.moc"
