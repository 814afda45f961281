#include "postman.h"

#include "importer.h"

#include "collections/collection.h"
#include "collections/httpdocument.h"
#include "collections/variables.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

namespace ApiLens::Core {

namespace {

QString text(const QJsonValue &value)
{
    // Descriptions are strings in v2.1 and {content, type} objects in v2.0.
    if (value.isObject()) {
        return value.toObject().value(QStringLiteral("content")).toString();
    }
    return value.toString();
}

QString scriptText(const QJsonValue &exec)
{
    if (exec.isArray()) {
        QStringList lines;
        for (const QJsonValue &line : exec.toArray()) {
            lines.append(line.toString());
        }
        return lines.join(QLatin1Char('\n'));
    }
    return exec.toString();
}

// v2.1 keeps auth parameters as [{key, value}], v2.0 as an object.
QString authValue(const QJsonObject &auth, const QString &type, const QString &key)
{
    const QJsonValue params = auth.value(type);
    if (params.isArray()) {
        for (const QJsonValue &param : params.toArray()) {
            if (param.toObject().value(QStringLiteral("key")).toString() == key) {
                return jsonValueText(param.toObject().value(QStringLiteral("value")));
            }
        }
        return {};
    }
    return params.toObject().value(key).toString();
}

// Collection and folder variables, left out when disabled.
void addVariables(const QJsonArray &array, QList<KeyValue> *variables)
{
    for (const QJsonValue &value : array) {
        const QJsonObject variable = value.toObject();
        if (variable.value(QStringLiteral("disabled")).toBool()) {
            continue;
        }
        const QString key =
            variable.value(QStringLiteral("key")).toString(variable.value(QStringLiteral("id")).toString());
        variables->append(KeyValue{key, jsonValueText(variable.value(QStringLiteral("value"))), true});
    }
}

struct Context
{
    QString folder;            // relative path of the folder ("" at the top)
    QJsonObject auth;          // the nearest auth that is not "inherit"
    QList<KeyValue> variables; // collection, then folder variables
};

class Importer
{
public:
    ImportResult result;

    void item(const QJsonObject &item, const Context &context, const QString &where, const QString &rootFile)
    {
        if (item.value(QStringLiteral("disabled")).toBool()) {
            return;
        }
        const QString name = item.value(QStringLiteral("name")).toString();
        if (item.contains(QStringLiteral("item"))) {
            Context inner = context;
            inner.folder = (context.folder.isEmpty() ? QString() : context.folder + QLatin1Char('/')) +
                           safeFileName(name);
            if (item.contains(QStringLiteral("auth")) && !item.value(QStringLiteral("auth")).isNull()) {
                const QJsonObject auth = item.value(QStringLiteral("auth")).toObject();
                if (auth.value(QStringLiteral("type")).toString() != QLatin1String("inherit")) {
                    inner.auth = auth;
                }
            }
            addVariables(item.value(QStringLiteral("variable")).toArray(), &inner.variables);
            scriptsNotRun(item, where);
            const QJsonArray children = item.value(QStringLiteral("item")).toArray();
            for (qsizetype i = 0; i < children.size(); ++i) {
                this->item(children.at(i).toObject(), inner, QStringLiteral("%1.item[%2]").arg(where).arg(i),
                           QString());
            }
            return;
        }
        if (!item.contains(QStringLiteral("request"))) {
            result.warnings.append(
                QStringLiteral("%1 (\"%2\"): neither a request nor a folder; skipped").arg(where, name));
            return;
        }
        ImportedRequest imported;
        imported.name = name.isEmpty() ? QStringLiteral("request") : name;
        imported.file = context.folder.isEmpty() ? rootFile : context.folder + QStringLiteral(".http");
        imported.spec =
            request(item.value(QStringLiteral("request")), context, where + QStringLiteral(".request"));
        QStringList comments;
        const QString description =
            text(item.value(QStringLiteral("request")).toObject().value(QStringLiteral("description")));
        if (!description.isEmpty()) {
            comments.append(description);
        }
        for (const QJsonValue &event : item.value(QStringLiteral("event")).toArray()) {
            const QJsonObject object = event.toObject();
            const QString script =
                scriptText(object.value(QStringLiteral("script")).toObject().value(QStringLiteral("exec")));
            if (script.trimmed().isEmpty()) {
                continue;
            }
            if (object.value(QStringLiteral("listen")).toString() == QLatin1String("test")) {
                imported.responseScript =
                    QStringLiteral("// Postman test script, kept as text: ApiLens does not run it.\n") +
                    script;
            } else {
                comments.append(QStringLiteral("Postman pre-request script, kept as text (not run):\n") +
                                script);
            }
            result.warnings.append(
                QStringLiteral("%1 (\"%2\"): the %3 script is kept as text, not run")
                    .arg(where, imported.name, object.value(QStringLiteral("listen")).toString()));
        }
        imported.comments = comments;
        // Variables go in as file variables; a file gets them once, from its first request.
        if (!m_fileVariables.contains(imported.file)) {
            m_fileVariables.insert(imported.file, context.variables);
        }
        examples(item.value(QStringLiteral("response")).toArray(), imported);
        result.requests.append(imported);
    }

