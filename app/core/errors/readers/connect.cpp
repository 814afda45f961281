// Connect (formats.md §3.18): a lower_snake code from Connect's list, a message, and details
// whose value is base64 protobuf (RetryInfo read from it, or from its debug rendering).

#include "readers.h"

namespace ApiLens::Core::Errors::Readers {

namespace {

// ---- protobuf, just enough for RetryInfo ----------------------------------------------

bool readVarint(const QByteArray &bytes, qsizetype *pos, quint64 *value)
{
    *value = 0;
    for (int shift = 0; shift < 64 && *pos < bytes.size(); shift += 7) {
        const auto byte = quint8(bytes.at((*pos)++));
        *value |= quint64(byte & 0x7f) << shift;
        if (!(byte & 0x80)) {
            return true;
        }
    }
    return false;
}

// RetryInfo { Duration retry_delay = 1; } Duration { int64 seconds = 1; int32 nanos = 2; }
std::optional<qint64> retryInfoSeconds(const QByteArray &message)
{
    qsizetype pos = 0;
    while (pos < message.size()) {
        quint64 key = 0;
        if (!readVarint(message, &pos, &key)) {
            return std::nullopt;
        }
        if (key == ((1 << 3) | 2)) { // field 1, length-delimited: the Duration
            quint64 length = 0;
            if (!readVarint(message, &pos, &length) || pos + qsizetype(length) > message.size()) {
                return std::nullopt;
            }
            const QByteArray duration = message.mid(pos, qsizetype(length));
            qsizetype p = 0;
            quint64 seconds = 0;
            quint64 nanos = 0;
            while (p < duration.size()) {
                quint64 k = 0;
                quint64 v = 0;
                if (!readVarint(duration, &p, &k) || !readVarint(duration, &p, &v)) {
                    return std::nullopt;
                }
                if (k == ((1 << 3) | 0)) {
                    seconds = v;
                } else if (k == ((2 << 3) | 0)) {
                    nanos = v;
                }
            }
            if (seconds > quint64(1) << 40) { // far past any wait; waitSeconds says no
                return std::nullopt;
            }
            return waitSeconds(qint64(seconds) + (nanos > 0 ? 1 : 0));
        }
        return std::nullopt;
    }
    return std::nullopt;
}

std::optional<qint64> connectRetry(const QJsonArray &details)
{
    const QJsonObject retry = findDetail(details, QStringLiteral("RetryInfo"));
    if (retry.isEmpty()) {
        return std::nullopt;
    }
    if (auto seconds = durationSeconds(
            retry.value(QStringLiteral("debug")).toObject().value(QStringLiteral("retryDelay")))) {
        return seconds;
    }
    QByteArray value = retry.value(QStringLiteral("value")).toString().toLatin1();
    const QByteArray decoded = QByteArray::fromBase64(value, QByteArray::Base64Encoding);
    return retryInfoSeconds(decoded);
}

bool detect(const ErrorBody &body)
{
    static const QStringList codes = {QStringLiteral("canceled"),
                                      QStringLiteral("unknown"),
                                      QStringLiteral("invalid_argument"),
                                      QStringLiteral("deadline_exceeded"),
                                      QStringLiteral("not_found"),
                                      QStringLiteral("already_exists"),
                                      QStringLiteral("permission_denied"),
                                      QStringLiteral("resource_exhausted"),
                                      QStringLiteral("failed_precondition"),
                                      QStringLiteral("aborted"),
                                      QStringLiteral("out_of_range"),
                                      QStringLiteral("unimplemented"),
                                      QStringLiteral("internal"),
                                      QStringLiteral("unavailable"),
                                      QStringLiteral("data_loss"),
                                      QStringLiteral("unauthenticated")};
    const QJsonValue code = body.object.value(QStringLiteral("code"));
    return code.isString() && codes.contains(code.toString()) &&
           !body.object.contains(QStringLiteral("unique_id"));
}

void read(const ErrorBody &body, Reading *r)
{
    const QJsonObject &o = body.object;
    r->report.code = codeValue(o.value(QStringLiteral("code")));
    r->report.message = str(o.value(QStringLiteral("message")));
    const QJsonArray details = o.value(QStringLiteral("details")).toArray();
    appendFieldViolations(
        findDetail(details, QStringLiteral("BadRequest")).value(QStringLiteral("debug")).toObject(),
        &r->report.fieldErrors);
    r->bodyRetry = connectRetry(details);
}

} // namespace

const ErrorReader connect{"connect", "Connect error", Shape::JsonObject, detect, read};

} // namespace ApiLens::Core::Errors::Readers
