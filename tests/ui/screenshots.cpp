// Renders the README screenshots from real exchanges with the built-in demo API, so they
// stay current: scripts/screenshots.sh runs this under Xvfb. `--dark` checks the dark hues.
#include "demoserver.h"
#include "errorinspector.h"
#include "mainwindow.h"
#include "requesteditor.h"
#include "requesttab.h"
#include "responseview.h"

#include "catalog/catalog.h"
#include "history/historyservice.h"
#include "http/httpclient.h"

#include <QApplication>
#include <QComboBox>
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

namespace {

void settle(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

void useDarkPalette()
{
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
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
        palette.setColor(QPalette::Disabled, role, QColor(0x7A7A7A));
    }
    QApplication::setPalette(palette);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const QString outDir = args.value(1, QStringLiteral("docs/screenshots"));
    const bool dark = args.contains(QStringLiteral("--dark"));
    if (dark) {
        useDarkPalette();
    }
    QDir().mkpath(outDir);

    Demo::DemoServer demo;
    if (demo.start(8780) == 0 && demo.start() == 0) {
        std::fprintf(stderr, "cannot start the demo API on 127.0.0.1\n");
        return 1;
    }
    QTemporaryDir settingsDir;
    QSettings settings(settingsDir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    Core::HttpClient client(&manager);
    Core::Catalog catalog;
    QStringList errors;
    catalog.loadBuiltin(&errors);
    Core::HistoryService history;
    history.open(settingsDir.filePath(QStringLiteral("history.sqlite")));
    Ui::MainWindow window(&client, &catalog, &settings);
    window.setHistory(&history);
    window.resize(1440, 880);
    window.show();

    struct Shot
    {
        QString file;
        QString request; // a demo request's name, or "refused"
        int responseTab = 0;
        QString vendor; // an API catalog chosen in the inspector
    };
    const QList<Shot> shots = {
        {QStringLiteral("response-2xx.png"), QStringLiteral("Get a user"), 0, QString()},
        {QStringLiteral("netilion-409.png"), QStringLiteral("Change a serial number"), 0, QString()},
        {QStringLiteral("extole-403.png"), QStringLiteral("Send an event without a token"), 0, QString()},
        {QStringLiteral("numeric-code-7.png"), QStringLiteral("Profile with a bad token"), 0, QString()},
        {QStringLiteral("extole-429-retry.png"), QStringLiteral("Rate-limited profile"), 0, QString()},
        {QStringLiteral("exto-413.png"), QStringLiteral("Upload a record"), 0, QStringLiteral("exto")},
        {QStringLiteral("response-5xx.png"), QStringLiteral("Cloudflare timeout"), 0, QString()},
        {QStringLiteral("timing.png"), QStringLiteral("Slow report"), 3, QString()},
        {QStringLiteral("transport-failure.png"), QStringLiteral("refused"), 0, QString()},
    };
    const QList<Demo::DemoServer::Request> requests = demo.requestsFor();
    for (const Shot &shot : shots) {
        Core::RequestSpec spec;
        if (shot.request == QLatin1String("refused")) {
            spec.url = QStringLiteral("http://127.0.0.1:1/v1/health");
            spec.name = QStringLiteral("Health check");
        }
        for (const auto &request : requests) {
            if (request.name == shot.request) {
                spec = request.spec;
            }
        }
        Ui::RequestTab *tab = window.newTab(spec);
        QSignalSpy analysed(tab->response(), &Ui::ResponseView::analysisReady);
        QSignalSpy formatted(tab->response(), &Ui::ResponseView::prettyReady);
        tab->send();
        if (shot.request != QLatin1String("refused")) {
            analysed.wait(10000);
            if (formatted.isEmpty()) {
                formatted.wait(10000);
            }
        }
        tab->response()->tabs()->setCurrentIndex(shot.responseTab);
        if (!shot.vendor.isEmpty()) {
            QComboBox *choice = tab->response()->inspector()->vendorChoice();
            choice->setCurrentIndex(choice->findData(shot.vendor));
            Q_EMIT choice->activated(choice->currentIndex());
        }
        settle(400);
        const QString path = QDir(outDir).filePath(dark ? QStringLiteral("dark-") + shot.file : shot.file);
        if (!window.grab().save(path)) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
            return 1;
        }
        std::printf("%s\n", qPrintable(path));
    }
    return 0;
}
