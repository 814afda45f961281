#include "http/responsebody.h"

#include <QFile>
#include <QTest>

using namespace ApiLens::Core;

class tst_ResponseBody : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void writer_data();
    void writer();
    void fileGoesWithLastCopy();
};

void tst_ResponseBody::writer_data()
{
    QTest::addColumn<int>("threshold");
    QTest::addColumn<int>("chunks");
    QTest::addColumn<bool>("inMemory");
    QTest::newRow("empty") << 16 << 0 << true;
    QTest::newRow("under threshold") << 1000 << 3 << true;
    QTest::newRow("exactly threshold") << 30 << 3 << true;
    QTest::newRow("spills") << 25 << 3 << false;
    QTest::newRow("spills at once") << 0 << 2 << false;
}

void tst_ResponseBody::writer()
{
    QFETCH(int, threshold);
    QFETCH(int, chunks);
    QFETCH(bool, inMemory);
    ResponseBody::Writer writer(threshold);
    QByteArray all;
    for (int i = 0; i < chunks; ++i) {
        const QByteArray chunk = QByteArray(10, char('a' + i));
        QString error;
        QVERIFY(writer.append(chunk, &error));
        all += chunk;
    }
    const ResponseBody body = writer.finish();
    QCOMPARE(body.isInMemory(), inMemory);
    QCOMPARE(body.size(), all.size());
    QCOMPARE(body.bytes(), all);
    QCOMPARE(body.bytes(5), all.left(5));
    QCOMPARE(body.filePath().isEmpty(), inMemory);
}

void tst_ResponseBody::fileGoesWithLastCopy()
{
    QString path;
    {
        ResponseBody::Writer writer(1);
        QString error;
        QVERIFY(writer.append(QByteArray(100, 'z'), &error));
        ResponseBody body = writer.finish();
        path = body.filePath();
        QVERIFY(QFile::exists(path));
        ResponseBody copy = body;
        body = ResponseBody();
        QVERIFY(QFile::exists(path));
        QCOMPARE(copy.bytes(), QByteArray(100, 'z'));
    }
    QVERIFY(!QFile::exists(path));
}

QTEST_GUILESS_MAIN(tst_ResponseBody)
#include "tst_responsebody.moc"
