#include "bodyviewer.h"
#include "collectionmodel.h"
#include "collectionpane.h"
#include "defaultheadersview.h"
#include "errorinspector.h"
#include "filepicker.h"
#include "findbar.h"
#include "historypane.h"
#include "importdialog.h"
#include "jsonfilterbar.h"
#include "keyvalueeditor.h"
#include "mainwindow.h"
#include "prompt.h"
#include "requesteditor.h"
#include "requestrunner.h"
#include "requesttab.h"
#include "responsebodyactions.h"
#include "responseview.h"
#include "saverequestdialog.h"
#include "settingsdialog.h"
#include "statusbadge.h"
#include "workspace.h"

#include "catalog/catalog.h"
#include "history/historyservice.h"
#include "history/historystore.h"
#include "http/httpclient.h"
#include "scripting/foldertrust.h"

#include "interop/curl.h"
#include "testserver.h"
#include <QPushButton>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QDropEvent>
#include <QFile>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QMimeData>
#include <QNetworkProxy>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <functional>

using namespace ApiLens;
using namespace ApiLens::Ui;
using ApiLens::Test::TestServer;

// Drives the real window offscreen: type a URL, press Ctrl+Enter, read the badge.
class tst_MainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void largestBodyIsASetting();
    void newRequestsTakeThePreferences();
    void sendShowsStatusOnBadge_data();
    void sendShowsStatusOnBadge();
    void responseBodyIsSavedWhole();
    void escapeCancels();
    void sentTabShowsWhatTheServerReceived();
    void inspectorExplainsErrorsAndRevealsFields();
    void collectionCatalogExplainsItsCodes();
    void historyRecordsAndReopens();
    void tabs();
    void everyShortcutIsUnambiguous();
    void windowStateIsRestored();
    void collectionRequestRunsFromTheTree();
    void environmentSwitcherAndUnresolvedVariables();
    void saveWritesTheBlockAndExternalEditsAsk_data();
    void saveWritesTheBlockAndExternalEditsAsk();
    void unsavedEditsSurviveACrash();
    void closingAModifiedTabAsks();
    void quitAndStartAgainBringsEveryTabBack();
    void modifiedMarkFollowsTheContent();
    void savingANewRequestAsksWhere();
    void demoRequestWithoutTheDemoSaysHowToStartIt();
    void bodyFilesScriptsAndAssertions();
    void scriptsRunOnceTheFolderIsTrusted();
    void sendAnywaySendsUnresolvedVariables();
    void copyAsFillsInVariables();
    void headerInjectionIsRefused();
    void droppedFilesOpenOrImport();
    void historyExportsAsHar();
    void historyLeavesSecretsOut();
    void menusInTheDesktopsOrder();
    void tabsSwitchFromAnywhere_data();
    void tabsSwitchFromAnywhere();
    void openApiImportExplainsResponses();

private:
    void typeUrlAndSend(const QString &url);
    QString makeCollection();
    RequestTab *openFromTree(const QString &file, const QString &request);
    static QByteArray read(const QString &path);
    static void write(const QString &path, const QByteArray &bytes);

    QTemporaryDir m_dir;
    Core::HttpClient *m_client = nullptr;
    QSettings *m_settings = nullptr;
    Core::Catalog *m_catalog = nullptr;
    Workspace *m_workspace = nullptr;
    MainWindow *m_window = nullptr;
    TestServer *m_server = nullptr;
};

void tst_MainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    m_catalog = new Core::Catalog;
    QStringList errors;
    QVERIFY(m_catalog->loadBuiltin(&errors));
}

void tst_MainWindow::cleanupTestCase()
{
    delete m_catalog;
}

void tst_MainWindow::init()
{
    m_client = new Core::HttpClient;
    m_settings = new QSettings(m_dir.filePath(QStringLiteral("apilens.ini")), QSettings::IniFormat);
    m_workspace = new Workspace(m_catalog, m_settings);
    m_window = new MainWindow(m_client, m_workspace, m_settings);
    m_window->newTab();
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    m_server = new TestServer;
    QVERIFY(m_server->listen());
}

void tst_MainWindow::cleanup()
{
    delete m_window;
    delete m_workspace;
    delete m_client;
    delete m_settings;
    delete m_server;
}

void tst_MainWindow::typeUrlAndSend(const QString &url)
{
    RequestTab *tab = m_window->currentTab();
    QLineEdit *edit = tab->editor()->urlEdit();
    edit->setFocus();
    edit->selectAll();
    QTest::keyClicks(edit, url);
    // Focus elsewhere, so the window's Ctrl+Enter shortcut sends, not the line edit.
    tab->response()->setFocus();
    QTest::keyClick(m_window, Qt::Key_Return, Qt::ControlModifier);
}

void tst_MainWindow::sentTabShowsWhatTheServerReceived()
{
    RequestTab *tab = m_window->currentTab();
    // A header of the user's own and one default switched off, through the real widgets.
    KeyValueModel *headers = tab->editor()->headersEditor()->model();
    QVERIFY(headers->setData(headers->index(0, KeyValueModel::NameColumn), QStringLiteral("Cache-Control"),
                             Qt::EditRole));
    QVERIFY(headers->setData(headers->index(0, KeyValueModel::ValueColumn), QStringLiteral("no-store"),
                             Qt::EditRole));
    tab->editor()->tabs()->setCurrentIndex(1);
    tab->editor()->defaultHeaders()->toggle()->click();
    QTreeWidget *defaults = tab->editor()->defaultHeaders()->tree();
    defaults->setFocus();
    defaults->setCurrentItem(defaults->topLevelItem(0)); // User-Agent
    QTest::keyClick(defaults, Qt::Key_Space);
    typeUrlAndSend(m_server->url(QStringLiteral("/redirect/1")).toString());
    QTRY_VERIFY_WITH_TIMEOUT(!tab->isBusy() && tab->runner()->hasExchange(), 10000);
    QCOMPARE(tab->runner()->lastExchange().status, 200);
    const QList<ApiLens::Test::ReceivedRequest> received = m_server->requests();
    QCOMPARE(received.size(), 2);
    const QString sent = tab->response()->sentView()->toPlainText();
    for (const auto &request : received) {
        QByteArray head = request.rawHead;
        head.replace("\r\n", "\n");
        head.chop(1); // the blank line ending the head
        QVERIFY2(sent.contains(QString::fromUtf8(head)), qPrintable(sent));
        QCOMPARE(request.header("User-Agent"), QByteArray());
        QCOMPARE(request.header("Cache-Control"), QByteArray("no-store"));
        QCOMPARE(request.header("Pragma"), QByteArray());
    }
    QVERIFY(sent.contains(QStringLiteral("302 Found, Location: /echo (followed)")));
}

void tst_MainWindow::sendShowsStatusOnBadge_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("badge");
    QTest::addColumn<Core::StatusClass>("statusClass");
    QTest::newRow("200") << QStringLiteral("/status/200") << QStringLiteral("✓ 200 OK · Success")
                         << Core::StatusClass::Success;
    QTest::newRow("301") << QStringLiteral("/status/301")
                         << QStringLiteral("↪ 301 Moved Permanently · Redirection")
                         << Core::StatusClass::Redirection;
    QTest::newRow("404") << QStringLiteral("/status/404") << QStringLiteral("⚠ 404 Not Found · Client error")
                         << Core::StatusClass::ClientError;
    QTest::newRow("503") << QStringLiteral("/status/503")
                         << QStringLiteral("✖ 503 Service Unavailable · Server error")
                         << Core::StatusClass::ServerError;
    QTest::newRow("refused") << QStringLiteral("refused")
                             << QStringLiteral("⊘ Connection refused · No response")
                             << Core::StatusClass::None;
}

void tst_MainWindow::sendShowsStatusOnBadge()
{
    QFETCH(QString, path);
    QFETCH(QString, badge);
    QFETCH(Core::StatusClass, statusClass);
    const QString url = path == QLatin1String("refused")
                            ? QStringLiteral("127.0.0.1:%1/").arg(TestServer::unusedPort())
                            : m_server->url(path).toString();
    RequestTab *tab = m_window->currentTab();
    QSignalSpy finished(tab, &RequestTab::exchangeFinished);
    typeUrlAndSend(url);
    QVERIFY(finished.wait(10000));
    ResponseView *response = tab->response();
    QCOMPARE(response->badge()->text(), badge);
    QCOMPARE(response->badge()->statusClass(), statusClass);
    QVERIFY(response->badge()->isVisible());
    if (statusClass == Core::StatusClass::None) {
        QCOMPARE(response->page(), ResponseView::Page::Failure);
        QVERIFY(response->failureMessage()->text().contains(QStringLiteral("is the server running?")));
    } else {
        QCOMPARE(response->page(), ResponseView::Page::Response);
        QCOMPARE(m_server->requests().size(), 1);
    }
    // The tab title follows the request; it is in no file, so it is marked as not saved.
    QVERIFY(m_window->tabWidget()
                ->tabText(m_window->tabWidget()->currentIndex())
                .startsWith(QStringLiteral("• GET ")));
}

