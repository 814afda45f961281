#include "http/httpauth.h"

#include <QTest>

using namespace ApiLens::Core;

class tst_HttpAuth : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void challenges_data();
    void challenges();
    void digest_data();
    void digest();
    void unanswerable_data();
    void unanswerable();
};

void tst_HttpAuth::challenges_data()
{
    QTest::addColumn<QList<QByteArray>>("values");
    QTest::addColumn<QStringList>("schemes");
    QTest::addColumn<QString>("realmOfLast");
    QTest::newRow("one") << QList<QByteArray>{"Basic realm=\"api\""} << QStringList{QStringLiteral("basic")}
                         << QStringLiteral("api");
    QTest::newRow("two in one value")
        << QList<QByteArray>{"Basic realm=\"a\", Digest realm=\"b, c\", nonce=\"n\", qop=\"auth,auth-int\""}
        << QStringList{QStringLiteral("basic"), QStringLiteral("digest")} << QStringLiteral("b, c");
    QTest::newRow("token68 then another")
        << QList<QByteArray>{"Negotiate abc==, Bearer realm=\"x\", error=\"invalid_token\""}
        << QStringList{QStringLiteral("negotiate"), QStringLiteral("bearer")} << QStringLiteral("x");
    QTest::newRow("scheme alone, then one")
        << QList<QByteArray>{"Basic, Digest realm=r"}
        << QStringList{QStringLiteral("basic"), QStringLiteral("digest")} << QStringLiteral("r");
    QTest::newRow("escaped quote") << QList<QByteArray>{"Digest realm=\"say \\\"hi\\\"\""}
                                   << QStringList{QStringLiteral("digest")} << QStringLiteral("say \"hi\"");
    QTest::newRow("several values") << QList<QByteArray>{"Bearer", "Digest Realm=\"R\""}
                                    << QStringList{QStringLiteral("bearer"), QStringLiteral("digest")}
                                    << QStringLiteral("R");
}

void tst_HttpAuth::challenges()
{
    QFETCH(QList<QByteArray>, values);
    QFETCH(QStringList, schemes);
    QFETCH(QString, realmOfLast);
    const QList<AuthChallenge> parsed = parseChallenges(values);
    QStringList got;
    for (const AuthChallenge &challenge : parsed) {
        got.append(QString::fromLatin1(challenge.scheme));
    }
    QCOMPARE(got, schemes);
    QCOMPARE(QString::fromUtf8(parsed.last().params.value("realm")), realmOfLast);
    if (qstrcmp(QTest::currentDataTag(), "token68 then another") == 0) {
        QCOMPARE(parsed.first().token68, QByteArray("abc=="));
        QCOMPARE(parsed.last().params.value("error"), QByteArray("invalid_token"));
    }
}

void tst_HttpAuth::digest_data()
{
    QTest::addColumn<QByteArray>("challenge");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QByteArray>("cnonce");
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<QByteArray>("mustContain");
    // RFC 2617 §3.5 and RFC 7616 §3.9.1, with the responses those documents give.
    QTest::newRow("RFC 2617")
        << QByteArray(
               "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", "
               "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"")
        << QStringLiteral("Mufasa") << QStringLiteral("Circle Of Life") << QByteArray("0a4f113b")
        << QByteArray("6629fae49393a05397450978507c4ef1")
        << QByteArray("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
    const QByteArray rfc7616 = "realm=\"http-auth@example.org\", qop=\"auth, auth-int\", "
                               "nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", "
                               "opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";
    QTest::newRow("RFC 7616, MD5") << QByteArray("Digest " + rfc7616 + ", algorithm=MD5")
                                   << QStringLiteral("Mufasa") << QStringLiteral("Circle of Life")
                                   << QByteArray("f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ")
                                   << QByteArray("8ca523f5e9506fed4657c9700eebdbec")
                                   << QByteArray("algorithm=MD5");
    QTest::newRow("RFC 7616, SHA-256 chosen over MD5")
        << QByteArray("Digest " + rfc7616 + ", algorithm=MD5, Digest " + rfc7616 + ", algorithm=SHA-256")
        << QStringLiteral("Mufasa") << QStringLiteral("Circle of Life")
        << QByteArray("f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ")
        << QByteArray("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")
        << QByteArray("algorithm=SHA-256");
}

void tst_HttpAuth::digest()
{
    QFETCH(QByteArray, challenge);
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(QByteArray, cnonce);
    QFETCH(QByteArray, response);
    QFETCH(QByteArray, mustContain);
    DigestInput input;
    input.method = "GET";
    input.uri = "/dir/index.html";
    input.user = user;
    input.password = password;
    input.cnonce = cnonce;
    QString error;
    const QByteArray value = digestAuthorization(parseChallenges({challenge}), input, &error);
    QVERIFY2(!value.isEmpty(), qPrintable(error));
    QVERIFY2(value.contains(QByteArray("response=\"" + response + '"')), value.constData());
    QVERIFY2(value.contains(mustContain), value.constData());
    QVERIFY(value.contains(QByteArray("qop=auth, nc=00000001, cnonce=\"" + cnonce + '"')));
    QVERIFY(value.startsWith("Digest username=\"Mufasa\""));
}

void tst_HttpAuth::unanswerable_data()
{
    QTest::addColumn<QByteArray>("challenge");
    QTest::addColumn<QString>("error");
    QTest::newRow("only Basic") << QByteArray("Basic realm=\"x\"")
                                << QStringLiteral("did not send a Digest challenge");
    QTest::newRow("unknown algorithm") << QByteArray("Digest realm=\"x\", nonce=\"n\", algorithm=SHA-512-256")
                                       << QStringLiteral("SHA-512-256, which ApiLens does not support");
    QTest::newRow("unknown qop") << QByteArray("Digest realm=\"x\", nonce=\"n\", qop=\"auth-conf\"")
                                 << QStringLiteral("qop=auth-conf");
}

void tst_HttpAuth::unanswerable()
{
    QFETCH(QByteArray, challenge);
    QFETCH(QString, error);
    DigestInput input;
    input.method = "GET";
    input.uri = "/";
    QString message;
    QVERIFY(digestAuthorization(parseChallenges({challenge}), input, &message).isEmpty());
    QVERIFY2(message.contains(error), qPrintable(message));
}

QTEST_GUILESS_MAIN(tst_HttpAuth)
#include "tst_httpauth.moc"
