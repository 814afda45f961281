#pragma once

#include "historystore.h"

#include <QObject>
#include <QThread>

namespace ApiLens::Core {

// The history store on its own thread: recording (with error analysis) and filtering never
// block the GUI. Results come back as signals, tagged with the ticket find() returned.
class HistoryService : public QObject
{
    Q_OBJECT
public:
    explicit HistoryService(QObject *parent = nullptr);
    ~HistoryService() override;

    // Opens the database on the worker; opened() says how it went.
    void open(const QString &path);
    // `written`: the request as the user wrote it (it comes back in a tab as that).
    // `secretValues` are left out wherever they appear (see HistoryStore::record).
    void record(const Exchange &exchange, const QString &name, const RequestSpec &written = {},
                const QStringList &secretValues = {});
    quint64 find(const HistoryFilter &filter);
    void load(qint64 id);
    void clear();
    // Keeps at most this many entries (the oldest go first), from now on and right away.
    void setRetention(int maxEntries);
    // The newest `limit` exchanges as HAR 1.2 in `path` (on the worker); exported() says how it went.
    void exportHar(const QString &path, int limit, bool includeSecrets);

Q_SIGNALS:
    void opened(bool ok, const QString &error);
    void recorded(qint64 id);
    void found(quint64 ticket, const QList<ApiLens::Core::HistoryEntry> &entries);
    void loaded(const ApiLens::Core::StoredExchange &exchange);
    void cleared();
    void exported(bool ok, int count, const QString &message);

private:
    template<typename Emit> void deliver(Emit emit);

    QThread m_thread;
    QObject *m_worker; // lives on m_thread and owns the store
    HistoryStore *m_store = nullptr;
    quint64 m_nextTicket = 0;
};

} // namespace ApiLens::Core