void tst_MainWindow::responseBodyIsSavedWhole()
{
    // Save Response Body (Ctrl+Alt+S) writes every byte, also of a body too big to show (it is
    // on disk); the name offered is the URL's last segment or "response.<type>".
    RequestTab *tab = m_window->currentTab();
    QSignalSpy finished(tab, &RequestTab::exchangeFinished);
    typeUrlAndSend(m_server->url(QStringLiteral("/pattern/12000000")).toString());
    QVERIFY(finished.wait(20000));
    QCOMPARE(tab->response()->body().size(), 12000000);
    QCOMPARE(tab->response()->suggestedFileName(), QStringLiteral("response")); // octet-stream has no suffix
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("body.bin"));
    FilePicker::setNextAnswer(path);
    QSignalSpy saved(m_window->bodyActions(), &ResponseBodyActions::saved);
    QTest::keyClick(m_window, Qt::Key_S, Qt::ControlModifier | Qt::AltModifier);
    QVERIFY(saved.wait(20000));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QCOMPARE(bytes.size(), 12000000);
    for (qsizetype i = 0; i < bytes.size(); i += 997) {
        QCOMPARE(uchar(bytes.at(i)), uchar(i % 256));
    }
    QVERIFY(m_window->statusBar()->currentMessage().startsWith(QStringLiteral("Saved 11.4 MB to ")));
    // Copy puts the text on the clipboard; without a response there is nothing to save.
    typeUrlAndSend(m_server->url(QStringLiteral("/status/200?body=hello%20there")).toString());
    QVERIFY(finished.wait(10000));
    QCOMPARE(tab->response()->suggestedFileName(), QStringLiteral("response.txt"));
    m_window->bodyActions()->copy();
    QTRY_COMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("hello there"));
    // Ctrl+F finds in the body, also while the URL field has the focus; F3 moves on.
    tab->editor()->focusUrl();
    QTest::keyClick(m_window, Qt::Key_F, Qt::ControlModifier);
    QVERIFY(tab->response()->findBar()->isVisible());
    QTest::keyClicks(tab->response()->findBar()->edit(), QStringLiteral("there"));
    QTRY_COMPARE(tab->response()->prettyView()->matches().size(), 1);
    // Ctrl+Alt+F, from the URL field, puts the focus in the JSONPath filter of a JSON body.
    QSignalSpy pretty(tab->response(), &ResponseView::prettyReady);
    typeUrlAndSend(m_server->url(QStringLiteral("/echo")).toString());
    QVERIFY(finished.wait(10000));
    QVERIFY(!pretty.isEmpty() || pretty.wait(10000));
    tab->editor()->focusUrl();
    QTest::keyClick(m_window, Qt::Key_F, Qt::ControlModifier | Qt::AltModifier);
    QVERIFY(tab->response()->filterBar()->isVisible());
    QVERIFY(tab->response()->filterBar()->edit()->hasFocus());
    m_window->newTab();
    m_window->bodyActions()->save();
    QCOMPARE(m_window->statusBar()->currentMessage(), QStringLiteral("There is no response body to save"));
}

// Answers the modal Preferences dialog the next action opens: `fill` sets its fields, then OK.
void answerPreferences(const std::function<void(SettingsDialog *)> &fill)
{
    QTimer::singleShot(0, qApp, [fill] {
        auto *dialog = qobject_cast<SettingsDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        fill(dialog);
        dialog->accept();
        if (dialog->isVisible()) { // refused: what the fields held is said, nothing stored
            dialog->reject();
        }
    });
}

void tst_MainWindow::largestBodyIsASetting()
{
    // Edit › Preferences (Ctrl+,) sets the client's cut-off and keeps it; a bad size is said.
    auto *action = m_window->findChild<QAction *>(QStringLiteral("PreferencesAction"));
    QVERIFY(action);
    QVERIFY(action->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_Comma)));
    const qint64 before = m_client->maxBodyBytes();
    QString problem;
    answerPreferences([&problem](SettingsDialog *dialog) {
        for (QLineEdit *edit : dialog->findChildren<QLineEdit *>()) {
            if (edit->accessibleName() == QStringLiteral("Cut off bodies larger than")) {
                edit->setText(QStringLiteral("lots"));
            }
        }
        dialog->accept();
        problem = dialog->problem()->text();
    });
    action->trigger();
    QCOMPARE(m_client->maxBodyBytes(), before);
    QVERIFY2(problem.contains(QStringLiteral("is not a size")), qPrintable(problem));
    const auto setLimit = [](const QString &size) {
        answerPreferences([size](SettingsDialog *dialog) {
            for (QLineEdit *edit : dialog->findChildren<QLineEdit *>()) {
                if (edit->accessibleName() == QStringLiteral("Cut off bodies larger than")) {
                    edit->setText(size);
                }
            }
        });
    };
    setLimit(QStringLiteral("100M"));
    action->trigger();
    QCOMPARE(m_client->maxBodyBytes(), 100LL << 20);
    QCOMPARE(m_settings->value(QStringLiteral("responses/maxBodyBytes")).toLongLong(), 100LL << 20);
    // A server's body past it is cut off and the response says so.
    RequestTab *tab = m_window->currentTab();
    QSignalSpy finished(tab, &RequestTab::exchangeFinished);
    setLimit(QStringLiteral("1k"));
    action->trigger();
    QTRY_VERIFY(m_window->isActiveWindow()); // the dialog gave the keyboard back
    typeUrlAndSend(m_server->url(QStringLiteral("/pattern/5000")).toString());
    QVERIFY(finished.wait(10000));
    QVERIFY2(tab->response()->incompleteLabel()->isVisible() &&
                 tab->response()->incompleteLabel()->text().contains(QStringLiteral("limit")),
             qPrintable(tab->response()->incompleteLabel()->text()));
    m_workspace->config()->reset(Core::Config::MaxBodyBytes);
    QCOMPARE(m_client->maxBodyBytes(), before);
    QVERIFY(!m_settings->contains(QStringLiteral("responses/maxBodyBytes")));
}

void tst_MainWindow::newRequestsTakeThePreferences()
{
    // A new tab starts with the preferences' request settings; an opened request keeps its own.
    Core::Config *config = m_workspace->config();
    config->set(Core::Config::RequestTimeoutSeconds, 7);
    config->set(Core::Config::RequestVerifyTls, false);
    config->set(Core::Config::RequestFollowRedirects, false);
    QTest::keyClick(m_window, Qt::Key_T, Qt::ControlModifier);
    const Core::RequestSpec fresh = m_window->currentTab()->editor()->spec();
    QCOMPARE(fresh.settings.timeoutMs, 7000);
    QVERIFY(!fresh.settings.verifyTls);
    QVERIFY(!fresh.settings.followRedirects);
    Core::RequestSpec given;
    given.url = QStringLiteral("http://127.0.0.1:1/");
    QCOMPARE(m_window->newTab(given)->editor()->spec().settings.timeoutMs, 30000);
    for (const auto key : {Core::Config::RequestTimeoutSeconds, Core::Config::RequestVerifyTls,
                           Core::Config::RequestFollowRedirects}) {
        config->reset(key);
    }
    QCOMPARE(m_window->newTab()->editor()->spec().settings, Core::RequestSettings());
}

void tst_MainWindow::escapeCancels()
{
    RequestTab *tab = m_window->currentTab();
    QSignalSpy finished(tab, &RequestTab::exchangeFinished);
    typeUrlAndSend(m_server->url(QStringLiteral("/hang")).toString());
    QTRY_COMPARE(m_server->requests().size(), 1);
    QVERIFY(tab->isBusy());
    QCOMPARE(tab->response()->page(), ResponseView::Page::Pending);
    QTest::keyClick(m_window, Qt::Key_Escape);
    QTRY_COMPARE(finished.count(), 1); // abort() may finish synchronously
    QCOMPARE(tab->response()->failureTitle()->text(), QStringLiteral("Cancelled"));
    QVERIFY(!tab->isBusy());
}

