#pragma once

#include <QStringList>

namespace ApiLens::Cli {

// Exit codes of the CLI contract (HTTPie's).
enum ExitCode {
    ExitOk = 0,
    ExitError = 1,
    ExitTimeout = 2,
    Exit3xx = 3,
    Exit4xx = 4,
    Exit5xx = 5,
    ExitTooManyRedirects = 6,
};

// `apilens-cli send [METHOD] URL [-H 'Name: value']... [-d BODY | --data-file F] [--timeout S]
//  [--insecure] [--no-redirect] [--check-status] [--json] [--verbose] [--color=...]`.
// arguments exclude the program name and the word "send". Runs its own event loop.
int runSend(const QStringList &arguments);

} // namespace ApiLens::Cli
