#include "requestbuilder.h"

#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSslConfiguration>
#include <QSslSocket>

namespace ApiLens::Core {

namespace {

bool isToken(const QByteArray &name)
{
    if (name.isEmpty()) {
        return false;
    }
    static const QByteArray extra = QByteArrayLiteral("!#$%&'*+-.^_`|~");
    for (const char c : name) {
        const bool ok =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || extra.contains(c);
        if (!ok) {
            return false;
        }
    }
    return true;
}

bool hasHeader(const HeaderList &headers, const QByteArray &name)
{
    return !headerValue(headers, name).isNull();
}

QString unresolvedVariable(const QString &text)
{
    static const QRegularExpression variable(QStringLiteral("\\{\\{\\s*([^}]*?)\\s*\\}\\}"));
    const QRegularExpressionMatch match = variable.match(text);
    return match.hasMatch() ? match.captured(1) : QString();
}

QString humanSize(qint64 bytes)
{
    if (bytes < 1024) {
        return QStringLiteral("%1 B").arg(bytes);
    }
    if (bytes < 1024 * 1024) {
        return QStringLiteral("%1 KB").arg(double(bytes) / 1024.0, 0, 'f', 1);
    }
    return QStringLiteral("%1 MB").arg(double(bytes) / (1024.0 * 1024.0), 0, 'f', 1);
}

QString quoteForMultipart(const QString &value)
{
    QString escaped = value;
    escaped.replace(QLatin1Char('"'), QStringLiteral("%22"));
    escaped.replace(QLatin1Char('\r'), QStringLiteral("%0D"));
    escaped.replace(QLatin1Char('\n'), QStringLiteral("%0A"));
    return escaped;
}

bool buildMultipart(const QList<MultipartPart> &parts, const BuildOptions &options, QByteArray *body,
                    QByteArray *contentType, QString *error)
{
    const QByteArray boundary =
        "----ApiLensBoundary" + QByteArray::number(QRandomGenerator::global()->generate64(), 36);
    for (const MultipartPart &part : parts) {
        if (!part.enabled) {
            continue;
        }
        body->append("--" + boundary + "\r\n");
        QByteArray disposition =
            "Content-Disposition: form-data; name=\"" + quoteForMultipart(part.name).toUtf8() + '"';
        if (part.isFile()) {
            QFile file(part.filePath);
            if (!file.open(QIODevice::ReadOnly)) {
                *error = QStringLiteral("Cannot read the file of multipart field '%1': %2 (%3)")
                             .arg(part.name, part.filePath, file.errorString());
                return false;
            }
            if (body->size() + file.size() > options.maxInMemoryBodyBytes) {
                *error = QStringLiteral("The multipart body would exceed %1 (file %2)")
                             .arg(humanSize(options.maxInMemoryBodyBytes), part.filePath);
                return false;
            }
            disposition +=
                "; filename=\"" + quoteForMultipart(QFileInfo(part.filePath).fileName()).toUtf8() + '"';
            body->append(disposition + "\r\n");
            const QByteArray type = part.contentType.isEmpty() ? QByteArrayLiteral("application/octet-stream")
                                                               : part.contentType.toUtf8();
            body->append("Content-Type: " + type + "\r\n\r\n");
            body->append(file.readAll());
        } else {
            body->append(disposition + "\r\n");
            if (!part.contentType.isEmpty()) {
                body->append("Content-Type: " + part.contentType.toUtf8() + "\r\n");
            }
            body->append("\r\n");
            body->append(part.value.toUtf8());
        }
        body->append("\r\n");
    }
    body->append("--" + boundary + "--\r\n");
    *contentType = "multipart/form-data; boundary=" + boundary;
    return true;
}

} // namespace

QString normalizeUserUrl(const QString &typed)
{
    const QString trimmed = typed.trimmed();
    if (trimmed.isEmpty() || trimmed.contains(QStringLiteral("://"))) {
        return trimmed;
    }
    return QStringLiteral("http://") + trimmed;
}

QByteArray formEncode(const QString &text)
{
    // application/x-www-form-urlencoded: unreserved characters stay, space becomes '+'.
    return QUrl::toPercentEncoding(text, QByteArrayLiteral(" ")).replace(' ', '+');
}

BuiltRequest buildRequest(const RequestSpec &spec, const BuildOptions &options)
{
    BuiltRequest built;
    const QString method = spec.method.trimmed().toUpper();
    if (!isValidMethod(method)) {
        built.error = QStringLiteral("Invalid method '%1': a method is a single word such as GET or PATCH")
                          .arg(spec.method);
        return built;
    }
    built.verb = method.toLatin1();

    QString urlText = normalizeUserUrl(spec.url);
    if (urlText.isEmpty()) {
        built.error = QStringLiteral("Enter a URL to send the request to");
        return built;
    }
    if (const QString name = unresolvedVariable(urlText); !name.isNull()) {
        built.error = QStringLiteral("Unresolved variable {{%1}} in the URL").arg(name);
        return built;
    }
    if (spec.auth.kind == AuthKind::ApiKey && spec.auth.keyLocation == ApiKeyLocation::Query) {
        QList<KeyValue> params = UrlQuery::parse(urlText);
        params.append({QString::fromUtf8(QUrl::toPercentEncoding(spec.auth.keyName)),
                       QString::fromUtf8(QUrl::toPercentEncoding(spec.auth.keyValue)), true});
        urlText = UrlQuery::withParams(urlText, params);
    }
    const QUrl url(urlText, QUrl::TolerantMode);
    if (!url.isValid()) {
        built.error = QStringLiteral("Malformed URL '%1': %2").arg(spec.url.trimmed(), url.errorString());
        return built;
    }
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https")) {
        built.error = QStringLiteral("Unsupported scheme '%1' in '%2': use http:// or https://")
                          .arg(url.scheme(), spec.url.trimmed());
        return built;
    }
    if (url.host().isEmpty()) {
        built.error = QStringLiteral("The URL '%1' names no host").arg(spec.url.trimmed());
        return built;
    }

