#include "requestpipeline.h"

#include "scriptbridge.h"
#include "scripthost.h"

#include "http/httpclient.h"
#include "http/jwt.h"
#include "util/format.h"

#include <QDir>
#include <QFileInfo>
#include <QTimer>

namespace ApiLens::Core {

namespace {

Exchange chainedExchange(const Exchange &exchange, const std::optional<QStringList> &jwtMembers)
{
    // As httpyac: only a body its type says is JSON.
    if (!jwtMembers || !exchange.hasResponse() || !exchange.header("Content-Type").contains("json")) {
        return exchange;
    }
    const std::optional<QByteArray> body = readableBody(exchange);
    const std::optional<QByteArray> decoded = body ? withJwtClaims(*body, *jwtMembers) : std::nullopt;
    if (!decoded) {
        return exchange;
    }
    Exchange chained = exchange;
    chained.body = ResponseBody::fromBytes(*decoded);
    return chained;
}

} // namespace

RequestPipeline::RequestPipeline(HttpClient *client, ScriptHost *scripts, QHash<QString, QJsonValue> *globals,
                                 Input input, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_scripts(scripts)
    , m_globals(globals)
    , m_input(std::move(input))
{}

void RequestPipeline::start()
{
    runScripts(true, [this] { evaluateExpressions([this] { send(); }); });
}

void RequestPipeline::cancel()
{
    m_cancelled = true;
    if (m_pending) {
        m_pending->cancel();
    }
}

bool RequestPipeline::mayRun(const HttpScript &script, const QString &what)
{
    QString why;
    if (!m_input.trustScripts) {
        why = QStringLiteral("the folder is not trusted");
    } else if (!m_scripts) {
        why = QStringLiteral("no script engine here");
    } else if (script.event.startsWith(QLatin1Char('+'))) {
        why = QStringLiteral("global httpyac scripts ({{+%1}}) are not run yet").arg(script.event.mid(1));
    } else {
        return true;
    }
    m_result.skippedScripts.append(
        QStringLiteral("%1:%2: %3 not run: %4").arg(m_input.origin).arg(script.line).arg(what, why));
    return false;
}

void RequestPipeline::runScripts(bool before, std::function<void()> then)
{
    QList<HttpScript> scripts;
    for (const HttpScript &script : std::as_const(m_input.scripts)) {
        if (script.beforeRequest == before &&
            mayRun(script, before ? QStringLiteral("pre-request script") : QStringLiteral("script"))) {
            scripts.append(script);
        }
    }
    runScript(scripts, std::move(then));
}

ScriptInput RequestPipeline::scriptInput() const
{
    ScriptInput input;
    input.origin = m_input.origin;
    input.scope = m_input.root;
    input.line = m_input.requestLine;
    input.requestName = m_input.requestName;
    input.environmentName = m_input.environment;
    input.globals = *m_globals;
    input.variables = scriptVisibleVariables(resolver());
    return input;
}

void RequestPipeline::runScript(QList<HttpScript> scripts, std::function<void()> then)
{
    if (m_cancelled) {
        finishWith(QStringLiteral("cancelled"));
        return;
    }
    if (scripts.isEmpty()) {
        then();
        return;
    }
    const HttpScript script = scripts.takeFirst();
    QString error;
    const std::optional<QString> code = scriptCode(script, m_input.httpFile, m_input.root, &error);
    if (!code) {
        ScriptOutcome unreadable;
        unreadable.error = error;
        m_result.checks += scriptChecks(unreadable, QStringLiteral("at line %1").arg(script.line));
        runScript(scripts, std::move(then));
        return;
    }
    ScriptInput input = scriptInput();
    input.phase =
        script.beforeRequest ? ScriptInput::Phase::BeforeRequest : ScriptInput::Phase::AfterResponse;
    input.dialect = scriptDialect(script);
    input.code = *code;
    input.line = script.file.isEmpty() ? qMax(1, script.codeLine) : 1;
    if (!script.file.isEmpty()) {
        input.origin =
            QDir(m_input.root)
                .relativeFilePath(QFileInfo(m_input.httpFile).absoluteDir().absoluteFilePath(script.file));
    }
    const VariableResolver resolved = resolver();
    input.environment = resolved.publicEnvironment;
    input.environment.insert(resolved.privateEnvironment);
    QStringList ignored;
    input.request =
        scriptRequest(script.beforeRequest ? m_input.spec : resolved.resolve(m_input.spec, &ignored));
    if (!script.beforeRequest && m_result.exchange.hasResponse()) {
        input.response = scriptResponse(m_result.chained);
        if (m_result.chained.body.size() > ReadBodyLimitBytes) {
            m_result.log.append(
                QStringLiteral("the response body is %1: scripts read bodies of up to %2, "
                               "so response.body is empty")
                    .arg(humanSize(m_result.chained.body.size()), humanSize(ReadBodyLimitBytes)));
        }
    }
    m_scripts->run(input, this, [this, scripts, then, script](const ScriptOutcome &outcome) {
        mergeScriptGlobals(outcome, m_globals);
        m_requestVariables.insert(outcome.requestVariables);
        m_result.checks += scriptChecks(outcome, QStringLiteral("at line %1").arg(script.line));
        m_result.log += outcome.log;
        if (outcome.nextRequest) {
            m_result.nextRequest = outcome.nextRequest;
        }
        if (outcome.request && script.beforeRequest) {
            applyScriptRequest(*outcome.request, &m_input.spec);
        }
        runScript(scripts, then);
    });
}

void RequestPipeline::evaluateExpressions(const std::function<void()> &then)
{
    QStringList expressions = VariableResolver::scriptExpressions(m_input.spec);
    for (auto it = m_expressionValues.cbegin(); it != m_expressionValues.cend(); ++it) {
        expressions.removeAll(it.key());
    }
    HttpScript asScript;
    asScript.dialect = HttpScript::Dialect::Httpyac;
    asScript.line = m_input.requestLine;
    if (expressions.isEmpty() || !mayRun(asScript, QStringLiteral("{{ expression }}"))) {
        then();
        return;
    }
    const QString expression = expressions.first();
    ScriptInput input = scriptInput();
    input.phase = ScriptInput::Phase::Expression;
    input.dialect = QStringLiteral("httpyac");
    input.code = expression;
    m_scripts->run(input, this, [this, expression, then](const ScriptOutcome &outcome) {
        if (outcome.error.isEmpty()) {
            m_expressionValues.insert(expression, jsonValueText(outcome.value));
        } else {
            m_result.checks += scriptChecks(outcome, QStringLiteral("{{%1}}").arg(expression));
            m_expressionValues.insert(expression, QStringLiteral("{{%1}}").arg(expression));
        }
        evaluateExpressions(then);
    });
}

void RequestPipeline::send()
{
    if (m_cancelled) {
        finishWith(QStringLiteral("cancelled"));
        return;
    }
    const VariableResolver resolved = resolver();
    QStringList unresolved;
    RequestSpec spec = resolved.resolve(m_input.spec, &unresolved);
    m_result.unresolved = unresolved;
    m_result.sent = spec;
    if (!unresolved.isEmpty() && !m_input.sendUnresolved) {
        finishWith(QStringLiteral("unresolved variable%1 %2")
                       .arg(unresolved.size() > 1 ? QStringLiteral("s") : QString(),
                            QStringLiteral("{{") + unresolved.join(QStringLiteral("}}, {{")) +
                                QStringLiteral("}}")));
        return;
    }
    spec.settings.sendUnresolved = !unresolved.isEmpty();
    if (m_input.prepare) {
        if (const QString problem = m_input.prepare(&spec, resolved); !problem.isEmpty()) {
            finishWith(problem);
            return;
        }
    }
    if (m_input.graphql) {
        if (const QString problem = applyGraphql(&spec, m_input.graphqlFragments); !problem.isEmpty()) {
            finishWith(QStringLiteral("line %1: %2").arg(m_input.requestLine).arg(problem));
            return;
        }
    }
    m_result.sent = spec;
    auto go = [this, spec] {
        if (m_cancelled) {
            finishWith(QStringLiteral("cancelled"));
            return;
        }
        m_pending = m_client->send(spec);
        Q_EMIT started();
        connect(m_pending, &PendingExchange::finished, this, [this] {
            m_result.exchange = m_pending->exchange();
            m_result.chained = chainedExchange(m_result.exchange, m_input.jwtMembers);
            m_pending->deleteLater();
            for (const QString &assertion : std::as_const(m_input.assertions)) {
                m_result.checks.append(evaluateAssertion(assertion, m_result.exchange));
            }
            if (!m_result.exchange.hasResponse() || m_cancelled) {
                Q_EMIT finished(); // nothing for response scripts to read, or the user stopped it
                return;
            }
            runScripts(false, [this] { Q_EMIT finished(); });
        });
    };
    if (m_input.sleepMs > 0) {
        QTimer::singleShot(m_input.sleepMs, this, go);
    } else {
        go();
    }
}

void RequestPipeline::finishWith(const QString &problem)
{
    m_result.problem = problem;
    Q_EMIT finished();
}

VariableResolver RequestPipeline::resolver() const
{
    VariableResolver resolver = m_input.resolver;
    resolver.requestVariables.insert(m_requestVariables);
    resolver.scriptVariables = *m_globals;
    resolver.expressionValues = m_expressionValues;
    return resolver;
}

} // namespace ApiLens::Core
