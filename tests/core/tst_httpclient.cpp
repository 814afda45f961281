#include "http/http1.h"
#include "http/httpclient.h"
#include "peers.h"

#include "externalserver.h"
#include "testserver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace ApiLens::Core;
using ApiLens::Test::ExternalServer;
using ApiLens::Test::Response;
using ApiLens::Test::TestServer;

class tst_HttpClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase() { m_httpbin.reset(); }
    void init();
    void methods_data();
    void methods();
    void bodyKinds_data();
    void bodyKinds();
    void sentRecordIsWhatTheServerReceived_data();
    void sentRecordIsWhatTheServerReceived();
    void recordThroughAProxy();
    void auth_data();
    void auth();
    void authAgainstHttpbin_data();
    void authAgainstHttpbin();
    void redirects_data();
    void redirects();
    void timeout();
    void cancel();
    void encodings_data();
    void encodings();
    void transportErrors_data();
    void transportErrors();
    void tls_data();
    void tls();
    void manualProxy();
    void http2_data();
    void http2();
    void http2RecordIsWhatNghttpdReceived_data();
    void http2RecordIsWhatNghttpdReceived();
    void largeBodySpillsToFile();
    void bodyLimit_data();
    void bodyLimit();
    void bodySink_data();
    void bodySink();
    void connectionReuse();
    void timingsAreOrdered();
    void http4xx5xxAreResponsesNotFailures_data();
    void http4xx5xxAreResponsesNotFailures();

private:
    Exchange run(const RequestSpec &spec);
    // Writes upload.csv ("id,name\n1,Ada\n") and puts its path where the body says "@upload".
    bool withUploadFile(RequestBody *body) const;
    RequestSpec spec(const QString &pathAndQuery, const QString &method = QStringLiteral("GET")) const;
    HttpClient *m_client = nullptr;
    TestServer *m_server = nullptr;
    QTemporaryDir m_dir;
    std::unique_ptr<ExternalServer> m_httpbin; // started on first use, stopped at the end
};

void tst_HttpClient::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void tst_HttpClient::init()
{
    delete m_client;
    delete m_server;
    m_client = new HttpClient(this);
    m_server = new TestServer(this);
    QVERIFY(m_server->listen());
}

RequestSpec tst_HttpClient::spec(const QString &pathAndQuery, const QString &method) const
{
    RequestSpec s;
    s.method = method;
    s.url = m_server->url(pathAndQuery).toString();
    s.settings.timeoutMs = 10000;
    return s;
}

bool tst_HttpClient::withUploadFile(RequestBody *body) const
{
    const QString uploadPath = m_dir.filePath(QStringLiteral("upload.csv"));
    QFile upload(uploadPath);
    if (!upload.open(QIODevice::WriteOnly) || upload.write("id,name\n1,Ada\n") < 0) {
        return false;
    }
    if (body->filePath == QLatin1String("@upload")) {
        body->filePath = uploadPath;
    }
    for (MultipartPart &part : body->parts) {
        if (part.filePath == QLatin1String("@upload")) {
            part.filePath = uploadPath;
        }
    }
    return true;
}

Exchange tst_HttpClient::run(const RequestSpec &spec)
{
    PendingExchange *pending = m_client->send(spec);
    QSignalSpy finished(pending, &PendingExchange::finished);
    if (!pending->isFinished()) {
        finished.wait(20000);
    }
    [&] {
        QCOMPARE(finished.count(), 1);
    }();
    const Exchange exchange = pending->exchange();
    delete pending;
    return exchange;
}

void tst_HttpClient::methods_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QByteArray>("body");
    for (const char *m : {"GET", "DELETE", "OPTIONS", "TRACE"}) {
        QTest::newRow(m) << QString::fromLatin1(m) << QByteArray();
    }
    for (const char *m : {"POST", "PUT", "PATCH", "DELETE", "PURGE", "GET"}) {
        QTest::newRow(QByteArray(QByteArray(m) + " with body").constData())
            << QString::fromLatin1(m) << QByteArray("{\"k\":\"v\"}");
    }
    QTest::newRow("custom verb") << QStringLiteral("PROPFIND") << QByteArray();
}

void tst_HttpClient::methods()
{
    QFETCH(QString, method);
    QFETCH(QByteArray, body);
    RequestSpec s = spec(QStringLiteral("/echo?x=1"), method);
    if (!body.isEmpty()) {
        s.body.kind = BodyKind::Raw;
        s.body.raw = body;
        s.body.contentType = QStringLiteral("application/json");
    }
    const Exchange ex = run(s);
    QCOMPARE(ex.error, TransportError::None);
    QCOMPARE(ex.status, 200);
    QCOMPARE(ex.statusClass(), StatusClass::Success);
    const auto received = m_server->lastRequest();
    QCOMPARE(received.method, method.toLatin1());
    QCOMPARE(received.query(), QByteArray("x=1"));
    QCOMPARE(received.body, body);
    QCOMPARE(ex.request.method, method.toLatin1());
}

