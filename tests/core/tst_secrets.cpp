#include "http/secrets.h"

#include <QTest>

using namespace ApiLens::Core;

class tst_Secrets : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void isSecretName_data();
    void isSecretName();
    void withoutSecretQuery_data();
    void withoutSecretQuery();
    void redactValues_data();
    void redactValues();
    void redactedUrl_data();
    void redactedUrl();
};

void tst_Secrets::isSecretName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("secret");
    for (const char *name : {"Authorization", "proxy-authorization", "Cookie", "Set-Cookie", "X-Api-Key",
                             "api_key", "apikey", "access_token", "X-Auth-Token", "client_secret", "password",
                             "passwd", "key", "sig", "X-Amz-Signature", "code", "auth", "X-Credential"}) {
        QTest::newRow(name) << QString::fromLatin1(name) << true;
    }
    for (const char *name :
         {"Accept", "Content-Type", "q", "page", "keyword", "monkey", "author", "X-Trace"}) {
        QTest::newRow(name) << QString::fromLatin1(name) << false;
    }
}

void tst_Secrets::isSecretName()
{
    QFETCH(QString, name);
    QFETCH(bool, secret);
    QCOMPARE(ApiLens::Core::isSecretName(name), secret);
}

void tst_Secrets::withoutSecretQuery_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("expected");
    QTest::newRow("none") << QStringLiteral("http://127.0.0.1/a?q=1&page=2")
                          << QStringLiteral("http://127.0.0.1/a?q=1&page=2");
    QTest::newRow("a key among others")
        << QStringLiteral("http://127.0.0.1/a?q=r%20ain&api_key=s3cret&page=2")
        << QStringLiteral("http://127.0.0.1/a?q=r%20ain&api_key=%5Bredacted%5D&page=2");
    QTest::newRow("an encoded name, user info")
        << QStringLiteral("http://u:pw@127.0.0.1/a?access%5Ftoken=t")
        << QStringLiteral("http://127.0.0.1/a?access_token=%5Bredacted%5D");
    QTest::newRow("no query") << QStringLiteral("http://127.0.0.1/a#f")
                              << QStringLiteral("http://127.0.0.1/a#f");
}

void tst_Secrets::withoutSecretQuery()
{
    QFETCH(QString, url);
    QFETCH(QString, expected);
    QCOMPARE(ApiLens::Core::withoutSecretQuery(QUrl(url), QStringLiteral("[redacted]"))
                 .toString(QUrl::FullyEncoded),
             expected);
}

void tst_Secrets::redactValues_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("values");
    QTest::addColumn<QString>("expected");
    QTest::newRow("everywhere") << QStringLiteral("token t0k3n; again t0k3n")
                                << QStringList{QStringLiteral("t0k3n")}
                                << QStringLiteral("token [redacted]; again [redacted]");
    QTest::newRow("percent-encoded too")
        << QStringLiteral("/a%2Fb%2B1?x=a/b+1") << QStringList{QStringLiteral("a/b+1")}
        << QStringLiteral("/[redacted]?x=[redacted]");
    QTest::newRow("longest first") << QStringLiteral("abcd-efgh")
                                   << QStringList{QStringLiteral("abcd"), QStringLiteral("abcd-efgh")}
                                   << QStringLiteral("[redacted]");
    QTest::newRow("short values left")
        << QStringLiteral("id=1 and abc") << QStringList{QStringLiteral("1"), QStringLiteral("abc"), {}}
        << QStringLiteral("id=1 and abc");
}

void tst_Secrets::redactValues()
{
    QFETCH(QString, text);
    QFETCH(QStringList, values);
    QFETCH(QString, expected);
    QCOMPARE(ApiLens::Core::redactValues(text, values, QStringLiteral("[redacted]")), expected);
}

void tst_Secrets::redactedUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("expected");
    QTest::newRow("secret names, secret values, user info")
        << QStringLiteral("https://ada:pw@api.test/u/s3cr3t?q=s3cr3t&api_key=other&page=2")
        << QStringLiteral("https://api.test/u/[redacted]?q=[redacted]&api_key=[redacted]&page=2");
    QTest::newRow("nothing secret") << QStringLiteral("https://api.test/u/7?page=2")
                                    << QStringLiteral("https://api.test/u/7?page=2");
}

void tst_Secrets::redactedUrl()
{
    QFETCH(QString, url);
    QFETCH(QString, expected);
    QCOMPARE(ApiLens::Core::redactedUrl(url, {QStringLiteral("s3cr3t")}, QStringLiteral("[redacted]")),
             expected);
}

QTEST_APPLESS_MAIN(tst_Secrets)
#include "tst_secrets.moc"
