#include "commandexport.h"

#include "shellwords.h"

#include "collections/collection.h"
#include "collections/httpdocument.h"
#include "collections/variables.h"
#include "http/requestbuilder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>

namespace ApiLens::Core {

namespace {

QString jsonQuote(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2));
}

// Enabled name/value pairs, each JSON-quoted into `pattern` ("(%1, %2)", "    %1: %2,").
QStringList quotedPairs(const QList<KeyValue> &pairs, const QString &pattern)
{
    QStringList out;
    for (const KeyValue &pair : pairs) {
        if (pair.enabled) {
            out.append(pattern.arg(jsonQuote(pair.name), jsonQuote(pair.value)));
        }
    }
    return out;
}

// The URL as it goes out: an API key in the query is part of it.
QString effectiveUrl(const RequestSpec &spec)
{
    if (spec.auth.kind == AuthKind::ApiKey && spec.auth.keyLocation == ApiKeyLocation::Query &&
        !spec.auth.keyName.isEmpty()) {
        QString url = spec.url;
        url += (url.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?')) +
               QString::fromUtf8(QUrl::toPercentEncoding(spec.auth.keyName)) + QLatin1Char('=') +
               QString::fromUtf8(QUrl::toPercentEncoding(spec.auth.keyValue));
        return url;
    }
    return spec.url;
}

// Headers as they go out: the enabled ones, plus auth that travels as a header.
QList<KeyValue> effectiveHeaders(const RequestSpec &spec, bool bearerAsHeader)
{
    QList<KeyValue> headers;
    for (const KeyValue &header : spec.headers) {
        if (header.enabled && !header.name.isEmpty()) {
            headers.append(header);
        }
    }
    if (spec.auth.kind == AuthKind::Bearer && bearerAsHeader &&
        !hasHeader(headers, QStringLiteral("Authorization"))) {
        headers.append(
            KeyValue{QStringLiteral("Authorization"), QStringLiteral("Bearer ") + spec.auth.token, true});
    }
    if (spec.auth.kind == AuthKind::ApiKey && spec.auth.keyLocation == ApiKeyLocation::Header &&
        !spec.auth.keyName.isEmpty() && !hasHeader(headers, spec.auth.keyName)) {
        headers.append(KeyValue{spec.auth.keyName, spec.auth.keyValue, true});
    }
    return headers;
}

QByteArray formEncoded(const QList<KeyValue> &fields)
{
    QByteArrayList pairs;
    for (const KeyValue &field : fields) {
        if (field.enabled) {
            pairs.append(formEncode(field.name) + '=' + formEncode(field.value));
        }
    }
    return pairs.join('&');
}

// The Content-Type ApiLens sends for a body, when the headers do not set one.
QString defaultContentType(const RequestSpec &spec)
{
    switch (spec.body.kind) {
    case BodyKind::Raw:
        return spec.body.contentType;
    case BodyKind::UrlEncoded:
        return QStringLiteral("application/x-www-form-urlencoded");
    case BodyKind::BinaryFile:
        return spec.body.contentType; // none unless given
    default:
        return {};
    }
}

} // namespace

