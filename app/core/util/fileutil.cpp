#include "fileutil.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>

namespace ApiLens::Core {

std::optional<QByteArray> readFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error) {
            *error = QStringLiteral("%1: cannot read: %2").arg(path, file.errorString());
        }
        return std::nullopt;
    }
    return file.readAll();
}

bool writeFileAtomically(const QString &path, const QByteArray &bytes, QString *error, FileAccess access)
{
    QSaveFile file(path);
    const bool opened = file.open(QIODevice::WriteOnly) &&
                        (access == FileAccess::Default ||
                         file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    if (!opened || file.write(bytes) != bytes.size() || !file.commit()) {
        *error = QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool ensureIgnoredByGit(const QString &folder, const QString &entry, QString *error)
{
    const QString path = QDir(folder).filePath(QStringLiteral(".gitignore"));
    QByteArray content;
    if (QFile::exists(path)) {
        const std::optional<QByteArray> existing = readFile(path, error);
        if (!existing) {
            return false;
        }
        content = *existing;
    }
    for (const QByteArray &line : content.split('\n')) {
        const QByteArray trimmed = line.trimmed();
        if (trimmed == entry.toUtf8() || trimmed == '/' + entry.toUtf8()) {
            return true;
        }
    }
    if (!content.isEmpty() && !content.endsWith('\n')) {
        content += '\n';
    }
    content += entry.toUtf8() + '\n';
    return writeFileAtomically(path, content, error);
}

} // namespace ApiLens::Core
