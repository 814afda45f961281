#include "cliprocess.h"
#include "peers.h"
#include "testserver.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using ApiLens::Test::ReceivedRequest;
using ApiLens::Test::runProcess;
using ApiLens::Test::TestServer;

// `apilens-cli export postman` writes a collection that newman (from npm) runs with the same
// requests `apilens-cli run` sends for the .http files: compared at the local echo server.
class tst_NewmanParity : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void sameRequests();
    void postmanImportRunsAsNewmanRan();
    void postmanImportExportRoundTrip();
    void corpus_data();
    void corpus();
    void cleanupTestCase();

private:
    // A Postman collection and environment, run by newman and, imported, by apilens-cli.
    void writePostmanFiles(const QTemporaryDir &dir, const TestServer &server);
    QList<ReceivedRequest> runNewman(const QString &collection, const QTemporaryDir &dir, TestServer *server,
                                     QByteArray *output = nullptr);
    QString m_newman;
    int m_peerRequests = 0; // what newman sent over the corpus
    int m_identical = 0;    // of those, what ApiLens sent identically
};

namespace {

// Sorted by method, target and body: the two tools may run the folders in another order.
QList<ReceivedRequest> sorted(QList<ReceivedRequest> requests)
{
    std::sort(requests.begin(), requests.end(), [](const ReceivedRequest &a, const ReceivedRequest &b) {
        return std::tie(a.method, a.target, a.body) < std::tie(b.method, b.target, b.body);
    });
    return requests;
}

void compareRequests(const QList<ReceivedRequest> &oursIn, const QList<ReceivedRequest> &theirsIn)
{
    const QList<ReceivedRequest> ours = sorted(oursIn);
    const QList<ReceivedRequest> theirs = sorted(theirsIn);
    QCOMPARE(ours.size(), theirs.size());
    for (int i = 0; i < ours.size(); ++i) {
        const ReceivedRequest &a = ours[i];
        const ReceivedRequest &n = theirs[i];
        QCOMPARE(a.method, n.method);
        QCOMPARE(a.target, n.target);
        if (n.header("Content-Type").startsWith("multipart/form-data")) {
            QVERIFY(a.header("Content-Type").startsWith("multipart/form-data; boundary="));
            QCOMPARE(a.multipartParts(), n.multipartParts());
        } else {
            QCOMPARE(a.body, n.body);
            QCOMPARE(a.header("Content-Type"), n.header("Content-Type"));
            QCOMPARE(a.header("Content-Length"), n.header("Content-Length"));
        }
        for (const char *name : {"Authorization", "X-Trace", "X-Off", "Accept"}) {
            QCOMPARE(a.header(name), n.header(name));
        }
        // A system header switched off in Postman is switched off here too.
        QCOMPARE(a.header("User-Agent").isEmpty(), n.header("User-Agent").isEmpty());
    }
}

} // namespace

void tst_NewmanParity::initTestCase()
{
    m_newman = QStringLiteral(APILENS_NEWMAN_PATH);
    APILENS_REQUIRE_PEER(QFileInfo(m_newman).isExecutable(),
                         "newman is not installed (scripts/setup-npm-tools.sh installs it from npm)");
}

void tst_NewmanParity::sameRequests()
{
    TestServer server;
    QVERIFY(server.listen());
    QTemporaryDir dir;
    const auto write = [&dir](const QString &name, const QByteArray &bytes) {
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    };
    write(QStringLiteral("http-client.env.json"),
          R"({"local": {"host": ")" + server.url().toString().toUtf8() + R"(", "user": "ada"}})");
    write(QStringLiteral("api.http"), R"(@base = {{host}}/v1

### List items
GET {{base}}/items?page=2&q=a%20b
Accept: application/json
X-Trace: t-1

### Create item
POST {{base}}/items
Content-Type: application/json

{
  "name": "lens cap",
  "by": "{{user}}"
}

### Replace note
PUT {{base}}/items/7/note
Content-Type: text/plain

line 1
line 2

### Delete item
# @no-redirect
DELETE {{base}}/items/7
)");
    write(QStringLiteral("auth.http"), R"(### Login form
POST {{host}}/login
Content-Type: application/x-www-form-urlencoded

user={{user}}&pw=a+b

### Who am I
GET {{host}}/me
Authorization: Basic {{user}} s3cret
)");
    const QString collection = dir.filePath(QStringLiteral("collection.postman.json"));
    const auto exported =
        runProcess(QStringLiteral(APILENS_CLI_PATH),
                   {QStringLiteral("export"), QStringLiteral("postman"), dir.path(), QStringLiteral("--env"),
                    QStringLiteral("local"), QStringLiteral("--output"), collection});
    QCOMPARE(exported.exitCode, 0);

    server.clearRequests();
    const auto byNewman = runProcess(
        m_newman, {QStringLiteral("run"), collection, QStringLiteral("--reporters"), QStringLiteral("cli")},
        dir.path());
    QVERIFY2(byNewman.exitCode == 0, byNewman.out.constData());
    const QList<ReceivedRequest> newman = server.requests();

    server.clearRequests();
    const auto byApiLens = runProcess(
        QStringLiteral(APILENS_CLI_PATH),
        {QStringLiteral("run"), dir.path(), QStringLiteral("--env"), QStringLiteral("local")}, dir.path());
    QVERIFY2(byApiLens.exitCode == 0, byApiLens.out.constData());
    const QList<ReceivedRequest> apilens = server.requests();

    QCOMPARE(newman.size(), 6);
    QCOMPARE(apilens.size(), newman.size());
    // Same order: files by name, requests in file order.
    for (int i = 0; i < newman.size(); ++i) {
        const ReceivedRequest &a = apilens[i];
        const ReceivedRequest &n = newman[i];
        QCOMPARE(a.method, n.method);
        QCOMPARE(a.target, n.target);
        QCOMPARE(a.body, n.body);
        for (const char *name : {"Content-Type", "Content-Length", "Authorization", "X-Trace"}) {
            QCOMPARE(a.header(name), n.header(name));
        }
    }
    QCOMPARE(newman[5].header("Authorization"), QByteArray("Basic YWRhOnMzY3JldA==")); // ada:s3cret
}

