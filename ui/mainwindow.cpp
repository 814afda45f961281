#include "mainwindow.h"

#include "collectionmodel.h"
#include "collectionpane.h"
#include "environmenteditor.h"
#include "historypane.h"
#include "prompt.h"
#include "requestdocument.h"
#include "requesteditor.h"
#include "requestrunner.h"
#include "requesttab.h"
#include "responseview.h"
#include "saverequestdialog.h"
#include "statusstyle.h"
#include "workspace.h"

#include "collections/bodyfiles.h"
#include "history/historyservice.h"
#include "http/exchange.h"

#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolButton>

namespace ApiLens::Ui {

namespace {

const QString GeometryKey = QStringLiteral("window/geometry");
const QString StateKey = QStringLiteral("window/state");
const QString SplitterKey = QStringLiteral("window/requestSplitter");
const QString InspectorKey = QStringLiteral("window/inspectorSplitter");
const QString CollectionsKey = QStringLiteral("collections/open");
constexpr int SessionIntervalMs = 2000;

} // namespace

MainWindow::MainWindow(Core::HttpClient *client, Workspace *workspace, QSettings *settings, QWidget *parent)
    : QMainWindow(parent)
    , m_client(client)
    , m_workspace(workspace)
    , m_settings(settings)
    , m_tabs(new QTabWidget(this))
    , m_tlsStatus(new QLabel(this))
    , m_protocolStatus(new QLabel(this))
    , m_connectionStatus(new QLabel(this))
    , m_sessionTimer(new QTimer(this))
{
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
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        updateStatusBar();
        updateActions();
        updateWindowTitle();
        sessionChanged();
        if (m_environmentCombo) {
            refreshEnvironmentCombo();
        }
    });
    connect(m_tabs->tabBar(), &QTabBar::tabMoved, this, &MainWindow::sessionChanged);

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
                m_workspace->requestMoved(from, to);
                sessionChanged();
            });
    connect(m_collections, &CollectionPane::pathMoved, this, [this](const QString &from, const QString &to) {
        m_workspace->pathMoved(from, to);
        sessionChanged();
    });
    connect(m_collections, &CollectionPane::collectionClosed, this, [this](const QString &root) {
        m_workspace->removeCollection(root);
        m_settings->setValue(CollectionsKey, m_collections->roots());
    });
    connect(m_workspace, &Workspace::collectionChanged, this, &MainWindow::refreshCollectionTabs);

    m_sessionTimer->setInterval(SessionIntervalMs);
    connect(m_sessionTimer, &QTimer::timeout, this, [this] {
        if (m_sessionDirty) {
            writeSession();
        }
    });
    createActions();
    restoreWindowState();
    // The preferences, now and whenever they change (the editor font only when one is chosen:
    // the system's is every editor's already).
    const Core::Config *config = m_workspace->config();
    applyConfig(Core::Config::MaxBodyBytes);
    applyConfig(Core::Config::MemoryBodyBytes);
    if (config->get(Core::Config::EditorFontFamily) !=
            Core::Config::defaultValue(Core::Config::EditorFontFamily) ||
        config->get(Core::Config::EditorFontSize) !=
            Core::Config::defaultValue(Core::Config::EditorFontSize)) {
        applyConfig(Core::Config::EditorFontFamily);
    }
    connect(config, &Core::Config::changed, this, &MainWindow::applyConfig);
    updateStatusBar();
    updateActions();
    updateWindowTitle();
}

void MainWindow::updateActions()
{
    const RequestTab *tab = currentTab();
    const bool busy = tab && tab->isBusy();
    m_cancelAction->setEnabled(busy);
    m_sendAction->setEnabled(tab && !busy);
}

RequestTab *MainWindow::newTab(const Core::RequestSpec &spec, const QString &collectionRoot)
{
    // A new request belongs to no collection until it is saved in one; meanwhile its
    // {{variables}} come from the collection chosen in the tree.
    return addTab(m_workspace->newDocument(spec, collectionRoot));
}

