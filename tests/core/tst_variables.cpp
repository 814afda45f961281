#include "collections/variables.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace ApiLens::Core;

class tst_Variables : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void environments();
    void environmentsAboveAndDotenv();
    void brokenEnvironmentFiles();
    void savedSecretsAreOwnerOnly();
    void resolve_data();
    void resolve();
    void dynamicVariables_data();
    void dynamicVariables();
    void chaining_data();
    void chaining();
    void resolvesWholeSpec();
    void jsonPath_data();
    void jsonPath();
};

static const QByteArray publicEnv = R"({
  "$shared": {"version": "v1", "host": "http://shared"},
  "dev": {"host": "http://127.0.0.1:8080", "base": "{{host}}/{{version}}", "token": "not-the-secret"},
  "prod": {"host": "https://api.example.test", "retries": 3}
})";
static const QByteArray privateEnv = R"({"dev": {"token": "s3cret"}, "prod": {"token": "p-secret"}})";

void tst_Variables::environments()
{
    QTemporaryDir dir;
    QFile pub(dir.filePath(QStringLiteral("http-client.env.json")));
    QVERIFY(pub.open(QIODevice::WriteOnly));
    pub.write(publicEnv);
    pub.close();
    QFile priv(dir.filePath(QStringLiteral("http-client.private.env.json")));
    QVERIFY(priv.open(QIODevice::WriteOnly));
    priv.write(privateEnv);
    priv.close();
    QStringList errors;
    const Environments environments = Environments::load(dir.path(), &errors);
    QVERIFY(errors.isEmpty());
    QCOMPARE(environments.names(), (QStringList{QStringLiteral("dev"), QStringLiteral("prod")}));
    QCOMPARE(environments.publicVariables(QStringLiteral("dev")).value(QStringLiteral("version")),
             QStringLiteral("v1"));
    QCOMPARE(environments.publicVariables(QStringLiteral("dev")).value(QStringLiteral("host")),
             QStringLiteral("http://127.0.0.1:8080"));
    QCOMPARE(environments.publicVariables(QStringLiteral("prod")).value(QStringLiteral("retries")),
             QStringLiteral("3"));
    QVERIFY(environments.isSecret(QStringLiteral("dev"), QStringLiteral("token")));
    QVERIFY(!environments.isSecret(QStringLiteral("dev"), QStringLiteral("host")));
    QVERIFY(Environments::load(dir.filePath(QStringLiteral("none")), &errors)
                .names()
                .isEmpty()); // no files: fine
    QVERIFY(errors.isEmpty());
}

