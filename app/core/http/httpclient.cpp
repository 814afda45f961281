#include "httpclient.h"

#include "requestbuilder.h"

#include <QAuthenticator>
#include <QBuffer>
#include <QFile>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkCookieJar>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSslError>
#include <QTimer>

namespace ApiLens::Core {

namespace {

QString hostAndPort(const QUrl &url)
{
    const int port =
        url.port(url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0 ? 443 : 80);
    return QStringLiteral("%1:%2").arg(url.host()).arg(port);
}

QByteArray qtAcceptEncoding()
{
    QByteArrayList encodings;
#ifdef APILENS_QT_DECODES_ZSTD
    encodings.append("zstd");
#endif
#if QT_CONFIG(brotli)
    encodings.append("br");
#endif
    encodings.append("gzip");
    encodings.append("deflate");
    return encodings.join(", ");
}

// Qt writes a few headers of its own; add them so "the request as sent" is complete.
void addQtHeaders(SentRequest *sent, bool http2, bool decompress)
{
    auto add = [sent](const QByteArray &name, const QByteArray &value) {
        if (headerValue(sent->headers, name).isNull()) {
            sent->headers.append({name, value});
        }
    };
    if (!http2) {
        QByteArray host = sent->url.host(QUrl::FullyEncoded).toLatin1();
        if (sent->url.host().contains(QLatin1Char(':'))) {
            host = '[' + host + ']';
        }
        if (sent->url.port() != -1) {
            host += ':' + QByteArray::number(sent->url.port());
        }
        sent->headers.prepend(Header("Host", host));
        add("Connection", "Keep-Alive");
    }
    // Qt's own rule for the language header it adds.
    QString locale = QLocale::system().name().replace(QLatin1Char('_'), QLatin1Char('-'));
    if (locale == QLatin1String("C")) {
        add("Accept-Language", "en,*");
    } else if (locale.startsWith(QLatin1String("en-"))) {
        add("Accept-Language", (locale + QStringLiteral(",*")).toLatin1());
    } else {
        add("Accept-Language", (locale + QStringLiteral(",en,*")).toLatin1());
    }
    if (decompress) {
        add("Accept-Encoding", qtAcceptEncoding());
    }
    if (sent->bodySize > 0 || !sent->bodyDescription.isEmpty()) {
        add("Content-Length", QByteArray::number(sent->bodySize));
    }
}

bool isHttpStatusError(QNetworkReply::NetworkError error)
{
    // Content (201-299) and server (401-499) error ranges, plus the codes Qt uses for 400/407.
    return (error >= QNetworkReply::ContentAccessDenied && error <= QNetworkReply::UnknownContentError) ||
           (error >= QNetworkReply::InternalServerError && error <= QNetworkReply::UnknownServerError) ||
           error == QNetworkReply::ProtocolInvalidOperationError ||
           error == QNetworkReply::ProxyAuthenticationRequiredError;
}

} // namespace

PendingExchange::PendingExchange(const RequestSpec &spec, QObject *parent)
    : QObject(parent)
    , m_spec(spec)
{
    m_clock.start();
    m_exchange.timings.started = QDateTime::currentDateTimeUtc();
    m_exchange.tlsVerificationDisabled = !spec.settings.verifyTls;
}

PendingExchange::~PendingExchange()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

double PendingExchange::now() const
{
    return double(m_clock.nsecsElapsed()) / 1e6;
}

double PendingExchange::elapsedMs() const
{
    return m_finished ? m_exchange.timings.finishedMs : now();
}

qint64 PendingExchange::bytesReceived() const
{
    return m_writer ? m_writer->size() : m_exchange.body.size();
}

void PendingExchange::start(QNetworkAccessManager *manager, qint64 memoryThreshold, qint64 maxBodyBytes)
{
    BuiltRequest built = buildRequest(m_spec);
    m_exchange.request = built.sent;
    if (!built.isValid()) {
        // Report asynchronously so callers see the same signal flow as for a real failure.
        QTimer::singleShot(0, this,
                           [this, error = built.error] { fail(TransportError::InvalidRequest, error); });
        return;
    }
    m_writer = std::make_unique<ResponseBody::Writer>(memoryThreshold);
    m_maxBodyBytes = maxBodyBytes;

    if (!built.bodyFilePath.isEmpty()) {
        auto *file = new QFile(built.bodyFilePath, this);
        if (!file->open(QIODevice::ReadOnly)) {
            QTimer::singleShot(0, this, [this, path = built.bodyFilePath] {
                fail(TransportError::InvalidRequest,
                     QStringLiteral("Cannot read the body file '%1'").arg(path));
            });
            return;
        }
        m_upload = file;
    } else if (!built.body.isEmpty() || m_spec.body.kind != BodyKind::None) {
        auto *buffer = new QBuffer(this);
        buffer->setData(built.body);
        buffer->open(QIODevice::ReadOnly);
        m_upload = buffer;
    }

    if (built.verb == "HEAD") {
        m_reply = manager->head(built.request);
    } else if (built.verb == "GET" && !m_upload) {
        m_reply = manager->get(built.request);
    } else {
        m_reply = manager->sendCustomRequest(built.request, built.verb, m_upload);
    }

    QNetworkReply *reply = m_reply;
    Timings *timings = &m_exchange.timings;
    connect(reply, &QNetworkReply::socketStartedConnecting, this, [this, timings] {
        if (timings->connectStartMs < 0) {
            timings->connectStartMs = now();
        }
    });
    connect(reply, &QNetworkReply::encrypted, this, [this, timings] { timings->encryptedMs = now(); });
    connect(reply, &QNetworkReply::requestSent, this, [this, timings] { timings->requestSentMs = now(); });
    connect(reply, &QNetworkReply::metaDataChanged, this, [this, timings] {
        if (timings->firstByteMs < 0) {
            timings->firstByteMs = now();
        }
    });
    connect(reply, &QNetworkReply::redirected, this,
            [this](const QUrl &url) { m_exchange.redirects.append(url); });
    connect(reply, &QNetworkReply::sslErrors, this, [this, reply](const QList<QSslError> &errors) {
        if (m_spec.settings.verifyTls) {
            return;
        }
        for (const QSslError &error : errors) {
            m_exchange.ignoredTlsErrors.append(error.errorString());
        }
        reply->ignoreSslErrors();
    });
    connect(reply, &QNetworkReply::readyRead, this, &PendingExchange::onReadyRead);
    connect(reply, &QNetworkReply::downloadProgress, this, &PendingExchange::progress);
    connect(reply, &QNetworkReply::finished, this, &PendingExchange::onFinished);

    if (m_spec.settings.timeoutMs > 0) {
        m_timeout = new QTimer(this);
        m_timeout->setSingleShot(true);
        connect(m_timeout, &QTimer::timeout, this, [this] {
            m_timedOut = true;
            if (m_reply) {
                m_reply->abort();
            }
        });
        m_timeout->start(m_spec.settings.timeoutMs);
    }
}

void PendingExchange::cancel()
{
    if (m_finished) {
        return;
    }
    m_cancelled = true;
    if (m_reply) {
        m_reply->abort();
    } else {
        fail(TransportError::Cancelled, QStringLiteral("Cancelled before it was sent"));
    }
}

void PendingExchange::onReadyRead()
{
    if (!m_reply || m_tooLarge) {
        return;
    }
    const QByteArray chunk = m_reply->readAll();
    if (m_writer->size() + chunk.size() > m_maxBodyBytes) {
        m_tooLarge = true;
        m_reply->abort();
        return;
    }
    if (!m_writer->append(chunk, &m_bodyError)) {
        m_reply->abort();
    }
}

void PendingExchange::onAuthenticationRequired(QAuthenticator *authenticator)
{
    // Answer one challenge only: a second one means the credentials were refused, and the
    // 401 must reach the user rather than loop.
    const Auth &auth = m_spec.auth;
    if (m_answeredChallenge || (auth.kind != AuthKind::Digest && auth.kind != AuthKind::Basic)) {
        return;
    }
    m_answeredChallenge = true;
    authenticator->setUser(auth.username);
    authenticator->setPassword(auth.password);
}

void PendingExchange::onProxyAuthenticationRequired(QAuthenticator *authenticator)
{
    const ProxySettings &proxy = m_spec.settings.proxy;
    if (proxy.mode == ProxyMode::Manual && !proxy.user.isEmpty()) {
        authenticator->setUser(proxy.user);
        authenticator->setPassword(proxy.password);
    }
}

void PendingExchange::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || m_finished) {
        return;
    }
    if (reply->bytesAvailable() > 0) {
        onReadyRead();
    }
    Exchange &ex = m_exchange;
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const bool http2 = reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool();
    ex.request.url = reply->url();
    addQtHeaders(&ex.request, http2, true);
    ex.request.httpVersion = http2 ? QStringLiteral("HTTP/2") : QStringLiteral("HTTP/1.1");
    if (status.isValid()) {
        ex.status = status.toInt();
        ex.reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
        ex.httpVersion = ex.request.httpVersion;
        ex.headers = reply->rawHeaderPairs();
    }
    ex.body = m_writer->finish();

    const QNetworkReply::NetworkError error = reply->error();
    const QUrl url = reply->url();
    const QString where = hostAndPort(url);
    const int timeoutSeconds = m_spec.settings.timeoutMs / 1000;
    if (m_tooLarge) {
        ex.error = TransportError::BodyTooLarge;
        ex.errorMessage = QStringLiteral("The response body exceeded %1 MB and was cut off")
                              .arg(m_maxBodyBytes / (1024 * 1024));
    } else if (!m_bodyError.isEmpty()) {
        ex.error = TransportError::Other;
        ex.errorMessage = m_bodyError;
    } else if (m_timedOut) {
        ex.error = TransportError::Timeout;
        ex.errorMessage =
            timeoutSeconds > 0
                ? QStringLiteral("No complete response from %1 within %2 s").arg(where).arg(timeoutSeconds)
                : QStringLiteral("No complete response from %1 within %2 ms")
                      .arg(where)
                      .arg(m_spec.settings.timeoutMs);
    } else if (m_cancelled) {
        ex.error = TransportError::Cancelled;
        ex.errorMessage = QStringLiteral("Cancelled");
    } else if (ex.hasResponse() && isHttpStatusError(error)) {
        // Qt reports 4xx/5xx answers as errors too; they are responses, not failures.
    } else {
        switch (error) {
        case QNetworkReply::NoError:
            break;
        case QNetworkReply::ConnectionRefusedError:
            if (m_spec.settings.proxy.mode == ProxyMode::Manual) {
                ex.error = TransportError::Proxy;
                ex.errorMessage =
                    QStringLiteral("Connection refused by the proxy %1:%2 — is the proxy running?")
                        .arg(m_spec.settings.proxy.host)
                        .arg(m_spec.settings.proxy.port);
                break;
            }
            ex.error = TransportError::ConnectionRefused;
            ex.errorMessage = QStringLiteral("Connection refused by %1 — is the server running?").arg(where);
            break;
        case QNetworkReply::HostNotFoundError:
            ex.error = TransportError::HostNotFound;
            ex.errorMessage = QStringLiteral("Could not resolve host '%1' — check the spelling and your DNS")
                                  .arg(url.host());
            break;
        case QNetworkReply::TimeoutError:
            ex.error = TransportError::Timeout;
            ex.errorMessage = QStringLiteral("The connection to %1 timed out").arg(where);
            break;
        case QNetworkReply::SslHandshakeFailedError:
            ex.error = TransportError::Tls;
            ex.errorMessage =
                QStringLiteral("TLS handshake with %1 failed: %2").arg(where, reply->errorString());
            break;
        case QNetworkReply::TooManyRedirectsError:
            ex.error = TransportError::TooManyRedirects;
            ex.errorMessage = QStringLiteral("Stopped after %1 redirects (the limit); last location %2")
                                  .arg(m_spec.settings.maxRedirects)
                                  .arg(url.toDisplayString());
            break;
        case QNetworkReply::InsecureRedirectError:
            ex.error = TransportError::TooManyRedirects;
            ex.errorMessage =
                QStringLiteral("Refused a redirect from https to http (%1)").arg(url.toDisplayString());
            break;
        case QNetworkReply::RemoteHostClosedError:
            ex.error = TransportError::RemoteClosed;
            ex.errorMessage =
                ex.hasResponse()
                    ? QStringLiteral("%1 closed the connection before the body was complete").arg(where)
                    : QStringLiteral("%1 closed the connection without a valid HTTP response").arg(where);
            break;
        case QNetworkReply::ProxyConnectionRefusedError:
        case QNetworkReply::ProxyConnectionClosedError:
        case QNetworkReply::ProxyNotFoundError:
        case QNetworkReply::ProxyTimeoutError:
        case QNetworkReply::ProxyAuthenticationRequiredError:
            ex.error = TransportError::Proxy;
            ex.errorMessage = QStringLiteral("Proxy %1:%2 failed: %3")
                                  .arg(m_spec.settings.proxy.host)
                                  .arg(m_spec.settings.proxy.port)
                                  .arg(reply->errorString());
            break;
        case QNetworkReply::ProtocolUnknownError:
        case QNetworkReply::ProtocolInvalidOperationError:
        case QNetworkReply::ProtocolFailure:
            ex.error = TransportError::Protocol;
            ex.errorMessage =
                QStringLiteral("%1 sent an invalid HTTP response: %2").arg(where, reply->errorString());
            break;
        case QNetworkReply::OperationCanceledError:
            ex.error = TransportError::Cancelled;
            ex.errorMessage = QStringLiteral("Cancelled");
            break;
        default:
            ex.error = TransportError::Other;
            ex.errorMessage = QStringLiteral("%1: %2").arg(where, reply->errorString());
            break;
        }
    }
    complete();
}

