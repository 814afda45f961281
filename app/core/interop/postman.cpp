#include "postman.h"

#include "importer.h"

#include "collections/bodyfiles.h"
#include "collections/collection.h"
#include "collections/httpdocument.h"
#include "collections/variables.h"
#include "collections/variablesyntax.h"
#include "util/fileutil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeDatabase>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

namespace ApiLens::Core {

namespace {

// The first line of an imported Postman script in its "> {%" / "< {%" handler, which tells the
// script engine to read it as Postman's (and an export to give it back). Scripts of the
// collection and its folders, which newman runs around every request in them, name their source.
const QString TestScriptMarker = QStringLiteral("// Postman test script");
const QString PreRequestMarker = QStringLiteral("// Postman pre-request script");
// What imports before the engine existed wrote; still read by the export.
const QString OldTestScriptMarker =
    QStringLiteral("// Postman test script, kept as text: ApiLens does not run it.");
const QString OldPreRequestMarker = QStringLiteral("Postman pre-request script, kept as text (not run):");

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

// JavaScript's encodeURIComponent, which newman uses for URL-encoded bodies.
QByteArray uriComponent(const QString &text)
{
    return QUrl::toPercentEncoding(text, QByteArrayLiteral("!'()*"));
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
    QString folder;                  // relative path of the folder ("" at the top)
    QJsonObject auth;                // the nearest auth that is not "inherit"
    QList<KeyValue> folderVariables; // Postman and newman do not use them (kept as a comment)
    QJsonObject behavior;            // protocolProfileBehavior, the nearest one wins
    QStringList preRequestScripts;   // the collection's and folders' own, outermost first
    QStringList testScripts;
};

// The item's scripts (an item, a folder or the collection) added after those it inherits.
void addScripts(const QJsonObject &item, const QString &source, Context *context)
{
    for (const QJsonValue &event : item.value(QStringLiteral("event")).toArray()) {
        const QJsonObject object = event.toObject();
        if (object.value(QStringLiteral("disabled")).toBool()) {
            continue;
        }
        const QString script =
            scriptText(object.value(QStringLiteral("script")).toObject().value(QStringLiteral("exec")));
        if (script.trimmed().isEmpty()) {
            continue;
        }
        const QString listen = object.value(QStringLiteral("listen")).toString();
        const QString marker = (listen == QLatin1String("test") ? TestScriptMarker : PreRequestMarker) +
                               (source.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(source));
        (listen == QLatin1String("test") ? context->testScripts : context->preRequestScripts)
            .append(marker + QLatin1Char('\n') + script);
    }
}

class Importer
{
public:
    ImportResult result;
    QString workingDirectory;

    QString filePath(const QString &src) const
    {
        return workingDirectory.isEmpty() || src.isEmpty() || QFileInfo(src).isAbsolute()
                   ? src
                   : QDir::cleanPath(QDir(workingDirectory).absoluteFilePath(src));
    }

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
            const qsizetype before = inner.folderVariables.size();
            addVariables(item.value(QStringLiteral("variable")).toArray(), &inner.folderVariables);
            if (inner.folderVariables.size() > before) {
                result.warnings.append(
                    QStringLiteral("%1 (\"%2\"): folder variables are not used by Postman or newman, so "
                                   "they are kept as a comment only")
                        .arg(where, name));
            }
            mergeBehavior(item, &inner.behavior);
            addScripts(item, QStringLiteral("folder %1").arg(name), &inner);
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
        Context scripts = context;
        addScripts(item, QString(), &scripts);
        imported.preRequestScripts = scripts.preRequestScripts;
        imported.responseScripts = scripts.testScripts;
        if (!context.folderVariables.isEmpty() && !m_commentedFolders.contains(imported.file)) {
            m_commentedFolders.insert(imported.file);
            QStringList lines{
                QStringLiteral("Postman folder variables (Postman and newman do not use them):")};
            for (const KeyValue &variable : context.folderVariables) {
                lines.append(QStringLiteral("  %1 = %2").arg(variable.name, variable.value));
            }
            comments.prepend(lines.join(QLatin1Char('\n')));
        }
        imported.comments = comments;
        QJsonObject behavior = context.behavior;
        mergeBehavior(item, &behavior);
        applyBehavior(behavior, &imported.spec);
        examples(item.value(QStringLiteral("response")).toArray(), imported);
        result.requests.append(imported);
    }

