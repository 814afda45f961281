// Saving never leaves a torn file: a process killed with SIGKILL in the middle of saves leaves
// the old bytes or the new ones (this test binary, run as a child, saves two 8 MB versions of
// one file in a loop and is killed at 24 moments).

#include "util/fileutil.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <cstdio>

using namespace ApiLens::Core;

namespace {

constexpr qsizetype VersionBytes = 8 * 1024 * 1024;

QByteArray version(char fill)
{
    return QByteArray(VersionBytes, fill);
}

} // namespace

class tst_FileUtil : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void killedDuringSaves();
    void writesAndReads();
};

void tst_FileUtil::killedDuringSaves()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("collection.http"));
    QString error;
    QVERIFY2(writeFileAtomically(path, version('a'), &error), qPrintable(error));
    const QByteArray a = version('a');
    const QByteArray b = version('b');
    for (int round = 0; round < 24; ++round) {
        QProcess saver;
        saver.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        saver.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--child-saver"), path});
        QVERIFY(saver.waitForStarted());
        QTest::qWait(20 + int(QRandomGenerator::global()->bounded(180)));
        ::kill(pid_t(saver.processId()), SIGKILL);
        QVERIFY(saver.waitForFinished(10000));
        QCOMPARE(saver.exitStatus(), QProcess::CrashExit);
        const std::optional<QByteArray> bytes = readFile(path, &error);
        QVERIFY2(bytes, qPrintable(error));
        QVERIFY2(
            *bytes == a || *bytes == b,
            qPrintable(QStringLiteral("round %1: a torn file of %2 bytes").arg(round).arg(bytes->size())));
    }
}

void tst_FileUtil::writesAndReads()
{
    QTemporaryDir dir;
    QString error;
    const QString path = dir.filePath(QStringLiteral("private.env.json"));
    QVERIFY2(writeFileAtomically(path, "{}", &error, FileAccess::OwnerOnly), qPrintable(error));
    QCOMPARE(QFile(path).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
             QFileDevice::Permissions());
    QCOMPARE(readFile(path, &error).value_or(QByteArray()), QByteArray("{}"));
    QVERIFY(!writeFileAtomically(dir.filePath(QStringLiteral("no/such/folder/x")), "x", &error));
    QVERIFY2(error.contains(QStringLiteral("no/such/folder/x")), qPrintable(error));
}

// The child of killedDuringSaves: saves one version after the other until it is killed.
static int childSaver(const QString &path)
{
    const QByteArray versions[] = {version('a'), version('b')};
    for (int i = 0;; ++i) {
        QString error;
        if (!writeFileAtomically(path, versions[i % 2], &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
    }
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc == 3 && qstrcmp(argv[1], "--child-saver") == 0) {
        return childSaver(QString::fromLocal8Bit(argv[2]));
    }
    tst_FileUtil test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_fileutil.moc"
