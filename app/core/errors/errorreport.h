#pragma once

#include "http/exchange.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

namespace ApiLens::Core {

struct FieldError
{
    std::optional<QString> field;   // the locator exactly as sent; none when the item names no field
    std::optional<QString> message; // the item's message, or its code when it has none
};

// The normalized reading of an error response (the record of `apilens-cli inspect --json`).
struct ErrorReport
{
    int status = 0;
    QString format;                     // a format id: "problem-details", "stripe", "plain-text", ...
    QJsonValue code = QJsonValue::Null; // string or number, as the body had it; null when none
    std::optional<QString> message;
    QList<FieldError> fieldErrors;
    std::optional<QString> requestId;
    std::optional<QString> docUrl;
    std::optional<qint64> retryAfterSeconds;

    // The normalized record: {status, status_class, format, code, message, field_errors,
    // request_id, doc_url, retry_after_seconds}.
    QJsonObject toJson() const;

    // Worth explaining: a 4xx/5xx, or a 2xx whose body reports errors (GraphQL, Slack).
    bool isError() const;
};

// False when the response cannot be an error by isError()'s rule, without reading the body:
// below 400, only a body with GraphQL's "errors" or Slack's "ok" member may report one. For
// callers that skip analyzeError on the many successful responses of a run.
bool mayBeError(int status, const QByteArray &body);

// A readable name for a format id: "problem-details" -> "RFC 9457 problem details".
QString formatDisplayName(const QString &format);

} // namespace ApiLens::Core
