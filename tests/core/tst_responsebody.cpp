#include "http/responsebody.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace ApiLens::Core;

class tst_ResponseBody : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void writer_data();
    void writer();
    void fileGoesWithLastCopy();
    void savesEveryByte_data();
    void savesEveryByte();
    void failedSaveLeavesNoFile();
    void largeFileGoesOnAPoolThread();
    void releasedPagesReadTheSame();
    void writtenBodiesComeIndexed_data();
    void writtenBodiesComeIndexed();
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

void tst_ResponseBody::writtenBodiesComeIndexed_data()
{
    QTest::addColumn<int>("threshold");
    QTest::addColumn<int>("piece");
    QTest::newRow("in memory, pieces of 7") << (1 << 20) << 7;
    QTest::newRow("spilled, pieces of 4096") << 1000 << 4096;
    QTest::newRow("spilled, one piece") << 1000 << (1 << 20);
}

void tst_ResponseBody::writtenBodiesComeIndexed()
{
    // What a Writer was given is indexed as it came: the same lines as an index of the whole,
    // whatever the pieces split (CR LF, a long line cut, UTF-8 across a boundary).
    QFETCH(int, threshold);
    QFETCH(int, piece);
    QByteArray text;
    for (int i = 0; i < 3000; ++i) {
        text += "line " + QByteArray::number(i) + (i % 3 ? "\r\n" : "\n");
        if (i % 500 == 0) {
            text += QByteArray(6000, 'x') + "Zoë\n";
        }
    }
    ResponseBody::Writer writer(threshold);
    QString error;
    for (qsizetype at = 0; at < text.size(); at += piece) {
        QVERIFY(writer.append(QByteArrayView(text).sliced(at, std::min<qsizetype>(piece, text.size() - at)),
                              &error));
    }
    const ResponseBody body = writer.finish();
    QVERIFY(body.lineIndex());
    LineIndex whole;
    whole.append(text);
    QCOMPARE(body.lineIndex()->size(), text.size());
    QCOMPARE(body.lineIndex()->lineCount(), whole.lineCount());
    for (qint64 line = 0; line < whole.lineCount(); line += 37) {
        QCOMPARE(body.lineIndex()->line(line, text).start, whole.line(line, text).start);
        QCOMPARE(body.lineIndex()->line(line, text).length, whole.line(line, text).length);
    }
    QVERIFY(!ResponseBody::fromBytes(text).lineIndex()); // made elsewhere: the viewer indexes it
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

void tst_ResponseBody::savesEveryByte_data()
{
    QTest::addColumn<qint64>("size");
    QTest::addColumn<qint64>("threshold");
    QTest::newRow("empty") << qint64(0) << qint64(1024);
    QTest::newRow("in memory") << qint64(100000) << qint64(1024 * 1024);
    QTest::newRow("spilled, several pieces") << qint64(9 * 1024 * 1024 + 3) << qint64(1024);
}

void tst_ResponseBody::savesEveryByte()
{
    QFETCH(qint64, size);
    QFETCH(qint64, threshold);
    QByteArray all(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < all.size(); ++i) {
        all[i] = char((i * 31) % 256);
    }
    ResponseBody::Writer writer(threshold);
    QString error;
    for (qsizetype at = 0; at < all.size(); at += 65536) {
        QVERIFY(writer.append(QByteArrayView(all.constData() + at, qMin<qsizetype>(65536, all.size() - at)),
                              &error));
    }
    const ResponseBody body = writer.finish();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("saved.bin"));
    QVERIFY2(body.saveTo(path, &error), qPrintable(error));
    QFile saved(path);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QVERIFY(saved.readAll() == all);
    // Seen at once, mapped when on disk: the same bytes.
    const BodyBytes view(body);
    QVERIFY(view.isValid());
    QCOMPARE(view.view().size(), all.size());
    QVERIFY(view.view() == QByteArrayView(all));
}

void tst_ResponseBody::failedSaveLeavesNoFile()
{
    ResponseBody::Writer writer(1);
    QString error;
    QVERIFY(writer.append(QByteArray(5000000, 'q'), &error));
    const ResponseBody body = writer.finish();
    QVERIFY(!body.saveTo(QStringLiteral("/nonexistent/dir/x.bin"), &error));
    QVERIFY2(error.startsWith(QStringLiteral("Cannot write /nonexistent/dir/x.bin")), qPrintable(error));
    // Cancelled half-way: nothing is left where it was going.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cancelled.bin"));
    const std::atomic_bool cancel{true};
    QVERIFY(!body.saveTo(path, &error, &cancel));
    QCOMPARE(error, QStringLiteral("Cancelled"));
    QVERIFY(!QFile::exists(path));
}

QTEST_GUILESS_MAIN(tst_ResponseBody)
void tst_ResponseBody::largeFileGoesOnAPoolThread()
{
    // Past 64 MB the spill file is removed off the thread that dropped the last copy.
    QString path;
    {
        ResponseBody::Writer writer(1024);
        const QByteArray mb(1 << 20, 'x');
        QString error;
        for (int i = 0; i < 65; ++i) {
            QVERIFY2(writer.append(mb, &error), qPrintable(error));
        }
        const ResponseBody body = writer.finish();
        path = body.filePath();
        QVERIFY(QFile::exists(path));
    }
    QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(path), 10000);
}

void tst_ResponseBody::releasedPagesReadTheSame()
{
    // Released pages leave the process's memory, not the body: read again, the bytes are back.
    ResponseBody::Writer writer(16);
    QByteArray expected;
    for (int i = 0; i < 200000; ++i) {
        expected += QByteArray::number(i) + '\n';
    }
    QString error;
    QVERIFY(writer.append(expected, &error));
    const ResponseBody body = writer.finish();
    QVERIFY(!body.isInMemory());
    const BodyBytes bytes(body);
    QCOMPARE(bytes.view(), QByteArrayView(expected));
    bytes.release(0, bytes.view().size());
    bytes.release(5000, 3);      // less than a page: nothing
    bytes.release(-10, 1 << 30); // clamped to the body
    QCOMPARE(bytes.view(), QByteArrayView(expected));
    const BodyBytes inMemory(ResponseBody::fromBytes(expected));
    inMemory.release(0, expected.size());
    QCOMPARE(inMemory.view(), QByteArrayView(expected));
}

#include "tst_responsebody.moc"
