#include "requestspecjson.h"
#include "secrets.h"

#include "collections/variablesyntax.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace ApiLens::Core {

namespace {

QJsonArray pairsToJson(const QList<KeyValue> &pairs)
{
    QJsonArray array;
    for (const KeyValue &pair : pairs) {
        QJsonObject object{{QStringLiteral("name"), pair.name}, {QStringLiteral("value"), pair.value}};
        if (!pair.enabled) {
            object.insert(QStringLiteral("enabled"), false);
        }
        array.append(object);
    }
    return array;
}

QList<KeyValue> pairsFromJson(const QJsonValue &value)
{
    QList<KeyValue> pairs;
    for (const QJsonValue &item : value.toArray()) {
        const QJsonObject object = item.toObject();
        pairs.append({object.value(QStringLiteral("name")).toString(),
                      object.value(QStringLiteral("value")).toString(),
                      object.value(QStringLiteral("enabled")).toBool(true)});
    }
    return pairs;
}

QJsonObject bodyToJson(const RequestBody &body)
{
    QJsonArray parts;
    for (const MultipartPart &part : body.parts) {
        parts.append(QJsonObject{{QStringLiteral("name"), part.name},
                                 {QStringLiteral("value"), part.value},
                                 {QStringLiteral("file"), part.filePath},
                                 {QStringLiteral("type"), part.contentType},
                                 {QStringLiteral("enabled"), part.enabled},
                                 {QStringLiteral("fileName"), part.fileName}});
    }
    return QJsonObject{{QStringLiteral("kind"), int(body.kind)},
                       {QStringLiteral("raw"), QString::fromUtf8(body.raw)},
                       {QStringLiteral("contentType"), body.contentType},
                       {QStringLiteral("form"), pairsToJson(body.form)},
                       {QStringLiteral("parts"), parts},
                       {QStringLiteral("file"), body.filePath}};
}

RequestBody bodyFromJson(const QJsonObject &json)
{
    RequestBody body;
    body.kind = BodyKind(qBound(0, json.value(QStringLiteral("kind")).toInt(), int(BodyKind::BinaryFile)));
    body.raw = json.value(QStringLiteral("raw")).toString().toUtf8();
    body.contentType = json.value(QStringLiteral("contentType")).toString();
    body.form = pairsFromJson(json.value(QStringLiteral("form")));
    for (const QJsonValue &item : json.value(QStringLiteral("parts")).toArray()) {
        const QJsonObject part = item.toObject();
        body.parts.append(
            {part.value(QStringLiteral("name")).toString(), part.value(QStringLiteral("value")).toString(),
             part.value(QStringLiteral("file")).toString(), part.value(QStringLiteral("type")).toString(),
             part.value(QStringLiteral("enabled")).toBool(true),
             part.value(QStringLiteral("fileName")).toString()});
    }
    body.filePath = json.value(QStringLiteral("file")).toString();
    return body;
}

QJsonObject settingsToJson(const RequestSettings &settings)
{
    return QJsonObject{
        {QStringLiteral("timeoutMs"), settings.timeoutMs},
        {QStringLiteral("followRedirects"), settings.followRedirects},
        {QStringLiteral("maxRedirects"), settings.maxRedirects},
        {QStringLiteral("verifyTls"), settings.verifyTls},
        {QStringLiteral("allowHttp2"), settings.allowHttp2},
        {QStringLiteral("http2PriorKnowledge"), settings.http2PriorKnowledge},
        {QStringLiteral("proxy"), QJsonObject{{QStringLiteral("mode"), int(settings.proxy.mode)},
                                              {QStringLiteral("host"), settings.proxy.host},
                                              {QStringLiteral("port"), settings.proxy.port},
                                              {QStringLiteral("user"), settings.proxy.user},
                                              {QStringLiteral("password"), settings.proxy.password}}}};
}

RequestSettings settingsFromJson(const QJsonObject &json)
{
    const RequestSettings defaults;
    RequestSettings settings;
    settings.timeoutMs =
        qBound(0, json.value(QStringLiteral("timeoutMs")).toInt(defaults.timeoutMs), 24 * 3600 * 1000);
    settings.followRedirects = json.value(QStringLiteral("followRedirects")).toBool(defaults.followRedirects);
    settings.maxRedirects =
        qBound(0, json.value(QStringLiteral("maxRedirects")).toInt(defaults.maxRedirects), 1000);
    settings.verifyTls = json.value(QStringLiteral("verifyTls")).toBool(defaults.verifyTls);
    settings.allowHttp2 = json.value(QStringLiteral("allowHttp2")).toBool(defaults.allowHttp2);
    settings.http2PriorKnowledge = json.value(QStringLiteral("http2PriorKnowledge")).toBool(false);
    const QJsonObject proxy = json.value(QStringLiteral("proxy")).toObject();
    settings.proxy.mode =
        ProxyMode(qBound(0, proxy.value(QStringLiteral("mode")).toInt(), int(ProxyMode::Manual)));
    settings.proxy.host = proxy.value(QStringLiteral("host")).toString();
    settings.proxy.port = quint16(qBound(0, proxy.value(QStringLiteral("port")).toInt(), 65535));
    settings.proxy.user = proxy.value(QStringLiteral("user")).toString();
    settings.proxy.password = proxy.value(QStringLiteral("password")).toString();
    return settings;
}

// A value made of {{variables}} (and at most a scheme word, "Bearer {{token}}") names the
// secret without holding it; anything else is left out.
QString redacted(const QString &value)
{
    const QString rest =
        replaceVariables(value, [](const QString &) { return std::optional<QString>(QString()); }).trimmed();
    static const QRegularExpression scheme(QStringLiteral("^[A-Za-z-]+$"));
    const bool named = rest.isEmpty() || (rest != value.trimmed() && scheme.match(rest).hasMatch());
    return named ? value : QString();
}

// The URL as written with the value of each secret query parameter redacted (a literal
// ?api_key=abc goes, ?api_key={{key}} stays). Textual, not Core::withoutSecretQuery: a URL as
// written may hold {{variables}} that QUrl would encode.
QString withoutWrittenQuerySecrets(const QString &url)
{
    const qsizetype question = url.indexOf(QLatin1Char('?'));
    if (question < 0) {
        return url;
    }
    const qsizetype hash = url.indexOf(QLatin1Char('#'), question);
    const QString query = url.mid(question + 1, hash < 0 ? -1 : hash - question - 1);
    QStringList parts = query.split(QLatin1Char('&'));
    for (QString &part : parts) {
        const qsizetype equals = part.indexOf(QLatin1Char('='));
        if (equals > 0 && isSecretName(QUrl::fromPercentEncoding(part.left(equals).toUtf8()))) {
            part = part.left(equals + 1) + redacted(part.mid(equals + 1));
        }
    }
    return url.left(question + 1) + parts.join(QLatin1Char('&')) + (hash < 0 ? QString() : url.mid(hash));
}

} // namespace