    static void mergeBehavior(const QJsonObject &item, QJsonObject *behavior)
    {
        const QJsonObject own = item.value(QStringLiteral("protocolProfileBehavior")).toObject();
        for (auto it = own.begin(); it != own.end(); ++it) {
            behavior->insert(it.key(), it.value());
        }
    }

    // Postman's per-request settings: redirects, TLS, and the headers it adds itself that a
    // request switches off (the same switch as ApiLens's defaults).
    // newman percent-encodes what the WHATWG URL rules say a URL may not hold as is (", <, >;
    // ` in the path); the rest, % and dot segments too, it sends as written. {{variables}} stay.
    static QString newmanEncoded(const QString &url)
    {
        QString out;
        qsizetype last = 0;
        const qsizetype query = url.indexOf(QLatin1Char('?'));
        const auto encodePart = [&](qsizetype from, qsizetype to) {
            for (qsizetype i = from; i < to; ++i) {
                const QChar c = url.at(i);
                if (c == QLatin1Char('"') || c == QLatin1Char('<') || c == QLatin1Char('>') ||
                    (c == QLatin1Char('`') && (query < 0 || i < query))) {
                    out += QLatin1Char('%') + QString::number(c.unicode(), 16).toUpper();
                } else {
                    out += c;
                }
            }
        };
        for (const VariableReference &reference : variableReferences(url)) {
            encodePart(last, reference.start);
            out += url.mid(reference.start, reference.length);
            last = reference.start + reference.length;
        }
        encodePart(last, url.size());
        return out;
    }

    void applyBehavior(const QJsonObject &behavior, RequestSpec *spec)
    {
        // In an http(s) URL newman reads a backslash before the query as a slash ("http:\\host\\a").
        const qsizetype query = spec->url.indexOf(QLatin1Char('?'));
        QString path = spec->url.left(query < 0 ? spec->url.size() : query);
        if (path.startsWith(QLatin1String("http:"), Qt::CaseInsensitive) ||
            path.startsWith(QLatin1String("https:"), Qt::CaseInsensitive)) {
            path.replace(QLatin1Char('\\'), QLatin1Char('/'));
            spec->url = path + (query < 0 ? QString() : spec->url.mid(query));
        }
        if (!behavior.value(QStringLiteral("disableUrlEncoding")).toBool(false)) {
            spec->url = newmanEncoded(spec->url);
        }
        // newman drops the body of these methods unless the request keeps it.
        static const QStringList pruned{QStringLiteral("GET"), QStringLiteral("HEAD"), QStringLiteral("COPY"),
                                        QStringLiteral("PURGE"), QStringLiteral("UNLOCK")};
        if (pruned.contains(spec->method.toUpper()) &&
            !behavior.value(QStringLiteral("disableBodyPruning")).toBool(false)) {
            spec->body = RequestBody();
        }
        if (behavior.contains(QStringLiteral("followRedirects"))) {
            spec->settings.followRedirects = behavior.value(QStringLiteral("followRedirects")).toBool(true);
        }
        if (behavior.contains(QStringLiteral("maxRedirects"))) {
            spec->settings.maxRedirects =
                qBound(0, behavior.value(QStringLiteral("maxRedirects")).toInt(10), 1000);
        }
        if (behavior.value(QStringLiteral("strictSSL")).toBool(true) == false) {
            spec->settings.verifyTls = false;
        }
        const QJsonObject disabled = behavior.value(QStringLiteral("disabledSystemHeaders")).toObject();
        for (const DefaultHeader &header : defaultHeaders()) {
            if (disabled.value(header.name.toLower()).toBool()) {
                spec->omittedDefaults.append(header.name);
            }
        }
    }

