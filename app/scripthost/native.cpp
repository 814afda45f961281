#include "native.h"

#include <QCryptographicHash>
#include <QHash>
#include <QMessageAuthenticationCode>
#include <QUuid>

namespace ApiLens::ScriptHost {

namespace {

std::optional<QCryptographicHash::Algorithm> algorithmOf(const QString &name)
{
    static const QHash<QString, QCryptographicHash::Algorithm> algorithms{
        {QStringLiteral("md5"), QCryptographicHash::Md5},
        {QStringLiteral("sha1"), QCryptographicHash::Sha1},
        {QStringLiteral("sha256"), QCryptographicHash::Sha256},
        {QStringLiteral("sha384"), QCryptographicHash::Sha384},
        {QStringLiteral("sha512"), QCryptographicHash::Sha512},
    };
    const auto it = algorithms.constFind(name.toLower());
    return it == algorithms.cend() ? std::nullopt : std::make_optional(*it);
}

QByteArray decode(const QString &base64)
{
    return QByteArray::fromBase64(base64.toLatin1());
}

} // namespace

QString Native::bytes(const QString &text, const QString &encoding) const
{
    const QString e = encoding.toLower();
    QByteArray bytes;
    if (e == QLatin1String("hex")) {
        bytes = QByteArray::fromHex(text.toLatin1());
    } else if (e == QLatin1String("base64") || e == QLatin1String("base64url")) {
        QByteArray normal = text.toLatin1(); // either alphabet
        normal.replace('-', '+').replace('_', '/');
        bytes = QByteArray::fromBase64(normal);
    } else if (e == QLatin1String("latin1") || e == QLatin1String("binary") || e == QLatin1String("ascii")) {
        bytes = text.toLatin1();
    } else {
        bytes = text.toUtf8();
    }
    return QString::fromLatin1(bytes.toBase64());
}

QString Native::text(const QString &base64, const QString &encoding) const
{
    const QByteArray bytes = decode(base64);
    const QString e = encoding.toLower();
    if (e == QLatin1String("hex")) {
        return QString::fromLatin1(bytes.toHex());
    }
    if (e == QLatin1String("base64")) {
        return QString::fromLatin1(bytes.toBase64());
    }
    if (e == QLatin1String("base64url")) {
        return QString::fromLatin1(
            bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    }
    if (e == QLatin1String("latin1") || e == QLatin1String("binary") || e == QLatin1String("ascii")) {
        return QString::fromLatin1(bytes);
    }
    return QString::fromUtf8(bytes);
}

int Native::size(const QString &base64) const
{
    return int(decode(base64).size());
}

QString Native::digest(const QString &algorithm, const QStringList &parts, const QString &key,
                       bool hmac) const
{
    const std::optional<QCryptographicHash::Algorithm> method = algorithmOf(algorithm);
    if (!method) {
        return {};
    }
    QByteArray data;
    for (const QString &part : parts) {
        data += decode(part);
    }
    const QByteArray result = hmac ? QMessageAuthenticationCode::hash(data, decode(key), *method)
                                   : QCryptographicHash::hash(data, *method);
    return QString::fromLatin1(result.toBase64());
}

QString Native::uuid() const
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace ApiLens::ScriptHost
