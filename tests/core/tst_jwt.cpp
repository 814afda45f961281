#include "http/jwt.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace ApiLens::Core;

class tst_Jwt : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void claims_data();
    void claims();
    void decodesBesideTheToken_data();
    void decodesBesideTheToken();
};

namespace {

QString part(const QByteArray &json)
{
    return QString::fromLatin1(json.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString token(const QByteArray &payload)
{
    return part(R"({"alg":"HS256","typ":"JWT"})") + QLatin1Char('.') + part(payload) +
           QStringLiteral(".c2ln");
}

} // namespace

void tst_Jwt::claims_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QByteArray>("claims"); // compact JSON; "" = not a JWT
    QTest::newRow("three parts, no padding")
        << token(R"({"sub":"ada","exp":1900000000})") << QByteArray(R"({"exp":1900000000,"sub":"ada"})");
    QTest::newRow("payload needing padding") << token(R"({"a":"bc"})") << QByteArray(R"({"a":"bc"})");
    QTest::newRow("url-safe characters") << token(R"({"s":"??>>"})") << QByteArray(R"({"s":"??>>"})");
    QTest::newRow("spaces around") << QStringLiteral("  ") + token(R"({"x":1})") + QStringLiteral("\n")
                                   << QByteArray(R"({"x":1})");
    QTest::newRow("two parts") << QStringLiteral("eyJhIjoxfQ.eyJhIjoxfQ") << QByteArray();
    QTest::newRow("not base64url") << QStringLiteral("a.b*c.d") << QByteArray();
    QTest::newRow("payload not JSON")
        << QStringLiteral("a.") + part("hello") + QStringLiteral(".c") << QByteArray();
    QTest::newRow("payload an array")
        << QStringLiteral("a.") + part("[1]") + QStringLiteral(".c") << QByteArray();
    QTest::newRow("a plain word") << QStringLiteral("secret") << QByteArray();
}

void tst_Jwt::claims()
{
    QFETCH(QString, token);
    QFETCH(QByteArray, claims);
    const std::optional<QJsonObject> read = jwtClaims(token);
    QCOMPARE(read.has_value(), !claims.isEmpty());
    if (read) {
        QCOMPARE(QJsonDocument(*read).toJson(QJsonDocument::Compact), claims);
    }
}

void tst_Jwt::decodesBesideTheToken_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QStringList>("parsed"); // the members that gain a _parsed sibling
    const QByteArray access = token(R"({"sub":"ada"})").toLatin1();
    const QByteArray id = token(R"({"email":"a@b"})").toLatin1();
    const QByteArray body = "{\"access_token\": \"" + access + "\", \"id_token\": \"" + id +
                            "\", \"token_type\": \"Bearer\", \"n\": 3}";
    QTest::newRow("every JWT") << body << QStringList()
                               << QStringList{QStringLiteral("access_token"), QStringLiteral("id_token")};
    QTest::newRow("only those named")
        << body << QStringList{QStringLiteral("id_token"), QStringLiteral("token_type")}
        << QStringList{QStringLiteral("id_token")};
    QTest::newRow("none is a JWT") << QByteArray(R"({"a": "b"})") << QStringList() << QStringList();
}

void tst_Jwt::decodesBesideTheToken()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, names);
    QFETCH(QStringList, parsed);
    const std::optional<QByteArray> out = withJwtClaims(body, names);
    QVERIFY(out);
    const QJsonObject object = QJsonDocument::fromJson(*out).object();
    QStringList got;
    for (const QString &key : object.keys()) {
        if (key.endsWith(QLatin1String("_parsed"))) {
            got.append(key.chopped(7));
        }
    }
    QCOMPARE(got, parsed);
    // Everything that was there still is.
    const QJsonObject before = QJsonDocument::fromJson(body).object();
    for (auto it = before.begin(); it != before.end(); ++it) {
        QCOMPARE(object.value(it.key()), it.value());
    }
    if (parsed.contains(QLatin1String("access_token"))) {
        QCOMPARE(object.value(QStringLiteral("access_token_parsed"))[QStringLiteral("sub")].toString(),
                 QStringLiteral("ada"));
    }
    // Bodies that are not a JSON object are left alone.
    QVERIFY(!withJwtClaims("[1, 2]", names));
    QVERIFY(!withJwtClaims("not json", names));
}

QTEST_GUILESS_MAIN(tst_Jwt)
#include "tst_jwt.moc"
