#include "historypane.h"

#include "format.h"
#include "prompt.h"
#include "statusstyle.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QPushButton>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>

namespace ApiLens::Ui {

namespace {

Core::StatusClass classOf(const Core::HistoryEntry &entry)
{
    return entry.status > 0 ? Core::statusClassOf(entry.status) : Core::StatusClass::None;
}

QPixmap dot(const QColor &color)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawEllipse(QRectF(1, 1, 10, 10));
    return pixmap;
}

} // namespace

void HistoryModel::setEntries(const QList<Core::HistoryEntry> &entries)
{
    beginResetModel();
    m_entries = entries;
    endResetModel();
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const Core::HistoryEntry &entry = m_entries.at(index.row());
    const Core::StatusClass statusClass = classOf(entry);
    switch (role) {
    case Qt::DisplayRole: {
        const QString what = entry.name.isEmpty() ? QUrl(entry.url).path() : entry.name;
        const QString status = entry.status > 0 ? QString::number(entry.status) : QStringLiteral("—");
        return QStringLiteral("%1  %2 %3").arg(status, entry.method, what.isEmpty() ? entry.url : what);
    }
    case Qt::DecorationRole:
        return dot(StatusStyle::forClass(statusClass, false).fill);
    case Qt::ToolTipRole: {
        QString tip = QStringLiteral("%1 %2\n%3 · %4 · %5")
                          .arg(entry.method, entry.url, Core::statusClassName(statusClass),
                               entry.started.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                               humanDuration(entry.durationMs));
        if (!entry.errorCode.isEmpty() || !entry.errorMessage.isEmpty()) {
            tip += QStringLiteral("\n%1 %2").arg(entry.errorCode, entry.errorMessage);
        }
        if (!entry.transportError.isEmpty()) {
            tip += QStringLiteral("\n%1").arg(entry.transportError);
        }
        return tip;
    }
    case IdRole:
        return entry.id;
    case StatusClassRole:
        return Core::statusClassId(statusClass);
    case UrlRole:
        return entry.url;
    default:
        return {};
    }
}

HistoryPane::HistoryPane(Core::HistoryService *service, QWidget *parent)
    : QWidget(parent)
    , m_service(service)
    , m_model(new HistoryModel(this))
    , m_filter(new QLineEdit(this))
    , m_class(new QComboBox(this))
    , m_method(new QComboBox(this))
    , m_errorCode(new QLineEdit(this))
    , m_date(new QComboBox(this))
    , m_view(new QListView(this))
    , m_debounce(new QTimer(this))
{
    m_filter->setPlaceholderText(tr("Filter: URL, name, status, error"));
    m_filter->setClearButtonEnabled(true);
    m_class->addItem(tr("All"), QString());
    for (const char *id : {"2xx", "3xx", "4xx", "5xx", "1xx"}) {
        const Core::StatusClass statusClass = Core::statusClassOf(QByteArray(id).left(1).toInt() * 100);
        m_class->addItem(QStringLiteral("%1 %2").arg(StatusStyle::forClass(statusClass, false).glyph,
                                                     QString::fromLatin1(id)),
                         QString::fromLatin1(id));
    }
    m_class->addItem(tr("⊘ No response"), QStringLiteral("none"));
    m_class->setToolTip(tr("Status class"));
    m_method->addItem(tr("Any method"), QString());
    for (const char *method : {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}) {
        m_method->addItem(QString::fromLatin1(method), QString::fromLatin1(method));
    }
    m_errorCode->setPlaceholderText(tr("Error code"));
    m_errorCode->setClearButtonEnabled(true);
    m_errorCode->setToolTip(tr("The code the error body gave, or a part of it: card_declined, too_many, 7"));
    m_date->addItem(tr("Any time"), 0);
    m_date->addItem(tr("Last hour"), 1);
    m_date->addItem(tr("Last 24 hours"), 24);
    m_date->addItem(tr("Last 7 days"), 24 * 7);
    m_date->addItem(tr("Last 30 days"), 24 * 30);
    m_view->setModel(m_model);
    m_view->setUniformItemSizes(true);
    m_view->setAlternatingRowColors(true);
    m_view->setToolTip(tr("Double-click to open the request again, with what came back"));
    auto *clear = new QPushButton(tr("Clear history"), this);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_filter, 1);
    filters->addWidget(m_class);
    auto *more = new QHBoxLayout;
    more->addWidget(m_method);
    more->addWidget(m_errorCode, 1);
    more->addWidget(m_date);
    auto *bottom = new QHBoxLayout;
    bottom->addStretch(1);
    bottom->addWidget(clear);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(filters);
    layout->addLayout(more);
    layout->addWidget(m_view, 1);
    layout->addLayout(bottom);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(150);
    connect(m_debounce, &QTimer::timeout, this, &HistoryPane::refresh);
    connect(m_filter, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_class, &QComboBox::currentIndexChanged, this, &HistoryPane::refresh);
    connect(m_method, &QComboBox::currentIndexChanged, this, &HistoryPane::refresh);
    connect(m_date, &QComboBox::currentIndexChanged, this, &HistoryPane::refresh);
    connect(m_errorCode, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_service, &Core::HistoryService::recorded, this, &HistoryPane::refresh);
    connect(m_service, &Core::HistoryService::cleared, this, &HistoryPane::refresh);
    connect(m_service, &Core::HistoryService::found, this,
            [this](quint64 ticket, const QList<Core::HistoryEntry> &entries) {
                if (ticket == m_ticket) { // an older filter's answer is dropped
                    m_model->setEntries(entries);
                    Q_EMIT refreshed();
                }
            });
    connect(m_view, &QListView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT entryActivated(index.data(HistoryModel::IdRole).toLongLong());
    });
    connect(clear, &QPushButton::clicked, this, [this] {
        if (Prompt::choose(this, tr("Clear History"),
                           tr("Delete every recorded exchange? This cannot be undone."),
                           {tr("Clear History")}) == 0) {
            m_service->clear();
        }
    });
}

void HistoryPane::refresh()
{
    Core::HistoryFilter filter;
    filter.text = m_filter->text().trimmed();
    filter.statusClass = m_class->currentData().toString();
    filter.method = m_method->currentData().toString();
    filter.errorCode = m_errorCode->text().trimmed();
    if (const int hours = m_date->currentData().toInt(); hours > 0) {
        filter.from = QDateTime::currentDateTimeUtc().addSecs(-qint64(hours) * 3600);
    }
    filter.limit = 1000;
    m_ticket = m_service->find(filter);
}

} // namespace ApiLens::Ui
