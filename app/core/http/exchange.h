#pragma once

#include "responsebody.h"
#include "statusclass.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

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
    double connectStartMs = -1; // socket started connecting (new connection only)
    double encryptedMs = -1;    // TLS handshake done
    double requestSentMs = -1;  // request written
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

struct SentRequest
{
    QByteArray method;
    QUrl url;
    QString httpVersion;
    HeaderList headers;
    QByteArray bodyPreview; // the first bytes of the body as sent
    qint64 bodySize = 0;
    QString bodyDescription; // e.g. "file report.pdf (1.2 MB)" when not all bytes are kept
};

// One request and what came back: the record every view, the history and the CLI read.
struct Exchange
{
    SentRequest request;
    int status = 0; // 0 = no response
    QByteArray reason;
    QString httpVersion; // "HTTP/1.1", "HTTP/2"
    HeaderList headers;
    ResponseBody body;
    Timings timings;
    QList<QUrl> redirects; // each hop followed, in order
    TransportError error = TransportError::None;
    QString errorMessage;
    bool tlsVerificationDisabled = false;
    QStringList ignoredTlsErrors;

    bool hasResponse() const { return status > 0; }
    StatusClass statusClass() const { return statusClassOf(status); }
    QByteArray header(const QByteArray &name) const { return headerValue(headers, name); }
    // The reason phrase the server sent, or the standard one (HTTP/2 sends none).
    QString displayReason() const;
};

} // namespace ApiLens::Core
