#include "interop/yamlreader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace ApiLens::Core;

class tst_YamlReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsAsJson_data();
    void readsAsJson();
    void refuses_data();
    void refuses();
    void keepsTheOrderOfOneMapping();
    void refusesAnAliasBomb();
};

// Compact JSON of what the reader made, to compare with the expected text.
static QByteArray json(const QJsonValue &value)
{
    return QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
}

void tst_YamlReader::readsAsJson_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("block mapping") << QByteArray("a: 1\nb: text\n") << QByteArray(R"({"a":1,"b":"text"})");
    QTest::newRow("core schema scalars")
        << QByteArray("n: ~\nn2: null\ne:\nt: true\nf: False\ni: -12\nh: 0x1F\no: 0o17\nx: 1.5e3\nd: .5\n")
        << QByteArray(
               R"({"d":0.5,"e":null,"f":false,"h":31,"i":-12,"n":null,"n2":null,"o":15,"t":true,"x":1500})");
    QTest::newRow("YAML 1.1 words stay text")
        << QByteArray("a: yes\nb: off\nc: 3.0.3\nd: 1_000\ne: .inf\n")
        << QByteArray(R"({"a":"yes","b":"off","c":"3.0.3","d":"1_000","e":".inf"})");
    QTest::newRow("quoted scalars are text")
        << QByteArray("a: \"1\"\nb: 'true'\nc: \"null\"\nd: \"tab\\there\"\ne: 'it''s'\n")
        << QByteArray(R"({"a":"1","b":"true","c":"null","d":"tab\there","e":"it's"})");
    QTest::newRow("keys are text as written")
        << QByteArray("200: ok\n1.10: v\ntrue: yes\n~: n\n")
        << QByteArray(R"({"1.10":"v","200":"ok","true":"yes","~":"n"})");
    QTest::newRow("tags") << QByteArray("a: !!str 42\nb: !!int \"7\"\nc: !custom 5\n")
                          << QByteArray(R"({"a":"42","b":7,"c":"5"})");
    QTest::newRow("sequences") << QByteArray("- a\n- - 1\n  - 2\n- {k: v}\n")
                               << QByteArray(R"(["a",[1,2],{"k":"v"}])");
    QTest::newRow("flow collections")
        << QByteArray("{a: [1, 2, {b: c}], d: \"e\"}") << QByteArray(R"({"a":[1,2,{"b":"c"}],"d":"e"})");
    QTest::newRow("literal block") << QByteArray("text: |\n  line one\n  line two\nafter: 1\n")
                                   << QByteArray(R"({"after":1,"text":"line one\nline two\n"})");
    QTest::newRow("folded block, stripped")
        << QByteArray("text: >-\n  one\n  two\n\n  three\n") << QByteArray(R"({"text":"one two\nthree"})");
    QTest::newRow("anchors and aliases") << QByteArray("base: &b {x: 1}\nsame: *b\nlist: [&n 5, *n]\n")
                                         << QByteArray(R"({"base":{"x":1},"list":[5,5],"same":{"x":1}})");
    QTest::newRow("merge keys, own keys win")
        << QByteArray("d: &d {a: 1, b: 2}\ne: &e {c: 3}\nm:\n  <<: [*d, *e]\n  b: 9\n")
        << QByteArray(R"({"d":{"a":1,"b":2},"e":{"c":3},"m":{"a":1,"b":9,"c":3}})");
    QTest::newRow("a quoted << is a key") << QByteArray("\"<<\": 1\n") << QByteArray(R"({"<<":1})");
    QTest::newRow("first document only") << QByteArray("---\na: 1\n---\nb: 2\n") << QByteArray(R"({"a":1})");
    QTest::newRow("empty") << QByteArray("") << QByteArray("null");
    QTest::newRow("comments and unicode")
        << QByteArray("# top\nname: café # trailing\n") << QByteArray(R"({"name":"café"})");
    QTest::newRow("JSON is YAML") << QByteArray(R"({"a": [1, "two", null], "b": {"c": true}})")
                                  << QByteArray(R"({"a":[1,"two",null],"b":{"c":true}})");
}

void tst_YamlReader::readsAsJson()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QByteArray, expected);
    QString error;
    const std::optional<QJsonValue> value = parseYaml(yaml, &error);
    QVERIFY2(value, qPrintable(error));
    QCOMPARE(json(*value), expected);
}

void tst_YamlReader::refuses_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("message");

    QTest::newRow("bad indentation") << QByteArray("a:\n  b: 1\n c: 2\n")
                                     << QStringLiteral("not valid YAML at line 3, column 2");
    QTest::newRow("unclosed flow") << QByteArray("a: [1, 2\nb: 3\n")
                                   << QStringLiteral("not valid YAML at line ");
    QTest::newRow("unclosed quote") << QByteArray("a: \"open\n")
                                    << QStringLiteral("not valid YAML at line 2");
    QTest::newRow("tab indentation") << QByteArray("a:\n\tb: 1\n")
                                     << QStringLiteral("not valid YAML at line 2");
    QTest::newRow("unknown alias") << QByteArray("a: *nowhere\n")
                                   << QStringLiteral("line 1, column 4: the alias *nowhere has no anchor");
    QTest::newRow("complex key") << QByteArray("? [a, b]\n: 1\n")
                                 << QStringLiteral("a mapping or list used as a key is not supported");
    QTest::newRow("merge of a scalar")
        << QByteArray("m:\n  <<: 5\n")
        << QStringLiteral("a merge key (<<) takes a mapping or a list of mappings");
    QTest::newRow("too deep") << QByteArray(1200, '[') << QStringLiteral("nested more than 1000 levels deep");
}

void tst_YamlReader::refuses()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, message);
    QString error;
    QVERIFY(!parseYaml(yaml, &error));
    QVERIFY2(error.contains(message), qPrintable(error));
}

void tst_YamlReader::keepsTheOrderOfOneMapping()
{
    QString error;
    QStringList order;
    const QByteArray yaml = "info: {title: x}\npaths:\n  /zebra: {}\n  /apple:\n    get: {}\n  /mango: {}\n"
                            "other:\n  /not-this: {}\n";
    QVERIFY(parseYaml(yaml, &error, QStringLiteral("paths"), &order));
    QCOMPARE(order,
             (QStringList{QStringLiteral("/zebra"), QStringLiteral("/apple"), QStringLiteral("/mango")}));
}

void tst_YamlReader::refusesAnAliasBomb()
{
    // Nine levels of nine aliases each: 387 million values once expanded.
    QByteArray yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n";
    for (int level = 1; level <= 9; ++level) {
        const QByteArray previous = "*a" + QByteArray::number(level - 1);
        yaml += "a" + QByteArray::number(level) + ": &a" + QByteArray::number(level) + " [" + previous;
        for (int i = 1; i < 9; ++i) {
            yaml += ", " + previous;
        }
        yaml += "]\n";
    }
    QString error;
    QVERIFY(!parseYaml(yaml, &error));
    QVERIFY2(error.contains(QStringLiteral("expand to more than")), qPrintable(error));
}

QTEST_GUILESS_MAIN(tst_YamlReader)
#include "tst_yamlreader.moc"
