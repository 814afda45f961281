#pragma once

#include "http/requestspec.h"

#include <QWidget>

#include <functional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTabWidget;

namespace ApiLens::Ui {

class DefaultHeadersView;
class KeyValueEditor;
class OAuth1Editor;

// Edits one RequestSpec: method, URL (with a params table kept in sync both ways),
// headers, body by kind, auth and per-request settings.
class RequestEditor : public QWidget
{
    Q_OBJECT
public:
    explicit RequestEditor(QWidget *parent = nullptr);

    Core::RequestSpec spec() const;
    void setSpec(const Core::RequestSpec &spec);
    void setBusy(bool busy);
    void focusUrl();

    QComboBox *methodCombo() const { return m_method; }
    QLineEdit *urlEdit() const { return m_url; }
    QPushButton *sendButton() const { return m_send; }
    KeyValueEditor *paramsEditor() const { return m_params; }
    KeyValueEditor *headersEditor() const { return m_headers; }
    DefaultHeadersView *defaultHeaders() const { return m_defaults; }
    QTabWidget *tabs() const { return m_tabs; }
    QPlainTextEdit *rawBodyEdit() const { return m_rawText; }

    // Shows where an error's field locator (JSON Pointer "/data/attributes/x", "#/age",
    // "items.0.qty", "$.amount", a parameter or header name) is in this request: the key in
    // the raw body, the form row, the query parameter or the header. False when not found.
    bool revealField(const QString &field);

    // Marks {{variables}} in the URL, headers, params and raw body: those `isDefined` knows
    // in an accent colour, the others red with a wavy underline. Null: no marks.
    void setVariableLookup(std::function<bool(const QString &)> isDefined);
    void refreshVariableMarks();
    // The names of {{variables}} in the request that have no value (in order, once each).
    QStringList unresolvedVariables() const;
    static QStringList variablesIn(const QString &text);

    // A curl command pasted or typed into the URL field becomes the request (all of it: method,
    // headers, body, auth, settings); what could not be carried over is shown above the tabs.
    bool importCurl(const QString &command);
    // Where a pasted command's @files and -F files are: the tab's collection (curl would read
    // them from its working directory, which a pasted command does not have).
    void setCurlFolder(const QString &folder) { m_curlFolder = folder; }
    QLabel *noticeLabel() const { return m_notice; }

Q_SIGNALS:
    void curlImported(const QStringList &notCarriedOver);
    void sendRequested();
    void cancelRequested();
    void changed();

protected:
    void changeEvent(QEvent *event) override; // the theme changed: its colours

private:
    QWidget *buildBodyPage();
    QStringList unresolvedIn(const QString &text) const;
    QWidget *buildAuthPage();
    QWidget *buildSettingsPage();
    void syncParamsFromUrl();
    void syncUrlFromParams();
    void updateTabTitles();
    void updateTlsWarning();

    bool m_busy = false;
    QString m_curlFolder;
    QLabel *m_notice = nullptr;
    std::function<bool(const QString &)> m_isDefined;
    QComboBox *m_method;
    QLineEdit *m_url;
    QPushButton *m_send;
    QTabWidget *m_tabs;
    KeyValueEditor *m_params;
    KeyValueEditor *m_headers;
    DefaultHeadersView *m_defaults;

    QComboBox *m_bodyKind = nullptr;
    QStackedWidget *m_bodyPages = nullptr;
    QComboBox *m_rawType = nullptr;
    QPlainTextEdit *m_rawText = nullptr;
    KeyValueEditor *m_form = nullptr;
    KeyValueEditor *m_multipart = nullptr;
    QLineEdit *m_binaryPath = nullptr;
    QLineEdit *m_binaryType = nullptr;

    QComboBox *m_authKind = nullptr;
    QStackedWidget *m_authPages = nullptr;
    QLineEdit *m_basicUser = nullptr;
    QLineEdit *m_basicPassword = nullptr;
    QLineEdit *m_bearerToken = nullptr;
    QLineEdit *m_keyName = nullptr;
    QLineEdit *m_keyValue = nullptr;
    QComboBox *m_keyLocation = nullptr;
    QLineEdit *m_digestUser = nullptr;
    QLineEdit *m_digestPassword = nullptr;
    OAuth1Editor *m_oauth1 = nullptr;

    QDoubleSpinBox *m_timeout = nullptr;
    QCheckBox *m_followRedirects = nullptr;
    QSpinBox *m_maxRedirects = nullptr;
    QCheckBox *m_verifyTls = nullptr;
    QLabel *m_tlsWarning = nullptr;
    QCheckBox *m_http2 = nullptr;
    QCheckBox *m_http2Direct = nullptr;
    QComboBox *m_proxyMode = nullptr;
    QLineEdit *m_proxyHost = nullptr;
    QSpinBox *m_proxyPort = nullptr;
    QLineEdit *m_proxyUser = nullptr;
    QLineEdit *m_proxyPassword = nullptr;
};

} // namespace ApiLens::Ui
