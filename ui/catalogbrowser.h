#pragma once

#include <QDialog>

class QLineEdit;
class QListWidget;
class QTextBrowser;

namespace ApiLens::Core {
class Catalog;
}

namespace ApiLens::Ui {

// Help → Status Codes and Error Catalog: every status code and vendor profile, searchable.
class CatalogBrowser : public QDialog
{
    Q_OBJECT
public:
    CatalogBrowser(const Core::Catalog *catalog, QWidget *parent = nullptr);

    QLineEdit *searchEdit() const { return m_search; }
    QListWidget *list() const { return m_list; }
    QTextBrowser *details() const { return m_details; }

private:
    void fill(const QString &query);
    void showCurrent();

    const Core::Catalog *m_catalog;
    QLineEdit *m_search;
    QListWidget *m_list;
    QTextBrowser *m_details;
};

} // namespace ApiLens::Ui
