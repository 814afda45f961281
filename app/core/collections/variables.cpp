#include "variables.h"

#include "collection.h"
#include "variablesyntax.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUuid>

namespace ApiLens::Core {

namespace {

const QString SharedEnvironment = QStringLiteral("$shared");

QHash<QString, QHash<QString, QString>> readEnvironments(const QByteArray &json, const QString &source,
                                                         QStringList *errors)
{
    QHash<QString, QHash<QString, QString>> result;
    if (json.trimmed().isEmpty()) {
        return result;
    }
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        errors->append(QStringLiteral("%1:%2: %3")
                           .arg(source)
                           .arg(json.left(error.offset).count('\n') + 1)
                           .arg(error.errorString()));
        return result;
    }
    if (!document.isObject()) {
        errors->append(QStringLiteral("%1: expected an object of environments").arg(source));
        return result;
    }
    const QJsonObject root = document.object();
    for (auto env = root.begin(); env != root.end(); ++env) {
        if (!env.value().isObject()) {
            errors->append(
                QStringLiteral("%1: environment '%2' must be an object of variables").arg(source, env.key()));
            continue;
        }
        QHash<QString, QString> variables;
        const QJsonObject object = env.value().toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QJsonValue value = it.value();
            if (value.isString()) {
                variables.insert(it.key(), value.toString());
            } else if (value.isDouble() || value.isBool()) {
                variables.insert(it.key(), value.toVariant().toString());
            } else if (value.isObject() || value.isArray()) {
                variables.insert(it.key(), jsonValueText(value));
            }
        }
        result.insert(env.key(), variables);
    }
    return result;
}

QHash<QString, QString> merged(const QHash<QString, QHash<QString, QString>> &all, const QString &environment)
{
    QHash<QString, QString> result = all.value(SharedEnvironment);
    const QHash<QString, QString> own = all.value(environment);
    for (auto it = own.begin(); it != own.end(); ++it) {
        result.insert(it.key(), it.value());
    }
    return result;
}

} // namespace

Environments Environments::load(const QString &folder, QStringList *errors)
{
    const QDir dir(folder);
    QByteArray publicJson;
    QByteArray privateJson;
    QFile publicFile(dir.filePath(QStringLiteral("http-client.env.json")));
    if (publicFile.open(QIODevice::ReadOnly)) {
        publicJson = publicFile.readAll();
    }
    QFile privateFile(dir.filePath(QStringLiteral("http-client.private.env.json")));
    if (privateFile.open(QIODevice::ReadOnly)) {
        privateJson = privateFile.readAll();
    }
    Environments environments;
    environments.m_public = readEnvironments(publicJson, publicFile.fileName(), errors);
    environments.m_private = readEnvironments(privateJson, privateFile.fileName(), errors);
    return environments;
}

Environments Environments::fromJson(const QByteArray &publicJson, const QByteArray &privateJson,
                                    QStringList *errors)
{
    Environments environments;
    environments.m_public = readEnvironments(publicJson, QStringLiteral("http-client.env.json"), errors);
    environments.m_private =
        readEnvironments(privateJson, QStringLiteral("http-client.private.env.json"), errors);
    return environments;
}

QStringList Environments::names() const
{
    QStringList names = m_public.keys() + m_private.keys();
    names.removeDuplicates();
    names.removeAll(SharedEnvironment);
    names.sort();
    return names;
}

QHash<QString, QString> Environments::publicVariables(const QString &environment) const
{
    return merged(m_public, environment);
}

QHash<QString, QString> Environments::privateVariables(const QString &environment) const
{
    return merged(m_private, environment);
}

bool Environments::isSecret(const QString &environment, const QString &variable) const
{
    return privateVariables(environment).contains(variable);
}

QStringList Environments::allNames() const
{
    QStringList names = m_public.keys() + m_private.keys();
    names.removeDuplicates();
    names.sort();
    return names;
}

QHash<QString, QString> Environments::ownVariables(const QString &environment, bool secret) const
{
    return (secret ? m_private : m_public).value(environment);
}

void Environments::setEnvironment(const QString &environment, const QHash<QString, QString> &publicValues,
                                  const QHash<QString, QString> &secretValues)
{
    m_public.insert(environment, publicValues);
    if (secretValues.isEmpty()) {
        m_private.remove(environment);
    } else {
        m_private.insert(environment, secretValues);
    }
}

void Environments::removeEnvironment(const QString &environment)
{
    m_public.remove(environment);
    m_private.remove(environment);
}

