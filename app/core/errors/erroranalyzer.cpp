#include "erroranalyzer.h"

#include "errorreader.h"

#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>

namespace ApiLens::Core {

using namespace Errors;

namespace {

// Seconds from now to an epoch `epoch` (seconds), measured from `base`; none when the epoch is
// not a time of this era (the subtraction could not overflow, either way).
std::optional<qint64> secondsUntilEpoch(qint64 epoch, qint64 base)
{
    constexpr qint64 Year2200 = 7258118400;
    if (epoch < 0 || epoch > Year2200 || base < 0 || base > Year2200) {
        return std::nullopt;
    }
    return waitSeconds(qMax<qint64>(0, epoch - base));
}

std::optional<QString> headerRequestId(const HeaderList &headers)
{
    static const QByteArrayList names = {"X-Request-Id",      "Request-Id",      "x-amzn-RequestId",
                                         "x-amz-request-id",  "x-ms-request-id", "X-GitHub-Request-Id",
                                         "Twilio-Request-Id", "X-Slack-Req-Id",  "CF-RAY"};
    for (const QByteArray &name : names) {
        const QByteArray value = headerValue(headers, name);
        if (!value.isNull() && !value.trimmed().isEmpty()) {
            return QString::fromUtf8(value.trimmed());
        }
    }
    return std::nullopt;
}

QDateTime httpDate(const QByteArray &value)
{
    const QString text = QString::fromLatin1(value.trimmed());
    for (const QString &format :
         {QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"), QStringLiteral("dddd, dd-MMM-yy HH:mm:ss 'GMT'"),
          QStringLiteral("ddd MMM d HH:mm:ss yyyy")}) {
        const QDateTime local = QLocale::c().toDateTime(text, format);
        if (local.isValid()) {
            QDateTime date(local.date(), local.time(), Qt::UTC);
            if (date.date().year() < 1970) {
                date = date.addYears(100);
            }
            return date;
        }
    }
    return {};
}

std::optional<qint64> headerRateLimitRetry(const HeaderList &headers, const QDateTime &now)
{
    // RateLimit: "default";r=0;t=37 (current drafts), then RateLimit-Reset: N (older).
    const QByteArray rateLimit = headerValue(headers, "RateLimit");
    static const QRegularExpression t(QStringLiteral(";\\s*t\\s*=\\s*(\\d+)"));
    const QRegularExpressionMatch match = t.match(QString::fromLatin1(rateLimit));
    bool ok = false;
    if (match.hasMatch()) {
        const qint64 seconds = match.captured(1).toLongLong(&ok);
        return ok ? waitSeconds(seconds) : std::nullopt;
    }
    const qint64 reset = headerValue(headers, "RateLimit-Reset").trimmed().toLongLong(&ok);
    if (ok) {
        return waitSeconds(reset);
    }
    // X-RateLimit-Reset is an epoch (GitHub); only a hint when nothing is left.
    const QByteArray remaining = headerValue(headers, "X-RateLimit-Remaining").trimmed();
    const qint64 epoch = headerValue(headers, "X-RateLimit-Reset").trimmed().toLongLong(&ok);
    if (ok && remaining == "0") {
        const QDateTime date = httpDate(headerValue(headers, "Date"));
        return secondsUntilEpoch(epoch, (date.isValid() ? date : now).toSecsSinceEpoch());
    }
    return std::nullopt;
}

// The first reader of the body's shape that takes it; false when none does.
bool readFirst(Shape shape, const ErrorBody &body, Reading *r)
{
    for (const ErrorReader *reader : readers()) {
        if (reader->shape == shape && reader->detect(body)) {
            r->report.format = QString::fromLatin1(reader->format);
            reader->read(body, r);
            return true;
        }
    }
    return false;
}

// No body: what WWW-Authenticate says of a Bearer token, if anything.
void readEmpty(const HeaderList &headers, Reading *r)
{
    const QHash<QString, QString> bearer = bearerChallenge(headerValue(headers, "WWW-Authenticate"));
    if (bearer.isEmpty()) {
        r->report.format = QStringLiteral("empty");
        return;
    }
    r->report.format = QStringLiteral("oauth2-bearer-challenge");
    if (bearer.contains(QStringLiteral("error"))) {
        r->report.code = bearer.value(QStringLiteral("error"));
    }
    if (bearer.contains(QStringLiteral("error_description"))) {
        r->report.message = bearer.value(QStringLiteral("error_description"));
    }
    if (bearer.contains(QStringLiteral("error_uri"))) {
        r->report.docUrl = bearer.value(QStringLiteral("error_uri"));
    }
}

void readJson(const QByteArray &json, ErrorBody *body, Reading *r)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        r->report.format = QStringLiteral("malformed-json");
        return;
    }
    const KeyOrder order(json);
    body->order = &order;
    body->object = document.object();
    body->array = document.array();
    if (readFirst(document.isArray() ? Shape::JsonArray : Shape::JsonObject, *body, r)) {
        return;
    }
    // JSON of a shape no reader knows: keep the common members.
    r->report.format = QStringLiteral("json");
    r->report.code = codeValue(body->object.value(QStringLiteral("code")));
    for (const QString &key :
         {QStringLiteral("message"), QStringLiteral("detail"), QStringLiteral("title")}) {
        if (!r->report.message) {
            r->report.message = str(body->object.value(key));
        }
    }
}