void tst_MainWindow::inspectorExplainsErrorsAndRevealsFields()
{
    m_server->setHandler([](const ApiLens::Test::ReceivedRequest &request) {
        ApiLens::Test::Response response;
        if (request.method == "PATCH") {
            response.status = 409;
            response.headers = {{"Content-Type", "application/json"}};
            response.body =
                R"({"errors":[{"type":"write_protected_attribute","message":"serial_number is write-protected.","attribute":"serial_number"}]})";
        } else {
            response.headers = {{"Content-Type", "application/json"}};
            response.body = R"({"ok":true})";
        }
        return response;
    });
    RequestTab *tab = m_window->currentTab();
    Core::RequestSpec spec;
    spec.method = QStringLiteral("PATCH");
    spec.url = m_server->url(QStringLiteral("/assets/17")).toString();
    spec.body.kind = Core::BodyKind::Raw;
    spec.body.raw = "{\n  \"name\": \"pump\",\n  \"serial_number\": \"N9999\"\n}";
    spec.body.contentType = QStringLiteral("application/json");
    tab->editor()->setSpec(spec);
    QSignalSpy analysed(tab->response(), &ResponseView::analysisReady);
    tab->send();
    QVERIFY(analysed.wait(10000));
    ErrorInspector *inspector = tab->response()->inspector();
    QVERIFY(inspector->isVisible());
    QVERIFY2(inspector->text().contains(
                 QStringLiteral("write_protected_attribute = The attribute is write-protected")),
             qPrintable(inspector->text()));
    QVERIFY(tab->response()->summaryLabel()->text().contains(QStringLiteral("Netilion")));
    QVERIFY(tab->response()->badge()->toolTip().contains(QStringLiteral("conflicts with the current state")));

    // Double-clicking the field shows it in the request body.
    tab->editor()->tabs()->setCurrentIndex(0);
    Q_EMIT inspector->fieldsTable()->cellDoubleClicked(0, 0);
    QCOMPARE(tab->editor()->tabs()->currentIndex(), 2);
    QCOMPARE(tab->editor()->rawBodyEdit()->textCursor().selectedText(), QStringLiteral("\"serial_number\""));

    // A success hides the inspector again.
    spec.method = QStringLiteral("GET");
    spec.body = {};
    tab->editor()->setSpec(spec);
    tab->send();
    QVERIFY(analysed.wait(10000));
    QVERIFY(!inspector->isVisible());
}

void tst_MainWindow::collectionCatalogExplainsItsCodes()
{
    m_server->setHandler([](const ApiLens::Test::ReceivedRequest &) {
        ApiLens::Test::Response response;
        response.status = 409;
        response.headers = {{"Content-Type", "application/json"}};
        response.body = R"({"error_code":42,"error_message":"Out of stock"})";
        return response;
    });
    const QString root = QDir::cleanPath(m_dir.filePath(QStringLiteral("shop")));
    write(root + QStringLiteral("/orders.http"),
          "### Order\nPOST " + m_server->url(QStringLiteral("/orders")).toString().toUtf8() + "\n");
    write(root + QStringLiteral("/apilens-catalog.json"),
          R"({"version": 1, "kind": "vendor", "id": "numeric-codes", "name": "Our shop",
              "codes": [{"code": 42, "name": "NO STOCK", "meaning": "The item sold out."}]})");
    QSignalSpy loaded(m_window->collectionPane(), &CollectionPane::collectionLoaded);
    m_window->openCollection(root);
    QVERIFY(loaded.wait(5000));
    RequestTab *tab =
        m_window->openRequest({root + QStringLiteral("/orders.http"), QStringLiteral("Order"), 0});
    QVERIFY(tab);
    QSignalSpy analysed(tab->response(), &ResponseView::analysisReady);
    tab->send();
    QVERIFY(analysed.wait(10000));
    QVERIFY2(
        tab->response()->inspector()->text().contains(QStringLiteral("42 = NO STOCK: The item sold out.")),
        qPrintable(tab->response()->inspector()->text()));
    // A request in no collection explains with the built-in catalog only.
    RequestTab *plain = m_window->newTab();
    plain->editor()->urlEdit()->setText(m_server->url(QStringLiteral("/orders")).toString());
    QSignalSpy plainAnalysed(plain->response(), &ResponseView::analysisReady);
    plain->send();
    QVERIFY(plainAnalysed.wait(10000));
    QVERIFY(!plain->response()->inspector()->text().contains(QStringLiteral("NO STOCK")));
}

void tst_MainWindow::historyRecordsAndReopens()
{
    Core::HistoryService history;
    QSignalSpy opened(&history, &Core::HistoryService::opened);
    history.open(
        m_dir.filePath(QStringLiteral("history-%1.sqlite").arg(QDateTime::currentMSecsSinceEpoch())));
    QVERIFY(opened.wait(5000));
    m_window->setHistory(&history);
    QVERIFY(m_window->historyPane());
    QSignalSpy recorded(&history, &Core::HistoryService::recorded);
    typeUrlAndSend(m_server->url(QStringLiteral("/status/503")).toString());
    QVERIFY(recorded.wait(10000));
    HistoryModel *model = m_window->historyPane()->model();
    QTRY_COMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0).data(HistoryModel::StatusClassRole).toString(), QStringLiteral("5xx"));
    QCOMPARE(model->index(0).data().toString(),
             QStringLiteral("503  GET /status/503")); // no name: method and path once
    const int tabs = m_window->tabWidget()->count();
    Q_EMIT m_window->historyPane()->view()->activated(model->index(0));
    QTRY_COMPARE(m_window->tabWidget()->count(), tabs + 1);
    RequestTab *reopened = m_window->currentTab();
    QCOMPARE(reopened->editor()->urlEdit()->text(), m_server->url(QStringLiteral("/status/503")).toString());
    // As the user wrote it: the defaults ApiLens sent stay defaults, not headers of its own.
    QVERIFY(reopened->editor()->headersEditor()->model()->rows().isEmpty());
    QVERIFY(reopened->editor()->spec().omittedDefaults.isEmpty());
    // And what came back, without sending it again.
    QCOMPARE(reopened->response()->page(), ResponseView::Page::Response);
    QCOMPARE(reopened->response()->badge()->text(),
             QStringLiteral("✖ 503 Service Unavailable · Server error"));
    QCOMPARE(m_server->requests().size(), 1);
    m_window->setHistory(nullptr); // the service goes before the window in this test
    delete m_window;
    m_window = nullptr;
}

void tst_MainWindow::tabs()
{
    QCOMPARE(m_window->tabWidget()->count(), 1);
    QTest::keyClick(m_window, Qt::Key_T, Qt::ControlModifier);
    QCOMPARE(m_window->tabWidget()->count(), 2);
    QCOMPARE(m_window->tabWidget()->currentIndex(), 1);
    QCOMPARE(m_window->tabWidget()->tabText(1), QStringLiteral("New request"));
    m_window->closeTab(1);
    QCOMPARE(m_window->tabWidget()->count(), 1);
    m_window->closeTab(0); // the last tab is replaced by an empty one
    QCOMPARE(m_window->tabWidget()->count(), 1);
}

void tst_MainWindow::everyShortcutIsUnambiguous()
{
    // A key bound twice (by two actions, or twice in one) is ambiguous, and Qt then runs
    // neither: Ctrl+Q once quit nothing where the platform's theme binds Quit to it too.
    QHash<QKeySequence, QString> owners;
    int bound = 0;
    for (QAction *action : m_window->findChildren<QAction *>()) {
        const QList<QKeySequence> keys = action->shortcuts();
        QCOMPARE(QSet<QKeySequence>(keys.begin(), keys.end()).size(), keys.size());
        if (action->shortcutContext() == Qt::WidgetShortcut ||
            action->shortcutContext() == Qt::WidgetWithChildrenShortcut) {
            continue; // only while its widget has the focus
        }
        for (const QKeySequence &key : keys) {
            QVERIFY2(!owners.contains(key),
                     qPrintable(QStringLiteral("%1 is bound to both “%2” and “%3”")
                                    .arg(key.toString(), owners.value(key), action->text())));
            owners.insert(key, action->text());
            ++bound;
        }
    }
    QVERIFY(owners.contains(QKeySequence(Qt::CTRL | Qt::Key_Q)));
    QVERIFY(owners.contains(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S)));
    QVERIFY(bound > 10);
}

void tst_MainWindow::windowStateIsRestored()
{
    m_window->resize(1000, 700);
    m_window->currentTab()->splitter()->setSizes({200, 450});
    const QList<int> sizes = m_window->currentTab()->splitter()->sizes();
    m_window->close();
    delete m_window;
    delete m_workspace;
    m_workspace = new Workspace(m_catalog, m_settings);
    m_window = new MainWindow(m_client, m_workspace, m_settings);
    m_window->newTab();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    QCOMPARE(m_window->size(), QSize(1000, 700));
    QCOMPARE(m_window->currentTab()->splitter()->sizes(), sizes);
}

