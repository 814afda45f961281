#pragma once

#include "http/bodyformatter.h"

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace ApiLens::Ui {

// Colours JSON (keys, strings, numbers, literals) and XML/HTML (tags, attributes). Only
// used up to a size limit: past it the view shows plain text (see ResponseView).
class BodyHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    BodyHighlighter(QTextDocument *document, bool darkTheme);
    void setKind(Core::ContentKind kind);

protected:
    void highlightBlock(const QString &text) override;

private:
    void highlightJson(const QString &text);
    void highlightMarkup(const QString &text);

    Core::ContentKind m_kind = Core::ContentKind::Text;
    QTextCharFormat m_key;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_literal;
    QTextCharFormat m_tag;
    QTextCharFormat m_attribute;
};

} // namespace ApiLens::Ui
