#include "collections/bodyfiles.h"
#include "collections/httpdocument.h"
#include "collections/variables.h"
#include "interop/commandexport.h"
#include "interop/curl.h"
#include "interop/shellwords.h"
#include "peers.h"

#include "http/httpclient.h"
#include "testserver.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkProxy>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ApiLens::Core;
using ApiLens::Test::ReceivedRequest;
using ApiLens::Test::TestServer;

namespace {

QStringList L(std::initializer_list<const char *> words)
{
    QStringList list;
    for (const char *word : words) {
        list.append(QString::fromUtf8(word));
    }
    return list;
}

} // namespace

class tst_Curl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void shellWords_data();
    void shellWords();
    void shellErrors_data();
    void shellErrors();
    void parse_data();
    void parse();
    void refusesWhatIsNotARequest_data();
    void refusesWhatIsNotARequest();
    void exportParsesBack_data();
    void exportParsesBack();
    void otherLanguages();
    void sameRequestAsCurl_data();
    void sameRequestAsCurl();
    void copyAsCurlSendsTheSameRequest_data();
    void copyAsCurlSendsTheSameRequest();
    void collectionAsCurlScript();
    void sameRequestsAsCurlScript_data();
    void sameRequestsAsCurlScript();

private:
    // Sends `spec` with ApiLens and `command` with curl (through bash) to `server`; returns both receipts.
    static void compareWithCurl(const ReceivedRequest &byApiLens, const ReceivedRequest &byCurl,
                                const QString &withUrl);
    static std::pair<ReceivedRequest, ReceivedRequest> sendBoth(TestServer *server, const RequestSpec &spec,
                                                                const QString &command);
    static CurlFileReader files()
    {
        return [](const QString &path) -> std::optional<QByteArray> {
            // curl reads files from its working directory.
            if (path == QLatin1String("/cwd/body.json")) {
                return QByteArray("{\n  \"a\": 1\r\n}\n");
            }
            if (path == QLatin1String("/cwd/note.txt")) {
                return QByteArray("a b&c");
            }
            return std::nullopt;
        };
    }
    QTemporaryDir m_dir;
};

void tst_Curl::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void tst_Curl::shellWords_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("words");
    QTest::newRow("plain") << "curl -s http://h/x" << L({"curl", "-s", "http://h/x"});
    QTest::newRow("single quotes keep everything")
        << R"(curl -H 'X: "a" \n $b')" << L({"curl", "-H", R"(X: "a" \n $b)"});
    QTest::newRow("double quotes and their escapes")
        << R"(curl -d "{\"a\": \"\$1 \\ \`x\`\"}")" << L({"curl", "-d", R"({"a": "$1 \ `x`"})"});
    QTest::newRow("adjacent pieces make one word") << R"(curl 'a'"b"c\ d)" << L({"curl", "abc d"});
    QTest::newRow("backslash-newline continuations")
        << "curl \\\n  -X POST \\\r\n  http://h/" << L({"curl", "-X", "POST", "http://h/"});
    QTest::newRow("ANSI-C quoting") << R"(curl --data-raw $'line1\nline2\t\x41\u00e9\'q\'')"
                                    << L({"curl", "--data-raw", "line1\nline2\tA\xc3\xa9'q'"});
    QTest::newRow("empty quoted word") << "curl -H '' x" << L({"curl", "-H", "", "x"});
    QTest::newRow("tabs and newlines separate") << "curl\t-s\nhttp://h" << L({"curl", "-s", "http://h"});
}

void tst_Curl::shellWords()
{
    QFETCH(QString, command);
    QFETCH(QStringList, words);
    QString error;
    const auto split = splitShellWords(command, &error);
    QVERIFY2(split, qPrintable(error));
    QCOMPARE(*split, words);
}

void tst_Curl::shellErrors_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("message");
    QTest::newRow("single") << "curl -d 'abc"
                            << "unterminated ' quote starting at character 9";
    QTest::newRow("double") << "curl \"abc"
                            << "unterminated \" quote starting at character 6";
    QTest::newRow("ansi") << "curl $'abc"
                          << "unterminated $' quote starting at character 6";
}

void tst_Curl::shellErrors()
{
    QFETCH(QString, command);
    QFETCH(QString, message);
    QString error;
    QVERIFY(!splitShellWords(command, &error));
    QCOMPARE(error, message);
    const CurlImport imported = parseCurl(command);
    QVERIFY(!imported.ok());
    QCOMPARE(imported.error, message);
}