void tst_NewmanParity::writePostmanFiles(const QTemporaryDir &dir, const TestServer &server)
{
    const auto write = [&dir](const QString &name, const QByteArray &bytes) {
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    };
    write(QStringLiteral("report.csv"), "id,name\n1,Ada\n");
    // The collection's baseUrl points nowhere: the environment overrides it, as people use them.
    write(QStringLiteral("shop.postman_collection.json"), R"({
  "info": {"name": "Shop", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
  "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{token}}"}]},
  "variable": [{"key": "baseUrl", "value": "http://127.0.0.1:1"}, {"key": "version", "value": "v2"},
               {"key": "who", "value": "collection"}],
  "item": [
    {"name": "List items",
     "request": {"method": "GET",
                 "header": [{"key": "X-Trace", "value": "t-{{version}}"}, {"key": "X-Off", "value": "1", "disabled": true}],
                 "url": {"raw": "{{baseUrl}}/{{version}}/items?page=2&who={{who}}&off=1",
                         "host": ["{{baseUrl}}"], "path": ["{{version}}", "items"],
                         "query": [{"key": "page", "value": "2"}, {"key": "who", "value": "{{who}}"},
                                   {"key": "off", "value": "1", "disabled": true}]}}},
    {"name": "Orders",
     "auth": {"type": "basic", "basic": [{"key": "username", "value": "shop"}, {"key": "password", "value": "{{token}}"}]},
     "variable": [{"key": "currency", "value": "EUR"}],
     "item": [
       {"name": "Create order",
        "event": [{"listen": "prerequest", "script": {"exec": ["pm.variables.set('stamp', '1');"]}},
                  {"listen": "test", "script": {"exec": ["pm.test('ok', () => pm.response.to.have.status(200));"]}}],
        "request": {"method": "POST", "header": [{"key": "Content-Type", "value": "application/json"}],
                    "body": {"mode": "raw", "raw": "{\n  \"item\": \"lens cap\",\n  \"api\": \"{{version}}\"\n}",
                             "options": {"raw": {"language": "json"}}},
                    "url": "{{baseUrl}}/orders"}},
       {"name": "Login form",
        "request": {"method": "POST",
                    "body": {"mode": "urlencoded", "urlencoded": [{"key": "user", "value": "ada"},
                             {"key": "pw", "value": "a b&c"}, {"key": "skip", "value": "x", "disabled": true}]},
                    "url": "{{baseUrl}}/login"}},
       {"name": "Upload stock",
        "request": {"method": "POST",
                    "body": {"mode": "formdata", "formdata": [{"key": "title", "value": "Stock", "type": "text"},
                             {"key": "file", "type": "file", "src": "report.csv"}]},
                    "url": "{{baseUrl}}/stock"}}]},
    {"name": "Moved, not followed, no user agent",
     "protocolProfileBehavior": {"followRedirects": false, "disabledSystemHeaders": {"user-agent": true}},
     "request": {"method": "GET", "auth": {"type": "noauth"}, "url": "{{baseUrl}}/redirect/1"}},
    {"name": "One item",
     "request": {"method": "DELETE", "url": {"raw": "{{baseUrl}}/items/:id", "host": ["{{baseUrl}}"],
                 "path": ["items", ":id"], "variable": [{"key": "id", "value": "7"}]}}}
  ]
})");
    write(QStringLiteral("local.postman_environment.json"),
          R"({"name": "Local", "values": [
               {"key": "baseUrl", "value": ")" +
              server.url().toString().toUtf8() + R"(", "enabled": true},
               {"key": "who", "value": "environment", "enabled": true},
               {"key": "token", "value": "s3cret", "type": "secret", "enabled": true}]})");
}

