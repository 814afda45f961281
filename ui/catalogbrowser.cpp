#include "catalogbrowser.h"

#include "statusstyle.h"

#include "catalog/catalog.h"

#include <QHBoxLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace ApiLens::Ui {

namespace {

enum Role { KindRole = Qt::UserRole, KeyRole };
enum Kind { StatusKind, AlternativeKind, VendorKind };

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace

CatalogBrowser::CatalogBrowser(const Core::Catalog *catalog, QWidget *parent)
    : QDialog(parent)
    , m_catalog(catalog)
    , m_search(new QLineEdit(this))
    , m_list(new QListWidget(this))
    , m_details(new QTextBrowser(this))
{
    setWindowTitle(tr("Status Codes and Error Catalog"));
    resize(900, 600);
    m_search->setPlaceholderText(tr("Search codes, names and descriptions (e.g. 429, rate, netilion)"));
    m_search->setClearButtonEnabled(true);
    m_details->setOpenExternalLinks(true);
    auto *split = new QSplitter(this);
    split->addWidget(m_list);
    split->addWidget(m_details);
    split->setSizes({320, 580});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_search);
    layout->addWidget(split, 1);
    connect(m_search, &QLineEdit::textChanged, this, &CatalogBrowser::fill);
    connect(m_list, &QListWidget::currentRowChanged, this, &CatalogBrowser::showCurrent);
    fill(QString());
}

void CatalogBrowser::fill(const QString &query)
{
    m_list->clear();
    QSet<const Core::StatusEntry *> primary;
    for (const Core::StatusEntry *entry : m_catalog->searchStatuses(query)) {
        const StatusStyle style = StatusStyle::forClass(Core::statusClassOf(entry->code), palette());
        const bool alternative = m_catalog->status(entry->code) != entry;
        auto *item = new QListWidgetItem(
            QStringLiteral("%1 %2 %3%4")
                .arg(style.glyph)
                .arg(entry->code)
                .arg(entry->reason,
                     entry->vendor.isEmpty() ? QString() : QStringLiteral("  (%1)").arg(entry->vendor)),
            m_list);
        item->setForeground(style.fill);
        item->setData(KindRole, alternative ? AlternativeKind : StatusKind);
        item->setData(KeyRole, entry->code);
        item->setData(KeyRole + 1, entry->vendor);
    }
    const QStringList words = query.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const Core::VendorProfile *vendor : m_catalog->vendors()) {
        QString haystack = vendor->id + QLatin1Char(' ') + vendor->name + QLatin1Char(' ') + vendor->body;
        for (const Core::CodeEntry &code : vendor->codes) {
            haystack += QLatin1Char(' ') + code.code.toVariant().toString() + QLatin1Char(' ') + code.name +
                        QLatin1Char(' ') + code.meaning;
        }
        const bool all = std::all_of(words.begin(), words.end(), [&haystack](const QString &word) {
            return haystack.contains(word, Qt::CaseInsensitive);
        });
        if (all) {
            auto *item = new QListWidgetItem(tr("API: %1").arg(vendor->name), m_list);
            item->setData(KindRole, VendorKind);
            item->setData(KeyRole, vendor->id);
        }
    }
    if (m_list->count() > 0) {
        m_list->setCurrentRow(0);
    } else {
        m_details->setHtml(tr("<p>Nothing matches “%1”.</p>").arg(esc(query)));
    }
}

void CatalogBrowser::showCurrent()
{
    const QListWidgetItem *item = m_list->currentItem();
    if (!item) {
        return;
    }
    QString html;
    if (item->data(KindRole).toInt() == VendorKind) {
        const Core::VendorProfile *vendor = m_catalog->vendor(item->data(KeyRole).toString());
        if (!vendor) {
            return;
        }
        html = QStringLiteral("<h2>%1</h2><p>%2</p>").arg(esc(vendor->name), esc(vendor->body));
        if (!vendor->docs.isEmpty()) {
            html += QStringLiteral("<p><a href=\"%1\">%1</a></p>").arg(esc(vendor->docs));
        }
        if (!vendor->statuses.isEmpty()) {
            html += tr("<h3>Status codes</h3><table cellpadding=3>");
            for (const Core::VendorStatus &status : vendor->statuses) {
                html += QStringLiteral("<tr><td valign=top><b>%1</b></td><td>%2</td></tr>")
                            .arg(status.code)
                            .arg(esc(status.when));
            }
            html += QStringLiteral("</table>");
        }
        if (!vendor->codes.isEmpty()) {
            html += tr("<h3>Error codes</h3><table cellpadding=3>");
            for (const Core::CodeEntry &code : vendor->codes) {
                html += QStringLiteral("<tr><td valign=top><code>%1</code></td><td>%2%3%4</td></tr>")
                            .arg(esc(code.code.toVariant().toString()),
                                 code.name.isEmpty() ? QString()
                                                     : QStringLiteral("<b>%1</b>: ").arg(esc(code.name)),
                                 esc(code.meaning),
                                 code.status ? tr(" <i>(HTTP %1)</i>").arg(code.status) : QString());
            }
            html += QStringLiteral("</table>");
        }
        for (const auto &limit : vendor->rateLimits) {
            html += tr("<p><b>Rate limit, %1:</b> %2</p>").arg(esc(limit.first), esc(limit.second));
        }
    } else {
        const int code = item->data(KeyRole).toInt();
        const QString vendor = item->data(KeyRole + 1).toString();
        const Core::StatusEntry *entry = m_catalog->status(code);
        for (const Core::StatusEntry *other : m_catalog->alternatives(code)) {
            if (other->vendor == vendor) {
                entry = other;
            }
        }
        if (!entry) {
            return;
        }
        const StatusStyle style = StatusStyle::forClass(Core::statusClassOf(code), palette());
        html = QStringLiteral("<h2><span style='color:%1'>%2</span> %3 %4</h2>")
                   .arg(style.fill.name(), esc(style.glyph))
                   .arg(code)
                   .arg(esc(entry->reason));
        html += QStringLiteral("<p><i>%1 · %2%3</i></p>")
                    .arg(esc(style.name), esc(entry->spec),
                         entry->registry == QLatin1String("assigned")
                             ? QString()
                             : QStringLiteral(" · ") + esc(entry->registry));
        html += QStringLiteral("<p>%1</p>").arg(esc(entry->description));
        html += tr("<p><b>When to expect it:</b> %1</p>").arg(esc(entry->expect));
        html += tr("<p><b>What to try:</b> %1</p>").arg(esc(entry->tryText));
        html += tr("<p><b>Retry:</b> %1</p>").arg(esc(Core::retryText(entry->retry)));
        QStringList vendors;
        for (const Core::VendorProfile *profile : m_catalog->vendors()) {
            if (const Core::VendorStatus *status = profile->status(code)) {
                vendors.append(
                    QStringLiteral("<p><b>%1:</b> %2</p>").arg(esc(profile->name), esc(status->when)));
            }
        }
        if (!vendors.isEmpty()) {
            html += tr("<h3>In these APIs' words</h3>") + vendors.join(QString());
        }
    }
    m_details->setHtml(html);
}

} // namespace ApiLens::Ui
