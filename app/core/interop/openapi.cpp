#include "openapi.h"

#include "collections/httpdocument.h"
#include "collections/variables.h"
#include "importer.h"
#include "yamlreader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

namespace ApiLens::Core {

namespace {

const QStringList &methodOrder()
{
    static const QStringList methods{
        QStringLiteral("get"),     QStringLiteral("put"),  QStringLiteral("post"),  QStringLiteral("delete"),
        QStringLiteral("options"), QStringLiteral("head"), QStringLiteral("patch"), QStringLiteral("trace")};
    return methods;
}

QString str(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toString();
}

// The keys of the root object's `key` object in the order written (QJsonObject sorts them).
QStringList jsonKeyOrder(const QByteArray &json, const QByteArray &key)
{
    QStringList keys;
    const char *p = json.constData();
    const char *end = p + json.size();
    int depth = 0;
    bool inTarget = false;
    int targetDepth = -1;
    bool expectKey = false;
    QByteArray lastRootKey;
    while (p < end) {
        const char c = *p;
        if (c == '"') {
            const char *start = p++;
            while (p < end && *p != '"') {
                p += *p == '\\' ? 2 : 1;
            }
            ++p;
            const QByteArray token(start, qsizetype(qMin(p, end) - start));
            if (expectKey) {
                const QString text = QJsonDocument::fromJson('[' + token + ']').array().at(0).toString();
                if (depth == 1) {
                    lastRootKey = text.toUtf8();
                } else if (inTarget && depth == targetDepth) {
                    keys.append(text);
                }
                expectKey = false;
            }
            continue;
        }
        if (c == '{') {
            ++depth;
            expectKey = true;
            if (depth == 2 && lastRootKey == key && !inTarget && targetDepth < 0) {
                inTarget = true;
                targetDepth = 2;
            }
        } else if (c == '}' || c == ']') {
            if (inTarget && depth == targetDepth && c == '}') {
                return keys;
            }
            --depth;
            if (depth == 1) {
                lastRootKey.clear();
            }
        } else if (c == '[') {
            ++depth;
        } else if (c == ',') {
            // In an object, a key follows; in an array, a value. Objects are what we track.
            expectKey = true;
        } else if (c == ':') {
            expectKey = false;
        }
        ++p;
    }
    return keys;
}

QString variableName(const QString &name)
{
    QString out = name;
    static const QRegularExpression invalid(QStringLiteral("[^\\w.-]"));
    out.replace(invalid, QStringLiteral("_"));
    if (out.isEmpty() || !(out.at(0).isLetter() || out.at(0) == QLatin1Char('_'))) {
        out.prepend(QLatin1Char('_'));
    }
    return out;
}

QString jsonText(const QJsonValue &value, bool indented = false)
{
    if (value.isObject()) {
        return QString::fromUtf8(QJsonDocument(value.toObject())
                                     .toJson(indented ? QJsonDocument::Indented : QJsonDocument::Compact));
    }
    if (value.isArray()) {
        return QString::fromUtf8(QJsonDocument(value.toArray())
                                     .toJson(indented ? QJsonDocument::Indented : QJsonDocument::Compact));
    }
    return jsonValueText(value);
}

bool isJsonMedia(const QString &mediaType)
{
    const QString type = mediaType.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
    return type == QLatin1String("application/json") || type.endsWith(QLatin1String("+json")) ||
           type == QLatin1String("*/*");
}

// The document and its $refs.
class Document
{
public:
    Document(const QJsonObject &root, QStringList *warnings)
        : m_root(root)
        , m_warnings(warnings)
    {}

    const QJsonObject &root() const { return m_root; }

    // The object a value stands for, $refs followed (to 32 hops); 3.1's summary and description
    // beside a $ref override the target's.
    QJsonObject resolve(const QJsonValue &value, QString *refName = nullptr) const
    {
        QJsonObject object = value.toObject();
        const QJsonObject original = object;
        for (int hops = 0; object.contains(QStringLiteral("$ref")) && hops < 32; ++hops) {
            const QString ref = str(object, "$ref");
            if (refName) {
                *refName = ref.section(QLatin1Char('/'), -1);
            }
            const std::optional<QJsonValue> target = pointer(ref);
            if (!target) {
                return {};
            }
            object = target->toObject();
        }
        for (const char *key : {"summary", "description"}) {
            if (original.contains(QLatin1String("$ref")) && original.contains(QLatin1String(key))) {
                object.insert(QLatin1String(key), original.value(QLatin1String(key)));
            }
        }
        return object;
    }

    std::optional<QJsonValue> pointer(const QString &ref) const
    {
        if (!ref.startsWith(QLatin1Char('#'))) {
            if (!m_external.contains(ref.section(QLatin1Char('#'), 0, 0))) {
                m_external.insert(ref.section(QLatin1Char('#'), 0, 0));
                m_warnings->append(
                    QStringLiteral("the reference \"%1\" points into another file; ApiLens reads one file, "
                                   "so what it describes is left out")
                        .arg(ref));
            }
            return std::nullopt;
        }
        QJsonValue current = m_root;
        const QStringList parts = ref.mid(1).split(QLatin1Char('/'), Qt::SkipEmptyParts);
        for (QString part : parts) {
            part = QUrl::fromPercentEncoding(part.toUtf8());
            part.replace(QLatin1String("~1"), QLatin1String("/"))
                .replace(QLatin1String("~0"), QLatin1String("~"));
            if (current.isObject() && current.toObject().contains(part)) {
                current = current.toObject().value(part);
            } else if (current.isArray() && part.toInt() >= 0 && part.toInt() < current.toArray().size()) {
                current = current.toArray().at(part.toInt());
            } else {
                if (!m_broken.contains(ref)) {
                    m_broken.insert(ref);
                    m_warnings->append(
                        QStringLiteral("the reference \"%1\" points to nothing in the document").arg(ref));
                }
                return std::nullopt;
            }
        }
        return current;
    }

