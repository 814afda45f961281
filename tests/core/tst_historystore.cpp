#include "history/historystore.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <cstdio>

using namespace ApiLens::Core;

class tst_HistoryStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void recordsAndReloads();
    void filters_data();
    void filters();
    void retentionAndClear();
    void reopensTheRequestAsWritten();
    void storesNoSecretOfTheQuery();
    void refusesForeignFiles_data();
    void refusesForeignFiles();
    void twoProcessesWriteAtOnce();

private:
    static Exchange exchange(const char *method, const QString &url, int status, qint64 startedMs);

    QTemporaryDir *m_dir = nullptr;
    HistoryStore *m_store = nullptr;
};

Exchange tst_HistoryStore::exchange(const char *method, const QString &url, int status, qint64 startedMs)
{
    Exchange ex;
    ex.request.method = method;
    ex.request.url = QUrl(url);
    ex.request.headers = {
        {"Authorization", "Bearer secret-token"}, {"X-Trace", "t1"}, {"X-Api-Key", "k-123"}};
    ex.request.bodyPreview = "{\"a\":1}";
    ex.status = status;
    ex.headers = {{"Content-Type", "application/json"}, {"Set-Cookie", "session=abc"}};
    ex.body = ResponseBody::fromBytes(QByteArray(2000, 'x'));
    ex.timings.started = QDateTime::fromMSecsSinceEpoch(startedMs, Qt::UTC);
    ex.timings.finishedMs = 12.5;
    if (status == 0) {
        ex.error = TransportError::ConnectionRefused;
    }
    return ex;
}

void tst_HistoryStore::init()
{
    m_dir = new QTemporaryDir;
    m_store = new HistoryStore;
    QString error;
    QVERIFY2(m_store->open(m_dir->filePath(QStringLiteral("history.sqlite")), &error), qPrintable(error));
}

void tst_HistoryStore::cleanup()
{
    delete m_store;
    delete m_dir;
}

void tst_HistoryStore::recordsAndReloads()
{
    m_store->setBodyLimit(1000);
    ErrorReport report;
    report.status = 409;
    report.format = QStringLiteral("netilion");
    report.code = QStringLiteral("write_protected_attribute");
    report.message = QStringLiteral("read-only");
    const qint64 id =
        m_store->record(exchange("PATCH", QStringLiteral("http://user:pw@h/assets/17"), 409, 1000),
                        QStringLiteral("Change"), &report);
    QVERIFY(id > 0);
    const QList<HistoryEntry> entries = m_store->find({});
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries[0].url, QStringLiteral("http://h/assets/17")); // no user info kept
    QCOMPARE(entries[0].statusClass, QStringLiteral("4xx"));
    QCOMPARE(entries[0].errorCode, QStringLiteral("write_protected_attribute"));
    QCOMPARE(entries[0].name, QStringLiteral("Change"));
    const auto stored = m_store->load(id);
    QVERIFY(stored);
    QCOMPARE(stored->responseBody.size(), 1000);
    QVERIFY(stored->bodyTruncated);
    QCOMPARE(headerValue(stored->requestHeaders, "X-Trace"), QByteArray("t1"));
    // Secrets are not stored.
    QVERIFY(!headerValue(stored->requestHeaders, "Authorization").contains("secret-token"));
    QVERIFY(!headerValue(stored->requestHeaders, "X-Api-Key").contains("k-123"));
    QVERIFY(!headerValue(stored->responseHeaders, "Set-Cookie").contains("abc"));
    QVERIFY(!m_store->load(id + 100));
}

