#include "http/requestbuilder.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ApiLens::Core;

class tst_RequestBuilder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rejects_data();
    void rejects();
    void auth_data();
    void auth();
    void bodies_data();
    void bodies();
    void defaultsAndOverrides();
    void normalizeUserUrl_data();
    void normalizeUserUrl();
};

static RequestSpec get(const QString &url)
{
    RequestSpec spec;
    spec.url = url;
    return spec;
}

void tst_RequestBuilder::rejects_data()
{
    QTest::addColumn<RequestSpec>("spec");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty url") << get(QString()) << QStringLiteral("Enter a URL");
    QTest::newRow("bad scheme") << get(QStringLiteral("ftp://h/x"))
                                << QStringLiteral("Unsupported scheme 'ftp'");
    QTest::newRow("no host") << get(QStringLiteral("http:///path")) << QStringLiteral("names no host");
    QTest::newRow("bad port") << get(QStringLiteral("http://h:99999/")) << QStringLiteral("Malformed URL");
    QTest::newRow("unresolved var") << get(QStringLiteral("{{host}}/users")) << QStringLiteral("{{host}}");
    RequestSpec method = get(QStringLiteral("http://h/"));
    method.method = QStringLiteral("GE T");
    QTest::newRow("bad method") << method << QStringLiteral("Invalid method 'GE T'");
    RequestSpec crlf = get(QStringLiteral("http://h/"));
    crlf.headers = {{QStringLiteral("X-A"), QStringLiteral("a\r\nInjected: 1")}};
    QTest::newRow("header CRLF") << crlf << QStringLiteral("Header 'X-A' contains a line break");
    RequestSpec name = get(QStringLiteral("http://h/"));
    name.headers = {{QStringLiteral("Bad Name"), QStringLiteral("v")}};
    QTest::newRow("header name") << name << QStringLiteral("Invalid header name 'Bad Name'");
    RequestSpec file = get(QStringLiteral("http://h/"));
    file.body.kind = BodyKind::BinaryFile;
    file.body.filePath = QStringLiteral("/nonexistent/apilens-body.bin");
    QTest::newRow("missing body file")
        << file << QStringLiteral("Cannot read the body file '/nonexistent/apilens-body.bin'");
    RequestSpec part = get(QStringLiteral("http://h/"));
    part.body.kind = BodyKind::Multipart;
    part.body.parts = {
        {QStringLiteral("doc"), QString(), QStringLiteral("/nonexistent/doc.pdf"), QString(), true}};
    QTest::newRow("missing part file") << part << QStringLiteral("multipart field 'doc'");
}

void tst_RequestBuilder::rejects()
{
    QFETCH(RequestSpec, spec);
    QFETCH(QString, message);
    const BuiltRequest built = buildRequest(spec);
    QVERIFY(!built.isValid());
    QVERIFY2(built.error.contains(message), qPrintable(built.error));
}

void tst_RequestBuilder::auth_data()
{
    QTest::addColumn<Auth>("auth");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("query");
    Auth basic;
    basic.kind = AuthKind::Basic;
    basic.username = QStringLiteral("aladdin");
    basic.password = QStringLiteral("opensesame");
    QTest::newRow("basic") << basic << QByteArray("Authorization")
                           << QByteArray("Basic YWxhZGRpbjpvcGVuc2VzYW1l") << QString();
    Auth bearer;
    bearer.kind = AuthKind::Bearer;
    bearer.token = QStringLiteral(" abc.def ");
    QTest::newRow("bearer") << bearer << QByteArray("Authorization") << QByteArray("Bearer abc.def")
                            << QString();
    Auth keyHeader;
    keyHeader.kind = AuthKind::ApiKey;
    keyHeader.keyName = QStringLiteral("X-Api-Key");
    keyHeader.keyValue = QStringLiteral("k1");
    QTest::newRow("api key header") << keyHeader << QByteArray("X-Api-Key") << QByteArray("k1") << QString();
    Auth keyQuery = keyHeader;
    keyQuery.keyLocation = ApiKeyLocation::Query;
    keyQuery.keyName = QStringLiteral("api key");
    keyQuery.keyValue = QStringLiteral("a&b");
    QTest::newRow("api key query") << keyQuery << QByteArray() << QByteArray()
                                   << QStringLiteral("x=1&api%20key=a%26b");
}

