#include "http/requestbuilder.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ApiLens::Core;

Q_DECLARE_METATYPE(HeaderList)

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
    void defaultsAndOverrides_data();
    void defaultsAndOverrides();
    void framing_data();
    void framing();
    void userInfoAndExpect();
    void hostHeader_data();
    void hostHeader();
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
        {QStringLiteral("doc"), QString(), QStringLiteral("/nonexistent/doc.pdf"), QString(), true, {}}};
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
        QCOMPARE(headerValue(built.request.headers, header), value);
    }
    if (!query.isEmpty()) {
        QCOMPARE(built.request.url.query(QUrl::FullyEncoded), query);
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
    QCOMPARE(built.request.method, QByteArray("POST"));
    QCOMPARE(built.request.body, expectedBody);
    QCOMPARE(headerValue(built.request.headers, "Content-Type"), contentType);
    QCOMPARE(built.request.bodySize, expectedBody.size());
    // POST gives a body meaning: its length is said, even when it is empty.
    QCOMPARE(headerValue(built.request.headers, "Content-Length"), QByteArray::number(expectedBody.size()));
}

void tst_RequestBuilder::defaultsAndOverrides_data()
{
    QTest::addColumn<QList<KeyValue>>("headers");
    QTest::addColumn<QStringList>("omitted");
    QTest::addColumn<HeaderList>("expected"); // the whole list, in order
    const QByteArray agent = "ApiLens/" APILENS_VERSION;
    const QByteArray encodings = "gzip, deflate, br, zstd";
    QTest::newRow("the defaults") << QList<KeyValue>() << QStringList()
                                  << HeaderList{{"User-Agent", agent},
                                                {"Accept", "*/*"},
                                                {"Accept-Encoding", encodings},
                                                {"Connection", "keep-alive"}};
    QTest::newRow("two switched off")
        << QList<KeyValue>() << QStringList{QStringLiteral("user-agent"), QStringLiteral("Connection")}
        << HeaderList{{"Accept", "*/*"}, {"Accept-Encoding", encodings}};
    QTest::newRow("written ones win, once, as written")
        << QList<KeyValue>{{QStringLiteral("accept"), QStringLiteral("application/json")},
                           {QStringLiteral("Cache-Control"), QStringLiteral("no-store")},
                           {QStringLiteral("User-Agent"), QStringLiteral("off/1"), false}}
        << QStringList()
        << HeaderList{{"User-Agent", agent},
                      {"Accept-Encoding", encodings},
                      {"Connection", "keep-alive"},
                      {"accept", "application/json"},
                      {"Cache-Control", "no-store"}};
    QTest::newRow("all off, nothing added")
        << QList<KeyValue>{{QStringLiteral("X-Only"), QStringLiteral("1")}}
        << QStringList{QStringLiteral("User-Agent"), QStringLiteral("Accept"),
                       QStringLiteral("Accept-Encoding"), QStringLiteral("Connection")}
        << HeaderList{{"X-Only", "1"}};
}

void tst_RequestBuilder::defaultsAndOverrides()
{
    QFETCH(QList<KeyValue>, headers);
    QFETCH(QStringList, omitted);
    QFETCH(HeaderList, expected);
    RequestSpec spec = get(QStringLiteral("http://127.0.0.1/"));
    spec.headers = headers;
    spec.omittedDefaults = omitted;
    const BuiltRequest built = buildRequest(spec);
    QVERIFY2(built.isValid(), qPrintable(built.error));
    QCOMPARE(built.request.headers, expected);
    for (const DefaultHeader &header : defaultHeaders()) {
        QCOMPARE(sendsDefault(spec, header.name),
                 !headerValue(expected, header.name.toLatin1()).isNull() &&
                     headerValue(expected, header.name.toLatin1()) == header.value.toUtf8());
    }
}

