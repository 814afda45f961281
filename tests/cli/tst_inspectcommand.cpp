#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// Runs the real apilens-cli inspect on saved responses.
class tst_InspectCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void json_data();
    void json();
    void human();
    void catalogExplains_data();
    void catalogExplains();
    void userCatalog();
    void catalogFile();
    void errors_data();
    void errors();

private:
    static QProcess *run(const QStringList &arguments, const QString &dataHome = {});
};

static const QString samples = QStringLiteral(APILENS_TEST_DATA_DIR "/errors/samples/");

QProcess *tst_InspectCommand::run(const QStringList &arguments, const QString &dataHome)
{
    auto *process = new QProcess;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"),
               dataHome.isEmpty() ? QStringLiteral("/nonexistent") : dataHome);
    process->setProcessEnvironment(env);
    process->start(QStringLiteral(APILENS_CLI_PATH), QStringList{QStringLiteral("inspect")} + arguments);
    process->waitForFinished(10000);
    return process;
}

void tst_InspectCommand::json_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QJsonValue>("code");
    QTest::newRow("netilion") << QStringLiteral("76_netilion_not_found_no_permission.http")
                              << QStringLiteral("netilion")
                              << QJsonValue(QStringLiteral("not_found_no_permission"));
    QTest::newRow("numeric code stays a number") << QStringLiteral("79_numeric_error_code_3.http")
                                                 << QStringLiteral("generic-numeric-code") << QJsonValue(3);
    QTest::newRow("extole") << QStringLiteral("73_extole_missing_access_token.http")
                            << QStringLiteral("extole") << QJsonValue(QStringLiteral("missing_access_token"));
}

void tst_InspectCommand::json()
{
    QFETCH(QString, file);
    QFETCH(QString, format);
    QFETCH(QJsonValue, code);
    std::unique_ptr<QProcess> process(run({samples + file, QStringLiteral("--json")}));
    QCOMPARE(process->exitCode(), 0);
    const QJsonObject record = QJsonDocument::fromJson(process->readAllStandardOutput()).object();
    QCOMPARE(record.value(QStringLiteral("file")).toString(), file);
    QCOMPARE(record.value(QStringLiteral("format")).toString(), format);
    QCOMPARE(record.value(QStringLiteral("code")), code);
    QCOMPARE(record.size(), 10);
}

void tst_InspectCommand::human()
{
    std::unique_ptr<QProcess> process(
        run({samples + QStringLiteral("64_laravel_validation_422.http"), QStringLiteral("--color=never")}));
    QCOMPARE(process->exitCode(), 0);
    const QByteArray out = process->readAllStandardOutput();
    QVERIFY2(out.startsWith("422 Unprocessable Content  (Client error)\n"), out.constData());
    QVERIFY(out.contains("format      laravel\n"));
    QVERIFY(out.contains("field       items.0.qty: The items.0.qty field must be at least 1.\n"));
}

void tst_InspectCommand::catalogExplains_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("numeric code 3 by format")
        << QStringList{samples + QStringLiteral("79_numeric_error_code_3.http")} << 0
        << QByteArray("code        3 = INVALID STRUCTURE: ");
    QTest::newRow("netilion code meaning")
        << QStringList{samples + QStringLiteral("76_netilion_not_found_no_permission.http")} << 0
        << QByteArray("not_found_no_permission = The resource could not be found, or is not visible");
    QTest::newRow("status description")
        << QStringList{samples + QStringLiteral("92_text_500_plain.http")} << 0
        << QByteArray("means       The server hit an error it did not handle.");
    QTest::newRow("vendor wording with --catalog")
        << QStringList{samples + QStringLiteral("82_nginx_502_html.http"), QStringLiteral("--catalog"),
                       QStringLiteral("exto")}
        << 0
        << QByteArray("the API     Exto: The server received an invalid response from an upstream server.");
    QTest::newRow("non-standard code")
        << QStringList{samples + QStringLiteral("86_cloudflare_522_html.http")} << 0
        << QByteArray("means       Cloudflare: the connection to the origin timed out.");
    QTest::newRow("unknown catalog") << QStringList{samples + QStringLiteral("82_nginx_502_html.http"),
                                                    QStringLiteral("--catalog"), QStringLiteral("nope")}
                                     << 1 << QByteArray("no catalog named 'nope'; known: ");
    QTest::newRow("unknown catalog with --json")
        << QStringList{samples + QStringLiteral("82_nginx_502_html.http"), QStringLiteral("--catalog"),
                       QStringLiteral("nope"), QStringLiteral("--json")}
        << 1 << QByteArray("no catalog named 'nope'");
}