    QHash<QString, QList<KeyValue>> m_fileVariables;

private:
    void scriptsNotRun(const QJsonObject &item, const QString &where)
    {
        for (const QJsonValue &event : item.value(QStringLiteral("event")).toArray()) {
            if (!scriptText(event.toObject()
                                .value(QStringLiteral("script"))
                                .toObject()
                                .value(QStringLiteral("exec")))
                     .trimmed()
                     .isEmpty()) {
                result.warnings.append(
                    QStringLiteral("%1: a folder's %2 script is not carried over")
                        .arg(where, event.toObject().value(QStringLiteral("listen")).toString()));
            }
        }
    }

    RequestSpec request(const QJsonValue &value, const Context &context, const QString &where)
    {
        RequestSpec spec;
        if (value.isString()) { // v2.x allows a bare URL
            spec.url = value.toString();
            applyAuth(context.auth, &spec, where);
            return spec;
        }
        const QJsonObject request = value.toObject();
        spec.method = request.value(QStringLiteral("method")).toString(QStringLiteral("GET")).toUpper();
        spec.url = url(request.value(QStringLiteral("url")));
        const QJsonValue headers = request.value(QStringLiteral("header"));
        if (headers.isString()) {
            for (const QString &line : headers.toString().split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
                const qsizetype colon = line.indexOf(QLatin1Char(':'));
                if (colon > 0) {
                    spec.headers.append(
                        KeyValue{line.left(colon).trimmed(), line.mid(colon + 1).trimmed(), true});
                }
            }
        } else {
            for (const QJsonValue &header : headers.toArray()) {
                const QJsonObject object = header.toObject();
                spec.headers.append(KeyValue{object.value(QStringLiteral("key")).toString(),
                                             object.value(QStringLiteral("value")).toString(),
                                             !object.value(QStringLiteral("disabled")).toBool()});
            }
        }
        body(request.value(QStringLiteral("body")).toObject(), &spec, where);
        QJsonObject auth = context.auth;
        if (request.contains(QStringLiteral("auth")) && !request.value(QStringLiteral("auth")).isNull()) {
            const QJsonObject own = request.value(QStringLiteral("auth")).toObject();
            if (own.value(QStringLiteral("type")).toString() != QLatin1String("inherit")) {
                auth = own;
            }
        }
        applyAuth(auth, &spec, where);
        return spec;
    }