    HeaderList headers;
    for (const KeyValue &header : spec.headers) {
        if (!header.enabled || (header.name.trimmed().isEmpty() && header.value.isEmpty())) {
            continue;
        }
        const QByteArray name = header.name.trimmed().toLatin1();
        if (!isToken(name) || header.name.trimmed().toLatin1() != header.name.trimmed().toUtf8()) {
            built.error = QStringLiteral("Invalid header name '%1'").arg(header.name);
            return built;
        }
        if (header.value.contains(QLatin1Char('\r')) || header.value.contains(QLatin1Char('\n'))) {
            built.error = QStringLiteral("Header '%1' contains a line break; refused").arg(header.name);
            return built;
        }
        if (const QString var = unresolvedVariable(header.name + header.value); !var.isNull()) {
            built.error = QStringLiteral("Unresolved variable {{%1}} in header '%2'").arg(var, header.name);
            return built;
        }
        headers.append({name, header.value.trimmed().toUtf8()});
    }

    switch (spec.auth.kind) {
    case AuthKind::Basic:
        if (!hasHeader(headers, "Authorization")) {
            const QByteArray credentials =
                (spec.auth.username + QLatin1Char(':') + spec.auth.password).toUtf8();
            headers.append(Header("Authorization", "Basic " + credentials.toBase64()));
        }
        break;
    case AuthKind::Bearer:
        if (spec.auth.token.contains(QLatin1Char('\r')) || spec.auth.token.contains(QLatin1Char('\n'))) {
            built.error = QStringLiteral("The bearer token contains a line break; refused");
            return built;
        }
        if (!hasHeader(headers, "Authorization")) {
            headers.append(Header("Authorization", "Bearer " + spec.auth.token.trimmed().toUtf8()));
        }
        break;
    case AuthKind::ApiKey:
        if (spec.auth.keyLocation == ApiKeyLocation::Header) {
            const QByteArray name = spec.auth.keyName.trimmed().toLatin1();
            if (!isToken(name)) {
                built.error = QStringLiteral("Invalid API key header name '%1'").arg(spec.auth.keyName);
                return built;
            }
            if (spec.auth.keyValue.contains(QLatin1Char('\r')) ||
                spec.auth.keyValue.contains(QLatin1Char('\n'))) {
                built.error = QStringLiteral("The API key contains a line break; refused");
                return built;
            }
            headers.append({name, spec.auth.keyValue.trimmed().toUtf8()});
        }
        break;
    case AuthKind::None:
    case AuthKind::Digest: // answered when the server challenges (HttpClient)
        break;
    }

