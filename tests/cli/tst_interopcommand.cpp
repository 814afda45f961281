#include "cliprocess.h"
#include "peers.h"
#include "testserver.h"

#include "history/historystore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using ApiLens::Test::CliResult;
using ApiLens::Test::runProcess;
using ApiLens::Test::TestServer;

// Runs the real `apilens-cli import` and `export` with curl commands.
class tst_InteropCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void importCurlThenRun();
    void importRefusesAndWritesNothing_data();
    void importRefusesAndWritesNothing();
    void exportCurlRunsWithCurl();
    void importHar();
    void exportHistoryAsHar();
    void importPostman();
    void importOpenApiThenRun();

private:
    CliResult cli(const QStringList &arguments)
    {
        return runProcess(QStringLiteral(APILENS_CLI_PATH), arguments, m_dir->path());
    }
    void write(const QString &name, const QByteArray &content);
    QByteArray read(const QString &name) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestServer> m_server;
};

void tst_InteropCommand::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->listen());
}

void tst_InteropCommand::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

void tst_InteropCommand::write(const QString &name, const QByteArray &content)
{
    QFile file(m_dir->filePath(name));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
}

QByteArray tst_InteropCommand::read(const QString &name) const
{
    QFile file(m_dir->filePath(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

void tst_InteropCommand::importCurlThenRun()
{
    const QByteArray base = m_server->url().toString().toUtf8();
    write(QStringLiteral("body.json"), "{\"name\": \"Ada\"}");
    write(QStringLiteral("create.sh"),
          "curl -X POST '" + base +
              "/users?notify=1' \\\n  -H 'Content-Type: application/json' \\\n"
              "  -H $'X-Note: it\\'s' \\\n  --data-binary @body.json \\\n  --cert me.pem -m 5\n");
    CliResult result = cli({QStringLiteral("import"), QStringLiteral("curl"), QStringLiteral("create.sh"),
                            QStringLiteral("--out"), QStringLiteral("api"), QStringLiteral("--name"),
                            QStringLiteral("Create user")});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.contains("Added \"Create user\""), result.out.constData());
    QVERIFY2(result.err.contains("not carried over: --cert me.pem"), result.err.constData());
    QCOMPARE(read(QStringLiteral("api/requests.http")),
             "### Create user\n# @no-redirect\n# @timeout 5\n# @apilens-omit-headers Accept-Encoding, "
             "Connection\nPOST " +
                 base +
                 "/users?notify=1\nContent-Type: application/json\n"
                 "X-Note: it's\n\n< ./files/body.json\n");
    // --data-binary @file: the file comes into the collection and is sent from there, every byte.
    QCOMPARE(read(QStringLiteral("api/files/body.json")), QByteArray("{\"name\": \"Ada\"}"));

    // A second import is added after the first, named after its path.
    write(QStringLiteral("get.sh"), "curl -L -u ada:pw " + base + "/users/7");
    result = cli({QStringLiteral("import"), QStringLiteral("curl"), QStringLiteral("get.sh"),
                  QStringLiteral("--out"), QStringLiteral("api")});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(read(QStringLiteral("api/requests.http"))
                .endsWith(QByteArray(
                    "\n\n### GET /users/7\n# @apilens-omit-headers Accept-Encoding, Connection\nGET " + base +
                    "/users/7\nAuthorization: Basic ada pw\n")));

    // The collection runs, and the requests arrive as the commands said.
    result = cli({QStringLiteral("run"), QStringLiteral("api"), QStringLiteral("--color=never")});
    QVERIFY2(result.exitCode == 0, result.out.constData());
    QCOMPARE(m_server->requests().size(), 2);
    const auto create = m_server->requests()[0];
    QCOMPARE(create.method, QByteArray("POST"));
    QCOMPARE(create.target, QByteArray("/users?notify=1"));
    QCOMPARE(create.header("X-Note"), QByteArray("it's"));
    QCOMPARE(create.body, QByteArray("{\"name\": \"Ada\"}"));
    QCOMPARE(m_server->requests()[1].header("Authorization"), QByteArray("Basic YWRhOnB3"));

    // A script of several commands: each one a request, a heredoc its body.
    write(QStringLiteral("script.sh"), "#!/bin/sh\nset -e\ncurl " + base + "/first\ncurl --data-binary @- " +
                                           base + "/second <<'JSON'\n{\"n\": 2}\nJSON\n");
    result = cli({QStringLiteral("import"), QStringLiteral("curl"), QStringLiteral("script.sh"),
                  QStringLiteral("--out"), QStringLiteral("script")});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY2(result.err.contains("skipped: line 2: set (not curl)"), result.err.constData());
    const QByteArray written = read(QStringLiteral("script/requests.http"));
    QVERIFY2(written.contains("### GET /first\n") && written.contains("### POST /second\n") &&
                 written.contains("\n{\"n\": 2}\n"),
             written.constData());
}

void tst_InteropCommand::importRefusesAndWritesNothing_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("message");
    const QString out = QStringLiteral("--out");
    QTest::newRow("unknown format") << QStringList{QStringLiteral("import"), QStringLiteral("wget"),
                                                   QStringLiteral("bad.sh"), out, QStringLiteral("x")}
                                    << QByteArray("'wget' is not a format this version imports");
    QTest::newRow("no --out") << QStringList{QStringLiteral("import"), QStringLiteral("curl"),
                                             QStringLiteral("bad.sh")}
                              << QByteArray("expected a format, an input and --out DIR");
    QTest::newRow("missing input") << QStringList{QStringLiteral("import"), QStringLiteral("curl"),
                                                  QStringLiteral("nope.sh"), out, QStringLiteral("x")}
                                   << QByteArray("nope.sh");
    QTest::newRow("broken command") << QStringList{QStringLiteral("import"), QStringLiteral("curl"),
                                                   QStringLiteral("bad.sh"), out, QStringLiteral("x")}
                                    << QByteArray("bad.sh: unterminated ' quote starting at character 6");
}

void tst_InteropCommand::importRefusesAndWritesNothing()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, message);
    write(QStringLiteral("bad.sh"), "curl 'http://127.0.0.1:9/x");
    const CliResult result = cli(arguments);
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(message), result.err.constData());
    QVERIFY(!QFileInfo::exists(m_dir->filePath(QStringLiteral("x"))));
}

