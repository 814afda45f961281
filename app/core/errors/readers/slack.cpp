// Slack Web API (formats.md §3.12): ok:false and an error code string, usually with status 200.

#include "readers.h"

namespace ApiLens::Core::Errors::Readers {

namespace {

bool detect(const ErrorBody &body)
{
    const QJsonValue ok = body.object.value(QStringLiteral("ok"));
    return ok.isBool() && !ok.toBool() && body.object.value(QStringLiteral("error")).isString();
}

void read(const ErrorBody &body, Reading *r)
{
    r->report.code = codeValue(body.object.value(QStringLiteral("error")));
    const QJsonValue messages =
        body.object.value(QStringLiteral("response_metadata")).toObject().value(QStringLiteral("messages"));
    r->report.message = str(messages.toArray().first());
}

} // namespace

const ErrorReader slack{"slack", "Slack Web API error", Shape::JsonObject, detect, read};

} // namespace ApiLens::Core::Errors::Readers
