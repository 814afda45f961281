#include "cliprocess.h"
#include "faultcases.h"
#include "peers.h"
#include "testserver.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using ApiLens::Test::FaultCase;
using ApiLens::Test::TestServer;

Q_DECLARE_METATYPE(ApiLens::Test::FaultCase)

// Runs the real apilens-cli binary against the local test server.
class tst_SendCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void exitCodes_data();
    void exitCodes();
    void printsStatusHeadersAndBody();
    void jsonRecord();
    void sendsBodyAndHeaders();
    void verboseAndJsonShowWhatTheServerReceived_data();
    void verboseAndJsonShowWhatTheServerReceived();
    void colors_data();
    void colors();
    void streamsTheBody_data();
    void streamsTheBody();
    void maxBodyStopsAnEndlessResponse_data();
    void maxBodyStopsAnEndlessResponse();
    void deadServerLeavesTheOutputFileAlone();
    void badArguments_data();
    void badArguments();
    void faults_data();
    void faults();

private:
    using Result = ApiLens::Test::CliResult;
    Result run(const QStringList &arguments, const QStringList &extraEnv = {});
    QString url(const QString &path) const { return m_server->url(path).toString(); }

    TestServer *m_server = nullptr;
    ApiLens::Test::FaultServers m_faultServers;
};

void tst_SendCommand::init()
{
    delete m_server;
    m_server = new TestServer(this);
    QVERIFY(m_server->listen());
}

tst_SendCommand::Result tst_SendCommand::run(const QStringList &arguments, const QStringList &extraEnv)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("NO_COLOR"));
    for (const QString &entry : extraEnv) {
        env.insert(entry.section(QLatin1Char('='), 0, 0), entry.section(QLatin1Char('='), 1));
    }
    return ApiLens::Test::runProcess(QStringLiteral(APILENS_CLI_PATH),
                                     QStringList{QStringLiteral("send")} + arguments, {}, env);
}

void tst_SendCommand::exitCodes_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("stderrContains");
    QTest::newRow("200") << QStringList{QStringLiteral("@/status/200")} << 0 << QByteArray();
    QTest::newRow("404 without --check-status")
        << QStringList{QStringLiteral("@/status/404")} << 0 << QByteArray();
    QTest::newRow("404 --check-status")
        << QStringList{QStringLiteral("@/status/404"), QStringLiteral("--check-status")} << 4 << QByteArray();
    QTest::newRow("503 --check-status")
        << QStringList{QStringLiteral("@/status/503"), QStringLiteral("--check-status")} << 5 << QByteArray();
    QTest::newRow("301 --no-redirect --check-status")
        << QStringList{QStringLiteral("@/redirect/1"), QStringLiteral("--no-redirect"),
                       QStringLiteral("--check-status")}
        << 3 << QByteArray();
    QTest::newRow("redirect followed")
        << QStringList{QStringLiteral("@/redirect/2"), QStringLiteral("--check-status")} << 0 << QByteArray();
    QTest::newRow("too many redirects") << QStringList{QStringLiteral("@/redirect-loop"),
                                                       QStringLiteral("--max-redirects"), QStringLiteral("3")}
                                        << 6 << QByteArray("redirects");
    QTest::newRow("timeout") << QStringList{QStringLiteral("@/hang"), QStringLiteral("--timeout"),
                                            QStringLiteral("0.3")}
                             << 2 << QByteArray("within 300 ms");
    QTest::newRow("refused")
        << QStringList{QStringLiteral("http://127.0.0.1:%1/").arg(TestServer::unusedPort())} << 1
        << QByteArray("Connection refused by 127.0.0.1:");
    QTest::newRow("malformed url") << QStringList{QStringLiteral("http://[::1/")} << 1
                                   << QByteArray("Malformed URL");
}

void tst_SendCommand::exitCodes()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, stderrContains);
    for (QString &argument : arguments) {
        if (argument.startsWith(QLatin1Char('@'))) {
            argument = url(argument.mid(1));
        }
    }
    const Result result = run(arguments);
    QCOMPARE(result.exitCode, exitCode);
    if (stderrContains.isEmpty()) {
        QCOMPARE(result.err, QByteArray());
    } else {
        QVERIFY2(result.err.contains(stderrContains), result.err.constData());
        QCOMPARE(result.err.count('\n'), 1); // one clear line
        QVERIFY(result.err.startsWith("apilens-cli: "));
    }
}

