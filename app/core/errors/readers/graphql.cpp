// GraphQL (formats.md §3.8): errors[] with message, and locations, path or extensions — often
// beside data, with status 200.

#include "errorslist.h"

namespace ApiLens::Core::Errors::Readers {

namespace {

bool detect(const ErrorBody &body)
{
    const QJsonObject first = firstError(body.object);
    return !first.isEmpty() &&
           (hasGraphqlMarks(body.object) || first.value(QStringLiteral("message")).isString());
}

void read(const ErrorBody &body, Reading *r)
{
    const QJsonObject first = firstError(body.object);
    const QJsonValue extensionCode =
        first.value(QStringLiteral("extensions")).toObject().value(QStringLiteral("code"));
    r->report.code =
        !codeValue(extensionCode).isNull() ? extensionCode : codeValue(first.value(QStringLiteral("type")));
    r->report.message = str(first.value(QStringLiteral("message")));
}

} // namespace

const ErrorReader graphql{"graphql", "GraphQL errors", Shape::JsonObject, detect, read};

} // namespace ApiLens::Core::Errors::Readers
