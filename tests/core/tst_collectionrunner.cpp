#include "collections/collectionrunner.h"
#include "http/httpclient.h"
#include "scripting/scripthost.h"

#include "testserver.h"

#include <QDir>
#include <QElapsedTimer>
#include <QNetworkProxy>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ApiLens::Core;
using ApiLens::Test::ReceivedRequest;
using ApiLens::Test::TestServer;

// Runs hand-written .http files against the local test server.
class tst_CollectionRunner : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void runsAFolderWithEnvironmentChainingAndAssertions();
    void requestFilter();
    void concurrencyRunsFilesSideBySide();
    void concurrencyWithinAFile_data();
    void concurrencyWithinAFile();
    void resultsKeepOnlyWhatReportsRead_data();
    void resultsKeepOnlyWhatReportsRead();
    void refusesUnusableInput_data();
    void refusesUnusableInput();
    void bodyFiles();
    void outsideFiles_data();
    void outsideFiles();
    void jwtClaimsAreReadable();
    void loops_data();
    void loops();
    void scriptsChainRequests_data();
    void scriptsChainRequests();
    void untrustedScriptsAreReportedAndNotRun();
    void setNextRequestJumps();
    void preRequestScriptChangesTheRequest();
    void unresolvedVariablesSentWhenAsked();
    void keptBodiesSpillPastTheCap();
    void bodiesPastTheReadLimitAreSaid();

private:
    void write(const QString &relative, const QByteArray &content);
    QList<RunResult> run(const QString &path, const RunOptions &options, QStringList *errors = nullptr,
                         QStringList *warnings = nullptr);

    QTemporaryDir *m_dir = nullptr;
    TestServer *m_server = nullptr;
    HttpClient *m_client = nullptr;
};

void tst_CollectionRunner::init()
{
    m_dir = new QTemporaryDir;
    m_server = new TestServer;
    QVERIFY(m_server->listen());
    m_client = new HttpClient;
    write(QStringLiteral("http-client.env.json"),
          QByteArray(R"({"local": {"host": "http://127.0.0.1:)" + QByteArray::number(m_server->port()) +
                     R"("}})"));
    write(QStringLiteral("http-client.private.env.json"), R"({"local": {"token": "s3cret"}})");
}

void tst_CollectionRunner::cleanup()
{
    delete m_client;
    delete m_server;
    delete m_dir;
}

void tst_CollectionRunner::write(const QString &relative, const QByteArray &content)
{
    const QString path = m_dir->filePath(relative);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
}

QList<RunResult> tst_CollectionRunner::run(const QString &path, const RunOptions &options,
                                           QStringList *errors, QStringList *warnings)
{
    ScriptHost scripts;
    CollectionRunner runner(m_client, &scripts);
    QStringList problems;
    if (!runner.prepare(path, options, errors ? errors : &problems)) {
        return {};
    }
    QSignalSpy finished(&runner, &CollectionRunner::finished);
    QList<RunResult> results; // as they finish, with their bodies (results() keeps none)
    connect(&runner, &CollectionRunner::requestFinished, this,
            [&results](const RunResult &result) { results.append(result); });
    runner.start();
    if (finished.isEmpty()) {
        finished.wait(20000);
    }
    if (warnings) {
        *warnings = runner.warnings();
    }
    return results;
}