void tst_InteropCommand::exportCurlRunsWithCurl()
{
    const QString curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
    write(QStringLiteral("http-client.env.json"),
          R"({"local": {"host": ")" + m_server->url().toString().toUtf8() + R"("}})");
    write(QStringLiteral("http-client.private.env.json"), R"({"local": {"token": "t0k"}})");
    write(QStringLiteral("api.http"),
          "@path = /orders\n\n### Create order\nPOST {{host}}{{path}}\nAuthorization: Bearer {{token}}\n"
          "Content-Type: application/json\n\n{\"item\": \"lens cap\", \"note\": \"it's\"}\n\n### Other\nGET "
          "{{host}}/other\n");
    CliResult result = cli({QStringLiteral("export"), QStringLiteral("curl"), QStringLiteral("api.http"),
                            QStringLiteral("--env"), QStringLiteral("local"), QStringLiteral("--request"),
                            QStringLiteral("Create order")});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.startsWith(QByteArray("# Create order\ncurl " +
                                              m_server->url(QStringLiteral("/orders")).toString().toUtf8())),
             result.out.constData());
    QVERIFY(!result.out.contains("/other"));
    // A command is pasted into chats and tickets: the secret stays a variable, unless asked.
    QVERIFY2(result.out.contains("-H 'Authorization: Bearer {{token}}'"), result.out.constData());
    QVERIFY(!result.out.contains("t0k"));
    QVERIFY2(result.err.contains("{{token}} left as written") && result.err.contains("--include-secrets"),
             result.err.constData());
    result = cli({QStringLiteral("export"), QStringLiteral("curl"), QStringLiteral("api.http"),
                  QStringLiteral("--env"), QStringLiteral("local"), QStringLiteral("--request"),
                  QStringLiteral("Create order"), QStringLiteral("--include-secrets")});
    QVERIFY(result.out.contains("-H 'Authorization: Bearer t0k'"));
    QVERIFY(result.err.isEmpty());

    result = cli({QStringLiteral("export"), QStringLiteral("curl"), QStringLiteral("api.http"),
                  QStringLiteral("--request"), QStringLiteral("Nope")});
    QCOMPARE(result.exitCode, 1);
    QVERIFY(result.err.contains("no request named 'Nope'"));

    APILENS_REQUIRE_PEER(!curl.isEmpty(), "curl is not installed (scripts/setup-debian.sh installs it)");
    // What was printed runs in a shell and reaches the server as apilens-cli run sends it.
    write(QStringLiteral("order.sh"), result.out);
    result = cli({QStringLiteral("export"), QStringLiteral("curl"), QStringLiteral("api.http"),
                  QStringLiteral("--env"), QStringLiteral("local"), QStringLiteral("--request"),
                  QStringLiteral("Create order"), QStringLiteral("--include-secrets")});
    const CliResult sent =
        runProcess(QStringLiteral("/bin/bash"),
                   {QStringLiteral("-c"),
                    QString::fromUtf8(result.out)
                        .replace(QStringLiteral("curl "), curl + QStringLiteral(" -s -o /dev/null "))},
                   m_dir->path());
    QCOMPARE(sent.exitCode, 0);
    QCOMPARE(m_server->requests().size(), 1);
    const auto byCurl = m_server->requests()[0];
    m_server->clearRequests();
    QCOMPARE(cli({QStringLiteral("run"), QStringLiteral("api.http"), QStringLiteral("--env"),
                  QStringLiteral("local"), QStringLiteral("--request"), QStringLiteral("Create order")})
                 .exitCode,
             0);
    QCOMPARE(m_server->requests().size(), 1);
    const auto byApiLens = m_server->requests()[0];
    QCOMPARE(byCurl.method, byApiLens.method);
    QCOMPARE(byCurl.target, byApiLens.target);
    QCOMPARE(byCurl.body, byApiLens.body);
    for (const char *name : {"Authorization", "Content-Type", "Content-Length"}) {
        QCOMPARE(byCurl.header(name), byApiLens.header(name));
    }
}

