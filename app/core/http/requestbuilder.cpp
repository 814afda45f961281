#include "requestbuilder.h"

#include "oauth1.h"

#include "collections/variablesyntax.h"
#include "util/format.h"

#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>

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
    const QList<VariableReference> references = variableReferences(text);
    return references.isEmpty() ? QString() : references.first().expression;
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
            disposition += "; filename=\"" + quoteForMultipart(part.sentFileName()).toUtf8() + '"';
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

// The URL: normalized, API-key-in-query added, checked. Empty with `error` when unusable.
QUrl requestUrl(const RequestSpec &spec, QString *error, QString *finalText)
{
    QString urlText = normalizeUserUrl(spec.url);
    if (urlText.isEmpty()) {
        *error = QStringLiteral("Enter a URL to send the request to");
        return {};
    }
    if (const QString name = unresolvedVariable(urlText); !name.isNull() && !spec.settings.sendUnresolved) {
        *error = QStringLiteral("Unresolved variable {{%1}} in the URL").arg(name);
        return {};
    }
    if (spec.auth.kind == AuthKind::ApiKey && spec.auth.keyLocation == ApiKeyLocation::Query) {
        QList<KeyValue> params = UrlQuery::parse(urlText);
        params.append({QString::fromUtf8(QUrl::toPercentEncoding(spec.auth.keyName)),
                       QString::fromUtf8(QUrl::toPercentEncoding(spec.auth.keyValue)), true});
        urlText = UrlQuery::withParams(urlText, params);
    }
    *finalText = urlText;
    QUrl url(urlText, QUrl::TolerantMode);
    if (!url.isValid()) {
        *error = QStringLiteral("Malformed URL '%1': %2").arg(spec.url.trimmed(), url.errorString());
        return {};
    }
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https")) {
        *error = QStringLiteral("Unsupported scheme '%1' in '%2': use http:// or https://")
                     .arg(url.scheme(), spec.url.trimmed());
        return {};
    }
    if (url.host().isEmpty()) {
        *error = QStringLiteral("The URL '%1' names no host").arg(spec.url.trimmed());
        return {};
    }
    return url;
}

bool addUserHeaders(const RequestSpec &spec, HeaderList *headers, QString *error)
{
    for (const KeyValue &header : spec.headers) {
        if (!header.enabled || (header.name.trimmed().isEmpty() && header.value.isEmpty())) {
            continue;
        }
        const QByteArray name = header.name.trimmed().toLatin1();
        if (!isToken(name) || header.name.trimmed().toLatin1() != header.name.trimmed().toUtf8()) {
            *error = QStringLiteral("Invalid header name '%1'").arg(header.name);
            return false;
        }
        if (hasLineBreak(header.value)) {
            *error = QStringLiteral("Header '%1' contains a line break; refused").arg(header.name);
            return false;
        }
        if (const QString var = unresolvedVariable(header.name + header.value);
            !var.isNull() && !spec.settings.sendUnresolved) {
            *error = QStringLiteral("Unresolved variable {{%1}} in header '%2'").arg(var, header.name);
            return false;
        }
        headers->append({name, header.value.trimmed().toUtf8()});
    }
    return true;
}

bool addAuthHeader(const RequestSpec &spec, const QUrl &url, HeaderList *headers, QString *error)
{
    const Auth &auth = spec.auth;
    const bool written = hasHeader(*headers, "Authorization");
    switch (auth.kind) {
    case AuthKind::Basic:
        if (!written) {
            const QByteArray credentials = (auth.username + QLatin1Char(':') + auth.password).toUtf8();
            headers->append(Header("Authorization", "Basic " + credentials.toBase64()));
        }
        return true;
    case AuthKind::Bearer:
        if (hasLineBreak(auth.token)) {
            *error = QStringLiteral("The bearer token contains a line break; refused");
            return false;
        }
        if (!written) {
            headers->append(Header("Authorization", "Bearer " + auth.token.trimmed().toUtf8()));
        }
        return true;
    case AuthKind::ApiKey:
        if (auth.keyLocation == ApiKeyLocation::Header) {
            const QByteArray name = auth.keyName.trimmed().toLatin1();
            if (!isToken(name)) {
                *error = QStringLiteral("Invalid API key header name '%1'").arg(auth.keyName);
                return false;
            }
            if (hasLineBreak(auth.keyValue)) {
                *error = QStringLiteral("The API key contains a line break; refused");
                return false;
            }
            headers->append({name, auth.keyValue.trimmed().toUtf8()});
        }
        return true;
    case AuthKind::None:
        // user:password@ in the URL is Basic auth, as curl and browsers send it.
        if (!written && !url.userName().isEmpty()) {
            const QByteArray credentials =
                (url.userName(QUrl::FullyDecoded) + QLatin1Char(':') + url.password(QUrl::FullyDecoded))
                    .toUtf8();
            headers->append(Header("Authorization", "Basic " + credentials.toBase64()));
        }
        return true;
    case AuthKind::Digest: // answered when the server challenges (HttpClient)
    case AuthKind::OAuth1: // signed once the body is built (signOAuth1)
        return true;
    }
    return true;
}

