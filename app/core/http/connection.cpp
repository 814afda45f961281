#include "connection.h"

#include "http2session.h"
#include "tlsproblems.h"

#include <QFile>
#include <QNetworkProxy>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTimer>

namespace ApiLens::Core {

namespace {

constexpr qint64 ReadSlice = 256 * 1024;    // per read, so one event never takes long
constexpr qint64 WriteWindow = 1024 * 1024; // body bytes queued in the socket at most
constexpr int IdleTimeoutMs = 60 * 1000;    // an unused kept-alive connection is closed
constexpr int ContinueTimeoutMs = 1000;     // Expect: 100-continue waits this long at most

QByteArray basicCredentials(const QString &user, const QString &password)
{
    return "Basic " + (user + QLatin1Char(':') + password).toUtf8().toBase64();
}

} // namespace

QString Endpoint::key() const
{
    return QStringList{scheme,
                       host,
                       QString::number(port),
                       QString::number(int(proxy)),
                       proxyHost,
                       QString::number(proxyPort),
                       proxyUser,
                       QString::number(int(verifyTls) * 4 + int(allowHttp2) * 2 + int(http2PriorKnowledge))}
        .join(QLatin1Char('|'));
}

QString Endpoint::origin() const
{
    return QStringLiteral("%1:%2")
        .arg(host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host)
        .arg(port);
}

QString Endpoint::proxyOrigin() const
{
    return QStringLiteral("%1:%2").arg(proxyHost).arg(proxyPort);
}

Connection::Connection(const Endpoint &endpoint, QObject *parent)
    : QObject(parent)
    , m_endpoint(endpoint)
    // Plain http needs no TLS: a QSslSocket would load the TLS backend (milliseconds) for nothing.
    , m_tls(endpoint.isTls() ? new QSslSocket(this) : nullptr)
    , m_socket(m_tls ? m_tls : new QTcpSocket(this))
    , m_idleTimer(new QTimer(this))
    , m_continueTimer(new QTimer(this))
{
    m_idleTimer->setSingleShot(true);
    m_idleTimer->setInterval(IdleTimeoutMs);
    connect(m_idleTimer, &QTimer::timeout, this, &Connection::close);
    m_continueTimer->setSingleShot(true);
    m_continueTimer->setInterval(ContinueTimeoutMs);
    connect(m_continueTimer, &QTimer::timeout, this, [this] {
        if (m_current && !m_bodyStarted) {
            writeBody(); // the server did not say 100 Continue in time: send the body anyway
        }
    });
    if (endpoint.proxy == Endpoint::Proxy::Socks5) {
        m_socket->setProxy(QNetworkProxy(QNetworkProxy::Socks5Proxy, endpoint.proxyHost, endpoint.proxyPort,
                                         endpoint.proxyUser, endpoint.proxyPassword));
    } else {
        m_socket->setProxy(QNetworkProxy::NoProxy); // proxies are ours to speak to, not Qt's
    }
    connect(m_socket, &QAbstractSocket::hostFound, this, [this] {
        for (WireStream *stream : std::as_const(m_waiting)) {
            stream->wireResolved();
        }
    });
    connect(m_socket, &QAbstractSocket::connected, this, &Connection::onConnected);
    if (m_tls) {
        connectTls();
    }
    connect(m_socket, &QIODevice::readyRead, this, &Connection::onReadyRead);
    connect(m_socket, &QIODevice::bytesWritten, this, &Connection::onBytesWritten);
    connect(m_socket, &QAbstractSocket::disconnected, this, &Connection::onDisconnected);
    connect(m_socket, &QAbstractSocket::errorOccurred, this, &Connection::onSocketError);
}

void Connection::connectTls()
{
    connect(m_tls, &QSslSocket::encrypted, this, &Connection::onEncrypted);
    connect(m_tls, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        m_sslErrors = tlsProblems(errors, m_endpoint.host);
        if (!m_endpoint.verifyTls) {
            m_ignoredSslErrors = m_sslErrors;
            m_tls->ignoreSslErrors();
        }
    });
    // A fatal alert is why the server ended the session: say it instead of "closed".
    connect(m_tls, &QSslSocket::alertReceived, this,
            [this](QSsl::AlertLevel level, QSsl::AlertType type, const QString &description) {
                if (level == QSsl::AlertLevel::Fatal) {
                    m_tlsAlert = type;
                    m_tlsAlertText = description;
                }
            });
}

