#include "httpclient.h"

#include "contentdecoder.h"
#include "http1.h"
#include "httpauth.h"

#include "util/format.h"

#include <QHostAddress>
#include <QNetworkCookie>
#include <QNetworkCookieJar>
#include <QNetworkProxyFactory>
#include <QRandomGenerator>
#include <QTimer>

namespace ApiLens::Core {

namespace {

constexpr qint64 MaxDiscardedBody = 1024 * 1024; // of a redirect's or challenge's own body

// The request as it is about to go: what a view shows when it never reached the wire.
SentRequest unsentRecord(const WireRequest &request)
{
    SentRequest record;
    record.method = request.method;
    record.url = request.url;
    record.target = originTarget(request);
    record.headers = request.headers;
    record.bodyPreview = request.bodyPreview;
    record.bodySize = request.bodySize;
    record.bodyDescription = request.bodyDescription;
    return record;
}

void removeHeaders(HeaderList *headers, const QByteArrayList &names)
{
    headers->removeIf([&names](const Header &header) {
        for (const QByteArray &name : names) {
            if (header.first.compare(name, Qt::CaseInsensitive) == 0) {
                return true;
            }
        }
        return false;
    });
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    const auto port = [](const QUrl &url) {
        return url.port(url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0 ? 443 : 80);
    };
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0 &&
           a.host().compare(b.host(), Qt::CaseInsensitive) == 0 && port(a) == port(b);
}

// The request a redirect asks for (RFC 9110 §15.4, as browsers and curl do it): 303, and
// 301/302 after a POST, become a GET without the body; credentials do not cross origins.
WireRequest redirected(const WireRequest &from, const QUrl &to, int status, const Auth &auth)
{
    WireRequest next = from;
    next.url = to;
    next.target.clear(); // from the new URL
    next.url.setUserInfo(QString());
    next.url.setFragment(QString());
    const bool toGet = (status == 303 && from.method != "HEAD") ||
                       ((status == 301 || status == 302) && from.method == "POST");
    if (toGet) {
        next.method = "GET";
        next.body.clear();
        next.bodyFilePath.clear();
        next.bodySize = 0;
        next.bodyPreview.clear();
        next.bodyDescription.clear();
        next.chunked = false;
        next.expectContinue = false;
        removeHeaders(&next.headers, {"Content-Length", "Content-Type", "Transfer-Encoding", "Expect",
                                      "Content-Encoding", "Content-Language", "Content-Location"});
    }
    if (!sameOrigin(from.url, to)) {
        QByteArrayList secrets{"Authorization", "Cookie", "Host"};
        if (auth.kind == AuthKind::ApiKey && auth.keyLocation == ApiKeyLocation::Header) {
            secrets.append(auth.keyName.trimmed().toLatin1());
        }
        removeHeaders(&next.headers, secrets);
    }
    return next;
}

Endpoint::Proxy systemProxy(const QUrl &url, Endpoint *endpoint)
{
    const QHostAddress address(url.host());
    if (address.isLoopback() || url.host().compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) {
        return Endpoint::Proxy::None; // a local server is never reached through a proxy
    }
    const QList<QNetworkProxy> proxies = QNetworkProxyFactory::systemProxyForQuery(QNetworkProxyQuery(url));
    const QNetworkProxy proxy = proxies.value(0);
    endpoint->proxyHost = proxy.hostName();
    endpoint->proxyPort = proxy.port();
    endpoint->proxyUser = proxy.user();
    endpoint->proxyPassword = proxy.password();
    switch (proxy.type()) {
    case QNetworkProxy::HttpProxy:
    case QNetworkProxy::HttpCachingProxy:
        return Endpoint::Proxy::Http;
    case QNetworkProxy::Socks5Proxy:
        return Endpoint::Proxy::Socks5;
    default:
        return Endpoint::Proxy::None;
    }
}

} // namespace

PendingExchange::PendingExchange(const RequestSpec &spec, HttpClient *client)
    : QObject(client)
    , m_spec(spec)
    , m_client(client)
{
    m_clock.start();
    m_exchange.timings.started = QDateTime::currentDateTimeUtc();
    m_exchange.tlsVerificationDisabled = !spec.settings.verifyTls;
}

PendingExchange::~PendingExchange()
{
    if (m_inPool) {
        m_client->m_pool->withdraw(this);
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

Endpoint PendingExchange::endpointFor(const QUrl &url) const
{
    Endpoint endpoint;
    endpoint.scheme = url.scheme().toLower();
    endpoint.host = url.host(QUrl::FullyEncoded);
    endpoint.port = quint16(url.port(endpoint.isTls() ? 443 : 80));
    const RequestSettings &settings = m_spec.settings;
    endpoint.verifyTls = settings.verifyTls;
    endpoint.allowHttp2 = settings.allowHttp2;
    endpoint.http2PriorKnowledge = settings.http2PriorKnowledge;
    switch (settings.proxy.mode) {
    case ProxyMode::None:
        break;
    case ProxyMode::Manual:
        endpoint.proxy = Endpoint::Proxy::Http;
        endpoint.proxyHost = settings.proxy.host;
        endpoint.proxyPort = settings.proxy.port;
        endpoint.proxyUser = settings.proxy.user;
        endpoint.proxyPassword = settings.proxy.password;
        break;
    case ProxyMode::System:
        endpoint.proxy = systemProxy(url, &endpoint);
        break;
    }
    return endpoint;
}

void PendingExchange::start()
{
    const BuiltRequest built = buildRequest(m_spec);
    m_base = built.request;
    m_exchange.request = unsentRecord(m_base);
    if (!built.isValid()) {
        // Reported asynchronously so callers see the same signal flow as for a real failure.
        QTimer::singleShot(0, this,
                           [this, error = built.error] { fail(TransportError::InvalidRequest, error); });
        return;
    }
    if (m_spec.settings.timeoutMs > 0) {
        m_timeout = new QTimer(this);
        m_timeout->setSingleShot(true);
        connect(m_timeout, &QTimer::timeout, this, [this] {
            const QString where = endpointFor(m_wire.url).origin();
            const int ms = m_spec.settings.timeoutMs;
            const QString limit = ms < 1000 ? QStringLiteral("%1 ms").arg(ms)
                                            : QStringLiteral("%1 s").arg(QString::number(ms / 1000.0));
            fail(TransportError::Timeout,
                 m_exchange.timings.firstByteMs < 0
                     ? QStringLiteral("%1 sent no response within %2").arg(where, limit)
                     : QStringLiteral("The response from %1 did not complete within %2 (%3 of the body came)")
                           .arg(where, limit, humanSize(bytesReceived())));
        });
        m_timeout->start(m_spec.settings.timeoutMs);
    }
    m_wire = m_base;
    QTimer::singleShot(0, this, &PendingExchange::startHop);
}

void PendingExchange::startHop()
{
    if (m_finished) {
        return;
    }
    m_outcome = Outcome::Final;
    m_hopWritten = false;
    m_hopRecord = SentRequest();
    m_hopHead = ResponseHead();
    m_discarded = 0;
    Timings &t = m_exchange.timings;
    t.lastHopMs = m_exchange.hops.isEmpty() ? 0 : now();
    t.connectStartMs = t.resolvedMs = t.connectedMs = t.encryptedMs = t.requestSentMs = t.firstByteMs = -1;

    m_wire = m_base;
    if (!m_digestAnswer.isEmpty()) {
        m_wire.headers.append({"Authorization", m_digestAnswer});
    }
    QNetworkCookieJar *jar = m_client->m_jar;
    if (jar && headerValue(m_wire.headers, "Cookie").isNull()) {
        QByteArrayList pairs;
        for (const QNetworkCookie &cookie : jar->cookiesForUrl(m_wire.url)) {
            pairs.append(cookie.toRawForm(QNetworkCookie::NameAndValueOnly));
        }
        if (!pairs.isEmpty()) {
            m_wire.headers.append({"Cookie", pairs.join("; ")});
        }
    }
    m_exchange.request = unsentRecord(m_wire);
    m_inPool = true;
    m_client->m_pool->submit(endpointFor(m_wire.url), this);
}

void PendingExchange::wireConnecting()
{
    m_exchange.timings.connectStartMs = now();
}

void PendingExchange::wireResolved()
{
    m_exchange.timings.resolvedMs = now();
}

void PendingExchange::wireConnected()
{
    m_exchange.timings.connectedMs = now();
}

void PendingExchange::wireEncrypted(const QStringList &ignoredTlsErrors)
{
    m_exchange.timings.encryptedMs = now();
    m_exchange.ignoredTlsErrors = ignoredTlsErrors;
}

void PendingExchange::wireWritten(const SentRequest &record)
{
    m_hopRecord = record;
    m_hopWritten = true;
    m_exchange.request = record;
}

void PendingExchange::wireSent()
{
    m_exchange.timings.requestSentMs = now();
}

void PendingExchange::wireHead(const ResponseHead &head)
{
    m_exchange.timings.firstByteMs = now();
    m_hopHead = head;
    if (QNetworkCookieJar *jar = m_client->m_jar) {
        for (const QByteArray &value : Http1::headerValues(head.headers, "Set-Cookie")) {
            jar->setCookiesFromUrl(QNetworkCookie::parseCookies(value), m_wire.url);
        }
    }
    decide(head);
}

bool PendingExchange::decide(const ResponseHead &head)
{
    const int status = head.status;
    const QByteArray location = headerValue(head.headers, "Location");
    const bool redirect = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    if (m_spec.settings.followRedirects && redirect && !location.trimmed().isEmpty()) {
        const QUrl next =
            m_wire.url.resolved(QUrl(QString::fromUtf8(location.trimmed()), QUrl::TolerantMode));
        const QString scheme = next.scheme().toLower();
        if (m_exchange.redirectCount() >= m_spec.settings.maxRedirects) {
            fail(TransportError::TooManyRedirects,
                 QStringLiteral("Stopped after %1 redirects (the limit); the next one goes to %2")
                     .arg(m_exchange.redirectCount())
                     .arg(next.toDisplayString()));
            return false;
        }
        if (scheme != QLatin1String("http") && scheme != QLatin1String("https")) {
            fail(TransportError::InvalidRequest,
                 QStringLiteral("Redirected to %1, which is not an http or https URL")
                     .arg(next.toDisplayString()));
            return false;
        }
        if (m_wire.url.scheme().toLower() == QLatin1String("https") && scheme == QLatin1String("http")) {
            fail(TransportError::TooManyRedirects,
                 QStringLiteral("Refused a redirect from https to http (%1)").arg(next.toDisplayString()));
            return false;
        }
        m_outcome = Outcome::Redirect;
        m_nextUrl = next;
        return true;
    }
    if (status == 401 && m_spec.auth.kind == AuthKind::Digest && !m_answeredChallenge &&
        headerValue(m_base.headers, "Authorization").isNull()) {
        DigestInput input;
        input.method = m_wire.method;
        input.uri = m_hopRecord.target;
        input.body = m_wire.body;
        input.user = m_spec.auth.username;
        input.password = m_spec.auth.password;
        input.cnonce = QByteArray::number(QRandomGenerator::global()->generate64(), 16);
        QString error;
        const QByteArray answer = digestAuthorization(
            parseChallenges(Http1::headerValues(head.headers, "WWW-Authenticate")), input, &error);
        if (!answer.isEmpty()) {
            m_answeredChallenge = true;
            m_digestAnswer = answer;
            m_outcome = Outcome::Challenge;
            return true;
        }
    }
    m_exchange.status = status;
    m_exchange.reason = head.reason;
    m_exchange.httpVersion = QString::fromLatin1(head.version);
    m_exchange.headers = head.headers;
    bool ok = false;
    const qint64 length = headerValue(head.headers, "Content-Length").toLongLong(&ok);
    m_expectedBytes = ok ? length : -1;
    m_decoder = ContentDecoder::forEncoding(headerValue(head.headers, "Content-Encoding"));
    if (m_decoder) {
        m_exchange.contentEncoding = m_decoder->codings();
    }
    m_writer = m_sink ? std::make_unique<ResponseBody::Writer>(m_keepBytes + 1, -1)
                      : std::make_unique<ResponseBody::Writer>(m_client->m_memoryThreshold,
                                                               m_decoder ? -1 : m_expectedBytes);
    Q_EMIT responseStarted();
    return true;
}

void PendingExchange::setBodySink(BodySink sink, qint64 keepBytes)
{
    m_sink = std::move(sink);
    m_keepBytes = keepBytes;
}

bool PendingExchange::takeBody(const char *data, qsizetype size)
{
    const qint64 before = m_sink ? m_streamed : m_writer->size();
    if (before + size > m_client->m_maxBodyBytes) {
        // What fits still goes out, so a download stops exactly at the limit.
        const qsizetype fits = qsizetype(qMax<qint64>(0, m_client->m_maxBodyBytes - before));
        if (fits > 0) {
            takeBody(data, fits);
        }
        m_tooLarge = true;
        return false;
    }
    if (!m_sink) {
        return m_writer->append(QByteArrayView(data, size), &m_bodyError);
    }
    m_streamed += size;
    if (const qint64 kept = m_writer->size();
        kept < m_keepBytes &&
        !m_writer->append(QByteArrayView(data, qsizetype(qMin<qint64>(size, m_keepBytes - kept))),
                          &m_bodyError)) {
        return false;
    }
    return m_sink(QByteArrayView(data, size), &m_bodyError);
}

bool PendingExchange::wireBody(const char *data, qsizetype size)
{
    if (m_outcome != Outcome::Final) {
        // The body of a redirect or a challenge is read and dropped, so the connection can
        // carry the next request; a large one is not worth waiting for.
        m_discarded += size;
        if (m_discarded <= MaxDiscardedBody) {
            return true;
        }
        m_inPool = false;
        QTimer::singleShot(0, this, &PendingExchange::nextHop);
        return false;
    }
    m_encodedBytes += size;
    Q_EMIT progress(m_encodedBytes, m_expectedBytes);
    const bool ok =
        m_decoder
            ? m_decoder->write(data, size, [this](const char *d, qsizetype n) { return takeBody(d, n); })
            : takeBody(data, size);
    if (!ok) {
        if (m_decoder && !m_decoder->stopped() && m_bodyError.isEmpty()) {
            m_bodyError =
                QStringLiteral("The response body could not be decoded: %1").arg(m_decoder->error());
        }
        m_inPool = false;
        QTimer::singleShot(0, this, &PendingExchange::complete);
    }
    return ok;
}

void PendingExchange::wireFinished()
{
    m_inPool = false;
    if (m_outcome != Outcome::Final) {
        nextHop();
        return;
    }
    if (m_decoder && !m_decoder->finish([this](const char *d, qsizetype n) { return takeBody(d, n); }) &&
        !m_decoder->stopped() && m_bodyError.isEmpty()) {
        m_bodyError = QStringLiteral("The response body could not be decoded: %1").arg(m_decoder->error());
    }
    complete();
}

void PendingExchange::nextHop()
{
    if (m_finished) {
        return;
    }
    m_exchange.hops.append({m_outcome == Outcome::Redirect ? Hop::Kind::Redirect : Hop::Kind::Challenge,
                            m_hopRecord, m_hopHead});
    if (m_outcome == Outcome::Redirect) {
        m_base = redirected(m_base, m_nextUrl, m_hopHead.status, m_spec.auth);
        m_digestAnswer.clear(); // an answer is for one URI; a new one may challenge again
        m_answeredChallenge = false;
    }
    m_retried = false;
    startHop();
}

void PendingExchange::wireFailed(TransportError error, const QString &message, bool retry)
{
    m_inPool = false;
    if (retry && !m_retried) {
        m_retried = true;
        QTimer::singleShot(0, this, &PendingExchange::startHop);
        return;
    }
    fail(error, message);
}

void PendingExchange::cancel()
{
    if (!m_finished) {
        fail(TransportError::Cancelled, m_hopWritten || !m_exchange.hops.isEmpty()
                                            ? QStringLiteral("Cancelled")
                                            : QStringLiteral("Cancelled before it was sent"));
    }
}

void PendingExchange::fail(TransportError error, const QString &message)
{
    if (m_finished) {
        return;
    }
    if (m_inPool) {
        m_inPool = false;
        m_client->m_pool->withdraw(this);
    }
    m_exchange.error = error;
    m_exchange.errorMessage = message;
    complete();
}

void PendingExchange::complete()
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    if (m_writer) {
        m_exchange.body = m_writer->finish();
        m_writer.reset();
    }
    if (m_exchange.error == TransportError::None && m_tooLarge) {
        m_exchange.error = TransportError::BodyTooLarge;
        m_exchange.errorMessage =
            QStringLiteral("The response body passed the limit of %1 and was cut off there")
                .arg(humanSize(m_client->m_maxBodyBytes));
    } else if (m_exchange.error == TransportError::None && !m_bodyError.isEmpty()) {
        m_exchange.error = TransportError::Protocol;
        m_exchange.errorMessage = m_bodyError;
    }
    if (m_decoder) {
        m_exchange.encodedBodySize = m_encodedBytes;
    }
    if (m_sink && m_exchange.hasResponse()) {
        m_exchange.streamedBodySize = m_streamed;
    }
    m_exchange.timings.finishedMs = now();
    if (m_timeout) {
        m_timeout->stop();
    }
    Q_EMIT finished();
}

HttpClient::HttpClient(QObject *parent)
    : QObject(parent)
    , m_pool(new ConnectionPool(this))
    , m_jar(new QNetworkCookieJar(this))
{}

HttpClient::~HttpClient()
{
    // Pending exchanges are children; they leave the pool before it goes.
    qDeleteAll(findChildren<PendingExchange *>(Qt::FindDirectChildrenOnly));
}

PendingExchange *HttpClient::send(const RequestSpec &spec)
{
    auto *pending = new PendingExchange(spec, this);
    pending->start();
    return pending;
}

} // namespace ApiLens::Core