// The body and its Content-Type; false with `error` when a file cannot be read.
bool buildBody(const RequestSpec &spec, const BuildOptions &options, WireRequest *out,
               QByteArray *contentType, QString *error)
{
    switch (spec.body.kind) {
    case BodyKind::None:
        return true;
    case BodyKind::Raw:
        out->body = spec.body.raw;
        *contentType = spec.body.contentType.toUtf8();
        return true;
    case BodyKind::UrlEncoded: {
        QList<QByteArray> pairs;
        for (const KeyValue &field : spec.body.form) {
            if (field.enabled && !(field.name.isEmpty() && field.value.isEmpty())) {
                pairs.append(formEncode(field.name) + '=' + formEncode(field.value));
            }
        }
        out->body = pairs.join('&');
        *contentType = QByteArrayLiteral("application/x-www-form-urlencoded");
        return true;
    }
    case BodyKind::Multipart:
        return buildMultipart(spec.body.parts, options, &out->body, contentType, error);
    case BodyKind::BinaryFile: {
        const QFileInfo info(spec.body.filePath);
        if (spec.body.filePath.isEmpty() || !info.isFile() || !info.isReadable()) {
            *error = QStringLiteral("Cannot read the body file '%1'").arg(spec.body.filePath);
            return false;
        }
        out->bodyFilePath = info.absoluteFilePath();
        *contentType = spec.body.contentType.toUtf8(); // none unless given, as curl and httpyac send it
        out->bodySize = info.size();
        out->bodyDescription = QStringLiteral("file %1 (%2)").arg(info.fileName(), humanSize(info.size()));
        QFile file(out->bodyFilePath);
        if (file.open(QIODevice::ReadOnly)) {
            out->bodyPreview = file.read(options.bodyPreviewBytes);
        }
        return true;
    }
    }
    return true;
}

// Content-Length or chunked framing, as HTTP needs it; what the request wrote is kept if true.
bool addFraming(const RequestSpec &spec, WireRequest *out, QString *error)
{
    const QByteArray written = headerValue(out->headers, "Content-Length");
    const QByteArray coding = headerValue(out->headers, "Transfer-Encoding").trimmed().toLower();
    if (!coding.isNull()) {
        if (coding != "chunked") {
            *error =
                QStringLiteral("Transfer-Encoding '%1' cannot be sent: ApiLens sends bodies whole or chunked")
                    .arg(QString::fromLatin1(coding));
            return false;
        }
        if (!written.isNull()) {
            *error = QStringLiteral("The request has both Content-Length and Transfer-Encoding; keep one");
            return false;
        }
        out->chunked = true;
        return true;
    }
    if (!written.isNull()) {
        if (written.trimmed() != QByteArray::number(out->bodySize)) {
            *error = QStringLiteral("Content-Length says %1, but the body is %2 bytes")
                         .arg(QString::fromLatin1(written), QString::number(out->bodySize));
            return false;
        }
        return true;
    }
    // RFC 9110 §8.6: a request whose method gives the body a meaning says its length, even 0.
    static const QByteArrayList bodyMethods = {"POST", "PUT", "PATCH"};
    if (spec.body.kind != BodyKind::None || out->bodySize > 0 || bodyMethods.contains(out->method)) {
        out->headers.append(Header("Content-Length", QByteArray::number(out->bodySize)));
    }
    return true;
}

} // namespace

