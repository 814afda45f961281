#include "timingview.h"

#include <QTest>

using namespace ApiLens;
using namespace ApiLens::Ui;

class tst_TimingView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void phases_data();
    void phases();
};

static Core::Timings timings(double connect, double resolved, double connected, double tls, double sent,
                             double first, double done, double lastHop = 0)
{
    Core::Timings t;
    t.lastHopMs = lastHop;
    t.connectStartMs = connect;
    t.resolvedMs = resolved;
    t.connectedMs = connected;
    t.encryptedMs = tls;
    t.requestSentMs = sent;
    t.firstByteMs = first;
    t.finishedMs = done;
    return t;
}

void tst_TimingView::phases_data()
{
    QTest::addColumn<Core::Timings>("timings");
    QTest::addColumn<QStringList>("names");
    const QString queued = QStringLiteral("Queued"), dns = QStringLiteral("DNS"),
                  connect = QStringLiteral("Connect"), tls = QStringLiteral("TLS"),
                  send = QStringLiteral("Send"), wait = QStringLiteral("Wait for server"),
                  download = QStringLiteral("Download");
    QTest::newRow("new plain connection")
        << timings(1, 1.5, 2, -1, 3, 50, 60) << QStringList{queued, dns, connect, send, wait, download};
    QTest::newRow("tls") << timings(1, 2, 5, 20, 21, 50, 60)
                         << QStringList{queued, dns, connect, tls, send, wait, download};
    QTest::newRow("an address, no lookup")
        << timings(1, -1, 2, -1, 3, 50, 60) << QStringList{queued, connect, send, wait, download};
    QTest::newRow("reused connection")
        << timings(-1, -1, -1, -1, 2, 30, 31) << QStringList{send, wait, download};
    QTest::newRow("after two redirects") << timings(-1, -1, -1, -1, 42, 50, 51, 40)
                                         << QStringList{QStringLiteral("Redirects"), send, wait, download};
    QTest::newRow("refused: nothing sent")
        << timings(1, 1.2, -1, -1, -1, -1, 2) << QStringList{queued, dns, connect};
    QTest::newRow("TLS handshake failed")
        << timings(1, 1.2, 1.5, -1, -1, -1, 9) << QStringList{queued, dns, connect, tls};
    QTest::newRow("timed out waiting")
        << timings(1, -1, 2, -1, 3, -1, 300) << QStringList{queued, connect, send, wait};
    QTest::newRow("not sent at all") << timings(-1, -1, -1, -1, -1, -1, -1) << QStringList{};
}

void tst_TimingView::phases()
{
    QFETCH(Core::Timings, timings);
    QFETCH(QStringList, names);
    const auto phases = TimingView::phasesOf(timings);
    QStringList actual;
    double previousEnd = 0;
    for (const auto &phase : phases) {
        actual.append(phase.name);
        QCOMPARE(phase.startMs, previousEnd); // contiguous
        QVERIFY(phase.endMs >= phase.startMs);
        previousEnd = phase.endMs;
    }
    QCOMPARE(actual, names);
    TimingView view;
    view.setTimings(timings);
    view.resize(600, 300);
    QVERIFY(!view.grab().isNull());
}

QTEST_MAIN(tst_TimingView)
#include "tst_timingview.moc"
