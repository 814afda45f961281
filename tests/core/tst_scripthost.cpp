#include "scripting/scripthost.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QTest>
#include <QTimer>

using namespace ApiLens::Core;

// The script sandbox through its real host process: each dialect's API, what a script may
// not do, and the limits it runs under.
class tst_ScriptHost : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void api_data();
    void api();
    void sandbox_data();
    void sandbox();
    void hostRecoversAfterAStoppedScript();
    void randomScriptsStayInTheirLimits();
    void scriptsDoNotSeeEachOthersGlobals();
    void hostRunsUnderItsLimits();
    void missingHostIsSaid();

private:
    static ScriptOutcome run(ScriptHost *host, const ScriptInput &input);
    static ScriptInput input(const QString &dialect, const QString &phase, const QString &code);
};

ScriptOutcome tst_ScriptHost::run(ScriptHost *host, const ScriptInput &input)
{
    ScriptOutcome outcome;
    bool done = false;
    QEventLoop loop;
    host->run(input, &loop, [&](const ScriptOutcome &result) {
        outcome = result;
        done = true;
        loop.quit();
    });
    QTimer::singleShot(15000, &loop, &QEventLoop::quit);
    loop.exec();
    if (!done) {
        outcome.error = QStringLiteral("(the test got no outcome)");
    }
    return outcome;
}

ScriptInput tst_ScriptHost::input(const QString &dialect, const QString &phase, const QString &code)
{
    ScriptInput input;
    input.dialect = dialect;
    input.phase = phase == QLatin1String("before")       ? ScriptInput::Phase::BeforeRequest
                  : phase == QLatin1String("expression") ? ScriptInput::Phase::Expression
                                                         : ScriptInput::Phase::AfterResponse;
    input.code = code;
    input.origin = QStringLiteral("api.http");
    input.line = 10;
    input.requestName = QStringLiteral("login");
    input.environmentName = QStringLiteral("dev");
    input.variables = {{QStringLiteral("host"), QStringLiteral("http://127.0.0.1:9")},
                       {QStringLiteral("user"), QStringLiteral("ada")}};
    input.environment = {{QStringLiteral("host"), QStringLiteral("http://127.0.0.1:9")}};
    input.globals = {{QStringLiteral("old"), QStringLiteral("x")}};
    input.request.method = QStringLiteral("POST");
    input.request.url = QStringLiteral("http://127.0.0.1:9/login");
    input.request.headers = {{QStringLiteral("Accept"), QStringLiteral("*/*")}};
    if (phase != QLatin1String("before")) {
        ScriptMessage response;
        response.status = 200;
        response.reason = QStringLiteral("OK");
        response.headers = {
            {QStringLiteral("Content-Type"), QStringLiteral("application/json; charset=utf-8")},
            {QStringLiteral("X-Request-Id"), QStringLiteral("r-1")}};
        response.body = R"({"token":"abc","items":[1,2],"user":{"id":7}})";
        response.durationMs = 12;
        input.response = response;
    }
    return input;
}