void tst_Curl::parse_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QStringList>("headers"); // "Name: value"
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("contentType");
    QTest::addColumn<QString>("extra"); // auth / settings / unknown, as a short text

    QTest::newRow("a script's shebang, comments (with an apostrophe) and blank lines first")
        << "#!/bin/sh\n# don't forget the token\n\n  \ncurl https://h/ok"
        << "GET"
        << "https://h/ok" << QStringList{} << QByteArray() << ""
        << "follow=0";
    QTest::newRow("GET, no scheme") << "curl example.test/users"
                                    << "GET"
                                    << "http://example.test/users" << QStringList{} << QByteArray() << ""
                                    << "follow=0";
    QTest::newRow("-X and -H, clustered flags")
        << "curl -sSL -XDELETE -H 'Accept: application/json' -H'X-Id:7' https://h/a/1"
        << "DELETE"
        << "https://h/a/1" << L({"Accept: application/json", "X-Id: 7"}) << QByteArray() << ""
        << "follow=1 ignored=--silent,--show-error";
    QTest::newRow("-d makes a form POST, pieces joined with &")
        << "curl -d a=1 --data 'b=2 3' https://h/f"
        << "POST"
        << "https://h/f" << QStringList{} << QByteArray("a=1&b=2 3") << "application/x-www-form-urlencoded"
        << "";
    QTest::newRow("-d @file strips line breaks, --data-binary keeps them")
        << "curl -d @body.json --data-binary @body.json https://h/"
        << "POST"
        << "https://h/" << QStringList{} << QByteArray("{  \"a\": 1}&{\n  \"a\": 1\r\n}\n")
        << "application/x-www-form-urlencoded"
        << "files=/cwd/body.json";
    QTest::newRow("--data-raw keeps a leading @")
        << "curl --data-raw @handle https://h/"
        << "POST"
        << "https://h/" << QStringList{} << QByteArray("@handle") << "application/x-www-form-urlencoded"
        << "";
    QTest::newRow("--data-urlencode forms")
        << "curl --data-urlencode 'q=a b&c' --data-urlencode '=x/y' --data-urlencode plain --data-urlencode "
           "n@note.txt https://h/"
        << "POST"
        << "https://h/" << QStringList{} << QByteArray("q=a+b%26c&x%2Fy&plain&n=a+b%26c")
        << "application/x-www-form-urlencoded"
        << "";
    QTest::newRow("-G moves data into the query")
        << "curl -G -d q=1 --data-urlencode 'name=Ada L' 'https://h/s?x=0#top'"
        << "GET"
        << "https://h/s?x=0&q=1&name=Ada+L#top" << QStringList{} << QByteArray() << ""
        << "";
    QTest::newRow("--json") << R"(curl --json '{"a":1}' https://h/j)"
                            << "POST"
                            << "https://h/j" << L({"Accept: application/json"}) << QByteArray(R"({"a":1})")
                            << "application/json"
                            << "";
    QTest::newRow("a Content-Type header wins")
        << R"(curl -H 'Content-Type: application/json' -d '{"a":1}' https://h/)"
        << "POST"
        << "https://h/" << L({"Content-Type: application/json"}) << QByteArray(R"({"a":1})")
        << "application/json"
        << "";
    QTest::newRow("-X overrides the POST")
        << "curl -X PUT -d x=1 https://h/"
        << "PUT"
        << "https://h/" << QStringList{} << QByteArray("x=1") << "application/x-www-form-urlencoded"
        << "";
    QTest::newRow("-u basic") << "curl -u ada:s3cr:et https://h/"
                              << "GET"
                              << "https://h/" << QStringList{} << QByteArray() << ""
                              << "basic ada/s3cr:et";
    QTest::newRow("--digest -u") << "curl --digest -u ada:pw https://h/"
                                 << "GET"
                                 << "https://h/" << QStringList{} << QByteArray() << ""
                                 << "digest ada/pw";
    QTest::newRow("bearer") << "curl --oauth2-bearer tok https://h/"
                            << "GET"
                            << "https://h/" << QStringList{} << QByteArray() << ""
                            << "bearer tok";
    QTest::newRow("-A -e -b") << "curl -A 'Agent/1' -e 'https://r/;auto' -b 'a=1; b=2' https://h/"
                              << "GET"
                              << "https://h/"
                              << L({"User-Agent: Agent/1", "Referer: https://r/", "Cookie: a=1; b=2"})
                              << QByteArray() << ""
                              << "";
    QTest::newRow("-k -L --max-redirs -m --compressed --url")
        << "curl -k -L --max-redirs 3 -m 2.5 --compressed --url https://h/z"
        << "GET"
        << "https://h/z" << QStringList{} << QByteArray() << ""
        << "follow=1 max=3 timeout=2500 tls=0";
    QTest::newRow("-I is HEAD") << "curl -I https://h/"
                                << "HEAD"
                                << "https://h/" << QStringList{} << QByteArray() << ""
                                << "";
    QTest::newRow("-F text, file and type")
        << "curl -F name=Ada -F 'photo=@me.png;type=image/png' -F 'note=<note.txt' https://h/up"
        << "POST"
        << "https://h/up" << QStringList{} << QByteArray() << ""
        << "parts=name:Ada,photo@/cwd/me.png(image/png),note:a b&c files=/cwd/me.png,/cwd/note.txt";
    QTest::newRow("-T uploads with PUT")
        << "curl -T ./data.bin https://h/u"
        << "PUT"
        << "https://h/u" << QStringList{QStringLiteral("Expect: 100-continue")} << QByteArray() << ""
        << "file=/cwd/data.bin";
    QTest::newRow("-x proxy") << "curl -x http://user:pw@127.0.0.1:3128 https://h/"
                              << "GET"
                              << "https://h/" << QStringList{} << QByteArray() << ""
                              << "proxy=127.0.0.1:3128 user";
    QTest::newRow("unknown options are listed")
        << "curl --cert me.pem --frobnicate -Z -o out.txt https://h/"
        << "GET"
        << "https://h/" << QStringList{} << QByteArray() << ""
        << "unknown=--cert me.pem,--frobnicate,-Z ignored=--output out.txt";
    QTest::newRow("a copied browser command")
        << "curl 'https://h/api/v1/items?page=2' \\\n  -H 'accept: */*' \\\n  -H $'x-note: it\\'s' \\\n  "
           "--compressed"
        << "GET"
        << "https://h/api/v1/items?page=2" << L({"accept: */*", "x-note: it's"}) << QByteArray() << ""
        << "";
}