void tst_CollectionRunner::runsAFolderWithEnvironmentChainingAndAssertions()
{
    write(QStringLiteral("a.http"), R"(@greeting = hello

# @name login
POST {{host}}/echo
Content-Type: application/json

{"user": "ada", "say": "{{greeting}}"}

?? status == 200
?? body $.method == POST

###
GET {{host}}/echo?from={{login.response.body.$.method}}
Authorization: Bearer {{token}}

?? body $.query == from=POST
?? header content-type includes json
?? status == 201
)");
    write(QStringLiteral("sub/b.http"), "GET {{host}}/status/404\n\n?? status == 404\n");
    RunOptions options;
    options.environment = QStringLiteral("local");
    const QList<RunResult> results = run(m_dir->path(), options);
    QCOMPARE(results.size(), 3);
    QCOMPARE(results[0].name, QStringLiteral("login"));
    QVERIFY(results[0].passed());
    QCOMPARE(m_server->requests()[0].body, QByteArray(R"({"user": "ada", "say": "hello"})"));
    // Chaining and secrets reached the second request.
    QCOMPARE(m_server->requests()[1].query(), QByteArray("from=POST"));
    QCOMPARE(m_server->requests()[1].header("Authorization"), QByteArray("Bearer s3cret"));
    QVERIFY(!results[1].passed()); // status == 201 does not hold
    QCOMPARE(results[1].assertions.size(), 3);
    QCOMPARE(results[1].assertions[2].outcome, AssertionResult::Outcome::Failed);
    QCOMPARE(results[1].file, QStringLiteral("a.http"));
    QCOMPARE(results[1].line, 13);
    QCOMPARE(results[2].file, QStringLiteral("sub/b.http"));
    QVERIFY(results[2].passed()); // a 404 that was expected
    QVERIFY(results[2].report);   // ... and still read as an error
}

void tst_CollectionRunner::requestFilter()
{
    write(QStringLiteral("a.http"), "### one\nGET {{host}}/status/200\n\n### two\nGET {{host}}/status/500\n");
    RunOptions options;
    options.environment = QStringLiteral("local");
    options.request = QStringLiteral("two");
    const QList<RunResult> results = run(m_dir->filePath(QStringLiteral("a.http")), options);
    QCOMPARE(results.size(), 1);
    QCOMPARE(results[0].exchange.status, 500);
    QVERIFY(results[0].passed()); // no --check-status
    options.checkStatus = true;
    QVERIFY(!run(m_dir->filePath(QStringLiteral("a.http")), options).constFirst().passed());
}

void tst_CollectionRunner::concurrencyRunsFilesSideBySide()
{
    for (int i = 0; i < 4; ++i) {
        write(QStringLiteral("f%1.http").arg(i), "GET {{host}}/delay/300\n");
    }
    RunOptions options;
    options.environment = QStringLiteral("local");
    options.concurrency = 4;
    QElapsedTimer timer;
    timer.start();
    const QList<RunResult> results = run(m_dir->path(), options);
    QCOMPARE(results.size(), 4);
    for (const RunResult &result : results) {
        QVERIFY(result.passed());
    }
    QVERIFY2(timer.elapsed() < 1100, qPrintable(QString::number(timer.elapsed()))); // not 4 x 300 ms
}

void tst_CollectionRunner::concurrencyWithinAFile_data()
{
    // The third of four requests; the others are GETs that depend on nothing.
    QTest::addColumn<QByteArray>("third");
    QTest::addColumn<bool>("keepsPlace");
    QTest::addColumn<bool>("trust");
    QTest::newRow("independent GET") << QByteArray("GET {{host}}/c?id={{$uuid}}&t={{token}}\n") << false
                                     << false;
    QTest::newRow("HEAD") << QByteArray("HEAD {{host}}/c\n") << false << false;
    QTest::newRow("POST") << QByteArray("POST {{host}}/c\n\nx=1\n") << true << false;
    QTest::newRow("DELETE") << QByteArray("DELETE {{host}}/c\n") << true << false;
    QTest::newRow("chaining") << QByteArray("GET {{host}}/c?id={{a.response.body.$.n}}\n") << true << false;
    QTest::newRow("chaining a header")
        << QByteArray("GET {{host}}/c\nX-N: {{a.response.headers.X-N}}\n") << true << false;
    QTest::newRow("httpyac response variable") << QByteArray("GET {{host}}/c?id={{a.n}}\n") << true << false;
    QTest::newRow("through a file variable")
        << QByteArray("@id = {{a.response.body.$.n}}\nGET {{host}}/c?id={{id}}\n") << true << false;
    QTest::newRow("script") << QByteArray("GET {{host}}/c\n\n> {%\n  client.global.set('x', '1');\n%}\n")
                            << true << true;
    QTest::newRow("@ref") << QByteArray("# @ref a\nGET {{host}}/c\n") << true << false;
    QTest::newRow("@sleep") << QByteArray("# @sleep 1\nGET {{host}}/c\n") << true << false;
    QTest::newRow("@loop") << QByteArray("# @loop for 1\nGET {{host}}/c\n") << true << false;
}

