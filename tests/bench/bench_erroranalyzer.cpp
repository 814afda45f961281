// Prints how fast error responses are read: the shared samples per second, and one
// 50 MB JSON error body (as a worker thread would see it). Figures only; no assertions.
#include "errors/erroranalyzer.h"
#include "errors/rawresponse.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFutureWatcher>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <cstdio>

using namespace ApiLens::Core;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QString dir =
        QCoreApplication::arguments().value(1, QStringLiteral(APILENS_TEST_DATA_DIR "/errors/samples"));
    QList<RawResponse> samples;
    for (const QString &name : QDir(dir).entryList({QStringLiteral("*.http")}, QDir::Files, QDir::Name)) {
        QFile file(QDir(dir).filePath(name));
        RawResponse response;
        QString error;
        if (file.open(QIODevice::ReadOnly) && parseRawResponse(file.readAll(), &response, &error)) {
            samples.append(response);
        }
    }
    if (samples.isEmpty()) {
        std::fprintf(stderr, "no samples in %s\n", qPrintable(dir));
        return 1;
    }
    int count = 0;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 2000) {
        for (const RawResponse &response : samples) {
            count += analyzeError(response.status, response.headers, response.body).format.isEmpty() ? 0 : 1;
        }
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    std::printf("%-28s %8.0f samples/s (%d samples, %d analyses in %.2f s)\n", "error analysis",
                count / seconds, int(samples.size()), count, seconds);

    QByteArray big = "{\"message\":\"The given data was invalid.\",\"errors\":{";
    for (int i = 0; big.size() < 50 * 1024 * 1024; ++i) {
        big += "\"items." + QByteArray::number(i) + ".qty\":[\"The quantity must be at least 1.\"],";
    }
    big += "\"last\":[\"x\"]}}";
    timer.restart();
    const ErrorReport report = analyzeError(422, {{"Content-Type", "application/json"}}, big);
    std::printf("%-28s %8lld ms (%.1f MB, format %s, %lld field errors)\n", "50 MB JSON error body",
                timer.elapsed(), double(big.size()) / (1024 * 1024), qPrintable(report.format),
                qint64(report.fieldErrors.size()));

    // The same on a worker, as the GUI does it, while this thread runs an event loop with a
    // 1 ms timer: the longest gap between ticks is how long the "GUI" thread was blocked.
    QElapsedTimer sinceTick;
    qint64 longestGapNs = 0;
    QTimer ticker;
    ticker.setInterval(1);
    QObject::connect(&ticker, &QTimer::timeout, &ticker, [&] {
        longestGapNs = qMax(longestGapNs, sinceTick.nsecsElapsed());
        sinceTick.restart();
    });
    QFutureWatcher<ErrorReport> watcher;
    QEventLoop loop;
    QObject::connect(&watcher, &QFutureWatcher<ErrorReport>::finished, &loop, &QEventLoop::quit);
    timer.restart();
    sinceTick.start();
    ticker.start();
    watcher.setFuture(QtConcurrent::run([&big] {
        return analyzeError(422, {{"Content-Type", "application/json"}}, big);
    }));
    loop.exec();
    std::printf("%-28s %8lld ms on a worker; the event loop's longest stall meanwhile: %.1f ms\n",
                "50 MB body, worker thread", timer.elapsed(), double(longestGapNs) / 1e6);
    return 0;
}
