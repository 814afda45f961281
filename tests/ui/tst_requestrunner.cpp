#include "requestrunner.h"

#include "testserver.h"

#include <QNetworkProxy>
#include <QSignalSpy>
#include <QTest>

using namespace ApiLens;
using namespace ApiLens::Ui;
using ApiLens::Test::TestServer;

class tst_RequestRunner : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void reportsStartProgressAndResult();
    void newSendReplacesRunningOne();
    void cancel();

private:
    TestServer *m_server = nullptr;
    Core::HttpClient *m_client = nullptr;
};

void tst_RequestRunner::init()
{
    m_server = new TestServer;
    QVERIFY(m_server->listen());
    m_client = new Core::HttpClient;
}

void tst_RequestRunner::cleanup()
{
    delete m_client;
    delete m_server;
}

static Core::RequestSpec get(const QUrl &url)
{
    Core::RequestSpec spec;
    spec.url = url.toString();
    return spec;
}

void tst_RequestRunner::reportsStartProgressAndResult()
{
    RequestRunner runner(m_client);
    TestServer &server = *m_server;
    QSignalSpy started(&runner, &RequestRunner::started);
    QSignalSpy progress(&runner, &RequestRunner::progress);
    QSignalSpy finished(&runner, &RequestRunner::finished);
    runner.send(get(server.url(QStringLiteral("/delay/350"))));
    QCOMPARE(started.count(), 1);
    QCOMPARE(started.at(0).at(0).toString(), QStringLiteral("127.0.0.1:%1").arg(server.port()));
    QVERIFY(runner.isBusy());
    QVERIFY(finished.wait(5000));
    QVERIFY(progress.count() >= 2); // ticks while waiting
    QVERIFY(!runner.isBusy());
    QVERIFY(runner.hasExchange());
    QCOMPARE(runner.lastExchange().status, 200);
}

void tst_RequestRunner::newSendReplacesRunningOne()
{
    RequestRunner runner(m_client);
    TestServer &server = *m_server;
    QSignalSpy finished(&runner, &RequestRunner::finished);
    runner.send(get(server.url(QStringLiteral("/hang"))));
    runner.send(get(server.url(QStringLiteral("/status/201"))));
    QVERIFY(finished.wait(5000));
    QTest::qWait(50);
    QCOMPARE(finished.count(), 1); // only the second one reports
    QCOMPARE(runner.lastExchange().status, 201);
}

void tst_RequestRunner::cancel()
{
    RequestRunner runner(m_client);
    TestServer &server = *m_server;
    QSignalSpy finished(&runner, &RequestRunner::finished);
    runner.send(get(server.url(QStringLiteral("/hang"))));
    QTRY_COMPARE(server.requests().size(), 1);
    runner.cancel();
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(runner.lastExchange().error, Core::TransportError::Cancelled);
}

QTEST_MAIN(tst_RequestRunner)
#include "tst_requestrunner.moc"
