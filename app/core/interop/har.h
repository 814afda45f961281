#pragma once

#include "history/historystore.h"
#include "http/requestspec.h"

#include <QByteArray>
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
};

// What an import produced. `error` set: nothing usable; warnings: what was not carried over.
struct ImportResult
{
    QList<ImportedRequest> requests;
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
