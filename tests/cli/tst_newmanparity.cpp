#include "cliprocess.h"
#include "peers.h"
#include "testserver.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using ApiLens::Test::ReceivedRequest;
using ApiLens::Test::runProcess;
using ApiLens::Test::TestServer;

// `apilens-cli export postman` writes a collection that newman (from npm) runs with the same
// requests `apilens-cli run` sends for the .http files: compared at the local echo server.
class tst_NewmanParity : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void sameRequests();

private:
    QString m_newman;
};

void tst_NewmanParity::initTestCase()
{
    m_newman = QStringLiteral(APILENS_NEWMAN_PATH);
    APILENS_REQUIRE_PEER(QFileInfo(m_newman).isExecutable(),
                         "newman is not installed (scripts/setup-npm-tools.sh installs it from npm)");
}

void tst_NewmanParity::sameRequests()
{
    TestServer server;
    QVERIFY(server.listen());
    QTemporaryDir dir;
    const auto write = [&dir](const QString &name, const QByteArray &bytes) {
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    };
    write(QStringLiteral("http-client.env.json"),
          R"({"local": {"host": ")" + server.url().toString().toUtf8() + R"(", "user": "ada"}})");
    write(QStringLiteral("api.http"), R"(@base = {{host}}/v1

### List items
GET {{base}}/items?page=2&q=a%20b
Accept: application/json
X-Trace: t-1

### Create item
POST {{base}}/items
Content-Type: application/json

{
  "name": "lens cap",
  "by": "{{user}}"
}

### Replace note
PUT {{base}}/items/7/note
Content-Type: text/plain

line 1
line 2

### Delete item
# @no-redirect
DELETE {{base}}/items/7
)");
    write(QStringLiteral("auth.http"), R"(### Login form
POST {{host}}/login
Content-Type: application/x-www-form-urlencoded

user={{user}}&pw=a+b

### Who am I
GET {{host}}/me
Authorization: Basic {{user}} s3cret
)");
    const QString collection = dir.filePath(QStringLiteral("collection.postman.json"));
    const auto exported =
        runProcess(QStringLiteral(APILENS_CLI_PATH),
                   {QStringLiteral("export"), QStringLiteral("postman"), dir.path(), QStringLiteral("--env"),
                    QStringLiteral("local"), QStringLiteral("--output"), collection});
    QCOMPARE(exported.exitCode, 0);

    server.clearRequests();
    const auto byNewman = runProcess(
        m_newman, {QStringLiteral("run"), collection, QStringLiteral("--reporters"), QStringLiteral("cli")},
        dir.path());
    QVERIFY2(byNewman.exitCode == 0, byNewman.out.constData());
    const QList<ReceivedRequest> newman = server.requests();

    server.clearRequests();
    const auto byApiLens = runProcess(
        QStringLiteral(APILENS_CLI_PATH),
        {QStringLiteral("run"), dir.path(), QStringLiteral("--env"), QStringLiteral("local")}, dir.path());
    QVERIFY2(byApiLens.exitCode == 0, byApiLens.out.constData());
    const QList<ReceivedRequest> apilens = server.requests();

    QCOMPARE(newman.size(), 6);
    QCOMPARE(apilens.size(), newman.size());
    // Same order: files by name, requests in file order.
    for (int i = 0; i < newman.size(); ++i) {
        const ReceivedRequest &a = apilens[i];
        const ReceivedRequest &n = newman[i];
        QCOMPARE(a.method, n.method);
        QCOMPARE(a.target, n.target);
        QCOMPARE(a.body, n.body);
        for (const char *name : {"Content-Type", "Content-Length", "Authorization", "X-Trace"}) {
            QCOMPARE(a.header(name), n.header(name));
        }
    }
    QCOMPARE(newman[5].header("Authorization"), QByteArray("Basic YWRhOnMzY3JldA==")); // ada:s3cret
}

QTEST_GUILESS_MAIN(tst_NewmanParity)
#include "tst_newmanparity.moc"
