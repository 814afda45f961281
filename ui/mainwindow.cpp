#include "mainwindow.h"

#include "catalogbrowser.h"
#include "historypane.h"
#include "requesteditor.h"
#include "requestrunner.h"
#include "requesttab.h"
#include "responseview.h"
#include "statusstyle.h"

#include "catalog/catalog.h"
#include "http/exchange.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTabBar>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>

namespace ApiLens::Ui {

namespace {

const QString GeometryKey = QStringLiteral("window/geometry");
const QString StateKey = QStringLiteral("window/state");
const QString SplitterKey = QStringLiteral("window/requestSplitter");
const QString InspectorKey = QStringLiteral("window/inspectorSplitter");

} // namespace

MainWindow::MainWindow(Core::HttpClient *client, const Core::Catalog *catalog, QSettings *settings,
                       QWidget *parent)
    : QMainWindow(parent)
    , m_client(client)
    , m_catalog(catalog)
    , m_settings(settings)
    , m_tabs(new QTabWidget(this))
    , m_tlsStatus(new QLabel(this))
    , m_protocolStatus(new QLabel(this))
    , m_connectionStatus(new QLabel(this))
{
    setWindowTitle(QStringLiteral("ApiLens"));
    setObjectName(QStringLiteral("MainWindow"));
    m_tabs->setDocumentMode(true);
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->tabBar()->setExpanding(false);
    m_tabs->setElideMode(Qt::ElideMiddle);
    setCentralWidget(m_tabs);

    auto *plus = new QToolButton(this);
    plus->setText(QStringLiteral("+"));
    QFont plusFont = plus->font();
    plusFont.setPointSizeF(plusFont.pointSizeF() * 1.3);
    plusFont.setBold(true);
    plus->setFont(plusFont);
    plus->setToolTip(tr("New request (Ctrl+T)"));
    plus->setAutoRaise(true);
    m_tabs->setCornerWidget(plus, Qt::TopRightCorner);
    connect(plus, &QToolButton::clicked, this, [this] { newTab(); });
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeTab);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updateStatusBar);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updateActions);

    statusBar()->addPermanentWidget(m_tlsStatus);
    statusBar()->addPermanentWidget(m_protocolStatus);
    statusBar()->addPermanentWidget(m_connectionStatus);
    createActions();
    restoreWindowState();
    updateStatusBar();
    updateActions();
}

void MainWindow::updateActions()
{
    const RequestTab *tab = currentTab();
    const bool busy = tab && tab->isBusy();
    m_cancelAction->setEnabled(busy);
    m_sendAction->setEnabled(tab && !busy);
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newRequest = file->addAction(tr("&New Request"), this, [this] { newTab(); });
    newRequest->setShortcut(QKeySequence::AddTab);
    newRequest->setIcon(style()->standardIcon(QStyle::SP_FileIcon));
    QAction *close = file->addAction(tr("&Close Tab"), this, [this] { closeTab(m_tabs->currentIndex()); });
    close->setShortcut(QKeySequence::Close);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *request = menuBar()->addMenu(tr("&Request"));
    QAction *send = request->addAction(tr("&Send"), this, &MainWindow::sendCurrent);
    send->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    send->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    QAction *cancel = request->addAction(tr("&Cancel"), this, &MainWindow::cancelCurrent);
    cancel->setShortcut(QKeySequence(Qt::Key_Escape));
    cancel->setIcon(style()->standardIcon(QStyle::SP_BrowserStop));
    m_sendAction = send;
    m_cancelAction = cancel;
    request->addSeparator();
    QAction *focusUrl = request->addAction(tr("Edit &URL"), this, [this] {
        if (RequestTab *tab = currentTab()) {
            tab->editor()->focusUrl();
        }
    });
    focusUrl->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *catalog =
        help->addAction(tr("Status Codes and Error &Catalog…"), this, &MainWindow::showCatalog);
    catalog->setShortcut(QKeySequence::HelpContents);
    catalog->setEnabled(m_catalog != nullptr);
    help->addAction(tr("&About ApiLens"), this, [this] {
        QMessageBox::about(
            this, tr("About ApiLens"),
            tr("<h3>ApiLens %1</h3><p>A native desktop API explorer that reads error responses for "
               "you.</p><p>Built with Qt %2.</p>")
                .arg(QStringLiteral(APILENS_VERSION), QString::fromLatin1(qVersion())));
    });

    QToolBar *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("MainToolbar"));
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(newRequest);
    toolbar->addSeparator();
    toolbar->addAction(send);
    toolbar->addAction(cancel);
}

