#include "catalog/catalog.h"
#include "collections/collection.h"
#include "collections/httpdocument.h"
#include "collections/variables.h"
#include "importhelpers.h"
#include "interop/importer.h"
#include "interop/openapi.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace ApiLens::Core;

class tst_OpenApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void importsA30YamlDescription();
    void importsA31JsonDescription();
    void documentsEachOperationsResponses();
    void writesAFolderThatReadsBack();
    void addsToAnExistingCatalog();
    void boundsWhatItMakesFromHostileSchemas();
    void refusesBrokenFiles_data();
    void refusesBrokenFiles();

private:
    static QByteArray data(const char *name)
    {
        return ApiLens::Test::readFile(QStringLiteral(APILENS_TEST_DATA_DIR "/interop/openapi/") +
                                       QLatin1String(name));
    }
    static const ImportedRequest *find(const ImportResult &result, const QString &name)
    {
        return ApiLens::Test::findImported(result, name);
    }
    static QString header(const RequestSpec &spec, const QString &name)
    {
        for (const KeyValue &h : spec.headers) {
            if (h.name.compare(name, Qt::CaseInsensitive) == 0) {
                return h.value;
            }
        }
        return {};
    }
};

void tst_OpenApi::importsA30YamlDescription()
{
    const QByteArray yaml = data("shop.yaml");
    QVERIFY(!yaml.isEmpty());
    QCOMPARE(detectFormat(yaml, QStringLiteral("shop.yaml")), QStringLiteral("OpenAPI"));
    const ImportResult result = importOpenApi(yaml);
    QVERIFY2(result.ok(), qPrintable(result.error));

    // One file per tag, in the tag list's order; untagged operations in a file named after the API.
    QStringList names;
    for (const ImportedRequest &request : result.requests) {
        names.append(request.file + QLatin1Char('#') + request.name);
    }
    QCOMPARE(names,
             (QStringList{QStringLiteral("orders.http#Place an order"),
                          QStringLiteral("orders.http#Download the receipt"),
                          QStringLiteral("items.http#List items"), QStringLiteral("items.http#Add an item"),
                          QStringLiteral("items.http#Get an item"), QStringLiteral("items.http#deleteItem"),
                          QStringLiteral("Demo Shop.http#Upload a picture"),
                          QStringLiteral("Demo Shop.http#Subscribe")}));

    // Servers: baseUrl with the variables' defaults in $shared, an environment per server.
    QCOMPARE(result.environments.size(), 3);
    QCOMPARE(result.environments[0].name, Environments::sharedName());
    QCOMPARE(result.environments[0].values.value(QStringLiteral("baseUrl")),
             QStringLiteral("http://127.0.0.1:8080/v1"));
    QCOMPARE(result.environments[1].name, QStringLiteral("Local"));
    QCOMPARE(result.environments[2].name, QStringLiteral("Staging"));
    QCOMPARE(result.environments[2].values.value(QStringLiteral("baseUrl")),
             QStringLiteral("https://staging.shop.test/v1"));

    // Query parameters: required and given ones, arrays exploded or not, deepObject; the
    // optional ones without a value are listed; no auth where security is [].
    const ImportedRequest *list = find(result, QStringLiteral("List items"));
    QVERIFY(list);
    QCOMPARE(list->spec.method, QStringLiteral("GET"));
    QCOMPARE(list->spec.url, QStringLiteral("{{baseUrl}}/items?limit=20&tag=red&tag=blue&fields=id,name&"
                                            "filter%5Bcolour%5D=red&filter%5Bsize%5D=2"));
    QCOMPARE(header(list->spec, QStringLiteral("Accept")), QStringLiteral("application/json"));
    QCOMPARE(list->spec.auth.kind, AuthKind::None);
    QCOMPARE(list->comments,
             (QStringList{QStringLiteral("operationId: listItems"), QStringLiteral("Every item in the shop."),
                          QString(), QStringLiteral("Sold-out items are included."),
                          QStringLiteral("Optional parameters: cursor (query, string): Where the "
                                         "previous page ended.")}));

    // A body made from the schema: readOnly left out, a $ref cycle stopped; API key in a header.
    const ImportedRequest *add = find(result, QStringLiteral("Add an item"));
    QVERIFY(add);
    QCOMPARE(add->spec.body.kind, BodyKind::Raw);
    QCOMPARE(add->spec.body.contentType, QStringLiteral("application/json"));
    QCOMPARE(QJsonDocument::fromJson(add->spec.body.raw).object(),
             (QJsonObject{{QStringLiteral("added"), QStringLiteral("2024-01-01T00:00:00Z")},
                          {QStringLiteral("name"), QStringLiteral("Teapot")},
                          {QStringLiteral("price"), 12.5},
                          {QStringLiteral("tags"), QJsonArray{QStringLiteral("string")}}}));
    QCOMPARE(add->spec.auth.kind, AuthKind::ApiKey);
    QCOMPARE(add->spec.auth.keyName, QStringLiteral("X-API-Key"));
    QCOMPARE(add->spec.auth.keyValue, QStringLiteral("{{apiKey}}"));
    QVERIFY(add->comments.contains(QStringLiteral("The body may also be: application/xml")));

    // Path parameters from the path item, header and cookie parameters, the document's bearer auth.
    const ImportedRequest *get = find(result, QStringLiteral("Get an item"));
    QVERIFY(get);
    QCOMPARE(get->spec.url, QStringLiteral("{{baseUrl}}/items/{{itemId}}"));
    QCOMPARE(get->fileVariables, QStringList());
    QCOMPARE(header(get->spec, QStringLiteral("X-Request-ID")), QStringLiteral("{{X-Request-ID}}"));
    QCOMPARE(header(get->spec, QStringLiteral("Cookie")), QStringLiteral("session={{session}}"));
    QCOMPARE(get->spec.auth.kind, AuthKind::Bearer);
    QCOMPARE(get->spec.auth.token, QStringLiteral("{{bearerAuth}}"));
    // The file's variables (examples of path parameters) come before its first request.
    QCOMPARE(find(result, QStringLiteral("List items"))->fileVariables,
             QStringList{QStringLiteral("@itemId = 42")});

    const ImportedRequest *remove = find(result, QStringLiteral("deleteItem"));
    QVERIFY(remove);
    QCOMPARE(remove->spec.method, QStringLiteral("DELETE"));
    QCOMPARE(remove->spec.auth.kind, AuthKind::Basic);
    QCOMPARE(remove->spec.auth.username, QStringLiteral("{{basicAuth_username}}"));
    QVERIFY(remove->comments.contains(QStringLiteral("Deprecated.")));

    // A request body by $ref with a named example; OAuth 2 as a bearer token with how to get one.
    const ImportedRequest *order = find(result, QStringLiteral("Place an order"));
    QVERIFY(order);
    QCOMPARE(QJsonDocument::fromJson(order->spec.body.raw).object().value(QStringLiteral("note")).toString(),
             QStringLiteral("ring twice"));
    const ImportedRequest *receipt = find(result, QStringLiteral("Download the receipt"));
    QVERIFY(receipt);
    QCOMPARE(receipt->spec.url, QStringLiteral("{{baseUrl}}/orders/{{orderId}}/receipt"));
    QCOMPARE(receipt->spec.auth.token, QStringLiteral("{{oauth}}"));
    QCOMPARE(header(receipt->spec, QStringLiteral("Accept")), QStringLiteral("application/pdf"));
    QVERIFY2(receipt->comments.join(QLatin1Char('\n'))
                 .contains(QStringLiteral("token from https://auth.shop.test/token")),
             qPrintable(receipt->comments.join(QLatin1Char('\n'))));

    // Two schemes at once (a cookie and a query key); multipart with a file part to choose.
    const ImportedRequest *upload = find(result, QStringLiteral("Upload a picture"));
    QVERIFY(upload);
    QCOMPARE(header(upload->spec, QStringLiteral("Cookie")), QStringLiteral("shop_key={{cookieKey}}"));
    QCOMPARE(upload->spec.auth.kind, AuthKind::ApiKey);
    QCOMPARE(upload->spec.auth.keyLocation, ApiKeyLocation::Query);
    QCOMPARE(upload->spec.body.kind, BodyKind::Multipart);
    QCOMPARE(upload->spec.body.parts.size(), 2);
    QCOMPARE(upload->spec.body.parts[1].name, QStringLiteral("title"));
    QCOMPARE(upload->spec.body.parts[1].value, QStringLiteral("Holiday"));
    QVERIFY(upload->comments.contains(
        QStringLiteral("The part \"picture\" is a file: choose it in the editor.")));
    // A .http file keeps the query key as a variable, not percent-encoded.
    QCOMPARE(forHttpFile(upload->spec).spec.url, QStringLiteral("{{baseUrl}}/uploads?key={{queryKey}}"));

    const ImportedRequest *subscribe = find(result, QStringLiteral("Subscribe"));
    QVERIFY(subscribe);
    QCOMPARE(subscribe->spec.body.kind, BodyKind::UrlEncoded);
    QCOMPARE(subscribe->spec.body.form,
             (QList<KeyValue>{{QStringLiteral("email"), QStringLiteral("user@example.com"), true},
                              {QStringLiteral("weekly"), QStringLiteral("false"), true}}));

    // What the user must do is said: the secrets to set, the OAuth flow not run.
    const QString warnings = result.warnings.join(QLatin1Char('\n'));
    QVERIFY2(warnings.contains(QStringLiteral("set {{apiKey}}, {{bearerAuth}}")), qPrintable(warnings));
    QVERIFY2(warnings.contains(QStringLiteral("the oauth2 scheme \"oauth\" is sent as a bearer token")),
             qPrintable(warnings));
}

