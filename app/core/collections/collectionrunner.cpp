#include "collectionrunner.h"

#include "bodyfiles.h"
#include "dotenv.h"
#include "httpdocument.h"
#include "variables.h"

#include "errors/erroranalyzer.h"
#include "http/httpclient.h"
#include "scripting/requestpipeline.h"
#include "scripting/scriptbridge.h"
#include "scripting/scripthost.h"
#include "util/fileutil.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QTimer>

namespace ApiLens::Core {

// A request waiting in a file's queue.
struct CollectionRunner::Queued
{
    HttpRequestBlock block;
    QString file; // the block's .http file when another one ("# @import") holds it
    bool refsDone = false;
    bool loopDone = false;                 // "# @loop" expanded into its iterations
    QHash<QString, QString> loopVariables; // one iteration's: $index, and "for x of …"'s x
    int whileIndex = 0;                    // "# @loop while": the next iteration's $index
};

struct CollectionRunner::FileRun
{
    QString path;
    QString relative;
    // What is still to send, in order; a request with "# @ref" puts the ones it needs first.
    QList<Queued> queue;
    QHash<QString, HttpRequestBlock> named; // every named request of the file, for @ref
    QHash<QString, QString> importedFrom;   // named requests of "# @import"ed files -> their file
    QSet<QString> sent;                     // names sent in this run
    QHash<QString, QString> variables;      // file variables, document order
    QHash<QString, QString> publicEnvironment;
    QHash<QString, QString> privateEnvironment;
    QHash<QString, QString> dotenv; // the .env beside the file, for {{$dotenv NAME}}
    QList<HttpRequestBlock> blocks; // the requests that may be sent, in file order
    QStringList order;              // their names (empty for unnamed), for setNextRequest
    QList<HttpScript> fileScripts;  // scripts in blocks without a request (httpyac's global region)
    bool fileScriptsRun = false;    // they run once, before the file's first request
    QList<HttpScript> eachBefore;   // httpyac "{{+" scripts: before every request of the file
    QList<HttpScript> eachAfter;    // "{{+after" / "{{+response": after every response
    QList<GraphqlFragment> graphqlFragments;
    Exchange lastExchange; // the file's last response, for "# @loop while" (httpyac's `response`)
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
    QSet<QString> seen{QFileInfo(file).absoluteFilePath()};
    for (const HttpRequestBlock &block : document.blocks()) {
        for (const QString &imported : block.imports) {
            importFile(run.get(), QFileInfo(file).absoluteDir().absoluteFilePath(imported), block, &seen);
        }
    }
    const FileScripts scripts = fileScripts(document.blocks());
    run->fileScripts = scripts.once;
    run->eachBefore = scripts.beforeEach;
    run->eachAfter = scripts.afterEach;
    run->graphqlFragments = graphqlFragments(document.blocks());
    for (const HttpScript &script : scripts.unsupported) {
        m_warnings.append(QStringLiteral("%1:%2: {{%3}} scripts are not run")
                              .arg(run->relative)
                              .arg(script.line)
                              .arg(script.event));
    }
    for (const HttpRequestBlock &block : document.blocks()) {
        for (const KeyValue &variable : block.variables) {
            run->variables.insert(variable.name, variable.value);
        }
        if (!block.hasRequest()) {
            continue;
        }
        if (!block.name.isEmpty()) {
            run->named.insert(block.name, block);
        }
        if (block.disabled) {
            m_warnings.append(
                QStringLiteral("%1:%2: not sent (# @disabled)").arg(run->relative).arg(block.requestLine));
        } else if (m_options.request.isEmpty() || block.name == m_options.request) {
            run->queue.append({block, {}, false, false, {}});
            run->blocks.append(block);
            run->order.append(block.name);
        }
    }
    return run;
}

void CollectionRunner::importFile(FileRun *run, const QString &path, const HttpRequestBlock &from,
                                  QSet<QString> *seen)
{
    // httpyac's "# @import ./other.http": its named requests (for @ref) and its variables,
    // below the file's own; files it imports too. Inside the collection only.
    const QString absolute = QDir::cleanPath(path);
    if (seen->contains(absolute)) {
        return;
    }
    seen->insert(absolute);
    QString error;
    const std::optional<QByteArray> bytes = absolute.startsWith(m_root + QLatin1Char('/'))
                                                ? readFile(absolute, &error)
                                                : std::optional<QByteArray>();
    if (!bytes) {
        m_warnings.append(
            QStringLiteral("%1:%2: # @import %3: %4")
                .arg(run->relative)
                .arg(from.firstLine)
                .arg(QDir(m_root).relativeFilePath(absolute),
                     error.isEmpty() ? QStringLiteral("outside the collection folder") : error));
        return;
    }
    const HttpDocument document = HttpDocument::parse(*bytes);
    for (const HttpRequestBlock &block : document.blocks()) {
        for (const QString &imported : block.imports) {
            importFile(run, QFileInfo(absolute).absoluteDir().absoluteFilePath(imported), block, seen);
        }
        for (const KeyValue &variable : block.variables) {
            if (!run->variables.contains(variable.name)) {
                run->variables.insert(variable.name, variable.value);
            }
        }
        if (block.hasRequest() && !block.name.isEmpty() && !run->named.contains(block.name)) {
            run->named.insert(block.name, block);
            run->importedFrom.insert(block.name, absolute);
        }
    }
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

bool CollectionRunner::takeNext(FileRun *run, Queued *next)
{
    while (!run->queue.isEmpty()) {
        Queued step = run->queue.takeFirst();
        if (step.refsDone) {
            *next = step;
            return true;
        }
        // "# @ref name" sends that request first unless this run sent it already;
        // "# @forceRef name" sends it again in any case.
        QList<Queued> first;
        for (const QString &name : step.block.refs + step.block.forceRefs) {
            const bool forced = step.block.forceRefs.contains(name);
            const auto found = run->named.constFind(name);
            if (found == run->named.cend()) {
                m_warnings.append(QStringLiteral("%1:%2: no request named '%3' to run first (@ref)")
                                      .arg(run->relative)
                                      .arg(step.block.requestLine)
                                      .arg(name));
            } else if ((forced || !run->sent.contains(name)) && found->name != step.block.name) {
                first.append({*found, run->importedFrom.value(name), false, false, {}});
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

void CollectionRunner::runNext(FileRun *run)
{
    Queued step;
    if (!takeNext(run, &step)) {
        --m_running;
        startFiles();
        return;
    }
    if (!step.block.loop.isEmpty() && !step.loopDone) {
        expandLoop(run, step);
        return;
    }
    const HttpRequestBlock block = step.block;
    ++run->count;
    RequestPipeline::Input input;
    input.spec = block.toSpec();
    input.resolver = resolverFor(*run);
    input.resolver.requestVariables.insert(step.loopVariables);
    input.scripts = block.scripts;
    if (!run->fileScriptsRun) { // the global region's scripts, before the file's first request
        run->fileScriptsRun = true;
        input.scripts = run->fileScripts + input.scripts;
    }
    input.scripts = run->eachBefore + input.scripts + run->eachAfter;
    input.assertions = block.assertions;
    input.httpFile = step.file.isEmpty() ? run->path : step.file;
    input.origin = QDir(m_root).relativeFilePath(input.httpFile);
    input.root = m_root;
    input.requestName = block.name;
    input.environment = m_options.environment;
    input.requestLine = block.requestLine;
    input.sleepMs = block.sleepMs;
    input.graphql = parsesGraphql(block);
    input.graphqlFragments = run->graphqlFragments;
    if (block.jwt) {
        input.jwtMembers = block.jwtMembers;
    }
    input.trustScripts = m_options.trustScripts;
    input.sendUnresolved = m_options.sendUnresolved;
    input.prepare = [this, file = input.httpFile, block](RequestSpec *spec,
                                                         const VariableResolver &resolver) {
        return prepareBody(file, block, spec, resolver);
    };
    auto *pipeline = new RequestPipeline(m_client, m_scripts, &m_globals, input, this);
    connect(pipeline, &RequestPipeline::finished, this, [this, run, block, pipeline] {
        pipeline->deleteLater();
        const RequestPipeline::Result &done = pipeline->result();
        for (const QString &skipped : done.skippedScripts) {
            if (!m_reportedScripts.contains(skipped)) {
                m_reportedScripts.insert(skipped);
                m_warnings.append(skipped);
            }
        }
        RunResult result;
        result.file = run->relative;
        result.line = block.requestLine;
        result.name = block.name.isEmpty() ? QStringLiteral("#%1").arg(run->count) : block.name;
        result.method = block.method;
        result.checkStatus = m_options.checkStatus;
        result.url = done.sent.url;
        result.problem = done.problem;
        result.exchange = done.exchange;
        result.assertions = done.checks;
        result.log = done.log;
        if (done.problem.isEmpty()) {
            result.unresolved = done.unresolved;
        }
        if (result.exchange.hasResponse()) {
            const ErrorReport report = analyzeError(result.exchange.status, result.exchange.headers,
                                                    result.exchange.body.bytes(ErrorBodyLimitBytes));
            if (report.isError()) {
                result.report = report;
            }
        }
        if (result.sent()) {
            const Exchange last = kept(done.chained);
            if (!block.name.isEmpty()) {
                m_named.insert(block.name, last);
            }
            run->lastExchange = last;
        }
        finishResult(run, block, result, done.nextRequest);
    });
    pipeline->start();
}

void CollectionRunner::expandLoop(FileRun *run, const Queued &step)
{
    // httpyac's "# @loop for 3" and "# @loop for item of list": the request once per
    // iteration, with $index (and the item) as variables.
    static const QRegularExpression counter(QStringLiteral("^\\s*for\\s*(\\d+)\\s*$"));
    static const QRegularExpression forOf(QStringLiteral("^\\s*for\\s+([A-Za-z_$][\\w$]*)\\s+of\\s+(.+)$"));
    const auto expand = [this, run, step](const QList<QHash<QString, QString>> &iterations) {
        for (qsizetype i = iterations.size() - 1; i >= 0; --i) {
            Queued one = step;
            one.loopDone = true;
            one.loopVariables = iterations[i];
            one.loopVariables.insert(QStringLiteral("$index"), QString::number(i));
            run->queue.prepend(one);
        }
        runNext(run);
    };
    const QString where = QStringLiteral("%1:%2").arg(run->relative).arg(step.block.requestLine);
    if (const QRegularExpressionMatch m = counter.match(step.block.loop); m.hasMatch()) {
        expand(QList<QHash<QString, QString>>(qMin(m.captured(1).toInt(), MaxJumps)));
        return;
    }
    static const QRegularExpression whileLoop(QStringLiteral("^\\s*while\\s+(.+)$"));
    const QRegularExpressionMatch whileMatch = whileLoop.match(step.block.loop);
    const QRegularExpressionMatch m = forOf.match(step.block.loop);
    const bool known = m.hasMatch() || whileMatch.hasMatch();
    if (!known || !m_options.trustScripts || !m_scripts) {
        m_warnings.append(
            QStringLiteral("%1: not sent: # @loop %2 %3")
                .arg(where, step.block.loop,
                     known ? QStringLiteral("needs its JavaScript run: the folder is not trusted")
                           : QStringLiteral(
                                 "is not a loop ApiLens runs (for N, for x of list, while condition)")));
        runNext(run);
        return;
    }
    if (whileMatch.hasMatch()) {
        loopWhile(run, step, whileMatch.captured(1));
        return;
    }
    const ScriptInput input = loopExpression(*run, step, m.captured(2));
    const QString variable = m.captured(1);
    m_scripts->run(input, this, [this, run, where, variable, expand](const ScriptOutcome &outcome) {
        if (!outcome.error.isEmpty() || !outcome.value.isArray()) {
            m_warnings.append(
                QStringLiteral("%1: not sent: # @loop needs a list: %2")
                    .arg(where, outcome.error.isEmpty() ? jsonValueText(outcome.value) : outcome.error));
            runNext(run);
            return;
        }
        QList<QHash<QString, QString>> iterations;
        for (const QJsonValue &item : outcome.value.toArray()) {
            iterations.append({{variable, jsonValueText(item)}});
        }
        expand(iterations);
    });
}

ScriptInput CollectionRunner::loopExpression(const FileRun &run, const Queued &step,
                                             const QString &code) const
{
    ScriptInput input;
    input.phase = ScriptInput::Phase::Expression;
    input.dialect = QStringLiteral("httpyac");
    input.code = code;
    input.origin = run.relative;
    input.scope = m_root;
    input.line = step.block.requestLine;
    input.globals = m_globals;
    input.variables = scriptVisibleVariables(resolverFor(run));
    return input;
}

void CollectionRunner::loopWhile(FileRun *run, const Queued &step, const QString &condition)
{
    // httpyac's "# @loop while CONDITION": the condition (JavaScript, which sees the last
    // `response`) is evaluated before each iteration; the request is sent while it holds.
    const QString where = QStringLiteral("%1:%2").arg(run->relative).arg(step.block.requestLine);
    if (step.whileIndex >= MaxJumps) {
        m_warnings.append(
            QStringLiteral("%1: # @loop while stopped after %2 iterations").arg(where).arg(MaxJumps));
        runNext(run);
        return;
    }
    ScriptInput input = loopExpression(*run, step, condition);
    if (run->lastExchange.hasResponse()) {
        input.response = scriptResponse(run->lastExchange);
    }
    m_scripts->run(input, this, [this, run, step](const ScriptOutcome &outcome) {
        if (!outcome.error.isEmpty()) {
            m_warnings.append(QStringLiteral("%1 (# @loop while)").arg(outcome.error));
            runNext(run);
            return;
        }
        if (isTruthy(outcome.value)) {
            Queued next = step;
            ++next.whileIndex;
            run->queue.prepend(next);
            Queued one = step;
            one.loopDone = true;
            one.loopVariables = {{QStringLiteral("$index"), QString::number(step.whileIndex)}};
            run->queue.prepend(one);
        }
        runNext(run);
    });
}

VariableResolver CollectionRunner::resolverFor(const FileRun &run) const
{
    VariableResolver resolver;
    resolver.requestVariables = run.variables;
    resolver.privateEnvironment = run.privateEnvironment;
    resolver.publicEnvironment = run.publicEnvironment;
    resolver.dotenv = run.dotenv;
    resolver.responses = [this](const QString &name) -> const Exchange * {
        const auto it = m_named.constFind(name);
        return it == m_named.constEnd() ? nullptr : &*it;
    };
    return resolver;
}

QString CollectionRunner::prepareBody(const QString &httpFile, const HttpRequestBlock &block,
                                      RequestSpec *spec, const VariableResolver &resolver) const
{
    // Body files are relative to the .http file and must stay inside the collection.
    const QString base = QFileInfo(httpFile).absolutePath();
    if (!m_options.allowOutsideFiles) {
        const QList<BodyFile> outside = filesOutside(bodyFiles(*spec, base), m_root);
        if (!outside.isEmpty()) {
            return QStringLiteral("body file %1 (%2) is outside the collection folder; not sent "
                                  "(--allow-outside-files sends it)")
                .arg(outside.first().written, outside.first().absolute);
        }
    }
    QString error;
    if (!inlineBodyFiles(spec, base, &error)) {
        return error;
    }
    if (spec->body.kind == BodyKind::BinaryFile && block.bodyFileHasVariables) {
        // "<@ ./file": the file's {{variables}} are resolved too.
        const std::optional<QByteArray> bytes = readFile(spec->body.filePath, &error);
        if (!bytes) {
            return error;
        }
        QStringList unresolved;
        spec->body.kind = BodyKind::Raw;
        spec->body.raw = resolver.resolve(QString::fromUtf8(*bytes), &unresolved).toUtf8();
    }
    return {};
}

void CollectionRunner::finishResult(FileRun *run, const HttpRequestBlock &block, const RunResult &result,
                                    const std::optional<QString> &nextRequest)
{
    if (!block.name.isEmpty() && result.sent()) {
        run->sent.insert(block.name);
    }
    if (nextRequest) {
        jumpTo(run, *nextRequest, block);
    }
    RunResult stored = result;
    stored.exchange.streamedBodySize = result.exchange.bodySize();
    stored.exchange.body = {};
    m_results.append(stored);
    Q_EMIT requestFinished(result);
    QMetaObject::invokeMethod(
        this, [this, run] { runNext(run); }, Qt::QueuedConnection);
}

qint64 CollectionRunner::keptBodyBytesInMemory() const
{
    qint64 total = 0;
    const auto add = [&total](const Exchange &exchange) {
        total += exchange.body.isInMemory() ? exchange.body.size() : 0;
    };
    for (const Exchange &exchange : m_named) {
        add(exchange);
    }
    for (const std::shared_ptr<FileRun> &file : m_files) {
        add(file->lastExchange);
    }
    return total;
}

Exchange CollectionRunner::kept(Exchange exchange) const
{
    if (exchange.body.isInMemory() &&
        keptBodyBytesInMemory() + 2 * exchange.body.size() > KeptBodiesInMemoryBytes) {
        exchange.body = exchange.body.spilled();
    }
    return exchange;
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
        run->queue.append({run->blocks[i], {}, true, false, {}});
    }
}

} // namespace ApiLens::Core
