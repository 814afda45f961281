#include "demoserver.h"
#include "mainwindow.h"
#include "requesttab.h"

#include "catalog/catalog.h"
#include "history/historyservice.h"
#include "http/httpclient.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>

#include <cstdio>

using namespace ApiLens;

namespace {

// --quit-after-first-paint (benchmarks): print the time from APILENS_T0_NS (CLOCK_REALTIME
// ns taken just before the process started) to the first painted frame of the window, and
// the peak resident memory, then quit.
class FirstPaintProbe : public QObject
{
public:
    explicit FirstPaintProbe(QWidget *window)
        : QObject(window)
    {
        window->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_done) {
            m_done = true;
            // Queued: runs once this paint has finished and the frame is out.
            QMetaObject::invokeMethod(this, &FirstPaintProbe::report, Qt::QueuedConnection);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    void report()
    {
        const qint64 t0 = qEnvironmentVariable("APILENS_T0_NS").toLongLong();
        const qint64 now = QDateTime::currentDateTimeUtc().toMSecsSinceEpoch() * 1000000LL;
        QFile status(QStringLiteral("/proc/self/status"));
        QByteArray peak = "?";
        if (status.open(QIODevice::ReadOnly)) {
            for (const QByteArray &line : status.readAll().split('\n')) {
                if (line.startsWith("VmHWM:")) {
                    peak = line.mid(6).trimmed().split(' ').value(0);
                }
            }
        }
        std::printf("first_paint_ms=%.1f peak_rss_kb=%s\n", t0 > 0 ? double(now - t0) / 1e6 : -1.0,
                    peak.constData());
        std::fflush(stdout);
        QCoreApplication::quit();
    }

    bool m_done = false;
};

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("ApiLens"));
    QApplication::setOrganizationName(QStringLiteral("ApiLens"));
    QApplication::setApplicationVersion(QStringLiteral(APILENS_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("apilens"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("ApiLens, a native desktop API explorer."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("url"), QStringLiteral("Open a request to this URL."),
                                 QStringLiteral("[URL]"));
    const QCommandLineOption firstPaint(
        QStringLiteral("quit-after-first-paint"),
        QStringLiteral("Benchmark: report start-up time and memory, then quit."));
    parser.addOption(firstPaint);
    const QCommandLineOption demo(
        QStringLiteral("demo"),
        QStringLiteral("Start the built-in demo API on 127.0.0.1 and open its requests."));
    parser.addOption(demo);
    parser.process(app);

    QNetworkProxyFactory::setUseSystemConfiguration(true);
    QNetworkAccessManager manager;
    Core::HttpClient client(&manager);
    QSettings settings;

    Core::Catalog catalog;
    QStringList catalogErrors;
    // A user's own catalog entries (their API's codes) override and extend the built-in ones.
    catalog.loadBuiltinAndUser(&catalogErrors);
    for (const QString &problem : std::as_const(catalogErrors)) {
        std::fprintf(stderr, "apilens: catalog: %s\n", qPrintable(problem));
    }
    // Every exchange goes to the history (SQLite, on its own thread).
    Core::HistoryService history;
    const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dataDir);
    QObject::connect(&history, &Core::HistoryService::opened, &history, [](bool ok, const QString &error) {
        if (!ok) {
            std::fprintf(stderr, "apilens: history: %s\n", qPrintable(error));
        }
    });
    history.open(dataDir + QStringLiteral("/history.sqlite"));
    Ui::MainWindow window(&client, &catalog, &settings);
    window.setHistory(&history);
    Demo::DemoServer demoServer;
    if (parser.isSet(demo)) {
        if (demoServer.start() == 0) {
            std::fprintf(stderr, "apilens: cannot start the demo API on 127.0.0.1\n");
            return 1;
        }
        QList<Ui::NamedRequest> requests;
        for (const Demo::DemoServer::Request &request : demoServer.requestsFor()) {
            requests.append({request.group, request.name, request.summary, request.spec});
        }
        window.addRequestMenu(QObject::tr("&Demo"), requests);
        // Open a few that show the most: a success, and an error from each of three seed vendors.
        for (const QString &name :
             {QStringLiteral("Get a user"), QStringLiteral("Send an event without a token"),
              QStringLiteral("Profile with a bad token"), QStringLiteral("Change a serial number")}) {
            for (const Ui::NamedRequest &request : std::as_const(requests)) {
                if (request.name == name) {
                    Core::RequestSpec spec = request.spec;
                    spec.name = request.name;
                    window.newTab(spec)->send();
                }
            }
        }
        window.statusBar()->showMessage(QObject::tr("Demo API on %1 — more requests in the Demo menu")
                                            .arg(demoServer.baseUrl().toString()));
    } else {
        Core::RequestSpec spec;
        spec.url = parser.positionalArguments().value(0);
        window.newTab(spec);
    }
    if (parser.isSet(firstPaint)) {
        new FirstPaintProbe(&window);
    }
    window.show();
    return app.exec();
}