    static QString url(const QJsonValue &value)
    {
        if (value.isString()) {
            return value.toString();
        }
        const QJsonObject url = value.toObject();
        QString raw = url.value(QStringLiteral("raw")).toString();
        // Disabled query parameters are left out; path variables (:id) take their values.
        const QJsonArray query = url.value(QStringLiteral("query")).toArray();
        bool anyDisabled = false;
        for (const QJsonValue &param : query) {
            anyDisabled |= param.toObject().value(QStringLiteral("disabled")).toBool();
        }
        if (anyDisabled || raw.isEmpty()) {
            QString base = raw.section(QLatin1Char('?'), 0, 0);
            if (base.isEmpty()) {
                const QJsonValue host = url.value(QStringLiteral("host"));
                const QJsonValue path = url.value(QStringLiteral("path"));
                const auto join = [](const QJsonValue &v, QLatin1Char sep) {
                    if (v.isString()) {
                        return v.toString();
                    }
                    QStringList parts;
                    for (const QJsonValue &part : v.toArray()) {
                        parts.append(part.isObject()
                                         ? part.toObject().value(QStringLiteral("value")).toString()
                                         : part.toString());
                    }
                    return parts.join(sep);
                };
                const QString protocol = url.value(QStringLiteral("protocol")).toString();
                base = (protocol.isEmpty() ? QString() : protocol + QStringLiteral("://")) +
                       join(host, QLatin1Char('.'));
                const QString port = url.value(QStringLiteral("port")).toString();
                if (!port.isEmpty()) {
                    base += QLatin1Char(':') + port;
                }
                const QString pathText = join(path, QLatin1Char('/'));
                if (!pathText.isEmpty()) {
                    base +=
                        (pathText.startsWith(QLatin1Char('/')) ? QString() : QStringLiteral("/")) + pathText;
                }
            }
            QStringList pairs;
            for (const QJsonValue &param : query) {
                const QJsonObject object = param.toObject();
                if (!object.value(QStringLiteral("disabled")).toBool()) {
                    const QString key = object.value(QStringLiteral("key")).toString();
                    const QJsonValue v = object.value(QStringLiteral("value"));
                    pairs.append(v.isNull() ? key : key + QLatin1Char('=') + v.toString());
                }
            }
            raw = base + (pairs.isEmpty() ? QString() : QLatin1Char('?') + pairs.join(QLatin1Char('&')));
        }
        for (const QJsonValue &variable : url.value(QStringLiteral("variable")).toArray()) {
            const QJsonObject object = variable.toObject();
            const QString key = object.value(QStringLiteral("key")).toString();
            const QString v = object.value(QStringLiteral("value")).toString();
            if (!key.isEmpty()) {
                raw.replace(QRegularExpression(
                                QStringLiteral("/:%1(?=/|\\?|#|$)").arg(QRegularExpression::escape(key))),
                            QLatin1Char('/') + (v.isEmpty() ? QStringLiteral("{{%1}}").arg(key) : v));
            }
        }
        return raw;
    }

