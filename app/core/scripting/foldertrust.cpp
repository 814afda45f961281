#include "foldertrust.h"

#include "util/fileutil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

namespace ApiLens::Core {

namespace {

QString canonical(const QString &path)
{
    const QFileInfo info(path);
    const QString real = info.canonicalFilePath();
    return QDir::cleanPath(real.isEmpty() ? info.absoluteFilePath() : real);
}

bool within(const QString &path, const QString &folder)
{
    return path == folder ||
           path.startsWith(folder.endsWith(QLatin1Char('/')) ? folder : folder + QLatin1Char('/'));
}

} // namespace

FolderTrust::FolderTrust(const QString &storePath)
    : m_storePath(storePath)
{
    QFile file(storePath);
    if (storePath.isEmpty() || !file.open(QIODevice::ReadOnly)) {
        return;
    }
    const QJsonArray folders =
        QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("trusted")).toArray();
    for (const QJsonValue &folder : folders) {
        if (folder.isString() && QDir::isAbsolutePath(folder.toString())) {
            m_folders.insert(QDir::cleanPath(folder.toString()));
        }
    }
}

QString FolderTrust::defaultStorePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           QStringLiteral("/ApiLens/trusted-folders.json");
}

bool FolderTrust::isTrusted(const QString &path) const
{
    const QString target = canonical(path);
    for (const QSet<QString> *set : {&m_folders, &m_session}) {
        for (const QString &folder : *set) {
            if (within(target, folder)) {
                return true;
            }
        }
    }
    return false;
}

QStringList FolderTrust::folders() const
{
    QStringList list(m_folders.cbegin(), m_folders.cend());
    list.sort();
    return list;
}

bool FolderTrust::trust(const QString &folder, QString *error)
{
    m_folders.insert(canonical(folder));
    return save(error);
}

bool FolderTrust::revoke(const QString &folder, QString *error)
{
    m_folders.remove(canonical(folder));
    return save(error);
}

void FolderTrust::trustForSession(const QString &folder)
{
    m_session.insert(canonical(folder));
}

bool FolderTrust::save(QString *error) const
{
    if (m_storePath.isEmpty()) {
        return true;
    }
    QDir().mkpath(QFileInfo(m_storePath).absolutePath());
    const QJsonObject root{{QStringLiteral("trusted"), QJsonArray::fromStringList(folders())}};
    return writeFileAtomically(m_storePath, QJsonDocument(root).toJson(), error);
}

} // namespace ApiLens::Core
