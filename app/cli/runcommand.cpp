#include "runcommand.h"

#include "sendcommand.h"
#include "terminal.h"

#include "catalog/catalog.h"
#include "collections/collectionrunner.h"
#include "http/httpclient.h"
#include "scripting/foldertrust.h"
#include "scripting/scripthost.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QXmlStreamWriter>

#include <unistd.h>

namespace ApiLens::Cli {

namespace {

QString outcomeWord(Core::AssertionResult::Outcome outcome)
{
    switch (outcome) {
    case Core::AssertionResult::Outcome::Passed:
        return QStringLiteral("passed");
    case Core::AssertionResult::Outcome::Failed:
        return QStringLiteral("failed");
    case Core::AssertionResult::Outcome::NotRun:
        break;
    }
    return QStringLiteral("not run");
}

QString failureText(const Core::RunResult &result)
{
    if (!result.sent()) {
        return result.problem;
    }
    if (result.exchange.error != Core::TransportError::None) {
        return result.exchange.errorMessage;
    }
    QStringList lines;
    if (result.checkStatus && result.exchange.status >= 400) {
        lines.append(QStringLiteral("status %1").arg(result.exchange.status));
    }
    for (const Core::AssertionResult &assertion : result.assertions) {
        if (assertion.outcome == Core::AssertionResult::Outcome::Failed) {
            lines.append(QStringLiteral("?? %1: %2").arg(assertion.assertion, assertion.message));
        }
    }
    return lines.join(QLatin1Char('\n'));
}

QByteArray consoleLine(const Core::RunResult &result, const Terminal &terminal, const Core::Catalog &catalog)
{
    const Core::Exchange &ex = result.exchange;
    const Core::StatusClass statusClass = ex.statusClass();
    const bool ok = result.passed();
    QByteArray line = (ok ? terminal.statusColor(Core::StatusClass::Success) + "✓ "
                          : terminal.statusColor(Core::StatusClass::ServerError) + "✗ ") +
                      terminal.reset();
    if (ex.hasResponse()) {
        line += terminal.statusColor(statusClass) + QByteArray::number(ex.status) + terminal.reset() + ' ';
    } else {
        line += terminal.statusColor(Core::StatusClass::None) + "---" + terminal.reset() + ' ';
    }
    line += result.method.toUtf8() + ' ' + result.name.toUtf8() + terminal.dim() + "  " +
            result.file.toUtf8() + ':' + QByteArray::number(result.line);
    if (result.sent()) {
        line += "  " + QByteArray::number(qRound(ex.timings.totalMs())) + " ms";
    }
    line += terminal.reset() + '\n';
    for (const Core::AssertionResult &assertion : result.assertions) {
        if (assertion.outcome != Core::AssertionResult::Outcome::Passed) {
            line += "    ?? " + assertion.assertion.toUtf8() + " — " +
                    outcomeWord(assertion.outcome).toUtf8() +
                    (assertion.message.isEmpty() ? QByteArray() : ": " + assertion.message.toUtf8()) + '\n';
        }
    }
    for (const QString &logged : result.log) {
        line += terminal.dim() + "    │ " + logged.toUtf8() + terminal.reset() + '\n';
    }
    if (!result.unresolved.isEmpty()) {
        line += "    sent with {{" + result.unresolved.join(QStringLiteral("}}, {{")).toUtf8() +
                "}} as written\n";
    }
    if (!result.sent()) {
        line += "    " + result.problem.toUtf8() + '\n';
    } else if (ex.error != Core::TransportError::None) {
        line += "    " + ex.errorMessage.toUtf8() + '\n';
    }
    // A failing request shows what its error body says.
    if (!ok && result.report) {
        const Core::ErrorReport &report = *result.report;
        QByteArray summary = "    " + Core::formatDisplayName(report.format).toUtf8();
        if (!report.code.isNull()) {
            summary +=
                " · code " + (report.code.isDouble() ? QByteArray::number(report.code.toDouble(), 'g', 15)
                                                     : report.code.toString().toUtf8());
        }
        if (report.message) {
            summary += " · " + report.message->left(160).toUtf8();
        }
        line += summary + '\n';
        const Core::Explanation explanation =
            catalog.explain(report, {}, QString::fromLatin1(ex.request.method), ex.request.url);
        if (const Core::DocumentedResponse *documented = explanation.documented) {
            line += "    spec: " + explanation.operation->api.toUtf8() + ", " +
                    explanation.operation->method.toUtf8() + ' ' + explanation.operation->path.toUtf8() +
                    " " + documented->status.toUtf8() + ": " + documented->description.toUtf8() + '\n';
        } else if (explanation.operation) {
            line += "    spec: " + explanation.operation->api.toUtf8() + ", " +
                    explanation.operation->method.toUtf8() + ' ' + explanation.operation->path.toUtf8() +
                    ": " + QByteArray::number(ex.status) + " is not documented\n";
        }
        if (explanation.code) {
            line +=
                "    = " +
                (explanation.code->name.isEmpty() ? QByteArray() : explanation.code->name.toUtf8() + ": ") +
                explanation.code->meaning.toUtf8() + '\n';
        }
        for (const Core::FieldError &field : report.fieldErrors) {
            line += "      " + field.field.value_or(QStringLiteral("(request)")).toUtf8() + ": " +
                    field.message.value_or(QString()).toUtf8() + '\n';
        }
    }
    return line;
}

QJsonObject jsonResult(const Core::RunResult &result)
{
    QJsonArray assertions;
    for (const Core::AssertionResult &assertion : result.assertions) {
        assertions.append(QJsonObject{{QStringLiteral("assertion"), assertion.assertion},
                                      {QStringLiteral("outcome"), outcomeWord(assertion.outcome)},
                                      {QStringLiteral("message"), assertion.message}});
    }
    const Core::Exchange &ex = result.exchange;
    return QJsonObject{
        {QStringLiteral("file"), result.file},
        {QStringLiteral("line"), result.line},
        {QStringLiteral("name"), result.name},
        {QStringLiteral("method"), result.method},
        {QStringLiteral("url"), result.url},
        {QStringLiteral("passed"), result.passed()},
        {QStringLiteral("status"), ex.hasResponse() ? QJsonValue(ex.status) : QJsonValue()},
        {QStringLiteral("status_class"), Core::statusClassId(ex.statusClass())},
        {QStringLiteral("duration_ms"),
         result.sent() ? QJsonValue(qRound64(ex.timings.totalMs())) : QJsonValue()},
        {QStringLiteral("problem"),
         result.sent() ? (ex.error == Core::TransportError::None ? QJsonValue() : QJsonValue(ex.errorMessage))
                       : QJsonValue(result.problem)},
        {QStringLiteral("assertions"), assertions},
        {QStringLiteral("log"), QJsonArray::fromStringList(result.log)},
        {QStringLiteral("sent_unresolved"), QJsonArray::fromStringList(result.unresolved)},
        {QStringLiteral("error"), result.report ? QJsonValue(result.report->toJson()) : QJsonValue()},
    };
}

QByteArray junit(const Core::CollectionRunner &runner)
{
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("testsuites"));
    xml.writeAttribute(QStringLiteral("name"), QStringLiteral("apilens"));
    xml.writeAttribute(QStringLiteral("tests"), QString::number(runner.results().size()));
    xml.writeAttribute(QStringLiteral("failures"), QString::number(runner.failures()));
    QStringList files;
    for (const Core::RunResult &result : runner.results()) {
        if (!files.contains(result.file)) {
            files.append(result.file);
        }
    }
    for (const QString &file : std::as_const(files)) {
        int tests = 0;
        int failures = 0;
        double seconds = 0;
        for (const Core::RunResult &result : runner.results()) {
            if (result.file == file) {
                ++tests;
                failures += result.passed() ? 0 : 1;
                seconds += qMax(0.0, result.exchange.timings.totalMs()) / 1000.0;
            }
        }
        xml.writeStartElement(QStringLiteral("testsuite"));
        xml.writeAttribute(QStringLiteral("name"), file);
        xml.writeAttribute(QStringLiteral("tests"), QString::number(tests));
        xml.writeAttribute(QStringLiteral("failures"), QString::number(failures));
        xml.writeAttribute(QStringLiteral("errors"), QStringLiteral("0"));
        xml.writeAttribute(QStringLiteral("time"), QString::number(seconds, 'f', 3));
        for (const Core::RunResult &result : runner.results()) {
            if (result.file != file) {
                continue;
            }
            xml.writeStartElement(QStringLiteral("testcase"));
            xml.writeAttribute(QStringLiteral("classname"), file);
            xml.writeAttribute(QStringLiteral("name"),
                               QStringLiteral("%1 %2").arg(result.method, result.name));
            xml.writeAttribute(
                QStringLiteral("time"),
                QString::number(qMax(0.0, result.exchange.timings.totalMs()) / 1000.0, 'f', 3));
            if (!result.passed()) {
                xml.writeStartElement(QStringLiteral("failure"));
                const QString text = failureText(result);
                xml.writeAttribute(QStringLiteral("message"), text.section(QLatin1Char('\n'), 0, 0));
                xml.writeCharacters(text);
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeEndDocument();
    return out;
}

} // namespace

int runRun(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Run the requests of a .http file or a collection folder."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("path"), QStringLiteral("A .http file or a folder of them."));
    const QCommandLineOption env(QStringLiteral("env"),
                                 QStringLiteral("Environment from http-client.env.json."),
                                 QStringLiteral("NAME"));
    const QCommandLineOption request(QStringLiteral("request"),
                                     QStringLiteral("Run only the request with this name."),
                                     QStringLiteral("NAME"));
    const QCommandLineOption concurrency(
        QStringLiteral("concurrency"),
        QStringLiteral("Requests sent side by side: files, and the requests of a file that depend on nothing "
                       "before them (no scripts, @ref or @loop, earlier responses, or methods other than "
                       "GET, HEAD, OPTIONS, TRACE)."),
        QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption reporter(QStringLiteral("reporter"), QStringLiteral("console, json or junit."),
                                      QStringLiteral("NAME"), QStringLiteral("console"));
    const QCommandLineOption output(QStringLiteral("output"), QStringLiteral("Write the report to FILE."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption checkStatus(QStringLiteral("check-status"),
                                         QStringLiteral("A 4xx or 5xx response fails."));
    const QCommandLineOption color(QStringLiteral("color"),
                                   QStringLiteral("Colour output: auto, always or never."),
                                   QStringLiteral("WHEN"), QStringLiteral("auto"));
    const QCommandLineOption trust(
        QStringLiteral("trust"),
        QStringLiteral(
            "Run the files' scripts (JetBrains handlers, httpyac blocks, imported Postman scripts) "
            "even if their folder is not among the trusted ones."));
    const QCommandLineOption sendUnresolved(
        QStringLiteral("send-unresolved"),
        QStringLiteral("Send requests with unresolved {{variables}} as written (as newman and httpyac do)."));
    const QCommandLineOption allowOutsideFiles(
        QStringLiteral("allow-outside-files"),
        QStringLiteral(
            "Send body files ('< path', multipart files) from outside the collection folder; without "
            "it such a request is not sent, so a shared collection cannot send your files."));
    parser.addOptions({env, request, concurrency, reporter, output, checkStatus, color, trust, sendUnresolved,
                       allowOutsideFiles});
    if (const auto stop = parseCommandLine(parser, QStringLiteral("run"), arguments)) {
        return *stop;
    }
    if (parser.positionalArguments().size() != 1) {
        writeErr(
            QStringLiteral("apilens-cli run: expected one .http file or folder; see apilens-cli run --help"));
        return ExitError;
    }
    const QString reporterName = parser.value(reporter);
    if (reporterName != QLatin1String("console") && reporterName != QLatin1String("json") &&
        reporterName != QLatin1String("junit")) {
        writeErr(QStringLiteral("apilens-cli run: --reporter takes console, json or junit, not '%1'")
                     .arg(reporterName));
        return ExitError;
    }
    bool ok = false;
    const int lanes = parser.value(concurrency).toInt(&ok);
    if (!ok || lanes < 1 || lanes > 64) {
        writeErr(QStringLiteral("apilens-cli run: --concurrency takes a number from 1 to 64"));
        return ExitError;
    }
    Terminal::ColorMode colorMode = Terminal::ColorMode::Auto;
    if (!colorModeOption(parser, color, QStringLiteral("run"), &colorMode)) {
        return ExitError;
    }
    const bool toFile = parser.isSet(output);
    const Terminal terminal(toFile ? Terminal::ColorMode::Never : colorMode,
                            !toFile && isatty(STDOUT_FILENO) != 0);

    Core::HttpClient client;
    client.pool()->setMaxPerEndpoint(qMax(6, lanes)); // N lanes to one server are N connections
    Core::ScriptHost scripts;
    Core::CollectionRunner runner(&client, &scripts);
    Core::RunOptions options;
    const QString path = parser.positionalArguments().constFirst();
    options.allowOutsideFiles = parser.isSet(allowOutsideFiles);
    options.trustScripts =
        parser.isSet(trust) || Core::FolderTrust(Core::FolderTrust::defaultStorePath()).isTrusted(path);
    options.sendUnresolved = parser.isSet(sendUnresolved);
    options.environment = parser.value(env);
    options.request = parser.value(request);
    options.concurrency = lanes;
    options.checkStatus = parser.isSet(checkStatus);
    options.keepResults = reporterName != QLatin1String("console"); // it prints each as it ends
    // Environment and .env files are read from each file's folder up to here, as httpyac does.
    options.projectRoot = QDir::currentPath();
    QStringList errors;
    if (!runner.prepare(path, options, &errors)) {
        for (const QString &error : std::as_const(errors)) {
            writeErr(QStringLiteral("apilens-cli: %1").arg(error));
        }
        return ExitError;
    }
    // The collection's own catalog (apilens-catalog.json) explains its API's codes.
    Core::Catalog catalog;
    catalog.loadBuiltinAndUser(&errors);
    catalog.loadCollection(runner.root(), &errors);
    for (const QString &problem : errors + runner.warnings()) {
        writeErr(QStringLiteral("apilens-cli: %1").arg(problem));
    }
    const qsizetype warnedBefore = runner.warnings().size();
    QByteArray report;
    if (reporterName == QLatin1String("console")) {
        QObject::connect(&runner, &Core::CollectionRunner::requestFinished, &runner,
                         [&report, &terminal, &catalog, toFile](const Core::RunResult &result) {
                             const QByteArray line = consoleLine(result, terminal, catalog);
                             if (toFile) {
                                 report += line;
                             } else {
                                 writeOut(line);
                                 std::fflush(stdout);
                             }
                         });
    }
    QEventLoop loop;
    QObject::connect(&runner, &Core::CollectionRunner::finished, &loop, &QEventLoop::quit);
    runner.start();
    loop.exec();
    bool untrusted = false;
    for (const QString &problem : runner.warnings().mid(warnedBefore)) { // found while running (scripts)
        writeErr(QStringLiteral("apilens-cli: %1").arg(problem));
        untrusted = untrusted || problem.endsWith(QLatin1String("the folder is not trusted"));
    }
    if (untrusted) {
        writeErr(
            QStringLiteral("apilens-cli: scripts run in folders you trust: pass --trust, or trust the folder "
                           "in ApiLens (its trusted folders are in %1)")
                .arg(Core::FolderTrust::defaultStorePath()));
    }

    const int failed = runner.failures() + int(runner.warnings().size());
    if (reporterName == QLatin1String("console")) {
        const QByteArray closing = "\n" + QByteArray::number(runner.reported() - runner.failures()) +
                                   " passed, " + QByteArray::number(runner.failures()) + " failed\n";
        if (toFile) {
            report += closing;
        } else {
            writeOut(closing);
        }
    } else if (reporterName == QLatin1String("json")) {
        QJsonArray results;
        for (const Core::RunResult &result : runner.results()) {
            results.append(jsonResult(result));
        }
        report = QJsonDocument(
                     QJsonObject{{QStringLiteral("passed"), int(runner.results().size()) - runner.failures()},
                                 {QStringLiteral("failed"), runner.failures()},
                                 {QStringLiteral("warnings"), QJsonArray::fromStringList(runner.warnings())},
                                 {QStringLiteral("results"), results}})
                     .toJson(QJsonDocument::Indented);
    } else {
        report = junit(runner);
    }
    if (toFile) {
        QSaveFile file(parser.value(output));
        if (!file.open(QIODevice::WriteOnly) || file.write(report) != report.size() || !file.commit()) {
            writeErr(QStringLiteral("apilens-cli: cannot write %1: %2")
                         .arg(parser.value(output), file.errorString()));
            return ExitError;
        }
    } else if (reporterName != QLatin1String("console")) {
        writeOut(report);
    }
    std::fflush(stdout);
    return failed == 0 ? ExitOk : ExitError;
}

} // namespace ApiLens::Cli
