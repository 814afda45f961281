#include "responseview.h"
#include "theme.h"

#include "bodyhighlighter.h"
#include "bodyviewer.h"
#include "errorinspector.h"
#include "findbar.h"
#include "format.h"
#include "jsonfilterbar.h"
#include "statusbadge.h"
#include "statusstyle.h"
#include "timingview.h"

#include "catalog/catalog.h"
#include "errors/erroranalyzer.h"

#include <QEvent>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMimeDatabase>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableWidget>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace ApiLens::Ui {

namespace {

// A name to save a body under, never a path: the server's filename, the URL's last segment,
// or "response" with the extension its type suggests.
QString bodyFileName(const Core::Exchange &exchange)
{
    static const QRegularExpression disposition(
        QStringLiteral("filename\\*?=\\s*(?:UTF-8'')?\"?([^\";]+)\"?"),
        QRegularExpression::CaseInsensitiveOption);
    QString name;
    if (const QRegularExpressionMatch m =
            disposition.match(QString::fromUtf8(exchange.header("Content-Disposition")));
        m.hasMatch()) {
        name = QUrl::fromPercentEncoding(m.captured(1).toUtf8()).trimmed();
    }
    if (name.isEmpty()) {
        const QString last = exchange.request.url.path().section(QLatin1Char('/'), -1);
        name = last.contains(QLatin1Char('.')) ? last : QString();
    }
    name = QFileInfo(name).fileName();
    name.remove(QRegularExpression(QStringLiteral("[\\x00-\\x1f\\\\:]")));
    if (name.isEmpty() || name.startsWith(QLatin1Char('.'))) {
        const QString type =
            QString::fromLatin1(exchange.header("Content-Type")).section(QLatin1Char(';'), 0, 0).trimmed();
        const QString suffix = QMimeDatabase().mimeTypeForName(type).preferredSuffix();
        name = QStringLiteral("response") + (suffix.isEmpty() ? QString() : QLatin1Char('.') + suffix);
    }
    return name;
}

QPlainTextEdit *bodyEdit(QWidget *parent)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setReadOnly(true);
    useEditorFont(edit);
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return edit;
}

// A body view under a one-line note ("Showing the first 2 MB…") and, for Pretty, the filter.
QWidget *notedPage(QLabel *note, QWidget *view, QWidget *bar = nullptr)
{
    auto *pageWidget = new QWidget(view->parentWidget());
    auto *layout = new QVBoxLayout(pageWidget);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    note->setContentsMargins(8, 4, 8, 4);
    note->setWordWrap(true);
    layout->addWidget(note);
    if (bar) {
        layout->addWidget(bar);
    }
    layout->addWidget(view, 1);
    return pageWidget;
}

QString kindName(Core::ContentKind kind)
{
    switch (kind) {
    case Core::ContentKind::Json:
        return QStringLiteral("JSON");
    case Core::ContentKind::Xml:
        return QStringLiteral("XML");
    case Core::ContentKind::Html:
        return QStringLiteral("HTML");
    case Core::ContentKind::Text:
        return QObject::tr("text");
    case Core::ContentKind::Binary:
        return QObject::tr("binary");
    case Core::ContentKind::Empty:
        break;
    }
    return QObject::tr("no body");
}

} // namespace

QString transportHint(Core::TransportError error)
{
    using E = Core::TransportError;
    switch (error) {
    case E::ConnectionRefused:
        return QObject::tr(
            "Check that the server is running and listening on this port, and that the host and "
            "port in the URL are right.");
    case E::HostNotFound:
        return QObject::tr(
            "Check the host name for typos. An internal host may need your VPN or company DNS.");
    case E::Timeout:
        return QObject::tr(
            "The server is slow or unreachable. Raise the timeout in the request's Settings tab, or "
            "check the server's logs.");
    case E::Tls:
        return QObject::tr("The server's certificate could not be verified. For a development server with a "
                           "self-signed certificate, turn verification off for this request (Settings tab).");
    case E::TooManyRedirects:
        return QObject::tr(
            "The server redirects in a loop or too often. Turn off “Follow redirects” in Settings "
            "to see the first response.");
    case E::Protocol:
    case E::RemoteClosed:
        return QObject::tr(
            "The server did not answer in HTTP as expected. Is this an HTTPS port reached with "
            "http://, or is HTTP/2 prior knowledge on for an HTTP/1.1 server?");
    case E::Proxy:
        return QObject::tr(
            "Check this request's proxy settings (Settings tab) and that the proxy is running.");
    case E::InvalidRequest:
        return QObject::tr("Nothing was sent. Fix the request and send it again.");
    case E::Cancelled:
        return QObject::tr("You cancelled the request. Send it again with Ctrl+Enter.");
    case E::BodyTooLarge:
        return QObject::tr("The response was larger than ApiLens accepts and was cut off.");
    case E::Other:
    case E::None:
        break;
    }
    return QObject::tr("Check the URL and your network connection.");
}

