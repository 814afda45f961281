#include "cliprocess.h"
#include "testserver.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using ApiLens::Test::TestServer;

// Runs the real `apilens-cli run` on a collection folder against the local test server.
class tst_RunCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void exitCodes_data();
    void exitCodes();
    void consoleReport();
    void jsonReport();
    void junitReportToFile();
    void collectionCatalogExplainsCodes();
    void badArguments_data();
    void badArguments();
    void scriptsRunOnlyInTrustedFolders();
    void outsideFilesNeedTheOption();
    void headerInjectionIsRefused();
    void concurrencyUsesThatManyConnections();
    void reportsLeaveSecretsOut_data();
    void reportsLeaveSecretsOut();

private:
    using Result = ApiLens::Test::CliResult;
    Result run(const QStringList &arguments);

    QTemporaryDir *m_dir = nullptr;
    TestServer *m_server = nullptr;
};

void tst_RunCommand::init()
{
    m_dir = new QTemporaryDir;
    m_server = new TestServer;
    QVERIFY(m_server->listen());
    auto write = [this](const QString &name, const QByteArray &content) {
        QFile file(m_dir->filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    };
    write(QStringLiteral("http-client.env.json"),
          QByteArray(R"({"local": {"host": "http://127.0.0.1:)" + QByteArray::number(m_server->port()) +
                     R"("}})"));
    write(QStringLiteral("pass.http"), "### ok\nGET {{host}}/status/200\n\n?? status == 200\n");
    write(QStringLiteral("fail.http"), "### conflict\nGET {{host}}/status/409?body=write%20protected\n\n?? "
                                       "status == 200\n\n### fine\nGET {{host}}/echo\n");
}

void tst_RunCommand::cleanup()
{
    delete m_server;
    delete m_dir;
}

tst_RunCommand::Result tst_RunCommand::run(const QStringList &arguments)
{
    return ApiLens::Test::runProcess(QStringLiteral(APILENS_CLI_PATH),
                                     QStringList{QStringLiteral("run")} + arguments);
}

void tst_RunCommand::scriptsRunOnlyInTrustedFolders()
{
    // The trusted-folders list the app writes (under XDG_CONFIG_HOME) counts for the CLI too;
    // --trust trusts for one run.
    QFile file(m_dir->filePath(QStringLiteral("scripts/chain.http")));
    QVERIFY(QDir().mkpath(QFileInfo(file).absolutePath()));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("GET " + m_server->url(QStringLiteral("/echo?t=a-1")).toEncoded() +
               "\n\n> {% client.global.set('t', response.body.query.slice(2)); %}\n\n###\nGET " +
               m_server->url(QStringLiteral("/echo")).toEncoded() + "?next={{t}}\n");
    file.close();
    const QTemporaryDir config;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());
    const QStringList arguments{QStringLiteral("run"), file.fileName()};
    Result result = ApiLens::Test::runProcess(QStringLiteral(APILENS_CLI_PATH), arguments, {}, environment);
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains("chain.http:3: script not run: the folder is not trusted"),
             result.err.constData());
    QVERIFY(result.err.contains("pass --trust"));
    QCOMPARE(m_server->requests().size(), 1); // the second had nothing for {{t}}

    result = ApiLens::Test::runProcess(QStringLiteral(APILENS_CLI_PATH),
                                       arguments + QStringList{QStringLiteral("--trust")}, {}, environment);
    QVERIFY2(result.exitCode == 0, QByteArray(result.out + result.err).constData());
    QCOMPARE(m_server->requests().last().target, QByteArray("/echo?next=a-1"));

    QDir().mkpath(config.filePath(QStringLiteral("ApiLens")));
    QFile store(config.filePath(QStringLiteral("ApiLens/trusted-folders.json")));
    QVERIFY(store.open(QIODevice::WriteOnly));
    store.write(QJsonDocument(QJsonObject{{QStringLiteral("trusted"),
                                           QJsonArray{QFileInfo(m_dir->path()).canonicalFilePath()}}})
                    .toJson());
    store.close();
    result = ApiLens::Test::runProcess(QStringLiteral(APILENS_CLI_PATH), arguments, {}, environment);
    QVERIFY2(result.exitCode == 0, QByteArray(result.out + result.err).constData());
    QCOMPARE(m_server->requests().size(), 5);
}

