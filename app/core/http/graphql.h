#pragma once

#include "requestspec.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace ApiLens::Core {

// A GraphQL fragment written in a .http file outside any request ("fragment Parts on Repo {"
// up to a blank line), for the queries of that file that spread it ("...Parts").
struct GraphqlFragment
{
    QString name;
    QString text;
};

// Whether a line starts a fragment definition ("fragment Name on Type"); its name if so.
std::optional<QString> graphqlFragmentName(const QString &line);

// Whether a request's body is a GraphQL operation to be sent as JSON: always for the GRAPHQL
// method (the JetBrains client), and for any method when the body's first line starts with
// "query" or "mutation" (httpyac).
bool isGraphqlRequest(const QString &method, const QByteArray &body);

// The JSON body a GraphQL request sends, from its body as written (variables resolved): the
// operation up to the first blank line, then the variables as JSON. {"query": operation and
// the fragments it spreads, "operationName": the operation's name when it has one,
// "variables": the variables, compact, in their own key order}. An error naming what is
// wrong when the variables are not JSON.
struct GraphqlPayload
{
    QByteArray json;
    QString error;
};
GraphqlPayload graphqlPayload(const QByteArray &body, const QList<GraphqlFragment> &fragments);

// Makes a resolved GraphQL request what goes out: a text body that isGraphqlRequest() its
// JSON, the GRAPHQL method POST, and Content-Type application/json unless the request sets
// one. Other requests are left as they are. The error of graphqlPayload() when there is one.
QString applyGraphql(RequestSpec *spec, const QList<GraphqlFragment> &fragments);

} // namespace ApiLens::Core
