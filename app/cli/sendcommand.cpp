#include "sendcommand.h"

#include "terminal.h"

#include "errors/erroranalyzer.h"
#include "http/exchangejson.h"
#include "http/httpclient.h"
#include "util/format.h"
#include "util/quitonsignals.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace ApiLens::Cli {

namespace {

// The options that make the request.
struct SendOptionNames
{
    QCommandLineOption header{{QStringLiteral("H"), QStringLiteral("header")},
                              QStringLiteral("Add a request header (repeatable)."),
                              QStringLiteral("'Name: value'")};
    QCommandLineOption data{{QStringLiteral("d"), QStringLiteral("data")},
                            QStringLiteral("Request body."),
                            QStringLiteral("BODY")};
    QCommandLineOption dataFile{QStringLiteral("data-file"),
                                QStringLiteral("Send the bytes of a file as the body."),
                                QStringLiteral("FILE")};
    QCommandLineOption timeout{QStringLiteral("timeout"),
                               QStringLiteral("Give up after this many seconds (default 30, 0 = never)."),
                               QStringLiteral("SECONDS"), QStringLiteral("30")};
    QCommandLineOption insecure{{QStringLiteral("k"), QStringLiteral("insecure")},
                                QStringLiteral("Do not verify the server's TLS certificate.")};
    QCommandLineOption noRedirect{QStringLiteral("no-redirect"), QStringLiteral("Do not follow redirects.")};
    QCommandLineOption maxRedirects{QStringLiteral("max-redirects"),
                                    QStringLiteral("Follow at most N redirects (default 10)."),
                                    QStringLiteral("N"), QStringLiteral("10")};
    QCommandLineOption http2PriorKnowledge{
        QStringLiteral("http2-prior-knowledge"),
        QStringLiteral("Speak HTTP/2 to an http:// URL without asking (h2c), "
                       "as curl's option of that name.")};
};

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
    bool endsInNewline = false;
    if (body.isInMemory()) {
        writeOut(body.bytes());
        endsInNewline = body.bytes().endsWith('\n');
    } else {
        QFile file(body.filePath());
        if (file.open(QIODevice::ReadOnly)) {
            while (!file.atEnd()) {
                const QByteArray piece = file.read(1 << 20);
                writeOut(piece);
                endsInNewline = piece.endsWith('\n');
            }
        }
    }
    if (terminal.isTty() && !endsInNewline) {
        writeOut("\n");
    }
}