Connection::~Connection()
{
    m_socket->disconnect(this);
    m_waiting.clear();
    m_current = nullptr;
    m_http2.reset();
    m_socket->abort();
}

bool Connection::canTake() const
{
    if (m_state == State::Closed) {
        return false;
    }
    if (m_http2) {
        return m_http2->canTake();
    }
    return m_state == State::Idle && !m_current && m_waiting.isEmpty();
}

bool Connection::carries(const WireStream *stream) const
{
    return m_current == stream || m_waiting.contains(const_cast<WireStream *>(stream)) ||
           (m_http2 && m_http2->carries(stream));
}

void Connection::open(WireStream *first)
{
    m_waiting.append(first);
    first->wireConnecting();
    const bool viaHttpProxy = m_endpoint.proxy == Endpoint::Proxy::Http;
    m_socket->connectToHost(viaHttpProxy ? m_endpoint.proxyHost : m_endpoint.host,
                            viaHttpProxy ? m_endpoint.proxyPort : m_endpoint.port);
}

void Connection::submit(WireStream *stream)
{
    if (m_http2) {
        QString error;
        if (!m_http2->submit(stream, &error)) {
            stream->wireFailed(TransportError::InvalidRequest, error, false);
        }
    } else if (m_state == State::Idle && !m_current) {
        startHttp1(stream);
    } else {
        m_waiting.append(stream);
    }
}

void Connection::detach(WireStream *stream)
{
    m_waiting.removeAll(stream);
    if (m_http2) {
        m_http2->detach(stream);
        return;
    }
    if (m_current == stream) {
        // An HTTP/1.1 response cannot be left half read: the connection goes with it.
        m_current = nullptr;
        close();
    } else if (m_waiting.isEmpty() && m_state != State::Idle && m_state != State::Busy) {
        close(); // nobody waits for the connection being set up
    }
}

void Connection::close()
{
    m_state = State::Closed;
    m_idleTimer->stop();
    m_continueTimer->stop();
    if (!m_closeSignalled) {
        m_closeSignalled = true;
        m_socket->disconnect(this);
        m_socket->abort();
        Q_EMIT closed();
    }
}

void Connection::onConnected()
{
    for (WireStream *stream : std::as_const(m_waiting)) {
        stream->wireConnected();
    }
    if (m_endpoint.tunnels()) {
        // https through an HTTP proxy: ask it for a tunnel to the origin (RFC 9110 §9.3.6).
        const QByteArray authority = m_endpoint.origin().toLatin1();
        HeaderList headers{{"Host", authority}};
        if (!m_endpoint.proxyUser.isEmpty()) {
            headers.append(
                {"Proxy-Authorization", basicCredentials(m_endpoint.proxyUser, m_endpoint.proxyPassword)});
        }
        m_state = State::Tunnelling;
        m_tunnelParser.start(false);
        m_socket->write(Http1::requestHead("CONNECT", authority, headers));
        return;
    }
    if (m_endpoint.isTls()) {
        startTls();
    } else {
        ready();
    }
}

