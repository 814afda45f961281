#pragma once

#include "errorreport.h"

#include <QDateTime>

namespace ApiLens::Core {

// Detects the format of a response body (RFC 9457, JSON:API, Google, Microsoft, OAuth,
// GraphQL, Stripe, GitHub, AWS, Slack, Twilio, Spring, DRF, Laravel, gRPC-gateway, Connect,
// Extole, Netilion, proxy HTML pages, text, empty...) and reads it into an ErrorReport;
// headers add the request id, retry hints and Bearer challenges.
// Pure: the same input gives the same report. `now` stands in for the clock when a
// Retry-After date has no Date header to be measured against.
// Error analysis reads at most this much of a body: an error body is never larger, and a
// 1 GB success body must not be parsed just to find it is no error.
constexpr qint64 ErrorBodyLimitBytes = 4 * 1024 * 1024;
ErrorReport analyzeError(int status, const HeaderList &headers, const QByteArray &body,
                         const QDateTime &now = QDateTime::currentDateTimeUtc());

// The shape name of an AWS error type: "aws.protocoltests.restjson#FooError:http://..." ->
// "FooError" (the part before the first ':', then after the first '#').
QString sanitizeAwsErrorType(const QString &type);

// Seconds from a Retry-After value: delay-seconds, or an HTTP-date minus `date` (or `now`).
std::optional<qint64> parseRetryAfter(const QByteArray &value, const QByteArray &date, const QDateTime &now);

struct RateLimitInfo
{
    std::optional<qint64> limit;
    std::optional<qint64> remaining;
    std::optional<qint64> resetSeconds; // from now (or the response's Date)
};

// RateLimit / RateLimit-Policy (current drafts), RateLimit-Limit/-Remaining/-Reset (older
// drafts), X-RateLimit-* (GitHub epoch reset, Laravel). Nothing when none is present.
std::optional<RateLimitInfo> rateLimitOf(const HeaderList &headers,
                                         const QDateTime &now = QDateTime::currentDateTimeUtc());

// The auth-params of the first Bearer challenge in a WWW-Authenticate value (quoted
// strings, commas inside quotes and several challenges in one header are handled).
// Empty when there is no Bearer challenge; "scheme" is set when there is one.
QHash<QString, QString> bearerChallenge(const QByteArray &wwwAuthenticate);

} // namespace ApiLens::Core