RequestTab *MainWindow::addTab(RequestDocument *doc)
{
    auto *tab = new RequestTab(m_client, m_workspace->catalogFor(doc->collection()), doc, m_tabs);
    tab->setResolverFactory([this](const RequestTab *t) {
        Core::VariableResolver resolver = m_workspace->resolverFor(t->document());
        if (t->document()->collection().isEmpty()) {
            // A request in no collection uses the one chosen in the tree.
            RequestDocument probe;
            probe.setCollection(collectionOf(t));
            const Core::VariableResolver shared = m_workspace->resolverFor(&probe);
            resolver.privateEnvironment = shared.privateEnvironment;
            resolver.publicEnvironment = shared.publicEnvironment;
        }
        return resolver;
    });
    // Every send goes through the request's scripts (when its folder is trusted); body files
    // are read by prepareSend once the request is resolved.
    tab->setPipelineFactory([this, tab](const Core::RequestSpec &spec, bool sendUnresolved) {
        return m_workspace->pipelineFor(tab->document(), spec, tab->resolverFactory()(tab), sendUnresolved,
                                        m_client, [this, tab](Core::RequestSpec *resolved) {
                                            QString reason;
                                            return prepareSend(tab, resolved, &reason) ? QString() : reason;
                                        });
    });
    RequestTab::ScriptTrust trust;
    trust.trusted = [this, tab] {
        return m_workspace->scriptsTrusted(tab->document());
    };
    trust.declined = [this, tab] {
        return m_workspace->scriptsDeclined(tab->document());
    };
    trust.trust = [this, tab](QString *error) {
        return m_workspace->trustScripts(tab->document(), error);
    };
    trust.decline = [this, tab] {
        m_workspace->declineScripts(tab->document());
    };
    trust.folder = [this, tab] {
        return m_workspace->scriptFolder(tab->document());
    };
    tab->setScriptTrust(trust);
    tab->editor()->setCurlFolder(collectionOf(tab));
    if (!m_splitterState.isEmpty()) {
        tab->splitter()->restoreState(m_splitterState);
    }
    if (!m_inspectorState.isEmpty()) {
        tab->response()->inspectorSplitter()->restoreState(m_inspectorState);
    }
    connectTab(tab);
    tab->showDocument();
    const int index = m_tabs->addTab(tab, tab->title());
    m_tabs->setCurrentIndex(index);
    updateTabTitle(tab);
    if (doc->spec().url.isEmpty()) {
        tab->editor()->focusUrl();
    } else {
        tab->editor()->urlEdit()->setFocus();
    }
    sessionChanged();
    return tab;
}

void MainWindow::connectTab(RequestTab *tab)
{
    connect(tab->response()->inspectorSplitter(), &QSplitter::splitterMoved, this,
            [this, tab] { m_inspectorState = tab->response()->inspectorSplitter()->saveState(); });
    connect(tab, &RequestTab::titleChanged, this, [this, tab] {
        updateTabTitle(tab);
        if (tab == currentTab()) {
            updateWindowTitle();
        }
    });
    connect(tab->document(), &RequestDocument::changed, this, &MainWindow::sessionChanged);
    connect(tab->document(), &RequestDocument::sourceChanged, this, [this, tab] {
        tab->editor()->setCurlFolder(collectionOf(tab));
        sessionChanged();
    });
    connect(tab, &RequestTab::exchangeFinished, this,
            [this, tab](const Core::Exchange &exchange, const Core::Exchange &chained) {
                // A request refused before it went out (no URL, a header with a line break)
                // is not history: nothing was sent.
                if (m_history && exchange.error != Core::TransportError::InvalidRequest) {
                    m_history->record(exchange, tab->document()->name(), tab->document()->spec(),
                                      Core::secretValues(m_workspace->resolverFor(tab->document())));
                }
                if (tab->hasSource()) {
                    m_collections->model()->setLastStatus(tab->source(),
                                                          exchange.hasResponse() ? exchange.status : -1);
                }
                m_workspace->recordExchange(tab->document(), chained);
                if (exchange.error == Core::TransportError::ConnectionRefused &&
                    isDemoAddress(exchange.request.url)) {
                    tab->response()->failureHint()->setText(
                        tr("The demo API is not running. Start ApiLens with it (apilens --demo), or run "
                           "“apilens-cli demo” in a terminal: it listens on the port this collection's "
                           "environment “demo” names."));
                }
                updateTabTitle(tab);
                if (tab == currentTab()) {
                    updateStatusBar();
                }
            });
    connect(tab, &RequestTab::busyChanged, this, &MainWindow::updateActions);
    connect(tab->splitter(), &QSplitter::splitterMoved, this,
            [this, tab] { m_splitterState = tab->splitter()->saveState(); });
}

