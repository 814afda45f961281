#include "http/requestspecjson.h"

#include <QJsonDocument>
#include <QTest>

using namespace ApiLens::Core;

class tst_RequestSpecJson : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void unknownKeysAndBadValues();
    void withoutSecrets_data();
    void withoutSecrets();
};

void tst_RequestSpecJson::roundTrip_data()
{
    QTest::addColumn<RequestSpec>("spec");
    QTest::newRow("default") << RequestSpec();
    RequestSpec full;
    full.method = QStringLiteral("PROPFIND");
    full.url = QStringLiteral("http://h/{{x}}");
    full.headers = {{QStringLiteral("A"), QStringLiteral("1"), false}};
    full.body.kind = BodyKind::BinaryFile;
    full.body.filePath = QStringLiteral("./a.bin");
    full.body.contentType = QStringLiteral("application/pdf");
    full.auth.kind = AuthKind::ApiKey;
    full.auth.keyName = QStringLiteral("key");
    full.auth.keyValue = QStringLiteral("v");
    full.auth.keyLocation = ApiKeyLocation::Query;
    full.settings.http2PriorKnowledge = true;
    full.settings.proxy.mode = ProxyMode::None;
    full.omittedDefaults = {QStringLiteral("User-Agent"), QStringLiteral("Accept")};
    QTest::newRow("every field") << full;
    RequestSpec oauth;
    oauth.auth.kind = AuthKind::OAuth1;
    oauth.auth.oauth1.consumerKey = QStringLiteral("ck");
    oauth.auth.oauth1.consumerSecret = QStringLiteral("{{cs}}");
    oauth.auth.oauth1.version.clear();
    oauth.auth.oauth1.signatureMethod = QStringLiteral("PLAINTEXT");
    oauth.auth.oauth1.inHeader = false;
    oauth.auth.oauth1.signEmpty = true;
    QTest::newRow("oauth 1.0") << oauth;
}

void tst_RequestSpecJson::roundTrip()
{
    QFETCH(RequestSpec, spec);
    const QByteArray text = QJsonDocument(requestSpecToJson(spec)).toJson();
    QVERIFY(requestSpecFromJson(QJsonDocument::fromJson(text).object()) == spec);
}

void tst_RequestSpecJson::unknownKeysAndBadValues()
{
    const QJsonObject json = QJsonDocument::fromJson(R"({"url": "http://h/", "future": 1,
        "body": {"kind": 99}, "auth": {"kind": -4}, "settings": {"timeoutMs": -5, "maxRedirects": 1e9,
        "proxy": {"mode": 7, "port": 99999}}})")
                                 .object();
    const RequestSpec spec = requestSpecFromJson(json);
    QCOMPARE(spec.url, QStringLiteral("http://h/"));
    QCOMPARE(spec.method, QStringLiteral("GET"));
    QCOMPARE(spec.body.kind, BodyKind::BinaryFile); // clamped into the known kinds
    QCOMPARE(spec.auth.kind, AuthKind::None);
    QCOMPARE(spec.settings.timeoutMs, 0);
    QCOMPARE(spec.settings.maxRedirects, 1000);
    QCOMPARE(spec.settings.proxy.port, quint16(65535));
    QVERIFY(spec.settings.followRedirects); // missing keys are their defaults
}

void tst_RequestSpecJson::withoutSecrets_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("kept");
    QTest::newRow("a secret in clear") << QStringLiteral("Bearer s3cret") << QString();
    QTest::newRow("a scheme and a variable")
        << QStringLiteral("Bearer {{token}}") << QStringLiteral("Bearer {{token}}");
    QTest::newRow("a word alone is no variable") << QStringLiteral("s3cret") << QString();
    QTest::newRow("only a variable") << QStringLiteral("{{token}}") << QStringLiteral("{{token}}");
}

void tst_RequestSpecJson::withoutSecrets()
{
    QFETCH(QString, value);
    QFETCH(QString, kept);
    RequestSpec spec;
    spec.headers = {{QStringLiteral("Authorization"), value},
                    {QStringLiteral("X-Api-Key"), value},
                    {QStringLiteral("Accept"), QStringLiteral("*/*")}};
    spec.auth.kind = AuthKind::Basic;
    spec.auth.password = value;
    spec.auth.token = value;
    spec.auth.oauth1.consumerSecret = value;
    spec.auth.oauth1.tokenSecret = value;
    spec.auth.oauth1.consumerKey = QStringLiteral("ck");
    const RequestSpec out = ApiLens::Core::withoutSecrets(spec);
    QCOMPARE(out.auth.oauth1.consumerSecret, kept);
    QCOMPARE(out.auth.oauth1.tokenSecret, kept);
    QCOMPARE(out.auth.oauth1.consumerKey, QStringLiteral("ck"));
    QCOMPARE(out.headers[0].value, kept);
    QCOMPARE(out.headers[1].value, kept);
    QCOMPARE(out.headers[2].value, QStringLiteral("*/*"));
    QCOMPARE(out.auth.password, kept);
    QCOMPARE(out.auth.token, kept);
}

QTEST_GUILESS_MAIN(tst_RequestSpecJson)
#include "tst_requestspecjson.moc"
