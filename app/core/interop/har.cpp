#include "har.h"

#include "collections/variables.h"
#include "http/secrets.h"
#include "importer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

namespace ApiLens::Core {

namespace {

QString fileNameForHost(const QString &host)
{
    QString name = host.isEmpty() ? QStringLiteral("requests") : host;
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("_"));
    return name + QStringLiteral(".http");
}

} // namespace

// The import as read; the public function checks that a .http file can hold it.
static ImportResult readHar(const QByteArray &json);

ImportResult importHar(const QByteArray &json)
{
    ImportResult result = readHar(json);
    keepWritable(&result);
    return result;
}

ImportResult readHar(const QByteArray &json)
{
    ImportResult result;
    const std::optional<QJsonDocument> parsed = parseJson(json, &result.error);
    if (!parsed) {
        return result;
    }
    const QJsonDocument &document = *parsed;
    const QJsonObject log = document.object().value(QStringLiteral("log")).toObject();
    if (log.isEmpty()) {
        result.error = QStringLiteral("not a HAR file: no \"log\" object at the top");
        return result;
    }
    const QString version = log.value(QStringLiteral("version")).toString();
    if (!version.isEmpty() && version != QLatin1String("1.2") && version != QLatin1String("1.1")) {
        result.error = QStringLiteral("HAR version %1 is not one this version reads (1.1, 1.2)").arg(version);
        return result;
    }
    const QJsonArray entries = log.value(QStringLiteral("entries")).toArray();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QJsonObject request = entries.at(i).toObject().value(QStringLiteral("request")).toObject();
        const QString where = QStringLiteral("log.entries[%1].request").arg(i);
        const QString method = request.value(QStringLiteral("method")).toString();
        const QString url = request.value(QStringLiteral("url")).toString();
        if (method.isEmpty() || url.isEmpty()) {
            result.warnings.append(QStringLiteral("%1: no method or URL; skipped").arg(where));
            continue;
        }
        RequestSpec spec;
        spec.method = method;
        spec.url = url;
        for (const QJsonValue &value : request.value(QStringLiteral("headers")).toArray()) {
            const QString name = value.toObject().value(QStringLiteral("name")).toString();
            const QString headerValue = value.toObject().value(QStringLiteral("value")).toString();
            if (name.isEmpty() || name.startsWith(QLatin1Char(':')) ||
                name.compare(QLatin1String("Host"), Qt::CaseInsensitive) == 0 ||
                name.compare(QLatin1String("Content-Length"), Qt::CaseInsensitive) == 0 ||
                name.compare(QLatin1String("Connection"), Qt::CaseInsensitive) == 0) {
                continue;
            }
            spec.headers.append(KeyValue{name, headerValue, true});
        }
        const QJsonObject postData = request.value(QStringLiteral("postData")).toObject();
        if (!postData.isEmpty()) {
            const QString mimeType = postData.value(QStringLiteral("mimeType")).toString();
            const QJsonArray params = postData.value(QStringLiteral("params")).toArray();
            if (postData.contains(QStringLiteral("text"))) {
                spec.body.kind = BodyKind::Raw;
                spec.body.raw = postData.value(QStringLiteral("text")).toString().toUtf8();
                spec.body.contentType = mimeType;
            } else if (!params.isEmpty() && mimeType.startsWith(QLatin1String("multipart/form-data"))) {
                spec.body.kind = BodyKind::Multipart;
                for (const QJsonValue &value : params) {
                    const QJsonObject param = value.toObject();
                    MultipartPart part;
                    part.name = param.value(QStringLiteral("name")).toString();
                    part.value = param.value(QStringLiteral("value")).toString();
                    part.contentType = param.value(QStringLiteral("contentType")).toString();
                    if (param.contains(QStringLiteral("fileName"))) {
                        part.filePath = param.value(QStringLiteral("fileName")).toString();
                        result.warnings.append(QStringLiteral("%1: the file \"%2\" is named, not included; "
                                                              "put it next to the .http file")
                                                   .arg(where, part.filePath));
                    }
                    spec.body.parts.append(part);
                }
                // The captured Content-Type names the capture's boundary, not ours.
                spec.headers.removeIf([](const KeyValue &header) {
                    return header.name.compare(QLatin1String("Content-Type"), Qt::CaseInsensitive) == 0;
                });
            } else if (!params.isEmpty()) {
                spec.body.kind = BodyKind::UrlEncoded;
                for (const QJsonValue &value : params) {
                    spec.body.form.append(KeyValue{value.toObject().value(QStringLiteral("name")).toString(),
                                                   value.toObject().value(QStringLiteral("value")).toString(),
                                                   true});
                }
            }
        }
        result.requests.append(
            {fileNameForHost(QUrl(url).host()), defaultRequestName(spec), spec, {}, {}, {}, {}});
    }
    if (result.requests.isEmpty() && result.warnings.isEmpty()) {
        result.warnings.append(QStringLiteral("the HAR file has no entries"));
    }
    return result;
}

