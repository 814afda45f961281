#include "http/bodyformatter.h"

#include "peers.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

using namespace ApiLens::Core;

class tst_BodyFormatter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void detect_data();
    void detect();
    void json_data();
    void json();
    void indenterGivesTheSameTextInAnyPieces_data();
    void indenterGivesTheSameTextInAnyPieces();
    void indentsAsPythonDoes();
    void compactJson_data();
    void compactJson();
    void xml();
    void html_data();
    void html();
    void binaryIsHex();
    void truncatesAndCancels();
    void prettyBody_data();
    void prettyBody();
    void deepNestingStaysInBounds_data();
    void deepNestingStaysInBounds();
};

void tst_BodyFormatter::detect_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<ContentKind>("kind");
    QTest::newRow("empty") << QByteArray("application/json") << QByteArray("  \n") << ContentKind::Empty;
    QTest::newRow("json by type") << QByteArray("application/problem+json") << QByteArray("{}")
                                  << ContentKind::Json;
    QTest::newRow("json sent as text/html")
        << QByteArray("text/html") << QByteArray("{\"a\":1}") << ContentKind::Json;
    QTest::newRow("json with BOM") << QByteArray() << QByteArray("\xEF\xBB\xBF[1]") << ContentKind::Json;
    QTest::newRow("html page") << QByteArray("text/html") << QByteArray("<html><title>502</title></html>")
                               << ContentKind::Html;
    QTest::newRow("xml") << QByteArray("application/xml") << QByteArray("<Error><Code>x</Code></Error>")
                         << ContentKind::Xml;
    QTest::newRow("text") << QByteArray("text/plain") << QByteArray("upstream failed") << ContentKind::Text;
    QTest::newRow("binary") << QByteArray("image/png") << QByteArray("\x89PNG\r\n\x1a\n\0\0", 10)
                            << ContentKind::Binary;
}

void tst_BodyFormatter::detect()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(ContentKind, kind);
    QCOMPARE(detectContentKind(contentType, body), kind);
}

void tst_BodyFormatter::json_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("keeps key order") << QByteArray("{\"z\":1,\"a\":[true,null]}")
                                     << QStringLiteral(
                                            "{\n  \"z\": 1,\n  \"a\": [\n    true,\n    null\n  ]\n}");
    QTest::newRow("strings untouched")
        << QByteArray("{\"s\":\"a,b:{c}\\\"]\"}") << QStringLiteral("{\n  \"s\": \"a,b:{c}\\\"]\"\n}");
    QTest::newRow("empty containers")
        << QByteArray("{\"a\":{},\"b\":[ ]}") << QStringLiteral("{\n  \"a\": {},\n  \"b\": []\n}");
    QTest::newRow("already indented")
        << QByteArray("{\n    \"a\" :  1\n}") << QStringLiteral("{\n  \"a\": 1\n}");
    QTest::newRow("malformed still indented")
        << QByteArray("{\"a\":[1,2") << QStringLiteral("{\n  \"a\": [\n    1,\n    2");
    QTest::newRow("utf-8") << QByteArray("[\"ü✓\"]") << QStringLiteral("[\n  \"ü✓\"\n]");
}

void tst_BodyFormatter::json()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, expected);
    QCOMPARE(indentJson(input), expected);
    const FormattedBody formatted = formatBody(input, "application/json");
    QCOMPARE(formatted.kind, ContentKind::Json);
    QCOMPARE(formatted.text, expected);
}

