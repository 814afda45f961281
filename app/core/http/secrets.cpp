#include "secrets.h"

#include <QStringList>
#include <QUrlQuery>

namespace ApiLens::Core {

bool isSecretName(QStringView name)
{
    const QString lower = name.trimmed().toString().toLower();
    static const QStringList exact = {QStringLiteral("authorization"), QStringLiteral("proxy-authorization"),
                                      QStringLiteral("cookie"),        QStringLiteral("set-cookie"),
                                      QStringLiteral("key"),           QStringLiteral("sig"),
                                      QStringLiteral("code"),          QStringLiteral("auth")};
    static const QStringList parts = {
        QStringLiteral("token"),  QStringLiteral("secret"),    QStringLiteral("password"),
        QStringLiteral("passwd"), QStringLiteral("api-key"),   QStringLiteral("api_key"),
        QStringLiteral("apikey"), QStringLiteral("signature"), QStringLiteral("credential")};
    if (exact.contains(lower)) {
        return true;
    }
    for (const QString &part : parts) {
        if (lower.contains(part)) {
            return true;
        }
    }
    return false;
}

QUrl withoutSecretQuery(const QUrl &url, const QString &marker)
{
    QUrl out = url.adjusted(QUrl::RemoveUserInfo);
    if (!out.hasQuery()) {
        return out;
    }
    QUrlQuery query(out);
    QList<QPair<QString, QString>> items = query.queryItems(QUrl::FullyEncoded);
    bool changed = false;
    for (auto &[name, value] : items) {
        if (isSecretName(QUrl::fromPercentEncoding(name.toUtf8()))) {
            value = QString::fromLatin1(QUrl::toPercentEncoding(marker));
            changed = true;
        }
    }
    if (changed) {
        QUrlQuery redacted;
        redacted.setQueryItems(items);
        out.setQuery(redacted.query(QUrl::FullyEncoded), QUrl::StrictMode);
    }
    return out;
}

} // namespace ApiLens::Core