void tst_Curl::parse()
{
    QFETCH(QString, command);
    QFETCH(QString, method);
    QFETCH(QString, url);
    QFETCH(QStringList, headers);
    QFETCH(QByteArray, body);
    QFETCH(QString, contentType);
    QFETCH(QString, extra);
    const CurlImport imported = parseCurl(command, QStringLiteral("/cwd"), files());
    QVERIFY2(imported.ok(), qPrintable(imported.error));
    const RequestSpec &spec = imported.spec;
    QCOMPARE(spec.method, method);
    QCOMPARE(spec.url, url);
    QStringList gotHeaders;
    for (const KeyValue &header : spec.headers) {
        gotHeaders.append(header.name + QStringLiteral(": ") + header.value);
    }
    QCOMPARE(gotHeaders, headers);
    if (spec.body.kind == BodyKind::Raw) {
        QCOMPARE(spec.body.raw, body);
        QCOMPARE(spec.body.contentType, contentType);
    } else {
        QVERIFY(body.isEmpty());
    }
    const QStringList checks = extra.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (int i = 0; i < checks.size(); ++i) {
        const QString check = checks[i];
        if (check.startsWith(QLatin1String("follow="))) {
            QCOMPARE(spec.settings.followRedirects, check.endsWith(QLatin1Char('1')));
        } else if (check.startsWith(QLatin1String("max="))) {
            QCOMPARE(spec.settings.maxRedirects, check.mid(4).toInt());
        } else if (check.startsWith(QLatin1String("timeout="))) {
            QCOMPARE(spec.settings.timeoutMs, check.mid(8).toInt());
        } else if (check == QLatin1String("tls=0")) {
            QVERIFY(!spec.settings.verifyTls);
        } else if (check == QLatin1String("basic") || check == QLatin1String("digest")) {
            QCOMPARE(spec.auth.kind, check == QLatin1String("basic") ? AuthKind::Basic : AuthKind::Digest);
            const QString credentials = checks[++i];
            QCOMPARE(spec.auth.username + QLatin1Char('/') + spec.auth.password, credentials);
        } else if (check == QLatin1String("bearer")) {
            QCOMPARE(spec.auth.kind, AuthKind::Bearer);
            QCOMPARE(spec.auth.token, checks[++i]);
        } else if (check.startsWith(QLatin1String("parts="))) {
            QCOMPARE(spec.body.kind, BodyKind::Multipart);
            QStringList parts;
            for (const MultipartPart &part : spec.body.parts) {
                const QString type =
                    part.contentType.isEmpty() ? QString() : QStringLiteral("(%1)").arg(part.contentType);
                parts.append(part.isFile() ? QString(part.name + QLatin1Char('@') + part.filePath + type)
                                           : QString(part.name + QLatin1Char(':') + part.value));
            }
            QString want = check.mid(6);
            if (i + 1 < checks.size() && !checks[i + 1].contains(QLatin1Char('='))) {
                want += QLatin1Char(' ') + checks[++i];
            }
            QCOMPARE(parts.join(QLatin1Char(',')), want);
        } else if (check.startsWith(QLatin1String("files="))) {
            QCOMPARE(imported.files.join(QLatin1Char(',')), check.mid(6));
        } else if (check.startsWith(QLatin1String("file="))) {
            QCOMPARE(spec.body.kind, BodyKind::BinaryFile);
            QCOMPARE(spec.body.filePath, check.mid(5));
        } else if (check.startsWith(QLatin1String("proxy="))) {
            QCOMPARE(spec.settings.proxy.mode, ProxyMode::Manual);
            QCOMPARE(QStringLiteral("%1:%2").arg(spec.settings.proxy.host).arg(spec.settings.proxy.port),
                     check.mid(6));
            QCOMPARE(spec.settings.proxy.user, checks[++i]);
        } else if (check.startsWith(QLatin1String("unknown="))) {
            QCOMPARE(imported.unknownOptions.join(QLatin1Char(',')),
                     check.mid(8) + QLatin1Char(' ') + checks[++i]);
        } else if (check.startsWith(QLatin1String("ignored="))) {
            QString want = check.mid(8);
            if (i + 1 < checks.size() && !checks[i + 1].contains(QLatin1Char('='))) {
                want += QLatin1Char(' ') + checks[++i];
            }
            QCOMPARE(imported.ignored.join(QLatin1Char(',')), want);
        } else {
            QFAIL(qPrintable(QStringLiteral("unknown check ") + check));
        }
    }
}

void tst_Curl::refusesWhatIsNotARequest_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("message");
    QTest::newRow("not curl") << "wget https://h/"
                              << "not a curl command";
    QTest::newRow("no URL") << "curl -s -H 'A: b'"
                            << "no URL in the curl command";
    QTest::newRow("missing value") << "curl https://h/ -H"
                                   << "-H needs a value";
    QTest::newRow("missing file") << "curl -d @nope.json https://h/"
                                  << "cannot read the file nope.json named by -d";
    QTest::newRow("-d with -F, which curl refuses") << "curl -d a=1 -F b=2 https://h/"
                                                    << "curl refuses this command";
    QTest::newRow("-d with -T, which curl refuses") << "curl -d a=1 -T body.json https://h/"
                                                    << "curl refuses this command";
    QTest::newRow("stdin") << "curl --data-binary @- https://h/"
                           << "reads standard input";
    QTest::newRow("bad max-time") << "curl -m soon https://h/"
                                  << "--max-time soon: not a number of seconds";
}

void tst_Curl::refusesWhatIsNotARequest()
{
    QFETCH(QString, command);
    QFETCH(QString, message);
    const CurlImport imported = parseCurl(command, QStringLiteral("/cwd"), files());
    QVERIFY(!imported.ok());
    QVERIFY2(imported.error.contains(message), qPrintable(imported.error));
}

