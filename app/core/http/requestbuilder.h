#pragma once

#include "exchange.h"
#include "requestspec.h"

#include <QUrl>

namespace ApiLens::Core {

// A request ready for the wire: every header field the request itself sends, in order, and
// its body. The connection adds only what depends on it: Host (HTTP/1.1) or the pseudo-headers
// (HTTP/2), and it records exactly what it wrote (SentRequest).
struct WireRequest
{
    QByteArray method;
    QUrl url; // without user info
    // The origin-form target (path and query) as the user wrote it, only bytes that cannot go
    // on a request line percent-encoded (QUrl would re-encode {, }, %, case and dot segments);
    // empty after a redirect, when it comes from `url`.
    QByteArray target;
    HeaderList headers;   // without Host unless the request wrote one
    QByteArray body;      // in memory (raw, form, multipart), or
    QString bodyFilePath; // streamed (binary file)
    qint64 bodySize = 0;
    QByteArray bodyPreview;      // the first bytes, for the record
    QString bodyDescription;     // for bodies not kept whole in the record
    bool chunked = false;        // the request wrote "Transfer-Encoding: chunked"
    bool expectContinue = false; // the request wrote "Expect: 100-continue"
};

// Everything needed to send a RequestSpec, made in one place.
struct BuiltRequest
{
    WireRequest request;
    QString error; // non-empty: the request must not be sent, and this says why

    bool isValid() const { return error.isEmpty(); }
};

struct BuildOptions
{
    qint64 maxInMemoryBodyBytes = 256 * 1024 * 1024; // multipart files are read into memory
    qint64 bodyPreviewBytes = 64 * 1024;
};

// Pure apart from reading body files named by the spec.
BuiltRequest buildRequest(const RequestSpec &spec, const BuildOptions &options = {});

// The request's origin-form target: as written, else from its URL ("/" at least).
QByteArray originTarget(const WireRequest &request);
// The path and query of a URL as written (without scheme, authority and fragment), with
// control characters, spaces and non-ASCII percent-encoded, everything else byte for byte.
QByteArray writtenTarget(const QString &url);

// Normalizes what a user typed: trims, and adds http:// when no scheme was given.
QString normalizeUserUrl(const QString &typed);
// application/x-www-form-urlencoded encoding of one name or value (space as '+'), as curl's
// --data-urlencode does too.
QByteArray formEncode(const QString &text);
// "Host" for a URL: the host (IPv6 in brackets, IDN in ACE form) and the port when it is not
// the scheme's default, as browsers and curl write it.
QByteArray hostHeaderValue(const QUrl &url);

} // namespace ApiLens::Core