void tst_ScriptHost::api_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QString>("phase");
    QTest::addColumn<QString>("code");
    // What must come out: "globals" as compact JSON of the set ones, tests as "name:passed|failed",
    // the log, an error substring ("" = none), the expression's value.
    QTest::addColumn<QString>("globals");
    QTest::addColumn<QStringList>("tests");
    QTest::addColumn<QStringList>("log");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("value");

    const QString j = QStringLiteral("jetbrains");
    const QString y = QStringLiteral("httpyac");
    const QString p = QStringLiteral("postman");
    const QString after = QStringLiteral("after");
    QTest::newRow("jetbrains global from the JSON body")
        << j << after << QStringLiteral("client.global.set('token', response.body.token);")
        << R"({"old":"x","token":"abc"})" << QStringList() << QStringList() << QString() << QString();
    QTest::newRow("jetbrains test and assert")
        << j << after
        << QStringLiteral(
               "client.test('ok', function () { client.assert(response.status === 200, 'status'); });\n"
               "client.test('created', () => client.assert(response.status === 201, 'expected 201'));")
        << R"({"old":"x"})" << QStringList{QStringLiteral("ok:passed"), QStringLiteral("created:failed")}
        << QStringList() << QString() << QString();
    QTest::newRow("jetbrains headers, content type, log")
        << j << after
        << QStringLiteral(
               "client.log(response.headers.valueOf('x-request-id'), response.contentType.mimeType, "
               "response.contentType.charset); client.log({a: 1});")
        << R"({"old":"x"})" << QStringList()
        << QStringList{QStringLiteral("r-1 application/json utf-8"), QStringLiteral(R"({"a":1})")}
        << QString() << QString();
    QTest::newRow("jetbrains crypto")
        << j << after
        << QStringLiteral("client.log(crypto.sha256().updateWithText('abc').digest().toHex());"
                          "client.log(crypto.hmac.sha256().withTextSecret('key')"
                          ".updateWithText('The quick brown fox jumps over the lazy dog').digest().toHex());")
        << R"({"old":"x"})" << QStringList()
        << QStringList{QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
                       QStringLiteral("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8")}
        << QString() << QString();
    QTest::newRow("jetbrains clear") << j << after << QStringLiteral("client.global.clear('old');")
                                     << QStringLiteral("{}") << QStringList() << QStringList() << QString()
                                     << QString();
    QTest::newRow("httpyac exports, test.status, names")
        << y << after
        << QStringLiteral("exports.token = response.parsedBody.token;\nexports.url = host + '/me';\n"
                          "exports.raw = typeof response.body;\ntest.status(201);")
        << R"({"old":"x","raw":"string","token":"abc","url":"http://127.0.0.1:9/me"})"
        << QStringList{QStringLiteral("response status equals 201:failed")} << QStringList() << QString()
        << QString();
    QTest::newRow("httpyac await and $global")
        << y << after << QStringLiteral("await sleep(10);\n$global.count = (async () => 1, 2);")
        << R"({"count":2,"old":"x"})" << QStringList() << QStringList() << QString() << QString();
    QTest::newRow("httpyac objects stay objects")
        << y << after << QStringLiteral("exports.user = response.parsedBody.user;")
        << R"({"old":"x","user":{"id":7}})" << QStringList() << QStringList() << QString() << QString();
    QTest::newRow("expression: Buffer")
        << y << QStringLiteral("expression") << QStringLiteral("Buffer.from(user + ':pw').toString('base64')")
        << R"({"old":"x"})" << QStringList() << QStringList() << QString() << QStringLiteral("YWRhOnB3");
    QTest::newRow("expression: JSON")
        << y << QStringLiteral("expression") << QStringLiteral("JSON.stringify({a: [1]})") << R"({"old":"x"})"
        << QStringList() << QStringList() << QString() << QStringLiteral(R"({"a":[1]})");
    QTest::newRow("postman variables in every scope")
        << p << after
        << QStringLiteral(
               "pm.environment.set('e', pm.response.json().token);\npm.collectionVariables.set('c', 1);\n"
               "pm.globals.set('g', true);\npostman.setEnvironmentVariable('o', 'old api');\n"
               "pm.environment.unset('old');\nconsole.log(pm.variables.replaceIn('{{host}}/x'), "
               "pm.environment.name, pm.info.requestName);")
        << R"({"c":1,"e":"abc","g":true,"o":"old api"})" << QStringList()
        << QStringList{QStringLiteral("http://127.0.0.1:9/x dev login")} << QString() << QString();
    QTest::newRow("postman chai")
        << p << after
        << QStringLiteral(
               "pm.test('status', () => pm.response.to.have.status(200));\n"
               "pm.test('header', () => pm.response.to.have.header('X-Request-Id'));\n"
               "pm.test('ok', () => pm.response.to.be.ok);\n"
               "pm.test('json', () => { const b = pm.response.json(); pm.expect(b.items).to.be.an('array')"
               ".that.has.lengthOf(2); pm.expect(b.items).to.include(2); "
               "pm.expect(b).to.have.property('token', 'abc');"
               " pm.expect(b.user).to.eql({id: 7}); pm.expect(b.items).to.not.be.empty; "
               "pm.expect(5).to.be.above(3); });\n"
               "pm.test('fails', () => pm.expect(pm.response.code).to.equal(201));\n"
               "pm.test('keys', () => pm.expect(pm.response.json()).to.have.all.keys('token', 'items', "
               "'user'));")
        << R"({"old":"x"})" << QStringList{QStringLiteral("status:passed"), QStringLiteral("header:passed"),
                                           QStringLiteral("ok:passed"),     QStringLiteral("json:passed"),
                                           QStringLiteral("fails:failed"),  QStringLiteral("keys:passed")}
        << QStringList() << QString() << QString();
    QTest::newRow("postman old tests[] and responseBody")
        << p << after
        << QStringLiteral("tests['code'] = responseCode.code === 200;\n"
                          "tests['body'] = JSON.parse(responseBody).token === 'nope';")
        << R"({"old":"x"})" << QStringList{QStringLiteral("code:passed"), QStringLiteral("body:failed")}
        << QStringList() << QString() << QString();
    QTest::newRow("postman CryptoJS, btoa, atob")
        << p << after
        << QStringLiteral(
               "console.log(CryptoJS.HmacSHA256('m', 'k').toString(CryptoJS.enc.Base64));\n"
               "console.log(CryptoJS.enc.Base64.stringify(CryptoJS.enc.Utf8.parse('hi')), btoa('hi'), "
               "atob('aGk='), CryptoJS.MD5('a').toString());\n"
               "console.log(require('crypto-js').SHA256('').toString().slice(0, 8));")
        << R"({"old":"x"})" << QStringList()
        << QStringList{QStringLiteral("tgCQ4wUil661oICInOL8S8qVfnVvrrTffTGADKHncew="),
                       QStringLiteral("aGk= aGk= hi 0cc175b9c0f1b6a831c399e269772661"),
                       QStringLiteral("e3b0c442")}
        << QString() << QString();
    QStringList kept;
    for (int i = 0; i < 1000; ++i) {
        kept.append(QString::number(i));
    }
    kept.append(QStringLiteral("… more lines were logged; the first 1,000 are kept"));
    QTest::newRow("a flood of log lines is cut")
        << j << after << QStringLiteral("for (let i = 0; i < 50000; i++) client.log(String(i));")
        << R"({"old":"x"})" << QStringList() << kept << QString() << QString();
    QTest::newRow("an error names its line in the file")
        << j << after << QStringLiteral("\nvar x = 1;\nnoSuchFunction(x);") << R"({"old":"x"})"
        << QStringList() << QStringList()
        << QStringLiteral("api.http:12: ReferenceError: noSuchFunction is not defined") << QString();
    QTest::newRow("a failed expect outside a test stops the script at its line")
        << p << after
        << QStringLiteral(
               "pm.environment.set('a', 1);\npm.expect(1).to.equal(2);\npm.environment.set('b', 2);")
        << R"({"a":1,"old":"x"})" << QStringList() << QStringList()
        << QStringLiteral("api.http:11: Error: expected 1 to equal 2") << QString();
    QTest::newRow("a syntax error") << j << after << QStringLiteral("client.global.set('a' 'b');")
                                    << R"({"old":"x"})" << QStringList() << QStringList()
                                    << QStringLiteral("api.http:10: SyntaxError") << QString();
}

