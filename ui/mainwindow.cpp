#include "mainwindow.h"

#include "catalogbrowser.h"
#include "collectioncommands.h"
#include "collectionmodel.h"
#include "collectionpane.h"
#include "environmenteditor.h"
#include "filepicker.h"
#include "historypane.h"
#include "importdialog.h"
#include "prompt.h"
#include "requesteditor.h"
#include "requestrunner.h"
#include "requesttab.h"
#include "responseview.h"
#include "statusstyle.h"

#include "catalog/catalog.h"
#include "collections/bodyfiles.h"
#include "http/exchange.h"
#include "interop/commandexport.h"
#include "interop/curl.h"
#include "interop/postman.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>

namespace ApiLens::Ui {

namespace {

const QString GeometryKey = QStringLiteral("window/geometry");
const QString StateKey = QStringLiteral("window/state");
const QString SplitterKey = QStringLiteral("window/requestSplitter");
const QString InspectorKey = QStringLiteral("window/inspectorSplitter");
const QString CollectionsKey = QStringLiteral("collections/open");
const QString EnvironmentKey = QStringLiteral("collections/environment/");

QString settingsKeyFor(const QString &root)
{
    // QSettings keys cannot hold '/' freely; the root path goes in hex.
    return EnvironmentKey + QString::fromLatin1(root.toUtf8().toHex());
}

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
    // Whole titles (capped in updateTabTitle) and scroll buttons, never a row of "…" tabs.
    m_tabs->setElideMode(Qt::ElideNone);
    m_tabs->setUsesScrollButtons(true);
    setCentralWidget(m_tabs);
    setAcceptDrops(true); // folders, .http files and files to import

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
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_environmentCombo) {
            refreshEnvironmentCombo();
        }
    });

    statusBar()->addPermanentWidget(m_tlsStatus);
    statusBar()->addPermanentWidget(m_protocolStatus);
    statusBar()->addPermanentWidget(m_connectionStatus);

    m_collections = new CollectionPane(this);
    auto *collectionsDock = new QDockWidget(tr("Collections"), this);
    collectionsDock->setObjectName(QStringLiteral("CollectionsDock"));
    collectionsDock->setWidget(m_collections);
    addDockWidget(Qt::LeftDockWidgetArea, collectionsDock);
    resizeDocks({collectionsDock}, {340}, Qt::Horizontal);
    connect(m_collections, &CollectionPane::requestActivated, this,
            [this](const Core::RequestLocation &where, bool send) { openRequest(where, send); });
    connect(m_collections, &CollectionPane::collectionLoaded, this, &MainWindow::onCollectionLoaded);
    connect(m_collections, &CollectionPane::fileChanged, this, &MainWindow::onFileChanged);
    connect(m_collections, &CollectionPane::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    connect(m_collections, &CollectionPane::requestMoved, this,
            [this](const Core::RequestLocation &from, const Core::RequestLocation &to) {
                if (RequestTab *tab = tabFor(from)) {
                    tab->setSource(to, tab->diskText());
                    if (!to.name.isEmpty()) {
                        tab->setName(to.name);
                    }
                    updateTabTitle(tab);
                }
            });
    connect(m_collections, &CollectionPane::pathMoved, this, [this](const QString &from, const QString &to) {
        for (RequestTab *tab : tabs()) {
            Core::RequestLocation where = tab->source();
            if (where.file == from || where.file.startsWith(from + QLatin1Char('/'))) {
                where.file = to + where.file.mid(from.size());
                tab->setSource(where, tab->diskText());
            }
        }
    });
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
    QAction *openCollectionAction = file->addAction(tr("&Open Collection…"), this, [this] {
        const QString folder = FilePicker::openFolder(this, tr("Open Collection Folder"));
        if (!folder.isEmpty()) {
            openCollection(folder);
        }
    });
    openCollectionAction->setShortcut(QKeySequence::Open);
    m_saveAction = file->addAction(tr("&Save Request"), this, &MainWindow::saveCurrent);
    m_saveAction->setShortcut(QKeySequence::Save);
    m_saveAction->setIcon(style()->standardIcon(QStyle::SP_DialogSaveButton));
    file->addSeparator();
    QAction *importAction = file->addAction(tr("&Import…"), this, [this] {
        const QString path = FilePicker::openFile(this, tr("Import Postman, Insomnia, OpenAPI, HAR or curl"));
        if (!path.isEmpty()) {
            importFile(path);
        }
    });
    importAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    file->addAction(tr("Export Collection as &Postman…"), this, &MainWindow::exportCollectionPostman);
    file->addAction(tr("Export Collection as &curl Script…"), this, &MainWindow::exportCollectionCurl);
    file->addAction(tr("Export History as &HAR…"), this, &MainWindow::exportHistoryHar);
    file->addSeparator();
    QAction *close = file->addAction(tr("&Close Tab"), this, [this] { closeTab(m_tabs->currentIndex()); });
    close->setShortcut(QKeySequence::Close);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_collections->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_collections->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    QAction *environments = edit->addAction(tr("&Environments…"), this, &MainWindow::editEnvironments);
    environments->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));

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
    request->addSeparator();
    // The request as a command for another tool, variables filled in from the environment.
    QMenu *copyAs = request->addMenu(tr("Copy &As"));
    const auto addCopy = [this, copyAs](const QString &text, QString (*render)(const Core::RequestSpec &),
                                        const QKeySequence &key) {
        QAction *action = copyAs->addAction(text, this, [this, render, text] {
            if (RequestTab *tab = currentTab()) {
                QGuiApplication::clipboard()->setText(render(tab->resolvedSpec()));
                statusBar()->showMessage(tr("Copied as %1").arg(QString(text).remove(QLatin1Char('&'))),
                                         4000);
            }
        });
        action->setShortcut(key);
    };
    addCopy(tr("&cURL"), &Core::toCurl, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    addCopy(tr("&HTTPie"), &Core::toHttpie, {});
    addCopy(tr("&Python requests"), &Core::toPythonRequests, {});
    addCopy(tr("&JavaScript fetch"), &Core::toFetch, {});

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
    toolbar->addAction(m_saveAction);
    toolbar->addSeparator();
    toolbar->addAction(send);
    toolbar->addAction(cancel);
    toolbar->addSeparator();
    auto *envLabel = new QLabel(tr(" Environment: "), toolbar);
    toolbar->addWidget(envLabel);
    m_environmentCombo = new QComboBox(toolbar);
    m_environmentCombo->setObjectName(QStringLiteral("EnvironmentCombo"));
    m_environmentCombo->setMinimumContentsLength(12);
    m_environmentCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_environmentCombo->setToolTip(tr("Where {{variables}} get their values (Edit › Environments…)"));
    toolbar->addWidget(m_environmentCombo);
    connect(m_environmentCombo, &QComboBox::activated, this,
            [this] { selectEnvironment(m_environmentCombo->currentData().toString()); });
    toolbar->addAction(environments);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget *dock : findChildren<QDockWidget *>()) {
        view->addAction(dock->toggleViewAction());
    }
    m_viewMenu = view;
}