void tst_RequestBuilder::auth()
{
    QFETCH(Auth, auth);
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, value);
    QFETCH(QString, query);
    RequestSpec spec = get(QStringLiteral("http://127.0.0.1/p?x=1"));
    spec.auth = auth;
    const BuiltRequest built = buildRequest(spec);
    QVERIFY2(built.isValid(), qPrintable(built.error));
    if (!header.isEmpty()) {
        QCOMPARE(built.request.rawHeader(header), value);
        QCOMPARE(headerValue(built.sent.headers, header), value);
    }
    if (!query.isEmpty()) {
        QCOMPARE(built.request.url().query(QUrl::FullyEncoded), query);
    }
}

void tst_RequestBuilder::bodies_data()
{
    QTest::addColumn<RequestBody>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("expectedBody");
    RequestBody raw;
    raw.kind = BodyKind::Raw;
    raw.raw = "{\"a\":1}";
    raw.contentType = QStringLiteral("application/json");
    QTest::newRow("raw json") << raw << QByteArray("application/json") << QByteArray("{\"a\":1}");
    RequestBody form;
    form.kind = BodyKind::UrlEncoded;
    form.form = {{QStringLiteral("name"), QStringLiteral("Jane Doe")},
                 {QStringLiteral("off"), QStringLiteral("x"), false},
                 {QStringLiteral("sym"), QStringLiteral("a&b=c/ü")}};
    QTest::newRow("urlencoded") << form << QByteArray("application/x-www-form-urlencoded")
                                << QByteArray("name=Jane+Doe&sym=a%26b%3Dc%2F%C3%BC");
    RequestBody none;
    QTest::newRow("none") << none << QByteArray() << QByteArray();
}

void tst_RequestBuilder::bodies()
{
    QFETCH(RequestBody, body);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, expectedBody);
    RequestSpec spec = get(QStringLiteral("http://127.0.0.1/"));
    spec.method = QStringLiteral("post");
    spec.body = body;
    const BuiltRequest built = buildRequest(spec);
    QVERIFY2(built.isValid(), qPrintable(built.error));
    QCOMPARE(built.verb, QByteArray("POST"));
    QCOMPARE(built.body, expectedBody);
    QCOMPARE(built.request.rawHeader("Content-Type"), contentType);
    QCOMPARE(built.sent.bodySize, expectedBody.size());
}

void tst_RequestBuilder::defaultsAndOverrides()
{
    RequestSpec spec = get(QStringLiteral("http://127.0.0.1/"));
    BuiltRequest built = buildRequest(spec);
    QVERIFY(built.request.rawHeader("User-Agent").startsWith("ApiLens/"));
    QCOMPARE(built.request.rawHeader("Accept"), QByteArray("*/*"));
    spec.headers = {{QStringLiteral("user-agent"), QStringLiteral("mine/1")},
                    {QStringLiteral("X-Off"), QStringLiteral("1"), false}};
    spec.body.kind = BodyKind::Raw;
    spec.body.raw = "x";
    spec.body.contentType = QStringLiteral("text/plain");
    spec.headers.append({QStringLiteral("Content-Type"), QStringLiteral("text/csv")});
    built = buildRequest(spec);
    QCOMPARE(built.request.rawHeader("User-Agent"), QByteArray("mine/1"));
    QVERIFY(!built.request.hasRawHeader("X-Off"));
    // An explicit header wins over the body kind's content type.
    QCOMPARE(built.request.rawHeader("Content-Type"), QByteArray("text/csv"));
}

void tst_RequestBuilder::normalizeUserUrl_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("expected");
    QTest::newRow("bare host") << QStringLiteral("  localhost:8080/x ")
                               << QStringLiteral("http://localhost:8080/x");
    QTest::newRow("https kept") << QStringLiteral("https://a") << QStringLiteral("https://a");
    QTest::newRow("empty") << QStringLiteral("  ") << QString();
}

void tst_RequestBuilder::normalizeUserUrl()
{
    QFETCH(QString, typed);
    QFETCH(QString, expected);
    QCOMPARE(ApiLens::Core::normalizeUserUrl(typed), expected);
}

QTEST_GUILESS_MAIN(tst_RequestBuilder)
#include "tst_requestbuilder.moc"
