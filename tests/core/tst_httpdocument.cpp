#include "collections/httpdocument.h"

#include <QTest>

using namespace ApiLens::Core;

class tst_HttpDocument : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void parsesRequests();
    void directivesVariablesAndScripts();
    void issuesHaveLinesAndTheRestLoads();
    void replaceRewritesOnlyThatBlock_data();
    void replaceRewritesOnlyThatBlock();
    void settingsDirectivesFollowTheRequest_data();
    void settingsDirectivesFollowTheRequest();
    void blockEdits_data();
    void blockEdits();
    void renameBlock_data();
    void renameBlock();
    void basicAuthInClear_data();
    void basicAuthInClear();
    void forHttpFile_data();
    void forHttpFile();
    void readsFilesAsHttpyac_data();
    void readsFilesAsHttpyac();
    void oauth1Directive_data();
    void oauth1Directive();
    void graphqlFragments();
    void scriptsAndMetadata();
    void appendedNameIsOneLine();
};

static const QByteArray sample = R"http(@host = http://127.0.0.1:8080
@token = abc

### Get a user
# A comment that must survive
GET {{host}}/users/42
Accept: application/json
Authorization: Bearer {{token}}

?? status == 200

###

# @name create
// @no-redirect
# @timeout 2.5
# @apilens-catalog netilion
POST {{host}}/users
    ?expand=team
    &limit=10
Content-Type: application/json

{
  "name": "Ada",
  "id": "{{$uuid}}"
}

> {%
  client.global.set("id", response.body.id);
%}

### Upload
PUT https://api.example.test/files/1 HTTP/1.1
Content-Type: application/octet-stream

< ./files/report.pdf

### Short form
https://api.example.test/health
)http";

void tst_HttpDocument::roundTrip_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("sample") << sample;
    QTest::newRow("crlf") << QByteArray(sample).replace("\n", "\r\n");
    QTest::newRow("bom") << QByteArray("\xEF\xBB\xBF") + sample;
    QTest::newRow("no final newline") << sample.chopped(1);
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("only comments") << QByteArray("# nothing here\n\n// really\n");
    QTest::newRow("invalid utf-8 kept") << QByteArray("POST http://h/\n\n\xff\xfe raw bytes\n");
    QTest::newRow("mixed line ends") << QByteArray("GET http://h/a\r\n###\nGET http://h/b\n\n\n");
    QByteArray noise;
    quint32 state = 12345;
    for (int i = 0; i < 65536; ++i) {
        state = state * 1103515245u + 12345u; // a fixed pseudo-random byte stream
        noise.append(char((state >> 16) & 0xff));
    }
    QTest::newRow("random bytes") << noise;
    QTest::newRow("unclosed script") << QByteArray("GET http://h/\n\n> {%\n  client.log(1);\n");
}

void tst_HttpDocument::roundTrip()
{
    QFETCH(QByteArray, bytes);
    const HttpDocument document = HttpDocument::parse(bytes);
    QCOMPARE(document.serialize(), bytes);
}

void tst_HttpDocument::parsesRequests()
{
    const HttpDocument document = HttpDocument::parse(sample);
    const QList<HttpRequestBlock> requests = document.requests();
    QCOMPARE(requests.size(), 4);

    const HttpRequestBlock &get = requests[0];
    QCOMPARE(get.name, QStringLiteral("Get a user"));
    QCOMPARE(get.method, QStringLiteral("GET"));
    QCOMPARE(get.url, QStringLiteral("{{host}}/users/42"));
    QCOMPARE(get.requestLine, 6);
    QCOMPARE(get.headers.size(), 2);
    QCOMPARE(get.headers[1].value, QStringLiteral("Bearer {{token}}"));
    QCOMPARE(get.assertions, QStringList{QStringLiteral("status == 200")});
    QVERIFY(get.body.isEmpty());

    const HttpRequestBlock &create = requests[1];
    QCOMPARE(create.name, QStringLiteral("create"));
    QCOMPARE(create.url, QStringLiteral("{{host}}/users?expand=team&limit=10"));
    QCOMPARE(create.body, QByteArray("{\n  \"name\": \"Ada\",\n  \"id\": \"{{$uuid}}\"\n}"));
    QCOMPARE(create.responseHandlers.size(), 1);
    QVERIFY(create.responseHandlers[0].contains(QStringLiteral("client.global.set")));

    const HttpRequestBlock &upload = requests[2];
    QCOMPARE(upload.httpVersion, QStringLiteral("HTTP/1.1"));
    QCOMPARE(upload.bodyFile, QStringLiteral("./files/report.pdf"));
    QVERIFY(!upload.bodyFileHasVariables);
    QCOMPARE(upload.toSpec().body.kind, BodyKind::BinaryFile);

    const HttpRequestBlock &shortForm = requests[3];
    QCOMPARE(shortForm.method, QStringLiteral("GET"));
    QCOMPARE(shortForm.url, QStringLiteral("https://api.example.test/health"));
    QVERIFY(document.issues().isEmpty());
}

