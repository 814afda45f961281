#include "jwt.h"

#include "bodyformatter.h"

#include <QJsonDocument>

namespace ApiLens::Core {

std::optional<QJsonObject> jwtClaims(const QString &token)
{
    const QStringList parts = token.trimmed().split(QLatin1Char('.'));
    if (parts.size() != 3 || parts[1].isEmpty()) {
        return std::nullopt;
    }
    const auto decoded = QByteArray::fromBase64Encoding(
        parts[1].toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        return std::nullopt;
    }
    const QJsonDocument claims = QJsonDocument::fromJson(*decoded);
    return claims.isObject() ? std::optional<QJsonObject>(claims.object()) : std::nullopt;
}

std::optional<QByteArray> withJwtClaims(const QByteArray &body, const QStringList &names)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject()) {
        return std::nullopt;
    }
    QJsonObject object = document.object();
    const QJsonObject original = object;
    for (auto it = original.begin(); it != original.end(); ++it) {
        if (!it->isString() || (!names.isEmpty() && !names.contains(it.key()))) {
            continue;
        }
        if (const std::optional<QJsonObject> claims = jwtClaims(it->toString())) {
            object.insert(it.key() + QLatin1String("_parsed"), *claims);
        }
    }
    return indentJson(QJsonDocument(object).toJson(QJsonDocument::Compact)).toUtf8();
}

} // namespace ApiLens::Core
