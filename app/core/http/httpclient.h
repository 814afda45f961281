#pragma once

#include "exchange.h"
#include "requestspec.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>

#include <memory>

class QAuthenticator;
class QNetworkAccessManager;
class QNetworkProxy;
class QNetworkReply;
class QIODevice;
class QTimer;

namespace ApiLens::Core {

class HttpClient;

// One request in flight. Emits finished() exactly once, also for requests that were never
// sent (invalid input) and for cancelled ones; exchange() is complete from then on.
class PendingExchange : public QObject
{
    Q_OBJECT
public:
    ~PendingExchange() override;

    void cancel();
    bool isFinished() const { return m_finished; }
    const Exchange &exchange() const { return m_exchange; }
    qint64 bytesReceived() const;
    double elapsedMs() const;

Q_SIGNALS:
    void progress(qint64 bytesReceived, qint64 bytesTotal);
    void finished();

private:
    friend class HttpClient;
    PendingExchange(const RequestSpec &spec, QObject *parent);

    void start(QNetworkAccessManager *manager, qint64 memoryThreshold, qint64 maxBodyBytes);
    void fail(TransportError error, const QString &message);
    void onReadyRead();
    void onFinished();
    void onAuthenticationRequired(QAuthenticator *authenticator);
    void onProxyAuthenticationRequired(QAuthenticator *authenticator);
    void complete();
    double now() const;

    RequestSpec m_spec;
    Exchange m_exchange;
    QPointer<QNetworkReply> m_reply;
    QIODevice *m_upload = nullptr;
    QTimer *m_timeout = nullptr;
    QElapsedTimer m_clock;
    std::unique_ptr<ResponseBody::Writer> m_writer;
    qint64 m_maxBodyBytes = 0;
    bool m_finished = false;
    bool m_cancelled = false;
    bool m_timedOut = false;
    bool m_tooLarge = false;
    bool m_answeredChallenge = false;
    QString m_bodyError;
};

// Sends RequestSpecs over the QNetworkAccessManager it is given (connection reuse, cookies
// and the system proxy come from it). Requests with their own proxy setting go through a
// sibling manager per proxy, created on demand and sharing the cookie jar.
class HttpClient : public QObject
{
    Q_OBJECT
public:
    explicit HttpClient(QNetworkAccessManager *manager, QObject *parent = nullptr);
    ~HttpClient() override;

    // The caller owns nothing: the PendingExchange is a child of the client; delete it
    // (deleteLater) once finished() was handled.
    PendingExchange *send(const RequestSpec &spec);

    // Bodies up to this size stay in memory; larger ones stream to a temporary file.
    void setMemoryThreshold(qint64 bytes) { m_memoryThreshold = bytes; }
    qint64 memoryThreshold() const { return m_memoryThreshold; }
    // Larger responses are cut off with TransportError::BodyTooLarge.
    void setMaxBodyBytes(qint64 bytes) { m_maxBodyBytes = bytes; }

private:
    QNetworkAccessManager *managerFor(const ProxySettings &proxy);
    void watch(QNetworkAccessManager *manager);

    QNetworkAccessManager *m_manager;
    QList<QPair<ProxySettings, QNetworkAccessManager *>> m_proxyManagers;
    QHash<QNetworkReply *, QPointer<PendingExchange>> m_inFlight;
    qint64 m_memoryThreshold = 8 * 1024 * 1024;
    qint64 m_maxBodyBytes = 2LL * 1024 * 1024 * 1024;
};

} // namespace ApiLens::Core