void tst_HttpClient::bodyKinds_data()
{
    QTest::addColumn<RequestBody>("body");
    QTest::addColumn<QByteArray>("contentTypePrefix");
    QTest::addColumn<QList<QByteArray>>("mustContain");

    RequestBody raw;
    raw.kind = BodyKind::Raw;
    raw.raw = "<a>xml</a>";
    raw.contentType = QStringLiteral("application/xml");
    QTest::newRow("raw xml") << raw << QByteArray("application/xml") << QList<QByteArray>{"<a>xml</a>"};

    RequestBody text;
    text.kind = BodyKind::Raw;
    text.raw = "plain ✓ text";
    text.contentType = QStringLiteral("text/plain; charset=utf-8");
    QTest::newRow("raw text utf-8") << text << QByteArray("text/plain; charset=utf-8")
                                    << QList<QByteArray>{QByteArray("plain ✓ text")};

    RequestBody form;
    form.kind = BodyKind::UrlEncoded;
    form.form = {{QStringLiteral("a b"), QStringLiteral("c&d")}, {QStringLiteral("e"), QStringLiteral("f")}};
    QTest::newRow("urlencoded") << form << QByteArray("application/x-www-form-urlencoded")
                                << QList<QByteArray>{"a+b=c%26d&e=f"};

    RequestBody multipart;
    multipart.kind = BodyKind::Multipart;
    multipart.parts = {
        {QStringLiteral("title"), QStringLiteral("Report"), QString(), QString(), true, {}},
        {QStringLiteral("file"), QString(), QStringLiteral("@upload"), QStringLiteral("text/csv"), true, {}},
        {QStringLiteral("skipped"), QStringLiteral("no"), QString(), QString(), false, {}}};
    QTest::newRow("multipart with file")
        << multipart << QByteArray("multipart/form-data; boundary=")
        << QList<QByteArray>{"name=\"title\"\r\n\r\nReport\r\n", "name=\"file\"; filename=\"upload.csv\"",
                             "Content-Type: text/csv\r\n\r\nid,name\n1,Ada\n"};

    RequestBody binary;
    binary.kind = BodyKind::BinaryFile;
    binary.filePath = QStringLiteral("@upload");
    QTest::newRow("binary file, no type: none sent")
        << binary << QByteArray() << QList<QByteArray>{"id,name\n1,Ada\n"};
    binary.contentType = QStringLiteral("text/csv");
    QTest::newRow("binary file with its type")
        << binary << QByteArray("text/csv") << QList<QByteArray>{"id,name\n1,Ada\n"};
}

void tst_HttpClient::bodyKinds()
{
    QFETCH(RequestBody, body);
    QFETCH(QByteArray, contentTypePrefix);
    QFETCH(QList<QByteArray>, mustContain);
    QVERIFY(withUploadFile(&body));
    RequestSpec s = spec(QStringLiteral("/echo"), QStringLiteral("POST"));
    s.body = body;
    const Exchange ex = run(s);
    QCOMPARE(ex.error, TransportError::None);
    const auto received = m_server->lastRequest();
    QVERIFY2(received.header("Content-Type").startsWith(contentTypePrefix),
             received.header("Content-Type").constData());
    QCOMPARE(received.header("Content-Type").isEmpty(), contentTypePrefix.isEmpty());
    for (const QByteArray &part : mustContain) {
        QVERIFY2(received.body.contains(part), received.body.constData());
    }
    QVERIFY(!received.body.contains("skipped"));
    QCOMPARE(ex.request.bodySize, received.body.size());
    QCOMPARE(ex.request.bodyPreview, received.body);
}

// Every request ApiLens records as sent, in order (redirects and challenges first).
static QList<SentRequest> recordsOf(const Exchange &exchange)
{
    QList<SentRequest> records;
    for (const Hop &hop : exchange.hops) {
        records.append(hop.request);
    }
    records.append(exchange.request);
    return records;
}

