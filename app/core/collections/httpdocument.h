#pragma once

#include "http/graphql.h"
#include "http/requestspec.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace ApiLens::Core {

// A problem in a .http file, with its line (1-based). The rest of the file still loads.
struct HttpIssue
{
    int line = 0;
    QString message;
};

// A script in a .http file: a JetBrains handler ("> {% ... %}" after the request, "< {% ... %}"
// before it, or "> ./file.js") or an httpyac script block ("{{" ... "}}" on lines of their own).
struct HttpScript
{
    enum class Dialect { JetBrains, Httpyac };
    Dialect dialect = Dialect::JetBrains;
    bool beforeRequest = false; // a pre-request script; else it runs on the response
    QString event;              // httpyac's "{{+after}}" -> "+after"; empty for JetBrains
    QString code;               // the script's text, without its markers
    QString file;               // "> ./handler.js": the file named instead of code
    int line = 0;               // where it starts (1-based): its "> {%" or "{{" line
    int codeLine = 0;           // the line its code's first line is on
};

// One request block of a .http file (the JetBrains HTTP Client / VS Code REST Client syntax).
struct HttpRequestBlock
{
    int firstLine = 0;   // where the block starts (its ### separator, or line 1)
    int requestLine = 0; // the request line; 0 when the block holds no request
    QString name;        // from "### name", "# @name x" or "// @name = x"
    QString method;      // as written, GET when omitted
    QString url;         // continuation lines (indented ?a=1 / &b=2) joined
    QString httpVersion; // "HTTP/1.1" when given
    QList<KeyValue> headers;
    QByteArray body;                   // exact bytes, trailing blank lines removed
    QString bodyFile;                  // "< ./file" / "<@ ./file"
    bool bodyFileHasVariables = false; // "<@"
    bool noRedirect = false;
    bool noCookieJar = false;
    int timeoutMs = -1;           // "# @timeout 5" (seconds, or with ms/s/m)
    QStringList omittedDefaults;  // "# @apilens-omit-headers User-Agent, Connection"
    QStringList otherDirectives;  // kept as written, e.g. "@apilens-catalog netilion"
    QStringList assertions;       // httpyac "?? status == 200" -> "status == 200"
    QStringList responseHandlers; // "> {% ... %}" scripts and "> ./file.js" as written
    QList<HttpScript> scripts;    // every script of the block, in file order
    // httpyac's metadata: "# @disabled", "# @sleep 500", "# @ref name" / "# @forceRef name"
    // (run that request first), "# @import ./other.http", "# @note text", "# @loop for 3".
    bool disabled = false;
    int sleepMs = 0;
    QStringList refs;
    QStringList forceRefs;
    QStringList imports;
    QString note;
    QString loop;
    std::optional<OAuth1Settings> oauth1;    // "# @oauth1 consumer_key=… …": the request is signed
    bool jwt = false;                        // "# @jwt [names]": JWTs in the JSON response also read decoded
    QStringList jwtMembers;                  // the members to decode; empty: every one that is a JWT
    bool hasSavedResponse = false;           // "HTTP/1.1 200 OK" written below the request (kept, not sent)
    QList<KeyValue> variables;               // "@host = https://api.example.com"
    QList<GraphqlFragment> graphqlFragments; // "fragment Parts on Repo {" before any request
    QStringList comments;                    // "# text" lines before the request, without the marker

    bool hasRequest() const { return requestLine > 0; }
    // The request as the engine takes it (variables still unresolved).
    RequestSpec toSpec() const;
};

// The scripts of a file's blocks that hold no request (httpyac's global region): plain ones
// run once, before the file's first request; "{{+" ones before every request; "{{+after" /
// "{{+response" ones after every response. Others ("{{+streaming") are listed as not run.
struct FileScripts
{
    QList<HttpScript> once;
    QList<HttpScript> beforeEach;
    QList<HttpScript> afterEach;
    QList<HttpScript> unsupported;
};
FileScripts fileScripts(const QList<HttpRequestBlock> &blocks);
// The GraphQL fragments of a file, in file order (a later one of the same name wins).
QList<GraphqlFragment> graphqlFragments(const QList<HttpRequestBlock> &blocks);
// Whether a block's GraphQL body goes out as JSON (not when it says "# @noGqlParsing").
bool parsesGraphql(const HttpRequestBlock &block);

