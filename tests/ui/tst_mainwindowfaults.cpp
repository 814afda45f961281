#include "bodyviewer.h"
#include "mainwindow.h"
#include "requesteditor.h"
#include "requesttab.h"
#include "responseview.h"
#include "statusbadge.h"
#include "workspace.h"

#include "catalog/catalog.h"
#include "http/httpclient.h"

#include "faultcases.h"
#include "faultrequest.h"
#include "peers.h"

#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace ApiLens;
using namespace ApiLens::Test;
using namespace ApiLens::Ui;

Q_DECLARE_METATYPE(ApiLens::Test::FaultCase)

namespace {

Core::TransportError errorOfId(const QString &id)
{
    for (int k = 0; k <= int(Core::TransportError::Other); ++k) {
        if (Core::transportErrorId(Core::TransportError(k)) == id) {
            return Core::TransportError(k);
        }
    }
    return Core::TransportError::None;
}

} // namespace

// The fault suite in the window: every case of tests/support/faultcases.h typed into a tab
// and sent, with the window's own client. Each failure gets its page (the kind's title, the
// message, what to try), each response its badge; the drip is cancelled with Esc; the body
// limit is the one Response › Largest Response Body… sets; verification off shows.
class tst_MainWindowFaults : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void faults_data();
    void faults();

private:
    QTemporaryDir m_dir;
    FaultServers *m_servers = nullptr;
    Core::Catalog *m_catalog = nullptr;
    Core::HttpClient *m_client = nullptr;
    QSettings *m_settings = nullptr;
    Workspace *m_workspace = nullptr;
    MainWindow *m_window = nullptr;
};

void tst_MainWindowFaults::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    APILENS_REQUIRE_PEER(QSslSocket::supportsSsl(), "This Qt has no TLS backend");
    APILENS_REQUIRE_PEER(TestCertificates::opensslAvailable(),
                         "openssl is missing (apt-get install openssl)");
    m_servers = new FaultServers;
    m_catalog = new Core::Catalog;
    QStringList errors;
    QVERIFY(m_catalog->loadBuiltin(&errors));
}

void tst_MainWindowFaults::cleanupTestCase()
{
    delete m_catalog;
    delete m_servers;
}

void tst_MainWindowFaults::init()
{
    m_client = new Core::HttpClient;
    m_settings = new QSettings(m_dir.filePath(QStringLiteral("apilens.ini")), QSettings::IniFormat);
    m_workspace = new Workspace(m_catalog, m_settings);
    m_window = new MainWindow(m_client, m_workspace, m_settings);
    m_window->newTab();
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window));
}

void tst_MainWindowFaults::cleanup()
{
    delete m_window;
    delete m_workspace;
    delete m_client;
    delete m_settings;
}

void tst_MainWindowFaults::faults_data()
{
    QTest::addColumn<FaultCase>("fault");
    for (const FaultCase &fault : faultCases()) {
        QTest::newRow(fault.name) << fault;
    }
}

void tst_MainWindowFaults::faults()
{
    QFETCH(FaultCase, fault);
    QString error;
    const QString url = m_servers->url(fault, &error);
    QVERIFY2(!url.isEmpty(), qPrintable(error));
    const Core::RequestSpec spec = faultRequest(fault, url);
    if (fault.maxBodyBytes > 0) { // what the Largest Response Body setting does
        m_client->setMaxBodyBytes(fault.maxBodyBytes);
    }
    RequestTab *tab = m_window->currentTab();
    tab->editor()->setSpec(spec);
    ResponseView *view = tab->response();
    tab->send();
    if (fault.cancelAfterMs >= 0) {
        QTest::qWait(fault.cancelAfterMs);
        QCOMPARE(view->page(), ResponseView::Page::Pending);
        tab->response()->setFocus();
        QTest::keyClick(m_window, Qt::Key_Escape); // Request › Cancel
    }
    QTRY_VERIFY_WITH_TIMEOUT(view->page() == ResponseView::Page::Failure ||
                                 view->page() == ResponseView::Page::Response,
                             fault.timeoutMs + 10000);
    const QString said = view->failureTitle()->text() + QStringLiteral(": ") +
                         view->failureMessage()->text() + QStringLiteral(" | ") +
                         view->summaryLabel()->text();
    if (fault.kind.isEmpty()) {
        QVERIFY2(view->page() == ResponseView::Page::Response, qPrintable(said));
        QVERIFY2(view->badge()->text().contains(QStringLiteral(" %1 ").arg(fault.status)),
                 qPrintable(view->badge()->text()));
        if (fault.headerCount >= 0) {
            QCOMPARE(view->headersTable()->rowCount(), fault.headerCount);
        }
        // The body is shown as it came, whatever it holds (10 MB on a line, 100,000 levels).
        QTRY_VERIFY_WITH_TIMEOUT(view->rawView()->lineCount() > 0 || view->body().size() == 0, 20000);
        QVERIFY2(!view->incompleteLabel()->isVisible(), qPrintable(said));
    } else {
        const Core::TransportError kind = errorOfId(fault.kind);
        QVERIFY2(kind != Core::TransportError::None, qPrintable(fault.kind));
        if (view->page() == ResponseView::Page::Failure) {
            // Nothing came: the kind is the page's title, under it what happened and what to try.
            QCOMPARE(view->failureTitle()->text(), Core::transportErrorTitle(kind));
            QCOMPARE(view->failureHint()->text(), transportHint(kind));
            QVERIFY2(view->failureMessage()->text().contains(fault.message), qPrintable(said));
        } else {
            // The head came, then the failure (a body cut off, too large, cancelled): the
            // response is shown as far as it came, the kind and message beside its size.
            QVERIFY2(view->page() == ResponseView::Page::Response, qPrintable(said));
            const QString incomplete = view->incompleteLabel()->text();
            QVERIFY(view->incompleteLabel()->isVisible());
            QVERIFY2(incomplete.startsWith(QStringLiteral("⚠ ") + Core::transportErrorTitle(kind)) &&
                         incomplete.contains(fault.message),
                     qPrintable(said));
        }
    }
    // Verification off is said on the response itself, not only in the settings.
    QCOMPARE(view->tlsOffLabel()->isVisible(), !fault.verifyTls); // every such case is https
    QVERIFY(m_window->isVisible());                               // and the window goes on
}

QTEST_MAIN(tst_MainWindowFaults)
#include "tst_mainwindowfaults.moc"