    // An example value made from a schema: its example, default, const or first enum value, else
    // one made from its type and properties (readOnly ones are left out of requests). At most
    // MaxExampleValues values: schemas that share parts many times over cannot blow it up.
    QJsonValue example(const QJsonValue &schemaValue, bool forRequest) const
    {
        m_budget = MaxExampleValues;
        return exampleAt(schemaValue, forRequest, 0, {});
    }

    static constexpr int MaxExampleValues = 5000;

    QJsonValue exampleAt(const QJsonValue &schemaValue, bool forRequest, int depth, QSet<QString> refs) const
    {
        if (--m_budget < 0) {
            return QJsonValue(QJsonValue::Undefined);
        }
        QJsonObject schema = schemaValue.toObject();
        if (schema.contains(QStringLiteral("$ref"))) {
            const QString ref = str(schema, "$ref");
            if (refs.contains(ref) || depth > 12) {
                return QJsonValue(QJsonValue::Undefined); // a cycle: stop here
            }
            refs.insert(ref);
            schema = resolve(schema);
        }
        if (const std::optional<QJsonValue> given = explicitValue(schema)) {
            return *given;
        }
        if (schema.value(QStringLiteral("allOf")).isArray()) {
            QJsonObject merged;
            QJsonValue other;
            for (const QJsonValue &part : schema.value(QStringLiteral("allOf")).toArray()) {
                const QJsonValue value = exampleAt(part, forRequest, depth + 1, refs);
                if (value.isObject()) {
                    const QJsonObject object = value.toObject();
                    for (auto it = object.begin(); it != object.end(); ++it) {
                        merged.insert(it.key(), it.value());
                    }
                } else if (!value.isUndefined() && !value.isNull()) {
                    other = value;
                }
            }
            if (!merged.isEmpty() || other.isUndefined()) {
                // Properties beside allOf belong to the same object.
                const QJsonValue own = schema.contains(QStringLiteral("properties"))
                                           ? objectExample(schema, forRequest, depth, refs)
                                           : QJsonValue(QJsonObject());
                const QJsonObject ownObject = own.toObject();
                for (auto it = ownObject.begin(); it != ownObject.end(); ++it) {
                    merged.insert(it.key(), it.value());
                }
                return merged;
            }
            return other;
        }
        for (const char *choice : {"oneOf", "anyOf"}) {
            const QJsonArray options = schema.value(QLatin1String(choice)).toArray();
            if (!options.isEmpty()) {
                return exampleAt(options.first(), forRequest, depth + 1, refs);
            }
        }
        QString type;
        const QJsonValue typeValue = schema.value(QStringLiteral("type"));
        if (typeValue.isArray()) { // 3.1: ["string", "null"]
            for (const QJsonValue &t : typeValue.toArray()) {
                if (t.toString() != QLatin1String("null")) {
                    type = t.toString();
                    break;
                }
            }
        } else {
            type = typeValue.toString();
        }
        if (type == QLatin1String("object") ||
            (type.isEmpty() && schema.contains(QStringLiteral("properties")))) {
            return objectExample(schema, forRequest, depth, refs);
        }
        if (type == QLatin1String("array")) {
            if (depth > 12) {
                return QJsonArray();
            }
            const QJsonValue item =
                exampleAt(schema.value(QStringLiteral("items")), forRequest, depth + 1, refs);
            return item.isUndefined() ? QJsonArray() : QJsonArray{item};
        }
        if (type == QLatin1String("integer") || type == QLatin1String("number")) {
            const QJsonValue minimum = schema.value(QStringLiteral("minimum"));
            return minimum.isDouble() ? minimum.toDouble() : 0;
        }
        if (type == QLatin1String("boolean")) {
            return true;
        }
        if (type == QLatin1String("string")) {
            const QString format = str(schema, "format");
            if (format == QLatin1String("date")) {
                return QStringLiteral("2024-01-01");
            }
            if (format == QLatin1String("date-time")) {
                return QStringLiteral("2024-01-01T00:00:00Z");
            }
            if (format == QLatin1String("email")) {
                return QStringLiteral("user@example.com");
            }
            if (format == QLatin1String("uuid")) {
                return QStringLiteral("3fa85f64-5717-4562-b3fc-2c963f66afa6");
            }
            if (format == QLatin1String("uri") || format == QLatin1String("url")) {
                return QStringLiteral("https://example.com");
            }
            if (format == QLatin1String("binary") || format == QLatin1String("byte")) {
                return QString();
            }
            return QStringLiteral("string");
        }
        if (type == QLatin1String("null")) {
            return QJsonValue(QJsonValue::Null);
        }
        return QJsonValue(QJsonValue::Undefined);
    }

