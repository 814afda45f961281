#include "bodyhighlighter.h"

#include "statusstyle.h"

#include <QRegularExpression>

namespace ApiLens::Ui {

namespace {

void add(QList<QTextLayout::FormatRange> *out, qsizetype start, qsizetype length,
         const QTextCharFormat &format)
{
    out->append({int(start), int(length), format});
}

} // namespace

BodyHighlighter::BodyHighlighter(bool dark)
{
    setDarkTheme(dark);
    m_literal.setFontWeight(QFont::Bold);
}

void BodyHighlighter::setDarkTheme(bool dark)
{
    m_key.setForeground(tint(Tint::SyntaxKey, dark));
    m_string.setForeground(tint(Tint::SyntaxString, dark));
    m_number.setForeground(tint(Tint::SyntaxNumber, dark));
    m_literal.setForeground(tint(Tint::SyntaxLiteral, dark));
    m_tag.setForeground(tint(Tint::SyntaxTag, dark));
    m_attribute.setForeground(tint(Tint::SyntaxAttribute, dark));
}

QList<QTextLayout::FormatRange> BodyHighlighter::formats(const QString &line) const
{
    QList<QTextLayout::FormatRange> out;
    switch (m_kind) {
    case Core::ContentKind::Json:
        json(line, &out);
        break;
    case Core::ContentKind::Xml:
    case Core::ContentKind::Html:
        markup(line, &out);
        break;
    default:
        break;
    }
    return out;
}

void BodyHighlighter::json(const QString &text, QList<QTextLayout::FormatRange> *out) const
{
    // One pass over the line: strings (keys when followed by ':'), numbers, literals.
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('"')) {
            qsizetype j = i + 1;
            while (j < n && text.at(j) != QLatin1Char('"')) {
                j += text.at(j) == QLatin1Char('\\') ? 2 : 1;
            }
            j = qMin(j + 1, n);
            qsizetype k = j;
            while (k < n && text.at(k).isSpace()) {
                ++k;
            }
            const bool isKey = k < n && text.at(k) == QLatin1Char(':');
            add(out, i, j - i, isKey ? m_key : m_string);
            i = j;
        } else if (c.isDigit() || c == QLatin1Char('-')) {
            qsizetype j = i + 1;
            while (j < n && (text.at(j).isDigit() || QStringLiteral(".eE+-").contains(text.at(j)))) {
                ++j;
            }
            add(out, i, j - i, m_number);
            i = j;
        } else if (c.isLetter()) {
            qsizetype j = i + 1;
            while (j < n && text.at(j).isLetter()) {
                ++j;
            }
            add(out, i, j - i, m_literal);
            i = j;
        } else {
            ++i;
        }
    }
}

void BodyHighlighter::markup(const QString &text, QList<QTextLayout::FormatRange> *out) const
{
    static const QRegularExpression tag(QStringLiteral("</?[A-Za-z_][\\w:.-]*|/?>"));
    static const QRegularExpression attribute(QStringLiteral("([\\w:.-]+)=(\"[^\"]*\"|'[^']*')"));
    for (auto it = tag.globalMatch(text); it.hasNext();) {
        const auto match = it.next();
        add(out, match.capturedStart(), match.capturedLength(), m_tag);
    }
    for (auto it = attribute.globalMatch(text); it.hasNext();) {
        const auto match = it.next();
        add(out, match.capturedStart(1), match.capturedLength(1), m_attribute);
        add(out, match.capturedStart(2), match.capturedLength(2), m_string);
    }
}

} // namespace ApiLens::Ui
