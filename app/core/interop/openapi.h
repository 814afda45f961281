#pragma once

#include "importresult.h"

namespace ApiLens::Core {

// OpenAPI 3.0 and 3.1 descriptions, JSON or YAML: one request per operation, in one .http file
// per tag (the file of its first tag; untagged ones in a file named after the API), with
//  - the URL as {{baseUrl}} + the path, path parameters as {{variables}} (file variables when the
//    description gives an example or default), required query/header/cookie parameters and
//    those with an example; the optional ones listed in a comment;
//  - a body from the request body's example, else made from its schema (JSON, form, multipart,
//    text), and Accept from the success response;
//  - auth from the security schemes (bearer, basic, API key in a header, query or cookie; OAuth 2
//    and OpenID Connect as a bearer token), each secret a {{variable}} named after its scheme;
//  - baseUrl from the servers ($shared, and one environment per server when there are several);
//  - each operation's documented responses in `catalog` (kind "api"), so the error inspector can
//    say what the description says a 409 on that endpoint means.
// $refs inside the document are followed (cycles stop); references to other files are reported.
ImportResult importOpenApi(const QByteArray &bytes);

// An "openapi: 3..." or "swagger: ..." document, JSON or YAML.
bool isOpenApi(const QByteArray &bytes);

} // namespace ApiLens::Core
