#pragma once

#include "keyvaluemodel.h"

#include <QWidget>

class QTableView;

namespace ApiLens::Ui {

// A KeyValueModel in a table: click the last row to add, Delete removes the selected rows.
class KeyValueEditor : public QWidget
{
    Q_OBJECT
public:
    explicit KeyValueEditor(const QString &placeholderName, QWidget *parent = nullptr);

    KeyValueModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

private:
    void removeSelected();

    KeyValueModel *m_model;
    QTableView *m_view;
};

} // namespace ApiLens::Ui