void tst_RunCommand::outsideFilesNeedTheOption()
{
    // A shared collection names a file of its user's by a link in its folder: run refuses to
    // send it unless --allow-outside-files, and says which file and how.
    QTemporaryDir home;
    QFile key(home.filePath(QStringLiteral("id_ed25519")));
    QVERIFY(key.open(QIODevice::WriteOnly) && key.write("PRIVATE KEY") > 0);
    key.close();
    QVERIFY(QDir().mkpath(m_dir->filePath(QStringLiteral("shared/files"))));
    QVERIFY(QFile::link(key.fileName(), m_dir->filePath(QStringLiteral("shared/files/avatar.png"))));
    QFile http(m_dir->filePath(QStringLiteral("shared/upload.http")));
    QVERIFY(http.open(QIODevice::WriteOnly));
    http.write("### upload\nPOST " + m_server->url(QStringLiteral("/echo")).toEncoded() +
               "\nContent-Type: image/png\n\n< ./files/avatar.png\n");
    http.close();
    Result result = run({http.fileName()});
    QCOMPARE(result.exitCode, 1);
    const QByteArray said = result.out + result.err;
    QVERIFY2(said.contains("outside the collection folder") && said.contains("id_ed25519") &&
                 said.contains("--allow-outside-files"),
             said.constData());
    QCOMPARE(m_server->requests().size(), 0);
    result = run({http.fileName(), QStringLiteral("--allow-outside-files")});
    QVERIFY2(result.exitCode == 0, QByteArray(result.out + result.err).constData());
    QCOMPARE(m_server->requests().size(), 1);
    QCOMPARE(m_server->requests().first().body, QByteArray("PRIVATE KEY"));
}

void tst_RunCommand::headerInjectionIsRefused()
{
    // An environment value with CR LF in a header would add a header of its own (or end the
    // request): the request is not sent, and the message names the header.
    QFile env(m_dir->filePath(QStringLiteral("inject/http-client.env.json")));
    QVERIFY(QDir().mkpath(QFileInfo(env).absolutePath()));
    QVERIFY(env.open(QIODevice::WriteOnly));
    env.write(R"({"local": {"tag": "a\r\nX-Injected: 1"}})");
    env.close();
    QFile http(m_dir->filePath(QStringLiteral("inject/tagged.http")));
    QVERIFY(http.open(QIODevice::WriteOnly));
    http.write("### tagged\nGET " + m_server->url(QStringLiteral("/echo")).toEncoded() +
               "\nX-Tag: {{tag}}\n");
    http.close();
    const Result result = run({http.fileName(), QStringLiteral("--env"), QStringLiteral("local")});
    QCOMPARE(result.exitCode, 1);
    const QByteArray said = result.out + result.err;
    QVERIFY2(said.contains("Header 'X-Tag' contains a line break; refused"), said.constData());
    QCOMPARE(m_server->requests().size(), 0);
}

void tst_RunCommand::exitCodes_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("all pass") << QStringLiteral("pass.http") << QStringList{} << 0;
    QTest::newRow("an assertion fails") << QStringLiteral("fail.http") << QStringList{} << 1;
    QTest::newRow("only the passing request")
        << QStringLiteral("fail.http") << QStringList{QStringLiteral("--request"), QStringLiteral("fine")}
        << 0;
    QTest::newRow("folder") << QString() << QStringList{QStringLiteral("--concurrency"), QStringLiteral("2")}
                            << 1;
}

void tst_RunCommand::exitCodes()
{
    QFETCH(QString, target);
    QFETCH(QStringList, extra);
    QFETCH(int, exitCode);
    const Result result =
        run(QStringList{m_dir->filePath(target), QStringLiteral("--env"), QStringLiteral("local")} + extra);
    QCOMPARE(result.exitCode, exitCode);
}

void tst_RunCommand::consoleReport()
{
    const Result result = run(
        {m_dir->path(), QStringLiteral("--env"), QStringLiteral("local"), QStringLiteral("--color=never")});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.out.contains("✗ 409 GET conflict  fail.http:2"), result.out.constData());
    QVERIFY(result.out.contains("    ?? status == 200 — failed: got 409\n"));
    QVERIFY(result.out.contains("    Plain text · write protected\n")); // the error body, read
    QVERIFY(result.out.contains("✓ 200 GET ok  pass.http:2"));
    QVERIFY(result.out.endsWith("\n2 passed, 1 failed\n"));
}