void tst_InteropCommand::importHar()
{
    const QByteArray base = m_server->url().toString().toUtf8();
    write(QStringLiteral("capture.har"),
          R"({"log": {"version": "1.2", "entries": [
               {"request": {"method": "GET", "url": ")" +
              base + R"(/a?x=1", "headers": [{"name": "Accept", "value": "text/plain"}]}},
               {"request": {"method": "POST", "url": ")" +
              base + R"(/b", "headers": [],
                            "postData": {"mimeType": "application/json", "text": "{\"k\":1}"}}}]}})");
    CliResult result = cli({QStringLiteral("import"), QStringLiteral("har"), QStringLiteral("capture.har"),
                            QStringLiteral("--out"), QStringLiteral("captured")});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.contains("Added \"POST /b\" to captured/127.0.0.1.http"), result.out.constData());
    result = cli({QStringLiteral("run"), QStringLiteral("captured"), QStringLiteral("--color=never")});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(m_server->requests().size(), 2);
    QCOMPARE(m_server->requests()[0].target, QByteArray("/a?x=1"));
    QCOMPARE(m_server->requests()[0].header("Accept"), QByteArray("text/plain"));
    QCOMPARE(m_server->requests()[1].body, QByteArray("{\"k\":1}"));
    QCOMPARE(m_server->requests()[1].header("Content-Type"), QByteArray("application/json"));

    write(QStringLiteral("broken.har"), R"({"log": {"version": "1.2", "entries": [)");
    result = cli({QStringLiteral("import"), QStringLiteral("har"), QStringLiteral("broken.har"),
                  QStringLiteral("--out"), QStringLiteral("nothing")});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains("broken.har: not valid JSON at line 1"), result.err.constData());
    QVERIFY(!QFileInfo::exists(m_dir->filePath(QStringLiteral("nothing"))));
}

