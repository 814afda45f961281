#pragma once

#include "history/historystore.h"
#include "http/requestspec.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace ApiLens::Core {

// A request an importer made, and the .http file (relative to the collection folder) it goes in.
struct ImportedRequest
{
    QString file;
    QString name;
    RequestSpec spec;
    QStringList comments;      // descriptions, scripts that are not run: "# " lines in the block
    QString responseScript;    // a test script, kept as "> {% %}" (never run)
    QStringList fileVariables; // "@name = value" lines written before the block
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
    QStringList warnings;
    QString error;

    bool ok() const { return error.isEmpty(); }
};

// HAR 1.2 (a browser's "Save all as HAR", a proxy's capture): one request per entry, in one
// .http file per host. Pseudo-headers, Host and Content-Length are left to the client.
ImportResult importHar(const QByteArray &json);

// Writes an import into a collection folder: each file gets its requests appended (created
// when new), each write atomic. Every file is prepared first, so a problem writes nothing.
bool writeImport(const QString &folder, const ImportResult &result, QStringList *written, QString *error);

struct HarOptions
{
    bool includeSecrets = false; // Authorization, cookies, tokens: "[redacted]" unless asked
    QString creatorVersion;
};

// Exchanges from the history as HAR 1.2.
QByteArray exportHar(const QList<StoredExchange> &exchanges, const HarOptions &options = {});
// The newest `limit` exchanges of a history store, oldest first, as HAR 1.2.
QByteArray exportHistoryHar(const HistoryStore &store, int limit, const HarOptions &options, int *count);

} // namespace ApiLens::Core
