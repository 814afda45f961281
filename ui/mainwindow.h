#pragma once

#include "http/requestspec.h"

#include <QMainWindow>

class QLabel;
class QSettings;
class QTabWidget;

namespace ApiLens::Core {
class HttpClient;
struct Exchange;
} // namespace ApiLens::Core

namespace ApiLens::Ui {

class RequestTab;

// Tabs of open requests, the menus and shortcuts, the status bar. The HttpClient and the
// settings store are given to it; it owns neither.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(Core::HttpClient *client, QSettings *settings, QWidget *parent = nullptr);

    RequestTab *newTab(const Core::RequestSpec &spec = {});
    RequestTab *currentTab() const;
    QTabWidget *tabWidget() const { return m_tabs; }
    void sendCurrent();
    void cancelCurrent();
    void closeTab(int index);

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
