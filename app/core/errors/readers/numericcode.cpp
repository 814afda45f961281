// The generic numeric-code style (formats.md §3.21): error_code with error_message or error_msg
// (Huawei APIG), or Cloudflare's JSON error pages (error_code, error_name, detail); and the
// Salesforce-style top-level array of {message, errorCode, fields}.

#include "readers.h"

namespace ApiLens::Core::Errors::Readers {

namespace {

bool detect(const ErrorBody &body)
{
    const QJsonObject &o = body.object;
    return o.contains(QStringLiteral("error_code")) &&
           (o.contains(QStringLiteral("error_message")) || o.contains(QStringLiteral("error_msg")) ||
            o.contains(QStringLiteral("error_name")));
}

void read(const ErrorBody &body, Reading *r)
{
    const QJsonObject &o = body.object;
    r->report.code = codeValue(o.value(QStringLiteral("error_code")));
    for (const QString &key :
         {QStringLiteral("error_message"), QStringLiteral("error_msg"), QStringLiteral("detail"),
          QStringLiteral("title"), QStringLiteral("error_name")}) {
        if (!r->report.message) {
            r->report.message = str(o.value(key));
        }
    }
    r->bodyRequestId = nonEmpty(o.value(QStringLiteral("ray_id"))); // Cloudflare
}

bool detectArray(const ErrorBody &body)
{
    return !body.array.isEmpty();
}

void readArray(const ErrorBody &body, Reading *r)
{
    const QJsonObject first = body.array.first().toObject();
    r->report.code = codeValue(first.value(QStringLiteral("errorCode")));
    r->report.message = str(first.value(QStringLiteral("message")));
    for (const QJsonValue &item : body.array) {
        const QJsonObject e = item.toObject();
        for (const QJsonValue &field : e.value(QStringLiteral("fields")).toArray()) {
            r->report.fieldErrors.append({str(field), str(e.value(QStringLiteral("message")))});
        }
    }
}

} // namespace

const ErrorReader numericCode{"generic-numeric-code", "Numeric error code", Shape::JsonObject, detect, read};
const ErrorReader salesforce{"salesforce-array", "Salesforce-style error list", Shape::JsonArray, detectArray,
                             readArray};

} // namespace ApiLens::Core::Errors::Readers