// Where a block's request sits among its lines, so that an edit rewrites only that part.
struct HttpBlockLayout
{
    int requestStart = -1;       // line index in the block
    QList<QByteArray> keptAfter; // comments, assertions, scripts after the request (raw lines)
    int trailingBlank = 0;       // blank lines at the end of the block
    bool hadHttpVersion = false;
};

// What of a request a .http file can say: auth becomes the header it sends (Bearer, Basic as
// "Basic user password", an API key in a header or the query), form bodies their encoded text,
// multipart text fields a multipart body; redirects and timeouts become directives. What it
// cannot say (TLS off, a proxy, HTTP/2 settings, Digest, multipart files) goes to `lost`.
struct HttpFileRequest
{
    RequestSpec spec;
    QStringList directives;
    QStringList lost;
};
// `fileDir`, the folder of the .http file it goes into: absolute body-file paths become relative
// to it ("./data/report.csv"), as the file's readers resolve them.
HttpFileRequest forHttpFile(const RequestSpec &spec, const QString &fileDir = {});
// The directives a request's settings need in a .http block ("no-redirect", "timeout 5",
// "apilens-omit-headers User-Agent"), as forHttpFile() writes them.
QStringList fileDirectives(const RequestSpec &spec);

// A .http file, lossless: serialize() gives back the exact bytes parse() was given, and
// replacing one request rewrites only that block's request lines, keeping its comments,
// directives, assertions and scripts.
class HttpDocument
{
public:
    static HttpDocument parse(const QByteArray &bytes);

    QByteArray serialize() const;
    const QList<HttpRequestBlock> &blocks() const { return m_blocks; }
    const QList<HttpIssue> &issues() const { return m_issues; }
    // Requests only, in file order.
    QList<HttpRequestBlock> requests() const;
    // The file variables (@name = value) of every block, later ones winning.
    QHash<QString, QString> fileVariables() const;

    // Rewrites the request of block `index` from `spec` (method, URL, headers, raw body) and
    // the directives its settings need (fileDirectives()); other lines stay as they were.
    // False when the block has no request (nothing is changed then).
    bool replaceRequest(int index, const RequestSpec &spec);

    // Block edits for the collection tree. Each keeps every other block's bytes as they are.
    // The exact text of block `index` (from its ### line to the next one).
    QByteArray blockText(int index) const;
    // Removes block `index` with everything in it (comments, assertions, scripts).
    void removeBlock(int index);
    // Inserts a block (text as blockText() gives it) after `after` (-1: at the end); a
    // missing ### line is added. Returns the new block's index.
    int insertBlock(QByteArray text, int after = -1);
    // What a new block carries besides its request.
    struct BlockExtras
    {
        QStringList directives;        // "no-redirect", "timeout 5": written as "# @..." lines
        QStringList comments;          // written as "# ..." lines before the request
        QStringList preRequestScripts; // "< {% ... %}" before the request line
        QStringList responseScripts;   // "> {% ... %}" after the request
    };
    // Appends a new block "### name" holding `spec` (see forHttpFile()); returns its index.
    int appendRequest(const QString &name, const RequestSpec &spec, const BlockExtras &extras = {});
    // Gives block `index` this name: rewrites its "# @name" line, else its "### name" line.
    void renameBlock(int index, const QString &name);
    // The index of the block holding the request named `name`, or the request whose line is
    // `requestLine`; -1 when none.
    int findRequest(const QString &name, int requestLine = 0) const;

private:
    void parseBlock(int index);
    void reparse();

    QByteArray m_bom;
    QList<HttpBlockLayout> m_layouts;
    QByteArray m_newline = "\n";
    QList<QByteArray> m_segments; // raw bytes of each block
    QList<HttpRequestBlock> m_blocks;
    QList<HttpIssue> m_issues;
};

} // namespace ApiLens::Core
