#pragma once

#include "collections/collection.h"
#include "http/requestspec.h"
#include "settings/config.h"

#include <QMainWindow>

class QComboBox;
class QMenu;
class QLabel;
class QSettings;
class QTabWidget;
class QTimer;
class QWindow;

namespace ApiLens::Core {
class HistoryService;
class HttpClient;
struct Exchange;
struct StoredExchange;
} // namespace ApiLens::Core

namespace ApiLens::Ui {

class CollectionPane;
class HistoryPane;
class RequestDocument;
class RequestTab;
class ResponseBodyActions;
class Workspace;

// The window: tabs of open requests, the collections and history docks, the menus and the
// status bar. It wires them to the Workspace, which owns the state (collections,
// environments, catalogs, open requests, the session journal); the client and the settings
// store are given to it too, and it owns none of them.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(Core::HttpClient *client, Workspace *workspace, QSettings *settings,
               QWidget *parent = nullptr);

    Workspace *workspace() const { return m_workspace; }
    // A new request: a blank one with the preferences' settings, or `spec`.
    RequestTab *newTab();
    RequestTab *newTab(const Core::RequestSpec &spec, const QString &collectionRoot = {});
    Core::RequestSpec blankRequest() const;
    // Edit › Preferences (Ctrl+,): the settings dialog, modal.
    void showPreferences();
    RequestTab *currentTab() const;
    ResponseBodyActions *bodyActions() const { return m_bodyActions; }
    RequestTab *tabFor(const RequestDocument *doc) const;
    RequestTab *tabFor(const Core::RequestLocation &where) const;
    QTabWidget *tabWidget() const { return m_tabs; }
    void sendCurrent();
    void cancelCurrent();
    // Closes a tab; a modified one asks Save / Discard / Cancel first.
    void closeTab(int index);
    void showCatalog();
    // Records every exchange there and shows the history dock (null: no history).
    void setHistory(Core::HistoryService *history);
    HistoryPane *historyPane() const { return m_historyPane; }

    // Collections: folders of .http files in the tree on the left.
    void openCollection(const QString &folder);
    CollectionPane *collectionPane() const { return m_collections; }
    // Opens a collection's request in a tab (or shows the tab it is already in).
    RequestTab *openRequest(const Core::RequestLocation &where, bool send = false);
    // The collection a tab belongs to; for a request in none, the one chosen in the tree.
    QString collectionOf(const RequestTab *tab) const;
    bool isDemoAddress(const QUrl &url) const;
    // The collection the toolbar's environment switcher is for: the current tab's.
    QString currentCollection() const;
    QComboBox *environmentCombo() const { return m_environmentCombo; }
    void selectEnvironment(const QString &name);
    QString activeEnvironment(const QString &root) const;
    void editEnvironments();
    // Saves the tab: into its block, or, for a request in no file, where the user says.
    bool saveTab(RequestTab *tab);
    // Asks where, and writes the tab's request there as a new request (File › Save As).
    bool saveTabAs(RequestTab *tab);
    void saveCurrent();

    // File › Import / a dropped file: the import dialog (folders and .http files open instead).
    void importFile(const QString &path);
    void openPath(const QString &path);
    void exportHistoryHar();
    // The current collection as a Postman v2.1 collection (the environment's public values in it).
    bool exportCollectionPostman();
    // The collection's requests as a shell script of curl commands (public values filled in).
    bool exportCollectionCurl();

    // The session: every tab, saved or not, goes to the journal every two seconds and when the
    // window closes, and comes back in order with the same tab current (no question on quit).
    void setSessionJournal(const QString &path);
    // Where the demo collection lives: a request of it that finds no server says how to start one.
    void setDemoFolder(const QString &folder) { m_demoFolder = folder; }
    int restoreSession();
    bool writeSession();

Q_SIGNALS:
    void importDialogShown(class ImportDialog *dialog); // tests answer it

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override; // its dialogs closing
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    RequestTab *addTab(RequestDocument *doc);
    void connectTab(RequestTab *tab);
    bool prepareSend(RequestTab *tab, Core::RequestSpec *spec, QString *reason);
    void createActions();
    void createFileMenu();
    void createRequestMenu();
    void createResponseMenu();
    void applyConfig(Core::Config::Key key);
    void keepActivation(QWindow *focusWindow);
    void createToolbar(QAction *newRequest, QAction *send, QAction *cancel, QAction *environments);
    void restoreWindowState();
    void saveWindowState();
    void updateStatusBar();
    void updateTabTitle(RequestTab *tab);
    void updateWindowTitle();
    void updateActions();
    void onCollectionLoaded(const QString &root);
    void onFileChanged(const QString &path);
    void onHistoryLoaded(const Core::StoredExchange &stored);
    void refreshEnvironmentCombo();
    void refreshCollectionTabs(const QString &root);
    QList<RequestTab *> tabs() const;
    void sessionChanged();

    Core::HttpClient *m_client;
    Workspace *m_workspace;
    QWidget *m_catalogBrowser = nullptr;
    QByteArray m_inspectorState;
    Core::HistoryService *m_history = nullptr;
    HistoryPane *m_historyPane = nullptr;
    QSettings *m_settings;
    QTabWidget *m_tabs;
    QLabel *m_tlsStatus;
    QLabel *m_protocolStatus;
    QLabel *m_connectionStatus;
    QByteArray m_splitterState;
    QAction *m_sendAction = nullptr;
    QAction *m_cancelAction = nullptr;
    QAction *m_saveAction = nullptr;
    QMenu *m_viewMenu = nullptr;
    ResponseBodyActions *m_bodyActions = nullptr;
    CollectionPane *m_collections = nullptr;
    QComboBox *m_environmentCombo = nullptr;
    QTimer *m_sessionTimer = nullptr;
    QString m_demoFolder;
    bool m_sessionDirty = false;
    bool m_shown = false;
};

} // namespace ApiLens::Ui