namespace {

QJsonObject oauth1ToJson(const OAuth1Settings &oauth1)
{
    QJsonObject json{{QStringLiteral("in_header"), oauth1.inHeader},
                     {QStringLiteral("body_hash"), oauth1.bodyHash},
                     {QStringLiteral("sign_empty"), oauth1.signEmpty}};
    for (const OAuth1Field &field : oauth1Fields()) {
        json.insert(QLatin1String(field.key), oauth1.*field.member);
    }
    return json;
}

OAuth1Settings oauth1FromJson(const QJsonObject &json)
{
    OAuth1Settings oauth1;
    for (const OAuth1Field &field : oauth1Fields()) {
        oauth1.*field.member = json.value(QLatin1String(field.key)).toString(oauth1.*field.member);
    }
    oauth1.inHeader = json.value(QStringLiteral("in_header")).toBool(true);
    oauth1.bodyHash = json.value(QStringLiteral("body_hash")).toBool();
    oauth1.signEmpty = json.value(QStringLiteral("sign_empty")).toBool();
    return oauth1;
}

} // namespace

QJsonObject requestSpecToJson(const RequestSpec &spec)
{
    return QJsonObject{
        {QStringLiteral("name"), spec.name},
        {QStringLiteral("method"), spec.method},
        {QStringLiteral("url"), spec.url},
        {QStringLiteral("headers"), pairsToJson(spec.headers)},
        {QStringLiteral("body"), bodyToJson(spec.body)},
        {QStringLiteral("auth"), QJsonObject{{QStringLiteral("kind"), int(spec.auth.kind)},
                                             {QStringLiteral("username"), spec.auth.username},
                                             {QStringLiteral("password"), spec.auth.password},
                                             {QStringLiteral("token"), spec.auth.token},
                                             {QStringLiteral("keyName"), spec.auth.keyName},
                                             {QStringLiteral("keyValue"), spec.auth.keyValue},
                                             {QStringLiteral("keyLocation"), int(spec.auth.keyLocation)},
                                             {QStringLiteral("oauth1"), oauth1ToJson(spec.auth.oauth1)}}},
        {QStringLiteral("settings"), settingsToJson(spec.settings)},
        {QStringLiteral("omittedDefaults"), QJsonArray::fromStringList(spec.omittedDefaults)}};
}

