// OAuth 2.0 token endpoint errors (RFC 6749 §5.2, formats.md §3.6): an `error` code string
// (invalid_grant), with error_description and error_uri.

#include "readers.h"

#include <QRegularExpression>

namespace ApiLens::Core::Errors::Readers {

namespace {

bool detect(const ErrorBody &body)
{
    static const QRegularExpression oauthCode(QStringLiteral("^[A-Za-z0-9_.:-]+$"));
    const QJsonObject &o = body.object;
    const QJsonValue error = o.value(QStringLiteral("error"));
    return error.isString() &&
           (oauthCode.match(error.toString()).hasMatch() || o.contains(QStringLiteral("error_description")) ||
            o.contains(QStringLiteral("error_uri")));
}

void read(const ErrorBody &body, Reading *r)
{
    const QJsonObject &o = body.object;
    r->report.code = codeValue(o.value(QStringLiteral("error")));
    r->report.message = str(o.value(QStringLiteral("error_description")));
    r->report.docUrl = str(o.value(QStringLiteral("error_uri")));
}

} // namespace

const ErrorReader oauthToken{"oauth2-token-error", "OAuth 2.0 token error", Shape::JsonObject, detect, read};

} // namespace ApiLens::Core::Errors::Readers
