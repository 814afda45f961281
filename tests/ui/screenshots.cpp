// Renders the README screenshots from real exchanges with the built-in demo API, so they
// stay current: scripts/screenshots.sh runs this under Xvfb. `--dark` checks the dark hues.
#include "collectionpane.h"
#include "defaultheadersview.h"
#include "demoserver.h"
#include "environmenteditor.h"
#include "errorinspector.h"
#include "historypane.h"
#include "importdialog.h"
#include "mainwindow.h"
#include "requesteditor.h"
#include "requesttab.h"
#include "responseview.h"
#include "saverequestdialog.h"
#include "statusstyle.h"
#include "workspace.h"

#include "catalog/catalog.h"
#include "collections/collection.h"
#include "history/historyservice.h"
#include "http/httpclient.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QEventLoop>
#include <QLineEdit>
#include <QListView>
#include <QNetworkProxy>
#include <QPalette>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeView>

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
    QApplication::setPalette(Ui::themePalette(true));
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
    Core::HttpClient client;
    Core::Catalog catalog;
    QStringList errors;
    catalog.loadBuiltin(&errors);
    Core::HistoryService history;
    history.open(settingsDir.filePath(QStringLiteral("history.sqlite")));
    Ui::Workspace workspace(&catalog, &settings);
    Ui::MainWindow window(&client, &workspace, &settings);
    window.setHistory(&history);
    window.resize(1440, 880);
    window.show();

    // The demo collection, as `apilens --demo` opens it.
    const QString collection = settingsDir.filePath(QStringLiteral("demo-collection"));
    QString error;
    if (!demo.writeCollection(collection, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    QSignalSpy loaded(window.collectionPane(), &Ui::CollectionPane::collectionLoaded);
    window.openCollection(collection);
    loaded.wait(10000);
    QHash<QString, Core::RequestLocation> locations;
    const Core::Collection scanned = Core::Collection::scan(collection);
    for (const Core::CollectionFile &file : scanned.files()) {
        for (const Core::CollectionRequest &request : file.requests) {
            locations.insert(request.name, {scanned.root() + QLatin1Char('/') + file.path, request.name, 0});
        }
    }

    const auto save = [&](QWidget *widget, const QString &file) {
        const QString path = QDir(outDir).filePath(dark ? QStringLiteral("dark-") + file : file);
        if (!widget->grab().save(path)) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
            return false;
        }
        std::printf("%s\n", qPrintable(path));
        return true;
    };

    struct Shot
    {
        QString file;    // empty: sent for the tree's markers only
        QString request; // a demo request's name, or "refused"
        int responseTab = 0;
        QString vendor; // an API catalog chosen in the inspector
        int editorTab = 0;
    };
    const QList<Shot> shots = {
        {QStringLiteral("response-2xx.png"), QStringLiteral("Get a user"), 0, QString()},
        {QStringLiteral("netilion-409.png"), QStringLiteral("Change a serial number"), 0, QString()},
        {QStringLiteral("extole-403.png"), QStringLiteral("Send an event without a token"), 0, QString()},
        {QStringLiteral("numeric-code-7.png"), QStringLiteral("Profile with a bad token"), 0, QString()},
        {QStringLiteral("collection-catalog-42.png"), QStringLiteral("Order a sold-out item"), 0, QString()},
        {QStringLiteral("extole-429-retry.png"), QStringLiteral("Rate-limited profile"), 0, QString()},
        {QStringLiteral("exto-413.png"), QStringLiteral("Upload a record"), 0, QStringLiteral("exto")},
        {QStringLiteral("response-5xx.png"), QStringLiteral("Cloudflare timeout"), 0, QString()},
        {QStringLiteral("timing.png"), QStringLiteral("Slow report"), 3, QString()},
        {QString(), QStringLiteral("Send an event with a token"), 0, QString()},
        {QString(), QStringLiteral("Stripe card declined"), 0, QString()},
        {QString(), QStringLiteral("nginx bad gateway"), 0, QString()},
        {QString(), QStringLiteral("JSON:API validation"), 0, QString()},
        {QStringLiteral("sent.png"), QStringLiteral("Change a serial number"), 4, QString(), 1},
        {QStringLiteral("transport-failure.png"), QStringLiteral("refused"), 0, QString()},
    };
    for (const Shot &shot : shots) {
        Ui::RequestTab *tab = nullptr;
        if (shot.request == QLatin1String("refused")) {
            Core::RequestSpec spec;
            spec.url = QStringLiteral("http://127.0.0.1:1/v1/health");
            spec.name = QStringLiteral("Health check");
            tab = window.newTab(spec);
        } else {
            tab = window.openRequest(locations.value(shot.request));
        }
        if (!tab) {
            std::fprintf(stderr, "no demo request named %s\n", qPrintable(shot.request));
            return 1;
        }
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
        tab->editor()->tabs()->setCurrentIndex(shot.editorTab);
        if (shot.editorTab == 1) { // the request's headers and the defaults under them, both in view
            tab->splitter()->setSizes({360, 440});
            tab->editor()->defaultHeaders()->setExpanded(true);
        }
        if (!shot.vendor.isEmpty()) {
            QComboBox *choice = tab->response()->inspector()->vendorChoice();
            choice->setCurrentIndex(choice->findData(shot.vendor));
            Q_EMIT choice->activated(choice->currentIndex());
        }
        settle(400);
        if (!shot.file.isEmpty() && !save(&window, shot.file)) {
            return 1;
        }
    }

    // A curl command pasted into the URL field, with what it could not carry over.
    {
        Ui::RequestTab *pasted = window.newTab();
        pasted->editor()->importCurl(
            QStringLiteral(
                "curl 'http://127.0.0.1:%1/numeric/orders' \\\n  -H 'Content-Type: application/json' \\\n"
                "  -H 'Accept: application/json' \\\n  --data-raw '{\"item\": \"lens-cap\", \"quantity\": "
                "1}' \\\n"
                "  --cert client.pem --compressed")
                .arg(demo.port()));
        pasted->editor()->tabs()->setCurrentIndex(2);
        QSignalSpy analysed(pasted->response(), &Ui::ResponseView::analysisReady);
        pasted->send();
        analysed.wait(10000);
        settle(400);
        if (!save(&window, QStringLiteral("curl-paste.png"))) {
            return 1;
        }
        // Saving it asks where, the open collection preselected.
        Ui::SaveRequestDialog where(
            QStringLiteral("Order a lens cap"), {scanned.root()}, scanned.root(),
            [&](const QString &root) { return workspace.requestFiles(root); }, &window);
        where.show();
        settle(300);
        if (!save(&where, QStringLiteral("save-request.png"))) {
            return 1;
        }
        where.close();
    }

    // History: a 422 found by its status code and reopened with its response, not resent.
    {
        Ui::HistoryPane *pane = window.historyPane();
        QSignalSpy refreshed(pane, &Ui::HistoryPane::refreshed);
        pane->filterEdit()->setText(QStringLiteral("422"));
        refreshed.wait(5000);
        if (pane->model()->rowCount() == 0) {
            std::fprintf(stderr, "the history has no 422\n");
            return 1;
        }
        QSignalSpy reopened(&history, &Core::HistoryService::loaded);
        Q_EMIT pane->entryActivated(pane->model()->index(0).data(Ui::HistoryModel::IdRole).toLongLong());
        reopened.wait(5000);
        Ui::RequestTab *tab = window.currentTab();
        QSignalSpy analysed(tab->response(), &Ui::ResponseView::analysisReady);
        if (analysed.isEmpty()) {
            analysed.wait(5000);
        }
        pane->view()->setCurrentIndex(pane->model()->index(0));
        settle(400);
        if (!save(&window, QStringLiteral("history-reopen.png"))) {
            return 1;
        }
        pane->filterEdit()->clear();
    }

    // The tree with every file open, showing the last status of what ran.
    window.openRequest(locations.value(QStringLiteral("Get a user")));
    window.collectionPane()->view()->expandAll();
    settle(300);
    if (!save(&window, QStringLiteral("collection.png"))) {
        return 1;
    }
    Ui::EnvironmentEditor editor(scanned.root(), Core::Environments::load(scanned.root(), &errors),
                                 QStringLiteral("demo"), &window);
    editor.show();
    settle(300);
    if (!save(&editor, QStringLiteral("environments.png"))) {
        return 1;
    }
    editor.close();
    // The import preview of a Postman collection.
    Ui::ImportDialog import(QStringLiteral(APILENS_TEST_DATA_DIR "/interop/shop.postman_collection.json"),
                            {scanned.root()}, &window);
    QSignalSpy previewed(&import, &Ui::ImportDialog::loaded);
    import.show();
    previewed.wait(10000);
    settle(300);
    if (!save(&import, QStringLiteral("import.png"))) {
        return 1;
    }
    import.close();
    // The import preview of an OpenAPI description: requests, environments, documented responses.
    Ui::ImportDialog openApi(QStringLiteral(APILENS_TEST_DATA_DIR "/interop/openapi/shop.yaml"),
                             {scanned.root()}, &window);
    QSignalSpy openApiPreviewed(&openApi, &Ui::ImportDialog::loaded);
    openApi.show();
    openApiPreviewed.wait(10000);
    settle(300);
    return save(&openApi, QStringLiteral("openapi-import.png")) ? 0 : 1;
}