RequestTab *MainWindow::newTab(const Core::RequestSpec &spec, const QString &collectionRoot)
{
    const std::shared_ptr<Core::Catalog> collectionCatalog = m_catalogs.value(collectionRoot);
    auto *tab = new RequestTab(m_client, collectionCatalog ? collectionCatalog.get() : m_catalog, m_tabs);
    tab->setResolverFactory([this](const RequestTab *t) { return resolverFor(t); });
    tab->setSendPreparer([this, tab](Core::RequestSpec *spec, QString *reason) {
        // Body files ("< ./file", multipart "< ./file" lines and file parts) are relative to
        // the .http file, or to the collection for a request in none; one outside the
        // collection needs a yes.
        const QString root = collectionOf(tab);
        const QString base = tab->hasSource() ? QFileInfo(tab->source().file).absolutePath() : root;
        for (const Core::BodyFile &file :
             Core::bodyFiles(*spec, base.isEmpty() ? QDir::currentPath() : base)) {
            if (!root.isEmpty() && !file.absolute.startsWith(root + QLatin1Char('/')) &&
                Prompt::choose(this, tr("Body File Outside the Collection"),
                               tr("This request sends %1, which is outside the collection folder.")
                                   .arg(QDir::toNativeSeparators(file.absolute)),
                               {tr("Send It")}) != 0) {
                *reason = tr("The body file %1 is outside the collection; sending it was not confirmed.")
                              .arg(QDir::toNativeSeparators(file.absolute));
                return false;
            }
        }
        return Core::inlineBodyFiles(spec, base.isEmpty() ? QDir::currentPath() : base, reason);
    });
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
            m_history->record(exchange, tab->name()); // the list shows the method and URL when unnamed
        }
        if (tab->hasSource()) {
            m_collections->model()->setLastStatus(tab->source(),
                                                  exchange.hasResponse() ? exchange.status : -1);
            if (!tab->source().name.isEmpty()) {
                m_namedExchanges.insert(collectionOf(tab) + QLatin1Char('\n') + tab->source().name, exchange);
            }
        }
        updateTabTitle(tab);
        if (tab == currentTab()) {
            updateStatusBar();
        }
    });
    connect(tab, &RequestTab::busyChanged, this, &MainWindow::updateActions);
    connect(tab, &RequestTab::modifiedChanged, this, [this] { m_journalDirty = true; });
    connect(tab->editor(), &RequestEditor::changed, this, [this] { m_journalDirty = true; });
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

