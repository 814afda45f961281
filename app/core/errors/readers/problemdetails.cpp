// RFC 9457 problem details, JSON and XML (formats.md §3.1), and ASP.NET Core's
// ValidationProblemDetails (§3.2): problem details whose `errors` is a map of messages, with
// the request's W3C trace id in `traceId`.

#include "readers.h"

namespace ApiLens::Core::Errors::Readers {

namespace {

// application/problem+json, or the problem members without another vendor's envelope.
bool isProblem(const ErrorBody &body)
{
    const QJsonObject &o = body.object;
    const QJsonValue error = o.value(QStringLiteral("error"));
    const bool members =
        o.value(QStringLiteral("type")).isString() || o.value(QStringLiteral("title")).isString() ||
        (o.value(QStringLiteral("status")).isDouble() && o.value(QStringLiteral("detail")).isString());
    const bool envelope = error.isObject() || error.isString() ||
                          o.value(QStringLiteral("errors")).isArray() ||
                          o.contains(QStringLiteral("message"));
    return body.contentType.contains("problem+json") || (members && !envelope);
}

bool isAspNet(const ErrorBody &body)
{
    return isProblem(body) && isMessageMap(body.object.value(QStringLiteral("errors"))) &&
           body.object.value(QStringLiteral("traceId")).isString();
}

// `type` is the code (and the documentation when it is an http(s) URL); about:blank is none.
void readType(const std::optional<QString> &type, Reading *r)
{
    if (type && *type != QLatin1String("about:blank")) {
        r->report.code = *type;
        if (isHttpUrl(*type)) {
            r->report.docUrl = type;
        }
    }
}

void readProblem(const ErrorBody &body, Reading *r)
{
    const QJsonObject &o = body.object;
    readType(str(o.value(QStringLiteral("type"))), r);
    r->report.message = str(o.value(QStringLiteral("detail")));
    if (!r->report.message) {
        r->report.message = str(o.value(QStringLiteral("title")));
    }
    const QJsonValue errors = o.value(QStringLiteral("errors"));
    for (const QJsonValue &item : errors.toArray()) {
        const QJsonObject e = item.toObject();
        std::optional<QString> field = str(e.value(QStringLiteral("pointer")));
        if (!field) {
            field = str(e.value(QStringLiteral("field")));
        }
        std::optional<QString> message = str(e.value(QStringLiteral("detail")));
        if (!message) {
            message = str(e.value(QStringLiteral("message")));
        }
        r->report.fieldErrors.append({field, message});
    }
    if (isMessageMap(errors)) {
        appendMessageMap(errors.toObject(), *body.order, QStringLiteral("/errors"), &r->report.fieldErrors);
    }
    for (const QString &key : {QStringLiteral("invalid-params"), QStringLiteral("invalid_params")}) {
        for (const QJsonValue &item : o.value(key).toArray()) {
            const QJsonObject e = item.toObject();
            r->report.fieldErrors.append(
                {str(e.value(QStringLiteral("name"))), str(e.value(QStringLiteral("reason")))});
        }
    }
    // ASP.NET Core writes its trace id into every problem it makes, not only validation ones;
    // `instance` names the occurrence, not the request, and is not used.
    r->bodyRequestId = nonEmpty(o.value(QStringLiteral("traceId")));
}

bool isProblemXml(const ErrorBody &body)
{
    return body.xml->name == QLatin1String("problem") &&
           body.xml->namespaceUri == QLatin1String("urn:ietf:rfc:7807");
}

void readProblemXml(const ErrorBody &body, Reading *r)
{
    readType(body.xml->childText(QStringLiteral("type")), r);
    r->report.message = body.xml->childText(QStringLiteral("detail"));
    if (!r->report.message) {
        r->report.message = body.xml->childText(QStringLiteral("title"));
    }
}

} // namespace

const ErrorReader aspnetProblem{"aspnet-validation-problem-details", "ASP.NET validation problem details",
                                Shape::JsonObject, isAspNet, readProblem};
const ErrorReader problemDetails{"problem-details", "RFC 9457 problem details", Shape::JsonObject, isProblem,
                                 readProblem};
const ErrorReader problemDetailsXml{"problem-details-xml", "RFC 9457 problem details (XML)", Shape::Xml,
                                    isProblemXml, readProblemXml};

} // namespace ApiLens::Core::Errors::Readers
