#include "collectionrunner.h"

#include "bodyfiles.h"
#include "dotenv.h"
#include "httpdocument.h"
#include "variables.h"

#include "errors/erroranalyzer.h"
#include "http/httpclient.h"
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
    int count = 0;
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

CollectionRunner::CollectionRunner(HttpClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
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

void CollectionRunner::runNext(FileRun *run)
{
    HttpRequestBlock block;
    if (!takeNext(run, &block)) {
        --m_running;
        startFiles();
        return;
    }
    ++run->count;
    RunResult result;
    result.file = run->relative;
    result.line = block.requestLine;
    result.name = block.name.isEmpty() ? QStringLiteral("#%1").arg(run->count) : block.name;
    result.method = block.method;
    result.checkStatus = m_options.checkStatus;

    RequestSpec spec;
    result.problem = sendableSpec(run, block, &spec);
    result.url = spec.url;
    if (!result.problem.isEmpty()) {
        finishResult(run, block, result);
        return;
    }
    auto send = [this, run, block, result, spec]() mutable {
        PendingExchange *pending = m_client->send(spec);
        connect(pending, &PendingExchange::finished, this, [this, run, pending, result, block]() mutable {
            result.exchange = pending->exchange();
            pending->deleteLater();
            if (result.exchange.hasResponse()) {
                const ErrorReport report = analyzeError(result.exchange.status, result.exchange.headers,
                                                        result.exchange.body.bytes());
                if (report.isError()) {
                    result.report = report;
                }
            }
            for (const QString &assertion : block.assertions) {
                result.assertions.append(evaluateAssertion(assertion, result.exchange));
            }
            if (!block.name.isEmpty()) {
                m_named.insert(block.name, result.exchange);
            }
            finishResult(run, block, result);
        });
    };
    if (block.sleepMs > 0) { // "# @sleep 500": wait before sending
        QTimer::singleShot(block.sleepMs, this, send);
    } else {
        send();
    }
}

QString CollectionRunner::sendableSpec(FileRun *run, const HttpRequestBlock &block, RequestSpec *spec) const
{
    VariableResolver resolver;
    resolver.requestVariables = run->variables;
    resolver.privateEnvironment = run->privateEnvironment;
    resolver.publicEnvironment = run->publicEnvironment;
    resolver.dotenv = run->dotenv;
    resolver.responses = [this](const QString &name) -> const Exchange * {
        const auto it = m_named.constFind(name);
        return it == m_named.constEnd() ? nullptr : &*it;
    };
    QStringList unresolved;
    *spec = resolver.resolve(block.toSpec(), &unresolved);
    if (!unresolved.isEmpty()) {
        return QStringLiteral("unresolved variable%1 %2")
            .arg(unresolved.size() > 1 ? QStringLiteral("s") : QString(),
                 QStringLiteral("{{") + unresolved.join(QStringLiteral("}}, {{")) + QStringLiteral("}}"));
    }
    // Body files are relative to the .http file and must stay inside the collection.
    const QString base = QFileInfo(run->path).absolutePath();
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
    if (spec->body.kind == BodyKind::BinaryFile && block.bodyFileHasVariables) {
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

void CollectionRunner::finishResult(FileRun *run, const HttpRequestBlock &block, const RunResult &result)
{
    if (!block.name.isEmpty() && result.sent()) {
        run->sent.insert(block.name);
    }
    m_results.append(result);
    Q_EMIT requestFinished(result);
    QMetaObject::invokeMethod(
        this, [this, run] { runNext(run); }, Qt::QueuedConnection);
}

} // namespace ApiLens::Core
