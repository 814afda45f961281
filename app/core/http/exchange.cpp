#include "exchange.h"

#include "bodyformatter.h"
#include "util/format.h"

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

int Exchange::redirectCount() const
{
    int count = 0;
    for (const Hop &hop : hops) {
        count += hop.kind == Hop::Kind::Redirect ? 1 : 0;
    }
    return count;
}

QString Exchange::displayReason() const
{
    if (!reason.trimmed().isEmpty()) {
        return QString::fromUtf8(reason.trimmed());
    }
    return standardReasonPhrase(status);
}

QString sentRequestText(const SentRequest &sent)
{
    QString text;
    if (sent.httpVersion.isEmpty()) {
        text += QStringLiteral("(not sent: it did not reach the wire; this is what was to go)\n");
    } else if (!sent.via.isEmpty()) {
        text += QStringLiteral("(through %1)\n").arg(sent.via);
    }
    text += QStringLiteral("%1 %2 %3\n")
                .arg(QString::fromLatin1(sent.method), QString::fromUtf8(sent.target),
                     sent.httpVersion.isEmpty() ? QStringLiteral("HTTP/1.1") : sent.httpVersion);
    for (const auto &header : sent.headers) {
        text += QString::fromLatin1(header.first) + QStringLiteral(": ") + QString::fromUtf8(header.second) +
                QLatin1Char('\n');
    }
    if (sent.bodySize > 0) {
        text += QLatin1Char('\n');
        if (!sent.bodyDescription.isEmpty()) {
            text += QStringLiteral("[%1]\n").arg(sent.bodyDescription);
        } else if (sent.bodyPreview.contains('\0')) {
            text += hexDump(sent.bodyPreview);
        } else {
            text += QString::fromUtf8(sent.bodyPreview);
            if (sent.bodyPreview.size() < sent.bodySize) {
                text +=
                    QStringLiteral("\n[… %1 more]").arg(humanSize(sent.bodySize - sent.bodyPreview.size()));
            }
        }
    }
    return text;
}

QString sentExchangeText(const Exchange &exchange)
{
    QString text;
    for (const Hop &hop : exchange.hops) {
        text += sentRequestText(hop.request);
        const QString status =
            QStringLiteral("%1 %2 %3")
                .arg(QString::fromLatin1(hop.response.version))
                .arg(hop.response.status)
                .arg(hop.response.reason.isEmpty() ? standardReasonPhrase(hop.response.status)
                                                   : QString::fromUtf8(hop.response.reason));
        text += hop.kind == Hop::Kind::Redirect
                    ? QStringLiteral("\n↳ %1, Location: %2 (followed)\n\n")
                          .arg(status, QString::fromUtf8(headerValue(hop.response.headers, "Location")))
                    : QStringLiteral("\n↳ %1, answered with Digest credentials\n\n").arg(status);
    }
    return text + sentRequestText(exchange.request);
}

std::optional<QByteArray> readableBody(const Exchange &exchange)
{
    return exchange.body.size() > ReadBodyLimitBytes ? std::nullopt
                                                     : std::optional<QByteArray>(exchange.body.bytes());
}

} // namespace ApiLens::Core
