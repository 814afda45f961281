#pragma once

#include "history/historystore.h"
#include "importresult.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace ApiLens::Core {

// HAR 1.2 (a browser's "Save all as HAR", a proxy's capture): one request per entry, in one
// .http file per host. Pseudo-headers, Host and Content-Length are left to the client.
ImportResult importHar(const QByteArray &json);

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
