#include "scriptbridge.h"

#include "collections/variables.h"
#include "util/fileutil.h"

#include <QDir>
#include <QFileInfo>

namespace ApiLens::Core {

ScriptMessage scriptRequest(const RequestSpec &spec)
{
    ScriptMessage message;
    message.method = spec.method;
    message.url = spec.url;
    for (const KeyValue &header : spec.headers) {
        if (header.enabled) {
            message.headers.append({header.name, header.value});
        }
    }
    message.body = spec.body.kind == BodyKind::Raw ? spec.body.raw : QByteArray();
    return message;
}

ScriptMessage scriptResponse(const Exchange &exchange)
{
    ScriptMessage message;
    message.method = QString::fromLatin1(exchange.request.method);
    message.url = exchange.request.url.toString(QUrl::FullyEncoded);
    for (const Header &header : exchange.headers) {
        message.headers.append({QString::fromLatin1(header.first), QString::fromUtf8(header.second)});
    }
    // A body past ReadBodyLimitBytes reads as empty (RequestPipeline says why in the log).
    message.body = readableBody(exchange).value_or(QByteArray());
    message.status = exchange.status;
    message.reason = exchange.displayReason();
    message.durationMs = exchange.timings.totalMs();
    return message;
}

void applyScriptRequest(const ScriptMessage &changed, RequestSpec *spec)
{
    spec->method = changed.method.isEmpty() ? spec->method : changed.method;
    spec->url = changed.url.isEmpty() ? spec->url : changed.url;
    QList<KeyValue> headers;
    for (const KeyValue &header : std::as_const(spec->headers)) {
        if (!header.enabled) {
            headers.append(header); // kept as they were
        }
    }
    for (const auto &header : changed.headers) {
        headers.append(KeyValue{header.first, header.second, true});
    }
    spec->headers = headers;
    if (spec->body.kind == BodyKind::Raw) {
        spec->body.raw = changed.body;
    }
}

QString scriptDialect(const HttpScript &script)
{
    if (script.dialect == HttpScript::Dialect::Httpyac) {
        return QStringLiteral("httpyac");
    }
    return script.code.trimmed().startsWith(QLatin1String("// Postman")) ? QStringLiteral("postman")
                                                                         : QStringLiteral("jetbrains");
}

std::optional<QString> scriptCode(const HttpScript &script, const QString &httpFile, const QString &root,
                                  QString *error)
{
    if (script.file.isEmpty()) {
        return script.code;
    }
    const QString path = QDir::cleanPath(QFileInfo(httpFile).absoluteDir().absoluteFilePath(script.file));
    if (!path.startsWith(QDir::cleanPath(root) + QLatin1Char('/'))) {
        *error = QStringLiteral("script file %1 is outside the collection folder; not run").arg(script.file);
        return std::nullopt;
    }
    const std::optional<QByteArray> bytes = readFile(path, error);
    return bytes ? std::optional<QString>(QString::fromUtf8(*bytes)) : std::nullopt;
}

QHash<QString, QString> scriptVisibleVariables(const VariableResolver &resolver)
{
    QHash<QString, QString> variables;
    for (const QHash<QString, QString> *scope :
         {&resolver.publicEnvironment, &resolver.privateEnvironment, &resolver.requestVariables}) {
        for (auto it = scope->cbegin(); it != scope->cend(); ++it) {
            variables.insert(it.key(), resolver.value(it.key()).value_or(*it));
        }
    }
    return variables;
}

void mergeScriptGlobals(const ScriptOutcome &outcome, QHash<QString, QJsonValue> *globals)
{
    for (auto it = outcome.globals.cbegin(); it != outcome.globals.cend(); ++it) {
        globals->insert(it.key(), *it);
    }
    for (const QString &name : outcome.unset) {
        globals->remove(name);
    }
}

QList<AssertionResult> scriptChecks(const ScriptOutcome &outcome, const QString &where)
{
    QList<AssertionResult> checks = outcome.tests;
    if (!outcome.error.isEmpty()) {
        AssertionResult failed;
        failed.assertion = QStringLiteral("script %1").arg(where);
        failed.outcome = AssertionResult::Outcome::Failed;
        failed.message = outcome.error;
        checks.append(failed);
    }
    return checks;
}

bool isTruthy(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool();
    case QJsonValue::Double:
        return value.toDouble() != 0;
    case QJsonValue::String:
        return !value.toString().isEmpty();
    case QJsonValue::Array:
    case QJsonValue::Object:
        return true;
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return false;
}

} // namespace ApiLens::Core
