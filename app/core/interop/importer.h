#pragma once

#include "har.h"

#include <QJsonDocument>

#include <optional>

namespace ApiLens::Core {

// Reads what a user dropped or picked: a HAR file, or a text file holding a curl command.
// `fileName` helps tell them apart; `baseDir` is where the files a curl command or a Postman
// collection names are (curl's and newman's working directory; the GUI, which has none, passes
// the folder of the imported file).
ImportResult importAny(const QByteArray &bytes, const QString &fileName, const QString &baseDir);
// A name usable as a file or folder name (no separators or control characters).
QString safeFileName(QString name);
// A JSON document; nullopt with "not valid JSON at line L, column C: reason" when it is not one.
std::optional<QJsonDocument> parseJson(const QByteArray &json, QString *error);

// "METHOD /path": the name an imported request gets when its source has none.
QString defaultRequestName(const RequestSpec &spec);
// "HAR 1.2", "curl command", or empty when it is neither.
QString detectFormat(const QByteArray &bytes, const QString &fileName);

// The curl commands of a pasted script or command file, one request each (see
// parseCurlScript); `name` names the request when there is one.
ImportResult importCurl(const QString &text, const QString &workingDirectory, const QString &name = {});

} // namespace ApiLens::Core
