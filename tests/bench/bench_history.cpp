// History at scale: records 100,000 exchanges, then times the filters the history pane
// uses. Figures only; no assertions.
#include "history/historystore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <cstdio>

using namespace ApiLens::Core;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int total = argc > 1 ? QByteArray(argv[1]).toInt() : 100000;
    QTemporaryDir dir;
    HistoryStore store;
    QString error;
    if (!store.open(dir.filePath(QStringLiteral("history.sqlite")), &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    store.setRetention(total);
    const char *methods[] = {"GET", "POST", "PUT", "PATCH", "DELETE"};
    const int statuses[] = {200, 201, 204, 301, 400, 401, 404, 409, 422, 429, 500, 503};
    QElapsedTimer timer;
    timer.start();
    QList<Exchange> batch;
    for (int i = 0; i < total; ++i) {
        Exchange ex;
        ex.request.method = methods[i % 5];
        ex.request.url = QUrl(QStringLiteral("https://api%1.example.test/v1/resources/%2?page=%3")
                                  .arg(i % 7)
                                  .arg(i)
                                  .arg(i % 13));
        ex.request.headers = {{"Accept", "application/json"}};
        ex.status = statuses[i % 12];
        ex.headers = {{"Content-Type", "application/json"}};
        ex.body = ResponseBody::fromBytes(QByteArray("{\"id\":") + QByteArray::number(i) + "}");
        ex.timings.started = QDateTime::fromMSecsSinceEpoch(1700000000000LL + qint64(i) * 1000, Qt::UTC);
        ex.timings.finishedMs = 10 + i % 50;
        batch.append(ex);
        if (batch.size() == 5000) {
            store.recordAll(batch);
            batch.clear();
        }
    }
    store.recordAll(batch);
    std::printf("%-34s %8lld ms (%d entries)\n", "record (batched)", timer.elapsed(), store.count());

    struct Case
    {
        const char *name;
        HistoryFilter filter;
    };
    HistoryFilter newest;
    HistoryFilter text;
    text.text = QStringLiteral("resources/4242");
    HistoryFilter klass;
    klass.statusClass = QStringLiteral("5xx");
    HistoryFilter combined;
    combined.text = QStringLiteral("api3");
    combined.method = QStringLiteral("PATCH");
    combined.statusClass = QStringLiteral("4xx");
    HistoryFilter dates;
    dates.from = QDateTime::fromMSecsSinceEpoch(1700000000000LL + 50000LL * 1000, Qt::UTC);
    dates.to = QDateTime::fromMSecsSinceEpoch(1700000000000LL + 51000LL * 1000, Qt::UTC);
    HistoryFilter none;
    none.text = QStringLiteral("no-such-thing");
    const QList<Case> cases = {{"newest 500", newest},
                               {"text in URL", text},
                               {"status class 5xx", klass},
                               {"text + method + class", combined},
                               {"date range (1,000 entries)", dates},
                               {"text with no match (full scan)", none}};
    for (const Case &c : cases) {
        QElapsedTimer t;
        t.start();
        const int runs = 5;
        int found = 0;
        for (int i = 0; i < runs; ++i) {
            found = int(store.find(c.filter).size());
        }
        std::printf("%-34s %8.1f ms per filter (%d rows)\n", c.name, double(t.nsecsElapsed()) / 1e6 / runs,
                    found);
    }
    return 0;
}
