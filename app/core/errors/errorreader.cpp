#include "errorreader.h"

#include <QJsonDocument>
#include <QXmlStreamReader>

#include <cmath>

namespace ApiLens::Core::Errors {

KeyOrder::KeyOrder(const QByteArray &json)
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

QStringList KeyOrder::keys(const QString &path, const QJsonObject &object) const
{
    QStringList ordered = m_keys.value(path);
    if (ordered.size() != object.size()) {
        return object.keys();
    }
    ordered.removeDuplicates();
    return ordered.size() == object.size() ? ordered : object.keys();
}

const XmlNode *XmlNode::child(const QString &childName) const
{
    for (const XmlNode &node : children) {
        if (node.name == childName) {
            return &node;
        }
    }
    return nullptr;
}

std::optional<QString> XmlNode::childText(const QString &childName) const
{
    const XmlNode *node = child(childName);
    return node ? std::optional<QString>(node->text.trimmed()) : std::nullopt;
}

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

namespace {

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

} // namespace

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
        // "" holds the errors of the whole object (ASP.NET): they name no field.
        const std::optional<QString> field = key.isEmpty() ? std::nullopt : std::optional<QString>(key);
        if (value.isString()) {
            out->append({field, value.toString()});
            continue;
        }
        for (const QJsonValue &message : value.toArray()) {
            out->append({field, str(message)});
        }
    }
}

constexpr qint64 MaxWaitSeconds = 10LL * 366 * 24 * 3600;
std::optional<qint64> waitSeconds(qint64 seconds)
{
    return seconds >= 0 && seconds <= MaxWaitSeconds ? std::optional<qint64>(seconds) : std::nullopt;
}

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

namespace {

QString detailType(const QJsonObject &detail)
{
    QString type = detail.value(QStringLiteral("@type")).toString();
    if (type.isEmpty()) {
        type = detail.value(QStringLiteral("type")).toString(); // Connect
    }
    const qsizetype slash = type.lastIndexOf(QLatin1Char('/'));
    return slash >= 0 ? type.mid(slash + 1) : type;
}

} // namespace

QJsonObject findDetail(const QJsonArray &details, const QString &suffix)
{
    for (const QJsonValue &item : details) {
        QJsonObject detail = item.toObject();
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

} // namespace ApiLens::Core::Errors
