#include "collectionrunner.h"

#include "bodyfiles.h"
#include "dotenv.h"
#include "httpdocument.h"
#include "variables.h"

#include "errors/erroranalyzer.h"
#include "http/httpclient.h"
#include "http/secrets.h"
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

#include <algorithm>
#include <optional>

namespace ApiLens::Core {

// A request waiting in a file's queue.
struct CollectionRunner::Queued
{
    Queued() = default;
    explicit Queued(Block request, QString from = {}, bool refsAhead = false)
        : block(std::move(request))
        , file(std::move(from))
        , refsDone(refsAhead)
    {}
    Block block;  // shared with the file's lists: a long file is not copied into its queue
    QString file; // the block's .http file when another one ("# @import") holds it
    bool refsDone = false;
    bool loopDone = false; // "# @loop" expanded into its iterations
    // With more than one lane, once judged: it keeps its place (it starts once everything
    // before it in the file finished, and what follows waits for it), or may go beside others.
    std::optional<bool> keepsPlace;
    QHash<QString, QString> loopVariables; // one iteration's: $index, and "for x of …"'s x
    int whileIndex = 0;                    // "# @loop while": the next iteration's $index
};

struct CollectionRunner::FileRun
{
    QString path;
    QString relative;
    // What is still to send, in order; a request with "# @ref" puts the ones it needs first.
    QList<Queued> queue;
    QHash<QString, Block> named;          // every named request of the file, for @ref
    QHash<QString, QString> importedFrom; // named requests of "# @import"ed files -> their file
    QSet<QString> sent;                   // names sent in this run
    QHash<QString, QString> variables;    // file variables, document order
    QHash<QString, QString> publicEnvironment;
    QHash<QString, QString> privateEnvironment;
    QHash<QString, QString> dotenv; // the .env beside the file, for {{$dotenv NAME}}
    QList<Block> blocks;            // the requests that may be sent, in file order
    QStringList order;              // their names (empty for unnamed), for setNextRequest
    QList<HttpScript> fileScripts;  // scripts in blocks without a request (httpyac's global region)
    bool fileScriptsRun = false;    // they run once, before the file's first request
    QList<HttpScript> eachBefore;   // httpyac "{{+" scripts: before every request of the file
    QList<HttpScript> eachAfter;    // "{{+after" / "{{+response": after every response
    QList<GraphqlFragment> graphqlFragments;
    Exchange lastExchange; // the file's last response, for "# @loop while" (httpyac's `response`)
    int count = 0;
    int jumps = 0;
    int inFlight = 0;          // its requests (and loop expansions) under way
    bool placeKeeping = false; // one that keeps its place is under way (then it is the only one)
    bool done() const { return queue.isEmpty() && inFlight == 0; }
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
        const Block shared = std::make_shared<const HttpRequestBlock>(block);
        if (!block.name.isEmpty()) {
            run->named.insert(block.name, shared);
        }
        if (block.disabled) {
            m_warnings.append(
                QStringLiteral("%1:%2: not sent (# @disabled)").arg(run->relative).arg(block.requestLine));
        } else if (m_options.request.isEmpty() || block.name == m_options.request) {
            run->queue.append(Queued(shared));
            run->blocks.append(shared);
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
            run->named.insert(block.name, std::make_shared<const HttpRequestBlock>(block));
            run->importedFrom.insert(block.name, absolute);
        }
    }
}

void CollectionRunner::start()
{
    // From the event loop, so that `finished` never comes before start() returns.
    QMetaObject::invokeMethod(this, &CollectionRunner::pump, Qt::QueuedConnection);
}

void CollectionRunner::pump()
{
    while (m_inFlight < m_options.concurrency) {
        FileRun *run = startable();
        if (!run) {
            break;
        }
        startStep(run);
    }
    if (m_inFlight == 0 && !m_finished) { // nothing under way and nothing could start: all done
        m_finished = true;
        // Reports list the files in order, each file's requests in the order they started
        // (files side by side interleave as they go).
        std::stable_sort(m_results.begin(), m_results.end(),
                         [](const RunResult &a, const RunResult &b) { return a.file < b.file; });
        Q_EMIT finished();
    }
}

