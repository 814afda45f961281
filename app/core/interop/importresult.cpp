#include "importresult.h"

#include "catalog/catalog.h"
#include "collections/collection.h"
#include "collections/httpdocument.h"
#include "collections/variables.h"
#include "importer.h"
#include "util/fileutil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace ApiLens::Core {

namespace {

// `added`'s operations replace those of `existing` with the same method and path.
QJsonObject mergeCatalog(QJsonObject existing, const QJsonObject &added)
{
    const QJsonArray addedOperations = added.value(QStringLiteral("operations")).toArray();
    QSet<QString> replaced;
    for (const QJsonValue &operation : addedOperations) {
        replaced.insert(operation[QStringLiteral("method")].toString() + QLatin1Char(' ') +
                        operation[QStringLiteral("path")].toString());
    }
    QJsonArray operations;
    for (const QJsonValue &operation : existing.value(QStringLiteral("operations")).toArray()) {
        if (!replaced.contains(operation[QStringLiteral("method")].toString() + QLatin1Char(' ') +
                               operation[QStringLiteral("path")].toString())) {
            operations.append(operation);
        }
    }
    for (const QJsonValue &operation : addedOperations) {
        operations.append(operation);
    }
    existing.insert(QStringLiteral("operations"), operations);
    for (const char *key : {"version", "kind", "name", "docs"}) {
        if (!existing.contains(QLatin1String(key)) && added.contains(QLatin1String(key))) {
            existing.insert(QLatin1String(key), added.value(QLatin1String(key)));
        }
    }
    return existing;
}

constexpr qint64 MaxCopiedFile = 16 * 1024 * 1024;

// Files a request names from outside the collection (an imported collection's attachments)
// are copied into its files/ folder: the collection is whole, and its requests send them
// without asking. Larger files, or ones that cannot be read, stay where they are.
void copyAttachments(RequestSpec *spec, const QString &folder, QHash<QString, QByteArray> *contents,
                     QStringList *order)
{
    const QString root = QDir::cleanPath(QDir(folder).absolutePath());
    const auto take = [&](QString *path) {
        const QFileInfo info(*path);
        if (path->isEmpty() || !info.isAbsolute() ||
            QDir::cleanPath(*path).startsWith(root + QLatin1Char('/')) || !info.isFile() ||
            info.size() > MaxCopiedFile) {
            return;
        }
        const std::optional<QByteArray> bytes = readFile(info.absoluteFilePath());
        if (!bytes) {
            return;
        }
        QString target = root + QStringLiteral("/files/") + info.fileName();
        for (int n = 2; (QFileInfo::exists(target) && readFile(target) != bytes) ||
                        (contents->contains(target) && contents->value(target) != *bytes);
             ++n) {
            target = root + QStringLiteral("/files/") + info.completeBaseName() +
                     QStringLiteral(" %1.").arg(n) + info.suffix();
        }
        if (!contents->contains(target)) {
            contents->insert(target, *bytes);
            order->append(target);
        }
        *path = target;
    };
    if (spec->body.kind == BodyKind::BinaryFile) {
        take(&spec->body.filePath);
    }
    for (MultipartPart &part : spec->body.parts) {
        if (part.isFile()) {
            take(&part.filePath);
        }
    }
}

// Why `request`'s block does not read back as the one request it was, or empty.
QString unwritableReason(const ImportedRequest &request)
{
    const RequestSpec &spec = request.spec;
    if (hasLineBreak(spec.method) || hasLineBreak(spec.url)) {
        return QStringLiteral("its method or URL holds a line break or NUL");
    }
    for (const KeyValue &header : spec.headers) {
        if (header.enabled && (hasLineBreak(header.name) || hasLineBreak(header.value))) {
            return QStringLiteral("header '%1' holds a line break or NUL")
                .arg(header.name.simplified().left(60));
        }
    }
    const auto readsBack = [](const ImportedRequest &written) {
        const QList<HttpRequestBlock> reread =
            HttpDocument::parse(importedBlock(written, written.name, QStringLiteral("/"))).requests();
        return reread.size() == 1 && reread.first().method == written.spec.method.trimmed();
    };
    if (readsBack(request)) {
        return {};
    }
    ImportedRequest requestLine;
    requestLine.name = request.name;
    requestLine.spec.method = spec.method;
    requestLine.spec.url = spec.url;
    if (!readsBack(requestLine)) {
        return QStringLiteral("its method '%1' is not one a .http file can hold").arg(spec.method.left(60));
    }
    return QStringLiteral("its body or a script has a line that a .http file reads as the start of "
                          "another request");
}

} // namespace

QByteArray importedBlock(const ImportedRequest &request, const QString &name, const QString &fileDir)
{
    HttpDocument block = HttpDocument::parse(QByteArray());
    const HttpFileRequest file = forHttpFile(request.spec, fileDir);
    block.appendRequest(
        name, file.spec,
        {file.directives, request.comments, request.preRequestScripts, request.responseScripts});
    return block.serialize();
}

