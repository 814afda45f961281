#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace ApiLens::Core {

// Splits a command line the way a POSIX shell does for what people paste: '...', "..."
// (with \" \\ \$ \` escapes), $'...' (ANSI-C escapes), backslash escapes and
// backslash-newline continuations. nullopt (with where it broke) on an unterminated quote.
std::optional<QStringList> splitShellWords(const QString &command, QString *error);
// One simple command of a pasted script, with what it reads on standard input.
struct ShellCommand
{
    QStringList words;
    std::optional<QByteArray> input; // a heredoc, a here-string, or what echo/printf piped in
    QString inputFile;               // "< file" or "cat file |", as written (the caller reads it)
    QStringList notes;               // what was not followed: "| jq .", "> out.json"
    int line = 1;                    // where it starts (1-based)
};
// Splits a pasted script into its commands: newlines, ';', '&&', '||' separate them; a
// pipeline from echo, printf or cat (file or heredoc) becomes the next command's input, as do
// "<<EOF" heredocs, "<<<" here-strings and "< file"; comments are dropped. Quoting as in
// splitShellWords. nullopt (with where it broke) on an unterminated quote or heredoc.
std::optional<QList<ShellCommand>> splitShellScript(const QString &script, QString *error);

// One word for a POSIX shell: as it is when that is safe, else in single quotes.
QString shellQuote(const QString &text);

} // namespace ApiLens::Core