void MainWindow::setHistory(Core::HistoryService *history)
{
    m_history = history;
    if (!history || m_historyPane) {
        return;
    }
    const int retention = m_settings->value(QStringLiteral("history/retention"), 100000).toInt();
    history->setRetention(retention);
    m_historyPane = new HistoryPane(history, retention, this);
    connect(m_historyPane, &HistoryPane::retentionChanged, this,
            [this](int entries) { m_settings->setValue(QStringLiteral("history/retention"), entries); });
    auto *dock = new QDockWidget(tr("History"), this);
    dock->setObjectName(QStringLiteral("HistoryDock"));
    dock->setWidget(m_historyPane);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    // The tree gets most of the height; the history the rest.
    for (QDockWidget *other : findChildren<QDockWidget *>()) {
        if (other != dock && dockWidgetArea(other) == Qt::LeftDockWidgetArea) {
            resizeDocks({other, dock}, {520, 300}, Qt::Vertical);
        }
    }
    if (m_viewMenu) {
        m_viewMenu->addAction(dock->toggleViewAction());
    }
    connect(m_historyPane, &HistoryPane::entryActivated, history, &Core::HistoryService::load);
    connect(history, &Core::HistoryService::exported, this,
            [this](bool ok, int count, const QString &message) {
                statusBar()->showMessage(
                    ok ? tr("%1 exchanges exported to %2").arg(count).arg(QDir::toNativeSeparators(message))
                       : tr("History not exported: %1").arg(message),
                    10000);
            });
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
    auto *tab = qobject_cast<RequestTab *>(m_tabs->widget(index));
    if (!tab || !confirmClose({tab})) {
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
    const QString title = tab->title();
    m_tabs->setTabText(index, title.size() > 34 ? title.left(32) + QStringLiteral("…") : title);
    if (tab->runner()->hasExchange()) {
        const Core::Exchange &exchange = tab->runner()->lastExchange();
        const StatusStyle style = StatusStyle::forClass(exchange.statusClass(), palette());
        m_tabs->setTabToolTip(index,
                              title + QLatin1Char('\n') +
                                  (exchange.hasResponse() ? QStringLiteral("%1 %2 — %3")
                                                                .arg(exchange.status)
                                                                .arg(exchange.displayReason(), style.name)
                                                          : Core::transportErrorTitle(exchange.error)));
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
    m_settings->setValue(CollectionsKey, m_collections->roots());
    m_settings->sync();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!confirmClose(tabs())) {
        event->ignore();
        return;
    }
    saveWindowState();
    if (m_journal) {
        m_journal->clear(); // everything was saved or knowingly discarded
    }
    event->accept();
}

QList<RequestTab *> MainWindow::tabs() const
{
    QList<RequestTab *> result;
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (auto *tab = qobject_cast<RequestTab *>(m_tabs->widget(i))) {
            result.append(tab);
        }
    }
    return result;
}

void MainWindow::openCollection(const QString &folder)
{
    m_collections->openCollection(folder);
}

void MainWindow::onCollectionLoaded(const QString &root)
{
    QStringList problems;
    m_environments.insert(root, Core::Environments::load(root, &problems));
    if (!m_activeEnvironment.contains(root)) {
        const QStringList names = m_environments.value(root).names();
        QString chosen = m_settings->value(settingsKeyFor(root)).toString();
        if (!names.contains(chosen)) {
            chosen = names.size() == 1 ? names.first() : QString();
        }
        m_activeEnvironment.insert(root, chosen);
    }
    loadCollectionCatalog(root, &problems);
    if (!problems.isEmpty()) {
        statusBar()->showMessage(problems.join(QStringLiteral("; ")), 15000);
    }
    refreshEnvironmentCombo();
    for (RequestTab *tab : tabs()) {
        if (collectionOf(tab) == root) {
            tab->refreshVariables();
        }
    }
}

