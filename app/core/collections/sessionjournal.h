#pragma once

#include "collection.h"

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace ApiLens::Core {

// One open tab as the session journal keeps it: everything needed to show it again exactly,
// saved or not.
struct SessionTab
{
    QString name;
    RequestLocation source; // empty for a request that is in no file yet
    QString collection;     // the collection it belongs to ("" when none)
    QByteArray savedText;   // its block as last read or written (to see an edit made elsewhere)
    RequestSpec savedSpec;  // the content that counts as unchanged
    RequestSpec spec;       // the content now
    QString responseFilter; // the JSONPath filter over its response ("" when none)
};

struct Session
{
    QList<SessionTab> tabs; // in the order they were shown
    int current = 0;
    // Filters of requests in files, also of those whose tab was closed: key "file#request".
    QHash<QString, QString> responseFilters;
};

// The open tabs, written every few seconds and on quit, so that quitting, logging out, a crash
// or `kill -9` loses nothing typed ("hot exit"). One JSON file in the app's data folder, written
// atomically and readable only by its user.
class SessionJournal
{
public:
    explicit SessionJournal(const QString &path)
        : m_path(path)
    {}

    QString path() const { return m_path; }
    bool write(const Session &session, QString *error) const;
    // A missing journal reads as an empty session; a broken one is reported (and kept aside as
    // PATH.broken, never overwritten) and reads as nullopt.
    std::optional<Session> read(QString *error) const;

private:
    QString m_path;
};

} // namespace ApiLens::Core
