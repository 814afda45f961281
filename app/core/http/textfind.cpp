#include "textfind.h"

#include <QByteArrayMatcher>
#include <QRegularExpression>

#include <algorithm>
#include <cstring>

namespace ApiLens::Core {

namespace {

bool isWordByte(char c)
{
    const auto u = uchar(c);
    return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u == '_' ||
           u >= 0x80;
}

char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
}

class Collector
{
public:
    Collector(FindResult *result, const std::function<void(FindMatch)> &first)
        : m_result(result)
        , m_first(first)
    {}
    void add(qint64 offset, qint64 length)
    {
        if (m_result->count == 0 && m_first) {
            m_first({offset, length});
        }
        ++m_result->count;
        if (m_result->matches.size() < FindResult::MaxKept) {
            m_result->matches.append({offset, length});
        }
    }

private:
    FindResult *m_result;
    const std::function<void(FindMatch)> &m_first;
};

using Progress = std::function<void(qint64)>;

void findPlain(QByteArrayView text, const FindQuery &query, const std::atomic_bool *cancel, Collector *out,
               FindResult *result, const Progress &done)
{
    QByteArray needle = query.text.toUtf8();
    if (!query.matchCase) {
        std::transform(needle.begin(), needle.end(), needle.begin(), lower);
    }
    const QByteArrayMatcher matcher(needle);
    // In pieces (folded when the case does not count), overlapping by the needle's length.
    constexpr qsizetype Piece = 4 << 20;
    QByteArray folded;
    for (qsizetype at = 0; at < text.size(); at += Piece) {
        if (cancel && cancel->load()) {
            result->cancelled = true;
            return;
        }
        const qsizetype length = std::min<qsizetype>(text.size() - at, Piece + needle.size() - 1);
        QByteArrayView piece = text.sliced(at, length);
        if (!query.matchCase) {
            folded.resize(piece.size());
            std::transform(piece.begin(), piece.end(), folded.begin(), lower);
            piece = folded;
        }
        for (qsizetype found = matcher.indexIn(piece, 0); found >= 0 && found < Piece;
             found = matcher.indexIn(piece, found + 1)) {
            const qint64 offset = at + found;
            const qint64 end = offset + needle.size();
            if (query.wholeWord && ((offset > 0 && isWordByte(text[offset - 1])) ||
                                    (end < text.size() && isWordByte(text[end])))) {
                continue;
            }
            out->add(offset, needle.size());
        }
        if (done) {
            done(at + piece.size() - (needle.size() - 1));
        }
    }
}

void findRegex(QByteArrayView text, const FindQuery &query, const std::atomic_bool *cancel, Collector *out,
               FindResult *result, const Progress &done)
{
    QString pattern = query.text;
    if (query.wholeWord) {
        pattern = QStringLiteral("\\b(?:") + pattern + QStringLiteral(")\\b");
    }
    const QRegularExpression re(pattern, QRegularExpression::MultilineOption |
                                             (query.matchCase ? QRegularExpression::NoPatternOption
                                                              : QRegularExpression::CaseInsensitiveOption));
    if (!re.isValid()) {
        result->error = QStringLiteral("not a regular expression: %1 (at character %2)")
                            .arg(re.errorString())
                            .arg(re.patternErrorOffset() + 1);
        return;
    }
    // Whole lines at a time, about 1 MB of them: one conversion and one scan per piece (a
    // match never spans lines: '^' and '$' are each line's ends).
    constexpr qint64 Piece = 1 << 20;
    for (qint64 start = 0, end = 0; start < text.size(); start = end + 1) {
        if (cancel && cancel->load()) {
            result->cancelled = true;
            return;
        }
        end = std::min<qint64>(text.size(), start + Piece);
        if (end < text.size()) {
            const void *nl = std::memchr(text.data() + end, '\n', size_t(text.size() - end));
            end = nl ? static_cast<const char *>(nl) - text.data() : text.size();
        }
        const QString string = QString::fromUtf8(text.sliced(start, end - start));
        qint64 byte = start; // the byte where `at` (in UTF-16 units) is
        qsizetype at = 0;
        for (auto it = re.globalMatch(string); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            if (m.capturedLength() == 0) {
                continue;
            }
            byte += QStringView(string).sliced(at, m.capturedStart() - at).toUtf8().size();
            at = m.capturedStart();
            out->add(byte, m.capturedView().toUtf8().size());
        }
        if (done) {
            done(end);
        }
    }
}

} // namespace

FindResult findAll(QByteArrayView text, const FindQuery &query, const std::atomic_bool *cancel,
                   const std::function<void(FindMatch)> &first, const std::function<void(qint64)> &done)
{
    FindResult result;
    if (query.text.isEmpty()) {
        return result;
    }
    Collector out(&result, first);
    if (query.regex) {
        findRegex(text, query, cancel, &out, &result, done);
    } else {
        findPlain(text, query, cancel, &out, &result, done);
    }
    return result;
}

} // namespace ApiLens::Core
