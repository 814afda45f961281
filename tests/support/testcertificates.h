#pragma once

#include <QString>
#include <QTemporaryDir>

namespace ApiLens::Test {

// Certificates made at test time with the openssl command line (none is kept in the tree but
// the self-signed localhost pair): a test CA, and leaves it signed for 127.0.0.1/localhost that
// are valid, expired (2020), or for another host. No test's trust store holds the CA, so a
// valid leaf is refused as signed by an unknown CA.
class TestCertificates
{
public:
    enum class Leaf { Valid, Expired, OtherHost, Client };

    // Makes them all; false with `error` saying what failed (openssl missing, a command failed).
    bool generate(QString *error);
    static bool opensslAvailable();

    QString caCertificate() const { return path(QStringLiteral("ca.crt")); }
    QString certificate(Leaf leaf) const;
    QString key(Leaf leaf) const;

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    bool openssl(const QStringList &arguments, QString *error) const;
    bool makeLeaf(const QString &name, const QString &subject, const QString &altNames, bool expired,
                  QString *error) const;

    QTemporaryDir m_dir;
};

} // namespace ApiLens::Test
