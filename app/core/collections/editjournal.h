#pragma once

#include "collection.h"

#include <QList>
#include <QString>

namespace ApiLens::Core {

// Unsaved edits of open requests, written every few seconds so a crash loses almost nothing.
// Each entry is the request as a .http block plus where it belongs; the file is JSON, written
// atomically, and removed once nothing is unsaved.
struct JournalEntry
{
    RequestLocation source; // empty for a request that is in no collection yet
    QString title;
    QByteArray text; // the request as a .http block

    RequestSpec spec() const;
    static JournalEntry fromSpec(const RequestLocation &source, const QString &title,
                                 const RequestSpec &spec);
};

class EditJournal
{
public:
    explicit EditJournal(const QString &path)
        : m_path(path)
    {}

    QString path() const { return m_path; }
    bool write(const QList<JournalEntry> &entries, QString *error) const;
    // A missing journal reads as empty; a broken one is reported and read as empty.
    QList<JournalEntry> read(QString *error) const;
    void clear() const;

private:
    QString m_path;
};

} // namespace ApiLens::Core
