#include "tlsproblems.h"

#include <QDateTime>
#include <QSslCertificate>

namespace ApiLens::Core {

namespace {

QString commonName(const QSslCertificate &certificate, QSslCertificate::SubjectInfo which)
{
    const QStringList names = certificate.subjectInfo(which);
    return names.isEmpty() ? QStringLiteral("an unnamed certificate") : names.first();
}

QString issuerName(const QSslCertificate &certificate)
{
    const QStringList names = certificate.issuerInfo(QSslCertificate::CommonName);
    const QStringList organisation = certificate.issuerInfo(QSslCertificate::Organization);
    return !names.isEmpty()          ? names.first()
           : !organisation.isEmpty() ? organisation.first()
                                     : QStringLiteral("?");
}

// The names a certificate is valid for: its subjectAltName entries, else its common name.
QString namesOf(const QSslCertificate &certificate)
{
    QStringList names;
    const auto alternatives = certificate.subjectAlternativeNames();
    for (auto it = alternatives.cbegin(); it != alternatives.cend(); ++it) {
        names.append(it.value());
    }
    if (names.isEmpty()) {
        names = certificate.subjectInfo(QSslCertificate::CommonName);
    }
    return names.isEmpty() ? QStringLiteral("no host name") : names.join(QStringLiteral(", "));
}

QString describe(const QSslError &error, const QString &host)
{
    const QSslCertificate certificate = error.certificate();
    switch (error.error()) {
    case QSslError::CertificateExpired:
        return QStringLiteral("the certificate expired on %1")
            .arg(certificate.expiryDate().toUTC().date().toString(Qt::ISODate));
    case QSslError::CertificateNotYetValid:
        return QStringLiteral("the certificate is valid only from %1 (is this machine's clock right?)")
            .arg(certificate.effectiveDate().toUTC().date().toString(Qt::ISODate));
    case QSslError::HostNameMismatch:
        return QStringLiteral("the certificate is for %1, not %2").arg(namesOf(certificate), host);
    case QSslError::SelfSignedCertificate:
        return QStringLiteral("the certificate is self-signed (CN=%1) and not trusted")
            .arg(commonName(certificate, QSslCertificate::CommonName));
    case QSslError::SelfSignedCertificateInChain:
        return QStringLiteral("the chain ends in the self-signed root “%1”, which is not trusted")
            .arg(commonName(certificate, QSslCertificate::CommonName));
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToGetIssuerCertificate:
        return QStringLiteral("the certificate is issued by “%1”, which is not a trusted authority")
            .arg(issuerName(certificate));
    case QSslError::CertificateRevoked:
        return QStringLiteral("the certificate was revoked");
    case QSslError::NoPeerCertificate:
        return QStringLiteral("the server sent no certificate");
    default:
        return error.errorString();
    }
}

int rank(QSslError::SslError error)
{
    switch (error) {
    case QSslError::CertificateExpired:
    case QSslError::CertificateNotYetValid:
    case QSslError::CertificateRevoked:
        return 0;
    case QSslError::HostNameMismatch:
        return 1;
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
        return 2;
    default:
        return 3;
    }
}

} // namespace

QStringList tlsProblems(const QList<QSslError> &errors, const QString &host)
{
    QList<QSslError> sorted = errors;
    std::stable_sort(sorted.begin(), sorted.end(), [](const QSslError &a, const QSslError &b) {
        return rank(a.error()) < rank(b.error());
    });
    const bool issuerSaid = std::any_of(errors.cbegin(), errors.cend(), [](const QSslError &e) {
        return e.error() == QSslError::UnableToGetLocalIssuerCertificate ||
               e.error() == QSslError::UnableToGetIssuerCertificate ||
               e.error() == QSslError::SelfSignedCertificate ||
               e.error() == QSslError::SelfSignedCertificateInChain;
    });
    QStringList problems;
    for (const QSslError &error : sorted) {
        // "No certificates could be verified", "not trusted for this purpose": what follows
        // from an issuer already named.
        if (issuerSaid && (error.error() == QSslError::UnableToVerifyFirstCertificate ||
                           error.error() == QSslError::CertificateUntrusted)) {
            continue;
        }
        const QString problem = describe(error, host);
        if (!problems.contains(problem)) {
            problems.append(problem);
        }
    }
    return problems;
}

QString tlsAlertMessage(const QString &origin, QSsl::AlertType alert, const QString &description)
{
    switch (alert) {
    case QSsl::AlertType::CertificateRequired:
        return QStringLiteral("%1 asks for a client certificate and ended the TLS session without one "
                              "(alert: certificate required)")
            .arg(origin);
    case QSsl::AlertType::BadCertificate:
    case QSsl::AlertType::UnsupportedCertificate:
    case QSsl::AlertType::CertificateUnknown:
    case QSsl::AlertType::UnknownCa:
        return QStringLiteral("%1 refused the client certificate (alert: %2)").arg(origin, description);
    case QSsl::AlertType::ProtocolVersion:
        return QStringLiteral("%1 speaks no TLS version this client offers (alert: %2)")
            .arg(origin, description);
    case QSsl::AlertType::HandshakeFailure:
        return QStringLiteral(
                   "%1 found nothing in common with this client to secure the connection (alert: %2)")
            .arg(origin, description);
    default:
        return QStringLiteral("%1 ended the TLS session (alert: %2)").arg(origin, description);
    }
}

} // namespace ApiLens::Core
