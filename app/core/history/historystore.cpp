#include "historystore.h"

#include "http/requestspecjson.h"
#include "http/secrets.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUuid>

namespace ApiLens::Core {

namespace {

QByteArray headersToJson(const HeaderList &headers, bool redact)
{
    QJsonArray list;
    for (const auto &header : headers) {
        const bool secret = redact && isSecretName(header.first);
        list.append(QJsonArray{QString::fromLatin1(header.first), secret ? QStringLiteral("••• (not stored)")
                                                                         : QString::fromUtf8(header.second)});
    }
    return QJsonDocument(list).toJson(QJsonDocument::Compact);
}

HeaderList headersFromJson(const QByteArray &json)
{
    HeaderList headers;
    for (const QJsonValue &item : QJsonDocument::fromJson(json).array()) {
        const QJsonArray pair = item.toArray();
        headers.append({pair.at(0).toString().toLatin1(), pair.at(1).toString().toUtf8()});
    }
    return headers;
}

const char *const Schema[] = {
    "CREATE TABLE IF NOT EXISTS apilens_history_meta (key TEXT PRIMARY KEY, value TEXT)",
    "CREATE TABLE IF NOT EXISTS exchanges ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT, started_ms INTEGER NOT NULL, name TEXT, method TEXT, url TEXT,"
    " status INTEGER, status_class TEXT, duration_ms REAL, size INTEGER, error_format TEXT, error_code TEXT,"
    " error_message TEXT, transport_error TEXT, request_headers TEXT, request_body BLOB, response_headers "
    "TEXT,"
    " response_body BLOB, body_truncated INTEGER)",
    "CREATE INDEX IF NOT EXISTS exchanges_started ON exchanges (started_ms DESC)",
    "INSERT OR IGNORE INTO apilens_history_meta (key, value) VALUES ('version', '1')",
};

} // namespace

HistoryStore::HistoryStore()
    : m_connection(QStringLiteral("apilens-history-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{}

HistoryStore::~HistoryStore()
{
    if (QSqlDatabase::contains(m_connection)) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connection, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connection);
    }
}

bool HistoryStore::isOpen() const
{
    return QSqlDatabase::contains(m_connection) && QSqlDatabase::database(m_connection, false).isOpen();
}

bool HistoryStore::open(const QString &path, QString *error)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(path);
    // The GUI and apilens-cli may write at once: a writer waits for the other (WAL below lets
    // readers go on) rather than fail with "database is locked" (tst_historystore).
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (!db.open()) {
        *error = QStringLiteral("%1: cannot open the history database: %2").arg(path, db.lastError().text());
        return false;
    }
    QSqlQuery query(db);
    // A file that is not SQLite, or a database of something else, is left alone.
    if (!query.exec(QStringLiteral("SELECT name FROM sqlite_master"))) {
        *error = QStringLiteral("%1: not a history database (%2); it was left as it is")
                     .arg(path, query.lastError().text());
        db.close();
        return false;
    }
    QStringList tables;
    while (query.next()) {
        tables.append(query.value(0).toString());
    }
    if (!tables.isEmpty() && !tables.contains(QStringLiteral("apilens_history_meta"))) {
        *error =
            QStringLiteral("%1: this database belongs to something else; it was left as it is").arg(path);
        db.close();
        return false;
    }
    query.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    query.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    // Schema and migration in one write transaction: a second process opening the database at
    // the same moment (the GUI and apilens-cli) waits, then finds the columns already added
    // instead of adding them twice (tst_historystore::twoProcessesWriteAtOnce).
    if (!query.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
        *error =
            QStringLiteral("%1: cannot prepare the history database: %2").arg(path, query.lastError().text());
        db.close();
        return false;
    }
    const auto fail = [&](const QString &message) {
        *error = message;
        query.exec(QStringLiteral("ROLLBACK"));
        db.close();
        return false;
    };
    for (const char *statement : Schema) {
        if (!query.exec(QString::fromLatin1(statement))) {
            return fail(QStringLiteral("%1: cannot prepare the history database: %2")
                            .arg(path, query.lastError().text()));
        }
    }
    if (!migrate(error)) {
        return fail(QStringLiteral("%1: %2").arg(path, *error));
    }
    if (!query.exec(QStringLiteral("COMMIT"))) {
        return fail(QStringLiteral("%1: cannot prepare the history database: %2")
                        .arg(path, query.lastError().text()));
    }
    return true;
}

