#include "insomnia.h"

#include "importer.h"

#include "collections/variables.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

namespace ApiLens::Core {

namespace {

// {{ _.baseUrl }} and {{_.api.key}} -> {{baseUrl}}, {{api.key}}; template tags are reported.
QString variables(const QString &text, QStringList *warnings, const QString &where)
{
    static const QRegularExpression variable(QStringLiteral("\\{\\{\\s*_\\.([A-Za-z_$][\\w.$-]*)\\s*\\}\\}"));
    QString out = text;
    out.replace(variable, QStringLiteral("{{\\1}}"));
    if (out.contains(QLatin1String("{%"))) {
        warnings->append(
            QStringLiteral("%1: an Insomnia template tag ({% ... %}) is kept as text, not run").arg(where));
    }
    return out;
}

void flatten(const QString &prefix, const QJsonObject &data, QHash<QString, QString> *out)
{
    for (auto it = data.begin(); it != data.end(); ++it) {
        const QString key = prefix.isEmpty() ? it.key() : prefix + QLatin1Char('.') + it.key();
        if (it.value().isObject()) {
            flatten(key, it.value().toObject(), out);
        } else if (it.value().isString()) {
            out->insert(key, it.value().toString());
        } else {
            out->insert(key, jsonValueText(it.value()));
        }
    }
}

} // namespace

bool isInsomniaExport(const QByteArray &json)
{
    const QByteArray head = json.left(4096);
    return head.contains("\"__export_format\"") && head.contains("\"resources\"");
}

// The import as read; the public function checks that a .http file can hold it.
static ImportResult readInsomnia(const QByteArray &json);

ImportResult importInsomnia(const QByteArray &json)
{
    ImportResult result = readInsomnia(json);
    keepWritable(&result);
    return result;
}

ImportResult readInsomnia(const QByteArray &json)
{
    ImportResult result;
    const std::optional<QJsonDocument> parsed = parseJson(json, &result.error);
    if (!parsed) {
        return result;
    }
    const QJsonDocument &document = *parsed;
    const QJsonObject root = document.object();
    if (!root.value(QStringLiteral("resources")).isArray()) {
        result.error = QStringLiteral("not an Insomnia export: no \"resources\" list");
        return result;
    }
    const int format = root.value(QStringLiteral("__export_format")).toInt();
    if (format != 4) {
        result.error =
            QStringLiteral("Insomnia export format %1 is not one this version reads (4)").arg(format);
        return result;
    }
    QHash<QString, QJsonObject> byId;
    QList<QJsonObject> order;
    for (const QJsonValue &value : root.value(QStringLiteral("resources")).toArray()) {
        const QJsonObject resource = value.toObject();
        if (const QString id = resource.value(QStringLiteral("_id")).toString(); !id.isEmpty()) {
            byId.insert(id, resource); // one without an id is no one's parent
        }
        order.append(resource);
    }
    int workspaces = 0;
    for (const QJsonObject &resource : std::as_const(order)) {
        workspaces += resource.value(QStringLiteral("_type")).toString() == QLatin1String("workspace");
    }
    // The folder of a resource: its request groups, under its workspace when there are several.
    // A chain of parents that comes back on itself (a file a stranger wrote) stops where it
    // would loop, and says so.
    const auto folderOf = [&](const QJsonObject &resource, QString *workspaceName) {
        QStringList parts;
        QString parent = resource.value(QStringLiteral("parentId")).toString();
        QSet<QString> seen;
        while (byId.contains(parent)) {
            if (seen.contains(parent)) {
                result.warnings.append(
                    QStringLiteral(
                        "\"%1\": its folders are their own parents (at \"%2\"); the chain stops there")
                        .arg(resource.value(QStringLiteral("name")).toString(), parent));
                break;
            }
            seen.insert(parent);
            const QJsonObject up = byId.value(parent);
            const QString type = up.value(QStringLiteral("_type")).toString();
            if (type == QLatin1String("workspace")) {
                *workspaceName = safeFileName(up.value(QStringLiteral("name")).toString());
                if (workspaces > 1) {
                    parts.prepend(*workspaceName);
                }
                break;
            }
            parts.prepend(safeFileName(up.value(QStringLiteral("name")).toString()));
            parent = up.value(QStringLiteral("parentId")).toString();
        }
        return parts;
    };
    for (qsizetype i = 0; i < order.size(); ++i) {
        const QJsonObject &resource = order.at(i);
        const QString type = resource.value(QStringLiteral("_type")).toString();
        const QString where = QStringLiteral("resources[%1] (\"%2\")")
                                  .arg(i)
                                  .arg(resource.value(QStringLiteral("name")).toString());
        if (type == QLatin1String("environment")) {
            QHash<QString, QString> data;
            flatten(QString(), resource.value(QStringLiteral("data")).toObject(), &data);
            const bool base = byId.value(resource.value(QStringLiteral("parentId")).toString())
                                  .value(QStringLiteral("_type"))
                                  .toString() == QLatin1String("workspace");
            ImportResult::Environment environment;
            environment.name = base ? QStringLiteral("$shared")
                                    : safeFileName(resource.value(QStringLiteral("name")).toString());
            (resource.value(QStringLiteral("isPrivate")).toBool() ? environment.secrets
                                                                  : environment.values) = data;
            result.environments.append(environment);
            continue;
        }
        if (type != QLatin1String("request")) {
            if (type == QLatin1String("grpc_request") || type == QLatin1String("websocket_request")) {
                result.warnings.append(QStringLiteral("%1: a %2 is not carried over").arg(where, type));
            }
            continue;
        }
        RequestSpec spec;
        spec.method = resource.value(QStringLiteral("method")).toString(QStringLiteral("GET")).toUpper();
        spec.url = variables(resource.value(QStringLiteral("url")).toString(), &result.warnings, where);
        QStringList query;
        for (const QJsonValue &value : resource.value(QStringLiteral("parameters")).toArray()) {
            const QJsonObject parameter = value.toObject();
            if (!parameter.value(QStringLiteral("disabled")).toBool()) {
                query.append(
                    variables(parameter.value(QStringLiteral("name")).toString(), &result.warnings, where) +
                    QLatin1Char('=') +
                    variables(parameter.value(QStringLiteral("value")).toString(), &result.warnings, where));
            }
        }
        if (!query.isEmpty()) {
            spec.url += (spec.url.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?')) +
                        query.join(QLatin1Char('&'));
        }
        for (const QJsonValue &value : resource.value(QStringLiteral("headers")).toArray()) {
            const QJsonObject header = value.toObject();
            spec.headers.append(
                KeyValue{header.value(QStringLiteral("name")).toString(),
                         variables(header.value(QStringLiteral("value")).toString(), &result.warnings, where),
                         !header.value(QStringLiteral("disabled")).toBool()});
        }
        const QJsonObject body = resource.value(QStringLiteral("body")).toObject();
        const QString mimeType = body.value(QStringLiteral("mimeType")).toString();
        const QJsonArray params = body.value(QStringLiteral("params")).toArray();
        if (body.contains(QStringLiteral("text"))) {
            spec.body.kind = BodyKind::Raw;
            spec.body.raw =
                variables(body.value(QStringLiteral("text")).toString(), &result.warnings, where).toUtf8();
            spec.body.contentType = mimeType;
        } else if (mimeType == QLatin1String("multipart/form-data")) {
            spec.body.kind = BodyKind::Multipart;
            for (const QJsonValue &value : params) {
                const QJsonObject param = value.toObject();
                MultipartPart part;
                part.name = param.value(QStringLiteral("name")).toString();
                part.enabled = !param.value(QStringLiteral("disabled")).toBool();
                if (param.value(QStringLiteral("type")).toString() == QLatin1String("file")) {
                    part.filePath = param.value(QStringLiteral("fileName")).toString();
                } else {
                    part.value =
                        variables(param.value(QStringLiteral("value")).toString(), &result.warnings, where);
                }
                spec.body.parts.append(part);
            }
        } else if (mimeType == QLatin1String("application/x-www-form-urlencoded")) {
            spec.body.kind = BodyKind::UrlEncoded;
            for (const QJsonValue &value : params) {
                const QJsonObject param = value.toObject();
                spec.body.form.append(KeyValue{
                    param.value(QStringLiteral("name")).toString(),
                    variables(param.value(QStringLiteral("value")).toString(), &result.warnings, where),
                    !param.value(QStringLiteral("disabled")).toBool()});
            }
        } else if (body.contains(QStringLiteral("fileName"))) {
            spec.body.kind = BodyKind::BinaryFile;
            spec.body.filePath = body.value(QStringLiteral("fileName")).toString();
            spec.body.contentType = mimeType;
        }
        const QJsonObject auth = resource.value(QStringLiteral("authentication")).toObject();
        const QString authType = auth.value(QStringLiteral("type")).toString();
        if (!authType.isEmpty() && authType != QLatin1String("none") &&
            !auth.value(QStringLiteral("disabled")).toBool()) {
            const auto field = [&](const char *key) {
                return variables(auth.value(QLatin1String(key)).toString(), &result.warnings, where);
            };
            if (authType == QLatin1String("bearer")) {
                spec.auth.kind = AuthKind::Bearer;
                spec.auth.token = field("token");
            } else if (authType == QLatin1String("basic") || authType == QLatin1String("digest")) {
                spec.auth.kind = authType == QLatin1String("basic") ? AuthKind::Basic : AuthKind::Digest;
                spec.auth.username = field("username");
                spec.auth.password = field("password");
            } else if (authType == QLatin1String("apikey")) {
                spec.auth.kind = AuthKind::ApiKey;
                spec.auth.keyName = field("key");
                spec.auth.keyValue = field("value");
                spec.auth.keyLocation =
                    auth.value(QStringLiteral("addTo")).toString() == QLatin1String("queryParams")
                        ? ApiKeyLocation::Query
                        : ApiKeyLocation::Header;
            } else {
                result.warnings.append(
                    QStringLiteral("%1: \"%2\" authentication is not carried over").arg(where, authType));
            }
        }
        QString workspace = QStringLiteral("requests");
        const QStringList folder = folderOf(resource, &workspace);
        ImportedRequest imported;
        imported.name = resource.value(QStringLiteral("name")).toString(defaultRequestName(spec));
        imported.file = folder.isEmpty() ? workspace + QStringLiteral(".http")
                                         : folder.join(QLatin1Char('/')) + QStringLiteral(".http");
        imported.spec = spec;
        const QString description = resource.value(QStringLiteral("description")).toString();
        if (!description.isEmpty()) {
            imported.comments.append(description);
        }
        result.requests.append(imported);
    }
    return result;
}

} // namespace ApiLens::Core