void tst_HttpDocument::directivesVariablesAndScripts()
{
    const HttpDocument document = HttpDocument::parse(sample);
    const QList<HttpRequestBlock> &blocks = document.blocks();
    QCOMPARE(blocks[0].variables.size(), 2);
    QCOMPARE(blocks[0].variables[0].name, QStringLiteral("host"));
    QCOMPARE(blocks[0].variables[0].value, QStringLiteral("http://127.0.0.1:8080"));
    const HttpRequestBlock create = document.requests()[1];
    QVERIFY(create.noRedirect);
    QCOMPARE(create.timeoutMs, 2500);
    QCOMPARE(create.otherDirectives, QStringList{QStringLiteral("@apilens-catalog netilion")});
    const RequestSpec spec = create.toSpec();
    QVERIFY(!spec.settings.followRedirects);
    QCOMPARE(spec.settings.timeoutMs, 2500);
    QCOMPARE(spec.body.contentType, QStringLiteral("application/json"));
}

void tst_HttpDocument::issuesHaveLinesAndTheRestLoads()
{
    const QByteArray text =
        "GET http://h/a\nAccept: */*\nthis is not a header\n\n###\n# @timeout soon\nGET http://h/b\n";
    const HttpDocument document = HttpDocument::parse(text);
    QCOMPARE(document.issues().size(), 2);
    QCOMPARE(document.issues()[0].line, 3);
    QVERIFY(document.issues()[0].message.contains(QStringLiteral("is not a header")));
    QCOMPARE(document.issues()[1].line, 6);
    QVERIFY(document.issues()[1].message.contains(QStringLiteral("@timeout")));
    QCOMPARE(document.requests().size(), 2); // the rest still loads
    QCOMPARE(document.serialize(), text);
}

void tst_HttpDocument::replaceRewritesOnlyThatBlock_data()
{
    QTest::addColumn<QByteArray>("newline");
    QTest::newRow("lf") << QByteArray("\n");
    QTest::newRow("crlf") << QByteArray("\r\n");
}

void tst_HttpDocument::replaceRewritesOnlyThatBlock()
{
    QFETCH(QByteArray, newline);
    const QByteArray original = QByteArray(sample).replace("\n", newline);
    HttpDocument document = HttpDocument::parse(original);
    int createIndex = -1;
    for (int i = 0; i < document.blocks().size(); ++i) {
        if (document.blocks()[i].name == QLatin1String("create")) {
            createIndex = i;
        }
    }
    QVERIFY(createIndex > 0);
    RequestSpec spec = document.blocks()[createIndex].toSpec();
    spec.method = QStringLiteral("PATCH");
    spec.headers.append({QStringLiteral("X-Trace"), QStringLiteral("t1"), true});
    spec.body.raw = "{\n  \"name\": \"Grace\"\n}";
    QVERIFY(document.replaceRequest(createIndex, spec));
    const QByteArray edited = document.serialize();

    // Every other block is byte for byte the same.
    const HttpDocument before = HttpDocument::parse(original);
    const HttpDocument after = HttpDocument::parse(edited);
    QCOMPARE(after.blocks().size(), before.blocks().size());
    const HttpRequestBlock changed = after.blocks()[createIndex];
    QCOMPARE(changed.method, QStringLiteral("PATCH"));
    QCOMPARE(changed.name, QStringLiteral("create")); // the directives stayed
    QVERIFY(changed.noRedirect);
    QCOMPARE(changed.responseHandlers.size(), 1); // the script stayed
    QCOMPARE(changed.headers.last().name, QStringLiteral("X-Trace"));
    QCOMPARE(changed.body, QByteArray("{\n  \"name\": \"Grace\"\n}").replace("\n", newline));
    QVERIFY(edited.contains(QByteArray("# @apilens-catalog netilion" + newline)));
    const qsizetype createStart = original.indexOf(QByteArray("###" + newline + newline + "# @name create"));
    QVERIFY(createStart > 0);
    QVERIFY(edited.startsWith(original.left(createStart)));
    QVERIFY(edited.endsWith(original.mid(original.indexOf("### Upload"))));
    if (newline == "\r\n") {
        QCOMPARE(edited.count('\n'), edited.count("\r\n"));
    }
    // Saving the edited document again gives the same bytes.
    QCOMPARE(HttpDocument::parse(edited).serialize(), edited);
    QVERIFY(!document.replaceRequest(99, spec));
}