void tst_SendCommand::printsStatusHeadersAndBody()
{
    const Result result = run({url(QStringLiteral("/status/409?body=conflict%20here"))});
    QCOMPARE(result.exitCode, 0);
    const QList<QByteArray> lines = result.out.split('\n');
    QVERIFY2(lines.value(0).startsWith("HTTP/1.1 409 Conflict"), result.out.constData());
    QVERIFY(lines.contains("Content-Type: text/plain"));
    QVERIFY(result.out.endsWith("\n\nconflict here"));
    QVERIFY(!result.out.contains("\x1b[")); // piped: no colour
}

void tst_SendCommand::jsonRecord()
{
    const Result result = run({url(QStringLiteral("/status/503")), QStringLiteral("--json")});
    QCOMPARE(result.exitCode, 0);
    QJsonParseError error{};
    const QJsonObject record = QJsonDocument::fromJson(result.out, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(record.value(QStringLiteral("status")).toInt(), 503);
    QCOMPARE(record.value(QStringLiteral("status_class")).toString(), QStringLiteral("5xx"));
    QCOMPARE(record.value(QStringLiteral("reason")).toString(), QStringLiteral("Service Unavailable"));
    QVERIFY(record.value(QStringLiteral("headers")).isObject());
    QCOMPARE(record.value(QStringLiteral("body_size")).toInt(), 0);
    QVERIFY(record.value(QStringLiteral("timings_ms")).toObject().value(QStringLiteral("total")).toDouble() >
            0);
    const QJsonObject errorRecord = record.value(QStringLiteral("error")).toObject();
    QCOMPARE(errorRecord.value(QStringLiteral("status")).toInt(), 503);
    QCOMPARE(errorRecord.value(QStringLiteral("format")).toString(), QStringLiteral("empty"));
    QVERIFY(errorRecord.contains(QStringLiteral("retry_after_seconds")));
    QVERIFY(record.value(QStringLiteral("transport_error")).isNull());

    const Result refused =
        run({QStringLiteral("http://127.0.0.1:%1/").arg(TestServer::unusedPort()), QStringLiteral("--json")});
    const QJsonObject failed = QJsonDocument::fromJson(refused.out).object();
    QVERIFY(failed.value(QStringLiteral("status")).isNull());
    QCOMPARE(failed.value(QStringLiteral("status_class")).toString(), QStringLiteral("none"));
    QCOMPARE(
        failed.value(QStringLiteral("transport_error")).toObject().value(QStringLiteral("kind")).toString(),
        QStringLiteral("refused"));
}

void tst_SendCommand::sendsBodyAndHeaders()
{
    const Result result =
        run({QStringLiteral("PUT"), url(QStringLiteral("/echo")), QStringLiteral("-H"),
             QStringLiteral("X-One: 1"), QStringLiteral("--header"), QStringLiteral("X-Two:2"),
             QStringLiteral("-d"), QStringLiteral("{\"name\":\"Ada\"}")});
    QCOMPARE(result.exitCode, 0);
    const auto received = m_server->lastRequest();
    QCOMPARE(received.method, QByteArray("PUT"));
    QCOMPARE(received.header("X-One"), QByteArray("1"));
    QCOMPARE(received.header("X-Two"), QByteArray("2"));
    QCOMPARE(received.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(received.body, QByteArray("{\"name\":\"Ada\"}"));

    // A body without a method means POST.
    QCOMPARE(run({url(QStringLiteral("/echo")), QStringLiteral("-d"), QStringLiteral("a=1")}).exitCode, 0);
    QCOMPARE(m_server->lastRequest().method, QByteArray("POST"));
}

void tst_SendCommand::verboseAndJsonShowWhatTheServerReceived_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("requests");
    QTest::newRow("GET with its own headers")
        << QStringList{QStringLiteral("@/echo?a=1"), QStringLiteral("-H"),
                       QStringLiteral("Cache-Control: no-store"), QStringLiteral("-H"),
                       QStringLiteral("X-Trace: 7")}
        << 1;
    QTest::newRow("POST") << QStringList{QStringLiteral("POST"), QStringLiteral("@/echo"),
                                         QStringLiteral("-d"), QStringLiteral("{\"a\":1}")}
                          << 1;
    QTest::newRow("a redirect chain") << QStringList{QStringLiteral("@/redirect/2")} << 3;
}

void tst_SendCommand::verboseAndJsonShowWhatTheServerReceived()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, requests);
    for (QString &argument : arguments) {
        if (argument.startsWith(QLatin1Char('@'))) {
            argument = url(argument.mid(1));
        }
    }
    // --verbose prints each request head exactly as the server read it (LF for CRLF).
    const Result verbose = run(arguments + QStringList{QStringLiteral("--verbose")});
    QCOMPARE(verbose.exitCode, 0);
    const QList<ApiLens::Test::ReceivedRequest> received = m_server->requests();
    QCOMPARE(received.size(), requests);
    for (const auto &request : received) {
        QByteArray head = request.rawHead;
        head.replace("\r\n", "\n");
        QVERIFY2(verbose.out.contains(head), verbose.out.constData());
    }
    // --json lists the same requests, header for header.
    m_server->clearRequests();
    const Result json = run(arguments + QStringList{QStringLiteral("--json")});
    QCOMPARE(json.exitCode, 0);
    const QJsonArray sent =
        QJsonDocument::fromJson(json.out).object().value(QStringLiteral("sent")).toArray();
    const QList<ApiLens::Test::ReceivedRequest> again = m_server->requests();
    QCOMPARE(sent.size(), again.size());
    for (qsizetype i = 0; i < sent.size(); ++i) {
        const QJsonArray headers = sent.at(i).toObject().value(QStringLiteral("headers")).toArray();
        QCOMPARE(headers.size(), again[i].headers.size());
        for (qsizetype h = 0; h < headers.size(); ++h) {
            QCOMPARE(headers.at(h).toArray().at(0).toString().toLatin1(), again[i].headers[h].first);
            QCOMPARE(headers.at(h).toArray().at(1).toString().toUtf8(), again[i].headers[h].second);
        }
        QCOMPARE(sent.at(i).toObject().value(QStringLiteral("target")).toString().toUtf8(), again[i].target);
    }
}

