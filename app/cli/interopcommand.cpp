#include "interopcommand.h"

#include "sendcommand.h"
#include "terminal.h"

#include "collections/collection.h"
#include "collections/httpdocument.h"
#include "collections/variables.h"
#include "interop/curl.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUrl>

#include <cstdio>

namespace ApiLens::Cli {

namespace {

std::optional<QByteArray> readInput(const QString &path, QString *error)
{
    QFile file;
    if (path == QLatin1String("-")) {
        if (!file.open(stdin, QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read standard input");
            return std::nullopt;
        }
    } else {
        file.setFileName(path);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("%1: %2").arg(path, file.errorString());
            return std::nullopt;
        }
    }
    return file.readAll();
}

QString defaultName(const Core::RequestSpec &spec)
{
    const QUrl url(spec.url);
    const QString path = url.path().isEmpty() ? QStringLiteral("/") : url.path();
    return spec.method + QLatin1Char(' ') + path;
}

} // namespace

int runImport(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Import a request into a collection folder."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("format"), QStringLiteral("curl"));
    parser.addPositionalArgument(QStringLiteral("input"),
                                 QStringLiteral("A file holding the command, or - for standard input."));
    const QCommandLineOption out(
        QStringLiteral("out"), QStringLiteral("The collection folder to write into."), QStringLiteral("DIR"));
    const QCommandLineOption name(QStringLiteral("name"),
                                  QStringLiteral("The request's name (default: METHOD /path)."),
                                  QStringLiteral("NAME"));
    parser.addOption(out);
    parser.addOption(name);
    if (const auto stop = parseCommandLine(parser, QStringLiteral("import"), arguments)) {
        return *stop;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2 || !parser.isSet(out)) {
        writeErr(
            QStringLiteral("apilens-cli import: expected a format, an input and --out DIR (see --help)"));
        return ExitError;
    }
    if (positional[0] != QLatin1String("curl")) {
        writeErr(QStringLiteral("apilens-cli import: '%1' is not a format this version imports (curl)")
                     .arg(positional[0]));
        return ExitError;
    }
    QString error;
    const std::optional<QByteArray> input = readInput(positional[1], &error);
    if (!input) {
        writeErr(QStringLiteral("apilens-cli import: %1").arg(error));
        return ExitError;
    }
    // Files the command names (-d @file, -F x=<file) are next to the input file.
    const QDir base =
        positional[1] == QLatin1String("-") ? QDir::current() : QFileInfo(positional[1]).absoluteDir();
    const Core::CurlImport imported =
        Core::parseCurl(QString::fromUtf8(*input), [&base](const QString &path) {
            QFile file(base.filePath(path));
            return file.open(QIODevice::ReadOnly) ? std::optional<QByteArray>(file.readAll()) : std::nullopt;
        });
    if (!imported.ok()) {
        writeErr(QStringLiteral("apilens-cli import: %1: %2").arg(positional[1], imported.error));
        return ExitError;
    }
    // Nothing is written until the import has succeeded.
    const QString folder = parser.value(out);
    if (!QDir().mkpath(folder)) {
        writeErr(QStringLiteral("apilens-cli import: cannot create %1").arg(folder));
        return ExitError;
    }
    const QString target = QDir(folder).filePath(QStringLiteral("requests.http"));
    QByteArray before;
    if (QFile existing(target); existing.exists()) {
        if (!existing.open(QIODevice::ReadOnly)) {
            writeErr(QStringLiteral("apilens-cli import: %1: %2").arg(target, existing.errorString()));
            return ExitError;
        }
        before = existing.readAll();
    }
    const Core::HttpFileRequest request = Core::forHttpFile(imported.spec);
    Core::HttpDocument document = Core::HttpDocument::parse(before);
    const QString requestName = parser.isSet(name) ? parser.value(name) : defaultName(imported.spec);
    document.appendRequest(requestName, request.spec, request.directives);
    if (!Core::writeFileAtomically(target, document.serialize(), &error)) {
        writeErr(QStringLiteral("apilens-cli import: %1").arg(error));
        return ExitError;
    }
    writeOut("Added \"" + requestName.toUtf8() + "\" to " + target.toUtf8() + '\n');
    for (const QString &option : imported.unknownOptions + request.lost) {
        writeErr(QStringLiteral("apilens-cli import: not carried over: %1").arg(option));
    }
    return ExitOk;
}

int runExport(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Print the requests of a .http file as commands."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("format"), QStringLiteral("curl"));
    parser.addPositionalArgument(QStringLiteral("path"), QStringLiteral("A .http file."));
    const QCommandLineOption request(QStringLiteral("request"),
                                     QStringLiteral("Only the request with this name."),
                                     QStringLiteral("NAME"));
    const QCommandLineOption env(
        QStringLiteral("env"),
        QStringLiteral("Fill in {{variables}} from this environment of the file's folder."),
        QStringLiteral("NAME"));
    parser.addOption(request);
    parser.addOption(env);
    if (const auto stop = parseCommandLine(parser, QStringLiteral("export"), arguments)) {
        return *stop;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2) {
        writeErr(QStringLiteral("apilens-cli export: expected a format and a .http file (see --help)"));
        return ExitError;
    }
    if (positional[0] != QLatin1String("curl")) {
        writeErr(QStringLiteral("apilens-cli export: '%1' is not a format this version exports (curl)")
                     .arg(positional[0]));
        return ExitError;
    }
    QString error;
    const std::optional<QByteArray> input = readInput(positional[1], &error);
    if (!input) {
        writeErr(QStringLiteral("apilens-cli export: %1").arg(error));
        return ExitError;
    }
    const Core::HttpDocument document = Core::HttpDocument::parse(*input);
    Core::VariableResolver resolver;
    resolver.requestVariables = document.fileVariables();
    if (parser.isSet(env)) {
        QStringList problems;
        const Core::Environments environments =
            Core::Environments::load(QFileInfo(positional[1]).absolutePath(), &problems);
        if (!environments.contains(parser.value(env))) {
            writeErr(QStringLiteral("apilens-cli export: no environment '%1' next to %2")
                         .arg(parser.value(env), positional[1]));
            return ExitError;
        }
        resolver.privateEnvironment = environments.privateVariables(parser.value(env));
        resolver.publicEnvironment = environments.publicVariables(parser.value(env));
    }
    QByteArrayList commands;
    for (const Core::HttpRequestBlock &block : document.requests()) {
        if (parser.isSet(request) && block.name != parser.value(request)) {
            continue;
        }
        QStringList unresolved;
        const Core::RequestSpec spec = resolver.resolve(block.toSpec(), &unresolved);
        QByteArray text = Core::toCurl(spec).toUtf8();
        if (!block.name.isEmpty()) {
            text.prepend("# " + block.name.toUtf8() + '\n');
        }
        commands.append(text);
    }
    if (commands.isEmpty()) {
        writeErr(parser.isSet(request)
                     ? QStringLiteral("apilens-cli export: no request named '%1' in %2")
                           .arg(parser.value(request), positional[1])
                     : QStringLiteral("apilens-cli export: no requests in %1").arg(positional[1]));
        return ExitError;
    }
    writeOut(commands.join("\n\n") + '\n');
    return ExitOk;
}

} // namespace ApiLens::Cli
