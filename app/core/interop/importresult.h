#pragma once

#include "http/requestspec.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace ApiLens::Core {

// A request an importer made, and the .http file (relative to the collection folder) it goes in.
struct ImportedRequest
{
    QString file;
    QString name;
    RequestSpec spec;
    QStringList comments;          // descriptions, scripts that are not run: "# " lines in the block
    QStringList preRequestScripts; // run before it, written as "< {% %}" (Postman: collection, folders, own)
    QStringList responseScripts;   // run on its response, written as "> {% %}"
    QStringList fileVariables;     // "@name = value" lines written before the block
};

// What an import produced. `error` set: nothing usable; warnings: what was not carried over.
struct ImportResult
{
    QList<ImportedRequest> requests;
    // Other files to write (relative path -> bytes), e.g. saved example responses; a file that
    // exists already is kept and the new one gets a number.
    QList<QPair<QString, QByteArray>> files;
    // Environments to merge into http-client.env.json / http-client.private.env.json.
    struct Environment
    {
        QString name;
        QHash<QString, QString> values;
        QHash<QString, QString> secrets;
    };
    QList<Environment> environments;
    // A catalog document (kind "api": operations and their documented responses) merged into
    // the collection's apilens-catalog.json; empty when the import has none.
    QJsonObject catalog;
    QStringList warnings;
    QString error;

    bool ok() const { return error.isEmpty(); }
};

// The .http block writeImport appends for `request`, named `name`, to a file in `fileDir`.
QByteArray importedBlock(const ImportedRequest &request, const QString &name, const QString &fileDir);

// Drops each request a .http file cannot hold as it is — a method such as '###', a line break
// or NUL in the URL or a header (which would inject lines), a body line that reads as the
// start of another request — with a warning naming it and why. Every importer ends with it.
void keepWritable(ImportResult *result);

// Writes an import into a collection folder: each file gets its requests appended (created
// when new), each write atomic; files the requests name from outside the folder (up to 16 MB)
// are copied into its files/ folder. Every file is prepared first, so a problem writes nothing.
bool writeImport(const QString &folder, const ImportResult &result, QStringList *written, QString *error);

} // namespace ApiLens::Core