void Connection::readTunnelReply()
{
    const QByteArray data = m_socket->readAll();
    QByteArray ignored;
    const qsizetype used = m_tunnelParser.feed(data.constData(), data.size(), &ignored);
    const QString proxy = m_endpoint.proxyOrigin();
    if (used < 0) {
        failAll(TransportError::Proxy, QStringLiteral("The proxy %1 %2").arg(proxy, m_tunnelParser.error()));
        close();
        return;
    }
    if (!m_tunnelParser.hasHead()) {
        return;
    }
    const ResponseHead &head = m_tunnelParser.head();
    if (head.status >= 200 && head.status < 300) {
        startTls();
        return;
    }
    failAll(TransportError::Proxy,
            head.status == 407
                ? QStringLiteral("The proxy %1 asks for credentials (407 Proxy Authentication Required)")
                      .arg(proxy)
                : QStringLiteral("The proxy %1 refused the tunnel to %2: %3 %4")
                      .arg(proxy, m_endpoint.origin())
                      .arg(head.status)
                      .arg(QString::fromLatin1(head.reason)));
    close();
}

void Connection::startTls()
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    config.setAllowedNextProtocols(m_endpoint.allowHttp2
                                       ? QList<QByteArray>{QSslConfiguration::ALPNProtocolHTTP2, "http/1.1"}
                                       : QList<QByteArray>{"http/1.1"});
    m_tls->setSslConfiguration(config);
    m_tls->setPeerVerifyName(m_endpoint.host);
    m_state = State::Handshaking;
    m_tls->startClientEncryption();
}

void Connection::onEncrypted()
{
    for (WireStream *stream : std::as_const(m_waiting)) {
        stream->wireEncrypted(m_ignoredSslErrors);
    }
    ready();
}

void Connection::ready()
{
    const bool http2 =
        m_endpoint.isTls()
            ? m_tls->sslConfiguration().nextNegotiatedProtocol() == QSslConfiguration::ALPNProtocolHTTP2
            : m_endpoint.http2PriorKnowledge && m_endpoint.allowHttp2 && !m_endpoint.absoluteForm();
    m_state = State::Idle;
    if (!http2) {
        if (!m_waiting.isEmpty()) {
            startHttp1(m_waiting.takeFirst());
        } else {
            Q_EMIT available();
        }
        return;
    }
    m_http2 = std::make_unique<Http2Session>(
        m_endpoint, [this](const char *data, qsizetype size) { m_socket->write(data, size); },
        [this] {
            // A stream ended: room for another request (queued, so the pool never re-enters
            // nghttp2 from inside one of its callbacks).
            QMetaObject::invokeMethod(this, &Connection::available, Qt::QueuedConnection);
        });
    QString error;
    if (!m_http2->start(&error)) {
        failAll(TransportError::Protocol,
                QStringLiteral("HTTP/2 with %1 failed: %2").arg(m_endpoint.origin(), error));
        close();
        return;
    }
    const QList<WireStream *> waiting = std::exchange(m_waiting, {});
    for (WireStream *stream : waiting) {
        submit(stream);
    }
}

void Connection::failAll(TransportError error, const QString &message, bool retry)
{
    m_state = State::Closed;
    const QList<WireStream *> waiting = std::exchange(m_waiting, {});
    if (WireStream *current = std::exchange(m_current, nullptr)) {
        current->wireFailed(error, message, retry);
    }
    for (WireStream *stream : waiting) {
        stream->wireFailed(error, message, false);
    }
    if (m_http2) {
        m_http2->failAll(error, message, false);
    }
}

