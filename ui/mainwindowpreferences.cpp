// MainWindow: the preferences (Core::Config) and what follows them — new requests, the
// client's body limits, the history's retention, the editor font (the theme follows them too,
// applied by the application's owner, app/gui/main.cpp, not by a window); and the window's
// activation after its dialogs.
#include "mainwindow.h"

#include "historypane.h"
#include "settingsdialog.h"
#include "theme.h"
#include "workspace.h"

#include "history/historyservice.h"
#include "http/httpclient.h"

#include <QApplication>
#include <QStatusBar>
#include <QTimer>
#include <QWindow>

namespace ApiLens::Ui {

using Key = Core::Config::Key;

RequestTab *MainWindow::newTab()
{
    return newTab(blankRequest());
}

Core::RequestSpec MainWindow::blankRequest() const
{
    Core::RequestSpec spec;
    spec.settings = m_workspace->config()->requestDefaults();
    return spec;
}

void MainWindow::showPreferences()
{
    SettingsDialog dialog(m_workspace->config(), this);
    if (dialog.exec() == QDialog::Accepted) {
        statusBar()->showMessage(tr("Preferences saved"), 4000);
    }
}

void MainWindow::applyConfig(Key key)
{
    const Core::Config *config = m_workspace->config();
    switch (key) {
    case Key::MaxBodyBytes:
        m_client->setMaxBodyBytes(config->get(key).toLongLong());
        break;
    case Key::MemoryBodyBytes:
        m_client->setMemoryThreshold(config->get(key).toLongLong());
        break;
    case Key::HistoryRetention:
        if (m_history) {
            m_history->setRetention(config->get(key).toInt());
            if (m_historyPane) {
                m_historyPane->refresh();
            }
        }
        break;
    case Key::EditorFontFamily:
    case Key::EditorFontSize:
        setEditorFont(config->get(Key::EditorFontFamily).toString(),
                      config->get(Key::EditorFontSize).toInt());
        break;
    default:
        break; // new requests read theirs when made; the theme is the application's
    }
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (!std::exchange(m_shown, true)) {
        // The window takes the keyboard when it first appears, so its shortcuts (Ctrl+Q, F1)
        // work before a click even where no window manager gives it the focus.
        QTimer::singleShot(0, this, [this] {
            if (!QGuiApplication::focusWindow()) {
                activateWindow();
            }
        });
        connect(qApp, &QGuiApplication::focusWindowChanged, this, &MainWindow::keepActivation);
    }
}

void MainWindow::keepActivation(QWindow *focusWindow)
{
    // A dialog of this window closed and nothing has the focus: it comes back here, as a window
    // manager would give it (without one, F1 after a file dialog did nothing until a click).
    // Qt says nothing when the focus window goes away, so the dialog's hiding is watched.
    if (!focusWindow || focusWindow == windowHandle() || focusWindow->transientParent() != windowHandle()) {
        return;
    }
    const QWidgetList windows = QApplication::topLevelWidgets();
    for (QWidget *dialog : windows) {
        if (dialog->windowHandle() == focusWindow) {
            dialog->removeEventFilter(this); // once
            dialog->installEventFilter(this);
        }
    }
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    // Hidden, or deactivated or destroyed once hidden (the focus may reach a dialog only after
    // it was hidden, when it is answered at once).
    const QEvent::Type type = event->type();
    if ((type == QEvent::Hide || type == QEvent::WindowDeactivate || type == QEvent::Destroy) &&
        watched->isWidgetType() &&
        (type != QEvent::WindowDeactivate || !static_cast<QWidget *>(watched)->isVisible())) {
        watched->removeEventFilter(this);
        QTimer::singleShot(0, this, [this] {
            // Not when the user went on to another window or application meanwhile.
            if (!QGuiApplication::focusWindow() && !QApplication::activeModalWidget() && isVisible()) {
                activateWindow();
            }
        });
    }
    return QMainWindow::eventFilter(watched, event);
}

} // namespace ApiLens::Ui
