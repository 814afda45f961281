#include "errorreport.h"

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

QString formatDisplayName(const QString &format)
{
    static const QHash<QString, QString> names = {
        {QStringLiteral("problem-details"), QStringLiteral("RFC 9457 problem details")},
        {QStringLiteral("problem-details-xml"), QStringLiteral("RFC 9457 problem details (XML)")},
        {QStringLiteral("aspnet-validation-problem-details"),
         QStringLiteral("ASP.NET validation problem details")},
        {QStringLiteral("jsonapi"), QStringLiteral("JSON:API errors")},
        {QStringLiteral("google-aip193"), QStringLiteral("Google API error (AIP-193)")},
        {QStringLiteral("microsoft-rest"), QStringLiteral("Microsoft REST / Graph error")},
        {QStringLiteral("azure-storage-xml"), QStringLiteral("Azure Storage error (XML)")},
        {QStringLiteral("oauth2-token-error"), QStringLiteral("OAuth 2.0 token error")},
        {QStringLiteral("oauth2-bearer-challenge"), QStringLiteral("OAuth 2.0 Bearer challenge")},
        {QStringLiteral("graphql"), QStringLiteral("GraphQL errors")},
        {QStringLiteral("stripe"), QStringLiteral("Stripe error")},
        {QStringLiteral("github-rest"), QStringLiteral("GitHub REST error")},
        {QStringLiteral("aws-s3-xml"), QStringLiteral("AWS S3 error (XML)")},
        {QStringLiteral("aws-query-xml"), QStringLiteral("AWS Query error (XML)")},
        {QStringLiteral("aws-json"), QStringLiteral("AWS JSON error")},
        {QStringLiteral("aws-restjson"), QStringLiteral("AWS REST JSON error")},
        {QStringLiteral("slack"), QStringLiteral("Slack Web API error")},
        {QStringLiteral("twilio"), QStringLiteral("Twilio error")},
        {QStringLiteral("twilio-xml"), QStringLiteral("Twilio error (XML)")},
        {QStringLiteral("spring-boot"), QStringLiteral("Spring Boot error")},
        {QStringLiteral("drf"), QStringLiteral("Django REST framework error")},
        {QStringLiteral("laravel"), QStringLiteral("Laravel validation error")},
        {QStringLiteral("grpc-gateway"), QStringLiteral("gRPC-gateway status")},
        {QStringLiteral("connect"), QStringLiteral("Connect error")},
        {QStringLiteral("extole"), QStringLiteral("Extole error")},
        {QStringLiteral("netilion"), QStringLiteral("Netilion errors")},
        {QStringLiteral("generic-numeric-code"), QStringLiteral("Numeric error code")},
        {QStringLiteral("salesforce-array"), QStringLiteral("Salesforce-style error list")},
        {QStringLiteral("nginx-html"), QStringLiteral("nginx error page")},
        {QStringLiteral("cloudflare-html"), QStringLiteral("Cloudflare error page")},
        {QStringLiteral("alb-html"), QStringLiteral("AWS load balancer error page")},
        {QStringLiteral("plain-text"), QStringLiteral("Plain text")},
        {QStringLiteral("empty"), QStringLiteral("Empty body")},
        {QStringLiteral("malformed-json"), QStringLiteral("Malformed JSON")},
        {QStringLiteral("json"), QStringLiteral("JSON (no known error shape)")},
    };
    return names.value(format, format);
}

} // namespace ApiLens::Core
