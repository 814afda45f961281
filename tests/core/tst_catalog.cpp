#include "catalog/catalog.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ApiLens::Core;

class tst_Catalog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void everyRegisteredCodeIsDescribed();
    void nonStandardMeaningsAreAlternatives_data();
    void nonStandardMeaningsAreAlternatives();
    void vendorCodes_data();
    void vendorCodes();
    void explainPicksVendorByFormatOrName_data();
    void explainPicksVendorByFormatOrName();
    void invalidDocuments_data();
    void invalidDocuments();
    void userCatalogOverridesAndAdds();
    void search();
    void apiOperations_data();
    void apiOperations();

private:
    Catalog m_catalog;
};

void tst_Catalog::initTestCase()
{
    QStringList errors;
    QVERIFY2(m_catalog.loadBuiltin(&errors), qPrintable(errors.join(QLatin1Char('\n'))));
    QVERIFY(errors.isEmpty());
}

void tst_Catalog::everyRegisteredCodeIsDescribed()
{
    // The registry's codes (shared/errors/http-status.tsv): 64 rows.
    int registered = 0;
    for (const StatusEntry *entry : m_catalog.statuses()) {
        QVERIFY(!entry->reason.isEmpty());
        QVERIFY2(entry->description.size() > 20, qPrintable(QString::number(entry->code)));
        QVERIFY2(!entry->expect.isEmpty() && !entry->tryText.isEmpty(),
                 qPrintable(QString::number(entry->code)));
        QVERIFY(entry->retry != Retry::Unknown);
        registered += entry->registry != QLatin1String("nonstandard") ? 1 : 0;
    }
    QCOMPARE(registered, 64);
    for (int code : {100, 103, 200, 204, 301, 304, 308, 400, 401, 403,
                     404, 409, 418, 422, 429, 451, 500, 502, 503, 511}) {
        QVERIFY2(m_catalog.status(code), qPrintable(QString::number(code)));
        QVERIFY(m_catalog.status(code)->registry != QLatin1String("nonstandard"));
    }
    QCOMPARE(m_catalog.status(422)->reason, QStringLiteral("Unprocessable Content"));
    QCOMPARE(m_catalog.status(429)->retry, Retry::AfterWait);
    QVERIFY(!m_catalog.status(299));
}

void tst_Catalog::nonStandardMeaningsAreAlternatives_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("primaryRegistry");
    QTest::addColumn<QString>("alternativeVendor");
    QTest::newRow("451 legal vs Exchange")
        << 451 << QStringLiteral("assigned") << QStringLiteral("Microsoft Exchange ActiveSync");
    QTest::newRow("522 Cloudflare only") << 522 << QStringLiteral("nonstandard") << QString();
    QTest::newRow("499 nginx") << 499 << QStringLiteral("nonstandard") << QString();
}

void tst_Catalog::nonStandardMeaningsAreAlternatives()
{
    QFETCH(int, code);
    QFETCH(QString, primaryRegistry);
    QFETCH(QString, alternativeVendor);
    const StatusEntry *primary = m_catalog.status(code);
    QVERIFY(primary);
    QCOMPARE(primary->registry, primaryRegistry);
    const auto alternatives = m_catalog.alternatives(code);
    QCOMPARE(alternatives.isEmpty(), alternativeVendor.isEmpty());
    if (!alternativeVendor.isEmpty()) {
        QCOMPARE(alternatives.first()->vendor, alternativeVendor);
    }
}

