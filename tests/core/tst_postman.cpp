#include "collections/collection.h"
#include "collections/variables.h"
#include "importhelpers.h"
#include "interop/importer.h"
#include "interop/postman.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace ApiLens::Core;

class tst_Postman : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void collection();
    void writesAFolderThatReadsBack();
    void environment();
    void exportReadsBack();
    void refusesBrokenFiles_data();
    void refusesBrokenFiles();
    void staleDigestAnswerIsDropped();
    void collectionWithoutInfo();

private:
    static QByteArray data(const char *name)
    {
        return ApiLens::Test::readFile(QStringLiteral(APILENS_TEST_DATA_DIR "/interop/") +
                                       QLatin1String(name));
    }
    static const ImportedRequest *find(const ImportResult &result, const QString &name)
    {
        return ApiLens::Test::findImported(result, name);
    }
};

void tst_Postman::collection()
{
    const QByteArray json = data("shop.postman_collection.json");
    QCOMPARE(detectFormat(json, QStringLiteral("shop.json")), QStringLiteral("Postman collection"));
    const ImportResult result = importPostman(json);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QStringList names;
    for (const ImportedRequest &request : result.requests) {
        names.append(request.file + QLatin1Char('#') + request.name);
    }
    QCOMPARE(names,
             (QStringList{QStringLiteral("Shop API.http#Health"), QStringLiteral("Orders.http#Create order"),
                          QStringLiteral("Orders.http#Get order"),
                          QStringLiteral("Orders/Admin.http#Import stock"),
                          QStringLiteral("Orders/Admin.http#Login form"),
                          QStringLiteral("Shop API.http#Search (GraphQL)"),
                          QStringLiteral("Shop API.http#Upload image")}));

    // Auth: noauth on the request; the folder's basic; inherit -> the folder's; nested folder's API key.
    QCOMPARE(find(result, QStringLiteral("Health"))->spec.auth.kind, AuthKind::None);
    const ImportedRequest *create = find(result, QStringLiteral("Create order"));
    QCOMPARE(create->spec.auth.kind, AuthKind::Basic);
    QCOMPARE(create->spec.auth.password, QStringLiteral("{{password}}"));
    QCOMPARE(find(result, QStringLiteral("Get order"))->spec.auth.kind, AuthKind::Basic);
    const ImportedRequest *stock = find(result, QStringLiteral("Import stock"));
    QCOMPARE(stock->spec.auth.kind, AuthKind::ApiKey);
    QCOMPARE(stock->spec.auth.keyName, QStringLiteral("X-Admin-Key"));
    QCOMPARE(find(result, QStringLiteral("Search (GraphQL)"))->spec.auth.kind,
             AuthKind::Bearer); // the collection's
    QCOMPARE(find(result, QStringLiteral("Search (GraphQL)"))->spec.auth.token, QStringLiteral("{{token}}"));

    // URL: disabled query parameters out, path variables filled in.
    QCOMPARE(create->spec.url, QStringLiteral("{{baseUrl}}/{{version}}/orders?notify=true"));
    QCOMPARE(find(result, QStringLiteral("Get order"))->spec.url,
             QStringLiteral("{{baseUrl}}/{{version}}/orders/17"));
    // Headers keep their enabled state; bodies of each mode.
    QCOMPARE(create->spec.headers.size(), 2);
    QVERIFY(!create->spec.headers[1].enabled);
    QCOMPARE(create->spec.body.kind, BodyKind::Raw);
    QCOMPARE(create->spec.body.contentType, QStringLiteral("application/json"));
    QVERIFY(create->spec.body.raw.contains("\"currency\": \"{{currency}}\""));
    QCOMPARE(stock->spec.body.kind, BodyKind::Multipart);
    QCOMPARE(stock->spec.body.parts.size(), 3);
    QCOMPARE(stock->spec.body.parts[1].filePath, QStringLiteral("stock.csv"));
    QVERIFY(!stock->spec.body.parts[2].enabled);
    const ImportedRequest *login = find(result, QStringLiteral("Login form"));
    // Encoded as newman encodes it; the disabled field is left out.
    QCOMPARE(login->spec.body.kind, BodyKind::Raw);
    QCOMPARE(login->spec.body.raw, QByteArray("user=ada&pw=a%20b"));
    QCOMPARE(login->spec.body.contentType, QStringLiteral("application/x-www-form-urlencoded"));
    QCOMPARE(login->spec.auth.kind, AuthKind::None);
    const ImportedRequest *graphql = find(result, QStringLiteral("Search (GraphQL)"));
    QVERIFY(graphql->spec.body.raw.contains("\"query\": \"query { items { id } }\""));
    QVERIFY(graphql->spec.body.raw.contains("\"first\": 2"));
    QCOMPARE(find(result, QStringLiteral("Upload image"))->spec.body.filePath, QStringLiteral("./cat.png"));

    // Scripts become handlers the engine runs as Postman's; descriptions are comments.
    QCOMPARE(create->responseScripts.size(), 1);
    QVERIFY(create->responseScripts[0].startsWith(QStringLiteral("// Postman test script\n")));
    QVERIFY(create->responseScripts[0].contains(QStringLiteral("pm.test('created'")));
    QVERIFY(create->comments.join(QLatin1Char('\n')).contains(QStringLiteral("Places an order.")));
    // The collection's pre-request script runs before the request's own, as in newman.
    QCOMPARE(create->preRequestScripts,
             (QStringList{
                 QStringLiteral("// Postman pre-request script (collection)\nconsole.log('every request')"),
                 QStringLiteral("// Postman pre-request script\npm.variables.set('stamp', Date.now());")}));
    // Collection variables go to $shared, where any environment can override them (as in
    // Postman); folder variables, which Postman and newman do not use, are only a comment.
    QVERIFY(find(result, QStringLiteral("Health"))->fileVariables.isEmpty());
    QCOMPARE(result.environments.size(), 1);
    QCOMPARE(result.environments[0].name, QStringLiteral("$shared"));
    QCOMPARE(result.environments[0].values,
             (QHash<QString, QString>{{QStringLiteral("baseUrl"), QStringLiteral("http://127.0.0.1:8080")},
                                      {QStringLiteral("version"), QStringLiteral("v2")}}));
    QVERIFY(create->comments.first().contains(QStringLiteral("currency = EUR")));
    // The saved example becomes a raw response.
    QCOMPARE(result.files.size(), 1);
    QCOMPARE(result.files[0].first, QStringLiteral("examples/Create order - Sold out.response"));
    QVERIFY(result.files[0].second.startsWith(
        "HTTP/1.1 409 Conflict\nContent-Type: application/json\n\n{\"error_code\": 42"));
    // What was not carried over is said.
    const QString warnings = result.warnings.join(QLatin1Char('\n'));
    QVERIFY2(!warnings.contains(QStringLiteral("script")), qPrintable(warnings)); // every script is carried
    QVERIFY(warnings.contains(QStringLiteral("\"hawk\" authentication is not carried over")));
    QVERIFY(warnings.contains(
        QStringLiteral("(\"Orders\"): folder variables are not used by Postman or newman")));
}

