#include "bodyprobe.h"
#include "collectionpane.h"
#include "demoserver.h"
#include "mainwindow.h"
#include "requesttab.h"
#include "theme.h"
#include "workspace.h"

#include "catalog/catalog.h"
#include "collections/collection.h"
#include "collections/httpdocument.h"
#include "history/historyservice.h"
#include "http/httpclient.h"
#include "util/quitonsignals.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileInfo>
#include <QIcon>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>

#include <cstdio>
#include <malloc.h>
#include <memory>

using namespace ApiLens;

namespace {

// Milliseconds since APILENS_T0_NS (CLOCK_REALTIME ns taken just before the process started,
// by the benchmark script), and the peak resident memory in kB.
std::pair<double, QByteArray> sinceStartAndPeakRss()
{
    const qint64 t0 = qEnvironmentVariable("APILENS_T0_NS").toLongLong();
    const qint64 now = QDateTime::currentDateTimeUtc().toMSecsSinceEpoch() * 1000000LL;
    const qint64 peak = statusKb("VmHWM:");
    return {t0 > 0 ? double(now - t0) / 1e6 : -1.0, peak < 0 ? QByteArray("?") : QByteArray::number(peak)};
}

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
        const auto [ms, peak] = sinceStartAndPeakRss();
        std::printf("first_paint_ms=%.1f peak_rss_kb=%s\n", ms, peak.constData());
        std::fflush(stdout);
        QCoreApplication::quit();
    }

    bool m_done = false;
};

} // namespace

