#pragma once

#include <QList>
#include <QSslError>
#include <QString>
#include <QStringList>

namespace ApiLens::Core {

// What is wrong with a server's certificate, in words a person acts on: "the certificate
// expired on 2020-02-01", "the certificate is for other.example, not 127.0.0.1", "issued by
// “ACME CA”, which is not a trusted authority", "the certificate is self-signed (CN=dev)". One
// entry per problem, most specific first; OpenSSL's follow-on errors ("No certificates could
// be verified" beside an unknown issuer) are folded into the one they follow from.
QStringList tlsProblems(const QList<QSslError> &errors, const QString &host);

// Why a server ended a TLS session with a fatal alert: a demanded client certificate, a
// handshake it refused, a protocol version it does not speak…
QString tlsAlertMessage(const QString &origin, QSsl::AlertType alert, const QString &description);

} // namespace ApiLens::Core
