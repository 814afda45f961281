// apilens-script-host: runs the scripts of .http files and imported collections for ApiLens,
// one JSON request per line on stdin, one JSON outcome per line on stdout, in a process of its
// own under a memory limit and a seccomp filter (see sandbox.h).
#include "sandbox.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <cstdio>
#include <exception>
#include <iostream>
#include <new>
#include <string>

#include <unistd.h>

int main(int argc, char *argv[])
{
    // Running out of memory is how the memory limit stops a script; the app says so (the exit
    // code tells it). Nothing on the user's terminal ("terminate called after…"), no core.
    std::set_terminate([] {
        if (const std::exception_ptr current = std::current_exception()) {
            try {
                std::rethrow_exception(current);
            } catch (const std::bad_alloc &) {
                _exit(3);
            } catch (...) { // NOLINT(bugprone-empty-catch): any other ends as it would have
            }
        }
        std::abort();
    });
    QCoreApplication app(argc, argv);
    QString error;
    if (!ApiLens::ScriptHost::enterSandbox(&error)) {
        std::fprintf(stderr, "apilens-script-host: %s\n", qPrintable(error));
        return 2;
    }
    ApiLens::ScriptHost::Sandbox sandbox;
    std::string line;
    while (std::getline(std::cin, line)) {
        const QJsonDocument request = QJsonDocument::fromJson(QByteArray::fromStdString(line));
        ApiLens::Core::ScriptOutcome outcome;
        if (request.isObject()) {
            outcome = sandbox.run(ApiLens::Core::scriptInputFromJson(request.object()));
        } else {
            outcome.error = QStringLiteral("the script host received a request it cannot read");
        }
        const QByteArray reply =
            QJsonDocument(ApiLens::Core::toJson(outcome)).toJson(QJsonDocument::Compact) + '\n';
        std::fwrite(reply.constData(), 1, size_t(reply.size()), stdout);
        std::fflush(stdout);
    }
    std::fflush(stdout);
    _exit(0); // nothing to clean up; a leak check at exit would need ptrace, which the filter denies
}
