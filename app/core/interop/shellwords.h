#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace ApiLens::Core {

// Splits a command line the way a POSIX shell does for what people paste: '...', "..."
// (with \" \\ \$ \` escapes), $'...' (ANSI-C escapes), backslash escapes and
// backslash-newline continuations. nullopt (with where it broke) on an unterminated quote.
std::optional<QStringList> splitShellWords(const QString &command, QString *error);
// One word for a POSIX shell: as it is when that is safe, else in single quotes.
QString shellQuote(const QString &text);

} // namespace ApiLens::Core