void tst_RequestBuilder::framing_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QList<KeyValue>>("headers");
    QTest::addColumn<QByteArray>("contentLength"); // null: none
    QTest::addColumn<bool>("chunked");
    QTest::addColumn<QString>("error");
    QTest::newRow("GET without body")
        << QStringLiteral("GET") << QByteArray() << QList<KeyValue>() << QByteArray() << false << QString();
    QTest::newRow("POST without body") << QStringLiteral("POST") << QByteArray() << QList<KeyValue>()
                                       << QByteArray("0") << false << QString();
    QTest::newRow("DELETE with body") << QStringLiteral("DELETE") << QByteArray("x") << QList<KeyValue>()
                                      << QByteArray("1") << false << QString();
    QTest::newRow("written length that is right")
        << QStringLiteral("PUT") << QByteArray("abc")
        << QList<KeyValue>{{QStringLiteral("content-length"), QStringLiteral("3")}} << QByteArray("3")
        << false << QString();
    QTest::newRow("written length that is wrong")
        << QStringLiteral("PUT") << QByteArray("abc")
        << QList<KeyValue>{{QStringLiteral("Content-Length"), QStringLiteral("9")}} << QByteArray() << false
        << QStringLiteral("Content-Length says 9, but the body is 3 bytes");
    QTest::newRow("chunked as asked")
        << QStringLiteral("POST") << QByteArray("abc")
        << QList<KeyValue>{{QStringLiteral("Transfer-Encoding"), QStringLiteral("chunked")}} << QByteArray()
        << true << QString();
    QTest::newRow("another transfer coding")
        << QStringLiteral("POST") << QByteArray("abc")
        << QList<KeyValue>{{QStringLiteral("Transfer-Encoding"), QStringLiteral("gzip")}} << QByteArray()
        << false << QStringLiteral("Transfer-Encoding 'gzip' cannot be sent");
    QTest::newRow("both") << QStringLiteral("POST") << QByteArray("abc")
                          << QList<KeyValue>{{QStringLiteral("Transfer-Encoding"), QStringLiteral("chunked")},
                                             {QStringLiteral("Content-Length"), QStringLiteral("3")}}
                          << QByteArray() << false
                          << QStringLiteral("both Content-Length and Transfer-Encoding");
}

void tst_RequestBuilder::framing()
{
    QFETCH(QString, method);
    QFETCH(QByteArray, body);
    QFETCH(QList<KeyValue>, headers);
    QFETCH(QByteArray, contentLength);
    QFETCH(bool, chunked);
    QFETCH(QString, error);
    RequestSpec spec = get(QStringLiteral("http://127.0.0.1/"));
    spec.method = method;
    spec.headers = headers;
    if (!body.isEmpty()) {
        spec.body.kind = BodyKind::Raw;
        spec.body.raw = body;
    }
    const BuiltRequest built = buildRequest(spec);
    if (!error.isEmpty()) {
        QVERIFY(!built.isValid());
        QVERIFY2(built.error.contains(error), qPrintable(built.error));
        return;
    }
    QVERIFY2(built.isValid(), qPrintable(built.error));
    QCOMPARE(headerValue(built.request.headers, "Content-Length"), contentLength);
    QCOMPARE(built.request.chunked, chunked);
    int lengths = 0;
    for (const Header &header : built.request.headers) {
        lengths += header.first.compare("Content-Length", Qt::CaseInsensitive) == 0 ? 1 : 0;
    }
    QVERIFY(lengths <= 1); // a written one is not doubled
}

void tst_RequestBuilder::userInfoAndExpect()
{
    RequestSpec spec = get(QStringLiteral("http://ada:s%20cret@127.0.0.1:8080/x#frag"));
    spec.headers = {{QStringLiteral("Expect"), QStringLiteral("100-continue")}};
    const BuiltRequest built = buildRequest(spec);
    QVERIFY2(built.isValid(), qPrintable(built.error));
    // user:password@ becomes Basic auth, as curl sends it, and never goes out in the URL.
    QCOMPARE(headerValue(built.request.headers, "Authorization"),
             "Basic " + QByteArray("ada:s cret").toBase64());
    QVERIFY(built.request.url.userInfo().isEmpty());
    QVERIFY(built.request.expectContinue);
}

void tst_RequestBuilder::hostHeader_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QByteArray>("host");
    QTest::newRow("default http port")
        << QStringLiteral("http://example.test:80/") << QByteArray("example.test");
    QTest::newRow("default https port")
        << QStringLiteral("https://example.test/") << QByteArray("example.test");
    QTest::newRow("other port") << QStringLiteral("http://127.0.0.1:8080/") << QByteArray("127.0.0.1:8080");
    QTest::newRow("ipv6") << QStringLiteral("http://[::1]:9/") << QByteArray("[::1]:9");
    QTest::newRow("idn") << QStringLiteral("http://bücher.test/") << QByteArray("xn--bcher-kva.test");
}

void tst_RequestBuilder::hostHeader()
{
    QFETCH(QString, url);
    QFETCH(QByteArray, host);
    QCOMPARE(hostHeaderValue(QUrl(url)), host);
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
