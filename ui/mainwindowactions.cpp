#include "mainwindow.h"

#include "catalogbrowser.h"
#include "collectionpane.h"
#include "filepicker.h"
#include "format.h"
#include "historypane.h"
#include "importdialog.h"
#include "prompt.h"
#include "requestdocument.h"
#include "requesteditor.h"
#include "requesttab.h"
#include "responsebodyactions.h"
#include "responseview.h"
#include "workspace.h"

#include "history/historyservice.h"
#include "http/httpclient.h"
#include "interop/commandexport.h"
#include "util/format.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>
#include <QUndoStack>

// The window's menus, toolbar and docks, and the actions that only ask the Workspace or a
// dialog (history, import and export); the window itself is in mainwindow.cpp.
namespace ApiLens::Ui {

namespace {

const QString StateKey = QStringLiteral("window/state");

// The platform's keys for a standard action, and `fallback` where the theme binds none (a
// key listed twice in one action would make it ambiguous, and then it does nothing).
QList<QKeySequence> keysWithFallback(QKeySequence::StandardKey key, const QKeySequence &fallback)
{
    QList<QKeySequence> keys = QKeySequence::keyBindings(key);
    if (!keys.contains(fallback)) {
        keys.append(fallback);
    }
    return keys;
}

} // namespace

void MainWindow::createActions()
{
    createFileMenu();
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_collections->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_collections->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    // Find in the response body of the current tab.
    const auto inResponse = [this](void (ResponseView::*what)()) {
        return [this, what] {
            if (RequestTab *tab = currentTab()) {
                (tab->response()->*what)();
            }
        };
    };
    edit->addAction(tr("&Find in Response…"), this, inResponse(&ResponseView::showFind))
        ->setShortcut(QKeySequence::Find);
    edit->addAction(tr("Find &Next"), this, inResponse(&ResponseView::findNext))
        ->setShortcut(QKeySequence(Qt::Key_F3)); // as in Kate: Ctrl+G is Go to Line
    edit->addAction(tr("Find &Previous"), this, inResponse(&ResponseView::findPrevious))
        ->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F3));
    edit->addAction(tr("&Go to Line…"), this, inResponse(&ResponseView::goToLine))
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    edit->addSeparator();
    QAction *environments = edit->addAction(tr("&Environments…"), this, &MainWindow::editEnvironments);
    environments->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    edit->addSeparator();
    QAction *preferences = edit->addAction(tr("&Preferences…"), this, &MainWindow::showPreferences);
    preferences->setObjectName(QStringLiteral("PreferencesAction"));
    preferences->setMenuRole(QAction::PreferencesRole);
    preferences->setShortcuts(
        keysWithFallback(QKeySequence::Preferences, QKeySequence(Qt::CTRL | Qt::Key_Comma)));
    // The desktop's order: File, Edit, View, the app's own, Help last.
    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget *dock : findChildren<QDockWidget *>()) {
        view->addAction(dock->toggleViewAction());
    }
    // Tabs from anywhere, the URL field or a body included (the tab bar's own keys work only
    // where it has the focus).
    view->addSeparator();
    const auto switchTab = [this](int step) {
        const int count = m_tabs->count();
        if (count > 1) {
            m_tabs->setCurrentIndex((m_tabs->currentIndex() + step + count) % count);
        }
    };
    view->addAction(tr("&Next Tab"), this, [switchTab] { switchTab(1); })
        ->setShortcuts(keysWithFallback(QKeySequence::NextChild, QKeySequence(Qt::CTRL | Qt::Key_PageDown)));
    view->addAction(tr("&Previous Tab"), this, [switchTab] { switchTab(-1); })
        ->setShortcuts(
            keysWithFallback(QKeySequence::PreviousChild, QKeySequence(Qt::CTRL | Qt::Key_PageUp)));
    m_viewMenu = view;
    createRequestMenu();
    createResponseMenu();

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *catalog =
        help->addAction(tr("Status Codes and Error &Catalog…"), this, &MainWindow::showCatalog);
    catalog->setShortcut(QKeySequence::HelpContents);
    help->addAction(tr("&About ApiLens"), this, [this] {
        QMessageBox::about(
            this, tr("About ApiLens"),
            tr("<h3>ApiLens %1</h3><p>A native desktop API explorer that reads error responses for "
               "you.</p><p>Built with Qt %2.</p>")
                .arg(QStringLiteral(APILENS_VERSION), QString::fromLatin1(qVersion())));
    });
    createToolbar(findChild<QAction *>(QStringLiteral("NewRequestAction")), m_sendAction, m_cancelAction,
                  environments);
}

void MainWindow::createFileMenu()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newRequest = file->addAction(tr("&New Request"), this, [this] { newTab(); });
    newRequest->setObjectName(QStringLiteral("NewRequestAction"));
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
    QAction *saveAs = file->addAction(tr("Save Request &As…"), this, [this] {
        if (RequestTab *tab = currentTab()) {
            saveTabAs(tab);
        }
    });
    // Spelled out too: some platforms' themes bind no key to these standard actions.
    saveAs->setShortcuts(
        keysWithFallback(QKeySequence::SaveAs, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S)));
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
    quit->setShortcuts(keysWithFallback(QKeySequence::Quit, QKeySequence(Qt::CTRL | Qt::Key_Q)));
}

