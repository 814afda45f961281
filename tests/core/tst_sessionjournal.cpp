#include "collections/sessionjournal.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace ApiLens::Core;

class tst_SessionJournal : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip();
    void missingIsEmpty();
    void brokenIsKeptAside_data();
    void brokenIsKeptAside();
};

static RequestSpec everything()
{
    RequestSpec spec;
    spec.name = QStringLiteral("Upload");
    spec.method = QStringLiteral("PATCH");
    spec.url = QStringLiteral("{{host}}/items/7?x=1");
    spec.headers = {{QStringLiteral("X-A"), QStringLiteral("1")},
                    {QStringLiteral("X-Off"), QStringLiteral("2"), false}};
    spec.body.kind = BodyKind::Multipart;
    spec.body.parts = {{QStringLiteral("t"), QStringLiteral("v"), {}, {}, true, {}},
                       {QStringLiteral("f"),
                        {},
                        QStringLiteral("/tmp/a.csv"),
                        QStringLiteral("text/csv"),
                        false,
                        QStringLiteral("b.csv")}};
    spec.body.form = {{QStringLiteral("k"), QStringLiteral("v")}};
    spec.body.raw = "raw ✓";
    spec.auth.kind = AuthKind::Digest;
    spec.auth.username = QStringLiteral("ada");
    spec.auth.password = QStringLiteral("pw");
    spec.settings.timeoutMs = 1500;
    spec.settings.followRedirects = false;
    spec.settings.maxRedirects = 3;
    spec.settings.verifyTls = false;
    spec.settings.allowHttp2 = false;
    spec.settings.proxy.mode = ProxyMode::Manual;
    spec.settings.proxy.host = QStringLiteral("127.0.0.1");
    spec.settings.proxy.port = 3128;
    spec.omittedDefaults = {QStringLiteral("Connection")};
    return spec;
}

void tst_SessionJournal::roundTrip()
{
    QTemporaryDir dir;
    const SessionJournal journal(dir.filePath(QStringLiteral("session.json")));
    Session session;
    SessionTab saved;
    saved.name = QStringLiteral("Get a user");
    saved.source = {dir.filePath(QStringLiteral("a.http")), QStringLiteral("Get a user"), 3};
    saved.collection = dir.path();
    saved.savedText = "### Get a user\nGET http://h/u\n";
    saved.savedSpec.url = QStringLiteral("http://h/u");
    saved.spec = everything(); // every field an editor has, settings .http cannot hold too
    SessionTab scratch;
    scratch.spec.url = QStringLiteral("http://h/pasted");
    scratch.responseFilter = QStringLiteral("$.items[?@.price > 10].id");
    session.tabs = {saved, scratch};
    session.current = 1;
    session.responseFilters.insert(saved.source.file + QStringLiteral("#Get a user"),
                                   QStringLiteral("$..id"));
    QString error;
    QVERIFY2(journal.write(session, &error), qPrintable(error));
    QCOMPARE(QFile::permissions(journal.path()) & (QFile::ReadGroup | QFile::ReadOther),
             QFile::Permissions());

    const std::optional<Session> back = journal.read(&error);
    QVERIFY(back);
    QCOMPARE(back->current, 1);
    QCOMPARE(back->tabs.size(), 2);
    QCOMPARE(back->tabs[0].name, saved.name);
    QCOMPARE(back->tabs[0].source, saved.source);
    QCOMPARE(back->tabs[0].collection, saved.collection);
    QCOMPARE(back->tabs[0].savedText, saved.savedText);
    QVERIFY(back->tabs[0].savedSpec == saved.savedSpec);
    QVERIFY(back->tabs[0].spec == everything());
    QVERIFY(back->tabs[1].spec == scratch.spec);
    QVERIFY(!back->tabs[1].source.isValid());
    QCOMPARE(back->tabs[0].responseFilter, QString());
    QCOMPARE(back->tabs[1].responseFilter, scratch.responseFilter);
    QCOMPARE(back->responseFilters, session.responseFilters);
}

void tst_SessionJournal::missingIsEmpty()
{
    QTemporaryDir dir;
    QString error;
    const std::optional<Session> session =
        SessionJournal(dir.filePath(QStringLiteral("none.json"))).read(&error);
    QVERIFY(session);
    QVERIFY(session->tabs.isEmpty());
    QVERIFY(error.isEmpty());
}

void tst_SessionJournal::brokenIsKeptAside_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("cut short") << QByteArray(R"({"version": 1, "tabs": [{"name": "x")");
    QTest::newRow("not an object") << QByteArray("[1, 2]");
    QTest::newRow("binary") << QByteArray("\0\1\2", 3);
}

void tst_SessionJournal::brokenIsKeptAside()
{
    QFETCH(QByteArray, bytes);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("session.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
    file.close();
    QString error;
    QVERIFY(!SessionJournal(path).read(&error));
    QVERIFY2(error.contains(QStringLiteral("could not be read")), qPrintable(error));
    QFile kept(path + QStringLiteral(".broken"));
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), bytes); // what it held is not lost
    QVERIFY(!QFile::exists(path));
}

QTEST_GUILESS_MAIN(tst_SessionJournal)
#include "tst_sessionjournal.moc"
