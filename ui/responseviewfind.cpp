// ResponseView: find (in Pretty, Raw and Headers), go to line and the JSONPath filter.

#include "responseview.h"

#include "bodyviewer.h"
#include "findbar.h"
#include "jsonfilterbar.h"
#include "prompt.h"

#include "http/bodyformatter.h"
#include "http/jsonpath.h"

#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QTabWidget>
#include <QTableWidget>
#include <QtConcurrent/QtConcurrentRun>

namespace ApiLens::Ui {

namespace {

constexpr int RawTab = 1;
constexpr int HeadersTab = 2;

// How a match is marked (the same in the body viewers and the headers table).
const QColor MatchBackground(0xFFE066);
const QColor MatchForeground(0x1A1A1A);

} // namespace

BodyViewer *ResponseView::findTarget() const
{
    return m_tabs->currentIndex() == RawTab ? m_raw : m_pretty;
}

bool ResponseView::findsInHeaders() const
{
    return m_tabs->currentIndex() == HeadersTab;
}

void ResponseView::showFind()
{
    if (m_tabs->currentIndex() > HeadersTab) {
        m_tabs->setCurrentIndex(0); // find looks in a body or the headers
    }
    m_find->open();
    startFind();
}

void ResponseView::startFind()
{
    if (m_findCancel) {
        m_findCancel->store(true);
    }
    m_pretty->setMatches({});
    m_raw->setMatches({});
    const Core::FindQuery query = m_find->query();
    findInHeaders(findsInHeaders() ? query : Core::FindQuery{});
    if (findsInHeaders()) {
        return;
    }
    const std::shared_ptr<const ViewerText> text = findTarget()->text();
    if (!text || query.text.isEmpty()) {
        m_find->setStatus(QString());
        return;
    }
    m_find->setStatus(tr("Searching…"));
    auto cancel = std::make_shared<std::atomic_bool>(false);
    m_findCancel = cancel;
    // The first match is shown as soon as it is found; counting the rest goes on.
    const auto first = [this, cancel, viewer = findTarget()](Core::FindMatch match) {
        QMetaObject::invokeMethod(
            this,
            [this, cancel, viewer, match] {
                if (cancel->load() || m_findWatcher.isFinished() || viewer != findTarget()) {
                    return;
                }
                viewer->setMatches({match});
                viewer->showMatch(0);
                m_find->setStatus(tr("1 of … (counting)"));
            },
            Qt::QueuedConnection);
    };
    m_findWatcher.setFuture(QtConcurrent::run([text, query, cancel, first] {
        qint64 released = 0; // what the search has read leaves memory behind it
        return Core::findAll(text->bytes(), query, cancel.get(), first, [&text, &released](qint64 read) {
            text->release(released, read - released);
            released = read;
        });
    }));
}

// Headers are few and short: found here, with the body's rules (Core::findAll) cell by cell.
void ResponseView::findInHeaders(const Core::FindQuery &query)
{
    m_headerMatches.clear();
    for (int row = 0; row < m_headers->rowCount(); ++row) {
        for (int column = 0; column < 2; ++column) {
            QTableWidgetItem *item = m_headers->item(row, column);
            const qint64 found = query.text.isEmpty() || m_headers->isRowHidden(row)
                                     ? 0
                                     : Core::findAll(item->text().toUtf8(), query).count;
            item->setData(Qt::BackgroundRole, found > 0 ? QVariant(MatchBackground) : QVariant());
            item->setData(Qt::ForegroundRole, found > 0 ? QVariant(MatchForeground) : QVariant());
            m_headerMatches.insert(m_headerMatches.size(), found, row);
        }
    }
    if (!findsInHeaders()) {
        return;
    }
    if (const QString problem = query.text.isEmpty() ? QString() : Core::findAll({}, query).error;
        !problem.isEmpty()) {
        m_find->setStatus(problem, true);
    } else if (m_headerMatches.isEmpty()) {
        m_find->setStatus(query.text.isEmpty() ? QString() : tr("No matches"), !query.text.isEmpty());
    } else {
        m_currentMatch = 0;
        moveMatch(0);
    }
    Q_EMIT findFinished(m_headerMatches.size());
}

void ResponseView::onFound()
{
    const Core::FindResult result = m_findWatcher.result();
    if (result.cancelled || findsInHeaders()) {
        return;
    }
    BodyViewer *viewer = findTarget();
    viewer->setMatches(result.matches);
    if (!result.error.isEmpty()) {
        m_find->setStatus(result.error, true);
    } else if (result.count == 0) {
        m_find->setStatus(m_find->query().text.isEmpty() ? QString() : tr("No matches"),
                          !m_find->query().text.isEmpty());
    } else {
        // The first match on screen or below it.
        const qint64 top = viewer->text() ? viewer->text()->range(viewer->firstVisibleLine()).start : 0;
        const auto at =
            std::lower_bound(result.matches.cbegin(), result.matches.cend(), top,
                             [](const Core::FindMatch &m, qint64 offset) { return m.offset < offset; });
        m_currentMatch = at == result.matches.cend() ? 0 : at - result.matches.cbegin();
        moveMatch(0);
    }
    Q_EMIT findFinished(result.count);
}

void ResponseView::findNext()
{
    moveMatch(1);
}

void ResponseView::findPrevious()
{
    moveMatch(-1);
}

void ResponseView::moveMatch(int step)
{
    const bool headers = findsInHeaders();
    BodyViewer *viewer = findTarget();
    const qsizetype count = headers ? m_headerMatches.size() : viewer->matches().size();
    if (count == 0) {
        return;
    }
    m_currentMatch = ((m_currentMatch + step) % count + count) % count;
    qint64 total = count;
    if (headers) {
        m_headers->selectRow(m_headerMatches[m_currentMatch]);
        m_headers->scrollToItem(m_headers->item(m_headerMatches[m_currentMatch], 0));
    } else {
        viewer->showMatch(m_currentMatch);
        total = m_findWatcher.isFinished() ? m_findWatcher.result().count : count;
    }
    m_find->setStatus(tr("%1 of %2").arg(QLocale().toString(m_currentMatch + 1), QLocale().toString(total)));
}

void ResponseView::goToLine()
{
    if (m_tabs->currentIndex() > RawTab) {
        m_tabs->setCurrentIndex(0);
    }
    BodyViewer *viewer = findTarget();
    if (viewer->lineCount() == 0) {
        return;
    }
    const QString answer = Prompt::text(
        this, tr("Go to Line"), tr("Line (1–%1):").arg(QLocale().toString(viewer->lineCount())), QString());
    bool ok = false;
    const qint64 line = QLocale().toLongLong(answer.trimmed(), &ok);
    const qint64 plain = ok ? line : answer.trimmed().toLongLong(&ok);
    if (ok && plain > 0) {
        viewer->goToLine(plain - 1);
        viewer->setFocus();
    }
}

void ResponseView::setFilter(const QString &expression)
{
    m_filterExpression = expression.trimmed();
    m_filter->setExpression(m_filterExpression);
    if (m_formatted) {
        runFilter();
    }
}

void ResponseView::showFilter()
{
    m_tabs->setCurrentIndex(0);
    if (m_filter->isVisible()) {
        m_filter->edit()->setFocus();
        m_filter->edit()->selectAll();
    }
}

void ResponseView::runFilter()
{
    if (m_filterCancel) {
        m_filterCancel->store(true);
    }
    const quint64 generation = ++m_filterGeneration;
    if (!m_isJson || !m_formatted) {
        return; // applied once the body is formatted
    }
    if (m_filterExpression.isEmpty()) {
        m_pretty->setText(m_formatted);
        m_filter->setStatus(QString());
        Q_EMIT filterReady();
        return;
    }
    m_filter->setStatus(tr("Filtering…"));
    auto cancel = std::make_shared<std::atomic_bool>(false);
    m_filterCancel = cancel;
    m_filterWatcher.setFuture(QtConcurrent::run([body = m_body, expression = m_filterExpression, cancel,
                                                 generation] {
        const Core::BodyBytes bytes(body);
        const Core::JsonPathResult selected = Core::evaluateJsonPath(bytes.view(), expression, cancel.get());
        bytes.release(0, bytes.view().size()); // parsed (copied) once; not needed in memory now
        Filtered out{nullptr, selected.count, selected.error, selected.cancelled, generation};
        if (selected.error.isEmpty() && !selected.cancelled) {
            QByteArray indented;
            Core::JsonIndenter indenter;
            indenter.feed(selected.json, &indented);
            indenter.finish(&indented);
            out.text = ViewerText::fromBytes(std::move(indented));
        }
        return out;
    }));
}

void ResponseView::onFiltered()
{
    const Filtered filtered = m_filterWatcher.result();
    if (filtered.cancelled || filtered.generation != m_filterGeneration) {
        return;
    }
    if (!filtered.error.isEmpty()) {
        m_pretty->setText(m_formatted); // the whole body, and why the filter selected nothing
        m_filter->setStatus(filtered.error, true);
    } else {
        m_pretty->setText(filtered.text);
        m_filter->setStatus(filtered.count == 0   ? tr("Nothing matches")
                            : filtered.count == 1 ? tr("1 value")
                                                  : tr("%1 values").arg(QLocale().toString(filtered.count)));
    }
    Q_EMIT filterReady();
}

} // namespace ApiLens::Ui
