// Netilion (formats.md §3.20): errors[] whose items hold type, message and attribute only.

#include "errorslist.h"

namespace ApiLens::Core::Errors::Readers {

namespace {

bool detect(const ErrorBody &body)
{
    const QJsonObject first = firstError(body.object);
    QStringList keys = first.keys();
    for (const QString &known :
         {QStringLiteral("type"), QStringLiteral("message"), QStringLiteral("attribute")}) {
        keys.removeAll(known);
    }
    return !first.isEmpty() && keys.isEmpty() && first.value(QStringLiteral("type")).isString() &&
           first.value(QStringLiteral("message")).isString();
}

void read(const ErrorBody &body, Reading *r)
{
    const QJsonObject first = firstError(body.object);
    r->report.code = codeValue(first.value(QStringLiteral("type")));
    r->report.message = str(first.value(QStringLiteral("message")));
    for (const QJsonValue &item : body.object.value(QStringLiteral("errors")).toArray()) {
        const QJsonObject e = item.toObject();
        if (auto attribute = str(e.value(QStringLiteral("attribute")))) {
            r->report.fieldErrors.append({attribute, str(e.value(QStringLiteral("message")))});
        }
    }
}

} // namespace

const ErrorReader netilion{"netilion", "Netilion errors", Shape::JsonObject, detect, read};

} // namespace ApiLens::Core::Errors::Readers