    QSet<QString> m_commentedFolders;

private:
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
            // newman sends a raw body with no language (or one it does not know) as text/plain,
            // an empty one without a type.
            spec->body.contentType =
                spec->body.raw.isEmpty() ? QString() : types.value(language, QStringLiteral("text/plain"));
        } else if (mode == QLatin1String("urlencoded")) {
            // Encoded as newman encodes it (space as %20, as encodeURIComponent does), so the
            // server gets the same bytes; {{variables}} stay to be resolved when sent.
            QByteArrayList pairs;
            for (const QJsonValue &field : body.value(QStringLiteral("urlencoded")).toArray()) {
                const QJsonObject object = field.toObject();
                if (!object.value(QStringLiteral("disabled")).toBool()) {
                    pairs.append(encodeKeepingVariables(object.value(QStringLiteral("key")).toString(),
                                                        &uriComponent) +
                                 '=' +
                                 encodeKeepingVariables(object.value(QStringLiteral("value")).toString(),
                                                        &uriComponent));
                }
            }
            spec->body.kind = BodyKind::Raw;
            spec->body.raw = pairs.join('&');
            spec->body.contentType = QStringLiteral("application/x-www-form-urlencoded");
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
                    part.filePath = filePath(src.isArray() ? src.toArray().at(0).toString() : src.toString());
                    if (part.contentType.isEmpty()) {
                        // What newman sends for a file it is not told the type of: by its name.
                        part.contentType = QMimeDatabase()
                                               .mimeTypeForFile(part.filePath, QMimeDatabase::MatchExtension)
                                               .name();
                    }
                } else {
                    part.value = object.value(QStringLiteral("value")).toString();
                }
                spec->body.parts.append(part);
            }
        } else if (mode == QLatin1String("file")) {
            spec->body.kind = BodyKind::BinaryFile;
            spec->body.filePath = filePath(
                body.value(QStringLiteral("file")).toObject().value(QStringLiteral("src")).toString());
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
            // newman sends no Authorization at all for an empty token.
            spec->auth.token = authValue(auth, type, QStringLiteral("token"));
            spec->auth.kind = spec->auth.token.isEmpty() ? AuthKind::None : AuthKind::Bearer;
        } else if (type == QLatin1String("basic") || type == QLatin1String("digest")) {
            spec->auth.kind = type == QLatin1String("basic") ? AuthKind::Basic : AuthKind::Digest;
            spec->auth.username = authValue(auth, type, QStringLiteral("username"));
            spec->auth.password = authValue(auth, type, QStringLiteral("password"));
            if (spec->auth.kind == AuthKind::Digest) {
                // A saved "Authorization: Digest ..." answered an old challenge; newman computes
                // a new one from the auth block, and so does ApiLens.
                for (KeyValue &header : spec->headers) {
                    header.enabled = header.enabled && header.name.compare(QLatin1String("Authorization"),
                                                                           Qt::CaseInsensitive) != 0;
                }
            }
        } else if (type == QLatin1String("apikey")) {
            spec->auth.kind = AuthKind::ApiKey;
            spec->auth.keyName = authValue(auth, type, QStringLiteral("key"));
            spec->auth.keyValue = authValue(auth, type, QStringLiteral("value"));
            spec->auth.keyLocation = authValue(auth, type, QStringLiteral("in")) == QLatin1String("query")
                                         ? ApiKeyLocation::Query
                                         : ApiKeyLocation::Header;
        } else if (type == QLatin1String("oauth1")) {
            spec->auth.kind = AuthKind::OAuth1;
            // What newman signs with: absent settings are empty (no oauth_version), the data
            // goes to the query or form body unless addParamsToHeader.
            for (const OAuth1Field &field : oauth1Fields()) {
                spec->auth.oauth1.*field.member = authValue(auth, type, QLatin1String(field.postman));
            }
            if (spec->auth.oauth1.signatureMethod.isEmpty()) {
                spec->auth.oauth1.signatureMethod = QStringLiteral("HMAC-SHA1");
            }
            const auto flag = [&](const char *key) {
                return authValue(auth, type, QLatin1String(key)) == QLatin1String("true");
            };
            spec->auth.oauth1.inHeader = flag("addParamsToHeader");
            spec->auth.oauth1.bodyHash = flag("includeBodyHash");
            spec->auth.oauth1.signEmpty = flag("addEmptyParamsToSign");
            if (!authValue(auth, type, QStringLiteral("privateKey")).isEmpty()) {
                result.warnings.append(
                    QStringLiteral(
                        "%1: the OAuth 1.0 RSA private key is not carried over (ApiLens signs with "
                        "HMAC-SHA1/256/512 and PLAINTEXT)")
                        .arg(where));
            }
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
           (head.contains("\"item\"") && (head.contains("\"info\"") || head.contains("\"request\"")));
}

// The import as read; the public function checks that a .http file can hold it.
static ImportResult readPostman(const QByteArray &json, const QString &workingDirectory);

ImportResult importPostman(const QByteArray &json, const QString &workingDirectory)
{
    ImportResult result = readPostman(json, workingDirectory);
    keepWritable(&result);
    return result;
}