void tst_CollectionRunner::concurrencyWithinAFile()
{
    // With lanes to spare, the requests of one file that depend on nothing before them go side
    // by side; one that may depend (or that changes something) starts when everything before
    // it ended, and what follows waits for it. Reports keep the file's order.
    QFETCH(QByteArray, third);
    QFETCH(bool, keepsPlace);
    QFETCH(bool, trust);
    constexpr int DelayMs = 200;
    QElapsedTimer clock;
    clock.start();
    QHash<QByteArray, qint64> arrived; // path -> ms
    m_server->setHandler([&](const ReceivedRequest &request) {
        arrived.insert(request.path(), clock.elapsed());
        ApiLens::Test::Response response;
        response.delayMs = DelayMs;
        response.headers = {{"Content-Type", "application/json"}, {"X-N", "1"}};
        response.body = R"({"n": 1})";
        return response;
    });
    write(QStringLiteral("a.http"),
          "# @name a\nGET {{host}}/a\n\n###\nGET {{host}}/b\n\n###\n" + third + "\n###\nGET {{host}}/d\n");
    RunOptions options;
    options.environment = QStringLiteral("local");
    options.concurrency = 6;
    options.trustScripts = trust;
    const QList<RunResult> results = run(m_dir->filePath(QStringLiteral("a.http")), options);
    QCOMPARE(results.size(), 4);
    const QStringList paths{QStringLiteral("/a"), QStringLiteral("/b"), QStringLiteral("/c"),
                            QStringLiteral("/d")};
    for (int i = 0; i < 4; ++i) {
        QVERIFY2(results[i].passed(), qPrintable(results[i].problem));
        QCOMPARE(QUrl(results[i].url).path(), paths[i]); // in the file's order
    }
    QCOMPARE(arrived.size(), 4);
    const qint64 a = arrived.value("/a");
    const qint64 b = arrived.value("/b");
    const qint64 c = arrived.value("/c");
    const qint64 d = arrived.value("/d");
    const QString when = QStringLiteral("a %1 b %2 c %3 d %4 ms").arg(a).arg(b).arg(c).arg(d);
    QVERIFY2(qAbs(b - a) < DelayMs / 2, qPrintable(when)); // side by side
    // A timer may fire a little early; DelayMs * 0.9 allows for it.
    if (keepsPlace) {
        QVERIFY2(c >= qMax(a, b) + DelayMs * 9 / 10, qPrintable(when));
        QVERIFY2(d >= c + DelayMs * 9 / 10, qPrintable(when));
    } else {
        QVERIFY2(c - a < DelayMs / 2 && d - a < DelayMs / 2, qPrintable(when));
    }
}

void tst_CollectionRunner::resultsKeepOnlyWhatReportsRead_data()
{
    QTest::addColumn<bool>("keepResults");
    QTest::newRow("kept") << true;
    QTest::newRow("counted only") << false;
}