    void body(const QJsonObject &body, RequestSpec *spec, const QString &where)
    {
        if (body.isEmpty() || body.value(QStringLiteral("disabled")).toBool()) {
            return;
        }
        const QString mode = body.value(QStringLiteral("mode")).toString();
        if (mode == QLatin1String("raw")) {
            spec->body.kind = BodyKind::Raw;
            spec->body.raw = body.value(QStringLiteral("raw")).toString().toUtf8();
            const QString language = body.value(QStringLiteral("options"))
                                         .toObject()
                                         .value(QStringLiteral("raw"))
                                         .toObject()
                                         .value(QStringLiteral("language"))
                                         .toString();
            static const QHash<QString, QString> types = {
                {QStringLiteral("json"), QStringLiteral("application/json")},
                {QStringLiteral("xml"), QStringLiteral("application/xml")},
                {QStringLiteral("html"), QStringLiteral("text/html")},
                {QStringLiteral("javascript"), QStringLiteral("application/javascript")},
                {QStringLiteral("text"), QStringLiteral("text/plain")}};
            spec->body.contentType = types.value(language);
        } else if (mode == QLatin1String("urlencoded")) {
            spec->body.kind = BodyKind::UrlEncoded;
            for (const QJsonValue &field : body.value(QStringLiteral("urlencoded")).toArray()) {
                const QJsonObject object = field.toObject();
                spec->body.form.append(KeyValue{object.value(QStringLiteral("key")).toString(),
                                                object.value(QStringLiteral("value")).toString(),
                                                !object.value(QStringLiteral("disabled")).toBool()});
            }
        } else if (mode == QLatin1String("formdata")) {
            spec->body.kind = BodyKind::Multipart;
            for (const QJsonValue &field : body.value(QStringLiteral("formdata")).toArray()) {
                const QJsonObject object = field.toObject();
                MultipartPart part;
                part.name = object.value(QStringLiteral("key")).toString();
                part.enabled = !object.value(QStringLiteral("disabled")).toBool();
                part.contentType = object.value(QStringLiteral("contentType")).toString();
                if (object.value(QStringLiteral("type")).toString() == QLatin1String("file")) {
                    const QJsonValue src = object.value(QStringLiteral("src"));
                    part.filePath = src.isArray() ? src.toArray().at(0).toString() : src.toString();
                } else {
                    part.value = object.value(QStringLiteral("value")).toString();
                }
                spec->body.parts.append(part);
            }
        } else if (mode == QLatin1String("file")) {
            spec->body.kind = BodyKind::BinaryFile;
            spec->body.filePath =
                body.value(QStringLiteral("file")).toObject().value(QStringLiteral("src")).toString();
        } else if (mode == QLatin1String("graphql")) {
            const QJsonObject graphql = body.value(QStringLiteral("graphql")).toObject();
            QJsonObject payload{{QStringLiteral("query"), graphql.value(QStringLiteral("query")).toString()}};
            const QString variables = graphql.value(QStringLiteral("variables")).toString();
            if (!variables.trimmed().isEmpty()) {
                payload.insert(QStringLiteral("variables"),
                               QJsonDocument::fromJson(variables.toUtf8()).object());
            }
            spec->body.kind = BodyKind::Raw;
            spec->body.raw = QJsonDocument(payload).toJson(QJsonDocument::Indented).trimmed();
            spec->body.contentType = QStringLiteral("application/json");
        } else if (!mode.isEmpty()) {
            result.warnings.append(QStringLiteral("%1: a \"%2\" body is not carried over").arg(where, mode));
        }
    }

    void applyAuth(const QJsonObject &auth, RequestSpec *spec, const QString &where)
    {
        const QString type = auth.value(QStringLiteral("type")).toString();
        if (type.isEmpty() || type == QLatin1String("noauth")) {
            return;
        }
        if (type == QLatin1String("bearer")) {
            spec->auth.kind = AuthKind::Bearer;
            spec->auth.token = authValue(auth, type, QStringLiteral("token"));
        } else if (type == QLatin1String("basic") || type == QLatin1String("digest")) {
            spec->auth.kind = type == QLatin1String("basic") ? AuthKind::Basic : AuthKind::Digest;
            spec->auth.username = authValue(auth, type, QStringLiteral("username"));
            spec->auth.password = authValue(auth, type, QStringLiteral("password"));
        } else if (type == QLatin1String("apikey")) {
            spec->auth.kind = AuthKind::ApiKey;
            spec->auth.keyName = authValue(auth, type, QStringLiteral("key"));
            spec->auth.keyValue = authValue(auth, type, QStringLiteral("value"));
            spec->auth.keyLocation = authValue(auth, type, QStringLiteral("in")) == QLatin1String("query")
                                         ? ApiKeyLocation::Query
                                         : ApiKeyLocation::Header;
        } else if (type == QLatin1String("oauth2") &&
                   !authValue(auth, type, QStringLiteral("accessToken")).isEmpty()) {
            spec->auth.kind = AuthKind::Bearer;
            spec->auth.token = authValue(auth, type, QStringLiteral("accessToken"));
            result.warnings.append(
                QStringLiteral("%1: OAuth 2.0 is carried over as its current access token only").arg(where));
        } else {
            result.warnings.append(
                QStringLiteral("%1: \"%2\" authentication is not carried over").arg(where, type));
        }
    }

