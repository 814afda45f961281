#pragma once

#include "http/responsebody.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>

namespace ApiLens::Ui {
class MainWindow;
class RequestTab;
} // namespace ApiLens::Ui

class QFile;

// A figure of /proc/self/status ("VmRSS:", "VmHWM:"…) in kB; -1 when it cannot be read.
qint64 statusKb(const char *key);

// --probe-open-body FILE (benchmarks): FILE arrives in a new tab as a response body would (in
// pieces, through the event loop, spilled to disk past the client's threshold); Pretty is
// built and indexed, then an optional find and filter run and the view scrolls to the end.
// Prints one line of key=value figures and quits:
//   received_ms        until the last piece has arrived (the download, as the probe plays it)
//   body_ready_ms      until Pretty's first screen is shown and its whole index is built
//                      (from the first piece: body_ready_ms - received_ms is what the viewer
//                      took once the body was in)
//   longest_stall_ms   the longest gap of a 5 ms heartbeat on the GUI thread, over the run
//   lines, matches, find_ms, filter_ms, peak_rss_kb
//   idle_rss_kb, open_rss_kb, closed_rss_kb   before, with the tab open, after it closed
class BodyProbe : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString file;
        QString contentType; // from the file name when empty
        QString find;
        QString filter;
        qint64 memoryThreshold = 0; // past it the body spills to a file, as the client's does
    };
    BodyProbe(ApiLens::Ui::MainWindow *window, Options options);
    ~BodyProbe() override;
    void start();

private:
    void feed();
    void received();
    void bodyShown();
    void runFind();
    void runFilter();
    void scrollToEnd();
    void measureOpen();
    void closeTab();
    void report();
    void fail(const QString &why);
    void beat();

    ApiLens::Ui::MainWindow *m_window;
    Options m_options;
    ApiLens::Ui::RequestTab *m_tab = nullptr;
    std::unique_ptr<QFile> m_in;
    std::unique_ptr<ApiLens::Core::ResponseBody::Writer> m_writer;
    QTimer m_heartbeat;
    QElapsedTimer m_clock;
    qint64 m_lastBeat = 0;
    qint64 m_longestStall = 0;
    double m_receivedMs = -1;
    double m_readyMs = -1;
    double m_findMs = -1;
    double m_filterMs = -1;
    qint64 m_matches = -1;
    qint64 m_lines = 0;
    qint64 m_idleRss = 0;
    qint64 m_openRss = 0;
};
