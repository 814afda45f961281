#pragma once

#include "http/requestspec.h"

#include <QMainWindow>

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

// A request offered from a menu (the demo collection, later saved collections).
struct NamedRequest
{
    QString group;
    QString name;
    QString summary;
    Core::RequestSpec spec;
};

// Tabs of open requests, the menus and shortcuts, the status bar. The HttpClient, the
// catalog and the settings store are given to it; it owns none of them.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(Core::HttpClient *client, const Core::Catalog *catalog, QSettings *settings,
               QWidget *parent = nullptr);

    RequestTab *newTab(const Core::RequestSpec &spec = {});
    RequestTab *currentTab() const;
    QTabWidget *tabWidget() const { return m_tabs; }
    void sendCurrent();
    void cancelCurrent();
    void closeTab(int index);
    void showCatalog();
    // A menu of ready-made requests, grouped in submenus; choosing one opens it in a tab.
    void addRequestMenu(const QString &title, const QList<NamedRequest> &requests);
    // Records every exchange there and shows the history dock (null: no history).
    void setHistory(Core::HistoryService *history);
    class HistoryPane *historyPane() const { return m_historyPane; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void restoreWindowState();
    void saveWindowState();
    void updateStatusBar();
    void updateTabTitle(RequestTab *tab);
    void updateActions();

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
};

} // namespace ApiLens::Ui