void MainWindow::loadCollectionCatalog(const QString &root, QStringList *problems)
{
    // A collection may document its API's own error codes and, once an OpenAPI description is
    // imported, its operations' responses (apilens-catalog.json). Read again when it changes.
    const QFileInfo file(QDir(root).filePath(Core::Catalog::collectionFileName()));
    if (!m_catalog || !file.exists()) {
        return;
    }
    const QString stamp =
        file.lastModified().toString(Qt::ISODateWithMs) + QLatin1Char(' ') + QString::number(file.size());
    if (m_catalogs.contains(root) && m_catalogStamps.value(root) == stamp) {
        return;
    }
    std::shared_ptr<Core::Catalog> &catalog = m_catalogs[root];
    if (catalog) {
        *catalog = Core::Catalog(); // in place: open tabs keep pointing at it
    } else {
        catalog = std::make_shared<Core::Catalog>();
    }
    catalog->loadBuiltinAndUser(problems);
    catalog->loadCollection(root, problems);
    m_catalogStamps.insert(root, stamp);
    for (RequestTab *tab : tabs()) {
        if (collectionOf(tab) == root) {
            tab->response()->setCatalog(catalog.get());
        }
    }
}

QString MainWindow::collectionOf(const RequestTab *tab) const
{
    if (tab && tab->hasSource()) {
        return m_collections->rootFor(tab->source().file);
    }
    // A request in no collection uses the collection selected in the tree, or the first one.
    const QModelIndex current = m_collections->currentSourceIndex();
    if (current.isValid()) {
        return current.data(CollectionModel::RootRole).toString();
    }
    return m_collections->roots().value(0);
}

QString MainWindow::currentCollection() const
{
    return collectionOf(currentTab());
}

void MainWindow::refreshEnvironmentCombo()
{
    const QString root = currentCollection();
    m_environmentCombo->clear();
    m_environmentCombo->addItem(tr("No environment"), QString());
    for (const QString &name : m_environments.value(root).names()) {
        m_environmentCombo->addItem(name, name);
    }
    m_environmentCombo->setCurrentIndex(
        qMax(0, m_environmentCombo->findData(m_activeEnvironment.value(root))));
    m_environmentCombo->setEnabled(!root.isEmpty());
}

void MainWindow::selectEnvironment(const QString &name)
{
    const QString root = currentCollection();
    if (root.isEmpty()) {
        return;
    }
    m_activeEnvironment.insert(root, name);
    m_settings->setValue(settingsKeyFor(root), name);
    const int index = m_environmentCombo->findData(name);
    if (index >= 0) {
        m_environmentCombo->setCurrentIndex(index);
    }
    for (RequestTab *tab : tabs()) {
        if (collectionOf(tab) == root) {
            tab->refreshVariables();
        }
    }
}

Core::VariableResolver MainWindow::resolverFor(const RequestTab *tab) const
{
    Core::VariableResolver resolver;
    const QString root = collectionOf(tab);
    if (tab->hasSource()) {
        // The collection's last scan has every file's variables; read the file only when it is
        // not in that snapshot yet.
        const Core::Collection *collection = m_collections->model()->collection(root);
        const QString relative = QDir(root).relativeFilePath(tab->source().file);
        bool found = false;
        for (const Core::CollectionFile &file :
             collection ? collection->files() : QList<Core::CollectionFile>()) {
            if (file.path == relative) {
                resolver.requestVariables = file.variables;
                found = true;
                break;
            }
        }
        if (!found) {
            QString error;
            Core::Collection::loadRequest(tab->source(), &error, &resolver.requestVariables);
        }
    }
    const QString environment = m_activeEnvironment.value(root);
    const Core::Environments environments = m_environments.value(root);
    resolver.privateEnvironment = environments.privateVariables(environment);
    resolver.publicEnvironment = environments.publicVariables(environment);
    resolver.responses = [this, root](const QString &name) -> const Core::Exchange * {
        const auto found = m_namedExchanges.constFind(root + QLatin1Char('\n') + name);
        return found == m_namedExchanges.cend() ? nullptr : &found.value();
    };
    return resolver;
}

