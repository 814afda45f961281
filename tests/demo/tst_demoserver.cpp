#include "demoserver.h"

#include "catalog/catalog.h"
#include "collections/collection.h"
#include "collections/variables.h"
#include "errors/erroranalyzer.h"
#include "http/httpclient.h"
#include "interop/openapi.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkProxy>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ApiLens;

// Sends every request of the demo collection to a running demo server and checks what
// ApiLens reads in each answer.
class tst_DemoServer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void everyRequest_data();
    void everyRequest();
    void unknownPathIsAProblem();
    void listensOnLoopbackOnly();
    void collectionOnDisk();

private:
    Core::Exchange run(const Core::RequestSpec &spec);

    Demo::DemoServer m_server;
    Core::HttpClient *m_client = nullptr;
    Core::Catalog m_catalog;
};

void tst_DemoServer::initTestCase()
{
    QVERIFY(m_server.start() > 0);
    m_client = new Core::HttpClient(this);
    QStringList errors;
    QVERIFY(m_catalog.loadBuiltin(&errors));
}

Core::Exchange tst_DemoServer::run(const Core::RequestSpec &spec)
{
    Core::PendingExchange *pending = m_client->send(spec);
    QSignalSpy finished(pending, &Core::PendingExchange::finished);
    if (!pending->isFinished()) {
        finished.wait(10000);
    }
    const Core::Exchange exchange = pending->exchange();
    delete pending;
    return exchange;
}

void tst_DemoServer::everyRequest_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QJsonValue>("code");
    QTest::addColumn<QString>("vendor");
    const QMap<QString, std::tuple<int, QString, QJsonValue, QString>> expected = {
        {QStringLiteral("Get a user"), {200, QStringLiteral("json"), QJsonValue(), QString()}},
        {QStringLiteral("Slow report"), {200, QStringLiteral("json"), QJsonValue(), QString()}},
        {QStringLiteral("5 MB list"), {200, QStringLiteral("json"), QJsonValue(), QString()}},
        {QStringLiteral("List assets"), {200, QStringLiteral("json"), QJsonValue(), QString()}},
        {QStringLiteral("Change a serial number"),
         {409, QStringLiteral("netilion"), QStringLiteral("write_protected_attribute"),
          QStringLiteral("netilion")}},
        {QStringLiteral("Get a hidden asset"),
         {404, QStringLiteral("netilion"), QStringLiteral("not_found_no_permission"),
          QStringLiteral("netilion")}},
        {QStringLiteral("Send an event without a token"),
         {403, QStringLiteral("extole"), QStringLiteral("missing_access_token"), QStringLiteral("extole")}},
        {QStringLiteral("Send an event with a token"),
         {200, QStringLiteral("json"), QJsonValue(), QString()}},
        {QStringLiteral("Rate-limited profile"),
         {429, QStringLiteral("extole"), QStringLiteral("too_many_requests"), QStringLiteral("extole")}},
        {QStringLiteral("Too many items"),
         {400, QStringLiteral("generic-numeric-code"), 3, QStringLiteral("numeric-codes")}},
        {QStringLiteral("Order a sold-out item"),
         {409, QStringLiteral("generic-numeric-code"), 42, QStringLiteral("numeric-codes")}},
        {QStringLiteral("Profile with a bad token"),
         {401, QStringLiteral("generic-numeric-code"), 7, QStringLiteral("numeric-codes")}},
        {QStringLiteral("Upload a record"), {413, QStringLiteral("json"), QJsonValue(), QString()}},
        {QStringLiteral("RFC 9457: out of credit"),
         {403, QStringLiteral("problem-details"), QStringLiteral("https://example.com/probs/out-of-credit"),
          QString()}},
        {QStringLiteral("JSON:API validation"), {422, QStringLiteral("jsonapi"), QJsonValue(), QString()}},
        {QStringLiteral("Google quota"),
         {429, QStringLiteral("google-aip193"), QStringLiteral("RATE_LIMIT_EXCEEDED"),
          QStringLiteral("google-rpc")}},
        {QStringLiteral("Microsoft Graph upload"),
         {400, QStringLiteral("microsoft-rest"), QStringLiteral("badRequest"), QString()}},
        {QStringLiteral("OAuth token refresh"),
         {400, QStringLiteral("oauth2-token-error"), QStringLiteral("invalid_grant"),
          QStringLiteral("oauth2")}},
        {QStringLiteral("Expired bearer token"),
         {401, QStringLiteral("oauth2-bearer-challenge"), QStringLiteral("invalid_token"),
          QStringLiteral("oauth2")}},
        {QStringLiteral("GraphQL partial data"),
         {200, QStringLiteral("graphql"), QStringLiteral("CAN_NOT_FETCH_BY_ID"), QStringLiteral("graphql")}},
        {QStringLiteral("Stripe card declined"),
         {402, QStringLiteral("stripe"), QStringLiteral("card_declined"), QStringLiteral("stripe")}},
        {QStringLiteral("GitHub issue without a title"),
         {422, QStringLiteral("github-rest"), QJsonValue(), QStringLiteral("github")}},
        {QStringLiteral("S3 missing key"),
         {404, QStringLiteral("aws-s3-xml"), QStringLiteral("NoSuchKey"), QString()}},
        {QStringLiteral("Slack post"),
         {200, QStringLiteral("slack"), QStringLiteral("invalid_auth"), QStringLiteral("slack")}},
        {QStringLiteral("Laravel sign-up"), {422, QStringLiteral("laravel"), QJsonValue(), QString()}},
        {QStringLiteral("Connect RPC"),
         {400, QStringLiteral("connect"), QStringLiteral("invalid_argument"), QStringLiteral("connect")}},
        {QStringLiteral("Cloudflare timeout"),
         {522, QStringLiteral("cloudflare-html"), QStringLiteral("522"), QString()}},
        {QStringLiteral("nginx bad gateway"), {502, QStringLiteral("nginx-html"), QJsonValue(), QString()}},
        {QStringLiteral("Plain-text crash"), {500, QStringLiteral("plain-text"), QJsonValue(), QString()}},
    };
    const auto requests = Demo::DemoServer::requests();
    QCOMPARE(requests.size(), expected.size()); // every demo request has a row here
    for (const auto &request : requests) {
        QVERIFY2(expected.contains(request.name), qPrintable(request.name));
        const auto &[status, format, code, vendor] = expected.value(request.name);
        QTest::newRow(qPrintable(request.name)) << request.name << status << format << code << vendor;
    }
}