RequestSpec requestSpecFromJson(const QJsonObject &json)
{
    RequestSpec spec;
    spec.name = json.value(QStringLiteral("name")).toString();
    spec.method = json.value(QStringLiteral("method")).toString(QStringLiteral("GET"));
    spec.url = json.value(QStringLiteral("url")).toString();
    spec.headers = pairsFromJson(json.value(QStringLiteral("headers")));
    spec.body = bodyFromJson(json.value(QStringLiteral("body")).toObject());
    const QJsonObject auth = json.value(QStringLiteral("auth")).toObject();
    spec.auth.kind = AuthKind(qBound(0, auth.value(QStringLiteral("kind")).toInt(), int(AuthKind::OAuth1)));
    spec.auth.oauth1 = oauth1FromJson(auth.value(QStringLiteral("oauth1")).toObject());
    spec.auth.username = auth.value(QStringLiteral("username")).toString();
    spec.auth.password = auth.value(QStringLiteral("password")).toString();
    spec.auth.token = auth.value(QStringLiteral("token")).toString();
    spec.auth.keyName = auth.value(QStringLiteral("keyName")).toString();
    spec.auth.keyValue = auth.value(QStringLiteral("keyValue")).toString();
    spec.auth.keyLocation = auth.value(QStringLiteral("keyLocation")).toInt() == int(ApiKeyLocation::Query)
                                ? ApiKeyLocation::Query
                                : ApiKeyLocation::Header;
    spec.settings = settingsFromJson(json.value(QStringLiteral("settings")).toObject());
    for (const QJsonValue &name : json.value(QStringLiteral("omittedDefaults")).toArray()) {
        spec.omittedDefaults.append(name.toString());
    }
    return spec;
}

RequestSpec withoutSecrets(const RequestSpec &spec)
{
    RequestSpec out = spec;
    out.url = withoutWrittenQuerySecrets(spec.url);
    for (KeyValue &header : out.headers) {
        if (isSecretName(header.name)) {
            header.value = redacted(header.value);
        }
    }
    out.auth.password = redacted(out.auth.password);
    out.auth.token = redacted(out.auth.token);
    out.auth.keyValue = redacted(out.auth.keyValue);
    for (const OAuth1Field &field : oauth1Fields()) {
        if (field.secret) {
            out.auth.oauth1.*field.member = redacted(out.auth.oauth1.*field.member);
        }
    }
    out.settings.proxy.password = redacted(out.settings.proxy.password);
    return out;
}

} // namespace ApiLens::Core