void tst_SendCommand::colors_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("ansi");
    QTest::newRow("2xx green") << QStringLiteral("/status/200") << QByteArray("\x1b[1;32mHTTP/1.1 200");
    QTest::newRow("3xx cyan") << QStringLiteral("/status/304") << QByteArray("\x1b[1;36mHTTP/1.1 304");
    QTest::newRow("4xx yellow") << QStringLiteral("/status/404") << QByteArray("\x1b[1;33mHTTP/1.1 404");
    QTest::newRow("5xx red") << QStringLiteral("/status/500") << QByteArray("\x1b[1;31mHTTP/1.1 500");
}

void tst_SendCommand::colors()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, ansi);
    const Result colored = run({url(path), QStringLiteral("--color=always")});
    QVERIFY2(colored.out.startsWith(ansi), colored.out.constData());
    const Result never = run({url(path), QStringLiteral("--color=never")});
    QVERIFY(!never.out.contains('\x1b'));
}

void tst_SendCommand::streamsTheBody_data()
{
    QTest::addColumn<bool>("toFile");
    QTest::addColumn<QString>("path");
    QTest::addColumn<qint64>("size");
    QTest::newRow("-o, every byte value") << true << QStringLiteral("/pattern/300000") << qint64(300000);
    QTest::newRow("stdout (a pipe)") << false << QStringLiteral("/pattern/300000") << qint64(300000);
    QTest::newRow("-o, gzip decoded") << true << QStringLiteral("/gzip") << qint64(-1);
    QTest::newRow("-o, chunked") << true << QStringLiteral("/chunked") << qint64(-1);
    QTest::newRow("-o, empty") << true << QStringLiteral("/status/204") << qint64(0);
}

void tst_SendCommand::streamsTheBody()
{
    // What `send` writes (to -o FILE, or to a pipe after the head) is exactly the body the
    // server sent, decoded; the same bytes the exchange would hold in memory.
    QFETCH(bool, toFile);
    QFETCH(QString, path);
    QFETCH(qint64, size);
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("body.bin"));
    QStringList arguments{url(path)};
    if (toFile) {
        arguments += {QStringLiteral("-o"), file};
    }
    const Result result = run(arguments);
    QCOMPARE(result.exitCode, 0);
    QByteArray body = result.out.mid(result.out.indexOf("\n\n") + 2); // the head ends with a blank line
    if (toFile) {
        QFile written(file);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QVERIFY2(result.out.endsWith("\n\n"), result.out.constData()); // only the head on stdout
        body = written.readAll();
    }
    const Result whole = run({url(path), QStringLiteral("--json")});
    const qint64 expected =
        QJsonDocument::fromJson(whole.out).object().value(QStringLiteral("body_size")).toInteger();
    QCOMPARE(qint64(body.size()), size >= 0 ? size : expected);
    if (path.startsWith(QLatin1String("/pattern/"))) {
        for (qsizetype i = 0; i < body.size(); ++i) {
            if (uchar(body.at(i)) != uchar(i % 256)) {
                QFAIL(qPrintable(QStringLiteral("byte %1 differs").arg(i)));
            }
        }
    }
}