void tst_RunCommand::jsonReport()
{
    const Result result = run({m_dir->path(), QStringLiteral("--env"), QStringLiteral("local"),
                               QStringLiteral("--reporter"), QStringLiteral("json")});
    const QJsonObject report = QJsonDocument::fromJson(result.out).object();
    QCOMPARE(report.value(QStringLiteral("passed")).toInt(), 2);
    QCOMPARE(report.value(QStringLiteral("failed")).toInt(), 1);
    const QJsonArray results = report.value(QStringLiteral("results")).toArray();
    QCOMPARE(results.size(), 3);
    const QJsonObject conflict = results[0].toObject();
    QCOMPARE(conflict.value(QStringLiteral("name")).toString(), QStringLiteral("conflict"));
    QCOMPARE(conflict.value(QStringLiteral("status")).toInt(), 409);
    QCOMPARE(
        conflict.value(QStringLiteral("error")).toObject().value(QStringLiteral("status_class")).toString(),
        QStringLiteral("4xx"));
    QCOMPARE(conflict.value(QStringLiteral("assertions"))
                 .toArray()[0]
                 .toObject()
                 .value(QStringLiteral("outcome"))
                 .toString(),
             QStringLiteral("failed"));
}

void tst_RunCommand::junitReportToFile()
{
    const QString path = m_dir->filePath(QStringLiteral("report.xml"));
    const Result result =
        run({m_dir->path(), QStringLiteral("--env"), QStringLiteral("local"), QStringLiteral("--reporter"),
             QStringLiteral("junit"), QStringLiteral("--output"), path});
    QCOMPARE(result.exitCode, 1);
    QVERIFY(result.out.isEmpty());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    int testcases = 0;
    int failures = 0;
    QString failedName;
    QString current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == QLatin1String("testcase")) {
            ++testcases;
            current = xml.attributes().value(QStringLiteral("name")).toString();
        } else if (xml.isStartElement() && xml.name() == QLatin1String("failure")) {
            ++failures;
            failedName = current;
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(testcases, 3);
    QCOMPARE(failures, 1);
    QCOMPARE(failedName, QStringLiteral("GET conflict"));
}

void tst_RunCommand::collectionCatalogExplainsCodes()
{
    m_server->setHandler([](const ApiLens::Test::ReceivedRequest &) {
        ApiLens::Test::Response response;
        response.status = 400;
        response.headers = {{"Content-Type", "application/json"}};
        response.body = R"({"error_code": 42, "error_message": "Out of stock"})";
        return response;
    });
    QFile catalog(m_dir->filePath(QStringLiteral("apilens-catalog.json")));
    QVERIFY(catalog.open(QIODevice::WriteOnly));
    catalog.write(R"({"version":1,"kind":"vendor","id":"numeric-codes","name":"Our shop",
                     "codes":[{"code":42,"name":"NO STOCK","meaning":"The item sold out; offer a back-order."}]})");
    catalog.close();
    const Result result = run({m_dir->filePath(QStringLiteral("pass.http")), QStringLiteral("--env"),
                               QStringLiteral("local"), QStringLiteral("--color=never")});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.out.contains("    = NO STOCK: The item sold out; offer a back-order.\n"),
             result.out.constData());
}

void tst_RunCommand::badArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("no path") << QStringList{} << QByteArray("expected one .http file or folder");
    QTest::newRow("bad reporter") << QStringList{QStringLiteral("x"), QStringLiteral("--reporter"),
                                                 QStringLiteral("tap")}
                                  << QByteArray("--reporter takes console, json or junit");
    QTest::newRow("bad concurrency") << QStringList{QStringLiteral("x"), QStringLiteral("--concurrency"),
                                                    QStringLiteral("0")}
                                     << QByteArray("--concurrency takes a number");
    QTest::newRow("missing path") << QStringList{QStringLiteral("/nonexistent/x.http")}
                                  << QByteArray("no such file or folder");
    QTest::newRow("unknown env") << QStringList{QStringLiteral("@"), QStringLiteral("--env"),
                                                QStringLiteral("prod")}
                                 << QByteArray("no environment 'prod'");
}