// httpyac reads environment files from the file's folder up to the project root, and .env,
// NAME.env and .env.NAME files in each: the nearer folder wins, JSON over dotenv.
void tst_Variables::environmentsAboveAndDotenv()
{
    QTemporaryDir dir;
    const auto write = [&dir](const QString &name, const QByteArray &content) {
        QDir().mkpath(QFileInfo(dir.filePath(name)).absolutePath());
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    };
    write(QStringLiteral("http-client.env.json"), R"({"dev": {"host": "http://root", "tenant": "root"}})");
    write(QStringLiteral("http-client.private.env.json"), R"({"dev": {"token": "root-secret"}})");
    write(QStringLiteral(".env"), "KEY=from-root-dotenv\nREGION=eu\ntenant=dotenv-loses\n");
    write(QStringLiteral("dev.env"), "REGION=dev-region\nONLY_DEV=1\n");
    write(QStringLiteral("api/http-client.env.json"), R"({"dev": {"tenant": "api"}})");
    write(QStringLiteral("api/v2/.env"), "REGION=nested\n");
    write(QStringLiteral("api/v2/.env.staging"), "STAGE=yes\n");
    QStringList errors;
    const Environments env = Environments::load(dir.filePath(QStringLiteral("api/v2")), &errors, dir.path());
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    QCOMPARE(env.names(), (QStringList{QStringLiteral("dev"), QStringLiteral("staging")}));
    const QHash<QString, QString> dev = env.publicVariables(QStringLiteral("dev"));
    QCOMPARE(dev.value(QStringLiteral("host")), QStringLiteral("http://root"));
    QCOMPARE(dev.value(QStringLiteral("tenant")), QStringLiteral("api")); // the nearer JSON file
    QVERIFY(!dev.contains(QStringLiteral("KEY")));                        // .env values are private
    const QHash<QString, QString> secrets = env.privateVariables(QStringLiteral("dev"));
    QCOMPARE(secrets.value(QStringLiteral("KEY")), QStringLiteral("from-root-dotenv"));
    QVERIFY(!secrets.contains(QStringLiteral("tenant"))); // a public JSON value wins over .env
    QCOMPARE(secrets.value(QStringLiteral("REGION")),
             QStringLiteral("nested")); // nearer .env over dev.env above
    QCOMPARE(secrets.value(QStringLiteral("ONLY_DEV")), QStringLiteral("1"));
    QVERIFY(!secrets.contains(QStringLiteral("STAGE")));
    QCOMPARE(env.privateVariables(QStringLiteral("dev")).value(QStringLiteral("token")),
             QStringLiteral("root-secret"));
    QVERIFY(env.isSecret(QStringLiteral("dev"), QStringLiteral("KEY")));     // a .env value
    QVERIFY(!env.isSecret(QStringLiteral("dev"), QStringLiteral("tenant"))); // JSON says it is public
    // The folder's own files stay what the editor edits and saves.
    QCOMPARE(env.ownVariables(QStringLiteral("dev"), false).value(QStringLiteral("tenant")), QString());
    // Without a project root only the folder itself counts.
    QVERIFY(!Environments::load(dir.filePath(QStringLiteral("api/v2")), &errors)
                 .publicVariables(QStringLiteral("dev"))
                 .contains(QStringLiteral("host")));
}

void tst_Variables::brokenEnvironmentFiles()
{
    QStringList errors;
    const Environments environments = Environments::fromJson("{\n \"dev\": {\"a\": 1},\n \"x\": \n}",
                                                             R"({"dev": "not an object"})", &errors);
    QCOMPARE(errors.size(), 2);
    QVERIFY2(errors[0].startsWith(QStringLiteral("http-client.env.json:4: ")), qPrintable(errors[0]));
    QVERIFY2(errors[1].contains(QStringLiteral("environment 'dev' must be an object")),
             qPrintable(errors[1]));
}

void tst_Variables::savedSecretsAreOwnerOnly()
{
    QTemporaryDir dir;
    QStringList errors;
    Environments environments = Environments::fromJson(publicEnv, privateEnv, &errors);
    QVERIFY(errors.isEmpty());
    QString error;
    QVERIFY2(environments.save(dir.path(), &error), qPrintable(error));
    const QString privatePath = dir.filePath(Environments::privateFileName());
    QCOMPARE(QFile::permissions(privatePath) & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteOther),
             QFile::Permissions());
    QVERIFY(QFile::permissions(privatePath) & QFile::ReadOwner);
    QCOMPARE(Environments::load(dir.path(), &errors)
                 .privateVariables(QStringLiteral("dev"))
                 .value(QStringLiteral("token")),
             QStringLiteral("s3cret"));
}

void tst_Variables::resolve_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QStringList>("unresolved");
    QTest::newRow("public") << QStringLiteral("{{host}}/users")
                            << QStringLiteral("http://127.0.0.1:8080/users") << QStringList{};
    QTest::newRow("private wins over public")
        << QStringLiteral("Bearer {{token}}") << QStringLiteral("Bearer s3cret") << QStringList{};
    QTest::newRow("request variable wins")
        << QStringLiteral("{{id}}") << QStringLiteral("42") << QStringList{};
    QTest::newRow("nested") << QStringLiteral("{{base}}/x") << QStringLiteral("http://127.0.0.1:8080/v1/x")
                            << QStringList{};
    QTest::newRow("spaces in braces")
        << QStringLiteral("{{ host }}") << QStringLiteral("http://127.0.0.1:8080") << QStringList{};
    QTest::newRow("unresolved kept") << QStringLiteral("{{host}}/{{missing}}/{{missing}}")
                                     << QStringLiteral("http://127.0.0.1:8080/{{missing}}/{{missing}}")
                                     << QStringList{QStringLiteral("missing")};
    QTest::newRow("self reference") << QStringLiteral("{{loop}}") << QStringLiteral("{{loop}}")
                                    << QStringList{QStringLiteral("loop")};
    QTest::newRow("no variables") << QStringLiteral("plain {text}") << QStringLiteral("plain {text}")
                                  << QStringList{};
    // Found by fuzzing: a value that refers to itself several times took 4^16 steps.
    QTest::newRow("self reference, four times")
        << QStringLiteral("{{laughs}}") << QStringLiteral("{{laughs}}")
        << QStringList{QStringLiteral("laughs")};
    QTest::newRow("one value used twice, twice over")
        << QStringLiteral("{{twice}}") << QStringLiteral("42-42/42-42") << QStringList{};
    QTest::newRow("a chain that would grow past the cap")
        << QStringLiteral("{{grow0}}") << QStringLiteral("{{grow0}}") << QStringList{QStringLiteral("grow0")};
}