void PendingExchange::fail(TransportError error, const QString &message)
{
    if (m_finished) {
        return;
    }
    m_exchange.error = error;
    m_exchange.errorMessage = message;
    if (m_writer) {
        m_exchange.body = m_writer->finish();
    }
    complete();
}

void PendingExchange::complete()
{
    m_finished = true;
    m_exchange.timings.finishedMs = now();
    if (m_timeout) {
        m_timeout->stop();
    }
    m_writer.reset();
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    Q_EMIT finished();
}

HttpClient::HttpClient(QNetworkAccessManager *manager, QObject *parent)
    : QObject(parent)
    , m_manager(manager)
{
    Q_ASSERT(manager);
    watch(manager);
}

HttpClient::~HttpClient()
{
    // Pending exchanges are children; abort them before the sibling managers go.
    qDeleteAll(findChildren<PendingExchange *>(Qt::FindDirectChildrenOnly));
}

void HttpClient::watch(QNetworkAccessManager *manager)
{
    connect(manager, &QNetworkAccessManager::authenticationRequired, this,
            [this](QNetworkReply *reply, QAuthenticator *authenticator) {
                if (PendingExchange *pending = m_inFlight.value(reply)) {
                    pending->onAuthenticationRequired(authenticator);
                }
            });
    connect(manager, &QNetworkAccessManager::proxyAuthenticationRequired, this,
            [this](const QNetworkProxy &, QAuthenticator *authenticator) {
                // Qt does not say which reply asked; every manual-proxy request of a manager
                // shares one proxy, so the first one in flight on it answers.
                for (const auto &pending : std::as_const(m_inFlight)) {
                    if (pending && pending->m_spec.settings.proxy.mode == ProxyMode::Manual) {
                        pending->onProxyAuthenticationRequired(authenticator);
                        return;
                    }
                }
            });
}

