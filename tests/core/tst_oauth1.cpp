#include "http/oauth1.h"
#include "http/requestbuilder.h"

#include <QTest>

using namespace ApiLens::Core;

class tst_OAuth1 : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void encodes_data();
    void encodes();
    void baseStringOfRfc5849();
    void signsTheSpecsExample();
    void places_data();
    void places();
    void replacesAnEarlierSignature();
    void refusesWhatItCannotSign();
    void leavesItUnsignedWithoutKeys();
};

namespace {

OAuth1Settings photos()
{
    // The example of the OAuth 1.0 specification (Appendix A), also in RFC 5849 §1.2.
    OAuth1Settings settings;
    settings.consumerKey = QStringLiteral("dpf43f3p2l4k3l03");
    settings.consumerSecret = QStringLiteral("kd94hf93k423kf44");
    settings.token = QStringLiteral("nnch734d00sl2jdk");
    settings.tokenSecret = QStringLiteral("pfkkdhi9sl3r4s00");
    settings.timestamp = QStringLiteral("1191242096");
    settings.nonce = QStringLiteral("kllo9940pd9333jh");
    return settings;
}

WireRequest built(const QString &method, const QString &url, const QByteArray &formBody = {})
{
    RequestSpec spec;
    spec.method = method;
    spec.url = url;
    if (!formBody.isNull()) {
        spec.body.kind = BodyKind::Raw;
        spec.body.raw = formBody;
        spec.body.contentType = QStringLiteral("application/x-www-form-urlencoded");
    }
    return buildRequest(spec).request;
}

} // namespace

void tst_OAuth1::encodes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("encoded");
    QTest::newRow("unreserved stay") << "AZaz09-._~" << QByteArray("AZaz09-._~");
    QTest::newRow("what encodeURIComponent keeps goes") << "!*'()" << QByteArray("%21%2A%27%28%29");
    QTest::newRow("space and plus") << "a b+c" << QByteArray("a%20b%2Bc");
    QTest::newRow("UTF-8, upper-case hex") << QStringLiteral("é/") << QByteArray("%C3%A9%2F");
}

void tst_OAuth1::encodes()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, encoded);
    QCOMPARE(oauthEncode(text), encoded);
}

void tst_OAuth1::baseStringOfRfc5849()
{
    // RFC 5849 §3.4.1.1: the query and the form body are decoded ('+' a space), sorted with
    // the oauth_* parameters, and encoded again; a name without '=' has an empty value.
    QList<OAuthParameter> parameters = oauthDecodeForm("b5=%3D%253D&a3=a&c%40=&a2=r%20b");
    parameters += oauthDecodeForm("c2&a3=2+q");
    QVERIFY(!parameters.at(4).second.has_value()); // "c2"
    const char *const oauth[][2] = {{"oauth_consumer_key", "9djdj82h48djs9d2"},
                                    {"oauth_token", "kkk9d7dh3k39sjv7"},
                                    {"oauth_signature_method", "HMAC-SHA1"},
                                    {"oauth_timestamp", "137131201"},
                                    {"oauth_nonce", "7d8f3e4a"},
                                    {"oauth_signature", "left out"}};
    for (const auto &pair : oauth) {
        parameters.append(OAuthParameter(QLatin1String(pair[0]), QString::fromLatin1(pair[1])));
    }
    QCOMPARE(
        oauthBaseString("post", "http://example.com/request", parameters),
        QByteArray(
            "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D"
            "%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26"
            "oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%"
            "3Dkkk9d7dh3k39sjv7"));
}

void tst_OAuth1::signsTheSpecsExample()
{
    WireRequest request =
        built(QStringLiteral("GET"),
              QStringLiteral("http://photos.example.net/photos?file=vacation.jpg&size=original"));
    QString error;
    QVERIFY(signOAuth1(photos(), &request, &error));
    const QByteArray authorization = headerValue(request.headers, "Authorization");
    QVERIFY2(authorization.contains("oauth_signature=\"tR3%2BTy81lMeYAr%2FFid0kMTYa%2FWM%3D\""),
             authorization.constData());
    QVERIFY(authorization.startsWith(
        "OAuth oauth_consumer_key=\"dpf43f3p2l4k3l03\",oauth_token=\"nnch734d00sl2jdk\","
        "oauth_signature_method=\"HMAC-SHA1\",oauth_timestamp=\"1191242096\","
        "oauth_nonce=\"kllo9940pd9333jh\",oauth_version=\"1.0\","));
    QCOMPARE(request.target, QByteArray("/photos?file=vacation.jpg&size=original"));
}

