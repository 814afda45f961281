#include "scripting/foldertrust.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace ApiLens::Core;

class tst_FolderTrust : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void trustCoversTheFolderAndBelow_data();
    void trustCoversTheFolderAndBelow();
    void rememberedAcrossInstances();
    void sessionTrustIsNotWritten();
    void brokenStoreTrustsNothing();
};

void tst_FolderTrust::trustCoversTheFolderAndBelow_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("trusted");
    QTest::newRow("the folder") << QStringLiteral("api") << true;
    QTest::newRow("a file in it") << QStringLiteral("api/login.http") << true;
    QTest::newRow("a folder below") << QStringLiteral("api/v2/deep") << true;
    QTest::newRow("a sibling with the same prefix") << QStringLiteral("api-other") << false;
    QTest::newRow("the parent") << QString() << false;
    QTest::newRow("through ..") << QStringLiteral("api/../api-other/x.http") << false;
}

void tst_FolderTrust::trustCoversTheFolderAndBelow()
{
    QFETCH(QString, path);
    QFETCH(bool, trusted);
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("api/v2/deep")));
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("api-other")));
    FolderTrust trust(dir.filePath(QStringLiteral("config/trusted-folders.json")));
    QString error;
    QVERIFY2(trust.trust(dir.filePath(QStringLiteral("api")), &error), qPrintable(error));
    QCOMPARE(trust.isTrusted(dir.filePath(path)), trusted);
}

void tst_FolderTrust::rememberedAcrossInstances()
{
    QTemporaryDir dir;
    const QString store = dir.filePath(QStringLiteral("config/trusted-folders.json"));
    QString error;
    {
        FolderTrust trust(store);
        QVERIFY(trust.trust(dir.path(), &error));
    }
    FolderTrust again(store);
    QVERIFY(again.isTrusted(dir.filePath(QStringLiteral("a.http"))));
    QCOMPARE(again.folders(), QStringList{QDir(dir.path()).canonicalPath()});
    QVERIFY(again.revoke(dir.path(), &error));
    QVERIFY(!FolderTrust(store).isTrusted(dir.path()));
}

void tst_FolderTrust::sessionTrustIsNotWritten()
{
    QTemporaryDir dir;
    const QString store = dir.filePath(QStringLiteral("trusted-folders.json"));
    FolderTrust trust(store);
    trust.trustForSession(dir.path());
    QVERIFY(trust.isTrusted(dir.path()));
    QVERIFY(!QFile::exists(store));
    QVERIFY(!FolderTrust(store).isTrusted(dir.path()));
}

void tst_FolderTrust::brokenStoreTrustsNothing()
{
    QTemporaryDir dir;
    const QString store = dir.filePath(QStringLiteral("trusted-folders.json"));
    QFile file(store);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"trusted": ["relative/path", 7, "/"], "x": )");
    file.close();
    QVERIFY(!FolderTrust(store).isTrusted(dir.path()));
    QFile valid(store);
    QVERIFY(valid.open(QIODevice::WriteOnly));
    valid.write(R"({"trusted": ["relative/path", 7]})");
    valid.close();
    QVERIFY(!FolderTrust(store).isTrusted(QStringLiteral("relative/path")));
}

QTEST_GUILESS_MAIN(tst_FolderTrust)
#include "tst_foldertrust.moc"