void tst_SendCommand::maxBodyStopsAnEndlessResponse_data()
{
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<qint64>("written");
    QTest::newRow("to a file") << QStringList{QStringLiteral("-o"), QStringLiteral("FILE")}
                               << qint64(3 * 1024 * 1024);
    QTest::newRow("to a pipe") << QStringList{} << qint64(3 * 1024 * 1024);
    QTest::newRow("to the JSON record") << QStringList{QStringLiteral("--json")} << qint64(0);
}

void tst_SendCommand::maxBodyStopsAnEndlessResponse()
{
    QFETCH(QStringList, extra);
    QFETCH(qint64, written);
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("endless.bin"));
    extra.replaceInStrings(QStringLiteral("FILE"), file);
    const Result result =
        run(QStringList{url(QStringLiteral("/endless")), QStringLiteral("--max-body"), QStringLiteral("3M")} +
            extra);
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(
                 "apilens-cli: The response body passed the limit of 3.0 MB and was cut off there"),
             result.err.constData());
    if (extra.contains(QStringLiteral("-o"))) {
        QCOMPARE(QFileInfo(file).size(), written);
    } else if (extra.isEmpty()) {
        QCOMPARE(result.out.size() - (result.out.indexOf("\n\n") + 2), written);
    } else {
        QCOMPARE(QJsonDocument::fromJson(result.out).object().value(QStringLiteral("body_size")).toInteger(),
                 3 * 1024 * 1024);
    }
}

void tst_SendCommand::deadServerLeavesTheOutputFileAlone()
{
    // -o replaces a file only once a response comes: a refused connection keeps it as it was.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("keep.txt"));
    QFile keep(path);
    QVERIFY(keep.open(QIODevice::WriteOnly));
    keep.write("precious");
    keep.close();
    const Result result =
        run({QStringLiteral("127.0.0.1:%1/x").arg(TestServer::unusedPort()), QStringLiteral("-o"), path});
    QCOMPARE(result.exitCode, 1);
    QVERIFY(result.err.contains("Connection refused"));
    QVERIFY(keep.open(QIODevice::ReadOnly));
    QCOMPARE(keep.readAll(), QByteArray("precious"));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("new.bin"))));
    run({QStringLiteral("127.0.0.1:%1/x").arg(TestServer::unusedPort()), QStringLiteral("-o"),
         dir.filePath(QStringLiteral("new.bin"))});
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("new.bin"))));
}

void tst_SendCommand::badArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("no url") << QStringList{} << QByteArray("expected [METHOD] URL");
    QTest::newRow("bad header") << QStringList{QStringLiteral("h"), QStringLiteral("-H"),
                                               QStringLiteral("nocolon")}
                                << QByteArray("is not 'Name: value'");
    QTest::newRow("bad timeout") << QStringList{QStringLiteral("h"), QStringLiteral("--timeout"),
                                                QStringLiteral("soon")}
                                 << QByteArray("--timeout takes seconds");
    QTest::newRow("bad color") << QStringList{QStringLiteral("h"), QStringLiteral("--color=pink")}
                               << QByteArray("--color takes auto");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("h"), QStringLiteral("--frobnicate")}
                                    << QByteArray("frobnicate");
    QTest::newRow("missing data file") << QStringList{QStringLiteral("h"), QStringLiteral("--data-file"),
                                                      QStringLiteral("/nonexistent/x.bin")}
                                       << QByteArray("Cannot read the body file");
    QTest::newRow("bad max body") << QStringList{QStringLiteral("h"), QStringLiteral("--max-body"),
                                                 QStringLiteral("lots")}
                                  << QByteArray(
                                         "--max-body takes a size such as 500k, 100M or 2G, not 'lots'");
    QTest::newRow("unwritable output")
        << QStringList{QStringLiteral("h"), QStringLiteral("-o"), QStringLiteral("/nonexistent/dir/out.bin")}
        << QByteArray("cannot write /nonexistent/dir/out.bin");
}

