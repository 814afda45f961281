// The floor for `apilens-cli run` under load: a bare QNetworkAccessManager loop, as a whole
// process, sending the same GETs to the same server (URL?i=0, URL?i=1, …) with LANES of them
// under way at once and every body read. Prints nothing; run.sh times it beside apilens-cli,
// curl and newman. Usage: bench_load URL COUNT [LANES]
#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>

#include <cstdio>
#include <functional>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_load URL COUNT [LANES]\n");
        return 2;
    }
    const QString url = QString::fromLocal8Bit(argv[1]);
    const int count = QByteArray(argv[2]).toInt();
    const int lanes = argc > 3 ? qMax(1, QByteArray(argv[3]).toInt()) : 1;
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    int sent = 0;
    int done = 0;
    qint64 bytes = 0;
    std::function<void()> next = [&] {
        QNetworkReply *reply = manager.get(QNetworkRequest(QUrl(url + QStringLiteral("?i=%1").arg(sent++))));
        QObject::connect(reply, &QNetworkReply::finished, &app, [&, reply] {
            bytes += reply->readAll().size();
            reply->deleteLater();
            if (++done == count) {
                QCoreApplication::quit();
            } else if (sent < count) {
                next();
            }
        });
    };
    for (int i = 0; i < qMin(lanes, count); ++i) {
        next();
    }
    if (count > 0) {
        QCoreApplication::exec();
    }
    return bytes > 0 || count == 0 ? 0 : 1;
}
