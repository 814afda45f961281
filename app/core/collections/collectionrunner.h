#pragma once

#include "assertion.h"
#include "errors/errorreport.h"
#include "http/exchange.h"
#include "httpdocument.h"
#include "scripting/scriptprotocol.h"
#include "variables.h"

#include <QJsonValue>
#include <QMap>
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
    QString request; // only requests with this name
    // Requests under way at once. Past 1, files run side by side and so do the requests of a
    // file that depend on nothing before them (see CollectionRunner::keepsPlace);
    // requestFinished comes in the order the requests started, and results() at the end
    // lists the files in order.
    int concurrency = 1;
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
    // results() keeps every result (reports that list them); off, only the counts are kept
    // and requestFinished is the one place they are seen (a console report).
    bool keepResults = true;
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

    // Every result so far, for reports: its exchange reduced to status, timings and error
    // (requestFinished has it whole: body, headers, what was sent), so a long run's memory
    // does not grow with what it sent and received.
    const QList<RunResult> &results() const { return m_results; }
    const QStringList &warnings() const { return m_warnings; } // file:line problems in the files
    int reported() const { return m_reported; }                // results so far (kept or not)
    int failures() const { return m_failures; }
    QString root() const { return m_root; }
    // Bodies kept after their request (named ones for chaining, each file's last for loops)
    // stay in memory up to this in all (counted for each place that keeps one); past it they
    // go to temporary files and are read from there.
    static constexpr qint64 KeptBodiesInMemoryBytes = 64 * 1024 * 1024;
    qint64 keptBodyBytesInMemory() const { return m_keptInMemory; }

Q_SIGNALS:
    void requestFinished(const ApiLens::Core::RunResult &result);
    void finished();

private:
    using Block = std::shared_ptr<const HttpRequestBlock>;
    struct FileRun;
    struct Queued;
    // Starts what may start, up to the concurrency; `finished` when nothing is left.
    void pump();
    FileRun *startable(); // the first file whose next request may start now
    // The file's next request at the front of its queue (the ones its "# @ref" lines name
    // put before it); false when none is left or its "# @ref" lines wait for what is under way.
    bool frontReady(FileRun *run);
    bool keepsPlace(const FileRun &run, const Queued &step) const;
    void startStep(FileRun *run);
    void stepDone(FileRun *run);
    void send(FileRun *run, const Queued &step);
    std::shared_ptr<FileRun> loadFile(const QString &file, QStringList *errors);
    void importFile(FileRun *run, const QString &path, const HttpRequestBlock &from, QSet<QString> *seen);
    void expandLoop(FileRun *run, const Queued &step);
    void loopWhile(FileRun *run, const Queued &step, const QString &condition);
    // A "# @loop" expression (the list of "for x of", the condition of "while") for the host.
    ScriptInput loopExpression(const FileRun &run, const Queued &step, const QString &code) const;
    VariableResolver resolverFor(const FileRun &run) const;
    VariableResolver resolverFor(const FileRun &run, const Queued &step) const; // with its loop's variables
    // Body files read (inside the collection), "<@" files resolved; why it cannot be sent otherwise.
    QString prepareBody(const QString &httpFile, const HttpRequestBlock &block, RequestSpec *spec,
                        const VariableResolver &resolver) const;
    void finishResult(FileRun *run, int sequence, const HttpRequestBlock &block, const RunResult &result,
                      const std::optional<QString> &nextRequest);
    void jumpTo(FileRun *run, const QString &name, const HttpRequestBlock &from);
    Exchange kept(Exchange exchange) const;               // its body spilled when memory is past the cap
    void keep(Exchange *place, const Exchange &exchange); // counting what stays in memory
    static qint64 inMemory(const Exchange &exchange);
    static Exchange outline(const Exchange &whole); // status line, timings, error: nothing sent or received
    static RunResult summary(const RunResult &result); // what results() keeps: its exchange's outline
    static Exchange
    forChaining(const Exchange &whole); // what {{name.response…}} reads: status, headers, body
    static constexpr int MaxJumps = 10000;

    HttpClient *m_client;
    ScriptHost *m_scripts;
    QHash<QString, QJsonValue> m_globals; // what scripts set, for every later request of the run
    QSet<QString> m_reportedScripts;      // "file:line" of scripts already reported as not run
    RunOptions m_options;
    QString m_root;
    QList<std::shared_ptr<FileRun>> m_files;
    qsizetype m_firstOpenFile = 0; // the files before it are done
    int m_inFlight = 0;
    bool m_finished = false;
    int m_started = 0;  // requests sent so far: the next one's sequence number
    int m_reported = 0; // the sequence number of the next result to report
    int m_failures = 0;
    QMap<int, RunResult> m_unreported; // ended before one that started earlier
    QList<RunResult> m_results;
    QStringList m_warnings;

    QHash<QString, Exchange> m_named; // the last exchange of each named request, for chaining
    qint64 m_keptInMemory = 0;        // the bodies of m_named and each file's lastExchange in memory
};

} // namespace ApiLens::Core
