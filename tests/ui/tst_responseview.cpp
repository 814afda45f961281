#include "responseview.h"

#include "http/hexlayout.h"

#include "bodyviewer.h"
#include "findbar.h"
#include "jsonfilterbar.h"
#include "prompt.h"
#include "statusbadge.h"
#include "timingview.h"

#include "http/hexlayout.h"

#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>

using namespace ApiLens;
using namespace ApiLens::Ui;

class tst_ResponseView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void prettyJsonOnWorker();
    void failurePage_data();
    void failurePage();
    void headersFilter();
    void largeBodyIsShownWhole();
    void findMarksAndMovesThroughMatches();
    void findInHeaders();
    void binaryBodyIsHexWhole();
    void goToLine();
    void jsonPathFilter();
    void pendingAndCancel();
};

static Core::Exchange response(int status, const QByteArray &type, const QByteArray &body)
{
    Core::Exchange ex;
    ex.status = status;
    ex.httpVersion = QStringLiteral("HTTP/1.1");
    ex.headers = {{"Content-Type", type}, {"X-Request-Id", "req-42"}, {"Cache-Control", "no-store"}};
    ex.body = Core::ResponseBody::fromBytes(body);
    ex.timings.requestSentMs = 1;
    ex.timings.firstByteMs = 20;
    ex.timings.finishedMs = 22;
    ex.request.method = "GET";
    ex.request.url = QUrl(QStringLiteral("http://127.0.0.1/users/1"));
    ex.request.target = "/users/1";
    ex.request.httpVersion = QStringLiteral("HTTP/1.1");
    ex.request.headers = {{"Host", "127.0.0.1"}, {"Accept", "*/*"}};
    return ex;
}

void tst_ResponseView::prettyJsonOnWorker()
{
    ResponseView view;
    QSignalSpy ready(&view, &ResponseView::prettyReady);
    QSignalSpy rawReady(&view, &ResponseView::rawReady);
    view.showExchange(response(404, "application/problem+json", "{\"title\":\"Not Found\",\"status\":404}"));
    QCOMPARE(view.page(), ResponseView::Page::Response);
    QCOMPARE(view.badge()->text(), QStringLiteral("⚠ 404 Not Found · Client error"));
    QVERIFY(view.summaryLabel()->text().contains(QStringLiteral("JSON")));
    QVERIFY(ready.wait(5000));
    QCOMPARE(view.prettyView()->text()->bytes(),
             QByteArrayView("{\n  \"title\": \"Not Found\",\n  \"status\": 404\n}"));
    QVERIFY(!rawReady.isEmpty() || rawReady.wait(5000));
    QCOMPARE(view.rawView()->text()->bytes(), QByteArrayView("{\"title\":\"Not Found\",\"status\":404}"));
    QVERIFY(view.sentView()->toPlainText().startsWith(
        QStringLiteral("GET /users/1 HTTP/1.1\nHost: 127.0.0.1\n")));
    QCOMPARE(view.tabs()->tabText(2), QStringLiteral("Headers (3)"));
    QCOMPARE(view.timingView()->phases().size(), 3);
}

void tst_ResponseView::failurePage_data()
{
    QTest::addColumn<Core::TransportError>("error");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("hint");
    QTest::newRow("refused") << Core::TransportError::ConnectionRefused
                             << QStringLiteral("Connection refused") << QStringLiteral("server is running");
    QTest::newRow("timeout") << Core::TransportError::Timeout << QStringLiteral("Timed out")
                             << QStringLiteral("Raise the timeout");
    QTest::newRow("tls") << Core::TransportError::Tls << QStringLiteral("TLS failure")
                         << QStringLiteral("turn verification off");
    QTest::newRow("dns") << Core::TransportError::HostNotFound << QStringLiteral("Host not found")
                         << QStringLiteral("typos");
}

void tst_ResponseView::failurePage()
{
    QFETCH(Core::TransportError, error);
    QFETCH(QString, title);
    QFETCH(QString, hint);
    ResponseView view;
    Core::Exchange ex;
    ex.error = error;
    ex.errorMessage = QStringLiteral("the message");
    ex.timings.finishedMs = 3;
    view.showExchange(ex);
    QCOMPARE(view.page(), ResponseView::Page::Failure);
    QCOMPARE(view.failureTitle()->text(), title);
    QCOMPARE(view.failureMessage()->text(), QStringLiteral("the message"));
    QVERIFY(transportHint(error).contains(hint));
    QCOMPARE(view.badge()->statusClass(), Core::StatusClass::None);
    QVERIFY(view.badge()->text().contains(title));
}

