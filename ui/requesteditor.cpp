#include "requesteditor.h"
#include "requesteditorpages.h"
#include "theme.h"

#include "oauth1editor.h"

#include "defaultheadersview.h"
#include "filepicker.h"
#include "keyvalueeditor.h"
#include "statusstyle.h"

#include "collections/variablesyntax.h"
#include "interop/curl.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QInputMethodEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMimeDatabase>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace ApiLens::Ui {

namespace {

// Multipart rows whose value starts with '@' are files (curl -F's convention).
QList<Core::MultipartPart> partsFromRows(const QList<Core::KeyValue> &rows)
{
    QList<Core::MultipartPart> parts;
    for (const Core::KeyValue &row : rows) {
        Core::MultipartPart part;
        part.name = row.name;
        part.enabled = row.enabled;
        if (row.value.startsWith(QLatin1Char('@'))) {
            part.filePath = row.value.mid(1);
        } else {
            part.value = row.value;
        }
        parts.append(part);
    }
    return parts;
}

QList<Core::KeyValue> rowsFromParts(const QList<Core::MultipartPart> &parts)
{
    QList<Core::KeyValue> rows;
    for (const Core::MultipartPart &part : parts) {
        rows.append({part.name, part.isFile() ? QLatin1Char('@') + part.filePath : part.value, part.enabled});
    }
    return rows;
}

// Long forms scroll instead of forcing the editor pane to be tall.
QWidget *scrollable(QWidget *content)
{
    auto *area = new QScrollArea;
    area->setWidget(content);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    return area;
}

} // namespace

using EditorPages::kindPage;
using EditorPages::page;

RequestEditor::RequestEditor(QWidget *parent)
    : QWidget(parent)
    , m_method(new QComboBox(this))
    , m_url(new QLineEdit(this))
    , m_send(new QPushButton(tr("Send"), this))
    , m_tabs(new QTabWidget(this))
    , m_params(new KeyValueEditor(tr("Parameter"), this))
    , m_headers(new KeyValueEditor(tr("Header"), this))
    , m_defaults(new DefaultHeadersView(this))
{
    m_method->setEditable(true);
    m_method->addItems(Core::standardMethods());
    m_method->setInsertPolicy(QComboBox::NoInsert);
    m_method->setToolTip(tr("HTTP method; type any other verb"));
    m_method->setMinimumContentsLength(7);
    m_method->setAccessibleName(tr("Method"));
    m_url->setPlaceholderText(tr("https://api.example.com/v1/users?limit=10"));
    m_url->setClearButtonEnabled(true);
    m_url->setAccessibleName(tr("URL"));
    useEditorFont(m_url);
    m_send->setDefault(true);
    m_send->setToolTip(tr("Send the request (Ctrl+Enter)"));
    m_send->setMinimumWidth(m_send->fontMetrics().horizontalAdvance(tr("Cancel")) + 40);

    auto *top = new QHBoxLayout;
    top->setSpacing(6);
    top->addWidget(m_method);
    top->addWidget(m_url, 1);
    top->addWidget(m_send);

    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_params, tr("Params"));
    auto *headersLayout = new QVBoxLayout;
    headersLayout->setContentsMargins(0, 0, 0, 0);
    headersLayout->addWidget(m_headers, 1);
    headersLayout->addWidget(m_defaults);
    // With the defaults open the page can be taller than the pane: it scrolls, the table
    // keeps room for a few rows.
    m_headers->setMinimumHeight(m_headers->fontMetrics().height() * 5);
    auto *headersPage = qobject_cast<QScrollArea *>(scrollable(page(headersLayout)));
    m_tabs->addTab(headersPage, tr("Headers"));
    connect(m_defaults->toggle(), &QToolButton::toggled, this, [this, headersPage](bool open) {
        if (open) { // once laid out, scroll the opened list into view
            QTimer::singleShot(0, headersPage,
                               [this, headersPage] { headersPage->ensureWidgetVisible(m_defaults); });
        }
    });
    m_tabs->addTab(buildBodyPage(), tr("Body"));
    m_tabs->addTab(scrollable(buildAuthPage()), tr("Auth"));
    m_tabs->addTab(scrollable(buildSettingsPage()), tr("Settings"));

    m_notice = new QLabel(this);
    m_notice->setWordWrap(true);
    m_notice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notice->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 0);
    layout->addLayout(top);
    layout->addWidget(m_notice);
    layout->addWidget(m_tabs, 1);

    connect(m_send, &QPushButton::clicked, this, [this] {
        if (m_busy) {
            Q_EMIT cancelRequested();
        } else {
            Q_EMIT sendRequested();
        }
    });
    connect(m_url, &QLineEdit::returnPressed, this, [this] {
        if (!m_busy) {
            Q_EMIT sendRequested();
        }
    });
    connect(m_url, &QLineEdit::textEdited, this, [this](const QString &text) {
        if (Core::looksLikeCurl(text)) {
            // A line edit flattens a pasted multi-line command; the clipboard still has it whole.
            const QString clipboard = QGuiApplication::clipboard()->text();
            if (importCurl(Core::looksLikeCurl(clipboard) && clipboard.simplified() == text.simplified()
                               ? clipboard
                               : text)) {
                return;
            }
        }
        syncParamsFromUrl();
        Q_EMIT changed();
    });
    connect(m_url, &QLineEdit::textChanged, this, [this] {
        if (m_isDefined) {
            refreshVariableMarks();
        }
    });
    connect(m_method, &QComboBox::currentTextChanged, this, &RequestEditor::changed);
    connect(m_params->model(), &KeyValueModel::edited, this, [this] {
        syncUrlFromParams();
        Q_EMIT changed();
    });
    connect(m_headers->model(), &KeyValueModel::edited, this, [this] {
        m_defaults->setState(m_headers->model()->rows(), m_defaults->omitted());
        updateTabTitles();
        Q_EMIT changed();
    });
    connect(m_defaults, &DefaultHeadersView::changed, this, [this] {
        m_defaults->setState(m_headers->model()->rows(), m_defaults->omitted());
        Q_EMIT changed();
    });
    updateTabTitles();
    updateTlsWarning();
}

