#pragma once

#include "collections/assertion.h"
#include "collections/httpdocument.h"
#include "collections/variables.h"
#include "http/exchange.h"
#include "http/graphql.h"
#include "http/httpclient.h"
#include "http/requestspec.h"
#include "scriptprotocol.h"

#include <QJsonValue>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

namespace ApiLens::Core {

class ScriptHost;

// One request of a .http file on its way, as `apilens-cli run` and the GUI both send it: its
// pre-request scripts, httpyac's {{ JavaScript }}, the variables resolved, the body prepared,
// the exchange, then its assertions and response scripts. Scripts run only when trusted;
// each one not run is reported.
class RequestPipeline : public QObject
{
    Q_OBJECT
public:
    struct Input
    {
        RequestSpec spec;          // as written or edited, variables unresolved
        VariableResolver resolver; // every scope but what scripts set
        QList<HttpScript> scripts; // pre-request (and the file's global ones first) and response scripts
        QStringList assertions;    // httpyac "??" lines
        QString origin;            // the file as messages name it (relative to the collection)
        QString httpFile;          // its absolute path; "> ./handler.js" is relative to it
        QString root;              // the collection folder: script files must be inside
        QString requestName;
        QString environment;
        int requestLine = 0;
        int sleepMs = 0; // "# @sleep": wait before sending
        // A GraphQL body goes out as JSON with the file's fragments (off: "# @noGqlParsing").
        bool graphql = true;
        QList<GraphqlFragment> graphqlFragments;
        // "# @jwt": the response as scripts and later requests read it has the JWTs of its
        // JSON decoded beside them (withJwtClaims); nullopt: as received.
        std::optional<QStringList> jwtMembers;
        bool trustScripts = false;
        bool sendUnresolved = false; // send {{unresolved}} as written
        // Makes the resolved request sendable (reads body files); a message when it cannot be.
        std::function<QString(RequestSpec *spec, const VariableResolver &resolver)> prepare;
    };
    struct Result
    {
        RequestSpec sent; // resolved, as handed to the client
        Exchange exchange;
        Exchange
            chained; // what scripts and later requests read: the exchange, or under "# @jwt" its JWTs decoded
        QString problem;               // why it was not sent
        QStringList unresolved;        // variables without a value (sent as written when allowed)
        QList<AssertionResult> checks; // assertions, script tests, script errors
        QStringList log;
        QStringList skippedScripts;         // "file:line: script not run: why"
        std::optional<QString> nextRequest; // postman.setNextRequest
    };

    // `globals` (what scripts set, shared by every request of a run or a session) must outlive
    // the pipeline; `scripts` may be null (then no script runs, each is reported).
    RequestPipeline(HttpClient *client, ScriptHost *scripts, QHash<QString, QJsonValue> *globals, Input input,
                    QObject *parent = nullptr);

    void start();
    void cancel();
    const Result &result() const { return m_result; }
    PendingExchange *pending() const { return m_pending; } // while the request is out

Q_SIGNALS:
    void started(); // the request went to the client
    void finished();

private:
    bool mayRun(const HttpScript &script, const QString &what);
    void runScripts(bool before, std::function<void()> then);
    void runScript(QList<HttpScript> scripts, std::function<void()> then);
    void evaluateExpressions(const std::function<void()> &then);
    void send();
    void finishWith(const QString &problem);
    VariableResolver resolver() const;
    ScriptInput scriptInput() const;

    HttpClient *m_client;
    ScriptHost *m_scripts;
    QHash<QString, QJsonValue> *m_globals;
    Input m_input;
    Result m_result;
    QHash<QString, QString> m_requestVariables; // JetBrains request.variables.set
    QHash<QString, QString> m_expressionValues; // httpyac {{ expressions }}
    QPointer<PendingExchange> m_pending;
    bool m_cancelled = false;
};

} // namespace ApiLens::Core
