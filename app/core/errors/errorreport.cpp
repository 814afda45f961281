#include "errorreport.h"

#include "errorreader.h"

#include <QHash>
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

bool ErrorReport::isError() const
{
    if (status >= 400) {
        return true;
    }
    return format == QLatin1String("graphql") || format == QLatin1String("slack");
}

bool mayBeError(int status, const QByteArray &body)
{
    return status >= 400 || body.contains("\"errors\"") || body.contains("\"ok\"");
}

QString formatDisplayName(const QString &format)
{
    for (const Errors::ErrorReader *reader : Errors::readers()) {
        if (format == QLatin1String(reader->format)) {
            return QString::fromUtf8(reader->name);
        }
    }
    // What the analysis says of bodies no reader reads.
    static const QHash<QString, QString> names = {
        {QStringLiteral("oauth2-bearer-challenge"), QStringLiteral("OAuth 2.0 Bearer challenge")},
        {QStringLiteral("plain-text"), QStringLiteral("Plain text")},
        {QStringLiteral("empty"), QStringLiteral("Empty body")},
        {QStringLiteral("malformed-json"), QStringLiteral("Malformed JSON")},
        {QStringLiteral("json"), QStringLiteral("JSON (no known error shape)")},
    };
    return names.value(format, format);
}

} // namespace ApiLens::Core
