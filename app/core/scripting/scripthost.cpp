#include "scripthost.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>

namespace ApiLens::Core {

namespace {

const QString HostName = QStringLiteral("apilens-script-host");

// What the host is given beyond the script's own limit before it is killed.
constexpr int KillGraceMs = 3000;

} // namespace

ScriptHost::ScriptHost(const QString &program, QObject *parent)
    : QObject(parent)
    , m_program(program)
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        if (m_current) {
            hostStopped(QStringLiteral("stopped: still running after %1 ms (a script may run for %1 ms)")
                            .arg(m_current->input.timeLimitMs));
        }
    });
}

ScriptHost::~ScriptHost()
{
    if (m_process) {
        m_process->disconnect(this);
        m_process->closeWriteChannel();
        if (!m_process->waitForFinished(1000)) {
            m_process->kill();
            m_process->waitForFinished(1000);
        }
    }
}

QString ScriptHost::defaultProgram()
{
    const QString dir = QCoreApplication::applicationDirPath();
    QString beside = dir + QLatin1Char('/') + HostName;
    if (QFileInfo(beside).isExecutable()) {
        return beside;
    }
#ifdef APILENS_SCRIPT_HOST_INSTALLED_DIR
    // Installed: bin/apilens and libexec/apilens/apilens-script-host.
    const QString installed =
        QDir::cleanPath(dir + QStringLiteral("/" APILENS_SCRIPT_HOST_INSTALLED_DIR "/") + HostName);
    if (QFileInfo(installed).isExecutable()) {
        return installed;
    }
#endif
#ifdef APILENS_SCRIPT_HOST_BUILD_PATH
    return QStringLiteral(APILENS_SCRIPT_HOST_BUILD_PATH);
#else
    return beside;
#endif
}

void ScriptHost::run(const ScriptInput &input, QObject *context, Done done)
{
    m_queue.append({input, context, std::move(done)});
    if (!m_current) {
        QMetaObject::invokeMethod(this, &ScriptHost::startNext, Qt::QueuedConnection);
    }
}

bool ScriptHost::ensureStarted(QString *error)
{
    if (m_process && m_process->state() == QProcess::Running) {
        return true;
    }
    delete m_process;
    m_process = new QProcess(this);
    m_process->setProgram(m_program);
    m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    connect(m_process, &QProcess::readyReadStandardOutput, this, &ScriptHost::readReply);
    connect(m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        if (m_current) {
            // It ends while a script runs only when the script took it down (a sanitizer build
            // exits with a code instead of a signal).
            hostStopped(
                status == QProcess::CrashExit || code != 0
                    ? QStringLiteral("stopped: the script needed more than the %1 MB a script may use "
                                     "(or it crashed the script engine)")
                          .arg(ScriptMemoryLimitMb)
                    : QStringLiteral("stopped: the script host quit"));
        }
    });
    m_process->start();
    if (!m_process->waitForStarted(5000)) {
        *error = QStringLiteral("scripts cannot run: %1 (%2)").arg(m_program, m_process->errorString());
        return false;
    }
    m_buffer.clear();
    return true;
}

void ScriptHost::startNext()
{
    while (!m_current && !m_queue.isEmpty()) {
        m_current = m_queue.takeFirst();
        QString error;
        if (!ensureStarted(&error)) {
            ScriptOutcome outcome;
            outcome.error = error;
            finishCurrent(outcome);
            continue;
        }
        m_process->write(QJsonDocument(toJson(m_current->input)).toJson(QJsonDocument::Compact) + '\n');
        m_deadline.start(m_current->input.timeLimitMs + KillGraceMs);
    }
}

void ScriptHost::readReply()
{
    m_buffer += m_process->readAllStandardOutput();
    const qsizetype end = m_buffer.indexOf('\n');
    if (end < 0 || !m_current) {
        return;
    }
    const QByteArray line = m_buffer.left(end);
    m_buffer.remove(0, end + 1);
    const QJsonDocument reply = QJsonDocument::fromJson(line);
    ScriptOutcome outcome;
    if (reply.isObject()) {
        outcome = scriptOutcomeFromJson(reply.object());
    } else {
        outcome.error = QStringLiteral("the script host answered something unreadable");
    }
    finishCurrent(outcome);
}

void ScriptHost::hostStopped(const QString &why)
{
    ScriptOutcome outcome;
    outcome.error =
        QStringLiteral("%1:%2: %3").arg(m_current->input.origin).arg(m_current->input.line).arg(why);
    outcome.globals = m_current->input.globals;
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(1000);
        m_process->deleteLater();
        m_process = nullptr;
    }
    finishCurrent(outcome);
}

void ScriptHost::finishCurrent(const ScriptOutcome &outcome)
{
    m_deadline.stop();
    const Job job = *m_current;
    m_current.reset();
    if (job.context) {
        job.done(outcome);
    }
    QMetaObject::invokeMethod(this, &ScriptHost::startNext, Qt::QueuedConnection);
}

} // namespace ApiLens::Core