    void examples(const QJsonArray &responses, const ImportedRequest &request)
    {
        for (const QJsonValue &value : responses) {
            const QJsonObject response = value.toObject();
            const int code = response.value(QStringLiteral("code")).toInt();
            if (code <= 0) {
                continue;
            }
            QByteArray raw = "HTTP/1.1 " + QByteArray::number(code) + ' ' +
                             response.value(QStringLiteral("status")).toString().toUtf8() + '\n';
            for (const QJsonValue &header : response.value(QStringLiteral("header")).toArray()) {
                raw += header.toObject().value(QStringLiteral("key")).toString().toUtf8() + ": " +
                       header.toObject().value(QStringLiteral("value")).toString().toUtf8() + '\n';
            }
            raw += '\n' + response.value(QStringLiteral("body")).toString().toUtf8();
            const QString name = safeFileName(request.name + QStringLiteral(" - ") +
                                              response.value(QStringLiteral("name")).toString());
            result.files.append({QStringLiteral("examples/%1.response").arg(name), raw});
        }
    }
};

ImportResult importEnvironment(const QJsonObject &root)
{
    ImportResult result;
    ImportResult::Environment environment;
    environment.name = safeFileName(root.value(QStringLiteral("name")).toString(QStringLiteral("imported")));
    for (const QJsonValue &value : root.value(QStringLiteral("values")).toArray()) {
        const QJsonObject object = value.toObject();
        if (object.contains(QStringLiteral("enabled")) && !object.value(QStringLiteral("enabled")).toBool()) {
            continue;
        }
        const QString key = object.value(QStringLiteral("key")).toString();
        const QString v = object.value(QStringLiteral("value")).toString();
        (object.value(QStringLiteral("type")).toString() == QLatin1String("secret") ? environment.secrets
                                                                                    : environment.values)
            .insert(key, v);
    }
    result.environments.append(environment);
    return result;
}

} // namespace

bool isPostmanCollection(const QByteArray &json)
{
    const QByteArray head = json.left(4096);
    return head.contains("schema.getpostman.com") || head.contains("\"_postman_variable_scope\"") ||
           (head.contains("\"info\"") && head.contains("\"item\""));
}

ImportResult importPostman(const QByteArray &json)
{
    QString error;
    const std::optional<QJsonDocument> document = parseJson(json, &error);
    if (!document) {
        ImportResult failed;
        failed.error = error;
        return failed;
    }
    const QJsonObject root = document->object();
    if (root.contains(QStringLiteral("values")) && !root.contains(QStringLiteral("item"))) {
        return importEnvironment(root);
    }
    const QJsonObject info = root.value(QStringLiteral("info")).toObject();
    const QString schema = info.value(QStringLiteral("schema")).toString();
    if (info.isEmpty() || !root.value(QStringLiteral("item")).isArray()) {
        ImportResult failed;
        failed.error = QStringLiteral("not a Postman collection: no \"info\" and \"item\" at the top");
        return failed;
    }
    if (!schema.isEmpty() && !schema.contains(QLatin1String("/v2.0.")) &&
        !schema.contains(QLatin1String("/v2.1."))) {
        ImportResult failed;
        failed.error =
            QStringLiteral("Postman collection schema %1 is not one this version reads (v2.0, v2.1); "
                           "export it again as v2.1")
                .arg(schema);
        return failed;
    }
    Importer importer;
    Context context;
    if (root.contains(QStringLiteral("auth"))) {
        context.auth = root.value(QStringLiteral("auth")).toObject();
    }
    addVariables(root.value(QStringLiteral("variable")).toArray(), &context.variables);
    for (const QJsonValue &event : root.value(QStringLiteral("event")).toArray()) {
        if (!scriptText(
                 event.toObject().value(QStringLiteral("script")).toObject().value(QStringLiteral("exec")))
                 .trimmed()
                 .isEmpty()) {
            importer.result.warnings.append(
                QStringLiteral("the collection's %1 script is not carried over")
                    .arg(event.toObject().value(QStringLiteral("listen")).toString()));
        }
    }
    const QString rootFile =
        safeFileName(info.value(QStringLiteral("name")).toString(QStringLiteral("collection"))) +
        QStringLiteral(".http");
    const QJsonArray items = root.value(QStringLiteral("item")).toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        importer.item(items.at(i).toObject(), context, QStringLiteral("item[%1]").arg(i), rootFile);
    }
    // File variables go at the top of each file: the first request of a file carries them.
    QSet<QString> seen;
    for (ImportedRequest &request : importer.result.requests) {
        if (seen.contains(request.file)) {
            continue;
        }
        seen.insert(request.file);
        QStringList lines;
        for (const KeyValue &variable : importer.m_fileVariables.value(request.file)) {
            lines.append(QStringLiteral("@%1 = %2").arg(variable.name, variable.value));
        }
        request.fileVariables = lines;
    }
    return importer.result;
}