bool HistoryStore::migrate(QString *error)
{
    // Version 2 keeps the request as written, the response's HTTP version and reason phrase.
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    QStringList columns;
    query.exec(QStringLiteral("PRAGMA table_info(exchanges)"));
    while (query.next()) {
        columns.append(query.value(1).toString());
    }
    for (const char *column : {"request_spec", "http_version", "reason"}) {
        if (!columns.contains(QLatin1String(column)) &&
            !query.exec(
                QStringLiteral("ALTER TABLE exchanges ADD COLUMN %1 TEXT").arg(QLatin1String(column)))) {
            *error = QStringLiteral("cannot update the history database: %1").arg(query.lastError().text());
            return false;
        }
    }
    query.exec(QStringLiteral("UPDATE apilens_history_meta SET value = '2' WHERE key = 'version'"));
    return true;
}

namespace {

HeaderList redactedHeaders(HeaderList headers, const QStringList &secretValues)
{
    for (auto &header : headers) {
        header.second = redactValues(header.second, secretValues, redactedMarker().toUtf8());
    }
    return headers;
}

} // namespace

bool HistoryStore::insert(const Exchange &exchange, const QString &name, const ErrorReport *report,
                          const RequestSpec *written, qint64 *id, const QStringList &secretValues)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery query(db);
    query.prepare(QStringLiteral("INSERT INTO exchanges (started_ms, name, method, url, status, "
                                 "status_class, duration_ms, size, error_format,"
                                 " error_code, error_message, transport_error, request_headers, "
                                 "request_body, response_headers, response_body,"
                                 " body_truncated, request_spec, http_version, reason)"
                                 " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    const QDateTime started =
        exchange.timings.started.isValid() ? exchange.timings.started : QDateTime::currentDateTimeUtc();
    query.addBindValue(started.toMSecsSinceEpoch());
    query.addBindValue(name);
    query.addBindValue(QString::fromLatin1(exchange.request.method));
    // Secrets in the query (?api_key=…) are not stored, as those in headers are not.
    query.addBindValue(redactedUrl(exchange.request.url.toString(), secretValues, QStringLiteral("•••")));
    query.addBindValue(exchange.status);
    query.addBindValue(statusClassId(exchange.statusClass()));
    query.addBindValue(exchange.timings.finishedMs);
    query.addBindValue(exchange.body.size());
    const bool hasReport = report && report->isError();
    query.addBindValue(hasReport ? report->format : QString());
    query.addBindValue(hasReport && !report->code.isNull()
                           ? (report->code.isDouble() ? QString::number(report->code.toDouble(), 'g', 15)
                                                      : report->code.toString())
                           : QString());
    query.addBindValue(hasReport ? report->message.value_or(QString()) : QString());
    query.addBindValue(exchange.error == TransportError::None ? QString() : transportErrorId(exchange.error));
    const QByteArray marker = redactedMarker().toUtf8();
    query.addBindValue(headersToJson(redactedHeaders(exchange.request.headers, secretValues), true));
    query.addBindValue(redactValues(exchange.request.bodyPreview.left(m_bodyLimit), secretValues, marker));
    query.addBindValue(headersToJson(redactedHeaders(exchange.headers, secretValues), true));
    query.addBindValue(redactValues(exchange.body.bytes(m_bodyLimit), secretValues, marker));
    query.addBindValue(exchange.body.size() > m_bodyLimit ? 1 : 0);
    query.addBindValue(
        written
            ? QString::fromUtf8(
                  QJsonDocument(requestSpecToJson(withoutSecrets(*written))).toJson(QJsonDocument::Compact))
            : QString());
    query.addBindValue(exchange.httpVersion);
    query.addBindValue(QString::fromUtf8(exchange.reason));
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return false;
    }
    if (id) {
        *id = query.lastInsertId().toLongLong();
    }
    return true;
}

qint64 HistoryStore::record(const Exchange &exchange, const QString &name, const ErrorReport *report,
                            const RequestSpec *written, const QStringList &secretValues)
{
    if (!isOpen()) {
        m_lastError = QStringLiteral("the history is not open");
        return 0;
    }
    qint64 id = 0;
    if (!insert(exchange, name, report, written, &id, secretValues)) {
        return 0;
    }
    applyRetention();
    return id;
}

