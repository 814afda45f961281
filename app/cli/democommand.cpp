#include "democommand.h"

#include "sendcommand.h"
#include "terminal.h"

#include "demoserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace ApiLens::Cli {

namespace {

int signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(signalPipe[1], &byte, 1);
}

} // namespace

int runDemo(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Serve the built-in demo API on 127.0.0.1 until stopped."));
    parser.addHelpOption();
    const QCommandLineOption port(QStringLiteral("port"),
                                  QStringLiteral("Port to listen on (default: any free port)."),
                                  QStringLiteral("N"), QStringLiteral("0"));
    parser.addOption(port);
    const QCommandLineOption collection(
        QStringLiteral("write-collection"),
        QStringLiteral("Also write the demo collection (.http files, environment \"demo\") into DIR, "
                       "for `apilens-cli run DIR --env demo` or `apilens DIR`."),
        QStringLiteral("DIR"));
    parser.addOption(collection);
    if (const auto stop = parseCommandLine(parser, QStringLiteral("demo"), arguments)) {
        return *stop;
    }
    bool ok = false;
    const uint wanted = parser.value(port).toUInt(&ok);
    if (!ok || wanted > 65535) {
        writeErr(QStringLiteral("apilens-cli demo: --port takes a number from 0 to 65535"));
        return ExitError;
    }
    Demo::DemoServer server;
    if (server.start(quint16(wanted)) == 0) {
        writeErr(QStringLiteral("apilens-cli: cannot listen on 127.0.0.1:%1 (in use?)").arg(wanted));
        return ExitError;
    }
    writeOut("ApiLens demo API on " + server.baseUrl().toString().toUtf8() + "  (Ctrl+C stops it)\n\n");
    if (parser.isSet(collection)) {
        QString error;
        if (!server.writeCollection(parser.value(collection), &error)) {
            writeErr(QStringLiteral("apilens-cli demo: %1").arg(error));
            return ExitError;
        }
        writeOut("Demo collection in " + parser.value(collection).toUtf8() + ": apilens-cli run " +
                 parser.value(collection).toUtf8() + " --env demo\n\n");
    }
    QString group;
    for (const Demo::DemoServer::Request &request : server.requestsFor()) {
        if (request.group != group) {
            group = request.group;
            writeOut(group.toUtf8() + '\n');
        }
        writeOut("  " + request.spec.method.toUtf8().leftJustified(6, ' ') + ' ' + request.spec.url.toUtf8() +
                 "\n      " + request.summary.toUtf8() + '\n');
    }
    std::fflush(stdout);

    // Stop cleanly on SIGINT/SIGTERM: the handler only writes to a pipe the event loop reads.
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) == 0) {
        auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, &server);
        QObject::connect(notifier, &QSocketNotifier::activated, &server, [] { QCoreApplication::quit(); });
        std::signal(SIGINT, onSignal);
        std::signal(SIGTERM, onSignal);
    }
    const int code = QCoreApplication::exec();
    writeErr(QStringLiteral("apilens-cli: demo API stopped"));
    return code;
}

} // namespace ApiLens::Cli
