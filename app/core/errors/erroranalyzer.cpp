#include "erroranalyzer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <QXmlStreamReader>

#include <cmath>
#include <functional>

namespace ApiLens::Core {

namespace {

// ---- small JSON helpers ---------------------------------------------------------------

// QJsonObject sorts its keys; field errors must keep the document's order. One linear scan
// of the text records the key order of every object, by JSON Pointer path ("" = root).
class KeyOrder
{
public:
    explicit KeyOrder(const QByteArray &json)
    {
        struct Frame
        {
            bool object;
            QString path;
            int index = 0;
            QString key;
            bool expectKey = true;
        };
        QList<Frame> stack;
        const qsizetype n = json.size();
        for (qsizetype i = 0; i < n; ++i) {
            const char c = json.at(i);
            if (c == '"') {
                const qsizetype start = i;
                bool escaped = false;
                for (++i; i < n && json.at(i) != '"'; ++i) {
                    if (json.at(i) == '\\') {
                        escaped = true;
                        ++i;
                    }
                }
                if (!stack.isEmpty() && stack.last().object && stack.last().expectKey) {
                    const QByteArray token = json.mid(start, i - start + 1);
                    const QString key =
                        escaped ? QJsonDocument::fromJson("[" + token + "]").array().first().toString()
                                : QString::fromUtf8(token.mid(1, token.size() - 2));
                    m_keys[stack.last().path].append(key);
                    stack.last().key = key;
                    stack.last().expectKey = false;
                }
            } else if (c == '{' || c == '[') {
                QString path;
                if (!stack.isEmpty()) {
                    const Frame &top = stack.last();
                    QString part = top.object ? top.key : QString::number(top.index);
                    part.replace(QLatin1Char('~'), QStringLiteral("~0"))
                        .replace(QLatin1Char('/'), QStringLiteral("~1"));
                    path = top.path + QLatin1Char('/') + part;
                }
                if (stack.size() > 512) {
                    return; // deeper than any error document; order falls back to sorted
                }
                stack.append({c == '{', path, 0, QString(), true});
            } else if (c == '}' || c == ']') {
                if (!stack.isEmpty()) {
                    stack.removeLast();
                }
            } else if (c == ',' && !stack.isEmpty()) {
                if (stack.last().object) {
                    stack.last().expectKey = true;
                } else {
                    ++stack.last().index;
                }
            }
        }
    }

    // The keys of the object at `path` in document order (sorted when unknown).
    QStringList keys(const QString &path, const QJsonObject &object) const
    {
        QStringList ordered = m_keys.value(path);
        if (ordered.size() != object.size()) {
            return object.keys();
        }
        ordered.removeDuplicates();
        return ordered.size() == object.size() ? ordered : object.keys();
    }

private:
    QHash<QString, QStringList> m_keys;
};

QString childPath(const QString &path, QString key)
{
    key.replace(QLatin1Char('~'), QStringLiteral("~0")).replace(QLatin1Char('/'), QStringLiteral("~1"));
    return path + QLatin1Char('/') + key;
}

std::optional<QString> str(const QJsonValue &value)
{
    if (value.isString()) {
        return value.toString();
    }
    return std::nullopt;
}

std::optional<QString> nonEmpty(const QJsonValue &value)
{
    if (value.isString() && !value.toString().isEmpty()) {
        return value.toString();
    }
    return std::nullopt;
}

// Strings stay strings, numbers stay numbers; anything else is "no code".
QJsonValue codeValue(const QJsonValue &value)
{
    if (value.isString() || value.isDouble()) {
        return value;
    }
    return QJsonValue::Null;
}

bool isHttpUrl(const QString &text)
{
    return text.startsWith(QLatin1String("http://"), Qt::CaseInsensitive) ||
           text.startsWith(QLatin1String("https://"), Qt::CaseInsensitive);
}

bool isStringArray(const QJsonValue &value)
{
    if (!value.isArray()) {
        return false;
    }
    for (const QJsonValue &item : value.toArray()) {
        if (!item.isString()) {
            return false;
        }
    }
    return true;
}

// A map of field -> [messages] (Laravel, ASP.NET, DRF).
bool isMessageMap(const QJsonValue &value)
{
    if (!value.isObject() || value.toObject().isEmpty()) {
        return false;
    }
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!isStringArray(it.value()) && !it.value().isString()) {
            return false;
        }
    }
    return true;
}

void appendMessageMap(const QJsonObject &map, const KeyOrder &order, const QString &path,
                      QList<FieldError> *out)
{
    for (const QString &key : order.keys(path, map)) {
        const QJsonValue value = map.value(key);
        if (value.isString()) {
            out->append({key, value.toString()});
            continue;
        }
        for (const QJsonValue &message : value.toArray()) {
            out->append({key, str(message)});
        }
    }
}

// DRF: nested objects join with '.', list indices with [i].
// `field` is the dotted name so far, `pointer` where the value sits (for key order).
void flattenDrf(const QJsonValue &value, const QString &field, const QString &pointer, const KeyOrder &order,
                QList<FieldError> *out)
{
    if (value.isString()) {
        out->append({field.isEmpty() ? std::nullopt : std::optional<QString>(field), value.toString()});
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        bool allStrings = true;
        for (const QJsonValue &item : array) {
            allStrings = allStrings && item.isString();
        }
        for (int i = 0; i < array.size(); ++i) {
            flattenDrf(array[i], allStrings ? field : QStringLiteral("%1[%2]").arg(field).arg(i),
                       pointer + QLatin1Char('/') + QString::number(i), order, out);
        }
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (const QString &key : order.keys(pointer, object)) {
            flattenDrf(object.value(key), field.isEmpty() ? key : field + QLatin1Char('.') + key,
                       childPath(pointer, key), order, out);
        }
    }
}