void tst_ResponseView::headersFilter()
{
    ResponseView view;
    view.showExchange(response(200, "application/json", "{}"));
    QLineEdit *filter = nullptr;
    for (QLineEdit *edit : view.findChildren<QLineEdit *>()) {
        filter = edit->placeholderText() == QStringLiteral("Filter headers") ? edit : filter;
    }
    QVERIFY(filter);
    QTest::keyClicks(filter, QStringLiteral("request"));
    int visible = 0;
    for (int row = 0; row < view.headersTable()->rowCount(); ++row) {
        visible += view.headersTable()->isRowHidden(row) ? 0 : 1;
    }
    QCOMPARE(visible, 1);
}

void tst_ResponseView::largeBodyIsShownWhole()
{
    // A body far past what a text edit could lay out is in Pretty whole, indented, its last
    // record reachable; Raw has every byte as received.
    ResponseView view;
    QSignalSpy ready(&view, &ResponseView::prettyReady);
    QSignalSpy rawReady(&view, &ResponseView::rawReady);
    QByteArray big = "[";
    int records = 0;
    for (; big.size() < 12 * 1024 * 1024; ++records) {
        big += "{\"id\":" + QByteArray::number(records) + ",\"name\":\"item\"},";
    }
    big += "{\"id\":-1}]";
    view.showExchange(response(200, "application/json", big));
    QVERIFY(ready.wait(20000));
    QVERIFY(!rawReady.isEmpty() || rawReady.wait(20000));
    BodyViewer *pretty = view.prettyView();
    QCOMPARE(pretty->lineCount(), qint64(records) * 4 + 5); // "{", id, name, "}," per record
    QCOMPARE(pretty->text()->line(pretty->lineCount() - 3), QStringLiteral("    \"id\": -1"));
    QCOMPARE(view.rawView()->text()->bytes().size(), big.size());
    for (QLabel *label : view.findChildren<QLabel *>()) {
        QVERIFY2(!label->isVisible() || !label->text().contains(QStringLiteral("Showing the first")),
                 qPrintable(label->text()));
    }
}

