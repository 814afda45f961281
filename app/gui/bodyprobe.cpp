#include "bodyprobe.h"

#include "bodyviewer.h"
#include "findbar.h"
#include "jsonfilterbar.h"
#include "mainwindow.h"
#include "requesttab.h"
#include "responseview.h"

#include "http/exchange.h"
#include "http/responsebody.h"

#include <QApplication>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMimeDatabase>
#include <QScrollBar>
#include <QTabWidget>
#include <QUrl>

#include <cstdio>
#include <malloc.h>

using namespace ApiLens;

qint64 statusKb(const char *key)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(key)) {
            return line.mid(qsizetype(qstrlen(key))).trimmed().split(' ').value(0).toLongLong();
        }
    }
    return -1;
}

namespace {

constexpr qint64 PieceBytes = 256 * 1024; // about what a socket read hands over

} // namespace

BodyProbe::BodyProbe(Ui::MainWindow *window, Options options)
    : QObject(window)
    , m_window(window)
    , m_options(std::move(options))
{
    m_heartbeat.setTimerType(Qt::PreciseTimer);
    m_heartbeat.setInterval(5);
    connect(&m_heartbeat, &QTimer::timeout, this, &BodyProbe::beat);
}

BodyProbe::~BodyProbe() = default;

void BodyProbe::beat()
{
    const qint64 now = m_clock.elapsed();
    m_longestStall = std::max(m_longestStall, now - m_lastBeat);
    m_lastBeat = now;
}

void BodyProbe::fail(const QString &why)
{
    std::fprintf(stderr, "apilens: --probe-open-body: %s\n", qPrintable(why));
    QApplication::exit(1);
}

void BodyProbe::start()
{
    m_in = std::make_unique<QFile>(m_options.file);
    if (!m_in->open(QIODevice::ReadOnly)) {
        fail(QStringLiteral("cannot read %1: %2").arg(m_options.file, m_in->errorString()));
        return;
    }
    if (m_options.contentType.isEmpty()) {
        m_options.contentType =
            QMimeDatabase().mimeTypeForFile(m_options.file, QMimeDatabase::MatchExtension).name();
    }
    // The idle window has the tab the body goes to, shown and painted.
    m_tab = m_window->newTab();
    QTimer::singleShot(300, this, [this] {
        malloc_trim(0);
        m_idleRss = statusKb("VmRSS:");
        m_writer = std::make_unique<Core::ResponseBody::Writer>(m_options.memoryThreshold);
        m_clock.start();
        m_heartbeat.start();
        m_tab->response()->showPending(m_options.file);
        QMetaObject::invokeMethod(this, &BodyProbe::feed, Qt::QueuedConnection);
    });
}

// One piece per turn of the event loop, as the client appends what a socket read gave it.
void BodyProbe::feed()
{
    const QByteArray piece = m_in->read(PieceBytes);
    QString error;
    if (!piece.isEmpty() && !m_writer->append(piece, &error)) {
        fail(error);
        return;
    }
    if (piece.size() == PieceBytes) {
        m_tab->response()->updateProgress(double(m_clock.elapsed()), m_writer->size());
        QMetaObject::invokeMethod(this, &BodyProbe::feed, Qt::QueuedConnection);
        return;
    }
    received();
}

void BodyProbe::received()
{
    m_receivedMs = double(m_clock.elapsed());
    Core::Exchange exchange;
    exchange.request.method = "GET";
    exchange.request.url = QUrl::fromLocalFile(QFileInfo(m_options.file).absoluteFilePath());
    exchange.status = 200;
    exchange.reason = "OK";
    exchange.httpVersion = QStringLiteral("HTTP/1.1");
    exchange.body = m_writer->finish();
    exchange.headers = {{"Content-Type", m_options.contentType.toLatin1()},
                        {"Content-Length", QByteArray::number(exchange.body.size())}};
    m_writer.reset();
    m_in.reset();
    Ui::ResponseView *view = m_tab->response();
    connect(
        view, &Ui::ResponseView::prettyReady, this,
        [this] {
            // Shown once the frame with it has been painted.
            QMetaObject::invokeMethod(this, &BodyProbe::bodyShown, Qt::QueuedConnection);
        },
        Qt::SingleShotConnection);
    view->showExchange(exchange);
}

