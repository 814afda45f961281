#pragma once

#include <QByteArray>
#include <QObject>
#include <QUrl>

class QTcpServer;
class QTcpSocket;

namespace ApiLens::Test {

class TestCertificates;

// A local server on 127.0.0.1 that misbehaves on purpose, one way per path (the fault suite,
// tests/support/faultcases.h):
//   /ok                  a well-formed 200 (what a TLS listener serves once trusted)
//   /hang                reads the request, never answers
//   /reset-in-head       half a status line and a field, then a TCP reset
//   /reset-in-body       announces 100,000 bytes, sends 1,000, then a TCP reset
//   /short-body          announces 1,000 bytes, sends 10, then closes
//   /garbage             an SSH banner instead of HTTP
//   /huge-header         one field of 2 MB
//   /many-headers/N      N header fields (Content-Length one of them)
//   /bomb/CODING         gzip, br or zstd: 1 GB of zeros in about 1 MB
//   /endless             a chunked body that never ends
//   /drip                announces 1,000 bytes, sends one a second
//   /redirect-loop       302 to itself
//   /redirect?to=URL     302 to URL, setting a cookie on the way
//   /invalid-utf8        JSON declared UTF-8 with bytes that are not
//   /long-line-json      10 MB of JSON on one line
//   /deep-json           an array nested 100,000 deep
//   /http10              an HTTP/1.0 body delimited by the close
//   /continue-close      100 Continue, then a close
class FaultServer : public QObject
{
    Q_OBJECT
public:
    // What a TLS listener presents.
    enum class Tls {
        SelfSigned, // the tree's self-signed localhost certificate
        UnknownCa,  // a valid leaf signed by the test CA, which no one trusts
        Expired,    // signed by the test CA, expired in 2020
        OtherHost,  // signed by the test CA for other.example
    };

    explicit FaultServer(QObject *parent = nullptr);
    ~FaultServer() override;

    bool listen();
    bool listenTls(Tls kind, const TestCertificates &certificates);
    quint16 port() const;
    QUrl url(const QString &path) const;

    // The body a path sends whole (long-line-json, deep-json, invalid-utf8, http10), for
    // comparing with what a client kept.
    static QByteArray body(const QByteArray &path);
    // The compressed bytes of /bomb/CODING, made once.
    static QByteArray bomb(const QByteArray &coding);
    static constexpr qint64 BombDecodedBytes = 1024LL * 1024 * 1024;

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void answer(QTcpSocket *socket, const QByteArray &target);
    void drip(QTcpSocket *socket);

    QTcpServer *m_server = nullptr;
    bool m_tls = false;
};

} // namespace ApiLens::Test