void tst_SendCommand::badArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, message);
    const Result result = run(arguments);
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(message), result.err.constData());
}

void tst_SendCommand::faults_data()
{
    QTest::addColumn<FaultCase>("fault");
    for (const FaultCase &fault : ApiLens::Test::faultCases()) {
        QTest::newRow(fault.name) << fault;
    }
}

// The fault suite (tests/support/faultcases.h) through `send --json`: the kind and message a
// user reads, the exit code of the contract, and no hang.
void tst_SendCommand::faults()
{
    QFETCH(FaultCase, fault);
    APILENS_REQUIRE_PEER(fault.server != FaultCase::Server::Tls ||
                             ApiLens::Test::TestCertificates::opensslAvailable(),
                         "openssl is missing (apt-get install openssl)");
    QString error;
    const QString target = m_faultServers.url(fault, &error);
    QVERIFY2(!target.isEmpty(), qPrintable(error));
    QStringList arguments{target, QStringLiteral("--json"), QStringLiteral("--timeout"),
                          QString::number(fault.timeoutMs / 1000.0)};
    if (!fault.verifyTls) {
        arguments << QStringLiteral("--insecure");
    }
    if (fault.maxBodyBytes > 0) {
        arguments << QStringLiteral("--max-body") << QString::number(fault.maxBodyBytes);
    }
    if (fault.server == FaultCase::Server::Http2) {
        arguments << QStringLiteral("--http2-prior-knowledge");
    }
    if (fault.server == FaultCase::Server::CrossHost) {
        arguments << QStringLiteral("-H") << QStringLiteral("Authorization: Bearer secret-token")
                  << QStringLiteral("-H") << QStringLiteral("Cookie: user=1");
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const Result result = ApiLens::Test::runProcess(QStringLiteral(APILENS_CLI_PATH),
                                                    QStringList{QStringLiteral("send")} + arguments, {}, env,
                                                    fault.timeoutMs + 10000, fault.cancelAfterMs);
    const QJsonObject record = QJsonDocument::fromJson(result.out).object();
    const QJsonObject transport = record.value(QStringLiteral("transport_error")).toObject();
    const QByteArray said = result.out + result.err;
    if (fault.kind.isEmpty()) {
        QVERIFY2(result.exitCode == 0, said.constData());
        QCOMPARE(record.value(QStringLiteral("status")).toInt(), fault.status);
        if (fault.headerCount >= 0) {
            // Repeated names are joined in the record; the fault's names are all distinct.
            QCOMPARE(record.value(QStringLiteral("headers")).toObject().size(), fault.headerCount);
        }
        if (const QByteArray whole = ApiLens::Test::FaultServer::body(fault.path.toLatin1());
            !whole.isEmpty()) {
            QCOMPARE(record.value(QStringLiteral("body_size")).toInteger(), whole.size());
        }
    } else {
        const int expectedExit = fault.kind == QLatin1String("timeout")              ? 2
                                 : fault.kind == QLatin1String("too-many-redirects") ? 6
                                 : fault.kind == QLatin1String("cancelled")          ? 130
                                                                                     : 1;
        QVERIFY2(result.exitCode == expectedExit, said.constData());
        QCOMPARE(transport.value(QStringLiteral("kind")).toString(), fault.kind);
        QVERIFY2(transport.value(QStringLiteral("message")).toString().contains(fault.message),
                 said.constData());
        QVERIFY2(result.err.startsWith("apilens-cli: "), said.constData());
        QCOMPARE(result.err.count('\n'), 1); // one clear line
    }
    if (fault.server == FaultCase::Server::CrossHost) {
        const ApiLens::Test::ReceivedRequest received = m_faultServers.redirectTarget()->lastRequest();
        QVERIFY(received.header("Authorization").isNull());
        QVERIFY(!received.header("Cookie").contains("user=1"));
    }
    if (fault.server == FaultCase::Server::Tls && !fault.verifyTls && fault.kind.isEmpty()) {
        QVERIFY2(result.err.contains("TLS certificate verification is off"), result.err.constData());
    }
}

QTEST_GUILESS_MAIN(tst_SendCommand)
#include "tst_sendcommand.moc"