bool MainWindow::prepareSend(RequestTab *tab, Core::RequestSpec *spec, QString *reason)
{
    // Body files ("< ./file", multipart "< ./file" lines and file parts) are relative to the
    // .http file, or to the collection for a request in none; one outside the collection needs
    // a yes.
    const QString root = collectionOf(tab);
    QString base = tab->hasSource() ? QFileInfo(tab->source().file).absolutePath() : root;
    if (base.isEmpty()) {
        base = QDir::currentPath();
    }
    // Asked once per collection and file (the file as it really is: links followed).
    const QList<Core::BodyFile> outside =
        root.isEmpty() ? QList<Core::BodyFile>() : Core::filesOutside(Core::bodyFiles(*spec, base), root);
    for (const Core::BodyFile &file : outside) {
        if (m_workspace->outsideFileAllowed(root, file.absolute)) {
            continue;
        }
        if (Prompt::choose(this, tr("Body File Outside the Collection"),
                           tr("This request sends %1, which is outside the collection folder %2. A shared "
                              "collection could name any file of yours here.")
                               .arg(QDir::toNativeSeparators(file.absolute), QDir::toNativeSeparators(root)),
                           {tr("Send It")}) != 0) {
            *reason = tr("The body file %1 is outside the collection; sending it was not confirmed.")
                          .arg(QDir::toNativeSeparators(file.absolute));
            return false;
        }
        m_workspace->allowOutsideFile(root, file.absolute);
    }
    return Core::inlineBodyFiles(spec, base, reason);
}

RequestTab *MainWindow::currentTab() const
{
    return qobject_cast<RequestTab *>(m_tabs->currentWidget());
}

RequestTab *MainWindow::tabFor(const RequestDocument *doc) const
{
    for (RequestTab *tab : tabs()) {
        if (tab->document() == doc) {
            return tab;
        }
    }
    return nullptr;
}

