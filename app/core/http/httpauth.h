#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

namespace ApiLens::Core {

// One challenge of a WWW-Authenticate (or Proxy-Authenticate) field (RFC 9110 §11.2).
struct AuthChallenge
{
    QByteArray scheme;                    // lower case: "basic", "digest", "bearer"…
    QHash<QByteArray, QByteArray> params; // names in lower case, quoted values unquoted
    QByteArray token68;                   // "Negotiate abc==" style
};

// Every challenge in the given field values; one value may hold several
// ("Basic realm=\"a\", Digest realm=\"b\", nonce=\"…\"").
QList<AuthChallenge> parseChallenges(const QList<QByteArray> &values);

struct DigestInput
{
    QByteArray method;
    QByteArray uri;  // the request target, exactly as on the request line
    QByteArray body; // for qop=auth-int
    QString user;
    QString password;
    QByteArray cnonce; // the client nonce (random per request)
    int nonceCount = 1;
};

// The Authorization value that answers the strongest Digest challenge among `challenges`
// (RFC 7616: SHA-256 before MD5, their -sess variants, qop auth or auth-int, userhash, and
// RFC 2069 servers without qop). Empty, with `error` saying why, when none can be answered.
QByteArray digestAuthorization(const QList<AuthChallenge> &challenges, const DigestInput &input,
                               QString *error);

} // namespace ApiLens::Core