void BodyProbe::bodyShown()
{
    Ui::ResponseView *view = m_tab->response();
    view->prettyView()->repaint();
    m_readyMs = double(m_clock.elapsed());
    m_lines = view->prettyView()->lineCount();
    runFind();
}

void BodyProbe::runFind()
{
    if (m_options.find.isEmpty()) {
        runFilter();
        return;
    }
    Ui::ResponseView *view = m_tab->response();
    const qint64 started = m_clock.elapsed();
    connect(
        view, &Ui::ResponseView::findFinished, this,
        [this, started](qint64 count) {
            m_findMs = double(m_clock.elapsed() - started);
            m_matches = count;
            QMetaObject::invokeMethod(this, &BodyProbe::runFilter, Qt::QueuedConnection);
        },
        Qt::SingleShotConnection);
    view->showFind();
    view->findBar()->edit()->setText(m_options.find);
}

void BodyProbe::runFilter()
{
    if (m_options.filter.isEmpty()) {
        scrollToEnd();
        return;
    }
    Ui::ResponseView *view = m_tab->response();
    const qint64 started = m_clock.elapsed();
    connect(
        view, &Ui::ResponseView::filterReady, this,
        [this, started] {
            m_filterMs = double(m_clock.elapsed() - started);
            if (!m_tab->response()->filterBar()->status()->text().isEmpty()) {
                std::fprintf(stderr, "apilens: filter: %s\n",
                             qPrintable(m_tab->response()->filterBar()->status()->text()));
            }
            QMetaObject::invokeMethod(this, &BodyProbe::scrollToEnd, Qt::QueuedConnection);
        },
        Qt::SingleShotConnection);
    view->setFilter(m_options.filter);
}

// The end of the body (Pretty, then Raw), painted, as a person pressing Ctrl+End would see it.
void BodyProbe::scrollToEnd()
{
    Ui::ResponseView *view = m_tab->response();
    for (Ui::BodyViewer *viewer : {view->prettyView(), view->rawView()}) {
        view->tabs()->setCurrentWidget(viewer->parentWidget());
        viewer->verticalScrollBar()->setValue(viewer->verticalScrollBar()->maximum());
        viewer->repaint();
    }
    QTimer::singleShot(500, this, &BodyProbe::measureOpen);
}

void BodyProbe::measureOpen()
{
    malloc_trim(0);
    m_openRss = statusKb("VmRSS:");
    m_lastBeat = m_clock.elapsed(); // the measuring is not a stall of the window's
    QMetaObject::invokeMethod(this, &BodyProbe::closeTab, Qt::QueuedConnection);
}

void BodyProbe::closeTab()
{
    m_window->closeTab(m_window->tabWidget()->indexOf(m_tab));
    m_tab = nullptr;
    // Deleted later, its workers done: then what the process holds is measured.
    QTimer::singleShot(300, this, &BodyProbe::report);
}

void BodyProbe::report()
{
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    beat();
    m_heartbeat.stop();
    malloc_trim(0);
    const qint64 closed = statusKb("VmRSS:");
    std::printf("received_ms=%.1f body_ready_ms=%.1f longest_stall_ms=%lld lines=%lld matches=%lld "
                "find_ms=%.1f filter_ms=%.1f "
                "peak_rss_kb=%lld idle_rss_kb=%lld open_rss_kb=%lld closed_rss_kb=%lld\n",
                m_receivedMs, m_readyMs, static_cast<long long>(m_longestStall),
                static_cast<long long>(m_lines), static_cast<long long>(m_matches), m_findMs, m_filterMs,
                static_cast<long long>(statusKb("VmHWM:")), static_cast<long long>(m_idleRss),
                static_cast<long long>(m_openRss), static_cast<long long>(closed));
    std::fflush(stdout);
    QCoreApplication::quit();
}
