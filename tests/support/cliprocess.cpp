#include "cliprocess.h"

#include <QEventLoop>
#include <QProcess>
#include <QTimer>

#include <csignal>

namespace ApiLens::Test {

CliResult runProcess(const QString &program, const QStringList &arguments, const QString &workingDirectory,
                     const QProcessEnvironment &environment, int timeoutMs, int interruptAfterMs)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    if (!workingDirectory.isEmpty()) {
        process.setWorkingDirectory(workingDirectory);
    }
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&process, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    process.start(program, arguments);
    if (interruptAfterMs >= 0) {
        QTimer::singleShot(interruptAfterMs, &process, [&process] {
            if (const qint64 pid = process.processId(); pid > 0) {
                ::kill(pid_t(pid), SIGINT);
            }
        });
    }
    loop.exec();
    CliResult result;
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished(3000);
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

} // namespace ApiLens::Test