void tst_CollectionRunner::resultsKeepOnlyWhatReportsRead()
{
    // A long run's memory does not grow with what each request sent and received: results()
    // keeps the outline (status, timings, error), or with keepResults off only the counts.
    QFETCH(bool, keepResults);
    write(QStringLiteral("a.http"),
          "# @name one\nGET {{host}}/echo\n\n###\nGET {{host}}/status/404\n\n###\nGET "
          "{{host}}/x?v={{one.response.body.$.method}}\n");
    CollectionRunner runner(m_client);
    RunOptions options;
    options.environment = QStringLiteral("local");
    options.keepResults = keepResults;
    QStringList errors;
    QVERIFY(runner.prepare(m_dir->filePath(QStringLiteral("a.http")), options, &errors));
    QList<RunResult> seen;
    connect(&runner, &CollectionRunner::requestFinished, this,
            [&seen](const RunResult &r) { seen.append(r); });
    QSignalSpy finished(&runner, &CollectionRunner::finished);
    runner.start();
    QVERIFY(finished.wait(10000));
    QCOMPARE(runner.reported(), 3);
    QCOMPARE(runner.failures(), 0);
    QCOMPARE(seen.size(), 3);
    QVERIFY(!seen[0].exchange.headers.isEmpty() && seen[0].exchange.body.size() > 0); // the signal has it all
    QCOMPARE(m_server->requests().last().target, QByteArray("/x?v=GET")); // chaining kept its part
    if (!keepResults) {
        QVERIFY(runner.results().isEmpty());
        return;
    }
    QCOMPARE(runner.results().size(), 3);
    const Exchange &kept = runner.results()[1].exchange;
    QCOMPARE(kept.status, 404);
    QVERIFY(kept.headers.isEmpty() && kept.body.size() == 0 && kept.request.headers.isEmpty() &&
            kept.hops.isEmpty());
    QCOMPARE(runner.results()[0].exchange.bodySize(), seen[0].exchange.bodySize());
    QVERIFY(kept.timings.totalMs() > 0);
}

void tst_CollectionRunner::refusesUnusableInput_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("environment");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing path") << QStringLiteral("nope.http") << QString()
                                  << QStringLiteral("no such file or folder");
    QTest::newRow("unknown environment")
        << QStringLiteral("a.http") << QStringLiteral("prod") << QStringLiteral("no environment 'prod'");
    QTest::newRow("no requests") << QStringLiteral("empty.http") << QString()
                                 << QStringLiteral("no requests to run");
}

void tst_CollectionRunner::refusesUnusableInput()
{
    QFETCH(QString, path);
    QFETCH(QString, environment);
    QFETCH(QString, message);
    write(QStringLiteral("a.http"), "GET {{host}}/\n");
    write(QStringLiteral("empty.http"), "# nothing\n");
    CollectionRunner runner(m_client);
    RunOptions options;
    options.environment = environment;
    QStringList errors;
    QVERIFY(!runner.prepare(m_dir->filePath(path), options, &errors));
    QVERIFY2(errors.join(QLatin1Char('\n')).contains(message), qPrintable(errors.join(QLatin1Char('\n'))));
}

void tst_CollectionRunner::bodyFiles()
{
    write(QStringLiteral("data/user.json"), R"({"name": "{{greeting}}"})");
    write(QStringLiteral("a.http"), R"(@greeting = hi
POST {{host}}/echo
Content-Type: application/json

< ./data/user.json

###
POST {{host}}/echo

<@ ./data/user.json

###
POST {{host}}/echo

< ../outside.json
)");
    RunOptions options;
    options.environment = QStringLiteral("local");
    const QList<RunResult> results = run(m_dir->path(), options);
    QCOMPARE(results.size(), 3);
    QCOMPARE(m_server->requests()[0].body, QByteArray(R"({"name": "{{greeting}}"})")); // "<" sends the bytes
    QCOMPARE(m_server->requests()[1].body, QByteArray(R"({"name": "hi"})")); // "<@" resolves variables
    QVERIFY(!results[2].sent());
    QVERIFY(results[2].problem.contains(QStringLiteral("outside the collection folder")));
    QCOMPARE(m_server->requests().size(), 2);
}

void tst_CollectionRunner::outsideFiles_data()
{
    QTest::addColumn<QString>("bodyLine");
    QTest::addColumn<bool>("allow");
    QTest::addColumn<bool>("sent");
    QTest::newRow("inside") << QStringLiteral("< ./data/inside.json") << false << true;
    QTest::newRow("outside, by path") << QStringLiteral("< {outside}") << false << false;
    QTest::newRow("outside, by a link inside the folder")
        << QStringLiteral("< ./data/link.json") << false << false;
    QTest::newRow("multipart file part outside")
        << QStringLiteral(
               "--b\nContent-Disposition: form-data; name=\"f\"; filename=\"k\"\n\n< {outside}\n--b--")
        << false << false;
    QTest::newRow("--allow-outside-files, by path") << QStringLiteral("< {outside}") << true << true;
    QTest::newRow("--allow-outside-files, by a link") << QStringLiteral("< ./data/link.json") << true << true;
}