void tst_HttpClient::sentRecordIsWhatTheServerReceived_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<RequestBody>("body");
    QTest::addColumn<QList<KeyValue>>("headers");
    QTest::addColumn<Auth>("auth");
    QTest::addColumn<int>("requests"); // as the server counts them

    const QList<KeyValue> none;
    const RequestBody noBody;
    const Auth noAuth;
    QTest::newRow("GET") << QStringLiteral("GET") << QStringLiteral("/echo?q=a%20b&x=1") << noBody << none
                         << noAuth << 1;
    QTest::newRow("HEAD") << QStringLiteral("HEAD") << QStringLiteral("/echo") << noBody << none << noAuth
                          << 1;
    QTest::newRow("GET with its own Cache-Control, User-Agent and Accept")
        << QStringLiteral("GET") << QStringLiteral("/echo") << noBody
        << QList<KeyValue>{{QStringLiteral("Cache-Control"), QStringLiteral("max-age=0")},
                           {QStringLiteral("User-Agent"), QStringLiteral("mine/2")},
                           {QStringLiteral("accept"), QStringLiteral("application/json")}}
        << noAuth << 1;
    RequestBody raw;
    raw.kind = BodyKind::Raw;
    raw.raw = "{\"name\":\"Ada ✓\"}";
    raw.contentType = QStringLiteral("application/json");
    QTest::newRow("POST raw JSON") << QStringLiteral("POST") << QStringLiteral("/echo") << raw << none
                                   << noAuth << 1;
    RequestBody form;
    form.kind = BodyKind::UrlEncoded;
    form.form = {{QStringLiteral("a b"), QStringLiteral("c&d")}};
    QTest::newRow("POST form") << QStringLiteral("POST") << QStringLiteral("/echo") << form << none << noAuth
                               << 1;
    RequestBody multipart;
    multipart.kind = BodyKind::Multipart;
    multipart.parts = {
        {QStringLiteral("title"), QStringLiteral("Report"), QString(), QString(), true, {}},
        {QStringLiteral("file"), QString(), QStringLiteral("@upload"), QStringLiteral("text/csv"), true, {}}};
    QTest::newRow("POST multipart with a file")
        << QStringLiteral("POST") << QStringLiteral("/echo") << multipart << none << noAuth << 1;
    RequestBody binary;
    binary.kind = BodyKind::BinaryFile;
    binary.filePath = QStringLiteral("@upload");
    QTest::newRow("PUT a file") << QStringLiteral("PUT") << QStringLiteral("/echo") << binary << none
                                << noAuth << 1;
    QTest::newRow("POST chunked, as written")
        << QStringLiteral("POST") << QStringLiteral("/echo") << raw
        << QList<KeyValue>{{QStringLiteral("Transfer-Encoding"), QStringLiteral("chunked")}} << noAuth << 1;
    QTest::newRow("POST empty") << QStringLiteral("POST") << QStringLiteral("/echo") << noBody << none
                                << noAuth << 1;
    QTest::newRow("redirect chain") << QStringLiteral("GET") << QStringLiteral("/redirect/3") << noBody
                                    << none << noAuth << 4;
    QTest::newRow("303 after POST becomes GET")
        << QStringLiteral("POST") << QStringLiteral("/redirect/1") << raw << none << noAuth << 2;
    QTest::newRow("cookies set on a redirect are sent on the next hop")
        << QStringLiteral("GET") << QStringLiteral("/cookies/set?session=s1&theme=dark") << noBody << none
        << noAuth << 2;
    Auth digest;
    digest.kind = AuthKind::Digest;
    digest.username = QStringLiteral("ada");
    digest.password = QStringLiteral("s3cret");
    QTest::newRow("Digest challenge and answer")
        << QStringLiteral("GET") << QStringLiteral("/digest-auth/ada/s3cret") << noBody << none << digest
        << 2;
    Auth basic = digest;
    basic.kind = AuthKind::Basic;
    QTest::newRow("Basic") << QStringLiteral("GET") << QStringLiteral("/basic-auth/ada/s3cret") << noBody
                           << none << basic << 1;
}

void tst_HttpClient::sentRecordIsWhatTheServerReceived()
{
    QFETCH(QString, method);
    QFETCH(QString, path);
    QFETCH(RequestBody, body);
    QFETCH(QList<KeyValue>, headers);
    QFETCH(Auth, auth);
    QFETCH(int, requests);
    QVERIFY(withUploadFile(&body));
    RequestSpec s = spec(path, method);
    s.body = body;
    s.headers = headers;
    s.auth = auth;
    const Exchange ex = run(s);
    QVERIFY2(ex.error == TransportError::None, qPrintable(ex.errorMessage));
    QCOMPARE(ex.status, 200);
    const QList<ApiLens::Test::ReceivedRequest> received = m_server->requests();
    const QList<SentRequest> records = recordsOf(ex);
    QCOMPARE(received.size(), requests);
    QCOMPARE(records.size(), requests);
    for (int i = 0; i < requests; ++i) {
        // Byte for byte: the record, written out as HTTP/1.1, is the head the server read...
        QCOMPARE(
            QString::fromUtf8(Http1::requestHead(records[i].method, records[i].target, records[i].headers)),
            QString::fromUtf8(received[i].rawHead));
        // ...and its body is the body the server read.
        QCOMPARE(records[i].bodySize, received[i].body.size());
        QCOMPARE(records[i].bodyPreview, received[i].body);
    }
    // Nothing the request did not ask for: its own headers once, as written; no cache headers.
    for (const KeyValue &header : headers) {
        QCOMPARE(Http1::headerValues(received.last().headers, header.name.toLatin1()),
                 QList<QByteArray>{header.value.toUtf8()});
    }
    for (const ApiLens::Test::ReceivedRequest &request : received) {
        QCOMPARE(request.header("Pragma"), QByteArray());
        QCOMPARE(request.header("Accept-Language"), QByteArray());
    }
}

void tst_HttpClient::recordThroughAProxy()
{
    // The test server plays the proxy: it reads the absolute-form target and the proxy's
    // credentials, which the record shows too.
    RequestSpec s;
    s.url = QStringLiteral("http://127.0.0.2:9/through-proxy?q=1");
    s.settings.proxy.mode = ProxyMode::Manual;
    s.settings.proxy.host = QStringLiteral("127.0.0.1");
    s.settings.proxy.port = m_server->port();
    s.settings.proxy.user = QStringLiteral("p");
    s.settings.proxy.password = QStringLiteral("w");
    m_server->setHandler([](const ApiLens::Test::ReceivedRequest &) { return Response{}; });
    const Exchange ex = run(s);
    QVERIFY2(ex.error == TransportError::None, qPrintable(ex.errorMessage));
    QCOMPARE(Http1::requestHead(ex.request.method, ex.request.target, ex.request.headers),
             m_server->lastRequest().rawHead);
    QCOMPARE(m_server->lastRequest().header("Proxy-Authorization"), "Basic " + QByteArray("p:w").toBase64());
    QVERIFY(ex.request.via.contains(QStringLiteral("proxy 127.0.0.1:%1").arg(m_server->port())));
}

