#include "requestspec.h"

#include "contentdecoder.h"

#include <QFileInfo>
#include <QStringList>

namespace ApiLens::Core {

QStringList standardMethods()
{
    return {QStringLiteral("GET"),     QStringLiteral("POST"),   QStringLiteral("PUT"),
            QStringLiteral("PATCH"),   QStringLiteral("DELETE"), QStringLiteral("HEAD"),
            QStringLiteral("OPTIONS"), QStringLiteral("TRACE")};
}

QList<DefaultHeader> defaultHeaders()
{
    return {
        {QStringLiteral("User-Agent"), QStringLiteral("ApiLens/" APILENS_VERSION),
         QStringLiteral("Names the client; some APIs refuse requests without one")},
        {QStringLiteral("Accept"), QStringLiteral("*/*"), QStringLiteral("Any media type is welcome")},
        {QStringLiteral("Accept-Encoding"), QString::fromLatin1(ContentDecoder::acceptEncoding()),
         QStringLiteral("Compressed responses ApiLens can decode; the body is shown decoded")},
        {QStringLiteral("Connection"), QStringLiteral("keep-alive"),
         QStringLiteral("Keeps the connection open for the next request (not sent over HTTP/2)")},
    };
}

bool MultipartPart::operator==(const MultipartPart &o) const
{
    return name == o.name && value == o.value && filePath == o.filePath && contentType == o.contentType &&
           enabled == o.enabled && fileName == o.fileName;
}

bool RequestBody::operator==(const RequestBody &o) const
{
    return kind == o.kind && raw == o.raw && contentType == o.contentType && form == o.form &&
           parts == o.parts && filePath == o.filePath;
}

bool Auth::operator==(const Auth &o) const
{
    return kind == o.kind && username == o.username && password == o.password && token == o.token &&
           keyName == o.keyName && keyValue == o.keyValue && keyLocation == o.keyLocation &&
           oauth1 == o.oauth1;
}

bool OAuth1Settings::operator==(const OAuth1Settings &o) const
{
    for (const OAuth1Field &field : oauth1Fields()) {
        if (this->*field.member != o.*field.member) {
            return false;
        }
    }
    return inHeader == o.inHeader && bodyHash == o.bodyHash && signEmpty == o.signEmpty;
}

const QList<OAuth1Field> &oauth1Fields()
{
    static const QList<OAuth1Field> fields{
        {"consumer_key", "consumerKey", &OAuth1Settings::consumerKey, false},
        {"consumer_secret", "consumerSecret", &OAuth1Settings::consumerSecret, true},
        {"token", "token", &OAuth1Settings::token, false},
        {"token_secret", "tokenSecret", &OAuth1Settings::tokenSecret, true},
        {"signature_method", "signatureMethod", &OAuth1Settings::signatureMethod, false},
        {"version", "version", &OAuth1Settings::version, false},
        {"realm", "realm", &OAuth1Settings::realm, false},
        {"timestamp", "timestamp", &OAuth1Settings::timestamp, false},
        {"nonce", "nonce", &OAuth1Settings::nonce, false},
        {"callback", "callback", &OAuth1Settings::callback, false},
        {"verifier", "verifier", &OAuth1Settings::verifier, false},
    };
    return fields;
}

bool RequestSettings::operator==(const RequestSettings &o) const
{
    return timeoutMs == o.timeoutMs && followRedirects == o.followRedirects &&
           maxRedirects == o.maxRedirects && verifyTls == o.verifyTls && allowHttp2 == o.allowHttp2 &&
           http2PriorKnowledge == o.http2PriorKnowledge && proxy == o.proxy;
}

bool RequestSpec::operator==(const RequestSpec &o) const
{
    return name == o.name && method == o.method && url == o.url && headers == o.headers && body == o.body &&
           auth == o.auth && settings == o.settings && omittedDefaults == o.omittedDefaults;
}

QString MultipartPart::sentFileName() const
{
    return fileName.isEmpty() ? QFileInfo(filePath).fileName() : fileName;
}

bool hasHeader(const QList<KeyValue> &headers, const QString &name)
{
    for (const KeyValue &header : headers) {
        if (header.enabled && header.name.trimmed().compare(name, Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    return false;
}

bool sendsDefault(const RequestSpec &spec, const QString &name)
{
    return !spec.omittedDefaults.contains(name, Qt::CaseInsensitive) && !hasHeader(spec.headers, name);
}

bool hasLineBreak(const QString &text)
{
    return text.contains(QLatin1Char('\r')) || text.contains(QLatin1Char('\n')) || text.contains(QChar(0));
}

bool isValidMethod(const QString &method)
{
    if (method.isEmpty()) {
        return false;
    }
    static const QString extra = QStringLiteral("!#$%&'*+-.^_`|~");
    for (const QChar c : method) {
        const bool ok = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                        (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
                        (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || extra.contains(c);
        if (!ok) {
            return false;
        }
    }
    return true;
}

} // namespace ApiLens::Core
