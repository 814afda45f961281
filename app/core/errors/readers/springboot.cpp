// Spring Boot's DefaultErrorAttributes (formats.md §3.14): timestamp, status, error (the reason
// phrase), path, and message / errors[] when the server is set to include them.

#include "readers.h"

namespace ApiLens::Core::Errors::Readers {

namespace {

bool detect(const ErrorBody &body)
{
    const QJsonObject &o = body.object;
    return o.contains(QStringLiteral("timestamp")) && o.contains(QStringLiteral("status")) &&
           o.value(QStringLiteral("error")).isString() && o.contains(QStringLiteral("path"));
}

void read(const ErrorBody &body, Reading *r)
{
    const QJsonObject &o = body.object;
    r->report.message = nonEmpty(o.value(QStringLiteral("message"))); // removed, or "", when hidden
    if (!r->report.message) {
        r->report.message = str(o.value(QStringLiteral("error")));
    }
    for (const QJsonValue &item : o.value(QStringLiteral("errors")).toArray()) {
        const QJsonObject e = item.toObject();
        r->report.fieldErrors.append(
            {str(e.value(QStringLiteral("field"))), str(e.value(QStringLiteral("defaultMessage")))});
    }
    r->bodyRequestId = nonEmpty(o.value(QStringLiteral("requestId"))); // WebFlux
}

} // namespace

const ErrorReader springBoot{"spring-boot", "Spring Boot error", Shape::JsonObject, detect, read};

} // namespace ApiLens::Core::Errors::Readers
