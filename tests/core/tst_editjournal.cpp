#include "collections/editjournal.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace ApiLens::Core;

class tst_EditJournal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void emptyListRemovesTheFile();
    void brokenJournalIsReported_data();
    void brokenJournalIsReported();
};

void tst_EditJournal::roundTrip_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("get") << "GET"
                         << "{{baseUrl}}/users?page=2" << QByteArray();
    QTest::newRow("post json") << "POST"
                               << "http://127.0.0.1/x" << QByteArray("{\n  \"a\": \"ü\"\n}");
    QTest::newRow("body with a separator-like line")
        << "PUT"
        << "http://127.0.0.1/y" << QByteArray("a\n# not a comment?\nb");
}

void tst_EditJournal::roundTrip()
{
    QFETCH(QString, method);
    QFETCH(QString, url);
    QFETCH(QByteArray, body);
    QTemporaryDir dir;
    const EditJournal journal(dir.filePath(QStringLiteral("journal.json")));
    RequestSpec spec;
    spec.method = method;
    spec.url = url;
    spec.headers.append(KeyValue{QStringLiteral("X-Trace"), QStringLiteral("{{$uuid}}"), true});
    if (!body.isEmpty()) {
        spec.body.kind = BodyKind::Raw;
        spec.body.raw = body;
    }
    const RequestLocation source{dir.filePath(QStringLiteral("a.http")), QStringLiteral("Named"), 4};
    QString error;
    QVERIFY(journal.write({JournalEntry::fromSpec(source, QStringLiteral("• Named"), spec),
                           JournalEntry::fromSpec({}, QStringLiteral("scratch"), spec)},
                          &error));
    const QList<JournalEntry> entries = journal.read(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries[0].source, source);
    QCOMPARE(entries[0].title, QStringLiteral("• Named"));
    QVERIFY(!entries[1].source.isValid());
    for (const JournalEntry &entry : entries) {
        const RequestSpec back = entry.spec();
        QCOMPARE(back.method, method);
        QCOMPARE(back.url, url);
        QCOMPARE(back.headers.value(0).value, QStringLiteral("{{$uuid}}"));
        QCOMPARE(back.body.raw, body);
    }
}

void tst_EditJournal::emptyListRemovesTheFile()
{
    QTemporaryDir dir;
    const EditJournal journal(dir.filePath(QStringLiteral("journal.json")));
    QString error;
    QVERIFY(journal.write({JournalEntry::fromSpec({}, QStringLiteral("t"), RequestSpec{})}, &error));
    QVERIFY(QFile::exists(journal.path()));
    QVERIFY(journal.write({}, &error));
    QVERIFY(!QFile::exists(journal.path()));
    QVERIFY(journal.read(&error).isEmpty());
    QVERIFY(error.isEmpty());
}

void tst_EditJournal::brokenJournalIsReported_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("truncated") << QByteArray("{\"version\": 1, \"entries\": [");
    QTest::newRow("other version") << QByteArray("{\"version\": 7, \"entries\": []}");
    QTest::newRow("not json") << QByteArray("\x00\x01garbage", 9);
}

void tst_EditJournal::brokenJournalIsReported()
{
    QFETCH(QByteArray, content);
    QTemporaryDir dir;
    const EditJournal journal(dir.filePath(QStringLiteral("journal.json")));
    QFile file(journal.path());
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    QString error;
    QVERIFY(journal.read(&error).isEmpty());
    QVERIFY2(error.contains(QStringLiteral("journal.json")), qPrintable(error));
}

QTEST_GUILESS_MAIN(tst_EditJournal)
#include "tst_editjournal.moc"
