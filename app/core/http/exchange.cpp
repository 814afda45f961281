#include "exchange.h"

namespace ApiLens::Core {

QByteArray headerValue(const HeaderList &headers, const QByteArray &name)
{
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0) {
            return header.second;
        }
    }
    return {};
}

QString transportErrorId(TransportError error)
{
    switch (error) {
    case TransportError::None:
        return QStringLiteral("none");
    case TransportError::InvalidRequest:
        return QStringLiteral("invalid-request");
    case TransportError::ConnectionRefused:
        return QStringLiteral("refused");
    case TransportError::HostNotFound:
        return QStringLiteral("dns");
    case TransportError::Timeout:
        return QStringLiteral("timeout");
    case TransportError::Tls:
        return QStringLiteral("tls");
    case TransportError::TooManyRedirects:
        return QStringLiteral("too-many-redirects");
    case TransportError::Protocol:
        return QStringLiteral("protocol");
    case TransportError::RemoteClosed:
        return QStringLiteral("closed");
    case TransportError::Proxy:
        return QStringLiteral("proxy");
    case TransportError::Cancelled:
        return QStringLiteral("cancelled");
    case TransportError::BodyTooLarge:
        return QStringLiteral("body-too-large");
    case TransportError::Other:
        break;
    }
    return QStringLiteral("other");
}

QString transportErrorTitle(TransportError error)
{
    switch (error) {
    case TransportError::None:
        return {};
    case TransportError::InvalidRequest:
        return QStringLiteral("Request not sent");
    case TransportError::ConnectionRefused:
        return QStringLiteral("Connection refused");
    case TransportError::HostNotFound:
        return QStringLiteral("Host not found");
    case TransportError::Timeout:
        return QStringLiteral("Timed out");
    case TransportError::Tls:
        return QStringLiteral("TLS failure");
    case TransportError::TooManyRedirects:
        return QStringLiteral("Too many redirects");
    case TransportError::Protocol:
        return QStringLiteral("Protocol error");
    case TransportError::RemoteClosed:
        return QStringLiteral("Connection closed");
    case TransportError::Proxy:
        return QStringLiteral("Proxy failure");
    case TransportError::Cancelled:
        return QStringLiteral("Cancelled");
    case TransportError::BodyTooLarge:
        return QStringLiteral("Response too large");
    case TransportError::Other:
        break;
    }
    return QStringLiteral("Network error");
}

QString Exchange::displayReason() const
{
    if (!reason.trimmed().isEmpty()) {
        return QString::fromUtf8(reason.trimmed());
    }
    return standardReasonPhrase(status);
}

} // namespace ApiLens::Core