void keepWritable(ImportResult *result)
{
    QList<ImportedRequest> kept;
    kept.reserve(result->requests.size());
    for (ImportedRequest &request : result->requests) {
        const QString reason = unwritableReason(request);
        if (reason.isEmpty()) {
            kept.append(std::move(request));
        } else {
            result->warnings.append(
                QStringLiteral("'%1' not imported: %2").arg(request.name.left(80), reason));
        }
    }
    result->requests = std::move(kept);
}

bool writeImport(const QString &folder, const ImportResult &result, QStringList *written, QString *error)
{
    // Prepare every file's new bytes first.
    QHash<QString, QByteArray> contents;
    QStringList order;
    QHash<QString, QStringList> names;
    for (const ImportedRequest &request : result.requests) {
        const QString path = QDir(folder).filePath(request.file);
        if (!contents.contains(path)) {
            QFile existing(path);
            QByteArray before;
            if (existing.exists()) {
                if (!existing.open(QIODevice::ReadOnly)) {
                    *error = QStringLiteral("%1: %2").arg(path, existing.errorString());
                    return false;
                }
                before = existing.readAll();
                for (const HttpRequestBlock &block : HttpDocument::parse(before).requests()) {
                    names[path].append(block.name);
                }
            }
            contents.insert(path, before);
            order.append(path);
        }
        // Names stay unique in a file, so chaining and --request can find each one.
        QString name = request.name;
        for (int n = 2; names.value(path).contains(name); ++n) {
            name = request.name + QStringLiteral(" (%1)").arg(n);
        }
        names[path].append(name);
        RequestSpec spec = request.spec;
        copyAttachments(&spec, folder, &contents, &order); // before `content`: it may grow the table
        // Each block is made on its own and added to the file's bytes: linear in the import's size.
        QByteArray &content = contents[path];
        if (!content.isEmpty() && !content.endsWith('\n')) {
            content += '\n';
        }
        if (!content.isEmpty() && !content.endsWith("\n\n")) {
            content += '\n';
        }
        for (const QString &line : request.fileVariables) {
            content += line.toUtf8() + '\n';
        }
        if (!request.fileVariables.isEmpty()) {
            content += '\n';
        }
        ImportedRequest copied = request;
        copied.spec = spec;
        content += importedBlock(copied, name, QFileInfo(path).absolutePath());
    }
    for (const auto &[relative, bytes] : result.files) {
        QString path = QDir(folder).filePath(relative);
        const QFileInfo info(path);
        for (int n = 2; QFileInfo::exists(path) || contents.contains(path); ++n) {
            path = info.absolutePath() + QLatin1Char('/') + info.completeBaseName() +
                   QStringLiteral(" %1.").arg(n) + info.suffix();
        }
        contents.insert(path, bytes);
        order.append(path);
    }
    if (!result.catalog.isEmpty()) {
        // The collection's catalog gets the documented responses; its other entries stay.
        const QString path = QDir(folder).filePath(Catalog::collectionFileName());
        QJsonObject catalog = result.catalog;
        if (QFileInfo::exists(path)) {
            QFile existing(path);
            if (!existing.open(QIODevice::ReadOnly)) {
                *error = QStringLiteral("%1: %2").arg(path, existing.errorString());
                return false;
            }
            QString problem;
            const std::optional<QJsonDocument> parsed = parseJson(existing.readAll(), &problem);
            if (!parsed || !parsed->isObject()) {
                *error = QStringLiteral("%1: %2; the import adds to this file, so nothing was written")
                             .arg(path, parsed ? QStringLiteral("not a catalog (a JSON object)") : problem);
                return false;
            }
            catalog = mergeCatalog(parsed->object(), result.catalog);
        }
        contents.insert(path, QJsonDocument(catalog).toJson(QJsonDocument::Indented));
        order.append(path);
    }
    QStringList problems;
    Environments environments = Environments::load(folder, &problems);
    if (!problems.isEmpty()) {
        *error = problems.join(QStringLiteral("; ")); // never overwrite environment files we cannot read
        return false;
    }
    if (!QDir().mkpath(folder)) {
        *error = QStringLiteral("%1: cannot create the folder").arg(folder);
        return false;
    }
    for (const QString &path : std::as_const(order)) {
        QDir().mkpath(QFileInfo(path).absolutePath());
        if (!writeFileAtomically(path, contents.value(path), error)) {
            return false;
        }
        written->append(path);
    }
    if (!result.environments.isEmpty()) {
        for (const ImportResult::Environment &environment : result.environments) {
            QHash<QString, QString> values = environments.ownVariables(environment.name, false);
            QHash<QString, QString> secrets = environments.ownVariables(environment.name, true);
            values.insert(environment.values);
            secrets.insert(environment.secrets);
            environments.setEnvironment(environment.name, values, secrets);
        }
        if (!environments.save(folder, error)) {
            return false;
        }
        written->append(QDir(folder).filePath(Environments::publicFileName()));
    }
    return true;
}

} // namespace ApiLens::Core
