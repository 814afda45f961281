#pragma once

// What the error readers share: one reader per family of error body ({format, detect, read}),
// what a reader sees of a response, and the helpers they read JSON, XML and pages with.
// The readers live in errors/readers/, one file per family; the order in which they are
// tried is stated once, in errorreaders.cpp. Internal to the error analysis.

#include "errorreport.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace ApiLens::Core::Errors {

// QJsonObject sorts its keys; field errors must keep the document's order. One linear scan
// of the text records the key order of every object, by JSON Pointer path ("" = root).
class KeyOrder
{
public:
    explicit KeyOrder(const QByteArray &json);
    // The keys of the object at `path` in document order (sorted when unknown).
    QStringList keys(const QString &path, const QJsonObject &object) const;

private:
    QHash<QString, QStringList> m_keys;
};

// A small element tree, deep enough for error documents.
struct XmlNode
{
    QString name;
    QString namespaceUri;
    QString text;
    QList<XmlNode> children;

    const XmlNode *child(const QString &childName) const;
    std::optional<QString> childText(const QString &childName) const;
};
// The document's root element; false when it is not XML (or deeper than 64 levels).
bool parseXml(const QByteArray &bytes, XmlNode *root);

// What a reader makes: the report, and what the body says of the request id and a retry
// (headers come after: a body's own id wins, a Retry-After header wins over a body's hint).
struct Reading
{
    ErrorReport report;
    std::optional<QString> bodyRequestId;
    std::optional<qint64> bodyRetry;
};

// The body as the readers see it, parsed once by its shape.
enum class Shape { JsonObject, JsonArray, Xml, Page };
struct ErrorBody
{
    const HeaderList &headers;
    QByteArray contentType; // lower case
    QJsonObject object;     // Shape::JsonObject
    QJsonArray array;       // Shape::JsonArray
    const KeyOrder *order = nullptr;
    const XmlNode *xml = nullptr; // Shape::Xml
    QString page;                 // Shape::Page: the first 64 KiB of an HTML page
};

// One family of error body. `detect` says whether a body of its shape is one of its own;
// `read` fills the report (it must be safe on any body of that shape, detected or not).
struct ErrorReader
{
    const char *format; // the format id it reports: "problem-details", "nginx-html", ...
    const char *name;   // what the inspector calls it: "RFC 9457 problem details"
    Shape shape;
    bool (*detect)(const ErrorBody &body);
    void (*read)(const ErrorBody &body, Reading *reading);
};

// The readers in the order they are tried (errorreaders.cpp says why).
const QList<const ErrorReader *> &readers();

// ---- helpers ----------------------------------------------------------------------------

std::optional<QString> str(const QJsonValue &value);      // a string, or none
std::optional<QString> nonEmpty(const QJsonValue &value); // a non-empty string, or none
QJsonValue codeValue(const QJsonValue &value);            // strings and numbers as they are, else null
bool isHttpUrl(const QString &text);
QString childPath(const QString &path, QString key); // a JSON Pointer one key deeper
// A map of field -> [messages] or field -> message (Laravel, ASP.NET).
bool isMessageMap(const QJsonValue &value);
void appendMessageMap(const QJsonObject &map, const KeyOrder &order, const QString &path,
                      QList<FieldError> *out);

// A wait a server asks for, in seconds, when it is one: 0 to ten years (a larger number, or a
// negative one, is a broken or hostile value, not a wait).
std::optional<qint64> waitSeconds(qint64 seconds);
// "30s", "1.5s" -> whole seconds (rounded up: wait at least that long); none for "1e300s".
std::optional<qint64> durationSeconds(const QJsonValue &value);

// google.rpc details: the one whose type ends in `suffix` ("ErrorInfo", "BadRequest"...).
QJsonObject findDetail(const QJsonArray &details, const QString &suffix);
void appendFieldViolations(const QJsonObject &badRequest, QList<FieldError> *out);

} // namespace ApiLens::Core::Errors