QNetworkAccessManager *HttpClient::managerFor(const ProxySettings &proxy)
{
    if (proxy.mode == ProxyMode::System) {
        return m_manager;
    }
    for (const auto &entry : std::as_const(m_proxyManagers)) {
        if (entry.first == proxy) {
            return entry.second;
        }
    }
    auto *manager = new QNetworkAccessManager(this);
    if (proxy.mode == ProxyMode::None) {
        manager->setProxy(QNetworkProxy::NoProxy);
    } else {
        manager->setProxy(
            QNetworkProxy(QNetworkProxy::HttpProxy, proxy.host, proxy.port, proxy.user, proxy.password));
    }
    if (QNetworkCookieJar *jar = m_manager->cookieJar()) {
        manager->setCookieJar(jar);
        jar->setParent(m_manager); // shared: the injected manager keeps owning it
    }
    watch(manager);
    m_proxyManagers.append({proxy, manager});
    return manager;
}

PendingExchange *HttpClient::send(const RequestSpec &spec)
{
    auto *pending = new PendingExchange(spec, this);
    pending->start(managerFor(spec.settings.proxy), m_memoryThreshold, m_maxBodyBytes);
    if (pending->m_reply) {
        QNetworkReply *reply = pending->m_reply;
        m_inFlight.insert(reply, pending);
        connect(pending, &PendingExchange::finished, this, [this, reply] { m_inFlight.remove(reply); });
        connect(pending, &QObject::destroyed, this, [this, reply] { m_inFlight.remove(reply); });
    }
    return pending;
}

} // namespace ApiLens::Core
