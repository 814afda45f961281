#include "errorinspector.h"

#include "statusstyle.h"

#include "catalog/catalog.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QTableWidget>
#include <QTextDocumentFragment>
#include <QTimer>
#include <QTreeWidget>

#include <QVBoxLayout>
#include <functional>

namespace ApiLens::Ui {

namespace {

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

// Lines with a little air between them.
QString paragraphs(const QStringList &lines)
{
    QString html;
    for (const QString &line : lines) {
        html += QStringLiteral("<p style='margin-top:0; margin-bottom:5px'>%1</p>").arg(line);
    }
    return html;
}

QString codeText(const QJsonValue &code)
{
    return code.isDouble() ? QString::number(code.toDouble(), 'g', 15) : code.toString();
}

} // namespace

ErrorInspector::ErrorInspector(const Core::Catalog *catalog, QWidget *parent)
    : QWidget(parent)
    , m_catalog(catalog)
    , m_timer(new QTimer(this))
{
    auto *content = new QWidget;
    m_layout = new QVBoxLayout(content);
    m_layout->setContentsMargins(10, 8, 10, 8);
    m_layout->setSpacing(4);

    m_vendorChoice = new QComboBox(content);
    fillVendors();
    m_vendorChoice->setToolTip(tr("Explain this response with one API's catalog"));
    // Long profile names must not widen the pane.
    m_vendorChoice->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_vendorChoice->setMinimumContentsLength(14);
    auto *choiceRow = new QHBoxLayout;
    choiceRow->addWidget(new QLabel(tr("Explain with:"), content));
    choiceRow->addWidget(m_vendorChoice, 1);
    m_layout->addLayout(choiceRow);
    connect(m_vendorChoice, &QComboBox::activated, this,
            [this] { showReport(m_shownReport, m_shownHeaders, m_vendorChoice->currentData().toString()); });

    m_whatTitle = section(tr("What happened"));
    m_what = paragraph();
    m_saysTitle = section(tr("The API says"));
    m_says = paragraph();

    m_fieldsTitle = section(tr("Fields"));
    m_fields = new QTableWidget(0, 2, content);
    m_fields->setHorizontalHeaderLabels({tr("Field"), tr("Message")});
    m_fields->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_fields->horizontalHeader()->setStretchLastSection(true);
    m_fields->verticalHeader()->hide();
    m_fields->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_fields->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_fields->setWordWrap(true);
    m_fields->setToolTip(tr("Double-click a field to find it in the request"));
    m_layout->addWidget(m_fields);
    connect(m_fields, &QTableWidget::cellDoubleClicked, this, [this](int row) {
        if (QTableWidgetItem *item = m_fields->item(row, 0);
            item && !item->data(Qt::UserRole).toString().isEmpty()) {
            Q_EMIT fieldActivated(item->data(Qt::UserRole).toString());
        }
    });

    m_idTitle = section(tr("Request id"));
    auto *idRow = new QHBoxLayout;
    m_requestId = new QLabel(content);
    m_requestId->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_requestId->setWordWrap(true);
    m_copyId = new QPushButton(tr("Copy"), content);
    m_copyId->setToolTip(tr("Copy the request id, to quote it to the API's support"));
    idRow->addWidget(m_requestId, 1);
    idRow->addWidget(m_copyId);
    m_layout->addLayout(idRow);
    connect(m_copyId, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_requestId->text()); });

    m_docs = paragraph();
    m_docs->setOpenExternalLinks(true);
    m_retry = paragraph();

    m_rateTitle = section(tr("Rate limit"));
    m_rateBar = new QProgressBar(content);
    m_rateBar->setTextVisible(true);
    m_layout->addWidget(m_rateBar);
    m_rateText = paragraph();

    m_detailsTitle = section(tr("Details"));
    m_details = new QTreeWidget(content);
    m_details->setColumnCount(2);
    m_details->setHeaderLabels({tr("Member"), tr("Value")});
    m_details->setUniformRowHeights(true);
    m_details->setMinimumHeight(160);
    m_layout->addWidget(m_details);
    m_layout->addStretch(1);

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // text wraps instead
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &ErrorInspector::tick);
    clear();
}

QLabel *ErrorInspector::section(const QString &title)
{
    auto *label = new QLabel(title);
    QFont font = label->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.1);
    label->setFont(font);
    label->setContentsMargins(0, 8, 0, 2);
    m_layout->addWidget(label);
    return label;
}

QLabel *ErrorInspector::paragraph()
{
    auto *label = new QLabel;
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse);
    label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_layout->addWidget(label);
    return label;
}