void tst_Postman::writesAFolderThatReadsBack()
{
    QTemporaryDir dir;
    const ImportResult result = importPostman(data("shop.postman_collection.json"));
    QStringList written;
    QString error;
    QVERIFY2(writeImport(dir.path(), result, &written, &error), qPrintable(error));
    const Collection collection = Collection::scan(dir.path());
    QCOMPARE(collection.requestCount(), 7);
    for (const CollectionFile &file : collection.files()) {
        QVERIFY2(file.issues.isEmpty(),
                 qPrintable(file.path + QLatin1Char(' ') + file.issues.value(0).message));
    }
    QString readError;
    QHash<QString, QString> variables;
    const auto create = Collection::loadRequest(
        {dir.filePath(QStringLiteral("Orders.http")), QStringLiteral("Create order"), 0}, &readError,
        &variables);
    QVERIFY2(create, qPrintable(readError));
    QVERIFY(!variables.contains(QStringLiteral("currency")));
    QCOMPARE(create->responseHandlers.size(), 1);
    QStringList problems;
    const Environments environments = Environments::load(dir.path(), &problems);
    QCOMPARE(environments.publicVariables(QString()).value(QStringLiteral("baseUrl")),
             QStringLiteral("http://127.0.0.1:8080"));
    const RequestSpec spec = create->toSpec();
    QCOMPARE(spec.auth.kind, AuthKind::Basic); // "Authorization: Basic shop {{password}}" reads back as Basic
    QCOMPARE(spec.auth.username, QStringLiteral("shop"));
    QVERIFY(QFile::exists(dir.filePath(QStringLiteral("examples/Create order - Sold out.response"))));
}

void tst_Postman::environment()
{
    QTemporaryDir dir;
    const QByteArray json = data("shop.postman_environment.json");
    QCOMPARE(detectFormat(json, QStringLiteral("env.json")), QStringLiteral("Postman collection"));
    const ImportResult result = importAny(json, QStringLiteral("env.json"), dir.path());
    QVERIFY(result.ok());
    QCOMPARE(result.environments.size(), 1);
    QStringList written;
    QString error;
    QVERIFY(writeImport(dir.path(), result, &written, &error));
    QStringList problems;
    const Environments environments = Environments::load(dir.path(), &problems);
    QCOMPARE(environments.names(), QStringList{QStringLiteral("Local")});
    QVERIFY(environments.isSecret(QStringLiteral("Local"), QStringLiteral("token")));
    QCOMPARE(environments.publicVariables(QStringLiteral("Local")).value(QStringLiteral("baseUrl")),
             QStringLiteral("http://127.0.0.1:8080"));
    QVERIFY(!environments.publicVariables(QStringLiteral("Local")).contains(QStringLiteral("off")));
    QFile gitignore(dir.filePath(QStringLiteral(".gitignore")));
    QVERIFY(gitignore.open(QIODevice::ReadOnly));
    QVERIFY(gitignore.readAll().contains("http-client.private.env.json"));
}