void MainWindow::editEnvironments()
{
    const QString root = currentCollection();
    if (root.isEmpty()) {
        statusBar()->showMessage(tr("Open a collection folder first (File › Open Collection…)."), 8000);
        return;
    }
    EnvironmentEditor editor(root, m_environments.value(root), m_activeEnvironment.value(root), this);
    if (editor.exec() == QDialog::Accepted) {
        onCollectionLoaded(root); // re-read what was written
    }
}

RequestTab *MainWindow::tabFor(const Core::RequestLocation &where) const
{
    for (RequestTab *tab : tabs()) {
        const Core::RequestLocation &source = tab->source();
        if (source.file == where.file &&
            (!where.name.isEmpty() ? source.name == where.name : source.line == where.line)) {
            return tab;
        }
    }
    return nullptr;
}

RequestTab *MainWindow::openRequest(const Core::RequestLocation &where, bool send)
{
    RequestTab *tab = tabFor(where);
    if (!tab) {
        QString error;
        QByteArray text;
        const auto block = Core::Collection::loadRequest(where, &error, nullptr, &text);
        if (!block) {
            statusBar()->showMessage(error, 8000);
            return nullptr;
        }
        Core::RequestSpec spec = block->toSpec();
        spec.name = block->name;
        Core::RequestLocation located = where;
        located.line = block->requestLine;
        tab = newTab({}, m_collections->rootFor(where.file));
        tab->setName(block->name.isEmpty() ? QString() : block->name);
        tab->setSource(located, text);
        tab->load(spec);
        tab->setFileChecks(block->assertions, int(block->responseHandlers.size()));
        updateTabTitle(tab);
        refreshEnvironmentCombo();
    }
    m_tabs->setCurrentWidget(tab);
    m_collections->select(tab->source()); // shows where it lives, and its status marker
    if (send) {
        tab->send();
    }
    return tab;
}

void MainWindow::onFileChanged(const QString &path)
{
    for (RequestTab *tab : tabs()) {
        if (tab->source().file != path) {
            continue;
        }
        QString error;
        QByteArray text;
        const auto block = Core::Collection::loadRequest(tab->source(), &error, nullptr, &text);
        if (!block) {
            tab->setModified(true); // what the tab shows is now the only copy
            statusBar()->showMessage(
                tr("%1 — the tab keeps its copy; save it elsewhere or undo the change.").arg(error), 15000);
            continue;
        }
        if (text == tab->diskText()) {
            continue; // our own save, or another request of the file changed
        }
        const QString name = tab->title();
        bool load = !tab->isModified();
        if (!load) {
            const int choice =
                Prompt::choose(this, tr("Changed on Disk"),
                               tr("“%1” was changed in %2 by another program, and it has unsaved edits here.")
                                   .arg(name, QFileInfo(path).fileName()),
                               {tr("Keep My Edits"), tr("Load from Disk")});
            load = choice == 1;
        }
        if (load) {
            Core::RequestSpec spec = block->toSpec();
            spec.name = block->name;
            tab->load(spec);
            tab->setFileChecks(block->assertions, int(block->responseHandlers.size()));
            statusBar()->showMessage(tr("Reloaded “%1”: it changed on disk.").arg(name), 8000);
        }
        // Either way the tab now knows this version, so the same change is not asked about again.
        Core::RequestLocation where = tab->source();
        where.line = block->requestLine;
        tab->setSource(where, text);
        updateTabTitle(tab);
    }
}