void tst_HttpDocument::settingsDirectivesFollowTheRequest_data()
{
    QTest::addColumn<bool>("follow");
    QTest::addColumn<int>("timeoutMs");
    QTest::addColumn<QStringList>("omitted");
    QTest::addColumn<QList<QByteArray>>("present");
    QTest::addColumn<QList<QByteArray>>("absent");
    QTest::newRow("unchanged: kept as written")
        << false << 2500 << QStringList()
        << QList<QByteArray>{"// @no-redirect\n# @timeout 2.5\n# @apilens-catalog netilion\nPOST"}
        << QList<QByteArray>{"@apilens-omit-headers"};
    QTest::newRow("redirects followed again")
        << true << 2500 << QStringList() << QList<QByteArray>{"# @timeout 2.5\n"}
        << QList<QByteArray>{"@no-redirect"};
    QTest::newRow("another timeout") << false << 5000 << QStringList()
                                     << QList<QByteArray>{"# @timeout 5\nPOST", "// @no-redirect\n"}
                                     << QList<QByteArray>{"@timeout 2.5"};
    QTest::newRow("the default timeout: no directive")
        << false << 30000 << QStringList() << QList<QByteArray>{"// @no-redirect\n"}
        << QList<QByteArray>{"@timeout"};
    QTest::newRow("defaults switched off")
        << false << 2500 << QStringList{QStringLiteral("User-Agent"), QStringLiteral("Connection")}
        << QList<QByteArray>{"# @apilens-omit-headers User-Agent, Connection\nPOST"} << QList<QByteArray>();
}

void tst_HttpDocument::settingsDirectivesFollowTheRequest()
{
    QFETCH(bool, follow);
    QFETCH(int, timeoutMs);
    QFETCH(QStringList, omitted);
    QFETCH(QList<QByteArray>, present);
    QFETCH(QList<QByteArray>, absent);
    HttpDocument document = HttpDocument::parse(sample);
    const int index = document.findRequest(QStringLiteral("create"));
    RequestSpec spec = document.blocks()[index].toSpec();
    QCOMPARE(spec.settings.timeoutMs, 2500);
    QVERIFY(!spec.settings.followRedirects);
    spec.settings.followRedirects = follow;
    spec.settings.timeoutMs = timeoutMs;
    spec.omittedDefaults = omitted;
    QVERIFY(document.replaceRequest(index, spec));
    const QByteArray text = document.blockText(index);
    for (const QByteArray &part : present) {
        QVERIFY2(text.contains(part), text.constData());
    }
    for (const QByteArray &part : absent) {
        QVERIFY2(!text.contains(part), text.constData());
    }
    // Read back, the settings are what was saved.
    const RequestSpec again = HttpDocument::parse(document.serialize()).blocks()[index].toSpec();
    QCOMPARE(again.settings.followRedirects, follow);
    QCOMPARE(again.settings.timeoutMs, timeoutMs);
    QCOMPARE(again.omittedDefaults, omitted);
}

