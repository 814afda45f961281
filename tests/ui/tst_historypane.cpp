#include "historypane.h"
#include "prompt.h"

#include <QComboBox>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ApiLens;
using namespace ApiLens::Ui;

class tst_HistoryPane : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void listsFiltersAndActivates();
};

static Core::Exchange exchange(const char *method, const QString &url, int status)
{
    Core::Exchange ex;
    ex.request.method = method;
    ex.request.url = QUrl(url);
    ex.status = status;
    ex.timings.started = QDateTime::currentDateTimeUtc();
    ex.timings.finishedMs = 5;
    if (status == 409) {
        ex.headers = {{"Content-Type", "application/json"}};
        ex.body = Core::ResponseBody::fromBytes(
            R"({"errors":[{"type":"write_protected_attribute","message":"no"}]})");
    }
    if (status == 0) {
        ex.error = Core::TransportError::ConnectionRefused;
    }
    return ex;
}

void tst_HistoryPane::listsFiltersAndActivates()
{
    QTemporaryDir dir;
    Core::HistoryService service;
    QSignalSpy opened(&service, &Core::HistoryService::opened);
    service.open(dir.filePath(QStringLiteral("h.sqlite")));
    QVERIFY(opened.wait(5000));
    QVERIFY(opened.at(0).at(0).toBool());

    HistoryPane pane(&service);
    Core::Exchange old = exchange("DELETE", QStringLiteral("http://h/old"), 204);
    old.timings.started = QDateTime::currentDateTimeUtc().addDays(-365);
    QSignalSpy refreshed(&pane, &HistoryPane::refreshed);
    QSignalSpy recorded(&service, &Core::HistoryService::recorded);
    service.record(exchange("GET", QStringLiteral("http://h/users"), 200), QStringLiteral("List users"));
    service.record(exchange("PATCH", QStringLiteral("http://h/assets/17"), 409), QStringLiteral("Change"));
    service.record(exchange("GET", QStringLiteral("http://127.0.0.1:1/x"), 0), QString());
    QTRY_COMPARE(recorded.count(), 3);
    QTRY_COMPARE(pane.model()->rowCount(), 3);
    // Newest first, colour marker and class per row.
    QCOMPARE(pane.model()->index(0).data(HistoryModel::StatusClassRole).toString(), QStringLiteral("none"));
    QCOMPARE(pane.model()->index(1).data().toString(), QStringLiteral("409  PATCH Change"));
    QVERIFY(pane.model()
                ->index(1)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("write_protected_attribute")));
    QVERIFY(!pane.model()->index(1).data(Qt::DecorationRole).value<QPixmap>().isNull());

    // Filter by text (debounced), then by class.
    QTest::keyClicks(pane.filterEdit(), QStringLiteral("assets"));
    QTRY_COMPARE(pane.model()->rowCount(), 1);
    pane.filterEdit()->clear();
    pane.classFilter()->setCurrentIndex(pane.classFilter()->findData(QStringLiteral("2xx")));
    QTRY_COMPARE(pane.model()->index(0).data(HistoryModel::UrlRole).toString(),
                 QStringLiteral("http://h/users"));
    QTest::qWait(300); // the debounced text filter lands too
    QCOMPARE(pane.model()->rowCount(), 1);

    // Method, error code and date.
    pane.classFilter()->setCurrentIndex(0);
    pane.methodFilter()->setCurrentIndex(pane.methodFilter()->findData(QStringLiteral("PATCH")));
    QTRY_COMPARE(pane.model()->index(0).data(HistoryModel::UrlRole).toString(),
                 QStringLiteral("http://h/assets/17"));
    QCOMPARE(pane.model()->rowCount(), 1);
    pane.methodFilter()->setCurrentIndex(0);
    QTRY_COMPARE(pane.model()->rowCount(), 3);
    QTest::keyClicks(pane.errorCodeFilter(), QStringLiteral("write_protected_attribute"));
    QTRY_COMPARE(pane.model()->rowCount(), 1);
    QCOMPARE(pane.model()->index(0).data(HistoryModel::UrlRole).toString(),
             QStringLiteral("http://h/assets/17"));
    pane.errorCodeFilter()->clear();
    QTRY_COMPARE(pane.model()->rowCount(), 3);
    service.record(old, QStringLiteral("Last year"));
    QTRY_COMPARE(pane.model()->rowCount(), 4);
    pane.dateFilter()->setCurrentIndex(pane.dateFilter()->findData(24 * 7));
    QTRY_COMPARE(pane.model()->rowCount(), 3); // last year's is out of the week
    pane.dateFilter()->setCurrentIndex(0);
    QTRY_COMPARE(pane.model()->rowCount(), 4);

    // Retention (a preference): lowering it drops the oldest at once, and the pane shows it.
    service.setRetention(2);
    pane.refresh();
    QTRY_COMPARE(pane.model()->rowCount(), 2);

    // Clear asks first; cancelling keeps everything.
    QPushButton *clear = nullptr;
    for (QPushButton *button : pane.findChildren<QPushButton *>()) {
        clear = button->text() == QStringLiteral("Clear history") ? button : clear;
    }
    QVERIFY(clear);
    Prompt::queueChoice(-1);
    QTest::mouseClick(clear, Qt::LeftButton);
    QTest::qWait(200);
    QCOMPARE(pane.model()->rowCount(), 2);
    pane.classFilter()->setCurrentIndex(pane.classFilter()->findData(QStringLiteral("2xx")));
    QTRY_COMPARE(pane.model()->rowCount(), 1);

    QSignalSpy activated(&pane, &HistoryPane::entryActivated);
    Q_EMIT pane.view()->activated(pane.model()->index(0));
    QCOMPARE(activated.count(), 1);
    QVERIFY(activated.at(0).at(0).toLongLong() > 0);

    QSignalSpy loaded(&service, &Core::HistoryService::loaded);
    service.load(activated.at(0).at(0).toLongLong());
    QVERIFY(loaded.wait(15000)); // generous: sanitizer builds on a busy machine are slow
    // Retention kept the two recorded last; of those, the 204 is the 2xx one.
    QCOMPARE(loaded.at(0).at(0).value<Core::StoredExchange>().entry.url, QStringLiteral("http://h/old"));
}

QTEST_MAIN(tst_HistoryPane)
#include "tst_historypane.moc"