void tst_ResponseView::findMarksAndMovesThroughMatches()
{
    // Ctrl+F's bar finds in the tab shown: every match counted on a worker, the first shown
    // and selected, Enter / Shift+Enter move (and wrap), an invalid expression is said.
    ResponseView view;
    view.resize(800, 600);
    view.show();
    QSignalSpy ready(&view, &ResponseView::prettyReady);
    QByteArray body = "[";
    for (int i = 0; i < 5000; ++i) {
        body +=
            "{\"id\":" + QByteArray::number(i) + ",\"name\":\"" + (i % 1000 == 7 ? "Needle" : "hay") + "\"},";
    }
    body += "null]";
    view.showExchange(response(200, "application/json", body));
    QVERIFY(ready.wait(10000));
    view.showFind();
    QVERIFY(view.findBar()->isVisible());
    QTest::keyClicks(view.findBar()->edit(), QStringLiteral("needle"));
    QLabel *status = nullptr;
    for (QLabel *label : view.findBar()->findChildren<QLabel *>()) {
        status = label;
    }
    QTRY_COMPARE(status->text(), QStringLiteral("1 of 5"));
    BodyViewer *pretty = view.prettyView();
    QCOMPARE(pretty->matches().size(), 5);
    QCOMPARE(pretty->selectedText(), QStringLiteral("Needle"));
    const qint64 firstLine = pretty->firstVisibleLine();
    QTest::keyClick(view.findBar()->edit(), Qt::Key_Return);
    QCOMPARE(status->text(), QStringLiteral("2 of 5"));
    QVERIFY(pretty->firstVisibleLine() > firstLine); // scrolled to it
    QTest::keyClick(view.findBar()->edit(), Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClick(view.findBar()->edit(), Qt::Key_Return, Qt::ShiftModifier);
    QCOMPARE(status->text(), QStringLiteral("5 of 5")); // wrapped around
    // Match case: none; a regular expression; a broken one.
    for (QToolButton *button : view.findBar()->findChildren<QToolButton *>()) {
        if (button->text() == QStringLiteral("Aa")) {
            button->click();
        }
    }
    QTRY_COMPARE(status->text(), QStringLiteral("No matches"));
    view.findBar()->edit()->setText(QStringLiteral("[N"));
    for (QToolButton *button : view.findBar()->findChildren<QToolButton *>()) {
        if (button->text() == QStringLiteral(".*")) {
            button->click();
        }
    }
    QTRY_VERIFY(status->text().startsWith(QStringLiteral("not a regular expression")));
    // In Raw, the same search runs over the bytes as received.
    view.findBar()->edit()->setText(QStringLiteral("\"id\":\\d+,\"name\":\"Needle"));
    view.tabs()->setCurrentIndex(1);
    QTRY_COMPARE(status->text(), QStringLiteral("1 of 5"));
    QCOMPARE(view.rawView()->matches().size(), 5);
}

void tst_ResponseView::binaryBodyIsHexWhole()
{
    // A 2 MB image: Raw (and Pretty) show every byte as hex, no "first 1 MB" note; a find
    // for text in it lands on the row that holds it.
    ResponseView view;
    view.resize(900, 600);
    view.show();
    QSignalSpy rawReady(&view, &ResponseView::rawReady);
    QByteArray png("\x89PNG\r\n\x1a\n", 8);
    png += QByteArray(2 << 20, '\x01');
    png += "tEXtComment";
    view.showExchange(response(200, "image/png", png));
    QVERIFY(rawReady.wait(10000));
    const std::shared_ptr<const ViewerText> raw = view.rawView()->text();
    QVERIFY(raw->isHex());
    QCOMPARE(raw->lineCount(), (png.size() + 15) / 16);
    QCOMPARE(raw->line(0), Core::HexLayout(png.size()).row(png.first(16), 0));
    QTRY_COMPARE(view.prettyView()->text(), raw);
    for (QLabel *label : view.findChildren<QLabel *>()) {
        QVERIFY2(!label->isVisible() || !label->text().contains(QStringLiteral("first")),
                 qPrintable(label->text()));
    }
    view.tabs()->setCurrentIndex(1);
    view.showFind();
    QTest::keyClicks(view.findBar()->edit(), QStringLiteral("tEXt"));
    QTRY_COMPARE(view.rawView()->selectedText(), QStringLiteral("74 45 58 74"));
    QCOMPARE(view.rawView()->matches().size(), 1);
    const qint64 row = (png.size() - 11) / 16;
    QVERIFY(view.rawView()->firstVisibleLine() <= row);
    QVERIFY(row < view.rawView()->firstVisibleLine() + view.rawView()->visibleLines());
    QVERIFY(view.hexButton()->isVisible() && view.hexButton()->isChecked());

    // Any body's Raw can be seen as hex (a BOM, CR LF, invalid UTF-8), and back; Pretty stays.
    QSignalSpy prettyReady(&view, &ResponseView::prettyReady);
    view.showExchange(response(200, "application/json", "\xEF\xBB\xBF{\"a\":1}\r\n"));
    QVERIFY(rawReady.wait(10000));
    QVERIFY(!prettyReady.isEmpty() || prettyReady.wait(10000)); // formatted on a worker too
    QVERIFY(view.prettyView()->text());
    QVERIFY(!view.hexButton()->isChecked());
    QVERIFY(!view.rawView()->text()->isHex());
    view.hexButton()->click();
    QVERIFY(rawReady.wait(10000));
    QVERIFY(view.rawView()->text()->isHex());
    QCOMPARE(view.rawView()->text()->line(0).mid(10, 11), QStringLiteral("ef bb bf 7b"));
    QVERIFY(!view.prettyView()->text()->isHex());
    view.hexButton()->click();
    QVERIFY(rawReady.wait(10000));
    QCOMPARE(view.rawView()->text()->line(0), QStringLiteral("{\"a\":1}")); // as text, the BOM is not seen
    view.tabs()->setCurrentIndex(2);
    QVERIFY(!view.hexButton()->isVisible());
}

void tst_ResponseView::findInHeaders()
{
    // In the Headers tab, find marks every name or value that matches and selects the current row.
    ResponseView view;
    view.resize(800, 600);
    view.show();
    view.showExchange(response(200, "application/json", "{}"));
    view.tabs()->setCurrentIndex(2);
    view.showFind();
    QCOMPARE(view.tabs()->currentIndex(), 2);
    QSignalSpy found(&view, &ResponseView::findFinished);
    QTest::keyClicks(view.findBar()->edit(), QStringLiteral("re"));
    // "X-Request-Id", "no-store" and "req-42" ("Content-Type" has no "re").
    QCOMPARE(found.last().at(0).toLongLong(), 3);
    QTableWidget *table = view.headersTable();
    QCOMPARE(table->selectionModel()->selectedRows().value(0).row(), 1);
    QVERIFY(table->item(1, 0)->data(Qt::BackgroundRole).isValid());
    QVERIFY(!table->item(0, 0)->data(Qt::BackgroundRole).isValid());
    view.findNext();
    view.findNext();
    QCOMPARE(table->selectionModel()->selectedRows().value(0).row(), 2); // no-store
    // Whole words, match case: "Id" is a word of X-Request-Id.
    view.findBar()->edit()->setText(QStringLiteral("id"));
    QCOMPARE(found.last().at(0).toLongLong(), 1);
}

void tst_ResponseView::goToLine()
{
    ResponseView view;
    view.resize(800, 600);
    view.show();
    QSignalSpy ready(&view, &ResponseView::prettyReady);
    QByteArray body = "[";
    for (int i = 0; i < 3000; ++i) {
        body += "{\"id\":" + QByteArray::number(i) + "},";
    }
    body += "null]";
    view.showExchange(response(200, "application/json", body));
    QVERIFY(ready.wait(10000));
    view.tabs()->setCurrentIndex(3); // Timing: Go to Line shows Pretty
    Prompt::queueText(QStringLiteral("1,000"));
    view.goToLine();
    QCOMPARE(view.tabs()->currentIndex(), 0);
    QCOMPARE(view.prettyView()->firstVisibleLine(), 999);
    QCOMPARE(view.prettyView()->text()->line(998), QStringLiteral("    \"id\": 332")); // "[", then 3 a record
    Prompt::queueText(QStringLiteral("not a number"));
    view.goToLine();
    QCOMPARE(view.prettyView()->firstVisibleLine(), 999);
    QCOMPARE(Prompt::pendingAnswers(), 0);
}

void tst_ResponseView::jsonPathFilter()
{
    // Enter applies the query on a worker; Pretty shows what it selected, indented; the next
    // response is filtered the same way; clearing shows the whole body. Only JSON has the bar.
    ResponseView view;
    view.resize(800, 600);
    view.show();
    QSignalSpy ready(&view, &ResponseView::prettyReady);
    QSignalSpy filtered(&view, &ResponseView::filterReady);
    QSignalSpy changed(&view, &ResponseView::filterChanged);
    const QByteArray body = R"({"items":[{"id":1,"price":5},{"id":2,"price":12.5},{"id":3,"price":40}]})";
    view.showExchange(response(200, "application/json", body));
    QVERIFY(ready.wait(5000));
    JsonFilterBar *bar = view.filterBar();
    QVERIFY(bar->isVisible());
    QTest::keyClicks(bar->edit(), QStringLiteral("$.items[?@.price >"));
    QVERIFY(bar->status()->text().startsWith(QStringLiteral("JSONPath, character 19:")));
    QTest::keyClicks(bar->edit(), QStringLiteral(" 10].id"));
    QCOMPARE(bar->status()->text(), QString());
    QTest::keyClick(bar->edit(), Qt::Key_Return);
    QVERIFY(filtered.wait(5000));
    QCOMPARE(view.prettyView()->text()->bytes(), QByteArrayView("[\n  2,\n  3\n]"));
    QCOMPARE(bar->status()->text(), QStringLiteral("2 values"));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.last().at(0).toString(), QStringLiteral("$.items[?@.price > 10].id"));
    QVERIFY(view.prettyView()->isFoldable(0));

    // The next response of the request: filtered as it is shown.
    view.showExchange(response(200, "application/json", R"({"items":[{"id":7,"price":99}]})"));
    QVERIFY(filtered.wait(5000));
    QCOMPARE(view.prettyView()->text()->bytes(), QByteArrayView("[\n  7\n]"));

    // A body that is not JSON where the query looks says so and shows the body whole.
    view.showExchange(response(200, "application/json", R"({"items":[1,2,}")"));
    QVERIFY(filtered.wait(5000));
    QVERIFY(bar->status()->text().startsWith(QStringLiteral("The body is not JSON")));
    QVERIFY(view.prettyView()->text()->bytes().startsWith("{\n  \"items\""));

    bar->edit()->selectAll();
    QTest::keyClick(bar->edit(), Qt::Key_Delete);
    QCOMPARE(changed.last().at(0).toString(), QString());
    QVERIFY(view.prettyView()->text()->bytes().startsWith("{\n  \"items\""));

    view.showExchange(response(200, "text/plain", "hello"));
    QVERIFY(!bar->isVisible());
}

void tst_ResponseView::pendingAndCancel()
{
    ResponseView view;
    QSignalSpy cancel(&view, &ResponseView::cancelRequested);
    view.showPending(QStringLiteral("127.0.0.1:8080"));
    QCOMPARE(view.page(), ResponseView::Page::Pending);
    view.updateProgress(1500, 2048);
    bool found = false;
    for (QLabel *label : view.findChildren<QLabel *>()) {
        found = found || label->text().contains(QStringLiteral("1.50 s · 2.0 KB received"));
    }
    QVERIFY(found);
    for (QPushButton *button : view.findChildren<QPushButton *>()) {
        if (button->text() == QStringLiteral("Cancel")) {
            button->click();
        }
    }
    QCOMPARE(cancel.count(), 1);
}

QTEST_MAIN(tst_ResponseView)
#include "tst_responseview.moc"
