#include "errorinspector.h"

#include "catalog/catalog.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QTreeWidget>

using namespace ApiLens;
using namespace ApiLens::Ui;

class tst_ErrorInspector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void explains_data();
    void explains();
    void fieldsRequestIdAndCopy();
    void retryCountdownAndRateLimit();
    void detailsTreeAndChallenge();
    void choosingAnApiCatalog();
    void describesTheRequestsOperation_data();
    void describesTheRequestsOperation();

private:
    Core::Catalog m_catalog;
};

void tst_ErrorInspector::initTestCase()
{
    QStringList errors;
    QVERIFY(m_catalog.loadBuiltin(&errors));
}

static Core::ErrorReport report(int status, const QString &format, const QJsonValue &code,
                                const QString &message)
{
    Core::ErrorReport r;
    r.status = status;
    r.format = format;
    r.code = code;
    r.message = message;
    return r;
}

void tst_ErrorInspector::explains_data()
{
    QTest::addColumn<Core::ErrorReport>("report");
    QTest::addColumn<QString>("vendor");
    QTest::addColumn<QStringList>("shown");
    QTest::newRow("netilion 409")
        << report(409, QStringLiteral("netilion"), QStringLiteral("write_protected_attribute"),
                  QStringLiteral("m"))
        << QString()
        << QStringList{QStringLiteral("409 Conflict"), QStringLiteral("Netilion (Endress+Hauser) says:"),
                       QStringLiteral("write_protected_attribute = The attribute is write-protected"),
                       QStringLiteral("Try: Read the current state")};
    QTest::newRow("extole 403") << report(403, QStringLiteral("extole"),
                                          QStringLiteral("missing_access_token"), QStringLiteral("m"))
                                << QString()
                                << QStringList{
                                       QStringLiteral("missing_access_token = No access_token was provided"),
                                       QStringLiteral("Try: Send the access token"),
                                       QStringLiteral("Extole error documentation")};
    QTest::newRow("numeric 7") << report(401, QStringLiteral("generic-numeric-code"), 7, QStringLiteral("m"))
                               << QString()
                               << QStringList{QStringLiteral(
                                      "7 = AUTH INVALID: The access token does not exist in the database.")};
    QTest::newRow("exto wording by choice")
        << report(413, QStringLiteral("json"), QJsonValue(), QStringLiteral("m")) << QStringLiteral("exto")
        << QStringList{QStringLiteral("Exto says: The request body is too large")};
    QTest::newRow("unknown status")
        << report(599, QStringLiteral("plain-text"), QJsonValue(), QStringLiteral("m")) << QString()
        << QStringList{QStringLiteral("The catalog does not know 599; it is a 5xx")};
}

void tst_ErrorInspector::explains()
{
    QFETCH(Core::ErrorReport, report);
    QFETCH(QString, vendor);
    QFETCH(QStringList, shown);
    ErrorInspector inspector(&m_catalog);
    inspector.showReport(report, {}, vendor);
    const QString text = inspector.text();
    for (const QString &part : shown) {
        QVERIFY2(text.contains(part), qPrintable(text));
    }
}

void tst_ErrorInspector::fieldsRequestIdAndCopy()
{
    ErrorInspector inspector(&m_catalog);
    inspector.show();
    Core::ErrorReport r = report(422, QStringLiteral("laravel"), QJsonValue(), QStringLiteral("Invalid"));
    r.fieldErrors = {{QStringLiteral("items.0.qty"), QStringLiteral("too small")},
                     {std::nullopt, QStringLiteral("whole")}};
    r.requestId = QStringLiteral("req-123");
    r.docUrl = QStringLiteral("https://docs.example.test/errors");
    inspector.showReport(r, {});
    QCOMPARE(inspector.fieldsTable()->rowCount(), 2);
    QCOMPARE(inspector.fieldsTable()->item(1, 0)->text(), QStringLiteral("(whole request)"));
    QSignalSpy activated(&inspector, &ErrorInspector::fieldActivated);
    Q_EMIT inspector.fieldsTable()->cellDoubleClicked(0, 1);
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).toString(), QStringLiteral("items.0.qty"));
    Q_EMIT inspector.fieldsTable()->cellDoubleClicked(1, 0); // no field: nothing to reveal
    QCOMPARE(activated.count(), 1);
    QVERIFY(inspector.copyRequestIdButton()->isVisible());
    inspector.copyRequestIdButton()->click();
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("req-123"));
    QVERIFY(inspector.text().contains(QStringLiteral("https://docs.example.test/errors")));
}

void tst_ErrorInspector::retryCountdownAndRateLimit()
{
    ErrorInspector inspector(&m_catalog);
    inspector.show();
    Core::ErrorReport r = report(429, QStringLiteral("extole"), QStringLiteral("too_many_requests"),
                                 QStringLiteral("slow down"));
    r.retryAfterSeconds = 2;
    inspector.showReport(
        r, {{"RateLimit-Policy", "\"default\";q=100;w=60"}, {"RateLimit", "\"default\";r=0;t=2"}});
    QVERIFY(inspector.retryLabel()->text().contains(QStringLiteral("Retry in 2 s")));
    QTRY_VERIFY_WITH_TIMEOUT(inspector.retryLabel()->text().contains(QStringLiteral("Retry in 1 s")), 3000);
    QTRY_VERIFY_WITH_TIMEOUT(inspector.retryLabel()->text().contains(QStringLiteral("You can retry now")),
                             3000);
    QVERIFY(inspector.rateLimitBar()->isVisible());
    QCOMPARE(inspector.rateLimitBar()->maximum(), 100);
    QCOMPARE(inspector.rateLimitBar()->value(), 0);
    QVERIFY(inspector.text().contains(QStringLiteral("Extole says: Admin API")));
}