void tst_Catalog::vendorCodes_data()
{
    QTest::addColumn<QString>("vendor");
    QTest::addColumn<QJsonValue>("code");
    QTest::addColumn<QString>("contains");
    QTest::addColumn<int>("status");
    QTest::newRow("netilion write_protected_attribute")
        << QStringLiteral("netilion") << QJsonValue(QStringLiteral("write_protected_attribute"))
        << QStringLiteral("write-protected") << 409;
    QTest::newRow("netilion not_found_no_permission")
        << QStringLiteral("netilion") << QJsonValue(QStringLiteral("not_found_no_permission"))
        << QStringLiteral("not visible") << 404;
    QTest::newRow("extole missing_access_token")
        << QStringLiteral("extole") << QJsonValue(QStringLiteral("missing_access_token"))
        << QStringLiteral("No access_token") << 403;
    QTest::newRow("numeric 7 = AUTH INVALID") << QStringLiteral("numeric-codes") << QJsonValue(7)
                                              << QStringLiteral("does not exist in the database") << 0;
    QTest::newRow("grpc numeric 5") << QStringLiteral("google-rpc") << QJsonValue(5)
                                    << QStringLiteral("not found") << 404;
    QTest::newRow("google reason") << QStringLiteral("google-rpc")
                                   << QJsonValue(QStringLiteral("API_KEY_INVALID"))
                                   << QStringLiteral("API key") << 400;
    QTest::newRow("oauth invalid_token")
        << QStringLiteral("oauth2") << QJsonValue(QStringLiteral("invalid_token"))
        << QStringLiteral("expired") << 401;
    QTest::newRow("connect case-insensitive")
        << QStringLiteral("connect") << QJsonValue(QStringLiteral("INVALID_ARGUMENT"))
        << QStringLiteral("argument") << 400;
    QTest::newRow("slack invalid_auth")
        << QStringLiteral("slack") << QJsonValue(QStringLiteral("invalid_auth"))
        << QStringLiteral("token is invalid") << 0;
}

void tst_Catalog::vendorCodes()
{
    QFETCH(QString, vendor);
    QFETCH(QJsonValue, code);
    QFETCH(QString, contains);
    QFETCH(int, status);
    const VendorProfile *profile = m_catalog.vendor(vendor);
    QVERIFY(profile);
    const CodeEntry *entry = profile->code(code);
    QVERIFY(entry);
    QVERIFY2(entry->meaning.contains(contains), qPrintable(entry->meaning));
    QCOMPARE(entry->status, status);
    QVERIFY(!profile->code(QJsonValue(QStringLiteral("no_such_code_anywhere"))));
}

void tst_Catalog::explainPicksVendorByFormatOrName_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<int>("status");
    QTest::addColumn<QJsonValue>("code");
    QTest::addColumn<QString>("vendorId");
    QTest::addColumn<QString>("expectedVendor");
    QTest::addColumn<QString>("when");
    QTest::newRow("extole by format")
        << QStringLiteral("extole") << 429 << QJsonValue() << QString() << QStringLiteral("extole")
        << QStringLiteral("100 requests in one minute");
    QTest::newRow("numeric code 3") << QStringLiteral("generic-numeric-code") << 400 << QJsonValue(3)
                                    << QString() << QStringLiteral("numeric-codes") << QString();
    QTest::newRow("exto by name") << QStringLiteral("json") << 413 << QJsonValue() << QStringLiteral("exto")
                                  << QStringLiteral("exto") << QStringLiteral("too large to be processed");
    QTest::newRow("status guide by name")
        << QStringLiteral("plain-text") << 502 << QJsonValue() << QStringLiteral("status-guide")
        << QStringLiteral("status-guide") << QStringLiteral("relies on other services");
    QTest::newRow("no vendor for nginx pages")
        << QStringLiteral("nginx-html") << 502 << QJsonValue() << QString() << QString() << QString();
}

void tst_Catalog::explainPicksVendorByFormatOrName()
{
    QFETCH(QString, format);
    QFETCH(int, status);
    QFETCH(QJsonValue, code);
    QFETCH(QString, vendorId);
    QFETCH(QString, expectedVendor);
    QFETCH(QString, when);
    ErrorReport report;
    report.status = status;
    report.format = format;
    report.code = code;
    const Explanation explanation = m_catalog.explain(report, vendorId);
    QVERIFY(explanation.status);
    QCOMPARE(explanation.status->code, status);
    QCOMPARE(explanation.vendor ? explanation.vendor->id : QString(), expectedVendor);
    if (!when.isEmpty()) {
        QVERIFY(explanation.vendorStatus);
        QVERIFY2(explanation.vendorStatus->when.contains(when), qPrintable(explanation.vendorStatus->when));
    }
    QCOMPARE(explanation.code != nullptr, !code.isNull());
}

