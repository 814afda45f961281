#include "collection.h"

#include "dotenv.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace ApiLens::Core {

bool Collection::isRequestFile(const QString &fileName)
{
    return fileName.endsWith(QLatin1String(".http"), Qt::CaseInsensitive) ||
           fileName.endsWith(QLatin1String(".rest"), Qt::CaseInsensitive);
}

QString Collection::name() const
{
    return QFileInfo(m_root).fileName();
}

int Collection::requestCount() const
{
    int count = 0;
    for (const CollectionFile &file : m_files) {
        count += int(file.requests.size());
    }
    return count;
}

Collection Collection::scan(const QString &folder)
{
    Collection collection;
    collection.m_root = QFileInfo(folder).absoluteFilePath();
    const QDir root(collection.m_root);
    // Hidden folders (.git, .idea) and node_modules hold no requests of the collection.
    QStringList pending = {collection.m_root};
    while (!pending.isEmpty()) {
        const QString dirPath = pending.takeFirst();
        const QHash<QString, QString> dotenv = readDotenv(dirPath);
        const QFileInfoList entries =
            QDir(dirPath).entryInfoList(QDir::Dirs | QDir::Files | QDir::NoDotAndDotDot, QDir::Name);
        for (const QFileInfo &entry : entries) {
            if (entry.isDir()) {
                if (entry.fileName() == QLatin1String("node_modules") || entry.isSymLink()) {
                    continue;
                }
                collection.m_folders.append(root.relativeFilePath(entry.absoluteFilePath()));
                pending.append(entry.absoluteFilePath());
            } else if (isRequestFile(entry.fileName())) {
                CollectionFile file;
                file.path = root.relativeFilePath(entry.absoluteFilePath());
                QFile in(entry.absoluteFilePath());
                if (!in.open(QIODevice::ReadOnly)) {
                    file.error = in.errorString();
                    collection.m_files.append(file);
                    continue;
                }
                const HttpDocument document = HttpDocument::parse(in.readAll());
                file.issues = document.issues();
                file.variables = document.fileVariables();
                file.dotenv = dotenv;
                file.scripts = fileScripts(document.blocks());
                file.graphqlFragments = graphqlFragments(document.blocks());
                const QList<HttpRequestBlock> &blocks = document.blocks();
                for (int i = 0; i < blocks.size(); ++i) {
                    if (blocks[i].hasRequest()) {
                        file.requests.append(
                            {i, blocks[i].requestLine, blocks[i].name, blocks[i].method, blocks[i].url});
                    }
                }
                collection.m_files.append(file);
            }
        }
    }
    collection.m_folders.sort(Qt::CaseInsensitive);
    return collection;
}

namespace {

bool readDocument(const QString &path, HttpDocument *document, QString *error)
{
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, in.errorString());
        return false;
    }
    *document = HttpDocument::parse(in.readAll());
    return true;
}

} // namespace

std::optional<HttpRequestBlock> Collection::loadRequest(const RequestLocation &where, QString *error,
                                                        QHash<QString, QString> *fileVariables,
                                                        QByteArray *blockText)
{
    HttpDocument document;
    if (!readDocument(where.file, &document, error)) {
        return std::nullopt;
    }
    const int index = document.findRequest(where.name, where.line);
    if (index < 0) {
        *error = QStringLiteral("%1: the request \"%2\" is no longer in the file")
                     .arg(where.file, where.name.isEmpty() ? QString::number(where.line) : where.name);
        return std::nullopt;
    }
    if (fileVariables) {
        *fileVariables = document.fileVariables();
    }
    if (blockText) {
        *blockText = document.blockText(index);
    }
    return document.blocks().at(index);
}

bool Collection::saveRequest(RequestLocation *where, const RequestSpec &spec, QString *error,
                             QByteArray *blockText)
{
    HttpDocument document;
    if (!readDocument(where->file, &document, error)) {
        return false;
    }
    const int index = document.findRequest(where->name, where->line);
    if (index < 0) {
        *error = QStringLiteral("%1: the request \"%2\" is no longer in the file")
                     .arg(where->file, where->name.isEmpty() ? QString::number(where->line) : where->name);
        return false;
    }
    document.replaceRequest(index, spec);
    if (!writeFileAtomically(where->file, document.serialize(), error)) {
        return false;
    }
    where->line = document.blocks().at(index).requestLine;
    if (blockText) {
        *blockText = document.blockText(index);
    }
    return true;
}

} // namespace ApiLens::Core
