#include "oauth1.h"

#include "requestbuilder.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

#include <algorithm>

namespace ApiLens::Core {

QByteArray oauthEncode(const QString &text)
{
    return text.toUtf8().toPercentEncoding();
}

QList<OAuthParameter> oauthDecodeForm(const QByteArray &form)
{
    const auto decode = [](QByteArray text) {
        return QString::fromUtf8(QByteArray::fromPercentEncoding(text.replace('+', ' ')));
    };
    QList<OAuthParameter> parameters;
    for (const QByteArray &pair : form.split('&')) {
        if (pair.isEmpty()) {
            continue;
        }
        const qsizetype equals = pair.indexOf('=');
        if (equals < 0) {
            parameters.append({decode(pair), std::nullopt});
        } else {
            parameters.append({decode(pair.left(equals)), decode(pair.mid(equals + 1))});
        }
    }
    return parameters;
}

QByteArray oauthBaseString(const QByteArray &method, const QByteArray &baseUri,
                           const QList<OAuthParameter> &parameters)
{
    // Sorted by encoded name, then encoded value (RFC 5849 §3.4.1.3.2); oauth_signature left out.
    QList<QPair<QByteArray, QByteArray>> encoded;
    for (const OAuthParameter &parameter : parameters) {
        if (parameter.first != QLatin1String("oauth_signature")) {
            encoded.append({oauthEncode(parameter.first), oauthEncode(parameter.second.value_or(QString()))});
        }
    }
    std::sort(encoded.begin(), encoded.end());
    QByteArrayList pairs;
    for (const auto &pair : std::as_const(encoded)) {
        pairs.append(pair.first + '=' + pair.second);
    }
    return oauthEncode(QString::fromLatin1(method.toUpper())) + '&' +
           oauthEncode(QString::fromUtf8(baseUri)) + '&' + oauthEncode(QString::fromLatin1(pairs.join('&')));
}

std::optional<QByteArray> oauthSignature(const QString &method, const QByteArray &baseString,
                                         const QString &consumerSecret, const QString &tokenSecret)
{
    const QByteArray key = oauthEncode(consumerSecret) + '&' + oauthEncode(tokenSecret);
    const QString name = method.toUpper();
    if (name == QLatin1String("PLAINTEXT")) {
        return key;
    }
    const QHash<QString, QCryptographicHash::Algorithm> hmac{
        {QStringLiteral("HMAC-SHA1"), QCryptographicHash::Sha1},
        {QStringLiteral("HMAC-SHA256"), QCryptographicHash::Sha256},
        {QStringLiteral("HMAC-SHA512"), QCryptographicHash::Sha512}};
    const auto it = hmac.constFind(name.isEmpty() ? QStringLiteral("HMAC-SHA1") : name);
    if (it == hmac.cend()) {
        return std::nullopt;
    }
    return QMessageAuthenticationCode::hash(baseString, key, *it).toBase64();
}

namespace {

const QStringList &oauthParameterNames()
{
    static const QStringList names{QStringLiteral("oauth_consumer_key"),
                                   QStringLiteral("oauth_token"),
                                   QStringLiteral("oauth_signature_method"),
                                   QStringLiteral("oauth_timestamp"),
                                   QStringLiteral("oauth_nonce"),
                                   QStringLiteral("oauth_version"),
                                   QStringLiteral("oauth_signature"),
                                   QStringLiteral("oauth_callback"),
                                   QStringLiteral("oauth_verifier"),
                                   QStringLiteral("oauth_body_hash")};
    return names;
}

QByteArray encodeForm(const QList<OAuthParameter> &parameters, QByteArray (*encode)(const QString &))
{
    QByteArrayList pairs;
    for (const OAuthParameter &parameter : parameters) {
        pairs.append(encode(parameter.first) +
                     (parameter.second ? '=' + encode(*parameter.second) : QByteArray()));
    }
    return pairs.join('&');
}

QList<OAuthParameter> withoutOAuth(QList<OAuthParameter> parameters)
{
    parameters.removeIf([](const OAuthParameter &p) { return oauthParameterNames().contains(p.first); });
    return parameters;
}

QString nonce()
{
    // As newman makes them: 11 characters of this alphabet.
    static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXTZabcdefghiklmnopqrstuvwxyz";
    QString out;
    for (int i = 0; i < 11; ++i) {
        out += QLatin1Char(alphabet[QRandomGenerator::system()->bounded(int(sizeof(alphabet) - 1))]);
    }
    return out;
}

// oauth_body_hash of a body that is not a form, with the signature's hash.
std::optional<QByteArray> bodyHash(const QString &method, const WireRequest &request)
{
    const QString algorithm = method.section(QLatin1Char('-'), 1).toUpper();
    const QHash<QString, QCryptographicHash::Algorithm> hashes{
        {QStringLiteral("SHA1"), QCryptographicHash::Sha1},
        {QStringLiteral("SHA256"), QCryptographicHash::Sha256},
        {QStringLiteral("SHA512"), QCryptographicHash::Sha512}};
    const auto it = hashes.constFind(algorithm);
    if (it == hashes.cend()) {
        return std::nullopt;
    }
    QCryptographicHash hash(*it);
    if (!request.bodyFilePath.isEmpty()) {
        QFile file(request.bodyFilePath);
        if (!file.open(QIODevice::ReadOnly) || !hash.addData(&file)) {
            return std::nullopt;
        }
    } else {
        hash.addData(request.body);
    }
    return hash.result().toBase64();
}

QByteArray baseUri(const QUrl &url, const QByteArray &path)
{
    const QString scheme = url.scheme().toLower();
    const int port = url.port();
    const bool defaultPort = port < 0 || (scheme == QLatin1String("http") && port == 80) ||
                             (scheme == QLatin1String("https") && port == 443);
    return scheme.toLatin1() + "://" + url.host(QUrl::FullyEncoded).toLower().toLatin1() +
           (defaultPort ? QByteArray() : ':' + QByteArray::number(port)) +
           (path.isEmpty() ? QByteArray("/") : path);
}

} // namespace

bool signOAuth1(const OAuth1Settings &settings, WireRequest *request, QString *error)
{
    const QString method = settings.signatureMethod.trimmed().isEmpty() ? QStringLiteral("HMAC-SHA1")
                                                                        : settings.signatureMethod.trimmed();
    if (method.startsWith(QLatin1String("RSA"), Qt::CaseInsensitive)) {
        *error =
            QStringLiteral("OAuth 1.0 with %1 needs a private key, which ApiLens does not sign with yet; "
                           "use HMAC-SHA1, HMAC-SHA256, HMAC-SHA512 or PLAINTEXT")
                .arg(method);
        return false;
    }
    if (settings.consumerKey.isEmpty() || settings.consumerSecret.isEmpty()) {
        return true; // newman sends it unsigned
    }
    QByteArray target = originTarget(*request);
    const qsizetype question = target.indexOf('?');
    const QByteArray path = question < 0 ? target : target.left(question);
    const QList<OAuthParameter> query =
        withoutOAuth(question < 0 ? QList<OAuthParameter>() : oauthDecodeForm(target.mid(question + 1)));
    const bool form = headerValue(request->headers, "Content-Type")
                          .trimmed()
                          .toLower()
                          .startsWith("application/x-www-form-urlencoded") &&
                      request->bodyFilePath.isEmpty();
    const QList<OAuthParameter> formFields =
        form ? withoutOAuth(oauthDecodeForm(request->body)) : QList<OAuthParameter>();

    // The oauth_* parameters in newman's order; empty ones only when asked to sign them.
    QList<OAuthParameter> oauth;
    const auto add = [&](const char *name, const QString &value, bool always) {
        if (!value.isEmpty() || (always && settings.signEmpty)) {
            oauth.append({QLatin1String(name), value});
        }
    };
    add("oauth_consumer_key", settings.consumerKey, true);
    add("oauth_token", settings.token, true);
    add("oauth_signature_method", method, true);
    add("oauth_timestamp",
        settings.timestamp.isEmpty() ? QString::number(QDateTime::currentSecsSinceEpoch())
                                     : settings.timestamp,
        true);
    add("oauth_nonce", settings.nonce.isEmpty() ? nonce() : settings.nonce, true);
    add("oauth_version", settings.version, true);
    if (settings.bodyHash && !form) {
        if (const std::optional<QByteArray> hash = bodyHash(method, *request)) {
            add("oauth_body_hash", QString::fromLatin1(*hash), false);
        }
    }
    add("oauth_callback", settings.callback, false);
    add("oauth_verifier", settings.verifier, false);

    const std::optional<QByteArray> signature = oauthSignature(
        method, oauthBaseString(request->method, baseUri(request->url, path), query + oauth + formFields),
        settings.consumerSecret, settings.tokenSecret);
    if (!signature) {
        *error = QStringLiteral("OAuth 1.0 signature method '%1' is not one ApiLens knows "
                                "(HMAC-SHA1, HMAC-SHA256, HMAC-SHA512, PLAINTEXT)")
                     .arg(method);
        return false;
    }
    oauth.append({QStringLiteral("oauth_signature"), QString::fromLatin1(*signature)});

    request->headers.removeIf(
        [](const Header &h) { return h.first.compare("Authorization", Qt::CaseInsensitive) == 0; });
    // The query's parameters go out RFC 3986-encoded, as newman sends them with OAuth 1.0.
    QByteArray newQuery = encodeForm(query, oauthEncode);
    const bool inBody = !settings.inHeader && form && (request->method == "POST" || request->method == "PUT");
    if (settings.inHeader) {
        QByteArrayList fields;
        if (!settings.realm.trimmed().isEmpty()) {
            fields.append("realm=\"" + oauthEncode(settings.realm) + '"');
        }
        for (const OAuthParameter &parameter : std::as_const(oauth)) {
            if (!parameter.second->isEmpty()) {
                fields.append(oauthEncode(parameter.first) + "=\"" +
                              oauthEncode(parameter.second->trimmed()) + '"');
            }
        }
        request->headers.append({"Authorization", "OAuth " + fields.join(',')});
    } else if (inBody) {
        request->body = encodeForm(formFields + oauth, formEncode);
    } else {
        const QByteArray signedParameters = encodeForm(oauth, oauthEncode);
        newQuery += (newQuery.isEmpty() ? QByteArray() : QByteArray("&")) + signedParameters;
    }
    target = path + (newQuery.isEmpty() ? QByteArray() : '?' + newQuery);
    request->target = target;
    request->url.setQuery(newQuery.isEmpty() ? QString() : QString::fromLatin1(newQuery), QUrl::StrictMode);
    return true;
}

} // namespace ApiLens::Core