void tst_HistoryStore::filters_data()
{
    QTest::addColumn<HistoryFilter>("filter");
    QTest::addColumn<int>("count");
    HistoryFilter all;
    QTest::newRow("all") << all << 7;
    HistoryFilter text;
    text.text = QStringLiteral("users");
    QTest::newRow("text in url") << text << 3;
    HistoryFilter like;
    like.text = QStringLiteral("a_b"); // "_" is literal: jobs/axb does not match
    QTest::newRow("LIKE wildcards are literal") << like << 1;
    HistoryFilter method;
    method.method = QStringLiteral("post");
    QTest::newRow("method") << method << 2;
    HistoryFilter klass;
    klass.statusClass = QStringLiteral("5xx");
    QTest::newRow("status class") << klass << 1;
    HistoryFilter none;
    none.statusClass = QStringLiteral("none");
    QTest::newRow("no response") << none << 1;
    HistoryFilter dates;
    dates.from = QDateTime::fromMSecsSinceEpoch(2000, Qt::UTC);
    dates.to = QDateTime::fromMSecsSinceEpoch(4000, Qt::UTC);
    QTest::newRow("date range") << dates << 2;
    HistoryFilter combined;
    combined.method = QStringLiteral("POST");
    combined.statusClass = QStringLiteral("2xx");
    QTest::newRow("combined") << combined << 1;
    HistoryFilter limited;
    limited.limit = 2;
    QTest::newRow("limit") << limited << 2;
    HistoryFilter status;
    status.text = QStringLiteral("500");
    QTest::newRow("a status code in the text box") << status << 1;
    HistoryFilter prefix;
    prefix.text = QStringLiteral("20");
    QTest::newRow("a status prefix") << prefix << 4;
    HistoryFilter partOfCode;
    partOfCode.errorCode = QStringLiteral("too_many");
    QTest::newRow("part of an error code") << partOfCode << 1;
    HistoryFilter codeInText;
    codeInText.text = QStringLiteral("many_req");
    QTest::newRow("part of an error code in the text box") << codeInText << 1;
}

void tst_HistoryStore::filters()
{
    QFETCH(HistoryFilter, filter);
    QFETCH(int, count);
    QVERIFY(m_store->recordAll({exchange("GET", QStringLiteral("http://h/users"), 200, 1000),
                                exchange("POST", QStringLiteral("http://h/users"), 201, 2000),
                                exchange("POST", QStringLiteral("http://h/users/1"), 500, 3000),
                                exchange("GET", QStringLiteral("http://h/jobs/a_b"), 200, 4000),
                                exchange("DELETE", QStringLiteral("http://127.0.0.1:1/x"), 0, 5000),
                                exchange("GET", QStringLiteral("http://h/jobs/axb"), 200, 6000)}));
    ErrorReport limited;
    limited.status = 429;
    limited.format = QStringLiteral("rfc9457");
    limited.code = QStringLiteral("too_many_requests");
    QVERIFY(m_store->record(exchange("GET", QStringLiteral("http://h/rate"), 429, 500), {}, &limited) > 0);
    const QList<HistoryEntry> entries = m_store->find(filter);
    QCOMPARE(entries.size(), count);
    for (int i = 1; i < entries.size(); ++i) {
        QVERIFY(entries[i - 1].started >= entries[i].started); // newest first
    }
}

