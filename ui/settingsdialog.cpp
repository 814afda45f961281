#include "settingsdialog.h"

#include "format.h"

#include "util/format.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace ApiLens::Ui {

using Key = Core::Config::Key;

namespace {

QSpinBox *spinBox(int minimum, int maximum, const QString &name, QWidget *parent)
{
    auto *box = new QSpinBox(parent);
    box->setRange(minimum, maximum);
    box->setAccessibleName(name);
    box->setGroupSeparatorShown(true);
    return box;
}

QCheckBox *checkBox(const QString &text, QWidget *parent)
{
    auto *box = new QCheckBox(text, parent);
    box->setAccessibleName(QString(text).remove(QLatin1Char('&')));
    return box;
}

QLineEdit *sizeEdit(const QString &name, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setAccessibleName(name);
    edit->setPlaceholderText(QObject::tr("e.g. 500k, 100M, 2G"));
    edit->setToolTip(QObject::tr("Bytes, or with k, M, G: 500k, 100M, 2G"));
    return edit;
}

// A size as the field shows it, read back exactly when it is not edited.
void showSize(QLineEdit *edit, qint64 bytes)
{
    edit->setText(humanSize(bytes));
    edit->setProperty("bytes", bytes);
}

std::optional<qint64> shownSize(const QLineEdit *edit)
{
    if (edit->text() == humanSize(edit->property("bytes").toLongLong())) {
        return edit->property("bytes").toLongLong();
    }
    return Core::parseSize(edit->text().trimmed());
}

} // namespace

SettingsDialog::SettingsDialog(Core::Config *config, QWidget *parent)
    : QDialog(parent)
    , m_config(config)
    , m_pages(new QTabWidget(this))
    , m_problem(new QLabel(this))
{
    setWindowTitle(tr("Preferences"));
    setObjectName(QStringLiteral("SettingsDialog"));
    m_pages->addTab(requestsPage(), tr("&Requests"));
    m_pages->addTab(responsesPage(), tr("Responses && &History"));
    m_pages->addTab(appearancePage(), tr("&Appearance"));
    m_problem->setWordWrap(true);
    m_problem->setAccessibleName(tr("Problem"));
    m_problem->hide();
    auto *buttons = new QDialogButtonBox(
        QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            &SettingsDialog::restoreDefaults);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    for (int i = 0; i < Core::Config::KeyCount; ++i) {
        showValue(Key(i), m_config->get(Key(i)));
    }
    updateEnabled();
}

QWidget *SettingsDialog::requestsPage()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    auto *note = new QLabel(tr("New requests start with these; a saved request keeps its own."), page);
    note->setWordWrap(true);
    form->addRow(note);
    m_timeout = spinBox(0, 24 * 3600, tr("Timeout"), page);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setSpecialValueText(tr("No limit"));
    form->addRow(tr("&Timeout:"), m_timeout);
    m_followRedirects = checkBox(tr("&Follow redirects"), page);
    m_maxRedirects = spinBox(0, 100, tr("Most redirects followed"), page);
    m_maxRedirects->setPrefix(tr("at most "));
    auto *redirects = new QHBoxLayout;
    redirects->addWidget(m_followRedirects);
    redirects->addWidget(m_maxRedirects);
    redirects->addStretch(1);
    form->addRow(tr("Redirects:"), redirects);
    m_verifyTls = checkBox(tr("&Verify the server's TLS certificate"), page);
    form->addRow(tr("TLS:"), m_verifyTls);
    m_http2 = checkBox(tr("Use HTTP/&2 when the server offers it"), page);
    form->addRow(tr("HTTP/2:"), m_http2);
    m_proxyMode = new QComboBox(page);
    m_proxyMode->setAccessibleName(tr("Proxy"));
    m_proxyMode->addItem(tr("The system's proxy settings"), QStringLiteral("system"));
    m_proxyMode->addItem(tr("No proxy"), QStringLiteral("none"));
    m_proxyMode->addItem(tr("This proxy:"), QStringLiteral("manual"));
    m_proxyHost = new QLineEdit(page);
    m_proxyHost->setAccessibleName(tr("Proxy host"));
    m_proxyHost->setPlaceholderText(tr("host"));
    m_proxyPort = spinBox(1, 65535, tr("Proxy port"), page);
    m_proxyPort->setGroupSeparatorShown(false);
    auto *proxy = new QHBoxLayout;
    proxy->addWidget(m_proxyMode);
    proxy->addWidget(m_proxyHost, 1);
    proxy->addWidget(m_proxyPort);
    form->addRow(tr("&Proxy:"), proxy);
    connect(m_followRedirects, &QCheckBox::toggled, this, &SettingsDialog::updateEnabled);
    connect(m_proxyMode, &QComboBox::currentIndexChanged, this, &SettingsDialog::updateEnabled);
    return page;
}