void tst_HttpDocument::blockEdits_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QByteArray>("expected");

    const QByteArray two =
        "@host = http://h\n\n### one\nGET {{host}}/1\n\n### two\n# kept\nGET {{host}}/2\n?? status == 200\n";
    QTest::newRow("remove the last") << two << "remove 1"
                                     << QByteArray("@host = http://h\n\n### one\nGET {{host}}/1\n\n");
    QTest::newRow("remove the first request keeps the variables")
        << two << "remove 0"
        << QByteArray("@host = http://h\n\n### two\n# kept\nGET {{host}}/2\n?? status == 200\n");
    QTest::newRow("duplicate after itself")
        << two << "duplicate 1" << QByteArray(two + "\n### two\n# kept\nGET {{host}}/2\n?? status == 200\n");
    QTest::newRow("duplicate the middle one")
        << two << "duplicate 0"
        << QByteArray("@host = http://h\n\n### one\nGET {{host}}/1\n\n### one\nGET {{host}}/1\n\n### two\n# "
                      "kept\nGET {{host}}/2\n?? status == 200\n");
    QTest::newRow("append to a file without a final newline")
        << QByteArray("GET http://h/1") << "append"
        << QByteArray(
               "GET http://h/1\n\n### new\nPOST http://h/new\nContent-Type: application/json\n\n{\"a\":1}\n");
    QTest::newRow("append to an empty file")
        << QByteArray() << "append"
        << QByteArray("### new\nPOST http://h/new\nContent-Type: application/json\n\n{\"a\":1}\n");
    QTest::newRow("append keeps CRLF")
        << QByteArray("GET http://h/1\r\n") << "append"
        << QByteArray("GET http://h/1\r\n\r\n### new\r\nPOST http://h/new\r\nContent-Type: "
                      "application/json\r\n\r\n{\"a\":1}\r\n");
    QTest::newRow("insert text without a separator")
        << QByteArray("### a\nGET http://h/a\n") << "insert GET http://h/b"
        << QByteArray("### a\nGET http://h/a\n\n###\nGET http://h/b\n");
}

void tst_HttpDocument::blockEdits()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, operation);
    QFETCH(QByteArray, expected);
    HttpDocument document = HttpDocument::parse(input);
    const QStringList words = operation.split(QLatin1Char(' '));
    if (words[0] == QLatin1String("remove")) {
        document.removeBlock(words[1].toInt() + 1);
    } else if (words[0] == QLatin1String("duplicate")) {
        const int index = words[1].toInt() + 1;
        QCOMPARE(document.insertBlock(document.blockText(index), index), index + 1);
    } else if (words[0] == QLatin1String("append")) {
        RequestSpec spec;
        spec.method = QStringLiteral("POST");
        spec.url = QStringLiteral("http://h/new");
        spec.headers.append(
            KeyValue{QStringLiteral("Content-Type"), QStringLiteral("application/json"), true});
        spec.body.kind = BodyKind::Raw;
        spec.body.raw = "{\"a\":1}";
        const int index = document.appendRequest(QStringLiteral("new"), spec);
        QCOMPARE(document.blocks().at(index).name, QStringLiteral("new"));
        QCOMPARE(document.blocks().at(index).url, QStringLiteral("http://h/new"));
    } else {
        document.insertBlock(operation.mid(7).toUtf8());
    }
    QCOMPARE(document.serialize(), expected);
    QCOMPARE(HttpDocument::parse(expected).serialize(), expected);
}

void tst_HttpDocument::renameBlock_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("separator name") << QByteArray("### old\nGET http://h/\n")
                                    << QByteArray("### Fresh name\nGET http://h/\n");
    QTest::newRow("bare separator") << QByteArray("###\nGET http://h/\n")
                                    << QByteArray("### Fresh name\nGET http://h/\n");
    QTest::newRow("@name directive wins") << QByteArray("### title\n# @name old\nGET http://h/\n")
                                          << QByteArray("### title\n# @name Fresh name\nGET http://h/\n");
    QTest::newRow("// @name = form") << QByteArray("// @name = old\nGET http://h/\n")
                                     << QByteArray("// @name = Fresh name\nGET http://h/\n");
    QTest::newRow("first block without separator")
        << QByteArray("GET http://h/\r\n") << QByteArray("# @name Fresh name\r\nGET http://h/\r\n");
}

