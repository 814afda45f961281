#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace ApiLens::Core {

// The whole file; nullopt with `error` ("PATH: cannot read: reason") when it cannot be read.
std::optional<QByteArray> readFile(const QString &path, QString *error = nullptr);
enum class FileAccess { Default, OwnerOnly };
// Writes a user file all at once (QSaveFile): a crash or a full disk leaves the old file.
// OwnerOnly (secrets, typed work) makes it readable by its owner only, before a byte is in it.
bool writeFileAtomically(const QString &path, const QByteArray &bytes, QString *error,
                         FileAccess access = FileAccess::Default);
// Adds `entry` to FOLDER/.gitignore unless a line already says it.
bool ensureIgnoredByGit(const QString &folder, const QString &entry, QString *error);

} // namespace ApiLens::Core
