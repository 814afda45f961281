#pragma once

#include <QByteArrayView>
#include <QList>

namespace ApiLens::Core {

// Where the lines of a text are, for a viewer that shows a few of them out of millions: built
// as the text arrives (append() takes pieces split anywhere), in little memory (one offset
// per Stride lines; a line is found by scanning from the nearest one). A line longer than
// `maxLineBytes` is cut into display lines of at most that many bytes, never inside a UTF-8
// sequence, so that a 10 MB single-line body scrolls like any other.
class LineIndex
{
public:
    static constexpr qint64 Stride = 64;
    explicit LineIndex(qint64 maxLineBytes = 4096);

    void append(QByteArrayView piece);
    qint64 size() const { return m_size; }
    // Lines so far: every '\n' ends one; text after the last one is a line too (an empty text
    // has none, "a\n" has one).
    qint64 lineCount() const;
    // The longest display line ended so far, in bytes (at most about maxLineBytes).
    qint64 longestLine() const { return m_longest; }

    struct Range
    {
        qint64 start = 0;
        qint64 length = 0; // without its '\n' (and a '\r' before it)
    };
    // The bytes of line `line` in `text` (the text the index was built from, or more of it).
    Range line(qint64 line, QByteArrayView text) const;
    // The line that holds byte `offset`.
    qint64 lineAt(qint64 offset, QByteArrayView text) const;

private:
    qint64 m_maxLineBytes;
    qint64 m_size = 0;
    qint64 m_lines = 0;     // lines ended so far
    qint64 m_lineStart = 0; // where the open line began
    qint64 m_longest = 0;
    QList<qint64> m_checkpoints{0}; // start of lines 0, Stride, 2 * Stride…
};

} // namespace ApiLens::Core