void tst_OpenApi::importsA31JsonDescription()
{
    const QByteArray json = data("notes31.json");
    QCOMPARE(detectFormat(json, QStringLiteral("notes.json")), QStringLiteral("OpenAPI"));
    const ImportResult result = importOpenApi(json);
    QVERIFY2(result.ok(), qPrintable(result.error));
    // The paths in the order written, not sorted; untagged: the API's title.
    QStringList names;
    for (const ImportedRequest &request : result.requests) {
        names.append(request.file + QLatin1Char('#') + request.name);
    }
    QCOMPARE(names, (QStringList{QStringLiteral("Notes.http#zebraFirst"),
                                 QStringLiteral("Notes.http#Replace a note"),
                                 QStringLiteral("Notes.http#Attach a file"),
                                 QStringLiteral("Notes.http#Create a note")}));
    // A relative server: baseUrl on localhost, said.
    QCOMPARE(result.environments.size(), 1);
    QCOMPARE(result.environments[0].values.value(QStringLiteral("baseUrl")),
             QStringLiteral("http://localhost/api"));

    const RequestSpec &zebra = result.requests[0].spec;
    QCOMPARE(zebra.url, QStringLiteral("{{baseUrl}}/zebra?mode=quick%20look")); // a named example
    QCOMPARE(header(zebra, QStringLiteral("X-Trace")), QStringLiteral("on"));   // const
    QCOMPARE(result.requests[0].fileVariables,
             QStringList{QStringLiteral("@id = n-1")}); // 3.1 schema examples

    // A path item's own server; text body; OpenID Connect.
    const RequestSpec &replace = result.requests[1].spec;
    QCOMPARE(replace.method, QStringLiteral("PUT"));
    QCOMPARE(replace.url, QStringLiteral("http://127.0.0.1:9/elsewhere/notes/{{id}}"));
    QCOMPARE(replace.body.contentType, QStringLiteral("text/plain"));
    QCOMPARE(replace.body.raw, QByteArray("Buy milk\nand eggs"));
    QCOMPARE(replace.auth.kind, AuthKind::Bearer);
    QCOMPARE(replace.auth.token, QStringLiteral("{{oidc}}"));

    const RequestSpec &attach = result.requests[2].spec;
    QCOMPARE(attach.auth.kind, AuthKind::Digest);
    // Kept in the .http file as the JetBrains client writes it.
    QCOMPARE(forHttpFile(attach).lost, QStringList());
    QCOMPARE(attach.body.contentType, QStringLiteral("application/octet-stream"));

    // Type lists with null, enum, 3.1 schema examples; a property in another file is left out.
    const RequestSpec &create = result.requests[3].spec;
    QCOMPARE(create.body.contentType, QStringLiteral("application/vnd.notes+json"));
    QCOMPARE(QJsonDocument::fromJson(create.body.raw).object(),
             (QJsonObject{{QStringLiteral("colour"), QStringLiteral("yellow")},
                          {QStringLiteral("pinned"), true},
                          {QStringLiteral("title"), QStringLiteral("Groceries")}}));

    const QString warnings = result.warnings.join(QLatin1Char('\n'));
    for (const char *expected : {"the server URL \"/api\" is relative",
                                 "people.yaml#/components/schemas/Person", "webhooks (noteChanged"}) {
        QVERIFY2(warnings.contains(QLatin1String(expected)), qPrintable(warnings));
    }
    QVERIFY2(!warnings.contains(QLatin1String("Digest")), qPrintable(warnings));
}

