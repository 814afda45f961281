#include "exchangejson.h"

#include <QJsonArray>

namespace ApiLens::Core {

namespace {

QJsonValue ms(double value)
{
    return value < 0 ? QJsonValue() : QJsonValue(qRound64(value * 1000.0) / 1000.0);
}

} // namespace

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
        {QStringLiteral("body_size"), exchange.body.size()},
        {QStringLiteral("timings_ms"), timings},
        {QStringLiteral("error"), report && report->isError() ? QJsonValue(report->toJson()) : QJsonValue()},
        {QStringLiteral("transport_error"), QJsonValue()},
    };
    if (exchange.error != TransportError::None) {
        record.insert(QStringLiteral("transport_error"),
                      QJsonObject{{QStringLiteral("kind"), transportErrorId(exchange.error)},
                                  {QStringLiteral("message"), exchange.errorMessage}});
    }
    return record;
}

} // namespace ApiLens::Core
