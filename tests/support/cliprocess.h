#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace ApiLens::Test {

struct CliResult
{
    int exitCode = -1; // -1 when it crashed or did not finish
    QByteArray out;
    QByteArray err;
};

// Runs a program to completion while this thread's event loop keeps running, so a test
// server living in the test can answer it. With interruptAfterMs, it gets SIGINT (Ctrl+C) then.
CliResult runProcess(const QString &program, const QStringList &arguments,
                     const QString &workingDirectory = {},
                     const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment(),
                     int timeoutMs = 30000, int interruptAfterMs = -1);

} // namespace ApiLens::Test
