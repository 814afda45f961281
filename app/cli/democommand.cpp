#include "democommand.h"

#include "sendcommand.h"
#include "terminal.h"

#include "demoserver.h"

#include "util/quitonsignals.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace ApiLens::Cli {

int runDemo(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Serve the built-in demo API on 127.0.0.1 until stopped."));
    parser.addHelpOption();
    const QCommandLineOption port(
        QStringLiteral("port"),
        QStringLiteral("Port to listen on (default %1, the port written collections name; 0: any free port).")
            .arg(Demo::DemoServer::defaultPort()),
        QStringLiteral("N"), QString::number(Demo::DemoServer::defaultPort()));
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
        writeErr(QStringLiteral("apilens-cli: cannot listen on 127.0.0.1:%1 (in use? --port N takes another, "
                                "--port 0 any free one)")
                     .arg(wanted));
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

    Core::quitOnSignals(&server, [] { QCoreApplication::quit(); }); // Ctrl+C stops it cleanly
    const int code = QCoreApplication::exec();
    writeErr(QStringLiteral("apilens-cli: demo API stopped"));
    return code;
}

} // namespace ApiLens::Cli
