#pragma once

#include "httpdocument.h"

#include <QByteArray>
#include <QList>

#include <optional>

namespace ApiLens::Core::HttpSyntax {

// One line of a .http file, its line break apart so that the bytes can be given back exactly.
struct Line
{
    QByteArray raw; // without the line break
    QByteArray eol; // "\n", "\r\n" or "" at the end of the data
};

QList<Line> splitLines(const QByteArray &data);
bool isBlank(const QByteArray &raw);
// "###" and what follows: the line that separates requests.
bool isSeparator(const QByteArray &raw);
// A request line as httpyac recognises one anywhere in a block: an upper-case HTTP method, then
// the URL. A second such line in a block starts the next request even without "###".
bool isMethodLine(const QString &line);
// "5", "2.5", "500ms", "2 s", "3m" in milliseconds; false when it is none of these or too large.
bool parseDurationMs(const QString &text, int *ms);

// OAuth 1.0a in a .http file, ApiLens's own directive (no other client signs OAuth 1.0a from
// a file): "# @oauth1 consumer_key={{key}} consumer_secret={{secret}} signature_method=HMAC-SHA1
// params=query". Text settings by oauth1Fields() keys, quoted when empty or spaced; "params"
// (header or query), "body_hash" and "sign_empty" (true). Only what differs from the defaults.
QString oauth1Directive(const OAuth1Settings &settings);
// The settings of a directive's value; an error naming the word it does not know.
std::optional<OAuth1Settings> parseOAuth1Directive(const QString &value, QString *error);

// Parses the lines of one block (from its ### line, or from where the previous request ended)
// into `block` and `layout`; problems go to `issues` with their line numbers. Returns the index
// of the line where the next request starts (a request line after this block's request, as
// httpyac reads files without ###), or -1 when the block runs to the end of `lines`.
int parseBlock(const QList<Line> &lines, HttpRequestBlock *block, HttpBlockLayout *layout,
               QList<HttpIssue> *issues);

} // namespace ApiLens::Core::HttpSyntax
