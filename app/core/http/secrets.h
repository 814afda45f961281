#pragma once

#include <QString>
#include <QUrl>

namespace ApiLens::Core {

// Whether a header or query parameter of this name carries a secret (Authorization, cookies,
// tokens, keys, passwords, signatures): the one rule behind what the history, HAR export and
// saved drafts leave out.
bool isSecretName(QStringView name);
inline bool isSecretName(const QByteArray &name)
{
    return isSecretName(QString::fromLatin1(name));
}

// The URL without its user info, and with `marker` for the value of every query parameter
// whose name is secret (?api_key=… becomes ?api_key=•••); the rest as it was.
QUrl withoutSecretQuery(const QUrl &url, const QString &marker);

// What stands for a secret left out of a report, an export or the history.
inline QString redactedMarker()
{
    return QStringLiteral("[redacted]");
}

// `text` with every occurrence of each of `values` replaced by `marker`, longer values
// first; values shorter than MinRedactedChars are left (they would mark ordinary text).
// Values appear as written and percent-encoded (as they go out in a URL).
constexpr qsizetype MinRedactedChars = 4;
QString redactValues(QString text, const QStringList &values, const QString &marker);
// The same in bytes as they were sent or received (the values as UTF-8), binary or not.
QByteArray redactValues(QByteArray bytes, const QStringList &values, const QByteArray &marker);

// A URL as reports show it: without user info, secret query parameters and secret values.
QString redactedUrl(const QString &url, const QStringList &secretValues, const QString &marker);

} // namespace ApiLens::Core
