#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

namespace ApiLens::Test {

// A real server program run for a test on 127.0.0.1 (httpbin, nghttpd). Started on a free
// port, waited for until it accepts connections, and stopped (by its own PID) on destruction.
class ExternalServer
{
public:
    ExternalServer() = default;
    ~ExternalServer();
    ExternalServer(const ExternalServer &) = delete;
    ExternalServer &operator=(const ExternalServer &) = delete;

    // arguments may contain "{port}", replaced by the chosen port.
    bool start(const QString &program, const QStringList &arguments, const QString &workingDirectory = {},
               int timeoutMs = 15000);
    quint16 port() const { return m_port; }
    QString errorString() const { return m_error; }
    // Everything the program printed so far (stdout and stderr together).
    QByteArray output();

    static bool httpbinAvailable();
    static bool nghttpdAvailable();

private:
    QProcess m_process;
    QByteArray m_output;
    quint16 m_port = 0;
    QString m_error;
};

} // namespace ApiLens::Test