void tst_ScriptHost::api()
{
    QFETCH(QString, dialect);
    QFETCH(QString, phase);
    QFETCH(QString, code);
    QFETCH(QString, globals);
    QFETCH(QStringList, tests);
    QFETCH(QStringList, log);
    QFETCH(QString, error);
    QFETCH(QString, value);
    ScriptHost host;
    const ScriptOutcome outcome = run(&host, input(dialect, phase, code));
    if (error.isEmpty()) {
        QCOMPARE(outcome.error, QString());
    } else {
        QVERIFY2(outcome.error.contains(error), qPrintable(outcome.error));
    }
    QJsonObject set;
    for (auto it = outcome.globals.cbegin(); it != outcome.globals.cend(); ++it) {
        set.insert(it.key(), *it);
    }
    QCOMPARE(QString::fromUtf8(QJsonDocument(set).toJson(QJsonDocument::Compact)), globals);
    QStringList testResults;
    for (const AssertionResult &test : outcome.tests) {
        testResults.append(test.assertion + QLatin1Char(':') +
                           (test.outcome == AssertionResult::Outcome::Passed ? QStringLiteral("passed")
                                                                             : QStringLiteral("failed")));
    }
    QCOMPARE(testResults, tests);
    QCOMPARE(outcome.log, log);
    if (!value.isEmpty()) {
        QCOMPARE(outcome.value.toString(), value);
    }
}

