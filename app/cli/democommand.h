#pragma once

#include <QStringList>

namespace ApiLens::Cli {

// `apilens-cli demo [--port N]`: serve the built-in demo API on 127.0.0.1 until stopped
// (Ctrl+C or SIGTERM).
int runDemo(const QStringList &arguments);

} // namespace ApiLens::Cli
