#include "collections/collection.h"
#include "collections/variables.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace ApiLens::Core;

class tst_Collection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scanListsFoldersFilesAndRequests();
    void scanReportsProblemsAndKeepsGoing();
    void loadAndSaveOneRequest();
    void saveRefusesAVanishedRequest();
    void gitIgnore_data();
    void gitIgnore();
    void environmentsSaveRoundTrip();
    void atomicWriteFailsCleanly();

private:
    static void write(const QString &path, const QByteArray &bytes)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }
    static QByteArray read(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
    }
};

void tst_Collection::scanListsFoldersFilesAndRequests()
{
    QTemporaryDir dir;
    write(dir.filePath(QStringLiteral("users.http")),
          "### List\nGET http://h/users\n\n### Create\nPOST http://h/users\n");
    write(dir.filePath(QStringLiteral("admin/roles.rest")), "GET http://h/roles\n");
    write(dir.filePath(QStringLiteral("admin/deep/more.http")), "# @name deep\nDELETE http://h/x\n");
    write(dir.filePath(QStringLiteral("notes.txt")), "GET http://h/not-a-request-file\n");
    write(dir.filePath(QStringLiteral(".git/x.http")), "GET http://h/hidden\n");
    write(dir.filePath(QStringLiteral("node_modules/y.http")), "GET http://h/vendor\n");
    QDir(dir.path()).mkpath(QStringLiteral("empty"));

    const Collection collection = Collection::scan(dir.path());
    QCOMPARE(collection.name(), QFileInfo(dir.path()).fileName());
    QCOMPARE(collection.folders(),
             (QStringList{QStringLiteral("admin"), QStringLiteral("admin/deep"), QStringLiteral("empty")}));
    QStringList files;
    for (const CollectionFile &file : collection.files()) {
        files.append(file.path);
    }
    files.sort();
    QCOMPARE(files, (QStringList{QStringLiteral("admin/deep/more.http"), QStringLiteral("admin/roles.rest"),
                                 QStringLiteral("users.http")}));
    QCOMPARE(collection.requestCount(), 4);
    for (const CollectionFile &file : collection.files()) {
        if (file.path == QLatin1String("users.http")) {
            QCOMPARE(file.requests.size(), 2);
            QCOMPARE(file.requests[1].name, QStringLiteral("Create"));
            QCOMPARE(file.requests[1].method, QStringLiteral("POST"));
            QCOMPARE(file.requests[1].line, 5);
            QCOMPARE(file.requests[1].block, 1);
        }
    }
}

void tst_Collection::scanReportsProblemsAndKeepsGoing()
{
    QTemporaryDir dir;
    write(dir.filePath(QStringLiteral("broken.http")), "GET http://h/ok\nnot a header line\n\n### b\nPOST\n");
    write(dir.filePath(QStringLiteral("locked.http")), "GET http://h/secret\n");
    QFile::setPermissions(dir.filePath(QStringLiteral("locked.http")), QFileDevice::Permissions());
    const Collection collection = Collection::scan(dir.path());
    QCOMPARE(collection.files().size(), 2);
    const CollectionFile &broken = collection.files()[0];
    QCOMPARE(broken.path, QStringLiteral("broken.http"));
    QVERIFY(!broken.issues.isEmpty());
    QVERIFY(broken.issues.first().line > 0);
    QCOMPARE(broken.requests.first().url, QStringLiteral("http://h/ok"));
    if (QFile(dir.filePath(QStringLiteral("locked.http"))).open(QIODevice::ReadOnly)) {
        QSKIP("running as a user who reads any file; the unreadable case cannot be made here");
    }
    QVERIFY(!collection.files()[1].error.isEmpty());
}

void tst_Collection::loadAndSaveOneRequest()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.http"));
    const QByteArray before =
        "@host = http://h\n# top comment\n\n### one\nGET {{host}}/1\n\n"
        "### two\n# @no-redirect\nGET {{host}}/2\n?? status == 200\n\n### three\nGET {{host}}/3\n";
    write(path, before);
    RequestLocation where{path, QStringLiteral("two"), 0};
    QString error;
    QHash<QString, QString> variables;
    const auto block = Collection::loadRequest(where, &error, &variables);
    QVERIFY2(block, qPrintable(error));
    QCOMPARE(block->url, QStringLiteral("{{host}}/2"));
    QVERIFY(block->noRedirect);
    QCOMPARE(variables.value(QStringLiteral("host")), QStringLiteral("http://h"));

    RequestSpec spec = block->toSpec();
    spec.method = QStringLiteral("PUT");
    spec.headers.append(KeyValue{QStringLiteral("X-A"), QStringLiteral("1"), true});
    QVERIFY2(Collection::saveRequest(&where, spec, &error), qPrintable(error));
    QByteArray expected = before;
    expected.replace("GET {{host}}/2\n", "PUT {{host}}/2\nX-A: 1\n\n");
    QCOMPARE(read(path), expected);
    QCOMPARE(where.line, 9);
}