void tst_ScriptHost::sandbox_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("error");
    QTest::newRow("read a file") << QStringLiteral("require('fs').readFileSync('/etc/passwd', 'utf8')")
                                 << QStringLiteral("require('fs') is not available");
    QTest::newRow("spawn a process") << QStringLiteral("require('child_process').execSync('id')")
                                     << QStringLiteral("require('child_process') is not available");
    QTest::newRow("XMLHttpRequest")
        << QStringLiteral("var x = new XMLHttpRequest(); x.open('GET', 'http://127.0.0.1:9/');")
        << QStringLiteral("XMLHttpRequest is not defined");
    QTest::newRow("open a socket") << QStringLiteral("new WebSocket('ws://127.0.0.1:9/')")
                                   << QStringLiteral("WebSocket is not defined");
    QTest::newRow("fetch") << QStringLiteral("fetch('http://127.0.0.1:9/')")
                           << QStringLiteral("fetch is not defined");
    QTest::newRow("pm.sendRequest")
        << QStringLiteral("pm.sendRequest('http://127.0.0.1:9/', () => {})")
        << QStringLiteral("pm.sendRequest is not available: scripts in ApiLens have no network");
    QTest::newRow("process") << QStringLiteral("process.exit(1)") << QStringLiteral("process is not defined");
    QTest::newRow("Qt object") << QStringLiteral("Qt.openUrlExternally('file:///')")
                               << QStringLiteral("Qt is not defined");
    QTest::newRow("loop forever") << QStringLiteral("while (true) {}")
                                  << QStringLiteral("stopped: still running after 1000 ms");
    QTest::newRow("recursion") << QStringLiteral("function f() { return f() + 1; } f();")
                               << QStringLiteral("RangeError");
    QTest::newRow("grow memory in a loop")
        << QStringLiteral("var a = []; while (true) a.push('x'.repeat(1 << 20) + a.length);")
        << QStringLiteral("stopped: ");
    // Stopped by the memory limit, or (in a slow sanitizer build) by the time limit first.
    QTest::newRow("one huge allocation")
        << QStringLiteral("new Array(1e9).fill(0).length") << QStringLiteral("stopped: ");
    QTest::newRow("one huge string") << QStringLiteral("'x'.repeat(1 << 29).length")
                                     << QStringLiteral("stopped: the script needed more than the 512 MB");
}

void tst_ScriptHost::sandbox()
{
    QFETCH(QString, code);
    QFETCH(QString, error);
    ScriptHost host;
    QElapsedTimer timer;
    timer.start();
    const ScriptOutcome outcome =
        run(&host, input(QStringLiteral("jetbrains"), QStringLiteral("after"), code));
    QVERIFY2(outcome.error.startsWith(QStringLiteral("api.http:")), qPrintable(outcome.error));
    QVERIFY2(outcome.error.contains(error), qPrintable(outcome.error));
    QVERIFY2(timer.elapsed() < 6000, qPrintable(QString::number(timer.elapsed())));
}

void tst_ScriptHost::hostRecoversAfterAStoppedScript()
{
    ScriptHost host;
    // Queued together: the second runs in a new host once the first one had to be killed.
    ScriptOutcome first;
    ScriptOutcome second;
    int done = 0;
    QEventLoop loop;
    host.run(
        input(QStringLiteral("jetbrains"), QStringLiteral("after"), QStringLiteral("new Array(1e9).fill(0)")),
        &loop, [&](const ScriptOutcome &outcome) { first = outcome, ++done; });
    host.run(input(QStringLiteral("jetbrains"), QStringLiteral("after"),
                   QStringLiteral("client.global.set('n', 1)")),
             &loop, [&](const ScriptOutcome &outcome) {
                 second = outcome;
                 ++done;
                 loop.quit();
             });
    QTimer::singleShot(15000, &loop, &QEventLoop::quit);
    loop.exec();
    QCOMPARE(done, 2);
    QVERIFY2(first.error.contains(QStringLiteral("stopped: ")), qPrintable(first.error));
    QCOMPARE(second.error, QString());
    QCOMPARE(second.globals.value(QStringLiteral("n")).toInt(), 1);
}

