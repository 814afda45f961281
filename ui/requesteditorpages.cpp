#include "requesteditorpages.h"
#include "requesteditor.h"
#include "statusstyle.h"

#include "oauth1editor.h"
#include "secretedit.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

// The Auth and Settings pages of the RequestEditor.
namespace ApiLens::Ui {

namespace EditorPages {

QWidget *page(QLayout *layout)
{
    auto *widget = new QWidget;
    widget->setLayout(layout);
    return widget;
}

QWidget *kindPage(QComboBox *kind, QStackedWidget *pages, int pagesStretch)
{
    auto *layout = new QVBoxLayout;
    layout->setContentsMargins(0, 6, 0, 0);
    auto *kindRow = new QHBoxLayout;
    kindRow->addWidget(kind);
    kindRow->addStretch(1);
    layout->addLayout(kindRow);
    layout->addWidget(pages, pagesStretch);
    if (pagesStretch == 0) {
        layout->addStretch(1);
    }
    QObject::connect(kind, &QComboBox::currentIndexChanged, pages, &QStackedWidget::setCurrentIndex);
    return page(layout);
}

} // namespace EditorPages

using EditorPages::kindPage;
using EditorPages::page;

QWidget *RequestEditor::buildAuthPage()
{
    m_authKind = new QComboBox;
    m_authKind->addItem(tr("No auth"), int(Core::AuthKind::None));
    m_authKind->addItem(tr("Basic"), int(Core::AuthKind::Basic));
    m_authKind->addItem(tr("Bearer token"), int(Core::AuthKind::Bearer));
    m_authKind->addItem(tr("API key"), int(Core::AuthKind::ApiKey));
    m_authKind->addItem(tr("Digest"), int(Core::AuthKind::Digest));
    m_authKind->addItem(tr("OAuth 1.0"), int(Core::AuthKind::OAuth1));
    m_authKind->setAccessibleName(tr("Auth kind"));
    m_authPages = new QStackedWidget;

    auto *none = new QLabel(tr("No credentials are sent. Headers you add yourself still are."));
    none->setEnabled(false);
    none->setAlignment(Qt::AlignCenter);
    m_authPages->addWidget(none);

    m_basicUser = new QLineEdit;
    m_basicPassword = secretEdit(this);
    auto *basic = new QFormLayout;
    basic->addRow(tr("Username:"), m_basicUser);
    basic->addRow(tr("Password:"), m_basicPassword);
    m_authPages->addWidget(page(basic));

    m_bearerToken = secretEdit(this);
    auto *bearer = new QFormLayout;
    bearer->addRow(tr("Token:"), m_bearerToken);
    m_authPages->addWidget(page(bearer));

    m_keyName = new QLineEdit;
    m_keyName->setPlaceholderText(QStringLiteral("X-API-Key"));
    m_keyValue = secretEdit(this);
    m_keyLocation = new QComboBox;
    m_keyLocation->addItem(tr("Header"), int(Core::ApiKeyLocation::Header));
    m_keyLocation->addItem(tr("Query parameter"), int(Core::ApiKeyLocation::Query));
    auto *key = new QFormLayout;
    key->addRow(tr("Name:"), m_keyName);
    key->addRow(tr("Value:"), m_keyValue);
    key->addRow(tr("Send in:"), m_keyLocation);
    m_authPages->addWidget(page(key));

    m_digestUser = new QLineEdit;
    m_digestPassword = secretEdit(this);
    auto *digest = new QFormLayout;
    digest->addRow(tr("Username:"), m_digestUser);
    digest->addRow(tr("Password:"), m_digestPassword);
    auto *digestNote = new QLabel(tr("Sent when the server answers with a Digest challenge."));
    digestNote->setEnabled(false);
    digest->addRow(digestNote);
    m_authPages->addWidget(page(digest));

    m_oauth1 = new OAuth1Editor;
    auto *oauth1 = new QVBoxLayout;
    oauth1->addWidget(m_oauth1);
    oauth1->addStretch(1);
    m_authPages->addWidget(page(oauth1));
    connect(m_oauth1, &OAuth1Editor::changed, this, &RequestEditor::changed);
    // Every credential typed is an edit of the request.
    for (QLineEdit *edit : {m_basicUser, m_basicPassword, m_bearerToken, m_keyName, m_keyValue, m_digestUser,
                            m_digestPassword}) {
        connect(edit, &QLineEdit::textChanged, this, &RequestEditor::changed);
    }
    connect(m_keyLocation, &QComboBox::currentIndexChanged, this, &RequestEditor::changed);

    connect(m_authKind, &QComboBox::currentIndexChanged, this, &RequestEditor::changed);

    return kindPage(m_authKind, m_authPages, 0);
}

QWidget *RequestEditor::buildSettingsPage()
{
    m_timeout = new QDoubleSpinBox;
    m_timeout->setRange(0, 3600);
    m_timeout->setDecimals(1);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setSpecialValueText(tr("No limit"));
    m_followRedirects = new QCheckBox(tr("Follow redirects"));
    m_maxRedirects = new QSpinBox;
    m_maxRedirects->setRange(0, 100);
    m_maxRedirects->setPrefix(tr("at most "));
    m_verifyTls = new QCheckBox(tr("Verify the server's TLS certificate"));
    m_tlsWarning =
        new QLabel(tr("⚠ Verification is off: anyone on the network path can read and change this request."));
    m_tlsWarning->setWordWrap(true);
    QPalette warn = m_tlsWarning->palette();
    warn.setColor(QPalette::WindowText, tint(Tint::Warning, warn));
    m_tlsWarning->setPalette(warn);
    m_http2 = new QCheckBox(tr("Use HTTP/2 when the server offers it"));
    m_http2Direct = new QCheckBox(tr("HTTP/2 without TLS (prior knowledge, h2c)"));
    m_proxyMode = new QComboBox;
    m_proxyMode->addItem(tr("System proxy settings"), int(Core::ProxyMode::System));
    m_proxyMode->addItem(tr("No proxy"), int(Core::ProxyMode::None));
    m_proxyMode->addItem(tr("Manual HTTP proxy"), int(Core::ProxyMode::Manual));
    m_proxyHost = new QLineEdit;
    m_proxyHost->setPlaceholderText(QStringLiteral("proxy.example.com"));
    m_proxyPort = new QSpinBox;
    m_proxyPort->setRange(0, 65535);
    m_proxyPort->setSpecialValueText(tr("port"));
    m_proxyUser = new QLineEdit;
    m_proxyPassword = secretEdit(this);

    auto *redirects = new QHBoxLayout;
    redirects->addWidget(m_followRedirects);
    redirects->addWidget(m_maxRedirects);
    redirects->addStretch(1);
    auto *proxyHostRow = new QHBoxLayout;
    proxyHostRow->addWidget(m_proxyHost, 1);
    proxyHostRow->addWidget(m_proxyPort);

    auto *form = new QFormLayout;
    form->addRow(tr("Timeout:"), m_timeout);
    form->addRow(tr("Redirects:"), redirects);
    form->addRow(tr("TLS:"), m_verifyTls);
    form->addRow(QString(), m_tlsWarning);
    form->addRow(tr("HTTP/2:"), m_http2);
    form->addRow(QString(), m_http2Direct);
    form->addRow(tr("Proxy:"), m_proxyMode);
    form->addRow(tr("Proxy host:"), proxyHostRow);
    form->addRow(tr("Proxy user:"), m_proxyUser);
    form->addRow(tr("Proxy password:"), m_proxyPassword);

    auto updateEnabled = [this] {
        m_maxRedirects->setEnabled(m_followRedirects->isChecked());
        const bool manual = m_proxyMode->currentData().toInt() == int(Core::ProxyMode::Manual);
        m_proxyHost->setEnabled(manual);
        m_proxyPort->setEnabled(manual);
        m_proxyUser->setEnabled(manual);
        m_proxyPassword->setEnabled(manual);
        m_http2Direct->setEnabled(m_http2->isChecked());
    };
    // Every setting changed is an edit of the request.
    for (QCheckBox *box : {m_followRedirects, m_http2, m_http2Direct}) {
        connect(box, &QCheckBox::toggled, this, &RequestEditor::changed);
    }
    for (QLineEdit *edit : {m_proxyHost, m_proxyUser, m_proxyPassword}) {
        connect(edit, &QLineEdit::textChanged, this, &RequestEditor::changed);
    }
    connect(m_timeout, &QDoubleSpinBox::valueChanged, this, &RequestEditor::changed);
    connect(m_maxRedirects, &QSpinBox::valueChanged, this, &RequestEditor::changed);
    connect(m_proxyPort, &QSpinBox::valueChanged, this, &RequestEditor::changed);
    connect(m_proxyMode, &QComboBox::currentIndexChanged, this, &RequestEditor::changed);
    connect(m_followRedirects, &QCheckBox::toggled, this, updateEnabled);
    connect(m_proxyMode, &QComboBox::currentIndexChanged, this, updateEnabled);
    connect(m_http2, &QCheckBox::toggled, this, updateEnabled);
    connect(m_verifyTls, &QCheckBox::toggled, this, [this] {
        updateTlsWarning();
        Q_EMIT changed();
    });

    const Core::RequestSettings defaults;
    m_timeout->setValue(defaults.timeoutMs / 1000.0);
    m_followRedirects->setChecked(defaults.followRedirects);
    m_maxRedirects->setValue(defaults.maxRedirects);
    m_verifyTls->setChecked(defaults.verifyTls);
    m_http2->setChecked(defaults.allowHttp2);
    updateEnabled();

    auto *layout = new QVBoxLayout;
    layout->setContentsMargins(0, 6, 0, 0);
    layout->addLayout(form);
    layout->addStretch(1);
    return page(layout);
}

} // namespace ApiLens::Ui
