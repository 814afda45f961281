#pragma once

#include "http/bodyformatter.h"

#include <QList>
#include <QTextCharFormat>
#include <QTextLayout>

namespace ApiLens::Ui {

// Colours one line of JSON (keys, strings, numbers, literals) or XML/HTML (tags,
// attributes): the viewer asks for the lines on screen only, so a body of any size is coloured.
class BodyHighlighter
{
public:
    explicit BodyHighlighter(bool darkTheme);
    void setDarkTheme(bool darkTheme); // when the theme changes
    void setKind(Core::ContentKind kind) { m_kind = kind; }
    Core::ContentKind kind() const { return m_kind; }
    QList<QTextLayout::FormatRange> formats(const QString &line) const;

private:
    void json(const QString &text, QList<QTextLayout::FormatRange> *out) const;
    void markup(const QString &text, QList<QTextLayout::FormatRange> *out) const;

    Core::ContentKind m_kind = Core::ContentKind::Text;
    QTextCharFormat m_key;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_literal;
    QTextCharFormat m_tag;
    QTextCharFormat m_attribute;
};

} // namespace ApiLens::Ui
