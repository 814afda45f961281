#include "keyvalueeditor.h"

#include <QAction>
#include <QHeaderView>
#include <QTableView>
#include <QVBoxLayout>

namespace ApiLens::Ui {

KeyValueEditor::KeyValueEditor(const QString &placeholderName, QWidget *parent)
    : QWidget(parent)
    , m_model(new KeyValueModel(this))
    , m_view(new QTableView(this))
{
    m_model->setHeaderLabels(placeholderName, tr("Value"));
    m_view->setModel(m_model);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(KeyValueModel::EnabledColumn,
                                                     QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(KeyValueModel::NameColumn, QHeaderView::Interactive);
    m_view->horizontalHeader()->setSectionResizeMode(KeyValueModel::ValueColumn, QHeaderView::Stretch);
    m_view->horizontalHeader()->resizeSection(KeyValueModel::NameColumn, 220);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::AllEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);

    auto *remove = new QAction(tr("Remove row"), m_view);
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetShortcut);
    connect(remove, &QAction::triggered, this, &KeyValueEditor::removeSelected);
    m_view->addAction(remove);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
}

void KeyValueEditor::removeSelected()
{
    QList<int> rows;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows()) {
        rows.append(index.row());
    }
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    for (int row : rows) {
        m_model->removeRows(row, 1);
    }
}

} // namespace ApiLens::Ui