bool MainWindow::saveTab(RequestTab *tab)
{
    QString error;
    if (tab->hasSource()) {
        if (!tab->save(&error)) {
            statusBar()->showMessage(error, 15000);
            return false;
        }
        statusBar()->showMessage(tr("Saved to %1").arg(QFileInfo(tab->source().file).fileName()), 4000);
        m_journalDirty = true;
        return true;
    }
    // Not in a collection yet: add it to the selected file, or to requests.http of the collection.
    const QString root = collectionOf(tab);
    if (root.isEmpty()) {
        statusBar()->showMessage(
            tr("Open a collection folder to save requests in (File › Open Collection…)."), 8000);
        return false;
    }
    const QString name = Prompt::text(this, tr("Save Request"), tr("Name:"), tab->title());
    if (name.isEmpty()) {
        return false;
    }
    const QModelIndex current = m_collections->currentSourceIndex();
    const int kind = current.data(CollectionModel::KindRole).toInt();
    QString file = QDir(root).filePath(QStringLiteral("requests.http"));
    if (current.isValid() && current.data(CollectionModel::RootRole).toString() == root &&
        (kind == int(CollectionModel::Kind::File) || kind == int(CollectionModel::Kind::Request))) {
        file = current.data(CollectionModel::PathRole).toString();
    }
    const std::optional<QByteArray> before = DiskCommand::readFile(file);
    if (!before && QFileInfo::exists(file)) {
        statusBar()->showMessage(tr("Cannot read %1").arg(QDir::toNativeSeparators(file)), 8000);
        return false;
    }
    Core::HttpDocument document = Core::HttpDocument::parse(before.value_or(QByteArray()));
    const int index = document.appendRequest(name, tab->specForFile());
    if (!Core::writeFileAtomically(file, document.serialize(), &error)) {
        statusBar()->showMessage(error, 15000);
        return false;
    }
    tab->setName(name);
    tab->setSource({file, name, document.blocks().at(index).requestLine}, document.blockText(index));
    tab->setModified(false);
    updateTabTitle(tab);
    m_collections->rescan(root);
    statusBar()->showMessage(tr("Saved “%1” to %2").arg(name, QFileInfo(file).fileName()), 4000);
    return true;
}

void MainWindow::saveCurrent()
{
    if (RequestTab *tab = currentTab()) {
        saveTab(tab);
    }
}

bool MainWindow::confirmClose(const QList<RequestTab *> &tabs)
{
    QList<RequestTab *> unsaved;
    for (RequestTab *tab : tabs) {
        if (tab->hasSource() && tab->isModified()) {
            unsaved.append(tab);
        }
    }
    if (unsaved.isEmpty()) {
        return true;
    }
    const int choice = Prompt::choose(
        this, tr("Unsaved Changes"),
        unsaved.size() == 1 ? tr("“%1” has changes that are not saved.").arg(unsaved.first()->title())
                            : tr("%1 requests have changes that are not saved.").arg(unsaved.size()),
        {unsaved.size() == 1 ? tr("Save") : tr("Save All"), tr("Discard")});
    if (choice < 0) {
        return false;
    }
    if (choice == 0) {
        for (RequestTab *tab : std::as_const(unsaved)) {
            if (!saveTab(tab)) {
                return false;
            }
        }
    }
    return true;
}

void MainWindow::setJournal(const QString &path)
{
    m_journal = std::make_unique<Core::EditJournal>(path);
    if (!m_journalTimer) {
        m_journalTimer = new QTimer(this);
        m_journalTimer->setInterval(2000);
        connect(m_journalTimer, &QTimer::timeout, this, [this] {
            if (m_journalDirty) {
                writeJournal();
            }
        });
        m_journalTimer->start();
    }
}

void MainWindow::writeJournal()
{
    if (!m_journal) {
        return;
    }
    m_journalDirty = false;
    QList<Core::JournalEntry> entries;
    for (RequestTab *tab : tabs()) {
        const bool unsavedScratch =
            !tab->hasSource() && tab->isModified() && !tab->editor()->spec().url.isEmpty();
        if ((tab->hasSource() && tab->isModified()) || unsavedScratch) {
            entries.append(Core::JournalEntry::fromSpec(tab->source(), tab->title(), tab->specForFile()));
        }
    }
    QString error;
    if (!m_journal->write(entries, &error)) {
        statusBar()->showMessage(error, 15000);
    }
}

int MainWindow::restoreJournal()
{
    if (!m_journal) {
        return 0;
    }
    QString error;
    const QList<Core::JournalEntry> entries = m_journal->read(&error);
    if (!error.isEmpty()) {
        statusBar()->showMessage(error, 15000);
    }
    for (const Core::JournalEntry &entry : entries) {
        Core::RequestSpec spec = entry.spec();
        spec.name = entry.source.name;
        RequestTab *tab = newTab({}, m_collections->rootFor(entry.source.file));
        tab->setName(entry.source.name);
        tab->load(spec);
        if (entry.source.isValid()) {
            QByteArray text;
            QString ignored;
            Core::Collection::loadRequest(entry.source, &ignored, nullptr, &text);
            tab->setSource(entry.source, text);
        }
        tab->setModified(true);
        updateTabTitle(tab);
    }
    return int(entries.size());
}

void MainWindow::openPath(const QString &path)
{
    const QFileInfo info(path);
    if (info.isDir()) {
        openCollection(info.absoluteFilePath());
    } else if (Core::Collection::isRequestFile(info.fileName())) {
        openCollection(info.absolutePath());
    } else {
        importFile(info.absoluteFilePath());
    }
}

