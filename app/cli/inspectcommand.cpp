#include "inspectcommand.h"

#include "sendcommand.h"
#include "terminal.h"

#include "catalog/catalog.h"
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
    const QCommandLineOption catalogName(
        QStringLiteral("catalog"),
        QStringLiteral("Explain with this API's catalog (e.g. netilion, extole, exto)."),
        QStringLiteral("NAME"));
    parser.addOptions({json, color, catalogName});
    if (const auto stop = parseCommandLine(parser, QStringLiteral("inspect"), arguments)) {
        return *stop;
    }
    if (parser.positionalArguments().size() != 1) {
        writeErr(QStringLiteral(
            "apilens-cli inspect: expected one response file; see apilens-cli inspect --help"));
        return ExitError;
    }
    Terminal::ColorMode colorMode = Terminal::ColorMode::Auto;
    if (!colorModeOption(parser, color, QStringLiteral("inspect"), &colorMode)) {
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
    Core::Catalog catalog;
    QStringList catalogErrors;
    catalog.loadBuiltinAndUser(&catalogErrors);
    for (const QString &problem : std::as_const(catalogErrors)) {
        writeErr(QStringLiteral("apilens-cli: catalog: %1").arg(problem)); // reported, not fatal
    }
    QString vendorId = parser.value(catalogName);
    if (vendorId.endsWith(QLatin1String(".json"))) {
        // A catalog file (a collection's apilens-catalog.json): load it and use its profile.
        QFile catalogFile(vendorId);
        if (!catalogFile.open(QIODevice::ReadOnly)) {
            writeErr(
                QStringLiteral("apilens-cli: cannot read %1: %2").arg(vendorId, catalogFile.errorString()));
            return ExitError;
        }
        const QByteArray bytes = catalogFile.readAll();
        QStringList fileErrors;
        if (!catalog.loadData(bytes, vendorId, &fileErrors)) {
            writeErr(QStringLiteral("apilens-cli: %1").arg(fileErrors.join(QStringLiteral("; "))));
            return ExitError;
        }
        vendorId = QJsonDocument::fromJson(bytes).object().value(QStringLiteral("id")).toString();
    }
    if (!vendorId.isEmpty() && !catalog.vendor(vendorId)) {
        QStringList known;
        for (const Core::VendorProfile *profile : catalog.vendors()) {
            known.append(profile->id);
        }
        writeErr(QStringLiteral("apilens-cli: no catalog named '%1'; known: %2")
                     .arg(vendorId, known.join(QStringLiteral(", "))));
        return ExitError;
    }
    // The record does not depend on the catalog, but a wrong --catalog is an error either way.
    if (parser.isSet(json)) {
        writeOut(QJsonDocument(record).toJson(QJsonDocument::Compact) + '\n');
        return ExitOk;
    }
    const Core::Explanation explanation = catalog.explain(report, vendorId);

    const Terminal terminal(colorMode, isatty(STDOUT_FILENO) != 0);
    const Core::StatusClass statusClass = Core::statusClassOf(report.status);
    const QByteArray reason = !response.reason.trimmed().isEmpty() ? response.reason.trimmed()
                              : explanation.status                 ? explanation.status->reason.toUtf8()
                                                                   : QByteArray();
    writeOut(terminal.statusColor(statusClass) + QByteArray::number(report.status) + ' ' + reason +
             terminal.reset() + terminal.dim() + "  (" + Core::statusClassName(statusClass).toUtf8() + ")" +
             terminal.reset() + '\n');
    const auto row = [&terminal](const char *label, const QByteArray &value) {
        writeOut(terminal.bold() + QByteArray(label).leftJustified(12, ' ') + terminal.reset() + value +
                 '\n');
    };
    if (explanation.vendorStatus) {
        row("the API", explanation.vendor->name.toUtf8() + ": " + explanation.vendorStatus->when.toUtf8());
    }
    if (const Core::StatusEntry *status = explanation.status) {
        row("means", status->description.toUtf8());
        row("expect", status->expect.toUtf8());
        row("try", status->tryText.toUtf8());
        row("retry", Core::retryText(status->retry).toUtf8());
        for (const Core::StatusEntry *other : explanation.alternatives) {
            row("also", other->vendor.toUtf8() + ": " + other->description.toUtf8());
        }
    }
    row("format", report.format.toUtf8() +
                      (explanation.vendor ? " (" + explanation.vendor->name.toUtf8() + ")" : QByteArray()));
    QByteArray code = text(record.value(QStringLiteral("code")));
    if (explanation.code) {
        code += " = " +
                (explanation.code->name.isEmpty() ? QByteArray() : explanation.code->name.toUtf8() + ": ") +
                explanation.code->meaning.toUtf8();
    }
    row("code", code);
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