void tst_Variables::resolve()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QFETCH(QStringList, unresolved);
    QStringList errors;
    const Environments environments = Environments::fromJson(publicEnv, privateEnv, &errors);
    VariableResolver resolver;
    resolver.requestVariables = {
        {QStringLiteral("id"), QStringLiteral("42")},
        {QStringLiteral("loop"), QStringLiteral("{{loop}}")},
        {QStringLiteral("laughs"), QStringLiteral("{{laughs}}{{laughs}}{{laughs}}{{laughs}}")},
        {QStringLiteral("pair"), QStringLiteral("{{id}}-{{id}}")},
        {QStringLiteral("twice"), QStringLiteral("{{pair}}/{{pair}}")}};
    // grow0 = 4 × grow1 = … = 4^15 × 8 characters (8.6 G): refused past MaxValueChars.
    for (int level = 0; level < 15; ++level) {
        const QString next = QStringLiteral("{{grow%1}}").arg(level + 1);
        resolver.requestVariables.insert(QStringLiteral("grow%1").arg(level), next + next + next + next);
    }
    resolver.requestVariables.insert(QStringLiteral("grow15"), QStringLiteral("xxxxxxxx"));
    resolver.privateEnvironment = environments.privateVariables(QStringLiteral("dev"));
    resolver.publicEnvironment = environments.publicVariables(QStringLiteral("dev"));
    QStringList missing;
    QCOMPARE(resolver.resolve(text, &missing), expected);
    QCOMPARE(missing, unresolved);
}

void tst_Variables::dynamicVariables_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("pattern");
    QTest::newRow("uuid") << QStringLiteral("{{$uuid}}")
                          << QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
    QTest::newRow("guid") << QStringLiteral("{{$guid}}") << QStringLiteral("^[0-9a-f-]{36}$");
    QTest::newRow("timestamp") << QStringLiteral("{{$timestamp}}") << QStringLiteral("^1[0-9]{9}$");
    QTest::newRow("iso timestamp") << QStringLiteral("{{$isoTimestamp}}")
                                   << QStringLiteral(
                                          "^20\\d\\d-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$");
    QTest::newRow("random int range") << QStringLiteral("{{$randomInt 5 6}}") << QStringLiteral("^5$");
    QTest::newRow("random int") << QStringLiteral("{{$randomInt}}") << QStringLiteral("^\\d{1,3}$");
}

void tst_Variables::dynamicVariables()
{
    QFETCH(QString, text);
    QFETCH(QString, pattern);
    VariableResolver resolver;
    QStringList missing;
    const QString value = resolver.resolve(text, &missing);
    QVERIFY(missing.isEmpty());
    QVERIFY2(QRegularExpression(pattern).match(value).hasMatch(), qPrintable(value));
    QVERIFY(resolver.resolve(QStringLiteral("{{$uuid}}"), &missing) !=
            resolver.resolve(QStringLiteral("{{$uuid}}"), &missing));
}