void tst_InteropCommand::exportHistoryAsHar()
{
    const QString database = m_dir->filePath(QStringLiteral("history.sqlite"));
    {
        ApiLens::Core::HistoryStore store;
        QString error;
        QVERIFY2(store.open(database, &error), qPrintable(error));
        for (int i = 0; i < 3; ++i) {
            ApiLens::Core::Exchange exchange;
            exchange.request.method = "GET";
            exchange.request.url = QUrl(QStringLiteral("http://127.0.0.1:9/items/%1").arg(i));
            exchange.request.headers = {{"Authorization", "Bearer t0k3n"}, {"Accept", "*/*"}};
            exchange.status = 200 + i;
            exchange.timings.started = QDateTime::currentDateTimeUtc().addSecs(i);
            exchange.timings.finishedMs = 3;
            QVERIFY(store.record(exchange, QStringLiteral("item %1").arg(i)) > 0);
        }
    }
    CliResult result =
        cli({QStringLiteral("export"), QStringLiteral("har"), database, QStringLiteral("--limit"),
             QStringLiteral("2"), QStringLiteral("--output"), QStringLiteral("out.har")});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.err.contains("2 exchanges written to out.har"));
    const QJsonObject log = QJsonDocument::fromJson(read(QStringLiteral("out.har")))
                                .object()
                                .value(QStringLiteral("log"))
                                .toObject();
    const QJsonArray entries = log.value(QStringLiteral("entries")).toArray();
    QCOMPARE(entries.size(), 2);
    // The newest two, oldest first.
    QCOMPARE(entries[0]
                 .toObject()
                 .value(QStringLiteral("request"))
                 .toObject()
                 .value(QStringLiteral("url"))
                 .toString(),
             QStringLiteral("http://127.0.0.1:9/items/1"));
    QVERIFY(!read(QStringLiteral("out.har")).contains("t0k3n"));
    QVERIFY(read(QStringLiteral("out.har")).contains("[redacted]"));

    result = cli(
        {QStringLiteral("export"), QStringLiteral("har"), m_dir->filePath(QStringLiteral("none.sqlite"))});
    QCOMPARE(result.exitCode, 1);
    QVERIFY(result.err.contains("no history at"));
}

void tst_InteropCommand::importPostman()
{
    const QString data = QStringLiteral(APILENS_TEST_DATA_DIR "/interop/");
    CliResult result = cli({QStringLiteral("import"), QStringLiteral("postman"),
                            data + QStringLiteral("shop.postman_collection.json"), QStringLiteral("--out"),
                            QStringLiteral("shop")});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.contains("Added \"Import stock\" to shop/Orders/Admin.http"), result.out.constData());
    QVERIFY2(
        result.err.contains("not carried over: item[3].request: \"hawk\" authentication is not carried over"),
        result.err.constData());
    result = cli({QStringLiteral("import"), QStringLiteral("insomnia"),
                  data + QStringLiteral("shop.insomnia.json"), QStringLiteral("--out"),
                  QStringLiteral("insomnia")});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.contains("Added \"Login\" to insomnia/Orders/Admin.http"), result.out.constData());
    QVERIFY(result.out.contains("Added the environment \"Dev\""));
    result = cli({QStringLiteral("import"), QStringLiteral("postman"),
                  data + QStringLiteral("shop.postman_environment.json"), QStringLiteral("--out"),
                  QStringLiteral("shop")});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.contains("Added the environment \"Local\" (1 values, 1 secret)"),
             result.out.constData());
    QVERIFY(read(QStringLiteral("shop/http-client.private.env.json")).contains("s3cret"));
    // The collection's baseUrl is in $shared, and the Postman environment "Local" overrides it
    // (as in Postman): point the environment here, and the health check reaches this server.
    QByteArray environments = read(QStringLiteral("shop/http-client.env.json"));
    QVERIFY(environments.contains("\"$shared\""));
    const qsizetype local = environments.indexOf("\"Local\"");
    QVERIFY(local > 0);
    environments.replace(environments.indexOf("http://127.0.0.1:8080", local), 21,
                         m_server->url().toString().toUtf8());
    write(QStringLiteral("shop/http-client.env.json"), environments);
    // The collection's pre-request script came along; it runs once the folder is trusted.
    const QStringList health{QStringLiteral("run"),       QStringLiteral("shop/Shop API.http"),
                             QStringLiteral("--request"), QStringLiteral("Health"),
                             QStringLiteral("--env"),     QStringLiteral("Local")};
    result = cli(health);
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains("pre-request script not run: the folder is not trusted"),
             result.err.constData());
    result = cli(health + QStringList{QStringLiteral("--trust")});
    QVERIFY2(result.exitCode == 0, QByteArray(result.out + result.err).constData());
    QVERIFY2(result.out.contains("│ every request"), result.out.constData());
    QCOMPARE(m_server->requests().size(), 2);
    QCOMPARE(m_server->requests()[1].target, QByteArray("/health"));
}

