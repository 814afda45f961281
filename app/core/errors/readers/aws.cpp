// AWS (formats.md §3.11): the JSON protocols (__type in the body; restJson's x-amzn-ErrorType
// header), S3's XML <Error><Code> and the Query protocol's <ErrorResponse><Error>.

#include "errors/erroranalyzer.h"
#include "readers.h"

namespace ApiLens::Core {

QString sanitizeAwsErrorType(const QString &type)
{
    QString name = type.section(QLatin1Char(':'), 0, 0);
    const qsizetype hash = name.indexOf(QLatin1Char('#'));
    if (hash >= 0) {
        name = name.mid(hash + 1);
    }
    return name.trimmed();
}

} // namespace ApiLens::Core

namespace ApiLens::Core::Errors::Readers {

namespace {

std::optional<QString> awsMessage(const QJsonObject &o)
{
    std::optional<QString> message = str(o.value(QStringLiteral("message")));
    return message ? message : str(o.value(QStringLiteral("Message")));
}

bool detectJson(const ErrorBody &body)
{
    return body.object.value(QStringLiteral("__type")).isString();
}

void readJson(const ErrorBody &body, Reading *r)
{
    r->report.code = sanitizeAwsErrorType(body.object.value(QStringLiteral("__type")).toString());
    r->report.message = awsMessage(body.object);
}

bool detectRestJson(const ErrorBody &body)
{
    return !headerValue(body.headers, "x-amzn-ErrorType").isEmpty();
}

void readRestJson(const ErrorBody &body, Reading *r)
{
    r->report.code = sanitizeAwsErrorType(QString::fromUtf8(headerValue(body.headers, "x-amzn-ErrorType")));
    r->report.message = awsMessage(body.object);
}

bool detectS3(const ErrorBody &body)
{
    return body.xml->name == QLatin1String("Error") && body.xml->child(QStringLiteral("Code"));
}

void readS3(const ErrorBody &body, Reading *r)
{
    if (auto code = body.xml->childText(QStringLiteral("Code"))) {
        r->report.code = *code;
    }
    r->report.message = body.xml->childText(QStringLiteral("Message"));
    r->bodyRequestId = body.xml->childText(QStringLiteral("RequestId"));
}

bool detectQuery(const ErrorBody &body)
{
    return body.xml->name == QLatin1String("ErrorResponse") && body.xml->child(QStringLiteral("Error"));
}

void readQuery(const ErrorBody &body, Reading *r)
{
    const XmlNode *error = body.xml->child(QStringLiteral("Error"));
    if (!error) {
        return;
    }
    if (auto code = error->childText(QStringLiteral("Code"))) {
        r->report.code = *code;
    }
    r->report.message = error->childText(QStringLiteral("Message"));
    r->bodyRequestId = body.xml->childText(QStringLiteral("RequestId"));
    if (!r->bodyRequestId) {
        r->bodyRequestId = error->childText(QStringLiteral("RequestId"));
    }
}

} // namespace

const ErrorReader awsJson{"aws-json", "AWS JSON error", Shape::JsonObject, detectJson, readJson};
const ErrorReader awsRestJson{"aws-restjson", "AWS REST JSON error", Shape::JsonObject, detectRestJson,
                              readRestJson};
const ErrorReader awsS3Xml{"aws-s3-xml", "AWS S3 error (XML)", Shape::Xml, detectS3, readS3};
const ErrorReader awsQueryXml{"aws-query-xml", "AWS Query error (XML)", Shape::Xml, detectQuery, readQuery};

} // namespace ApiLens::Core::Errors::Readers