void tst_DemoServer::everyRequest()
{
    QFETCH(QString, name);
    QFETCH(int, status);
    QFETCH(QString, format);
    QFETCH(QJsonValue, code);
    QFETCH(QString, vendor);
    Core::RequestSpec spec;
    for (const auto &request : m_server.requestsFor()) {
        if (request.name == name) {
            spec = request.spec;
        }
    }
    QVERIFY(spec.url.startsWith(QStringLiteral("http://127.0.0.1:")));
    const Core::Exchange exchange = run(spec);
    QVERIFY2(exchange.error == Core::TransportError::None, qPrintable(exchange.errorMessage));
    QCOMPARE(exchange.status, status);
    const Core::ErrorReport report =
        Core::analyzeError(exchange.status, exchange.headers, exchange.body.bytes());
    QCOMPARE(report.format, format);
    QCOMPARE(report.code, code);
    const Core::Explanation explanation = m_catalog.explain(report);
    QCOMPARE(explanation.vendor ? explanation.vendor->id : QString(), vendor);
    // Codes the catalog documents (GraphQL's example code and Extole's 429 code are the API's own).
    // Code 42 is documented by the demo collection's own catalog (see collectionOnDisk).
    if (!vendor.isEmpty() && !code.isNull() && vendor != QLatin1String("extole") &&
        vendor != QLatin1String("graphql") && code != QJsonValue(42)) {
        QVERIFY2(explanation.code, "the catalog explains the demo's code");
    }
}

void tst_DemoServer::unknownPathIsAProblem()
{
    Core::RequestSpec spec;
    spec.url = m_server.baseUrl().toString() + QStringLiteral("/nope");
    const Core::Exchange exchange = run(spec);
    QCOMPARE(exchange.status, 404);
    QCOMPARE(Core::analyzeError(exchange.status, exchange.headers, exchange.body.bytes()).format,
             QStringLiteral("problem-details"));
}