void ErrorInspector::clear()
{
    m_timer->stop();
    m_retryLeft = -1;
    m_resetLeft = -1;
    for (QWidget *widget : {static_cast<QWidget *>(m_fieldsTitle), static_cast<QWidget *>(m_fields),
                            static_cast<QWidget *>(m_idTitle), static_cast<QWidget *>(m_requestId),
                            static_cast<QWidget *>(m_copyId), static_cast<QWidget *>(m_docs),
                            static_cast<QWidget *>(m_retry), static_cast<QWidget *>(m_rateTitle),
                            static_cast<QWidget *>(m_rateBar), static_cast<QWidget *>(m_rateText),
                            static_cast<QWidget *>(m_detailsTitle), static_cast<QWidget *>(m_details)}) {
        widget->hide();
    }
    m_what->clear();
    m_says->clear();
    m_fields->setRowCount(0);
    m_details->clear();
}

void ErrorInspector::showDetails(const QJsonDocument &document)
{
    m_details->clear();
    if (document.isNull() || (document.isObject() && document.object().isEmpty())) {
        return;
    }
    // Bounded: error bodies are small, but a hostile one must not flood the view.
    int budget = 2000;
    std::function<void(QTreeWidgetItem *, const QString &, const QJsonValue &)> add =
        [&](QTreeWidgetItem *parent, const QString &key, const QJsonValue &value) {
            if (--budget < 0) {
                return;
            }
            auto *item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_details);
            item->setText(0, key);
            if (value.isObject()) {
                const QJsonObject object = value.toObject();
                item->setText(1,
                              object.size() == 1 ? tr("{1 member}") : tr("{%1 members}").arg(object.size()));
                for (auto it = object.begin(); it != object.end(); ++it) {
                    add(item, it.key(), it.value());
                }
            } else if (value.isArray()) {
                const QJsonArray array = value.toArray();
                item->setText(1, array.size() == 1 ? tr("[1 item]") : tr("[%1 items]").arg(array.size()));
                for (int i = 0; i < array.size(); ++i) {
                    add(item, QString::number(i), array[i]);
                }
            } else {
                item->setText(1, value.isString() ? value.toString()
                                 : value.isNull()
                                     ? QStringLiteral("null")
                                     : QString::fromUtf8(
                                           QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact))
                                           .mid(1)
                                           .chopped(1));
                item->setToolTip(1, item->text(1));
            }
        };
    if (document.isObject()) {
        const QJsonObject object = document.object();
        for (auto it = object.begin(); it != object.end(); ++it) {
            add(nullptr, it.key(), it.value());
        }
    } else {
        const QJsonArray array = document.array();
        for (int i = 0; i < array.size(); ++i) {
            add(nullptr, QString::number(i), array[i]);
        }
    }
    m_details->expandToDepth(2);
    m_details->resizeColumnToContents(0);
    m_detailsTitle->show();
    m_details->show();
}

void ErrorInspector::fillVendors()
{
    const QString chosen = m_vendorChoice->currentData().toString();
    m_vendorChoice->clear();
    m_vendorChoice->addItem(tr("Automatic (by format)"), QString());
    if (m_catalog) {
        for (const Core::VendorProfile *vendor : m_catalog->vendors()) {
            m_vendorChoice->addItem(vendor->name, vendor->id);
        }
    }
    m_vendorChoice->setCurrentIndex(qMax(0, m_vendorChoice->findData(chosen)));
}

void ErrorInspector::setCatalog(const Core::Catalog *catalog)
{
    m_catalog = catalog;
    fillVendors();
}

void ErrorInspector::setRequest(const QString &method, const QUrl &url)
{
    m_requestMethod = method;
    m_requestUrl = url;
}