void tst_HistoryStore::reopensTheRequestAsWritten()
{
    Exchange sent = exchange("POST", QStringLiteral("http://h/items"), 422, 1000);
    sent.request.headers = {{"Host", "h"},
                            {"User-Agent", "ApiLens/" APILENS_VERSION},
                            {"Accept", "*/*"},
                            {"Accept-Encoding", "gzip, deflate, br, zstd"},
                            {"Connection", "keep-alive"},
                            {"X-Trace", "t1"},
                            {"Content-Type", "application/json"},
                            {"Content-Length", "7"},
                            {"Cookie", "a=1"}};
    sent.httpVersion = QStringLiteral("HTTP/1.1");
    sent.reason = "Unprocessable Entity";
    RequestSpec written;
    written.method = QStringLiteral("POST");
    written.url = QStringLiteral("{{host}}/items");
    written.headers = {{QStringLiteral("X-Trace"), QStringLiteral("t1")},
                       {QStringLiteral("Authorization"), QStringLiteral("Bearer s3cret")}};
    written.body.kind = BodyKind::Raw;
    written.body.raw = "{\"a\":1}";
    written.omittedDefaults = {QStringLiteral("Connection")};
    const qint64 id = m_store->record(sent, QStringLiteral("Create"), nullptr, &written);
    const std::optional<StoredExchange> stored = m_store->load(id);
    QVERIFY(stored);
    // As written, its secret left out.
    RequestSpec back = stored->writtenRequest();
    QCOMPARE(back.url, QStringLiteral("{{host}}/items"));
    QCOMPARE(back.headers.size(), 2);
    QCOMPARE(back.headers[1].value, QString());
    QCOMPARE(back.omittedDefaults, QStringList{QStringLiteral("Connection")});
    QCOMPARE(back.name, QStringLiteral("Create"));
    // What came back, as the response view shows it.
    const Exchange again = stored->exchange();
    QCOMPARE(again.status, 422);
    QCOMPARE(again.displayReason(), QStringLiteral("Unprocessable Entity"));
    QCOMPARE(again.httpVersion, QStringLiteral("HTTP/1.1"));
    QCOMPARE(again.body.size(), 2000);
    QCOMPARE(again.timings.finishedMs, 12.5);

    // An entry from before the written request was kept: rebuilt from what went out, without
    // the defaults, Host, Content-Length and cookies that were ApiLens's own.
    StoredExchange old = *stored;
    old.writtenSpec.clear();
    old.requestHeaders = sent.request.headers;
    back = old.writtenRequest();
    QCOMPARE(back.url, QStringLiteral("http://h/items"));
    QStringList names;
    for (const KeyValue &header : back.headers) {
        names.append(header.name);
    }
    QCOMPARE(names, (QStringList{QStringLiteral("X-Trace"), QStringLiteral("Content-Type")}));
}

void tst_HistoryStore::storesNoSecretOfTheQuery()
{
    // ?api_key={{token}} went out with the secret in it: the file on disk does not hold it
    // (nor the header's), the rest of the URL is kept, and the request as written keeps the
    // variable's name but not a key typed in.
    Exchange sent = exchange(
        "GET", QStringLiteral("http://h/search?q=rain&api_key=s3cret-query-value&Access_Token=t0k3n-value"),
        200, 1000);
    RequestSpec written;
    written.method = QStringLiteral("GET");
    written.url = QStringLiteral("{{host}}/search?q=rain&api_key={{token}}&key=typed-in-k3y#top");
    const qint64 id = m_store->record(sent, QStringLiteral("Search"), nullptr, &written);
    const std::optional<StoredExchange> stored = m_store->load(id);
    QVERIFY(stored);
    const QUrl url(stored->entry.url);
    QCOMPARE(QUrlQuery(url).queryItemValue(QStringLiteral("q")), QStringLiteral("rain"));
    QCOMPARE(QUrlQuery(url).queryItemValue(QStringLiteral("api_key"), QUrl::FullyDecoded),
             QStringLiteral("•••"));
    QCOMPARE(stored->writtenRequest().url,
             QStringLiteral("{{host}}/search?q=rain&api_key={{token}}&key=#top"));
    delete m_store; // closed: every page written
    m_store = nullptr;
    QFile file(m_dir->filePath(QStringLiteral("history.sqlite")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.contains("rain"));
    for (const QByteArray secret :
         {"s3cret-query-value", "t0k3n-value", "typed-in-k3y", "secret-token", "k-123"}) {
        QVERIFY2(!bytes.contains(secret), secret.constData());
    }
}

void tst_HistoryStore::retentionAndClear()
{
    m_store->setRetention(3);
    for (int i = 0; i < 5; ++i) {
        QVERIFY(m_store->record(exchange("GET", QStringLiteral("http://h/%1").arg(i), 200, 1000 + i)) > 0);
    }
    QCOMPARE(m_store->count(), 3);
    QCOMPARE(m_store->find({}).constLast().url, QStringLiteral("http://h/2")); // the oldest went
    m_store->setRetention(1); // a lower limit applies at once
    QCOMPARE(m_store->count(), 1);
    QCOMPARE(m_store->find({}).constFirst().url, QStringLiteral("http://h/4"));
    QVERIFY(m_store->clear());
    QCOMPARE(m_store->count(), 0);
}

void tst_HistoryStore::refusesForeignFiles_data()
{
    QTest::addColumn<bool>("sqlite");
    QTest::addColumn<QString>("message");
    QTest::newRow("not sqlite") << false << QStringLiteral("not a history database");
    QTest::newRow("someone else's sqlite") << true << QStringLiteral("belongs to something else");
}

void tst_HistoryStore::refusesForeignFiles()
{
    QFETCH(bool, sqlite);
    QFETCH(QString, message);
    const QString path = m_dir->filePath(QStringLiteral("other.db"));
    if (sqlite) {
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("foreign"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("foreign"));
    } else {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray("this is a text file, not a database\n").repeated(20));
    }
    QFile before(path);
    QVERIFY(before.open(QIODevice::ReadOnly));
    const QByteArray original = before.readAll();
    before.close();

    HistoryStore store;
    QString error;
    QVERIFY(!store.open(path, &error));
    QVERIFY2(error.contains(message), qPrintable(error));
    QFile after(path);
    QVERIFY(after.open(QIODevice::ReadOnly));
    QCOMPARE(after.readAll(), original); // never overwritten
}