// A shared collection must not send a file of its user's from outside its folder (a key under
// ~/.ssh) unless the run allows it; a symbolic link inside the folder does not make it inside.
void tst_CollectionRunner::outsideFiles()
{
    QFETCH(QString, bodyLine);
    QFETCH(bool, allow);
    QFETCH(bool, sent);
    QTemporaryDir home;
    const QString secret = home.filePath(QStringLiteral("id_ed25519"));
    QFile key(secret);
    QVERIFY(key.open(QIODevice::WriteOnly) && key.write("PRIVATE KEY") > 0);
    key.close();
    write(QStringLiteral("data/inside.json"), "{}");
    QVERIFY(QFile::link(secret, m_dir->filePath(QStringLiteral("data/link.json"))));
    bodyLine.replace(QStringLiteral("{outside}"), secret);
    const bool multipart = bodyLine.startsWith(QLatin1String("--b"));
    write(QStringLiteral("a.http"),
          "POST {{host}}/echo\nContent-Type: " +
              QByteArray(multipart ? "multipart/form-data; boundary=b" : "text/plain") + "\n\n" +
              bodyLine.toUtf8() + "\n");
    RunOptions options;
    options.environment = QStringLiteral("local");
    options.allowOutsideFiles = allow;
    const QList<RunResult> results = run(m_dir->path(), options);
    QCOMPARE(results.size(), 1);
    QCOMPARE(results[0].sent(), sent);
    QCOMPARE(int(m_server->requests().size()), sent ? 1 : 0);
    if (!sent) {
        QVERIFY2(results[0].problem.contains(QStringLiteral("outside the collection folder")) &&
                     results[0].problem.contains(QStringLiteral("id_ed25519")) &&
                     results[0].problem.contains(QStringLiteral("--allow-outside-files")),
                 qPrintable(results[0].problem));
    } else if (bodyLine.contains(QStringLiteral("link")) || bodyLine.contains(secret)) {
        QVERIFY(m_server->requests()[0].body.contains("PRIVATE KEY"));
    }
}

void tst_CollectionRunner::scriptsChainRequests_data()
{
    // Each dialect takes a value from the first response into the second request.
    QTest::addColumn<QByteArray>("file");
    QTest::newRow("JetBrains handler") << QByteArray(R"(GET {{host}}/echo?token=t-1

> {%
    client.global.set("token", response.body.query.split("=")[1]);
    client.test("echoed", function () { client.assert(response.status === 200, "status"); });
%}

###
GET {{host}}/echo?next={{token}}
)");
    QTest::newRow("httpyac script block") << QByteArray(R"(GET {{host}}/echo?token=t-1

{{
  exports.token = response.parsedBody.query.split("=")[1];
  test("echoed", () => { if (response.statusCode !== 200) throw new Error("status"); });
}}

###
GET {{host}}/echo?next={{token}}
)");
    QTest::newRow("imported Postman test") << QByteArray(R"(GET {{host}}/echo?token=t-1

> {%
// Postman test script
pm.test("echoed", () => pm.response.to.have.status(200));
pm.environment.set("token", pm.response.json().query.split("=")[1]);
%}

###
GET {{host}}/echo?next={{token}}
)");
    QTest::newRow("httpyac expression") << QByteArray(R"(@token = t
GET {{host}}/echo?x=1

{{
  exports.suffix = "-1";
  test("echoed", () => {});
}}

###
GET {{host}}/echo?next={{ token + suffix }}
)");
}

