#pragma once

#include "http/exchange.h"
#include "http/requestspec.h"

#include <QHash>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace ApiLens::Core {

// The environments of a collection folder: http-client.env.json (shared) and
// http-client.private.env.json (secrets), each {"env": {"name": "value"}} with an optional
// "$shared" environment whose values every environment inherits.
class Environments
{
public:
    // Missing files are fine; broken ones are reported (file:line) and skipped. With
    // `projectRoot` (an ancestor of `folder`) the folders between count too, as httpyac reads
    // them: their http-client.env.json files (the nearer folder winning), and in every folder
    // from the root down the dotenv files .env (all environments), NAME.env and .env.NAME, whose
    // values are private (never exported) and sit below those of the JSON files.
    static Environments load(const QString &folder, QStringList *errors, const QString &projectRoot = {});
    static Environments fromJson(const QByteArray &publicJson, const QByteArray &privateJson,
                                 QStringList *errors);

    QStringList names() const; // without "$shared"
    bool contains(const QString &name) const { return names().contains(name); }
    // Public values, then private ones; "$shared" first in each.
    QHash<QString, QString> publicVariables(const QString &environment) const;
    QHash<QString, QString> privateVariables(const QString &environment) const;
    bool isSecret(const QString &environment, const QString &variable) const;

    // Editing (the environment editor). One environment's own values, without "$shared".
    QStringList allNames() const; // with "$shared" when it exists
    QHash<QString, QString> ownVariables(const QString &environment, bool secret) const;
    void setEnvironment(const QString &environment, const QHash<QString, QString> &publicValues,
                        const QHash<QString, QString> &secretValues);
    void removeEnvironment(const QString &environment);
    // Writes http-client.env.json and http-client.private.env.json atomically (the private
    // file only when it has values or exists) and lists the private file in the folder's
    // .gitignore. False with a message when a file cannot be written.
    bool save(const QString &folder, QString *error) const;

    static QString publicFileName() { return QStringLiteral("http-client.env.json"); }
    static QString privateFileName() { return QStringLiteral("http-client.private.env.json"); }
    // The environment whose values every environment inherits (and the one used with none chosen).
    static QString sharedName() { return QStringLiteral("$shared"); }

private:
    using Layers = QHash<QString, QHash<QString, QString>>; // environment -> variables
    Layers m_public; // the folder's own files: what the editor edits and save() writes
    Layers m_private;
    Layers m_inheritedPublic; // from the folders above, up to the project root
    Layers m_inheritedPrivate;
    // From .env files in folder order, root first ("$shared" for .env itself): a nearer
    // folder's .env wins over a farther NAME.env, as in httpyac.
    QList<QPair<QString, QHash<QString, QString>>> m_dotenv;
    QHash<QString, QString> dotenvVariables(const QString &environment) const;
};

// Resolves {{name}} in requests: request and file variables first, then the private
// environment, then the public one; dynamic variables ({{$uuid}}, {{$guid}},
// {{$timestamp}}, {{$isoTimestamp}}, {{$randomInt [min max]}}); and chaining to earlier
// responses ({{login.response.body.$.token}}, {{login.response.headers.X-Token}}).
class VariableResolver
{
public:
    QHash<QString, QString> requestVariables;
    QHash<QString, QString> privateEnvironment;
    QHash<QString, QString> publicEnvironment;
    QHash<QString, QString> dotenv; // the .env file beside the .http file, for {{$dotenv NAME}}
    // What scripts set (client.global, pm.environment.set, httpyac exports): above every other
    // scope; an object's members read as {{user.id}}.
    QHash<QString, QJsonValue> scriptVariables;
    // The results of httpyac's {{ JavaScript expressions }}, computed by the script host before
    // the request is resolved (see scriptExpressions).
    QHash<QString, QString> expressionValues;
    // The last exchange of a named request, for chaining; null when it has not run.
    std::function<const Exchange *(const QString &requestName)> responses;

    // One value, without the braces; nullopt when it cannot be resolved.
    std::optional<QString> value(const QString &expression, int depth = 0) const;
    // Replaces every {{...}} it can; the names it could not resolve go to `unresolved`.
    QString resolve(const QString &text, QStringList *unresolved) const;
    // The whole request; a URL that starts with '/' is taken relative to {{host}} (httpyac).
    RequestSpec resolve(const RequestSpec &spec, QStringList *unresolved) const;

    // The {{...}} of a request that are JavaScript (httpyac: {{JSON.stringify(x)}},
    // {{$global.token}} is a variable), each once, in order.
    static QStringList scriptExpressions(const RequestSpec &spec);
    static bool isScriptExpression(const QString &expression);

    // A variable's value longer than this (after its own variables) is not resolved: values
    // that refer to others several times could otherwise grow without bound.
    static constexpr qsizetype MaxValueChars = 4 * 1024 * 1024;

private:
    std::optional<QString> scriptValue(const QString &name) const;
    QString resolveText(const QString &text, QStringList *unresolved, int depth) const;
    // A variable of the request, file or environment: false when none has that name.
    bool scopedValue(const QString &name, int depth, std::optional<QString> *value) const;
    // Each variable of the scopes is resolved once per resolve() (a value that refers to
    // itself or to another several times would otherwise take exponential time). Not copied
    // with the resolver: it points into a resolve() that is running.
    struct Resolved
    {
        QHash<QString, std::optional<QString>> *values = nullptr;
        Resolved() = default;
        Resolved(const Resolved &) {}
        Resolved &operator=(const Resolved &) { return *this; } // NOLINT(bugprone-unhandled-self-assignment)
    };
    mutable Resolved m_resolved;
};

// The values of a resolver that are secret, for what reports, exports and the history leave
// out: the private environment's (what the user marked secret), the .env file's, and what
// scripts set under a secret's name (a token a login script kept; see isSecretName).
QStringList secretValues(const VariableResolver &resolver);

// A JSON value as text: strings as they are, numbers and booleans as JSON writes them,
// objects and arrays as compact JSON.
QString jsonValueText(const QJsonValue &value);

// A JSON path such as $.items[0].name or $['a b'].c on a JSON document; nullopt when absent.
std::optional<QJsonValue> jsonPath(const QJsonValue &root, const QString &path);

} // namespace ApiLens::Core