void tst_Curl::exportParsesBack_data()
{
    QTest::addColumn<RequestSpec>("spec");
    RequestSpec get;
    get.url = QStringLiteral("https://h/items?q=a%20b&x='quoted'");
    get.headers = {KeyValue{QStringLiteral("Accept"), QStringLiteral("application/json"), true},
                   KeyValue{QStringLiteral("X-Off"), QStringLiteral("not sent"), false},
                   KeyValue{QStringLiteral("X-Quote"), QStringLiteral("it's \"fine\""), true}};
    QTest::newRow("GET with headers") << get;
    RequestSpec post;
    post.method = QStringLiteral("PATCH");
    post.url = QStringLiteral("https://h/a/17");
    post.body.kind = BodyKind::Raw;
    post.body.raw = "{\n  \"name\": \"O'Brien\",\n  \"n\": 1\n}";
    post.body.contentType = QStringLiteral("application/json");
    post.auth.kind = AuthKind::Bearer;
    post.auth.token = QStringLiteral("t0k");
    post.settings.verifyTls = false;
    post.settings.followRedirects = true;
    post.settings.maxRedirects = 4;
    post.settings.timeoutMs = 1500;
    QTest::newRow("PATCH JSON, bearer, settings") << post;
    RequestSpec form;
    form.method = QStringLiteral("POST");
    form.url = QStringLiteral("https://h/login");
    form.body.kind = BodyKind::UrlEncoded;
    form.body.form = {KeyValue{QStringLiteral("user"), QStringLiteral("ada lovelace"), true},
                      KeyValue{QStringLiteral("pw"), QStringLiteral("a&b=c"), true}};
    form.auth.kind = AuthKind::Basic;
    form.auth.username = QStringLiteral("ada");
    form.auth.password = QStringLiteral("p:w");
    QTest::newRow("form with basic auth") << form;
    RequestSpec multipart;
    multipart.method = QStringLiteral("POST");
    multipart.url = QStringLiteral("https://h/up");
    multipart.body.kind = BodyKind::Multipart;
    multipart.body.parts = {
        MultipartPart{QStringLiteral("title"), QStringLiteral("@not a file;x"), {}, {}, true, {}},
        MultipartPart{QStringLiteral("photo"),
                      {},
                      QStringLiteral("/tmp/me.png"),
                      QStringLiteral("image/png"),
                      true,
                      {}}};
    QTest::newRow("multipart") << multipart;
}

void tst_Curl::exportParsesBack()
{
    QFETCH(RequestSpec, spec);
    const QString command = toCurl(spec);
    const CurlImport back = parseCurl(command, QStringLiteral("/cwd"), files());
    QVERIFY2(back.ok(), qPrintable(back.error + QLatin1Char('\n') + command));
    QVERIFY2(back.unknownOptions.isEmpty(), qPrintable(back.unknownOptions.join(QLatin1Char(','))));
    QCOMPARE(back.spec.method, spec.method);
    QCOMPARE(back.spec.url, spec.url);
    QCOMPARE(back.spec.settings.verifyTls, spec.settings.verifyTls);
    QCOMPARE(back.spec.settings.followRedirects, spec.settings.followRedirects);
    if (spec.settings.followRedirects) {
        QCOMPARE(back.spec.settings.maxRedirects, spec.settings.maxRedirects);
    }
    QCOMPARE(back.spec.settings.timeoutMs, spec.settings.timeoutMs);
    // Enabled headers come back, in order; auth as curl carries it.
    QStringList want;
    for (const KeyValue &header : spec.headers) {
        if (header.enabled) {
            want.append(header.name + QLatin1Char('=') + header.value);
        }
    }
    if (spec.auth.kind == AuthKind::Bearer) {
        want.append(QStringLiteral("Authorization=Bearer ") + spec.auth.token);
    }
    if (spec.body.kind == BodyKind::Raw || spec.body.kind == BodyKind::UrlEncoded) {
        want.append(QStringLiteral("Content-Type=") +
                    (spec.body.kind == BodyKind::Raw ? spec.body.contentType
                                                     : QStringLiteral("application/x-www-form-urlencoded")));
    }
    QStringList got;
    for (const KeyValue &header : back.spec.headers) {
        got.append(header.name + QLatin1Char('=') + header.value);
    }
    QCOMPARE(got, want);
    if (spec.body.kind == BodyKind::Raw) {
        QCOMPARE(back.spec.body.raw, spec.body.raw);
    } else if (spec.body.kind == BodyKind::UrlEncoded) {
        QCOMPARE(back.spec.body.raw, QByteArray("user=ada+lovelace&pw=a%26b%3Dc"));
    } else if (spec.body.kind == BodyKind::Multipart) {
        QCOMPARE(back.spec.body.parts.size(), 2);
        QCOMPARE(back.spec.body.parts[0].value, QStringLiteral("@not a file;x")); // --form-string: literal
        QCOMPARE(back.spec.body.parts[1].filePath, QStringLiteral("/tmp/me.png"));
        QCOMPARE(back.spec.body.parts[1].contentType, QStringLiteral("image/png"));
    }
    // A bearer token travels as its header (checked above); user and password as -u.
    QCOMPARE(back.spec.auth.kind, spec.auth.kind == AuthKind::Bearer ? AuthKind::None : spec.auth.kind);
    QCOMPARE(back.spec.auth.username, spec.auth.username);
    QCOMPARE(back.spec.auth.password, spec.auth.password);
}