void MainWindow::createRequestMenu()
{
    QMenu *request = menuBar()->addMenu(tr("&Request"));
    m_sendAction = request->addAction(tr("&Send"), this, &MainWindow::sendCurrent);
    m_sendAction->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    m_sendAction->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_cancelAction = request->addAction(tr("&Cancel"), this, &MainWindow::cancelCurrent);
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancelAction->setIcon(style()->standardIcon(QStyle::SP_BrowserStop));
    request->addSeparator();
    QAction *focusUrl = request->addAction(tr("Edit &URL"), this, [this] {
        if (RequestTab *tab = currentTab()) {
            tab->editor()->focusUrl();
        }
    });
    focusUrl->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    request->addSeparator();
    // The request as a command for another tool, variables filled in from the environment.
    // Scripts run only in trusted folders; this trusts the current request's folder (also after
    // "Send Without Scripts" was chosen for it).
    request->addAction(tr("&Trust This Folder's Scripts"), this, [this] {
        RequestTab *tab = currentTab();
        if (!tab) {
            return;
        }
        QString error;
        if (!m_workspace->trustScripts(tab->document(), &error)) {
            statusBar()->showMessage(tr("Could not trust the folder: %1").arg(error), 5000);
            return;
        }
        statusBar()->showMessage(
            tr("Scripts in %1 run from now on")
                .arg(QDir::toNativeSeparators(m_workspace->scriptFolder(tab->document()))),
            5000);
    });
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
}

void MainWindow::createResponseMenu()
{
    m_bodyActions = new ResponseBodyActions(
        this,
        [this] {
            ResponseBodyActions::Body body;
            if (RequestTab *tab = currentTab();
                tab && tab->response()->page() == ResponseView::Page::Response) {
                body.bytes = tab->response()->body();
                body.fileName = tab->response()->suggestedFileName();
                body.present = true;
            }
            return body;
        },
        this);
    connect(m_bodyActions, &ResponseBodyActions::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 6000); });
    QMenu *response = menuBar()->addMenu(tr("Res&ponse"));
    // Ctrl+Shift+S stays Save As, as on every desktop; the body gets Ctrl+Alt+S.
    QAction *save =
        response->addAction(tr("&Save Response Body…"), m_bodyActions, &ResponseBodyActions::save);
    save->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_S));
    QAction *copy = response->addAction(tr("&Copy Response Body"), m_bodyActions, &ResponseBodyActions::copy);
    copy->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C));
    response->addAction(tr("&Open Response Body With Default Application"), m_bodyActions,
                        &ResponseBodyActions::openWithDefaultApplication);
    response->addSeparator();
    response
        ->addAction(tr("&Filter JSON with JSONPath…"), this,
                    [this] {
                        if (RequestTab *tab = currentTab()) {
                            tab->response()->showFilter();
                        }
                    })
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_F));
}

void MainWindow::createToolbar(QAction *newRequest, QAction *send, QAction *cancel, QAction *environments)
{
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
    toolbar->addWidget(new QLabel(tr(" Environment: "), toolbar));
    m_environmentCombo = new QComboBox(toolbar);
    m_environmentCombo->setObjectName(QStringLiteral("EnvironmentCombo"));
    m_environmentCombo->setMinimumContentsLength(12);
    m_environmentCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_environmentCombo->setToolTip(tr("Where {{variables}} get their values (Edit › Environments…)"));
    toolbar->addWidget(m_environmentCombo);
    connect(m_environmentCombo, &QComboBox::activated, this,
            [this] { selectEnvironment(m_environmentCombo->currentData().toString()); });
    toolbar->addAction(environments);
}

void MainWindow::setHistory(Core::HistoryService *history)
{
    m_history = history;
    if (!history || m_historyPane) {
        return;
    }
    history->setRetention(m_workspace->config()->get(Core::Config::HistoryRetention).toInt());
    m_historyPane = new HistoryPane(history, this);
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
    connect(history, &Core::HistoryService::loaded, this, &MainWindow::onHistoryLoaded);
    restoreState(m_settings->value(StateKey).toByteArray());
    m_historyPane->refresh();
}

void MainWindow::onHistoryLoaded(const Core::StoredExchange &stored)
{
    // The request as the user wrote it, and what came back, shown again without resending.
    RequestTab *tab = newTab(stored.writtenRequest(), currentCollection());
    tab->response()->showExchange(stored.exchange());
    statusBar()->showMessage(tr("From the history: %1").arg(stored.entry.started.toLocalTime().toString()),
                             8000);
}

void MainWindow::showCatalog()
{
    if (!m_catalogBrowser) {
        m_catalogBrowser = new CatalogBrowser(m_workspace->catalogFor(QString()), this);
    }
    m_catalogBrowser->show();
    m_catalogBrowser->raise();
    m_catalogBrowser->activateWindow();
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
        const qsizetype count = dialog->importResult().requests.size();
        statusBar()->showMessage(tr("Imported %1 into %2")
                                     .arg(count == 1 ? tr("1 request") : tr("%1 requests").arg(count),
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
    if (!path.isEmpty()) {
        // Secrets were never stored; cookies and tokens in what was are redacted too.
        m_history->exportHar(path, 1000, false);
    }
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
    QStringList lost;
    QString error;
    if (!m_workspace->exportPostman(root, path, &lost, &error)) {
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
    QStringList unresolved;
    int requests = 0;
    QString error;
    if (!m_workspace->exportCurlScript(root, path, &unresolved, &requests, &error)) {
        statusBar()->showMessage(error, 15000);
        return false;
    }
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

} // namespace ApiLens::Ui