QWidget *RequestEditor::buildBodyPage()
{
    m_bodyKind = new QComboBox;
    m_bodyKind->addItem(tr("No body"), int(Core::BodyKind::None));
    m_bodyKind->addItem(tr("Raw (JSON, XML, text)"), int(Core::BodyKind::Raw));
    m_bodyKind->addItem(tr("Form, URL-encoded"), int(Core::BodyKind::UrlEncoded));
    m_bodyKind->addItem(tr("Multipart form"), int(Core::BodyKind::Multipart));
    m_bodyKind->addItem(tr("Binary file"), int(Core::BodyKind::BinaryFile));
    m_bodyKind->setAccessibleName(tr("Body kind"));
    m_bodyPages = new QStackedWidget;

    auto *none = new QLabel(tr("This request sends no body."));
    none->setAlignment(Qt::AlignCenter);
    none->setEnabled(false);
    m_bodyPages->addWidget(none);

    m_rawType = new QComboBox;
    m_rawType->setEditable(true);
    m_rawType->addItems({QStringLiteral("application/json"), QStringLiteral("application/xml"),
                         QStringLiteral("text/plain"), QStringLiteral("text/html"),
                         QStringLiteral("application/graphql"), QStringLiteral("application/javascript")});
    m_rawText = new QPlainTextEdit;
    useEditorFont(m_rawText);
    m_rawText->setPlaceholderText(tr("{\n  \"name\": \"Ada\"\n}"));
    m_rawText->setTabChangesFocus(false);
    auto *rawLayout = new QVBoxLayout;
    rawLayout->setContentsMargins(0, 0, 0, 0);
    auto *typeRow = new QFormLayout;
    typeRow->addRow(tr("Content type:"), m_rawType);
    rawLayout->addLayout(typeRow);
    rawLayout->addWidget(m_rawText, 1);
    m_bodyPages->addWidget(page(rawLayout));

    m_form = new KeyValueEditor(tr("Field"));
    m_bodyPages->addWidget(m_form);

    m_multipart = new KeyValueEditor(tr("Field"));
    auto *addFile = new QPushButton(tr("Add file…"));
    auto *multipartHint = new QLabel(tr("A value starting with @ is a file path."));
    multipartHint->setEnabled(false);
    auto *multipartLayout = new QVBoxLayout;
    multipartLayout->setContentsMargins(0, 0, 0, 0);
    multipartLayout->addWidget(m_multipart, 1);
    auto *multipartRow = new QHBoxLayout;
    multipartRow->addWidget(multipartHint, 1);
    multipartRow->addWidget(addFile);
    multipartLayout->addLayout(multipartRow);
    m_bodyPages->addWidget(page(multipartLayout));
    connect(addFile, &QPushButton::clicked, this, [this] {
        const QString path = FilePicker::openFile(this, tr("Add a file to the form"));
        if (path.isEmpty()) {
            return;
        }
        QList<Core::KeyValue> rows = m_multipart->model()->rows();
        rows.append({QStringLiteral("file"), QLatin1Char('@') + path, true});
        m_multipart->model()->setRows(rows);
        Q_EMIT changed();
    });

    m_binaryPath = new QLineEdit;
    m_binaryPath->setPlaceholderText(tr("Path of the file to send"));
    m_binaryType = new QLineEdit;
    m_binaryType->setPlaceholderText(tr("none: no Content-Type is sent"));
    auto *choose = new QPushButton(tr("Choose…"));
    connect(choose, &QPushButton::clicked, this, [this] {
        const QString path = FilePicker::openFile(this, tr("Choose the file to send"));
        if (!path.isEmpty()) {
            m_binaryPath->setText(path);
            if (m_binaryType->text().isEmpty()) {
                // The type the file's name suggests; the user can change or clear it.
                m_binaryType->setText(
                    QMimeDatabase().mimeTypeForFile(path, QMimeDatabase::MatchExtension).name());
            }
            Q_EMIT changed();
        }
    });
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_binaryPath, 1);
    pathRow->addWidget(choose);
    auto *binaryLayout = new QFormLayout;
    binaryLayout->addRow(tr("File:"), pathRow);
    binaryLayout->addRow(tr("Content type:"), m_binaryType);
    m_bodyPages->addWidget(page(binaryLayout));

    connect(m_bodyKind, &QComboBox::currentIndexChanged, this, &RequestEditor::changed);
    connect(m_rawText, &QPlainTextEdit::textChanged, this, &RequestEditor::changed);
    connect(m_rawType, &QComboBox::currentTextChanged, this, &RequestEditor::changed);
    connect(m_binaryPath, &QLineEdit::textChanged, this, &RequestEditor::changed);
    connect(m_binaryType, &QLineEdit::textChanged, this, &RequestEditor::changed);
    connect(m_rawText, &QPlainTextEdit::textChanged, this, [this] {
        if (m_isDefined) {
            refreshVariableMarks();
        }
    });

    return kindPage(m_bodyKind, m_bodyPages, 1);
}