QByteArray tst_MainWindow::read(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

void tst_MainWindow::write(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

// A collection against the local test server: two environments, one with a secret token.
void tst_MainWindow::scriptsRunOnceTheFolderIsTrusted()
{
    const QString root = makeCollection();
    m_window->selectEnvironment(QStringLiteral("local"));
    const QString store = m_dir.filePath(QStringLiteral("config/trusted-folders.json"));
    m_workspace->setTrustStore(store);
    const QString chain = root + QStringLiteral("/api/chain.http");
    // The file's global region (httpyac) runs around every send too.
    write(chain, "{{\n  exports.region = \"r-1\";\n}}\n\n### Login\nGET {{host}}/echo?token=t-9\n\n> {%\n"
                 "  client.global.set(\"session\", response.body.query.split(\"=\")[1]);\n"
                 "  client.test(\"echoed\", () => client.assert(response.status === 200, \"status\"));\n"
                 "  client.log(\"session \" + client.global.get(\"session\"));\n%}\n\n"
                 "### Me\nGET {{host}}/echo?me={{session}}&r={{region}}\n");
    m_window->collectionPane()->rescan(root);

    RequestTab *login = m_window->openRequest({chain, QStringLiteral("Login"), 0});
    QVERIFY(login);
    login->send();
    QVERIFY(login->trustBar()->isVisible());
    QVERIFY2(login->trustBar()->findChild<QLabel *>()->text().contains(root.toHtmlEscaped()),
             qPrintable(login->trustBar()->findChild<QLabel *>()->text()));
    QSignalSpy finished(login, &RequestTab::exchangeFinished);
    QTest::mouseClick(login->trustButton(), Qt::LeftButton);
    QVERIFY(finished.wait(10000));
    QCOMPARE(login->assertionResults().size(), 1);
    QCOMPARE(login->assertionResults()[0].assertion, QStringLiteral("echoed"));
    QCOMPARE(login->assertionResults()[0].outcome, Core::AssertionResult::Outcome::Passed);
    QVERIFY2(login->checksLabel()->text().contains(QStringLiteral("session t-9")),
             qPrintable(login->checksLabel()->text()));
    // Remembered: the next request of the folder is not asked about, and sees what the script set.
    QVERIFY(Core::FolderTrust(store).isTrusted(chain));
    RequestTab *me = m_window->openRequest({chain, QStringLiteral("Me"), 0});
    QSignalSpy meFinished(me, &RequestTab::exchangeFinished);
    me->send();
    QVERIFY(!me->trustBar()->isVisible());
    QVERIFY(meFinished.wait(10000));
    QCOMPARE(m_server->requests().last().target, QByteArray("/echo?me=t-9&r=r-1"));
}

void tst_MainWindow::sendAnywaySendsUnresolvedVariables()
{
    RequestTab *tab = m_window->newTab();
    tab->editor()->urlEdit()->setText(m_server->url(QStringLiteral("/echo")).toString() +
                                      QStringLiteral("?v={{nothing}}"));
    const int before = int(m_server->requests().size());
    tab->send();
    QCOMPARE(tab->response()->page(), ResponseView::Page::Failure);
    QVERIFY(tab->response()->failureMessage()->text().contains(QStringLiteral("{{nothing}}")));
    QVERIFY(tab->response()->failureAction()->isVisible());
    QCOMPARE(int(m_server->requests().size()), before);
    QSignalSpy finished(tab, &RequestTab::exchangeFinished);
    QTest::mouseClick(tab->response()->failureAction(), Qt::LeftButton);
    QVERIFY(finished.wait(10000));
    QCOMPARE(m_server->requests().last().target, QByteArray("/echo?v={{nothing}}"));
    // Only that send: the next one asks again.
    tab->send();
    QCOMPARE(tab->response()->page(), ResponseView::Page::Failure);
}

QString tst_MainWindow::makeCollection()
{
    const QString root = QDir::cleanPath(
        m_dir.filePath(QStringLiteral("collection-%1").arg(QLatin1String(QTest::currentTestFunction()))));
    QDir(root).removeRecursively();
    const QByteArray base = m_server->url(QStringLiteral("/")).toString().chopped(1).toUtf8();
    write(root + QStringLiteral("/http-client.env.json"),
          R"({"local": {"host": ")" + base + R"("}, "wrong": {"host": ")" + base + R"(/wrong"}})");
    write(root + QStringLiteral("/http-client.private.env.json"), R"({"local": {"token": "t0k3n"}})");
    write(root + QStringLiteral("/api/users.http"),
          "# Users\n\n### Missing user\nGET {{host}}/status/404\n\n### Whoami\n# @no-redirect\nGET "
          "{{host}}/echo\n"
          "Authorization: Bearer {{token}}\n\n?? status == 200\n");
    m_window->openCollection(root);
    QSignalSpy loaded(m_window->collectionPane(), &CollectionPane::collectionLoaded);
    if (loaded.isEmpty()) {
        loaded.wait(5000);
    }
    return root;
}

RequestTab *tst_MainWindow::openFromTree(const QString &file, const QString &request)
{
    CollectionPane *pane = m_window->collectionPane();
    const QModelIndex index = pane->model()->indexOfRequest({file, request, 0});
    if (!index.isValid()) {
        return nullptr;
    }
    const QModelIndex proxyIndex = pane->proxy()->mapFromSource(index);
    pane->view()->scrollTo(proxyIndex);
    const QRect rect = pane->view()->visualRect(proxyIndex);
    QTest::mouseClick(pane->view()->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseDClick(pane->view()->viewport(), Qt::LeftButton, {}, rect.center());
    return m_window->tabFor({file, request, 0});
}

void tst_MainWindow::collectionRequestRunsFromTheTree()
{
    const QString root = makeCollection();
    const QString users = root + QStringLiteral("/api/users.http");
    // One environment is picked when the collection has it in the settings or has only one; here the user
    // picks.
    m_window->selectEnvironment(QStringLiteral("local"));
    RequestTab *tab = openFromTree(users, QStringLiteral("Missing user"));
    QVERIFY(tab);
    QCOMPARE(m_window->currentTab(), tab);
    QCOMPARE(tab->editor()->urlEdit()->text(), QStringLiteral("{{host}}/status/404"));
    QVERIFY(!tab->isModified());
    QSignalSpy finished(tab, &RequestTab::exchangeFinished);
    tab->response()->setFocus();
    QTest::keyClick(m_window, Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(finished.wait(10000));
    QCOMPARE(tab->response()->badge()->statusClass(), Core::StatusClass::ClientError);
    // The tree marks the request with its last status.
    const QModelIndex index =
        m_window->collectionPane()->model()->indexOfRequest({users, QStringLiteral("Missing user"), 0});
    QCOMPARE(index.data(CollectionModel::LastStatusRole).toInt(), 404);
    // Opening it again shows the same tab.
    QCOMPARE(openFromTree(users, QStringLiteral("Missing user")), tab);
    QCOMPARE(m_window->tabWidget()->count(), 2);
}

void tst_MainWindow::environmentSwitcherAndUnresolvedVariables()
{
    const QString root = makeCollection();
    const QString users = root + QStringLiteral("/api/users.http");
    QComboBox *combo = m_window->environmentCombo();
    RequestTab *tab = m_window->openRequest({users, QStringLiteral("Whoami"), 0});
    QVERIFY(tab);
    QCOMPARE(combo->count(), 3); // No environment, local, wrong
    QCOMPARE(combo->currentIndex(), 0);

    // No environment: {{host}} and {{token}} have no value; the send is refused and says why.
    QSignalSpy blocked(tab, &RequestTab::sendBlocked);
    tab->send();
    QCOMPARE(blocked.size(), 1);
    QCOMPARE(blocked[0][0].toStringList(), (QStringList{QStringLiteral("host"), QStringLiteral("token")}));
    QCOMPARE(tab->response()->page(), ResponseView::Page::Failure);
    QVERIFY(tab->response()->failureMessage()->text().contains(QStringLiteral("{{host}}, {{token}}")));
    QVERIFY(tab->editor()->urlEdit()->toolTip().contains(QStringLiteral("{{host}}")));
    QCOMPARE(tab->editor()->unresolvedVariables(),
             (QStringList{QStringLiteral("host"), QStringLiteral("token")}));
    QCOMPARE(m_server->requests().size(), 0);

    // "wrong" has the host but not the token.
    combo->setCurrentIndex(combo->findData(QStringLiteral("wrong")));
    Q_EMIT combo->activated(combo->currentIndex());
    QCOMPARE(tab->editor()->unresolvedVariables(), QStringList{QStringLiteral("token")});

    // "local" has both: the secret goes out, resolved.
    combo->setCurrentIndex(combo->findData(QStringLiteral("local")));
    Q_EMIT combo->activated(combo->currentIndex());
    QVERIFY(tab->editor()->unresolvedVariables().isEmpty());
    QSignalSpy finished(tab, &RequestTab::exchangeFinished);
    tab->send();
    QVERIFY(finished.wait(10000));
    QCOMPARE(m_server->requests().size(), 1);
    QCOMPARE(m_server->requests()[0].header("Authorization"), QByteArray("Bearer t0k3n"));
    QCOMPARE(m_server->requests()[0].path(), QByteArray("/echo"));
    // The choice is remembered per collection.
    QCOMPARE(m_window->activeEnvironment(root), QStringLiteral("local"));
}

void tst_MainWindow::saveWritesTheBlockAndExternalEditsAsk_data()
{
    QTest::addColumn<int>("choice"); // when the file changes under unsaved edits
    QTest::newRow("keep my edits") << 0;
    QTest::newRow("load from disk") << 1;
}

void tst_MainWindow::saveWritesTheBlockAndExternalEditsAsk()
{
    QFETCH(int, choice);
    const QString root = makeCollection();
    const QString users = root + QStringLiteral("/api/users.http");
    const QByteArray before = read(users);
    RequestTab *tab = m_window->openRequest({users, QStringLiteral("Missing user"), 0});
    QVERIFY(tab);
    QLineEdit *url = tab->editor()->urlEdit();
    url->setFocus();
    QTest::keyClick(url, Qt::Key_End);
    QTest::keyClicks(url, QStringLiteral("?verbose=1"));
    QVERIFY(tab->isModified());
    QVERIFY(m_window->tabWidget()
                ->tabText(m_window->tabWidget()->currentIndex())
                .startsWith(QStringLiteral("• ")));
    QTest::keyClick(m_window, Qt::Key_S, Qt::ControlModifier);
    QVERIFY(!tab->isModified());
    QByteArray expected = before;
    expected.replace("GET {{host}}/status/404\n", "GET {{host}}/status/404?verbose=1\n");
    QCOMPARE(read(users), expected); // the other request, comments and assertions untouched

    // Another program changes the request while the tab is clean: the tab follows.
    QTest::qWait(1100);
    QByteArray external = read(users);
    external.replace("?verbose=1", "?verbose=2");
    write(users, external);
    QTRY_COMPARE_WITH_TIMEOUT(url->text(), QStringLiteral("{{host}}/status/404?verbose=2"), 5000);
    QVERIFY(!tab->isModified());

    // Now with unsaved edits here: the user chooses.
    QTest::keyClicks(url, QStringLiteral("&mine"));
    QVERIFY(tab->isModified());
    Prompt::queueChoice(choice);
    QTest::qWait(1100);
    external.replace("?verbose=2", "?verbose=3");
    write(users, external);
    QTRY_COMPARE_WITH_TIMEOUT(Prompt::pendingAnswers(), 0, 5000);
    if (choice == 0) {
        QCOMPARE(url->text(), QStringLiteral("{{host}}/status/404?verbose=2&mine"));
        QVERIFY(tab->isModified());
        // Saving then writes the user's version.
        QVERIFY(m_window->saveTab(tab));
        QVERIFY(read(users).contains("GET {{host}}/status/404?verbose=2&mine\n"));
    } else {
        QCOMPARE(url->text(), QStringLiteral("{{host}}/status/404?verbose=3"));
        QVERIFY(!tab->isModified());
    }
}

void tst_MainWindow::unsavedEditsSurviveACrash()
{
    const QString root = makeCollection();
    const QString users = root + QStringLiteral("/api/users.http");
    const QString journal = m_dir.filePath(QStringLiteral("session-crash.json"));
    QFile::remove(journal);
    m_window->setSessionJournal(journal);
    RequestTab *tab = m_window->openRequest({users, QStringLiteral("Missing user"), 0});
    QTest::keyClicks(tab->editor()->urlEdit(), QStringLiteral("&unsaved"));
    // A scratch request in no collection is kept too, with what no .http file can say.
    RequestTab *scratch = m_window->newTab();
    QTest::keyClicks(scratch->editor()->urlEdit(), QStringLiteral("http://127.0.0.1:1/scratch"));
    Core::RequestSpec typed = scratch->editor()->spec();
    typed.settings.verifyTls = false;
    typed.settings.proxy.mode = Core::ProxyMode::None;
    scratch->editor()->setSpec(typed);
    Q_EMIT scratch->editor()->changed();
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(journal) && read(journal).contains("scratch"), 5000); // every 2 s
    const QByteArray onDisk = read(users);

    // "Crash": the window goes away without closing; what the journal had is what is left.
    delete m_window;
    delete m_workspace;
    m_workspace = new Workspace(m_catalog, m_settings);
    m_window = new MainWindow(m_client, m_workspace, m_settings);
    m_window->setSessionJournal(journal);
    m_window->openCollection(root);
    QCOMPARE(m_window->restoreSession(), 3); // the first empty tab, the request, the scratch one
    QCOMPARE(read(users), onDisk);           // restoring writes nothing
    RequestTab *restored = m_window->tabFor({users, QStringLiteral("Missing user"), 0});
    QVERIFY(restored);
    QVERIFY(restored->isModified());
    QCOMPARE(restored->editor()->urlEdit()->text(), QStringLiteral("{{host}}/status/404&unsaved"));
    RequestTab *back = qobject_cast<RequestTab *>(m_window->tabWidget()->widget(2));
    QCOMPARE(back->editor()->urlEdit()->text(), QStringLiteral("http://127.0.0.1:1/scratch"));
    QVERIFY(!back->editor()->spec().settings.verifyTls);
    QCOMPARE(back->editor()->spec().settings.proxy.mode, Core::ProxyMode::None);
    QCOMPARE(m_window->tabWidget()->currentIndex(), 2); // the tab that was in front
    QVERIFY(m_window->saveTab(restored));
    QVERIFY(read(users).contains("GET {{host}}/status/404&unsaved\n"));
    QVERIFY(!restored->isModified());
}

void tst_MainWindow::closingAModifiedTabAsks()
{
    const QString root = makeCollection();
    const QString users = root + QStringLiteral("/api/users.http");
    const QByteArray before = read(users);
    RequestTab *tab = m_window->openRequest({users, QStringLiteral("Whoami"), 0});
    QTest::keyClicks(tab->editor()->urlEdit(), QStringLiteral("/x"));
    const int tabs = m_window->tabWidget()->count();
    Prompt::queueChoice(-1); // Cancel: the tab stays
    m_window->closeTab(m_window->tabWidget()->indexOf(tab));
    QCOMPARE(m_window->tabWidget()->count(), tabs);
    Prompt::queueChoice(1); // Discard: closed, the file untouched
    m_window->closeTab(m_window->tabWidget()->indexOf(tab));
    QCOMPARE(m_window->tabWidget()->count(), tabs - 1);
    QCOMPARE(read(users), before);
}

void tst_MainWindow::quitAndStartAgainBringsEveryTabBack()
{
    const QString journal = m_dir.filePath(QStringLiteral("session-quit.json"));
    QFile::remove(journal);
    m_window->setSessionJournal(journal);
    RequestTab *typed = m_window->newTab();
    QTest::keyClicks(typed->editor()->urlEdit(), QStringLiteral("http://127.0.0.1:9/typed"));
    m_window->newTab(); // an empty one after it
    m_window->tabWidget()->setCurrentIndex(1);
    QCOMPARE(m_window->windowTitle(), QStringLiteral("GET /typed[*] — ApiLens"));
    QVERIFY(m_window->isWindowModified());
    // Ctrl+Q: no question (hot exit), the window closes.
    const int answers = Prompt::pendingAnswers();
    QTest::keyClick(m_window, Qt::Key_Q, Qt::ControlModifier);
    QVERIFY(!m_window->isVisible());
    QCOMPARE(Prompt::pendingAnswers(), answers);
    QVERIFY(QApplication::activeModalWidget() == nullptr);

    delete m_window;
    delete m_workspace;
    m_workspace = new Workspace(m_catalog, m_settings);
    m_window = new MainWindow(m_client, m_workspace, m_settings);
    m_window->setSessionJournal(journal);
    QCOMPARE(m_window->restoreSession(), 3);
    m_window->show();
    QCOMPARE(m_window->tabWidget()->currentIndex(), 1);
    RequestTab *back = m_window->currentTab();
    QCOMPARE(back->editor()->urlEdit()->text(), QStringLiteral("http://127.0.0.1:9/typed"));
    QVERIFY(back->isModified());
    QCOMPARE(m_window->tabWidget()->tabText(1), QStringLiteral("• GET /typed"));
    QCOMPARE(m_window->windowTitle(), QStringLiteral("GET /typed[*] — ApiLens"));
}

void tst_MainWindow::modifiedMarkFollowsTheContent()
{
    const QString root = makeCollection();
    RequestTab *tab =
        m_window->openRequest({root + QStringLiteral("/api/users.http"), QStringLiteral("Whoami"), 0});
    QVERIFY(tab);
    const int index = m_window->tabWidget()->indexOf(tab);
    QVERIFY(!tab->isModified());
    QCOMPARE(m_window->tabWidget()->tabText(index), QStringLiteral("Whoami"));
    QCOMPARE(m_window->windowTitle(), QStringLiteral("Whoami[*] — ApiLens"));
    QVERIFY(!m_window->isWindowModified());
    // Typing and typing back: modified, then not.
    QLineEdit *url = tab->editor()->urlEdit();
    url->setFocus();
    url->end(false);
    QTest::keyClicks(url, QStringLiteral("/x"));
    QVERIFY(tab->isModified());
    QCOMPARE(m_window->tabWidget()->tabText(index), QStringLiteral("• Whoami"));
    QVERIFY(m_window->isWindowModified());
    QTest::keyClick(url, Qt::Key_Backspace);
    QTest::keyClick(url, Qt::Key_Backspace);
    QVERIFY(!tab->isModified());
    QCOMPARE(m_window->tabWidget()->tabText(index), QStringLiteral("Whoami"));
    QVERIFY(!m_window->isWindowModified());
    // Tabbing through the tables changes nothing, so it marks nothing.
    for (KeyValueEditor *table : {tab->editor()->paramsEditor(), tab->editor()->headersEditor()}) {
        table->view()->setFocus();
        for (int i = 0; i < 6; ++i) {
            QTest::keyClick(table->view(), Qt::Key_Tab);
        }
    }
    QVERIFY(!tab->isModified());
    // Closing an unchanged tab asks nothing.
    const int answers = Prompt::pendingAnswers();
    m_window->closeTab(m_window->tabWidget()->indexOf(tab));
    QCOMPARE(Prompt::pendingAnswers(), answers);
    QVERIFY(!m_window->tabFor({root + QStringLiteral("/api/users.http"), QStringLiteral("Whoami"), 0}));
}

void tst_MainWindow::savingANewRequestAsksWhere()
{
    const QString root = makeCollection();
    const QString users = root + QStringLiteral("/api/users.http");
    write(root + QStringLiteral("/proxies.http"), "### Via proxy\nGET {{host}}/p\n");
    m_window->collectionPane()->rescan(root);
    QTRY_VERIFY_WITH_TIMEOUT(
        m_window->collectionPane()
            ->model()
            ->indexOfRequest({root + QStringLiteral("/proxies.http"), QStringLiteral("Via proxy"), 0})
            .isValid(),
        5000);
    // Another file is selected in the tree, as it was when a request ended up in proxies.http.
    m_window->collectionPane()->select(
        {root + QStringLiteral("/proxies.http"), QStringLiteral("Via proxy"), 0});
    const QByteArray proxies = read(root + QStringLiteral("/proxies.http"));
    RequestTab *tab = m_window->newTab();
    QTest::keyClicks(tab->editor()->urlEdit(), QStringLiteral("{{host}}/echo?new=1"));
    bool asked = false;
    QTimer::singleShot(0, this, [&asked] {
        auto *dialog = qobject_cast<SaveRequestDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        asked = true;
        dialog->nameEdit()->clear();
        QTest::keyClicks(dialog->nameEdit(), QStringLiteral("Echo new"));
        dialog->fileCombo()->setCurrentIndex(dialog->fileCombo()->findText(QStringLiteral("api/users.http")));
        dialog->accept();
    });
    QTest::keyClick(m_window, Qt::Key_S, Qt::ControlModifier);
    QVERIFY(asked);
    QVERIFY(read(users).contains("### Echo new\nGET {{host}}/echo?new=1\n"));
    QCOMPARE(read(root + QStringLiteral("/proxies.http")), proxies); // nothing went where it was not asked to
    QCOMPARE(tab->source().file, users);
    QVERIFY(!tab->isModified());
    QCOMPARE(m_window->tabWidget()->tabText(m_window->tabWidget()->indexOf(tab)), QStringLiteral("Echo new"));
    // Save As writes a copy elsewhere, and the tab follows it.
    m_window->activateWindow(); // the dialog had the focus
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    QTimer::singleShot(0, this, [] {
        auto *dialog = qobject_cast<SaveRequestDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        dialog->fileCombo()->setCurrentIndex(dialog->fileCombo()->count() - 1); // New file…
        dialog->newFileEdit()->setText(QStringLiteral("copies"));
        dialog->accept();
    });
    QTest::keyClick(m_window, Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(read(root + QStringLiteral("/copies.http")).contains("### Echo new\n"));
    QCOMPARE(tab->source().file, root + QStringLiteral("/copies.http"));
}

void tst_MainWindow::demoRequestWithoutTheDemoSaysHowToStartIt()
{
    const QString root = makeCollection();
    m_window->setDemoFolder(root);
    const QString dead = QStringLiteral("http://127.0.0.1:%1").arg(TestServer::unusedPort());
    write(root + QStringLiteral("/http-client.env.json"),
          R"({"demo": {"baseUrl": ")" + dead.toUtf8() + R"(", "host": ")" + dead.toUtf8() + R"("}})");
    m_window->collectionPane()->rescan(root);
    QTRY_VERIFY_WITH_TIMEOUT(m_workspace->environments(root)
                                     .publicVariables(QStringLiteral("demo"))
                                     .value(QStringLiteral("host")) == dead,
                             5000);
    m_window->selectEnvironment(QStringLiteral("demo"));
    RequestTab *tab =
        m_window->openRequest({root + QStringLiteral("/api/users.http"), QStringLiteral("Missing user"), 0});
    QSignalSpy finished(tab, &RequestTab::exchangeFinished);
    tab->send();
    QVERIFY(finished.wait(10000));
    QCOMPARE(tab->response()->page(), ResponseView::Page::Failure);
    QVERIFY2(tab->response()->failureHint()->text().contains(QStringLiteral("apilens-cli demo")),
             qPrintable(tab->response()->failureHint()->text()));

    // Another dead address, even from the demo's own collection, is not the demo's business.
    RequestTab *other = m_window->newTab();
    other->editor()->urlEdit()->setText(
        QStringLiteral("http://127.0.0.1:%1/x").arg(TestServer::unusedPort()));
    QSignalSpy otherFinished(other, &RequestTab::exchangeFinished);
    other->send();
    QVERIFY(otherFinished.wait(10000));
    QCOMPARE(other->response()->page(), ResponseView::Page::Failure);
    QVERIFY2(!other->response()->failureHint()->text().contains(QStringLiteral("demo")),
             qPrintable(other->response()->failureHint()->text()));
}

void tst_MainWindow::bodyFilesScriptsAndAssertions()
{
    const QString root = makeCollection();
    m_window->selectEnvironment(QStringLiteral("local"));
    write(root + QStringLiteral("/api/payload.json"), R"({"from": "inside"})");
    write(m_dir.filePath(QStringLiteral("outside.json")), R"({"from": "outside"})");
    const QString uploads = root + QStringLiteral("/api/uploads.http");
    write(uploads, "### Inside\nPOST {{host}}/echo\nContent-Type: application/json\n\n< ./payload.json\n\n"
                   "> {% client.global.set(\"seen\", true); %}\n\n?? status == 200\n?? status == 201\n\n"
                   "### Outside\nPOST {{host}}/echo\n\n< ../../outside.json\n\n"
                   "### Linked\nPOST {{host}}/echo\n\n< ./linked.json\n");
    m_window->collectionPane()->rescan(root);

    RequestTab *inside = m_window->openRequest({uploads, QStringLiteral("Inside"), 0});
    QVERIFY(inside);
    QVERIFY(inside->checksLabel()->isVisible());
    QVERIFY(inside->checksLabel()->text().contains(QStringLiteral("2 assertions")));
    QVERIFY(inside->checksLabel()->text().contains(
        QStringLiteral("1 script, run with each send in a trusted folder")));
    // The folder is not trusted: Send asks first, and sends nothing meanwhile.
    const int before = int(m_server->requests().size());
    inside->send();
    QVERIFY(inside->trustBar()->isVisible());
    QCOMPARE(int(m_server->requests().size()), before);
    QSignalSpy finished(inside, &RequestTab::exchangeFinished);
    QTest::mouseClick(inside->withoutScriptsButton(), Qt::LeftButton);
    QVERIFY(finished.wait(10000));
    QVERIFY(!inside->trustBar()->isVisible());
    QVERIFY2(inside->checksLabel()->text().contains(QStringLiteral("uploads.http:7: script not run")),
             qPrintable(inside->checksLabel()->text()));
    // The body file is read next to the .http file, not in the working directory.
    QCOMPARE(m_server->requests().last().body, QByteArray(R"({"from": "inside"})"));
    QCOMPARE(inside->assertionResults().size(), 2);
    QCOMPARE(inside->assertionResults()[0].outcome, Core::AssertionResult::Outcome::Passed);
    QCOMPARE(inside->assertionResults()[1].outcome, Core::AssertionResult::Outcome::Failed);
    QVERIFY(inside->checksLabel()->text().contains(QStringLiteral("1 of 2 checks did not pass")));
    // Declined for the session; Request › Trust This Folder's Scripts changes that.
    QAction *trust = nullptr;
    for (QAction *action : m_window->findChildren<QAction *>()) {
        trust = action->text() == QStringLiteral("&Trust This Folder's Scripts") ? action : trust;
    }
    QVERIFY(trust);
    m_workspace->setTrustStore(
        m_dir.filePath(QStringLiteral("trust-%1.json").arg(QLatin1String(QTest::currentTestFunction()))));
    trust->trigger();
    QSignalSpy again(inside, &RequestTab::exchangeFinished);
    inside->send();
    QVERIFY(!inside->trustBar()->isVisible());
    QVERIFY(again.wait(10000));
    QVERIFY2(!inside->checksLabel()->text().contains(QStringLiteral("not run")),
             qPrintable(inside->checksLabel()->text()));

    // A body file outside the collection needs a yes.
    RequestTab *outside = m_window->openRequest({uploads, QStringLiteral("Outside"), 0});
    const int sent = int(m_server->requests().size());
    Prompt::queueChoice(-1);
    outside->send();
    QCOMPARE(outside->response()->page(), ResponseView::Page::Failure);
    QVERIFY(outside->response()->failureMessage()->text().contains(QStringLiteral("outside the collection")));
    QTest::qWait(100);
    QCOMPARE(int(m_server->requests().size()), sent);
    Prompt::queueChoice(0);
    QSignalSpy outsideFinished(outside, &RequestTab::exchangeFinished);
    outside->send();
    QVERIFY(outsideFinished.wait(10000));
    QCOMPARE(m_server->requests().last().body, QByteArray(R"({"from": "outside"})"));
    // Asked once per collection and file: the next send goes without a question (the queued
    // answer stays unused).
    Prompt::queueChoice(-1);
    outside->send();
    QVERIFY(outsideFinished.wait(10000));
    QCOMPARE(Prompt::pendingAnswers(), 1);
    QCOMPARE(Prompt::choose(nullptr, QString(), QString(), {}), -1); // takes the queued answer back
    QCOMPARE(int(m_server->requests().size()), sent + 2);

    // A symbolic link inside the collection to a file outside is outside: asked too.
    write(m_dir.filePath(QStringLiteral("secret.json")), R"({"from": "a link"})");
    QVERIFY(QFile::link(m_dir.filePath(QStringLiteral("secret.json")),
                        root + QStringLiteral("/api/linked.json")));
    RequestTab *linked = m_window->openRequest({uploads, QStringLiteral("Linked"), 0});
    QVERIFY(linked);
    Prompt::queueChoice(-1);
    linked->send();
    QCOMPARE(linked->response()->page(), ResponseView::Page::Failure);
    QVERIFY2(linked->response()->failureMessage()->text().contains(QStringLiteral("secret.json")),
             qPrintable(linked->response()->failureMessage()->text()));
    QCOMPARE(int(m_server->requests().size()), sent + 2);
    QCOMPARE(Prompt::pendingAnswers(), 0);
}

// A header value with CR LF (pasted, or from a variable) would inject a header: the send is
// refused with a message naming the header, and nothing reaches the server.
void tst_MainWindow::headerInjectionIsRefused()
{
    RequestTab *tab = m_window->currentTab();
    Core::RequestSpec spec;
    spec.method = QStringLiteral("GET");
    spec.url = m_server->url(QStringLiteral("/echo")).toString();
    spec.headers.append(Core::KeyValue{QStringLiteral("X-Tag"), QStringLiteral("a\r\nX-Injected: 1"), true});
    tab->editor()->setSpec(spec);
    const int before = int(m_server->requests().size());
    tab->send();
    QTRY_COMPARE(tab->response()->page(), ResponseView::Page::Failure);
    QVERIFY2(tab->response()->failureMessage()->text().contains(QStringLiteral("X-Tag")) &&
                 tab->response()->failureMessage()->text().contains(QStringLiteral("line break")),
             qPrintable(tab->response()->failureMessage()->text()));
    QTest::qWait(100);
    QCOMPARE(int(m_server->requests().size()), before);
}

void tst_MainWindow::copyAsFillsInVariables()
{
    const QString root = makeCollection();
    m_window->selectEnvironment(QStringLiteral("local"));
    RequestTab *tab =
        m_window->openRequest({root + QStringLiteral("/api/users.http"), QStringLiteral("Whoami"), 0});
    QVERIFY(tab);
    QTest::keyClick(m_window, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    const QString copied = QGuiApplication::clipboard()->text();
    QVERIFY2(copied.startsWith(QStringLiteral("curl ") + m_server->url(QStringLiteral("/echo")).toString()),
             qPrintable(copied));
    QVERIFY(copied.contains(QStringLiteral("-H 'Authorization: Bearer t0k3n'")));
    // And it sends what ApiLens sends: curl's own parser reads it back to the same request.
    const Core::CurlImport back = Core::parseCurl(copied);
    QVERIFY(back.ok());
    QCOMPARE(back.spec.url, m_server->url(QStringLiteral("/echo")).toString());
    for (QAction *action : m_window->findChildren<QAction *>()) {
        if (action->text() == QStringLiteral("&Python requests")) {
            action->trigger();
        }
    }
    QVERIFY(QGuiApplication::clipboard()->text().startsWith(QStringLiteral("import requests")));
}

void tst_MainWindow::droppedFilesOpenOrImport()
{
    const QString capture = m_dir.filePath(QStringLiteral("capture.har"));
    write(capture, R"({"log": {"version": "1.2", "entries": [{"request": {"method": "GET", "url": ")" +
                       m_server->url(QStringLiteral("/status/204")).toString().toUtf8() +
                       R"(", "headers": []}}]}})");
    const QString target = QDir::cleanPath(m_dir.filePath(QStringLiteral("dropped")));
    QDir().mkpath(target);
    // Dropping a folder opens it as a collection.
    const auto drop = [this](const QString &path) {
        QMimeData data;
        data.setUrls({QUrl::fromLocalFile(path)});
        QDropEvent event(QPointF(200, 200), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        // Straight to the window: QApplication only routes drops that come from a real drag.
        static_cast<QObject *>(m_window)->event(&event);
    };
    QSignalSpy loaded(m_window->collectionPane(), &CollectionPane::collectionLoaded);
    drop(target);
    QVERIFY(loaded.wait(5000));
    QVERIFY(m_window->collectionPane()->roots().contains(target));
    // Dropping a HAR file shows the import dialog; importing fills the open collection.
    QSignalSpy shown(m_window, &MainWindow::importDialogShown);
    drop(capture);
    QCOMPARE(shown.size(), 1);
    auto *dialog = shown[0][0].value<ImportDialog *>();
    QSignalSpy ready(dialog, &ImportDialog::loaded);
    QVERIFY(ready.wait(5000));
    QCOMPARE(dialog->target()->currentData().toString(), target);
    QVERIFY(dialog->import());
    dialog->accept();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->collectionPane()
                                 ->model()
                                 ->indexOfPath(target + QStringLiteral("/127.0.0.1.http"))
                                 .isValid(),
                             5000);
    RequestTab *tab = m_window->openRequest(
        {target + QStringLiteral("/127.0.0.1.http"), QStringLiteral("GET /status/204"), 0}, true);
    QVERIFY(tab);
    QTRY_COMPARE(tab->response()->badge()->status(), 204);
}

