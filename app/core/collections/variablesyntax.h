#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace ApiLens::Core {

// One grammar for {{variable}} references, shared by the resolver, the editor's marks, the
// request builder, the .http writer and the importers: "{{", optional spaces, an expression on
// one line that does not start with a space or a brace and whose own braces pair up, optional
// spaces, "}}". The expression is a name (host), a dynamic variable ($uuid, $randomInt 1 9), a
// chain (login.response.body.$.token) or httpyac's JavaScript ({{ JSON.stringify({a: 1}) }}).
struct VariableReference
{
    qsizetype start = 0;  // where "{{" is
    qsizetype length = 0; // through "}}"
    QString expression;   // without the braces and the spaces around it
};

QList<VariableReference> variableReferences(const QString &text);
// The expressions referenced in `text`, each once, in order.
QStringList variableNames(const QString &text);
// `text` with each reference replaced by what `value` gives for its expression; a reference
// it has no value for (nullopt) stays as written.
QString replaceVariables(const QString &text,
                         const std::function<std::optional<QString>(const QString &expression)> &value);
// `text` encoded for a URL or a form body, its {{variables}} left as written so they still
// resolve when the request is sent.
QByteArray encodeKeepingVariables(const QString &text, QByteArray (*encode)(const QString &));

} // namespace ApiLens::Core
