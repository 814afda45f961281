#pragma once

#include "responsebody.h"
#include "statusclass.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <optional>

namespace ApiLens::Core {

using Header = QPair<QByteArray, QByteArray>;
using HeaderList = QList<Header>;

// Case-insensitive lookup of the first header with this name; null when absent.
QByteArray headerValue(const HeaderList &headers, const QByteArray &name);

// Milliseconds since the exchange started; negative when Qt did not report the phase
// (a reused connection has no connect phase, plain HTTP no TLS phase).
struct Timings
{
    QDateTime started;
    double lastHopMs = 0;       // when the final request began (after redirects and challenges)
    double connectStartMs = -1; // a new connection began: name lookup (new connection only)
    double resolvedMs = -1;     // the host name was resolved
    double connectedMs = -1;    // TCP connected (to the server, or to the proxy)
    double encryptedMs = -1;    // TLS handshake done
    double requestSentMs = -1;  // the last byte of the request was written
    double firstByteMs = -1;    // response headers received
    double finishedMs = -1;     // last byte received, or failure

    double totalMs() const { return finishedMs; }
};

enum class TransportError {
    None,
    InvalidRequest, // we refused to send it: bad URL, header, body file...
    ConnectionRefused,
    HostNotFound,
    Timeout,
    Tls,
    TooManyRedirects,
    Protocol,
    RemoteClosed,
    Proxy,
    Cancelled,
    BodyTooLarge,
    Other,
};

// "refused", "dns", "timeout", ... the id used in JSON output.
QString transportErrorId(TransportError error);
// "Connection refused", ... a short title for views.
QString transportErrorTitle(TransportError error);

// A request as it went out, recorded by the connection from the values it wrote: the Sent
// tab, `send --verbose`, the history and HAR show this, never a reconstruction.
struct SentRequest
{
    QByteArray method;
    QUrl url;
    QByteArray target;      // as on the request line (absolute-form through a proxy); :path in HTTP/2
    QString httpVersion;    // "HTTP/1.1", "HTTP/2"
    HeaderList headers;     // every field in the order written; HTTP/2: pseudo-headers first, lower case
    QByteArray bodyPreview; // the first bytes of the body as sent
    qint64 bodySize = 0;
    QString bodyDescription; // e.g. "file report.pdf (1.2 MB)" when not all bytes are kept
    QString via;             // "proxy host:port" when it went through a proxy
};

// A response's status line and header fields as received.
struct ResponseHead
{
    QByteArray version; // "HTTP/1.1", "HTTP/2"
    int status = 0;
    QByteArray reason;
    HeaderList headers;
};

// An earlier request of one exchange and what it got back: a redirect that was followed, or an
// authentication challenge (Digest) that was answered with a second request.
struct Hop
{
    enum class Kind { Redirect, Challenge };
    Kind kind = Kind::Redirect;
    SentRequest request;
    ResponseHead response;
};

// What a run reads of a response body for chaining, assertions and scripts: a body up to this
// size; a longer one is said to be too long for them (not parsed in part, which would give
// wrong answers). Viewing, saving and -o have no such limit.
constexpr qint64 ReadBodyLimitBytes = 16 * 1024 * 1024;

// One request and what came back: the record every view, the history and the CLI read.
struct Exchange
{
    SentRequest request;
    int status = 0; // 0 = no response
    QByteArray reason;
    QString httpVersion; // "HTTP/1.1", "HTTP/2"
    HeaderList headers;
    ResponseBody body;
    QByteArray contentEncoding;  // the codings undone ("gzip"); the body is the decoded bytes
    qint64 encodedBodySize = -1; // bytes received before decoding; -1 when not encoded
    // The body went to a sink as it arrived (PendingExchange::setBodySink): its size, while
    // `body` holds only its first bytes. -1 when `body` is the whole body.
    qint64 streamedBodySize = -1;
    Timings timings;
    QList<Hop> hops; // the requests before `request`, in order
    TransportError error = TransportError::None;
    QString errorMessage;
    bool tlsVerificationDisabled = false;
    QStringList ignoredTlsErrors;

    bool hasResponse() const { return status > 0; }
    qint64 bodySize() const { return streamedBodySize >= 0 ? streamedBodySize : body.size(); }
    int redirectCount() const;
    StatusClass statusClass() const { return statusClassOf(status); }
    QByteArray header(const QByteArray &name) const { return headerValue(headers, name); }
    // The reason phrase the server sent, or the standard one (HTTP/2 sends none).
    QString displayReason() const;
};

// The request as text, as it went out (HTTP/1.1 style; HTTP/2 with its pseudo-headers), with
// its body or a note of it. A request that never reached the wire says so.
QString sentRequestText(const SentRequest &sent);
// Every request of the exchange in order (redirects and challenges first, each with the status
// that led on), for the Sent tab and `send --verbose`.
QString sentExchangeText(const Exchange &exchange);

// The response body as chaining, assertions and scripts read it: all of it, or none past
// ReadBodyLimitBytes.
std::optional<QByteArray> readableBody(const Exchange &exchange);

} // namespace ApiLens::Core