void RequestEditor::syncParamsFromUrl()
{
    // Enabled params come from the URL; disabled rows live only in the table, so keep them.
    QList<Core::KeyValue> rows = Core::UrlQuery::parse(m_url->text());
    for (const Core::KeyValue &row : m_params->model()->rows()) {
        if (!row.enabled) {
            rows.append(row);
        }
    }
    m_params->model()->setRows(rows);
    updateTabTitles();
}

void RequestEditor::syncUrlFromParams()
{
    const int cursor = m_url->cursorPosition();
    m_url->setText(Core::UrlQuery::withParams(m_url->text(), m_params->model()->rows()));
    m_url->setCursorPosition(qMin(cursor, int(m_url->text().size())));
    updateTabTitles();
}

void RequestEditor::updateTabTitles()
{
    auto title = [](const QString &name, int count) {
        return count > 0 ? QStringLiteral("%1 (%2)").arg(name).arg(count) : name;
    };
    m_tabs->setTabText(0, title(tr("Params"), m_params->model()->enabledCount()));
    m_tabs->setTabText(1, title(tr("Headers"), m_headers->model()->enabledCount()));
}

void RequestEditor::updateTlsWarning()
{
    m_tlsWarning->setVisible(!m_verifyTls->isChecked());
}

bool RequestEditor::revealField(const QString &field)
{
    // The last named segment of the locator is what appears in the request.
    const QStringList segments =
        QString(field)
            .remove(QLatin1Char('#'))
            .split(QRegularExpression(QStringLiteral("[/.\\[\\]$]")), Qt::SkipEmptyParts);
    QString name;
    for (auto it = segments.crbegin(); it != segments.crend(); ++it) {
        bool number = false;
        it->toInt(&number);
        if (!number) {
            name = *it;
            break;
        }
    }
    if (name.isEmpty()) {
        return false;
    }
    const Core::BodyKind kind = Core::BodyKind(m_bodyKind->currentData().toInt());
    if (kind == Core::BodyKind::Raw) {
        QTextCursor found = m_rawText->document()->find(QLatin1Char('"') + name + QLatin1Char('"'));
        if (found.isNull()) {
            found = m_rawText->document()->find(name, 0, QTextDocument::FindWholeWords);
        }
        if (!found.isNull()) {
            m_tabs->setCurrentIndex(2);
            m_rawText->setTextCursor(found);
            m_rawText->setFocus();
            return true;
        }
    }
    const QList<QPair<KeyValueEditor *, int>> tables = {
        {kind == Core::BodyKind::UrlEncoded ? m_form : nullptr, 2},
        {kind == Core::BodyKind::Multipart ? m_multipart : nullptr, 2},
        {m_params, 0},
        {m_headers, 1}};
    for (const auto &[editor, tab] : tables) {
        if (!editor) {
            continue;
        }
        const QList<Core::KeyValue> rows = editor->model()->rows();
        for (int row = 0; row < rows.size(); ++row) {
            if (rows[row].name.compare(name, Qt::CaseInsensitive) == 0 || rows[row].name == field) {
                m_tabs->setCurrentIndex(tab);
                editor->view()->setFocus();
                editor->view()->selectRow(row);
                return true;
            }
        }
    }
    return false;
}