    // A value the description gives: example, examples[0] (3.1 schemas), default, const, enum[0].
    static std::optional<QJsonValue> explicitValue(const QJsonObject &object)
    {
        if (object.contains(QStringLiteral("example"))) {
            return object.value(QStringLiteral("example"));
        }
        const QJsonValue examples = object.value(QStringLiteral("examples"));
        if (examples.isArray() && !examples.toArray().isEmpty()) {
            return examples.toArray().first();
        }
        for (const char *key : {"default", "const"}) {
            if (object.contains(QLatin1String(key))) {
                return object.value(QLatin1String(key));
            }
        }
        const QJsonArray values = object.value(QStringLiteral("enum")).toArray();
        if (!values.isEmpty()) {
            return values.first();
        }
        return std::nullopt;
    }

private:
    QJsonValue objectExample(const QJsonObject &schema, bool forRequest, int depth,
                             const QSet<QString> &refs) const
    {
        QJsonObject out;
        if (depth > 12) {
            return out;
        }
        const QJsonObject properties = schema.value(QStringLiteral("properties")).toObject();
        for (auto it = properties.begin(); it != properties.end(); ++it) {
            const QJsonObject property = it.value().toObject().contains(QStringLiteral("$ref"))
                                             ? resolve(it.value())
                                             : it.value().toObject();
            if ((forRequest && property.value(QStringLiteral("readOnly")).toBool()) ||
                (!forRequest && property.value(QStringLiteral("writeOnly")).toBool())) {
                continue;
            }
            const QJsonValue value = exampleAt(it.value(), forRequest, depth + 1, refs);
            if (!value.isUndefined()) {
                out.insert(it.key(), value);
            }
        }
        return out;
    }

    QJsonObject m_root;
    QStringList *m_warnings;
    mutable QSet<QString> m_external;
    mutable QSet<QString> m_broken;
    mutable int m_budget = 0;
};

struct Server
{
    QString url;
    QString description;
};

// A server's URL with its variables' defaults, without a trailing slash.
Server serverOf(const QJsonObject &server)
{
    QString url = str(server, "url");
    const QJsonObject variables = server.value(QStringLiteral("variables")).toObject();
    for (auto it = variables.begin(); it != variables.end(); ++it) {
        url.replace(QLatin1Char('{') + it.key() + QLatin1Char('}'),
                    jsonValueText(it.value().toObject().value(QStringLiteral("default"))));
    }
    while (url.endsWith(QLatin1Char('/'))) {
        url.chop(1);
    }
    return {url, str(server, "description")};
}

QList<Server> serversOf(const QJsonValue &value)
{
    QList<Server> servers;
    for (const QJsonValue &server : value.toArray()) {
        servers.append(serverOf(server.toObject()));
    }
    return servers;
}

QString encodeQuery(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text, "-._~!$'()*,;:@/?"));
}

struct Builder
{
    const Document &doc;
    ImportResult &result;
    QHash<QString, QStringList> fileVariables; // file -> "@name = value" lines, in order
    QHash<QString, QSet<QString>> fileVariableNames;
    QSet<QString> authWarnings;
    QStringList secretVariables;

    void defineFileVariable(const QString &file, const QString &name, const QString &value)
    {
        if (!fileVariableNames[file].contains(name)) {
            fileVariableNames[file].insert(name);
            fileVariables[file].append(QStringLiteral("@%1 = %2").arg(name, value));
        }
    }

    void useSecret(const QString &name)
    {
        const QString reference = QStringLiteral("{{%1}}").arg(name);
        if (!secretVariables.contains(reference)) {
            secretVariables.append(reference);
        }
    }

