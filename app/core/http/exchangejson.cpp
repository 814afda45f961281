#include "exchangejson.h"

#include <QJsonArray>

namespace ApiLens::Core {

namespace {

QJsonValue ms(double value)
{
    return value < 0 ? QJsonValue() : QJsonValue(qRound64(value * 1000.0) / 1000.0);
}

QJsonArray headerPairs(const HeaderList &headers)
{
    QJsonArray pairs;
    for (const Header &header : headers) {
        pairs.append(QJsonArray{QString::fromLatin1(header.first), QString::fromUtf8(header.second)});
    }
    return pairs;
}

QJsonObject sentJson(const SentRequest &sent)
{
    QJsonObject object{{QStringLiteral("method"), QString::fromLatin1(sent.method)},
                       {QStringLiteral("url"), sent.url.toString(QUrl::FullyEncoded)},
                       {QStringLiteral("target"), QString::fromUtf8(sent.target)},
                       {QStringLiteral("http_version"),
                        sent.httpVersion.isEmpty() ? QJsonValue() : QJsonValue(sent.httpVersion)},
                       {QStringLiteral("headers"), headerPairs(sent.headers)},
                       {QStringLiteral("body_size"), sent.bodySize}};
    if (!sent.via.isEmpty()) {
        object.insert(QStringLiteral("via"), sent.via);
    }
    return object;
}

} // namespace

QJsonArray sentRequestsJson(const Exchange &exchange)
{
    QJsonArray requests;
    for (const Hop &hop : exchange.hops) {
        QJsonObject object = sentJson(hop.request);
        object.insert(QStringLiteral("response"),
                      QJsonObject{{QStringLiteral("status"), hop.response.status},
                                  {QStringLiteral("reason"), QString::fromUtf8(hop.response.reason)},
                                  {QStringLiteral("headers"), headerPairs(hop.response.headers)}});
        requests.append(object);
    }
    requests.append(sentJson(exchange.request));
    return requests;
}

QJsonObject exchangeToJson(const Exchange &exchange, const ErrorReport *report)
{
    QJsonObject headers;
    for (const auto &header : exchange.headers) {
        const QString name = QString::fromLatin1(header.first).toLower();
        const QString value = QString::fromUtf8(header.second);
        // Repeated headers are joined as HTTP allows (RFC 9110 §5.3), Set-Cookie aside.
        if (headers.contains(name)) {
            const QString sep =
                name == QLatin1String("set-cookie") ? QStringLiteral("\n") : QStringLiteral(", ");
            headers.insert(name, QString(headers.value(name).toString() + sep + value));
        } else {
            headers.insert(name, value);
        }
    }
    const Timings &t = exchange.timings;
    const QJsonObject timings{{QStringLiteral("connect_start"), ms(t.connectStartMs)},
                              {QStringLiteral("dns_done"), ms(t.resolvedMs)},
                              {QStringLiteral("connected"), ms(t.connectedMs)},
                              {QStringLiteral("tls_done"), ms(t.encryptedMs)},
                              {QStringLiteral("request_sent"), ms(t.requestSentMs)},
                              {QStringLiteral("first_byte"), ms(t.firstByteMs)},
                              {QStringLiteral("total"), ms(t.finishedMs)}};
    QJsonObject record{
        {QStringLiteral("status"), exchange.hasResponse() ? QJsonValue(exchange.status) : QJsonValue()},
        {QStringLiteral("status_class"), statusClassId(exchange.statusClass())},
        {QStringLiteral("reason"),
         exchange.hasResponse() ? QJsonValue(exchange.displayReason()) : QJsonValue()},
        {QStringLiteral("headers"), headers},
        {QStringLiteral("body_size"), exchange.bodySize()},
        {QStringLiteral("timings_ms"), timings},
        {QStringLiteral("error"), report && report->isError() ? QJsonValue(report->toJson()) : QJsonValue()},
        {QStringLiteral("transport_error"), QJsonValue()},
        {QStringLiteral("sent"), sentRequestsJson(exchange)},
    };
    if (exchange.error != TransportError::None) {
        record.insert(QStringLiteral("transport_error"),
                      QJsonObject{{QStringLiteral("kind"), transportErrorId(exchange.error)},
                                  {QStringLiteral("message"), exchange.errorMessage}});
    }
    return record;
}

} // namespace ApiLens::Core