bool isDrfMap(const QJsonObject &object)
{
    // field -> list of strings, or nested objects/lists of them.
    std::function<bool(const QJsonValue &, int)> ok = [&ok](const QJsonValue &value, int depth) {
        if (depth > 32) {
            return false;
        }
        if (value.isString()) {
            return depth > 0;
        }
        if (value.isArray()) {
            for (const QJsonValue &item : value.toArray()) {
                if (!ok(item, depth + 1)) {
                    return false;
                }
            }
            return !value.toArray().isEmpty();
        }
        if (value.isObject()) {
            for (const QJsonValue &item : value.toObject()) {
                if (!ok(item, depth + 1)) {
                    return false;
                }
            }
            return depth > 1 || !value.toObject().isEmpty(); // DRF gives {} for list items without errors
        }
        return false;
    };
    if (object.isEmpty()) {
        return false;
    }
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!it.value().isArray() && !it.value().isObject()) {
            return false;
        }
        if (!ok(it.value(), 1)) {
            return false;
        }
    }
    return true;
}

// A wait a server asks for, in seconds, when it is one: 0 to ten years (a larger number, or a
// negative one, is a broken or hostile value, not a wait).
constexpr qint64 MaxWaitSeconds = 10LL * 366 * 24 * 3600;
std::optional<qint64> waitSeconds(qint64 seconds)
{
    return seconds >= 0 && seconds <= MaxWaitSeconds ? std::optional<qint64>(seconds) : std::nullopt;
}

// Seconds from now to an epoch `epoch` (seconds), measured from `base`; none when the epoch is
// not a time of this era (the subtraction could not overflow, either way).
std::optional<qint64> secondsUntilEpoch(qint64 epoch, qint64 base)
{
    constexpr qint64 Year2200 = 7258118400;
    if (epoch < 0 || epoch > Year2200 || base < 0 || base > Year2200) {
        return std::nullopt;
    }
    return waitSeconds(qMax<qint64>(0, epoch - base));
}

// "30s", "1.5s" -> whole seconds (rounded up: wait at least that long).
std::optional<qint64> durationSeconds(const QJsonValue &value)
{
    QString text = value.toString().trimmed();
    if (!text.endsWith(QLatin1Char('s'))) {
        return std::nullopt;
    }
    text.chop(1);
    bool ok = false;
    const double seconds = text.toDouble(&ok);
    if (!ok || !(seconds >= 0 && seconds <= double(MaxWaitSeconds))) { // NaN and 1e300s too
        return std::nullopt;
    }
    return qint64(std::ceil(seconds));
}

QString detailType(const QJsonObject &detail)
{
    QString type = detail.value(QStringLiteral("@type")).toString();
    if (type.isEmpty()) {
        type = detail.value(QStringLiteral("type")).toString(); // Connect
    }
    const qsizetype slash = type.lastIndexOf(QLatin1Char('/'));
    return slash >= 0 ? type.mid(slash + 1) : type;
}

QJsonObject findDetail(const QJsonArray &details, const QString &suffix)
{
    for (const QJsonValue &item : details) {
        const QJsonObject detail = item.toObject();
        if (detailType(detail) == QLatin1String("google.rpc.") + suffix || detailType(detail) == suffix) {
            return detail;
        }
    }
    return {};
}

void appendFieldViolations(const QJsonObject &badRequest, QList<FieldError> *out)
{
    for (const QJsonValue &item : badRequest.value(QStringLiteral("fieldViolations")).toArray()) {
        const QJsonObject violation = item.toObject();
        out->append({str(violation.value(QStringLiteral("field"))),
                     str(violation.value(QStringLiteral("description")))});
    }
}

// ---- protobuf, just enough for Connect's base64 RetryInfo ------------------------------

bool readVarint(const QByteArray &bytes, qsizetype *pos, quint64 *value)
{
    *value = 0;
    for (int shift = 0; shift < 64 && *pos < bytes.size(); shift += 7) {
        const auto byte = quint8(bytes.at((*pos)++));
        *value |= quint64(byte & 0x7f) << shift;
        if (!(byte & 0x80)) {
            return true;
        }
    }
    return false;
}

// RetryInfo { Duration retry_delay = 1; } Duration { int64 seconds = 1; int32 nanos = 2; }
std::optional<qint64> retryInfoSeconds(const QByteArray &message)
{
    qsizetype pos = 0;
    while (pos < message.size()) {
        quint64 key = 0;
        if (!readVarint(message, &pos, &key)) {
            return std::nullopt;
        }
        if (key == ((1 << 3) | 2)) { // field 1, length-delimited: the Duration
            quint64 length = 0;
            if (!readVarint(message, &pos, &length) || pos + qsizetype(length) > message.size()) {
                return std::nullopt;
            }
            const QByteArray duration = message.mid(pos, qsizetype(length));
            qsizetype p = 0;
            quint64 seconds = 0;
            quint64 nanos = 0;
            while (p < duration.size()) {
                quint64 k = 0;
                quint64 v = 0;
                if (!readVarint(duration, &p, &k) || !readVarint(duration, &p, &v)) {
                    return std::nullopt;
                }
                if (k == ((1 << 3) | 0)) {
                    seconds = v;
                } else if (k == ((2 << 3) | 0)) {
                    nanos = v;
                }
            }
            return qint64(seconds) + (nanos > 0 ? 1 : 0);
        }
        return std::nullopt;
    }
    return std::nullopt;
}

std::optional<qint64> connectRetry(const QJsonArray &details)
{
    const QJsonObject retry = findDetail(details, QStringLiteral("RetryInfo"));
    if (retry.isEmpty()) {
        return std::nullopt;
    }
    if (auto seconds = durationSeconds(
            retry.value(QStringLiteral("debug")).toObject().value(QStringLiteral("retryDelay")))) {
        return seconds;
    }
    QByteArray value = retry.value(QStringLiteral("value")).toString().toLatin1();
    const QByteArray decoded = QByteArray::fromBase64(value, QByteArray::Base64Encoding);
    return retryInfoSeconds(decoded);
}

// ---- XML ------------------------------------------------------------------------------

// A small element tree, deep enough for error documents.
struct XmlNode
{
    QString name;
    QString namespaceUri;
    QString text;
    QList<XmlNode> children;