QString toCurl(const RequestSpec &spec)
{
    QStringList lines;
    const bool hasBody = spec.body.kind != BodyKind::None;
    QString first = QStringLiteral("curl");
    if (spec.method != (hasBody ? QLatin1String("POST") : QLatin1String("GET"))) {
        first += QStringLiteral(" -X ") + shellQuote(spec.method);
    }
    first += QLatin1Char(' ') + shellQuote(effectiveUrl(spec));
    lines.append(first);
    const QList<KeyValue> headers = effectiveHeaders(spec, true);
    for (const KeyValue &header : headers) {
        lines.append(QStringLiteral("-H ") + shellQuote(header.name + QStringLiteral(": ") + header.value));
    }
    // Defaults ApiLens leaves out that curl would send by itself.
    for (const QString &name : {QStringLiteral("User-Agent"), QStringLiteral("Accept")}) {
        if (!sendsDefault(spec, name) && !hasHeader(headers, name)) {
            lines.append(QStringLiteral("-H ") + shellQuote(name + QLatin1Char(':')));
        }
    }
    const QString type = defaultContentType(spec);
    if (hasBody && spec.body.kind != BodyKind::Multipart &&
        !hasHeader(headers, QStringLiteral("Content-Type"))) {
        // curl would send application/x-www-form-urlencoded; say what ApiLens sends ("" = none).
        lines.append(QStringLiteral("-H ") +
                     shellQuote(QStringLiteral("Content-Type:") +
                                (type.isEmpty() ? QString() : QLatin1Char(' ') + type)));
    }
    switch (spec.body.kind) {
    case BodyKind::Raw:
        lines.append(QStringLiteral("--data-raw ") + shellQuote(QString::fromUtf8(spec.body.raw)));
        break;
    case BodyKind::UrlEncoded:
        lines.append(QStringLiteral("--data-raw ") +
                     shellQuote(QString::fromUtf8(formEncoded(spec.body.form))));
        break;
    case BodyKind::Multipart:
        for (const MultipartPart &part : spec.body.parts) {
            if (!part.enabled) {
                continue;
            }
            if (part.isFile()) {
                lines.append(
                    QStringLiteral("-F ") +
                    shellQuote(part.name + QStringLiteral("=@") + part.filePath +
                               (part.contentType.isEmpty() ? QString()
                                                           : QStringLiteral(";type=") + part.contentType)));
            } else {
                lines.append(QStringLiteral("--form-string ") +
                             shellQuote(part.name + QLatin1Char('=') + part.value));
            }
        }
        break;
    case BodyKind::BinaryFile:
        lines.append(QStringLiteral("--data-binary ") + shellQuote(QLatin1Char('@') + spec.body.filePath));
        break;
    case BodyKind::None:
        break;
    }
    if (spec.auth.kind == AuthKind::Basic || spec.auth.kind == AuthKind::Digest) {
        lines.append(
            (spec.auth.kind == AuthKind::Digest ? QStringLiteral("--digest -u ") : QStringLiteral("-u ")) +
            shellQuote(spec.auth.username + QLatin1Char(':') + spec.auth.password));
    }
    if (!spec.settings.verifyTls) {
        lines.append(QStringLiteral("--insecure"));
    }
    if (spec.settings.followRedirects) {
        lines.append(QStringLiteral("--location --max-redirs %1").arg(spec.settings.maxRedirects));
    }
    if (spec.settings.timeoutMs > 0) {
        lines.append(QStringLiteral("--max-time %1").arg(spec.settings.timeoutMs / 1000.0));
    }
    if (spec.settings.http2PriorKnowledge) {
        lines.append(QStringLiteral("--http2-prior-knowledge"));
    }
    if (spec.settings.proxy.mode == ProxyMode::Manual) {
        lines.append(
            QStringLiteral("--proxy ") +
            shellQuote(
                QStringLiteral("http://%1:%2").arg(spec.settings.proxy.host).arg(spec.settings.proxy.port)));
        if (!spec.settings.proxy.user.isEmpty()) {
            lines.append(
                QStringLiteral("--proxy-user ") +
                shellQuote(spec.settings.proxy.user + QLatin1Char(':') + spec.settings.proxy.password));
        }
    } else if (spec.settings.proxy.mode == ProxyMode::None) {
        lines.append(QStringLiteral("--noproxy '*'"));
    }
    return lines.join(QStringLiteral(" \\\n  "));
}

QString toHttpie(const RequestSpec &spec)
{
    QStringList words = {QStringLiteral("http"), QStringLiteral("--ignore-stdin")};
    if (!spec.settings.verifyTls) {
        words.append(QStringLiteral("--verify=no"));
    }
    if (spec.settings.followRedirects) {
        words.append(QStringLiteral("--follow --max-redirects=%1").arg(spec.settings.maxRedirects));
    }
    if (spec.settings.timeoutMs > 0) {
        words.append(QStringLiteral("--timeout=%1").arg(spec.settings.timeoutMs / 1000.0));
    }
    if (spec.auth.kind == AuthKind::Basic || spec.auth.kind == AuthKind::Digest) {
        if (spec.auth.kind == AuthKind::Digest) {
            words.append(QStringLiteral("--auth-type=digest"));
        }
        words.append(QStringLiteral("--auth ") +
                     shellQuote(spec.auth.username + QLatin1Char(':') + spec.auth.password));
    }
    if (spec.body.kind == BodyKind::UrlEncoded) {
        words.append(QStringLiteral("--form"));
    } else if (spec.body.kind == BodyKind::Multipart) {
        words.append(QStringLiteral("--multipart"));
    } else if (spec.body.kind == BodyKind::Raw) {
        words.append(QStringLiteral("--raw ") + shellQuote(QString::fromUtf8(spec.body.raw)));
    }
    words.append(shellQuote(spec.method));
    words.append(shellQuote(effectiveUrl(spec)));
    const QList<KeyValue> headers = effectiveHeaders(spec, true);
    for (const KeyValue &header : headers) {
        words.append(shellQuote(header.name + QLatin1Char(':') + header.value));
    }
    if (spec.body.kind == BodyKind::Raw && !hasHeader(headers, QStringLiteral("Content-Type"))) {
        words.append(shellQuote(QStringLiteral("Content-Type:") + spec.body.contentType));
    }
    if (spec.body.kind == BodyKind::UrlEncoded) {
        for (const KeyValue &field : spec.body.form) {
            if (field.enabled) {
                words.append(shellQuote(field.name + QStringLiteral("==") + field.value)
                                 .replace(QStringLiteral("=="), QStringLiteral("=")));
            }
        }
    } else if (spec.body.kind == BodyKind::Multipart) {
        for (const MultipartPart &part : spec.body.parts) {
            if (part.enabled) {
                words.append(shellQuote(part.name + (part.isFile() ? QLatin1Char('@') + part.filePath
                                                                   : QLatin1Char('=') + part.value)));
            }
        }
    } else if (spec.body.kind == BodyKind::BinaryFile) {
        words.append(QStringLiteral("< ") + shellQuote(spec.body.filePath));
    }
    return words.join(QLatin1Char(' '));
}