// An XML error document a reader knows; false for anything else (HTML is not read as XML).
bool readXml(const QByteArray &trimmed, ErrorBody *body, Reading *r)
{
    XmlNode xml;
    if (!trimmed.startsWith('<') || body->contentType.contains("html") || !parseXml(trimmed, &xml)) {
        return false;
    }
    body->xml = &xml;
    const bool read = readFirst(Shape::Xml, *body, r);
    body->xml = nullptr;
    return read;
}

// An HTML page goes to the page readers; text, and pages none of them knows, are plain text
// (a page's message its <title>).
void readPageOrText(const QByteArray &bytes, ErrorBody *body, Reading *r)
{
    const QString text = QString::fromUtf8(bytes);
    const QString head = text.left(4096).toLower();
    const bool html = body->contentType.contains("html") || head.contains(QLatin1String("<html")) ||
                      head.contains(QLatin1String("<!doctype html"));
    r->report.format = QStringLiteral("plain-text");
    if (!html) {
        const QString trimmed = text.trimmed();
        r->report.message = trimmed.size() > 2000 ? trimmed.left(2000) : trimmed;
        return;
    }
    body->page = text.left(64 * 1024);
    if (!readFirst(Shape::Page, *body, r)) {
        static const QRegularExpression title(QStringLiteral("<title[^>]*>(.*?)</title>"),
                                              QRegularExpression::CaseInsensitiveOption |
                                                  QRegularExpression::DotMatchesEverythingOption);
        const QRegularExpressionMatch match = title.match(body->page);
        if (match.hasMatch()) {
            r->report.message = match.captured(1).trimmed();
        }
    }
}

} // namespace

std::optional<RateLimitInfo> rateLimitOf(const HeaderList &headers, const QDateTime &now)
{
    RateLimitInfo info;
    auto number = [&headers](const char *name) -> std::optional<qint64> {
        bool ok = false;
        const qint64 value =
            headerValue(headers, name).trimmed().split(',').value(0).trimmed().toLongLong(&ok);
        return ok ? std::optional<qint64>(value) : std::nullopt;
    };
    auto param = [](const QByteArray &value, const char *key) -> std::optional<qint64> {
        const QRegularExpression re(QStringLiteral(";\\s*%1\\s*=\\s*(\\d+)").arg(QLatin1String(key)));
        const QRegularExpressionMatch match = re.match(QString::fromLatin1(value));
        return match.hasMatch() ? std::optional<qint64>(match.captured(1).toLongLong()) : std::nullopt;
    };
    const QByteArray current = headerValue(headers, "RateLimit");
    const QByteArray policy = headerValue(headers, "RateLimit-Policy");
    info.remaining = param(current, "r");
    info.resetSeconds = param(current, "t");
    info.limit = param(policy, "q");
    if (!info.remaining) {
        info.remaining = number("RateLimit-Remaining");
    }
    if (!info.limit) {
        info.limit = number("RateLimit-Limit");
    }
    if (!info.resetSeconds) {
        info.resetSeconds = number("RateLimit-Reset");
    }
    if (!info.remaining) {
        info.remaining = number("X-RateLimit-Remaining");
    }
    if (!info.limit) {
        info.limit = number("X-RateLimit-Limit");
    }
    if (!info.resetSeconds) {
        if (const auto reset = number("X-RateLimit-Reset")) {
            // An epoch (GitHub) or a delay (Laravel and others).
            if (*reset > 1000000000) {
                const QDateTime date = httpDate(headerValue(headers, "Date"));
                info.resetSeconds =
                    secondsUntilEpoch(*reset, (date.isValid() ? date : now).toSecsSinceEpoch());
            } else {
                info.resetSeconds = waitSeconds(*reset);
            }
        }
    }
    if (!info.limit && !info.remaining && !info.resetSeconds) {
        return std::nullopt;
    }
    return info;
}