    const XmlNode *child(const QString &childName) const
    {
        for (const XmlNode &node : children) {
            if (node.name == childName) {
                return &node;
            }
        }
        return nullptr;
    }
    std::optional<QString> childText(const QString &childName) const
    {
        const XmlNode *node = child(childName);
        return node ? std::optional<QString>(node->text.trimmed()) : std::nullopt;
    }
};

bool parseXml(const QByteArray &bytes, XmlNode *root)
{
    QXmlStreamReader reader(bytes);
    QList<XmlNode> stack;
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isStartElement()) {
            if (stack.size() > 64) {
                return false;
            }
            stack.append({reader.name().toString(), reader.namespaceUri().toString(), {}, {}});
        } else if (reader.isCharacters() && !stack.isEmpty()) {
            stack.last().text += reader.text();
        } else if (reader.isEndElement() && !stack.isEmpty()) {
            XmlNode node = stack.takeLast();
            if (stack.isEmpty()) {
                *root = node;
                return !reader.hasError() || reader.error() == QXmlStreamReader::PrematureEndOfDocumentError;
            }
            stack.last().children.append(node);
        }
    }
    return false;
}

// ---- HTML -----------------------------------------------------------------------------

std::optional<QString> htmlTitle(const QString &html)
{
    static const QRegularExpression title(QStringLiteral("<title[^>]*>(.*?)</title>"),
                                          QRegularExpression::CaseInsensitiveOption |
                                              QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch match = title.match(html.left(64 * 1024));
    if (!match.hasMatch()) {
        return std::nullopt;
    }
    return match.captured(1).trimmed();
}

// ---- the formats ----------------------------------------------------------------------

struct Reading
{
    ErrorReport report;
    std::optional<QString> bodyRequestId;
    std::optional<qint64> bodyRetry;
};

const QStringList stripeTypes = {QStringLiteral("api_error"),
                                 QStringLiteral("card_error"),
                                 QStringLiteral("idempotency_error"),
                                 QStringLiteral("invalid_request_error"),
                                 QStringLiteral("api_connection_error"),
                                 QStringLiteral("authentication_error"),
                                 QStringLiteral("rate_limit_error")};

const QStringList connectCodes = {QStringLiteral("canceled"),
                                  QStringLiteral("unknown"),
                                  QStringLiteral("invalid_argument"),
                                  QStringLiteral("deadline_exceeded"),
                                  QStringLiteral("not_found"),
                                  QStringLiteral("already_exists"),
                                  QStringLiteral("permission_denied"),
                                  QStringLiteral("resource_exhausted"),
                                  QStringLiteral("failed_precondition"),
                                  QStringLiteral("aborted"),
                                  QStringLiteral("out_of_range"),
                                  QStringLiteral("unimplemented"),
                                  QStringLiteral("internal"),
                                  QStringLiteral("unavailable"),
                                  QStringLiteral("data_loss"),
                                  QStringLiteral("unauthenticated")};

bool isUpperSnake(const QString &text)
{
    static const QRegularExpression upper(QStringLiteral("^[A-Z][A-Z0-9_]*$"));
    return upper.match(text).hasMatch();
}

void readProblem(const QJsonObject &o, Reading *r)
{
    const std::optional<QString> type = str(o.value(QStringLiteral("type")));
    if (type && *type != QLatin1String("about:blank")) {
        r->report.code = *type;
        if (isHttpUrl(*type)) {
            r->report.docUrl = type;
        }
    }
    r->report.message = str(o.value(QStringLiteral("detail")));
    if (!r->report.message) {
        r->report.message = str(o.value(QStringLiteral("title")));
    }
    for (const QJsonValue &item : o.value(QStringLiteral("errors")).toArray()) {
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
    for (const QString &key : {QStringLiteral("invalid-params"), QStringLiteral("invalid_params")}) {
        for (const QJsonValue &item : o.value(key).toArray()) {
            const QJsonObject e = item.toObject();
            r->report.fieldErrors.append(
                {str(e.value(QStringLiteral("name"))), str(e.value(QStringLiteral("reason")))});
        }
    }
}

void readJsonApi(const QJsonArray &errors, Reading *r)
{
    const QJsonObject first = errors.first().toObject();
    r->report.code = codeValue(first.value(QStringLiteral("code")));
    r->report.message = str(first.value(QStringLiteral("detail")));
    if (!r->report.message) {
        r->report.message = str(first.value(QStringLiteral("title")));
    }
    r->bodyRequestId = str(first.value(QStringLiteral("id")));
    const QJsonValue about = first.value(QStringLiteral("links")).toObject().value(QStringLiteral("about"));
    r->report.docUrl = about.isObject() ? str(about.toObject().value(QStringLiteral("href"))) : str(about);
    for (const QJsonValue &item : errors) {
        const QJsonObject e = item.toObject();
        const QJsonObject source = e.value(QStringLiteral("source")).toObject();
        std::optional<QString> field;
        for (const QString &key :
             {QStringLiteral("pointer"), QStringLiteral("parameter"), QStringLiteral("header")}) {
            if (!field) {
                field = str(source.value(key));
            }
        }
        if (!field) {
            continue;
        }
        std::optional<QString> message = str(e.value(QStringLiteral("detail")));
        if (!message) {
            message = str(e.value(QStringLiteral("title")));
        }
        r->report.fieldErrors.append({field, message});
    }
}

void readGoogle(const QJsonObject &error, Reading *r)
{
    const QJsonArray details = error.value(QStringLiteral("details")).toArray();
    const QJsonObject info = findDetail(details, QStringLiteral("ErrorInfo"));
    const QJsonArray legacy = error.value(QStringLiteral("errors")).toArray();
    if (auto reason = nonEmpty(info.value(QStringLiteral("reason")))) {
        r->report.code = *reason;
    } else if (auto status = nonEmpty(error.value(QStringLiteral("status")))) {
        r->report.code = *status;
    } else if (auto legacyReason = nonEmpty(legacy.first().toObject().value(QStringLiteral("reason")))) {
        r->report.code = *legacyReason;
    } else {
        r->report.code = codeValue(error.value(QStringLiteral("code")));
    }
    r->report.message = str(error.value(QStringLiteral("message")));
    appendFieldViolations(findDetail(details, QStringLiteral("BadRequest")), &r->report.fieldErrors);
    for (const QJsonValue &item : legacy) {
        const QJsonObject e = item.toObject();
        if (auto location = str(e.value(QStringLiteral("location")))) {
            r->report.fieldErrors.append({location, str(e.value(QStringLiteral("message")))});
        }
    }
    r->bodyRequestId =
        nonEmpty(findDetail(details, QStringLiteral("RequestInfo")).value(QStringLiteral("requestId")));
    r->report.docUrl = str(findDetail(details, QStringLiteral("Help"))
                               .value(QStringLiteral("links"))
                               .toArray()
                               .first()
                               .toObject()
                               .value(QStringLiteral("url")));
    r->bodyRetry =
        durationSeconds(findDetail(details, QStringLiteral("RetryInfo")).value(QStringLiteral("retryDelay")));
}

void readMicrosoft(const QJsonObject &error, Reading *r)
{
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

void readStripe(const QJsonObject &error, Reading *r)
{
    r->report.code = nonEmpty(error.value(QStringLiteral("code")))
                         ? error.value(QStringLiteral("code"))
                         : codeValue(error.value(QStringLiteral("type")));
    r->report.message = str(error.value(QStringLiteral("message")));
    if (auto param = nonEmpty(error.value(QStringLiteral("param")))) {
        r->report.fieldErrors.append({param, r->report.message});
    }
    r->report.docUrl = str(error.value(QStringLiteral("doc_url")));
}

bool readJsonObject(const QJsonObject &o, const KeyOrder &order, const HeaderList &headers,
                    const QByteArray &contentType, Reading *r)
{
    ErrorReport &report = r->report;
    const QJsonValue errors = o.value(QStringLiteral("errors"));
    const QJsonValue error = o.value(QStringLiteral("error"));

    // Spring Boot's DefaultErrorAttributes carry `status` too: check them before problem details.
    if (o.contains(QStringLiteral("timestamp")) && o.contains(QStringLiteral("status")) &&
        o.value(QStringLiteral("error")).isString() && o.contains(QStringLiteral("path"))) {
        report.format = QStringLiteral("spring-boot");
        report.message = nonEmpty(o.value(QStringLiteral("message")));
        if (!report.message) {
            report.message = str(error);
        }
        for (const QJsonValue &item : errors.toArray()) {
            const QJsonObject e = item.toObject();
            report.fieldErrors.append(
                {str(e.value(QStringLiteral("field"))), str(e.value(QStringLiteral("defaultMessage")))});
        }
        return true;
    }

    // RFC 9457 problem details (and the ASP.NET validation flavour).
    const bool problemType = contentType.contains("problem+json");
    const bool problemKeys =
        (o.value(QStringLiteral("type")).isString() || o.value(QStringLiteral("title")).isString()) &&
        !error.isObject() && !error.isString() && !errors.isArray() && !o.contains(QStringLiteral("message"));
    if (problemType || problemKeys) {
        if (isMessageMap(errors)) {
            report.format = QStringLiteral("aspnet-validation-problem-details");
            readProblem(o, r);
            report.fieldErrors.clear();
            appendMessageMap(errors.toObject(), order, QStringLiteral("/errors"), &report.fieldErrors);
            r->bodyRequestId = nonEmpty(o.value(QStringLiteral("traceId")));
        } else {
            report.format = QStringLiteral("problem-details");
            readProblem(o, r);
        }
        return true;
    }

    // errors[]: JSON:API, GraphQL or Netilion.
    if (errors.isArray() && !errors.toArray().isEmpty() && errors.toArray().first().isObject()) {
        const QJsonArray list = errors.toArray();
        const QJsonObject first = list.first().toObject();
        const bool graphql =
            first.contains(QStringLiteral("locations")) || first.contains(QStringLiteral("path")) ||
            first.contains(QStringLiteral("extensions")) || o.contains(QStringLiteral("data"));
        const bool jsonapi =
            contentType.contains("vnd.api+json") || first.contains(QStringLiteral("source")) ||
            first.contains(QStringLiteral("detail")) || first.contains(QStringLiteral("title")) ||
            first.value(QStringLiteral("status")).isString() || first.contains(QStringLiteral("links"));
        QStringList keys = first.keys();
        keys.removeAll(QStringLiteral("type"));
        keys.removeAll(QStringLiteral("message"));
        keys.removeAll(QStringLiteral("attribute"));
        const bool netilion = keys.isEmpty() && first.value(QStringLiteral("type")).isString() &&
                              first.value(QStringLiteral("message")).isString();
        if (jsonapi && !graphql) {
            report.format = QStringLiteral("jsonapi");
            readJsonApi(list, r);
            return true;
        }
        if (netilion) {
            report.format = QStringLiteral("netilion");
            report.code = first.value(QStringLiteral("type"));
            report.message = str(first.value(QStringLiteral("message")));
            for (const QJsonValue &item : list) {
                const QJsonObject e = item.toObject();
                if (auto attribute = str(e.value(QStringLiteral("attribute")))) {
                    report.fieldErrors.append({attribute, str(e.value(QStringLiteral("message")))});
                }
            }
            return true;
        }
        if (graphql || first.value(QStringLiteral("message")).isString()) {
            if (o.contains(QStringLiteral("message")) && o.contains(QStringLiteral("documentation_url"))) {
                // GitHub's validation errors also sit in errors[]: handled below.
            } else {
                report.format = QStringLiteral("graphql");
                const QJsonValue extensionCode =
                    first.value(QStringLiteral("extensions")).toObject().value(QStringLiteral("code"));
                report.code = !codeValue(extensionCode).isNull()
                                  ? extensionCode
                                  : codeValue(first.value(QStringLiteral("type")));
                report.message = str(first.value(QStringLiteral("message")));
                return true;
            }
        }
    }

    // error: {...}
    if (error.isObject()) {
        const QJsonObject e = error.toObject();
        bool hasTypedDetail = false;
        for (const QJsonValue &item : e.value(QStringLiteral("details")).toArray()) {
            hasTypedDetail = hasTypedDetail || item.toObject().contains(QStringLiteral("@type"));
        }
        const QJsonValue status = e.value(QStringLiteral("status"));
        const bool google =
            hasTypedDetail ||
            (status.isString() && isUpperSnake(status.toString()) &&
             e.value(QStringLiteral("code")).isDouble()) ||
            (e.value(QStringLiteral("code")).isDouble() && e.value(QStringLiteral("errors")).isArray());
        if (google) {
            report.format = QStringLiteral("google-aip193");
            readGoogle(e, r);
            return true;
        }
        if (stripeTypes.contains(e.value(QStringLiteral("type")).toString())) {
            report.format = QStringLiteral("stripe");
            readStripe(e, r);
            return true;
        }
        if (e.contains(QStringLiteral("code")) || e.contains(QStringLiteral("message"))) {
            report.format = QStringLiteral("microsoft-rest");
            readMicrosoft(e, r);
            return true;
        }
    }

    // Slack: ok:false + error string (usually with HTTP 200).
    if (o.value(QStringLiteral("ok")).isBool() && !o.value(QStringLiteral("ok")).toBool() &&
        error.isString()) {
        report.format = QStringLiteral("slack");
        report.code = error;
        const QJsonValue messages =
            o.value(QStringLiteral("response_metadata")).toObject().value(QStringLiteral("messages"));
        report.message = str(messages.toArray().first());
        return true;
    }

    // gRPC-gateway v1: error string + numeric code + message.
    if (error.isString() && o.value(QStringLiteral("code")).isDouble() &&
        o.contains(QStringLiteral("message"))) {
        report.format = QStringLiteral("grpc-gateway");
        report.code = o.value(QStringLiteral("code"));
        report.message = str(o.value(QStringLiteral("message")));
        return true;
    }

    // OAuth 2.0 token endpoint: a code-like `error` (invalid_grant), or its companions.
    static const QRegularExpression oauthCode(QStringLiteral("^[A-Za-z0-9_.:-]+$"));
    if (error.isString() &&
        (oauthCode.match(error.toString()).hasMatch() || o.contains(QStringLiteral("error_description")) ||
         o.contains(QStringLiteral("error_uri")))) {
        report.format = QStringLiteral("oauth2-token-error");
        report.code = error;
        report.message = str(o.value(QStringLiteral("error_description")));
        report.docUrl = str(o.value(QStringLiteral("error_uri")));
        return true;
    }

    // AWS JSON protocols.
    const QByteArray amznType = headerValue(headers, "x-amzn-ErrorType");
    if (o.value(QStringLiteral("__type")).isString()) {
        report.format = QStringLiteral("aws-json");
        report.code = sanitizeAwsErrorType(o.value(QStringLiteral("__type")).toString());
        report.message = str(o.value(QStringLiteral("message")));
        if (!report.message) {
            report.message = str(o.value(QStringLiteral("Message")));
        }
        return true;
    }
    if (!amznType.isEmpty()) {
        report.format = QStringLiteral("aws-restjson");
        report.code = sanitizeAwsErrorType(QString::fromUtf8(amznType));
        report.message = str(o.value(QStringLiteral("message")));
        if (!report.message) {
            report.message = str(o.value(QStringLiteral("Message")));
        }
        return true;
    }

    const QJsonValue code = o.value(QStringLiteral("code"));
    const QJsonValue message = o.value(QStringLiteral("message"));

    // gRPC-gateway v2: google.rpc.Status with a numeric code.
    if (code.isDouble() && message.isString() && o.value(QStringLiteral("details")).isArray() &&
        !o.contains(QStringLiteral("more_info"))) {
        report.format = QStringLiteral("grpc-gateway");
        const QJsonArray details = o.value(QStringLiteral("details")).toArray();
        const auto reason =
            nonEmpty(findDetail(details, QStringLiteral("ErrorInfo")).value(QStringLiteral("reason")));
        report.code = reason ? QJsonValue(*reason) : code;
        report.message = str(message);
        appendFieldViolations(findDetail(details, QStringLiteral("BadRequest")), &report.fieldErrors);
        r->bodyRetry = durationSeconds(
            findDetail(details, QStringLiteral("RetryInfo")).value(QStringLiteral("retryDelay")));
        return true;
    }

    // Connect: lower_snake code from its fixed list.
    if (code.isString() && connectCodes.contains(code.toString()) &&
        !o.contains(QStringLiteral("unique_id"))) {
        report.format = QStringLiteral("connect");
        report.code = code;
        report.message = str(message);
        const QJsonArray details = o.value(QStringLiteral("details")).toArray();
        appendFieldViolations(
            findDetail(details, QStringLiteral("BadRequest")).value(QStringLiteral("debug")).toObject(),
            &report.fieldErrors);
        r->bodyRetry = connectRetry(details);
        return true;
    }

    // Extole.
    if (o.contains(QStringLiteral("unique_id")) && o.contains(QStringLiteral("http_status_code"))) {
        report.format = QStringLiteral("extole");
        report.code = codeValue(code);
        report.message = str(message);
        const QJsonValue id = o.value(QStringLiteral("unique_id"));
        r->bodyRequestId = id.isDouble() ? QString::number(id.toDouble(), 'f', 0) : str(id);
        return true;
    }

    // GitHub.
    if (message.isString() && o.contains(QStringLiteral("documentation_url"))) {
        report.format = QStringLiteral("github-rest");
        report.message = str(message);
        report.docUrl = str(o.value(QStringLiteral("documentation_url")));
        for (const QJsonValue &item : errors.toArray()) {
            if (item.isString()) {
                report.fieldErrors.append({std::nullopt, item.toString()});
                continue;
            }
            const QJsonObject e = item.toObject();
            std::optional<QString> text = str(e.value(QStringLiteral("message")));
            if (!text) {
                text = str(e.value(QStringLiteral("code")));
            }
            report.fieldErrors.append({str(e.value(QStringLiteral("field"))), text});
        }
        return true;
    }

    // Twilio.
    if (code.isDouble() && o.contains(QStringLiteral("more_info"))) {
        report.format = QStringLiteral("twilio");
        report.code = code;
        report.message = str(message);
        report.docUrl = str(o.value(QStringLiteral("more_info")));
        return true;
    }

    // Laravel.
    if (message.isString() && isMessageMap(errors)) {
        report.format = QStringLiteral("laravel");
        report.message = str(message);
        appendMessageMap(errors.toObject(), order, QStringLiteral("/errors"), &report.fieldErrors);
        return true;
    }

    // Generic numeric code.
    if (o.contains(QStringLiteral("error_code")) &&
        (o.contains(QStringLiteral("error_message")) || o.contains(QStringLiteral("error_msg")))) {
        report.format = QStringLiteral("generic-numeric-code");
        report.code = codeValue(o.value(QStringLiteral("error_code")));
        report.message = str(o.value(QStringLiteral("error_message")));
        if (!report.message) {
            report.message = str(o.value(QStringLiteral("error_msg")));
        }
        return true;
    }

    // Django REST framework: {"detail": "..."} or a map of fields.
    if ((o.size() == 1 && o.value(QStringLiteral("detail")).isString()) || isDrfMap(o)) {
        report.format = QStringLiteral("drf");
        if (o.value(QStringLiteral("detail")).isString()) {
            report.message = o.value(QStringLiteral("detail")).toString();
        } else {
            flattenDrf(o, QString(), QString(), order, &report.fieldErrors);
        }
        return true;
    }
    return false;
}

bool readXml(const QByteArray &body, Reading *r)
{
    XmlNode root;
    if (!parseXml(body, &root)) {
        return false;
    }
    ErrorReport &report = r->report;
    if (root.name == QLatin1String("problem") && root.namespaceUri == QLatin1String("urn:ietf:rfc:7807")) {
        report.format = QStringLiteral("problem-details-xml");
        const std::optional<QString> type = root.childText(QStringLiteral("type"));
        if (type && *type != QLatin1String("about:blank")) {
            report.code = *type;
            if (isHttpUrl(*type)) {
                report.docUrl = type;
            }
        }
        report.message = root.childText(QStringLiteral("detail"));
        if (!report.message) {
            report.message = root.childText(QStringLiteral("title"));
        }
        return true;
    }
    if (root.name == QLatin1String("Error") && root.child(QStringLiteral("Code"))) {
        const std::optional<QString> message = root.childText(QStringLiteral("Message"));
        const bool azure = !root.child(QStringLiteral("RequestId")) && message &&
                           message->contains(QStringLiteral("RequestId:"));
        report.format = azure ? QStringLiteral("azure-storage-xml") : QStringLiteral("aws-s3-xml");
        report.code = *root.childText(QStringLiteral("Code"));
        report.message = azure && message
                             ? std::optional<QString>(message->section(QLatin1Char('\n'), 0, 0).trimmed())
                             : message;
        r->bodyRequestId = root.childText(QStringLiteral("RequestId"));
        return true;
    }
    if (root.name == QLatin1String("ErrorResponse") && root.child(QStringLiteral("Error"))) {
        const XmlNode *error = root.child(QStringLiteral("Error"));
        report.format = QStringLiteral("aws-query-xml");
        if (auto code = error->childText(QStringLiteral("Code"))) {
            report.code = *code;
        }
        report.message = error->childText(QStringLiteral("Message"));
        r->bodyRequestId = root.childText(QStringLiteral("RequestId"));
        if (!r->bodyRequestId) {
            r->bodyRequestId = error->childText(QStringLiteral("RequestId"));
        }
        return true;
    }
    if (root.name == QLatin1String("TwilioResponse") && root.child(QStringLiteral("RestException"))) {
        const XmlNode *error = root.child(QStringLiteral("RestException"));
        report.format = QStringLiteral("twilio-xml");
        if (auto code = error->childText(QStringLiteral("Code"))) {
            report.code = *code;
        }
        report.message = error->childText(QStringLiteral("Message"));
        report.docUrl = error->childText(QStringLiteral("MoreInfo"));
        return true;
    }
    return false;
}

void readHtmlOrText(const QByteArray &body, const HeaderList &headers, const QByteArray &contentType,
                    Reading *r)
{
    ErrorReport &report = r->report;
    const QString text = QString::fromUtf8(body);
    const QString head = text.left(4096).toLower();
    const bool html = contentType.contains("html") || head.contains(QLatin1String("<html")) ||
                      head.contains(QLatin1String("<!doctype html"));
    if (!html) {
        report.format = QStringLiteral("plain-text");
        const QString trimmed = text.trimmed();
        report.message = trimmed.size() > 2000 ? trimmed.left(2000) : trimmed;
        return;
    }
    report.message = htmlTitle(text);
    if (report.message == QLatin1String("Error response")) {
        // Python's http.server titles every error page so; what went wrong is its "Message:"
        // paragraph, escaped, with a period of the template's after it.
        static const QRegularExpression said(QStringLiteral("<p>\\s*Message:\\s*(.*?)\\.?\\s*</p>"),
                                             QRegularExpression::DotMatchesEverythingOption);
        if (const QRegularExpressionMatch m = said.match(text.left(64 * 1024)); m.hasMatch()) {
            QString message = m.captured(1).trimmed();
            message.replace(QLatin1String("&lt;"), QLatin1String("<"))
                .replace(QLatin1String("&gt;"), QLatin1String(">"))
                .replace(QLatin1String("&amp;"), QLatin1String("&"));
            report.message = message;
        }
    }
    const QByteArray server = headerValue(headers, "Server").toLower();
    if (server.contains("cloudflare") || !headerValue(headers, "CF-RAY").isNull()) {
        report.format = QStringLiteral("cloudflare-html");
        // "host | 522: Connection timed out", or "Error 1020" pages.
        static const QRegularExpression code(
            QStringLiteral("(?:\\|\\s*(\\d{3,4})\\s*:)|(?:Error(?:\\s+code)?\\s+(\\d{3,4}))"),
            QRegularExpression::CaseInsensitiveOption);
        QRegularExpressionMatch match = code.match(report.message.value_or(QString()));
        if (!match.hasMatch()) {
            match = code.match(text.left(64 * 1024));
        }
        if (match.hasMatch()) {
            report.code = match.captured(1).isEmpty() ? match.captured(2) : match.captured(1);
        }
    } else if (server.startsWith("awselb")) {
        report.format = QStringLiteral("alb-html");
    } else if (head.contains(QLatin1String("<center>nginx")) || server.startsWith("nginx")) {
        report.format = QStringLiteral("nginx-html");
    } else {
        report.format = QStringLiteral("plain-text");
    }
}

std::optional<QString> headerRequestId(const HeaderList &headers)
{
    static const QByteArrayList names = {"X-Request-Id",      "Request-Id",      "x-amzn-RequestId",
                                         "x-amz-request-id",  "x-ms-request-id", "X-GitHub-Request-Id",
                                         "Twilio-Request-Id", "X-Slack-Req-Id",  "CF-RAY"};
    for (const QByteArray &name : names) {
        const QByteArray value = headerValue(headers, name);
        if (!value.isNull() && !value.trimmed().isEmpty()) {
            return QString::fromUtf8(value.trimmed());
        }
    }
    return std::nullopt;
}

QDateTime httpDate(const QByteArray &value)
{
    const QString text = QString::fromLatin1(value.trimmed());
    for (const QString &format :
         {QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"), QStringLiteral("dddd, dd-MMM-yy HH:mm:ss 'GMT'"),
          QStringLiteral("ddd MMM d HH:mm:ss yyyy")}) {
        const QDateTime local = QLocale::c().toDateTime(text, format);
        if (local.isValid()) {
            QDateTime date(local.date(), local.time(), Qt::UTC);
            if (date.date().year() < 1970) {
                date = date.addYears(100);
            }
            return date;
        }
    }
    return {};
}

std::optional<qint64> headerRateLimitRetry(const HeaderList &headers, const QDateTime &now)
{
    // RateLimit: "default";r=0;t=37 (current drafts), then RateLimit-Reset: N (older).
    const QByteArray rateLimit = headerValue(headers, "RateLimit");
    static const QRegularExpression t(QStringLiteral(";\\s*t\\s*=\\s*(\\d+)"));
    const QRegularExpressionMatch match = t.match(QString::fromLatin1(rateLimit));
    bool ok = false;
    if (match.hasMatch()) {
        const qint64 seconds = match.captured(1).toLongLong(&ok);
        return ok ? waitSeconds(seconds) : std::nullopt;
    }
    const qint64 reset = headerValue(headers, "RateLimit-Reset").trimmed().toLongLong(&ok);
    if (ok) {
        return waitSeconds(reset);
    }
    // X-RateLimit-Reset is an epoch (GitHub); only a hint when nothing is left.
    const QByteArray remaining = headerValue(headers, "X-RateLimit-Remaining").trimmed();
    const qint64 epoch = headerValue(headers, "X-RateLimit-Reset").trimmed().toLongLong(&ok);
    if (ok && remaining == "0") {
        const QDateTime date = httpDate(headerValue(headers, "Date"));
        return secondsUntilEpoch(epoch, (date.isValid() ? date : now).toSecsSinceEpoch());
    }
    return std::nullopt;
}

} // namespace

std::optional<RateLimitInfo> rateLimitOf(const HeaderList &headers, const QDateTime &now)
{
    RateLimitInfo info;
    auto number = [&headers](const char *name) -> std::optional<qint64> {
        bool ok = false;
        const qint64 value =
            headerValue(headers, name).trimmed().split(',').value(0).trimmed().toLongLong(&ok);
        return ok ? std::optional<qint64>(value) : std::nullopt;
    };
    auto param = [](const QByteArray &value, const char *key) -> std::optional<qint64> {
        const QRegularExpression re(QStringLiteral(";\\s*%1\\s*=\\s*(\\d+)").arg(QLatin1String(key)));
        const QRegularExpressionMatch match = re.match(QString::fromLatin1(value));
        return match.hasMatch() ? std::optional<qint64>(match.captured(1).toLongLong()) : std::nullopt;
    };
    const QByteArray current = headerValue(headers, "RateLimit");
    const QByteArray policy = headerValue(headers, "RateLimit-Policy");
    info.remaining = param(current, "r");
    info.resetSeconds = param(current, "t");
    info.limit = param(policy, "q");
    if (!info.remaining) {
        info.remaining = number("RateLimit-Remaining");
    }
    if (!info.limit) {
        info.limit = number("RateLimit-Limit");
    }
    if (!info.resetSeconds) {
        info.resetSeconds = number("RateLimit-Reset");
    }
    if (!info.remaining) {
        info.remaining = number("X-RateLimit-Remaining");
    }
    if (!info.limit) {
        info.limit = number("X-RateLimit-Limit");
    }
    if (!info.resetSeconds) {
        if (const auto reset = number("X-RateLimit-Reset")) {
            // An epoch (GitHub) or a delay (Laravel and others).
            if (*reset > 1000000000) {
                const QDateTime date = httpDate(headerValue(headers, "Date"));
                info.resetSeconds =
                    secondsUntilEpoch(*reset, (date.isValid() ? date : now).toSecsSinceEpoch());
            } else {
                info.resetSeconds = waitSeconds(*reset);
            }
        }
    }
    if (!info.limit && !info.remaining && !info.resetSeconds) {
        return std::nullopt;
    }
    return info;
}

QString sanitizeAwsErrorType(const QString &type)
{
    QString name = type.section(QLatin1Char(':'), 0, 0);
    const qsizetype hash = name.indexOf(QLatin1Char('#'));
    if (hash >= 0) {
        name = name.mid(hash + 1);
    }
    return name.trimmed();
}

std::optional<qint64> parseRetryAfter(const QByteArray &value, const QByteArray &date, const QDateTime &now)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty()) {
        return std::nullopt;
    }
    bool ok = false;
    const qint64 seconds = trimmed.toLongLong(&ok);
    if (ok) {
        return waitSeconds(seconds);
    }
    const QDateTime when = httpDate(trimmed);
    if (!when.isValid()) {
        return std::nullopt;
    }
    const QDateTime base = httpDate(date);
    return qMax<qint64>(0, (base.isValid() ? base : now).secsTo(when));
}