ResponseView::ResponseView(const Core::Catalog *catalog, QWidget *parent)
    : QWidget(parent)
    , m_strip(new QWidget(this))
    , m_badge(new StatusBadge(m_strip))
    , m_summary(new QLabel(m_strip))
    , m_tlsOff(new QLabel(m_strip))
    , m_incomplete(new QLabel(m_strip))
    , m_pages(new QStackedWidget(this))
    , m_empty(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_prettyNote(new QLabel(this))
    , m_rawNote(new QLabel(this))
    , m_pretty(new BodyViewer(this))
    , m_raw(new BodyViewer(this))
    , m_headerFilter(new QLineEdit(this))
    , m_headers(new QTableWidget(this))
    , m_timing(new TimingView(this))
    , m_sent(bodyEdit(this))
    , m_highlighter(std::make_shared<BodyHighlighter>(isDarkPalette(palette())))
    , m_catalog(catalog)
    , m_split(new QSplitter(Qt::Horizontal, this))
    , m_inspector(new ErrorInspector(catalog, this))
{
    m_pretty->setColorizer(
        [highlighter = m_highlighter](const QString &line) { return highlighter->formats(line); });
    connect(&m_rawWatcher, &QFutureWatcher<std::shared_ptr<const ViewerText>>::finished, this, [this] {
        m_raw->setText(m_rawWatcher.result());
        m_rawNote->setVisible(false);
        m_rawShown = true;
        Q_EMIT rawReady();
        if (m_prettyFollowsRaw && !m_pretty->text()) { // Pretty stays as it was when Hex is switched
            showRawAsPretty();
        }
    });
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tlsOff->setText(tr("⚠ TLS verification off"));
    m_tlsOff->setToolTip(tr("The server's certificate was not checked for this request."));
    QPalette warn = m_tlsOff->palette();
    warn.setColor(QPalette::WindowText,
                  StatusStyle::forClass(Core::StatusClass::ClientError, palette()).fill);
    m_tlsOff->setPalette(warn);
    m_incomplete->setPalette(warn);
    m_incomplete->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_incomplete->hide();
    auto *strip = new QHBoxLayout(m_strip);
    strip->setContentsMargins(8, 6, 8, 6);
    strip->setSpacing(12);
    strip->addWidget(m_badge);
    strip->addWidget(m_summary);
    strip->addWidget(m_incomplete, 1);
    strip->addStretch(1);
    strip->addWidget(m_tlsOff);

    m_empty->setText(tr("<p style='font-size:large'>Send a request to see its response here.</p>"
                        "<p>Enter a URL above and press <b>Ctrl+Enter</b>.</p>"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setEnabled(false);

    m_filter = new JsonFilterBar(this);
    QWidget *prettyPage = notedPage(m_prettyNote, m_pretty, m_filter);
    m_filter->hide();
    connect(m_filter, &JsonFilterBar::applied, this, [this](const QString &expression) {
        m_filterExpression = expression;
        runFilter();
        Q_EMIT filterChanged(expression);
    });
    connect(&m_filterWatcher, &QFutureWatcher<Filtered>::finished, this, &ResponseView::onFiltered);
    QWidget *rawPage = notedPage(m_rawNote, m_raw);

    auto *headersPage = new QWidget(this);
    auto *headersLayout = new QVBoxLayout(headersPage);
    headersLayout->setContentsMargins(0, 4, 0, 0);
    m_headerFilter->setPlaceholderText(tr("Filter headers"));
    m_headerFilter->setClearButtonEnabled(true);
    m_headers->setColumnCount(2);
    m_headers->setHorizontalHeaderLabels({tr("Name"), tr("Value")});
    m_headers->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_headers->horizontalHeader()->setStretchLastSection(true);
    m_headers->verticalHeader()->hide();
    m_headers->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_headers->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_headers->setAlternatingRowColors(true);
    m_headers->setWordWrap(false);
    headersLayout->addWidget(m_headerFilter);
    headersLayout->addWidget(m_headers, 1);
    connect(m_headerFilter, &QLineEdit::textChanged, this, &ResponseView::filterHeaders);

    m_tabs->setDocumentMode(true);
    m_tabs->addTab(prettyPage, tr("Pretty"));
    m_tabs->addTab(rawPage, tr("Raw"));
    m_tabs->addTab(headersPage, tr("Headers"));
    m_tabs->addTab(m_timing, tr("Timing"));
    m_tabs->addTab(m_sent, tr("Sent"));
    // Raw as a hex dump: on for a binary body, a click away for any other.
    m_hex = new QToolButton(this);
    m_hex->setText(tr("Hex"));
    m_hex->setCheckable(true);
    m_hex->setAutoRaise(true);
    m_hex->setToolTip(tr("Show the raw body as a hex dump"));
    m_tabs->setCornerWidget(m_hex, Qt::TopRightCorner);
    connect(m_hex, &QToolButton::toggled, this, &ResponseView::loadRaw);
    connect(m_tabs, &QTabWidget::currentChanged, this,
            [this](int index) { m_hex->setVisible(index == m_tabs->indexOf(m_raw->parentWidget())); });
    m_hex->setVisible(false);

    m_pages->addWidget(m_empty);
    m_pages->addWidget(buildPendingPage());
    m_pages->addWidget(buildFailurePage());
    // The find bar over the body tabs, hidden until Ctrl+F.
    m_find = new FindBar(this);
    m_find->hide();
    auto *bodies = new QWidget(this);
    auto *bodiesLayout = new QVBoxLayout(bodies);
    bodiesLayout->setContentsMargins(0, 0, 0, 0);
    bodiesLayout->setSpacing(0);
    bodiesLayout->addWidget(m_find);
    bodiesLayout->addWidget(m_tabs, 1);
    connect(m_find, &FindBar::queryChanged, this, &ResponseView::startFind);
    connect(m_find, &FindBar::next, this, &ResponseView::findNext);
    connect(m_find, &FindBar::previous, this, &ResponseView::findPrevious);
    connect(m_find, &FindBar::closed, this, [this] {
        m_pretty->setMatches({});
        m_raw->setMatches({});
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_find->isVisible()) {
            startFind();
        }
    });
    for (auto ready : {&ResponseView::prettyReady, &ResponseView::rawReady}) {
        connect(this, ready, this, [this] {
            if (m_find->isVisible()) {
                startFind();
            }
        });
    }
    connect(&m_findWatcher, &QFutureWatcher<Core::FindResult>::finished, this, &ResponseView::onFound);
    connect(this, &ResponseView::filterReady, this, [this] {
        if (m_find->isVisible()) {
            startFind();
        }
    });
    m_split->addWidget(bodies);
    m_split->addWidget(m_inspector);
    m_split->setStretchFactor(0, 3);
    m_split->setStretchFactor(1, 2);
    m_split->setSizes({700, 420});
    m_split->setChildrenCollapsible(true);
    m_inspector->hide();
    m_pages->addWidget(m_split);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_strip);
    layout->addWidget(m_pages, 1);

    connect(&m_formatWatcher, &QFutureWatcher<Pretty>::finished, this, &ResponseView::onFormatted);
    connect(&m_analysisWatcher, &QFutureWatcher<Analysis>::finished, this, &ResponseView::onAnalyzed);
    showEmpty();
}

ResponseView::~ResponseView()
{
    for (const auto &cancel : {m_formatCancel, m_filterCancel, m_findCancel}) {
        if (cancel) {
            cancel->store(true);
        }
    }
    m_formatWatcher.waitForFinished();
    m_analysisWatcher.waitForFinished();
    m_filterWatcher.waitForFinished();
    m_findWatcher.waitForFinished();
    m_rawWatcher.waitForFinished();
}

QWidget *ResponseView::buildPendingPage()
{
    auto *pageWidget = new QWidget(this);
    m_pendingLabel = new QLabel(pageWidget);
    m_pendingLabel->setAlignment(Qt::AlignCenter);
    m_cancel = new QPushButton(tr("Cancel"), pageWidget);
    m_cancel->setToolTip(tr("Cancel the request (Esc)"));
    connect(m_cancel, &QPushButton::clicked, this, &ResponseView::cancelRequested);
    auto *layout = new QVBoxLayout(pageWidget);
    layout->addStretch(1);
    layout->addWidget(m_pendingLabel);
    layout->addWidget(m_cancel, 0, Qt::AlignHCenter);
    layout->addStretch(1);
    return pageWidget;
}

QWidget *ResponseView::buildFailurePage()
{
    auto *pageWidget = new QWidget(this);
    m_failureGlyph = new QLabel(StatusStyle::forClass(Core::StatusClass::None, palette()).glyph, pageWidget);
    QFont glyphFont = font();
    glyphFont.setPointSizeF(glyphFont.pointSizeF() * 3);
    m_failureGlyph->setFont(glyphFont);
    m_failureGlyph->setAlignment(Qt::AlignCenter);
    m_failureTitle = new QLabel(pageWidget);
    QFont titleFont = font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_failureTitle->setFont(titleFont);
    m_failureTitle->setAlignment(Qt::AlignCenter);
    m_failureMessage = new QLabel(pageWidget);
    m_failureMessage->setWordWrap(true);
    m_failureMessage->setAlignment(Qt::AlignCenter);
    m_failureMessage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_failureHint = new QLabel(pageWidget);
    m_failureHint->setWordWrap(true);
    m_failureHint->setAlignment(Qt::AlignCenter);
    auto *layout = new QVBoxLayout(pageWidget);
    layout->setContentsMargins(48, 24, 48, 24);
    layout->addStretch(1);
    layout->addWidget(m_failureGlyph);
    layout->addWidget(m_failureTitle);
    layout->addSpacing(8);
    layout->addWidget(m_failureMessage);
    layout->addSpacing(8);
    layout->addWidget(m_failureHint);
    m_failureAction = new QPushButton(pageWidget);
    m_failureAction->hide();
    connect(m_failureAction, &QPushButton::clicked, this, &ResponseView::notSentActionTriggered);
    layout->addSpacing(8);
    layout->addWidget(m_failureAction, 0, Qt::AlignCenter);
    layout->addStretch(2);
    return pageWidget;
}

ResponseView::Page ResponseView::page() const
{
    return Page(m_pages->currentIndex());
}

void ResponseView::showEmpty()
{
    m_body = {};
    m_strip->hide();
    m_pages->setCurrentIndex(int(Page::Empty));
}

void ResponseView::showPending(const QString &target)
{
    m_pendingTarget = target;
    m_body = {};
    m_strip->hide();
    m_pages->setCurrentIndex(int(Page::Pending));
    updateProgress(0, 0);
}

void ResponseView::updateProgress(double elapsedMs, qint64 bytes)
{
    m_pendingLabel->setText(tr("Waiting for %1 …\n%2 · %3 received")
                                .arg(m_pendingTarget, humanDuration(elapsedMs), humanSize(bytes)));
}

void ResponseView::setCatalog(const Core::Catalog *catalog)
{
    m_catalog = catalog;
    m_inspector->setCatalog(catalog);
}

void ResponseView::showExchange(const Core::Exchange &exchange)
{
    if (m_formatCancel) {
        m_formatCancel->store(true);
    }
    m_body = {};
    m_incomplete->hide();
    m_tlsOff->setVisible(exchange.tlsVerificationDisabled &&
                         exchange.request.url.scheme() == QLatin1String("https"));
    m_strip->show();
    m_sent->setPlainText(Core::sentExchangeText(exchange));
    m_timing->setTimings(exchange.timings);
    if (!exchange.hasResponse()) {
        showFailure(exchange);
        return;
    }
    m_badge->setStatus(exchange.status, exchange.displayReason());
    if (const Core::StatusEntry *entry = m_catalog ? m_catalog->status(exchange.status) : nullptr) {
        m_badge->setDescription(entry->description + QLatin1Char('\n') + tr("Try: ") + entry->tryText);
    }
    m_bodySize = exchange.body.size();
    m_body = exchange.body;
    m_bodyFileName = bodyFileName(exchange);
    const QByteArray contentType = exchange.header("Content-Type");
    const Core::ContentKind kind = Core::detectContentKind(contentType, exchange.body.bytes(4096));
    QStringList summary{humanDuration(exchange.timings.totalMs()), humanSize(exchange.body.size()),
                        exchange.httpVersion, kindName(kind)};
    if (const int redirects = exchange.redirectCount(); redirects > 0) {
        summary.append(redirects == 1 ? tr("1 redirect") : tr("%1 redirects").arg(redirects));
    }
    // The head came, then the exchange failed (the body cut off, too large, cancelled): said
    // with its kind, in the warning colour, beside what did come.
    m_incomplete->setVisible(exchange.error != Core::TransportError::None);
    m_incomplete->setText(
        tr("⚠ %1: %2").arg(Core::transportErrorTitle(exchange.error), exchange.errorMessage));
    m_incomplete->setToolTip(m_incomplete->text());
    m_summaryBase = summary.join(QStringLiteral(" · "));
    m_summary->setText(m_summaryBase);
    fillHeaders(exchange.headers);

    // Reading the error runs on a worker too (bodies can be large, or on disk).
    m_inspector->hide();
    m_responseHeaders = exchange.headers;
    m_inspector->setRequest(QString::fromLatin1(exchange.request.method), exchange.request.url);
    m_analysisWatcher.setFuture(
        QtConcurrent::run([status = exchange.status, headers = exchange.headers, body = exchange.body] {
            // The first 4 MB, as the history reads it: an error body is never larger, and a
            // 1 GB success body must not be parsed into a tree just to find it is no error.
            const QByteArray bytes = body.bytes(Core::ErrorBodyLimitBytes);
            Analysis analysis{Core::analyzeError(status, headers, bytes), {}};
            if (analysis.report.isError()) {
                analysis.document =
                    QJsonDocument::fromJson(bytes.startsWith("\xEF\xBB\xBF") ? bytes.mid(3) : bytes);
            }
            return analysis;
        }));

    // Raw shows every byte: a text body as text (mapped when it is on disk; indexed as it
    // arrived), a binary one as a hex dump made as it is painted.
    const bool binary = kind == Core::ContentKind::Binary;
    const QSignalBlocker quiet(m_hex);
    m_hex->setChecked(binary);
    loadRaw(binary);
    m_pretty->clear();
    m_formatted.reset();
    ++m_filterGeneration; // a filter still running was for the response before
    if (m_filterCancel) {
        m_filterCancel->store(true);
    }
    m_isJson = kind == Core::ContentKind::Json;
    m_filter->setVisible(m_isJson);
    m_pretty->setFoldable(m_isJson);
    m_filter->setStatus(QString());
    m_highlighter->setKind(kind);
    m_prettyNote->setText(m_bodySize == 0 ? tr("The response has no body.") : tr("Formatting…"));
    m_prettyNote->setVisible(true);
    m_pages->setCurrentIndex(int(Page::Response));

    // Only JSON, XML and HTML are reformatted, on a worker (a newer response cancels it);
    // Pretty shows any other body as Raw does.
    m_prettyFollowsRaw =
        kind != Core::ContentKind::Json && kind != Core::ContentKind::Xml && kind != Core::ContentKind::Html;
    if (m_prettyFollowsRaw) {
        return;
    }
    auto cancel = std::make_shared<std::atomic_bool>(false);
    m_formatCancel = cancel;
    m_formatWatcher.setFuture(QtConcurrent::run([body = exchange.body, contentType, cancel] {
        const Core::PrettyBody pretty = Core::prettyBody(body, contentType, 8 << 20, cancel.get());
        Pretty out{nullptr, pretty.cancelled};
        if (pretty.reformatted && !pretty.cancelled) {
            out.text = ViewerText::fromBody(pretty.text);
        }
        return out;
    }));
}

void ResponseView::loadRaw(bool hex)
{
    m_raw->clear();
    m_rawShown = false;
    m_rawNote->setText(m_bodySize > 0 ? tr("Reading %1…").arg(humanSize(m_bodySize)) : QString());
    m_rawNote->setVisible(m_bodySize > 0);
    m_rawWatcher.setFuture(QtConcurrent::run(
        [body = m_body, hex] { return hex ? ViewerText::hexOf(body) : ViewerText::fromBody(body); }));
}

void ResponseView::showRawAsPretty()
{
    m_formatted = m_raw->text();
    m_pretty->setText(m_formatted);
    const QString note = m_bodySize == 0 ? tr("The response has no body.") : QString();
    m_prettyNote->setText(note);
    m_prettyNote->setVisible(!note.isEmpty());
    Q_EMIT prettyReady();
}

void ResponseView::onFormatted()
{
    const Pretty formatted = m_formatWatcher.result();
    if (formatted.cancelled || m_prettyFollowsRaw) {
        return; // for an earlier response (the one shown now is not reformatted)
    }
    if (!formatted.text) { // XML that could not be indented, or too large to
        m_prettyFollowsRaw = true;
        if (m_rawShown) {
            showRawAsPretty();
        }
        return;
    }
    m_formatted = formatted.text;
    m_pretty->setText(formatted.text);
    m_prettyNote->clear();
    m_prettyNote->hide();
    Q_EMIT prettyReady();
    if (!m_filterExpression.isEmpty()) {
        runFilter();
    }
}

void ResponseView::onAnalyzed()
{
    const Analysis analysis = m_analysisWatcher.result();
    m_report = analysis.report;
    if (!m_report.isError()) {
        m_inspector->clear();
        m_inspector->hide();
        Q_EMIT analysisReady();
        return;
    }
    QString vendor;
    if (m_catalog) {
        if (const Core::VendorProfile *profile = m_catalog->vendorForFormat(m_report.format)) {
            vendor = profile->name;
        }
    }
    // The body kind is already in the summary; add the format only when it says more.
    const bool generic = m_report.format == QLatin1String("json") ||
                         m_report.format == QLatin1String("plain-text") ||
                         m_report.format == QLatin1String("empty");
    if (!vendor.isEmpty() || !generic) {
        m_summary->setText(m_summaryBase + QStringLiteral(" · ") +
                           (vendor.isEmpty() ? Core::formatDisplayName(m_report.format) : vendor));
    }
    m_inspector->showReport(m_report, m_responseHeaders);
    m_inspector->showDetails(analysis.document);
    m_inspector->show();
    Q_EMIT analysisReady();
}

void ResponseView::showFailure(const Core::Exchange &exchange)
{
    m_inspector->hide();
    m_badge->setNoResponse(Core::transportErrorTitle(exchange.error));
    m_summary->setText(humanDuration(exchange.timings.totalMs()));
    m_failureAction->hide();
    m_failureTitle->setText(Core::transportErrorTitle(exchange.error));
    m_failureMessage->setText(exchange.errorMessage);
    m_failureHint->setText(transportHint(exchange.error));
    fillHeaders({});
    m_raw->clear();
    m_pretty->clear();
    m_pages->setCurrentIndex(int(Page::Failure));
}

void ResponseView::showNotSent(const QString &title, const QString &message, const QString &hint,
                               const QString &actionText)
{
    m_body = {};
    m_failureAction->setText(actionText);
    m_failureAction->setVisible(!actionText.isEmpty());
    m_inspector->hide();
    m_badge->setNoResponse(tr("Not sent"));
    m_summary->clear();
    m_incomplete->hide();
    m_tlsOff->hide();
    m_failureTitle->setText(title);
    m_failureMessage->setText(message);
    m_failureHint->setText(hint);
    fillHeaders({});
    m_raw->clear();
    m_pretty->clear();
    m_pages->setCurrentIndex(int(Page::Failure));
}

void ResponseView::fillHeaders(const Core::HeaderList &headers)
{
    m_headers->setRowCount(int(headers.size()));
    for (int i = 0; i < headers.size(); ++i) {
        auto *name = new QTableWidgetItem(QString::fromLatin1(headers[i].first));
        QFont bold = name->font();
        bold.setBold(true);
        name->setFont(bold);
        m_headers->setItem(i, 0, name);
        m_headers->setItem(i, 1, new QTableWidgetItem(QString::fromUtf8(headers[i].second)));
    }
    m_tabs->setTabText(2, headers.isEmpty() ? tr("Headers") : tr("Headers (%1)").arg(headers.size()));
    filterHeaders(m_headerFilter->text());
}

void ResponseView::filterHeaders(const QString &text)
{
    for (int row = 0; row < m_headers->rowCount(); ++row) {
        const bool match = text.isEmpty() ||
                           m_headers->item(row, 0)->text().contains(text, Qt::CaseInsensitive) ||
                           m_headers->item(row, 1)->text().contains(text, Qt::CaseInsensitive);
        m_headers->setRowHidden(row, !match);
    }
}

void ResponseView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        m_highlighter->setDarkTheme(isDarkPalette(palette()));
        m_pretty->viewport()->update();
    }
}

} // namespace ApiLens::Ui
