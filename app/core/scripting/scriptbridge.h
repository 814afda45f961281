#pragma once

#include "scriptprotocol.h"

#include "collections/httpdocument.h"
#include "collections/variables.h"
#include "http/exchange.h"
#include "http/requestspec.h"

namespace ApiLens::Core {

// Between ApiLens's requests and exchanges and what scripts see of them.
ScriptMessage scriptRequest(const RequestSpec &spec);
ScriptMessage scriptResponse(const Exchange &exchange);
// Writes what a pre-request script changed (method, URL, headers, a raw body) into the request.
void applyScriptRequest(const ScriptMessage &changed, RequestSpec *spec);
// "jetbrains", "httpyac" or "postman" (a handler an import wrote from a Postman script).
QString scriptDialect(const HttpScript &script);
// The script's code: its text, or the file it names ("> ./handler.js", relative to the .http
// file and inside `root`); nullopt with a message when the file cannot be used.
std::optional<QString> scriptCode(const HttpScript &script, const QString &httpFile, const QString &root,
                                  QString *error);
// Every variable a resolver's scopes hold (environments, file and request variables), each
// resolved as far as it goes: what a script sees by name.
QHash<QString, QString> scriptVisibleVariables(const VariableResolver &resolver);
// Whether an expression's value is true as JavaScript takes it (null, false, 0, "" are not).
bool isTruthy(const QJsonValue &value);
// Folds an outcome's variables into the run's: set ones replace, unset ones go.
void mergeScriptGlobals(const ScriptOutcome &outcome, QHash<QString, QJsonValue> *globals);
// One check per script test, and one failed check for a script that stopped with an error.
QList<AssertionResult> scriptChecks(const ScriptOutcome &outcome, const QString &where);

} // namespace ApiLens::Core