void tst_ScriptHost::randomScriptsStayInTheirLimits()
{
    // The sandbox's limits under scripts made at random (seeded, so a failure is reproduced
    // by its number): pieces that loop, recurse, allocate, flood the log, reach for files and
    // the network, throw, or are not JavaScript at all, joined and wrapped in any order. Each
    // comes back with an outcome within its time limit and the kill's grace, an error that
    // names where, and the host goes on serving the next.
    const QStringList pieces{QStringLiteral("while (true) {}"),
                             QStringLiteral("for (;;) { Math.random(); }"),
                             QStringLiteral("function f() { return f() + 1; } f();"),
                             QStringLiteral("new Array(1e9).fill(0)"),
                             QStringLiteral("'x'.repeat(1 << 29).length"),
                             QStringLiteral("let a = []; for (;;) a.push('x'.repeat(1e6));"),
                             QStringLiteral("JSON.parse('['.repeat(100000))"),
                             QStringLiteral("require('fs').readFileSync('/etc/passwd')"),
                             QStringLiteral("fetch('http://127.0.0.1:9/')"),
                             QStringLiteral("client.log('y'.repeat(1e7))"),
                             QStringLiteral("client.global.set('k', 'v'.repeat(1e7))"),
                             QStringLiteral("throw new Error('boom')"),
                             QStringLiteral("Promise.reject(new Error('later'))"),
                             QStringLiteral("new Proxy({}, {get: () => { throw 1; }}).a"),
                             QStringLiteral("Object.defineProperty(globalThis, 'client', {value: 1})"),
                             QStringLiteral("client.global.set('n', 1)"),
                             QStringLiteral("client.log('hi')"),
                             QStringLiteral("JSON.stringify({a: [1, 2]})"),
                             QStringLiteral("response.body"),
                             QStringLiteral("client.test('t', () => client.assert(false, 'no'))")};
    const QString junk = QStringLiteral("{}()[];,.'\"+-*/=<>!?:abcxyz0123456789 \n\\`$\u00e9\u20ac");
    QRandomGenerator random(20261203);
    ScriptHost host;
    constexpr int Scripts = 120;
    int stopped = 0;
    int failed = 0;
    constexpr int LimitMs = 300;
    for (int n = 0; n < Scripts; ++n) {
        QStringList parts;
        for (int i = int(random.bounded(1, 4)); i > 0; --i) {
            if (random.bounded(5) == 0) {
                QString noise;
                for (int c = int(random.bounded(40)); c > 0; --c) {
                    noise += junk.at(int(random.bounded(int(junk.size()))));
                }
                parts.append(noise);
            } else {
                parts.append(pieces.at(int(random.bounded(int(pieces.size())))));
            }
        }
        QString code = parts.join(QStringLiteral(";\n"));
        switch (random.bounded(3)) {
        case 0:
            code = QStringLiteral("try {\n%1\n} catch (e) { client.log(String(e)); }").arg(code);
            break;
        case 1:
            code = QStringLiteral("(async () => {\n%1\n})();").arg(code);
            break;
        default:
            break;
        }
        ScriptInput in = input(QStringLiteral("jetbrains"), QStringLiteral("after"), code);
        in.timeLimitMs = LimitMs;
        QElapsedTimer timer;
        timer.start();
        const ScriptOutcome outcome = run(&host, in);
        const QString what = QStringLiteral("script %1:\n%2\n-> %3").arg(n).arg(code, outcome.error);
        QVERIFY2(outcome.error != QStringLiteral("(the test got no outcome)"), qPrintable(what));
        QVERIFY2(timer.elapsed() < LimitMs + 3000 + 2000, qPrintable(what));
        QVERIFY2(outcome.error.isEmpty() || outcome.error.startsWith(QStringLiteral("api.http:")),
                 qPrintable(what));
        stopped += outcome.error.contains(QStringLiteral("stopped: ")) ? 1 : 0;
        failed += outcome.error.isEmpty() ? 0 : 1;
        if (n % 10 == 9) { // and the host still serves an ordinary script
            const ScriptOutcome plain = run(&host, input(QStringLiteral("jetbrains"), QStringLiteral("after"),
                                                         QStringLiteral("client.global.set('ok', 1)")));
            QVERIFY2(plain.error.isEmpty(), qPrintable(plain.error));
            QCOMPARE(plain.globals.value(QStringLiteral("ok")).toInt(), 1);
        }
    }
    qInfo("%d scripts: %d stopped by a limit, %d other errors, %d ran", Scripts, stopped, failed - stopped,
          Scripts - failed);
    QVERIFY(stopped > 0 && failed > stopped && failed < Scripts); // every way of ending came up
}