// The GUI and apilens-cli write one history database at once: two processes (this test
// binary as a child, twice) each record their entries as fast as they can; none is lost.
void tst_HistoryStore::twoProcessesWriteAtOnce()
{
    const QString path = m_dir->filePath(QStringLiteral("shared.sqlite"));
    constexpr int PerWriter = 300;
    QList<QProcess *> writers;
    for (const char *name : {"gui", "cli"}) {
        auto *writer = new QProcess(this);
        writer->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        writer->start(
            QCoreApplication::applicationFilePath(),
            {QStringLiteral("--child-writer"), path, QString::number(PerWriter), QLatin1String(name)});
        writers.append(writer);
    }
    for (QProcess *writer : std::as_const(writers)) {
        QVERIFY(writer->waitForFinished(120000));
        QCOMPARE(writer->exitStatus(), QProcess::NormalExit);
        QCOMPARE(writer->exitCode(), 0);
        delete writer;
    }
    HistoryStore store;
    QString error;
    QVERIFY2(store.open(path, &error), qPrintable(error));
    QCOMPARE(store.count(), 2 * PerWriter);
    HistoryFilter filter;
    filter.limit = 10 * PerWriter;
    QSet<QString> urls;
    for (const HistoryEntry &entry : store.find(filter)) {
        urls.insert(entry.url);
    }
    QCOMPARE(urls.size(), 2 * PerWriter); // each entry whole, none written twice
}

// The child of twoProcessesWriteAtOnce: records `count` entries named after `who`.
static int childWriter(const QString &path, int count, const QString &who)
{
    HistoryStore store;
    QString error;
    if (!store.open(path, &error)) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(who), qPrintable(error));
        return 1;
    }
    store.setRetention(1000000);
    for (int i = 0; i < count; ++i) {
        Exchange ex;
        ex.request.method = "GET";
        ex.request.url = QUrl(QStringLiteral("http://127.0.0.1/%1/%2").arg(who).arg(i));
        ex.status = 200;
        ex.body = ResponseBody::fromBytes(QByteArray(4000, 'x'));
        ex.timings.started = QDateTime::currentDateTimeUtc();
        if (store.record(ex) == 0) {
            std::fprintf(stderr, "%s: entry %d: %s\n", qPrintable(who), i, qPrintable(store.lastError()));
            return 1;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc == 5 && qstrcmp(argv[1], "--child-writer") == 0) {
        return childWriter(QString::fromLocal8Bit(argv[2]), QByteArray(argv[3]).toInt(),
                           QString::fromLocal8Bit(argv[4]));
    }
    tst_HistoryStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_historystore.moc"
