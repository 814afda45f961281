#pragma once

#include "http/requestspec.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace ApiLens::Core {

class HttpDocument;
class VariableResolver;

// The request as a command that sends the same request (Request › Copy As).
QString toCurl(const RequestSpec &spec);
QString toHttpie(const RequestSpec &spec);
QString toPythonRequests(const RequestSpec &spec);
QString toFetch(const RequestSpec &spec);

struct CurlCommand
{
    QString name; // the request's name; empty when it has none
    QString command;
};
// Each request of a .http document as a curl command, variables resolved by `resolver` and the
// document's own file variables; names left unresolved are added (once) to `unresolved`.
QList<CurlCommand> curlCommands(const HttpDocument &document, const VariableResolver &resolver,
                                QStringList *unresolved);
// The requests of a .http file, or of every .http file in a collection folder, as a shell
// script of curl commands (a comment names each file and request). Variables resolve with
// `resolver` and each file's own; those left (secrets not given) stay {{name}} and are listed
// in `unresolved`. Nullopt with `error` when the path cannot be read.
std::optional<QByteArray> toCurlScript(const QString &path, const VariableResolver &resolver,
                                       QStringList *unresolved, int *requests, QString *error);

} // namespace ApiLens::Core
