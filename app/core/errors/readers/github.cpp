// GitHub REST (formats.md §3.10): message and documentation_url, validation errors in errors[]
// (strings, or objects with field and message or code).

#include "readers.h"

namespace ApiLens::Core::Errors::Readers {

namespace {

bool detect(const ErrorBody &body)
{
    return body.object.value(QStringLiteral("message")).isString() &&
           body.object.contains(QStringLiteral("documentation_url"));
}

void read(const ErrorBody &body, Reading *r)
{
    const QJsonObject &o = body.object;
    r->report.message = str(o.value(QStringLiteral("message")));
    r->report.docUrl = str(o.value(QStringLiteral("documentation_url")));
    for (const QJsonValue &item : o.value(QStringLiteral("errors")).toArray()) {
        if (item.isString()) {
            r->report.fieldErrors.append({std::nullopt, item.toString()});
            continue;
        }
        const QJsonObject e = item.toObject();
        std::optional<QString> text = str(e.value(QStringLiteral("message")));
        if (!text) {
            text = str(e.value(QStringLiteral("code"))); // missing_field
        }
        r->report.fieldErrors.append({str(e.value(QStringLiteral("field"))), text});
    }
}

} // namespace

const ErrorReader github{"github-rest", "GitHub REST error", Shape::JsonObject, detect, read};

} // namespace ApiLens::Core::Errors::Readers
