#include "collections/collectionrunner.h"
#include "http/httpclient.h"

#include "testserver.h"

#include <QDir>
#include <QNetworkProxy>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ApiLens::Core;
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
    void refusesUnusableInput_data();
    void refusesUnusableInput();
    void bodyFiles();

private:
    void write(const QString &relative, const QByteArray &content);
    QList<RunResult> run(const QString &path, const RunOptions &options, QStringList *errors = nullptr);

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
                                           QStringList *errors)
{
    CollectionRunner runner(m_client);
    QStringList problems;
    if (!runner.prepare(path, options, errors ? errors : &problems)) {
        return {};
    }
    QSignalSpy finished(&runner, &CollectionRunner::finished);
    runner.start();
    if (finished.isEmpty()) {
        finished.wait(20000);
    }
    return runner.results();
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

QTEST_GUILESS_MAIN(tst_CollectionRunner)
#include "tst_collectionrunner.moc"