void ErrorInspector::showReport(const Core::ErrorReport &report, const Core::HeaderList &headers,
                                const QString &vendorId)
{
    clear();
    m_shownReport = report;
    m_shownHeaders = headers;
    // An explicit vendor, else the one chosen in this inspector, else by format.
    const QString chosen = vendorId.isEmpty() ? m_vendorChoice->currentData().toString() : vendorId;
    m_vendorChoice->setCurrentIndex(qMax(0, m_vendorChoice->findData(chosen)));
    const Core::Explanation explanation =
        m_catalog ? m_catalog->explain(report, chosen, m_requestMethod, m_requestUrl) : Core::Explanation{};

    // What happened: the status, in general and in this API's words.
    QStringList what;
    const StatusStyle style = StatusStyle::forClass(Core::statusClassOf(report.status), palette());
    const QString reason = explanation.status ? explanation.status->reason : QString();
    what.append(QStringLiteral("<b>%1 %2 %3</b> <span style='color:%4'>· %5</span>")
                    .arg(esc(style.glyph))
                    .arg(report.status)
                    .arg(esc(reason), style.fill.name(), esc(style.name)));
    // The API's own description of this operation is the most specific word there is.
    if (const Core::ApiOperation *operation = explanation.operation) {
        const QString where = tr("<b>Documented:</b> <i>%1, %2 %3:</i>")
                                  .arg(esc(operation->api), esc(operation->method), esc(operation->path));
        if (const Core::DocumentedResponse *documented = explanation.documented) {
            QString text = where + QLatin1Char(' ') +
                           (documented->description.isEmpty() ? tr("documented without a description")
                                                              : esc(documented->description));
            if (documented->status != QString::number(report.status)) {
                text += QLatin1Char(' ') + tr("(documented for %1)").arg(esc(documented->status));
            }
            if (!documented->schema.isEmpty()) {
                text += QLatin1Char(' ') + tr("· body: <code>%1</code>").arg(esc(documented->schema));
            }
            what.append(text);
        } else {
            QStringList codes;
            for (const Core::DocumentedResponse &response : operation->responses) {
                codes.append(response.status);
            }
            what.append(where + QLatin1Char(' ') +
                        (codes.isEmpty() ? tr("the description documents no responses for this operation.")
                                         : tr("%1 is not among the documented responses (%2).")
                                               .arg(report.status)
                                               .arg(esc(codes.join(QStringLiteral(", "))))));
        }
    }
    if (const Core::StatusEntry *status = explanation.status) {
        what.append(esc(status->description));
        if (explanation.vendorStatus) {
            what.append(tr("<i>%1 says:</i> %2")
                            .arg(esc(explanation.vendor->name), esc(explanation.vendorStatus->when)));
        }
        what.append(tr("<b>When:</b> %1").arg(esc(status->expect)));
        what.append(tr("<b>Try:</b> %1").arg(esc(status->tryText)));
        what.append(tr("<b>Retry:</b> %1").arg(esc(Core::retryText(status->retry))));
        for (const Core::StatusEntry *other : explanation.alternatives) {
            what.append(tr("<b>Also:</b> %1").arg(esc(other->description)));
        }
    } else {
        if (explanation.vendorStatus) {
            what.append(tr("<i>%1 says:</i> %2")
                            .arg(esc(explanation.vendor->name), esc(explanation.vendorStatus->when)));
        }
        what.append(
            tr("The catalog does not know %1; it is a %2 (%3).")
                .arg(report.status)
                .arg(Core::statusClassLabel(Core::statusClassOf(report.status)), style.name.toLower()));
    }
    m_what->setText(paragraphs(what));

    // The API says: format, code and its meaning, message.
    QStringList says;
    QString format = Core::formatDisplayName(report.format);
    if (explanation.vendor) {
        format += QStringLiteral(" · ") + explanation.vendor->name;
    }
    says.append(tr("<b>Format:</b> %1").arg(esc(format)));
    if (!report.code.isNull()) {
        QString code = QStringLiteral("<code>%1</code>").arg(esc(codeText(report.code)));
        if (const Core::CodeEntry *entry = explanation.code) {
            code +=
                QStringLiteral(" = ") +
                (entry->name.isEmpty() ? QString() : QStringLiteral("<b>%1</b>: ").arg(esc(entry->name))) +
                esc(entry->meaning);
            if (!entry->tryText.isEmpty()) {
                code += QStringLiteral("<br>") + tr("<b>Try:</b> %1").arg(esc(entry->tryText));
            }
        }
        says.append(tr("<b>Code:</b> %1").arg(code));
    }
    if (report.message) {
        says.append(tr("<b>Message:</b> %1").arg(esc(*report.message)));
    }
    const QByteArray challenge = Core::headerValue(headers, "WWW-Authenticate");
    if (!challenge.isEmpty()) {
        says.append(tr("<b>Challenge:</b> <code>%1</code>").arg(esc(QString::fromLatin1(challenge))));
    }
    m_says->setText(paragraphs(says));

    if (!report.fieldErrors.isEmpty()) {
        m_fields->setRowCount(int(report.fieldErrors.size()));
        for (int i = 0; i < report.fieldErrors.size(); ++i) {
            const Core::FieldError &error = report.fieldErrors[i];
            auto *field = new QTableWidgetItem(error.field.value_or(tr("(whole request)")));
            field->setData(Qt::UserRole, error.field.value_or(QString()));
            m_fields->setItem(i, 0, field);
            m_fields->setItem(i, 1, new QTableWidgetItem(error.message.value_or(QString())));
        }
        m_fields->resizeRowsToContents();
        const int height = m_fields->horizontalHeader()->height() + 4 + m_fields->verticalHeader()->length();
        m_fields->setFixedHeight(qMin(height, 260));
        m_fieldsTitle->setText(tr("Fields (%1)").arg(report.fieldErrors.size()));
        m_fieldsTitle->show();
        m_fields->show();
    }
    if (report.requestId) {
        m_requestId->setText(*report.requestId);
        m_idTitle->show();
        m_requestId->show();
        m_copyId->show();
    }
    QStringList links;
    if (report.docUrl) {
        links.append(QStringLiteral("<a href=\"%1\">%2</a>").arg(esc(*report.docUrl), esc(*report.docUrl)));
    }
    if (explanation.vendor && !explanation.vendor->docs.isEmpty()) {
        links.append(QStringLiteral("<a href=\"%1\">%2</a>")
                         .arg(esc(explanation.vendor->docs),
                              tr("%1 error documentation").arg(esc(explanation.vendor->name))));
    }
    if (explanation.operation && !explanation.operation->docs.isEmpty()) {
        links.append(QStringLiteral("<a href=\"%1\">%2</a>")
                         .arg(esc(explanation.operation->docs),
                              tr("%1 documentation").arg(esc(explanation.operation->api))));
    }
    if (!links.isEmpty()) {
        m_docs->setText(tr("<b>Documentation:</b> %1").arg(links.join(QStringLiteral("<br>"))));
        m_docs->show();
    }
    if (report.retryAfterSeconds) {
        m_retryLeft = int(qMin<qint64>(*report.retryAfterSeconds, 24 * 3600 * 365));
        m_retry->show();
    }
    if (const auto rate = Core::rateLimitOf(headers)) {
        if (rate->limit && rate->remaining) {
            m_rateBar->setRange(0, int(qMax<qint64>(1, *rate->limit)));
            m_rateBar->setValue(int(qBound<qint64>(0, *rate->remaining, *rate->limit)));
            m_rateBar->setFormat(tr("%1 of %2 left").arg(*rate->remaining).arg(*rate->limit));
            m_rateBar->show();
        } else if (rate->remaining) {
            m_rateText->setText(tr("%1 requests left").arg(*rate->remaining));
        }
        m_resetLeft = rate->resetSeconds ? int(*rate->resetSeconds) : -1;
        m_rateTitle->show();
        m_rateText->show();
    }
    if (m_retryLeft >= 0 || m_resetLeft >= 0) {
        m_timer->start();
        tick(); // shows the first value now; stops the timer when nothing is left to count
    }
}