QWidget *SettingsDialog::responsesPage()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    m_memoryBody = sizeEdit(tr("Bodies kept in memory up to"), page);
    form->addRow(tr("Keep bodies in &memory up to:"), m_memoryBody);
    form->addRow(new QLabel(tr("Larger bodies go to a temporary file and are shown from there."), page));
    m_maxBody = sizeEdit(tr("Cut off bodies larger than"), page);
    form->addRow(tr("&Cut off bodies larger than:"), m_maxBody);
    m_retention = spinBox(100, 1000000, tr("History entries kept"), page);
    m_retention->setSingleStep(1000);
    m_retention->setSuffix(tr(" entries"));
    form->addRow(tr("&History keeps:"), m_retention);
    form->addRow(new QLabel(tr("The oldest entries go once there are more."), page));
    return page;
}

QWidget *SettingsDialog::appearancePage()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    m_theme = new QComboBox(page);
    m_theme->setAccessibleName(tr("Theme"));
    m_theme->addItem(tr("The system's"), QStringLiteral("system"));
    m_theme->addItem(tr("Light"), QStringLiteral("light"));
    m_theme->addItem(tr("Dark"), QStringLiteral("dark"));
    form->addRow(tr("&Theme:"), m_theme);
    m_systemFont = checkBox(tr("The system's &fixed-width font"), page);
    m_fontFamily = new QFontComboBox(page);
    m_fontFamily->setFontFilters(QFontComboBox::MonospacedFonts);
    m_fontFamily->setAccessibleName(tr("Editor font"));
    m_fontSize = spinBox(0, 72, tr("Editor font size"), page);
    m_fontSize->setSpecialValueText(tr("Its own size"));
    m_fontSize->setSuffix(tr(" pt"));
    form->addRow(tr("Editor font:"), m_systemFont);
    form->addRow(QString(), m_fontFamily);
    form->addRow(tr("Font &size:"), m_fontSize);
    connect(m_systemFont, &QCheckBox::toggled, this, &SettingsDialog::updateEnabled);
    return page;
}

void SettingsDialog::showValue(Key key, const QVariant &value)
{
    switch (key) {
    case Key::RequestTimeoutSeconds:
        m_timeout->setValue(value.toInt());
        break;
    case Key::RequestFollowRedirects:
        m_followRedirects->setChecked(value.toBool());
        break;
    case Key::RequestMaxRedirects:
        m_maxRedirects->setValue(value.toInt());
        break;
    case Key::RequestVerifyTls:
        m_verifyTls->setChecked(value.toBool());
        break;
    case Key::RequestHttp2:
        m_http2->setChecked(value.toBool());
        break;
    case Key::ProxyMode:
        m_proxyMode->setCurrentIndex(m_proxyMode->findData(value));
        break;
    case Key::ProxyHost:
        m_proxyHost->setText(value.toString());
        break;
    case Key::ProxyPort:
        m_proxyPort->setValue(value.toInt());
        break;
    case Key::MemoryBodyBytes:
        showSize(m_memoryBody, value.toLongLong());
        break;
    case Key::MaxBodyBytes:
        showSize(m_maxBody, value.toLongLong());
        break;
    case Key::HistoryRetention:
        m_retention->setValue(value.toInt());
        break;
    case Key::Theme:
        m_theme->setCurrentIndex(m_theme->findData(value));
        break;
    case Key::EditorFontFamily:
        m_systemFont->setChecked(value.toString().isEmpty());
        if (!value.toString().isEmpty()) {
            m_fontFamily->setCurrentFont(QFont(value.toString()));
        }
        break;
    case Key::EditorFontSize:
        m_fontSize->setValue(value.toInt());
        break;
    case Key::KeyCount:
        break;
    }
}