void tst_InspectCommand::catalogExplains()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, expected);
    std::unique_ptr<QProcess> process(run(arguments + QStringList{QStringLiteral("--color=never")}));
    QCOMPARE(process->exitCode(), exitCode);
    const QByteArray output = process->readAllStandardOutput() + process->readAllStandardError();
    QVERIFY2(output.contains(expected), output.constData());
}

void tst_InspectCommand::userCatalog()
{
    QTemporaryDir home;
    QVERIFY(QDir().mkpath(home.filePath(QStringLiteral("ApiLens/catalog"))));
    QFile file(home.filePath(QStringLiteral("ApiLens/catalog/ours.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"version":1,"kind":"vendor","id":"numeric-codes","name":"Our numeric API",
                  "codes":[{"code":3,"name":"BAD SHAPE","meaning":"Our own words for code 3."}]})");
    file.close();
    std::unique_ptr<QProcess> process(
        run({samples + QStringLiteral("79_numeric_error_code_3.http")}, home.path()));
    QCOMPARE(process->exitCode(), 0);
    const QByteArray out = process->readAllStandardOutput();
    QVERIFY2(out.contains("code        3 = BAD SHAPE: Our own words for code 3."), out.constData());

    QFile broken(home.filePath(QStringLiteral("ApiLens/catalog/broken.json")));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("{\n\"version\": 1,\n");
    broken.close();
    std::unique_ptr<QProcess> second(
        run({samples + QStringLiteral("79_numeric_error_code_3.http")}, home.path()));
    QCOMPARE(second->exitCode(), 0); // a broken user file is reported, not fatal
    const QByteArray err = second->readAllStandardError();
    QVERIFY2(err.contains("broken.json:3: "), err.constData());
}

void tst_InspectCommand::catalogFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("apilens-catalog.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"version":1,"kind":"vendor","id":"shop","name":"Our shop API",
                  "statuses":[{"code":502,"when":"The payment provider did not answer."}]})");
    file.close();
    std::unique_ptr<QProcess> process(
        run({samples + QStringLiteral("82_nginx_502_html.http"), QStringLiteral("--catalog"), path,
             QStringLiteral("--color=never")}));
    QCOMPARE(process->exitCode(), 0);
    const QByteArray out = process->readAllStandardOutput();
    QVERIFY2(out.contains("the API     Our shop API: The payment provider did not answer."), out.constData());

    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("{\"version\": 1,\n\"kind\": }");
    file.close();
    std::unique_ptr<QProcess> broken(
        run({samples + QStringLiteral("82_nginx_502_html.http"), QStringLiteral("--catalog"), path}));
    QCOMPARE(broken->exitCode(), 1);
    QVERIFY(broken->readAllStandardError().contains("apilens-catalog.json:2: "));
}

void tst_InspectCommand::errors_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing file") << QByteArray() << QStringLiteral("cannot read");
    QTest::newRow("not a response") << QByteArray("GET / HTTP/1.1\n\n")
                                    << QStringLiteral("response.http:1: expected a status line");
    QTest::newRow("bad header") << QByteArray("HTTP/1.1 500 X\nok: 1\nbroken\n\n")
                                << QStringLiteral("response.http:3: 'broken' is not a 'Name: value' header");
}

void tst_InspectCommand::errors()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("response.http"));
    if (!content.isEmpty()) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    std::unique_ptr<QProcess> process(run({path, QStringLiteral("--json")}));
    QCOMPARE(process->exitCode(), 1);
    const QString err = QString::fromLocal8Bit(process->readAllStandardError());
    QVERIFY2(err.contains(message), qPrintable(err));
    QCOMPARE(err.count(QLatin1Char('\n')), 1);
}

QTEST_GUILESS_MAIN(tst_InspectCommand)
#include "tst_inspectcommand.moc"
