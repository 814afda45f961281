#pragma once

#include "errors/errorreport.h"
#include "http/bodyformatter.h"
#include "http/exchange.h"
#include "http/textfind.h"

#include <QFutureWatcher>
#include <QJsonDocument>
#include <QWidget>

#include <atomic>
#include <memory>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QTableWidget;
class QToolButton;

namespace ApiLens::Core {
class Catalog;
}

namespace ApiLens::Ui {

class BodyViewer;
class FindBar;
class JsonFilterBar;
class ViewerText;

class BodyHighlighter;
class ErrorInspector;
class StatusBadge;
class TimingView;

// What came back: a header strip (status badge, time, size, protocol, body kind) over
// Pretty · Raw · Headers · Timing · Sent; or a page that explains a transport failure;
// or progress while the request runs. It only displays what it is given.
class ResponseView : public QWidget
{
    Q_OBJECT
public:
    enum class Page { Empty, Pending, Failure, Response };

    explicit ResponseView(const Core::Catalog *catalog = nullptr, QWidget *parent = nullptr);
    ~ResponseView() override;

    void showEmpty();
    void showPending(const QString &target);
    void updateProgress(double elapsedMs, qint64 bytes);
    void showExchange(const Core::Exchange &exchange);
    // The request was not sent (an unresolved variable...): the failure page, with advice.
    // With `actionText`, a button under the advice that emits notSentActionTriggered ("Send Anyway").
    void showNotSent(const QString &title, const QString &message, const QString &hint,
                     const QString &actionText = {});

    Page page() const;
    StatusBadge *badge() const { return m_badge; }
    QTabWidget *tabs() const { return m_tabs; }
    // Pretty: the whole body indented (JSON as it streams, XML), coloured on screen.
    BodyViewer *prettyView() const { return m_pretty; }
    // Raw: every byte as received (as text, or as a hex dump: a binary body's default, and
    // the Hex button's choice), in a viewer that lays out only the lines on screen.
    BodyViewer *rawView() const { return m_raw; }
    QToolButton *hexButton() const { return m_hex; }
    QTableWidget *headersTable() const { return m_headers; }
    QPlainTextEdit *sentView() const { return m_sent; }
    TimingView *timingView() const { return m_timing; }
    QLabel *tlsOffLabel() const { return m_tlsOff; } // "TLS verification off", on the response
    // "⚠ Connection closed: …" when the response came but did not end well (cut off, too large).
    QLabel *incompleteLabel() const { return m_incomplete; }
    QLabel *failureTitle() const { return m_failureTitle; }
    QLabel *failureMessage() const { return m_failureMessage; }
    QLabel *failureHint() const { return m_failureHint; }
    QPushButton *failureAction() const { return m_failureAction; }
    QLabel *summaryLabel() const { return m_summary; }
    ErrorInspector *inspector() const { return m_inspector; }
    // The catalog that explains responses from now on (a collection's, once it has one).
    void setCatalog(const Core::Catalog *catalog);
    QSplitter *inspectorSplitter() const { return m_split; }
    const Core::ErrorReport &report() const { return m_report; }
    // Find in the body of the tab shown (Pretty, or Raw), on a worker.
    // In Headers, every matching name or value is marked and the current row selected.
    FindBar *findBar() const { return m_find; }
    void showFind();
    void findNext();
    void findPrevious();
    // Asks for a line number and shows it in the body tab shown (Pretty when none is).
    void goToLine();
    // A JSONPath query over a JSON body: Pretty shows what it selects, formatted, until the
    // query is cleared. Kept for the next response (the request remembers it).
    JsonFilterBar *filterBar() const { return m_filter; }
    void setFilter(const QString &expression);
    void showFilter(); // Pretty shown, the filter's field focused (a JSON body only)
    QString filter() const { return m_filterExpression; }
    // The body of the response shown (empty when none), and a file name for saving it: the
    // server's Content-Disposition name, the URL's last segment, or "response" with the
    // extension of its type.
    const Core::ResponseBody &body() const { return m_body; }
    QString suggestedFileName() const { return m_bodyFileName; }

Q_SIGNALS:
    void notSentActionTriggered();
    void cancelRequested();
    void prettyReady();                // the formatted body of the current response is in the Pretty tab
    void rawReady();                   // the body as received is in the Raw tab, its lines indexed
    void analysisReady();              // the error analysis of the current response is in the inspector
    void filterReady();                // a JSONPath filter's result (or why there is none) is shown
    void findFinished(qint64 matches); // every match of a find is known (and marked)
    void filterChanged(const QString &expression); // the person applied or cleared one

protected:
    void changeEvent(QEvent *event) override; // the theme changed: its colours

private:
    QWidget *buildPendingPage();
    QWidget *buildFailurePage();
    void showFailure(const Core::Exchange &exchange);
    void fillHeaders(const Core::HeaderList &headers);
    void filterHeaders(const QString &text);
    void onFormatted();
    void loadRaw(bool hex);
    void onAnalyzed();

