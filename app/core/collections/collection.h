#pragma once

#include "httpdocument.h"
#include "util/fileutil.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace ApiLens::Core {

// One request of a collection file, as the tree shows it.
struct CollectionRequest
{
    int block = 0; // index in the file's HttpDocument
    int line = 0;  // its request line
    QString name;
    QString method;
    QString url;
};

struct CollectionFile
{
    QString path; // relative to the collection folder, with '/'
    QList<CollectionRequest> requests;
    QList<HttpIssue> issues;
    QHash<QString, QString> variables; // its file variables (@name = value)
    QHash<QString, QString> dotenv;    // the .env file beside it, for {{$dotenv NAME}}
    FileScripts scripts;               // its global region's scripts (httpyac)
    QList<GraphqlFragment> graphqlFragments;
    QString error; // when it could not be read at all
};

// Where one request lives: a file and the request's name (or, unnamed, its request line).
struct RequestLocation
{
    QString file; // absolute path
    QString name;
    int line = 0;

    bool isValid() const { return !file.isEmpty(); }
    bool operator==(const RequestLocation &other) const
    {
        return file == other.file && name == other.name && line == other.line;
    }
};

// A collection: a folder of .http/.rest files (and subfolders), read in one pass. A snapshot:
// scan() again after a change. Safe to run on a worker thread.
class Collection
{
public:
    static Collection scan(const QString &folder);
    static bool isRequestFile(const QString &fileName);

    QString root() const { return m_root; }
    QString name() const;
    QStringList folders() const { return m_folders; } // relative, sorted; "" is not listed
    const QList<CollectionFile> &files() const { return m_files; }
    int requestCount() const;

    // Reads one request from its file; nullopt (with a message) when it is gone.
    static std::optional<HttpRequestBlock> loadRequest(const RequestLocation &where, QString *error,
                                                       QHash<QString, QString> *fileVariables = nullptr,
                                                       QByteArray *blockText = nullptr);
    // Rewrites that request's block from `spec`, leaving the rest of the file's bytes as they
    // were, atomically. The location's line is updated when the block moved.
    static bool saveRequest(RequestLocation *where, const RequestSpec &spec, QString *error,
                            QByteArray *blockText = nullptr);

private:
    QString m_root;
    QStringList m_folders;
    QList<CollectionFile> m_files;
};

} // namespace ApiLens::Core
