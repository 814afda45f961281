#include "errorreport.h"

#include <QJsonArray>

namespace ApiLens::Core {

namespace {

QJsonValue orNull(const std::optional<QString> &value)
{
    return value ? QJsonValue(*value) : QJsonValue();
}

} // namespace

QJsonObject ErrorReport::toJson() const
{
    QJsonArray fields;
    for (const FieldError &fieldError : fieldErrors) {
        fields.append(QJsonObject{{QStringLiteral("field"), orNull(fieldError.field)},
                                  {QStringLiteral("message"), orNull(fieldError.message)}});
    }
    return QJsonObject{
        {QStringLiteral("status"), status},
        {QStringLiteral("status_class"), statusClassId(statusClassOf(status))},
        {QStringLiteral("format"), format},
        {QStringLiteral("code"), code},
        {QStringLiteral("message"), orNull(message)},
        {QStringLiteral("field_errors"), fields},
        {QStringLiteral("request_id"), orNull(requestId)},
        {QStringLiteral("doc_url"), orNull(docUrl)},
        {QStringLiteral("retry_after_seconds"),
         retryAfterSeconds ? QJsonValue(*retryAfterSeconds) : QJsonValue()},
    };
}

} // namespace ApiLens::Core