ImportResult readPostman(const QByteArray &json, const QString &workingDirectory)
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
    // newman runs a collection without "info" (an older v2 form); "item" it needs.
    if (!root.value(QStringLiteral("item")).isArray()) {
        ImportResult failed;
        failed.error = QStringLiteral("not a Postman collection: no \"item\" list at the top");
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
    importer.workingDirectory = workingDirectory;
    Context context;
    if (root.contains(QStringLiteral("auth"))) {
        context.auth = root.value(QStringLiteral("auth")).toObject();
    }
    // Collection variables go to the $shared environment: every environment inherits them and
    // can override them, as Postman's environments override collection variables.
    QList<KeyValue> collectionVariables;
    addVariables(root.value(QStringLiteral("variable")).toArray(), &collectionVariables);
    if (!collectionVariables.isEmpty()) {
        ImportResult::Environment shared;
        shared.name = Environments::sharedName();
        for (const KeyValue &variable : std::as_const(collectionVariables)) {
            shared.values.insert(variable.name, variable.value);
        }
        importer.result.environments.append(shared);
    }
    Importer::mergeBehavior(root, &context.behavior);
    addScripts(root, QStringLiteral("collection"), &context);
    const QString rootFile =
        safeFileName(
            info.value(QStringLiteral("name"))
                .toString(root.value(QStringLiteral("name")).toString(QStringLiteral("collection")))) +
        QStringLiteral(".http");
    const QJsonArray items = root.value(QStringLiteral("item")).toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        importer.item(items.at(i).toObject(), context, QStringLiteral("item[%1]").arg(i), rootFile);
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

// Variables a file must carry itself: written into its requests.
QString substituted(const QString &text, const QHash<QString, QString> &values)
{
    return replaceVariables(text, [&values](const QString &name) {
        const auto found = values.constFind(name);
        return found == values.cend() ? std::nullopt : std::optional<QString>(*found);
    });
}

QJsonObject scriptEvent(const QString &listen, const QString &script)
{
    QJsonArray exec;
    for (const QString &line : script.split(QLatin1Char('\n'))) {
        exec.append(line);
    }
    return QJsonObject{
        {QStringLiteral("listen"), listen},
        {QStringLiteral("script"), QJsonObject{{QStringLiteral("type"), QStringLiteral("text/javascript")},
                                               {QStringLiteral("exec"), exec}}}};
}

// The scripts of a block as Postman events: every script, in order (the ones an import took
// from the collection or a folder included, so that newman runs them as before), each in a
// block of its own when there are several; a block's other scripts are JetBrains' or httpyac's
// and need their own API, which Postman lacks.
QJsonArray scriptEvents(const HttpRequestBlock &block, const QString &where, QStringList *lost)
{
    QStringList before;
    QStringList tests;
    const qsizetype old = block.comments.indexOf(OldPreRequestMarker);
    if (old >= 0) {
        before.append(block.comments.mid(old + 1).join(QLatin1Char('\n')));
    }
    for (const HttpScript &script : block.scripts) {
        QString text = script.code.trimmed();
        if (script.dialect != HttpScript::Dialect::JetBrains || !script.file.isEmpty() ||
            !text.startsWith(QLatin1String("// Postman"))) {
            lost->append(
                QStringLiteral("%1: the script at line %2 is not Postman's").arg(where).arg(script.line));
            continue;
        }
        text = text.section(QLatin1Char('\n'), 1); // without the marker line
        text.replace(QStringLiteral("% }"), QStringLiteral("%}"));
        (script.beforeRequest ? before : tests).append(text);
    }
    const auto joined = [](const QStringList &scripts) {
        if (scripts.size() == 1) {
            return scripts.first();
        }
        QStringList blocks;
        for (const QString &script : scripts) {
            blocks.append(QStringLiteral("{\n%1\n}").arg(script));
        }
        return blocks.join(QLatin1Char('\n'));
    };
    QJsonArray events;
    if (!before.isEmpty()) {
        events.append(scriptEvent(QStringLiteral("prerequest"), joined(before)));
    }
    if (!tests.isEmpty()) {
        events.append(scriptEvent(QStringLiteral("test"), joined(tests)));
    }
    return events;
}

QJsonObject formDataBody(const QList<MultipartPart> &parts, const QString &baseDir)
{
    QJsonArray fields;
    for (const MultipartPart &part : parts) {
        QJsonObject field{{QStringLiteral("key"), part.name}};
        if (part.isFile()) {
            field.insert(QStringLiteral("type"), QStringLiteral("file"));
            field.insert(QStringLiteral("src"), QDir::cleanPath(QDir(baseDir).filePath(part.filePath)));
        } else {
            field.insert(QStringLiteral("type"), QStringLiteral("text"));
            field.insert(QStringLiteral("value"), postmanVariables(part.value));
        }
        if (!part.contentType.isEmpty()) {
            field.insert(QStringLiteral("contentType"), part.contentType);
        }
        fields.append(field);
    }
    return QJsonObject{{QStringLiteral("mode"), QStringLiteral("formdata")},
                       {QStringLiteral("formdata"), fields}};
}

QJsonObject postmanBody(const RequestSpec &spec, const QString &baseDir, QList<KeyValue> *headers)
{
    if (const std::optional<QList<MultipartPart>> parts = multipartTextParts(spec)) {
        // newman writes its own multipart body and boundary.
        headers->removeIf([](const KeyValue &header) {
            return header.name.compare(QLatin1String("Content-Type"), Qt::CaseInsensitive) == 0;
        });
        return formDataBody(*parts, baseDir);
    }
    if (spec.body.kind == BodyKind::BinaryFile) {
        return QJsonObject{{QStringLiteral("mode"), QStringLiteral("file")},
                           {QStringLiteral("file"),
                            QJsonObject{{QStringLiteral("src"),
                                         QDir::cleanPath(QDir(baseDir).filePath(spec.body.filePath))}}}};
    }
    if (spec.body.kind != BodyKind::Raw) {
        return {};
    }
    QJsonObject body{{QStringLiteral("mode"), QStringLiteral("raw")},
                     {QStringLiteral("raw"), postmanVariables(QString::fromUtf8(spec.body.raw))}};
    if (spec.body.contentType.contains(QLatin1String("json"))) {
        body.insert(QStringLiteral("options"),
                    QJsonObject{{QStringLiteral("raw"),
                                 QJsonObject{{QStringLiteral("language"), QStringLiteral("json")}}}});
    }
    return body;
}

QJsonObject postmanRequest(const HttpRequestBlock &block, const QHash<QString, QString> &ownVariables,
                           const QString &baseDir, const QString &where, QStringList *lost)
{
    RequestSpec spec = block.toSpec();
    spec.url = substituted(spec.url, ownVariables);
    for (KeyValue &header : spec.headers) {
        header.value = postmanVariables(substituted(header.value, ownVariables));
    }
    spec.body.raw = substituted(QString::fromUtf8(spec.body.raw), ownVariables).toUtf8();
    spec.auth.username = substituted(spec.auth.username, ownVariables);
    spec.auth.password = substituted(spec.auth.password, ownVariables);
    QJsonObject request{{QStringLiteral("method"), spec.method},
                        {QStringLiteral("url"), postmanVariables(spec.url)}};
    QList<KeyValue> headers = spec.headers;
    const QJsonObject body = postmanBody(spec, baseDir, &headers);
    request.insert(QStringLiteral("header"), keyValues(headers));
    if (!body.isEmpty()) {
        request.insert(QStringLiteral("body"), body);
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
    if (spec.auth.kind == AuthKind::OAuth1) {
        QJsonArray params;
        const auto add = [&params](const QString &key, const QJsonValue &value) {
            params.append(QJsonObject{{QStringLiteral("key"), key}, {QStringLiteral("value"), value}});
        };
        for (const OAuth1Field &field : oauth1Fields()) {
            add(QLatin1String(field.postman),
                postmanVariables(substituted(spec.auth.oauth1.*field.member, ownVariables)));
        }
        add(QStringLiteral("addParamsToHeader"), spec.auth.oauth1.inHeader);
        add(QStringLiteral("includeBodyHash"), spec.auth.oauth1.bodyHash);
        add(QStringLiteral("addEmptyParamsToSign"), spec.auth.oauth1.signEmpty);
        request.insert(QStringLiteral("auth"), QJsonObject{{QStringLiteral("type"), QStringLiteral("oauth1")},
                                                           {QStringLiteral("oauth1"), params}});
    }
    if (!block.assertions.isEmpty()) {
        lost->append(QStringLiteral("%1: %2 assertion(s) (?? lines) are not carried over")
                         .arg(where)
                         .arg(block.assertions.size()));
    }
    QJsonObject item{{QStringLiteral("name"), block.name.isEmpty() ? defaultRequestName(spec) : block.name},
                     {QStringLiteral("request"), request}};
    const QJsonArray events = scriptEvents(block, where, lost);
    if (!events.isEmpty()) {
        item.insert(QStringLiteral("event"), events);
    }
    QJsonObject behavior;
    if (block.noRedirect) {
        behavior.insert(QStringLiteral("followRedirects"), false);
    }
    QJsonObject disabled; // ApiLens's switched-off defaults are Postman's disabled system headers
    for (const QString &name : std::as_const(spec.omittedDefaults)) {
        disabled.insert(name.toLower(), true);
    }
    if (!disabled.isEmpty()) {
        behavior.insert(QStringLiteral("disabledSystemHeaders"), disabled);
    }
    if (!behavior.isEmpty()) {
        item.insert(QStringLiteral("protocolProfileBehavior"), behavior);
    }
    return item;
}

} // namespace

QByteArray exportPostman(const QString &path, const QHash<QString, QString> &variables, QStringList *lost)
{
    const QFileInfo info(path);
    const QString root = info.isDir() ? info.absoluteFilePath() : info.absolutePath();
    QList<QPair<QString, QString>> files; // relative name, absolute path
    if (info.isDir()) {
        const Collection collection = Collection::scan(path);
        for (const CollectionFile &file : collection.files()) {
            files.append({file.path, QDir(path).filePath(file.path)});
        }
    } else {
        files.append({info.fileName(), info.absoluteFilePath()});
    }
    // File variables become collection variables, {{name}} kept; one a file must keep to itself
    // (another file or the environment gives it another value) is written into its requests.
    QList<QPair<QString, HttpDocument>> documents;
    QHash<QString, QString> collectionVariables = variables;
    QHash<QString, QSet<QString>> values;
    for (const auto &[relative, absolute] : std::as_const(files)) {
        QString error;
        const std::optional<QByteArray> bytes = readFile(absolute, &error);
        if (!bytes) {
            lost->append(error);
            continue;
        }
        documents.append({relative, HttpDocument::parse(*bytes)});
        const QHash<QString, QString> own = documents.last().second.fileVariables();
        for (auto it = own.cbegin(); it != own.cend(); ++it) {
            values[it.key()].insert(it.value());
        }
    }
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const bool conflicts = it.value().size() > 1 || (variables.contains(it.key()) &&
                                                         variables.value(it.key()) != *it.value().cbegin());
        if (!conflicts) {
            collectionVariables.insert(it.key(), *it.value().cbegin());
        }
    }
    QJsonArray folders;
    for (const auto &[relative, document] : std::as_const(documents)) {
        QHash<QString, QString> ownVariables = document.fileVariables();
        for (auto it = ownVariables.begin(); it != ownVariables.end();) {
            it = collectionVariables.value(it.key()) == it.value() ? ownVariables.erase(it) : std::next(it);
        }
        const QString baseDir = QFileInfo(QDir(root).filePath(relative)).absolutePath();
        QJsonArray items;
        for (const HttpRequestBlock &block : document.requests()) {
            items.append(postmanRequest(block, ownVariables, QDir(root).relativeFilePath(baseDir),
                                        QStringLiteral("%1:%2").arg(relative).arg(block.requestLine), lost));
        }
        QString folderName = relative;
        folderName.chop(QFileInfo(relative).suffix().size() + 1);
        folders.append(QJsonObject{{QStringLiteral("name"), folderName}, {QStringLiteral("item"), items}});
    }
    QList<KeyValue> sorted;
    for (auto it = collectionVariables.cbegin(); it != collectionVariables.cend(); ++it) {
        sorted.append(KeyValue{it.key(), it.value(), true});
    }
    std::sort(sorted.begin(), sorted.end(),
              [](const KeyValue &a, const KeyValue &b) { return a.name < b.name; });
    const QJsonObject collection{
        {QStringLiteral("info"),
         QJsonObject{
             {QStringLiteral("name"), info.isDir() ? info.fileName() : info.completeBaseName()},
             {QStringLiteral("schema"),
              QStringLiteral("https://schema.getpostman.com/json/collection/v2.1.0/collection.json")}}},
        {QStringLiteral("item"), folders},
        {QStringLiteral("variable"), keyValues(sorted)}};
    return QJsonDocument(collection).toJson(QJsonDocument::Indented);
}

} // namespace ApiLens::Core
