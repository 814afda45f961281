#include "interopcommand.h"

#include "sendcommand.h"
#include "terminal.h"

#include "catalog/catalog.h"
#include "collections/collection.h"
#include "collections/httpdocument.h"
#include "collections/variables.h"
#include "history/historystore.h"
#include "interop/commandexport.h"
#include "interop/curl.h"
#include "interop/har.h"
#include "interop/importer.h"
#include "interop/insomnia.h"
#include "interop/openapi.h"
#include "interop/postman.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QStandardPaths>
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

// The history of the GUI (or the database given) as HAR 1.2.
int exportHistory(const QString &database, const QString &output, bool includeSecrets, int limit)
{
    const QString path = !database.isEmpty()
                             ? database
                             : QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
                                   QStringLiteral("/ApiLens/ApiLens/history.sqlite");
    if (!QFileInfo::exists(path)) {
        writeErr(QStringLiteral("apilens-cli export: no history at %1").arg(path));
        return ExitError;
    }
    Core::HistoryStore store;
    QString error;
    if (!store.open(path, &error)) {
        writeErr(QStringLiteral("apilens-cli export: %1").arg(error));
        return ExitError;
    }
    Core::HarOptions options;
    options.includeSecrets = includeSecrets;
    options.creatorVersion = QStringLiteral(APILENS_VERSION);
    int count = 0;
    const QByteArray har = Core::exportHistoryHar(store, limit, options, &count);
    if (output.isEmpty()) {
        writeOut(har);
        return ExitOk;
    }
    if (!Core::writeFileAtomically(output, har, &error)) {
        writeErr(QStringLiteral("apilens-cli export: %1").arg(error));
        return ExitError;
    }
    writeErr(QStringLiteral("apilens-cli export: %1 exchanges written to %2").arg(count).arg(output));
    return ExitOk;
}

// A .http file or collection folder as a Postman v2.1 collection; an environment's public
// values become collection variables (secrets stay out).
int exportPostman(const QString &path, const QString &environment, const QString &output)
{
    if (path.isEmpty() || !QFileInfo::exists(path)) {
        writeErr(QStringLiteral("apilens-cli export: expected a .http file or collection folder"));
        return ExitError;
    }
    // The $shared values, and the chosen environment's public ones, go in as collection variables.
    const QString folder = QFileInfo(path).isDir() ? path : QFileInfo(path).absolutePath();
    QStringList problems;
    const Core::Environments environments = Core::Environments::load(folder, &problems);
    if (!environment.isEmpty() && !environments.contains(environment)) {
        writeErr(QStringLiteral("apilens-cli export: no environment '%1' in %2").arg(environment, folder));
        return ExitError;
    }
    const QHash<QString, QString> variables = environments.publicVariables(environment);
    QStringList lost;
    const QByteArray collection = Core::exportPostman(path, variables, &lost);
    for (const QString &item : std::as_const(lost)) {
        writeErr(QStringLiteral("apilens-cli export: not carried over: %1").arg(item));
    }
    if (output.isEmpty()) {
        writeOut(collection);
        return ExitOk;
    }
    QString error;
    if (!Core::writeFileAtomically(output, collection, &error)) {
        writeErr(QStringLiteral("apilens-cli export: %1").arg(error));
        return ExitError;
    }
    return ExitOk;
}

} // namespace

int runImport(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Import a request into a collection folder."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("format"),
                                 QStringLiteral("curl, har, postman, insomnia or openapi"));
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
    const QString format = positional[0];
    static const QStringList formats = {QStringLiteral("curl"), QStringLiteral("har"),
                                        QStringLiteral("postman"), QStringLiteral("insomnia"),
                                        QStringLiteral("openapi")};
    if (!formats.contains(format)) {
        writeErr(QStringLiteral("apilens-cli import: '%1' is not a format this version imports (curl, har, "
                                "postman, insomnia, openapi)")
                     .arg(format));
        return ExitError;
    }
    QString error;
    const std::optional<QByteArray> input = readInput(positional[1], &error);
    if (!input) {
        writeErr(QStringLiteral("apilens-cli import: %1").arg(error));
        return ExitError;
    }
    Core::ImportResult result;
    if (format == QLatin1String("har")) {
        result = Core::importHar(*input);
    } else if (format == QLatin1String("insomnia")) {
        result = Core::importInsomnia(*input);
    } else if (format == QLatin1String("openapi")) {
        result = Core::importOpenApi(*input); // 3.0 or 3.1, JSON or YAML
    } else if (format == QLatin1String("postman")) {
        // A collection (v2.0/v2.1) or an environment; its files are where newman would look.
        result = Core::importPostman(*input, QDir::currentPath());
    } else {
        // Files the command names (-d @file, -F x=@file) are where curl would look: in the
        // working directory, wherever the command itself was saved.
        result = Core::importCurl(QString::fromUtf8(*input), QDir::currentPath(),
                                  parser.isSet(name) ? parser.value(name) : QString());
    }
    if (!result.ok()) {
        writeErr(QStringLiteral("apilens-cli import: %1: %2").arg(positional[1], result.error));
        return ExitError;
    }
    // Nothing is written until the import has succeeded.
    QStringList written;
    if (!Core::writeImport(parser.value(out), result, &written, &error)) {
        writeErr(QStringLiteral("apilens-cli import: %1").arg(error));
        return ExitError;
    }
    for (const Core::ImportedRequest &request : std::as_const(result.requests)) {
        writeOut("Added \"" + request.name.toUtf8() + "\" to " +
                 QDir(parser.value(out)).filePath(request.file).toUtf8() + '\n');
    }
    for (const Core::ImportResult::Environment &environment : std::as_const(result.environments)) {
        if (environment.name == Core::Environments::sharedName()) {
            // Collection-wide defaults: every environment inherits them and may override them.
            writeOut("Added " + QByteArray::number(environment.values.size()) +
                     " variables to $shared (every environment can override them)\n");
            continue;
        }
        writeOut("Added the environment \"" + environment.name.toUtf8() + "\" (" +
                 QByteArray::number(environment.values.size()) + " values, " +
                 QByteArray::number(environment.secrets.size()) + " secret)\n");
    }
    if (!result.catalog.isEmpty()) {
        writeOut("Added the documented responses of " +
                 QByteArray::number(result.catalog.value(QStringLiteral("operations")).toArray().size()) +
                 " operations to " +
                 QDir(parser.value(out)).filePath(Core::Catalog::collectionFileName()).toUtf8() + '\n');
    }
    for (const QString &warning : std::as_const(result.warnings)) {
        writeErr(QStringLiteral("apilens-cli import: not carried over: %1").arg(warning));
    }
    return ExitOk;
}