QString Connection::socketErrorMessage(TransportError *kind) const
{
    const bool viaProxy = m_endpoint.proxy != Endpoint::Proxy::None;
    const QString where = m_endpoint.origin();
    switch (m_socket->error()) {
    case QAbstractSocket::ConnectionRefusedError:
        if (m_endpoint.proxy == Endpoint::Proxy::Http) {
            *kind = TransportError::Proxy;
            return QStringLiteral("Connection refused by the proxy %1 — is the proxy running?")
                .arg(m_endpoint.proxyOrigin());
        }
        *kind = TransportError::ConnectionRefused;
        return QStringLiteral("Connection refused by %1 — is the server running?").arg(where);
    case QAbstractSocket::HostNotFoundError:
        if (m_endpoint.proxy == Endpoint::Proxy::Http) {
            *kind = TransportError::Proxy;
            return QStringLiteral("Could not resolve the proxy host '%1'").arg(m_endpoint.proxyHost);
        }
        *kind = TransportError::HostNotFound;
        return QStringLiteral("Could not resolve host '%1' — check the spelling and your DNS")
            .arg(m_endpoint.host);
    case QAbstractSocket::SocketTimeoutError:
        *kind = TransportError::Timeout;
        return QStringLiteral("The connection to %1 timed out").arg(where);
    default:
        break;
    }
    if (m_tlsAlert) {
        *kind = TransportError::Tls;
        return tlsAlertMessage(where, *m_tlsAlert, m_tlsAlertText);
    }
    switch (m_socket->error()) {
    case QAbstractSocket::SslHandshakeFailedError:
        *kind = TransportError::Tls;
        return QStringLiteral("TLS handshake with %1 failed: %2")
            .arg(where,
                 m_sslErrors.isEmpty() ? m_socket->errorString() : m_sslErrors.join(QStringLiteral("; ")));
    case QAbstractSocket::ProxyConnectionRefusedError:
    case QAbstractSocket::ProxyConnectionClosedError:
    case QAbstractSocket::ProxyConnectionTimeoutError:
    case QAbstractSocket::ProxyNotFoundError:
    case QAbstractSocket::ProxyProtocolError:
    case QAbstractSocket::ProxyAuthenticationRequiredError:
        *kind = TransportError::Proxy;
        return QStringLiteral("Proxy %1 failed: %2").arg(m_endpoint.proxyOrigin(), m_socket->errorString());
    case QAbstractSocket::RemoteHostClosedError:
        *kind =
            viaProxy && m_state == State::Tunnelling ? TransportError::Proxy : TransportError::RemoteClosed;
        return m_state == State::Handshaking
                   ? QStringLiteral("%1 closed the connection during the TLS handshake").arg(where)
                   : QStringLiteral("%1 closed the connection without a response").arg(where);
    default:
        break;
    }
    *kind = TransportError::Other;
    return QStringLiteral("%1: %2").arg(where, m_socket->errorString());
}

void Connection::onSocketError()
{
    const bool open = m_state == State::Busy || m_state == State::Idle;
    if (m_socket->error() == QAbstractSocket::RemoteHostClosedError && open) {
        return; // onDisconnected reads what is left and finishes the response
    }
    TransportError kind = TransportError::Other;
    const QString message = socketErrorMessage(&kind);
    failAll(kind, message);
    close();
}

void Connection::onDisconnected()
{
    if (m_state == State::Busy && m_current && !m_http2) {
        while (m_current && m_socket->bytesAvailable() > 0) {
            readHttp1();
        }
        if (!m_current) {
            return;
        }
        if (m_parser.finishOnClose()) {
            if (!m_headDelivered) {
                m_headDelivered = true;
                m_current->wireHead(m_parser.head());
            }
            if (m_current) {
                finishHttp1(false);
            }
            return;
        }
        if (m_tlsAlert) {
            failHttp1(TransportError::Tls, tlsAlertMessage(m_endpoint.origin(), *m_tlsAlert, m_tlsAlertText),
                      false);
            return;
        }
        // Nothing at all came back on a connection that had carried a request before: the
        // server closed it while idle; the request can go again on a new one.
        const bool retry = m_reused && m_received == 0;
        failHttp1(TransportError::RemoteClosed, m_endpoint.origin() + QLatin1Char(' ') + m_parser.error(),
                  retry);
        return;
    }
    if (m_http2 && m_http2->openStreams() > 0) {
        const QString how = m_http2->goawayText().isEmpty()
                                ? QStringLiteral("closed the HTTP/2 connection")
                                : QStringLiteral("ended the HTTP/2 connection with ") + m_http2->goawayText();
        failAll(TransportError::RemoteClosed,
                QStringLiteral("%1 %2 after %3 body bytes, before the response was complete")
                    .arg(m_endpoint.origin(), how)
                    .arg(m_http2->bodyBytesOfOpenStreams()));
    } else if (m_state != State::Idle && m_state != State::Closed) {
        TransportError kind = TransportError::RemoteClosed;
        const QString message = socketErrorMessage(&kind);
        failAll(kind, message);
    }
    close();
}