void tst_HttpClient::auth_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<Auth>("auth");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("value");

    Auth basic;
    basic.kind = AuthKind::Basic;
    basic.username = QStringLiteral("ada");
    basic.password = QStringLiteral("s3cret");
    QTest::newRow("basic ok") << QStringLiteral("/basic-auth/ada/s3cret") << basic << 200 << QByteArray()
                              << QByteArray();
    QTest::newRow("basic wrong") << QStringLiteral("/basic-auth/ada/other") << basic << 401 << QByteArray()
                                 << QByteArray();
    Auth digest = basic;
    digest.kind = AuthKind::Digest;
    QTest::newRow("digest ok") << QStringLiteral("/digest-auth/ada/s3cret") << digest << 200 << QByteArray()
                               << QByteArray();
    QTest::newRow("digest wrong") << QStringLiteral("/digest-auth/ada/other") << digest << 401 << QByteArray()
                                  << QByteArray();
    Auth bearer;
    bearer.kind = AuthKind::Bearer;
    bearer.token = QStringLiteral("tok-123");
    QTest::newRow("bearer") << QStringLiteral("/echo") << bearer << 200 << QByteArray("Authorization")
                            << QByteArray("Bearer tok-123");
    Auth key;
    key.kind = AuthKind::ApiKey;
    key.keyName = QStringLiteral("X-Api-Key");
    key.keyValue = QStringLiteral("k-9");
    QTest::newRow("api key header") << QStringLiteral("/echo") << key << 200 << QByteArray("X-Api-Key")
                                    << QByteArray("k-9");
}

void tst_HttpClient::auth()
{
    QFETCH(QString, path);
    QFETCH(Auth, auth);
    QFETCH(int, status);
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, value);
    RequestSpec s = spec(path);
    s.auth = auth;
    const Exchange ex = run(s);
    QCOMPARE(ex.error, TransportError::None);
    QCOMPARE(ex.status, status);
    if (!header.isEmpty()) {
        QCOMPARE(m_server->lastRequest().header(header), value);
    }
}

void tst_HttpClient::authAgainstHttpbin_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<AuthKind>("kind");
    QTest::addColumn<QString>("password");
    QTest::addColumn<int>("status");
    QTest::newRow("digest ok") << QStringLiteral("/digest-auth/auth/ada/s3cret") << AuthKind::Digest
                               << QStringLiteral("s3cret") << 200;
    QTest::newRow("digest wrong password") << QStringLiteral("/digest-auth/auth/ada/s3cret")
                                           << AuthKind::Digest << QStringLiteral("nope") << 401;
    QTest::newRow("basic ok") << QStringLiteral("/basic-auth/ada/s3cret") << AuthKind::Basic
                              << QStringLiteral("s3cret") << 200;
}

void tst_HttpClient::authAgainstHttpbin()
{
    // httpbin is an independent implementation of these challenges: a real peer.
    APILENS_REQUIRE_PEER(ExternalServer::httpbinAvailable(),
                         "httpbin (Debian package python3-httpbin) is not installed");
    QFETCH(QString, path);
    QFETCH(AuthKind, kind);
    QFETCH(QString, password);
    QFETCH(int, status);
    if (!m_httpbin) {
        m_httpbin = std::make_unique<ExternalServer>();
        QVERIFY2(m_httpbin->start(QStringLiteral("/usr/bin/python3"),
                                  {QStringLiteral("-m"), QStringLiteral("httpbin.core"),
                                   QStringLiteral("--port"), QStringLiteral("{port}")}),
                 qPrintable(m_httpbin->errorString()));
    }
    RequestSpec s;
    s.url = QStringLiteral("http://127.0.0.1:%1%2").arg(m_httpbin->port()).arg(path);
    s.auth.kind = kind;
    s.auth.username = QStringLiteral("ada");
    s.auth.password = password;
    const Exchange ex = run(s);
    QVERIFY2(ex.error == TransportError::None, qPrintable(ex.errorMessage));
    QCOMPARE(ex.status, status);
}

void tst_HttpClient::redirects_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("follow");
    QTest::addColumn<int>("max");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("hops");
    QTest::addColumn<TransportError>("error");
    QTest::newRow("follow 3") << QStringLiteral("/redirect/3") << true << 10 << 200 << 3
                              << TransportError::None;
    QTest::newRow("follow off") << QStringLiteral("/redirect/3") << false << 10 << 302 << 0
                                << TransportError::None;
    QTest::newRow("over max") << QStringLiteral("/redirect/5") << true << 2 << 0 << 2
                              << TransportError::TooManyRedirects;
    QTest::newRow("loop") << QStringLiteral("/redirect-loop") << true << 4 << 0 << 4
                          << TransportError::TooManyRedirects;
}

void tst_HttpClient::redirects()
{
    QFETCH(QString, path);
    QFETCH(bool, follow);
    QFETCH(int, max);
    QFETCH(int, status);
    QFETCH(int, hops);
    QFETCH(TransportError, error);
    RequestSpec s = spec(path);
    s.settings.followRedirects = follow;
    s.settings.maxRedirects = max;
    const Exchange ex = run(s);
    QCOMPARE(ex.error, error);
    if (status) {
        QCOMPARE(ex.status, status);
    }
    QCOMPARE(ex.redirectCount(), hops);
    if (status == 200) {
        QCOMPARE(ex.request.url.path(), QStringLiteral("/echo"));
    }
    if (error != TransportError::None) {
        QVERIFY(ex.errorMessage.contains(QStringLiteral("redirect")));
    }
}

