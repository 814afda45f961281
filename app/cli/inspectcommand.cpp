#include "inspectcommand.h"

#include "sendcommand.h"
#include "terminal.h"

#include "errors/erroranalyzer.h"
#include "errors/rawresponse.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>
#include <unistd.h>

namespace ApiLens::Cli {

namespace {

QByteArray text(const QJsonValue &value)
{
    if (value.isNull() || value.isUndefined()) {
        return QByteArrayLiteral("—");
    }
    if (value.isDouble()) {
        return QByteArray::number(value.toDouble(), 'g', 15);
    }
    return value.toString().toUtf8();
}

} // namespace

int runInspect(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Read a saved HTTP response and explain its error."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("response"),
                                 QStringLiteral("A response file: status line, headers, body."));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Print the normalized record as JSON."));
    const QCommandLineOption color(QStringLiteral("color"),
                                   QStringLiteral("Colour output: auto, always or never."),
                                   QStringLiteral("WHEN"), QStringLiteral("auto"));
    parser.addOptions({json, color});
    if (!parser.parse(QStringList{QStringLiteral("apilens-cli inspect")} + arguments)) {
        writeErr(QStringLiteral("apilens-cli inspect: %1").arg(parser.errorText()));
        return ExitError;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        writeOut(parser.helpText().toUtf8());
        return ExitOk;
    }
    if (parser.positionalArguments().size() != 1) {
        writeErr(QStringLiteral(
            "apilens-cli inspect: expected one response file; see apilens-cli inspect --help"));
        return ExitError;
    }
    Terminal::ColorMode colorMode = Terminal::ColorMode::Auto;
    if (!Terminal::parseColorMode(parser.value(color), &colorMode)) {
        writeErr(QStringLiteral("apilens-cli inspect: --color takes auto, always or never"));
        return ExitError;
    }
    const QString path = parser.positionalArguments().constFirst();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        writeErr(QStringLiteral("apilens-cli: cannot read %1: %2").arg(path, file.errorString()));
        return ExitError;
    }
    Core::RawResponse response;
    QString error;
    if (!Core::parseRawResponse(file.readAll(), &response, &error)) {
        writeErr(
            QStringLiteral("apilens-cli: %1:%2").arg(path, error.mid(5))); // "line N: ..." -> "path:N: ..."
        return ExitError;
    }
    const Core::ErrorReport report = Core::analyzeError(response.status, response.headers, response.body);
    QJsonObject record = report.toJson();
    record.insert(QStringLiteral("file"), QFileInfo(path).fileName());
    if (parser.isSet(json)) {
        writeOut(QJsonDocument(record).toJson(QJsonDocument::Compact) + '\n');
        return ExitOk;
    }
    const Terminal terminal(colorMode, isatty(STDOUT_FILENO) != 0);
    const Core::StatusClass statusClass = Core::statusClassOf(report.status);
    writeOut(terminal.statusColor(statusClass) + QByteArray::number(report.status) + ' ' +
             response.reason.trimmed() + terminal.reset() + terminal.dim() + "  (" +
             Core::statusClassName(statusClass).toUtf8() + ")" + terminal.reset() + '\n');
    const auto row = [&terminal](const char *label, const QByteArray &value) {
        writeOut(terminal.bold() + QByteArray(label).leftJustified(12, ' ') + terminal.reset() + value +
                 '\n');
    };
    row("format", report.format.toUtf8());
    row("code", text(record.value(QStringLiteral("code"))));
    row("message", text(record.value(QStringLiteral("message"))));
    row("request id", text(record.value(QStringLiteral("request_id"))));
    row("docs", text(record.value(QStringLiteral("doc_url"))));
    row("retry after", report.retryAfterSeconds
                           ? QByteArray(QByteArray::number(*report.retryAfterSeconds) + " s")
                           : QByteArrayLiteral("—"));
    for (const Core::FieldError &field : report.fieldErrors) {
        row("field", field.field.value_or(QStringLiteral("(none)")).toUtf8() + ": " +
                         field.message.value_or(QString()).toUtf8());
    }
    return ExitOk;
}

} // namespace ApiLens::Cli
