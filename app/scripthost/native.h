#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

namespace ApiLens::ScriptHost {

// The few native helpers scripts reach through the API (bytes, digests, UUIDs). Bytes travel
// as base64 strings; nothing here touches files, processes or the network.
class Native : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    // Text in an encoding (utf8, latin1/binary/ascii, hex, base64, base64url) -> its bytes, as base64.
    Q_INVOKABLE QString bytes(const QString &text, const QString &encoding) const;
    // Bytes (base64) -> text in that encoding.
    Q_INVOKABLE QString text(const QString &base64, const QString &encoding) const;
    Q_INVOKABLE int size(const QString &base64) const;
    // A digest (md5, sha1, sha256, sha384, sha512) of the parts, or their HMAC with the key.
    Q_INVOKABLE QString digest(const QString &algorithm, const QStringList &parts, const QString &key,
                               bool hmac) const;
    Q_INVOKABLE QString uuid() const;
};

} // namespace ApiLens::ScriptHost