void tst_HttpClient::timeout()
{
    RequestSpec s = spec(QStringLiteral("/delay/3000"));
    s.settings.timeoutMs = 300;
    const Exchange ex = run(s);
    QCOMPARE(ex.error, TransportError::Timeout);
    QVERIFY(!ex.hasResponse());
    QVERIFY2(ex.timings.totalMs() < 2500, qPrintable(QString::number(ex.timings.totalMs())));
    QVERIFY(ex.errorMessage.contains(QStringLiteral("within 300 ms")));
}

void tst_HttpClient::cancel()
{
    PendingExchange *pending = m_client->send(spec(QStringLiteral("/hang")));
    QSignalSpy finished(pending, &PendingExchange::finished);
    QTRY_COMPARE(m_server->requests().size(), 1);
    pending->cancel();
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(pending->exchange().error, TransportError::Cancelled);
    QVERIFY(!pending->exchange().hasResponse());
    pending->cancel(); // harmless once finished
    QCOMPARE(finished.count(), 1);
    delete pending;
}

void tst_HttpClient::encodings_data()
{
    QTest::addColumn<QByteArray>("coding"); // Content-Encoding the server applies
    QTest::addColumn<bool>("chunked");
    for (const char *coding : {"gzip", "deflate", "raw-deflate", "br", "zstd", "gzip, br"}) {
        QTest::newRow(coding) << QByteArray(coding) << false;
    }
    QTest::newRow("zstd, chunked") << QByteArray("zstd") << true;
    QTest::newRow("chunked") << QByteArray() << true;
}

void tst_HttpClient::encodings()
{
    QFETCH(QByteArray, coding);
    QFETCH(bool, chunked);
    const QByteArray body = QByteArray("{\"filler\":\"") + QByteArray(300000, 'x') + "\"}";
    Response response;
    response.body = body;
    response.encoding = coding;
    response.chunked = chunked;
    m_server->setHandler([&response](const ApiLens::Test::ReceivedRequest &) { return response; });
    const Exchange ex = run(spec(QStringLiteral("/encoded")));
    QVERIFY2(ex.error == TransportError::None, qPrintable(ex.errorMessage));
    QCOMPARE(ex.status, 200);
    QCOMPARE(ex.body.bytes(), body); // shown decoded
    QCOMPARE(ex.contentEncoding, QByteArray(coding).replace("raw-deflate", "deflate"));
    if (!coding.isEmpty()) {
        QCOMPARE(ex.encodedBodySize, TestServer::encode(body, coding).size());
    }
    QCOMPARE(m_server->lastRequest().header("Accept-Encoding"), QByteArray("gzip, deflate, br, zstd"));
}

void tst_HttpClient::transportErrors_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<TransportError>("error");
    QTest::addColumn<QString>("message");
    QTest::newRow("refused") << QStringLiteral("http://127.0.0.1:%1/").arg(TestServer::unusedPort())
                             << TransportError::ConnectionRefused << QStringLiteral("is the server running?");
    // A name longer than DNS allows (1,025 bytes) fails in the resolver before any query
    // leaves the machine; tests never send traffic beyond the loopback.
    QTest::newRow("dns") << QStringLiteral("http://%1test/")
                                .arg(
                                    QString(QStringLiteral("a").repeated(60) + QLatin1Char('.')).repeated(18))
                         << TransportError::HostNotFound << QStringLiteral("Could not resolve host");
    QTest::newRow("closed without reply") << QStringLiteral("@/close") << TransportError::RemoteClosed
                                          << QStringLiteral("closed the connection");
    QTest::newRow("not http") << QStringLiteral("@/garbage") << TransportError::Protocol
                              << QStringLiteral("not an HTTP/1.x response: “THIS IS NOT HTTP”");
    // HTTP/2 frames expected, HTTP/1.1 received.
    QTest::newRow("h2 to an http/1.1 server") << QStringLiteral("h2@/echo") << TransportError::Protocol
                                              << QStringLiteral("invalid HTTP/2 response");
    QTest::newRow("malformed url") << QStringLiteral("http://[::1/") << TransportError::InvalidRequest
                                   << QStringLiteral("Malformed URL");
}

void tst_HttpClient::transportErrors()
{
    QFETCH(QString, url);
    QFETCH(TransportError, error);
    QFETCH(QString, message);
    RequestSpec s = spec(QString());
    const qsizetype at = url.indexOf(QLatin1Char('@'));
    s.url = at >= 0 && at < 3 ? m_server->url(url.mid(at + 1)).toString() : url;
    s.settings.http2PriorKnowledge = url.startsWith(QLatin1String("h2@"));
    const Exchange ex = run(s);
    QVERIFY2(ex.error == error,
             qPrintable(transportErrorId(ex.error) + QStringLiteral(": ") + ex.errorMessage));
    QVERIFY2(ex.errorMessage.contains(message), qPrintable(ex.errorMessage));
    QVERIFY(!ex.hasResponse());
    QVERIFY(ex.timings.finishedMs >= 0);
    QVERIFY(!transportErrorTitle(ex.error).isEmpty());
}

void tst_HttpClient::tls_data()
{
    QTest::addColumn<bool>("verify");
    QTest::addColumn<TransportError>("error");
    QTest::newRow("verification on: self-signed refused") << true << TransportError::Tls;
    QTest::newRow("verification off: accepted, visibly") << false << TransportError::None;
}

