// The HTTP engine beside the naive Qt path: the same requests to the same local server, in one
// process, with ApiLens's HttpClient and with a bare QNetworkAccessManager. Prints figures and
// the ratio; asserts nothing. Usage: bench_http BASE_URL [REQUESTS]
#include "http/httpclient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>

#include <cstdio>

using namespace ApiLens::Core;

namespace {

double apilens(const QString &url, int count, qint64 *bytes)
{
    HttpClient client;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < count; ++i) {
        RequestSpec spec;
        spec.url = url;
        PendingExchange *pending = client.send(spec);
        QEventLoop loop;
        QObject::connect(pending, &PendingExchange::finished, &loop, &QEventLoop::quit);
        if (!pending->isFinished()) {
            loop.exec();
        }
        *bytes += pending->exchange().body.size();
        delete pending;
    }
    return double(timer.nsecsElapsed()) / 1e6;
}

double qnam(const QString &url, int count, qint64 *bytes)
{
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < count; ++i) {
        QNetworkReply *reply = manager.get(QNetworkRequest(QUrl(url)));
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        *bytes += reply->readAll().size();
        reply->deleteLater();
    }
    return double(timer.nsecsElapsed()) / 1e6;
}

void compare(const char *label, const QString &url, int count)
{
    qint64 warm = 0;
    apilens(url, 3, &warm);
    qnam(url, 3, &warm);
    qint64 ours = 0;
    qint64 theirs = 0;
    const double a = apilens(url, count, &ours);
    const double q = qnam(url, count, &theirs);
    std::printf(
        "%-34s %5d requests  ApiLens %8.1f ms (%6.3f ms each)  QNetworkAccessManager %8.1f ms (%6.3f ms "
        "each)  ratio %.2fx%s\n",
        label, count, a, a / count, q, q / count, a / q, ours == theirs ? "" : "  (bodies differ!)");
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QString base = QString::fromLocal8Bit(argc > 1 ? argv[1] : "http://127.0.0.1:8765");
    const int count = argc > 2 ? QByteArray(argv[2]).toInt() : 2000;
    compare("small JSON, kept alive", base + QStringLiteral("/users/42"), count);
    compare("5 MB body", base + QStringLiteral("/big"), qMax(1, count / 100));
    return 0;
}