void tst_InteropCommand::importOpenApiThenRun()
{
    m_server->setHandler([](const ApiLens::Test::ReceivedRequest &request) {
        ApiLens::Test::Response response;
        response.status = request.method == "POST" ? 409 : 200;
        response.headers = {
            {"Content-Type", request.method == "POST" ? "application/problem+json" : "application/json"}};
        response.body = request.method == "POST" ? R"({"title":"Conflict","status":409})" : R"({"id":7})";
        return response;
    });
    write(QStringLiteral("shop.yaml"),
          "openapi: 3.1.0\ninfo: {title: Shop}\nservers:\n  - url: " +
              m_server->url(QStringLiteral("/v1")).toString().toUtf8() +
              "\nsecurity: [{bearerAuth: []}]\npaths:\n"
              "  /orders:\n    post:\n      summary: Place an order\n      requestBody:\n        content:\n"
              "          application/json:\n            schema:\n              type: object\n"
              "              properties: {item: {type: integer, example: 42}}\n"
              "      responses:\n        '201': {description: Placed.}\n"
              "        '409': {description: The same order was placed a minute ago.}\n"
              "  /orders/{id}:\n    get:\n      summary: Get an order\n      parameters:\n"
              "        - {name: id, in: path, required: true, example: 7}\n"
              "      responses:\n        '200': {description: The order.}\n"
              "components:\n  securitySchemes:\n    bearerAuth: {type: http, scheme: bearer}\n");
    CliResult result = cli({QStringLiteral("import"), QStringLiteral("openapi"), QStringLiteral("shop.yaml"),
                            QStringLiteral("--out"), QStringLiteral("api")});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY2(result.out.contains("Added \"Place an order\" to api/Shop.http"), result.out.constData());
    QVERIFY2(
        result.out.contains("Added the documented responses of 2 operations to api/apilens-catalog.json"),
        result.out.constData());
    QVERIFY2(result.err.contains("set {{bearerAuth}} in an environment's private values"),
             result.err.constData());
    // The secret the description cannot hold, as a user would add it.
    write(QStringLiteral("api/http-client.private.env.json"), R"({"$shared": {"bearerAuth": "t0ken"}})");

    result = cli({QStringLiteral("run"), QStringLiteral("api"), QStringLiteral("--check-status"),
                  QStringLiteral("--color=never")});
    QCOMPARE(result.exitCode, 1);
    QCOMPARE(m_server->requests().size(), 2);
    const auto place = m_server->requests()[0];
    QCOMPARE(place.method, QByteArray("POST"));
    QCOMPARE(place.target, QByteArray("/v1/orders"));
    QCOMPARE(place.header("Authorization"), QByteArray("Bearer t0ken"));
    QCOMPARE(place.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(QJsonDocument::fromJson(place.body).object().value(QStringLiteral("item")).toInt(), 42);
    QCOMPARE(m_server->requests()[1].target, QByteArray("/v1/orders/7"));
    // The failing request is explained with what the description says of its 409.
    QVERIFY2(result.out.contains("spec: Shop, POST /orders 409: The same order was placed a minute ago."),
             result.out.constData());
}

QTEST_GUILESS_MAIN(tst_InteropCommand)
#include "tst_interopcommand.moc"
