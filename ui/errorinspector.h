#pragma once

#include "errors/erroranalyzer.h"

#include <QUrl>
#include <QWidget>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QTimer;
class QTreeWidget;
class QJsonDocument;
class QVBoxLayout;

namespace ApiLens::Core {
class Catalog;
}

namespace ApiLens::Ui {

// Beside the body of an error response: what happened (the catalog's entry for the status,
// and the API's own wording), what the API says (format, code and its meaning, message),
// per-field errors, the request id to quote, documentation, when to retry, rate limits.
class ErrorInspector : public QWidget
{
    Q_OBJECT
public:
    ErrorInspector(const Core::Catalog *catalog, QWidget *parent = nullptr);

    void showReport(const Core::ErrorReport &report, const Core::HeaderList &headers,
                    const QString &vendorId = {});
    void clear();
    // The request the next reports answer: the collection's API description (an imported
    // OpenAPI) may document what this status means for its operation.
    void setRequest(const QString &method, const QUrl &url);
    // Another catalog (a collection's, once it has one); the vendor list follows.
    void setCatalog(const Core::Catalog *catalog);
    // The parsed error body as a tree (JSON), shown under "Details".
    void showDetails(const QJsonDocument &document);
    QTreeWidget *detailsTree() const { return m_details; }
    // "Explain with": automatic (the vendor that reads this format) or a chosen API profile,
    // for APIs whose bodies carry no vendor mark (Exto, the status guide, your own).
    QComboBox *vendorChoice() const { return m_vendorChoice; }

    QString text() const; // everything shown, as plain text (tests, copy)
    QTableWidget *fieldsTable() const { return m_fields; }
    QPushButton *copyRequestIdButton() const { return m_copyId; }
    QLabel *retryLabel() const { return m_retry; }
    QProgressBar *rateLimitBar() const { return m_rateBar; }
    int retryRemainingSeconds() const { return m_retryLeft; }

Q_SIGNALS:
    // The user asked to see a field in the request (double click).
    void fieldActivated(const QString &field);

private:
    QLabel *section(const QString &title);
    QLabel *paragraph();
    void fillVendors();
    void tick();

    const Core::Catalog *m_catalog;
    QComboBox *m_vendorChoice;
    Core::ErrorReport m_shownReport;
    Core::HeaderList m_shownHeaders;
    QString m_requestMethod;
    QUrl m_requestUrl;
    QVBoxLayout *m_layout;
    QLabel *m_whatTitle;
    QLabel *m_what;
    QLabel *m_saysTitle;
    QLabel *m_says;
    QLabel *m_fieldsTitle;
    QTableWidget *m_fields;
    QLabel *m_idTitle;
    QLabel *m_requestId;
    QPushButton *m_copyId;
    QLabel *m_docs;
    QLabel *m_retry;
    QLabel *m_rateTitle;
    QProgressBar *m_rateBar;
    QLabel *m_rateText;
    QLabel *m_detailsTitle;
    QTreeWidget *m_details;
    QTimer *m_timer;
    int m_retryLeft = -1;
    int m_resetLeft = -1;
};

} // namespace ApiLens::Ui
