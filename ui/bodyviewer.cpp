#include "bodyviewer.h"
#include "statusstyle.h"
#include "theme.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QLocale>
#include <QPainter>
#include <QScrollBar>
#include <QTextLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <functional>
#include <limits>

namespace ApiLens::Ui {

std::shared_ptr<const ViewerText> ViewerText::fromBytes(QByteArray bytes)
{
    std::shared_ptr<ViewerText> text(new ViewerText);
    text->m_bytes = std::move(bytes);
    text->build();
    return text;
}

std::shared_ptr<ViewerText> ViewerText::holding(const Core::ResponseBody &body)
{
    std::shared_ptr<ViewerText> text(new ViewerText);
    if (body.isInMemory()) {
        text->m_bytes = body.bytes();
    } else {
        text->m_body = std::make_unique<Core::BodyBytes>(body);
    }
    return text;
}

std::shared_ptr<const ViewerText> ViewerText::fromBody(const Core::ResponseBody &body)
{
    std::shared_ptr<ViewerText> text = holding(body);
    if (const Core::LineIndex *index = body.lineIndex(); index && index->size() == body.size()) {
        text->m_index = *index;
    } else {
        text->build();
    }
    return text;
}

std::shared_ptr<const ViewerText> ViewerText::hexOf(const Core::ResponseBody &body)
{
    std::shared_ptr<ViewerText> text = holding(body);
    text->m_hex.emplace(body.size());
    return text;
}

void ViewerText::build()
{
    const QByteArrayView all = bytes();
    constexpr qsizetype Piece = 8 << 20;
    for (qsizetype at = 0; at < all.size(); at += Piece) {
        m_index.append(all.sliced(at, std::min(Piece, all.size() - at)));
        release(at, Piece); // read once; the screen brings back the few pages it shows
    }
}

void ViewerText::release(qint64 from, qint64 length) const
{
    if (m_body) {
        m_body->release(from, length);
    }
}

QByteArrayView ViewerText::bytes() const
{
    return m_body ? m_body->view() : QByteArrayView(m_bytes);
}

qint64 ViewerText::lineCount() const
{
    return m_hex ? m_hex->rowCount(bytes().size()) : m_index.lineCount();
}

Core::LineIndex::Range ViewerText::range(qint64 line) const
{
    if (m_hex) {
        const qint64 start = std::clamp<qint64>(line * Core::HexLayout::RowBytes, 0, bytes().size());
        return {start, std::min<qint64>(Core::HexLayout::RowBytes, bytes().size() - start)};
    }
    return m_index.line(line, bytes());
}

qint64 ViewerText::lineAt(qint64 offset) const
{
    return m_hex ? offset / Core::HexLayout::RowBytes : m_index.lineAt(offset, bytes());
}

qint64 ViewerText::longestLine() const
{
    return m_hex ? m_hex->width() : m_index.longestLine();
}

QString ViewerText::line(qint64 line) const
{
    const Core::LineIndex::Range shown = range(line);
    const QByteArrayView text = bytes().sliced(shown.start, shown.length);
    return m_hex ? m_hex->row(text, shown.start) : QString::fromUtf8(text);
}

QList<std::pair<int, int>> ViewerText::spans(qint64 line, qint64 from, qint64 to) const
{
    const Core::LineIndex::Range shown = range(line);
    from = std::clamp<qint64>(from, shown.start, shown.start + shown.length);
    to = std::clamp<qint64>(to, from, shown.start + shown.length);
    if (m_hex) {
        if (from == to) {
            return {};
        }
        const int first = int(from - shown.start);
        const int last = int(to - shown.start) - 1;
        return {{m_hex->hexColumn(first), m_hex->hexColumn(last) + 2 - m_hex->hexColumn(first)},
                {m_hex->asciiColumn(first), last - first + 1}};
    }
    const QByteArrayView all = bytes();
    const int start = int(QString::fromUtf8(all.sliced(shown.start, from - shown.start)).size());
    return {{start, int(QString::fromUtf8(all.sliced(from, to - from)).size())}};
}

qint64 ViewerText::offsetOf(qint64 line, qsizetype column) const
{
    const Core::LineIndex::Range shown = range(line);
    if (m_hex) {
        return shown.start + std::min<qint64>(shown.length, m_hex->byteAtColumn(int(column)));
    }
    const QString text = QString::fromUtf8(bytes().sliced(shown.start, shown.length));
    return shown.start + std::min<qint64>(shown.length, text.left(column).toUtf8().size());
}

namespace {

// The opening bracket a line of indented JSON ends with ('{' or '['), or 0; only a whole
// line counts (not a display line cut from a long one).
char openerOf(const ViewerText &text, qint64 line)
{
    if (text.isHex()) {
        return 0;
    }
    const QByteArrayView bytes = text.bytes();
    const Core::LineIndex::Range range = text.index().line(line, bytes);
    const qint64 after = range.start + range.length;
    if (range.length == 0 || (after < bytes.size() && bytes[after] != '\n' && bytes[after] != '\r')) {
        return 0;
    }
    const char last = bytes[after - 1];
    return last == '{' || last == '[' ? last : 0;
}

// The line that closes the container opened at the end of `line`: the next one that starts
// with the same indentation and the closing bracket (strings in indented JSON hold no raw
// line breaks, so nothing else can look like it). -1 when there is none.
qint64 closingLine(const ViewerText &text, qint64 line)
{
    const char opener = openerOf(text, line);
    if (opener == 0) {
        return -1;
    }
    const QByteArrayView bytes = text.bytes();
    const Core::LineIndex::Range range = text.index().line(line, bytes);
    qint64 indent = 0;
    while (indent < range.length && bytes[range.start + indent] == ' ') {
        ++indent;
    }
    const QByteArray needle = '\n' + QByteArray(indent, ' ') + (opener == '{' ? '}' : ']');
    const auto from = bytes.begin() + range.start + range.length;
    const auto found =
        std::search(from, bytes.end(), std::boyer_moore_horspool_searcher(needle.begin(), needle.end()));
    if (found == bytes.end()) {
        return -1;
    }
    return text.index().lineAt(found - bytes.begin() + 1, bytes);
}

// Draws a line at `at` with its formats and returns where it ends. A long line (a display
// line of 4 KB from a minified body) is laid out only over the columns `visible` spans
// (x from the line's start, and width), with a margin: the font is fixed-width, so column c
// starts at c advances.
qreal drawLine(QPainter *painter, const QFont &font, const QString &text,
               QList<QTextLayout::FormatRange> formats, QPointF at, std::pair<int, int> visible)
{
    constexpr qsizetype Margin = 8;
    const qreal advance = QFontMetricsF(font).horizontalAdvance(QLatin1Char('M'));
    qsizetype first = 0;
    qsizetype count = text.size();
    if (text.size() > 512 && advance > 0) {
        first = std::clamp<qsizetype>(qsizetype(visible.first / advance) - Margin, 0, text.size());
        count = std::min<qsizetype>(text.size() - first, qsizetype(visible.second / advance) + 2 * Margin);
        if (first > 0 && text.at(first).isLowSurrogate()) {
            --first; // not half a character
            ++count;
        }
        for (QTextLayout::FormatRange &range : formats) {
            const qsizetype from = std::clamp<qsizetype>(range.start - first, 0, count);
            const qsizetype to = std::clamp<qsizetype>(range.start + range.length - first, 0, count);
            range.start = int(from);
            range.length = int(to - from);
        }
    }
    QTextLayout layout(text.mid(first, count), font);
    layout.setFormats(formats);
    layout.beginLayout();
    QTextLine line = layout.createLine();
    line.setLineWidth(std::numeric_limits<int>::max() / 4);
    layout.endLayout();
    const QPointF origin(at.x() + first * advance, at.y());
    layout.draw(painter, origin);
    return origin.x() + line.naturalTextWidth();
}

} // namespace

BodyViewer::BodyViewer(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    useEditorFont(this);
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setCursor(Qt::IBeamCursor);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, viewport(), qOverload<>(&QWidget::update));
    connect(horizontalScrollBar(), &QScrollBar::valueChanged, viewport(), qOverload<>(&QWidget::update));
    connect(&m_foldWatcher, &QFutureWatcher<FoldEnd>::finished, this, [this] {
        const FoldEnd found = m_foldWatcher.result();
        if (found.text == m_text && found.end > found.start) {
            addFold(found.start, found.end);
        }
    });
}