void tst_Collection::saveRefusesAVanishedRequest()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.http"));
    write(path, "### other\nGET http://h/\n");
    RequestLocation where{path, QStringLiteral("gone"), 0};
    QString error;
    QVERIFY(!Collection::saveRequest(&where, RequestSpec{}, &error));
    QVERIFY2(error.contains(QStringLiteral("gone")), qPrintable(error));
    QCOMPARE(read(path), QByteArray("### other\nGET http://h/\n"));
    RequestLocation missing{dir.filePath(QStringLiteral("missing.http")), QStringLiteral("x"), 0};
    QVERIFY(!Collection::loadRequest(missing, &error));
    QVERIFY2(error.contains(QStringLiteral("missing.http")), qPrintable(error));
}

void tst_Collection::gitIgnore_data()
{
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<QByteArray>("after");
    QTest::newRow("no file") << QByteArray("<missing>") << QByteArray("secret.json\n");
    QTest::newRow("appended") << QByteArray("build/\n") << QByteArray("build/\nsecret.json\n");
    QTest::newRow("no final newline") << QByteArray("build/") << QByteArray("build/\nsecret.json\n");
    QTest::newRow("already there") << QByteArray("secret.json\n") << QByteArray("secret.json\n");
    QTest::newRow("anchored form") << QByteArray("/secret.json\r\n") << QByteArray("/secret.json\r\n");
}

void tst_Collection::gitIgnore()
{
    QFETCH(QByteArray, before);
    QFETCH(QByteArray, after);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral(".gitignore"));
    if (before != "<missing>") {
        write(path, before);
    }
    QString error;
    QVERIFY2(ensureIgnoredByGit(dir.path(), QStringLiteral("secret.json"), &error), qPrintable(error));
    QCOMPARE(read(path), after);
}

void tst_Collection::environmentsSaveRoundTrip()
{
    QTemporaryDir dir;
    QStringList errors;
    Environments environments = Environments::load(dir.path(), &errors);
    QVERIFY(errors.isEmpty());
    environments.setEnvironment(QStringLiteral("dev"), {{QStringLiteral("host"), QStringLiteral("http://h")}},
                                {{QStringLiteral("token"), QStringLiteral("s3cret")}});
    environments.setEnvironment(QStringLiteral("prod"),
                                {{QStringLiteral("host"), QStringLiteral("https://p")}}, {});
    QString error;
    QVERIFY2(environments.save(dir.path(), &error), qPrintable(error));
    QVERIFY(!read(dir.filePath(Environments::publicFileName())).contains("s3cret"));
    QVERIFY(read(dir.filePath(Environments::privateFileName())).contains("s3cret"));
    QCOMPARE(read(dir.filePath(QStringLiteral(".gitignore"))), QByteArray("http-client.private.env.json\n"));

    const Environments again = Environments::load(dir.path(), &errors);
    QVERIFY(errors.isEmpty());
    QCOMPARE(again.names(), (QStringList{QStringLiteral("dev"), QStringLiteral("prod")}));
    QCOMPARE(again.privateVariables(QStringLiteral("dev")).value(QStringLiteral("token")),
             QStringLiteral("s3cret"));
    QVERIFY(again.isSecret(QStringLiteral("dev"), QStringLiteral("token")));
    QCOMPARE(again.publicVariables(QStringLiteral("prod")).value(QStringLiteral("host")),
             QStringLiteral("https://p"));

    Environments removed = again;
    removed.removeEnvironment(QStringLiteral("dev"));
    QVERIFY(removed.save(dir.path(), &error));
    QCOMPARE(Environments::load(dir.path(), &errors).names(), QStringList{QStringLiteral("prod")});
}

void tst_Collection::atomicWriteFailsCleanly()
{
    QTemporaryDir dir;
    QString error;
    const QString path = dir.filePath(QStringLiteral("no/such/folder/a.http"));
    QVERIFY(!writeFileAtomically(path, "x", &error));
    QVERIFY2(error.contains(QStringLiteral("a.http")), qPrintable(error));
    const QString good = dir.filePath(QStringLiteral("b.http"));
    QVERIFY(writeFileAtomically(good, "first", &error));
    QVERIFY(writeFileAtomically(good, "second", &error));
    QCOMPARE(read(good), QByteArray("second"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("b.http")});
}

QTEST_GUILESS_MAIN(tst_Collection)
#include "tst_collection.moc"