void tst_ErrorInspector::detailsTreeAndChallenge()
{
    ErrorInspector inspector(&m_catalog);
    inspector.show();
    inspector.showReport(report(401, QStringLiteral("json"), QJsonValue(), QStringLiteral("no")),
                         {{"WWW-Authenticate", R"(Bearer realm="api", error="invalid_token")"}});
    QVERIFY(inspector.text().contains(
        QStringLiteral("Challenge: Bearer realm=\"api\", error=\"invalid_token\"")));
    inspector.showDetails(
        QJsonDocument::fromJson(R"({"error":{"code":"x","details":[{"field":"a"},{"field":"b"}]},"n":1})"));
    QTreeWidget *tree = inspector.detailsTree();
    QVERIFY(tree->isVisible());
    QCOMPARE(tree->topLevelItemCount(), 2);
    QTreeWidgetItem *error = tree->topLevelItem(0);
    QCOMPARE(error->text(0), QStringLiteral("error"));
    QCOMPARE(error->child(1)->text(1), QStringLiteral("[2 items]"));
    QCOMPARE(error->child(1)->child(1)->child(0)->text(1), QStringLiteral("b"));
    QCOMPARE(tree->topLevelItem(1)->text(1), QStringLiteral("1"));

    // A huge document is shown in part, not all at once.
    QJsonArray many;
    for (int i = 0; i < 50000; ++i) {
        many.append(i);
    }
    inspector.showDetails(QJsonDocument(QJsonObject{{QStringLiteral("many"), many}}));
    QVERIFY(tree->topLevelItem(0)->childCount() < 2001);
    inspector.clear();
    QVERIFY(!tree->isVisible());
}

void tst_ErrorInspector::choosingAnApiCatalog()
{
    ErrorInspector inspector(&m_catalog);
    inspector.show();
    inspector.showReport(report(413, QStringLiteral("json"), QJsonValue(), QStringLiteral("too big")), {});
    QVERIFY(!inspector.text().contains(QStringLiteral("Exto says")));
    QComboBox *choice = inspector.vendorChoice();
    const int exto = choice->findData(QStringLiteral("exto"));
    QVERIFY(exto > 0);
    choice->setCurrentIndex(exto);
    Q_EMIT choice->activated(exto);
    QVERIFY2(inspector.text().contains(
                 QStringLiteral("Exto says: The request body is too large to be processed by the server.")),
             qPrintable(inspector.text()));
    // The choice stays for the next response in this inspector.
    inspector.showReport(report(429, QStringLiteral("json"), QJsonValue(), QStringLiteral("slow")), {});
    QVERIFY(inspector.text().contains(QStringLiteral("Exto says: The client has sent too many requests")));
}

void tst_ErrorInspector::describesTheRequestsOperation_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("url");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("shown");
    QTest::addColumn<QString>("absent");

    QTest::newRow("documented code") << QStringLiteral("POST")
                                     << QStringLiteral("http://127.0.0.1:9/v1/orders") << 409
                                     << QStringLiteral(
                                            "Shop API, POST /orders: A repeat of an order. · body: Problem")
                                     << QStringLiteral("documented for");
    QTest::newRow("documented class")
        << QStringLiteral("POST") << QStringLiteral("http://127.0.0.1:9/orders") << 422
        << QStringLiteral("Shop API, POST /orders: The order is wrong. (documented for 4XX)") << QString();
    QTest::newRow("not documented") << QStringLiteral("GET") << QStringLiteral("http://127.0.0.1:9/orders/7")
                                    << 418
                                    << QStringLiteral(
                                           "Shop API, GET /orders/{id}: 418 is not among the documented "
                                           "responses (200, 404).")
                                    << QString();
    QTest::newRow("another endpoint")
        << QStringLiteral("GET") << QStringLiteral("http://127.0.0.1:9/health") << 503
        << QStringLiteral("Service Unavailable") << QStringLiteral("Shop API");
}

void tst_ErrorInspector::describesTheRequestsOperation()
{
    QFETCH(QString, method);
    QFETCH(QString, url);
    QFETCH(int, status);
    QFETCH(QString, shown);
    QFETCH(QString, absent);
    Core::Catalog catalog;
    QStringList errors;
    QVERIFY(catalog.loadBuiltin(&errors));
    const QByteArray shop =
        R"({"version": 1, "kind": "api", "name": "Shop API", "docs": "https://shop.test/api",
        "operations": [
          {"method": "POST", "path": "/orders", "responses": [
            {"status": "409", "description": "A repeat of an order.", "schema": "Problem"},
            {"status": "4XX", "description": "The order is wrong."}]},
          {"method": "GET", "path": "/orders/{id}", "responses": [
            {"status": "200", "description": "The order."}, {"status": "404", "description": "No such order."}]}]})";
    QVERIFY(catalog.loadData(shop, QStringLiteral("shop"), &errors));
    ErrorInspector inspector(&catalog);
    inspector.setRequest(method, QUrl(url));
    inspector.showReport(report(status, QStringLiteral("json"), QJsonValue(), QStringLiteral("no")), {});
    const QString text = inspector.text();
    QVERIFY2(text.contains(shown), qPrintable(text));
    if (!absent.isEmpty()) {
        QVERIFY2(!text.contains(absent), qPrintable(text));
    } else {
        // The description's documentation is linked.
        QVERIFY2(text.contains(QStringLiteral("Shop API documentation")), qPrintable(text));
    }
}

QTEST_MAIN(tst_ErrorInspector)
#include "tst_errorinspector.moc"
