// Stripe (formats.md §3.9): an `error` object whose type is one of Stripe's.

#include "readers.h"

namespace ApiLens::Core::Errors::Readers {

namespace {

bool detect(const ErrorBody &body)
{
    static const QStringList types = {QStringLiteral("api_error"),
                                      QStringLiteral("card_error"),
                                      QStringLiteral("idempotency_error"),
                                      QStringLiteral("invalid_request_error"),
                                      QStringLiteral("api_connection_error"),
                                      QStringLiteral("authentication_error"),
                                      QStringLiteral("rate_limit_error")};
    const QJsonValue error = body.object.value(QStringLiteral("error"));
    return error.isObject() && types.contains(error.toObject().value(QStringLiteral("type")).toString());
}

void read(const ErrorBody &body, Reading *r)
{
    const QJsonObject error = body.object.value(QStringLiteral("error")).toObject();
    r->report.code = nonEmpty(error.value(QStringLiteral("code")))
                         ? error.value(QStringLiteral("code"))
                         : codeValue(error.value(QStringLiteral("type")));
    r->report.message = str(error.value(QStringLiteral("message")));
    if (auto param = nonEmpty(error.value(QStringLiteral("param")))) {
        r->report.fieldErrors.append({param, r->report.message});
    }
    r->report.docUrl = str(error.value(QStringLiteral("doc_url")));
}

} // namespace

const ErrorReader stripe{"stripe", "Stripe error", Shape::JsonObject, detect, read};

} // namespace ApiLens::Core::Errors::Readers