void BodyViewer::setFoldable(bool foldable)
{
    m_foldable = foldable;
    unfoldAll();
}

bool BodyViewer::isFoldable(qint64 line) const
{
    return m_foldable && m_text && line >= 0 && line < lineCount() && openerOf(*m_text, line) != 0;
}

void BodyViewer::toggleFold(qint64 line)
{
    if (m_folds.contains(line)) {
        m_hiddenLines -= m_folds.take(line) - line;
        updateScrollBars();
        viewport()->update();
        Q_EMIT foldsChanged();
        return;
    }
    if (!isFoldable(line)) {
        return;
    }
    // Finding the end reads up to the whole text (a top-level array of 100 MB): on a worker.
    m_foldWatcher.setFuture(QtConcurrent::run([text = m_text, line] {
        return FoldEnd{text, line, closingLine(*text, line)};
    }));
}

void BodyViewer::addFold(qint64 start, qint64 end)
{
    // Folds inside the new one go: unfolding it shows all it holds.
    for (auto it = m_folds.upperBound(start); it != m_folds.end() && it.key() <= end;) {
        m_hiddenLines -= it.value() - it.key();
        it = m_folds.erase(it);
    }
    const qint64 top = firstVisibleLine();
    m_folds.insert(start, end);
    m_hiddenLines += end - start;
    updateScrollBars();
    verticalScrollBar()->setValue(int(rowOfLine(top)));
    viewport()->update();
    Q_EMIT foldsChanged();
}