    QByteArray contentType;
    switch (spec.body.kind) {
    case BodyKind::None:
        break;
    case BodyKind::Raw:
        built.body = spec.body.raw;
        contentType = spec.body.contentType.toUtf8();
        break;
    case BodyKind::UrlEncoded: {
        QList<QByteArray> pairs;
        for (const KeyValue &field : spec.body.form) {
            if (field.enabled && !(field.name.isEmpty() && field.value.isEmpty())) {
                pairs.append(formEncode(field.name) + '=' + formEncode(field.value));
            }
        }
        built.body = pairs.join('&');
        contentType = QByteArrayLiteral("application/x-www-form-urlencoded");
        break;
    }
    case BodyKind::Multipart:
        if (!buildMultipart(spec.body.parts, options, &built.body, &contentType, &built.error)) {
            return built;
        }
        break;
    case BodyKind::BinaryFile: {
        const QFileInfo info(spec.body.filePath);
        if (spec.body.filePath.isEmpty() || !info.isFile() || !info.isReadable()) {
            built.error = QStringLiteral("Cannot read the body file '%1'").arg(spec.body.filePath);
            return built;
        }
        built.bodyFilePath = info.absoluteFilePath();
        contentType = spec.body.contentType.isEmpty() ? QByteArrayLiteral("application/octet-stream")
                                                      : spec.body.contentType.toUtf8();
        built.sent.bodySize = info.size();
        built.sent.bodyDescription =
            QStringLiteral("file %1 (%2)").arg(info.fileName(), humanSize(info.size()));
        QFile file(built.bodyFilePath);
        if (file.open(QIODevice::ReadOnly)) {
            built.sent.bodyPreview = file.read(options.bodyPreviewBytes);
        }
        break;
    }
    }
    if (!contentType.isEmpty() && !hasHeader(headers, "Content-Type")) {
        headers.append(Header("Content-Type", contentType));
    }
    if (!hasHeader(headers, "User-Agent")) {
        headers.append(Header("User-Agent", options.userAgent));
    }
    if (!hasHeader(headers, "Accept")) {
        headers.append(Header("Accept", "*/*"));
    }

    QNetworkRequest &request = built.request;
    request.setUrl(url);
    for (const auto &header : headers) {
        request.setRawHeader(header.first, header.second);
    }
    const RequestSettings &settings = spec.settings;
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         settings.followRedirects ? QNetworkRequest::NoLessSafeRedirectPolicy
                                                  : QNetworkRequest::ManualRedirectPolicy);
    request.setMaximumRedirectsAllowed(qMax(0, settings.maxRedirects));
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, settings.allowHttp2);
    request.setAttribute(QNetworkRequest::Http2DirectAttribute,
                         settings.allowHttp2 && settings.http2PriorKnowledge);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setDecompressedSafetyCheckThreshold(options.decompressionLimitBytes);
    if (scheme == QLatin1String("https") && QSslSocket::supportsSsl()) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        if (settings.allowHttp2) {
            ssl.setAllowedNextProtocols({QSslConfiguration::ALPNProtocolHTTP2, "http/1.1"});
        }
        request.setSslConfiguration(ssl);
    }

    built.sent.method = built.verb;
    built.sent.url = url;
    built.sent.headers = headers;
    if (built.bodyFilePath.isEmpty()) {
        built.sent.bodySize = built.body.size();
        built.sent.bodyPreview = built.body.left(options.bodyPreviewBytes);
    }
    return built;
}

} // namespace ApiLens::Core
