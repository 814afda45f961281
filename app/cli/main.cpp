#include "democommand.h"
#include "inspectcommand.h"
#include "interopcommand.h"
#include "runcommand.h"
#include "sendcommand.h"

#include <QCoreApplication>

#include <cstdio>

namespace {

const char usage[] = "Usage: apilens-cli COMMAND [options]\n"
                     "\n"
                     "Commands:\n"
                     "  send [METHOD] URL   send one request and print the response\n"
                     "  inspect FILE        read a saved response and explain its error\n"
                     "  run PATH            run the requests of a .http file or folder\n"
                     "  demo [--port N]     serve the built-in demo API on 127.0.0.1\n"
                     "  import FORMAT FILE  add a curl command, HAR file, Postman or Insomnia export or\n"
                     "                      OpenAPI description to a collection folder (--out DIR)\n"
                     "  export curl FILE    print the requests of a .http file as curl commands\n"
                     "\n"
                     "apilens-cli COMMAND --help shows the options of a command.\n";

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("apilens-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(APILENS_VERSION));
    QStringList arguments = QCoreApplication::arguments().mid(1);
    const QString command = arguments.isEmpty() ? QString() : arguments.takeFirst();
    if (command == QLatin1String("send")) {
        return ApiLens::Cli::runSend(arguments);
    }
    if (command == QLatin1String("run")) {
        return ApiLens::Cli::runRun(arguments);
    }
    if (command == QLatin1String("demo")) {
        return ApiLens::Cli::runDemo(arguments);
    }
    if (command == QLatin1String("import")) {
        return ApiLens::Cli::runImport(arguments);
    }
    if (command == QLatin1String("export")) {
        return ApiLens::Cli::runExport(arguments);
    }
    if (command == QLatin1String("inspect")) {
        return ApiLens::Cli::runInspect(arguments);
    }
    if (command == QLatin1String("--version")) {
        std::printf("apilens-cli %s\n", APILENS_VERSION);
        return 0;
    }
    if (command.isEmpty() || command == QLatin1String("--help") || command == QLatin1String("-h")) {
        std::fputs(usage, command.isEmpty() ? stderr : stdout);
        return command.isEmpty() ? 1 : 0;
    }
    std::fprintf(stderr, "apilens-cli: unknown command '%s'\n\n%s", qPrintable(command), usage);
    return 1;
}
