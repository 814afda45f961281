#include "http/graphql.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace ApiLens::Core;

class tst_Graphql : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void detects_data();
    void detects();
    void payload_data();
    void payload();
    void badVariables_data();
    void badVariables();
    void appliesToRequest();
    void leavesOtherRequests();
};

void tst_Graphql::detects_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("graphql");
    QTest::newRow("query") << "POST" << QByteArray("query q {\n  a\n}") << true;
    QTest::newRow("indented mutation") << "PUT" << QByteArray("  mutation {\n}") << true;
    QTest::newRow("GRAPHQL, shorthand") << "GRAPHQL" << QByteArray("{ hero { name } }") << true;
    QTest::newRow("graphql in any case") << "graphql" << QByteArray("{ a }") << true;
    QTest::newRow("JSON") << "POST" << QByteArray("{\"query\": \"{ a }\"}") << false;
    QTest::newRow("query on a later line") << "POST" << QByteArray("x\nquery q { a }") << false;
    QTest::newRow("subscription over POST") << "POST" << QByteArray("subscription s { a }") << false;
}

void tst_Graphql::detects()
{
    QFETCH(QString, method);
    QFETCH(QByteArray, body);
    QFETCH(bool, graphql);
    QCOMPARE(isGraphqlRequest(method, body), graphql);
}

void tst_Graphql::payload_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("json");
    const QList<GraphqlFragment> none;
    QTest::newRow("named, variables in their own order")
        << QByteArray(
               "query repo($n: String!) {\n  r(n: $n) { id }\n}\n\n{\n  \"z\": 1,\n  \"a\": \"x y\"\n}")
        << QByteArray(R"({"query":"query repo($n: String!) {\n  r(n: $n) { id }\n}","operationName":"repo",)"
                      R"("variables":{"z":1,"a":"x y"}})");
    QTest::newRow("no name: no operationName")
        << QByteArray("mutation {\n  like(id: \"a\\\"b\")\n}")
        << QByteArray(R"({"query":"mutation {\n  like(id: \"a\\\"b\")\n}"})");
    QTest::newRow("name straight before the brace")
        << QByteArray("query q{ a }") << QByteArray(R"({"query":"query q{ a }","operationName":"q"})");
    QTest::newRow("CRLF lines")
        << QByteArray("query q {\r\n  a\r\n}\r\n\r\n{\"v\": true}")
        << QByteArray(R"({"query":"query q {\n  a\n}","operationName":"q","variables":{"v":true}})");
    QTest::newRow("blank line with spaces ends the query")
        << QByteArray("query q { a }\n  \n[1, 2]")
        << QByteArray(R"({"query":"query q { a }","operationName":"q","variables":[1,2]})");
    QTest::newRow("unicode kept")
        << QByteArray("query q { a(s: \"é\") }")
        << QByteArray("{\"query\":\"query q { a(s: \\\"\xc3\xa9\\\") }\",\"operationName\":\"q\"}");
}

void tst_Graphql::payload()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, json);
    const GraphqlPayload payload = graphqlPayload(body, {});
    QVERIFY2(payload.error.isEmpty(), qPrintable(payload.error));
    QCOMPARE(QString::fromUtf8(payload.json), QString::fromUtf8(json));
    QVERIFY(!QJsonDocument::fromJson(payload.json).isNull());
}

void tst_Graphql::badVariables_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");
    QTest::newRow("unquoted value")
        << QByteArray("query q { a }\n\n{\"id\": abc}")
        << "the GraphQL variables (after the blank line below the query) are not JSON";
    QTest::newRow("unfinished")
        << QByteArray("query q { a }\n\n{\"id\": ")
        << "the GraphQL variables (after the blank line below the query) are not JSON";
}

void tst_Graphql::badVariables()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    const GraphqlPayload payload = graphqlPayload(body, {});
    QVERIFY(payload.json.isEmpty());
    QVERIFY2(payload.error.startsWith(message), qPrintable(payload.error));
    QVERIFY2(payload.error.contains(QLatin1String("at character")), qPrintable(payload.error));
}

void tst_Graphql::appliesToRequest()
{
    // Fragments spread by the query come after it in file order, each once; one spread only by
    // an appended fragment is found too, because the text grows as fragments are added.
    const QList<GraphqlFragment> fragments{
        {QStringLiteral("Owner"), QStringLiteral("fragment Owner on User { login }")},
        {QStringLiteral("Unused"), QStringLiteral("fragment Unused on X { y }")},
        {QStringLiteral("Parts"), QStringLiteral("fragment Parts on Repo { ...Owner }")}};
    RequestSpec spec;
    spec.method = QStringLiteral("GRAPHQL");
    spec.body.kind = BodyKind::Raw;
    spec.body.raw = "query q { repo { ...Parts ...Owner } }";
    QVERIFY(applyGraphql(&spec, fragments).isEmpty());
    QCOMPARE(spec.method, QStringLiteral("POST"));
    QVERIFY(hasHeader(spec.headers, QStringLiteral("Content-Type")));
    QCOMPARE(spec.body.contentType, QStringLiteral("application/json"));
    const QJsonObject sent = QJsonDocument::fromJson(spec.body.raw).object();
    QCOMPARE(sent.value(QStringLiteral("query")).toString(),
             QStringLiteral("query q { repo { ...Parts ...Owner } }\nfragment Owner on User { login }\n"
                            "fragment Parts on Repo { ...Owner }"));

    // The request's own Content-Type stays; a POST stays a POST.
    RequestSpec own;
    own.method = QStringLiteral("POST");
    own.headers = {{QStringLiteral("content-type"), QStringLiteral("application/graphql+json"), true}};
    own.body.kind = BodyKind::Raw;
    own.body.raw = "query { a }";
    QVERIFY(applyGraphql(&own, {}).isEmpty());
    QCOMPARE(own.headers.size(), 1);
    QCOMPARE(own.body.raw, QByteArray(R"({"query":"query { a }"})"));
}

void tst_Graphql::leavesOtherRequests()
{
    RequestSpec spec;
    spec.method = QStringLiteral("POST");
    spec.body.kind = BodyKind::Raw;
    spec.body.raw = "{\"query\": \"{ a }\"}";
    const RequestSpec before = spec;
    QVERIFY(applyGraphql(&spec, {}).isEmpty());
    QCOMPARE(spec, before);
    // A body file is sent as its bytes, still as POST with JSON's type (httpyac does so).
    spec.method = QStringLiteral("GRAPHQL");
    spec.body.kind = BodyKind::BinaryFile;
    spec.body.filePath = QStringLiteral("q.graphql");
    QVERIFY(applyGraphql(&spec, {}).isEmpty());
    QCOMPARE(spec.method, QStringLiteral("POST"));
    QCOMPARE(spec.body.filePath, QStringLiteral("q.graphql"));
    QVERIFY(hasHeader(spec.headers, QStringLiteral("Content-Type")));
}

QTEST_GUILESS_MAIN(tst_Graphql)
#include "tst_graphql.moc"