void RequestEditor::setBusy(bool busy)
{
    m_busy = busy;
    m_send->setText(busy ? tr("Cancel") : tr("Send"));
    m_send->setToolTip(busy ? tr("Cancel the request (Esc)") : tr("Send the request (Ctrl+Enter)"));
}

void RequestEditor::focusUrl()
{
    m_url->setFocus();
    m_url->selectAll();
}

Core::RequestSpec RequestEditor::spec() const
{
    Core::RequestSpec spec;
    spec.method = m_method->currentText().trimmed().toUpper();
    spec.url = m_url->text().trimmed();
    spec.headers = m_headers->model()->rows();
    spec.omittedDefaults = m_defaults->omitted();

    spec.body.kind = Core::BodyKind(m_bodyKind->currentData().toInt());
    spec.body.raw = m_rawText->toPlainText().toUtf8();
    spec.body.contentType = spec.body.kind == Core::BodyKind::BinaryFile ? m_binaryType->text().trimmed()
                                                                         : m_rawType->currentText().trimmed();
    spec.body.form = m_form->model()->rows();
    spec.body.parts = partsFromRows(m_multipart->model()->rows());
    spec.body.filePath = m_binaryPath->text().trimmed();

    spec.auth.kind = Core::AuthKind(m_authKind->currentData().toInt());
    if (spec.auth.kind == Core::AuthKind::Digest) {
        spec.auth.username = m_digestUser->text();
        spec.auth.password = m_digestPassword->text();
    } else {
        spec.auth.username = m_basicUser->text();
        spec.auth.password = m_basicPassword->text();
    }
    spec.auth.token = m_bearerToken->text();
    spec.auth.keyName = m_keyName->text();
    spec.auth.keyValue = m_keyValue->text();
    spec.auth.keyLocation = Core::ApiKeyLocation(m_keyLocation->currentData().toInt());
    if (spec.auth.kind == Core::AuthKind::OAuth1) {
        spec.auth.oauth1 = m_oauth1->settings();
    }

    Core::RequestSettings &settings = spec.settings;
    settings.timeoutMs = int(m_timeout->value() * 1000.0);
    settings.followRedirects = m_followRedirects->isChecked();
    settings.maxRedirects = m_maxRedirects->value();
    settings.verifyTls = m_verifyTls->isChecked();
    settings.allowHttp2 = m_http2->isChecked();
    settings.http2PriorKnowledge = m_http2->isChecked() && m_http2Direct->isChecked();
    settings.proxy.mode = Core::ProxyMode(m_proxyMode->currentData().toInt());
    settings.proxy.host = m_proxyHost->text().trimmed();
    settings.proxy.port = quint16(m_proxyPort->value());
    settings.proxy.user = m_proxyUser->text();
    settings.proxy.password = m_proxyPassword->text();
    return spec;
}