void tst_CollectionRunner::scriptsChainRequests()
{
    QFETCH(QByteArray, file);
    write(QStringLiteral("chain.http"), file);
    RunOptions options;
    options.environment = QStringLiteral("local");
    options.trustScripts = true;
    QStringList warnings;
    const QList<RunResult> results =
        run(m_dir->filePath(QStringLiteral("chain.http")), options, nullptr, &warnings);
    QCOMPARE(warnings, QStringList());
    QCOMPARE(results.size(), 2);
    QVERIFY2(results[1].sent(), qPrintable(results[1].problem));
    QCOMPARE(m_server->requests().last().target, QByteArray("/echo?next=t-1"));
    QCOMPARE(results[0].assertions.size(), 1);
    QCOMPARE(results[0].assertions[0].assertion, QStringLiteral("echoed"));
    QCOMPARE(results[0].assertions[0].outcome, AssertionResult::Outcome::Passed);
    QVERIFY(results[0].passed());
}

void tst_CollectionRunner::jwtClaimsAreReadable()
{
    // "# @jwt": later requests read the claims of a JWT in the JSON response, no script needed.
    const auto part = [](const QByteArray &json) {
        return json.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    };
    const QByteArray jwt = part(R"({"alg":"none"})") + '.' + part(R"({"sub":"ada","n":[4,2]})") + ".c2ln";
    write(QStringLiteral("jwt.http"),
          "# @name login\n# @jwt\nPOST {{host}}/echo\nContent-Type: text/plain\n\n" + jwt +
              "\n\n###\nGET {{host}}/echo?sub={{login.body_parsed.sub}}"
              "&n={{login.body_parsed.n[1]}}\n");
    RunOptions options;
    options.environment = QStringLiteral("local");
    const QList<RunResult> results = run(m_dir->filePath(QStringLiteral("jwt.http")), options);
    QCOMPARE(results.size(), 2);
    QVERIFY2(results[1].sent(), qPrintable(results[1].problem));
    QCOMPARE(m_server->requests().last().target, QByteArray("/echo?sub=ada&n=2"));
    // What was received stays as it came.
    QVERIFY(!results[0].exchange.body.bytes().contains("body_parsed"));
}

void tst_CollectionRunner::loops_data()
{
    QTest::addColumn<QString>("loop");
    QTest::addColumn<bool>("trusted");
    QTest::addColumn<QByteArrayList>("targets"); // what the looping request sent
    QTest::addColumn<QString>("warning");
    QTest::newRow("for N") << "for 2" << false << QByteArrayList{"/echo?i=0", "/echo?i=1"} << QString();
    QTest::newRow("for x of a list") << "for x of [\"a\", \"b\"]" << true
                                     << QByteArrayList{"/echo?i=0&x=a", "/echo?i=1&x=b"} << QString();
    QTest::newRow("while, on the last response")
        << "while response.parsedBody.query !== \"i=2\"" << true
        << QByteArrayList{"/echo?i=0", "/echo?i=1", "/echo?i=2"} << QString();
    QTest::newRow("while false at once") << "while 0" << true << QByteArrayList{} << QString();
    QTest::newRow("while, untrusted")
        << "while true" << false << QByteArrayList{}
        << "loop.http:5: not sent: # @loop while true needs its JavaScript run: the folder is not trusted";
    QTest::newRow("while that throws") << "while nope.x" << true << QByteArrayList{}
                                       << "loop.http:5: ReferenceError: nope is not defined (# @loop while)";
    QTest::newRow("unknown kind") << "until done" << true << QByteArrayList{}
                                  << "loop.http:5: not sent: # @loop until done is not a loop ApiLens runs "
                                     "(for N, for x of list, while condition)";
}

