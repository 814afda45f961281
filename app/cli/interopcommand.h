#pragma once

#include <QStringList>

namespace ApiLens::Cli {

// `apilens-cli import curl INPUT --out DIR [--name NAME]`: a request from another tool's
// format, added to DIR/requests.http. INPUT is a file, or - for standard input.
int runImport(const QStringList &arguments);
// `apilens-cli export curl PATH [--request NAME] [--env NAME]`: the requests of a .http file
// as commands for another tool, on standard output.
int runExport(const QStringList &arguments);

} // namespace ApiLens::Cli