void BodyViewer::unfoldAll()
{
    const bool had = !m_folds.isEmpty();
    const qint64 top = firstVisibleLine();
    m_folds.clear();
    m_hiddenLines = 0;
    updateScrollBars();
    if (had) {
        verticalScrollBar()->setValue(int(top));
        viewport()->update();
        Q_EMIT foldsChanged();
    }
}

void BodyViewer::reveal(qint64 line)
{
    bool changed = false;
    for (auto it = m_folds.begin(); it != m_folds.end() && it.key() < line;) {
        if (line <= it.value()) {
            m_hiddenLines -= it.value() - it.key();
            it = m_folds.erase(it);
            changed = true;
        } else {
            ++it;
        }
    }
    if (changed) {
        updateScrollBars();
        Q_EMIT foldsChanged();
    }
}

qint64 BodyViewer::lineOfRow(qint64 row) const
{
    qint64 line = row;
    for (auto it = m_folds.cbegin(); it != m_folds.cend() && it.key() < line; ++it) {
        line += it.value() - it.key();
    }
    return line;
}

qint64 BodyViewer::rowOfLine(qint64 line) const
{
    qint64 hidden = 0;
    for (auto it = m_folds.cbegin(); it != m_folds.cend() && it.key() < line; ++it) {
        if (line <= it.value()) {
            return it.key() - hidden;
        }
        hidden += it.value() - it.key();
    }
    return line - hidden;
}

qint64 BodyViewer::nextVisibleLine(qint64 line) const
{
    const auto fold = m_folds.constFind(line);
    return fold == m_folds.cend() ? line + 1 : fold.value() + 1;
}

int BodyViewer::foldColumnWidth() const
{
    return m_foldable ? fontMetrics().height() : 0;
}

void BodyViewer::setText(std::shared_ptr<const ViewerText> text)
{
    m_text = std::move(text);
    m_anchor = m_cursor = {};
    m_folds.clear();
    m_hiddenLines = 0;
    updateScrollBars();
    verticalScrollBar()->setValue(0);
    horizontalScrollBar()->setValue(0);
    viewport()->update();
}

void BodyViewer::clear()
{
    setText(nullptr);
}

void BodyViewer::setMatches(QList<Core::FindMatch> matches)
{
    m_matches = std::move(matches);
    m_currentMatch = -1;
    viewport()->update();
}

