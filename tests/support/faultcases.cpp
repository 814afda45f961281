#include "faultcases.h"

#include <QUrl>

namespace ApiLens::Test {

QList<FaultCase> faultCases()
{
    using S = FaultCase::Server;
    using Tls = FaultServer::Tls;
    // A name longer than DNS allows fails in the resolver before any query leaves the machine.
    const QString tooLongName = QString(QStringLiteral("a").repeated(60) + QLatin1Char('.')).repeated(18);
    constexpr qint64 limit = 8 * 1024 * 1024;
    // clang-format off: one row per case, read as a table
    QList<FaultCase> cases{
        {"connection refused", S::None, QStringLiteral("http://127.0.0.1:%1/"), {}, true, 10000, 0, -1,
            QStringLiteral("refused"), QStringLiteral("Connection refused by 127.0.0.1:")},
        {"unresolvable host", S::None, QStringLiteral("http://%1test/").arg(tooLongName), {}, true, 10000, 0, -1,
            QStringLiteral("dns"), QStringLiteral("Could not resolve host")},
        {"accepted, never answers", S::Plain, QStringLiteral("/hang"), {}, true, 1500, 0, -1, QStringLiteral("timeout"),
            QStringLiteral("no response within 1.5 s")},
        {"reset during the headers", S::Plain, QStringLiteral("/reset-in-head"), {}, true, 10000, 0, -1,
            QStringLiteral("closed"), QStringLiteral("in the middle of the response headers")},
        {"reset during the body", S::Plain, QStringLiteral("/reset-in-body"), {}, true, 10000, 0, -1,
            QStringLiteral("closed"), QStringLiteral("after 1000 of the 100000 body bytes it announced")},
        {"closed before Content-Length", S::Plain, QStringLiteral("/short-body"), {}, true, 10000, 0, -1,
            QStringLiteral("closed"), QStringLiteral("after 10 of the 1000 body bytes it announced")},
        {"garbage status line", S::Plain, QStringLiteral("/garbage"), {}, true, 10000, 0, -1,
            QStringLiteral("protocol"), QStringLiteral("not an HTTP/1.x response: “SSH-2.0-OpenSSH")},
        {"a 2 MB header", S::Plain, QStringLiteral("/huge-header"), {}, true, 10000, 0, -1, QStringLiteral("protocol"),
            QStringLiteral("header section larger than 1.0 MB")},
        {"10,000 headers", S::Plain, QStringLiteral("/many-headers/10000"), {}, true, 10000, 0, -1, QString(),
            QString(), 200, 10000},
        {"20,000 headers", S::Plain, QStringLiteral("/many-headers/20000"), {}, true, 10000, 0, -1,
            QStringLiteral("protocol"), QStringLiteral("sent more than 10000 header fields")},
        {"gzip bomb", S::Plain, QStringLiteral("/bomb/gzip"), {}, true, 30000, limit, -1,
            QStringLiteral("body-too-large"), QStringLiteral("passed the limit of 8.0 MB")},
        {"brotli bomb", S::Plain, QStringLiteral("/bomb/br"), {}, true, 30000, limit, -1,
            QStringLiteral("body-too-large"), QStringLiteral("passed the limit of 8.0 MB")},
        {"zstd bomb", S::Plain, QStringLiteral("/bomb/zstd"), {}, true, 30000, limit, -1,
            QStringLiteral("body-too-large"), QStringLiteral("passed the limit of 8.0 MB")},
        {"endless chunked body", S::Plain, QStringLiteral("/endless"), {}, true, 30000, limit, -1,
            QStringLiteral("body-too-large"), QStringLiteral("passed the limit of 8.0 MB")},
        {"1 byte/s drip, cancelled", S::Plain, QStringLiteral("/drip"), {}, true, 30000, 0, 1500,
            QStringLiteral("cancelled"), QStringLiteral("Cancelled")},
        {"redirect loop", S::Plain, QStringLiteral("/redirect-loop"), {}, true, 10000, 0, -1,
            QStringLiteral("too-many-redirects"), QStringLiteral("redirects")},
        {"redirect to another host", S::CrossHost, QStringLiteral("localhost"), {}, true, 10000, 0, -1, QString(),
            QString(), 200},
        {"redirect to another scheme", S::CrossHost, QStringLiteral("https"), {}, false, 10000, 0, -1, QString(),
            QString(), 200},
        {"self-signed certificate", S::Tls, QStringLiteral("/ok"), Tls::SelfSigned, true, 10000, 0, -1,
            QStringLiteral("tls"), QStringLiteral("self-signed")},
        {"self-signed, verification off", S::Tls, QStringLiteral("/ok"), Tls::SelfSigned, false, 10000, 0, -1,
            QString(), QString(), 200},
        {"unknown CA", S::Tls, QStringLiteral("/ok"), Tls::UnknownCa, true, 10000, 0, -1, QStringLiteral("tls"),
            QStringLiteral("issued by “ApiLens Test CA”, which is not a trusted authority")},
        {"unknown CA, verification off", S::Tls, QStringLiteral("/ok"), Tls::UnknownCa, false, 10000, 0, -1, QString(),
            QString(), 200},
        {"expired certificate", S::Tls, QStringLiteral("/ok"), Tls::Expired, true, 10000, 0, -1, QStringLiteral("tls"),
            QStringLiteral("expired on 2020-02-01")},
        {"expired, verification off", S::Tls, QStringLiteral("/ok"), Tls::Expired, false, 10000, 0, -1, QString(),
            QString(), 200},
        {"certificate for another host", S::Tls, QStringLiteral("/ok"), Tls::OtherHost, true, 10000, 0, -1,
            QStringLiteral("tls"), QStringLiteral("is for other.example, not 127.0.0.1")},
        {"another host, verification off", S::Tls, QStringLiteral("/ok"), Tls::OtherHost, false, 10000, 0, -1,
            QString(), QString(), 200},
        {"client certificate demanded", S::ClientCertificate, QStringLiteral("/"), {}, false, 10000, 0, -1,
            QStringLiteral("tls"), QStringLiteral("asks for a client certificate")},
        {"invalid UTF-8 declared UTF-8", S::Plain, QStringLiteral("/invalid-utf8"), {}, true, 10000, 0, -1, QString(),
            QString(), 200},
        {"10 MB JSON on one line", S::Plain, QStringLiteral("/long-line-json"), {}, true, 30000, 0, -1, QString(),
            QString(), 200},
        {"JSON nested 100,000 deep", S::Plain, QStringLiteral("/deep-json"), {}, true, 10000, 0, -1, QString(),
            QString(), 200},
        {"HTTP/1.0 body delimited by the close", S::Plain, QStringLiteral("/http10"), {}, true, 10000, 0, -1, QString(),
            QString(), 200},
        {"100 Continue, then a close", S::Plain, QStringLiteral("/continue-close"), {}, true, 10000, 0, -1,
            QStringLiteral("closed"), QStringLiteral("after 100 Continue")},
        {"HTTP/2 RST_STREAM mid-body", S::Http2, QStringLiteral("/rst-stream"), {}, true, 10000, 0, -1,
            QStringLiteral("protocol"), QStringLiteral("reset the stream (INTERNAL_ERROR) after 1000 body bytes")},
        {"HTTP/2 GOAWAY mid-body", S::Http2, QStringLiteral("/goaway"), {}, true, 10000, 0, -1,
            QStringLiteral("closed"), QStringLiteral("GOAWAY (INTERNAL_ERROR: shutting down) after 1000 body bytes")},
    };
    // clang-format on
    return cases;
}

FaultServers::FaultServers() = default;
FaultServers::~FaultServers() = default;

QString FaultServers::url(const FaultCase &fault, QString *error)
{
    switch (fault.server) {
    case FaultCase::Server::None:
        return fault.path.contains(QLatin1String("%1")) ? fault.path.arg(TestServer::unusedPort())
                                                        : fault.path;
    case FaultCase::Server::Plain:
    case FaultCase::Server::CrossHost:
        if (!m_plain) {
            m_plain = std::make_unique<FaultServer>();
            if (!m_plain->listen()) {
                *error = QStringLiteral("the fault server could not listen");
                return {};
            }
        }
        if (fault.server == FaultCase::Server::CrossHost) {
            const bool https = fault.path == QLatin1String("https");
            std::unique_ptr<TestServer> &target = https ? m_tlsTarget : m_target;
            if (!target) {
                target = std::make_unique<TestServer>();
                if (!(https ? target->listenTls() : target->listen())) {
                    *error = QStringLiteral("the redirect target could not listen");
                    return {};
                }
            }
            QUrl to = target->url(QStringLiteral("/echo"));
            if (!https) {
                to.setHost(QStringLiteral("localhost"));
            }
            m_lastTarget = target.get();
            return m_plain
                ->url(QStringLiteral("/redirect?to=") +
                      QString::fromLatin1(QUrl::toPercentEncoding(to.toString())))
                .toString();
        }
        return m_plain->url(fault.path).toString();
    case FaultCase::Server::ClientCertificate:
    case FaultCase::Server::Tls: {
        if (!m_certificates) {
            m_certificates = std::make_unique<TestCertificates>();
            if (!m_certificates->generate(error)) {
                m_certificates.reset();
                return {};
            }
        }
        if (fault.server == FaultCase::Server::ClientCertificate) {
            if (!m_demandsCertificate) {
                using Leaf = TestCertificates::Leaf;
                m_demandsCertificate = std::make_unique<ExternalServer>();
                if (!m_demandsCertificate->start(QStringLiteral("openssl"),
                                                 {QStringLiteral("s_server"), QStringLiteral("-accept"),
                                                  QStringLiteral("127.0.0.1:{port}"), QStringLiteral("-cert"),
                                                  m_certificates->certificate(Leaf::Valid),
                                                  QStringLiteral("-key"), m_certificates->key(Leaf::Valid),
                                                  QStringLiteral("-Verify"), QStringLiteral("1"),
                                                  QStringLiteral("-www")})) {
                    *error = QStringLiteral("openssl s_server: %1").arg(m_demandsCertificate->errorString());
                    m_demandsCertificate.reset();
                    return {};
                }
            }
            return QStringLiteral("https://127.0.0.1:%1%2").arg(m_demandsCertificate->port()).arg(fault.path);
        }
        std::unique_ptr<FaultServer> &server = m_tls[fault.tls];
        if (!server) {
            server = std::make_unique<FaultServer>();
            if (!server->listenTls(fault.tls, *m_certificates)) {
                *error = QStringLiteral("the TLS fault server could not listen");
                server.reset();
                return {};
            }
        }
        return server->url(fault.path).toString();
    }
    case FaultCase::Server::Http2:
        if (!m_http2) {
            m_http2 = std::make_unique<H2FaultServer>();
            if (!m_http2->listen()) {
                *error = QStringLiteral("the HTTP/2 fault server could not listen");
                return {};
            }
        }
        return m_http2->url(fault.path).toString();
    }
    return {};
}

} // namespace ApiLens::Test