std::optional<QVariant> SettingsDialog::shown(Key key) const
{
    switch (key) {
    case Key::RequestTimeoutSeconds:
        return m_timeout->value();
    case Key::RequestFollowRedirects:
        return m_followRedirects->isChecked();
    case Key::RequestMaxRedirects:
        return m_maxRedirects->value();
    case Key::RequestVerifyTls:
        return m_verifyTls->isChecked();
    case Key::RequestHttp2:
        return m_http2->isChecked();
    case Key::ProxyMode:
        return m_proxyMode->currentData();
    case Key::ProxyHost:
        return m_proxyHost->text().trimmed();
    case Key::ProxyPort:
        return m_proxyPort->value();
    case Key::MemoryBodyBytes:
    case Key::MaxBodyBytes: {
        const std::optional<qint64> bytes = shownSize(key == Key::MaxBodyBytes ? m_maxBody : m_memoryBody);
        if (!bytes || !Core::Config::accepts(key, *bytes)) {
            return std::nullopt;
        }
        return QVariant(*bytes);
    }
    case Key::HistoryRetention:
        return m_retention->value();
    case Key::Theme:
        return m_theme->currentData();
    case Key::EditorFontFamily:
        return m_systemFont->isChecked() ? QString() : m_fontFamily->currentFont().family();
    case Key::EditorFontSize:
        return m_fontSize->value();
    case Key::KeyCount:
        break;
    }
    return std::nullopt;
}

void SettingsDialog::accept()
{
    // Everything is checked before anything is stored: a bad field stores nothing.
    for (const Key key : {Key::MemoryBodyBytes, Key::MaxBodyBytes}) {
        if (!shown(key)) {
            QLineEdit *edit = key == Key::MaxBodyBytes ? m_maxBody : m_memoryBody;
            m_problem->setText(
                tr("“%1” is not a size from 1k to 1T (memory: 64k to 4G): write it as 500k, 100M "
                   "or 2G.")
                    .arg(edit->text()));
            m_problem->show();
            m_pages->setCurrentIndex(1);
            edit->setFocus();
            edit->selectAll();
            return;
        }
    }
    if (shown(Key::ProxyMode)->toString() == QLatin1String("manual") &&
        m_proxyHost->text().trimmed().isEmpty()) {
        m_problem->setText(tr("Name the proxy's host, or choose another proxy setting."));
        m_problem->show();
        m_pages->setCurrentIndex(0);
        m_proxyHost->setFocus();
        return;
    }
    for (int i = 0; i < Core::Config::KeyCount; ++i) {
        const Key key = Key(i);
        const QVariant value = *shown(key);
        if (value == Core::Config::defaultValue(key)) {
            m_config->reset(key); // a default stays a default when the defaults change
        } else {
            m_config->set(key, value);
        }
    }
    QDialog::accept();
}

void SettingsDialog::restoreDefaults()
{
    for (int i = 0; i < Core::Config::KeyCount; ++i) {
        showValue(Key(i), Core::Config::defaultValue(Key(i)));
    }
    m_problem->hide();
    updateEnabled();
}

void SettingsDialog::updateEnabled()
{
    m_maxRedirects->setEnabled(m_followRedirects->isChecked());
    const bool manual = m_proxyMode->currentData().toString() == QLatin1String("manual");
    m_proxyHost->setEnabled(manual);
    m_proxyPort->setEnabled(manual);
    m_fontFamily->setEnabled(!m_systemFont->isChecked());
}

} // namespace ApiLens::Ui
