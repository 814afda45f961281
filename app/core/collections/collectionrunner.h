#pragma once

#include "assertion.h"
#include "errors/errorreport.h"
#include "http/exchange.h"
#include "httpdocument.h"
#include "scripting/scriptprotocol.h"
#include "variables.h"

#include <QJsonValue>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace ApiLens::Core {

class HttpClient;
class ScriptHost;

struct RunResult
{
    QString file; // relative to the run's root
    int line = 0; // the request line
    QString name;
    QString method;
    QString url;
    Exchange exchange;
    std::optional<ErrorReport> report; // when the response is an error
    QList<AssertionResult> assertions;
    QString problem;        // why it was not sent (unresolved variable, body file…)
    QStringList log;        // what its scripts logged (client.log, console.log)
    QStringList unresolved; // variables sent as written (RunOptions::sendUnresolved)
    bool checkStatus = false;

    bool sent() const { return problem.isEmpty(); }
    bool passed() const;
};

struct RunOptions
{
    QString environment;
    QString request;          // only requests with this name
    int concurrency = 1;      // files run side by side; requests in a file run in order
    bool checkStatus = false; // a 4xx/5xx answer fails the request
    // Where environment and .env files are looked for above each file's folder (httpyac's
    // project root; the CLI passes its working directory). Empty: the run's own folder.
    QString projectRoot;
    // Scripts run only in a trusted folder (FolderTrust; `run --trust`); otherwise each one
    // is reported as not run, by file and line.
    bool trustScripts = false;
    // Send a request whose {{variables}} cannot be resolved with them as written (newman's
    // and httpyac's habit) instead of not sending it.
    bool sendUnresolved = false;
    // Send body files from outside the collection folder (symbolic links followed); otherwise
    // such a request is not sent and says which file (`run --allow-outside-files`).
    bool allowOutsideFiles = false;
};

// Runs the requests of .http files (a file or a folder, recursively) with an environment,
// resolving variables and chaining, evaluating assertions, reading error bodies.
class CollectionRunner : public QObject
{
    Q_OBJECT
public:
    // `scripts` runs the files' scripts (null: none run, each reported).
    CollectionRunner(HttpClient *client, ScriptHost *scripts = nullptr, QObject *parent = nullptr);

    // Prepares the run; false (with messages) when the path or environment is unusable.
    bool prepare(const QString &path, const RunOptions &options, QStringList *errors);
    void start();

    // Every result so far, for reports: without its body (requestFinished has it), so a long
    // run's memory does not grow with what it received.
    const QList<RunResult> &results() const { return m_results; }
    const QStringList &warnings() const { return m_warnings; } // file:line problems in the files
    int failures() const;
    QString root() const { return m_root; }
    // Bodies kept after their request (named ones for chaining, each file's last for loops)
    // stay in memory up to this in all (counted for each place that keeps one); past it they
    // go to temporary files and are read from there.
    static constexpr qint64 KeptBodiesInMemoryBytes = 64 * 1024 * 1024;
    qint64 keptBodyBytesInMemory() const;

Q_SIGNALS:
    void requestFinished(const ApiLens::Core::RunResult &result);
    void finished();

private:
    struct FileRun;
    struct Queued;
    void runNext(FileRun *run);
    void startFiles();
    std::shared_ptr<FileRun> loadFile(const QString &file, QStringList *errors);
    void importFile(FileRun *run, const QString &path, const HttpRequestBlock &from, QSet<QString> *seen);
    // The next request to send, the ones its "# @ref" lines name first; false when none is left.
    bool takeNext(FileRun *run, Queued *next);
    // "# @loop": the request's iterations put first in the queue, then the run goes on.
    void expandLoop(FileRun *run, const Queued &step);
    void loopWhile(FileRun *run, const Queued &step, const QString &condition);
    // A "# @loop" expression (the list of "for x of", the condition of "while") for the host.
    ScriptInput loopExpression(const FileRun &run, const Queued &step, const QString &code) const;
    VariableResolver resolverFor(const FileRun &run) const;
    // Body files read (inside the collection), "<@" files resolved; why it cannot be sent otherwise.
    QString prepareBody(const QString &httpFile, const HttpRequestBlock &block, RequestSpec *spec,
                        const VariableResolver &resolver) const;
    void finishResult(FileRun *run, const HttpRequestBlock &block, const RunResult &result,
                      const std::optional<QString> &nextRequest);
    void jumpTo(FileRun *run, const QString &name, const HttpRequestBlock &from);
    Exchange kept(Exchange exchange) const; // its body spilled when memory is past the cap
    static constexpr int MaxJumps = 10000;

    HttpClient *m_client;
    ScriptHost *m_scripts;
    QHash<QString, QJsonValue> m_globals; // what scripts set, for every later request of the run
    QSet<QString> m_reportedScripts;      // "file:line" of scripts already reported as not run
    RunOptions m_options;
    QString m_root;
    QList<std::shared_ptr<FileRun>> m_files;
    int m_nextFile = 0;
    int m_running = 0;
    QList<RunResult> m_results;
    QStringList m_warnings;

    QHash<QString, Exchange> m_named; // the last exchange of each named request, for chaining
};

} // namespace ApiLens::Core
