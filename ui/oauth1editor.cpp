#include "oauth1editor.h"

#include "secretedit.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

namespace ApiLens::Ui {

OAuth1Editor::OAuth1Editor(QWidget *parent)
    : QWidget(parent)
{
    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    const QHash<QString, QString> labels{{QStringLiteral("consumer_key"), tr("Consumer key:")},
                                         {QStringLiteral("consumer_secret"), tr("Consumer secret:")},
                                         {QStringLiteral("token"), tr("Access token:")},
                                         {QStringLiteral("token_secret"), tr("Token secret:")},
                                         {QStringLiteral("version"), tr("Version:")},
                                         {QStringLiteral("realm"), tr("Realm:")},
                                         {QStringLiteral("timestamp"), tr("Timestamp:")},
                                         {QStringLiteral("nonce"), tr("Nonce:")},
                                         {QStringLiteral("callback"), tr("Callback URL:")},
                                         {QStringLiteral("verifier"), tr("Verifier:")}};
    m_method = new QComboBox;
    m_method->setEditable(true);
    m_method->addItems({QStringLiteral("HMAC-SHA1"), QStringLiteral("HMAC-SHA256"),
                        QStringLiteral("HMAC-SHA512"), QStringLiteral("PLAINTEXT")});
    m_method->setAccessibleName(tr("Signature method"));
    for (const Core::OAuth1Field &field : Core::oauth1Fields()) {
        const QString key = QLatin1String(field.key);
        if (key == QLatin1String("signature_method")) {
            form->addRow(tr("Signature method:"), m_method);
            continue;
        }
        QLineEdit *edit = field.secret ? secretEdit(this) : new QLineEdit;
        edit->setAccessibleName(labels.value(key).chopped(1));
        if (key == QLatin1String("timestamp") || key == QLatin1String("nonce")) {
            edit->setPlaceholderText(tr("made for each send"));
        }
        m_fields.insert(key, edit);
        form->addRow(labels.value(key), edit);
        connect(edit, &QLineEdit::textChanged, this, &OAuth1Editor::changed);
    }
    m_placement = new QComboBox;
    m_placement->addItem(tr("Authorization header"), true);
    m_placement->addItem(tr("Query (form body of a POST or PUT)"), false);
    m_placement->setAccessibleName(tr("Send the signature in"));
    form->addRow(tr("Send in:"), m_placement);
    m_bodyHash = new QCheckBox(tr("Sign the body (oauth_body_hash)"));
    m_signEmpty = new QCheckBox(tr("Sign empty parameters too"));
    form->addRow(m_bodyHash);
    form->addRow(m_signEmpty);
    auto *note = new QLabel(tr("The request is signed as it goes out; Sent shows the signature."));
    note->setEnabled(false);
    form->addRow(note);
    connect(m_method, &QComboBox::currentTextChanged, this, &OAuth1Editor::changed);
    connect(m_placement, &QComboBox::currentIndexChanged, this, &OAuth1Editor::changed);
    connect(m_bodyHash, &QCheckBox::toggled, this, &OAuth1Editor::changed);
    connect(m_signEmpty, &QCheckBox::toggled, this, &OAuth1Editor::changed);
    setSettings({});
}

Core::OAuth1Settings OAuth1Editor::settings() const
{
    Core::OAuth1Settings settings;
    for (const Core::OAuth1Field &field : Core::oauth1Fields()) {
        if (QLineEdit *edit = m_fields.value(QLatin1String(field.key))) {
            settings.*field.member = edit->text();
        }
    }
    settings.signatureMethod = m_method->currentText().trimmed();
    settings.inHeader = m_placement->currentData().toBool();
    settings.bodyHash = m_bodyHash->isChecked();
    settings.signEmpty = m_signEmpty->isChecked();
    return settings;
}

void OAuth1Editor::setSettings(const Core::OAuth1Settings &settings)
{
    for (const Core::OAuth1Field &field : Core::oauth1Fields()) {
        if (QLineEdit *edit = m_fields.value(QLatin1String(field.key))) {
            edit->setText(settings.*field.member);
        }
    }
    m_method->setCurrentText(settings.signatureMethod);
    m_placement->setCurrentIndex(settings.inHeader ? 0 : 1);
    m_bodyHash->setChecked(settings.bodyHash);
    m_signEmpty->setChecked(settings.signEmpty);
}

} // namespace ApiLens::Ui