void Connection::onReadyRead()
{
    switch (m_state) {
    case State::Tunnelling:
        readTunnelReply();
        return;
    case State::Busy:
        readHttp1();
        return;
    case State::Idle:
        if (m_http2) {
            const QByteArray data = m_socket->readAll();
            if (!m_http2->receive(data.constData(), data.size())) {
                failAll(TransportError::Protocol, QStringLiteral("%1 sent an invalid HTTP/2 response: %2")
                                                      .arg(m_endpoint.origin(), m_http2->error()));
                close();
            } else if (!m_http2->isAlive()) {
                // nghttp2 ended the session: a protocol error it answered with GOAWAY, or the
                // server's own GOAWAY once its last stream is done.
                failAll(TransportError::Protocol,
                        m_http2->error().isEmpty()
                            ? QStringLiteral("%1 ended the HTTP/2 connection").arg(m_endpoint.origin())
                            : QStringLiteral("%1 sent an invalid HTTP/2 response: %2")
                                  .arg(m_endpoint.origin(), m_http2->error()));
                close();
            }
            return;
        }
        close(); // bytes nobody asked for: the connection cannot be trusted with a request
        return;
    case State::Connecting:
    case State::Handshaking:
    case State::Closed:
        return;
    }
}

void Connection::startHttp1(WireStream *stream)
{
    const WireRequest &request = stream->wireRequest();
    m_state = State::Busy;
    m_current = stream;
    m_idleTimer->stop();
    m_parser.start(request.method == "HEAD");
    m_headDelivered = false;
    m_bodyStarted = false;
    m_bodyDone = false;
    m_sentReported = false;
    m_bodyOffset = 0;
    m_bodyFile.reset();
    m_received = 0;

    SentRequest record;
    record.method = request.method;
    record.url = request.url;
    record.httpVersion = QStringLiteral("HTTP/1.1");
    // Through a proxy: scheme://authority before the target as written.
    record.target = m_endpoint.absoluteForm()
                        ? request.url.toEncoded(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery |
                                                QUrl::RemoveFragment) +
                              originTarget(request)
                        : originTarget(request);
    record.headers = request.headers;
    if (headerValue(record.headers, "Host").isNull()) {
        record.headers.prepend({"Host", hostHeaderValue(request.url)});
    }
    if (m_endpoint.absoluteForm() && !m_endpoint.proxyUser.isEmpty()) {
        record.headers.append(
            {"Proxy-Authorization", basicCredentials(m_endpoint.proxyUser, m_endpoint.proxyPassword)});
    }
    switch (m_endpoint.proxy) {
    case Endpoint::Proxy::Http:
        record.via = (m_endpoint.tunnels() ? QStringLiteral("a tunnel through the proxy %1")
                                           : QStringLiteral("the proxy %1"))
                         .arg(m_endpoint.proxyOrigin());
        break;
    case Endpoint::Proxy::Socks5:
        record.via = QStringLiteral("the SOCKS5 proxy %1").arg(m_endpoint.proxyOrigin());
        break;
    case Endpoint::Proxy::None:
        break;
    }
    record.bodyPreview = request.bodyPreview;
    record.bodySize = request.bodySize;
    record.bodyDescription = request.bodyDescription;
    m_closeAfter = Http1::headerTokens(record.headers, "Connection").contains("close");

    m_socket->write(Http1::requestHead(record.method, record.target, record.headers));
    stream->wireWritten(record);
    if (m_current != stream) {
        return;
    }
    const bool hasBody = request.bodySize > 0 || request.chunked;
    if (!hasBody) {
        m_bodyStarted = true;
        m_bodyDone = true;
    } else if (request.expectContinue) {
        m_continueTimer->start();
    } else {
        writeBody();
    }
}

