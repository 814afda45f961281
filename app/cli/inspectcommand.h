#pragma once

#include <QStringList>

namespace ApiLens::Cli {

// `apilens-cli inspect RESPONSE.http [--json]`: reads a saved response (status line,
// headers, blank line, body) and prints what the error analysis finds in it.
int runInspect(const QStringList &arguments);

} // namespace ApiLens::Cli
