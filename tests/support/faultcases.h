#pragma once

#include "externalserver.h"
#include "faultserver.h"
#include "h2faultserver.h"
#include "testcertificates.h"
#include "testserver.h"

#include <QList>
#include <QString>

#include <map>
#include <memory>

namespace ApiLens::Test {

// One way a server or the network fails, and what ApiLens must say: the fault suite, run
// through the core (tst_faults), apilens-cli send (tst_sendcommand) and the window
// (tst_mainwindowfaults), row by row from this one table.
struct FaultCase
{
    enum class Server {
        None,             // no server: `path` is the whole URL (%1 = a port nothing listens on)
        Plain,            // FaultServer, plain HTTP/1.1
        Tls,              // FaultServer::listenTls(tls)
        Http2,            // H2FaultServer, prior knowledge
        CrossHost,        // FaultServer's /redirect to the recording TestServer on another origin
        ClientCertificate // `openssl s_server -Verify 1`: demands a client certificate
    };
    const char *name;
    Server server = Server::Plain;
    QString path;
    FaultServer::Tls tls = FaultServer::Tls::SelfSigned;
    bool verifyTls = true;
    int timeoutMs = 10000;
    qint64 maxBodyBytes = 0; // 0: the default
    int cancelAfterMs = -1;  // the user cancels after this long
    // What must come of it: a transport error's id and a part of its message, or a response.
    QString kind; // "" for a response
    QString message;
    int status = 0;
    int headerCount = -1; // when a response must keep this many fields
};

QList<FaultCase> faultCases();

// The servers the cases need, started on first use and kept for the test's run.
class FaultServers
{
public:
    FaultServers();
    ~FaultServers();
    FaultServers(const FaultServers &) = delete;
    FaultServers &operator=(const FaultServers &) = delete;
    // The URL to request for a case, starting its server; empty with `error` when it cannot.
    QString url(const FaultCase &fault, QString *error);
    // The server the last CrossHost case's redirect goes to, which records what it received.
    TestServer *redirectTarget() const { return m_lastTarget; }

private:
    std::unique_ptr<TestCertificates> m_certificates;
    std::unique_ptr<FaultServer> m_plain;
    std::map<FaultServer::Tls, std::unique_ptr<FaultServer>> m_tls;
    std::unique_ptr<H2FaultServer> m_http2;
    std::unique_ptr<ExternalServer> m_demandsCertificate;
    std::unique_ptr<TestServer> m_target;
    std::unique_ptr<TestServer> m_tlsTarget;
    TestServer *m_lastTarget = nullptr;
};

} // namespace ApiLens::Test