void tst_RunCommand::badArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, message);
    if (!arguments.isEmpty() && arguments[0] == QLatin1String("@")) {
        arguments[0] = m_dir->path();
    }
    const Result result = run(arguments);
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(message), result.err.constData());
}

void tst_RunCommand::concurrencyUsesThatManyConnections()
{
    // --concurrency 10 on ten independent GETs of one file to one server: ten connections at
    // once (past the pool's usual six per server), the report in the file's order.
    QByteArray text;
    for (int i = 0; i < 10; ++i) {
        text += "### r" + QByteArray::number(i) + "\nGET " +
                m_server->url(QStringLiteral("/delay/400")).toEncoded() + "?i=" + QByteArray::number(i) +
                "\n\n";
    }
    QFile http(m_dir->filePath(QStringLiteral("many.http")));
    QVERIFY(http.open(QIODevice::WriteOnly) && http.write(text) == text.size());
    http.close();
    const int connectionsBefore = m_server->connectionCount();
    const Result result = run({http.fileName(), QStringLiteral("--concurrency"), QStringLiteral("10"),
                               QStringLiteral("--reporter"), QStringLiteral("json")});
    QVERIFY2(result.exitCode == 0, QByteArray(result.out + result.err).constData());
    QCOMPARE(m_server->connectionCount() - connectionsBefore, 10);
    QCOMPARE(m_server->requests().size(), 10);
    const QJsonArray results =
        QJsonDocument::fromJson(result.out).object().value(QStringLiteral("results")).toArray();
    QCOMPARE(results.size(), 10);
    for (int i = 0; i < 10; ++i) {
        QCOMPARE(results[i].toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("r%1").arg(i));
    }
}

void tst_RunCommand::reportsLeaveSecretsOut_data()
{
    // Reports end up in CI logs: a secret goes to the server, never into a report.
    QTest::addColumn<QString>("reporter");
    QTest::newRow("console") << QStringLiteral("console");
    QTest::newRow("json") << QStringLiteral("json");
    QTest::newRow("junit") << QStringLiteral("junit");
}

void tst_RunCommand::reportsLeaveSecretsOut()
{
    QFETCH(QString, reporter);
    QFile secrets(m_dir->filePath(QStringLiteral("http-client.private.env.json")));
    QVERIFY(secrets.open(QIODevice::WriteOnly));
    secrets.write(R"({"local": {"token": "s3cr3t-Tok/en+1"}})");
    secrets.close();
    QFile http(m_dir->filePath(QStringLiteral("secret.http")));
    QVERIFY(http.open(QIODevice::WriteOnly));
    // The private value in the path, in a query parameter of an ordinary name and one of a
    // secret's name, in a header and the body; a script logs it and one keeps a token it got.
    http.write(
        "### login\nPOST {{host}}/echo?access_token=plain-sight-value\nContent-Type: application/json\n\n"
        "{\"t\": \"{{token}}\"}\n\n> {%\n  client.global.set('session_token', 'from-login-script');\n"
        "  client.log('token is ' + request.environment.get('token'));\n%}\n\n"
        "### use\nGET {{host}}/users/{{token}}/x?q={{token}}&page=2\nX-Key: {{token}}\n"
        "X-Session: {{session_token}}\n\n?? header content-type == {{token}}\n");
    http.close();
    const Result result = run({http.fileName(), QStringLiteral("--env"), QStringLiteral("local"),
                               QStringLiteral("--trust"), QStringLiteral("--reporter"), reporter});
    const QByteArray said = result.out + result.err;
    QCOMPARE(m_server->requests().size(), 2);
    QVERIFY(m_server->requests().last().target.contains("s3cr3t-Tok")); // sent as written
    QCOMPARE(m_server->requests().last().header("X-Session"), QByteArray("from-login-script"));
    for (const QByteArray &secret : {QByteArray("s3cr3t-Tok"), QByteArray("s3cr3t-Tok%2Fen"),
                                     QByteArray("plain-sight-value"), QByteArray("from-login-script")}) {
        QVERIFY2(!said.contains(secret), said.constData());
    }
    if (reporter == QLatin1String("json")) { // the one that lists URLs and what scripts logged
        QVERIFY2(said.contains("[redacted]"), said.constData());
        QVERIFY2(said.contains("page=2"), said.constData()); // the rest of the URL as it was
    }
}

QTEST_GUILESS_MAIN(tst_RunCommand)
#include "tst_runcommand.moc"