QByteArray originTarget(const WireRequest &request)
{
    QByteArray target = request.target;
    if (target.isEmpty()) {
        target = request.url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveFragment);
    }
    return target.isEmpty() ? QByteArrayLiteral("/") : (target.startsWith('?') ? '/' + target : target);
}

QByteArray writtenTarget(const QString &url)
{
    const qsizetype scheme = url.indexOf(QLatin1String("://"));
    qsizetype start = scheme < 0 ? 0 : scheme + 3;
    while (start < url.size() && url[start] != QLatin1Char('/') && url[start] != QLatin1Char('?') &&
           url[start] != QLatin1Char('#')) {
        ++start;
    }
    const QByteArray bytes = url.mid(start).section(QLatin1Char('#'), 0, 0).toUtf8();
    QByteArray target;
    target.reserve(bytes.size());
    for (const char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte >= 0x7F) {
            target += '%' + QByteArray::number(byte, 16).toUpper().rightJustified(2, '0');
        } else {
            target += c;
        }
    }
    return target.isEmpty() ? QByteArrayLiteral("/") : (target.startsWith('?') ? '/' + target : target);
}

QString normalizeUserUrl(const QString &typed)
{
    QString trimmed = typed.trimmed();
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

QByteArray hostHeaderValue(const QUrl &url)
{
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':')) {
        host = '[' + host + ']';
    }
    const int defaultPort = url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0 ? 443 : 80;
    if (url.port() != -1 && url.port() != defaultPort) {
        host += ':' + QByteArray::number(url.port());
    }
    return host;
}

BuiltRequest buildRequest(const RequestSpec &spec, const BuildOptions &options)
{
    BuiltRequest built;
    WireRequest &out = built.request;
    // Methods are case-sensitive (RFC 9110): a standard one written in lower case means that
    // method; any other goes out as written ("wHat", as curl sends it).
    static const QStringList standard = {
        QStringLiteral("GET"),     QStringLiteral("HEAD"),   QStringLiteral("POST"),
        QStringLiteral("PUT"),     QStringLiteral("DELETE"), QStringLiteral("CONNECT"),
        QStringLiteral("OPTIONS"), QStringLiteral("TRACE"),  QStringLiteral("PATCH")};
    const QString asWritten = spec.method.trimmed();
    const QString method = standard.contains(asWritten.toUpper()) ? asWritten.toUpper() : asWritten;
    if (!isValidMethod(method)) {
        built.error = QStringLiteral("Invalid method '%1': a method is a single word such as GET or PATCH")
                          .arg(spec.method);
        return built;
    }
    out.method = method.toLatin1();
    QString urlText;
    QUrl url = requestUrl(spec, &built.error, &urlText);
    if (!built.isValid()) {
        return built;
    }
    out.target = writtenTarget(urlText);

    // The defaults first (as curl and browsers order them), then what the request wrote.
    HeaderList written;
    if (!addUserHeaders(spec, &written, &built.error) || !addAuthHeader(spec, url, &written, &built.error)) {
        return built;
    }
    for (const DefaultHeader &header : defaultHeaders()) {
        if (sendsDefault(spec, header.name)) {
            out.headers.append({header.name.toLatin1(), header.value.toUtf8()});
        }
    }
    out.headers += written;

    QByteArray contentType;
    if (!buildBody(spec, options, &out, &contentType, &built.error)) {
        return built;
    }
    if (!contentType.isEmpty() && !hasHeader(out.headers, "Content-Type")) {
        out.headers.append(Header("Content-Type", contentType));
    }
    out.url = url;
    if (spec.auth.kind == AuthKind::OAuth1 && !signOAuth1(spec.auth.oauth1, &out, &built.error)) {
        return built;
    }
    url = out.url;
    if (out.bodyFilePath.isEmpty()) {
        out.bodySize = out.body.size();
        out.bodyPreview = out.body.left(options.bodyPreviewBytes);
    }
    if (!addFraming(spec, &out, &built.error)) {
        return built;
    }
    out.expectContinue = headerValue(out.headers, "Expect").trimmed().toLower() == "100-continue";
    url.setUserInfo(QString());
    out.url = url;
    return built;
}

} // namespace ApiLens::Core
