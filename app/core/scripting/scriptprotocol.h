#pragma once

#include "collections/assertion.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace ApiLens::Core {

// What a script sees of a request or response, and what it may change before sending.
struct ScriptMessage
{
    QString method;
    QString url;
    QList<QPair<QString, QString>> headers;
    QByteArray body;
    int status = 0; // responses only
    QString reason;
    double durationMs = 0;
};

// One script to run in the sandbox (apilens-script-host): a JetBrains handler, an httpyac
// script block or {{ expression }}, or an imported Postman script. Every dialect's API is
// present in every script (client/response/request, exports/test/$global, pm/postman).
struct ScriptInput
{
    enum class Phase { BeforeRequest, AfterResponse, Expression };
    Phase phase = Phase::AfterResponse;
    QString dialect; // "jetbrains", "httpyac" or "postman": how response.body reads
    QString code;
    QString origin; // the file, for messages
    QString scope;  // the collection folder: scripts of one share an engine (globals cleared)
    int line = 1;   // where the code starts in it
    QString requestName;
    QString environmentName;
    QHash<QString, QJsonValue> globals;  // what earlier scripts set (client.global, pm.*.set, exports)
    QHash<QString, QString> variables;   // every variable the request can see, resolved
    QHash<QString, QString> environment; // the environment's own values
    ScriptMessage request;
    std::optional<ScriptMessage> response;
    int timeLimitMs = 1000;
};

struct ScriptOutcome
{
    QHash<QString, QJsonValue> globals;       // all of them after the script
    QStringList unset;                        // globals the script removed
    QHash<QString, QString> requestVariables; // JetBrains request.variables.set (this request only)
    QList<AssertionResult> tests;
    QStringList log;
    QString error; // why the script stopped before its end, with its line; empty when it ran through
    std::optional<QString> nextRequest;   // postman.setNextRequest(name); empty string: stop the run
    std::optional<ScriptMessage> request; // the request as a pre-request script left it, when changed
    QJsonValue value;                     // an expression's result
};

// The wire form between the app and the script host: one compact JSON object per line.
QJsonObject toJson(const ScriptInput &input);
ScriptInput scriptInputFromJson(const QJsonObject &object);
QJsonObject toJson(const ScriptOutcome &outcome);
ScriptOutcome scriptOutcomeFromJson(const QJsonObject &object);

// The limits the host runs scripts under.
constexpr int ScriptTimeLimitMs = 1000;
constexpr int ScriptMemoryLimitMb = 512;

} // namespace ApiLens::Core
