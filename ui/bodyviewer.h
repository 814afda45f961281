#pragma once

#include "http/hexlayout.h"
#include "http/lineindex.h"
#include "http/responsebody.h"
#include "http/textfind.h"

#include <QAbstractScrollArea>
#include <QByteArray>
#include <QFutureWatcher>
#include <QMap>
#include <QTextLayout>

#include <functional>
#include <memory>
#include <optional>

namespace ApiLens::Ui {

// Text for the viewer: its bytes (in memory, or a received body mapped from its file) and
// where its lines are. Made on a worker (the index reads every byte once), then read-only.
// A hex text shows bytes as rows of a hex dump (Core::HexLayout), made as they are painted:
// nothing to index, whatever the size.
class ViewerText
{
public:
    static std::shared_ptr<const ViewerText> fromBytes(QByteArray bytes);
    // A body written through a Writer (received, or formatted) comes with its index.
    static std::shared_ptr<const ViewerText> fromBody(const Core::ResponseBody &body);
    static std::shared_ptr<const ViewerText> hexOf(const Core::ResponseBody &body);

    QByteArrayView bytes() const;
    bool isHex() const { return m_hex.has_value(); }
    const Core::LineIndex &index() const { return m_index; }
    qint64 lineCount() const;
    QString line(qint64 line) const;
    // The bytes shown on line `line`, and the line that shows byte `offset`.
    Core::LineIndex::Range range(qint64 line) const;
    qint64 lineAt(qint64 offset) const;
    qint64 longestLine() const; // in characters, about
    // Where bytes [from, to) of line `line` are shown, as (column, length) in line(): one span
    // in a text, two in a hex row (the hex digits and the characters).
    QList<std::pair<int, int>> spans(qint64 line, qint64 from, qint64 to) const;
    // Pages of a mapped body read up to here leave memory (see Core::BodyBytes::release).
    void release(qint64 from, qint64 length) const;
    // Byte offset of column `column` (UTF-16 units of line()) in line `line`.
    qint64 offsetOf(qint64 line, qsizetype column) const;

private:
    ViewerText() = default;
    static std::shared_ptr<ViewerText> holding(const Core::ResponseBody &body); // bytes only
    void build();
    QByteArray m_bytes;
    std::unique_ptr<Core::BodyBytes> m_body;
    Core::LineIndex m_index;
    std::optional<Core::HexLayout> m_hex;
};

// Shows a text of any size: only the lines on screen are laid out and painted, with their
// numbers; a selection is a pair of positions, copied from the bytes. Keys: arrows, Page
// Up/Down, Ctrl+Home/End, Ctrl+A, Ctrl+C; with folding, Ctrl+Shift+[ and ] (or a click on
// the gutter's arrow) fold and unfold. Rows are what is shown: lines less the folded ones.
class BodyViewer : public QAbstractScrollArea
{
    Q_OBJECT
public:
    explicit BodyViewer(QWidget *parent = nullptr);

    void setText(std::shared_ptr<const ViewerText> text);
    void clear();
    std::shared_ptr<const ViewerText> text() const { return m_text; }
    qint64 lineCount() const { return m_text ? m_text->lineCount() : 0; }

    qint64 firstVisibleLine() const;
    int visibleLines() const;
    void goToLine(qint64 line); // 0-based; shown at the top (or as near as the end allows)

    // Folding, for indented JSON (Pretty): a line that ends with { or [ folds down to the line
    // that closes it (found on a worker; foldsChanged says when it is done).
    void setFoldable(bool foldable);
    bool isFoldable(qint64 line) const;
    void toggleFold(qint64 line);
    void unfoldAll();
    bool isFolded(qint64 line) const { return m_folds.contains(line); }
    qint64 rowCount() const { return lineCount() - m_hiddenLines; }
    qint64 lineOfRow(qint64 row) const;
    qint64 rowOfLine(qint64 line) const; // a hidden line: the row of the fold that hides it

    struct Position
    {
        qint64 line = 0;
        qsizetype column = 0;
        bool operator<(const Position &o) const
        {
            return line < o.line || (line == o.line && column < o.column);
        }
        bool operator==(const Position &o) const { return line == o.line && column == o.column; }
    };
    void select(Position from, Position to);
    void selectAll();
    bool hasSelection() const { return !(m_anchor == m_cursor); }
    // The selected text, from the bytes; empty past CopyLimitBytes (and `tooLarge` says so).
    QString selectedText(bool *tooLarge = nullptr) const;
    static constexpr qint64 CopyLimitBytes = 64 * 1024 * 1024;
    void copy();

    // Matches of a find, marked where they are on screen; the current one selected and shown.
    void setMatches(QList<Core::FindMatch> matches);
    void showMatch(qsizetype index);
    const QList<Core::FindMatch> &matches() const { return m_matches; }

    // Colours for a line as it is painted (syntax highlighting of the lines on screen only).
    using Colorizer = std::function<QList<QTextLayout::FormatRange>(const QString &line)>;
    void setColorizer(Colorizer colorizer);

Q_SIGNALS:
    void copyRefused(const QString &why);
    void foldsChanged();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;

private:
    void updateScrollBars();
    int gutterWidth() const;
    Position positionAt(const QPoint &point) const;
    int lineHeight() const;
    int foldColumnWidth() const;
    qint64 nextVisibleLine(qint64 line) const;
    void reveal(qint64 line); // unfolds whatever hides it
    void addFold(qint64 start, qint64 end);

    std::shared_ptr<const ViewerText> m_text;
    Colorizer m_colorizer;
    Position m_anchor;
    Position m_cursor;
    QList<Core::FindMatch> m_matches;
    qsizetype m_currentMatch = -1;
    bool m_foldable = false;
    QMap<qint64, qint64> m_folds; // first line → last hidden line (the closing one)
    qint64 m_hiddenLines = 0;
    struct FoldEnd
    {
        std::shared_ptr<const ViewerText> text;
        qint64 start = 0;
        qint64 end = -1; // -1: nothing closes it
    };
    QFutureWatcher<FoldEnd> m_foldWatcher;
};

} // namespace ApiLens::Ui
