#include "sendcommand.h"

#include "terminal.h"

#include "errors/erroranalyzer.h"
#include "http/exchangejson.h"
#include "http/httpclient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cstdio>
#include <unistd.h>

namespace ApiLens::Cli {

namespace {

bool looksBinary(const QByteArray &sample)
{
    return sample.contains('\0');
}

void printBody(const Core::Exchange &exchange, const Terminal &terminal)
{
    const Core::ResponseBody &body = exchange.body;
    if (body.isEmpty()) {
        return;
    }
    if (terminal.isTty()) {
        const QByteArray sample = body.bytes(8192);
        if (looksBinary(sample)) {
            writeOut(terminal.dim() + "[binary body, " + QByteArray::number(body.size()) +
                     " bytes: not shown on a terminal; redirect to a file]" + terminal.reset() + '\n');
            return;
        }
        // Indent JSON for people; pipes get the exact bytes.
        const QByteArray type = exchange.header("Content-Type").toLower();
        if (body.size() < 16 * 1024 * 1024 &&
            (type.contains("json") || sample.trimmed().startsWith('{') || sample.trimmed().startsWith('['))) {
            QJsonParseError error{};
            const QJsonDocument document = QJsonDocument::fromJson(body.bytes(), &error);
            if (error.error == QJsonParseError::NoError) {
                writeOut(document.toJson(QJsonDocument::Indented));
                return;
            }
        }
    }
    if (body.isInMemory()) {
        writeOut(body.bytes());
    } else {
        QFile file(body.filePath());
        if (file.open(QIODevice::ReadOnly)) {
            while (!file.atEnd()) {
                writeOut(file.read(1 << 20));
            }
        }
    }
    if (terminal.isTty() && !body.bytes().endsWith('\n')) {
        writeOut("\n");
    }
}

void printHead(const Core::Exchange &exchange, const Terminal &terminal)
{
    const Core::StatusClass statusClass = exchange.statusClass();
    writeOut(terminal.statusColor(statusClass) + exchange.httpVersion.toLatin1() + ' ' +
             QByteArray::number(exchange.status) + ' ' + exchange.displayReason().toUtf8() +
             terminal.reset() + terminal.dim() + "  (" + Core::statusClassName(statusClass).toUtf8() + ", " +
             QByteArray::number(qRound(exchange.timings.totalMs())) + " ms)" + terminal.reset() + '\n');
    for (const auto &header : exchange.headers) {
        writeOut(terminal.bold() + header.first + terminal.reset() + ": " + header.second + '\n');
    }
    writeOut("\n");
}

// The requests exactly as they went out (redirects and challenges first), request lines bold.
void printSent(const Core::Exchange &exchange, const Terminal &terminal)
{
    for (const QString &line : Core::sentExchangeText(exchange).split(QLatin1Char('\n'))) {
        static const QRegularExpression requestLine(
            QStringLiteral("^[!#$%&'*+.^_`|~0-9A-Za-z-]+ \\S+ HTTP/"));
        const QByteArray bytes = line.toUtf8();
        writeOut(requestLine.match(line).hasMatch()
                     ? QByteArray(terminal.bold() + bytes + terminal.reset() + '\n')
                     : QByteArray(bytes + '\n'));
    }
    writeOut("\n");
}

int exitCodeFor(const Core::Exchange &exchange, bool checkStatus)
{
    switch (exchange.error) {
    case Core::TransportError::None:
        break;
    case Core::TransportError::Timeout:
        return ExitTimeout;
    case Core::TransportError::TooManyRedirects:
        return ExitTooManyRedirects;
    default:
        return ExitError;
    }
    if (!checkStatus) {
        return ExitOk;
    }
    switch (exchange.statusClass()) {
    case Core::StatusClass::Redirection:
        return Exit3xx;
    case Core::StatusClass::ClientError:
        return Exit4xx;
    case Core::StatusClass::ServerError:
        return Exit5xx;
    default:
        return ExitOk;
    }
}

} // namespace

int runSend(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Send one HTTP request and print the response."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("method"),
                                 QStringLiteral("HTTP method (default GET, POST with a body)"),
                                 QStringLiteral("[METHOD]"));
    parser.addPositionalArgument(QStringLiteral("url"),
                                 QStringLiteral("The URL (http:// is assumed when absent)"));
    const QCommandLineOption header({QStringLiteral("H"), QStringLiteral("header")},
                                    QStringLiteral("Add a request header (repeatable)."),
                                    QStringLiteral("'Name: value'"));
    const QCommandLineOption data({QStringLiteral("d"), QStringLiteral("data")},
                                  QStringLiteral("Request body."), QStringLiteral("BODY"));
    const QCommandLineOption dataFile(QStringLiteral("data-file"),
                                      QStringLiteral("Send the bytes of a file as the body."),
                                      QStringLiteral("FILE"));
    const QCommandLineOption timeout(
        QStringLiteral("timeout"), QStringLiteral("Give up after this many seconds (default 30, 0 = never)."),
        QStringLiteral("SECONDS"), QStringLiteral("30"));
    const QCommandLineOption insecure({QStringLiteral("k"), QStringLiteral("insecure")},
                                      QStringLiteral("Do not verify the server's TLS certificate."));
    const QCommandLineOption noRedirect(QStringLiteral("no-redirect"),
                                        QStringLiteral("Do not follow redirects."));
    const QCommandLineOption maxRedirects(QStringLiteral("max-redirects"),
                                          QStringLiteral("Follow at most N redirects (default 10)."),
                                          QStringLiteral("N"), QStringLiteral("10"));
    const QCommandLineOption checkStatus(
        QStringLiteral("check-status"),
        QStringLiteral("Exit with 3, 4 or 5 for a 3xx, 4xx or 5xx response."));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Print one JSON record instead of the response."));
    const QCommandLineOption verbose({QStringLiteral("v"), QStringLiteral("verbose")},
                                     QStringLiteral("Print the request as sent before the response."));
    const QCommandLineOption color(QStringLiteral("color"),
                                   QStringLiteral("Colour output: auto, always or never."),
                                   QStringLiteral("WHEN"), QStringLiteral("auto"));
    parser.addOptions({header, data, dataFile, timeout, insecure, noRedirect, maxRedirects, checkStatus, json,
                       verbose, color});
    if (const auto stop = parseCommandLine(parser, QStringLiteral("send"), arguments)) {
        return *stop;
    }
    Terminal::ColorMode colorMode = Terminal::ColorMode::Auto;
    if (!colorModeOption(parser, color, QStringLiteral("send"), &colorMode)) {
        return ExitError;
    }
    const Terminal terminal(colorMode, isatty(STDOUT_FILENO) != 0);