void printHead(const Core::Exchange &exchange, const Terminal &terminal)
{
    const Core::StatusClass statusClass = exchange.statusClass();
    writeOut(terminal.statusColor(statusClass) + exchange.httpVersion.toLatin1() + ' ' +
             QByteArray::number(exchange.status) + ' ' + exchange.displayReason().toUtf8() +
             terminal.reset() + terminal.dim() + "  (" + Core::statusClassName(statusClass).toUtf8() + ", " +
             // While the body streams, the time to the head; else the whole exchange's.
             (exchange.timings.totalMs() >= 0
                  ? QByteArray(QByteArray::number(qRound(exchange.timings.totalMs())) + " ms)")
                  : QByteArray("headers after " + QByteArray::number(qRound(exchange.timings.firstByteMs)) +
                               " ms)")) +
             terminal.reset() + '\n');
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
    case Core::TransportError::Cancelled:
        return ExitCancelled;
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

namespace {

// The request the options describe; a message on stderr and nullopt when they do not make one.
std::optional<Core::RequestSpec> requestFromOptions(const QCommandLineParser &parser,
                                                    const SendOptionNames &names)
{
    const QStringList positional = parser.positionalArguments();
    Core::RequestSpec spec;
    if (positional.size() == 2) {
        spec.method = positional.at(0).toUpper();
        spec.url = positional.at(1);
    } else if (positional.size() == 1) {
        spec.url = positional.at(0);
        spec.method = (parser.isSet(names.data) || parser.isSet(names.dataFile)) ? QStringLiteral("POST")
                                                                                 : QStringLiteral("GET");
    } else {
        writeErr(QStringLiteral("apilens-cli send: expected [METHOD] URL; see apilens-cli send --help"));
        return std::nullopt;
    }
    for (const QString &line : parser.values(names.header)) {
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        if (colon <= 0) {
            writeErr(QStringLiteral("apilens-cli send: header '%1' is not 'Name: value'").arg(line));
            return std::nullopt;
        }
        spec.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed(), true});
    }
    if (parser.isSet(names.data) && parser.isSet(names.dataFile)) {
        writeErr(QStringLiteral("apilens-cli send: use either -d or --data-file, not both"));
        return std::nullopt;
    }
    if (parser.isSet(names.data)) {
        spec.body.kind = Core::BodyKind::Raw;
        spec.body.raw = parser.value(names.data).toUtf8();
        const QByteArray trimmed = spec.body.raw.trimmed();
        spec.body.contentType = trimmed.startsWith('{') || trimmed.startsWith('[')
                                    ? QStringLiteral("application/json")
                                    : QStringLiteral("application/x-www-form-urlencoded");
    } else if (parser.isSet(names.dataFile)) {
        spec.body.kind = Core::BodyKind::BinaryFile;
        spec.body.filePath = parser.value(names.dataFile);
    }
    bool ok = false;
    const double seconds = parser.value(names.timeout).toDouble(&ok);
    if (!ok || seconds < 0 || seconds > 86400 * 365) {
        writeErr(QStringLiteral("apilens-cli send: --timeout takes seconds, not '%1'")
                     .arg(parser.value(names.timeout)));
        return std::nullopt;
    }
    spec.settings.timeoutMs = int(seconds * 1000.0);
    spec.settings.verifyTls = !parser.isSet(names.insecure);
    spec.settings.followRedirects = !parser.isSet(names.noRedirect);
    spec.settings.maxRedirects = parser.value(names.maxRedirects).toInt();
    spec.settings.http2PriorKnowledge = parser.isSet(names.http2PriorKnowledge);
    return spec;
}

// A pipe holds 64 KB unless asked: a body of gigabytes then goes out in 64 KB turns, one
// context switch each (half the time of `send URL | cat` went to them). 1 MB, the most a
// process may ask for without privileges; nothing changes for anything but a pipe.
void widenPipe(int fd)
{
    struct stat info = {};
    if (fstat(fd, &info) == 0 && S_ISFIFO(info.st_mode)) {
        fcntl(fd, F_SETPIPE_SZ, 1 << 20);
    }
}

