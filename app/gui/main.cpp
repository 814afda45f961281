#include "mainwindow.h"

#include "http/httpclient.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QEvent>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QSettings>

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
    parser.process(app);

    QNetworkProxyFactory::setUseSystemConfiguration(true);
    QNetworkAccessManager manager;
    Core::HttpClient client(&manager);
    QSettings settings;

    Ui::MainWindow window(&client, &settings);
    Core::RequestSpec spec;
    spec.url =
        parser.positionalArguments().value(0, QStringLiteral("https://httpbin.org/anything?hello=world"));
    window.newTab(spec);
    if (parser.isSet(firstPaint)) {
        new FirstPaintProbe(&window);
    }
    window.show();
    return app.exec();
}