void tst_OpenApi::documentsEachOperationsResponses()
{
    const ImportResult result = importOpenApi(data("shop.yaml"));
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.catalog.value(QStringLiteral("kind")).toString(), QStringLiteral("api"));
    QCOMPARE(result.catalog.value(QStringLiteral("name")).toString(), QStringLiteral("Demo Shop"));
    QCOMPARE(result.catalog.value(QStringLiteral("docs")).toString(),
             QStringLiteral("https://docs.shop.test/api"));
    const QJsonArray operations = result.catalog.value(QStringLiteral("operations")).toArray();
    QCOMPARE(operations.size(), 8);
    QJsonObject place;
    for (const QJsonValue &operation : operations) {
        if (operation[QStringLiteral("id")].toString() == QLatin1String("placeOrder")) {
            place = operation.toObject();
        }
    }
    QCOMPARE(place.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
    QCOMPARE(place.value(QStringLiteral("path")).toString(), QStringLiteral("/orders"));
    const QJsonArray responses = place.value(QStringLiteral("responses")).toArray();
    QCOMPARE(responses.size(), 3);
    QCOMPARE(responses[1].toObject(),
             (QJsonObject{
                 {QStringLiteral("status"), QStringLiteral("409")},
                 {QStringLiteral("description"),
                  QStringLiteral("The order repeats one placed in the last minute (same idempotency key).")},
                 {QStringLiteral("content_types"), QJsonArray{QStringLiteral("application/problem+json")}},
                 {QStringLiteral("headers"), QJsonArray{QStringLiteral("Retry-After")}},
                 {QStringLiteral("schema"), QStringLiteral("Problem")}}));
    // A $ref'd response: its description.
    QCOMPARE(responses[2][QStringLiteral("description")].toString(), QStringLiteral("A problem (RFC 9457)."));

    // 3.1: a description beside a $ref overrides the target's; classes such as 5XX are kept.
    const ImportResult notes = importOpenApi(data("notes31.json"));
    const QJsonArray noteOperations = notes.catalog.value(QStringLiteral("operations")).toArray();
    QCOMPARE(noteOperations[1][QStringLiteral("responses")][0][QStringLiteral("description")].toString(),
             QStringLiteral("Saved; the body is the new note."));
    QCOMPARE(noteOperations[3][QStringLiteral("responses")][1][QStringLiteral("status")].toString(),
             QStringLiteral("5XX"));
}

