#include "historyservice.h"

#include "collections/collection.h"
#include "interop/har.h"

#include "errors/erroranalyzer.h"

namespace ApiLens::Core {

template<typename Emit> void HistoryService::deliver(Emit emit)
{
    // Signals come from the service's own thread, as any QObject's do, never from the worker.
    QMetaObject::invokeMethod(this, std::move(emit), Qt::QueuedConnection);
}

HistoryService::HistoryService(QObject *parent)
    : QObject(parent)
    , m_worker(new QObject)
{
    qRegisterMetaType<QList<HistoryEntry>>();
    qRegisterMetaType<StoredExchange>();
    m_worker->moveToThread(&m_thread);
    m_thread.setObjectName(QStringLiteral("apilens-history"));
    m_thread.start();
}

HistoryService::~HistoryService()
{
    QMetaObject::invokeMethod(
        m_worker,
        [this] {
            delete m_store; // closed on the thread that opened it
            m_store = nullptr;
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_worker;
}

void HistoryService::open(const QString &path)
{
    QMetaObject::invokeMethod(m_worker, [this, path] {
        delete m_store;
        m_store = new HistoryStore;
        QString error;
        const bool ok = m_store->open(path, &error);
        if (!ok) {
            delete m_store;
            m_store = nullptr;
        }
        deliver([=] { Q_EMIT opened(ok, error); });
    });
}

void HistoryService::record(const Exchange &exchange, const QString &name, const RequestSpec &written,
                            const QStringList &secretValues)
{
    const bool hasWritten = !written.url.isEmpty();
    QMetaObject::invokeMethod(m_worker, [this, exchange, name, written, hasWritten, secretValues] {
        if (!m_store) {
            return;
        }
        std::optional<ErrorReport> report;
        if (exchange.hasResponse()) {
            report =
                analyzeError(exchange.status, exchange.headers, exchange.body.bytes(ErrorBodyLimitBytes));
        }
        const qint64 id = m_store->record(exchange, name, report ? &*report : nullptr,
                                          hasWritten ? &written : nullptr, secretValues);
        deliver([=] { Q_EMIT recorded(id); });
    });
}

quint64 HistoryService::find(const HistoryFilter &filter)
{
    const quint64 ticket = ++m_nextTicket;
    QMetaObject::invokeMethod(m_worker, [this, filter, ticket] {
        const QList<HistoryEntry> entries = m_store ? m_store->find(filter) : QList<HistoryEntry>{};
        deliver([=] { Q_EMIT found(ticket, entries); });
    });
    return ticket;
}

void HistoryService::load(qint64 id)
{
    QMetaObject::invokeMethod(m_worker, [this, id] {
        if (m_store) {
            if (const auto stored = m_store->load(id)) {
                deliver([=, exchange = *stored] { Q_EMIT loaded(exchange); });
            }
        }
    });
}

void HistoryService::clear()
{
    QMetaObject::invokeMethod(m_worker, [this] {
        if (m_store) {
            m_store->clear();
        }
        deliver([=] { Q_EMIT cleared(); });
    });
}

void HistoryService::setRetention(int maxEntries)
{
    QMetaObject::invokeMethod(m_worker, [this, maxEntries] {
        if (m_store) {
            m_store->setRetention(maxEntries);
        }
        deliver([=] { Q_EMIT cleared(); }); // the list may have lost its oldest rows
    });
}

void HistoryService::exportHar(const QString &path, int limit, bool includeSecrets)
{
    QMetaObject::invokeMethod(m_worker, [this, path, limit, includeSecrets] {
        if (!m_store) {
            deliver([=] { Q_EMIT exported(false, 0, QStringLiteral("the history is not open")); });
            return;
        }
        HarOptions options;
        options.includeSecrets = includeSecrets;
        options.creatorVersion = QStringLiteral(APILENS_VERSION);
        int count = 0;
        const QByteArray har = exportHistoryHar(*m_store, limit, options, &count);
        QString error;
        const bool ok = writeFileAtomically(path, har, &error);
        deliver([=] { Q_EMIT exported(ok, count, ok ? path : error); });
    });
}

} // namespace ApiLens::Core
