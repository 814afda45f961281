#pragma once

#include "http/requestspec.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace ApiLens::Core {

// Splits a command line the way a POSIX shell does for what people paste: '...', "..."
// (with \" \\ \$ \` escapes), $'...' (ANSI-C escapes), backslash escapes and
// backslash-newline continuations. nullopt (with where it broke) on an unterminated quote.
std::optional<QStringList> splitShellWords(const QString &command, QString *error);

struct CurlImport
{
    RequestSpec spec;
    QStringList unknownOptions; // options ApiLens does not know: listed, never silently dropped
    QStringList ignored;        // known options that only change curl's own output (-s, -v, -o…)
    QString error;              // empty when the command became a request

    bool ok() const { return error.isEmpty(); }
};

// Reads a file named in the command (-d @file, -F name=<file). Relative paths are the caller's.
using CurlFileReader = std::function<std::optional<QByteArray>(const QString &path)>;

// A curl command line as a request: -X, -H, -d/--data/--data-raw/--data-ascii/--data-binary/
// --data-urlencode, -F, -u (+ --digest/--basic), -G, --json, -A, -e, -b, --compressed, -k, -L,
// --max-redirs, -m/--max-time, --url, -I, -x, --http2… Pure apart from `readFile`.
CurlImport parseCurl(const QString &command, const CurlFileReader &readFile = {});
// True when the text looks like a curl command (what the URL field checks on paste).
bool looksLikeCurl(const QString &text);

// The request as a command that sends the same request.
QString toCurl(const RequestSpec &spec);
QString toHttpie(const RequestSpec &spec);
QString toPythonRequests(const RequestSpec &spec);
QString toFetch(const RequestSpec &spec);

class HttpDocument;
class VariableResolver;
struct CurlCommand
{
    QString name; // the request's name; empty when it has none
    QString command;
};
// Each request of a .http document as a curl command, variables resolved by `resolver` and the
// document's own file variables; names left unresolved are added (once) to `unresolved`.
QList<CurlCommand> curlCommands(const HttpDocument &document, const VariableResolver &resolver,
                                QStringList *unresolved);
// The requests of a .http file, or of every .http file in a collection folder, as a shell
// script of curl commands (a comment names each file and request). Variables resolve with
// `resolver` and each file's own; those left (secrets not given) stay {{name}} and are listed
// in `unresolved`. Nullopt with `error` when the path cannot be read.
std::optional<QByteArray> toCurlScript(const QString &path, const VariableResolver &resolver,
                                       QStringList *unresolved, int *requests, QString *error);

} // namespace ApiLens::Core