void tst_OpenApi::writesAFolderThatReadsBack()
{
    QTemporaryDir dir;
    const ImportResult result = importOpenApi(data("shop.yaml"));
    QStringList written;
    QString error;
    QVERIFY2(writeImport(dir.path(), result, &written, &error), qPrintable(error));
    QVERIFY(written.contains(dir.filePath(Catalog::collectionFileName())));

    // The folder is a collection of the same requests, with the environments.
    const Collection collection = Collection::scan(dir.path());
    QCOMPARE(collection.requestCount(), 8);
    for (const CollectionFile &file : collection.files()) {
        QVERIFY2(file.issues.isEmpty(),
                 qPrintable(file.path + QStringLiteral(": ") + file.issues.value(0).message));
    }
    QStringList problems;
    const Environments environments = Environments::load(dir.path(), &problems);
    QVERIFY(problems.isEmpty());
    QCOMPARE(environments.names(), (QStringList{QStringLiteral("Local"), QStringLiteral("Staging")}));
    QCOMPARE(environments.publicVariables(QString()).value(QStringLiteral("baseUrl")),
             QStringLiteral("http://127.0.0.1:8080/v1"));

    // The request read back from its file is the one imported.
    RequestLocation location{dir.filePath(QStringLiteral("items.http")), QStringLiteral("List items"), 0};
    QHash<QString, QString> variables;
    const std::optional<HttpRequestBlock> list = Collection::loadRequest(location, &error, &variables);
    QVERIFY2(list, qPrintable(error));
    QCOMPARE(list->url, find(result, QStringLiteral("List items"))->spec.url);
    QCOMPARE(variables.value(QStringLiteral("itemId")), QStringLiteral("42"));

    // Its catalog loads and finds the operation of a request, whatever the server's base path.
    Catalog catalog;
    QVERIFY(catalog.loadBuiltin(&problems));
    QVERIFY2(catalog.loadCollection(dir.path(), &problems), qPrintable(problems.join(QLatin1Char('\n'))));
    const ApiOperation *operation =
        catalog.operation(QStringLiteral("POST"), QUrl(QStringLiteral("http://127.0.0.1:8080/v1/orders")));
    QVERIFY(operation);
    QCOMPARE(operation->id, QStringLiteral("placeOrder"));
    QCOMPARE(operation->api, QStringLiteral("Demo Shop"));
    QCOMPARE(operation->response(409)->headers, QStringList{QStringLiteral("Retry-After")});
}