void tst_BodyFormatter::indenterGivesTheSameTextInAnyPieces_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("nested, spaced") << QByteArray(
        "{ \"a\" : [ 1 , { } , [ ] , { \"b\" : null } ] ,\r\n \"c\":\"x\" }");
    QTest::newRow("empty containers split by spaces") << QByteArray("[{    \n\t  }, [   ], {\n}]");
    QTest::newRow("escapes at every position") << QByteArray(R"({"q\"{[,:": "\\", "u": "\u00e9\"}"})");
    QTest::newRow("broken: unclosed string") << QByteArray(R"({"a": "no end, [ {)");
    QTest::newRow("broken: extra closers") << QByteArray("}]} {\"a\":1}]]");
    QTest::newRow("broken: open at the end") << QByteArray("[1, {");
    QTest::newRow("deep nesting") << QByteArray(1000, '[') + QByteArray(1000, ']');
    QTest::newRow("a long line") << "[\"" + QByteArray(300000, 'z') + "\", 1]";
    QTest::newRow("invalid UTF-8") << QByteArray("{\"k\": \"\xff\xfe\xc3\", \"\xe2\x82\": [\x80]}");
    QByteArray records = "[";
    for (int i = 0; i < 2000; ++i) {
        records += "{\"id\":" + QByteArray::number(i) + ",\"tags\":[\"a\",\"b\"],\"o\":{}},";
    }
    records += "null]";
    QTest::newRow("many records") << records;
}

void tst_BodyFormatter::indenterGivesTheSameTextInAnyPieces()
{
    // The streaming indenter must not depend on where the body was cut (network chunks).
    QFETCH(QByteArray, json);
    QByteArray whole; // in one piece: the bytes as they are (indentJson makes them a QString)
    JsonIndenter once;
    once.feed(json, &whole);
    once.finish(&whole);
    QCOMPARE(QString::fromUtf8(whole), indentJson(json));
    for (const qsizetype piece : {qsizetype(1), qsizetype(2), qsizetype(3), qsizetype(7), qsizetype(64),
                                  qsizetype(4093), json.size() + 1}) {
        JsonIndenter indenter;
        QByteArray out;
        for (qsizetype at = 0; at < json.size(); at += piece) {
            indenter.feed(QByteArrayView(json).sliced(at, qMin(piece, json.size() - at)), &out);
        }
        indenter.finish(&out);
        QVERIFY2(out == whole, qPrintable(QStringLiteral("pieces of %1 differ").arg(piece)));
    }
}

void tst_BodyFormatter::indentsAsPythonDoes()
{
    // Python's json module is an independent indenter that also keeps key order: for the error
    // samples (valid JSON whose numbers and escapes Python writes back as they are) both must
    // give the same text.
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    APILENS_REQUIRE_PEER(!python.isEmpty(), "python3 is not installed");
    const QDir samples(QStringLiteral(APILENS_TEST_DATA_DIR "/errors/samples"));
    int compared = 0;
    for (const QString &name : samples.entryList({QStringLiteral("*.http")}, QDir::Files)) {
        QFile file(samples.filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray raw = file.readAll();
        const qsizetype crlf = raw.indexOf("\r\n\r\n");
        const QByteArray body = crlf >= 0 ? raw.mid(crlf + 4) : raw.mid(raw.indexOf("\n\n") + 2);
        if (QJsonDocument::fromJson(body).isNull()) {
            continue; // not a JSON body
        }
        QProcess process;
        process.start(
            python,
            {QStringLiteral("-c"),
             QStringLiteral("import json,sys,collections;"
                            "sys.stdout.write(json.dumps(json.loads(sys.stdin.buffer.read(),"
                            "object_pairs_hook=collections.OrderedDict),indent=2,ensure_ascii=False))")});
        process.write(body);
        process.closeWriteChannel();
        QVERIFY(process.waitForFinished(10000));
        const QString reference = QString::fromUtf8(process.readAllStandardOutput());
        QCOMPARE(indentJson(body).trimmed(), reference);
        ++compared;
    }
    QVERIFY(compared >= 15);
}

void tst_BodyFormatter::compactJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QByteArray>("compact");
    QTest::newRow("keys keep their order")
        << QByteArray("{\n  \"z\": 1,\n  \"a\": [ 1, 2 ]\n}") << QByteArray(R"({"z":1,"a":[1,2]})");
    QTest::newRow("spaces in strings stay")
        << QByteArray(R"({ "a b" : " c\t d " })") << QByteArray(R"({"a b":" c\t d "})");
    QTest::newRow("escaped quote and backslash")
        << QByteArray(R"([ "x\" y", "\\", 1 ])") << QByteArray(R"(["x\" y","\\",1])");
    QTest::newRow("tokens as written")
        << QByteArray("[1.50, 1e3,\r\n\tnull ,true]") << QByteArray("[1.50,1e3,null,true]");
    QTest::newRow("a scalar") << QByteArray("  \"s\"  ") << QByteArray("\"s\"");
}

void tst_BodyFormatter::compactJson()
{
    QFETCH(QByteArray, json);
    QFETCH(QByteArray, compact);
    QCOMPARE(ApiLens::Core::compactJson(json), compact);
}