QList<ReceivedRequest> tst_NewmanParity::runNewman(const QString &collection, const QTemporaryDir &dir,
                                                   TestServer *server, QByteArray *output)
{
    server->clearRequests();
    const auto result = runProcess(m_newman,
                                   {QStringLiteral("run"), collection, QStringLiteral("-e"),
                                    dir.filePath(QStringLiteral("local.postman_environment.json")),
                                    QStringLiteral("--working-dir"), dir.path(),
                                    QStringLiteral("--reporters"), QStringLiteral("cli")},
                                   dir.path());
    if (output) {
        *output = result.out;
    } else if (result.exitCode != 0) {
        qWarning("newman: %s", result.out.constData());
    }
    return server->requests();
}

void tst_NewmanParity::postmanImportRunsAsNewmanRan()
{
    TestServer server;
    QVERIFY(server.listen());
    QTemporaryDir dir;
    writePostmanFiles(dir, server);
    QByteArray newmanOutput;
    const QList<ReceivedRequest> newman =
        runNewman(dir.filePath(QStringLiteral("shop.postman_collection.json")), dir, &server, &newmanOutput);
    QCOMPARE(newman.size(), 6);
    // The environment's baseUrl and who won over the collection's, as Postman orders them.
    QCOMPARE(newman[0].target, QByteArray("/v2/items?page=2&who=environment"));

    for (const char *input : {"shop.postman_collection.json", "local.postman_environment.json"}) {
        const auto imported =
            runProcess(QStringLiteral(APILENS_CLI_PATH),
                       {QStringLiteral("import"), QStringLiteral("postman"), QString::fromLatin1(input),
                        QStringLiteral("--out"), QStringLiteral("shop")},
                       dir.path());
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
    }
    server.clearRequests();
    const auto run = runProcess(QStringLiteral(APILENS_CLI_PATH),
                                {QStringLiteral("run"), QStringLiteral("shop"), QStringLiteral("--env"),
                                 QStringLiteral("Local"), QStringLiteral("--trust")},
                                dir.path());
    compareRequests(server.requests(), newman);
    // The request's test script ran in both, and failed in both: this server answers 404.
    const QByteArray failure = "expected response to have status code 200 but got 404";
    QVERIFY2(newmanOutput.contains(failure), newmanOutput.constData());
    QVERIFY2(run.out.contains(QByteArray("?? ok — failed: " + failure)),
             QByteArray(run.out + run.err).constData());
    QCOMPARE(run.exitCode, 1);
}

void tst_NewmanParity::postmanImportExportRoundTrip()
{
    // Imported, then exported again: newman sends with the export what it sent with the original.
    TestServer server;
    QVERIFY(server.listen());
    QTemporaryDir dir;
    writePostmanFiles(dir, server);
    const QList<ReceivedRequest> original =
        runNewman(dir.filePath(QStringLiteral("shop.postman_collection.json")), dir, &server);
    const auto imported = runProcess(QStringLiteral(APILENS_CLI_PATH),
                                     {QStringLiteral("import"), QStringLiteral("postman"),
                                      QStringLiteral("shop.postman_collection.json"), QStringLiteral("--out"),
                                      QStringLiteral("shop")},
                                     dir.path());
    QVERIFY2(imported.exitCode == 0, imported.err.constData());
    const QString exported = dir.filePath(QStringLiteral("again.postman_collection.json"));
    const auto exporting =
        runProcess(QStringLiteral(APILENS_CLI_PATH),
                   {QStringLiteral("export"), QStringLiteral("postman"), dir.filePath(QStringLiteral("shop")),
                    QStringLiteral("--output"), exported},
                   dir.path());
    QVERIFY2(exporting.exitCode == 0, exporting.err.constData());
    QFile file(exported);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray json = file.readAll();
    QVERIFY(json.contains("{{baseUrl}}/{{version}}/items")); // variables kept, not written out
    QVERIFY(json.contains("pm.test('ok'"));                  // the scripts the import kept
    QVERIFY(json.contains("pm.variables.set('stamp'"));
    // The files of form data are relative to the collection: newman runs in that folder.
    const QList<ReceivedRequest> again = [&] {
        server.clearRequests();
        const auto result = runProcess(m_newman,
                                       {QStringLiteral("run"), exported, QStringLiteral("-e"),
                                        dir.filePath(QStringLiteral("local.postman_environment.json")),
                                        QStringLiteral("--working-dir"), dir.filePath(QStringLiteral("shop")),
                                        QStringLiteral("--reporters"), QStringLiteral("cli")},
                                       dir.path());
        if (result.exitCode != 0) {
            qWarning("newman: %s", result.out.constData());
        }
        return server.requests();
    }();
    compareRequests(again, original);
}