void MainWindow::importFile(const QString &path)
{
    auto *dialog = new ImportDialog(path, m_collections->roots(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QString folder = dialog->importedInto();
        if (m_collections->roots().contains(QDir::cleanPath(folder))) {
            m_collections->rescan(QDir::cleanPath(folder));
        } else {
            openCollection(folder);
        }
        statusBar()->showMessage(tr("Imported %1 into %2")
                                     .arg(dialog->importResult().requests.size() == 1
                                              ? tr("1 request")
                                              : tr("%1 requests").arg(dialog->importResult().requests.size()),
                                          QDir::toNativeSeparators(folder)),
                                 8000);
    });
    dialog->open();
    Q_EMIT importDialogShown(dialog);
}

void MainWindow::exportHistoryHar()
{
    if (!m_history) {
        return;
    }
    const QString path =
        FilePicker::saveFile(this, tr("Export History as HAR"), QStringLiteral("apilens-history.har"));
    if (path.isEmpty()) {
        return;
    }
    // Secrets were never stored; cookies and tokens in what was are redacted too.
    m_history->exportHar(path, 1000, false);
}

bool MainWindow::exportCollectionPostman()
{
    const QString root = currentCollection();
    if (root.isEmpty()) {
        statusBar()->showMessage(tr("Open a collection folder first (File › Open Collection…)."), 8000);
        return false;
    }
    const QString path = FilePicker::saveFile(
        this, tr("Export Collection as Postman"),
        QDir(root).filePath(QFileInfo(root).fileName() + QStringLiteral(".postman_collection.json")));
    if (path.isEmpty()) {
        return false;
    }
    const QString environment = m_activeEnvironment.value(root);
    QStringList lost;
    // $shared and the chosen environment's public values become collection variables.
    const QByteArray json =
        Core::exportPostman(root, m_environments.value(root).publicVariables(environment), &lost);
    QString error;
    if (!Core::writeFileAtomically(path, json, &error)) {
        statusBar()->showMessage(error, 15000);
        return false;
    }
    statusBar()->showMessage(lost.isEmpty()
                                 ? tr("Exported to %1").arg(QDir::toNativeSeparators(path))
                                 : tr("Exported to %1; not carried over: %2")
                                       .arg(QDir::toNativeSeparators(path), lost.join(QStringLiteral("; "))),
                             15000);
    return true;
}

bool MainWindow::exportCollectionCurl()
{
    const QString root = currentCollection();
    if (root.isEmpty()) {
        statusBar()->showMessage(tr("Open a collection folder first (File › Open Collection…)."), 8000);
        return false;
    }
    const QString path =
        FilePicker::saveFile(this, tr("Export Collection as curl Script"),
                             QDir(root).filePath(QFileInfo(root).fileName() + QStringLiteral(".sh")));
    if (path.isEmpty()) {
        return false;
    }
    // The chosen environment's public values; secrets stay {{name}} rather than land in a file.
    Core::VariableResolver resolver;
    const QString environment = m_activeEnvironment.value(root);
    resolver.publicEnvironment = m_environments.value(root).publicVariables(environment);
    QStringList unresolved;
    int requests = 0;
    QString error;
    const std::optional<QByteArray> script =
        Core::toCurlScript(root, resolver, &unresolved, &requests, &error);
    if (!script || !Core::writeFileAtomically(path, *script, &error)) {
        statusBar()->showMessage(error, 15000);
        return false;
    }
    QFile::setPermissions(path, QFile::permissions(path) | QFile::ExeOwner | QFile::ExeUser);
    const QString done =
        (requests == 1 ? tr("Exported 1 request to %1") : tr("Exported %1 requests to %2").arg(requests))
            .arg(QDir::toNativeSeparators(path));
    statusBar()->showMessage(
        unresolved.isEmpty()
            ? done
            : done + tr("; left as {{variables}}: %1").arg(unresolved.join(QStringLiteral(", "))),
        15000);
    return true;
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls() && event->mimeData()->urls().value(0).isLocalFile()) {
        event->acceptProposedAction();
    }
}

void MainWindow::dropEvent(QDropEvent *event)
{
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile()) {
            openPath(url.toLocalFile());
        }
    }
    event->acceptProposedAction();
}

} // namespace ApiLens::Ui