// Where a streamed body goes: the -o file, or standard output.
class BodyOutput
{
public:
    explicit BodyOutput(QFile *file)
        : m_file(file)
    {}
    bool write(QByteArrayView chunk, QString *error)
    {
        if (!m_file) {
            if (std::fwrite(chunk.data(), 1, size_t(chunk.size()), stdout) != size_t(chunk.size())) {
                *error = QStringLiteral("Could not write the body to standard output (%1)")
                             .arg(QString::fromLocal8Bit(std::strerror(errno)));
                return false;
            }
            return true;
        }
        if (m_file->write(chunk.data(), chunk.size()) != chunk.size()) {
            *error = QStringLiteral("Could not write the body to %1: %2")
                         .arg(m_file->fileName(), m_file->errorString());
            return false;
        }
        return true;
    }

private:
    QFile *m_file;
};

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
    const SendOptionNames names;
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
    const QCommandLineOption output(
        {QStringLiteral("o"), QStringLiteral("output")},
        QStringLiteral("Write the response body to FILE as it arrives (the status "
                       "line and headers still go to standard output)."),
        QStringLiteral("FILE"));
    const QCommandLineOption maxBody(
        QStringLiteral("max-body"),
        QStringLiteral("Stop a response body at SIZE (bytes, or with k, M, G: 500k, 100M, 2G). Default: no "
                       "limit when the body is streamed (-o, a pipe), 2G otherwise."),
        QStringLiteral("SIZE"));
    parser.addOptions({names.header, names.data, names.dataFile, names.timeout, names.insecure,
                       names.noRedirect, names.maxRedirects, names.http2PriorKnowledge, checkStatus, json,
                       verbose, color, output, maxBody});
    if (const auto stop = parseCommandLine(parser, QStringLiteral("send"), arguments)) {
        return *stop;
    }
    Terminal::ColorMode colorMode = Terminal::ColorMode::Auto;
    if (!colorModeOption(parser, color, QStringLiteral("send"), &colorMode)) {
        return ExitError;
    }
    const Terminal terminal(colorMode, isatty(STDOUT_FILENO) != 0);
    const std::optional<Core::RequestSpec> spec = requestFromOptions(parser, names);
    if (!spec) {
        return ExitError;
    }
    std::optional<qint64> limit;
    if (parser.isSet(maxBody)) {
        limit = Core::parseSize(parser.value(maxBody));
        if (!limit || *limit <= 0) {
            writeErr(
                QStringLiteral("apilens-cli send: --max-body takes a size such as 500k, 100M or 2G, not '%1'")
                    .arg(parser.value(maxBody)));
            return ExitError;
        }
    }
    // The -o file is opened (and an older one replaced) only once a response comes: a dead
    // server leaves it as it was. Whether it can be written is checked now.
    QFile file(parser.value(output));
    const QFileInfo target(file.fileName());
    if (parser.isSet(output) && (target.exists() ? !target.isWritable() || target.isDir()
                                                 : !QFileInfo(target.absolutePath()).isWritable())) {
        writeErr(QStringLiteral("apilens-cli send: cannot write %1: %2")
                     .arg(file.fileName(), target.exists()
                                               ? QStringLiteral("not writable")
                                               : QStringLiteral("no such folder, or not writable")));
        return ExitError;
    }
    // A body for a file or a pipe is written as it arrives, in constant memory; a terminal gets
    // it whole (JSON indented).
    const bool streamed = parser.isSet(output) || (!terminal.isTty() && !parser.isSet(json));

    Core::HttpClient client;
    if (limit) {
        client.setMaxBodyBytes(*limit);
    } else if (streamed) {
        client.setMaxBodyBytes(std::numeric_limits<qint64>::max());
    }
    Core::PendingExchange *pending = client.send(*spec);
    BodyOutput out(parser.isSet(output) ? &file : nullptr);
    if (streamed && !parser.isSet(output)) {
        widenPipe(STDOUT_FILENO);
    }
    if (streamed) {
        QObject::connect(pending, &Core::PendingExchange::responseStarted, pending, [&] {
            if (parser.isSet(output) && !file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
                writeErr(QStringLiteral("apilens-cli send: cannot write %1: %2")
                             .arg(file.fileName(), file.errorString()));
                pending->cancel();
                return;
            }
            if (parser.isSet(json)) {
                return;
            }
            if (parser.isSet(verbose)) {
                printSent(pending->exchange(), terminal);
            }
            printHead(pending->exchange(), terminal);
            std::fflush(stdout);
        });
        pending->setBodySink(
            [&out](QByteArrayView chunk, QString *error) { return out.write(chunk, error); });
    }
    QEventLoop loop;
    QObject::connect(pending, &Core::PendingExchange::finished, &loop, &QEventLoop::quit);
    // Ctrl+C (or SIGTERM) cancels the request: what came so far is written and said.
    Core::quitOnSignals(&loop, [pending] { pending->cancel(); });
    if (!pending->isFinished()) {
        loop.exec();
    }
    const Core::Exchange &exchange = pending->exchange();
    file.close();

    if (parser.isSet(json)) {
        std::optional<Core::ErrorReport> report;
        if (exchange.hasResponse()) {
            report = Core::analyzeError(exchange.status, exchange.headers,
                                        exchange.body.bytes(Core::ErrorBodyLimitBytes));
        }
        writeOut(QJsonDocument(Core::exchangeToJson(exchange, report ? &*report : nullptr))
                     .toJson(QJsonDocument::Compact) +
                 '\n');
    } else if (!streamed || !exchange.hasResponse()) {
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
    } else if (!spec->settings.verifyTls && exchange.request.url.scheme() == QLatin1String("https")) {
        writeErr(QStringLiteral("apilens-cli: warning: TLS certificate verification is off"));
    }
    std::fflush(stdout);
    return exitCodeFor(exchange, parser.isSet(checkStatus));
}

} // namespace ApiLens::Cli
