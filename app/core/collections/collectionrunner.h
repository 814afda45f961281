#pragma once

#include "assertion.h"
#include "errors/errorreport.h"
#include "http/exchange.h"
#include "httpdocument.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

namespace ApiLens::Core {

class HttpClient;

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
    QString problem; // why it was not sent (unresolved variable, body file…)
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
};

// Runs the requests of .http files (a file or a folder, recursively) with an environment,
// resolving variables and chaining, evaluating assertions, reading error bodies.
class CollectionRunner : public QObject
{
    Q_OBJECT
public:
    CollectionRunner(HttpClient *client, QObject *parent = nullptr);

    // Prepares the run; false (with messages) when the path or environment is unusable.
    bool prepare(const QString &path, const RunOptions &options, QStringList *errors);
    void start();

    const QList<RunResult> &results() const { return m_results; }
    const QStringList &warnings() const { return m_warnings; } // file:line problems in the files
    int failures() const;
    QString root() const { return m_root; }

Q_SIGNALS:
    void requestFinished(const ApiLens::Core::RunResult &result);
    void finished();

private:
    struct FileRun;
    void runNext(FileRun *run);
    void startFiles();

    HttpClient *m_client;
    RunOptions m_options;
    QString m_root;
    QList<std::shared_ptr<FileRun>> m_files;
    int m_nextFile = 0;
    int m_running = 0;
    QList<RunResult> m_results;
    QStringList m_warnings;
    std::shared_ptr<FileRun> loadFile(const QString &file, QStringList *errors);
    // The next request to send, the ones its "# @ref" lines name first; false when none is left.
    bool takeNext(FileRun *run, HttpRequestBlock *block);
    // The request resolved and with its body files read; why it cannot be sent otherwise.
    QString sendableSpec(FileRun *run, const HttpRequestBlock &block, RequestSpec *spec) const;
    void finishResult(FileRun *run, const HttpRequestBlock &block, const RunResult &result);

    QHash<QString, Exchange> m_named; // the last exchange of each named request, for chaining
};

} // namespace ApiLens::Core