RequestTab *MainWindow::newTab(const Core::RequestSpec &spec)
{
    auto *tab = new RequestTab(m_client, m_catalog, m_tabs);
    tab->setName(spec.name);
    if (!spec.url.isEmpty() || spec.method != QLatin1String("GET")) {
        tab->editor()->setSpec(spec);
    }
    if (!m_splitterState.isEmpty()) {
        tab->splitter()->restoreState(m_splitterState);
    }
    if (!m_inspectorState.isEmpty()) {
        tab->response()->inspectorSplitter()->restoreState(m_inspectorState);
    }
    connect(tab->response()->inspectorSplitter(), &QSplitter::splitterMoved, this,
            [this, tab] { m_inspectorState = tab->response()->inspectorSplitter()->saveState(); });
    connect(tab, &RequestTab::titleChanged, this, [this, tab] { updateTabTitle(tab); });
    connect(tab, &RequestTab::exchangeFinished, this, [this, tab](const Core::Exchange &exchange) {
        if (m_history) {
            m_history->record(exchange, tab->title());
        }
        updateTabTitle(tab);
        if (tab == currentTab()) {
            updateStatusBar();
        }
    });
    connect(tab, &RequestTab::busyChanged, this, &MainWindow::updateActions);
    connect(tab->splitter(), &QSplitter::splitterMoved, this,
            [this, tab] { m_splitterState = tab->splitter()->saveState(); });
    const int index = m_tabs->addTab(tab, tab->title());
    m_tabs->setCurrentIndex(index);
    updateTabTitle(tab);
    if (spec.url.isEmpty()) {
        tab->editor()->focusUrl();
    } else {
        tab->editor()->urlEdit()->setFocus();
    }
    return tab;
}

RequestTab *MainWindow::currentTab() const
{
    return qobject_cast<RequestTab *>(m_tabs->currentWidget());
}

void MainWindow::sendCurrent()
{
    if (RequestTab *tab = currentTab()) {
        tab->send();
    }
}

void MainWindow::cancelCurrent()
{
    if (RequestTab *tab = currentTab(); tab && tab->isBusy()) {
        tab->cancel();
    }
}

void MainWindow::addRequestMenu(const QString &title, const QList<NamedRequest> &requests)
{
    QMenu *menu = new QMenu(title, this);
    menuBar()->insertMenu(menuBar()->actions().constLast(), menu); // before Help
    QMenu *group = nullptr;
    for (const NamedRequest &request : requests) {
        if (!group || group->title() != request.group) {
            group = menu->addMenu(request.group);
        }
        QAction *action = group->addAction(QStringLiteral("%1  —  %2").arg(request.name, request.summary));
        action->setToolTip(request.spec.method + QLatin1Char(' ') + request.spec.url);
        connect(action, &QAction::triggered, this, [this, request] {
            Core::RequestSpec spec = request.spec;
            spec.name = request.name;
            newTab(spec)->send();
        });
    }
}

