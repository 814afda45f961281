#pragma once

#include "requestspec.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace ApiLens::Core {

struct WireRequest;

// OAuth 1.0a request signing (RFC 5849 §3.4), as Postman and newman sign: the parameters
// of the query, of a form body and the oauth_* ones, sorted and encoded into the base string,
// signed with HMAC-SHA1/256/512 (or PLAINTEXT), and sent in the Authorization header, the
// query or the form body.

// RFC 3986 percent-encoding (RFC 5849 §3.6): every byte but ALPHA, DIGIT, '-', '.', '_', '~'.
QByteArray oauthEncode(const QString &text);

// A parameter; a name written without '=' has no value.
using OAuthParameter = QPair<QString, std::optional<QString>>;
// "a=1&b&c=x+y" read as a form (RFC 5849 §3.4.1.3.1): '+' is a space, %XX decoded.
QList<OAuthParameter> oauthDecodeForm(const QByteArray &form);

// The signature base string: METHOD&base-URI&normalized-parameters (RFC 5849 §3.4.1).
QByteArray oauthBaseString(const QByteArray &method, const QByteArray &baseUri,
                           const QList<OAuthParameter> &parameters);

// The signature of a base string with the consumer and token secrets; nullopt for a method
// ApiLens does not sign with (RSA-SHA*, which needs a private key).
std::optional<QByteArray> oauthSignature(const QString &method, const QByteArray &baseString,
                                         const QString &consumerSecret, const QString &tokenSecret);

// Signs a request that is ready for the wire: removes what an earlier signature left
// (Authorization, oauth_* in the query or form body) and adds the new one where `settings`
// say. Nothing happens without a consumer key and secret (newman sends the request unsigned
// then). False with `error` when it cannot be signed.
bool signOAuth1(const OAuth1Settings &settings, WireRequest *request, QString *error);

} // namespace ApiLens::Core
