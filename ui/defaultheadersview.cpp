#include "defaultheadersview.h"
#include "theme.h"

#include "format.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace ApiLens::Ui {

namespace {

enum Column { NameColumn, ValueColumn, StateColumn };

} // namespace

DefaultHeadersView::DefaultHeadersView(QWidget *parent)
    : QWidget(parent)
    , m_toggle(new QToolButton(this))
    , m_tree(new QTreeWidget(this))
    , m_note(new QLabel(this))
{
    m_toggle->setCheckable(true);
    m_toggle->setAutoRaise(true);
    m_toggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toggle->setToolTip(tr("The headers ApiLens adds unless you switch them off or write your own"));
    connect(m_toggle, &QToolButton::toggled, this, &DefaultHeadersView::setExpanded);
    m_tree->setObjectName(QStringLiteral("DefaultHeaders"));
    m_tree->setColumnCount(3);
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setSelectionMode(QAbstractItemView::NoSelection);
    m_tree->setFocusPolicy(Qt::TabFocus);
    m_tree->setFrameShape(QFrame::NoFrame);
    m_tree->header()->setSectionResizeMode(NameColumn, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(ValueColumn, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(StateColumn, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(false);
    const QFont mono = editorFont();
    for (const Core::DefaultHeader &header : Core::defaultHeaders()) {
        auto *item = new QTreeWidgetItem(m_tree, {header.name, header.value, QString()});
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(NameColumn, Qt::Checked);
        item->setToolTip(NameColumn, header.purpose);
        item->setToolTip(ValueColumn, header.purpose);
        item->setFont(ValueColumn, mono);
    }
    updateSummary();
    const int rows = m_tree->topLevelItemCount();
    m_tree->setFixedHeight(rows * (m_tree->sizeHintForRow(0) + 1) + 4);
    // One line (a wrapped label would make the scrolling page as tall as at its narrowest);
    // the whole rule in the tooltip.
    m_note->setText(tr("Untick one to leave it out; a header written above replaces it. The Sent tab shows "
                       "every header as it went out."));
    m_note->setToolTip(tr("Besides these, HTTP's own headers are added as needed: Host, Content-Length, "
                          "Content-Type for a body, and cookies from earlier responses."));
    m_note->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_note->setEnabled(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 2, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_toggle);
    layout->addWidget(m_tree);
    layout->addWidget(m_note);
    setExpanded(false);
    connect(m_tree, &QTreeWidget::itemChanged, this, [this] {
        if (!m_updating) {
            updateSummary();
            Q_EMIT changed();
        }
    });
}

void DefaultHeadersView::setExpanded(bool expanded)
{
    m_toggle->setChecked(expanded);
    m_toggle->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
    m_tree->setVisible(expanded);
    m_note->setVisible(expanded);
}

void DefaultHeadersView::updateSummary()
{
    int sent = 0;
    int off = 0;
    int replaced = 0;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_tree->topLevelItem(i);
        if (!item->text(StateColumn).isEmpty()) {
            ++replaced;
        } else if (item->checkState(NameColumn) == Qt::Unchecked) {
            ++off;
        } else {
            ++sent;
        }
    }
    QStringList parts{countOf(sent, tr("default header sent"), tr("default headers sent"))};
    if (replaced > 0) {
        parts.append(tr("%1 replaced").arg(replaced));
    }
    if (off > 0) {
        parts.append(tr("%1 switched off").arg(off));
    }
    m_toggle->setText(parts.join(QStringLiteral(" · ")));
}

void DefaultHeadersView::setState(const QList<Core::KeyValue> &written, const QStringList &omitted)
{
    m_updating = true;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_tree->topLevelItem(i);
        const QString name = item->text(NameColumn);
        bool replaced = false;
        for (const Core::KeyValue &header : written) {
            replaced =
                replaced || (header.enabled && header.name.trimmed().compare(name, Qt::CaseInsensitive) == 0);
        }
        item->setCheckState(NameColumn,
                            omitted.contains(name, Qt::CaseInsensitive) ? Qt::Unchecked : Qt::Checked);
        item->setText(StateColumn, replaced ? tr("replaced by your header") : QString());
        QFont font = item->font(ValueColumn);
        font.setStrikeOut(replaced || item->checkState(NameColumn) == Qt::Unchecked);
        item->setFont(ValueColumn, font);
    }
    updateSummary();
    m_updating = false;
}

QStringList DefaultHeadersView::omitted() const
{
    QStringList names;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_tree->topLevelItem(i);
        if (item->checkState(NameColumn) == Qt::Unchecked) {
            names.append(item->text(NameColumn));
        }
    }
    return names;
}

} // namespace ApiLens::Ui
