#pragma once

#include "exchange.h"
#include "requestspec.h"

#include <QNetworkRequest>

namespace ApiLens::Core {

// Everything needed to hand a RequestSpec to QNetworkAccessManager, made in one place.
struct BuiltRequest
{
    QNetworkRequest request;
    QByteArray verb;
    QByteArray body;      // in-memory body (raw, form, multipart)
    QString bodyFilePath; // streamed body (binary file)
    SentRequest sent;     // what we know we send, before Qt adds its own headers
    QString error;        // non-empty: the request must not be sent, and this says why

    bool isValid() const { return error.isEmpty(); }
};

struct BuildOptions
{
    QByteArray userAgent = QByteArrayLiteral("ApiLens/" APILENS_VERSION);
    qint64 maxInMemoryBodyBytes = 256 * 1024 * 1024; // multipart files are read into memory
    qint64 bodyPreviewBytes = 64 * 1024;
    qint64 decompressionLimitBytes = 512LL * 1024 * 1024; // gzip bomb guard
};

// Pure apart from reading body files named by the spec.
BuiltRequest buildRequest(const RequestSpec &spec, const BuildOptions &options = {});

// Normalizes what a user typed: trims, and adds http:// when no scheme was given.
QString normalizeUserUrl(const QString &typed);
// application/x-www-form-urlencoded encoding of one name or value (space as '+'), as curl's
// --data-urlencode does too.
QByteArray formEncode(const QString &text);

} // namespace ApiLens::Core