QHash<QString, QString> bearerChallenge(const QByteArray &header)
{
    // Tokenize challenges: scheme followed by auth-params (name=token|quoted-string).
    QHash<QString, QString> params;
    const QString text = QString::fromLatin1(header);
    qsizetype i = 0;
    const qsizetype n = text.size();
    bool inBearer = false;
    while (i < n) {
        while (i < n && (text[i].isSpace() || text[i] == QLatin1Char(','))) {
            ++i;
        }
        qsizetype start = i;
        while (i < n && !text[i].isSpace() && text[i] != QLatin1Char('=') && text[i] != QLatin1Char(',')) {
            ++i;
        }
        const QString word = text.mid(start, i - start);
        qsizetype j = i;
        while (j < n && text[j].isSpace()) {
            ++j;
        }
        if (j < n && text[j] == QLatin1Char('=') && !(j + 1 < n && text[j + 1] == QLatin1Char('='))) {
            // name=value
            i = j + 1;
            while (i < n && text[i].isSpace()) {
                ++i;
            }
            QString value;
            if (i < n && text[i] == QLatin1Char('"')) {
                ++i;
                while (i < n && text[i] != QLatin1Char('"')) {
                    if (text[i] == QLatin1Char('\\') && i + 1 < n) {
                        ++i;
                    }
                    value += text[i++];
                }
                ++i;
            } else {
                start = i;
                while (i < n && text[i] != QLatin1Char(',')) {
                    ++i;
                }
                value = text.mid(start, i - start).trimmed();
            }
            if (inBearer && !params.contains(word.toLower())) {
                params.insert(word.toLower(), value);
            }
        } else if (!word.isEmpty()) {
            // A new challenge (or a token68, which Bearer errors do not use).
            if (inBearer) {
                break;
            }
            inBearer = word.compare(QLatin1String("Bearer"), Qt::CaseInsensitive) == 0;
            if (inBearer) {
                params.insert(QStringLiteral("scheme"), word);
            }
        } else {
            ++i;
        }
    }
    return params;
}