    const QStringList positional = parser.positionalArguments();
    Core::RequestSpec spec;
    if (positional.size() == 2) {
        spec.method = positional.at(0).toUpper();
        spec.url = positional.at(1);
    } else if (positional.size() == 1) {
        spec.url = positional.at(0);
        spec.method =
            (parser.isSet(data) || parser.isSet(dataFile)) ? QStringLiteral("POST") : QStringLiteral("GET");
    } else {
        writeErr(QStringLiteral("apilens-cli send: expected [METHOD] URL; see apilens-cli send --help"));
        return ExitError;
    }
    for (const QString &line : parser.values(header)) {
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        if (colon <= 0) {
            writeErr(QStringLiteral("apilens-cli send: header '%1' is not 'Name: value'").arg(line));
            return ExitError;
        }
        spec.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed(), true});
    }
    if (parser.isSet(data) && parser.isSet(dataFile)) {
        writeErr(QStringLiteral("apilens-cli send: use either -d or --data-file, not both"));
        return ExitError;
    }
    if (parser.isSet(data)) {
        spec.body.kind = Core::BodyKind::Raw;
        spec.body.raw = parser.value(data).toUtf8();
        const QByteArray trimmed = spec.body.raw.trimmed();
        if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
            spec.body.contentType = QStringLiteral("application/json");
        } else {
            spec.body.contentType = QStringLiteral("application/x-www-form-urlencoded");
        }
    } else if (parser.isSet(dataFile)) {
        spec.body.kind = Core::BodyKind::BinaryFile;
        spec.body.filePath = parser.value(dataFile);
    }
    bool ok = false;
    const double seconds = parser.value(timeout).toDouble(&ok);
    if (!ok || seconds < 0) {
        writeErr(
            QStringLiteral("apilens-cli send: --timeout takes seconds, not '%1'").arg(parser.value(timeout)));
        return ExitError;
    }
    spec.settings.timeoutMs = int(seconds * 1000.0);
    spec.settings.verifyTls = !parser.isSet(insecure);
    spec.settings.followRedirects = !parser.isSet(noRedirect);
    spec.settings.maxRedirects = parser.value(maxRedirects).toInt();

    Core::HttpClient client;
    Core::PendingExchange *pending = client.send(spec);
    QEventLoop loop;
    QObject::connect(pending, &Core::PendingExchange::finished, &loop, &QEventLoop::quit);
    if (!pending->isFinished()) {
        loop.exec();
    }
    const Core::Exchange &exchange = pending->exchange();

    if (parser.isSet(json)) {
        std::optional<Core::ErrorReport> report;
        if (exchange.hasResponse()) {
            report = Core::analyzeError(exchange.status, exchange.headers, exchange.body.bytes());
        }
        writeOut(QJsonDocument(Core::exchangeToJson(exchange, report ? &*report : nullptr))
                     .toJson(QJsonDocument::Compact) +
                 '\n');
    } else {
        if (parser.isSet(verbose) && exchange.error != Core::TransportError::InvalidRequest) {
            printSent(exchange, terminal);
        }
        if (exchange.hasResponse()) {
            printHead(exchange, terminal);
            printBody(exchange, terminal);
        }
    }
    if (exchange.error != Core::TransportError::None) {
        writeErr(QStringLiteral("apilens-cli: %1").arg(exchange.errorMessage));
    } else if (spec.settings.verifyTls == false && exchange.request.url.scheme() == QLatin1String("https")) {
        writeErr(QStringLiteral("apilens-cli: warning: TLS certificate verification is off"));
    }
    std::fflush(stdout);
    return exitCodeFor(exchange, parser.isSet(checkStatus));
}

} // namespace ApiLens::Cli
