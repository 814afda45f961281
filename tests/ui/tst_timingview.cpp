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

static Core::Timings timings(double connect, double tls, double sent, double first, double done)
{
    Core::Timings t;
    t.connectStartMs = connect;
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
    QTest::newRow("new plain connection")
        << timings(1, -1, 3, 50, 60)
        << QStringList{QStringLiteral("Queued"), QStringLiteral("Connect"), QStringLiteral("Wait for server"),
                       QStringLiteral("Download")};
    QTest::newRow("tls") << timings(1, 20, 21, 50, 60)
                         << QStringList{QStringLiteral("Queued"), QStringLiteral("Connect + TLS"),
                                        QStringLiteral("Send"), QStringLiteral("Wait for server"),
                                        QStringLiteral("Download")};
    QTest::newRow("reused connection")
        << timings(-1, -1, 2, 30, 31)
        << QStringList{QStringLiteral("Send"), QStringLiteral("Wait for server"), QStringLiteral("Download")};
    QTest::newRow("refused: nothing sent")
        << timings(1, -1, -1, -1, 2) << QStringList{QStringLiteral("Queued"), QStringLiteral("Connect")};
    QTest::newRow("timed out waiting") << timings(1, -1, 3, -1, 300)
                                       << QStringList{QStringLiteral("Queued"), QStringLiteral("Connect"),
                                                      QStringLiteral("Wait for server")};
    QTest::newRow("not sent at all") << timings(-1, -1, -1, -1, -1) << QStringList{};
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
