#pragma once

#include "settings/config.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QFontComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTabWidget;

namespace ApiLens::Ui {

// Edit › Preferences: the user's Core::Config, on three pages (Requests; Responses and
// History; Appearance). OK stores what changed (the window and the theme follow the config's
// changed signal); Cancel stores nothing; Restore Defaults shows the defaults, stored on OK.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(Core::Config *config, QWidget *parent = nullptr);

    void accept() override;
    void restoreDefaults();

    // What the dialog shows for a key, in the key's type; nullopt when a field does not hold
    // a value the key takes (a size that is not one), which OK reports.
    std::optional<QVariant> shown(Core::Config::Key key) const;
    QTabWidget *pages() const { return m_pages; }
    QLabel *problem() const { return m_problem; }

private:
    QWidget *requestsPage();
    QWidget *responsesPage();
    QWidget *appearancePage();
    void showValue(Core::Config::Key key, const QVariant &value);
    void updateEnabled();

    Core::Config *m_config;
    QTabWidget *m_pages;
    QSpinBox *m_timeout = nullptr;
    QCheckBox *m_followRedirects = nullptr;
    QSpinBox *m_maxRedirects = nullptr;
    QCheckBox *m_verifyTls = nullptr;
    QCheckBox *m_http2 = nullptr;
    QComboBox *m_proxyMode = nullptr;
    QLineEdit *m_proxyHost = nullptr;
    QSpinBox *m_proxyPort = nullptr;
    QLineEdit *m_memoryBody = nullptr;
    QLineEdit *m_maxBody = nullptr;
    QSpinBox *m_retention = nullptr;
    QComboBox *m_theme = nullptr;
    QCheckBox *m_systemFont = nullptr;
    QFontComboBox *m_fontFamily = nullptr;
    QSpinBox *m_fontSize = nullptr;
    QLabel *m_problem;
};

} // namespace ApiLens::Ui