namespace {

QByteArray environmentsJson(const QHash<QString, QHash<QString, QString>> &environments)
{
    QJsonObject root;
    for (auto env = environments.cbegin(); env != environments.cend(); ++env) {
        QJsonObject values;
        for (auto value = env.value().cbegin(); value != env.value().cend(); ++value) {
            values.insert(value.key(), value.value());
        }
        root.insert(env.key(), values);
    }
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

} // namespace

bool Environments::save(const QString &folder, QString *error) const
{
    const QDir dir(folder);
    if (!writeFileAtomically(dir.filePath(publicFileName()), environmentsJson(m_public), error)) {
        return false;
    }
    const QString privatePath = dir.filePath(privateFileName());
    if (m_private.isEmpty() && !QFileInfo::exists(privatePath)) {
        return true;
    }
    return ensureIgnoredByGit(folder, privateFileName(), error) &&
           writeFileAtomically(privatePath, environmentsJson(m_private), error, FileAccess::OwnerOnly);
}

QString jsonValueText(const QJsonValue &value)
{
    if (value.isString()) {
        return value.toString();
    }
    if (value.isObject()) {
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    }
    if (value.isArray()) {
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    }
    if (value.isNull()) {
        return QStringLiteral("null");
    }
    if (value.isBool()) {
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    }
    return QString::number(value.toDouble(), 'g', 15);
}

std::optional<QJsonValue> jsonPath(const QJsonValue &root, const QString &path)
{
    QString rest = path.trimmed();
    if (!rest.startsWith(QLatin1Char('$'))) {
        return std::nullopt;
    }
    rest.remove(0, 1);
    QJsonValue current = root;
    static const QRegularExpression step(
        QStringLiteral("^(?:\\.([^.\\[]+)|\\[(\\d+)\\]|\\['([^']*)'\\]|\\[\"([^\"]*)\"\\])"));
    while (!rest.isEmpty()) {
        const QRegularExpressionMatch m = step.match(rest);
        if (!m.hasMatch()) {
            return std::nullopt;
        }
        if (!m.captured(2).isEmpty()) {
            const int index = m.captured(2).toInt();
            if (!current.isArray() || index >= current.toArray().size()) {
                return std::nullopt;
            }
            current = current.toArray().at(index);
        } else {
            const QString key = !m.captured(1).isEmpty()   ? m.captured(1)
                                : !m.captured(3).isEmpty() ? m.captured(3)
                                                           : m.captured(4);
            if (!current.isObject() || !current.toObject().contains(key)) {
                return std::nullopt;
            }
            current = current.toObject().value(key);
        }
        rest.remove(0, m.capturedLength());
    }
    return current;
}

std::optional<QString> VariableResolver::value(const QString &expression, int depth) const
{
    const QString name = expression.trimmed();
    if (depth > 16) {
        return std::nullopt; // a variable that refers to itself
    }
    if (name.startsWith(QLatin1Char('$'))) {
        const QStringList parts = name.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        const QString dynamic = parts.value(0);
        if (dynamic == QLatin1String("$uuid") || dynamic == QLatin1String("$guid") ||
            dynamic == QLatin1String("$random.uuid")) {
            return QUuid::createUuid().toString(QUuid::WithoutBraces);
        }
        if (dynamic == QLatin1String("$timestamp")) {
            return QString::number(QDateTime::currentSecsSinceEpoch());
        }
        if (dynamic == QLatin1String("$isoTimestamp")) {
            return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
        }
        if (dynamic == QLatin1String("$randomInt") || dynamic == QLatin1String("$random.integer")) {
            const int low = parts.size() > 2 ? parts[1].toInt() : 0;
            const int high = parts.size() > 2 ? parts[2].toInt() : 1000;
            return QString::number(high > low ? QRandomGenerator::global()->bounded(low, high) : low);
        }
        return std::nullopt;
    }
    // Chaining: name.response.body.$.path / name.response.headers.Header
    static const QRegularExpression chain(
        QStringLiteral("^([\\w-]+)\\.response\\.(body|headers)(?:\\.(.*))?$"));
    if (const QRegularExpressionMatch m = chain.match(name); m.hasMatch() && responses) {
        const Exchange *exchange = responses(m.captured(1));
        if (!exchange || !exchange->hasResponse()) {
            return std::nullopt;
        }
        const QString rest = m.captured(3);
        if (m.captured(2) == QLatin1String("headers")) {
            const QByteArray header = exchange->header(rest.toLatin1());
            return header.isNull() ? std::nullopt : std::optional<QString>(QString::fromUtf8(header));
        }
        const QByteArray body = exchange->body.bytes(16 * 1024 * 1024);
        if (rest.isEmpty() || rest == QLatin1String("*")) {
            return QString::fromUtf8(body);
        }
        const QJsonDocument document = QJsonDocument::fromJson(body);
        const QJsonValue root =
            document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
        const std::optional<QJsonValue> found = jsonPath(root, rest);
        return found ? std::optional<QString>(jsonValueText(*found)) : std::nullopt;
    }
    for (const QHash<QString, QString> *scope :
         {&requestVariables, &privateEnvironment, &publicEnvironment}) {
        const auto it = scope->constFind(name);
        if (it != scope->constEnd()) {
            // Values may themselves use variables ("@base = {{host}}/v1").
            QStringList missing;
            const QString resolved = resolveText(*it, &missing, depth + 1);
            if (!missing.isEmpty()) {
                return std::nullopt;
            }
            return resolved;
        }
    }
    return std::nullopt;
}

QString VariableResolver::resolve(const QString &text, QStringList *unresolved) const
{
    return resolveText(text, unresolved, 0);
}

QString VariableResolver::resolveText(const QString &text, QStringList *unresolved, int depth) const
{
    return replaceVariables(text, [&](const QString &expression) {
        std::optional<QString> resolved = value(expression, depth);
        if (!resolved && unresolved && !unresolved->contains(expression)) {
            unresolved->append(expression);
        }
        return resolved;
    });
}

RequestSpec VariableResolver::resolve(const RequestSpec &spec, QStringList *unresolved) const
{
    RequestSpec out = spec;
    out.url = resolve(spec.url, unresolved);
    for (KeyValue &header : out.headers) {
        if (header.enabled) {
            header.name = resolve(header.name, unresolved);
            header.value = resolve(header.value, unresolved);
        }
    }
    if (!spec.body.raw.isEmpty()) {
        out.body.raw = resolve(QString::fromUtf8(spec.body.raw), unresolved).toUtf8();
    }
    for (KeyValue &field : out.body.form) {
        field.value = resolve(field.value, unresolved);
    }
    out.auth.username = resolve(spec.auth.username, unresolved);
    out.auth.password = resolve(spec.auth.password, unresolved);
    out.auth.token = resolve(spec.auth.token, unresolved);
    out.auth.keyValue = resolve(spec.auth.keyValue, unresolved);
    return out;
}

} // namespace ApiLens::Core
