#pragma once

#include "har.h"

namespace ApiLens::Core {

// A Postman Collection v2.0 or v2.1 export: folders become folders with one .http file each
// (requests at the top go in "<collection>.http"), collection and folder variables become file
// variables, auth is inherited as Postman does (request, then folders, then the collection),
// raw/urlencoded/formdata/file/GraphQL bodies, disabled items left out, descriptions as comments,
// test scripts kept as "> {% %}" and pre-request scripts as comments (neither is run), saved
// example responses as raw response files under examples/ (readable by `apilens-cli inspect`).
// A Postman environment export becomes an environment (secret values go to the private file).
ImportResult importPostman(const QByteArray &json);
bool isPostmanCollection(const QByteArray &json);

// A collection folder (or one .http file) as a Postman Collection v2.1 that newman runs:
// one folder per .http file, file variables written into the requests (newman does not
// resolve folder variables), `variables` (an environment's values) as collection variables, `# @no-redirect`
// as the request's redirect setting. What it cannot carry (assertions, scripts, body files' contents) goes to
// `lost`.
QByteArray exportPostman(const QString &path, const QHash<QString, QString> &variables, QStringList *lost);

} // namespace ApiLens::Core
