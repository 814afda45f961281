#pragma once

#include "scriptprotocol.h"

#include <QObject>
#include <QPointer>
#include <QProcess>
#include <QTimer>

#include <functional>

namespace ApiLens::Core {

// The app's side of the script sandbox: runs scripts one after another in the
// apilens-script-host process (started on first use, started again after a script it had to
// stop) and hands back each outcome on the event loop. Never blocks the caller.
class ScriptHost : public QObject
{
    Q_OBJECT
public:
    explicit ScriptHost(const QString &program = defaultProgram(), QObject *parent = nullptr);
    ~ScriptHost() override;

    // apilens-script-host beside the running program, else the one of the build tree.
    static QString defaultProgram();

    using Done = std::function<void(const ScriptOutcome &)>;
    // `done` runs once, unless `context` is gone by then.
    void run(const ScriptInput &input, QObject *context, Done done);

private:
    struct Job
    {
        ScriptInput input;
        QPointer<QObject> context;
        Done done;
    };
    void startNext();
    void finishCurrent(const ScriptOutcome &outcome);
    void readReply();
    void hostStopped(const QString &why);
    bool ensureStarted(QString *error);

    QString m_program;
    QProcess *m_process = nullptr;
    QList<Job> m_queue;
    std::optional<Job> m_current;
    QByteArray m_buffer;
    QTimer m_deadline; // the host's own watchdog failed to stop the script
};

} // namespace ApiLens::Core
