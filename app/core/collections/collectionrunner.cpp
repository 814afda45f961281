#include "collectionrunner.h"

#include "bodyfiles.h"
#include "dotenv.h"
#include "httpdocument.h"
#include "variables.h"

#include "errors/erroranalyzer.h"
#include "http/httpclient.h"
#include "scripting/scriptbridge.h"
#include "scripting/scripthost.h"
#include "util/fileutil.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QTimer>

namespace ApiLens::Core {

struct CollectionRunner::FileRun
{
    QString path;
    QString relative;
    // What is still to send, in order; a request with "# @ref" puts the ones it needs first.
    struct Step
    {
        HttpRequestBlock block;
        bool refsDone = false;
    };
    QList<Step> queue;
    QHash<QString, HttpRequestBlock> named; // every named request of the file, for @ref
    QSet<QString> sent;                     // names sent in this run
    QHash<QString, QString> variables;      // file variables, document order
    QHash<QString, QString> publicEnvironment;
    QHash<QString, QString> privateEnvironment;
    QHash<QString, QString> dotenv; // the .env beside the file, for {{$dotenv NAME}}
    QList<HttpRequestBlock> blocks; // the requests that may be sent, in file order
    QStringList order;              // their names (empty for unnamed), for setNextRequest
    QList<HttpScript> fileScripts;  // scripts in blocks without a request (httpyac's global region)
    bool fileScriptsRun = false;    // they run once, before the file's first request
    int count = 0;
    int jumps = 0;
};

bool RunResult::passed() const
{
    if (!sent() || exchange.error != TransportError::None) {
        return false;
    }
    if (checkStatus && exchange.status >= 400) {
        return false;
    }
    for (const AssertionResult &assertion : assertions) {
        if (assertion.outcome == AssertionResult::Outcome::Failed) {
            return false;
        }
    }
    return true;
}

CollectionRunner::CollectionRunner(HttpClient *client, ScriptHost *scripts, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_scripts(scripts)
{}

int CollectionRunner::failures() const
{
    int count = 0;
    for (const RunResult &result : m_results) {
        count += result.passed() ? 0 : 1;
    }
    return count;
}

bool CollectionRunner::prepare(const QString &path, const RunOptions &options, QStringList *errors)
{
    m_options = options;
    m_options.concurrency = qMax(1, options.concurrency);
    const QFileInfo info(path);
    QStringList files;
    if (info.isDir()) {
        m_root = info.absoluteFilePath();
        QDirIterator it(m_root, {QStringLiteral("*.http"), QStringLiteral("*.rest")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            files.append(it.next());
        }
        files.sort();
    } else if (info.isFile()) {
        m_root = info.absolutePath();
        files.append(info.absoluteFilePath());
    } else {
        errors->append(QStringLiteral("%1: no such file or folder").arg(path));
        return false;
    }
    // Every file's environments come from its own folder up to the project root (httpyac).
    const QString projectRoot = options.projectRoot.isEmpty() ? m_root : options.projectRoot;
    QStringList known;
    bool foundEnvironment = options.environment.isEmpty();
    QHash<QString, Environments> byFolder;
    for (const QString &file : std::as_const(files)) {
        const QString folder = QFileInfo(file).absolutePath();
        if (!byFolder.contains(folder)) {
            byFolder.insert(folder, Environments::load(folder, errors, projectRoot));
        }
        foundEnvironment = foundEnvironment || byFolder[folder].contains(options.environment);
        known += byFolder[folder].names();
    }
    if (!foundEnvironment) {
        known.removeDuplicates();
        errors->append(QStringLiteral("no environment '%1' in %2/http-client.env.json%3")
                           .arg(options.environment, m_root,
                                known.isEmpty()
                                    ? QString()
                                    : QStringLiteral(" (known: %1)").arg(known.join(QStringLiteral(", ")))));
        return false;
    }
    for (const QString &file : std::as_const(files)) {
        const Environments &environments = byFolder[QFileInfo(file).absolutePath()];
        std::shared_ptr<FileRun> run = loadFile(file, errors);
        if (!run) {
            continue;
        }
        run->publicEnvironment = environments.publicVariables(options.environment);
        run->privateEnvironment = environments.privateVariables(options.environment);
        if (!run->queue.isEmpty()) {
            m_files.append(run);
        }
    }
    if (m_files.isEmpty()) {
        errors->append(options.request.isEmpty()
                           ? QStringLiteral("%1: no requests to run").arg(path)
                           : QStringLiteral("%1: no request named '%2'").arg(path, options.request));
        return false;
    }
    return true;
}

std::shared_ptr<CollectionRunner::FileRun> CollectionRunner::loadFile(const QString &file,
                                                                      QStringList *errors)
{
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly)) {
        errors->append(QStringLiteral("%1: %2").arg(file, in.errorString()));
        return nullptr;
    }
    const HttpDocument document = HttpDocument::parse(in.readAll());
    auto run = std::make_shared<FileRun>();
    run->path = file;
    run->relative = QDir(m_root).relativeFilePath(file);
    run->dotenv = readDotenv(QFileInfo(file).absolutePath());
    for (const HttpIssue &issue : document.issues()) {
        m_warnings.append(QStringLiteral("%1:%2: %3").arg(run->relative).arg(issue.line).arg(issue.message));
    }
    for (const HttpRequestBlock &block : document.blocks()) {
        for (const KeyValue &variable : block.variables) {
            run->variables.insert(variable.name, variable.value);
        }
        if (!block.hasRequest()) {
            run->fileScripts += block.scripts;
            continue;
        }
        if (!block.name.isEmpty()) {
            run->named.insert(block.name, block);
        }
        if (block.disabled) {
            m_warnings.append(
                QStringLiteral("%1:%2: not sent (# @disabled)").arg(run->relative).arg(block.requestLine));
        } else if (m_options.request.isEmpty() || block.name == m_options.request) {
            run->queue.append({block, false});
            run->blocks.append(block);
            run->order.append(block.name);
        }
    }
    return run;
}

void CollectionRunner::start()
{
    startFiles();
}

void CollectionRunner::startFiles()
{
    while (m_running < m_options.concurrency && m_nextFile < m_files.size()) {
        ++m_running;
        runNext(m_files[m_nextFile++].get());
    }
    if (m_running == 0 && m_nextFile >= m_files.size()) {
        Q_EMIT finished();
    }
}

bool CollectionRunner::takeNext(FileRun *run, HttpRequestBlock *block)
{
    while (!run->queue.isEmpty()) {
        FileRun::Step step = run->queue.takeFirst();
        if (step.refsDone) {
            *block = step.block;
            return true;
        }
        // "# @ref name" sends that request first unless this run sent it already;
        // "# @forceRef name" sends it again in any case.
        QList<FileRun::Step> first;
        for (const QString &name : step.block.refs + step.block.forceRefs) {
            const bool forced = step.block.forceRefs.contains(name);
            const auto found = run->named.constFind(name);
            if (found == run->named.cend()) {
                m_warnings.append(QStringLiteral("%1:%2: no request named '%3' to run first (@ref)")
                                      .arg(run->relative)
                                      .arg(step.block.requestLine)
                                      .arg(name));
            } else if ((forced || !run->sent.contains(name)) && found->name != step.block.name) {
                first.append({*found, false});
            }
        }
        step.refsDone = true;
        run->queue.prepend(step);
        for (auto it = first.crbegin(); it != first.crend(); ++it) {
            run->queue.prepend(*it);
        }
    }
    return false;
}

// One request on its way: its block, what its scripts changed, its result so far.
struct CollectionRunner::Step
{
    FileRun *run = nullptr;
    HttpRequestBlock block;
    RunResult result;
    RequestSpec spec; // the block's request as pre-request scripts left it (unresolved)
    QHash<QString, QString> requestVariables; // JetBrains request.variables.set
    QHash<QString, QString> expressionValues; // httpyac {{ expressions }}
    std::optional<QString> nextRequest;       // postman.setNextRequest
};

void CollectionRunner::runNext(FileRun *run)
{
    HttpRequestBlock block;
    if (!takeNext(run, &block)) {
        --m_running;
        startFiles();
        return;
    }
    ++run->count;
    auto step = std::make_shared<Step>();
    step->run = run;
    step->block = block;
    step->spec = block.toSpec();
    RunResult &result = step->result;
    result.file = run->relative;
    result.line = block.requestLine;
    result.name = block.name.isEmpty() ? QStringLiteral("#%1").arg(run->count) : block.name;
    result.method = block.method;
    result.checkStatus = m_options.checkStatus;
    runScripts(step, true, [this, step] { evaluateExpressions(step, [this, step] { send(step); }); });
}

bool CollectionRunner::scriptsMayRun(const Step &step, const HttpScript &script, const QString &what)
{
    QString why;
    if (!m_options.trustScripts) {
        why = QStringLiteral("the folder is not trusted (trust it, or run with --trust)");
    } else if (!m_scripts) {
        why = QStringLiteral("no script engine here");
    } else if (script.event.startsWith(QLatin1Char('+'))) {
        why = QStringLiteral("global httpyac scripts ({{+%1}}) are not run yet").arg(script.event.mid(1));
    } else {
        return true;
    }
    const QString where = QStringLiteral("%1:%2").arg(step.run->relative).arg(script.line);
    if (!m_reportedScripts.contains(where)) {
        m_reportedScripts.insert(where);
        m_warnings.append(QStringLiteral("%1: %2 not run: %3").arg(where, what, why));
    }
    return false;
}

void CollectionRunner::runScripts(const std::shared_ptr<Step> &step, bool before, std::function<void()> then)
{
    QList<HttpScript> candidates = step->block.scripts;
    if (before && !step->run->fileScriptsRun) {
        step->run->fileScriptsRun = true;
        candidates = step->run->fileScripts + candidates;
    }
    QList<HttpScript> scripts;
    for (const HttpScript &script : std::as_const(candidates)) {
        if (script.beforeRequest == before &&
            scriptsMayRun(*step, script,
                          before ? QStringLiteral("pre-request script") : QStringLiteral("script"))) {
            scripts.append(script);
        }
    }
    runScript(step, scripts, std::move(then));
}

void CollectionRunner::runScript(const std::shared_ptr<Step> &step, QList<HttpScript> scripts,
                                 std::function<void()> then)
{
    if (scripts.isEmpty()) {
        then();
        return;
    }
    const HttpScript script = scripts.takeFirst();
    QString error;
    const std::optional<QString> code = scriptCode(script, step->run->path, m_root, &error);
    if (!code) {
        ScriptOutcome unreadable;
        unreadable.error = error;
        step->result.assertions += scriptChecks(unreadable, QStringLiteral("at line %1").arg(script.line));
        runScript(step, scripts, std::move(then));
        return;
    }
    ScriptInput input;
    input.phase =
        script.beforeRequest ? ScriptInput::Phase::BeforeRequest : ScriptInput::Phase::AfterResponse;
    input.dialect = scriptDialect(script);
    input.code = *code;
    input.origin = step->run->relative;
    input.line = script.file.isEmpty() ? qMax(1, script.codeLine) : 1;
    if (!script.file.isEmpty()) {
        input.origin = QDir(m_root).relativeFilePath(
            QFileInfo(step->run->path).absoluteDir().absoluteFilePath(script.file));
    }
    input.requestName = step->block.name;
    input.environmentName = m_options.environment;
    input.globals = m_globals;
    const VariableResolver resolver = resolverFor(*step);
    input.variables = visibleVariables(*step, resolver);
    input.environment = step->run->publicEnvironment;
    input.environment.insert(step->run->privateEnvironment);
    QStringList ignored;
    input.request = scriptRequest(script.beforeRequest ? step->spec : resolver.resolve(step->spec, &ignored));
    if (!script.beforeRequest && step->result.exchange.hasResponse()) {
        input.response = scriptResponse(step->result.exchange);
    }
    m_scripts->run(input, this, [this, step, scripts, then, script](const ScriptOutcome &outcome) {
        mergeScriptGlobals(outcome, &m_globals);
        step->requestVariables.insert(outcome.requestVariables);
        step->result.assertions += scriptChecks(outcome, QStringLiteral("at line %1").arg(script.line));
        step->result.log += outcome.log;
        if (outcome.nextRequest) {
            step->nextRequest = outcome.nextRequest;
        }
        if (outcome.request && script.beforeRequest) {
            applyScriptRequest(*outcome.request, &step->spec);
        }
        runScript(step, scripts, then);
    });
}

void CollectionRunner::evaluateExpressions(const std::shared_ptr<Step> &step, std::function<void()> then)
{
    QStringList expressions = VariableResolver::scriptExpressions(step->spec);
    for (auto it = step->expressionValues.cbegin(); it != step->expressionValues.cend(); ++it) {
        expressions.removeAll(it.key());
    }
    HttpScript asScript;
    asScript.dialect = HttpScript::Dialect::Httpyac;
    asScript.line = step->block.requestLine;
    if (expressions.isEmpty() || !scriptsMayRun(*step, asScript, QStringLiteral("{{ expression }}"))) {
        then();
        return;
    }
    const QString expression = expressions.first();
    ScriptInput input;
    input.phase = ScriptInput::Phase::Expression;
    input.dialect = QStringLiteral("httpyac");
    input.code = expression;
    input.origin = step->run->relative;
    input.line = step->block.requestLine;
    input.requestName = step->block.name;
    input.globals = m_globals;
    input.variables = visibleVariables(*step, resolverFor(*step));
    m_scripts->run(input, this, [this, step, expression, then](const ScriptOutcome &outcome) {
        if (outcome.error.isEmpty()) {
            step->expressionValues.insert(expression, jsonValueText(outcome.value));
        } else {
            step->result.assertions += scriptChecks(outcome, QStringLiteral("{{%1}}").arg(expression));
            step->expressionValues.insert(expression, QStringLiteral("{{%1}}").arg(expression));
        }
        evaluateExpressions(step, then);
    });
}

void CollectionRunner::send(const std::shared_ptr<Step> &step)
{
    RequestSpec spec;
    step->result.problem = sendableSpec(*step, &spec, &step->result.unresolved);
    step->result.url = spec.url;
    if (!step->result.problem.isEmpty()) {
        finishResult(step);
        return;
    }
    auto go = [this, step, spec] {
        PendingExchange *pending = m_client->send(spec);
        connect(pending, &PendingExchange::finished, this, [this, step, pending] {
            RunResult &result = step->result;
            result.exchange = pending->exchange();
            pending->deleteLater();
            if (result.exchange.hasResponse()) {
                const ErrorReport report = analyzeError(result.exchange.status, result.exchange.headers,
                                                        result.exchange.body.bytes());
                if (report.isError()) {
                    result.report = report;
                }
            }
            for (const QString &assertion : std::as_const(step->block.assertions)) {
                result.assertions.append(evaluateAssertion(assertion, result.exchange));
            }
            if (!step->block.name.isEmpty()) {
                m_named.insert(step->block.name, result.exchange);
            }
            runScripts(step, false, [this, step] { finishResult(step); });
        });
    };
    if (step->block.sleepMs > 0) { // "# @sleep 500": wait before sending
        QTimer::singleShot(step->block.sleepMs, this, go);
    } else {
        go();
    }
}

QHash<QString, QString> CollectionRunner::visibleVariables(const Step &step, const VariableResolver &resolver)
{
    QHash<QString, QString> variables;
    for (const QHash<QString, QString> *scope :
         {&std::as_const(step.run->publicEnvironment), &std::as_const(step.run->privateEnvironment),
          &std::as_const(step.run->variables), &step.requestVariables}) {
        for (auto it = scope->cbegin(); it != scope->cend(); ++it) {
            variables.insert(it.key(), resolver.value(it.key()).value_or(*it));
        }
    }
    return variables;
}

VariableResolver CollectionRunner::resolverFor(const Step &step) const
{
    VariableResolver resolver;
    resolver.requestVariables = step.run->variables;
    resolver.requestVariables.insert(step.requestVariables);
    resolver.privateEnvironment = step.run->privateEnvironment;
    resolver.publicEnvironment = step.run->publicEnvironment;
    resolver.dotenv = step.run->dotenv;
    resolver.scriptVariables = m_globals;
    resolver.expressionValues = step.expressionValues;
    resolver.responses = [this](const QString &name) -> const Exchange * {
        const auto it = m_named.constFind(name);
        return it == m_named.constEnd() ? nullptr : &*it;
    };
    return resolver;
}

QString CollectionRunner::sendableSpec(const Step &step, RequestSpec *spec, QStringList *sentAsWritten) const
{
    const VariableResolver resolver = resolverFor(step);
    QStringList unresolved;
    *spec = resolver.resolve(step.spec, &unresolved);
    if (!unresolved.isEmpty() && !m_options.sendUnresolved) {
        return QStringLiteral("unresolved variable%1 %2")
            .arg(unresolved.size() > 1 ? QStringLiteral("s") : QString(),
                 QStringLiteral("{{") + unresolved.join(QStringLiteral("}}, {{")) + QStringLiteral("}}"));
    }
    *sentAsWritten = unresolved;
    spec->settings.sendUnresolved = !unresolved.isEmpty();
    // Body files are relative to the .http file and must stay inside the collection.
    const QString base = QFileInfo(step.run->path).absolutePath();
    for (const BodyFile &file : bodyFiles(*spec, base)) {
        if (!file.absolute.startsWith(m_root + QLatin1Char('/'))) {
            return QStringLiteral("body file %1 is outside the collection folder; not sent")
                .arg(file.written);
        }
    }
    QString error;
    if (!inlineBodyFiles(spec, base, &error)) {
        return error;
    }
    if (spec->body.kind == BodyKind::BinaryFile && step.block.bodyFileHasVariables) {
        // "<@ ./file": the file's {{variables}} are resolved too.
        const std::optional<QByteArray> bytes = readFile(spec->body.filePath, &error);
        if (!bytes) {
            return error;
        }
        spec->body.kind = BodyKind::Raw;
        spec->body.raw = resolver.resolve(QString::fromUtf8(*bytes), &unresolved).toUtf8();
    }
    return {};
}

void CollectionRunner::finishResult(const std::shared_ptr<Step> &step)
{
    FileRun *run = step->run;
    if (!step->block.name.isEmpty() && step->result.sent()) {
        run->sent.insert(step->block.name);
    }
    if (step->nextRequest) {
        jumpTo(run, *step->nextRequest, step->block);
    }
    m_results.append(step->result);
    Q_EMIT requestFinished(step->result);
    QMetaObject::invokeMethod(
        this, [this, run] { runNext(run); }, Qt::QueuedConnection);
}

void CollectionRunner::jumpTo(FileRun *run, const QString &name, const HttpRequestBlock &from)
{
    // postman.setNextRequest: the file goes on from the named request (null: it stops there).
    run->queue.clear();
    if (name.isEmpty()) {
        return;
    }
    if (++run->jumps > MaxJumps) {
        m_warnings.append(QStringLiteral("%1:%2: setNextRequest jumped %3 times; the file stops here")
                              .arg(run->relative)
                              .arg(from.requestLine)
                              .arg(MaxJumps));
        return;
    }
    const qsizetype at = run->order.indexOf(name);
    if (at < 0) {
        m_warnings.append(
            QStringLiteral("%1:%2: setNextRequest names no request '%3' in this file; it stops here")
                .arg(run->relative)
                .arg(from.requestLine)
                .arg(name));
        return;
    }
    for (qsizetype i = at; i < run->blocks.size(); ++i) {
        run->queue.append({run->blocks[i], true});
    }
}

} // namespace ApiLens::Core