    void applySecurity(const QJsonArray &requirements, RequestSpec *spec, QStringList *comments,
                       const QString &where)
    {
        if (requirements.isEmpty()) {
            return;
        }
        const QJsonObject requirement = requirements.first().toObject(); // {} = optional: none
        if (requirements.size() > 1) {
            comments->append(
                QStringLiteral("The description offers %1 ways to authenticate; this uses the first.")
                    .arg(requirements.size()));
        }
        const QJsonObject schemes = doc.root()
                                        .value(QStringLiteral("components"))
                                        .toObject()
                                        .value(QStringLiteral("securitySchemes"))
                                        .toObject();
        QStringList cookies;
        for (auto it = requirement.begin(); it != requirement.end(); ++it) {
            if (!schemes.contains(it.key())) {
                result.warnings.append(
                    QStringLiteral("%1: the security scheme \"%2\" is not defined").arg(where, it.key()));
                continue;
            }
            const QJsonObject scheme = doc.resolve(schemes.value(it.key()));
            const QString type = str(scheme, "type");
            const QString variable = variableName(it.key());
            const QString value = QStringLiteral("{{%1}}").arg(variable);
            const bool authFree = spec->auth.kind == AuthKind::None;
            if (type == QLatin1String("http")) {
                const QString kind = str(scheme, "scheme").toLower();
                if (kind == QLatin1String("basic") && authFree) {
                    spec->auth.kind = AuthKind::Basic;
                    spec->auth.username = QStringLiteral("{{%1_username}}").arg(variable);
                    spec->auth.password = QStringLiteral("{{%1_password}}").arg(variable);
                    useSecret(variable + QStringLiteral("_username"));
                    useSecret(variable + QStringLiteral("_password"));
                } else if (kind == QLatin1String("bearer") && authFree) {
                    spec->auth.kind = AuthKind::Bearer;
                    spec->auth.token = value;
                    useSecret(variable);
                } else if (kind == QLatin1String("digest") && authFree) {
                    spec->auth.kind = AuthKind::Digest;
                    spec->auth.username = QStringLiteral("{{%1_username}}").arg(variable);
                    spec->auth.password = QStringLiteral("{{%1_password}}").arg(variable);
                    useSecret(variable + QStringLiteral("_username"));
                    useSecret(variable + QStringLiteral("_password"));
                } else {
                    const QString schemeName = str(scheme, "scheme");
                    spec->headers.append(
                        {QStringLiteral("Authorization"),
                         (schemeName.isEmpty() ? QString() : schemeName + QLatin1Char(' ')) + value, true});
                    useSecret(variable);
                }
            } else if (type == QLatin1String("apiKey")) {
                const QString in = str(scheme, "in");
                const QString name = str(scheme, "name");
                if (in == QLatin1String("cookie")) {
                    cookies.append(name + QLatin1Char('=') + value);
                } else if (authFree && (in == QLatin1String("header") || in == QLatin1String("query"))) {
                    spec->auth.kind = AuthKind::ApiKey;
                    spec->auth.keyName = name;
                    spec->auth.keyValue = value;
                    spec->auth.keyLocation =
                        in == QLatin1String("query") ? ApiKeyLocation::Query : ApiKeyLocation::Header;
                } else if (in == QLatin1String("query")) {
                    spec->url +=
                        (spec->url.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?')) +
                        encodeQuery(name) + QLatin1Char('=') + value;
                } else {
                    spec->headers.append({name, value, true});
                }
                useSecret(variable);
            } else if (type == QLatin1String("oauth2") || type == QLatin1String("openIdConnect")) {
                if (authFree) {
                    spec->auth.kind = AuthKind::Bearer;
                    spec->auth.token = value;
                } else {
                    spec->headers.append(
                        {QStringLiteral("Authorization"), QStringLiteral("Bearer ") + value, true});
                }
                useSecret(variable);
                QString how;
                if (type == QLatin1String("oauth2")) {
                    const QJsonObject flows = scheme.value(QStringLiteral("flows")).toObject();
                    QStringList parts;
                    for (auto flow = flows.begin(); flow != flows.end(); ++flow) {
                        const QJsonObject f = flow.value().toObject();
                        QString part = flow.key();
                        if (!str(f, "authorizationUrl").isEmpty()) {
                            part += QStringLiteral(", authorize at ") + str(f, "authorizationUrl");
                        }
                        if (!str(f, "tokenUrl").isEmpty()) {
                            part += QStringLiteral(", token from ") + str(f, "tokenUrl");
                        }
                        parts.append(part);
                    }
                    how = QStringLiteral("OAuth 2.0 (%1)").arg(parts.join(QStringLiteral("; ")));
                } else {
                    how = QStringLiteral("OpenID Connect (%1)").arg(str(scheme, "openIdConnectUrl"));
                }
                const QJsonArray scopes = it.value().toArray();
                QStringList scopeNames;
                for (const QJsonValue &scope : scopes) {
                    scopeNames.append(scope.toString());
                }
                comments->append(QStringLiteral("Auth: %1%2; put an access token in %3.")
                                     .arg(how,
                                          scopeNames.isEmpty() ? QString()
                                                               : QStringLiteral(", scopes ") +
                                                                     scopeNames.join(QStringLiteral(" ")),
                                          value));
                if (!authWarnings.contains(it.key())) {
                    authWarnings.insert(it.key());
                    result.warnings.append(QStringLiteral("the %1 scheme \"%2\" is sent as a bearer token "
                                                          "from %3; ApiLens does not run the "
                                                          "flow to get one")
                                               .arg(type, it.key(), value));
                }
            } else {
                if (!authWarnings.contains(it.key())) {
                    authWarnings.insert(it.key());
                    result.warnings.append(
                        QStringLiteral("the %1 security scheme \"%2\" is not carried over")
                            .arg(type.isEmpty() ? QStringLiteral("untyped") : type, it.key()));
                }
            }
        }
        if (!cookies.isEmpty()) {
            spec->headers.append({QStringLiteral("Cookie"), cookies.join(QStringLiteral("; ")), true});
        }
    }
};

// A request body's example for one media type: its example, its first named example, else one
// made from its schema.
QJsonValue mediaExample(const Document &doc, const QJsonObject &media, QStringList *warnings,
                        const QString &where)
{
    if (media.contains(QStringLiteral("example"))) {
        return media.value(QStringLiteral("example"));
    }
    const QJsonObject examples = media.value(QStringLiteral("examples")).toObject();
    if (!examples.isEmpty()) {
        const QJsonObject first = doc.resolve(examples.begin().value());
        if (first.contains(QStringLiteral("value"))) {
            return first.value(QStringLiteral("value"));
        }
        if (first.contains(QStringLiteral("externalValue"))) {
            warnings->append(
                QStringLiteral("%1: the example body is in another file (%2); one is made from the schema")
                    .arg(where, str(first, "externalValue")));
        }
    }
    return doc.example(media.value(QStringLiteral("schema")), true);
}

QString preferredMedia(const QJsonObject &content)
{
    const QStringList types = content.keys();
    for (const QString &type : types) {
        if (isJsonMedia(type) && type != QLatin1String("*/*")) {
            return type;
        }
    }
    for (const char *wanted : {"application/x-www-form-urlencoded", "multipart/form-data", "text/plain"}) {
        if (content.contains(QLatin1String(wanted))) {
            return QLatin1String(wanted);
        }
    }
    return types.isEmpty() ? QString() : types.first();
}

} // namespace