void tst_HttpDocument::renameBlock()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    HttpDocument document = HttpDocument::parse(input);
    const int index = document.findRequest(QString(), document.requests().first().requestLine);
    document.renameBlock(index, QStringLiteral("Fresh name"));
    QCOMPARE(document.serialize(), expected);
    QCOMPARE(document.blocks().at(index).name, QStringLiteral("Fresh name"));
    QCOMPARE(document.findRequest(QStringLiteral("Fresh name")), index);
}

void tst_HttpDocument::basicAuthInClear_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("user"); // empty: the header stays as written
    QTest::addColumn<QString>("password");
    QTest::newRow("two words") << QByteArray("Basic ada s3cret") << "ada"
                               << "s3cret";
    QTest::newRow("user:password") << QByteArray("basic ada:s3:cret") << "ada"
                                   << "s3:cret";
    QTest::newRow("variables") << QByteArray("Basic {{user}} {{password}}") << "{{user}}"
                               << "{{password}}";
    QTest::newRow("already encoded") << QByteArray("Basic YWRhOnB3") << ""
                                     << "";
    QTest::newRow("bearer") << QByteArray("Bearer a b") << ""
                            << "";
}

void tst_HttpDocument::basicAuthInClear()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, user);
    QFETCH(QString, password);
    const HttpDocument document =
        HttpDocument::parse("GET http://h/\nAuthorization: " + header + "\nX-A: 1\n");
    const RequestSpec spec = document.requests().first().toSpec();
    if (user.isEmpty()) {
        QCOMPARE(spec.auth.kind, AuthKind::None);
        QCOMPARE(spec.headers.size(), 2);
        QCOMPARE(spec.headers[0].value.toUtf8(), header);
    } else {
        QCOMPARE(spec.auth.kind, AuthKind::Basic);
        QCOMPARE(spec.auth.username, user);
        QCOMPARE(spec.auth.password, password);
        QCOMPARE(spec.headers.size(), 1); // the Authorization header became the auth
        // And it is written back the same way.
        HttpDocument copy = document;
        copy.replaceRequest(0, ApiLens::Core::forHttpFile(spec).spec);
        QCOMPARE(copy.requests().first().toSpec().auth.username, user);
    }
}

void tst_HttpDocument::forHttpFile_data()
{
    QTest::addColumn<RequestSpec>("spec");
    QTest::addColumn<QStringList>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("directives");
    QTest::addColumn<QStringList>("lost");
    RequestSpec bearer;
    bearer.url = QStringLiteral("http://h/");
    bearer.auth.kind = AuthKind::Bearer;
    bearer.auth.token = QStringLiteral("{{token}}");
    bearer.headers = {KeyValue{QStringLiteral("X-Off"), QStringLiteral("1"), false}};
    QTest::newRow("bearer; disabled headers left out")
        << bearer << QStringList{QStringLiteral("Authorization: Bearer {{token}}")} << QByteArray()
        << QStringList{} << QStringList{};
    RequestSpec key;
    key.url = QStringLiteral("http://h/?a=1");
    key.auth.kind = AuthKind::ApiKey;
    key.auth.keyName = QStringLiteral("api key");
    key.auth.keyValue = QStringLiteral("v&1");
    key.auth.keyLocation = ApiKeyLocation::Query;
    key.settings.followRedirects = false;
    key.settings.timeoutMs = 1500;
    QTest::newRow("API key in the query; directives")
        << key << QStringList{} << QByteArray()
        << QStringList{QStringLiteral("no-redirect"), QStringLiteral("timeout 1500 ms")} << QStringList{};
    RequestSpec form;
    form.method = QStringLiteral("POST");
    form.url = QStringLiteral("http://h/");
    form.body.kind = BodyKind::UrlEncoded;
    form.body.form = {KeyValue{QStringLiteral("a b"), QStringLiteral("c&d"), true}};
    form.settings.verifyTls = false;
    QTest::newRow("form; TLS off is lost")
        << form << QStringList{QStringLiteral("Content-Type: application/x-www-form-urlencoded")}
        << QByteArray("a+b=c%26d") << QStringList{} << QStringList{QStringLiteral("TLS verification off")};
    RequestSpec multipart;
    multipart.method = QStringLiteral("POST");
    multipart.url = QStringLiteral("http://h/");
    multipart.body.kind = BodyKind::Multipart;
    multipart.body.parts = {
        MultipartPart{QStringLiteral("title"), QStringLiteral("Hi"), {}, {}, true, {}},
        MultipartPart{QStringLiteral("file"), {}, QStringLiteral("/tmp/a.png"), {}, true, {}}};
    QTest::newRow("multipart: a file part as the JetBrains client writes it")
        << multipart
        << QStringList{QStringLiteral("Content-Type: multipart/form-data; boundary=ApiLensBoundary")}
        << QByteArray("--ApiLensBoundary\nContent-Disposition: form-data; name=\"title\"\n\nHi\n"
                      "--ApiLensBoundary\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\n"
                      "Content-Type: application/octet-stream\n\n< /tmp/a.png\n--ApiLensBoundary--")
        << QStringList{} << QStringList{};
}