namespace {

QJsonArray keyValues(const QList<KeyValue> &pairs)
{
    QJsonArray array;
    for (const KeyValue &pair : pairs) {
        QJsonObject object{{QStringLiteral("key"), pair.name}, {QStringLiteral("value"), pair.value}};
        if (!pair.enabled) {
            object.insert(QStringLiteral("disabled"), true);
        }
        array.append(object);
    }
    return array;
}

// Dynamic variables under Postman's names.
QString postmanVariables(QString text)
{
    text.replace(QStringLiteral("{{$uuid}}"), QStringLiteral("{{$guid}}"));
    return text;
}

// newman does not resolve folder variables, so a .http file's own variables are written into
// its requests; environment variables stay {{name}} for the collection's variables.
QString withFileVariables(QString text, const QHash<QString, QString> &fileVariables)
{
    for (int pass = 0; pass < 5 && text.contains(QLatin1String("{{")); ++pass) {
        const QString before = text;
        for (auto it = fileVariables.cbegin(); it != fileVariables.cend(); ++it) {
            text.replace(QStringLiteral("{{%1}}").arg(it.key()), it.value());
        }
        if (text == before) {
            break;
        }
    }
    return text;
}

QJsonObject postmanRequest(const HttpRequestBlock &block, const QHash<QString, QString> &fileVariables,
                           const QString &where, QStringList *lost)
{
    RequestSpec spec = block.toSpec();
    spec.url = withFileVariables(spec.url, fileVariables);
    for (KeyValue &header : spec.headers) {
        header.value = withFileVariables(header.value, fileVariables);
    }
    spec.body.raw = withFileVariables(QString::fromUtf8(spec.body.raw), fileVariables).toUtf8();
    spec.auth.username = withFileVariables(spec.auth.username, fileVariables);
    spec.auth.password = withFileVariables(spec.auth.password, fileVariables);
    QJsonObject request{{QStringLiteral("method"), spec.method},
                        {QStringLiteral("url"), postmanVariables(spec.url)}};
    QList<KeyValue> headers;
    for (const KeyValue &header : spec.headers) {
        headers.append(KeyValue{header.name, postmanVariables(header.value), header.enabled});
    }
    request.insert(QStringLiteral("header"), keyValues(headers));
    if (spec.body.kind == BodyKind::Raw) {
        QJsonObject body{{QStringLiteral("mode"), QStringLiteral("raw")},
                         {QStringLiteral("raw"), postmanVariables(QString::fromUtf8(spec.body.raw))}};
        if (spec.body.contentType.contains(QLatin1String("json"))) {
            body.insert(QStringLiteral("options"),
                        QJsonObject{{QStringLiteral("raw"),
                                     QJsonObject{{QStringLiteral("language"), QStringLiteral("json")}}}});
        }
        request.insert(QStringLiteral("body"), body);
    } else if (spec.body.kind == BodyKind::BinaryFile) {
        request.insert(
            QStringLiteral("body"),
            QJsonObject{{QStringLiteral("mode"), QStringLiteral("file")},
                        {QStringLiteral("file"), QJsonObject{{QStringLiteral("src"), spec.body.filePath}}}});
        lost->append(
            QStringLiteral("%1: the body file %2 is named, not included").arg(where, spec.body.filePath));
    }
    if (spec.auth.kind == AuthKind::Basic) {
        request.insert(
            QStringLiteral("auth"),
            QJsonObject{{QStringLiteral("type"), QStringLiteral("basic")},
                        {QStringLiteral("basic"),
                         QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("username")},
                                                {QStringLiteral("value"), spec.auth.username}},
                                    QJsonObject{{QStringLiteral("key"), QStringLiteral("password")},
                                                {QStringLiteral("value"), spec.auth.password}}}}});
    }
    if (!block.assertions.isEmpty()) {
        lost->append(QStringLiteral("%1: %2 assertion(s) (?? lines) are not carried over")
                         .arg(where)
                         .arg(block.assertions.size()));
    }
    if (!block.responseHandlers.isEmpty()) {
        lost->append(QStringLiteral("%1: response scripts are not carried over").arg(where));
    }
    QJsonObject item{{QStringLiteral("name"), block.name.isEmpty() ? defaultRequestName(spec) : block.name},
                     {QStringLiteral("request"), request}};
    if (block.noRedirect) {
        item.insert(QStringLiteral("protocolProfileBehavior"),
                    QJsonObject{{QStringLiteral("followRedirects"), false}});
    }
    return item;
}

} // namespace