QString toPythonRequests(const RequestSpec &spec)
{
    QStringList lines = {QStringLiteral("import requests")};
    if (spec.auth.kind == AuthKind::Digest) {
        lines.append(QStringLiteral("from requests.auth import HTTPDigestAuth"));
    }
    lines.append(QString());
    QStringList args = {jsonQuote(spec.method), jsonQuote(effectiveUrl(spec))};
    QList<KeyValue> headers = effectiveHeaders(spec, true);
    if (spec.body.kind == BodyKind::Raw && !hasHeader(headers, QStringLiteral("Content-Type")) &&
        !spec.body.contentType.isEmpty()) {
        headers.append(KeyValue{QStringLiteral("Content-Type"), spec.body.contentType, true});
    }
    if (!headers.isEmpty()) {
        args.append(
            QStringLiteral("headers={\n%1\n    }")
                .arg(quotedPairs(headers, QStringLiteral("        %1: %2,")).join(QLatin1Char('\n'))));
    }
    switch (spec.body.kind) {
    case BodyKind::Raw:
        args.append(QStringLiteral("data=%1.encode()").arg(jsonQuote(QString::fromUtf8(spec.body.raw))));
        break;
    case BodyKind::UrlEncoded: {
        args.append(
            QStringLiteral("data=[%1]")
                .arg(quotedPairs(spec.body.form, QStringLiteral("(%1, %2)")).join(QStringLiteral(", "))));
        break;
    }
    case BodyKind::Multipart: {
        QStringList files;
        for (const MultipartPart &part : spec.body.parts) {
            if (!part.enabled) {
                continue;
            }
            files.append(
                part.isFile()
                    ? QStringLiteral("(%1, open(%2, \"rb\"))")
                          .arg(jsonQuote(part.name), jsonQuote(part.filePath))
                    : QStringLiteral("(%1, (None, %2))").arg(jsonQuote(part.name), jsonQuote(part.value)));
        }
        args.append(QStringLiteral("files=[%1]").arg(files.join(QStringLiteral(", "))));
        break;
    }
    case BodyKind::BinaryFile:
        args.append(QStringLiteral("data=open(%1, \"rb\")").arg(jsonQuote(spec.body.filePath)));
        break;
    case BodyKind::None:
        break;
    }
    if (spec.auth.kind == AuthKind::Basic) {
        args.append(QStringLiteral("auth=(%1, %2)")
                        .arg(jsonQuote(spec.auth.username), jsonQuote(spec.auth.password)));
    } else if (spec.auth.kind == AuthKind::Digest) {
        args.append(QStringLiteral("auth=HTTPDigestAuth(%1, %2)")
                        .arg(jsonQuote(spec.auth.username), jsonQuote(spec.auth.password)));
    }
    if (!spec.settings.verifyTls) {
        args.append(QStringLiteral("verify=False"));
    }
    args.append(spec.settings.followRedirects ? QStringLiteral("allow_redirects=True")
                                              : QStringLiteral("allow_redirects=False"));
    if (spec.settings.timeoutMs > 0) {
        args.append(QStringLiteral("timeout=%1").arg(spec.settings.timeoutMs / 1000.0));
    }
    lines.append(
        QStringLiteral("response = requests.request(\n    %1,\n)").arg(args.join(QStringLiteral(",\n    "))));
    lines.append(QStringLiteral("print(response.status_code, response.text)"));
    return lines.join(QLatin1Char('\n'));
}