namespace {

QJsonArray harHeaders(const HeaderList &headers, bool includeSecrets)
{
    QJsonArray array;
    for (const auto &header : headers) {
        const bool secret = !includeSecrets && isSecretName(header.first);
        array.append(QJsonObject{
            {QStringLiteral("name"), QString::fromLatin1(header.first)},
            {QStringLiteral("value"), secret ? redactedMarker() : QString::fromUtf8(header.second)}});
    }
    return array;
}

QString headerOf(const HeaderList &headers, const QByteArray &name)
{
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0) {
            return QString::fromUtf8(header.second);
        }
    }
    return {};
}

} // namespace

QByteArray exportHar(const QList<StoredExchange> &exchanges, const HarOptions &options)
{
    QJsonArray entries;
    for (const StoredExchange &stored : exchanges) {
        const HistoryEntry &entry = stored.entry;
        // Entries recorded before the history left query secrets out still hold them.
        const QString url = options.includeSecrets
                                ? entry.url
                                : withoutSecretQuery(QUrl(entry.url), redactedMarker()).toString();
        QJsonArray query;
        for (const auto &item : QUrlQuery(QUrl(url)).queryItems(QUrl::FullyDecoded)) {
            query.append(
                QJsonObject{{QStringLiteral("name"), item.first}, {QStringLiteral("value"), item.second}});
        }
        // The version the exchange used (older entries did not keep it: HTTP/1.1 then).
        const QString version =
            stored.httpVersion.isEmpty() ? QStringLiteral("HTTP/1.1") : stored.httpVersion;
        QJsonObject request{
            {QStringLiteral("method"), entry.method},
            {QStringLiteral("url"), url},
            {QStringLiteral("httpVersion"), version},
            {QStringLiteral("cookies"), QJsonArray()},
            {QStringLiteral("headers"), harHeaders(stored.requestHeaders, options.includeSecrets)},
            {QStringLiteral("queryString"), query},
            {QStringLiteral("headersSize"), -1},
            {QStringLiteral("bodySize"), stored.requestBody.size()}};
        if (!stored.requestBody.isEmpty()) {
            request.insert(
                QStringLiteral("postData"),
                QJsonObject{{QStringLiteral("mimeType"), headerOf(stored.requestHeaders, "Content-Type")},
                            {QStringLiteral("text"), QString::fromUtf8(stored.requestBody)}});
        }
        QJsonObject content{{QStringLiteral("size"), double(entry.size)},
                            {QStringLiteral("mimeType"), headerOf(stored.responseHeaders, "Content-Type")},
                            {QStringLiteral("text"), QString::fromUtf8(stored.responseBody)}};
        if (stored.bodyTruncated) {
            content.insert(QStringLiteral("comment"), QStringLiteral("body cut at the history's size limit"));
        }
        const QJsonObject response{
            {QStringLiteral("status"), entry.status},
            {QStringLiteral("statusText"), QString::fromUtf8(stored.reason)},
            {QStringLiteral("httpVersion"), version},
            {QStringLiteral("cookies"), QJsonArray()},
            {QStringLiteral("headers"), harHeaders(stored.responseHeaders, options.includeSecrets)},
            {QStringLiteral("content"), content},
            {QStringLiteral("redirectURL"), headerOf(stored.responseHeaders, "Location")},
            {QStringLiteral("headersSize"), -1},
            {QStringLiteral("bodySize"), double(entry.size)}};
        const double total = qMax(0.0, entry.durationMs);
        QJsonObject item{
            {QStringLiteral("startedDateTime"), entry.started.toUTC().toString(Qt::ISODateWithMs)},
            {QStringLiteral("time"), total},
            {QStringLiteral("request"), request},
            {QStringLiteral("response"), response},
            {QStringLiteral("cache"), QJsonObject()},
            {QStringLiteral("timings"), QJsonObject{{QStringLiteral("send"), 0},
                                                    {QStringLiteral("wait"), total},
                                                    {QStringLiteral("receive"), 0}}}};
        if (!entry.name.isEmpty()) {
            item.insert(QStringLiteral("comment"), entry.name);
        }
        if (!entry.transportError.isEmpty()) {
            item.insert(QStringLiteral("_error"), entry.transportError);
        }
        entries.append(item);
    }
    const QJsonObject log{
        {QStringLiteral("version"), QStringLiteral("1.2")},
        {QStringLiteral("creator"), QJsonObject{{QStringLiteral("name"), QStringLiteral("ApiLens")},
                                                {QStringLiteral("version"), options.creatorVersion}}},
        {QStringLiteral("entries"), entries}};
    return QJsonDocument(QJsonObject{{QStringLiteral("log"), log}}).toJson(QJsonDocument::Indented);
}

QByteArray exportHistoryHar(const HistoryStore &store, int limit, const HarOptions &options, int *count)
{
    HistoryFilter filter;
    filter.limit = limit > 0 ? limit : 1000;
    QList<StoredExchange> exchanges;
    const QList<HistoryEntry> entries = store.find(filter);
    for (auto it = entries.crbegin(); it != entries.crend(); ++it) { // newest first in, oldest first out
        if (const auto stored = store.load(it->id)) {
            exchanges.append(*stored);
        }
    }
    *count = int(exchanges.size());
    return exportHar(exchanges, options);
}

} // namespace ApiLens::Core