void tst_HttpDocument::forHttpFile()
{
    QFETCH(RequestSpec, spec);
    QFETCH(QStringList, headers);
    QFETCH(QByteArray, body);
    QFETCH(QStringList, directives);
    QFETCH(QStringList, lost);
    const HttpFileRequest out = ApiLens::Core::forHttpFile(spec);
    QStringList got;
    for (const KeyValue &header : out.spec.headers) {
        got.append(header.name + QStringLiteral(": ") + header.value);
    }
    QCOMPARE(got, headers);
    QCOMPARE(out.spec.body.raw, body);
    QCOMPARE(out.directives, directives);
    QCOMPARE(out.lost, lost);
    if (spec.auth.kind == AuthKind::ApiKey) {
        QCOMPARE(out.spec.url, QStringLiteral("http://h/?a=1&api%20key=v%261"));
    }
    // Written as a block, it reads back with its directives.
    HttpDocument document = HttpDocument::parse(QByteArray());
    const int index = document.appendRequest(QStringLiteral("r"), out.spec, {out.directives, {}, {}, {}});
    const HttpRequestBlock block = document.blocks().at(index);
    QCOMPARE(block.noRedirect, directives.contains(QStringLiteral("no-redirect")));
    QCOMPARE(block.timeoutMs, spec.settings.timeoutMs == 1500 ? 1500 : -1);
}

void tst_HttpDocument::readsFilesAsHttpyac_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("requests"); // "METHOD url|body" each
    QTest::newRow("request lines without ###")
        << QByteArray("GET /one\nX-A: 1\nGET /two\n\nPOST /three\n\nhi\nPUT /four\n")
        << QStringList{QStringLiteral("GET /one|"), QStringLiteral("GET /two|"),
                       QStringLiteral("POST /three|hi"), QStringLiteral("PUT /four|")};
    QTest::newRow("lower-case words in a body stay body")
        << QByteArray("POST /a\n\nget this\nDELETE_ME now\n")
        << QStringList{QStringLiteral("POST /a|get this\nDELETE_ME now")};
    QTest::newRow("body right after the headers")
        << QByteArray("PUT /x\nContent-Type: application/json\n{\"a\": 1}\n")
        << QStringList{QStringLiteral("PUT /x|{\"a\": 1}")};
    QTest::newRow("comments of every kind")
        << QByteArray("// one\n# two\n/*\nGET /hidden\n*/\nGET /shown\n// between headers\nX-B: 2\n")
        << QStringList{QStringLiteral("GET /shown|")};
    QTest::newRow("comment lines inside a body are left out")
        << QByteArray("POST /b\n\nline 1\n# note\nline 2\n")
        << QStringList{QStringLiteral("POST /b|line 1\nline 2")};
    QTest::newRow("a saved response below the request")
        << QByteArray("POST /c\n\nbody\n\nHTTP/1.1 200 OK\nContent-Type: text/plain\n\nold answer\n")
        << QStringList{QStringLiteral("POST /c|body")};
    QTest::newRow("body file after blank lines")
        << QByteArray("PUT /d\n\n\n\n< ./body.txt\n") << QStringList{QStringLiteral("PUT /d|")};
    QTest::newRow("variables between requests")
        << QByteArray("@a = 1\nGET /e?a={{a}}\n\n@b = 2\nGET /f?b={{b}}\n")
        << QStringList{QStringLiteral("GET /e?a={{a}}|"), QStringLiteral("GET /f?b={{b}}|")};
    QTest::newRow("GraphQL fragments before the request are not a request")
        << QByteArray("fragment A on R {\n  id\n}\n\nfragment B on R { x }\nPOST /g\n\nquery q { ...A }\n")
        << QStringList{QStringLiteral("POST /g|query q { ...A }")};
}