void BodyViewer::showMatch(qsizetype index)
{
    if (!m_text || index < 0 || index >= m_matches.size()) {
        return;
    }
    m_currentMatch = index;
    const Core::FindMatch match = m_matches[index];
    const qint64 line = m_text->lineAt(match.offset);
    reveal(line);
    const QList<std::pair<int, int>> spans = m_text->spans(line, match.offset, match.offset + match.length);
    const int column = spans.isEmpty() ? 0 : spans.first().first;
    const int length = spans.isEmpty() ? 0 : spans.first().second;
    const qint64 row = rowOfLine(line);
    if (row < verticalScrollBar()->value() || row >= verticalScrollBar()->value() + visibleLines()) {
        verticalScrollBar()->setValue(int(std::max<qint64>(0, row - visibleLines() / 3)));
    }
    m_anchor = {line, column};
    m_cursor = {line, column + length};
    viewport()->update();
}

void BodyViewer::setColorizer(Colorizer colorizer)
{
    m_colorizer = std::move(colorizer);
    viewport()->update();
}

int BodyViewer::lineHeight() const
{
    return fontMetrics().lineSpacing();
}

int BodyViewer::visibleLines() const
{
    return std::max(1, viewport()->height() / lineHeight());
}

qint64 BodyViewer::firstVisibleLine() const
{
    return lineOfRow(verticalScrollBar()->value());
}

int BodyViewer::gutterWidth() const
{
    const int digits = int(QString::number(std::max<qint64>(1, lineCount())).size());
    return fontMetrics().horizontalAdvance(QLatin1Char('9')) * (digits + 1) + 8 + foldColumnWidth();
}

void BodyViewer::updateScrollBars()
{
    const qint64 last = std::max<qint64>(0, rowCount() - visibleLines());
    verticalScrollBar()->setRange(0, int(std::min<qint64>(last, std::numeric_limits<int>::max())));
    verticalScrollBar()->setPageStep(visibleLines());
    verticalScrollBar()->setSingleStep(1);
    const qint64 longest = m_text ? m_text->longestLine() : 0;
    const int width = int(std::min<qint64>(longest * fontMetrics().horizontalAdvance(QLatin1Char('M')),
                                           std::numeric_limits<int>::max() / 2));
    horizontalScrollBar()->setRange(0, std::max(0, width + gutterWidth() + 16 - viewport()->width()));
    horizontalScrollBar()->setPageStep(viewport()->width());
}

void BodyViewer::goToLine(qint64 line)
{
    line = std::clamp<qint64>(line, 0, std::max<qint64>(0, lineCount() - 1));
    reveal(line);
    verticalScrollBar()->setValue(
        int(std::clamp<qint64>(rowOfLine(line), 0, verticalScrollBar()->maximum())));
    m_anchor = m_cursor = {line, 0};
    viewport()->update();
}

void BodyViewer::select(Position from, Position to)
{
    m_anchor = from;
    m_cursor = to;
    viewport()->update();
}

void BodyViewer::selectAll()
{
    if (!m_text || lineCount() == 0) {
        return;
    }
    select({0, 0}, {lineCount() - 1, m_text->line(lineCount() - 1).size()});
}

QString BodyViewer::selectedText(bool *tooLarge) const
{
    if (tooLarge) {
        *tooLarge = false;
    }
    if (!m_text || !hasSelection()) {
        return {};
    }
    const Position from = std::min(m_anchor, m_cursor);
    const Position to = std::max(m_anchor, m_cursor);
    const qint64 start = m_text->offsetOf(from.line, from.column);
    const qint64 end = m_text->offsetOf(to.line, to.column);
    // A hex dump copies as shown: about five characters a byte.
    if ((end - start) * (m_text->isHex() ? 5 : 1) > CopyLimitBytes) {
        if (tooLarge) {
            *tooLarge = true;
        }
        return {};
    }
    if (!m_text->isHex()) {
        return QString::fromUtf8(m_text->bytes().sliced(start, end - start));
    }
    QString text;
    for (qint64 line = from.line; line <= to.line; ++line) {
        const QString row = m_text->line(line);
        const qsizetype first = line == from.line ? from.column : 0;
        text += row.mid(first, line == to.line ? to.column - first : -1);
        text += line == to.line ? QString() : QStringLiteral("\n");
    }
    return text;
}