int main(int argc, char *argv[])
{
    // A closed tab gives its memory back: buffers of 256 KB and more are mapped and unmapped
    // (glibc would otherwise raise that bar as they are freed and keep them in its heaps); the
    // workers share two heaps rather than one each; and small blocks are not kept in "fast
    // bins", which would stop what a worker freed from joining the end of its heap, where
    // glibc gives memory back (malloc_trim does not trim a worker heap's end: a 5 MB body
    // left 22 MB behind in one run out of two).
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
    mallopt(M_ARENA_MAX, 2);
    mallopt(M_MXFAST, 0);
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("ApiLens"));
    QApplication::setOrganizationName(QStringLiteral("ApiLens"));
    QApplication::setApplicationVersion(QStringLiteral(APILENS_VERSION));
    // The application ID: the desktop entry's name, and the icon's in the theme (packaging/).
    QApplication::setDesktopFileName(QStringLiteral("io.github.apilens.ApiLens"));
    QIcon icon;
    for (const int size : {16, 32, 48, 64, 128, 256}) {
        icon.addFile(QStringLiteral(":/icons/apilens-%1.png").arg(size),
                     QSize(size, size)); // read when drawn
    }
    QApplication::setWindowIcon(icon);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("ApiLens, a native desktop API explorer."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("path"),
        QStringLiteral("A collection folder or .http file to open, or a URL to open a request to."),
        QStringLiteral("[PATH|URL]"));
    const QCommandLineOption firstPaint(
        QStringLiteral("quit-after-first-paint"),
        QStringLiteral("Benchmark: report start-up time and memory, then quit."));
    parser.addOption(firstPaint);
    const QCommandLineOption collectionLoaded(
        QStringLiteral("quit-after-collection-loaded"),
        QStringLiteral("Benchmark: report the time until the collection PATH is in the tree, then quit."));
    parser.addOption(collectionLoaded);
    const QCommandLineOption demo(
        QStringLiteral("demo"),
        QStringLiteral("Start the built-in demo API on 127.0.0.1 and open its requests."));
    parser.addOption(demo);
    const QCommandLineOption probeBody(
        QStringLiteral("probe-open-body"),
        QStringLiteral("Benchmark: show FILE as a response body, report figures, then quit."),
        QStringLiteral("FILE"));
    const QCommandLineOption probeType(QStringLiteral("content-type"),
                                       QStringLiteral("With --probe-open-body: the body's type."),
                                       QStringLiteral("TYPE"));
    const QCommandLineOption probeFind(QStringLiteral("find"),
                                       QStringLiteral("With --probe-open-body: find TEXT in Pretty."),
                                       QStringLiteral("TEXT"));
    const QCommandLineOption probeFilter(
        QStringLiteral("filter"), QStringLiteral("With --probe-open-body: filter with a JSONPath query."),
        QStringLiteral("QUERY"));
    parser.addOptions({probeBody, probeType, probeFind, probeFilter});
    parser.process(app);

    Core::HttpClient client;
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
    Ui::Workspace workspace(&catalog, &settings);
    // The theme of the preferences, now and when it changes.
    Ui::Theme theme;
    theme.apply(workspace.config()->get(Core::Config::Theme).toString());
    QObject::connect(workspace.config(), &Core::Config::changed, &workspace,
                     [&theme, &workspace](Core::Config::Key key) {
                         if (key == Core::Config::Theme) {
                             theme.apply(workspace.config()->get(key).toString());
                         }
                     });
    // Folders whose scripts the user trusted, asked once per folder.
    workspace.setTrustStore(Core::FolderTrust::defaultStorePath());
    Ui::MainWindow window(&client, &workspace, &settings);
    window.setHistory(&history);
    const QString demoFolder = dataDir + QStringLiteral("/demo-collection");
    window.setDemoFolder(demoFolder);
    // Every tab, saved or not, is in the session journal: after a quit, a logout or a crash it
    // comes back as it was.
    window.setSessionJournal(dataDir + QStringLiteral("/session.json"));
    const int restored = window.restoreSession();
    QObject::connect(&app, &QGuiApplication::commitDataRequest, &window,
                     [&window] { window.writeSession(); });
    QObject::connect(&app, &QCoreApplication::aboutToQuit, &window, [&window] { window.writeSession(); });
    Core::quitOnSignals(&app, [&window] {
        window.close(); // writes the session and the window's state, as a quit does
        QCoreApplication::quit();
    });
    const QString argument = parser.positionalArguments().value(0);
    // Collections open last time come back, unless a path was asked for.
    if (argument.isEmpty()) {
        for (const QString &root : settings.value(QStringLiteral("collections/open")).toStringList()) {
            if (QFileInfo(root).isDir()) {
                window.openCollection(root);
            }
        }
    }

    // Requests to open (and maybe send) once their collection has been read.
    struct Pending
    {
        QString root;
        QList<Core::RequestLocation> requests;
        bool send = false;
    };
    auto pending = std::make_shared<Pending>();
    QObject::connect(window.collectionPane(), &Ui::CollectionPane::collectionLoaded, &window,
                     [&window, pending](const QString &root) {
                         if (root != pending->root) {
                             return;
                         }
                         const QList<Core::RequestLocation> requests = std::exchange(pending->requests, {});
                         pending->root.clear();
                         for (const Core::RequestLocation &where : requests) {
                             window.openRequest(where, pending->send);
                         }
                     });

    Demo::DemoServer demoServer;
    if (parser.isSet(demo)) {
        // The usual port, so the demo collection keeps working with `apilens-cli demo` too;
        // another one when it is taken (the collection's environment follows).
        if (demoServer.start(Demo::DemoServer::defaultPort()) == 0 && demoServer.start(0) == 0) {
            std::fprintf(stderr, "apilens: cannot start the demo API on 127.0.0.1\n");
            return 1;
        }
        // The demo collection is a folder of .http files like any other, in the app's data folder.
        const QString &folder = demoFolder;
        QString error;
        if (!demoServer.writeCollection(folder, &error)) {
            std::fprintf(stderr, "apilens: cannot write the demo collection: %s\n", qPrintable(error));
            return 1;
        }
        const QString root = QFileInfo(folder).absoluteFilePath();
        // A success, and an error from each of three seed vendors — on a first start; after
        // that the tabs of the last session are back and stay as they were.
        pending->root = restored > 0 ? QString() : root;
        pending->send = true;
        pending->requests = {
            {root + QStringLiteral("/basics.http"), QStringLiteral("Get a user"), 0},
            {root + QStringLiteral("/extole.http"), QStringLiteral("Send an event without a token"), 0},
            {root + QStringLiteral("/numeric-codes.http"), QStringLiteral("Profile with a bad token"), 0},
            {root + QStringLiteral("/netilion.http"), QStringLiteral("Change a serial number"), 0}};
        window.openCollection(folder);
        window.statusBar()->showMessage(
            QObject::tr("Demo API on %1 — its requests are in the Collections tree (environment “demo”)")
                .arg(demoServer.baseUrl().toString()));
    } else if (!argument.isEmpty() && QFileInfo(argument).isDir()) {
        window.openCollection(argument);
    } else if (!argument.isEmpty() && QFileInfo(argument).isFile() &&
               !Core::Collection::isRequestFile(QFileInfo(argument).fileName())) {
        window.importFile(argument); // a HAR file or a curl command: the import dialog
    } else if (!argument.isEmpty() && QFileInfo(argument).isFile()) {
        // A .http file: its folder is the collection; its requests open in tabs.
        const QFileInfo file(argument);
        QFile in(file.absoluteFilePath());
        if (in.open(QIODevice::ReadOnly)) {
            pending->root = file.absolutePath();
            for (const Core::HttpRequestBlock &block : Core::HttpDocument::parse(in.readAll()).requests()) {
                pending->requests.append({file.absoluteFilePath(), block.name, block.requestLine});
            }
        }
        window.openCollection(file.absolutePath());
    } else if (restored == 0) {
        Core::RequestSpec spec = window.blankRequest();
        spec.url = argument;
        window.newTab(spec);
    }
    if (restored > 0 && window.statusBar()->currentMessage().isEmpty()) {
        window.statusBar()->showMessage(restored == 1
                                            ? QObject::tr("1 tab from the last session")
                                            : QObject::tr("%1 tabs from the last session").arg(restored),
                                        6000);
    }
    if (window.tabWidget()->count() == 0 && pending->requests.isEmpty()) {
        window.newTab();
    }
    if (parser.isSet(collectionLoaded)) {
        QObject::connect(window.collectionPane(), &Ui::CollectionPane::collectionLoaded, &window,
                         [](const QString &, int requests, double scanMs) {
                             // Queued: after the tree has taken the new model and painted.
                             QTimer::singleShot(0, qApp, [requests, scanMs] {
                                 const auto [ms, peak] = sinceStartAndPeakRss();
                                 std::printf("collection_loaded_ms=%.1f read_and_model_ms=%.1f requests=%d "
                                             "peak_rss_kb=%s\n",
                                             ms, scanMs, requests, peak.constData());
                                 std::fflush(stdout);
                                 QCoreApplication::quit();
                             });
                         });
    }
    if (parser.isSet(firstPaint)) {
        new FirstPaintProbe(&window);
    }
    window.show();
    if (parser.isSet(probeBody)) {
        auto *probe =
            new BodyProbe(&window, {parser.value(probeBody), parser.value(probeType), parser.value(probeFind),
                                    parser.value(probeFilter), client.memoryThreshold()});
        QTimer::singleShot(500, probe, &BodyProbe::start); // the idle window first
    }
    return app.exec();
}