std::optional<qint64> parseRetryAfter(const QByteArray &value, const QByteArray &date, const QDateTime &now)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty()) {
        return std::nullopt;
    }
    bool ok = false;
    const qint64 seconds = trimmed.toLongLong(&ok);
    if (ok) {
        return waitSeconds(seconds);
    }
    const QDateTime when = httpDate(trimmed);
    if (!when.isValid()) {
        return std::nullopt;
    }
    const QDateTime base = httpDate(date);
    return qMax<qint64>(0, (base.isValid() ? base : now).secsTo(when));
}

QHash<QString, QString> bearerChallenge(const QByteArray &header)
{
    // Tokenize challenges: scheme followed by auth-params (name=token|quoted-string).
    QHash<QString, QString> params;
    const QString text = QString::fromLatin1(header);
    qsizetype i = 0;
    const qsizetype n = text.size();
    bool inBearer = false;
    while (i < n) {
        while (i < n && (text[i].isSpace() || text[i] == QLatin1Char(','))) {
            ++i;
        }
        qsizetype start = i;
        while (i < n && !text[i].isSpace() && text[i] != QLatin1Char('=') && text[i] != QLatin1Char(',')) {
            ++i;
        }
        const QString word = text.mid(start, i - start);
        qsizetype j = i;
        while (j < n && text[j].isSpace()) {
            ++j;
        }
        if (j < n && text[j] == QLatin1Char('=') && !(j + 1 < n && text[j + 1] == QLatin1Char('='))) {
            // name=value
            i = j + 1;
            while (i < n && text[i].isSpace()) {
                ++i;
            }
            QString value;
            if (i < n && text[i] == QLatin1Char('"')) {
                ++i;
                while (i < n && text[i] != QLatin1Char('"')) {
                    if (text[i] == QLatin1Char('\\') && i + 1 < n) {
                        ++i;
                    }
                    value += text[i++];
                }
                ++i;
            } else {
                start = i;
                while (i < n && text[i] != QLatin1Char(',')) {
                    ++i;
                }
                value = text.mid(start, i - start).trimmed();
            }
            if (inBearer && !params.contains(word.toLower())) {
                params.insert(word.toLower(), value);
            }
        } else if (!word.isEmpty()) {
            // A new challenge (or a token68, which Bearer errors do not use).
            if (inBearer) {
                break;
            }
            inBearer = word.compare(QLatin1String("Bearer"), Qt::CaseInsensitive) == 0;
            if (inBearer) {
                params.insert(QStringLiteral("scheme"), word);
            }
        } else {
            ++i;
        }
    }
    return params;
}

ErrorReport analyzeError(int status, const HeaderList &headers, const QByteArray &rawBody,
                         const QDateTime &now)
{
    Reading r;
    r.report.status = status;
    ErrorBody body{headers, headerValue(headers, "Content-Type").toLower(), {}, {}, nullptr, nullptr, {}};
    const QByteArray bytes = rawBody.startsWith("\xEF\xBB\xBF") ? rawBody.mid(3) : rawBody;
    const QByteArray trimmed = bytes.trimmed();
    if (trimmed.isEmpty()) {
        readEmpty(headers, &r);
    } else if (trimmed.startsWith('{') || trimmed.startsWith('[') || body.contentType.contains("json")) {
        readJson(bytes, &body, &r);
    } else if (!readXml(trimmed, &body, &r)) {
        readPageOrText(bytes, &body, &r);
    }

    r.report.requestId = r.bodyRequestId ? r.bodyRequestId : headerRequestId(headers);
    r.report.retryAfterSeconds =
        parseRetryAfter(headerValue(headers, "Retry-After"), headerValue(headers, "Date"), now);
    if (!r.report.retryAfterSeconds) {
        r.report.retryAfterSeconds = r.bodyRetry;
    }
    if (!r.report.retryAfterSeconds) {
        r.report.retryAfterSeconds = headerRateLimitRetry(headers, now);
    }
    return r.report;
}

} // namespace ApiLens::Core
