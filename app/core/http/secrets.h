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

} // namespace ApiLens::Core
