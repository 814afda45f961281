#include "lineindex.h"

#include <algorithm>
#include <cstring>

namespace ApiLens::Core {

namespace {

// Where the line that began at `lineStart` ends, looking at bytes [from, base + text.size())
// of a text whose byte 0 of `text` is byte `base` of the whole: its end (exclusive, before a
// '\n') and where the next line starts (after the '\n', or at a cut); -1 when these bytes do
// not end it yet. A line reaching `max` bytes is cut at the first byte from there on that does
// not continue a UTF-8 sequence. The same bytes give the same answer however they are split.
qint64 findBreak(QByteArrayView text, qint64 base, qint64 from, qint64 lineStart, qint64 max, qint64 *next)
{
    const char *data = text.data() - base; // indexed by absolute position
    const qint64 to = base + text.size();
    const qint64 limit = lineStart + max;
    if (from < limit) {
        const qint64 until = std::min(to, limit);
        if (const void *nl = std::memchr(data + from, '\n', size_t(until - from))) {
            const qint64 at = static_cast<const char *>(nl) - data;
            *next = at + 1;
            return at;
        }
        if (to <= limit) {
            return -1;
        }
    }
    qint64 at = std::max(from, limit);
    while (at < to && (uchar(data[at]) & 0xC0) == 0x80) {
        ++at;
    }
    if (at >= to) {
        return -1;
    }
    *next = data[at] == '\n' ? at + 1 : at;
    return at;
}

} // namespace

LineIndex::LineIndex(qint64 maxLineBytes)
    : m_maxLineBytes(std::max<qint64>(16, maxLineBytes))
{}

void LineIndex::append(QByteArrayView piece)
{
    const qint64 to = m_size + piece.size();
    qint64 pos = m_size;
    qint64 next = 0;
    qint64 end = 0;
    while (pos < to && (end = findBreak(piece, m_size, pos, m_lineStart, m_maxLineBytes, &next)) >= 0) {
        m_longest = std::max(m_longest, end - m_lineStart);
        ++m_lines;
        m_lineStart = next;
        if (m_lines % Stride == 0) {
            m_checkpoints.append(next);
        }
        pos = next;
    }
    m_size = to;
}

qint64 LineIndex::lineCount() const
{
    return m_lines + (m_size > m_lineStart ? 1 : 0);
}

LineIndex::Range LineIndex::line(qint64 line, QByteArrayView text) const
{
    if (line < 0 || line >= lineCount()) {
        return {m_size, 0};
    }
    qint64 start = m_checkpoints.value(qsizetype(line / Stride));
    qint64 next = 0;
    for (qint64 i = line / Stride * Stride; i < line; ++i) {
        findBreak(text, 0, start, start, m_maxLineBytes, &next);
        start = next;
    }
    qint64 end = findBreak(text, 0, start, start, m_maxLineBytes, &next);
    const bool newline = end >= 0 && end < text.size() && text[end] == '\n';
    if (end < 0) {
        end = std::min<qint64>(text.size(), m_size);
    }
    if (newline && end > start && text[end - 1] == '\r') {
        --end;
    }
    return {start, end - start};
}

qint64 LineIndex::lineAt(qint64 offset, QByteArrayView text) const
{
    const auto checkpoint = std::upper_bound(m_checkpoints.cbegin(), m_checkpoints.cend(), offset) - 1;
    qint64 line = qint64(checkpoint - m_checkpoints.cbegin()) * Stride;
    qint64 start = *checkpoint;
    qint64 next = 0;
    while (line + 1 < lineCount() && findBreak(text, 0, start, start, m_maxLineBytes, &next) >= 0 &&
           offset >= next) {
        ++line;
        start = next;
    }
    return line;
}

} // namespace ApiLens::Core
