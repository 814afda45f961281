#pragma once

#include <QSet>
#include <QString>
#include <QStringList>

namespace ApiLens::Core {

// Folders whose scripts may run (as VS Code's Workspace Trust): a folder is trusted when it or
// a folder above it is in the list. The list lives in a small JSON file the caller names (the
// app's configuration folder); trust for this session only is not written.
class FolderTrust
{
public:
    explicit FolderTrust(const QString &storePath = {});
    // <config>/ApiLens/trusted-folders.json (XDG_CONFIG_HOME honoured).
    static QString defaultStorePath();

    bool isTrusted(const QString &path) const;
    QStringList folders() const; // the remembered ones, sorted
    // Remembers the folder (atomically written); false with a message when the file cannot be written.
    bool trust(const QString &folder, QString *error);
    bool revoke(const QString &folder, QString *error);
    void trustForSession(const QString &folder);

private:
    bool save(QString *error) const;
    QString m_storePath;
    QSet<QString> m_folders;
    QSet<QString> m_session;
};

} // namespace ApiLens::Core