void RequestEditor::setSpec(const Core::RequestSpec &spec)
{
    m_notice->hide();
    const int methodIndex = m_method->findText(spec.method.toUpper());
    if (methodIndex >= 0) {
        m_method->setCurrentIndex(methodIndex);
    } else {
        m_method->setEditText(spec.method.toUpper());
    }
    m_url->setText(spec.url);
    m_params->model()->setRows(Core::UrlQuery::parse(spec.url));
    m_headers->model()->setRows(spec.headers);
    m_defaults->setState(spec.headers, spec.omittedDefaults);

    m_bodyKind->setCurrentIndex(m_bodyKind->findData(int(spec.body.kind)));
    m_rawText->setPlainText(QString::fromUtf8(spec.body.raw));
    if (spec.body.kind == Core::BodyKind::BinaryFile) {
        m_binaryType->setText(spec.body.contentType);
    } else if (!spec.body.contentType.isEmpty()) {
        m_rawType->setEditText(spec.body.contentType);
    }
    m_form->model()->setRows(spec.body.form);
    m_multipart->model()->setRows(rowsFromParts(spec.body.parts));
    m_binaryPath->setText(spec.body.filePath);

    m_authKind->setCurrentIndex(m_authKind->findData(int(spec.auth.kind)));
    m_basicUser->setText(spec.auth.username);
    m_basicPassword->setText(spec.auth.password);
    m_digestUser->setText(spec.auth.username);
    m_digestPassword->setText(spec.auth.password);
    m_bearerToken->setText(spec.auth.token);
    m_keyName->setText(spec.auth.keyName);
    m_keyValue->setText(spec.auth.keyValue);
    m_keyLocation->setCurrentIndex(m_keyLocation->findData(int(spec.auth.keyLocation)));
    m_oauth1->setSettings(spec.auth.oauth1);

    const Core::RequestSettings &settings = spec.settings;
    m_timeout->setValue(settings.timeoutMs / 1000.0);
    m_followRedirects->setChecked(settings.followRedirects);
    m_maxRedirects->setValue(settings.maxRedirects);
    m_verifyTls->setChecked(settings.verifyTls);
    m_http2->setChecked(settings.allowHttp2);
    m_http2Direct->setChecked(settings.http2PriorKnowledge);
    m_proxyMode->setCurrentIndex(m_proxyMode->findData(int(settings.proxy.mode)));
    m_proxyHost->setText(settings.proxy.host);
    m_proxyPort->setValue(settings.proxy.port);
    m_proxyUser->setText(settings.proxy.user);
    m_proxyPassword->setText(settings.proxy.password);
    updateTabTitles();
    updateTlsWarning();
    if (spec.body.kind != Core::BodyKind::None) {
        m_tabs->setCurrentIndex(2); // a request with a body opens on it
    }
}

namespace {

// The raw body is only scanned this far for marks: a huge body stays cheap to type in.
constexpr qsizetype MaxMarkedBody = 256 * 1024;

} // namespace

QStringList RequestEditor::variablesIn(const QString &text)
{
    return Core::variableNames(text);
}

QStringList RequestEditor::unresolvedIn(const QString &text) const
{
    QStringList missing;
    if (!m_isDefined || !text.contains(QLatin1String("{{"))) {
        return missing;
    }
    for (const QString &name : variablesIn(text)) {
        if (!m_isDefined(name)) {
            missing.append(name);
        }
    }
    return missing;
}

void RequestEditor::setVariableLookup(std::function<bool(const QString &)> isDefined)
{
    m_isDefined = std::move(isDefined);
    const auto check = [this](const QString &text) {
        return unresolvedIn(text);
    };
    m_headers->model()->setUnresolvedCheck(m_isDefined ? check
                                                       : std::function<QStringList(const QString &)>());
    m_params->model()->setUnresolvedCheck(m_isDefined ? check
                                                      : std::function<QStringList(const QString &)>());
    m_form->model()->setUnresolvedCheck(m_isDefined ? check : std::function<QStringList(const QString &)>());
    refreshVariableMarks();
}