void tst_HttpClient::tls()
{
    APILENS_REQUIRE_PEER(QSslSocket::supportsSsl(), "This Qt has no TLS backend");
    QFETCH(bool, verify);
    QFETCH(TransportError, error);
    TestServer tlsServer;
    QVERIFY(tlsServer.listenTls());
    RequestSpec s;
    s.url = tlsServer.url(QStringLiteral("/echo")).toString();
    s.settings.verifyTls = verify;
    s.settings.timeoutMs = 10000;
    const Exchange ex = run(s);
    QVERIFY2(ex.error == error, qPrintable(ex.errorMessage));
    QCOMPARE(ex.tlsVerificationDisabled, !verify);
    if (verify) {
        QVERIFY(ex.errorMessage.contains(QStringLiteral("TLS handshake")));
    } else {
        QCOMPARE(ex.status, 200);
        QCOMPARE(ex.httpVersion, QStringLiteral("HTTP/1.1")); // h2 was allowed, but not offered
        QVERIFY(!ex.ignoredTlsErrors.isEmpty());
        QVERIFY(ex.timings.encryptedMs >= 0);
    }
}

void tst_HttpClient::manualProxy()
{
    // The test server plays the proxy: it sees the absolute-form target.
    RequestSpec s;
    s.url = QStringLiteral("http://127.0.0.2:9/through-proxy?q=1");
    s.settings.proxy.mode = ProxyMode::Manual;
    s.settings.proxy.host = QStringLiteral("127.0.0.1");
    s.settings.proxy.port = m_server->port();
    s.settings.timeoutMs = 10000;
    m_server->setHandler([](const ApiLens::Test::ReceivedRequest &) { return Response{}; });
    const Exchange ex = run(s);
    QCOMPARE(ex.error, TransportError::None);
    QCOMPARE(ex.status, 200);
    QCOMPARE(m_server->lastRequest().target, QByteArray("http://127.0.0.2:9/through-proxy?q=1"));

    s.settings.proxy.port = TestServer::unusedPort();
    const Exchange refused = run(s);
    QVERIFY2(refused.error == TransportError::Proxy, qPrintable(refused.errorMessage));
}

void tst_HttpClient::http2_data()
{
    QTest::addColumn<bool>("tls");
    QTest::addColumn<bool>("allow");
    QTest::addColumn<QString>("version");
    QTest::newRow("h2c with prior knowledge") << false << true << QStringLiteral("HTTP/2");
    QTest::newRow("h2 offered by ALPN") << true << true << QStringLiteral("HTTP/2");
}

void tst_HttpClient::http2()
{
    APILENS_REQUIRE_PEER(ExternalServer::nghttpdAvailable(),
                         "nghttpd (Debian package nghttp2-server) is not installed");
    QFETCH(bool, tls);
    QFETCH(bool, allow);
    QFETCH(QString, version);
    APILENS_REQUIRE_PEER(!(tls && !QSslSocket::supportsSsl()), "This Qt has no TLS backend");
    QFile page(m_dir.filePath(QStringLiteral("index.html")));
    QVERIFY(page.open(QIODevice::WriteOnly));
    page.write("<p>h2</p>");
    page.close();
    QStringList args{QStringLiteral("-d"), m_dir.path(), QStringLiteral("--address=127.0.0.1"),
                     QStringLiteral("{port}")};
    if (tls) {
        args << QStringLiteral(APILENS_TEST_CERT_DIR "/localhost.key")
             << QStringLiteral(APILENS_TEST_CERT_DIR "/localhost.crt");
    } else {
        args.prepend(QStringLiteral("--no-tls"));
    }
    ExternalServer nghttpd;
    QVERIFY2(nghttpd.start(QStringLiteral("nghttpd"), args), qPrintable(nghttpd.errorString()));
    RequestSpec s;
    s.url = QStringLiteral("%1://127.0.0.1:%2/index.html")
                .arg(tls ? QStringLiteral("https") : QStringLiteral("http"))
                .arg(nghttpd.port());
    s.settings.allowHttp2 = allow;
    s.settings.http2PriorKnowledge = !tls;
    s.settings.verifyTls = false; // the test certificate is self-signed
    const Exchange ex = run(s);
    QVERIFY2(ex.error == TransportError::None, qPrintable(ex.errorMessage));
    QCOMPARE(ex.status, 200);
    QCOMPARE(ex.httpVersion, version);
    QCOMPARE(ex.displayReason(), QStringLiteral("OK")); // h2 has no reason phrase
    QCOMPARE(ex.body.bytes(), QByteArray("<p>h2</p>"));
}

void tst_HttpClient::http2RecordIsWhatNghttpdReceived_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QList<KeyValue>>("headers");
    QTest::newRow("GET") << QStringLiteral("GET") << QByteArray() << QList<KeyValue>();
    QTest::newRow("POST with a body and its own headers")
        << QStringLiteral("POST") << QByteArray("{\"a\":1}")
        << QList<KeyValue>{{QStringLiteral("X-Trace"), QStringLiteral("t-1")},
                           {QStringLiteral("Content-Type"), QStringLiteral("application/json")}};
    // Connection-specific fields do not exist in HTTP/2: not sent, so not in the record.
    QTest::newRow("connection fields are left out")
        << QStringLiteral("PUT") << QByteArray("x")
        << QList<KeyValue>{{QStringLiteral("Transfer-Encoding"), QStringLiteral("chunked")},
                           {QStringLiteral("Connection"), QStringLiteral("close")}};
}

