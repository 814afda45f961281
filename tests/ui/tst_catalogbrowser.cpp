#include "catalogbrowser.h"

#include "catalog/catalog.h"

#include <QLineEdit>
#include <QListWidget>
#include <QTest>
#include <QTextBrowser>

using namespace ApiLens;
using namespace ApiLens::Ui;

class tst_CatalogBrowser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void search_data();
    void search();
};

void tst_CatalogBrowser::search_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("details");
    QTest::newRow("by code") << QStringLiteral("429") << QStringLiteral("429 Too Many Requests")
                             << QStringLiteral("In these APIs' words");
    QTest::newRow("by words") << QStringLiteral("captive portal") << QStringLiteral("511")
                              << QStringLiteral("log in to the network");
    QTest::newRow("a vendor") << QStringLiteral("write_protected_attribute")
                              << QStringLiteral("API: Netilion") << QStringLiteral("write-protected");
    QTest::newRow("non-standard") << QStringLiteral("cloudflare 522")
                                  << QStringLiteral("522 Connection Timed Out  (Cloudflare)")
                                  << QStringLiteral("origin timed out");
}

void tst_CatalogBrowser::search()
{
    QFETCH(QString, query);
    QFETCH(QString, first);
    QFETCH(QString, details);
    Core::Catalog catalog;
    QStringList errors;
    QVERIFY(catalog.loadBuiltin(&errors));
    CatalogBrowser browser(&catalog);
    QVERIFY(browser.list()->count() > 80); // every status and every vendor
    QTest::keyClicks(browser.searchEdit(), query);
    QVERIFY(browser.list()->count() > 0);
    QVERIFY2(browser.list()->item(0)->text().contains(first), qPrintable(browser.list()->item(0)->text()));
    QVERIFY2(browser.details()->toPlainText().contains(details),
             qPrintable(browser.details()->toPlainText()));
    browser.searchEdit()->setText(QStringLiteral("zzzz-no-such-thing"));
    QCOMPARE(browser.list()->count(), 0);
    QVERIFY(browser.details()->toPlainText().contains(QStringLiteral("Nothing matches")));
}

QTEST_MAIN(tst_CatalogBrowser)
#include "tst_catalogbrowser.moc"