bool HistoryStore::recordAll(const QList<Exchange> &exchanges)
{
    if (!isOpen()) {
        return false;
    }
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    db.transaction();
    for (const Exchange &exchange : exchanges) {
        if (!insert(exchange, {}, nullptr, nullptr, nullptr)) {
            db.rollback();
            return false;
        }
    }
    const bool ok = db.commit();
    applyRetention();
    return ok;
}

void HistoryStore::setRetention(int maxEntries)
{
    m_retention = qMax(1, maxEntries);
    if (isOpen()) {
        applyRetention();
    }
}

void HistoryStore::applyRetention()
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral(
        "DELETE FROM exchanges WHERE id <= (SELECT id FROM exchanges ORDER BY id DESC LIMIT 1 OFFSET ?)"));
    query.addBindValue(m_retention);
    query.exec();
}

QList<HistoryEntry> HistoryStore::find(const HistoryFilter &filter) const
{
    QList<HistoryEntry> entries;
    if (!isOpen()) {
        return entries;
    }
    QStringList where;
    QVariantList values;
    if (!filter.text.isEmpty()) {
        where.append(QStringLiteral(
            "(url LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\' OR error_code LIKE ? ESCAPE '\\'"
            " OR error_message LIKE ? ESCAPE '\\')"));
        QString pattern = filter.text;
        pattern.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
            .replace(QLatin1Char('%'), QStringLiteral("\\%"))
            .replace(QLatin1Char('_'), QStringLiteral("\\_"));
        pattern = QLatin1Char('%') + pattern + QLatin1Char('%');
        values << pattern << pattern << pattern << pattern;
        static const QRegularExpression digits(QStringLiteral("^[1-5]\\d{0,2}$"));
        if (digits.match(filter.text).hasMatch()) {
            // "422", or "42" for any 42x: the status code too.
            where.last().chop(1);
            where.last() += QStringLiteral(" OR CAST(status AS TEXT) LIKE ?)");
            values << QString(filter.text + QLatin1Char('%'));
        }
    }
    if (!filter.method.isEmpty()) {
        where.append(QStringLiteral("method = ?"));
        values << filter.method.toUpper();
    }
    if (!filter.statusClass.isEmpty()) {
        where.append(QStringLiteral("status_class = ?"));
        values << filter.statusClass;
    }
    if (!filter.errorCode.isEmpty()) {
        QString code = filter.errorCode;
        code.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
            .replace(QLatin1Char('%'), QStringLiteral("\\%"))
            .replace(QLatin1Char('_'), QStringLiteral("\\_"));
        where.append(QStringLiteral("error_code LIKE ? ESCAPE '\\'"));
        values << QString(QLatin1Char('%') + code + QLatin1Char('%'));
    }
    if (filter.from.isValid()) {
        where.append(QStringLiteral("started_ms >= ?"));
        values << filter.from.toMSecsSinceEpoch();
    }
    if (filter.to.isValid()) {
        where.append(QStringLiteral("started_ms < ?"));
        values << filter.to.toMSecsSinceEpoch();
    }
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.setForwardOnly(true);
    query.prepare(
        QStringLiteral("SELECT id, started_ms, name, method, url, status, status_class, duration_ms, size,"
                       " error_format, error_code, error_message, transport_error FROM exchanges%1"
                       " ORDER BY started_ms DESC, id DESC LIMIT ?")
            .arg(where.isEmpty() ? QString()
                                 : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "))));
    for (const QVariant &value : std::as_const(values)) {
        query.addBindValue(value);
    }
    query.addBindValue(filter.limit);
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return entries;
    }
    while (query.next()) {
        HistoryEntry entry;
        entry.id = query.value(0).toLongLong();
        entry.started = QDateTime::fromMSecsSinceEpoch(query.value(1).toLongLong(), Qt::UTC);
        entry.name = query.value(2).toString();
        entry.method = query.value(3).toString();
        entry.url = query.value(4).toString();
        entry.status = query.value(5).toInt();
        entry.statusClass = query.value(6).toString();
        entry.durationMs = query.value(7).toDouble();
        entry.size = query.value(8).toLongLong();
        entry.errorFormat = query.value(9).toString();
        entry.errorCode = query.value(10).toString();
        entry.errorMessage = query.value(11).toString();
        entry.transportError = query.value(12).toString();
        entries.append(entry);
    }
    return entries;
}

std::optional<StoredExchange> HistoryStore::load(qint64 id) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral(
        "SELECT request_headers, request_body, response_headers, response_body, body_truncated,"
        " request_spec, http_version, reason FROM exchanges WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec() || !query.next()) {
        return std::nullopt;
    }
    StoredExchange stored;
    stored.requestHeaders = headersFromJson(query.value(0).toByteArray());
    stored.requestBody = query.value(1).toByteArray();
    stored.responseHeaders = headersFromJson(query.value(2).toByteArray());
    stored.responseBody = query.value(3).toByteArray();
    stored.bodyTruncated = query.value(4).toInt() != 0;
    stored.writtenSpec = query.value(5).toString().toUtf8();
    stored.httpVersion = query.value(6).toString();
    stored.reason = query.value(7).toString().toUtf8();
    HistoryFilter all;
    all.limit = 1;
    QSqlQuery entry(QSqlDatabase::database(m_connection, false));
    entry.prepare(QStringLiteral("SELECT started_ms, name, method, url, status, status_class, duration_ms "
                                 "FROM exchanges WHERE id = ?"));
    entry.addBindValue(id);
    if (entry.exec() && entry.next()) {
        stored.entry.id = id;
        stored.entry.started = QDateTime::fromMSecsSinceEpoch(entry.value(0).toLongLong(), Qt::UTC);
        stored.entry.name = entry.value(1).toString();
        stored.entry.method = entry.value(2).toString();
        stored.entry.url = entry.value(3).toString();
        stored.entry.status = entry.value(4).toInt();
        stored.entry.statusClass = entry.value(5).toString();
        stored.entry.durationMs = entry.value(6).toDouble();
    }
    return stored;
}