void tst_CollectionRunner::loops()
{
    QFETCH(QString, loop);
    QFETCH(bool, trusted);
    QFETCH(QByteArrayList, targets);
    QFETCH(QString, warning);
    const bool withItem = loop.contains(QLatin1String(" of "));
    write(QStringLiteral("loop.http"), "GET {{host}}/echo/first\n\n###\n# @loop " + loop.toUtf8() +
                                           "\nGET {{host}}/echo?i={{$index}}" + (withItem ? "&x={{x}}" : "") +
                                           "\n");
    RunOptions options;
    options.environment = QStringLiteral("local");
    options.trustScripts = trusted;
    QStringList warnings;
    run(m_dir->filePath(QStringLiteral("loop.http")), options, nullptr, &warnings);
    QByteArrayList sent;
    for (const auto &request : m_server->requests()) {
        if (request.path() == "/echo") {
            sent.append(request.target);
        }
    }
    QCOMPARE(sent, targets);
    QCOMPARE(warnings, warning.isEmpty() ? QStringList() : QStringList{warning});
}

void tst_CollectionRunner::untrustedScriptsAreReportedAndNotRun()
{
    write(QStringLiteral("chain.http"), R"(< {% request.variables.set("a", "1") %}
GET {{host}}/echo?token=t-1

> {% client.global.set("tok", "t-1") %}

###
GET {{host}}/echo?next={{tok}}&b={{ 1 + 1 }}
)");
    RunOptions options;
    options.environment = QStringLiteral("local");
    QStringList warnings;
    const QList<RunResult> results =
        run(m_dir->filePath(QStringLiteral("chain.http")), options, nullptr, &warnings);
    QCOMPARE(results.size(), 2);
    QVERIFY(results[0].sent());
    QVERIFY(!results[1].sent());
    QCOMPARE(results[1].problem, QStringLiteral("unresolved variables {{tok}}, {{1 + 1}}"));
    const QString why = QStringLiteral(" not run: the folder is not trusted");
    QCOMPARE(warnings, (QStringList{QStringLiteral("chain.http:1: pre-request script") + why,
                                    QStringLiteral("chain.http:4: script") + why,
                                    QStringLiteral("chain.http:7: {{ expression }}") + why}));
    QCOMPARE(m_server->requests().size(), 1);
}

void tst_CollectionRunner::setNextRequestJumps()
{
    // newman's control flow: "B" skips to C, C ends the run with null.
    write(QStringLiteral("flow.http"), R"(### A
GET {{host}}/echo?a

> {%
// Postman test script
postman.setNextRequest("C");
%}

### B
GET {{host}}/echo?b

### C
GET {{host}}/echo?c

> {%
// Postman test script
pm.execution.setNextRequest(null);
%}

### D
GET {{host}}/echo?d
)");
    RunOptions options;
    options.environment = QStringLiteral("local");
    options.trustScripts = true;
    const QList<RunResult> results = run(m_dir->filePath(QStringLiteral("flow.http")), options);
    QStringList names;
    for (const RunResult &result : results) {
        names.append(result.name);
    }
    QCOMPARE(names, (QStringList{QStringLiteral("A"), QStringLiteral("C")}));
}

void tst_CollectionRunner::preRequestScriptChangesTheRequest()
{
    write(QStringLiteral("pre.http"), R"(< {%
// Postman pre-request script
pm.request.headers.add({key: "X-Signature", value: CryptoJS.SHA256("body").toString().slice(0, 8)});
pm.variables.set("stamp", "42");
%}
POST {{host}}/echo?at={{stamp}}
Content-Type: text/plain

body
)");
    RunOptions options;
    options.environment = QStringLiteral("local");
    options.trustScripts = true;
    const QList<RunResult> results = run(m_dir->filePath(QStringLiteral("pre.http")), options);
    QCOMPARE(results.size(), 1);
    QVERIFY2(results[0].sent(), qPrintable(results[0].problem));
    const ReceivedRequest received = m_server->requests().last();
    QCOMPARE(received.target, QByteArray("/echo?at=42"));
    QCOMPARE(received.header("X-Signature"), QByteArray("230d8358"));
    QCOMPARE(received.body, QByteArray("body"));
}

