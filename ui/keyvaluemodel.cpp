#include "keyvaluemodel.h"
#include "statusstyle.h"

#include <QColor>
#include <QGuiApplication>

namespace ApiLens::Ui {

KeyValueModel::KeyValueModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_nameLabel(tr("Name"))
    , m_valueLabel(tr("Value"))
{}

void KeyValueModel::setRows(const QList<Core::KeyValue> &rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

QList<Core::KeyValue> KeyValueModel::rows() const
{
    return m_rows;
}

int KeyValueModel::enabledCount() const
{
    int count = 0;
    for (const Core::KeyValue &row : m_rows) {
        count += row.enabled && !row.name.isEmpty() ? 1 : 0;
    }
    return count;
}

void KeyValueModel::setHeaderLabels(const QString &name, const QString &value)
{
    m_nameLabel = name;
    m_valueLabel = value;
    Q_EMIT headerDataChanged(Qt::Horizontal, NameColumn, ValueColumn);
}

int KeyValueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size()) + 1;
}

int KeyValueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void KeyValueModel::setUnresolvedCheck(std::function<QStringList(const QString &)> check)
{
    m_unresolved = std::move(check);
    if (rowCount() > 0) {
        Q_EMIT dataChanged(index(0, NameColumn), index(rowCount() - 1, ValueColumn),
                           {Qt::ForegroundRole, Qt::ToolTipRole});
    }
}

QVariant KeyValueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    if (index.row() == m_rows.size()) {
        return {}; // the empty placeholder row
    }
    const Core::KeyValue &row = m_rows.at(index.row());
    if ((role == Qt::ForegroundRole || role == Qt::ToolTipRole) && m_unresolved &&
        (index.column() == NameColumn || index.column() == ValueColumn)) {
        const QStringList missing = m_unresolved(index.column() == NameColumn ? row.name : row.value);
        if (!missing.isEmpty()) {
            if (role == Qt::ForegroundRole) {
                return tint(Tint::VariableMissing, QGuiApplication::palette());
            }
            return tr("No value for %1 in the chosen environment")
                .arg(QStringLiteral("{{") + missing.join(QStringLiteral("}}, {{")) + QStringLiteral("}}"));
        }
    }
    switch (index.column()) {
    case EnabledColumn:
        if (role == Qt::CheckStateRole) {
            return row.enabled ? Qt::Checked : Qt::Unchecked;
        }
        if (role == Qt::ToolTipRole) {
            return row.enabled ? tr("Sent; uncheck to keep the row without sending it") : tr("Not sent");
        }
        break;
    case NameColumn:
        if (role == Qt::DisplayRole || role == Qt::EditRole) {
            return row.name;
        }
        break;
    case ValueColumn:
        if (role == Qt::DisplayRole || role == Qt::EditRole) {
            return row.value;
        }
        break;
    default:
        break;
    }
    return {};
}

bool KeyValueModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return false;
    }
    const bool placeholder = index.row() == m_rows.size();
    if (placeholder) {
        if (role != Qt::EditRole || index.column() == EnabledColumn || value.toString().isEmpty()) {
            return false;
        }
        beginInsertRows({}, int(m_rows.size()) + 1, int(m_rows.size()) + 1);
        m_rows.append(Core::KeyValue{});
        endInsertRows();
    }
    Core::KeyValue &row = m_rows[index.row()];
    if (index.column() == EnabledColumn && role == Qt::CheckStateRole) {
        row.enabled = value.toInt() == Qt::Checked;
    } else if (index.column() == NameColumn && role == Qt::EditRole) {
        row.name = value.toString();
    } else if (index.column() == ValueColumn && role == Qt::EditRole) {
        row.value = value.toString();
    } else {
        return false;
    }
    Q_EMIT dataChanged(this->index(index.row(), 0), this->index(index.row(), ColumnCount - 1));
    Q_EMIT edited();
    return true;
}

Qt::ItemFlags KeyValueModel::flags(const QModelIndex &index) const
{
    if (!index.isValid()) {
        return Qt::NoItemFlags;
    }
    const bool placeholder = index.row() == m_rows.size();
    if (index.column() == EnabledColumn) {
        return placeholder ? Qt::ItemIsEnabled
                           : (Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
    }
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable;
}

QVariant KeyValueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case EnabledColumn:
        return QString();
    case NameColumn:
        return m_nameLabel;
    case ValueColumn:
        return m_valueLabel;
    default:
        return {};
    }
}

bool KeyValueModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > m_rows.size()) {
        return false;
    }
    beginRemoveRows({}, row, row + count - 1);
    m_rows.remove(row, count);
    endRemoveRows();
    Q_EMIT edited();
    return true;
}

} // namespace ApiLens::Ui
