#include "htmlindent.h"

#include <QByteArray>
#include <QList>

#include <cctype>

namespace ApiLens::Core {

namespace {

bool isVoidElement(const QByteArray &name)
{
    static const QList<QByteArray> names = {"area",  "base", "br",   "col",   "embed",  "hr",    "img",
                                            "input", "link", "meta", "param", "source", "track", "wbr"};
    return names.contains(name);
}

bool keepsItsText(const QByteArray &name)
{
    return name == "script" || name == "style" || name == "pre" || name == "textarea";
}

// Elements whose end tag may be left out: the same one starting again ends it.
bool hasOptionalEnd(const QByteArray &name)
{
    static const QList<QByteArray> names = {"li", "p", "dt", "dd", "tr", "td", "th", "option"};
    return names.contains(name);
}

bool startsWithCaseless(QByteArrayView html, qsizetype at, QByteArrayView prefix)
{
    if (html.size() - at < prefix.size()) {
        return false;
    }
    for (qsizetype i = 0; i < prefix.size(); ++i) {
        if (std::tolower(uchar(html[at + i])) != std::tolower(uchar(prefix[i]))) {
            return false;
        }
    }
    return true;
}

struct Token
{
    enum Kind { Text, Start, End, Other } kind = Text;
    QByteArrayView bytes;
    QByteArray name; // lower case, for Start and End
    bool selfClosing = false;
};

// The token at `at`: a tag (quotes in attributes may hold '>'), a comment, a declaration, or
// the text up to the next '<'. A '<' that starts no tag is text.
Token tokenAt(QByteArrayView html, qsizetype at)
{
    Token token;
    const auto textUpTo = [&](qsizetype from) {
        const qsizetype next = html.indexOf('<', from);
        token.kind = Token::Text;
        token.bytes = html.sliced(at, (next < 0 ? html.size() : next) - at);
        return token;
    };
    if (html[at] != '<' || at + 1 >= html.size()) {
        return textUpTo(at + 1);
    }
    if (html.sliced(at).startsWith("<!--")) {
        const qsizetype end = html.indexOf("-->", at + 4);
        token.kind = Token::Other;
        token.bytes = html.sliced(at, (end < 0 ? html.size() : end + 3) - at);
        return token;
    }
    const char second = html[at + 1];
    const bool end = second == '/';
    const bool other = second == '!' || second == '?';
    const qsizetype nameFrom = at + (end ? 2 : 1);
    if (!other && (nameFrom >= html.size() || !std::isalpha(uchar(html[nameFrom])))) {
        return textUpTo(at + 1);
    }
    char quote = 0;
    qsizetype close = nameFrom;
    for (; close < html.size(); ++close) {
        const char c = html[close];
        if (quote) {
            quote = c == quote ? 0 : quote;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            break;
        }
    }
    if (close >= html.size()) {
        return textUpTo(at + 1); // a tag never closed: text
    }
    token.bytes = html.sliced(at, close + 1 - at);
    if (other) {
        token.kind = Token::Other;
        return token;
    }
    token.kind = end ? Token::End : Token::Start;
    qsizetype nameEnd = nameFrom;
    while (nameEnd < close &&
           (std::isalnum(uchar(html[nameEnd])) || html[nameEnd] == '-' || html[nameEnd] == ':')) {
        ++nameEnd;
    }
    token.name = html.sliced(nameFrom, nameEnd - nameFrom).toByteArray().toLower();
    token.selfClosing = html[close - 1] == '/';
    return token;
}

class Indenter
{
public:
    void line(QByteArrayView bytes)
    {
        const QByteArrayView trimmed = bytes.trimmed();
        if (!trimmed.isEmpty()) {
            m_out.append(QByteArray(qsizetype(m_open.size()) * 2, ' ')).append(trimmed).append('\n');
        }
    }
    void start(const QByteArray &name)
    {
        if (hasOptionalEnd(name) && !m_open.isEmpty() && m_open.last() == name) {
            m_open.removeLast();
        }
    }
    void open(const QByteArray &name) { m_open.append(name); }
    void close(const QByteArray &name) // to the level of its start tag, or nothing when none is open
    {
        const qsizetype at = m_open.lastIndexOf(name);
        if (at >= 0) {
            m_open.resize(at);
        }
    }
    QByteArray take() { return std::move(m_out); }

private:
    QByteArray m_out;
    QList<QByteArray> m_open;
};

} // namespace

QString indentHtml(QByteArrayView html)
{
    Indenter out;
    for (qsizetype at = 0; at < html.size();) {
        const Token token = tokenAt(html, at);
        at += token.bytes.size();
        if (token.kind == Token::Text || token.kind == Token::Other) {
            out.line(token.bytes);
            continue;
        }
        if (token.kind == Token::End) {
            out.close(token.name);
            out.line(token.bytes);
            continue;
        }
        out.start(token.name);
        if (token.selfClosing || isVoidElement(token.name)) {
            out.line(token.bytes);
            continue;
        }
        // What runs to its end tag: kept as it is (script, style, pre, textarea), or one line
        // when it is text only.
        const QByteArray endTag = "</" + token.name;
        const bool verbatim = keepsItsText(token.name);
        qsizetype end = html.indexOf('<', at);
        while (verbatim && end >= 0 && !startsWithCaseless(html, end, endTag)) {
            end = html.indexOf('<', end + 1);
        }
        if (end >= 0 && startsWithCaseless(html, end, endTag)) {
            const Token closing = tokenAt(html, end);
            if (closing.kind == Token::End && closing.name == token.name) {
                const QByteArrayView inside = html.sliced(at, end - at);
                QByteArray whole = token.bytes.toByteArray();
                whole += verbatim ? inside : inside.trimmed();
                whole += closing.bytes;
                out.line(whole);
                at = end + closing.bytes.size();
                continue;
            }
        }
        out.line(token.bytes);
        out.open(token.name);
    }
    return QString::fromUtf8(out.take());
}

} // namespace ApiLens::Core