void tst_MainWindow::openApiImportExplainsResponses()
{
    m_server->setHandler([](const ApiLens::Test::ReceivedRequest &) {
        ApiLens::Test::Response response;
        response.status = 409;
        response.headers = {{"Content-Type", "application/problem+json"}};
        response.body = R"({"type":"about:blank","title":"Conflict","status":409})";
        return response;
    });
    const QString root = QDir::cleanPath(m_dir.filePath(QStringLiteral("described")));
    // A request written by hand before the collection had a description.
    write(root + QStringLiteral("/mine.http"),
          "### Mine\nPOST " + m_server->url(QStringLiteral("/v1/orders")).toString().toUtf8() + "\n");
    QSignalSpy loaded(m_window->collectionPane(), &CollectionPane::collectionLoaded);
    m_window->openCollection(root);
    QVERIFY(loaded.wait(5000));
    RequestTab *mine =
        m_window->openRequest({root + QStringLiteral("/mine.http"), QStringLiteral("Mine"), 0});
    QVERIFY(mine);

    const QString description = m_dir.filePath(QStringLiteral("shop-openapi.yaml"));
    write(description,
          "openapi: 3.0.3\ninfo: {title: Shop}\nservers:\n  - url: " +
              m_server->url(QStringLiteral("/v1")).toString().toUtf8() +
              "\npaths:\n  /orders:\n    post:\n      tags: [orders]\n      summary: Place an order\n"
              "      requestBody:\n        content:\n          application/json:\n"
              "            example: {item: 42}\n      responses:\n        '201': {description: Placed.}\n"
              "        '409': {description: The same order was placed a minute ago.}\n");
    QSignalSpy shown(m_window, &MainWindow::importDialogShown);
    m_window->openPath(description);
    QCOMPARE(shown.size(), 1);
    auto *dialog = shown[0][0].value<ImportDialog *>();
    QSignalSpy ready(dialog, &ImportDialog::loaded);
    QVERIFY(ready.wait(5000));
    // The preview lists the request, the environment and the catalog entry.
    QStringList preview;
    for (QTreeWidgetItemIterator it(dialog->preview()); *it; ++it) {
        preview.append((*it)->text(0));
    }
    QVERIFY2(preview.contains(QStringLiteral("orders.http")) &&
                 preview.contains(QStringLiteral("Place an order")) &&
                 preview.contains(QStringLiteral("$shared")) &&
                 preview.contains(QStringLiteral("apilens-catalog.json")),
             qPrintable(preview.join(QLatin1Char(','))));
    dialog->target()->setCurrentIndex(dialog->target()->findData(root));
    QVERIFY(dialog->import());
    dialog->accept();
    QTRY_VERIFY_WITH_TIMEOUT(
        m_window->collectionPane()->model()->indexOfPath(root + QStringLiteral("/orders.http")).isValid(),
        5000);

    // The imported request resolves {{baseUrl}} from $shared; its 409 is explained by the description.
    RequestTab *tab =
        m_window->openRequest({root + QStringLiteral("/orders.http"), QStringLiteral("Place an order"), 0});
    QVERIFY(tab);
    QSignalSpy analysed(tab->response(), &ResponseView::analysisReady);
    tab->send();
    QVERIFY(analysed.wait(10000));
    const QString expected = QStringLiteral("Shop, POST /orders: The same order was placed a minute ago.");
    QVERIFY2(tab->response()->inspector()->text().contains(expected),
             qPrintable(tab->response()->inspector()->text()));
    // The tab opened before the import now explains with the description too.
    QSignalSpy mineAnalysed(mine->response(), &ResponseView::analysisReady);
    mine->send();
    QVERIFY(mineAnalysed.wait(10000));
    QVERIFY2(mine->response()->inspector()->text().contains(expected),
             qPrintable(mine->response()->inspector()->text()));
}