void MainWindow::setHistory(Core::HistoryService *history)
{
    m_history = history;
    if (!history || m_historyPane) {
        return;
    }
    m_historyPane = new HistoryPane(history, this);
    auto *dock = new QDockWidget(tr("History"), this);
    dock->setObjectName(QStringLiteral("HistoryDock"));
    dock->setWidget(m_historyPane);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    resizeDocks({dock}, {300}, Qt::Horizontal);
    connect(m_historyPane, &HistoryPane::entryActivated, history, &Core::HistoryService::load);
    connect(history, &Core::HistoryService::loaded, this, [this](const Core::StoredExchange &stored) {
        // The request again, in a new tab (secret headers were not stored, so they are left out).
        Core::RequestSpec spec;
        spec.name = stored.entry.name;
        spec.method = stored.entry.method;
        spec.url = stored.entry.url;
        for (const auto &header : stored.requestHeaders) {
            if (!Core::HistoryStore::isSecretHeader(header.first) &&
                header.first.compare("Host", Qt::CaseInsensitive) != 0 &&
                header.first.compare("Content-Length", Qt::CaseInsensitive) != 0) {
                spec.headers.append(
                    {QString::fromLatin1(header.first), QString::fromUtf8(header.second), true});
            }
        }
        if (!stored.requestBody.isEmpty()) {
            spec.body.kind = Core::BodyKind::Raw;
            spec.body.raw = stored.requestBody;
            spec.body.contentType =
                QString::fromUtf8(Core::headerValue(stored.requestHeaders, "Content-Type"));
        }
        newTab(spec);
    });
    restoreState(m_settings->value(StateKey).toByteArray());
    m_historyPane->refresh();
}

void MainWindow::showCatalog()
{
    if (!m_catalog) {
        return;
    }
    if (!m_catalogBrowser) {
        m_catalogBrowser = new CatalogBrowser(m_catalog, this);
    }
    m_catalogBrowser->show();
    m_catalogBrowser->raise();
    m_catalogBrowser->activateWindow();
}

void MainWindow::closeTab(int index)
{
    QWidget *tab = m_tabs->widget(index);
    if (!tab) {
        return;
    }
    m_tabs->removeTab(index);
    tab->deleteLater();
    if (m_tabs->count() == 0) {
        newTab();
    }
}

void MainWindow::updateTabTitle(RequestTab *tab)
{
    const int index = m_tabs->indexOf(tab);
    if (index < 0) {
        return;
    }
    m_tabs->setTabText(index, tab->title());
    if (tab->runner()->hasExchange()) {
        const Core::Exchange &exchange = tab->runner()->lastExchange();
        const StatusStyle style = StatusStyle::forClass(exchange.statusClass(), palette());
        m_tabs->setTabToolTip(
            index,
            exchange.hasResponse()
                ? QStringLiteral("%1 %2 — %3").arg(exchange.status).arg(exchange.displayReason(), style.name)
                : Core::transportErrorTitle(exchange.error));
        m_tabs->tabBar()->setTabTextColor(index, style.fill);
    }
}

void MainWindow::updateStatusBar()
{
    RequestTab *tab = currentTab();
    const bool verify = !tab || tab->editor()->spec().settings.verifyTls;
    m_tlsStatus->setText(verify ? tr("TLS verification on") : tr("⚠ TLS verification off"));
    if (tab && tab->runner()->hasExchange() && tab->runner()->lastExchange().hasResponse()) {
        const Core::Exchange &exchange = tab->runner()->lastExchange();
        m_protocolStatus->setText(QStringLiteral("· ") + exchange.httpVersion);
        const QByteArray connection = exchange.header("Connection").toLower();
        m_connectionStatus->setText(connection == "close" ? tr("· connection closed") : tr("· keep-alive"));
    } else {
        m_protocolStatus->clear();
        m_connectionStatus->clear();
    }
}

void MainWindow::restoreWindowState()
{
    if (!restoreGeometry(m_settings->value(GeometryKey).toByteArray())) {
        resize(1280, 820);
    }
    restoreState(m_settings->value(StateKey).toByteArray());
    m_splitterState = m_settings->value(SplitterKey).toByteArray();
    m_inspectorState = m_settings->value(InspectorKey).toByteArray();
}

void MainWindow::saveWindowState()
{
    m_settings->setValue(GeometryKey, saveGeometry());
    m_settings->setValue(StateKey, saveState());
    if (RequestTab *tab = currentTab()) {
        m_splitterState = tab->splitter()->saveState();
    }
    m_settings->setValue(SplitterKey, m_splitterState);
    m_settings->setValue(InspectorKey, m_inspectorState);
    m_settings->sync();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveWindowState();
    event->accept();
}

} // namespace ApiLens::Ui
