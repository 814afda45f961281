// Twilio (formats.md §3.13): a numeric code with more_info, in JSON or as
// <TwilioResponse><RestException>.

#include "readers.h"

namespace ApiLens::Core::Errors::Readers {

namespace {

bool detect(const ErrorBody &body)
{
    return body.object.value(QStringLiteral("code")).isDouble() &&
           body.object.contains(QStringLiteral("more_info"));
}

void read(const ErrorBody &body, Reading *r)
{
    const QJsonObject &o = body.object;
    r->report.code = codeValue(o.value(QStringLiteral("code")));
    r->report.message = str(o.value(QStringLiteral("message")));
    r->report.docUrl = str(o.value(QStringLiteral("more_info")));
}

bool detectXml(const ErrorBody &body)
{
    return body.xml->name == QLatin1String("TwilioResponse") &&
           body.xml->child(QStringLiteral("RestException"));
}

void readXml(const ErrorBody &body, Reading *r)
{
    const XmlNode *error = body.xml->child(QStringLiteral("RestException"));
    if (!error) {
        return;
    }
    if (auto code = error->childText(QStringLiteral("Code"))) {
        r->report.code = *code;
    }
    r->report.message = error->childText(QStringLiteral("Message"));
    r->report.docUrl = error->childText(QStringLiteral("MoreInfo"));
}

} // namespace

const ErrorReader twilio{"twilio", "Twilio error", Shape::JsonObject, detect, read};
const ErrorReader twilioXml{"twilio-xml", "Twilio error (XML)", Shape::Xml, detectXml, readXml};

} // namespace ApiLens::Core::Errors::Readers