void RequestEditor::refreshVariableMarks()
{
    const QColor knownColor = tint(Tint::VariableKnown, palette());
    const QColor missingColor = tint(Tint::VariableMissing, palette());
    QTextCharFormat known;
    known.setForeground(knownColor);
    known.setFontWeight(QFont::DemiBold);
    QTextCharFormat missing;
    missing.setForeground(missingColor);
    missing.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    missing.setUnderlineColor(missingColor);

    // QLineEdit has no rich text; the input-method attributes are its one way to format ranges.
    QList<QInputMethodEvent::Attribute> attributes;
    const QString url = m_url->text();
    if (m_isDefined) {
        for (const Core::VariableReference &reference : Core::variableReferences(url)) {
            attributes.append({QInputMethodEvent::TextFormat, int(reference.start - m_url->cursorPosition()),
                               int(reference.length), m_isDefined(reference.expression) ? known : missing});
        }
    }
    QInputMethodEvent event(QString(), attributes);
    QCoreApplication::sendEvent(m_url, &event);
    const QStringList urlMissing = unresolvedIn(url);
    m_url->setToolTip(urlMissing.isEmpty()
                          ? QString()
                          : tr("No value for %1 in the chosen environment")
                                .arg(QStringLiteral("{{") + urlMissing.join(QStringLiteral("}}, {{")) +
                                     QStringLiteral("}}")));

    QList<QTextEdit::ExtraSelection> selections;
    const QString body = m_rawText->toPlainText().left(MaxMarkedBody);
    if (m_isDefined && body.contains(QLatin1String("{{"))) {
        for (const Core::VariableReference &reference : Core::variableReferences(body)) {
            QTextEdit::ExtraSelection selection;
            selection.cursor = QTextCursor(m_rawText->document());
            selection.cursor.setPosition(int(reference.start));
            selection.cursor.setPosition(int(reference.start + reference.length), QTextCursor::KeepAnchor);
            selection.format = m_isDefined(reference.expression) ? known : missing;
            selections.append(selection);
        }
    }
    m_rawText->setExtraSelections(selections);
}

QStringList RequestEditor::unresolvedVariables() const
{
    const Core::RequestSpec request = spec();
    QStringList texts = {request.url};
    for (const Core::KeyValue &header : request.headers) {
        if (header.enabled) {
            texts << header.name << header.value;
        }
    }
    if (request.body.kind == Core::BodyKind::Raw) {
        texts << QString::fromUtf8(request.body.raw);
    }
    if (request.body.kind == Core::BodyKind::UrlEncoded) {
        for (const Core::KeyValue &field : request.body.form) {
            if (field.enabled) {
                texts << field.name << field.value;
            }
        }
    }
    if (request.auth.kind != Core::AuthKind::None) {
        texts << request.auth.username << request.auth.password << request.auth.token
              << request.auth.keyValue;
    }
    QStringList missing;
    for (const QString &text : std::as_const(texts)) {
        for (const QString &name : unresolvedIn(text)) {
            if (!missing.contains(name)) {
                missing.append(name);
            }
        }
    }
    return missing;
}

bool RequestEditor::importCurl(const QString &command)
{
    const Core::CurlImport imported = Core::parseCurl(command, m_curlFolder);
    if (!imported.ok()) {
        m_notice->setText(tr("<b>Not a usable curl command:</b> %1").arg(imported.error.toHtmlEscaped()));
        m_notice->show();
        return false;
    }
    setSpec(imported.spec);
    QStringList notes = imported.unknownOptions;
    QString text = notes.isEmpty() ? tr("Imported from a curl command.")
                                   : tr("Imported from a curl command. <b>Not carried over:</b> %1")
                                         .arg(notes.join(QStringLiteral(" · ")).toHtmlEscaped());
    if (!imported.notes.isEmpty()) {
        text += QLatin1Char(' ') + imported.notes.join(QStringLiteral(" · ")).toHtmlEscaped();
    }
    if (!imported.files.isEmpty()) {
        // curl reads @file from its working directory; a pasted command has none of its own.
        QStringList names;
        for (const QString &file : imported.files) {
            names.append(QDir::toNativeSeparators(file));
        }
        text += QLatin1Char(' ') +
                tr("Files as curl would read them in %1: %2")
                    .arg(QDir::toNativeSeparators(m_curlFolder.isEmpty() ? QDir::currentPath() : m_curlFolder)
                             .toHtmlEscaped(),
                         names.join(QStringLiteral(", ")).toHtmlEscaped());
    }
    m_notice->setText(text);
    m_notice->setToolTip(imported.ignored.isEmpty() ? QString()
                                                    : tr("Ignored (they only change curl's own output): %1")
                                                          .arg(imported.ignored.join(QStringLiteral(", "))));
    m_notice->show();
    Q_EMIT curlImported(notes);
    Q_EMIT changed();
    return true;
}

void RequestEditor::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        refreshVariableMarks();
    }
}

} // namespace ApiLens::Ui
