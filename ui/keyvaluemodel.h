#pragma once

#include "http/urlquery.h"

#include <QAbstractTableModel>

#include <functional>

namespace ApiLens::Ui {

// Name/value rows with an enable checkbox (params, headers, form fields). The last row is
// always an empty placeholder: typing into it adds a row, so the table never needs an
// "Add" button.
class KeyValueModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { EnabledColumn, NameColumn, ValueColumn, ColumnCount };

    explicit KeyValueModel(QObject *parent = nullptr);

    void setRows(const QList<Core::KeyValue> &rows);
    QList<Core::KeyValue> rows() const; // without the placeholder
    int enabledCount() const;
    void setHeaderLabels(const QString &name, const QString &value);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;

    // Names of {{variables}} in a text that have no value; their cells are marked.
    void setUnresolvedCheck(std::function<QStringList(const QString &)> check);

Q_SIGNALS:
    // Emitted for user edits (setData/removeRows), not for setRows.
    void edited();

private:
    std::function<QStringList(const QString &)> m_unresolved;
    QList<Core::KeyValue> m_rows;
    QString m_nameLabel;
    QString m_valueLabel;
};

} // namespace ApiLens::Ui
