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

} // namespace ApiLens::Core
