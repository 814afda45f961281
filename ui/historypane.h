#pragma once

#include "history/historyservice.h"

#include <QAbstractListModel>
#include <QWidget>

class QComboBox;
class QLineEdit;
class QListView;
class QTimer;

namespace ApiLens::Ui {

// Past exchanges, newest first, each marked with its status class's colour and glyph.
class HistoryModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { IdRole = Qt::UserRole + 1, StatusClassRole, UrlRole };

    using QAbstractListModel::QAbstractListModel;
    void setEntries(const QList<Core::HistoryEntry> &entries);
    const QList<Core::HistoryEntry> &entries() const { return m_entries; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;

private:
    QList<Core::HistoryEntry> m_entries;
};

// The history dock: a filter (text, status class), the list, and "Clear history".
class HistoryPane : public QWidget
{
    Q_OBJECT
public:
    // How many entries are kept is a preference (Core::Config::HistoryRetention).
    explicit HistoryPane(Core::HistoryService *service, QWidget *parent = nullptr);

    HistoryModel *model() const { return m_model; }
    QLineEdit *filterEdit() const { return m_filter; }
    QComboBox *classFilter() const { return m_class; }
    QComboBox *methodFilter() const { return m_method; }
    QLineEdit *errorCodeFilter() const { return m_errorCode; }
    QComboBox *dateFilter() const { return m_date; } // data: hours back, 0 = any time
    QListView *view() const { return m_view; }
    void refresh();

Q_SIGNALS:
    void entryActivated(qint64 id);
    void refreshed(); // the list shows the latest filter's results

private:
    Core::HistoryService *m_service;
    HistoryModel *m_model;
    QLineEdit *m_filter;
    QComboBox *m_class;
    QComboBox *m_method;
    QLineEdit *m_errorCode;
    QComboBox *m_date;
    QListView *m_view;
    QTimer *m_debounce;
    quint64 m_ticket = 0;
};

} // namespace ApiLens::Ui