QByteArray exportPostman(const QString &path, const QHash<QString, QString> &variables, QStringList *lost)
{
    const QFileInfo info(path);
    QList<QPair<QString, QString>> files; // relative name, absolute path
    if (info.isDir()) {
        const Collection collection = Collection::scan(path);
        for (const CollectionFile &file : collection.files()) {
            files.append({file.path, QDir(path).filePath(file.path)});
        }
    } else {
        files.append({info.fileName(), info.absoluteFilePath()});
    }
    QJsonArray folders;
    for (const auto &[relative, absolute] : std::as_const(files)) {
        QFile file(absolute);
        if (!file.open(QIODevice::ReadOnly)) {
            lost->append(QStringLiteral("%1: %2").arg(relative, file.errorString()));
            continue;
        }
        const HttpDocument document = HttpDocument::parse(file.readAll());
        QJsonArray items;
        const QHash<QString, QString> fileVariables = document.fileVariables();
        const QList<HttpRequestBlock> requests = document.requests();
        for (const HttpRequestBlock &block : requests) {
            items.append(postmanRequest(block, fileVariables,
                                        QStringLiteral("%1:%2").arg(relative).arg(block.requestLine), lost));
        }
        QString folderName = relative;
        folderName.chop(QFileInfo(relative).suffix().size() + 1);
        folders.append(QJsonObject{{QStringLiteral("name"), folderName}, {QStringLiteral("item"), items}});
    }
    QList<KeyValue> collectionVariables;
    for (auto it = variables.cbegin(); it != variables.cend(); ++it) {
        collectionVariables.append(KeyValue{it.key(), it.value(), true});
    }
    std::sort(collectionVariables.begin(), collectionVariables.end(),
              [](const KeyValue &a, const KeyValue &b) { return a.name < b.name; });
    const QJsonObject root{
        {QStringLiteral("info"),
         QJsonObject{
             {QStringLiteral("name"), info.isDir() ? info.fileName() : info.completeBaseName()},
             {QStringLiteral("schema"),
              QStringLiteral("https://schema.getpostman.com/json/collection/v2.1.0/collection.json")}}},
        {QStringLiteral("item"), folders},
        {QStringLiteral("variable"), keyValues(collectionVariables)}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

} // namespace ApiLens::Core