void BodyViewer::copy()
{
    bool tooLarge = false;
    const QString text = selectedText(&tooLarge);
    if (tooLarge) {
        Q_EMIT copyRefused(tr("The selection is larger than 64 MB: Save Response Body writes all of it"));
        return;
    }
    if (!text.isEmpty()) {
        QGuiApplication::clipboard()->setText(text);
    }
}

void BodyViewer::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void BodyViewer::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    painter.fillRect(viewport()->rect(), palette().base());
    if (!m_text) {
        return;
    }
    const int height = lineHeight();
    const int gutter = gutterWidth();
    const int shift = horizontalScrollBar()->value();
    const Position from = std::min(m_anchor, m_cursor);
    const Position to = std::max(m_anchor, m_cursor);
    const QColor selection = palette().color(QPalette::Highlight);
    const QColor selectedText = palette().color(QPalette::HighlightedText);
    const qint64 top = firstVisibleLine();
    QList<qint64> shown; // the line on each row, for the gutter
    for (qint64 line = top; shown.size() <= visibleLines() && line < lineCount();
         line = nextVisibleLine(line)) {
        const int row = int(shown.size());
        shown.append(line);
        const Core::LineIndex::Range range = m_text->range(line);
        const QString text = m_text->line(line);
        QList<QTextLayout::FormatRange> formats =
            m_colorizer ? m_colorizer(text) : QList<QTextLayout::FormatRange>();
        // Matches on this line: the first one at or after its start, found by bisection.
        auto match =
            std::lower_bound(m_matches.cbegin(), m_matches.cend(), range.start,
                             [](const Core::FindMatch &m, qint64 at) { return m.offset + m.length <= at; });
        for (; match != m_matches.cend() && match->offset < range.start + range.length; ++match) {
            for (const auto &[start, length] :
                 m_text->spans(line, match->offset, match->offset + match->length)) {
                QTextLayout::FormatRange marked;
                marked.start = start;
                marked.length = length;
                marked.format.setBackground(tint(Tint::FindMatchBackground, false));
                marked.format.setForeground(tint(Tint::FindMatchText, false));
                formats.append(marked);
            }
        }
        if (hasSelection() && from.line <= line && line <= to.line) {
            const qsizetype start = line == from.line ? from.column : 0;
            const qsizetype end = line == to.line ? to.column : text.size();
            QTextLayout::FormatRange selected;
            selected.start = int(start);
            selected.length = int(end - start);
            selected.format.setBackground(selection);
            selected.format.setForeground(selectedText);
            formats.append(selected);
        }
        const int y = row * height;
        const qreal end = drawLine(&painter, font(), text, formats, QPointF(gutter - shift, y),
                                   {shift, viewport()->width()});
        if (const auto fold = m_folds.constFind(line); fold != m_folds.cend()) {
            // What the fold hides: "… 1,204 lines }" after the opening bracket.
            const QString closer = openerOf(*m_text, line) == '{' ? QStringLiteral("}") : QStringLiteral("]");
            const QString hint = tr(" … %1 lines %2").arg(QLocale().toString(fold.value() - line), closer);
            painter.setPen(palette().color(QPalette::PlaceholderText));
            painter.drawText(QPointF(end, y + fontMetrics().ascent()), hint);
        }
    }
    // Line numbers (and fold arrows) over a gutter that does not scroll sideways.
    painter.fillRect(QRect(0, 0, gutter - 4, viewport()->height()), palette().alternateBase());
    painter.setPen(palette().color(QPalette::PlaceholderText));
    const int arrows = foldColumnWidth();
    for (int row = 0; row < shown.size(); ++row) {
        painter.drawText(QRect(0, row * height, gutter - 8 - arrows, height),
                         Qt::AlignRight | Qt::AlignVCenter, QString::number(shown[row] + 1));
        if (arrows > 0 && isFoldable(shown[row])) {
            painter.drawText(QRect(gutter - 4 - arrows, row * height, arrows, height), Qt::AlignCenter,
                             isFolded(shown[row]) ? QStringLiteral("▸") : QStringLiteral("▾"));
        }
    }
}

