// Microsoft REST API guidelines, Azure, Microsoft Graph (formats.md §3.5): an `error` object
// with code and message, details[] with targets, the request id in innerError; and Azure
// Storage's XML <Error>, which has no <RequestId> but the id inside <Message>.

#include "readers.h"

namespace ApiLens::Core::Errors::Readers {

namespace {

bool detect(const ErrorBody &body)
{
    const QJsonValue error = body.object.value(QStringLiteral("error"));
    return error.isObject() && (error.toObject().contains(QStringLiteral("code")) ||
                                error.toObject().contains(QStringLiteral("message")));
}

void read(const ErrorBody &body, Reading *r)
{
    const QJsonObject error = body.object.value(QStringLiteral("error")).toObject();
    r->report.code = codeValue(error.value(QStringLiteral("code")));
    r->report.message = str(error.value(QStringLiteral("message")));
    const QJsonArray details = error.value(QStringLiteral("details")).toArray();
    for (const QJsonValue &item : details) {
        const QJsonObject d = item.toObject();
        if (auto target = str(d.value(QStringLiteral("target")))) {
            r->report.fieldErrors.append({target, str(d.value(QStringLiteral("message")))});
        }
    }
    if (details.isEmpty()) {
        if (auto target = str(error.value(QStringLiteral("target")))) {
            r->report.fieldErrors.append({target, r->report.message});
        }
    }
    QJsonObject inner = error.value(QStringLiteral("innerError")).toObject();
    if (inner.isEmpty()) {
        inner = error.value(QStringLiteral("innererror")).toObject();
    }
    r->bodyRequestId = nonEmpty(inner.value(QStringLiteral("request-id")));
}

bool detectStorage(const ErrorBody &body)
{
    const XmlNode &root = *body.xml;
    const std::optional<QString> message = root.childText(QStringLiteral("Message"));
    return root.name == QLatin1String("Error") && root.child(QStringLiteral("Code")) &&
           !root.child(QStringLiteral("RequestId")) && message &&
           message->contains(QStringLiteral("RequestId:"));
}

void readStorage(const ErrorBody &body, Reading *r)
{
    if (auto code = body.xml->childText(QStringLiteral("Code"))) {
        r->report.code = *code;
    }
    if (auto message = body.xml->childText(QStringLiteral("Message"))) {
        r->report.message = message->section(QLatin1Char('\n'), 0, 0).trimmed();
    }
}

} // namespace

const ErrorReader microsoft{"microsoft-rest", "Microsoft REST / Graph error", Shape::JsonObject, detect,
                            read};
const ErrorReader azureStorageXml{"azure-storage-xml", "Azure Storage error (XML)", Shape::Xml, detectStorage,
                                  readStorage};

} // namespace ApiLens::Core::Errors::Readers
