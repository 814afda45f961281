#include "bodyhighlighter.h"

namespace ApiLens::Ui {

BodyHighlighter::BodyHighlighter(QTextDocument *document, bool dark)
    : QSyntaxHighlighter(document)
{
    m_key.setForeground(dark ? QColor(0x9CDCFE) : QColor(0x0451A5));
    m_string.setForeground(dark ? QColor(0xCE9178) : QColor(0xA31515));
    m_number.setForeground(dark ? QColor(0xB5CEA8) : QColor(0x098658));
    m_literal.setForeground(dark ? QColor(0x569CD6) : QColor(0x0000FF));
    m_literal.setFontWeight(QFont::Bold);
    m_tag.setForeground(dark ? QColor(0x569CD6) : QColor(0x800000));
    m_attribute.setForeground(dark ? QColor(0x9CDCFE) : QColor(0xE50000));
}

void BodyHighlighter::setKind(Core::ContentKind kind)
{
    m_kind = kind;
    rehighlight();
}

void BodyHighlighter::highlightBlock(const QString &text)
{
    switch (m_kind) {
    case Core::ContentKind::Json:
        highlightJson(text);
        break;
    case Core::ContentKind::Xml:
    case Core::ContentKind::Html:
        highlightMarkup(text);
        break;
    default:
        break;
    }
}

void BodyHighlighter::highlightJson(const QString &text)
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
            setFormat(int(i), int(j - i), isKey ? m_key : m_string);
            i = j;
        } else if (c.isDigit() || c == QLatin1Char('-')) {
            qsizetype j = i + 1;
            while (j < n && (text.at(j).isDigit() || QStringLiteral(".eE+-").contains(text.at(j)))) {
                ++j;
            }
            setFormat(int(i), int(j - i), m_number);
            i = j;
        } else if (c.isLetter()) {
            qsizetype j = i + 1;
            while (j < n && text.at(j).isLetter()) {
                ++j;
            }
            setFormat(int(i), int(j - i), m_literal);
            i = j;
        } else {
            ++i;
        }
    }
}

void BodyHighlighter::highlightMarkup(const QString &text)
{
    static const QRegularExpression tag(QStringLiteral("</?[A-Za-z_][\\w:.-]*|/?>"));
    static const QRegularExpression attribute(QStringLiteral("([\\w:.-]+)=(\"[^\"]*\"|'[^']*')"));
    for (auto it = tag.globalMatch(text); it.hasNext();) {
        const auto match = it.next();
        setFormat(int(match.capturedStart()), int(match.capturedLength()), m_tag);
    }
    for (auto it = attribute.globalMatch(text); it.hasNext();) {
        const auto match = it.next();
        setFormat(int(match.capturedStart(1)), int(match.capturedLength(1)), m_attribute);
        setFormat(int(match.capturedStart(2)), int(match.capturedLength(2)), m_string);
    }
}

} // namespace ApiLens::Ui