void tst_Catalog::invalidDocuments_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");
    QTest::newRow("broken json, with line")
        << QByteArray("{\n \"version\": 1,\n \"kind\": \n}") << QStringLiteral("team.json:4: ");
    QTest::newRow("wrong version") << QByteArray(R"({"version": 2, "kind": "vendor"})")
                                   << QStringLiteral("team.json: 'version' must be 1");
    QTest::newRow("unknown kind") << QByteArray(R"({"version": 1, "kind": "colours"})")
                                  << QStringLiteral(
                                         "team.json: 'kind' must be 'status-codes', 'vendor' or 'api'");
    QTest::newRow("missing meaning")
        << QByteArray(
               R"({"version":1,"kind":"vendor","id":"t","name":"T","codes":[{"code":"a","meaning":"x"},{"code":"b"}]})")
        << QStringLiteral("team.json: codes[1]: 'meaning' is missing");
    QTest::newRow("bad status code")
        << QByteArray(
               R"({"version":1,"kind":"status-codes","statuses":[{"code":700,"reason":"X","description":"d"}]})")
        << QStringLiteral("team.json: statuses[0]: 'code' must be a status code");
    QTest::newRow("api without a name") << QByteArray(R"({"version":1,"kind":"api","operations":[]})")
                                        << QStringLiteral("team.json: 'name' is missing");
    QTest::newRow("operation path")
        << QByteArray(
               R"({"version":1,"kind":"api","name":"A","operations":[{"method":"GET","path":"items"}]})")
        << QStringLiteral("team.json: operations[0]: 'path' must start with '/'");
    QTest::newRow("documented status")
        << QByteArray(R"({"version":1,"kind":"api","name":"A","operations":[{"method":"GET","path":"/a",)"
                      R"("responses":[{"status":"200"},{"status":"4xx!"}]}]})")
        << QStringLiteral(
               "team.json: operations[0].responses[1]: 'status' must be a code (409), a class (4XX) or "
               "'default'");
    QTest::newRow("bad retry")
        << QByteArray(
               R"({"version":1,"kind":"vendor","id":"t","name":"T","codes":[{"code":1,"meaning":"m","retry":"maybe"}]})")
        << QStringLiteral("team.json: codes[0]: 'retry' must be one of");
}

void tst_Catalog::invalidDocuments()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    Catalog catalog;
    QStringList errors;
    QVERIFY(!catalog.loadData(json, QStringLiteral("team.json"), &errors));
    QVERIFY(!errors.isEmpty());
    QVERIFY2(errors.first().startsWith(message), qPrintable(errors.first()));
    QVERIFY(catalog.vendors().isEmpty()); // nothing of an invalid document is kept
    QVERIFY(catalog.operations().isEmpty());
}

void tst_Catalog::userCatalogOverridesAndAdds()
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("team.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(
        R"json({"version":1,"kind":"vendor","id":"netilion","name":"Netilion (ours)","formats":["netilion"],
                   "codes":[{"code":"write_protected_attribute","meaning":"Our own words.","status":409},
                            {"code":"our_new_code","meaning":"Something only our gateway says."}]})json");
    file.close();
    Catalog catalog;
    QStringList errors;
    QVERIFY(catalog.loadBuiltin(&errors));
    QVERIFY2(catalog.loadDirectory(dir.path(), &errors), qPrintable(errors.join(QLatin1Char('\n'))));
    const VendorProfile *netilion = catalog.vendor(QStringLiteral("netilion"));
    QCOMPARE(netilion->name, QStringLiteral("Netilion (ours)"));
    QCOMPARE(netilion->code(QJsonValue(QStringLiteral("write_protected_attribute")))->meaning,
             QStringLiteral("Our own words."));
    QVERIFY(netilion->code(QJsonValue(QStringLiteral("our_new_code"))));
    QVERIFY(netilion->code(QJsonValue(QStringLiteral("api_lockout")))); // built-in entries stay
    QCOMPARE(catalog.vendors().size(), m_catalog.vendors().size());
    QVERIFY(!catalog.loadDirectory(dir.filePath(QStringLiteral("missing")), &errors));
    QVERIFY(errors.last().contains(QStringLiteral("no such catalog folder")));
}