ErrorReport analyzeError(int status, const HeaderList &headers, const QByteArray &rawBody,
                         const QDateTime &now)
{
    Reading r;
    r.report.status = status;
    const QByteArray contentType = headerValue(headers, "Content-Type").toLower();
    const QByteArray body = rawBody.startsWith("\xEF\xBB\xBF") ? rawBody.mid(3) : rawBody;
    const QByteArray trimmed = body.trimmed();

    if (trimmed.isEmpty()) {
        const QHash<QString, QString> bearer = bearerChallenge(headerValue(headers, "WWW-Authenticate"));
        if (!bearer.isEmpty()) {
            r.report.format = QStringLiteral("oauth2-bearer-challenge");
            if (bearer.contains(QStringLiteral("error"))) {
                r.report.code = bearer.value(QStringLiteral("error"));
            }
            if (bearer.contains(QStringLiteral("error_description"))) {
                r.report.message = bearer.value(QStringLiteral("error_description"));
            }
            if (bearer.contains(QStringLiteral("error_uri"))) {
                r.report.docUrl = bearer.value(QStringLiteral("error_uri"));
            }
        } else {
            r.report.format = QStringLiteral("empty");
        }
    } else if (trimmed.startsWith('{') || trimmed.startsWith('[') || contentType.contains("json")) {
        QJsonParseError error{};
        const QJsonDocument document = QJsonDocument::fromJson(body, &error);
        if (error.error != QJsonParseError::NoError) {
            r.report.format = QStringLiteral("malformed-json");
        } else if (document.isArray()) {
            // Salesforce-style: [{"message", "errorCode", "fields"}]
            const QJsonObject first = document.array().first().toObject();
            r.report.format = QStringLiteral("salesforce-array");
            r.report.code = codeValue(first.value(QStringLiteral("errorCode")));
            r.report.message = str(first.value(QStringLiteral("message")));
            for (const QJsonValue &item : document.array()) {
                const QJsonObject e = item.toObject();
                for (const QJsonValue &field : e.value(QStringLiteral("fields")).toArray()) {
                    r.report.fieldErrors.append({str(field), str(e.value(QStringLiteral("message")))});
                }
            }
        } else if (!readJsonObject(document.object(), KeyOrder(body), headers, contentType, &r)) {
            // JSON of a shape no rule knows: keep the common members.
            const QJsonObject o = document.object();
            r.report.format = QStringLiteral("json");
            r.report.code = codeValue(o.value(QStringLiteral("code")));
            for (const QString &key :
                 {QStringLiteral("message"), QStringLiteral("detail"), QStringLiteral("title")}) {
                if (!r.report.message) {
                    r.report.message = str(o.value(key));
                }
            }
        }
    } else if (trimmed.startsWith('<') && !contentType.contains("html") && readXml(trimmed, &r)) {
        // an XML error document
    } else {
        readHtmlOrText(body, headers, contentType, &r);
    }

    r.report.requestId = r.bodyRequestId ? r.bodyRequestId : headerRequestId(headers);
    r.report.retryAfterSeconds =
        parseRetryAfter(headerValue(headers, "Retry-After"), headerValue(headers, "Date"), now);
    if (!r.report.retryAfterSeconds) {
        r.report.retryAfterSeconds = r.bodyRetry;
    }
    if (!r.report.retryAfterSeconds) {
        r.report.retryAfterSeconds = headerRateLimitRetry(headers, now);
    }
    return r.report;
}

} // namespace ApiLens::Core
