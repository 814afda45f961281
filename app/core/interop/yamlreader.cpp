#include "yamlreader.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>

#include <yaml.h>

#include <cmath>

namespace ApiLens::Core {

namespace {

constexpr int MaxDepth = 1000;
constexpr qint64 MaxValues = 2'000'000;

bool isDigits(const char *p, const char *end, int base)
{
    if (p == end) {
        return false;
    }
    for (; p != end; ++p) {
        const char c = *p;
        const bool ok = base == 8 ? (c >= '0' && c <= '7')
                        : base == 10
                            ? (c >= '0' && c <= '9')
                            : ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
        if (!ok) {
            return false;
        }
    }
    return true;
}

// [-+]? ( \.[0-9]+ | [0-9]+ ( \.[0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
bool isFloat(const QByteArray &text)
{
    const char *p = text.constData();
    const char *end = p + text.size();
    if (p != end && (*p == '-' || *p == '+')) {
        ++p;
    }
    int digits = 0;
    while (p != end && *p >= '0' && *p <= '9') {
        ++p;
        ++digits;
    }
    if (p != end && *p == '.') {
        ++p;
        while (p != end && *p >= '0' && *p <= '9') {
            ++p;
            ++digits;
        }
    }
    if (digits == 0) {
        return false;
    }
    if (p != end && (*p == 'e' || *p == 'E')) {
        ++p;
        if (p != end && (*p == '-' || *p == '+')) {
            ++p;
        }
        return isDigits(p, end, 10);
    }
    return p == end;
}

// A plain scalar by the YAML 1.2 core schema. Infinities and NaN stay text: JSON has none.
QJsonValue resolvePlain(const QByteArray &text)
{
    if (text.isEmpty() || text == "~" || text == "null" || text == "Null" || text == "NULL") {
        return QJsonValue(QJsonValue::Null);
    }
    if (text == "true" || text == "True" || text == "TRUE") {
        return true;
    }
    if (text == "false" || text == "False" || text == "FALSE") {
        return false;
    }
    const char first = text.at(0);
    if ((first >= '0' && first <= '9') || first == '-' || first == '+' || first == '.') {
        if (text.size() > 2 && text.startsWith("0x") && isDigits(text.constData() + 2, text.constEnd(), 16)) {
            return double(text.mid(2).toULongLong(nullptr, 16));
        }
        if (text.size() > 2 && text.startsWith("0o") && isDigits(text.constData() + 2, text.constEnd(), 8)) {
            return double(text.mid(2).toULongLong(nullptr, 8));
        }
        if (isFloat(text)) {
            bool ok = false;
            const double value = text.toDouble(&ok);
            if (ok && std::isfinite(value)) {
                return value;
            }
        }
    }
    return QString::fromUtf8(text);
}

QJsonValue resolveTagged(const QByteArray &tag, const QByteArray &text)
{
    static const QByteArray prefix = QByteArrayLiteral("tag:yaml.org,2002:");
    if (!tag.startsWith(prefix)) {
        return QString::fromUtf8(text); // "!" or an application's own tag: the text as written
    }
    const QByteArray type = tag.mid(prefix.size());
    if (type == "null" || type == "bool" || type == "int" || type == "float") {
        QJsonValue value = resolvePlain(text);
        if ((type == "null" && value.isNull()) || (type == "bool" && value.isBool()) ||
            ((type == "int" || type == "float") && value.isDouble())) {
            return value;
        }
    }
    return QString::fromUtf8(text);
}

struct Frame
{
    bool mapping = false;
    QJsonObject object;
    QJsonArray array;
    QString key;
    bool hasKey = false;
    bool mergeKey = false;
    QList<QJsonObject> merges;
    QByteArray anchor;
    qint64 size = 1;
};

struct Anchored
{
    QJsonValue value;
    qint64 size = 1;
};

class Reader
{
public:
    Reader(const QString &orderedKey, QStringList *keyOrder)
        : m_orderedKey(orderedKey)
        , m_keyOrder(keyOrder)
    {}
    std::optional<QJsonValue> read(const QByteArray &yaml, QString *error);

private:
    bool deliver(const QJsonValue &value, qint64 size, const QByteArray &anchor, bool plainScalar,
                 const yaml_mark_t &mark);
    bool fail(const yaml_mark_t &mark, const QString &reason);