void ErrorInspector::tick()
{
    if (m_retryLeft >= 0) {
        m_retry->setText(m_retryLeft > 0
                             ? tr("<b>Retry in %n s</b> (the server said when)", nullptr, m_retryLeft)
                             : tr("<b>You can retry now.</b>"));
    }
    if (m_resetLeft >= 0) {
        const QString prefix = m_rateText->text().section(QStringLiteral(" · "), 0, 0);
        const QString reset = m_resetLeft > 0 ? tr("resets in %n s", nullptr, m_resetLeft) : tr("reset now");
        m_rateText->setText(prefix.isEmpty() || prefix.startsWith(QLatin1String("reset"))
                                ? reset
                                : prefix + QStringLiteral(" · ") + reset);
    }
    if (m_retryLeft <= 0 && m_resetLeft <= 0) {
        m_timer->stop(); // "now" is on screen
        return;
    }
    if (m_retryLeft > 0) {
        --m_retryLeft;
    }
    if (m_resetLeft > 0) {
        --m_resetLeft;
    }
}

QString ErrorInspector::text() const
{
    QStringList parts;
    for (const QLabel *label : findChildren<QLabel *>()) {
        if (!label->isHidden() && !label->text().isEmpty()) {
            const QString plain = QTextDocumentFragment::fromHtml(label->text()).toPlainText();
            parts.append(plain);
        }
    }
    for (int row = 0; row < m_fields->rowCount(); ++row) {
        parts.append(m_fields->item(row, 0)->text() + QStringLiteral(": ") + m_fields->item(row, 1)->text());
    }
    return parts.join(QLatin1Char('\n'));
}

} // namespace ApiLens::Ui
