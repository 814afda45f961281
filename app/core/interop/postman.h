#pragma once

#include "har.h"

namespace ApiLens::Core {

// A Postman Collection v2.0 or v2.1 export: folders become folders with one .http file each
// (requests at the top go in "<collection>.http"), collection variables go to the $shared
// environment (so an environment overrides them, as in Postman and newman; folder variables,
// which neither uses, become a comment), auth is inherited as Postman does (request, then
// folders, then the collection), protocolProfileBehavior (redirects, TLS, disabled system
// headers) carried over,
// raw/urlencoded/formdata/file/GraphQL bodies, disabled items left out, descriptions as comments,
// test scripts kept as "> {% %}" and pre-request scripts as comments (neither is run), saved
// example responses as raw response files under examples/ (readable by `apilens-cli inspect`).
// A Postman environment export becomes an environment (secret values go to the private file).
// Files of form-data and file bodies named by a relative path are in `workingDirectory`, as
// newman finds them (its --working-dir); empty leaves them relative.
ImportResult importPostman(const QByteArray &json, const QString &workingDirectory = {});
bool isPostmanCollection(const QByteArray &json);

// A collection folder (or one .http file) as a Postman Collection v2.1 that newman runs with
// the requests ApiLens sends: one folder per .http file; {{variables}} kept, with `variables`
// (the $shared and chosen environment's public values) and the files' own variables as
// collection variables (a file variable that differs from another file's or the environment's
// is written into its requests); multipart bodies as form data and body files as file bodies
// (paths relative to the collection, for newman --working-dir); the Postman scripts an import
// kept as events; # @no-redirect and switched-off defaults as protocolProfileBehavior. What
// it cannot carry (assertions, other scripts) goes to `lost`.
QByteArray exportPostman(const QString &path, const QHash<QString, QString> &variables, QStringList *lost);

} // namespace ApiLens::Core