void Connection::writeBody()
{
    const WireRequest &request = m_current->wireRequest();
    m_bodyStarted = true;
    m_continueTimer->stop();
    const auto frame = [&request](const QByteArray &piece) {
        return request.chunked ? QByteArray::number(piece.size(), 16) + "\r\n" + piece + "\r\n" : piece;
    };
    if (request.bodyFilePath.isEmpty()) {
        if (!request.body.isEmpty()) {
            m_socket->write(frame(request.body));
        }
        if (request.chunked) {
            m_socket->write("0\r\n\r\n");
        }
        m_bodyDone = true;
        return;
    }
    if (!m_bodyFile) {
        m_bodyFile = std::make_unique<QFile>(request.bodyFilePath);
        if (!m_bodyFile->open(QIODevice::ReadOnly)) {
            failHttp1(TransportError::InvalidRequest,
                      QStringLiteral("Cannot read the body file '%1'").arg(request.bodyFilePath), false);
            return;
        }
    }
    while (m_socket->bytesToWrite() < WriteWindow && !m_bodyDone) {
        const QByteArray piece = m_bodyFile->read(ReadSlice);
        if (piece.isEmpty()) {
            if (request.chunked) {
                m_socket->write("0\r\n\r\n");
            }
            m_bodyDone = true;
            m_bodyFile.reset();
            break;
        }
        m_socket->write(frame(piece));
    }
}

void Connection::onBytesWritten()
{
    if (!m_current || m_http2) {
        return;
    }
    if (m_bodyStarted && !m_bodyDone && m_bodyFile) {
        writeBody();
    }
    if (m_current && m_bodyDone && !m_sentReported && m_socket->bytesToWrite() == 0) {
        m_sentReported = true;
        m_current->wireSent();
    }
}

void Connection::readHttp1()
{
    WireStream *stream = m_current;
    if (!stream) {
        return;
    }
    // The buffer grows to what arrives, up to a slice: a connection that only ever carries
    // small answers keeps a small one (50 of them under `run --concurrency 50`).
    const qint64 want = qBound<qint64>(1, m_socket->bytesAvailable(), ReadSlice);
    if (m_readBuffer.size() < want) {
        m_readBuffer.resize(want);
    }
    const qint64 read = m_socket->read(m_readBuffer.data(), want);
    if (read <= 0) {
        return;
    }
    const QByteArrayView data(m_readBuffer.constData(), qsizetype(read));
    m_received += data.size();
    QList<QByteArrayView> body;
    const qsizetype used = m_parser.feed(data.data(), data.size(), &body);
    if (used < 0) {
        failHttp1(TransportError::Protocol, m_endpoint.origin() + QLatin1Char(' ') + m_parser.error(), false);
        return;
    }
    if (stream->wireRequest().expectContinue && !m_bodyStarted) {
        if (m_parser.hasHead()) {
            m_bodyStarted = true; // answered before the body: it is not sent, and the
            m_closeAfter = true;  // connection cannot carry another request
        } else if (!m_parser.interim().isEmpty() && m_parser.interim().first().status == 100) {
            writeBody();
        }
    }
    if (m_parser.hasHead() && !m_headDelivered) {
        m_headDelivered = true;
        stream->wireHead(m_parser.head());
        if (m_current != stream) {
            return;
        }
    }
    for (const QByteArrayView piece : std::as_const(body)) {
        if (!stream->wireBody(piece.data(), piece.size())) {
            m_current = nullptr; // it stopped reading (too large, or a corrupt encoding)
            close();
            return;
        }
        if (m_current != stream) {
            return;
        }
    }
    if (m_current != stream) {
        return;
    }
    if (m_parser.isComplete()) {
        const bool leftover = used < data.size() || m_socket->bytesAvailable() > 0;
        finishHttp1(!leftover && m_parser.keepAlive() && !m_closeAfter && m_bodyDone);
        return;
    }
    if (m_socket->bytesAvailable() > 0) {
        QMetaObject::invokeMethod(this, &Connection::onReadyRead, Qt::QueuedConnection);
    }
}