void tst_BodyFormatter::xml()
{
    const FormattedBody formatted =
        formatBody("<?xml version=\"1.0\"?><Error><Code>NoSuchKey</Code><Message>gone</Message></Error>",
                   "application/xml");
    QCOMPARE(formatted.kind, ContentKind::Xml);
    QVERIFY(formatted.reformatted);
    QCOMPARE(formatted.text,
             QStringLiteral("<Error>\n  <Code>NoSuchKey</Code>\n  <Message>gone</Message>\n</Error>\n"));
    const FormattedBody broken = formatBody("<a><b></a>", "application/xml");
    QVERIFY(!broken.reformatted);
    QCOMPARE(broken.text, QStringLiteral("<a><b></a>"));
}

void tst_BodyFormatter::html_data()
{
    QTest::addColumn<QByteArray>("html");
    QTest::addColumn<QString>("expected");
    QTest::newRow("a proxy's error page")
        << QByteArray("<!DOCTYPE html><html><head><title>api.example.com | 522: Connection timed out</title>"
                      "<meta charset=\"utf-8\"></head><body><h1>522</h1><p>The origin did not "
                      "answer.</p></body></html>")
        << QStringLiteral(
               "<!DOCTYPE html>\n<html>\n  <head>\n    <title>api.example.com | 522: Connection timed "
               "out</title>\n    <meta charset=\"utf-8\">\n  </head>\n  <body>\n    <h1>522</h1>\n"
               "    <p>The origin did not answer.</p>\n  </body>\n</html>\n");
    QTest::newRow("nginx, upper case, whitespace")
        << QByteArray(
               "<HTML>\r\n<HEAD><TITLE>502 Bad Gateway</TITLE></HEAD>\r\n<BODY>\r\n<CENTER><H1>502 Bad "
               "Gateway</H1></CENTER>\r\n<HR><CENTER>nginx</CENTER>\r\n</BODY>\r\n</HTML>")
        << QStringLiteral(
               "<HTML>\n  <HEAD>\n    <TITLE>502 Bad Gateway</TITLE>\n  </HEAD>\n  <BODY>\n    <CENTER>\n"
               "      <H1>502 Bad Gateway</H1>\n    </CENTER>\n    <HR>\n    <CENTER>nginx</CENTER>\n"
               "  </BODY>\n</HTML>\n");
    QTest::newRow("script and pre kept, a '>' in an attribute")
        << QByteArray(
               "<div title=\"a > b\"><script>if (a < b) { x(); }</script><pre>  two\n   lines</pre></div>")
        << QStringLiteral("<div title=\"a > b\">\n  <script>if (a < b) { x(); }</script>\n  <pre>  two\n   "
                          "lines</pre>\n</div>\n");
    QTest::newRow("optional end tags and a stray end tag")
        << QByteArray("<ul><li>one<li>two</ul></span><p>after")
        << QStringLiteral("<ul>\n  <li>\n    one\n  <li>\n    two\n</ul>\n</span>\n<p>\n  after\n");
    QTest::newRow("comments, a lone '<' and a tag never closed")
        << QByteArray("<body><!-- note --> 1 < 2 <br/><div")
        << QStringLiteral("<body>\n  <!-- note -->\n  1\n  < 2\n  <br/>\n  <div\n");
}

void tst_BodyFormatter::html()
{
    QFETCH(QByteArray, html);
    QFETCH(QString, expected);
    const FormattedBody formatted = formatBody(html, "text/html; charset=utf-8", html.size());
    QCOMPARE(formatted.kind, ContentKind::Html);
    QVERIFY(formatted.reformatted);
    QCOMPARE(formatted.text, expected);
    // Only whitespace changes.
    const auto ink = [](QString text) {
        return text.remove(QRegularExpression(QStringLiteral("\\s")));
    };
    QCOMPARE(ink(formatted.text), ink(QString::fromUtf8(html)));
}

void tst_BodyFormatter::binaryIsHex()
{
    const QByteArray bytes("\x00\x01"
                           "AB",
                           4);
    const FormattedBody formatted = formatBody(bytes, "application/octet-stream");
    QCOMPARE(formatted.kind, ContentKind::Binary);
    QVERIFY2(formatted.text.startsWith(QStringLiteral("00000000  00 01 41 42")), qPrintable(formatted.text));
    QVERIFY(formatted.text.trimmed().endsWith(QStringLiteral("..AB")));
}