void tst_MainWindow::historyExportsAsHar()
{
    Core::HistoryService history;
    QSignalSpy opened(&history, &Core::HistoryService::opened);
    history.open(
        m_dir.filePath(QStringLiteral("history-har-%1.sqlite").arg(QDateTime::currentMSecsSinceEpoch())));
    QVERIFY(opened.wait(5000));
    m_window->setHistory(&history);
    QSignalSpy recorded(&history, &Core::HistoryService::recorded);
    typeUrlAndSend(QString()); // refused (no URL): nothing went out, nothing to record
    QTRY_COMPARE(m_window->currentTab()->response()->page(), ResponseView::Page::Failure);
    typeUrlAndSend(m_server->url(QStringLiteral("/status/404")).toString());
    QVERIFY(recorded.wait(10000));
    QTest::qWait(200);
    QCOMPARE(recorded.size(), 1);
    const QString path = m_dir.filePath(QStringLiteral("history.har"));
    FilePicker::setNextAnswer(path);
    QSignalSpy exported(&history, &Core::HistoryService::exported);
    for (QAction *action : m_window->findChildren<QAction *>()) {
        if (action->text() == QStringLiteral("Export History as &HAR…")) {
            action->trigger();
        }
    }
    QVERIFY(exported.wait(5000));
    QVERIFY(exported[0][0].toBool());
    QCOMPARE(exported[0][1].toInt(), 1);
    QVERIFY(read(path).contains(m_server->url(QStringLiteral("/status/404")).toString().toUtf8()));
    m_window->setHistory(nullptr);
    delete m_window;
    m_window = nullptr;
}

