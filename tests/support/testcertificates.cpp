#include "testcertificates.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>

namespace ApiLens::Test {

namespace {

QString leafName(TestCertificates::Leaf leaf)
{
    switch (leaf) {
    case TestCertificates::Leaf::Valid:
        return QStringLiteral("valid");
    case TestCertificates::Leaf::Expired:
        return QStringLiteral("expired");
    case TestCertificates::Leaf::OtherHost:
        return QStringLiteral("otherhost");
    case TestCertificates::Leaf::Client:
        return QStringLiteral("client");
    }
    return {};
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

const QStringList EcKey{QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                        QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes")};

} // namespace

bool TestCertificates::opensslAvailable()
{
    return !QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty();
}

QString TestCertificates::certificate(Leaf leaf) const
{
    return path(leafName(leaf) + QStringLiteral(".crt"));
}

QString TestCertificates::key(Leaf leaf) const
{
    return path(leafName(leaf) + QStringLiteral(".key"));
}

bool TestCertificates::openssl(const QStringList &arguments, QString *error) const
{
    QProcess process;
    process.setWorkingDirectory(m_dir.path());
    process.start(QStringLiteral("openssl"), arguments);
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        *error = QStringLiteral("openssl %1 failed: %2")
                     .arg(arguments.join(QLatin1Char(' ')),
                          QString::fromLocal8Bit(process.readAllStandardError()) + process.errorString());
        return false;
    }
    return true;
}

bool TestCertificates::makeLeaf(const QString &name, const QString &subject, const QString &altNames,
                                bool expired, QString *error) const
{
    const QString extensions = name + QStringLiteral(".ext");
    if (!writeFile(path(extensions),
                   "basicConstraints=CA:FALSE\nsubjectAltName=" + altNames.toUtf8() + '\n')) {
        *error = QStringLiteral("cannot write %1").arg(path(extensions));
        return false;
    }
    if (!openssl(QStringList{QStringLiteral("req")} + EcKey +
                     QStringList{QStringLiteral("-keyout"), name + QStringLiteral(".key"),
                                 QStringLiteral("-out"), name + QStringLiteral(".csr"),
                                 QStringLiteral("-subj"), subject},
                 error)) {
        return false;
    }
    // `openssl ca` takes explicit dates (x509 -req only counts days from now).
    return openssl({QStringLiteral("ca"), QStringLiteral("-batch"), QStringLiteral("-config"),
                    QStringLiteral("ca.cnf"), QStringLiteral("-in"), name + QStringLiteral(".csr"),
                    QStringLiteral("-out"), name + QStringLiteral(".crt"), QStringLiteral("-notext"),
                    QStringLiteral("-extfile"), extensions, QStringLiteral("-startdate"),
                    expired ? QStringLiteral("20200101000000Z") : QStringLiteral("20240101000000Z"),
                    QStringLiteral("-enddate"),
                    expired ? QStringLiteral("20200201000000Z") : QStringLiteral("20991231000000Z")},
                   error);
}

bool TestCertificates::generate(QString *error)
{
    if (!m_dir.isValid()) {
        *error = QStringLiteral("no temporary directory");
        return false;
    }
    const QByteArray config = "[ca]\ndefault_ca = test\n"
                              "[test]\ndatabase = index.txt\nnew_certs_dir = .\nserial = serial\n"
                              "certificate = ca.crt\nprivate_key = ca.key\ndefault_md = sha256\n"
                              "policy = anything\nunique_subject = no\n"
                              "[anything]\ncommonName = supplied\n";
    if (!writeFile(path(QStringLiteral("ca.cnf")), config) ||
        !writeFile(path(QStringLiteral("index.txt")), {}) ||
        !writeFile(path(QStringLiteral("serial")), "1000\n")) {
        *error = QStringLiteral("cannot write the CA's files in %1").arg(m_dir.path());
        return false;
    }
    const QString localhost = QStringLiteral("DNS:localhost,IP:127.0.0.1,IP:::1");
    return openssl(QStringList{QStringLiteral("req"), QStringLiteral("-x509")} + EcKey +
                       QStringList{QStringLiteral("-keyout"), QStringLiteral("ca.key"),
                                   QStringLiteral("-out"), QStringLiteral("ca.crt"), QStringLiteral("-days"),
                                   QStringLiteral("3650"), QStringLiteral("-subj"),
                                   QStringLiteral("/CN=ApiLens Test CA"), QStringLiteral("-addext"),
                                   QStringLiteral("basicConstraints=critical,CA:TRUE"),
                                   QStringLiteral("-addext"),
                                   QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")},
                   error) &&
           makeLeaf(leafName(Leaf::Valid), QStringLiteral("/CN=localhost"), localhost, false, error) &&
           makeLeaf(leafName(Leaf::Expired), QStringLiteral("/CN=localhost"), localhost, true, error) &&
           makeLeaf(leafName(Leaf::OtherHost), QStringLiteral("/CN=other.example"),
                    QStringLiteral("DNS:other.example"), false, error) &&
           makeLeaf(leafName(Leaf::Client), QStringLiteral("/CN=ApiLens Test Client"),
                    QStringLiteral("DNS:client.example"), false, error);
}

} // namespace ApiLens::Test