void tst_BodyFormatter::truncatesAndCancels()
{
    const QByteArray big = "[" + QByteArray("1,").repeated(100000) + "1]";
    const FormattedBody truncated = formatBody(big, "application/json", 1000);
    QVERIFY(truncated.truncated);
    QVERIFY(truncated.text.size() < 5000); // 1,000 input bytes, indented
    const std::atomic_bool cancel{true};
    const FormattedBody cancelled = formatBody(big, "application/json", big.size(), &cancel);
    QVERIFY(cancelled.cancelled);
    QVERIFY(cancelled.text.isEmpty());
}

void tst_BodyFormatter::prettyBody_data()
{
    QTest::addColumn<int>("records");
    QTest::addColumn<qint64>("memoryBytes");
    QTest::addColumn<bool>("bom");
    QTest::newRow("small, in memory") << 10 << qint64(64 << 20) << false;
    QTest::newRow("a BOM") << 10 << qint64(64 << 20) << true;
    QTest::newRow("20 MB in pieces, spilled") << 250000 << qint64(1 << 20) << false;
}

void tst_BodyFormatter::prettyBody()
{
    // The body (on disk past 1 MB) indented in 1 MB pieces written while the next is indented:
    // the same text as one pass of the indenter over the whole, and its lines indexed.
    QFETCH(int, records);
    QFETCH(qint64, memoryBytes);
    QFETCH(bool, bom);
    QByteArray json = "[";
    for (int i = 0; i < records; ++i) {
        json += "{\"id\":" + QByteArray::number(i) + ",\"tags\":[\"a\",{}],\"s\":\"x\\\"}\"},";
    }
    json += "null]";
    ResponseBody::Writer received(1 << 20);
    QString error;
    QVERIFY(received.append(bom ? "\xEF\xBB\xBF" + json : json, &error));
    const PrettyBody pretty = ApiLens::Core::prettyBody(received.finish(), "application/json", memoryBytes);
    QVERIFY(pretty.reformatted);
    QCOMPARE(pretty.kind, ContentKind::Json);
    QByteArray expected;
    JsonIndenter whole;
    whole.feed(json, &expected);
    whole.finish(&expected);
    QCOMPARE(pretty.text.isInMemory(), expected.size() <= memoryBytes);
    QCOMPARE(pretty.text.size(), expected.size());
    QVERIFY(pretty.text.bytes() == expected);
    QVERIFY(pretty.text.lineIndex());
    QCOMPARE(pretty.text.lineIndex()->lineCount(), expected.count('\n') + 1);
    // Cancelled before it starts: nothing formatted, and no thread left behind.
    const std::atomic_bool cancel{true};
    const PrettyBody cancelled =
        ApiLens::Core::prettyBody(ResponseBody::fromBytes(json), "application/json", memoryBytes, &cancel);
    QVERIFY(cancelled.cancelled);
    QVERIFY(!cancelled.reformatted);
}

void tst_BodyFormatter::deepNestingStaysInBounds_data()
{
    // Found by the fault suite in the window: JSON nested 100,000 deep asked the indenter for
    // 10^10 bytes of spaces (std::bad_alloc on a worker, the app aborted).
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("reformatted");
    QTest::newRow("100,000 arrays") << QByteArray(100000, '[') + QByteArray(100000, ']') << true;
    QTest::newRow("50,000 objects") << QByteArray("{\"a\":").repeated(50000) + "1" + QByteArray(50000, '}')
                                    << true;
    // Every byte a newline and the deepest indent: past 16 x the body it stays as it came.
    QTest::newRow("4 MB of [") << QByteArray(4 << 20, '[') << false;
}

void tst_BodyFormatter::deepNestingStaysInBounds()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, reformatted);
    const PrettyBody pretty = ApiLens::Core::prettyBody(ResponseBody::fromBytes(json), "application/json");
    QCOMPARE(pretty.reformatted, reformatted);
    QVERIFY(pretty.text.size() <= 16 * json.size() + (64 << 20));
    if (!reformatted) {
        QCOMPARE(pretty.text.size(), json.size()); // the text as it came
        return;
    }
    // Indented as deep as the cap, no deeper: the longest run of spaces is 2 x MaxIndentLevels.
    const QByteArray text = pretty.text.bytes();
    const QByteArray deepest = "\n" + QByteArray(2 * JsonIndenter::MaxIndentLevels, ' ');
    QVERIFY(text.contains(deepest));
    QVERIFY(!text.contains(QByteArray(deepest + ' ')));
    QVERIFY(text.startsWith(QByteArray(json.left(1) + "\n  " + json.at(1))));
}

QTEST_GUILESS_MAIN(tst_BodyFormatter)
#include "tst_bodyformatter.moc"
