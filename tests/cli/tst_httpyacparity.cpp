#include "cliprocess.h"
#include "peers.h"
#include "testserver.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using ApiLens::Test::ReceivedRequest;
using ApiLens::Test::TestServer;

// Sends the same .http files with httpyac (from npm, a real peer) and with
// `apilens-cli run`, and compares what the local echo server received.
class tst_HttpyacParity : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void sameRequests_data();
    void sameRequests();

private:
    QList<ReceivedRequest> send(const QString &program, const QStringList &arguments,
                                const QString &workingDirectory, TestServer *server);
    QString m_httpyac;
};

void tst_HttpyacParity::initTestCase()
{
    m_httpyac = QStringLiteral(APILENS_HTTPYAC_PATH);
    APILENS_REQUIRE_PEER(QFileInfo(m_httpyac).isExecutable(),
                         "httpyac is not installed (scripts/setup-npm-tools.sh installs it from npm)");
}

QList<ReceivedRequest> tst_HttpyacParity::send(const QString &program, const QStringList &arguments,
                                               const QString &workingDirectory, TestServer *server)
{
    server->clearRequests();
    // httpyac wants its files below the working directory.
    const ApiLens::Test::CliResult result = ApiLens::Test::runProcess(program, arguments, workingDirectory);
    if (result.exitCode != 0) {
        qWarning("%s: %s%s", qPrintable(program), result.out.constData(), result.err.constData());
    }
    return server->requests();
}

void tst_HttpyacParity::sameRequests_data()
{
    QTest::addColumn<QByteArray>("http");
    QTest::newRow("query continuation and headers") << QByteArray(R"(@base = {{host}}/echo

### list
GET {{base}}/users
    ?limit=10
    &sort=name
Accept: application/json
X-Trace: t-1
)");
    QTest::newRow("json body with env secret") << QByteArray(R"(### create
POST {{host}}/echo/users
Content-Type: application/json
Authorization: Bearer {{token}}

{
  "name": "Ada",
  "tags": ["a", "b"]
}
)");
    QTest::newRow("form, body file, delete") << QByteArray(R"(### form
POST {{host}}/echo/login
Content-Type: application/x-www-form-urlencoded

user=ada&pass=s3cret

### update
PUT {{host}}/echo/users/42
Content-Type: text/plain

< ./body.txt

### remove
DELETE {{host}}/echo/users/42
X-Reason: cleanup
)");
    QTest::newRow("multipart with a file part and text parts") << QByteArray(R"(### upload
POST {{host}}/echo/upload
Content-Type: multipart/form-data; boundary=WebAppBoundary

--WebAppBoundary
Content-Disposition: form-data; name="title"

Quarterly report
--WebAppBoundary
Content-Disposition: form-data; name="file"; filename="report.csv"
Content-Type: text/csv

< ./report.csv
--WebAppBoundary--

### text parts only
POST {{host}}/echo/fields
Content-Type: multipart/form-data; boundary=B

--B
Content-Disposition: form-data; name="a"

1
--B--
)");
    QTest::newRow("several requests, names, short GET") << QByteArray(R"(# @name first
GET {{host}}/echo/a?x=1

###
{{host}}/echo/b

###
PATCH {{host}}/echo/c
Content-Type: application/json

{"op": "replace"}
)");
}

void tst_HttpyacParity::sameRequests()
{
    QFETCH(QByteArray, http);
    TestServer server;
    QVERIFY(server.listen());
    QTemporaryDir dir;
    auto write = [&dir](const QString &name, const QByteArray &content) {
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    };
    write(QStringLiteral("http-client.env.json"),
          QByteArray(R"({"local": {"host": "http://127.0.0.1:)" + QByteArray::number(server.port()) +
                     R"(", "token": "tok-1"}})"));
    write(QStringLiteral("body.txt"), "plain text from a file");
    write(QStringLiteral("report.csv"), "id,name\n1,Ada\n2,Grace\n");
    write(QStringLiteral("parity.http"), http);
    const QString file = dir.filePath(QStringLiteral("parity.http"));

    const QList<ReceivedRequest> peer =
        send(m_httpyac,
             {QStringLiteral("send"), file, QStringLiteral("--all"), QStringLiteral("-e"),
              QStringLiteral("local"), QStringLiteral("-o"), QStringLiteral("none")},
             dir.path(), &server);
    const QList<ReceivedRequest> ours = send(
        QStringLiteral(APILENS_CLI_PATH),
        {QStringLiteral("run"), file, QStringLiteral("--env"), QStringLiteral("local")}, dir.path(), &server);
    QVERIFY(!peer.isEmpty());
    QCOMPARE(ours.size(), peer.size());
    for (int i = 0; i < peer.size(); ++i) {
        QCOMPARE(ours[i].method, peer[i].method);
        QCOMPARE(ours[i].path(), peer[i].path());
        QCOMPARE(ours[i].query(), peer[i].query());
        QCOMPARE(ours[i].body, peer[i].body);
        for (const char *name :
             {"Content-Type", "Content-Length", "Authorization", "Accept", "X-Trace", "X-Reason"}) {
            QCOMPARE(ours[i].header(name), peer[i].header(name));
        }
    }
}

QTEST_GUILESS_MAIN(tst_HttpyacParity)
#include "tst_httpyacparity.moc"