    void startFind();
    void findInHeaders(const Core::FindQuery &query);
    void onFound();
    void moveMatch(int step);
    bool findsInHeaders() const;
    BodyViewer *findTarget() const;
    FindBar *m_find;
    QList<int> m_headerMatches; // a row for each match in the Headers table

    void runFilter();
    void onFiltered();
    JsonFilterBar *m_filter;
    QString m_filterExpression;
    std::shared_ptr<const ViewerText> m_formatted; // Pretty's text of the whole body
    struct Filtered
    {
        std::shared_ptr<const ViewerText> text;
        qint64 count = 0;
        QString error;
        bool cancelled = false;
        quint64 generation = 0; // which run of the filter it answers
    };
    QFutureWatcher<Filtered> m_filterWatcher;
    quint64 m_filterGeneration = 0;
    std::shared_ptr<std::atomic_bool> m_filterCancel;
    bool m_isJson = false;
    qsizetype m_currentMatch = 0;
    QFutureWatcher<Core::FindResult> m_findWatcher;
    std::shared_ptr<std::atomic_bool> m_findCancel;
    Core::ResponseBody m_body;
    QString m_bodyFileName;
    QWidget *m_strip;
    StatusBadge *m_badge;
    QLabel *m_summary;
    QLabel *m_tlsOff;
    QLabel *m_incomplete;
    QStackedWidget *m_pages;
    QLabel *m_empty;
    QLabel *m_pendingLabel;
    QPushButton *m_cancel;
    QLabel *m_failureGlyph;
    QLabel *m_failureTitle;
    QLabel *m_failureMessage;
    QLabel *m_failureHint;
    QPushButton *m_failureAction;
    QTabWidget *m_tabs;
    QLabel *m_prettyNote;
    QLabel *m_rawNote;
    QToolButton *m_hex;
    BodyViewer *m_pretty;
    BodyViewer *m_raw;
    QLineEdit *m_headerFilter;
    QTableWidget *m_headers;
    TimingView *m_timing;
    QPlainTextEdit *m_sent;
    std::shared_ptr<BodyHighlighter> m_highlighter;
    QFutureWatcher<std::shared_ptr<const ViewerText>> m_rawWatcher;
    QString m_pendingTarget;

    const Core::Catalog *m_catalog;
    QSplitter *m_split;
    ErrorInspector *m_inspector;
    QString m_summaryBase;
    Core::ErrorReport m_report;
    Core::HeaderList m_responseHeaders;
    struct Analysis
    {
        Core::ErrorReport report;
        QJsonDocument document; // the parsed body, for the inspector's details tree
    };
    QFutureWatcher<Analysis> m_analysisWatcher;
    struct Pretty
    {
        std::shared_ptr<const ViewerText> text; // null: not reformatted, Pretty shows Raw's text
        bool cancelled = false;
    };
    QFutureWatcher<Pretty> m_formatWatcher;
    // Pretty shows the text Raw has (a body that is not reformatted: one index, one hex dump).
    void showRawAsPretty();
    bool m_prettyFollowsRaw = false;
    bool m_rawShown = false;
    std::shared_ptr<std::atomic_bool> m_formatCancel;
    qint64 m_bodySize = 0;
};

// The page text for a transport failure: what to try, per kind.
QString transportHint(Core::TransportError error);

} // namespace ApiLens::Ui