void tst_CollectionRunner::unresolvedVariablesSentWhenAsked()
{
    write(QStringLiteral("u.http"), "GET {{host}}/echo?v={{missing}}\n");
    RunOptions options;
    options.environment = QStringLiteral("local");
    QList<RunResult> results = run(m_dir->filePath(QStringLiteral("u.http")), options);
    QCOMPARE(results.size(), 1);
    QVERIFY(!results[0].sent());
    QVERIFY(m_server->requests().isEmpty());
    options.sendUnresolved = true;
    results = run(m_dir->filePath(QStringLiteral("u.http")), options);
    QVERIFY(results[0].sent());
    QCOMPARE(results[0].unresolved, QStringList{QStringLiteral("missing")});
    QCOMPARE(m_server->requests().last().target, QByteArray("/echo?v={{missing}}")); // as newman sends it
}

void tst_CollectionRunner::keptBodiesSpillPastTheCap()
{
    // Twelve named requests of 6 MB each (72 MB, past the 64 MB cap): the bodies kept for
    // chaining go to files once the cap is reached, chaining still reads them, and the results
    // a report reads hold none.
    write(QStringLiteral("big.txt"), QByteArray(6 << 20, 'b'));
    QByteArray file;
    for (int i = 1; i <= 12; ++i) {
        file += "# @name big" + QByteArray::number(i) +
                "\nPOST {{host}}/echo\nContent-Type: text/plain\n\n< ./big.txt\n\n###\n";
    }
    file += "GET {{host}}/echo?first={{big1.response.body.$.method}}&last={{big12.response.body.$.method}}\n";
    write(QStringLiteral("big.http"), file);
    RunOptions options;
    options.environment = QStringLiteral("local");
    ScriptHost scripts;
    CollectionRunner runner(m_client, &scripts);
    QStringList errors;
    QVERIFY(runner.prepare(m_dir->filePath(QStringLiteral("big.http")), options, &errors));
    qint64 mostKept = 0;
    connect(&runner, &CollectionRunner::requestFinished, this,
            [&](const RunResult &) { mostKept = std::max(mostKept, runner.keptBodyBytesInMemory()); });
    QSignalSpy finished(&runner, &CollectionRunner::finished);
    runner.start();
    QVERIFY(finished.wait(60000));
    QCOMPARE(runner.results().size(), 13);
    QVERIFY2(runner.results().last().sent(), qPrintable(runner.results().last().problem));
    QCOMPARE(m_server->requests().last().query(), QByteArray("first=POST&last=POST"));
    QVERIFY(mostKept > 0);
    QVERIFY2(mostKept <= CollectionRunner::KeptBodiesInMemoryBytes, qPrintable(QString::number(mostKept)));
    for (const RunResult &result : runner.results()) {
        QVERIFY(result.exchange.body.isEmpty());
        QVERIFY(result.exchange.bodySize() > 0); // its size is still known
    }
}

void tst_CollectionRunner::bodiesPastTheReadLimitAreSaid()
{
    // A 20 MB body: assertions and chaining do not read part of it as if it were all.
    write(QStringLiteral("huge.http"),
          "# @name huge\nGET {{host}}/bytes/20971520\n\n?? status == 200\n"
          "?? body includes aaa\n\n###\nGET {{host}}/echo?x={{huge.response.body.*}}\n");
    RunOptions options;
    options.environment = QStringLiteral("local");
    const QList<RunResult> results = run(m_dir->filePath(QStringLiteral("huge.http")), options);
    QCOMPARE(results.size(), 2);
    QCOMPARE(results[0].assertions.size(), 2);
    QCOMPARE(results[0].assertions[0].outcome, AssertionResult::Outcome::Passed);
    QCOMPARE(results[0].assertions[1].outcome, AssertionResult::Outcome::NotRun);
    QCOMPARE(results[0].assertions[1].message,
             QStringLiteral("the body is 20.0 MB: body assertions read bodies of up to 16.0 MB"));
    QVERIFY(!results[1].sent());
    QVERIFY2(results[1].problem.contains(QStringLiteral("huge.response.body.*")),
             qPrintable(results[1].problem));
}

QTEST_GUILESS_MAIN(tst_CollectionRunner)
#include "tst_collectionrunner.moc"