bool isOpenApi(const QByteArray &bytes)
{
    static const QRegularExpression yamlKey(QStringLiteral("(^|\\n)[\"']?(openapi|swagger)[\"']?\\s*:"));
    const QByteArray head = bytes.left(8192);
    if (head.trimmed().startsWith('{')) {
        return head.contains("\"openapi\"") || head.contains("\"swagger\"");
    }
    return yamlKey.match(QString::fromUtf8(head)).hasMatch();
}

// The import as read; the public function checks that a .http file can hold it.
static ImportResult readOpenApi(const QByteArray &bytes);

ImportResult importOpenApi(const QByteArray &bytes)
{
    ImportResult result = readOpenApi(bytes);
    keepWritable(&result);
    return result;
}

ImportResult readOpenApi(const QByteArray &bytes)
{
    ImportResult result;
    const bool json = bytes.trimmed().startsWith('{');
    QStringList pathOrder;
    QJsonObject root;
    if (json) {
        const std::optional<QJsonDocument> parsed = parseJson(bytes, &result.error);
        if (!parsed) {
            return result;
        }
        root = parsed->object();
        pathOrder = jsonKeyOrder(bytes, "paths");
    } else {
        const std::optional<QJsonValue> parsed =
            parseYaml(bytes, &result.error, QStringLiteral("paths"), &pathOrder);
        if (!parsed) {
            return result;
        }
        if (!parsed->isObject()) {
            result.error = QStringLiteral("not an OpenAPI description: the document is not a mapping");
            return result;
        }
        root = parsed->toObject();
    }
    const QJsonValue versionValue = root.value(QStringLiteral("openapi"));
    const QString version =
        versionValue.isString() || versionValue.isDouble() ? jsonValueText(versionValue) : QString();
    if (version.isEmpty()) {
        result.error =
            root.contains(QStringLiteral("swagger"))
                ? QStringLiteral("this is a Swagger %1 description; this version reads OpenAPI 3.0 and 3.1 "
                                 "(convert it to OpenAPI 3 first)")
                      .arg(jsonValueText(root.value(QStringLiteral("swagger"))))
                : QStringLiteral("not an OpenAPI description: no \"openapi\" version at the top");
        return result;
    }
    if (!version.startsWith(QLatin1String("3.0")) && !version.startsWith(QLatin1String("3.1"))) {
        result.error = QStringLiteral("OpenAPI %1 is not a version this one reads (3.0, 3.1)").arg(version);
        return result;
    }
    const QJsonValue pathsValue = root.value(QStringLiteral("paths"));
    if (!pathsValue.isObject() && !pathsValue.isUndefined() && !pathsValue.isNull()) {
        result.error = QStringLiteral("\"paths\" must be a mapping of paths to operations");
        return result;
    }
    const QJsonObject paths = pathsValue.toObject();
    const Document doc(root, &result.warnings);
    Builder builder{doc, result, {}, {}, {}, {}};

    const QJsonObject info = root.value(QStringLiteral("info")).toObject();
    const QString title =
        str(info, "title").trimmed().isEmpty() ? QStringLiteral("API") : str(info, "title").trimmed();

    // Servers: {{baseUrl}} in $shared, one environment per server when there are several.
    const QList<Server> servers = serversOf(root.value(QStringLiteral("servers")));
    const auto absolute = [&result](const Server &server) {
        if (QUrl(server.url).isRelative() || server.url.isEmpty()) {
            QString url = QStringLiteral("http://localhost") + server.url;
            result.warnings.append(
                QStringLiteral("the server URL \"%1\" is relative; baseUrl is %2 until you set it "
                               "in the environment")
                    .arg(server.url.isEmpty() ? QStringLiteral("/") : server.url, url));
            return url;
        }
        return server.url;
    };
    if (servers.isEmpty()) {
        result.warnings.append(
            QStringLiteral("the description names no server; baseUrl is http://localhost until you set "
                           "it in the environment"));
        result.environments.append({Environments::sharedName(),
                                    {{QStringLiteral("baseUrl"), QStringLiteral("http://localhost")}},
                                    {}});
    } else {
        result.environments.append(
            {Environments::sharedName(), {{QStringLiteral("baseUrl"), absolute(servers.first())}}, {}});
        if (servers.size() > 1) {
            QStringList names;
            for (int i = 0; i < servers.size(); ++i) {
                QString name = servers[i].description.trimmed();
                if (name.isEmpty()) {
                    name = QUrl(servers[i].url).host().isEmpty() ? QStringLiteral("server %1").arg(i + 1)
                                                                 : QUrl(servers[i].url).host();
                }
                name = safeFileName(name);
                for (int n = 2; names.contains(name); ++n) {
                    name = safeFileName(servers[i].description.trimmed()) + QStringLiteral(" %1").arg(n);
                }
                names.append(name);
                result.environments.append({name, {{QStringLiteral("baseUrl"), absolute(servers[i])}}, {}});
            }
        }
    }

    // Files: one per tag, in the order of the document's tag list, then as they appear.
    QStringList tagOrder;
    for (const QJsonValue &tag : root.value(QStringLiteral("tags")).toArray()) {
        tagOrder.append(str(tag.toObject(), "name"));
    }
    const QString untaggedFile = safeFileName(title) + QStringLiteral(".http");
    QStringList order = pathOrder;
    for (const QString &path : paths.keys()) {
        if (!order.contains(path)) {
            order.append(path);
        }
    }
    QList<ImportedRequest> requests;
    QJsonArray catalogOperations;
    const QJsonValue rootSecurity = root.value(QStringLiteral("security"));
    for (const QString &path : std::as_const(order)) {
        if (!paths.contains(path)) {
            continue;
        }
        const QJsonObject item = doc.resolve(paths.value(path));
        const QJsonArray sharedParameters = item.value(QStringLiteral("parameters")).toArray();
        for (const QString &method : methodOrder()) {
            if (!item.value(method).isObject()) {
                continue;
            }
            const QJsonObject operation = item.value(method).toObject();
            const QString upper = method.toUpper();
            const QString where = upper + QLatin1Char(' ') + path;
            RequestSpec spec;
            spec.method = upper;
            QStringList comments;
            const QString summary = str(operation, "summary").trimmed();
            const QString operationId = str(operation, "operationId");
            const QJsonArray tags = operation.value(QStringLiteral("tags")).toArray();
            const QString tag = tags.isEmpty() ? QString() : tags.first().toString();
            if (!tag.isEmpty() && !tagOrder.contains(tag)) {
                tagOrder.append(tag);
            }
            const QString file = tag.isEmpty() ? untaggedFile : safeFileName(tag) + QStringLiteral(".http");
            if (!summary.isEmpty() && !operationId.isEmpty()) {
                comments.append(QStringLiteral("operationId: ") + operationId);
            }
            for (const QString &line : str(operation, "description").trimmed().split(QLatin1Char('\n'))) {
                if (!line.trimmed().isEmpty() || (!comments.isEmpty() && !comments.last().isEmpty())) {
                    comments.append(line.trimmed());
                }
            }
            while (!comments.isEmpty() && comments.last().isEmpty()) {
                comments.removeLast();
            }
            if (operation.value(QStringLiteral("deprecated")).toBool()) {
                comments.append(QStringLiteral("Deprecated."));
            }

            // The URL: a server of this path or operation, else {{baseUrl}}.
            QList<Server> own = serversOf(operation.value(QStringLiteral("servers")));
            if (own.isEmpty()) {
                own = serversOf(item.value(QStringLiteral("servers")));
            }
            QString url = own.isEmpty() ? QStringLiteral("{{baseUrl}}") : absolute(own.first());
            // Path and operation parameters; the operation's win (by name and location).
            QList<QJsonObject> parameters;
            const auto addParameters = [&](const QJsonArray &list) {
                for (const QJsonValue &value : list) {
                    const QJsonObject parameter = doc.resolve(value);
                    if (parameter.isEmpty()) {
                        continue;
                    }
                    for (int i = 0; i < parameters.size(); ++i) {
                        if (str(parameters[i], "name") == str(parameter, "name") &&
                            str(parameters[i], "in") == str(parameter, "in")) {
                            parameters.removeAt(i);
                            break;
                        }
                    }
                    parameters.append(parameter);
                }
            };
            addParameters(sharedParameters);
            addParameters(operation.value(QStringLiteral("parameters")).toArray());
            QString target = path;
            QStringList query;
            QStringList optional;
            QStringList cookies;
            for (const QJsonObject &parameter : std::as_const(parameters)) {
                const QString name = str(parameter, "name");
                const QString in = str(parameter, "in");
                const QJsonObject schema = doc.resolve(parameter.value(QStringLiteral("schema")));
                std::optional<QJsonValue> given = Document::explicitValue(parameter);
                if (!given) {
                    const QJsonObject examples = parameter.value(QStringLiteral("examples")).toObject();
                    if (!examples.isEmpty()) {
                        given = doc.resolve(examples.begin().value()).value(QStringLiteral("value"));
                    }
                }
                if (!given) {
                    given = Document::explicitValue(schema);
                }
                const bool required =
                    parameter.value(QStringLiteral("required")).toBool() || in == QLatin1String("path");
                const QString variable = variableName(name);
                const QString reference = QStringLiteral("{{%1}}").arg(variable);
                if (in == QLatin1String("path")) {
                    target.replace(QLatin1Char('{') + name + QLatin1Char('}'), reference);
                    if (given) {
                        builder.defineFileVariable(file, variable, jsonValueText(*given));
                    }
                    continue;
                }
                if (!required && !given) {
                    QString type = str(schema, "type");
                    const QString description =
                        str(parameter, "description").section(QLatin1Char('\n'), 0, 0).trimmed();
                    optional.append(
                        QStringLiteral("%1 (%2%3)%4")
                            .arg(name, in, type.isEmpty() ? QString() : QStringLiteral(", ") + type,
                                 description.isEmpty() ? QString() : QStringLiteral(": ") + description));
                    continue;
                }
                if (in == QLatin1String("query")) {
                    const bool explode = parameter.contains(QStringLiteral("explode"))
                                             ? parameter.value(QStringLiteral("explode")).toBool()
                                             : str(parameter, "style").isEmpty() ||
                                                   str(parameter, "style") == QLatin1String("form");
                    const QString style = str(parameter, "style");
                    if (!given) {
                        query.append(encodeQuery(name) + QLatin1Char('=') + reference);
                    } else if (given->isArray()) {
                        QStringList items;
                        for (const QJsonValue &v : given->toArray()) {
                            items.append(encodeQuery(jsonValueText(v)));
                        }
                        if (explode) {
                            for (const QString &v : std::as_const(items)) {
                                query.append(encodeQuery(name) + QLatin1Char('=') + v);
                            }
                        } else {
                            const QString separator =
                                style == QLatin1String("spaceDelimited")  ? QStringLiteral("%20")
                                : style == QLatin1String("pipeDelimited") ? QStringLiteral("|")
                                                                          : QStringLiteral(",");
                            query.append(encodeQuery(name) + QLatin1Char('=') + items.join(separator));
                        }
                    } else if (given->isObject()) {
                        const QJsonObject object = given->toObject();
                        QStringList pairs;
                        for (auto it = object.begin(); it != object.end(); ++it) {
                            if (style == QLatin1String("deepObject")) {
                                query.append(
                                    encodeQuery(name + QLatin1Char('[') + it.key() + QLatin1Char(']')) +
                                    QLatin1Char('=') + encodeQuery(jsonValueText(it.value())));
                            } else if (explode) {
                                query.append(encodeQuery(it.key()) + QLatin1Char('=') +
                                             encodeQuery(jsonValueText(it.value())));
                            } else {
                                pairs.append(encodeQuery(it.key()) + QLatin1Char(',') +
                                             encodeQuery(jsonValueText(it.value())));
                            }
                        }
                        if (!pairs.isEmpty()) {
                            query.append(encodeQuery(name) + QLatin1Char('=') + pairs.join(QLatin1Char(',')));
                        }
                    } else {
                        query.append(encodeQuery(name) + QLatin1Char('=') +
                                     encodeQuery(jsonValueText(*given)));
                    }
                } else if (in == QLatin1String("header")) {
                    static const QStringList ignored{QStringLiteral("accept"), QStringLiteral("content-type"),
                                                     QStringLiteral("authorization")};
                    if (!ignored.contains(name.toLower())) {
                        spec.headers.append({name, given ? jsonValueText(*given) : reference, true});
                    }
                } else if (in == QLatin1String("cookie")) {
                    cookies.append(name + QLatin1Char('=') + (given ? jsonValueText(*given) : reference));
                }
            }
            url += target;
            if (!query.isEmpty()) {
                url += QLatin1Char('?') + query.join(QLatin1Char('&'));
            }
            spec.url = url;
            if (!cookies.isEmpty()) {
                spec.headers.append({QStringLiteral("Cookie"), cookies.join(QStringLiteral("; ")), true});
            }
            if (!optional.isEmpty()) {
                comments.append(QStringLiteral("Optional parameters: ") +
                                optional.join(QStringLiteral("; ")));
            }

            // The body.
            const QJsonObject requestBody = doc.resolve(operation.value(QStringLiteral("requestBody")));
            const QJsonObject content = requestBody.value(QStringLiteral("content")).toObject();
            if (!content.isEmpty()) {
                const QString mediaType = preferredMedia(content);
                const QJsonObject media = doc.resolve(content.value(mediaType));
                const QJsonValue example = mediaExample(doc, media, &result.warnings, where);
                const QString type = mediaType.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
                if (type == QLatin1String("application/x-www-form-urlencoded") ||
                    type == QLatin1String("multipart/form-data")) {
                    const bool multipart = type == QLatin1String("multipart/form-data");
                    spec.body.kind = multipart ? BodyKind::Multipart : BodyKind::UrlEncoded;
                    const QJsonObject fields = example.toObject();
                    const QJsonObject properties = doc.resolve(media.value(QStringLiteral("schema")))
                                                       .value(QStringLiteral("properties"))
                                                       .toObject();
                    for (auto it = fields.begin(); it != fields.end(); ++it) {
                        const QJsonObject property = doc.resolve(properties.value(it.key()));
                        const QString format = str(property, "format");
                        const bool file = format == QLatin1String("binary") ||
                                          format == QLatin1String("base64") ||
                                          !str(property, "contentMediaType").isEmpty();
                        const QString value =
                            it.value().isString() ? it.value().toString() : jsonText(it.value());
                        if (multipart) {
                            spec.body.parts.append({it.key(), file ? QString() : value, {}, {}, true, {}});
                            if (file) {
                                comments.append(
                                    QStringLiteral("The part \"%1\" is a file: choose it in the editor.")
                                        .arg(it.key()));
                            }
                        } else {
                            spec.body.form.append({it.key(), value, true});
                        }
                    }
                } else if (type == QLatin1String("application/octet-stream") ||
                           str(doc.resolve(media.value(QStringLiteral("schema"))), "format") ==
                               QLatin1String("binary")) {
                    spec.body.kind = BodyKind::Raw;
                    spec.body.contentType = mediaType;
                    comments.append(
                        QStringLiteral("The body is a file (%1): choose it in the editor or use < ./file.")
                            .arg(mediaType));
                } else {
                    spec.body.kind = BodyKind::Raw;
                    spec.body.contentType =
                        mediaType == QLatin1String("*/*") ? QStringLiteral("application/json") : mediaType;
                    if (isJsonMedia(mediaType)) {
                        spec.body.raw =
                            example.isUndefined() ? QByteArray() : jsonText(example, true).trimmed().toUtf8();
                    } else if (example.isString()) {
                        spec.body.raw = example.toString().toUtf8();
                    } else if (!example.isUndefined() && !example.isNull()) {
                        spec.body.raw = jsonText(example, true).trimmed().toUtf8();
                    }
                }
                QStringList others = content.keys();
                others.removeAll(mediaType);
                if (!others.isEmpty()) {
                    comments.append(QStringLiteral("The body may also be: ") +
                                    others.join(QStringLiteral(", ")));
                }
            }

            // Responses: Accept from the success response; all of them into the catalog.
            const QJsonObject responses = operation.value(QStringLiteral("responses")).toObject();
            QJsonArray documented;
            QString accept;
            QStringList codes = responses.keys();
            std::stable_sort(codes.begin(), codes.end(), [](const QString &a, const QString &b) {
                return (a == QLatin1String("default")) < (b == QLatin1String("default"));
            });
            for (const QString &code : std::as_const(codes)) {
                QString schemaName;
                const QJsonObject response = doc.resolve(responses.value(code));
                const QJsonObject responseContent = response.value(QStringLiteral("content")).toObject();
                QJsonArray types;
                for (const QString &t : responseContent.keys()) {
                    types.append(t);
                    doc.resolve(responseContent.value(t).toObject().value(QStringLiteral("schema")),
                                &schemaName);
                }
                if (accept.isEmpty() && code.startsWith(QLatin1Char('2')) && !responseContent.isEmpty()) {
                    accept = preferredMedia(responseContent);
                }
                QJsonArray headers;
                for (const QString &h : response.value(QStringLiteral("headers")).toObject().keys()) {
                    headers.append(h);
                }
                QJsonObject entry{{QStringLiteral("status"), code.toUpper() == QLatin1String("DEFAULT")
                                                                 ? QStringLiteral("default")
                                                                 : code.toUpper()},
                                  {QStringLiteral("description"), str(response, "description").trimmed()}};
                if (!types.isEmpty()) {
                    entry.insert(QStringLiteral("content_types"), types);
                }
                if (!headers.isEmpty()) {
                    entry.insert(QStringLiteral("headers"), headers);
                }
                if (!schemaName.isEmpty()) {
                    entry.insert(QStringLiteral("schema"), schemaName);
                }
                documented.append(entry);
            }
            if (!accept.isEmpty() && accept != QLatin1String("*/*")) {
                spec.headers.prepend({QStringLiteral("Accept"), accept, true});
            }
            QJsonObject catalogOperation{{QStringLiteral("method"), upper},
                                         {QStringLiteral("path"), path},
                                         {QStringLiteral("responses"), documented}};
            if (!operationId.isEmpty()) {
                catalogOperation.insert(QStringLiteral("id"), operationId);
            }
            if (!summary.isEmpty()) {
                catalogOperation.insert(QStringLiteral("summary"), summary);
            }
            catalogOperations.append(catalogOperation);

            // Auth: the operation's requirements, else the document's.
            const QJsonValue security = operation.contains(QStringLiteral("security"))
                                            ? operation.value(QStringLiteral("security"))
                                            : rootSecurity;
            builder.applySecurity(security.toArray(), &spec, &comments, where);

            const QString name = !summary.isEmpty()       ? summary.section(QLatin1Char('\n'), 0, 0)
                                 : !operationId.isEmpty() ? operationId
                                                          : upper + QLatin1Char(' ') + path;
            spec.name = name;
            requests.append({file, name, spec, comments, {}, {}, {}});
        }
    }
    // Requests grouped by file in tag order; each file's variables before its first request.
    QStringList fileOrder;
    for (const QString &tag : std::as_const(tagOrder)) {
        fileOrder.append(safeFileName(tag) + QStringLiteral(".http"));
    }
    fileOrder.append(untaggedFile);
    for (const QString &file : std::as_const(fileOrder)) {
        bool first = true;
        for (const ImportedRequest &request : std::as_const(requests)) {
            if (request.file != file) {
                continue;
            }
            ImportedRequest copy = request;
            if (first) {
                copy.fileVariables = builder.fileVariables.value(file);
                first = false;
            }
            result.requests.append(copy);
        }
    }
    if (result.requests.isEmpty()) {
        result.warnings.append(QStringLiteral("the description has no operations under \"paths\""));
    }
    const QJsonObject webhooks = root.value(QStringLiteral("webhooks")).toObject();
    if (!webhooks.isEmpty()) {
        result.warnings.append(
            QStringLiteral("the description's webhooks (%1; requests the API sends, not ones you send) "
                           "are left out")
                .arg(QStringList(webhooks.keys()).join(QStringLiteral(", "))));
    }
    if (!builder.secretVariables.isEmpty()) {
        result.warnings.append(
            QStringLiteral("set %1 in an environment's private values (Edit › Environments) before sending")
                .arg(builder.secretVariables.join(QStringLiteral(", "))));
    }
    for (const ImportedRequest &request : std::as_const(result.requests)) {
        for (const QString &lost : forHttpFile(request.spec).lost) {
            result.warnings.append(
                QStringLiteral("%1: %2 is not kept in a .http file").arg(request.name, lost));
        }
    }
    if (!catalogOperations.isEmpty()) {
        result.catalog = QJsonObject{{QStringLiteral("version"), 1},
                                     {QStringLiteral("kind"), QStringLiteral("api")},
                                     {QStringLiteral("name"), title},
                                     {QStringLiteral("operations"), catalogOperations}};
        const QString docs = str(root.value(QStringLiteral("externalDocs")).toObject(), "url");
        if (!docs.isEmpty()) {
            result.catalog.insert(QStringLiteral("docs"), docs);
        }
    }
    return result;
}

} // namespace ApiLens::Core
