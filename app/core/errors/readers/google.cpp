// Google AIP-193 / google.rpc.Status over HTTP (formats.md §3.4): an `error` object with an
// UPPER_SNAKE status and a numeric code, typed details (ErrorInfo, BadRequest, RequestInfo,
// Help, RetryInfo), or the legacy errors[] with reason and location.

#include "readers.h"

#include <QRegularExpression>

namespace ApiLens::Core::Errors::Readers {

namespace {

bool isUpperSnake(const QString &text)
{
    static const QRegularExpression upper(QStringLiteral("^[A-Z][A-Z0-9_]*$"));
    return upper.match(text).hasMatch();
}

bool detect(const ErrorBody &body)
{
    const QJsonValue error = body.object.value(QStringLiteral("error"));
    if (!error.isObject()) {
        return false;
    }
    const QJsonObject e = error.toObject();
    for (const QJsonValue &item : e.value(QStringLiteral("details")).toArray()) {
        if (item.toObject().contains(QStringLiteral("@type"))) {
            return true;
        }
    }
    const QJsonValue status = e.value(QStringLiteral("status"));
    const bool numericCode = e.value(QStringLiteral("code")).isDouble();
    return numericCode && ((status.isString() && isUpperSnake(status.toString())) ||
                           e.value(QStringLiteral("errors")).isArray());
}

// ErrorInfo.reason, then status, then the legacy errors[0].reason, then the numeric code.
QJsonValue googleCode(const QJsonObject &error, const QJsonObject &info, const QJsonArray &legacy)
{
    if (auto reason = nonEmpty(info.value(QStringLiteral("reason")))) {
        return *reason;
    }
    if (auto status = nonEmpty(error.value(QStringLiteral("status")))) {
        return *status;
    }
    if (auto legacyReason = nonEmpty(legacy.first().toObject().value(QStringLiteral("reason")))) {
        return *legacyReason;
    }
    return codeValue(error.value(QStringLiteral("code")));
}

void read(const ErrorBody &body, Reading *r)
{
    const QJsonObject error = body.object.value(QStringLiteral("error")).toObject();
    const QJsonArray details = error.value(QStringLiteral("details")).toArray();
    const QJsonArray legacy = error.value(QStringLiteral("errors")).toArray();
    r->report.code = googleCode(error, findDetail(details, QStringLiteral("ErrorInfo")), legacy);
    r->report.message = str(error.value(QStringLiteral("message")));
    appendFieldViolations(findDetail(details, QStringLiteral("BadRequest")), &r->report.fieldErrors);
    for (const QJsonValue &item : legacy) {
        const QJsonObject e = item.toObject();
        if (auto location = str(e.value(QStringLiteral("location")))) {
            r->report.fieldErrors.append({location, str(e.value(QStringLiteral("message")))});
        }
    }
    r->bodyRequestId =
        nonEmpty(findDetail(details, QStringLiteral("RequestInfo")).value(QStringLiteral("requestId")));
    const QJsonArray links =
        findDetail(details, QStringLiteral("Help")).value(QStringLiteral("links")).toArray();
    r->report.docUrl = str(links.first().toObject().value(QStringLiteral("url")));
    r->bodyRetry =
        durationSeconds(findDetail(details, QStringLiteral("RetryInfo")).value(QStringLiteral("retryDelay")));
}

} // namespace

const ErrorReader google{"google-aip193", "Google API error (AIP-193)", Shape::JsonObject, detect, read};

} // namespace ApiLens::Core::Errors::Readers