void tst_Curl::otherLanguages()
{
    RequestSpec spec;
    spec.method = QStringLiteral("POST");
    spec.url = QStringLiteral("https://h/items");
    spec.headers = {KeyValue{QStringLiteral("X-Id"), QStringLiteral("7"), true}};
    spec.body.kind = BodyKind::Raw;
    spec.body.raw = "{\"name\": \"Ada \\\"L\\\"\"}";
    spec.body.contentType = QStringLiteral("application/json");
    spec.auth.kind = AuthKind::Basic;
    spec.auth.username = QStringLiteral("ada");
    spec.auth.password = QStringLiteral("pw");
    const QString httpie = toHttpie(spec);
    QVERIFY2(httpie.startsWith(QStringLiteral(
                 "http --ignore-stdin --follow --max-redirects=10 --timeout=30 --auth ada:pw --raw ")),
             qPrintable(httpie));
    QVERIFY(httpie.contains(QStringLiteral(" POST https://h/items X-Id:7 Content-Type:application/json")));
    const QString python = toPythonRequests(spec);
    QVERIFY2(python.contains(QStringLiteral(R"(data="{\"name\": \"Ada \\\"L\\\"\"}".encode())")),
             qPrintable(python));
    QVERIFY(python.contains(QStringLiteral("auth=(\"ada\", \"pw\")")));
    QVERIFY(python.contains(QStringLiteral("allow_redirects=True")));
    const QString fetch = toFetch(spec);
    QVERIFY2(fetch.contains(QStringLiteral("\"Authorization\": \"Basic YWRhOnB3\"")), qPrintable(fetch));
    QVERIFY(fetch.contains(QStringLiteral("method: \"POST\"")));
    QVERIFY(fetch.contains(QStringLiteral("redirect: \"follow\"")));
    // The Python and JavaScript literals are JSON strings: they read back to the same body.
    const qsizetype start = python.indexOf(QStringLiteral("data=")) + 5;
    const QString literal = python.mid(start, python.indexOf(QStringLiteral(".encode()")) - start);
    QCOMPARE(QJsonDocument::fromJson("[" + literal.toUtf8() + "]").array().at(0).toString().toUtf8(),
             spec.body.raw);
}

// The same command, sent by curl itself and by ApiLens, reaches the echo server the same way.
void tst_Curl::sameRequestAsCurl_data()
{
    QTest::addColumn<QString>("arguments"); // after "curl -s -o /dev/null", with URL for the server
    QTest::newRow("GET with headers")
        << "-H 'Accept: application/json' -H 'X-Trace: abc' 'URL/items?page=2&q=a%20b'";
    QTest::newRow("form data") << "-d 'name=Ada' --data-urlencode 'note=a b&c' URL/form";
    QTest::newRow("cookie file") << "-b cookies.txt URL/api/items";
    QTest::newRow("cookie file and string") << "-b 'x=1' -b cookies.txt URL/api/items";
    QTest::newRow("JSON via --json") << R"(--json '{"a": [1, 2]}' URL/json)";
    QTest::newRow("raw body, custom type, PUT")
        << R"(-X PUT -H 'Content-Type: text/plain; charset=utf-8' --data-binary $'line 1\nline 2' URL/text)";
    QTest::newRow("-G query") << "-G -d q=1 --data-urlencode 'who=Ada L' URL/search";
    QTest::newRow("basic auth, agent, referer, cookie")
        << "-u ada:pw -A 'Agent/1.0' -e https://ref.test/ -b 'a=1; b=2' URL/me";
    QTest::newRow("HEAD") << "-I URL/head";
    QTest::newRow("DELETE with a body") << "-X DELETE -d 'id=7' URL/items";
    // Files, named as curl names them: from its working directory.
    QTest::newRow("-F with files and text")
        << "-F 'file=@report.csv' -F 'x=1' -F 'pic=@me.png;filename=cat.png' "
           "-F 'note=<note.txt' URL/upload";
    QTest::newRow("--data-binary @file")
        << "--data-binary @payload.json -H 'Content-Type: application/json' URL/in";
    QTest::newRow("-d @file strips line breaks") << "-d @payload.json URL/in";
    QTest::newRow("-T uploads a file") << "-T report.csv URL/put";
    QTest::newRow("'Accept:' and -A '' leave headers out") << "-H 'Accept:' -A '' URL/bare";
    QTest::newRow("--compressed") << "--compressed URL/zipped";
    // What a new user found sent wrong.
    QTest::newRow("-u with an empty name") << "-u ':password' URL/auth";
    QTest::newRow("--user with an empty password") << "--user 'name:' URL/auth";
    QTest::newRow("--data-binary @file keeps the last newline") << "--data-binary @payload.json URL/in";
    QTest::newRow("-F with a quoted value") << R"(-F 'token="abc"' -F 'q="say \"hi\""' URL/form)";
    QTest::newRow("multipart Content-Type without a boundary")
        << "-H 'Content-Type: multipart/form-data' -F 'a=1' URL/form";
    QTest::newRow("--range with a start only") << "--range 600 URL/part";
    QTest::newRow("-X in mixed case") << "-X wHat URL/odd";
    // A text file; a binary one goes out with upper-case escapes where curl writes lower case
    // (QUrl rewrites the target's escapes; keeping the written bytes is still to do).
    QTest::newRow("--url-query from a file") << "--url-query 'n@note.txt' URL/q";
    QTest::newRow("-T to a folder URL") << "-T report.csv URL/upload/";
}

void tst_Curl::sameRequestAsCurl()
{
    QFETCH(QString, arguments);
    const QString curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
    APILENS_REQUIRE_PEER(!curl.isEmpty(), "curl is not installed (scripts/setup-debian.sh installs it)");
    TestServer server;
    QVERIFY(server.listen());
    const QString base = server.url().toString(); // "http://127.0.0.1:PORT", no trailing slash
    const QString line = arguments;
    QString withUrl = line;
    withUrl.replace(QStringLiteral("URL"), base);

    // curl itself, through bash so the quoting ($'...' too) is the shell's.
    // The server answers on this thread's event loop: wait with a spy, not waitForFinished().
    const QDir files(m_dir.path());
    const auto write = [&files](const char *name, const QByteArray &bytes) {
        QFile file(files.filePath(QLatin1String(name)));
        return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
    };
    QVERIFY(write("report.csv", "id,name\n1,Ada\n") && write("payload.json", "{\n  \"a\": 1\n}\n") &&
            write("me.png", QByteArray("\x89PNG\r\n\x1a\n", 8) + QByteArray(40, '\0')) &&
            write("note.txt", "a b&c") &&
            write("cookies.txt", "# Netscape HTTP Cookie File\n127.0.0.1\tFALSE\t/\tFALSE\t0\tsession\ts-1\n"
                                 "#HttpOnly_127.0.0.1\tFALSE\t/api\tFALSE\t4102444800\tpref\tdark\n"
                                 "127.0.0.1\tFALSE\t/other\tFALSE\t0\tnot\tsent\n"
                                 "127.0.0.1\tFALSE\t/\tTRUE\t0\tsecure\tonly-https\n"
                                 "127.0.0.1\tFALSE\t/\tFALSE\t1\texpired\tlong-ago\n"
                                 "example.org\tTRUE\t/\tFALSE\t0\telse\twhere\n"));
    QProcess process;
    process.setWorkingDirectory(files.path());
    QSignalSpy done(&process, &QProcess::finished);
    process.start(
        QStringLiteral("/bin/bash"),
        {QStringLiteral("-c"), QStringLiteral("'%1' -s -o /dev/null --noproxy '*' %2").arg(curl, withUrl)});
    QVERIFY(done.wait(10000));
    QCOMPARE(process.exitCode(), 0);
    QTRY_COMPARE(server.requests().size(), 1);
    const ReceivedRequest byCurl = server.requests().first();
    server.clearRequests();

    // ApiLens, from the same text, with curl's working directory.
    const CurlImport imported = parseCurl(QStringLiteral("curl ") + withUrl, files.path());
    QVERIFY2(imported.ok(), qPrintable(imported.error));
    // Sent as imported, and as `import curl` writes it to a .http file and `run` reads it back.
    HttpDocument document;
    const HttpFileRequest forFile = forHttpFile(imported.spec, files.path());
    document.appendRequest(QStringLiteral("imported"), forFile.spec, {forFile.directives, {}, {}, {}});
    RequestSpec fromFile = HttpDocument::parse(document.serialize()).requests().value(0).toSpec();
    QString error;
    QVERIFY2(inlineBodyFiles(&fromFile, files.path(), &error), qPrintable(error));
    for (const RequestSpec &spec : {imported.spec, fromFile}) {
        server.clearRequests();
        HttpClient client;
        PendingExchange *pending = client.send(spec);
        QSignalSpy finished(pending, &PendingExchange::finished);
        QVERIFY(finished.wait(10000));
        QTRY_COMPARE(server.requests().size(), 1);
        compareWithCurl(server.requests().first(), byCurl, withUrl);
        if (QTest::currentTestFailed()) {
            qWarning("as %s:\n%s", &spec == &fromFile ? "read back from the .http file" : "imported",
                     document.serialize().constData());
            return;
        }
    }
}

void tst_Curl::sameRequestsAsCurlScript_data()
{
    // Pasted scripts: run by bash with the real curl, and imported by ApiLens (every command).
    QTest::addColumn<QString>("script"); // URL for the server
    QTest::newRow("two commands") << "curl URL/a\ncurl -X POST -d 'x=1' URL/b";
    QTest::newRow("&& and ;") << "curl URL/a && curl -H 'X-N: 2' URL/b; curl URL/c";
    QTest::newRow("echo into --data-binary @-")
        << "echo '{\"a\": 1}' | curl -H 'Content-Type: application/json' --data-binary @- URL/p";
    QTest::newRow("echo -n into -d @-") << "echo -n 'a=1' | curl -d @- URL/d";
    QTest::newRow("heredoc") << "curl --data-binary @- URL/h <<'EOF'\nline 1\n  line 2\nEOF\ncurl URL/after";
    QTest::newRow("here-string") << "curl -d @- URL/s <<< 'a=1&b=2'";
    QTest::newRow("standard input from a file") << "curl --data-binary @- URL/f < payload.json";
    QTest::newRow("cat a file into it") << "cat payload.json | curl --data-binary @- URL/c";
    QTest::newRow("-T - from printf") << "printf 'abc\\n' | curl -T - URL/t";
    QTest::newRow("output piped on") << "curl -H 'Accept: text/plain' URL/j | wc -c > /dev/null";
    QTest::newRow("comments and other commands") << "# fetch it\nexport TOKEN=x\ncurl -H 'X: 1' URL/e";
}

void tst_Curl::sameRequestsAsCurlScript()
{
    QFETCH(QString, script);
    const QString curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
    APILENS_REQUIRE_PEER(!curl.isEmpty(), "curl is not installed (scripts/setup-debian.sh installs it)");
    TestServer server;
    QVERIFY(server.listen());
    QString withUrl = script;
    withUrl.replace(QStringLiteral("URL"), server.url().toString());
    const QDir files(m_dir.path());
    QFile payload(files.filePath(QStringLiteral("payload.json")));
    QVERIFY(payload.open(QIODevice::WriteOnly));
    payload.write("{\n  \"a\": 1\n}\n");
    payload.close();
    QProcess process;
    process.setWorkingDirectory(files.path());
    QSignalSpy done(&process, &QProcess::finished);
    // The script as pasted; "curl" quiet, its output dropped, no proxy.
    process.start(
        QStringLiteral("/bin/bash"),
        {QStringLiteral("-c"),
         QStringLiteral("curl() { '%1' -s -o /dev/null --noproxy '*' \"$@\"; }\n%2").arg(curl, withUrl)});
    QVERIFY(done.wait(10000));
    QCOMPARE(process.exitCode(), 0);
    QTest::qWait(50);
    const QList<ReceivedRequest> byCurl = server.requests();
    QVERIFY(!byCurl.isEmpty());

    QVERIFY(looksLikeCurl(withUrl)); // what a paste into the URL field checks
    QString error;
    const QList<CurlImport> imported = parseCurlScript(withUrl, files.path(), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(imported.size(), byCurl.size());
    for (int i = 0; i < imported.size(); ++i) {
        QVERIFY2(imported[i].ok(), qPrintable(imported[i].error));
        server.clearRequests();
        HttpClient client;
        PendingExchange *pending = client.send(imported[i].spec);
        QSignalSpy finished(pending, &PendingExchange::finished);
        QVERIFY(finished.wait(10000));
        QTRY_COMPARE(server.requests().size(), 1);
        compareWithCurl(server.requests().first(), byCurl[i], withUrl);
        if (QTest::currentTestFailed()) {
            return;
        }
    }
}

void tst_Curl::compareWithCurl(const ReceivedRequest &byApiLens, const ReceivedRequest &byCurl,
                               const QString &withUrl)
{
    QCOMPARE(byApiLens.method, byCurl.method);
    QCOMPARE(byApiLens.target, byCurl.target);
    const bool multipart = byCurl.header("Content-Type").startsWith("multipart/form-data");
    if (multipart) {
        // Each client picks its own boundary: the parts are compared.
        QCOMPARE(byApiLens.multipartParts(), byCurl.multipartParts());
    } else {
        QCOMPARE(byApiLens.body, byCurl.body);
    }
    // The same header fields, with the same values: all but the client's name (and, for
    // multipart, the boundary and the length it changes), and Accept-Encoding's list order.
    QStringList curlNames;
    QStringList ourNames;
    for (const auto &[list, from] : {std::pair{&curlNames, &byCurl}, std::pair{&ourNames, &byApiLens}}) {
        for (const auto &header : from->headers) {
            list->append(QString::fromLatin1(header.first).toLower());
        }
        list->removeAll(QStringLiteral("user-agent"));
        list->sort();
    }
    QCOMPARE(ourNames, curlNames);
    for (const QString &name : std::as_const(curlNames)) {
        const QByteArray field = name.toLatin1();
        if ((multipart && (field == "content-type" || field == "content-length")) ||
            field == "accept-encoding") {
            continue;
        }
        QCOMPARE(byApiLens.header(field), byCurl.header(field));
    }
    // A user agent the command gives (or leaves out) is sent as curl sends it.
    if (!withUrl.contains(QLatin1String("-A 'Agent"))) {
        QCOMPARE(byApiLens.header("User-Agent").isEmpty(), byCurl.header("User-Agent").isEmpty());
    } else {
        QCOMPARE(byApiLens.header("User-Agent"), byCurl.header("User-Agent"));
    }
}

std::pair<ReceivedRequest, ReceivedRequest> tst_Curl::sendBoth(TestServer *server, const RequestSpec &spec,
                                                               const QString &command)
{
    server->clearRequests();
    QProcess process;
    QSignalSpy done(&process, &QProcess::finished);
    process.start(QStringLiteral("/bin/bash"), {QStringLiteral("-c"), command});
    done.wait(10000);
    const ReceivedRequest byCurl = server->requests().value(0);
    server->clearRequests();
    HttpClient client;
    PendingExchange *pending = client.send(spec);
    QSignalSpy finished(pending, &PendingExchange::finished);
    finished.wait(10000);
    return {byCurl, server->requests().value(0)};
}

void tst_Curl::copyAsCurlSendsTheSameRequest_data()
{
    QTest::addColumn<RequestSpec>("spec");
    QTest::addColumn<QList<QByteArray>>("headers"); // compared besides method, target and body
    const QTemporaryDir *dir = &m_dir;
    QFile file(dir->filePath(QStringLiteral("upload.bin")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray("\x00\x01\x02 binary\n", 11));
    file.close();

    RequestSpec get;
    get.url = QStringLiteral("PATH/items?page=2&q=a%20b");
    get.headers = {KeyValue{QStringLiteral("Accept"), QStringLiteral("application/json"), true},
                   KeyValue{QStringLiteral("X-Quote"), QStringLiteral("it's \"fine\" $HOME `x`"), true},
                   KeyValue{QStringLiteral("X-Off"), QStringLiteral("no"), false}};
    get.auth.kind = AuthKind::ApiKey;
    get.auth.keyName = QStringLiteral("api_key");
    get.auth.keyValue = QStringLiteral("k 1");
    QTest::newRow("GET, quoting, API key in the query")
        << get << QList<QByteArray>{"Accept", "X-Quote", "X-Off"};
    RequestSpec patch;
    patch.method = QStringLiteral("PATCH");
    patch.url = QStringLiteral("PATH/assets/17");
    patch.body.kind = BodyKind::Raw;
    patch.body.raw = "{\n  \"name\": \"O'Brien\",\n  \"note\": \"$1 \\\\ done\"\n}";
    patch.body.contentType = QStringLiteral("application/json");
    patch.auth.kind = AuthKind::Bearer;
    patch.auth.token = QStringLiteral("t0k");
    QTest::newRow("PATCH JSON with a bearer token")
        << patch << QList<QByteArray>{"Content-Type", "Content-Length", "Authorization"};
    RequestSpec form;
    form.method = QStringLiteral("POST");
    form.url = QStringLiteral("PATH/login");
    form.body.kind = BodyKind::UrlEncoded;
    form.body.form = {KeyValue{QStringLiteral("user"), QStringLiteral("ada lovelace"), true},
                      KeyValue{QStringLiteral("pw"), QStringLiteral("a&b=c+d"), true}};
    form.auth.kind = AuthKind::Basic;
    form.auth.username = QStringLiteral("ada");
    form.auth.password = QStringLiteral("p:w");
    QTest::newRow("form with basic auth")
        << form << QList<QByteArray>{"Content-Type", "Content-Length", "Authorization"};
    RequestSpec raw;
    raw.method = QStringLiteral("PUT");
    raw.url = QStringLiteral("PATH/raw");
    raw.body.kind = BodyKind::Raw;
    raw.body.raw = "no type at all";
    QTest::newRow("raw body without a type") << raw << QList<QByteArray>{"Content-Type", "Content-Length"};
    RequestSpec binary;
    binary.method = QStringLiteral("POST");
    binary.url = QStringLiteral("PATH/upload");
    binary.body.kind = BodyKind::BinaryFile;
    binary.body.filePath = file.fileName();
    QTest::newRow("a file as the body") << binary << QList<QByteArray>{"Content-Type", "Content-Length"};
}

void tst_Curl::copyAsCurlSendsTheSameRequest()
{
    QFETCH(RequestSpec, spec);
    QFETCH(QList<QByteArray>, headers);
    const QString curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
    APILENS_REQUIRE_PEER(!curl.isEmpty(), "curl is not installed (scripts/setup-debian.sh installs it)");
    TestServer server;
    QVERIFY(server.listen());
    spec.url.replace(QStringLiteral("PATH"), server.url().toString());
    const QString command = toCurl(spec);
    QVERIFY(command.startsWith(QStringLiteral("curl ")));
    const auto [byCurl, byApiLens] = sendBoth(
        &server, spec, QLatin1Char('\'') + curl + QStringLiteral("' -s -o /dev/null") + command.mid(4));
    QVERIFY2(!byCurl.method.isEmpty(), qPrintable(command));
    QCOMPARE(byCurl.method, byApiLens.method);
    QCOMPARE(byCurl.target, byApiLens.target);
    QCOMPARE(byCurl.body, byApiLens.body);
    for (const QByteArray &name : std::as_const(headers)) {
        QCOMPARE(byCurl.header(name), byApiLens.header(name));
    }
}

void tst_Curl::collectionAsCurlScript()
{
    const QString curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
    APILENS_REQUIRE_PEER(!curl.isEmpty(), "curl is not installed (scripts/setup-debian.sh installs it)");
    TestServer server;
    QVERIFY(server.listen());
    QTemporaryDir dir;
    const auto write = [&dir](const QString &name, const QByteArray &bytes) {
        QDir().mkpath(QFileInfo(dir.filePath(name)).absolutePath());
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    };
    write(QStringLiteral("a.http"),
          "@path = items\n\n### List\nGET {{baseUrl}}/{{path}}?q=1\nAccept: application/json\n\n"
          "### Create\nPOST {{baseUrl}}/items\nContent-Type: application/json\n\n"
          "{\"name\": \"it's\"}\n");
    write(QStringLiteral("sub/b.http"), "### Me\nGET {{baseUrl}}/me\nAuthorization: Bearer {{token}}\n");
    VariableResolver resolver;
    resolver.publicEnvironment.insert(QStringLiteral("baseUrl"), server.url().toString());
    QStringList unresolved;
    int requests = 0;
    QString error;
    const std::optional<QByteArray> script =
        toCurlScript(dir.path(), resolver, &unresolved, &requests, &error);
    QVERIFY2(script, qPrintable(error));
    QCOMPARE(requests, 3);
    QCOMPARE(unresolved, QStringList{QStringLiteral("token")}); // a secret not given stays {{token}}
    QVERIFY2(script->startsWith("#!/bin/sh\n") && script->contains("\n# a.http · List\n") &&
                 script->contains("\n# sub/b.http · Me\n"),
             script->constData());
    // One file on its own.
    QStringList none;
    QCOMPARE(
        toCurlScript(dir.filePath(QStringLiteral("a.http")), resolver, &none, &requests, &error).has_value(),
        true);
    QCOMPARE(requests, 2);
    QVERIFY(!toCurlScript(dir.filePath(QStringLiteral("missing.http")), resolver, &none, &requests, &error));
    QVERIFY2(error.contains(QStringLiteral("missing.http")), qPrintable(error));

    // The script, run by sh with curl, sends the three requests.
    QFile file(dir.filePath(QStringLiteral("export.sh")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(*script);
    file.close();
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("NO_PROXY"), QStringLiteral("*"));
    environment.insert(QStringLiteral("PATH"),
                       QFileInfo(curl).absolutePath() + QStringLiteral(":/usr/bin:/bin"));
    process.setProcessEnvironment(environment);
    QSignalSpy done(&process, &QProcess::finished);
    process.start(QStringLiteral("/bin/sh"), {file.fileName()});
    QVERIFY(done.wait(10000));
    QCOMPARE(process.exitCode(), 0);
    QTRY_COMPARE(server.requests().size(), 3);
    const QList<ReceivedRequest> received = server.requests();
    QCOMPARE(received[0].target, QByteArray("/items?q=1"));
    QCOMPARE(received[0].header("Accept"), QByteArray("application/json"));
    QCOMPARE(received[1].method, QByteArray("POST"));
    QCOMPARE(received[1].body, QByteArray("{\"name\": \"it's\"}"));
    QCOMPARE(received[2].target, QByteArray("/me"));
    QCOMPARE(received[2].header("Authorization"), QByteArray("Bearer {{token}}"));
}

QTEST_GUILESS_MAIN(tst_Curl)
#include "tst_curl.moc"
