// Laravel (formats.md §3.16): a message with an `errors` map of field -> [messages] (422
// validation), or a message alone — what Laravel's JSON exception responses hold for 401
// "Unauthenticated.", 403, 404 and 429 "Too Many Attempts." (plus exception, file, line and
// trace in debug mode). A message alone is any server's, so it is Laravel's only with a mark
// of Laravel: its own wording, the debug members, or its session cookie.

#include "readers.h"

namespace ApiLens::Core::Errors::Readers {

namespace {

bool detect(const ErrorBody &body)
{
    const QJsonObject &o = body.object;
    if (!o.value(QStringLiteral("message")).isString()) {
        return false;
    }
    if (isMessageMap(o.value(QStringLiteral("errors")))) {
        return true;
    }
    QStringList keys = o.keys();
    for (const QString &debug : {QStringLiteral("message"), QStringLiteral("exception"),
                                 QStringLiteral("file"), QStringLiteral("line"), QStringLiteral("trace")}) {
        keys.removeAll(debug);
    }
    if (!keys.isEmpty()) {
        return false;
    }
    static const QStringList wording = {
        QStringLiteral("Unauthenticated."), QStringLiteral("Too Many Attempts."),
        QStringLiteral("This action is unauthorized."), QStringLiteral("Server Error"),
        QStringLiteral("The given data was invalid.")};
    bool session = false;
    for (const Header &header : body.headers) {
        session = session || (header.first.compare("Set-Cookie", Qt::CaseInsensitive) == 0 &&
                              header.second.startsWith("laravel_session="));
    }
    return o.contains(QStringLiteral("exception")) || session ||
           wording.contains(o.value(QStringLiteral("message")).toString());
}

void read(const ErrorBody &body, Reading *r)
{
    const QJsonObject &o = body.object;
    r->report.message = str(o.value(QStringLiteral("message")));
    const QJsonValue errors = o.value(QStringLiteral("errors"));
    if (isMessageMap(errors)) {
        appendMessageMap(errors.toObject(), *body.order, QStringLiteral("/errors"), &r->report.fieldErrors);
    }
}

} // namespace

const ErrorReader laravel{"laravel", "Laravel error", Shape::JsonObject, detect, read};

} // namespace ApiLens::Core::Errors::Readers
