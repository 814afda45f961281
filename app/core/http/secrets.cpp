#include "secrets.h"

#include <QStringList>

#include <QUrlQuery>
#include <algorithm>

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

QString redactValues(QString text, const QStringList &values, const QString &marker)
{
    QStringList forms;
    for (const QString &value : values) {
        if (value.size() >= MinRedactedChars) {
            forms << value << QString::fromLatin1(QUrl::toPercentEncoding(value));
        }
    }
    std::sort(forms.begin(), forms.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    for (const QString &form : std::as_const(forms)) {
        text.replace(form, marker);
    }
    return text;
}

QString redactedUrl(const QString &url, const QStringList &secretValues, const QString &marker)
{
    // The marker as it reads, not percent-encoded as the query holds it: this is for people.
    QString text = withoutSecretQuery(QUrl(url), marker).toString();
    text.replace(QString::fromLatin1(QUrl::toPercentEncoding(marker)), marker);
    return redactValues(text, secretValues, marker);
}

} // namespace ApiLens::Core