void tst_OpenApi::addsToAnExistingCatalog()
{
    QTemporaryDir dir;
    // The collection documents its own codes already.
    const QByteArray vendor = R"({"version": 1, "kind": "vendor", "id": "shop", "name": "Shop codes",
        "codes": [{"code": 42, "meaning": "No stock."}]})";
    QFile file(dir.filePath(Catalog::collectionFileName()));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(vendor);
    file.close();
    const ImportResult result = importOpenApi(data("shop.yaml"));
    QStringList written;
    QString error;
    QVERIFY2(writeImport(dir.path(), result, &written, &error), qPrintable(error));
    // Importing again replaces the operations instead of adding them twice.
    QVERIFY2(writeImport(dir.path(), result, &written, &error), qPrintable(error));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject merged = QJsonDocument::fromJson(file.readAll()).object();
    file.close();
    QCOMPARE(merged.value(QStringLiteral("kind")).toString(), QStringLiteral("vendor"));
    QCOMPARE(merged.value(QStringLiteral("codes")).toArray().size(), 1);
    QCOMPARE(merged.value(QStringLiteral("operations")).toArray().size(), 8);
    Catalog catalog;
    QStringList problems;
    QVERIFY2(catalog.loadCollection(dir.path(), &problems), qPrintable(problems.join(QLatin1Char('\n'))));
    QVERIFY(catalog.vendor(QStringLiteral("shop")));
    QCOMPARE(catalog.operations().size(), 8);

    // A catalog that is not JSON is not overwritten, and nothing else is written either.
    QTemporaryDir broken;
    QFile bad(broken.filePath(Catalog::collectionFileName()));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("{\"version\": 1,\n  oops");
    bad.close();
    written.clear();
    QVERIFY(!writeImport(broken.path(), result, &written, &error));
    QVERIFY2(error.contains(QStringLiteral("not valid JSON at line 2")), qPrintable(error));
    QVERIFY(written.isEmpty());
    QCOMPARE(QDir(broken.path()).entryList(QDir::Files), QStringList{Catalog::collectionFileName()});
}