void tst_ScriptHost::scriptsDoNotSeeEachOthersGlobals()
{
    // One engine serves the scripts of a collection; what one leaves on the global object is
    // gone for the next (only client.global and the like carry values on).
    ScriptHost host;
    ScriptInput first =
        input(QStringLiteral("jetbrains"), QStringLiteral("after"),
              QStringLiteral("leaked = 1; globalThis.other = 2; client.global.set('kept', 3);"));
    first.scope = QStringLiteral("/collection");
    QCOMPARE(run(&host, first).error, QString());
    ScriptInput second = input(QStringLiteral("jetbrains"), QStringLiteral("after"),
                               QStringLiteral("client.log(typeof leaked, typeof other, typeof response, "
                                              "typeof pm.expect, client.global.get('kept'));"));
    second.scope = first.scope;
    second.response.reset();
    second.globals = {{QStringLiteral("kept"), 3}};
    const ScriptOutcome outcome = run(&host, second);
    QCOMPARE(outcome.error, QString());
    QCOMPARE(outcome.log, QStringList{QStringLiteral("undefined undefined undefined function 3")});
}

void tst_ScriptHost::hostRunsUnderItsLimits()
{
    // The host process itself: a seccomp filter loaded, the data limit set.
    QProcess process;
    process.start(ScriptHost::defaultProgram(), {});
    QVERIFY2(process.waitForStarted(), qPrintable(process.errorString()));
    // One script answered: the sandbox is in place by then.
    process.write(QJsonDocument(toJson(input(QStringLiteral("jetbrains"), QStringLiteral("after"),
                                             QStringLiteral("1"))))
                      .toJson(QJsonDocument::Compact) +
                  '\n');
    QVERIFY(process.waitForReadyRead(10000));
    QFile status(QStringLiteral("/proc/%1/status").arg(process.processId()));
    QVERIFY(status.open(QIODevice::ReadOnly));
    const QByteArray statusText = status.readAll();
    QVERIFY(statusText.contains("Seccomp:\t2"));
    // The data limit: what the host used when it started plus the 512 MB scripts may add.
    QFile limits(QStringLiteral("/proc/%1/limits").arg(process.processId()));
    QVERIFY(limits.open(QIODevice::ReadOnly));
    qint64 limit = -1;
    for (const QByteArray &line : limits.readAll().split('\n')) {
        if (line.startsWith("Max data size")) {
            limit = line.mid(26).trimmed().split(' ').value(0).toLongLong();
        }
    }
    qint64 inUse = 0;
    for (const QByteArray &line : statusText.split('\n')) {
        if (line.startsWith("VmData:")) {
            inUse = line.mid(7).trimmed().split(' ').value(0).toLongLong() * 1024;
        }
    }
    const qint64 scriptShare = qint64(ScriptMemoryLimitMb) * 1024 * 1024;
    QVERIFY2(limit > scriptShare && limit - inUse <= scriptShare && limit - inUse > scriptShare / 2,
             qPrintable(QStringLiteral("limit %1, in use %2").arg(limit).arg(inUse)));
    process.closeWriteChannel();
    QVERIFY(process.waitForFinished(5000));
    QCOMPARE(process.exitCode(), 0);
}

void tst_ScriptHost::missingHostIsSaid()
{
    ScriptHost host(QDir::temp().filePath(QStringLiteral("no-such-apilens-script-host")));
    const ScriptOutcome outcome =
        run(&host, input(QStringLiteral("jetbrains"), QStringLiteral("after"), QStringLiteral("1")));
    QVERIFY2(outcome.error.startsWith(QStringLiteral("scripts cannot run: ")), qPrintable(outcome.error));
    QVERIFY(outcome.error.contains(QStringLiteral("no-such-apilens-script-host")));
}

QTEST_GUILESS_MAIN(tst_ScriptHost)
#include "tst_scripthost.moc"
