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

namespace {

// Each value as written and percent-encoded (as it goes out in a URL), longer ones first so
// that a value inside another is not replaced first.
QList<QByteArray> redactedForms(const QStringList &values)
{
    QList<QByteArray> forms;
    for (const QString &value : values) {
        if (value.size() >= MinRedactedChars) {
            forms << value.toUtf8() << QUrl::toPercentEncoding(value);
        }
    }
    std::sort(forms.begin(), forms.end(),
              [](const QByteArray &a, const QByteArray &b) { return a.size() > b.size(); });
    return forms;
}

} // namespace

QString redactValues(QString text, const QStringList &values, const QString &marker)
{
    for (const QByteArray &form : redactedForms(values)) {
        text.replace(QString::fromUtf8(form), marker);
    }
    return text;
}

QByteArray redactValues(QByteArray bytes, const QStringList &values, const QByteArray &marker)
{
    for (const QByteArray &form : redactedForms(values)) {
        bytes.replace(form, marker);
    }
    return bytes;
}

QString redactedUrl(const QString &url, const QStringList &secretValues, const QString &marker)
{
    // The marker as it reads, not percent-encoded as the query holds it: this is for people.
    QString text = withoutSecretQuery(QUrl(url), marker).toString();
    text.replace(QString::fromLatin1(QUrl::toPercentEncoding(marker)), marker);
    return redactValues(text, secretValues, marker);
}

} // namespace ApiLens::Core
