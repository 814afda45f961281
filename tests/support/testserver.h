#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QPair>
#include <QUrl>

#include <functional>

class QTcpServer;
class QTcpSocket;

namespace ApiLens::Test {

using Headers = QList<QPair<QByteArray, QByteArray>>;

// A request as the server received it, byte for byte where it matters.
struct ReceivedRequest
{
    QByteArray method;
    QByteArray target; // as on the request line (absolute-form when it came through a proxy)
    QByteArray version;
    Headers headers;
    QByteArray body;
    QByteArray rawHead; // the request line and header fields exactly as received, up to the blank line

    QByteArray header(const QByteArray &name) const;
    QByteArray path() const;  // target without the query
    QByteArray query() const; // raw query, without '?'
    // A multipart body as its parts: each part's header lines (lower case, sorted, joined by
    // '|') and its content, so two clients' bodies compare although their boundaries differ.
    QList<QPair<QByteArray, QByteArray>> multipartParts() const;
    // Authorization, with a Digest answer's parameters sorted and without what differs on every
    // answer (cnonce, response) or means the default (algorithm=MD5, RFC 7616), so two
    // clients' answers to one challenge compare.
    QByteArray comparableAuthorization() const;
};

// What the server answers. The defaults are a 200 with an empty body.
struct Response
{
    int status = 200;
    QByteArray reason; // empty: the standard phrase
    Headers headers;
    QByteArray body;
    int delayMs = 0;      // wait before the status line
    bool chunked = false; // Transfer-Encoding: chunked, in several chunks
    int chunkDelayMs = 0;
    bool gzip = false;              // Content-Encoding: gzip
    QByteArray encoding;            // or any chain: "br", "zstd", "deflate", "gzip, br"…
    bool closeWithoutReply = false; // drop the connection instead of answering
    bool hang = false;              // never answer
    bool endless = false;           // a chunked body that never ends (until the client goes)
    QByteArray rawReply;            // written as is instead of a well-formed reply
};

// A local HTTP/1.1 server on 127.0.0.1 with a free port, for tests. It routes like a small
// httpbin (see routes below) and records every request it receives:
//   /status/N[?body=...]       answer with status N
//   /echo                      a JSON description of the request
//   /delay/MS                  answer after MS milliseconds
//   /redirect/N                302 chain of N hops to /echo; /redirect-loop never ends
//   /cookies/set?a=1&b=2       Set-Cookie a=1 and b=2, then 302 to /echo
//   /gzip, /chunked            a JSON body gzip-encoded / chunked
//   /bytes/N                   N bytes ('a')
//   /pattern/N                 N bytes, byte i being i % 256
//   /endless                   a chunked body of 'x' that never ends
//   /basic-auth/U/P            200 with the right Basic credentials, else 401 + challenge
//   /digest-auth/U/P           the same with Digest (RFC 7616, MD5, qop=auth)
//   /close, /hang, /garbage    faults: drop, never answer, answer non-HTTP
//   an HTTP/2 preface          answered with an invalid frame
// setHandler() replaces the routes with a function of the request.
class TestServer : public QObject
{
    Q_OBJECT
public:
    explicit TestServer(QObject *parent = nullptr);
    ~TestServer() override;

    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    // HTTPS with the self-signed localhost certificate of tests/support/certs.
    bool listenTls();
    bool isTls() const { return m_tls; }
    static QString certificatePath();
    quint16 port() const;
    QUrl url(const QString &pathAndQuery = QString()) const;

    void setHandler(std::function<Response(const ReceivedRequest &)> handler);
    QList<ReceivedRequest> requests() const;
    ReceivedRequest lastRequest() const;
    void clearRequests();
    int connectionCount() const { return m_connections; }

    static Response route(const ReceivedRequest &request);
    static QByteArray gzipCompress(const QByteArray &data);
    // The body encoded with a Content-Encoding chain (gzip, deflate as zlib, raw-deflate, br, zstd).
    static QByteArray encode(const QByteArray &data, const QByteArray &codings);
    // `head` (status line and fields, no blank line) and then a chunked body of 'x' that never
    // ends, a chunk whenever the last has left, for as long as the client reads.
    static void writeEndless(QTcpSocket *socket, const QByteArray &head);
    // A port on 127.0.0.1 that nothing listens on (bound, then released).
    static quint16 unusedPort();

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void reply(QTcpSocket *socket, const ReceivedRequest &request);
    void write(QTcpSocket *socket, const Response &response, bool headOnly);

    QTcpServer *m_server;
    std::function<Response(const ReceivedRequest &)> m_handler;
    QList<ReceivedRequest> m_requests;
    int m_connections = 0;
    bool m_tls = false;
};

} // namespace ApiLens::Test
