// What an import may write into a .http file: each request reads back as the one it was, and a
// request a .http file cannot hold (found by fuzzing the importers, or injected by a hostile
// file) is left out with a warning naming it — through every importer and writeImport.

#include "collections/httpdocument.h"
#include "interop/har.h"
#include "interop/importer.h"
#include "interop/importresult.h"
#include "interop/insomnia.h"
#include "interop/postman.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace ApiLens::Core;

namespace {

QJsonObject harHeader(const QString &name, const QString &value)
{
    return QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("value"), value}};
}

// A HAR file with one entry.
QByteArray har(const QString &method, const QString &url, const QJsonArray &headers, const QString &body)
{
    QJsonObject request{{QStringLiteral("method"), method},
                        {QStringLiteral("url"), url},
                        {QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1")},
                        {QStringLiteral("headers"), headers}};
    if (!body.isNull()) {
        request.insert(QStringLiteral("postData"),
                       QJsonObject{{QStringLiteral("mimeType"), QStringLiteral("text/plain")},
                                   {QStringLiteral("text"), body}});
    }
    const QJsonObject entry{{QStringLiteral("request"), request}};
    const QJsonObject log{{QStringLiteral("version"), QStringLiteral("1.2")},
                          {QStringLiteral("entries"), QJsonArray{entry}}};
    return QJsonDocument(QJsonObject{{QStringLiteral("log"), log}}).toJson();
}

QByteArray insomnia(const QString &method, const QString &url)
{
    const QJsonObject request{{QStringLiteral("_id"), QStringLiteral("req_1")},
                              {QStringLiteral("_type"), QStringLiteral("request")},
                              {QStringLiteral("parentId"), QStringLiteral("wrk_1")},
                              {QStringLiteral("name"), QStringLiteral("R")},
                              {QStringLiteral("method"), method},
                              {QStringLiteral("url"), url}};
    const QJsonObject workspace{{QStringLiteral("_id"), QStringLiteral("wrk_1")},
                                {QStringLiteral("_type"), QStringLiteral("workspace")},
                                {QStringLiteral("name"), QStringLiteral("W")}};
    return QJsonDocument(QJsonObject{{QStringLiteral("_type"), QStringLiteral("export")},
                                     {QStringLiteral("__export_format"), 4},
                                     {QStringLiteral("resources"), QJsonArray{workspace, request}}})
        .toJson();
}

QByteArray postman(const QString &method, const QJsonArray &headers)
{
    const QJsonObject request{{QStringLiteral("method"), method},
                              {QStringLiteral("url"), QStringLiteral("http://127.0.0.1/p")},
                              {QStringLiteral("header"), headers}};
    const QJsonObject item{{QStringLiteral("name"), QStringLiteral("P")},
                           {QStringLiteral("request"), request}};
    const QJsonObject info{
        {QStringLiteral("name"), QStringLiteral("C")},
        {QStringLiteral("schema"),
         QStringLiteral("https://schema.getpostman.com/json/collection/v2.1.0/collection.json")}};
    return QJsonDocument(
               QJsonObject{{QStringLiteral("info"), info}, {QStringLiteral("item"), QJsonArray{item}}})
        .toJson();
}

} // namespace

class tst_ImportResult : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void unwritableRequests_data();
    void unwritableRequests();
};