void tst_MainWindow::historyLeavesSecretsOut()
{
    // The private environment's token, sent in the path, an ordinary query parameter, a
    // header of no secret name and the body, and echoed back by the server: the server has it,
    // the history database has it nowhere.
    const QString root = makeCollection();
    const QString users = root + QStringLiteral("/api/users.http");
    Core::HistoryService history;
    QSignalSpy opened(&history, &Core::HistoryService::opened);
    const QString database = m_dir.filePath(QStringLiteral("history-secrets.sqlite"));
    QFile::remove(database);
    history.open(database);
    QVERIFY(opened.wait(5000));
    m_window->setHistory(&history);
    m_window->selectEnvironment(QStringLiteral("local"));
    RequestTab *tab = openFromTree(users, QStringLiteral("Whoami"));
    QVERIFY(tab);
    Core::RequestSpec spec = tab->editor()->spec();
    spec.method = QStringLiteral("POST");
    spec.url = QStringLiteral("{{host}}/echo/{{token}}?q={{token}}&page=2");
    spec.headers.append({QStringLiteral("X-Note"), QStringLiteral("uses {{token}}"), true});
    spec.body.kind = Core::BodyKind::Raw;
    spec.body.raw = R"({"t": "{{token}}"})";
    tab->editor()->setSpec(spec);
    QSignalSpy recorded(&history, &Core::HistoryService::recorded);
    tab->send();
    QVERIFY(recorded.wait(10000));
    QVERIFY(m_server->lastRequest().target.contains("t0k3n"));
    QVERIFY(m_server->lastRequest().body.contains("t0k3n"));
    m_window->setHistory(nullptr);
    QFile file(database);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll() + read(database + QStringLiteral("-wal"));
    QVERIFY(!bytes.contains("t0k3n"));
    Core::HistoryStore store;
    QString error;
    QVERIFY2(store.open(database, &error), qPrintable(error));
    const QList<Core::HistoryEntry> entries = store.find({});
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries[0].url,
             m_server->url(QStringLiteral("/echo/")).toString() + QStringLiteral("•••?q=•••&page=2"));
    const std::optional<Core::StoredExchange> stored = store.load(entries[0].id);
    QVERIFY(stored);
    QVERIFY(stored->requestBody.contains("[redacted]") && stored->responseBody.contains("[redacted]"));
    // Nor is it in the session journal: tabs keep what was typed ({{token}}), never a value.
    const QString journal = m_dir.filePath(QStringLiteral("session-secrets.json"));
    m_window->setSessionJournal(journal);
    QVERIFY(m_window->writeSession());
    const QByteArray session = read(journal);
    QVERIFY(session.contains("{{token}}"));
    QVERIFY(!session.contains("t0k3n"));
}

