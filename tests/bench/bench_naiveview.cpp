// The naive way to show a JSON body in a Qt window, for the ratio beside
// `apilens --probe-open-body`: QJsonDocument parses it, toJson(Indented) formats it, a
// QPlainTextEdit takes the whole text and paints its first screen. Everything happens on the
// GUI thread, so the time to the first paint is also the longest stall. Figures only.
//   bench_naiveview FILE  ->  naive_ready_ms=… idle_rss_kb=… peak_rss_kb=…
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QPlainTextEdit>
#include <QTimer>

#include <cstdio>
#include <sys/resource.h>

namespace {

long peakRssKb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

// The editor's first paint after its text is set.
class PaintSpy : public QObject
{
public:
    bool painted = false;
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint) {
            painted = true;
        }
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_naiveview FILE.json\n");
        return 2;
    }
    QPlainTextEdit edit;
    edit.setReadOnly(true);
    edit.resize(1200, 800);
    edit.show();
    QApplication::processEvents();
    const long idle = peakRssKb();
    QFile file(QString::fromLocal8Bit(argv[1]));
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", argv[1]);
        return 1;
    }
    QElapsedTimer timer;
    timer.start();
    const QByteArray bytes = file.readAll();
    const QString text = QString::fromUtf8(QJsonDocument::fromJson(bytes).toJson(QJsonDocument::Indented));
    PaintSpy spy;
    edit.viewport()->installEventFilter(&spy);
    edit.setPlainText(text);
    while (!spy.painted) {
        QApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    std::printf("naive_ready_ms=%.0f idle_rss_kb=%ld peak_rss_kb=%ld\n", timer.nsecsElapsed() / 1e6, idle,
                peakRssKb());
    return 0;
}
