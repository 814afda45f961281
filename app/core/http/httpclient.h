#pragma once

#include "connection.h"
#include "exchange.h"
#include "requestbuilder.h"
#include "requestspec.h"

#include <QElapsedTimer>
#include <QNetworkCookieJar>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QTimer;

namespace ApiLens::Core {

class ContentDecoder;
class HttpClient;

// One request in flight, with the redirects and authentication challenges it leads to.
// Emits finished() exactly once, also for requests that were never sent (invalid input) and
// for cancelled ones; exchange() is complete from then on.
class PendingExchange : public QObject, private WireStream
{
    Q_OBJECT
public:
    ~PendingExchange() override;

    void cancel();
    bool isFinished() const { return m_finished; }
    const Exchange &exchange() const { return m_exchange; }
    qint64 bytesReceived() const;
    double elapsedMs() const;

    // The final response's decoded body goes to `sink` as it arrives instead of being kept
    // (a download to a file or a pipe, in constant memory); the exchange keeps its first
    // `keepBytes` and its size (Exchange::streamedBodySize). A sink that returns false stops
    // the transfer; what it says in `error` becomes the exchange's error. Set it right after
    // HttpClient::send(), before control returns to the event loop.
    using BodySink = std::function<bool(QByteArrayView chunk, QString *error)>;
    void setBodySink(BodySink sink, qint64 keepBytes = 64 * 1024);

Q_SIGNALS:
    // The final response's status line and headers are in exchange(); its body follows.
    void responseStarted();
    void progress(qint64 bytesReceived, qint64 bytesTotal);
    void finished();

private:
    friend class HttpClient;
    PendingExchange(const RequestSpec &spec, HttpClient *client);

    void start();
    void startHop();
    void nextHop();
    bool decide(const ResponseHead &head);
    bool takeBody(const char *data, qsizetype size);
    void fail(TransportError error, const QString &message);
    void complete();
    double now() const;
    Endpoint endpointFor(const QUrl &url) const;

    // WireStream
    const WireRequest &wireRequest() const override { return m_wire; }
    void wireConnecting() override;
    void wireResolved() override;
    void wireConnected() override;
    void wireEncrypted(const QStringList &ignoredTlsErrors) override;
    void wireWritten(const SentRequest &record) override;
    void wireSent() override;
    void wireHead(const ResponseHead &head) override;
    bool wireBody(const char *data, qsizetype size) override;
    void wireFinished() override;
    void wireFailed(TransportError error, const QString &message, bool retry) override;

    enum class Outcome { Final, Redirect, Challenge };

    RequestSpec m_spec;
    HttpClient *m_client;
    WireRequest m_base; // the current hop's request, before cookies and a Digest answer
    WireRequest m_wire; // what the connection sends for this hop
    Exchange m_exchange;
    SentRequest m_hopRecord;
    ResponseHead m_hopHead;
    bool m_hopWritten = false;
    Outcome m_outcome = Outcome::Final;
    QUrl m_nextUrl;
    QByteArray m_digestAnswer;
    bool m_answeredChallenge = false;
    bool m_retried = false;
    bool m_inPool = false;
    QTimer *m_timeout = nullptr;
    QElapsedTimer m_clock;
    std::unique_ptr<ResponseBody::Writer> m_writer;
    std::unique_ptr<ContentDecoder> m_decoder;
    qint64 m_discarded = 0;
    qint64 m_encodedBytes = 0;
    qint64 m_expectedBytes = -1;
    bool m_finished = false;
    bool m_tooLarge = false;
    QString m_bodyError;
    BodySink m_sink;
    qint64 m_keepBytes = 0;
    qint64 m_streamed = 0;
};

// Sends RequestSpecs over its own connections (ConnectionPool): HTTP/1.1 kept alive and
// HTTP/2 (ALPN, or h2c with prior knowledge), TLS, HTTP and SOCKS5 proxies, redirects, Digest,
// Content-Encoding, cookies. It adds no header the request does not list (see buildRequest)
// except Host, the cookies of its jar and a Digest answer, and records each request as the
// connection wrote it.
class HttpClient : public QObject
{
    Q_OBJECT
public:
    explicit HttpClient(QObject *parent = nullptr);
    ~HttpClient() override;

    // The caller owns nothing: the PendingExchange is a child of the client; delete it
    // (deleteLater) once finished() was handled.
    PendingExchange *send(const RequestSpec &spec);

    // Bodies up to this size stay in memory; larger ones stream to a temporary file.
    void setMemoryThreshold(qint64 bytes) { m_memoryThreshold = bytes; }
    qint64 memoryThreshold() const { return m_memoryThreshold; }
    // Larger responses (after decoding) are cut off with TransportError::BodyTooLarge.
    void setMaxBodyBytes(qint64 bytes) { m_maxBodyBytes = bytes; }
    qint64 maxBodyBytes() const { return m_maxBodyBytes; }
    // Cookies set by responses are kept here and sent back (a jar of its own by default;
    // null keeps none). Not owned.
    void setCookieJar(QNetworkCookieJar *jar) { m_jar = jar; }
    QNetworkCookieJar *cookieJar() const { return m_jar; }
    ConnectionPool *pool() const { return m_pool; }

private:
    friend class PendingExchange;
    ConnectionPool *m_pool;
    QPointer<QNetworkCookieJar> m_jar;
    qint64 m_memoryThreshold = 8 * 1024 * 1024;
    qint64 m_maxBodyBytes = 2LL * 1024 * 1024 * 1024;
};

} // namespace ApiLens::Core
