// Extole (formats.md §3.19): unique_id (quoted to support), http_status_code, code, message.

#include "readers.h"

namespace ApiLens::Core::Errors::Readers {

namespace {

bool detect(const ErrorBody &body)
{
    return body.object.contains(QStringLiteral("unique_id")) &&
           body.object.contains(QStringLiteral("http_status_code"));
}

void read(const ErrorBody &body, Reading *r)
{
    const QJsonObject &o = body.object;
    r->report.code = codeValue(o.value(QStringLiteral("code")));
    r->report.message = str(o.value(QStringLiteral("message")));
    const QJsonValue id = o.value(QStringLiteral("unique_id"));
    r->bodyRequestId = id.isDouble() ? QString::number(id.toDouble(), 'f', 0) : str(id);
}

} // namespace

const ErrorReader extole{"extole", "Extole error", Shape::JsonObject, detect, read};

} // namespace ApiLens::Core::Errors::Readers
