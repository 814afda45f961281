// JSON:API error objects (formats.md §3.3): errors[] whose items use status (a string), source,
// title, detail, code, links.

#include "errorslist.h"

namespace ApiLens::Core::Errors::Readers {

namespace {

bool detect(const ErrorBody &body)
{
    const QJsonObject first = firstError(body.object);
    if (first.isEmpty() || hasGraphqlMarks(body.object)) {
        return false;
    }
    return body.contentType.contains("vnd.api+json") || first.contains(QStringLiteral("source")) ||
           first.contains(QStringLiteral("detail")) || first.contains(QStringLiteral("title")) ||
           first.value(QStringLiteral("status")).isString() || first.contains(QStringLiteral("links"));
}

std::optional<QString> detailOrTitle(const QJsonObject &e)
{
    std::optional<QString> message = str(e.value(QStringLiteral("detail")));
    return message ? message : str(e.value(QStringLiteral("title")));
}

void read(const ErrorBody &body, Reading *r)
{
    const QJsonArray errors = body.object.value(QStringLiteral("errors")).toArray();
    const QJsonObject first = firstError(body.object);
    r->report.code = codeValue(first.value(QStringLiteral("code")));
    r->report.message = detailOrTitle(first);
    r->bodyRequestId = str(first.value(QStringLiteral("id")));
    const QJsonValue about = first.value(QStringLiteral("links")).toObject().value(QStringLiteral("about"));
    r->report.docUrl = about.isObject() ? str(about.toObject().value(QStringLiteral("href"))) : str(about);
    for (const QJsonValue &item : errors) {
        const QJsonObject e = item.toObject();
        const QJsonObject source = e.value(QStringLiteral("source")).toObject();
        std::optional<QString> field;
        for (const QString &key :
             {QStringLiteral("pointer"), QStringLiteral("parameter"), QStringLiteral("header")}) {
            if (!field) {
                field = str(source.value(key));
            }
        }
        if (field) {
            r->report.fieldErrors.append({field, detailOrTitle(e)});
        }
    }
}

} // namespace

const ErrorReader jsonApi{"jsonapi", "JSON:API errors", Shape::JsonObject, detect, read};

} // namespace ApiLens::Core::Errors::Readers
