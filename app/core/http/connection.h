#pragma once

#include "exchange.h"
#include "http1.h"
#include "requestbuilder.h"

#include <QObject>
#include <QPointer>

#include <QSsl>

#include <memory>
#include <optional>

class QFile;
class QSslSocket;
class QTcpSocket;
class QTimer;

namespace ApiLens::Core {

class Http2Session;

// Where a connection goes and how: the origin, and the proxy on the way.
struct Endpoint
{
    enum class Proxy { None, Http, Socks5 };

    QString scheme; // "http" or "https"
    QString host;
    quint16 port = 0;
    Proxy proxy = Proxy::None;
    QString proxyHost;
    quint16 proxyPort = 0;
    QString proxyUser;
    QString proxyPassword;
    bool verifyTls = true;
    bool allowHttp2 = true;
    bool http2PriorKnowledge = false; // h2c: HTTP/2 from the first byte on plain http

    bool isTls() const { return scheme == QLatin1String("https"); }
    // Plain http through an HTTP proxy: the request line carries the absolute URL.
    bool absoluteForm() const { return proxy == Proxy::Http && !isTls(); }
    // https through an HTTP proxy: a CONNECT tunnel first.
    bool tunnels() const { return proxy == Proxy::Http && isTls(); }
    QString key() const;
    // "host:port" of what the socket talks to.
    QString origin() const;
    QString proxyOrigin() const;
};

// What a connection tells the request it carries, in order. A request withdrawn from its
// connection (ConnectionPool::withdraw) hears nothing more.
class WireStream
{
public:
    virtual ~WireStream() = default;
    virtual const WireRequest &wireRequest() const = 0;
    virtual void wireConnecting() = 0; // a new connection was started for it
    virtual void wireResolved() = 0;
    virtual void wireConnected() = 0;
    virtual void wireEncrypted(const QStringList &ignoredTlsErrors) = 0;
    virtual void wireWritten(const SentRequest &record) = 0;     // exactly what went out
    virtual void wireSent() = 0;                                 // the last byte of it left
    virtual void wireHead(const ResponseHead &head) = 0;         // the final head (not 1xx)
    virtual bool wireBody(const char *data, qsizetype size) = 0; // false: stop, close
    virtual void wireFinished() = 0;
    // `retry`: nothing of the request was processed (a reused connection closed under it,
    // HTTP/2 REFUSED_STREAM or GOAWAY); sending it again on a new connection is safe.
    virtual void wireFailed(TransportError error, const QString &message, bool retry) = 0;
};

// One connection: TCP (directly, through an HTTP proxy or a CONNECT tunnel, or SOCKS5), TLS
// with ALPN, then HTTP/1.1 (one request at a time, kept alive) or HTTP/2 (many streams).
class Connection : public QObject
{
    Q_OBJECT
public:
    Connection(const Endpoint &endpoint, QObject *parent = nullptr);
    ~Connection() override;

    const Endpoint &endpoint() const { return m_endpoint; }
    bool isHttp2() const { return m_http2 != nullptr; }
    bool isClosed() const { return m_state == State::Closed; }
    // Ready for one more request now.
    bool canTake() const;
    bool carries(const WireStream *stream) const;

    void open(WireStream *first);
    void submit(WireStream *stream);
    // The request's owner is gone: stop its exchange (HTTP/1.1 closes the connection, HTTP/2
    // resets the stream) and never call it again.
    void detach(WireStream *stream);
    void close();

Q_SIGNALS:
    void available(); // can take a request (again)
    void closed();

private:
    enum class State { Connecting, Tunnelling, Handshaking, Idle, Busy, Closed };

    void onConnected();
    void onEncrypted();
    void onReadyRead();
    void onDisconnected();
    void onSocketError();
    void onBytesWritten();
    void ready();
    void startTls();
    void connectTls(); // the TLS socket's signals
    void readTunnelReply();
    void failAll(TransportError error, const QString &message, bool retry = false);
    QString socketErrorMessage(TransportError *kind) const;

    void startHttp1(WireStream *stream);
    void writeBody();
    void readHttp1();
    void finishHttp1(bool keepAlive);
    void failHttp1(TransportError error, const QString &message, bool retry);

    Endpoint m_endpoint;
    State m_state = State::Connecting;
    QSslSocket *m_tls;    // for https, else null
    QTcpSocket *m_socket; // m_tls, or a plain socket
    QTimer *m_idleTimer;
    QList<WireStream *> m_waiting; // until the connection is ready
    QStringList m_sslErrors;
    QStringList m_ignoredSslErrors;
    std::optional<QSsl::AlertType> m_tlsAlert; // the fatal alert the server sent, if any
    QString m_tlsAlertText;
    bool m_reused = false; // has carried a request before
    bool m_closeSignalled = false;
    std::unique_ptr<Http2Session> m_http2;
    Http1::ResponseParser m_tunnelParser;

    // HTTP/1.1: the one request in flight
    WireStream *m_current = nullptr;
    Http1::ResponseParser m_parser;
    bool m_headDelivered = false;
    bool m_closeAfter = false;
    bool m_bodyStarted = false;
    bool m_bodyDone = false;
    bool m_sentReported = false;
    qint64 m_bodyOffset = 0;
    std::unique_ptr<QFile> m_bodyFile;
    QTimer *m_continueTimer;
    qint64 m_received = 0;
    QByteArray m_readBuffer; // one slice, reused by every read
};

// Keeps connections per endpoint for reuse: idle HTTP/1.1 ones carry the next request, an
// HTTP/2 one carries many at once; at most `maxPerEndpoint` open, the rest wait in order.
class ConnectionPool : public QObject
{
    Q_OBJECT
public:
    explicit ConnectionPool(QObject *parent = nullptr);
    ~ConnectionPool() override;

    void submit(const Endpoint &endpoint, WireStream *stream);
    void withdraw(WireStream *stream);
    void setMaxPerEndpoint(int count) { m_maxPerEndpoint = qMax(1, count); }
    int openConnections() const;

private:
    bool place(const Endpoint &endpoint, WireStream *stream);
    void dispatch();

    QList<QPointer<Connection>> m_connections;
    QList<QPair<Endpoint, WireStream *>> m_queue;
    int m_maxPerEndpoint = 6;
};

} // namespace ApiLens::Core