void tst_Postman::refusesBrokenFiles_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");
    QTest::newRow("truncated") << data("shop.postman_collection.json").left(500) << "not valid JSON at line ";
    QTest::newRow("v1")
        << QByteArray(
               R"({"info": {"name": "x", "schema": "https://schema.getpostman.com/json/collection/v1.0.0/collection.json"}, "item": []})")
        << "Postman collection schema https://schema.getpostman.com/json/collection/v1.0.0/collection.json "
           "is not one";
    QTest::newRow("not a collection")
        << QByteArray(R"({"info": {"name": "x"}})") << "not a Postman collection: no \"item\" list";
}

void tst_Postman::refusesBrokenFiles()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    const ImportResult result = importPostman(json);
    QVERIFY(!result.ok());
    QVERIFY2(result.error.startsWith(message), qPrintable(result.error));
}

void tst_Postman::staleDigestAnswerIsDropped()
{
    // A saved "Authorization: Digest ..." answered a challenge long gone; the auth block is
    // what counts, and the .http file keeps it as "Digest user password" (JetBrains, httpyac).
    const ImportResult result = importPostman(R"({"info": {"name": "d"}, "item": [{"name": "r", "request": {
        "method": "GET", "url": "http://127.0.0.1:9/x",
        "header": [{"key": "Authorization", "value": "Digest username=\"ada\", nonce=\"old\""}],
        "auth": {"type": "digest", "digest": [{"key": "username", "value": "ada"}, {"key": "password", "value": "pw"}]}}}]})");
    QVERIFY2(result.ok(), qPrintable(result.error));
    const RequestSpec &spec = result.requests.value(0).spec;
    QCOMPARE(spec.auth.kind, AuthKind::Digest);
    QVERIFY(!hasHeader(spec.headers, QStringLiteral("Authorization")));
    const HttpFileRequest written = forHttpFile(spec);
    QVERIFY(written.lost.isEmpty());
    QVERIFY(hasHeader(written.spec.headers, QStringLiteral("Authorization")));
    HttpDocument document;
    document.appendRequest(QStringLiteral("r"), written.spec);
    const RequestSpec back = document.blocks().value(0).toSpec();
    QCOMPARE(back.auth.kind, AuthKind::Digest);
    QCOMPARE(back.auth.username, QStringLiteral("ada"));
    QCOMPARE(back.auth.password, QStringLiteral("pw"));
}

void tst_Postman::collectionWithoutInfo()
{
    const QByteArray json =
        R"({"name": "Old", "item": [{"name": "r", "request": {"method": "GET", "url": "http://127.0.0.1:9/x"}}]})";
    QCOMPARE(detectFormat(json, QStringLiteral("old.json")), QStringLiteral("Postman collection"));
    const ImportResult result = importPostman(json);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.requests.value(0).file, QStringLiteral("Old.http"));
}

void tst_Postman::exportReadsBack()
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("api.http")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("@base = {{host}}/v1\n\n### Create\n# @no-redirect\nPOST {{base}}/items\nContent-Type: "
               "application/json\n"
               "X-Id: {{$uuid}}\n\n{\"a\": 1}\n\n?? status == 201\n\n### Me\nGET {{host}}/me\nAuthorization: "
               "Basic ada pw\n");
    file.close();
    QStringList lost;
    const QByteArray json =
        exportPostman(dir.path(), {{QStringLiteral("host"), QStringLiteral("http://127.0.0.1:9")}}, &lost);
    QCOMPARE(lost, QStringList{QStringLiteral("api.http:5: 1 assertion(s) (?? lines) are not carried over")});
    QVERIFY(json.contains("\"followRedirects\": false"));
    QVERIFY(json.contains("{{$guid}}")); // Postman's name for a UUID
    const ImportResult back = importPostman(json);
    QVERIFY2(back.ok(), qPrintable(back.error));
    QCOMPARE(back.requests.size(), 2);
    QCOMPARE(back.requests[0].file, QStringLiteral("api.http"));
    QCOMPARE(back.requests[0].spec.url, QStringLiteral("{{base}}/items")); // {{variables}} stay
    QCOMPARE(back.requests[0].spec.body.raw, QByteArray("{\"a\": 1}"));
    QCOMPARE(back.requests[1].spec.auth.kind, AuthKind::Basic);
    // The file's own variables and the environment's are collection variables: $shared once back.
    QCOMPARE(back.environments.value(0).values,
             (QHash<QString, QString>{{QStringLiteral("host"), QStringLiteral("http://127.0.0.1:9")},
                                      {QStringLiteral("base"), QStringLiteral("{{host}}/v1")}}));
}

QTEST_GUILESS_MAIN(tst_Postman)
#include "tst_postman.moc"
