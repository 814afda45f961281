#include "externalserver.h"

#include "testserver.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QThread>

#include <csignal>

#include <sys/prctl.h>

namespace ApiLens::Test {

ExternalServer::~ExternalServer()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(3000)) {
            m_process.kill();
            m_process.waitForFinished(3000);
        }
    }
}

bool ExternalServer::start(const QString &program, const QStringList &arguments,
                           const QString &workingDirectory, int timeoutMs)
{
    m_port = TestServer::unusedPort();
    QStringList args;
    for (const QString &argument : arguments) {
        args.append(QString(argument).replace(QStringLiteral("{port}"), QString::number(m_port)));
    }
    if (!workingDirectory.isEmpty()) {
        m_process.setWorkingDirectory(workingDirectory);
    }
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    // A test that crashes (an abort, a sanitizer report) must not leave its server running.
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    m_process.start(program, args);
    if (!m_process.waitForStarted(5000)) {
        m_error = QStringLiteral("%1 did not start: %2").arg(program, m_process.errorString());
        return false;
    }
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        QTcpSocket probe;
        probe.connectToHost(QStringLiteral("127.0.0.1"), m_port);
        if (probe.waitForConnected(200)) {
            probe.disconnectFromHost();
            return true;
        }
        if (m_process.state() == QProcess::NotRunning) {
            m_error = QStringLiteral("%1 exited: %2").arg(program, QString::fromLocal8Bit(output()));
            return false;
        }
        QThread::msleep(50);
    }
    m_error = QStringLiteral("%1 did not listen on port %2 in time").arg(program).arg(m_port);
    return false;
}

QByteArray ExternalServer::output()
{
    m_output += m_process.readAll();
    return m_output;
}

bool ExternalServer::httpbinAvailable()
{
    return QFile::exists(QStringLiteral("/usr/lib/python3/dist-packages/httpbin/core.py"));
}

bool ExternalServer::nghttpdAvailable()
{
    return !QStandardPaths::findExecutable(QStringLiteral("nghttpd")).isEmpty();
}

} // namespace ApiLens::Test