RequestTab *MainWindow::tabFor(const Core::RequestLocation &where) const
{
    const RequestDocument *doc = m_workspace->documentAt(where);
    return doc ? tabFor(doc) : nullptr;
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

void MainWindow::closeTab(int index)
{
    auto *tab = qobject_cast<RequestTab *>(m_tabs->widget(index));
    if (!tab) {
        return;
    }
    if (tab->isModified()) {
        const int choice = Prompt::choose(this, tr("Unsaved Changes"),
                                          tr("“%1” has changes that are not saved.").arg(tab->title()),
                                          {tr("Save"), tr("Discard")});
        if (choice < 0 || (choice == 0 && !saveTab(tab))) {
            return;
        }
    }
    m_tabs->removeTab(index);
    m_workspace->closeDocument(tab->document());
    tab->deleteLater();
    if (m_tabs->count() == 0) {
        newTab();
    }
    sessionChanged();
}

void MainWindow::updateTabTitle(RequestTab *tab)
{
    const int index = m_tabs->indexOf(tab);
    if (index < 0) {
        return;
    }
    const QString title = tab->title();
    const QString mark = tab->isModified() ? QStringLiteral("• ") : QString();
    m_tabs->setTabText(index, mark + (title.size() > 34 ? title.left(32) + QStringLiteral("…") : title));
    QString tip = title + (tab->isModified() ? tr(" (not saved)") : QString());
    if (tab->runner()->hasExchange()) {
        const Core::Exchange &exchange = tab->runner()->lastExchange();
        const StatusStyle style = StatusStyle::forClass(exchange.statusClass(), palette());
        tip +=
            QLatin1Char('\n') +
            (exchange.hasResponse()
                 ? QStringLiteral("%1 %2 — %3").arg(exchange.status).arg(exchange.displayReason(), style.name)
                 : Core::transportErrorTitle(exchange.error));
        m_tabs->tabBar()->setTabTextColor(index, style.fill);
    }
    m_tabs->setTabToolTip(index, tip);
}

void MainWindow::updateWindowTitle()
{
    // As document apps title themselves: the current request, marked while it is not saved.
    const RequestTab *tab = currentTab();
    setWindowTitle(tab ? tab->title() + QStringLiteral("[*] — ApiLens") : QStringLiteral("ApiLens"));
    setWindowModified(tab && tab->isModified());
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
    // Hot exit, as Kate and VS Code do it: nothing is asked; every tab, saved or not, is in the
    // session journal and comes back at the next start.
    writeSession();
    saveWindowState();
    event->accept();
}

void MainWindow::openCollection(const QString &folder)
{
    m_collections->openCollection(folder);
}

void MainWindow::onCollectionLoaded(const QString &root)
{
    m_settings->setValue(CollectionsKey, m_collections->roots()); // they come back at the next start
    QStringList problems;
    if (const Core::Collection *collection = m_collections->model()->collection(root)) {
        m_workspace->setCollection(*collection, &problems);
    }
    if (!problems.isEmpty()) {
        statusBar()->showMessage(problems.join(QStringLiteral("; ")), 15000);
    }
}

void MainWindow::refreshCollectionTabs(const QString &root)
{
    refreshEnvironmentCombo();
    for (RequestTab *tab : tabs()) {
        if (collectionOf(tab) == root) {
            tab->response()->setCatalog(m_workspace->catalogFor(root));
            tab->refreshVariables();
        }
    }
}

bool MainWindow::isDemoAddress(const QUrl &url) const
{
    // The address the demo collection's "demo" environment names (where a demo server would be).
    const QString folder = QDir::cleanPath(m_demoFolder);
    if (m_demoFolder.isEmpty() || !m_collections->roots().contains(folder)) {
        return false;
    }
    const QUrl demo(m_workspace->environments(folder)
                        .publicVariables(QStringLiteral("demo"))
                        .value(QStringLiteral("baseUrl")));
    const auto port = [](const QUrl &u) {
        return u.port(u.scheme() == QLatin1String("https") ? 443 : 80);
    };
    return demo.isValid() && !demo.host().isEmpty() && url.host() == demo.host() && port(url) == port(demo);
}

QString MainWindow::collectionOf(const RequestTab *tab) const
{
    if (tab && !tab->document()->collection().isEmpty()) {
        return tab->document()->collection();
    }
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

QString MainWindow::activeEnvironment(const QString &root) const
{
    return m_workspace->activeEnvironment(root);
}

void MainWindow::refreshEnvironmentCombo()
{
    if (!m_environmentCombo) {
        return;
    }
    const QString root = currentCollection();
    m_environmentCombo->clear();
    m_environmentCombo->addItem(tr("No environment"), QString());
    for (const QString &name : m_workspace->environments(root).names()) {
        m_environmentCombo->addItem(name, name);
    }
    m_environmentCombo->setCurrentIndex(
        qMax(0, m_environmentCombo->findData(m_workspace->activeEnvironment(root))));
    m_environmentCombo->setEnabled(!root.isEmpty());
}

void MainWindow::selectEnvironment(const QString &name)
{
    const QString root = currentCollection();
    if (!root.isEmpty()) {
        m_workspace->selectEnvironment(root, name);
    }
}

void MainWindow::editEnvironments()
{
    const QString root = currentCollection();
    if (root.isEmpty()) {
        statusBar()->showMessage(tr("Open a collection folder first (File › Open Collection…)."), 8000);
        return;
    }
    EnvironmentEditor editor(root, m_workspace->environments(root), m_workspace->activeEnvironment(root),
                             this);
    if (editor.exec() == QDialog::Accepted) {
        QStringList problems;
        m_workspace->reloadEnvironments(root, &problems); // read again what was written
    }
}

RequestTab *MainWindow::openRequest(const Core::RequestLocation &where, bool send)
{
    RequestTab *tab = tabFor(where);
    if (!tab) {
        QString error;
        RequestDocument *doc = m_workspace->openDocument(where, &error);
        if (!doc) {
            statusBar()->showMessage(error, 8000);
            return nullptr;
        }
        tab = addTab(doc);
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
        RequestDocument *doc = tab->document();
        if (doc->source().file != path) {
            continue;
        }
        QString error;
        QByteArray text;
        const auto block = m_workspace->readBlock(doc, &text, &error);
        if (!block) {
            statusBar()->showMessage(
                tr("%1 — the tab keeps its copy; save it elsewhere or undo the change.").arg(error), 15000);
            continue;
        }
        if (text == doc->savedText()) {
            continue; // our own save, or another request of the file changed
        }
        bool load = !doc->isModified();
        if (!load) {
            load =
                Prompt::choose(this, tr("Changed on Disk"),
                               tr("“%1” was changed in %2 by another program, and it has unsaved edits here.")
                                   .arg(doc->title(), QFileInfo(path).fileName()),
                               {tr("Keep My Edits"), tr("Load from Disk")}) == 1;
        }
        Core::RequestLocation where = doc->source();
        where.line = block->requestLine;
        Core::RequestSpec onDisk = block->toSpec();
        onDisk.name = block->name;
        const Core::RequestSpec mine = doc->spec();
        // Either way the tab now knows this version, so the same change is not asked about again.
        doc->setSaved(where, text, onDisk);
        doc->setFileChecks(*block);
        if (!load) {
            doc->setSpec(mine);
        }
        tab->showDocument();
        if (load) {
            statusBar()->showMessage(tr("Reloaded “%1”: it changed on disk.").arg(doc->title()), 8000);
        }
    }
}

bool MainWindow::saveTab(RequestTab *tab)
{
    if (!tab->hasSource()) {
        return saveTabAs(tab); // a request in no file yet: ask where
    }
    QString error;
    if (!m_workspace->save(tab->document(), &error)) {
        statusBar()->showMessage(error, 15000);
        return false;
    }
    tab->showDocument();
    statusBar()->showMessage(tr("Saved to %1").arg(QFileInfo(tab->source().file).fileName()), 4000);
    return true;
}

bool MainWindow::saveTabAs(RequestTab *tab)
{
    const QStringList collections = m_collections->roots();
    if (collections.isEmpty()) {
        statusBar()->showMessage(
            tr("Open a collection folder to save requests in (File › Open Collection…)."), 8000);
        return false;
    }
    SaveRequestDialog dialog(
        tab->document()->name().isEmpty() ? tab->title() : tab->document()->name(), collections,
        collectionOf(tab), [this](const QString &root) { return m_workspace->requestFiles(root); }, this);
    if (dialog.exec() != QDialog::Accepted) {
        return false;
    }
    QString error;
    if (!m_workspace->saveTo(tab->document(), dialog.filePath(), dialog.requestName(), &error)) {
        statusBar()->showMessage(error, 15000);
        return false;
    }
    tab->showDocument();
    m_collections->rescan(m_collections->rootFor(dialog.filePath()));
    statusBar()->showMessage(
        tr("Saved “%1” to %2").arg(dialog.requestName(), QFileInfo(dialog.filePath()).fileName()), 4000);
    return true;
}

void MainWindow::saveCurrent()
{
    if (RequestTab *tab = currentTab()) {
        saveTab(tab);
    }
}

void MainWindow::sessionChanged()
{
    m_sessionDirty = true;
}

void MainWindow::setSessionJournal(const QString &path)
{
    m_workspace->setSessionJournal(path);
    m_sessionTimer->start();
}

bool MainWindow::writeSession()
{
    m_sessionDirty = false;
    QList<RequestDocument *> order;
    for (RequestTab *tab : tabs()) {
        order.append(tab->document());
    }
    QString error;
    if (!m_workspace->writeSession(order, qMax(0, m_tabs->currentIndex()), &error)) {
        statusBar()->showMessage(error, 15000);
        return false;
    }
    return true;
}

int MainWindow::restoreSession()
{
    int current = 0;
    QStringList notes;
    const QList<RequestDocument *> docs = m_workspace->restoreSession(&current, &notes);
    QStringList reopened = m_collections->roots();
    for (RequestDocument *doc : docs) {
        // A tab comes back with its collection, which opens with it when it is not open yet.
        if (!doc->collection().isEmpty() && !reopened.contains(doc->collection()) &&
            QFileInfo(doc->collection()).isDir()) {
            reopened.append(doc->collection());
            openCollection(doc->collection());
        }
        addTab(doc);
    }
    if (!docs.isEmpty()) {
        m_tabs->setCurrentIndex(qBound(0, current, m_tabs->count() - 1));
    }
    if (!notes.isEmpty()) {
        statusBar()->showMessage(notes.join(QStringLiteral("; ")), 15000);
    }
    m_sessionDirty = false;
    return int(docs.size());
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