void tst_MainWindow::menusInTheDesktopsOrder()
{
    // File, Edit, View first and Help last, as in every desktop's guidelines (KDE, GNOME).
    QStringList titles;
    for (QAction *menu : m_window->menuBar()->actions()) {
        titles.append(menu->text().remove(QLatin1Char('&')));
    }
    QCOMPARE(titles,
             (QStringList{QStringLiteral("File"), QStringLiteral("Edit"), QStringLiteral("View"),
                          QStringLiteral("Request"), QStringLiteral("Response"), QStringLiteral("Help")}));
}

void tst_MainWindow::tabsSwitchFromAnywhere_data()
{
    // Keys pressed with the focus in the URL field, where the tab bar's own keys do not reach.
    QTest::addColumn<int>("key");
    QTest::addColumn<int>("modifiers");
    QTest::addColumn<int>("step");
    QTest::newRow("Ctrl+PgDown") << int(Qt::Key_PageDown) << int(Qt::ControlModifier) << 1;
    QTest::newRow("Ctrl+PgUp") << int(Qt::Key_PageUp) << int(Qt::ControlModifier) << -1;
    QTest::newRow("Ctrl+Tab") << int(Qt::Key_Tab) << int(Qt::ControlModifier) << 1;
    QTest::newRow("Ctrl+Shift+Tab") << int(Qt::Key_Backtab) << int(Qt::ControlModifier | Qt::ShiftModifier)
                                    << -1;
}

void tst_MainWindow::tabsSwitchFromAnywhere()
{
    QFETCH(int, key);
    QFETCH(int, modifiers);
    QFETCH(int, step);
    m_window->newTab();
    m_window->newTab(); // three tabs, the last one current
    QTabWidget *tabs = m_window->tabWidget();
    QCOMPARE(tabs->count(), 3);
    tabs->setCurrentIndex(1);
    QLineEdit *url = m_window->currentTab()->editor()->urlEdit();
    url->setFocus();
    QTRY_VERIFY(url->hasFocus());
    QTest::keyClick(url, Qt::Key(key), Qt::KeyboardModifiers(modifiers));
    QCOMPARE(tabs->currentIndex(), 1 + step);
    QTest::keyClick(m_window->currentTab()->editor()->urlEdit(), Qt::Key(key),
                    Qt::KeyboardModifiers(modifiers));
    QCOMPARE(tabs->currentIndex(), (1 + 2 * step + 3) % 3); // and round again past the end
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