CollectionRunner::FileRun *CollectionRunner::startable()
{
    // Files in order: a later file gets a lane when the earlier ones cannot use it.
    while (m_firstOpenFile < m_files.size() && m_files[m_firstOpenFile]->done()) {
        ++m_firstOpenFile;
    }
    for (qsizetype i = m_firstOpenFile; i < m_files.size(); ++i) {
        FileRun *run = m_files[i].get();
        if (run->placeKeeping || !frontReady(run)) {
            continue;
        }
        if (m_options.concurrency == 1) { // nothing is under way: whatever comes next may start
            return run;
        }
        Queued &step = run->queue.first();
        if (!step.keepsPlace) {
            step.keepsPlace = keepsPlace(*run, step);
        }
        if (!*step.keepsPlace || run->inFlight == 0) {
            return run;
        }
    }
    return nullptr;
}

bool CollectionRunner::frontReady(FileRun *run)
{
    while (!run->queue.isEmpty()) {
        const HttpRequestBlock &front = *run->queue.first().block;
        if (run->queue.first().refsDone || (front.refs.isEmpty() && front.forceRefs.isEmpty())) {
            return true;
        }
        if (run->inFlight > 0) { // what it refers to may be under way: known once all ended
            return false;
        }
        // "# @ref name" sends that request first unless this run sent it already;
        // "# @forceRef name" sends it again in any case.
        Queued step = run->queue.takeFirst();
        QList<Queued> first;
        for (const QString &name : step.block->refs + step.block->forceRefs) {
            const bool forced = step.block->forceRefs.contains(name);
            const auto found = run->named.constFind(name);
            if (found == run->named.cend()) {
                m_warnings.append(QStringLiteral("%1:%2: no request named '%3' to run first (@ref)")
                                      .arg(run->relative)
                                      .arg(step.block->requestLine)
                                      .arg(name));
            } else if ((forced || !run->sent.contains(name)) && (*found)->name != step.block->name) {
                first.append(Queued(*found, run->importedFrom.value(name)));
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

bool CollectionRunner::keepsPlace(const FileRun &run, const Queued &step) const
{
    // What may depend on what ran before it, or change what runs after it, keeps its place:
    // scripts (they read and set variables, jump with setNextRequest), "# @ref", "# @loop"
    // and "# @sleep", a method that is not safe (RFC 9110 9.2.1: a login POST, then the
    // requests that use its cookie), and a request that reads an earlier response.
    static const QStringList safe{QStringLiteral("GET"), QStringLiteral("HEAD"), QStringLiteral("OPTIONS"),
                                  QStringLiteral("TRACE")};
    const HttpRequestBlock &block = *step.block;
    if (!block.scripts.isEmpty() || !run.eachBefore.isEmpty() || !run.eachAfter.isEmpty() ||
        (!run.fileScriptsRun && !run.fileScripts.isEmpty()) || !block.refs.isEmpty() ||
        !block.forceRefs.isEmpty() || (!block.loop.isEmpty() && !step.loopDone) || block.sleepMs > 0 ||
        block.bodyFileHasVariables || !safe.contains(block.method)) {
        return true;
    }
    const RequestSpec spec = block.toSpec();
    if (!VariableResolver::scriptExpressions(spec).isEmpty()) {
        return true;
    }
    // Resolved once without any response: does it ask for one?
    VariableResolver resolver = resolverFor(run, step);
    resolver.scriptVariables = m_globals;
    bool readsResponse = false;
    resolver.responses = [this, &run, &readsResponse](const QString &name) -> const Exchange * {
        readsResponse = readsResponse || run.named.contains(name) || m_named.contains(name);
        return nullptr;
    };
    QStringList unresolved;
    resolver.resolve(spec, &unresolved);
    return readsResponse;
}

void CollectionRunner::startStep(FileRun *run)
{
    const Queued step = run->queue.takeFirst();
    ++m_inFlight;
    ++run->inFlight;
    run->placeKeeping = step.keepsPlace.value_or(true); // one lane: every step keeps its place
    if (!step.block->loop.isEmpty() && !step.loopDone) {
        expandLoop(run, step);
    } else {
        send(run, step);
    }
}

void CollectionRunner::stepDone(FileRun *run)
{
    --m_inFlight;
    --run->inFlight;
    run->placeKeeping = false; // when one that keeps its place was under way, it was this one
    QMetaObject::invokeMethod(this, &CollectionRunner::pump, Qt::QueuedConnection);
}

void CollectionRunner::send(FileRun *run, const Queued &step)
{
    const Block shared = step.block;
    const HttpRequestBlock &block = *shared;
    const int number = ++run->count;
    const int sequence = m_started++;
    RequestPipeline::Input input;
    input.spec = block.toSpec();
    input.resolver = resolverFor(*run, step);
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
    input.prepare = [this, file = input.httpFile, shared](RequestSpec *spec,
                                                          const VariableResolver &resolver) {
        return prepareBody(file, *shared, spec, resolver);
    };
    auto *pipeline = new RequestPipeline(m_client, m_scripts, &m_globals, input, this);
    connect(pipeline, &RequestPipeline::finished, this, [this, run, shared, pipeline, number, sequence] {
        const HttpRequestBlock &block = *shared;
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
        result.name = block.name.isEmpty() ? QStringLiteral("#%1").arg(number) : block.name;
        result.method = block.method;
        result.checkStatus = m_options.checkStatus;
        // Reports go to CI logs: no secret in them (the signal's exchange keeps what was sent).
        VariableResolver withScripts = resolverFor(*run);
        withScripts.scriptVariables = m_globals;
        const QStringList secrets = secretValues(withScripts);
        result.url = redactedUrl(done.sent.url, secrets, redactedMarker());
        result.problem = done.problem;
        result.exchange = done.exchange;
        result.assertions = done.checks;
        for (AssertionResult &check : result.assertions) {
            check.message = redactValues(check.message, secrets, redactedMarker());
        }
        for (const QString &line : done.log) {
            result.log.append(redactValues(line, secrets, redactedMarker()));
        }
        if (done.problem.isEmpty()) {
            result.unresolved = done.unresolved;
        }
        if (result.exchange.hasResponse()) {
            const QByteArray body = result.exchange.body.bytes(ErrorBodyLimitBytes);
            if (mayBeError(result.exchange.status, body)) {
                const ErrorReport report =
                    analyzeError(result.exchange.status, result.exchange.headers, body);
                if (report.isError()) {
                    result.report = report;
                }
            }
        }
        if (result.sent()) {
            const Exchange last = kept(done.chained);
            if (!block.name.isEmpty()) {
                keep(&m_named[block.name], forChaining(last));
            }
            keep(&run->lastExchange, last);
        }
        finishResult(run, sequence, block, result, done.nextRequest);
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
        stepDone(run);
    };
    const QString where = QStringLiteral("%1:%2").arg(run->relative).arg(step.block->requestLine);
    if (const QRegularExpressionMatch m = counter.match(step.block->loop); m.hasMatch()) {
        expand(QList<QHash<QString, QString>>(qMin(m.captured(1).toInt(), MaxJumps)));
        return;
    }
    static const QRegularExpression whileLoop(QStringLiteral("^\\s*while\\s+(.+)$"));
    const QRegularExpressionMatch whileMatch = whileLoop.match(step.block->loop);
    const QRegularExpressionMatch m = forOf.match(step.block->loop);
    const bool known = m.hasMatch() || whileMatch.hasMatch();
    if (!known || !m_options.trustScripts || !m_scripts) {
        m_warnings.append(
            QStringLiteral("%1: not sent: # @loop %2 %3")
                .arg(where, step.block->loop,
                     known ? QStringLiteral("needs its JavaScript run: the folder is not trusted")
                           : QStringLiteral(
                                 "is not a loop ApiLens runs (for N, for x of list, while condition)")));
        stepDone(run);
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
            stepDone(run);
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
    input.line = step.block->requestLine;
    input.globals = m_globals;
    input.variables = scriptVisibleVariables(resolverFor(run));
    return input;
}

void CollectionRunner::loopWhile(FileRun *run, const Queued &step, const QString &condition)
{
    // httpyac's "# @loop while CONDITION": the condition (JavaScript, which sees the last
    // `response`) is evaluated before each iteration; the request is sent while it holds.
    const QString where = QStringLiteral("%1:%2").arg(run->relative).arg(step.block->requestLine);
    if (step.whileIndex >= MaxJumps) {
        m_warnings.append(
            QStringLiteral("%1: # @loop while stopped after %2 iterations").arg(where).arg(MaxJumps));
        stepDone(run);
        return;
    }
    ScriptInput input = loopExpression(*run, step, condition);
    if (run->lastExchange.hasResponse()) {
        input.response = scriptResponse(run->lastExchange);
    }
    m_scripts->run(input, this, [this, run, step](const ScriptOutcome &outcome) {
        if (!outcome.error.isEmpty()) {
            m_warnings.append(QStringLiteral("%1 (# @loop while)").arg(outcome.error));
            stepDone(run);
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
        stepDone(run);
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

VariableResolver CollectionRunner::resolverFor(const FileRun &run, const Queued &step) const
{
    VariableResolver resolver = resolverFor(run);
    resolver.requestVariables.insert(step.loopVariables);
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

void CollectionRunner::finishResult(FileRun *run, int sequence, const HttpRequestBlock &block,
                                    const RunResult &result, const std::optional<QString> &nextRequest)
{
    if (!block.name.isEmpty() && result.sent()) {
        run->sent.insert(block.name);
    }
    if (nextRequest) {
        jumpTo(run, *nextRequest, block);
    }
    // Results are reported in the order their requests started, whatever order they end in.
    m_unreported.insert(sequence, result);
    while (!m_unreported.isEmpty() && m_unreported.firstKey() == m_reported) {
        const RunResult next = m_unreported.take(m_reported++);
        m_failures += next.passed() ? 0 : 1;
        if (m_options.keepResults) {
            m_results.append(summary(next));
        }
        Q_EMIT requestFinished(next);
    }
    stepDone(run);
}

Exchange CollectionRunner::outline(const Exchange &whole)
{
    Exchange exchange;
    exchange.status = whole.status;
    exchange.reason = whole.reason;
    exchange.httpVersion = whole.httpVersion;
    exchange.streamedBodySize = whole.bodySize();
    exchange.timings = whole.timings;
    exchange.error = whole.error;
    exchange.errorMessage = whole.errorMessage;
    exchange.tlsVerificationDisabled = whole.tlsVerificationDisabled;
    return exchange;
}

RunResult CollectionRunner::summary(const RunResult &result)
{
    RunResult stored = result;
    stored.exchange = outline(result.exchange);
    return stored;
}

Exchange CollectionRunner::forChaining(const Exchange &whole)
{
    Exchange exchange = outline(whole);
    exchange.streamedBodySize = whole.streamedBodySize;
    exchange.headers = whole.headers;
    exchange.body = whole.body;
    exchange.contentEncoding = whole.contentEncoding;
    return exchange;
}

qint64 CollectionRunner::inMemory(const Exchange &exchange)
{
    return exchange.body.isInMemory() ? exchange.body.size() : 0;
}

void CollectionRunner::keep(Exchange *place, const Exchange &exchange)
{
    m_keptInMemory += inMemory(exchange) - inMemory(*place);
    *place = exchange;
}

Exchange CollectionRunner::kept(Exchange exchange) const
{
    if (exchange.body.isInMemory() && m_keptInMemory + 2 * exchange.body.size() > KeptBodiesInMemoryBytes) {
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
        run->queue.append(Queued(run->blocks[i], {}, true));
    }
}

} // namespace ApiLens::Core
