// apilens-script-host: runs the scripts of .http files and imported collections for ApiLens,
// one JSON request per line on stdin, one JSON outcome per line on stdout, in a process of its
// own under a memory limit and a seccomp filter (see sandbox.h).
#include "sandbox.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <cstdio>
#include <iostream>
#include <string>

#include <unistd.h>

int main(int argc, char *argv[])
{
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