void tst_HttpClient::http2RecordIsWhatNghttpdReceived()
{
    // nghttpd is an independent HTTP/2 server; with -v it prints every header it decodes.
    APILENS_REQUIRE_PEER(ExternalServer::nghttpdAvailable(),
                         "nghttpd (Debian package nghttp2-server) is not installed");
    QFETCH(QString, method);
    QFETCH(QByteArray, body);
    QFETCH(QList<KeyValue>, headers);
    QFile page(m_dir.filePath(QStringLiteral("index.html")));
    QVERIFY(page.open(QIODevice::WriteOnly));
    page.write("<p>h2</p>");
    page.close();
    ExternalServer nghttpd;
    QVERIFY2(nghttpd.start(QStringLiteral("nghttpd"),
                           {QStringLiteral("-v"), QStringLiteral("--no-tls"), QStringLiteral("--echo-upload"),
                            QStringLiteral("-d"), m_dir.path(), QStringLiteral("--address=127.0.0.1"),
                            QStringLiteral("{port}")}),
             qPrintable(nghttpd.errorString()));
    RequestSpec s;
    s.method = method;
    s.url = QStringLiteral("http://127.0.0.1:%1/index.html?x=1").arg(nghttpd.port());
    s.headers = headers;
    s.settings.http2PriorKnowledge = true;
    if (!body.isEmpty()) {
        s.body.kind = BodyKind::Raw;
        s.body.raw = body;
    }
    const Exchange ex = run(s);
    QVERIFY2(ex.error == TransportError::None, qPrintable(ex.errorMessage));
    QCOMPARE(ex.httpVersion, QStringLiteral("HTTP/2"));
    QCOMPARE(ex.request.httpVersion, QStringLiteral("HTTP/2"));
    HeaderList received;
    qint64 dataBytes = 0;
    static const QRegularExpression field(QStringLiteral("recv \\(stream_id=1\\) (:?[^:]+): (.*)$"));
    static const QRegularExpression data(
        QStringLiteral("recv DATA frame <length=(\\d+), flags=0x\\w+, stream_id=1>"));
    QTRY_VERIFY(nghttpd.output().contains("stream_id=1 closed"));
    for (const QByteArray &line : nghttpd.output().split('\n')) {
        const QString text = QString::fromUtf8(line);
        if (const QRegularExpressionMatch m = field.match(text); m.hasMatch()) {
            received.append({m.captured(1).toUtf8(), m.captured(2).toUtf8()});
        } else if (const QRegularExpressionMatch d = data.match(text); d.hasMatch()) {
            dataBytes += d.captured(1).toLongLong();
        }
    }
    QCOMPARE(ex.request.headers, received); // every field, in order, as decoded by the server
    QCOMPARE(ex.request.bodySize, dataBytes);
    QCOMPARE(headerValue(received, ":path"), QByteArray("/index.html?x=1"));
    QVERIFY(headerValue(received, "connection").isNull());
    QVERIFY(headerValue(received, "transfer-encoding").isNull());
    if (!body.isEmpty()) {
        QCOMPARE(ex.body.bytes(), body); // --echo-upload sends the body back
    }
}

void tst_HttpClient::largeBodySpillsToFile()
{
    m_client->setMemoryThreshold(64 * 1024);
    const Exchange ex = run(spec(QStringLiteral("/bytes/1000000")));
    QCOMPARE(ex.status, 200);
    QCOMPARE(ex.body.size(), 1000000);
    QVERIFY(!ex.body.isInMemory());
    QVERIFY(QFile::exists(ex.body.filePath()));
    QCOMPARE(ex.body.bytes(10), QByteArray(10, 'a'));
}

void tst_HttpClient::bodyLimit_data()
{
    QTest::addColumn<QByteArray>("coding");
    QTest::newRow("plain body over the limit") << QByteArray();
    QTest::newRow("gzip bomb") << QByteArray("gzip");
    QTest::newRow("brotli bomb") << QByteArray("br");
    QTest::newRow("zstd bomb") << QByteArray("zstd");
}

void tst_HttpClient::bodyLimit()
{
    QFETCH(QByteArray, coding);
    m_client->setMaxBodyBytes(4 * 1024 * 1024);
    const QByteArray big(64 * 1024 * 1024, coding.isEmpty() ? 'b' : '\0');
    Response response;
    response.body = big;
    response.encoding = coding;
    m_server->setHandler([&response](const ApiLens::Test::ReceivedRequest &) { return response; });
    const Exchange ex = run(spec(QStringLiteral("/big")));
    QCOMPARE(ex.error, TransportError::BodyTooLarge);
    QVERIFY(ex.body.size() <= 4 * 1024 * 1024);
    QVERIFY(ex.errorMessage.contains(QStringLiteral("cut off")));
}