void tst_Variables::chaining_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("json path") << QStringLiteral("Bearer {{login.response.body.$.token}}")
                               << QStringLiteral("Bearer t-123");
    QTest::newRow("nested path") << QStringLiteral("{{login.response.body.$.user.roles[1]}}")
                                 << QStringLiteral("admin");
    QTest::newRow("object value") << QStringLiteral("{{login.response.body.$.user.roles}}")
                                  << QStringLiteral("[\"reader\",\"admin\"]");
    QTest::newRow("header") << QStringLiteral("{{login.response.headers.X-Session}}")
                            << QStringLiteral("sess-9");
    QTest::newRow("not run yet") << QStringLiteral("{{other.response.body.$.token}}")
                                 << QStringLiteral("{{other.response.body.$.token}}");
    QTest::newRow("missing path") << QStringLiteral("{{login.response.body.$.nope}}")
                                  << QStringLiteral("{{login.response.body.$.nope}}");
    // httpyac: a named request's body is a variable of that name.
    QTest::newRow("httpyac property")
        << QStringLiteral("Bearer {{login.token}}") << QStringLiteral("Bearer t-123");
    QTest::newRow("httpyac nested") << QStringLiteral("{{login.user.roles[0]}}") << QStringLiteral("reader");
    QTest::newRow("httpyac whole body")
        << QStringLiteral("{{login}}")
        << QStringLiteral(R"({"token":"t-123","user":{"roles":["reader","admin"]}})");
    QTest::newRow("httpyac missing") << QStringLiteral("{{login.nope}}") << QStringLiteral("{{login.nope}}");
}

void tst_Variables::chaining()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    Exchange login;
    login.status = 200;
    login.headers = {{"X-Session", "sess-9"}};
    login.body = ResponseBody::fromBytes(R"({"token":"t-123","user":{"roles":["reader","admin"]}})");
    VariableResolver resolver;
    resolver.responses = [&login](const QString &name) {
        return name == QLatin1String("login") ? &login : nullptr;
    };
    QStringList missing;
    QCOMPARE(resolver.resolve(text, &missing), expected);
    QCOMPARE(missing.isEmpty(), expected != text);
}

void tst_Variables::resolvesWholeSpec()
{
    VariableResolver resolver;
    resolver.publicEnvironment = {{QStringLiteral("host"), QStringLiteral("http://h")},
                                  {QStringLiteral("t"), QStringLiteral("tok")}};
    RequestSpec spec;
    spec.url = QStringLiteral("{{host}}/x");
    spec.headers = {{QStringLiteral("X-A"), QStringLiteral("{{t}}")},
                    {QStringLiteral("X-Off"), QStringLiteral("{{nope}}"), false}};
    spec.body.kind = BodyKind::Raw;
    spec.body.raw = R"({"t": "{{t}}"})";
    spec.auth.kind = AuthKind::Bearer;
    spec.auth.token = QStringLiteral("{{t}}");
    QStringList missing;
    const RequestSpec resolved = resolver.resolve(spec, &missing);
    QCOMPARE(resolved.url, QStringLiteral("http://h/x"));
    QCOMPARE(resolved.headers[0].value, QStringLiteral("tok"));
    QCOMPARE(resolved.body.raw, QByteArray(R"({"t": "tok"})"));
    QCOMPARE(resolved.auth.token, QStringLiteral("tok"));
    QVERIFY(missing.isEmpty()); // disabled headers do not count
}

void tst_Variables::jsonPath_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonValue>("expected");
    QTest::newRow("root") << QStringLiteral("$")
                          << QJsonValue(
                                 QJsonObject{{QStringLiteral("a"), QJsonObject{{QStringLiteral("b c"), 1}}},
                                             {QStringLiteral("l"), QJsonArray{10, 20}}});
    QTest::newRow("quoted key") << QStringLiteral("$.a['b c']") << QJsonValue(1);
    QTest::newRow("index") << QStringLiteral("$.l[1]") << QJsonValue(20);
    QTest::newRow("out of range") << QStringLiteral("$.l[2]") << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("not a path") << QStringLiteral("a.b") << QJsonValue(QJsonValue::Undefined);
}

void tst_Variables::jsonPath()
{
    QFETCH(QString, path);
    QFETCH(QJsonValue, expected);
    const QJsonValue root = QJsonObject{{QStringLiteral("a"), QJsonObject{{QStringLiteral("b c"), 1}}},
                                        {QStringLiteral("l"), QJsonArray{10, 20}}};
    const auto found = ApiLens::Core::jsonPath(root, path);
    QCOMPARE(found.has_value(), !expected.isUndefined());
    if (found) {
        QCOMPARE(*found, expected);
    }
}

QTEST_GUILESS_MAIN(tst_Variables)
#include "tst_variables.moc"
