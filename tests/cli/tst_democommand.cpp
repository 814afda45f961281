#include "demoserver.h"

#include "http/httpclient.h"
#include "testserver.h"

#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

// Runs `apilens-cli demo`, talks to it, and stops it with SIGTERM.
class tst_DemoCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void servesUntilStopped();
    void badPort();
    void writesACollectionThatRuns();
};

void tst_DemoCommand::servesUntilStopped()
{
    QProcess demo;
    demo.start(QStringLiteral(APILENS_CLI_PATH),
               {QStringLiteral("demo"), QStringLiteral("--port"), QStringLiteral("0")});
    QVERIFY(demo.waitForStarted());
    QByteArray out;
    const QRegularExpression url(QStringLiteral("on (http://127\\.0\\.0\\.1:\\d+)"));
    QTRY_VERIFY_WITH_TIMEOUT(
        (out += demo.readAllStandardOutput(), url.match(QString::fromUtf8(out)).hasMatch()), 10000);
    const QString base = url.match(QString::fromUtf8(out)).captured(1);
    // The listing may arrive in pieces: wait for all of it.
    QTRY_VERIFY_WITH_TIMEOUT(
        (out += demo.readAllStandardOutput(), out.contains("/text/crash") && out.contains("Netilion\n")),
        5000);

    ApiLens::Core::HttpClient client;
    ApiLens::Core::RequestSpec spec;
    spec.method = QStringLiteral("PATCH");
    spec.url = base + QStringLiteral("/netilion/assets/17");
    ApiLens::Core::PendingExchange *pending = client.send(spec);
    QSignalSpy finished(pending, &ApiLens::Core::PendingExchange::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(pending->exchange().status, 409);

    demo.terminate(); // SIGTERM: a clean stop
    QVERIFY(demo.waitForFinished(5000));
    QCOMPARE(demo.exitStatus(), QProcess::NormalExit);
    QCOMPARE(demo.exitCode(), 0);
    QVERIFY(demo.readAllStandardError().contains("demo API stopped"));
}

void tst_DemoCommand::badPort()
{
    QProcess demo;
    demo.start(QStringLiteral(APILENS_CLI_PATH),
               {QStringLiteral("demo"), QStringLiteral("--port"), QStringLiteral("http")});
    QVERIFY(demo.waitForFinished(5000));
    QCOMPARE(demo.exitCode(), 1);
    QVERIFY(demo.readAllStandardError().contains("--port takes a number"));
}

void tst_DemoCommand::writesACollectionThatRuns()
{
    // The collection the demo writes names the port it listens on, so a later `apilens-cli demo`
    // on that port serves it too. A free port of its own: the usual one (8765) may be in use by
    // another test running at the same time.
    const QString port = QString::number(ApiLens::Test::TestServer::unusedPort());
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("demo"));
    QProcess writer;
    writer.start(QStringLiteral(APILENS_CLI_PATH), {QStringLiteral("demo"), QStringLiteral("--port"), port,
                                                    QStringLiteral("--write-collection"), folder});
    QVERIFY(writer.waitForStarted());
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += writer.readAllStandardOutput(), out.contains("Demo collection in")),
                             10000);
    QVERIFY(QFile::exists(folder + QStringLiteral("/netilion.http")));
    QFile environments(folder + QStringLiteral("/http-client.env.json"));
    QVERIFY(environments.open(QIODevice::ReadOnly));
    QVERIFY(environments.readAll().contains(QByteArray("http://127.0.0.1:" + port.toLatin1())));
    writer.terminate();
    QVERIFY(writer.waitForFinished(5000));

    QProcess demo;
    demo.start(QStringLiteral(APILENS_CLI_PATH), {QStringLiteral("demo"), QStringLiteral("--port"), port});
    QVERIFY(demo.waitForStarted());
    QByteArray served; // its own output: the writer's listed the same routes already
    QTRY_VERIFY_WITH_TIMEOUT((served += demo.readAllStandardOutput(), served.contains("/text/crash")), 10000);

    // The collection runs against the server with the CLI: a success passes its assertions,
    // and an error is read and explained by the collection's own catalog.
    QProcess run;
    run.start(QStringLiteral(APILENS_CLI_PATH),
              {QStringLiteral("run"), folder, QStringLiteral("--env"), QStringLiteral("demo"),
               QStringLiteral("--request"), QStringLiteral("Get a user"), QStringLiteral("--color=never")});
    QVERIFY(run.waitForFinished(20000));
    const QByteArray report = run.readAllStandardOutput();
    QVERIFY2(run.exitCode() == 0, report.constData());
    QVERIFY2(report.contains("200"), report.constData());

    QProcess order;
    order.start(QStringLiteral(APILENS_CLI_PATH),
                {QStringLiteral("run"), folder, QStringLiteral("--env"), QStringLiteral("demo"),
                 QStringLiteral("--request"), QStringLiteral("Order a sold-out item"),
                 QStringLiteral("--check-status"), QStringLiteral("--color=never")});
    QVERIFY(order.waitForFinished(20000));
    const QByteArray failed = order.readAllStandardOutput();
    QCOMPARE(order.exitCode(), 1);
    QVERIFY2(failed.contains("NO STOCK"), failed.constData());

    demo.terminate();
    QVERIFY(demo.waitForFinished(5000));
}

QTEST_GUILESS_MAIN(tst_DemoCommand)
#include "tst_democommand.moc"