BodyViewer::Position BodyViewer::positionAt(const QPoint &point) const
{
    if (!m_text || lineCount() == 0) {
        return {};
    }
    const qint64 row = std::clamp<qint64>(verticalScrollBar()->value() + point.y() / lineHeight(), 0,
                                          std::max<qint64>(0, rowCount() - 1));
    const qint64 line = std::clamp<qint64>(lineOfRow(row), 0, lineCount() - 1);
    const QString text = m_text->line(line);
    QTextLayout layout(text, font());
    layout.beginLayout();
    QTextLine textLine = layout.createLine();
    textLine.setLineWidth(std::numeric_limits<int>::max() / 4);
    layout.endLayout();
    const qreal x = point.x() - gutterWidth() + horizontalScrollBar()->value();
    return {line, x <= 0 ? 0 : textLine.xToCursor(x)};
}

void BodyViewer::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    const int x = int(event->position().x());
    if (m_foldable && x >= gutterWidth() - 4 - foldColumnWidth() && x < gutterWidth() - 4) {
        toggleFold(positionAt(event->position().toPoint()).line); // the arrow in the gutter
        return;
    }
    m_cursor = positionAt(event->position().toPoint());
    if (!(event->modifiers() & Qt::ShiftModifier)) {
        m_anchor = m_cursor;
    }
    viewport()->update();
}

void BodyViewer::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() & Qt::LeftButton) {
        m_cursor = positionAt(event->position().toPoint());
        if (event->position().y() > viewport()->height()) {
            verticalScrollBar()->setValue(verticalScrollBar()->value() + 1);
        } else if (event->position().y() < 0) {
            verticalScrollBar()->setValue(verticalScrollBar()->value() - 1);
        }
        viewport()->update();
    }
}

void BodyViewer::mouseDoubleClickEvent(QMouseEvent *event)
{
    // The word (or run of non-space characters) under the pointer.
    const Position at = positionAt(event->position().toPoint());
    const QString text = m_text ? m_text->line(at.line) : QString();
    qsizetype start = at.column;
    qsizetype end = at.column;
    const auto word = [&text](qsizetype i) {
        return i >= 0 && i < text.size() && (text[i].isLetterOrNumber() || text[i] == QLatin1Char('_'));
    };
    while (word(start - 1)) {
        --start;
    }
    while (word(end)) {
        ++end;
    }
    select({at.line, start}, {at.line, end});
}

void BodyViewer::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {
        copy();
        return;
    }
    if (event->matches(QKeySequence::SelectAll)) {
        selectAll();
        return;
    }
    QScrollBar *bar = verticalScrollBar();
    const bool control = event->modifiers() & Qt::ControlModifier;
    const bool shift = event->modifiers() & Qt::ShiftModifier;
    if (control && shift && m_foldable) {
        const int key = event->key();
        if (key == Qt::Key_BracketLeft || key == Qt::Key_BraceLeft) {
            if (!isFolded(m_cursor.line)) {
                toggleFold(m_cursor.line);
            }
            return;
        }
        if (key == Qt::Key_BracketRight || key == Qt::Key_BraceRight) {
            if (isFolded(m_cursor.line)) {
                toggleFold(m_cursor.line);
            }
            return;
        }
    }
    switch (event->key()) {
    case Qt::Key_Home:
        if (control) {
            bar->setValue(0);
        } else {
            horizontalScrollBar()->setValue(0);
        }
        return;
    case Qt::Key_End:
        if (control) {
            bar->setValue(bar->maximum());
        }
        return;
    case Qt::Key_Up:
        bar->setValue(bar->value() - 1);
        return;
    case Qt::Key_Down:
        bar->setValue(bar->value() + 1);
        return;
    case Qt::Key_PageUp:
        bar->setValue(bar->value() - bar->pageStep());
        return;
    case Qt::Key_PageDown:
        bar->setValue(bar->value() + bar->pageStep());
        return;
    default:
        QAbstractScrollArea::keyPressEvent(event);
    }
}

} // namespace ApiLens::Ui
