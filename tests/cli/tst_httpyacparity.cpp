#include "cliprocess.h"
#include "peers.h"
#include "testserver.h"

#include <QDir>
#include <QDirIterator>
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
    void corpus_data();
    void corpus();
    void cleanupTestCase();

private:
    QList<ReceivedRequest> send(const QString &program, const QStringList &arguments,
                                const QString &workingDirectory, TestServer *server);
    // `file` sent by httpyac, then by `apilens-cli run`, both with the environment "local".
    std::pair<QList<ReceivedRequest>, QList<ReceivedRequest>>
    sendWithBoth(const QString &file, const QString &workingDirectory, TestServer *server);
    QString m_httpyac;
    int m_peerRequests = 0; // what httpyac sent over the corpus
    int m_identical = 0;    // of those, what ApiLens sent identically
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

std::pair<QList<ReceivedRequest>, QList<ReceivedRequest>>
tst_HttpyacParity::sendWithBoth(const QString &file, const QString &workingDirectory, TestServer *server)
{
    QList<ReceivedRequest> peer =
        send(m_httpyac,
             {QStringLiteral("send"), file, QStringLiteral("--all"), QStringLiteral("-e"),
              QStringLiteral("local"), QStringLiteral("-o"), QStringLiteral("none")},
             workingDirectory, server);
    QList<ReceivedRequest> ours = send(QStringLiteral(APILENS_CLI_PATH),
                                       // The corpus is the project's own: its scripts are trusted.
                                       {QStringLiteral("run"), file, QStringLiteral("--env"),
                                        QStringLiteral("local"), QStringLiteral("--trust")},
                                       workingDirectory, server);
    return {peer, ours};
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

    const auto [peer, ours] = sendWithBoth(file, dir.path(), &server);
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

namespace {

// What only says which client sent the request: left out of "identical".
bool isClientHeader(const QByteArray &name)
{
    static const QList<QByteArray> own = {"user-agent", "accept-encoding", "connection", "host"};
    return own.contains(name.toLower());
}

// The request as a comparable text: method, target, the headers that are not the client's own
// (names in lower case, sorted; Accept only when it is not the */* default) and the body.
QByteArray comparable(const ReceivedRequest &request)
{
    QList<QByteArray> headers;
    for (const auto &header : request.headers) {
        const QByteArray name = header.first.toLower();
        if (name == "authorization") {
            headers.append(name + ": " + request.comparableAuthorization());
        } else if (!isClientHeader(name) && !(name == "accept" && header.second == "*/*")) {
            headers.append(name + ": " + header.second);
        }
    }
    std::sort(headers.begin(), headers.end());
    return request.method + ' ' + request.target + '\n' + headers.join('\n') + "\n\n" + request.body;
}

// Copies the corpus folder to `to`, with @PORT@ replaced by the server's port.
void copyCorpus(const QString &from, const QString &to, quint16 port)
{
    QDirIterator it(from, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString target = to + QLatin1Char('/') + QDir(from).relativeFilePath(path);
        QDir().mkpath(QFileInfo(target).absolutePath());
        QFile in(path);
        QFile out(target);
        if (in.open(QIODevice::ReadOnly) && out.open(QIODevice::WriteOnly)) {
            out.write(in.readAll().replace("@PORT@", QByteArray::number(port)));
        }
    }
}

} // namespace

// Each .http file of tests/data/httpyac (a project of its own, with environment and .env
// files at several levels) is sent by httpyac and by ApiLens from the project's root; every
// request must arrive identically.
void tst_HttpyacParity::corpus_data()
{
    QTest::addColumn<QString>("file");
    const QString root = QStringLiteral(APILENS_TEST_DATA_DIR "/httpyac");
    QDirIterator it(root, {QStringLiteral("*.http")}, QDir::Files, QDirIterator::Subdirectories);
    QStringList files;
    while (it.hasNext()) {
        files.append(QDir(root).relativeFilePath(it.next()));
    }
    files.sort();
    for (const QString &file : std::as_const(files)) {
        QTest::newRow(qPrintable(file)) << file;
    }
}

void tst_HttpyacParity::corpus()
{
    QFETCH(QString, file);
    TestServer server;
    QVERIFY(server.listen());
    QTemporaryDir dir;
    copyCorpus(QStringLiteral(APILENS_TEST_DATA_DIR "/httpyac"), dir.path(), server.port());
    const auto [peer, ours] = sendWithBoth(file, dir.path(), &server);
    QVERIFY2(!peer.isEmpty(), "httpyac sent nothing");
    int identical = 0;
    for (int i = 0; i < peer.size(); ++i) {
        identical += i < ours.size() && comparable(ours[i]) == comparable(peer[i]) ? 1 : 0;
    }
    m_peerRequests += int(peer.size());
    m_identical += identical;
    for (int i = 0; i < qMin(peer.size(), ours.size()); ++i) {
        QCOMPARE(QString::fromUtf8(comparable(ours[i])), QString::fromUtf8(comparable(peer[i])));
    }
    QCOMPARE(ours.size(), peer.size());
}

void tst_HttpyacParity::cleanupTestCase()
{
    if (m_peerRequests > 0) {
        qInfo("httpyac corpus parity: %d of the %d requests httpyac sent arrived identically from ApiLens",
              m_identical, m_peerRequests);
    }
}

QTEST_GUILESS_MAIN(tst_HttpyacParity)
#include "tst_httpyacparity.moc"
