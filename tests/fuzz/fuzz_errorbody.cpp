// An error body as a server sends it: the first byte picks the status and the Content-Type,
// the rest is the body. Goes through the error analysis, then through every reader of the
// body's shape whether or not it claims the body (a reader's read() must be safe on any body).

#include "fuzzinput.h"

#include "errors/erroranalyzer.h"
#include "errors/errorreader.h"

#include <QJsonDocument>

using namespace ApiLens;
using namespace ApiLens::Core::Errors;

namespace {

void readAll(Shape shape, const ErrorBody &body)
{
    for (const ErrorReader *reader : readers()) {
        if (reader->shape == shape) {
            Reading reading;
            (void)reader->detect(body);
            reader->read(body, &reading);
            Fuzz::require(!reading.bodyRetry || *reading.bodyRetry >= 0,
                          "no negative retry delay from a reader");
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    static const int statuses[] = {400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 200, 301};
    static const char *const types[] = {
        "application/json",         "application/problem+json",  "text/html", "text/plain", "application/xml",
        "application/vnd.api+json", "application/grpc-web+json", ""};
    const int status = statuses[data[0] % std::size(statuses)];
    const char *type = types[(data[0] / std::size(statuses)) % std::size(types)];
    Core::HeaderList headers;
    if (*type)
        headers.append({QByteArrayLiteral("Content-Type"), QByteArray(type)});
    headers.append({QByteArrayLiteral("Retry-After"), QByteArrayLiteral("120")});
    const QByteArray bytes = Fuzz::bytes(data + 1, size - 1);
    const Core::ErrorReport report =
        Core::analyzeError(status, headers, bytes, QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC));
    Fuzz::require(report.status == status, "the report keeps the status");
    Fuzz::require(!report.format.isEmpty(), "every report names a format");
    Fuzz::require(!report.retryAfterSeconds || *report.retryAfterSeconds >= 0, "no negative retry delay");
    (void)report.toJson();

    ErrorBody body{headers, QByteArray(type), {}, {}, nullptr, nullptr, {}};
    const QJsonDocument document = QJsonDocument::fromJson(bytes);
    const KeyOrder order(bytes);
    body.order = &order;
    if (document.isObject()) {
        body.object = document.object();
        readAll(Shape::JsonObject, body);
    } else if (document.isArray()) {
        body.array = document.array();
        readAll(Shape::JsonArray, body);
    }
    XmlNode xml;
    if (parseXml(bytes, &xml)) {
        body.xml = &xml;
        readAll(Shape::Xml, body);
    }
    body.page = QString::fromUtf8(bytes.left(64 * 1024));
    readAll(Shape::Page, body);
    return 0;
}
