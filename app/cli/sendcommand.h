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
    ExitCancelled = 130, // Ctrl+C: 128 + SIGINT, as a shell reports a program it interrupted
};

// `apilens-cli send [METHOD] URL [-H 'Name: value']... [-d BODY | --data-file F] [--timeout S]
//  [--insecure] [--no-redirect] [--http2-prior-knowledge] [--max-body SIZE] [-o FILE]
//  [--check-status] [--json] [--verbose] [--color=...]`. Ctrl+C cancels the request.
// arguments exclude the program name and the word "send". Runs its own event loop.
int runSend(const QStringList &arguments);

} // namespace ApiLens::Cli