QString toFetch(const RequestSpec &spec)
{
    QStringList options = {QStringLiteral("method: %1").arg(jsonQuote(spec.method))};
    QList<KeyValue> headers = effectiveHeaders(spec, true);
    if ((spec.auth.kind == AuthKind::Basic) && !hasHeader(headers, QStringLiteral("Authorization"))) {
        headers.append(KeyValue{
            QStringLiteral("Authorization"),
            QStringLiteral("Basic ") +
                QString::fromLatin1(
                    (spec.auth.username + QLatin1Char(':') + spec.auth.password).toUtf8().toBase64()),
            true});
    }
    if (spec.body.kind == BodyKind::Raw && !hasHeader(headers, QStringLiteral("Content-Type")) &&
        !spec.body.contentType.isEmpty()) {
        headers.append(KeyValue{QStringLiteral("Content-Type"), spec.body.contentType, true});
    }
    if (!headers.isEmpty()) {
        options.append(QStringLiteral("headers: {\n%1\n  }")
                           .arg(quotedPairs(headers, QStringLiteral("    %1: %2,")).join(QLatin1Char('\n'))));
    }
    QString prelude;
    switch (spec.body.kind) {
    case BodyKind::Raw:
        options.append(QStringLiteral("body: %1").arg(jsonQuote(QString::fromUtf8(spec.body.raw))));
        break;
    case BodyKind::UrlEncoded: {
        options.append(
            QStringLiteral("body: new URLSearchParams([%1])")
                .arg(quotedPairs(spec.body.form, QStringLiteral("[%1, %2]")).join(QStringLiteral(", "))));
        break;
    }
    case BodyKind::Multipart: {
        QStringList appends = {QStringLiteral("const form = new FormData();")};
        for (const MultipartPart &part : spec.body.parts) {
            if (!part.enabled) {
                continue;
            }
            appends.append(part.isFile() ? QStringLiteral("form.append(%1, fileInput.files[0]); // %2")
                                               .arg(jsonQuote(part.name), part.filePath)
                                         : QStringLiteral("form.append(%1, %2);")
                                               .arg(jsonQuote(part.name), jsonQuote(part.value)));
        }
        prelude = appends.join(QLatin1Char('\n')) + QLatin1Char('\n');
        options.append(QStringLiteral("body: form"));
        break;
    }
    case BodyKind::BinaryFile:
        options.append(QStringLiteral("body: fileInput.files[0] // %1").arg(spec.body.filePath));
        break;
    case BodyKind::None:
        break;
    }
    options.append(spec.settings.followRedirects ? QStringLiteral("redirect: \"follow\"")
                                                 : QStringLiteral("redirect: \"manual\""));
    return prelude + QStringLiteral("const response = await fetch(%1, {\n  "
                                    "%2,\n});\nconsole.log(response.status, await response.text());")
                         .arg(jsonQuote(effectiveUrl(spec)), options.join(QStringLiteral(",\n  ")));
}

QList<CurlCommand> curlCommands(const HttpDocument &document, const VariableResolver &resolver,
                                QStringList *unresolved)
{
    VariableResolver own = resolver;
    own.requestVariables = document.fileVariables();
    QList<CurlCommand> commands;
    for (const HttpRequestBlock &block : document.requests()) {
        QStringList left;
        commands.append({block.name, toCurl(own.resolve(block.toSpec(), &left))});
        for (const QString &name : std::as_const(left)) {
            if (!unresolved->contains(name)) {
                unresolved->append(name);
            }
        }
    }
    return commands;
}

std::optional<QByteArray> toCurlScript(const QString &path, const VariableResolver &resolver,
                                       QStringList *unresolved, int *requests, QString *error)
{
    const QFileInfo info(path);
    QStringList files;
    QString base = info.absolutePath();
    if (info.isDir()) {
        base = info.absoluteFilePath();
        const Collection collection = Collection::scan(base);
        for (const CollectionFile &file : collection.files()) {
            files.append(file.path);
        }
    } else {
        files.append(info.fileName());
    }
    QByteArray script = "#!/bin/sh\n# Exported by ApiLens from " + info.fileName().toUtf8() + "\n";
    *requests = 0;
    for (const QString &relative : std::as_const(files)) {
        QFile file(QDir(base).filePath(relative));
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("%1: %2").arg(file.fileName(), file.errorString());
            return std::nullopt;
        }
        for (const CurlCommand &command :
             curlCommands(HttpDocument::parse(file.readAll()), resolver, unresolved)) {
            script += "\n# " + relative.toUtf8() +
                      (command.name.isEmpty() ? QByteArray() : " · " + command.name.toUtf8()) + '\n' +
                      command.command.toUtf8() + '\n';
            ++*requests;
        }
    }
    return script;
}

} // namespace ApiLens::Core
