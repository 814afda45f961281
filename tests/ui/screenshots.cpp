// Renders the README screenshots from real exchanges with a local server, so they stay
// current: scripts/screenshots.sh runs this under Xvfb.
#include "mainwindow.h"
#include "requesteditor.h"
#include "requesttab.h"
#include "responseview.h"

#include "catalog/catalog.h"
#include "http/httpclient.h"
#include "testserver.h"

#include <QApplication>
#include <QDir>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QPalette>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

using namespace ApiLens;
using ApiLens::Test::ReceivedRequest;
using ApiLens::Test::Response;
using ApiLens::Test::TestServer;

namespace {

Response demoResponse(const ReceivedRequest &request)
{
    Response response;
    const QByteArray path = request.path();
    if (path == "/v1/users/42") {
        response.headers = {{"Content-Type", "application/json"},
                            {"X-Request-Id", "req_8f2a61c0"},
                            {"Cache-Control", "private, max-age=60"}};
        response.body =
            R"({"id":42,"name":"Ada Lovelace","email":"ada@example.com","roles":["admin","analyst"],)"
            R"("active":true,"created_at":"2026-03-14T09:26:53Z","quota":{"used":1250,"limit":5000},)"
            R"("team":{"id":7,"name":"Engines"}})";
        response.delayMs = 35;
    } else if (path == "/v1/accounts/12345/msgs") {
        response.status = 403;
        response.headers = {{"Content-Type", "application/problem+json"},
                            {"Content-Language", "en"},
                            {"X-Request-Id", "req_c1d2e3"}};
        response.body =
            R"({"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.",)"
            R"("detail":"Your current balance is 30, but that costs 50.",)"
            R"("instance":"/account/12345/msgs/abc","balance":30,)"
            R"("accounts":["/account/12345","/account/67890"]})";
        response.delayMs = 20;
    } else if (path == "/v1/reports/daily") {
        response.status = 503;
        response.headers = {
            {"Content-Type", "application/json"}, {"Retry-After", "30"}, {"X-Request-Id", "req_5xx_77"}};
        response.body =
            R"({"error":{"code":503,"message":"The service is currently unavailable.",)"
            R"("status":"UNAVAILABLE","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo",)"
            R"("retryDelay":"30s"}]}})";
        response.delayMs = 120;
    } else {
        response.status = 404;
    }
    return response;
}

void settle(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const QString outDir = args.value(1, QStringLiteral("docs/screenshots"));
    const bool dark = args.contains(QStringLiteral("--dark"));
    if (dark) {
        // A dark Fusion palette, to check the dark-theme hues.
        QApplication::setStyle(QStringLiteral("Fusion"));
        QPalette palette;
        palette.setColor(QPalette::Window, QColor(0x2B2B2B));
        palette.setColor(QPalette::WindowText, QColor(0xE6E6E6));
        palette.setColor(QPalette::Base, QColor(0x1E1E1E));
        palette.setColor(QPalette::AlternateBase, QColor(0x262626));
        palette.setColor(QPalette::Text, QColor(0xE6E6E6));
        palette.setColor(QPalette::Button, QColor(0x353535));
        palette.setColor(QPalette::ButtonText, QColor(0xE6E6E6));
        palette.setColor(QPalette::Highlight, QColor(0x3D6EA8));
        palette.setColor(QPalette::HighlightedText, Qt::white);
        palette.setColor(QPalette::PlaceholderText, QColor(0x9A9A9A));
        QApplication::setPalette(palette);
    }
    QDir().mkpath(outDir);

    TestServer server;
    server.setHandler(&demoResponse);
    if (!server.listen(QHostAddress::LocalHost, 8080) && !server.listen()) {
        std::fprintf(stderr, "cannot listen on 127.0.0.1\n");
        return 1;
    }
    QTemporaryDir settingsDir;
    QSettings settings(settingsDir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    Core::HttpClient client(&manager);
    Core::Catalog catalog;
    QStringList catalogErrors;
    catalog.loadBuiltin(&catalogErrors);
    Ui::MainWindow window(&client, &catalog, &settings);
    window.resize(1280, 800);

    struct Shot
    {
        QString file;
        QString method;
        QString path;
        QByteArray body;
    };
    const QList<Shot> shots = {
        {QStringLiteral("response-2xx.png"),
         QStringLiteral("GET"),
         QStringLiteral("/v1/users/42?expand=team"),
         {}},
        {QStringLiteral("response-4xx.png"), QStringLiteral("POST"),
         QStringLiteral("/v1/accounts/12345/msgs"), R"({"to":"+15550100","text":"Hello"})"},
        {QStringLiteral("response-5xx.png"),
         QStringLiteral("GET"),
         QStringLiteral("/v1/reports/daily?date=2026-11-21"),
         {}},
        {QStringLiteral("transport-failure.png"), QStringLiteral("GET"), QStringLiteral("refused"), {}},
    };
    window.show();
    for (const Shot &shot : shots) {
        Core::RequestSpec spec;
        spec.method = shot.method;
        spec.url = shot.path == QLatin1String("refused")
                       ? QStringLiteral("http://127.0.0.1:%1/v1/health").arg(TestServer::unusedPort())
                       : server.url(shot.path).toString();
        spec.headers = {{QStringLiteral("Accept"), QStringLiteral("application/json")}};
        if (!shot.body.isEmpty()) {
            spec.body.kind = Core::BodyKind::Raw;
            spec.body.raw = shot.body;
            spec.body.contentType = QStringLiteral("application/json");
        }
        Ui::RequestTab *tab = window.newTab(spec);
        if (!shot.body.isEmpty()) {
            tab->editor()->tabs()->setCurrentIndex(2); // show the body that was sent
        }
        QSignalSpy ready(tab->response(), &Ui::ResponseView::prettyReady);
        tab->send();
        ready.wait(10000);
        settle(300);
        const QString path = QDir(outDir).filePath(dark ? QStringLiteral("dark-") + shot.file : shot.file);
        if (!window.grab().save(path)) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
            return 1;
        }
        std::printf("%s\n", qPrintable(path));
        if (shot.file == QLatin1String("response-5xx.png")) {
            tab->response()->tabs()->setCurrentIndex(3); // the timing waterfall of the same exchange
            settle(100);
            const QString timing = QDir(outDir).filePath(dark ? QStringLiteral("dark-timing.png")
                                                              : QStringLiteral("timing.png"));
            window.grab().save(timing);
            std::printf("%s\n", qPrintable(timing));
            tab->response()->tabs()->setCurrentIndex(0);
        }
    }
    return 0;
}