int HistoryStore::count() const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    return query.exec(QStringLiteral("SELECT COUNT(*) FROM exchanges")) && query.next()
               ? query.value(0).toInt()
               : 0;
}

bool HistoryStore::clear()
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    return query.exec(QStringLiteral("DELETE FROM exchanges"));
}

RequestSpec StoredExchange::writtenRequest() const
{
    if (!writtenSpec.isEmpty()) {
        RequestSpec spec = requestSpecFromJson(QJsonDocument::fromJson(writtenSpec).object());
        spec.name = entry.name;
        return spec;
    }
    // An older entry: what was sent, without what ApiLens added by itself.
    RequestSpec spec;
    spec.name = entry.name;
    spec.method = entry.method;
    spec.url = entry.url;
    for (const auto &header : requestHeaders) {
        const QString name = QString::fromLatin1(header.first);
        const QString value = QString::fromUtf8(header.second);
        bool added = name.startsWith(QLatin1Char(':')) || isSecretName(header.first);
        for (const char *http : {"Host", "Content-Length", "Accept-Language", "Cache-Control", "Pragma"}) {
            added = added || name.compare(QLatin1String(http), Qt::CaseInsensitive) == 0;
        }
        for (const DefaultHeader &fallback : defaultHeaders()) {
            added = added || name.compare(fallback.name, Qt::CaseInsensitive) == 0;
        }
        if (!added) {
            spec.headers.append({name, value, true});
        }
    }
    if (!requestBody.isEmpty()) {
        spec.body.kind = BodyKind::Raw;
        spec.body.raw = requestBody;
        spec.body.contentType = QString::fromUtf8(headerValue(requestHeaders, "Content-Type"));
    }
    return spec;
}

Exchange StoredExchange::exchange() const
{
    Exchange exchange;
    exchange.status = entry.status;
    exchange.reason = reason;
    exchange.httpVersion = httpVersion.isEmpty() ? QStringLiteral("HTTP/1.1") : httpVersion;
    exchange.headers = responseHeaders;
    exchange.body = ResponseBody::fromBytes(responseBody);
    exchange.timings.started = entry.started;
    exchange.timings.finishedMs = entry.durationMs;
    exchange.request.method = entry.method.toLatin1();
    exchange.request.url = QUrl(entry.url);
    exchange.request.target = exchange.request.url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority);
    exchange.request.httpVersion = exchange.httpVersion;
    exchange.request.headers = requestHeaders;
    exchange.request.bodyPreview = requestBody;
    exchange.request.bodySize = requestBody.size();
    if (entry.status == 0) {
        exchange.error = TransportError::Other;
        exchange.errorMessage = QStringLiteral("No response (%1)").arg(entry.transportError);
    }
    return exchange;
}

} // namespace ApiLens::Core
