#pragma once

#include "errors/errorreport.h"
#include "http/exchange.h"
#include "http/requestspec.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace ApiLens::Core {

struct HistoryEntry
{
    qint64 id = 0;
    QDateTime started;
    QString name;
    QString method;
    QString url;
    int status = 0;
    QString statusClass; // "2xx"... or "none"
    double durationMs = -1;
    qint64 size = 0;
    QString errorFormat;
    QString errorCode;
    QString errorMessage;
    QString transportError;
};

// A past exchange, enough to reopen it in a tab and show what came back.
struct StoredExchange
{
    HistoryEntry entry;
    HeaderList requestHeaders; // as sent, secrets redacted
    QByteArray requestBody;
    HeaderList responseHeaders;
    QByteArray responseBody; // up to the body limit
    bool bodyTruncated = false;
    QString httpVersion;
    QByteArray reason;
    QByteArray writtenSpec; // the request as the user wrote it (JSON, secrets out); empty in old entries

    // The request as the user wrote it: never the defaults, Host, Content-Length or cookies
    // that went out with it as headers of its own (entries from before the written request was
    // kept are rebuilt from what was sent, without those).
    RequestSpec writtenRequest() const;
    // What came back (status, headers, the stored body), for the response view and inspector.
    Exchange exchange() const;
};

struct HistoryFilter
{
    QString text;        // in the URL, name, error code or message; a number also matches the status
                         // ("422", "42" for any 42x)
    QString method;      // exact, e.g. "POST"
    QString statusClass; // "4xx"...
    QString errorCode;   // a part of the code ("too_many" finds too_many_requests)
    QDateTime from;
    QDateTime to;
    int limit = 500; // newest first
};

// Every exchange, in SQLite (Qt SQL). One store per database file; pass it to what needs it.
class HistoryStore
{
public:
    HistoryStore();
    ~HistoryStore();
    HistoryStore(const HistoryStore &) = delete;
    HistoryStore &operator=(const HistoryStore &) = delete;

    // Opens (or creates) the database; a file that is not a history database is reported,
    // never overwritten.
    bool open(const QString &path, QString *error);
    bool isOpen() const;

    void setBodyLimit(qint64 bytes) { m_bodyLimit = bytes; }
    // Keeps at most this many entries; applied at once when the store is open.
    void setRetention(int maxEntries);
    int retention() const { return m_retention; }

    // Records one exchange (request secrets redacted: by name, and `secretValues` wherever they
    // appear in the URL, headers and bodies), with the request as the user wrote it when
    // given; returns its id, 0 on failure.
    qint64 record(const Exchange &exchange, const QString &name = {}, const ErrorReport *report = nullptr,
                  const RequestSpec *written = nullptr, const QStringList &secretValues = {});
    // Many at once in one transaction (imports, benchmarks).
    bool recordAll(const QList<Exchange> &exchanges);

    QList<HistoryEntry> find(const HistoryFilter &filter) const;
    std::optional<StoredExchange> load(qint64 id) const;
    int count() const;
    bool clear();
    QString lastError() const { return m_lastError; }

private:
    bool insert(const Exchange &exchange, const QString &name, const ErrorReport *report,
                const RequestSpec *written, qint64 *id, const QStringList &secretValues = {});
    bool migrate(QString *error);
    void applyRetention();

    QString m_connection;
    qint64 m_bodyLimit = 1024 * 1024;
    int m_retention = 100000;
    mutable QString m_lastError;
};

} // namespace ApiLens::Core