void tst_OAuth1::places_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QByteArray>("form"); // null: no body
    QTest::addColumn<bool>("inHeader");
    QTest::addColumn<QString>("where"); // header, query or body
    QTest::newRow("header") << "GET" << QByteArray() << true << "header";
    QTest::newRow("query of a GET") << "GET" << QByteArray() << false << "query";
    QTest::newRow("form body of a POST") << "POST" << QByteArray("a=1") << false << "body";
    QTest::newRow("query of a PATCH with a form") << "PATCH" << QByteArray("a=1") << false << "query";
}

void tst_OAuth1::places()
{
    QFETCH(QString, method);
    QFETCH(QByteArray, form);
    QFETCH(bool, inHeader);
    QFETCH(QString, where);
    WireRequest request = built(method, QStringLiteral("http://127.0.0.1:8080/r?q=a b"), form);
    OAuth1Settings settings = photos();
    settings.inHeader = inHeader;
    QString error;
    QVERIFY(signOAuth1(settings, &request, &error));
    QCOMPARE(headerValue(request.headers, "Authorization").startsWith("OAuth "),
             where == QLatin1String("header"));
    QCOMPARE(request.target.contains("oauth_signature="), where == QLatin1String("query"));
    QCOMPARE(request.body.contains("oauth_signature="), where == QLatin1String("body"));
    QVERIFY(request.target.startsWith("/r?q=a%20b")); // the query RFC 3986-encoded, as newman sends it
    QCOMPARE(request.url.query(QUrl::FullyEncoded).toLatin1(), request.target.mid(3));
    if (!form.isNull()) {
        QVERIFY(request.body.startsWith("a=1"));
    }
}

void tst_OAuth1::replacesAnEarlierSignature()
{
    WireRequest request =
        built(QStringLiteral("GET"), QStringLiteral("http://h/p?oauth_signature=old&x=1&oauth_nonce=o"));
    request.headers.append(Header("Authorization", "OAuth old"));
    OAuth1Settings settings = photos();
    settings.inHeader = false;
    QString error;
    QVERIFY(signOAuth1(settings, &request, &error));
    QVERIFY(!request.target.contains("old"));
    QCOMPARE(request.target.count("oauth_signature="), 1);
    QVERIFY(request.target.startsWith("/p?x=1&oauth_consumer_key="));
    QVERIFY(headerValue(request.headers, "Authorization").isNull());
}

void tst_OAuth1::refusesWhatItCannotSign()
{
    for (const char *method : {"RSA-SHA1", "HMAC-MD5"}) {
        WireRequest request = built(QStringLiteral("GET"), QStringLiteral("http://h/"));
        OAuth1Settings settings = photos();
        settings.signatureMethod = QLatin1String(method);
        QString error;
        QVERIFY(!signOAuth1(settings, &request, &error));
        QVERIFY2(error.contains(QLatin1String(method)), qPrintable(error));
    }
    QCOMPARE(
        oauthSignature(QStringLiteral("PLAINTEXT"), "ignored", QStringLiteral("s&c"), QStringLiteral("t s")),
        QByteArray("s%26c&t%20s"));
}

void tst_OAuth1::leavesItUnsignedWithoutKeys()
{
    WireRequest request = built(QStringLiteral("GET"), QStringLiteral("http://h/p?a=b c"));
    const WireRequest before = request;
    OAuth1Settings settings = photos();
    settings.consumerSecret.clear();
    QString error;
    QVERIFY(signOAuth1(settings, &request, &error));
    QCOMPARE(request.target, before.target);
    QCOMPARE(request.headers, before.headers);
}

QTEST_GUILESS_MAIN(tst_OAuth1)
#include "tst_oauth1.moc"