void tst_ImportResult::unwritableRequests_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("warning"); // empty: imported, and written as it was
    const QString url = QStringLiteral("http://127.0.0.1:8080/orders");
    const QString none; // no body

    QTest::newRow("har: a plain request")
        << "HAR" << har(QStringLiteral("POST"), url, {}, QStringLiteral("{}")) << QString();
    QTest::newRow("har: a custom method")
        << "HAR" << har(QStringLiteral("M-SEARCH"), url, {}, none) << QString();
    // Found by fuzz_har: "###POST" is an RFC 9110 token, but a .http file reads it as a separator.
    QTest::newRow("har: method ###POST")
        << "HAR" << har(QStringLiteral("###POST"), url, {}, none) << "its method '###POST' is not one";
    QTest::newRow("har: method with a space")
        << "HAR" << har(QStringLiteral("GET X"), url, {}, none) << "its method 'GET X' is not one";
    QTest::newRow("har: a line break in the URL")
        << "HAR"
        << har(QStringLiteral("GET"), url + QStringLiteral("\n### x\nDELETE http://127.0.0.1/all"), {}, none)
        << "its method or URL holds a line break";
    QTest::newRow("har: header value injects a header")
        << "HAR"
        << har(QStringLiteral("GET"), url,
               {harHeader(QStringLiteral("X-A"), QStringLiteral("1\r\nCookie: stolen"))}, none)
        << "header 'X-A' holds a line break or NUL";
    QTest::newRow("har: NUL in a header name")
        << "HAR"
        << har(QStringLiteral("GET"), url,
               {harHeader(QStringView(u"X\0B", 3).toString(), QStringLiteral("1"))}, none)
        << "holds a line break or NUL";
    QTest::newRow("har: a body line that starts a request")
        << "HAR"
        << har(QStringLiteral("POST"), url, {}, QStringLiteral("line one\nGET http://127.0.0.1/other\n"))
        << "its body or a script has a line";
    // Found by fuzz_insomnia: a request whose method is "###".
    QTest::newRow("insomnia: method ###") << "Insomnia" << insomnia(QStringLiteral("###"), url)
                                          << "'R' not imported: its method '###' is not one";
    QTest::newRow("insomnia: a plain request")
        << "Insomnia" << insomnia(QStringLiteral("get"), url) << QString();
    QTest::newRow("postman: header name with a line break")
        << "Postman"
        << postman(QStringLiteral("GET"), {QJsonObject{{QStringLiteral("key"), QStringLiteral("A\nB")},
                                                       {QStringLiteral("value"), QStringLiteral("1")}}})
        << "header 'A B' holds a line break";
    QTest::newRow("curl: a header with a line break")
        << "curl" << QByteArray("curl -H $'X-A: 1\\nX-B: 2' http://127.0.0.1/c")
        << "header 'X-A' holds a line break";
}

void tst_ImportResult::unwritableRequests()
{
    QFETCH(QString, format);
    QFETCH(QByteArray, file);
    QFETCH(QString, warning);
    const QString name = format == QLatin1String("HAR") ? QStringLiteral("x.har") : QStringLiteral("x.txt");
    const ImportResult result = importAny(file, name, QStringLiteral("/"));
    QVERIFY2(result.ok(), qPrintable(result.error));
    if (warning.isEmpty()) {
        QCOMPARE(result.requests.size(), 1);
        QVERIFY2(result.warnings.isEmpty(), qPrintable(result.warnings.join(QLatin1Char('\n'))));
    } else {
        QCOMPARE(result.requests.size(), 0);
        QVERIFY2(result.warnings.join(QLatin1Char('\n')).contains(warning),
                 qPrintable(result.warnings.join(QLatin1Char('\n'))));
    }
    // On disk, as writeImport writes it: the requests kept and nothing more.
    QTemporaryDir folder;
    QStringList written;
    QString error;
    QVERIFY2(writeImport(folder.path(), result, &written, &error), qPrintable(error));
    int requests = 0;
    for (const QString &path : std::as_const(written)) {
        if (path.endsWith(QLatin1String(".http"))) {
            QFile http(path);
            QVERIFY(http.open(QIODevice::ReadOnly));
            const QList<HttpRequestBlock> blocks = HttpDocument::parse(http.readAll()).requests();
            requests += int(blocks.size());
            for (const HttpRequestBlock &block : blocks) {
                QCOMPARE(block.method, result.requests.first().spec.method);
                QVERIFY(!block.toSpec().url.contains(QLatin1Char('\n')));
            }
        }
    }
    QCOMPARE(requests, int(result.requests.size()));
}

QTEST_GUILESS_MAIN(tst_ImportResult)
#include "tst_importresult.moc"
