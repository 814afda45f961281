#pragma once

#include "http/requestspec.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace ApiLens::Core {

struct CurlImport
{
    RequestSpec spec;
    QStringList unknownOptions; // options ApiLens does not know: listed, never silently dropped
    QStringList ignored;        // known options that only change curl's own output (-s, -v, -o…)
    QString error;              // empty when the command became a request
    QStringList files;          // the files it names (@file, <file, -T), as absolute paths
    QStringList notes;          // about the pasted text around it: other commands, "| jq ." after it
    int line = 1;               // where the command starts in the pasted text

    bool ok() const { return error.isEmpty(); }
};

// Reads a file named in the command (-d @file, -F name=<file), given its absolute path.
using CurlFileReader = std::function<std::optional<QByteArray>(const QString &path)>;

// A curl command line as a request that sends what curl sends: -X, -H (and "Name:" to leave
// out a header), -d/--data/--data-raw/--data-ascii/--data-binary/--data-urlencode, --json,
// -F (text, @file parts with ;type= and ;filename=, <file), -u (+ --digest/--basic), -G, -A,
// -e, -b, --compressed, -k, -L, --max-redirs, -m, --url, --url-query, -I, -T, -r, -x/-U,
// --http1.1/--http2/--http2-prior-knowledge; curl's own header set (no Accept-Encoding
// without --compressed, no Connection). Files are named as curl names them: relative to
// `workingDirectory` (the current one when empty); file parts and -T keep absolute paths.
// Pure apart from `readFile` (by default the file system).
CurlImport parseCurl(const QString &command, const QString &workingDirectory = {},
                     const CurlFileReader &readFile = {});
// Every curl command of a pasted script (several commands, "echo … | curl", heredocs and
// here-strings for -d @- / --data-binary @- / -T -, "< file"), each as parseCurl makes it;
// other commands are said in the first one's notes. `error` when the script cannot be split.
QList<CurlImport> parseCurlScript(const QString &script, const QString &workingDirectory, QString *error,
                                  const CurlFileReader &readFile = {});
// True when the text looks like a curl command (what the URL field checks on paste).
bool looksLikeCurl(const QString &text);

} // namespace ApiLens::Core
