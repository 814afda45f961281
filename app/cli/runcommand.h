#pragma once

#include <QStringList>

namespace ApiLens::Cli {

// `apilens-cli run PATH [--env NAME] [--request NAME] [--concurrency N] [--check-status]
//  [--reporter console|json|junit] [--output FILE]`. Exit 0 when every request was sent
// and every assertion held, 1 otherwise.
int runRun(const QStringList &arguments);

} // namespace ApiLens::Cli
