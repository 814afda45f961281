#include "variables.h"

#include "http/secrets.h"

#include "collection.h"
#include "dotenv.h"
#include "dynamicvariables.h"
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

namespace {

// The folders from `root` down to `folder` (both included); only `folder` when it is not below `root`.
QStringList foldersFromRoot(const QString &folder, const QString &root)
{
    const QString start = QDir::cleanPath(QDir(folder).absolutePath());
    const QString top = root.isEmpty() ? start : QDir::cleanPath(QDir(root).absolutePath());
    if (start != top && !start.startsWith(top + QLatin1Char('/'))) {
        return {start};
    }
    QStringList folders{start};
    for (QDir dir(start); dir.absolutePath() != top && dir.cdUp();) {
        folders.prepend(dir.absolutePath());
    }
    return folders;
}

void mergeInto(QHash<QString, QHash<QString, QString>> *into,
               const QHash<QString, QHash<QString, QString>> &from)
{
    for (auto env = from.cbegin(); env != from.cend(); ++env) {
        QHash<QString, QString> &target = (*into)[env.key()];
        for (auto it = env.value().cbegin(); it != env.value().cend(); ++it) {
            target.insert(it.key(), it.value());
        }
    }
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The dotenv files of one folder: .env for every environment, NAME.env and .env.NAME for NAME.
void readDotenvFiles(const QDir &dir, QList<QPair<QString, QHash<QString, QString>>> *into)
{
    into->append({SharedEnvironment, readDotenv(dir.path())});
    const QStringList files =
        dir.entryList({QStringLiteral("*.env"), QStringLiteral(".env.*")}, QDir::Files | QDir::Hidden);
    for (const QString &file : files) {
        const QString name = file.startsWith(QLatin1String(".env.")) ? file.mid(5) : file.chopped(4);
        if (!name.isEmpty() && !name.startsWith(QLatin1Char('.'))) {
            into->append({name, readDotenv(dir.path(), file)});
        }
    }
}

} // namespace

Environments Environments::load(const QString &folder, QStringList *errors, const QString &projectRoot)
{
    Environments environments;
    const QStringList folders = foldersFromRoot(folder, projectRoot);
    for (const QString &path : folders) {
        const QDir dir(path);
        const QString publicPath = dir.filePath(publicFileName());
        const QString privatePath = dir.filePath(privateFileName());
        const Layers publicLayer = readEnvironments(readAll(publicPath), publicPath, errors);
        const Layers privateLayer = readEnvironments(readAll(privatePath), privatePath, errors);
        if (path == folders.last()) {
            environments.m_public = publicLayer;
            environments.m_private = privateLayer;
        } else {
            mergeInto(&environments.m_inheritedPublic, publicLayer);
            mergeInto(&environments.m_inheritedPrivate, privateLayer);
        }
        readDotenvFiles(dir, &environments.m_dotenv);
    }
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
    QStringList names =
        m_public.keys() + m_private.keys() + m_inheritedPublic.keys() + m_inheritedPrivate.keys();
    for (const auto &layer : m_dotenv) {
        names.append(layer.first);
    }
    names.removeDuplicates();
    names.removeAll(SharedEnvironment);
    names.sort();
    return names;
}

QHash<QString, QString> Environments::publicVariables(const QString &environment) const
{
    QHash<QString, QString> result = merged(m_inheritedPublic, environment);
    result.insert(merged(m_public, environment));
    return result;
}

QHash<QString, QString> Environments::privateVariables(const QString &environment) const
{
    // .env values are secrets, below every JSON value: one that a public file also sets is left
    // out here, so that the public value wins as in httpyac.
    const QHash<QString, QString> publicValues = publicVariables(environment);
    QHash<QString, QString> result;
    const QHash<QString, QString> dotenv = dotenvVariables(environment);
    for (auto it = dotenv.cbegin(); it != dotenv.cend(); ++it) {
        if (!publicValues.contains(it.key())) {
            result.insert(it.key(), it.value());
        }
    }
    result.insert(merged(m_inheritedPrivate, environment));
    result.insert(merged(m_private, environment));
    return result;
}

QHash<QString, QString> Environments::dotenvVariables(const QString &environment) const
{
    QHash<QString, QString> result;
    for (const auto &layer : m_dotenv) {
        if (layer.first == SharedEnvironment || layer.first == environment) {
            result.insert(layer.second);
        }
    }
    return result;
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

QStringList secretValues(const VariableResolver &resolver)
{
    QStringList values = resolver.privateEnvironment.values() + resolver.dotenv.values();
    for (auto it = resolver.scriptVariables.cbegin(); it != resolver.scriptVariables.cend(); ++it) {
        if (isSecretName(it.key())) {
            values.append(jsonValueText(it.value()));
        }
    }
    return values;
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

namespace {

// A response body for chaining: the whole text, or the value at a JSON path ($.a.b[0]).
std::optional<QString> bodyValue(const Exchange &exchange, const QString &path)
{
    const std::optional<QByteArray> body = readableBody(exchange);
    if (!body) {
        return std::nullopt; // too long to read: said as unresolved
    }
    if (path.isEmpty()) {
        return QString::fromUtf8(*body);
    }
    const QJsonDocument document = QJsonDocument::fromJson(*body);
    const QJsonValue root =
        document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
    const std::optional<QJsonValue> found = jsonPath(root, path);
    return found ? std::optional<QString>(jsonValueText(*found)) : std::nullopt;
}

} // namespace

std::optional<QString> VariableResolver::value(const QString &expression, int depth) const
{
    const QString name = expression.trimmed();
    if (depth > 16) {
        return std::nullopt; // a variable that refers to itself
    }
    if (std::optional<QString> set = scriptValue(name)) {
        return set;
    }
    if (const auto it = expressionValues.constFind(name); it != expressionValues.cend()) {
        return *it;
    }
    if (name.startsWith(QLatin1Char('$')) && requestVariables.contains(name)) {
        return requestVariables.value(name); // "$index" of an httpyac loop
    }
    if (name.startsWith(QLatin1Char('$'))) {
        DynamicContext context;
        context.dotenv = dotenv;
        for (const QHash<QString, QString> *scope :
             {&publicEnvironment, &privateEnvironment, &requestVariables}) {
            context.variables.insert(*scope);
        }
        return dynamicVariable(name, context);
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
        return bodyValue(*exchange, rest == QLatin1String("*") ? QString() : rest);
    }
    if (std::optional<QString> scoped; scopedValue(name, depth, &scoped)) {
        return scoped;
    }
    // httpyac: a named request's response body is a variable of that name ({{login.token}}).
    static const QRegularExpression named(QStringLiteral("^([\\w-]+)((?:\\.[\\w-]+|\\[\\d+\\])*)$"));
    if (const QRegularExpressionMatch m = named.match(name); m.hasMatch() && responses) {
        const Exchange *exchange = responses(m.captured(1));
        if (exchange && exchange->hasResponse()) {
            return bodyValue(*exchange,
                             m.captured(2).isEmpty() ? QString() : QLatin1Char('$') + m.captured(2));
        }
    }
    return std::nullopt;
}

bool VariableResolver::scopedValue(const QString &name, int depth, std::optional<QString> *value) const
{
    for (const QHash<QString, QString> *scope :
         {&requestVariables, &privateEnvironment, &publicEnvironment}) {
        const auto it = scope->constFind(name);
        if (it == scope->constEnd()) {
            continue;
        }
        if (m_resolved.values) {
            if (const auto known = m_resolved.values->constFind(name);
                known != m_resolved.values->constEnd()) {
                *value = *known;
                return true;
            }
        }
        // Values may themselves use variables ("@base = {{host}}/v1").
        QStringList missing;
        const QString resolved = resolveText(*it, &missing, depth + 1);
        *value = missing.isEmpty() && resolved.size() <= MaxValueChars ? std::optional<QString>(resolved)
                                                                       : std::nullopt;
        if (m_resolved.values) {
            m_resolved.values->insert(name, *value);
        }
        return true;
    }
    return false;
}

std::optional<QString> VariableResolver::scriptValue(const QString &expression) const
{
    // {{token}}, {{$global.token}} (httpyac), {{user.id}} / {{user.items[0]}} into an object.
    const QString name = expression.startsWith(QLatin1String("$global.")) ? expression.mid(8) : expression;
    static const QRegularExpression path(QStringLiteral("^([\\w-]+)((?:\\.[\\w-]+|\\[\\d+\\])*)$"));
    const QRegularExpressionMatch m = path.match(name);
    if (!m.hasMatch()) {
        return std::nullopt;
    }
    const auto it = scriptVariables.constFind(m.captured(1));
    if (it == scriptVariables.cend()) {
        return std::nullopt;
    }
    if (m.captured(2).isEmpty()) {
        return jsonValueText(*it);
    }
    const std::optional<QJsonValue> member = jsonPath(*it, QLatin1Char('$') + m.captured(2));
    return member ? std::optional<QString>(jsonValueText(*member)) : std::nullopt;
}

bool VariableResolver::isScriptExpression(const QString &expression)
{
    static const QRegularExpression plain(QStringLiteral("^[\\w.\\-\\[\\]$*]+$"));
    if (expression.startsWith(QLatin1Char('$')) && !expression.startsWith(QLatin1String("$global"))) {
        return false; // a dynamic variable ($randomInt 1 9, $datetime "YYYY" 1 d)
    }
    return !plain.match(expression).hasMatch();
}

QStringList VariableResolver::scriptExpressions(const RequestSpec &spec)
{
    QStringList texts{spec.url, spec.body.raw.isEmpty() ? QString() : QString::fromUtf8(spec.body.raw)};
    for (const KeyValue &header : spec.headers) {
        texts << header.name << header.value;
    }
    for (const KeyValue &field : spec.body.form) {
        texts << field.name << field.value;
    }
    QStringList expressions;
    for (const QString &text : std::as_const(texts)) {
        for (const QString &expression : variableNames(text)) {
            if (isScriptExpression(expression) && !expressions.contains(expression)) {
                expressions.append(expression);
            }
        }
    }
    return expressions;
}

QString VariableResolver::resolve(const QString &text, QStringList *unresolved) const
{
    return resolveText(text, unresolved, 0);
}

QString VariableResolver::resolveText(const QString &text, QStringList *unresolved, int depth) const
{
    QHash<QString, std::optional<QString>> resolved;
    const bool outermost = !m_resolved.values;
    if (outermost) {
        m_resolved.values = &resolved;
    }
    QString out = replaceVariables(text, [&](const QString &expression) {
        std::optional<QString> value = this->value(expression, depth);
        if (!value && unresolved && !unresolved->contains(expression)) {
            unresolved->append(expression);
        }
        return value;
    });
    if (outermost) {
        m_resolved.values = nullptr;
    }
    return out;
}

RequestSpec VariableResolver::resolve(const RequestSpec &spec, QStringList *unresolved) const
{
    RequestSpec out = spec;
    // httpyac: a request line that starts with '/' is relative to the {{host}} variable.
    out.url = resolve(
        spec.url.startsWith(QLatin1Char('/')) ? QStringLiteral("{{host}}") + spec.url : spec.url, unresolved);
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
    if (spec.auth.kind == AuthKind::OAuth1) {
        for (const OAuth1Field &field : oauth1Fields()) {
            out.auth.oauth1.*field.member = resolve(spec.auth.oauth1.*field.member, unresolved);
        }
    }
    return out;
}

} // namespace ApiLens::Core