void tst_HttpDocument::readsFilesAsHttpyac()
{
    QFETCH(QByteArray, text);
    QFETCH(QStringList, requests);
    const HttpDocument document = HttpDocument::parse(text);
    QStringList read;
    for (const HttpRequestBlock &block : document.requests()) {
        read.append(block.method + QLatin1Char(' ') + block.url + QLatin1Char('|') +
                    QString::fromUtf8(block.body));
    }
    QCOMPARE(read, requests);
    QCOMPARE(document.serialize(), text); // still lossless
    // Editing one of them rewrites only its own lines.
    HttpDocument edited = document;
    const int last = int(edited.blocks().size()) - 1;
    RequestSpec spec = edited.blocks()[last].toSpec();
    QVERIFY(edited.replaceRequest(last, spec));
    QCOMPARE(edited.requests().size(), document.requests().size());
}

void tst_HttpDocument::oauth1Directive_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("error"); // "" = read
    QTest::newRow("keys and flags")
        << R"(consumer_key={{ck}} consumer_secret={{cs}} params=query body_hash=true)" << QString();
    QTest::newRow("quoted, with an escaped quote")
        << R"(consumer_key=k consumer_secret=s realm="My \"photos\" here" version="")" << QString();
    QTest::newRow("unknown setting") << "consumer_key=k colour=blue"
                                     << "@oauth1: 'colour=blue' is not a setting it knows";
    QTest::newRow("a bare word") << "consumer_key=k oops"
                                 << "@oauth1: 'oops' is not name=value";
}

void tst_HttpDocument::oauth1Directive()
{
    // The directive is read into the request's auth, and written back the same by an edit.
    QFETCH(QString, line);
    QFETCH(QString, error);
    const QByteArray text = "# @oauth1 " + line.toUtf8() + "\nGET https://api.example.com/x\n";
    HttpDocument document = HttpDocument::parse(text);
    if (!error.isEmpty()) {
        QCOMPARE(document.issues().value(0).message, error);
        QCOMPARE(document.requests().first().toSpec().auth.kind, AuthKind::None);
        return;
    }
    QVERIFY2(document.issues().isEmpty(), qPrintable(document.issues().value(0).message));
    RequestSpec spec = document.requests().first().toSpec();
    QCOMPARE(spec.auth.kind, AuthKind::OAuth1);
    // Rewritten from an unchanged spec, the line stays as written.
    QVERIFY(document.replaceRequest(0, spec));
    QCOMPARE(document.serialize(), text);
    // A changed setting rewrites it; read again it is what was set.
    spec.auth.oauth1.nonce = QStringLiteral("n 1");
    QVERIFY(document.replaceRequest(0, spec));
    QCOMPARE(document.serialize().count("@oauth1"), 1);
    QVERIFY(HttpDocument::parse(document.serialize()).requests().first().toSpec().auth == spec.auth);
    // Written for a new request, the same.
    const HttpFileRequest written = ApiLens::Core::forHttpFile(spec);
    HttpDocument fresh = HttpDocument::parse({});
    fresh.appendRequest(QStringLiteral("signed"), written.spec, {written.directives, {}, {}, {}});
    QVERIFY(fresh.requests().first().toSpec().auth == spec.auth);
}