void tst_Catalog::search()
{
    const auto found = m_catalog.searchStatuses(QStringLiteral("rate limit"));
    QVERIFY(!found.isEmpty());
    QCOMPARE(found.first()->code, 429);
    QCOMPARE(m_catalog.searchStatuses(QStringLiteral("522")).first()->vendor, QStringLiteral("Cloudflare"));
}

void tst_Catalog::apiOperations_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("url");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("operation");  // "" = none
    QTest::addColumn<QString>("documented"); // the documented status used, "" = not documented

    const auto row = [](const char *name, const char *method, const char *url, int status,
                        const char *operation, const char *documented) {
        QTest::newRow(name) << QString::fromLatin1(method) << QString::fromLatin1(url) << status
                            << QString::fromLatin1(operation) << QString::fromLatin1(documented);
    };
    row("exact code", "POST", "http://127.0.0.1:8080/orders", 409, "placeOrder", "409");
    row("under a server's base path", "POST", "http://127.0.0.1:8080/v1/orders", 409, "placeOrder", "409");
    row("class when the code is not listed", "POST", "http://h/orders", 422, "placeOrder", "4XX");
    row("default last", "POST", "http://h/orders", 503, "placeOrder", "default");
    row("method must match", "PATCH", "http://h/orders", 409, "", "");
    row("literal beats parameter", "GET", "http://h/orders/summary", 404, "orderSummary", "404");
    row("parameter segment", "GET", "http://h/orders/17", 404, "getOrder", "");
    row("parameter inside a segment", "GET", "http://h/reports/2024.csv", 200, "report", "200");
    row("wrong suffix inside a segment", "GET", "http://h/reports/2024.pdf", 200, "", "");
    row("percent-encoded path", "GET", "http://h/orders/a%20b", 200, "getOrder", "200");
    row("too short", "GET", "http://h/", 200, "", "");
    row("whole path beats an end match", "GET", "http://h/admin/orders/summary", 200, "adminSummary", "200");
}

void tst_Catalog::apiOperations()
{
    QFETCH(QString, method);
    QFETCH(QString, url);
    QFETCH(int, status);
    QFETCH(QString, operation);
    QFETCH(QString, documented);
    const QByteArray json = R"({"version": 1, "kind": "api", "name": "Shop", "docs": "https://shop.test/docs",
        "operations": [
          {"method": "POST", "path": "/orders", "id": "placeOrder",
           "responses": [{"status": "201", "description": "Placed."},
                         {"status": "409", "description": "A repeat of an order placed a minute ago."},
                         {"status": "4XX", "description": "The order is wrong."},
                         {"status": "default", "description": "Something else."}]},
          {"method": "GET", "path": "/orders/{id}", "id": "getOrder",
           "responses": [{"status": "200", "description": "The order."}]},
          {"method": "GET", "path": "/orders/summary", "id": "orderSummary",
           "responses": [{"status": "404", "description": "No orders yet."}]},
          {"method": "GET", "path": "/admin/orders/summary", "id": "adminSummary",
           "responses": [{"status": "200", "description": "For admins."}]},
          {"method": "get", "path": "/reports/{year}.csv", "id": "report",
           "responses": [{"status": "200", "description": "CSV."}]}]})";
    Catalog catalog;
    QStringList errors;
    QVERIFY2(catalog.loadBuiltin(&errors) && catalog.loadData(json, QStringLiteral("shop.json"), &errors),
             qPrintable(errors.join(QLatin1Char('\n'))));
    ErrorReport report;
    report.status = status;
    const Explanation explanation = catalog.explain(report, {}, method, QUrl(url));
    QCOMPARE(explanation.operation ? explanation.operation->id : QString(), operation);
    QCOMPARE(explanation.documented ? explanation.documented->status : QString(), documented);
    if (explanation.operation) {
        QCOMPARE(explanation.operation->api, QStringLiteral("Shop"));
        QCOMPARE(explanation.operation->docs, QStringLiteral("https://shop.test/docs"));
    }
    QVERIFY(explanation.status); // the general meaning is still there
    // Without the request, no operation.
    QVERIFY(!catalog.explain(report).operation);
}

QTEST_GUILESS_MAIN(tst_Catalog)
#include "tst_catalog.moc"