void tst_HttpClient::bodySink_data()
{
    QTest::addColumn<QByteArray>("coding");
    QTest::addColumn<qint64>("limit");    // the client's max body; -1: none
    QTest::addColumn<int>("refuseAfter"); // the sink refuses the chunk after this many bytes; -1: never
    QTest::addColumn<qint64>("expected"); // bytes the sink took
    QTest::addColumn<TransportError>("error");
    const qint64 size = 3 * 1024 * 1024 + 17;
    QTest::newRow("plain, whole") << QByteArray() << qint64(-1) << -1 << size << TransportError::None;
    QTest::newRow("gzip, decoded") << QByteArray("gzip") << qint64(-1) << -1 << size << TransportError::None;
    QTest::newRow("stops exactly at the limit")
        << QByteArray() << qint64(1000000) << -1 << qint64(1000000) << TransportError::BodyTooLarge;
    QTest::newRow("a refusing sink stops it")
        << QByteArray() << qint64(-1) << 100000 << qint64(-1) << TransportError::Protocol;
}

void tst_HttpClient::bodySink()
{
    // A streamed body reaches the sink byte for byte, after responseStarted; the exchange keeps
    // only its start and its size.
    QFETCH(QByteArray, coding);
    QFETCH(qint64, limit);
    QFETCH(int, refuseAfter);
    QFETCH(qint64, expected);
    QFETCH(TransportError, error);
    QByteArray body(3 * 1024 * 1024 + 17, Qt::Uninitialized);
    for (qsizetype i = 0; i < body.size(); ++i) {
        body[i] = char((i * 7) % 251);
    }
    Response response;
    response.body = body;
    response.encoding = coding;
    m_server->setHandler([&response](const ApiLens::Test::ReceivedRequest &) { return response; });
    if (limit > 0) {
        m_client->setMaxBodyBytes(limit);
    }
    PendingExchange *pending = m_client->send(spec(QStringLiteral("/big")));
    QByteArray taken;
    bool started = false;
    bool startedFirst = true;
    connect(pending, &PendingExchange::responseStarted, this, [&] { started = true; });
    pending->setBodySink(
        [&](QByteArrayView chunk, QString *why) {
            startedFirst = startedFirst && started;
            if (refuseAfter >= 0 && taken.size() >= refuseAfter) {
                *why = QStringLiteral("the disk is full");
                return false;
            }
            taken.append(chunk.data(), chunk.size());
            return true;
        },
        1000);
    QSignalSpy finished(pending, &PendingExchange::finished);
    QVERIFY(finished.wait(20000));
    const Exchange ex = pending->exchange();
    pending->deleteLater();
    QVERIFY(startedFirst);
    QCOMPARE(ex.error, error);
    QCOMPARE(ex.body.size(), 1000);
    QCOMPARE(ex.body.bytes(), body.left(1000));
    if (expected >= 0) {
        QCOMPARE(qint64(taken.size()), expected);
        QVERIFY(taken == body.left(expected));
        QCOMPARE(ex.streamedBodySize, expected);
        QCOMPARE(ex.bodySize(), expected);
    } else {
        QVERIFY(taken.size() >= refuseAfter && taken.size() < body.size());
        QCOMPARE(ex.errorMessage, QStringLiteral("the disk is full"));
    }
}

void tst_HttpClient::connectionReuse()
{
    const Exchange first = run(spec(QStringLiteral("/echo")));
    const Exchange second = run(spec(QStringLiteral("/echo")));
    QCOMPARE(first.status, 200);
    QCOMPARE(second.status, 200);
    QCOMPARE(m_server->connectionCount(), 1);
    QVERIFY(first.timings.connectStartMs >= 0);
    QVERIFY(second.timings.connectStartMs < 0); // no new connection
}

void tst_HttpClient::timingsAreOrdered()
{
    const Exchange ex = run(spec(QStringLiteral("/delay/50")));
    const Timings &t = ex.timings;
    QVERIFY(t.started.isValid());
    QVERIFY(t.connectStartMs >= 0);
    QVERIFY(t.requestSentMs >= t.connectStartMs);
    QVERIFY(t.firstByteMs >= t.requestSentMs + 40); // the server waited 50 ms
    QVERIFY(t.finishedMs >= t.firstByteMs);
}

void tst_HttpClient::http4xx5xxAreResponsesNotFailures_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<StatusClass>("statusClass");
    QTest::newRow("201") << 201 << StatusClass::Success;
    QTest::newRow("204") << 204 << StatusClass::Success;
    QTest::newRow("304") << 304 << StatusClass::Redirection;
    QTest::newRow("400") << 400 << StatusClass::ClientError;
    QTest::newRow("401") << 401 << StatusClass::ClientError;
    QTest::newRow("404") << 404 << StatusClass::ClientError;
    QTest::newRow("409") << 409 << StatusClass::ClientError;
    QTest::newRow("418") << 418 << StatusClass::ClientError;
    QTest::newRow("500") << 500 << StatusClass::ServerError;
    QTest::newRow("503") << 503 << StatusClass::ServerError;
    QTest::newRow("522") << 522 << StatusClass::ServerError;
}

void tst_HttpClient::http4xx5xxAreResponsesNotFailures()
{
    QFETCH(int, status);
    QFETCH(StatusClass, statusClass);
    const Exchange ex = run(spec(QStringLiteral("/status/%1?body=detail").arg(status)));
    QVERIFY2(ex.error == TransportError::None, qPrintable(ex.errorMessage));
    QCOMPARE(ex.status, status);
    QCOMPARE(ex.statusClass(), statusClass);
    if (status != 204 && status != 304) {
        QCOMPARE(ex.body.bytes(), QByteArray("detail"));
    }
}

QTEST_GUILESS_MAIN(tst_HttpClient)
#include "tst_httpclient.moc"