void tst_HttpDocument::graphqlFragments()
{
    // A fragment runs to a blank line; those of every block are the file's, a later one of a
    // name winning; a fragment in a request's body is body text.
    const QByteArray text = "fragment A on R {\n  id\n}\n\n### q\nPOST /g\n\nquery q { ...A }\n\n"
                            "###\nfragment B on S { b }\n\n###\nfragment A on R { again }\n";
    const HttpDocument document = HttpDocument::parse(text);
    QVERIFY2(document.issues().isEmpty(), qPrintable(document.issues().value(0).message));
    QCOMPARE(document.requests().size(), 1);
    const QList<GraphqlFragment> fragments = ApiLens::Core::graphqlFragments(document.blocks());
    QCOMPARE(fragments.size(), 2);
    QCOMPARE(fragments[0].name, QStringLiteral("A"));
    QCOMPARE(fragments[0].text, QStringLiteral("fragment A on R { again }"));
    QCOMPARE(fragments[1].text, QStringLiteral("fragment B on S { b }"));
    QVERIFY(parsesGraphql(document.requests().first()));
    QVERIFY(!parsesGraphql(
        HttpDocument::parse("# @noGqlParsing\nPOST /x\n\nquery q { a }\n").requests().first()));
    QCOMPARE(
        HttpDocument::parse("fragment A on R {\n  id\n}\n").blocks().first().graphqlFragments.first().text,
        QStringLiteral("fragment A on R {\n  id\n}"));
    QCOMPARE(document.serialize(), text);
}

void tst_HttpDocument::scriptsAndMetadata()
{
    const QByteArray text = R"(# @name login
# @sleep 250
# @ref setup
# @forceRef token, other
# @disabled
# @loop for 3
# @note Sure?
< {%
  request.variables.set("x", "1");
%}
{{
  exports.before = 1;
}}
POST /login
Content-Type: application/json

{"user": "ada"}

{{@response
  test.status(200);
}}
> {% client.global.set("token", response.body.token); %}
> ./after.js
?? status == 200
)";
    const HttpDocument document = HttpDocument::parse(text);
    QVERIFY2(document.issues().isEmpty(), qPrintable(document.issues().value(0).message));
    QCOMPARE(document.requests().size(), 1);
    const HttpRequestBlock block = document.requests().first();
    QCOMPARE(block.name, QStringLiteral("login"));
    QCOMPARE(block.sleepMs, 250);
    QCOMPARE(block.refs, QStringList{QStringLiteral("setup")});
    QCOMPARE(block.forceRefs, (QStringList{QStringLiteral("token"), QStringLiteral("other")}));
    QVERIFY(block.disabled);
    QCOMPARE(block.loop, QStringLiteral("for 3"));
    QCOMPARE(block.note, QStringLiteral("Sure?"));
    QCOMPARE(block.body, QByteArray("{\"user\": \"ada\"}"));
    QCOMPARE(block.assertions, QStringList{QStringLiteral("status == 200")});
    QCOMPARE(block.scripts.size(), 5);
    QCOMPARE(block.scripts[0].dialect, HttpScript::Dialect::JetBrains);
    QVERIFY(block.scripts[0].beforeRequest);
    QVERIFY(block.scripts[0].code.contains(QStringLiteral("request.variables.set")));
    QCOMPARE(block.scripts[1].dialect, HttpScript::Dialect::Httpyac);
    QVERIFY(block.scripts[1].beforeRequest);
    QCOMPARE(block.scripts[1].code.trimmed(), QStringLiteral("exports.before = 1;"));
    QCOMPARE(block.scripts[2].event, QStringLiteral("@response"));
    QVERIFY(!block.scripts[2].beforeRequest);
    QCOMPARE(block.scripts[3].code.trimmed(),
             QStringLiteral("client.global.set(\"token\", response.body.token);"));
    QCOMPARE(block.scripts[4].file, QStringLiteral("./after.js"));
    QCOMPARE(block.responseHandlers.size(), 2);
    QCOMPARE(document.serialize(), text);
}

// Found by fuzzing the importers: a name with a line break started the request in the name.
void tst_HttpDocument::appendedNameIsOneLine()
{
    RequestSpec spec;
    spec.method = QStringLiteral("PUT");
    spec.url = QStringLiteral("http://127.0.0.1/x");
    HttpDocument document = HttpDocument::parse(QByteArray());
    document.appendRequest(QStringLiteral("a\nDELETE http://127.0.0.1/all\r\n###"), spec);
    const QList<HttpRequestBlock> requests = HttpDocument::parse(document.serialize()).requests();
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.first().name, QStringLiteral("a DELETE http://127.0.0.1/all  ###"));
    QCOMPARE(requests.first().method, QStringLiteral("PUT"));
}

QTEST_GUILESS_MAIN(tst_HttpDocument)
#include "tst_httpdocument.moc"
