// gRPC-gateway (formats.md §3.17): v2's google.rpc.Status with a numeric code, a message and
// details[]; v1's error string beside a numeric code and a message.

#include "readers.h"

namespace ApiLens::Core::Errors::Readers {

namespace {

bool detect(const ErrorBody &body)
{
    const QJsonObject &o = body.object;
    const bool numericCode = o.value(QStringLiteral("code")).isDouble();
    const bool v1 =
        numericCode && o.value(QStringLiteral("error")).isString() && o.contains(QStringLiteral("message"));
    const bool v2 = numericCode && o.value(QStringLiteral("message")).isString() &&
                    o.value(QStringLiteral("details")).isArray() && !o.contains(QStringLiteral("more_info"));
    return v1 || v2;
}

void read(const ErrorBody &body, Reading *r)
{
    const QJsonObject &o = body.object;
    const QJsonArray details = o.value(QStringLiteral("details")).toArray();
    const auto reason =
        nonEmpty(findDetail(details, QStringLiteral("ErrorInfo")).value(QStringLiteral("reason")));
    r->report.code = reason ? QJsonValue(*reason) : codeValue(o.value(QStringLiteral("code")));
    r->report.message = str(o.value(QStringLiteral("message")));
    appendFieldViolations(findDetail(details, QStringLiteral("BadRequest")), &r->report.fieldErrors);
    r->bodyRetry =
        durationSeconds(findDetail(details, QStringLiteral("RetryInfo")).value(QStringLiteral("retryDelay")));
}

} // namespace

const ErrorReader grpcGateway{"grpc-gateway", "gRPC-gateway status", Shape::JsonObject, detect, read};

} // namespace ApiLens::Core::Errors::Readers
