#include "collections/collection.h"
#include "collections/variables.h"
#include "interop/importer.h"
#include "interop/insomnia.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace ApiLens::Core;

class tst_Insomnia : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void importsAWorkspace();
    void writesAFolderThatReadsBack();
    void refusesBrokenFiles_data();
    void refusesBrokenFiles();
    void loopingParentsEnd_data();
    void loopingParentsEnd();

private:
    static QByteArray data()
    {
        QFile file(QStringLiteral(APILENS_TEST_DATA_DIR "/interop/shop.insomnia.json"));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
};

void tst_Insomnia::importsAWorkspace()
{
    const QByteArray json = data();
    QCOMPARE(detectFormat(json, QStringLiteral("export.json")), QStringLiteral("Insomnia export"));
    const ImportResult result = importInsomnia(json);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QStringList names;
    for (const ImportedRequest &request : result.requests) {
        names.append(request.file + QLatin1Char('#') + request.name);
    }
    QCOMPARE(names, (QStringList{
                        QStringLiteral("Shop.http#Health"), QStringLiteral("Orders.http#Create order"),
                        QStringLiteral("Orders/Admin.http#Login"), QStringLiteral("Orders/Admin.http#Upload"),
                        QStringLiteral("Orders.http#Chained")}));
    const RequestSpec &health = result.requests[0].spec;
    QCOMPARE(health.method, QStringLiteral("GET"));
    QCOMPARE(health.url, QStringLiteral("{{baseUrl}}/health"));
    const RequestSpec &create = result.requests[1].spec;
    QCOMPARE(create.url, QStringLiteral("{{baseUrl}}/{{api.version}}/orders?notify=true"));
    QCOMPARE(create.headers.size(), 2);
    QVERIFY(!create.headers[1].enabled);
    QCOMPARE(create.body.raw, QByteArray("{\"item\": \"lens cap\", \"by\": \"{{user}}\"}"));
    QCOMPARE(create.body.contentType, QStringLiteral("application/json"));
    QCOMPARE(create.auth.kind, AuthKind::Bearer);
    QCOMPARE(create.auth.token, QStringLiteral("{{token}}"));
    QCOMPARE(result.requests[1].comments, QStringList{QStringLiteral("Places an order.")});
    const RequestSpec &login = result.requests[2].spec;
    QCOMPARE(login.body.kind, BodyKind::UrlEncoded);
    QCOMPARE(login.body.form[0].value, QStringLiteral("{{user}}"));
    QCOMPARE(login.auth.kind, AuthKind::Basic);
    const RequestSpec &upload = result.requests[3].spec;
    QCOMPARE(upload.body.kind, BodyKind::Multipart);
    QCOMPARE(upload.body.parts[1].filePath, QStringLiteral("/tmp/stock.csv"));
    // Environments: the base one is shared, a private one goes to the private file.
    QCOMPARE(result.environments.size(), 3);
    QCOMPARE(result.environments[0].name, QStringLiteral("$shared"));
    QCOMPARE(result.environments[0].values.value(QStringLiteral("api.version")), QStringLiteral("v2"));
    QCOMPARE(result.environments[2].secrets.value(QStringLiteral("token")), QStringLiteral("s3cret"));
    const QString warnings = result.warnings.join(QLatin1Char('\n'));
    QVERIFY2(warnings.contains(QStringLiteral("(\"Upload\"): \"oauth2\" authentication is not carried over")),
             qPrintable(warnings));
    QVERIFY(warnings.contains(QStringLiteral("(\"Chained\"): an Insomnia template tag")));
}

void tst_Insomnia::writesAFolderThatReadsBack()
{
    QTemporaryDir dir;
    QStringList written;
    QString error;
    QVERIFY2(writeImport(dir.path(), importInsomnia(data()), &written, &error), qPrintable(error));
    const Collection collection = Collection::scan(dir.path());
    QCOMPARE(collection.requestCount(), 5);
    QStringList problems;
    const Environments environments = Environments::load(dir.path(), &problems);
    QCOMPARE(environments.names(), (QStringList{QStringLiteral("Dev"), QStringLiteral("Dev secrets")}));
    // $shared values reach every environment, so {{baseUrl}} resolves in "Dev".
    QCOMPARE(environments.publicVariables(QStringLiteral("Dev")).value(QStringLiteral("baseUrl")),
             QStringLiteral("http://127.0.0.1:8080"));
    QVERIFY(environments.isSecret(QStringLiteral("Dev secrets"), QStringLiteral("token")));
}

void tst_Insomnia::refusesBrokenFiles_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");
    QTest::newRow("truncated") << data().left(400) << "not valid JSON at line ";
    QTest::newRow("format 3") << QByteArray(R"({"_type": "export", "__export_format": 3, "resources": []})")
                              << "Insomnia export format 3 is not one this version reads (4)";
    QTest::newRow("no resources") << QByteArray(R"({"_type": "export", "__export_format": 4})")
                                  << "not an Insomnia export: no \"resources\" list";
}

void tst_Insomnia::refusesBrokenFiles()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    const ImportResult result = importInsomnia(json);
    QVERIFY(!result.ok());
    QVERIFY2(result.error.startsWith(message), qPrintable(result.error));
}

void tst_Insomnia::loopingParentsEnd_data()
{
    // Found by fuzzing: these hung the import, its memory growing without end.
    QTest::addColumn<QByteArray>("resources");
    QTest::addColumn<QString>("folder");
    QTest::addColumn<bool>("warned");
    QTest::newRow("a group that is its own parent")
        << QByteArray(
               R"({"_id":"g","_type":"request_group","parentId":"g","name":"G"},)"
               R"({"_id":"r","_type":"request","parentId":"g","name":"R","method":"GET","url":"http://127.0.0.1/"})")
        << QStringLiteral("G.http") << true;
    QTest::newRow("two groups, each the other's parent")
        << QByteArray(
               R"({"_id":"a","_type":"request_group","parentId":"b","name":"A"},)"
               R"({"_id":"b","_type":"request_group","parentId":"a","name":"B"},)"
               R"({"_id":"r","_type":"request","parentId":"a","name":"R","method":"GET","url":"http://127.0.0.1/"})")
        << QStringLiteral("B/A.http") << true;
    QTest::newRow("no _id, no parentId")
        << QByteArray(R"({"_type":"request_group","name":"Nameless"},)"
                      R"({"_type":"request","name":"R","method":"GET","url":"http://127.0.0.1/"})")
        << QStringLiteral("requests.http") << false;
}

void tst_Insomnia::loopingParentsEnd()
{
    QFETCH(QByteArray, resources);
    QFETCH(QString, folder);
    QFETCH(bool, warned);
    const ImportResult result =
        importInsomnia(R"({"_type":"export","__export_format":4,"resources":[)" + resources + "]}");
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.requests.size(), 1);
    QCOMPARE(result.requests[0].name, QStringLiteral("R"));
    QCOMPARE(result.requests[0].file, folder);
    QCOMPARE(result.warnings.join(QLatin1Char('\n')).contains(QStringLiteral("their own parents")), warned);
}

QTEST_GUILESS_MAIN(tst_Insomnia)
#include "tst_insomnia.moc"
