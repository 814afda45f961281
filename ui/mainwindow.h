#pragma once

#include "collections/collection.h"
#include "collections/editjournal.h"
#include "collections/variables.h"
#include "http/exchange.h"
#include "http/requestspec.h"

#include <QHash>
#include <QMainWindow>

#include <memory>

class QComboBox;
class QMenu;
class QLabel;
class QSettings;
class QTabWidget;

namespace ApiLens::Core {
class Catalog;
class HistoryService;
class HttpClient;
struct Exchange;
} // namespace ApiLens::Core

namespace ApiLens::Ui {

class RequestTab;

// Tabs of open requests, the menus and shortcuts, the status bar. The HttpClient, the
// catalog and the settings store are given to it; it owns none of them.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(Core::HttpClient *client, const Core::Catalog *catalog, QSettings *settings,
               QWidget *parent = nullptr);

    RequestTab *newTab(const Core::RequestSpec &spec = {}, const QString &collectionRoot = {});
    RequestTab *currentTab() const;
    QTabWidget *tabWidget() const { return m_tabs; }
    void sendCurrent();
    void cancelCurrent();
    void closeTab(int index);
    void showCatalog();
    // Records every exchange there and shows the history dock (null: no history).
    void setHistory(Core::HistoryService *history);
    class HistoryPane *historyPane() const { return m_historyPane; }

    // Collections: folders of .http files in the tree on the left.
    void openCollection(const QString &folder);
    class CollectionPane *collectionPane() const { return m_collections; }
    // Opens a collection's request in a tab (or shows the tab it is already in).
    RequestTab *openRequest(const Core::RequestLocation &where, bool send = false);
    RequestTab *tabFor(const Core::RequestLocation &where) const;
    QString collectionOf(const RequestTab *tab) const;
    void loadCollectionCatalog(const QString &root, QStringList *problems);
    // The collection the toolbar's environment switcher is for: the current tab's.
    QString currentCollection() const;
    QComboBox *environmentCombo() const { return m_environmentCombo; }
    void selectEnvironment(const QString &name);
    QString activeEnvironment(const QString &root) const { return m_activeEnvironment.value(root); }
    void editEnvironments();
    bool saveTab(RequestTab *tab);
    void saveCurrent();

    // File › Import / a dropped file: the import dialog (folders and .http files open instead).
    void importFile(const QString &path);
    void openPath(const QString &path);
    void exportHistoryHar();
    // The current collection as a Postman v2.1 collection (the environment's public values in it).
    bool exportCollectionPostman();
    // The collection's requests as a shell script of curl commands (public values filled in).
    bool exportCollectionCurl();

    // Unsaved edits go to this journal every few seconds; restoreJournal() reopens them.
    void setJournal(const QString &path);
    int restoreJournal();
    void writeJournal();

Q_SIGNALS:
    void importDialogShown(class ImportDialog *dialog); // tests answer it

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void restoreWindowState();
    void saveWindowState();
    void updateStatusBar();
    void updateTabTitle(RequestTab *tab);
    void updateActions();
    void onCollectionLoaded(const QString &root);
    void onFileChanged(const QString &path);
    void refreshEnvironmentCombo();
    Core::VariableResolver resolverFor(const RequestTab *tab) const;
    bool confirmClose(const QList<RequestTab *> &tabs);
    QList<RequestTab *> tabs() const;

    Core::HttpClient *m_client;
    const Core::Catalog *m_catalog;
    QWidget *m_catalogBrowser = nullptr;
    QByteArray m_inspectorState;
    Core::HistoryService *m_history = nullptr;
    class HistoryPane *m_historyPane = nullptr;
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

    class CollectionPane *m_collections = nullptr;
    QComboBox *m_environmentCombo = nullptr;
    QHash<QString, Core::Environments> m_environments;         // per collection root
    QHash<QString, QString> m_activeEnvironment;               // per collection root
    QHash<QString, std::shared_ptr<Core::Catalog>> m_catalogs; // collections with apilens-catalog.json
    QHash<QString, QString> m_catalogStamps;                   // when each was read
    QHash<QString, Core::Exchange> m_namedExchanges;           // root + '\n' + name, for chaining
    std::unique_ptr<Core::EditJournal> m_journal;
    class QTimer *m_journalTimer = nullptr;
    bool m_journalDirty = false;
};

} // namespace ApiLens::Ui