void tst_OpenApi::boundsWhatItMakesFromHostileSchemas()
{
    // Twelve schemas, each with ten properties that all use the next one: 10^12 values if
    // expanded. And $refs that go round in circles (a parameter, a response, a schema).
    QJsonObject schemas;
    for (int level = 0; level < 12; ++level) {
        QJsonObject properties;
        for (int p = 0; p < 10; ++p) {
            properties.insert(QStringLiteral("p%1").arg(p),
                              level == 11
                                  ? QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}
                                  : QJsonObject{{QStringLiteral("$ref"),
                                                 QStringLiteral("#/components/schemas/S%1").arg(level + 1)}});
        }
        schemas.insert(QStringLiteral("S%1").arg(level),
                       QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                                   {QStringLiteral("properties"), properties}});
    }
    schemas.insert(QStringLiteral("Loop"),
                   QJsonObject{{QStringLiteral("$ref"), QStringLiteral("#/components/schemas/Loop")}});
    const auto refTo = [](const char *to) {
        return QJsonObject{{QStringLiteral("$ref"), QLatin1String(to)}};
    };
    const QJsonObject document{
        {QStringLiteral("openapi"), QStringLiteral("3.0.3")},
        {QStringLiteral("info"), QJsonObject{{QStringLiteral("title"), QStringLiteral("Hostile")}}},
        {QStringLiteral("paths"),
         QJsonObject{
             {QStringLiteral("/a"),
              QJsonObject{
                  {QStringLiteral("post"),
                   QJsonObject{
                       {QStringLiteral("parameters"), QJsonArray{refTo("#/components/parameters/P")}},
                       {QStringLiteral("requestBody"),
                        QJsonObject{{QStringLiteral("content"),
                                     QJsonObject{{QStringLiteral("application/json"),
                                                  QJsonObject{{QStringLiteral("schema"),
                                                               refTo("#/components/schemas/S0")}}}}}}},
                       {QStringLiteral("responses"),
                        QJsonObject{{QStringLiteral("200"), refTo("#/components/responses/R")},
                                    {QStringLiteral("400"), refTo("#/components/schemas/Loop")}}}}}}}}},
        {QStringLiteral("components"),
         QJsonObject{{QStringLiteral("schemas"), schemas},
                     {QStringLiteral("parameters"),
                      QJsonObject{{QStringLiteral("P"), refTo("#/components/parameters/Q")},
                                  {QStringLiteral("Q"), refTo("#/components/parameters/P")}}},
                     {QStringLiteral("responses"),
                      QJsonObject{{QStringLiteral("R"), refTo("#/components/responses/R")}}}}}};
    const ImportResult result = importOpenApi(QJsonDocument(document).toJson());
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.requests.size(), 1);
    const QByteArray body = result.requests[0].spec.body.raw;
    QVERIFY(body.startsWith('{'));
    QVERIFY2(body.count(':') <= 5000, qPrintable(QString::number(body.count(':'))));
}

void tst_OpenApi::refusesBrokenFiles_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message");

    QByteArray truncated = data("shop.yaml");
    truncated.truncate(truncated.indexOf("components:") + 40);
    truncated += "\n  bad: [unclosed";
    QTest::newRow("truncated YAML") << truncated << QStringLiteral("not valid YAML at line ");
    QTest::newRow("truncated JSON") << data("notes31.json").left(300)
                                    << QStringLiteral("not valid JSON at line ");
    QTest::newRow("Swagger 2.0") << QByteArray("swagger: \"2.0\"\ninfo: {title: Old}\npaths: {}\n")
                                 << QStringLiteral(
                                        "this is a Swagger 2.0 description; this version reads OpenAPI 3.0 "
                                        "and 3.1");
    QTest::newRow("a later version") << QByteArray("{\"openapi\": \"4.0.0\", \"paths\": {}}")
                                     << QStringLiteral("OpenAPI 4.0.0 is not a version this one reads");
    QTest::newRow("no version") << QByteArray("info: {title: x}\npaths: {}\n")
                                << QStringLiteral("no \"openapi\" version at the top");
    QTest::newRow("paths not a mapping")
        << QByteArray("openapi: 3.0.0\npaths: [a, b]\n") << QStringLiteral("\"paths\" must be a mapping");
    QTest::newRow("not a mapping") << QByteArray("- openapi\n- 3.0.0\n")
                                   << QStringLiteral("the document is not a mapping");
}

void tst_OpenApi::refusesBrokenFiles()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    const ImportResult result = importOpenApi(bytes);
    QVERIFY(!result.ok());
    QVERIFY2(result.error.contains(message), qPrintable(result.error));
    QVERIFY(result.requests.isEmpty());
}

QTEST_GUILESS_MAIN(tst_OpenApi)
#include "tst_openapi.moc"
