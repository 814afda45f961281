#include "scripting/requestpipeline.h"
#include "scripting/scripthost.h"

#include "testserver.h"

#include <QSignalSpy>
#include <QTest>

using namespace ApiLens::Core;
using ApiLens::Test::TestServer;

// One request's way through its scripts, against the local test server.
class tst_RequestPipeline : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void outcomes_data();
    void outcomes();
    void cancelStopsIt();
    void graphqlGoesOutAsJson_data();
    void graphqlGoesOutAsJson();

private:
    RequestPipeline::Input input(const TestServer &server, const QString &target) const;
};

RequestPipeline::Input tst_RequestPipeline::input(const TestServer &server, const QString &target) const
{
    RequestPipeline::Input input;
    input.spec.url = QStringLiteral("{{host}}") + target;
    input.resolver.publicEnvironment = {
        {QStringLiteral("host"), server.url().toString(QUrl::StripTrailingSlash)}};
    input.origin = QStringLiteral("api.http");
    input.requestLine = 3;
    return input;
}

void tst_RequestPipeline::outcomes_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("script"); // a JetBrains response script ("" = none)
    QTest::addColumn<bool>("trusted");
    QTest::addColumn<bool>("sendUnresolved");
    QTest::addColumn<QString>("problem");
    QTest::addColumn<QStringList>("skipped");
    QTest::addColumn<QStringList>("checks");  // "name:passed|failed"
    QTest::addColumn<QByteArray>("received"); // the target the server got ("" = nothing)

    QTest::newRow("plain") << QStringLiteral("/echo?a=1") << QString() << false << false << QString()
                           << QStringList() << QStringList() << QByteArray("/echo?a=1");
    QTest::newRow("script, trusted")
        << QStringLiteral("/echo")
        << QStringLiteral("client.test('ok', () => client.assert(response.status === 200));") << true << false
        << QString() << QStringList() << QStringList{QStringLiteral("ok:passed")} << QByteArray("/echo");
    QTest::newRow("script, not trusted")
        << QStringLiteral("/echo") << QStringLiteral("client.test('ok', () => {});") << false << false
        << QString() << QStringList{QStringLiteral("api.http:5: script not run: the folder is not trusted")}
        << QStringList() << QByteArray("/echo");
    QTest::newRow("unresolved") << QStringLiteral("/echo?v={{none}}") << QString() << false << false
                                << QStringLiteral("unresolved variable {{none}}") << QStringList()
                                << QStringList() << QByteArray();
    QTest::newRow("unresolved sent as written")
        << QStringLiteral("/echo?v={{none}}") << QString() << false << true << QString() << QStringList()
        << QStringList() << QByteArray("/echo?v={{none}}");
}

void tst_RequestPipeline::outcomes()
{
    QFETCH(QString, target);
    QFETCH(QString, script);
    QFETCH(bool, trusted);
    QFETCH(bool, sendUnresolved);
    QFETCH(QString, problem);
    QFETCH(QStringList, skipped);
    QFETCH(QStringList, checks);
    QFETCH(QByteArray, received);
    TestServer server;
    QVERIFY(server.listen());
    HttpClient client;
    ScriptHost host;
    QHash<QString, QJsonValue> globals;
    RequestPipeline::Input in = input(server, target);
    if (!script.isEmpty()) {
        HttpScript handler;
        handler.code = script;
        handler.line = 5;
        handler.codeLine = 5;
        in.scripts = {handler};
    }
    in.trustScripts = trusted;
    in.sendUnresolved = sendUnresolved;
    RequestPipeline pipeline(&client, &host, &globals, in);
    QSignalSpy finished(&pipeline, &RequestPipeline::finished);
    pipeline.start();
    QVERIFY(!finished.isEmpty() || finished.wait(10000));
    const RequestPipeline::Result &result = pipeline.result();
    QCOMPARE(result.problem, problem);
    QCOMPARE(result.skippedScripts, skipped);
    QStringList got;
    for (const AssertionResult &check : result.checks) {
        got.append(check.assertion + QLatin1Char(':') +
                   (check.outcome == AssertionResult::Outcome::Passed ? QStringLiteral("passed")
                                                                      : QStringLiteral("failed")));
    }
    QCOMPARE(got, checks);
    if (received.isEmpty()) {
        QVERIFY(server.requests().isEmpty());
    } else {
        QCOMPARE(server.requests().size(), 1);
        QCOMPARE(server.requests()[0].target, received);
    }
}

void tst_RequestPipeline::graphqlGoesOutAsJson_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("problem");
    QTest::addColumn<QByteArray>("received"); // "" = nothing sent
    QTest::newRow("variables resolved, then read as JSON")
        << QByteArray("query q($t: String) { a(t: $t) }\n\n{\"t\": \"{{tenant}}\"}") << QString()
        << QByteArray(
               R"({"query":"query q($t: String) { a(t: $t) }","operationName":"q","variables":{"t":"acme"}})");
    QTest::newRow("a quote in the query is escaped") << QByteArray("{ a(s: \"{{tenant}}\") }") << QString()
                                                     << QByteArray(R"({"query":"{ a(s: \"acme\") }"})");
    QTest::newRow("variables that are not JSON: not sent")
        << QByteArray("query q { a }\n\n{\"t\": {{tenant}}}")
        << QStringLiteral(
               "line 3: the GraphQL variables (after the blank line below the query) are not JSON: "
               "illegal number at character 7")
        << QByteArray();
}

void tst_RequestPipeline::graphqlGoesOutAsJson()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, problem);
    QFETCH(QByteArray, received);
    TestServer server;
    QVERIFY(server.listen());
    HttpClient client;
    QHash<QString, QJsonValue> globals;
    RequestPipeline::Input in = input(server, QStringLiteral("/graphql"));
    in.spec.method = QStringLiteral("GRAPHQL");
    in.spec.body.kind = BodyKind::Raw;
    in.spec.body.raw = body;
    in.resolver.publicEnvironment.insert(QStringLiteral("tenant"), QStringLiteral("acme"));
    RequestPipeline pipeline(&client, nullptr, &globals, in);
    QSignalSpy finished(&pipeline, &RequestPipeline::finished);
    pipeline.start();
    QVERIFY(!finished.isEmpty() || finished.wait(10000));
    QCOMPARE(pipeline.result().problem, problem);
    if (received.isEmpty()) {
        QVERIFY(server.requests().isEmpty());
        return;
    }
    QCOMPARE(server.requests().size(), 1);
    const auto requests = server.requests(); // a copy: the reference below must outlive the call
    const auto &got = requests[0];
    QCOMPARE(got.method, QByteArray("POST"));
    QCOMPARE(got.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(got.body, received);
    // What the GUI shows as sent is what the server got.
    QCOMPARE(pipeline.result().sent.method, QStringLiteral("POST"));
    QCOMPARE(pipeline.result().sent.body.raw, got.body);
}

void tst_RequestPipeline::cancelStopsIt()
{
    TestServer server;
    QVERIFY(server.listen());
    HttpClient client;
    QHash<QString, QJsonValue> globals;
    RequestPipeline pipeline(&client, nullptr, &globals, input(server, QStringLiteral("/delay/5000")));
    QSignalSpy finished(&pipeline, &RequestPipeline::finished);
    pipeline.start();
    QTRY_VERIFY(pipeline.pending());
    pipeline.cancel();
    QVERIFY(!finished.isEmpty() || finished.wait(5000));
    QCOMPARE(pipeline.result().exchange.error, TransportError::Cancelled);
}

QTEST_GUILESS_MAIN(tst_RequestPipeline)
#include "tst_requestpipeline.moc"