    const QString m_orderedKey;
    QStringList *m_keyOrder;
    QList<Frame> m_stack;
    QHash<QByteArray, Anchored> m_anchors;
    std::optional<QJsonValue> m_root;
    qint64 m_values = 0;
    QString m_error;
};

bool Reader::fail(const yaml_mark_t &mark, const QString &reason)
{
    m_error = QStringLiteral("not valid YAML at line %1, column %2: %3")
                  .arg(mark.line + 1)
                  .arg(mark.column + 1)
                  .arg(reason);
    return false;
}

bool Reader::deliver(const QJsonValue &value, qint64 size, const QByteArray &anchor, bool plainScalar,
                     const yaml_mark_t &mark)
{
    if (!anchor.isEmpty()) {
        m_anchors.insert(anchor, {value, size});
    }
    if (m_stack.isEmpty()) {
        m_root = value;
        return true;
    }
    Frame &parent = m_stack.last();
    parent.size += size;
    if (!parent.mapping) {
        parent.array.append(value);
        return true;
    }
    if (!parent.hasKey) {
        if (value.isObject() || value.isArray()) {
            return fail(mark, QStringLiteral("a mapping or list used as a key is not supported"));
        }
        parent.key = value.toString();
        parent.mergeKey = plainScalar && parent.key == QLatin1String("<<");
        parent.hasKey = true;
        if (m_keyOrder && m_stack.size() == 2 && m_stack.first().mapping &&
            m_stack.first().key == m_orderedKey) {
            m_keyOrder->append(parent.key);
        }
        return true;
    }
    parent.hasKey = false;
    if (parent.mergeKey) {
        if (value.isObject()) {
            parent.merges.append(value.toObject());
            return true;
        }
        if (value.isArray()) {
            for (const QJsonValue &item : value.toArray()) {
                if (!item.isObject()) {
                    return fail(mark, QStringLiteral("a merge key (<<) takes mappings only"));
                }
                parent.merges.append(item.toObject());
            }
            return true;
        }
        return fail(mark, QStringLiteral("a merge key (<<) takes a mapping or a list of mappings"));
    }
    parent.object.insert(parent.key, value);
    return true;
}

std::optional<QJsonValue> Reader::read(const QByteArray &yaml, QString *error)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        *error = QStringLiteral("not valid YAML: out of memory");
        return std::nullopt;
    }
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char *>(yaml.constData()),
                                 size_t(yaml.size()));
    bool ok = true;
    bool done = false;
    while (ok && !done) {
        yaml_event_t event;
        if (!yaml_parser_parse(&parser, &event)) {
            const QString reason =
                QString::fromUtf8(parser.problem ? parser.problem : "unknown problem") +
                (parser.context ? QStringLiteral(" ") + QString::fromUtf8(parser.context) : QString());
            ok = fail(parser.problem_mark, reason);
            break;
        }
        const auto anchorOf = [](const yaml_char_t *anchor) {
            return anchor ? QByteArray(reinterpret_cast<const char *>(anchor)) : QByteArray();
        };
        switch (event.type) {
        case YAML_SCALAR_EVENT: {
            const QByteArray text(reinterpret_cast<const char *>(event.data.scalar.value),
                                  qsizetype(event.data.scalar.length));
            const bool plain = event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
            const bool key = !m_stack.isEmpty() && m_stack.last().mapping && !m_stack.last().hasKey;
            const QByteArray tag = event.data.scalar.tag
                                       ? QByteArray(reinterpret_cast<const char *>(event.data.scalar.tag))
                                       : QByteArray();
            // Keys are text as written: "200:" and "1.10:" must not become numbers.
            const QJsonValue value = key              ? QJsonValue(QString::fromUtf8(text))
                                     : !tag.isEmpty() ? resolveTagged(tag, text)
                                     : plain          ? resolvePlain(text)
                                                      : QJsonValue(QString::fromUtf8(text));
            ++m_values;
            ok = deliver(value, 1, anchorOf(event.data.scalar.anchor), plain && tag.isEmpty(),
                         event.start_mark);
            break;
        }
        case YAML_ALIAS_EVENT: {
            const QByteArray name = anchorOf(event.data.alias.anchor);
            const auto it = m_anchors.constFind(name);
            if (it == m_anchors.constEnd()) {
                ok = fail(
                    event.start_mark,
                    QStringLiteral("the alias *%1 has no anchor before it").arg(QString::fromUtf8(name)));
                break;
            }
            m_values += it->size;
            if (m_values > MaxValues) {
                ok = fail(
                    event.start_mark,
                    QStringLiteral("its aliases expand to more than %L1 values; not read").arg(MaxValues));
                break;
            }
            const Anchored &anchored = *it;
            const QJsonValue value = anchored.value;
            // An alias used as a key reads as its scalar's text; an alias of "<<" is not a merge key.
            const bool key = !m_stack.isEmpty() && m_stack.last().mapping && !m_stack.last().hasKey;
            ok = deliver(key && !value.isString() && !value.isObject() && !value.isArray()
                             ? QJsonValue(value.toVariant().toString())
                             : value,
                         anchored.size, {}, false, event.start_mark);
            break;
        }
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT: {
            if (m_stack.size() >= MaxDepth) {
                ok = fail(event.start_mark, QStringLiteral("nested more than %1 levels deep").arg(MaxDepth));
                break;
            }
            Frame frame;
            frame.mapping = event.type == YAML_MAPPING_START_EVENT;
            frame.anchor =
                anchorOf(frame.mapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor);
            ++m_values;
            m_stack.append(std::move(frame));
            break;
        }
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT: {
            Frame frame = m_stack.takeLast();
            QJsonValue value;
            if (frame.mapping) {
                for (const QJsonObject &merge : std::as_const(frame.merges)) {
                    for (auto it = merge.begin(); it != merge.end(); ++it) {
                        if (!frame.object.contains(it.key())) {
                            frame.object.insert(it.key(), it.value());
                        }
                    }
                }
                value = frame.object;
            } else {
                value = frame.array;
            }
            ok = deliver(value, frame.size, frame.anchor, false, event.start_mark);
            break;
        }
        case YAML_DOCUMENT_END_EVENT:
        case YAML_STREAM_END_EVENT:
            done = true; // the first document only
            break;
        default:
            break;
        }
        if (ok && m_values > MaxValues) {
            ok = fail(event.start_mark, QStringLiteral("more than %L1 values; not read").arg(MaxValues));
        }
        yaml_event_delete(&event);
    }
    yaml_parser_delete(&parser);
    if (!ok) {
        *error = m_error;
        return std::nullopt;
    }
    return m_root.value_or(QJsonValue(QJsonValue::Null));
}

} // namespace

std::optional<QJsonValue> parseYaml(const QByteArray &yaml, QString *error, const QString &orderedKey,
                                    QStringList *keyOrder)
{
    Reader reader(orderedKey, keyOrder);
    return reader.read(yaml, error);
}

} // namespace ApiLens::Core