void Connection::finishHttp1(bool keepAlive)
{
    WireStream *stream = std::exchange(m_current, nullptr);
    m_reused = true;
    m_continueTimer->stop();
    if (keepAlive) {
        m_state = State::Idle;
        m_idleTimer->start();
    } else {
        m_state = State::Closed; // nobody may pick it up while the stream hears it finished
    }
    if (!m_sentReported) {
        m_sentReported = true;
        stream->wireSent();
    }
    stream->wireFinished(); // may hand this connection its next request at once
    if (!keepAlive) {
        close();
    } else if (m_state == State::Idle && !m_current) {
        if (!m_waiting.isEmpty()) {
            startHttp1(m_waiting.takeFirst());
        } else {
            Q_EMIT available();
        }
    }
}

void Connection::failHttp1(TransportError error, const QString &message, bool retry)
{
    WireStream *stream = std::exchange(m_current, nullptr);
    close();
    if (stream) {
        stream->wireFailed(error, message, retry);
    }
}

ConnectionPool::ConnectionPool(QObject *parent)
    : QObject(parent)
{}

ConnectionPool::~ConnectionPool()
{
    m_queue.clear();
    for (const QPointer<Connection> &connection : std::as_const(m_connections)) {
        delete connection.data();
    }
}

int ConnectionPool::openConnections() const
{
    int count = 0;
    for (const QPointer<Connection> &connection : m_connections) {
        count += connection && !connection->isClosed() ? 1 : 0;
    }
    return count;
}

bool ConnectionPool::place(const Endpoint &endpoint, WireStream *stream)
{
    const QString key = endpoint.key();
    int count = 0;
    for (const QPointer<Connection> &connection : std::as_const(m_connections)) {
        if (!connection || connection->isClosed() || connection->endpoint().key() != key) {
            continue;
        }
        ++count;
        if (connection->canTake()) {
            connection->submit(stream);
            return true;
        }
    }
    if (count >= m_maxPerEndpoint) {
        return false;
    }
    auto *connection = new Connection(endpoint, this);
    connect(connection, &Connection::available, this, &ConnectionPool::dispatch);
    connect(connection, &Connection::closed, this, [this, connection] {
        m_connections.removeAll(connection);
        connection->deleteLater();
        QMetaObject::invokeMethod(this, &ConnectionPool::dispatch, Qt::QueuedConnection);
    });
    m_connections.append(connection);
    connection->open(stream);
    return true;
}

void ConnectionPool::submit(const Endpoint &endpoint, WireStream *stream)
{
    if (!place(endpoint, stream)) {
        m_queue.append({endpoint, stream});
    }
}

void ConnectionPool::dispatch()
{
    const QList<QPair<Endpoint, WireStream *>> queue = std::exchange(m_queue, {});
    for (const auto &entry : queue) {
        if (!place(entry.first, entry.second)) {
            m_queue.append(entry);
        }
    }
}

void ConnectionPool::withdraw(WireStream *stream)
{
    for (qsizetype i = m_queue.size() - 1; i >= 0; --i) {
        if (m_queue.at(i).second == stream) {
            m_queue.removeAt(i);
        }
    }
    const QList<QPointer<Connection>> connections = m_connections;
    for (const QPointer<Connection> &connection : connections) {
        if (connection && connection->carries(stream)) {
            connection->detach(stream);
        }
    }
}

} // namespace ApiLens::Core