int runExport(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Print the requests of a .http file as commands."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("format"), QStringLiteral("curl or har"));
    parser.addPositionalArgument(
        QStringLiteral("path"),
        QStringLiteral("curl: a .http file; har: a history database (default: the app\'s)."));
    const QCommandLineOption request(QStringLiteral("request"),
                                     QStringLiteral("Only the request with this name."),
                                     QStringLiteral("NAME"));
    const QCommandLineOption env(
        QStringLiteral("env"),
        QStringLiteral("Fill in {{variables}} from this environment of the file's folder."),
        QStringLiteral("NAME"));
    const QCommandLineOption output(QStringLiteral("output"),
                                    QStringLiteral("har: write to FILE (default: standard output)."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption secrets(
        QStringLiteral("include-secrets"),
        QStringLiteral("curl: fill in the secret values too (the private environment, .env files); "
                       "har: keep Authorization, cookies and tokens. Both left out by default."));
    const QCommandLineOption limit(QStringLiteral("limit"),
                                   QStringLiteral("har: the newest N exchanges (default 1000)."),
                                   QStringLiteral("N"), QStringLiteral("1000"));
    parser.addOption(request);
    parser.addOption(env);
    parser.addOption(output);
    parser.addOption(secrets);
    parser.addOption(limit);
    if (const auto stop = parseCommandLine(parser, QStringLiteral("export"), arguments)) {
        return *stop;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.value(0) == QLatin1String("postman")) {
        return exportPostman(positional.value(1), parser.value(env), parser.value(output));
    }
    if (positional.value(0) == QLatin1String("har")) {
        return exportHistory(positional.value(1), parser.value(output), parser.isSet(secrets),
                             parser.value(limit).toInt());
    }
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
    Core::VariableResolver resolver;
    QStringList secretNames;
    if (parser.isSet(env)) {
        QStringList problems;
        const Core::Environments environments =
            Core::Environments::load(QFileInfo(positional[1]).absolutePath(), &problems);
        if (!environments.contains(parser.value(env))) {
            writeErr(QStringLiteral("apilens-cli export: no environment '%1' next to %2")
                         .arg(parser.value(env), positional[1]));
            return ExitError;
        }
        // A command is pasted into chats and tickets: secret values stay {{variables}} unless asked.
        secretNames = environments.privateVariables(parser.value(env)).keys();
        if (parser.isSet(secrets)) {
            resolver.privateEnvironment = environments.privateVariables(parser.value(env));
        }
        resolver.publicEnvironment = environments.publicVariables(parser.value(env));
    }
    QStringList unresolved;
    QByteArrayList commands;
    for (const Core::CurlCommand &command :
         Core::curlCommands(Core::HttpDocument::parse(*input), resolver, &unresolved)) {
        if (parser.isSet(request) && command.name != parser.value(request)) {
            continue;
        }
        QByteArray text = command.command.toUtf8();
        if (!command.name.isEmpty()) {
            text.prepend("# " + command.name.toUtf8() + '\n');
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
    QStringList secretLeft;
    for (const QString &name : std::as_const(unresolved)) {
        if (secretNames.contains(name) && !secretLeft.contains(name)) {
            secretLeft.append(name);
        }
    }
    if (!secretLeft.isEmpty() && !parser.isSet(secrets)) {
        writeErr(
            QStringLiteral("apilens-cli export: {{%1}} left as written: secret (the private environment); "
                           "--include-secrets fills in their values")
                .arg(secretLeft.join(QStringLiteral("}}, {{"))));
    }
    writeOut(commands.join("\n\n") + '\n');
    return ExitOk;
}

} // namespace ApiLens::Cli