void tst_DemoServer::listensOnLoopbackOnly()
{
    QCOMPARE(m_server.baseUrl().host(), QStringLiteral("127.0.0.1"));
    Demo::DemoServer second;
    QCOMPARE(second.start(m_server.port()), quint16(0)); // the port is taken: a clear failure
}

void tst_DemoServer::collectionOnDisk()
{
    QTemporaryDir dir;
    QString error;
    QVERIFY2(m_server.writeCollection(dir.path(), &error), qPrintable(error));
    const Core::Collection collection = Core::Collection::scan(dir.path());
    QCOMPARE(collection.requestCount(), int(Demo::DemoServer::requests().size()));
    for (const Core::CollectionFile &file : collection.files()) {
        QVERIFY2(file.issues.isEmpty(),
                 qPrintable(file.path + QLatin1Char(':') + QString::number(file.issues.value(0).line) +
                            QLatin1Char(' ') + file.issues.value(0).message));
    }
    QStringList problems;
    const Core::Environments environments = Core::Environments::load(dir.path(), &problems);
    QVERIFY(problems.isEmpty());
    QCOMPARE(environments.publicVariables(QStringLiteral("demo")).value(QStringLiteral("baseUrl")),
             m_server.baseUrl().toString());
    QVERIFY(environments.isSecret(QStringLiteral("demo"), QStringLiteral("token")));
    QFile gitignore(dir.filePath(QStringLiteral(".gitignore")));
    QVERIFY(gitignore.open(QIODevice::ReadOnly));
    QVERIFY(gitignore.readAll().contains("http-client.private.env.json"));

    // The collection's own catalog documents code 42.
    Core::Catalog catalog;
    QVERIFY(catalog.loadBuiltin(&problems));
    QVERIFY2(catalog.loadCollection(dir.path(), &problems), qPrintable(problems.join(QLatin1Char('\n'))));
    const Core::ErrorReport report = Core::analyzeError(
        409, {{"Content-Type", "application/json"}}, R"({"error_code":42,"error_message":"Out of stock"})");
    const Core::Explanation explanation = catalog.explain(report);
    QVERIFY(explanation.code);
    QCOMPARE(explanation.code->name, QStringLiteral("NO STOCK"));
    // ... and what the shop's OpenAPI description (written beside it) says of each operation's
    // responses: exactly what importing that description makes, so the two never drift apart.
    const Core::Explanation documented =
        catalog.explain(report, {}, QStringLiteral("POST"),
                        m_server.baseUrl().resolved(QUrl(QStringLiteral("/numeric/orders"))));
    QVERIFY(documented.documented);
    QVERIFY(documented.documented->description.startsWith(
        QStringLiteral("The item is out of stock (error_code 42)")));
    QFile description(dir.filePath(QStringLiteral("numeric-shop.openapi.yaml")));
    QVERIFY(description.open(QIODevice::ReadOnly));
    const Core::ImportResult imported = Core::importOpenApi(description.readAll());
    QVERIFY2(imported.ok(), qPrintable(imported.error));
    QFile catalogFile(dir.filePath(Core::Catalog::collectionFileName()));
    QVERIFY(catalogFile.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(catalogFile.readAll()).object().value(QStringLiteral("operations")),
             imported.catalog.value(QStringLiteral("operations")));

    // Writing again (another port) keeps the user's edits and updates the environment.
    QFile edited(dir.filePath(QStringLiteral("basics.http")));
    QVERIFY(edited.open(QIODevice::WriteOnly));
    edited.write("### Mine\nGET {{baseUrl}}/users/1\n");
    edited.close();
    Demo::DemoServer other;
    QVERIFY(other.start() != 0);
    QVERIFY2(other.writeCollection(dir.path(), &error), qPrintable(error));
    QVERIFY(edited.open(QIODevice::ReadOnly));
    QCOMPARE(edited.readAll(), QByteArray("### Mine\nGET {{baseUrl}}/users/1\n"));
    QCOMPARE(Core::Environments::load(dir.path(), &problems)
                 .publicVariables(QStringLiteral("demo"))
                 .value(QStringLiteral("baseUrl")),
             other.baseUrl().toString());
}

QTEST_GUILESS_MAIN(tst_DemoServer)
#include "tst_demoserver.moc"
