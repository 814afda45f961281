#include "collectionrunner.h"

#include "bodyfiles.h"
#include "httpdocument.h"
#include "variables.h"

#include "errors/erroranalyzer.h"
#include "http/httpclient.h"
#include "util/fileutil.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

namespace ApiLens::Core {

struct CollectionRunner::FileRun
{
    QString path;
    QString relative;
    QList<HttpRequestBlock> requests;
    QHash<QString, QString> variables; // file variables, document order
    int next = 0;
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
    const Environments environments = Environments::load(m_root, errors);
    if (!options.environment.isEmpty() && !environments.contains(options.environment)) {
        errors->append(QStringLiteral("no environment '%1' in %2/http-client.env.json%3")
                           .arg(options.environment, m_root,
                                environments.names().isEmpty()
                                    ? QString()
                                    : QStringLiteral(" (known: %1)")
                                          .arg(environments.names().join(QStringLiteral(", ")))));
        return false;
    }
    m_public = environments.publicVariables(options.environment);
    m_private = environments.privateVariables(options.environment);

    const QDir root(m_root);
    for (const QString &file : std::as_const(files)) {
        QFile in(file);
        if (!in.open(QIODevice::ReadOnly)) {
            errors->append(QStringLiteral("%1: %2").arg(file, in.errorString()));
            continue;
        }
        const HttpDocument document = HttpDocument::parse(in.readAll());
        auto run = std::make_shared<FileRun>();
        run->path = file;
        run->relative = root.relativeFilePath(file);
        for (const HttpIssue &issue : document.issues()) {
            m_warnings.append(
                QStringLiteral("%1:%2: %3").arg(run->relative).arg(issue.line).arg(issue.message));
        }
        for (const HttpRequestBlock &block : document.blocks()) {
            for (const KeyValue &variable : block.variables) {
                run->variables.insert(variable.name, variable.value);
            }
            if (block.hasRequest() && (options.request.isEmpty() || block.name == options.request)) {
                run->requests.append(block);
            }
        }
        if (!run->requests.isEmpty()) {
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

void CollectionRunner::runNext(FileRun *run)
{
    if (run->next >= run->requests.size()) {
        --m_running;
        startFiles();
        return;
    }
    const HttpRequestBlock block = run->requests[run->next++];
    RunResult result;
    result.file = run->relative;
    result.line = block.requestLine;
    result.name = block.name.isEmpty() ? QStringLiteral("#%1").arg(run->next) : block.name;
    result.method = block.method;
    result.checkStatus = m_options.checkStatus;

    VariableResolver resolver;
    resolver.requestVariables = run->variables;
    resolver.privateEnvironment = m_private;
    resolver.publicEnvironment = m_public;
    resolver.responses = [this](const QString &name) -> const Exchange * {
        const auto it = m_named.constFind(name);
        return it == m_named.constEnd() ? nullptr : &*it;
    };
    QStringList unresolved;
    RequestSpec spec = resolver.resolve(block.toSpec(), &unresolved);
    result.url = spec.url;
    if (!unresolved.isEmpty()) {
        result.problem =
            QStringLiteral("unresolved variable%1 %2")
                .arg(unresolved.size() > 1 ? QStringLiteral("s") : QString(),
                     QStringLiteral("{{") + unresolved.join(QStringLiteral("}}, {{")) + QStringLiteral("}}"));
    } else {
        // Body files are relative to the .http file and must stay inside the collection.
        const QString base = QFileInfo(run->path).absolutePath();
        for (const BodyFile &file : bodyFiles(spec, base)) {
            if (!file.absolute.startsWith(m_root + QLatin1Char('/'))) {
                result.problem = QStringLiteral("body file %1 is outside the collection folder; not sent")
                                     .arg(file.written);
                break;
            }
        }
        QString error;
        if (result.problem.isEmpty() && !inlineBodyFiles(&spec, base, &error)) {
            result.problem = error;
        } else if (result.problem.isEmpty() && spec.body.kind == BodyKind::BinaryFile &&
                   block.bodyFileHasVariables) {
            // "<@ ./file": the file's {{variables}} are resolved too.
            if (const std::optional<QByteArray> bytes = readFile(spec.body.filePath, &error)) {
                spec.body.kind = BodyKind::Raw;
                spec.body.raw = resolver.resolve(QString::fromUtf8(*bytes), &unresolved).toUtf8();
            }
        }
    }
    if (!result.problem.isEmpty()) {
        m_results.append(result);
        Q_EMIT requestFinished(result);
        QMetaObject::invokeMethod(
            this, [this, run] { runNext(run); }, Qt::QueuedConnection);
        return;
    }
    PendingExchange *pending = m_client->send(spec);
    connect(pending, &PendingExchange::finished, this, [this, run, pending, result, block]() mutable {
        result.exchange = pending->exchange();
        pending->deleteLater();
        if (result.exchange.hasResponse()) {
            const ErrorReport report =
                analyzeError(result.exchange.status, result.exchange.headers, result.exchange.body.bytes());
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
        m_results.append(result);
        Q_EMIT requestFinished(result);
        runNext(run);
    });
}

} // namespace ApiLens::Core