namespace {

bool sameRequest(const ReceivedRequest &a, const ReceivedRequest &n)
{
    return a.method == n.method && a.target == n.target && a.body == n.body &&
           a.header("Content-Type") == n.header("Content-Type") &&
           a.header("Content-Length") == n.header("Content-Length") &&
           a.comparableAuthorization() == n.comparableAuthorization() &&
           a.header("X-Trace") == n.header("X-Trace");
}

QByteArray describe(const ReceivedRequest &request)
{
    return request.method + ' ' + request.target + " [" + request.header("Content-Type") + "] [" +
           request.comparableAuthorization() + "] [" + request.header("X-Trace") + "] " + request.body;
}

} // namespace

void tst_NewmanParity::corpus_data()
{
    // tests/data/newman: collections with scripts that chain (pm.*, postman.*, the old tests[]
    // API), setNextRequest, body pruning, raw types, multi-line and unresolved variables, a
    // Digest auth block, a collection without "info". newman runs each; ApiLens imports it and
    // runs the import (scripts trusted, unresolved variables sent as written, as newman does).
    QTest::addColumn<QString>("file");
    const QDir corpus(QStringLiteral(APILENS_TEST_DATA_DIR "/newman"));
    for (const QString &name : corpus.entryList({QStringLiteral("*.postman_collection.json")}, QDir::Files)) {
        QTest::newRow(qPrintable(name)) << corpus.filePath(name);
    }
}

void tst_NewmanParity::corpus()
{
    QFETCH(QString, file);
    TestServer server;
    QVERIFY(server.listen());
    QTemporaryDir dir;
    QFile in(file);
    QVERIFY(in.open(QIODevice::ReadOnly));
    const QString collection = dir.filePath(QFileInfo(file).fileName());
    QFile out(collection);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(in.readAll()
                  .replace("@BASE@", server.url().toString(QUrl::StripTrailingSlash).toUtf8())
                  .replace("@HOSTPORT@", QByteArray("127.0.0.1:" + QByteArray::number(server.port()))));
    out.close();

    server.clearRequests();
    const auto byNewman = runProcess(
        m_newman, {QStringLiteral("run"), collection, QStringLiteral("--reporters"), QStringLiteral("cli")},
        dir.path());
    const QList<ReceivedRequest> newman = server.requests();
    QVERIFY2(!newman.isEmpty(), byNewman.out.constData());
    const auto imported = runProcess(QStringLiteral(APILENS_CLI_PATH),
                                     {QStringLiteral("import"), QStringLiteral("postman"), collection,
                                      QStringLiteral("--out"), QStringLiteral("imported")},
                                     dir.path());
    QVERIFY2(imported.exitCode == 0, imported.err.constData());
    server.clearRequests();
    const auto run = runProcess(QStringLiteral(APILENS_CLI_PATH),
                                {QStringLiteral("run"), QStringLiteral("imported"), QStringLiteral("--trust"),
                                 QStringLiteral("--send-unresolved")},
                                dir.path());
    const QList<ReceivedRequest> ours = server.requests();
    // In order: the scripts decide what goes next.
    int identical = 0;
    for (qsizetype i = 0; i < qMin(ours.size(), newman.size()); ++i) {
        identical += sameRequest(ours[i], newman[i]) ? 1 : 0;
    }
    m_peerRequests += int(newman.size());
    m_identical += identical;
    if (identical != newman.size() || ours.size() != newman.size()) {
        QByteArray report = "newman sent:\n";
        for (const ReceivedRequest &request : newman) {
            report += "  " + describe(request) + '\n';
        }
        report += "ApiLens sent:\n";
        for (const ReceivedRequest &request : ours) {
            report += "  " + describe(request) + '\n';
        }
        QFAIL(QByteArray(report + run.out + run.err).constData());
    }
    // The scripts' tests ran and passed in both.
    QVERIFY2(!byNewman.out.contains("AssertionError"), byNewman.out.constData());
    QVERIFY2(!run.out.contains("failed:"), QByteArray(run.out + run.err).constData());
}

void tst_NewmanParity::cleanupTestCase()
{
    if (m_peerRequests > 0) {
        qInfo("newman corpus parity: %d of the %d requests newman sent were sent identically by ApiLens",
              m_identical, m_peerRequests);
    }
}

QTEST_GUILESS_MAIN(tst_NewmanParity)
#include "tst_newmanparity.moc"
