#include "http/jsonpath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace ApiLens::Core;

namespace {

// The example document of RFC 9535 §1.5.
const QByteArray Store = R"({ "store": {
    "book": [
      { "category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", "price": 8.95 },
      { "category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99 },
      { "category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3",
        "price": 8.99 },
      { "category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord of the Rings",
        "isbn": "0-395-19395-8", "price": 22.99 }
    ],
    "bicycle": { "color": "red", "price": 399 }
  }
})";

} // namespace

class tst_JsonPath : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void select_data();
    void select();
    void errors_data();
    void errors();
    void cancelStops();
};

void tst_JsonPath::select_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("expected"); // compact, as the result is
    const QByteArray authors = R"(["Nigel Rees","Evelyn Waugh","Herman Melville","J. R. R. Tolkien"])";
    // RFC 9535 Table 2.
    QTest::newRow("children") << Store << "$.store.book[*].author" << authors;
    QTest::newRow("descendants") << Store << "$..author" << authors;
    QTest::newRow("bracketed names") << Store << "$['store']['bicycle'][\"color\"]"
                                     << QByteArray(R"(["red"])");
    QTest::newRow("all prices") << Store << "$.store..price" << QByteArray("[8.95,12.99,8.99,22.99,399]");
    QTest::newRow("third book") << Store << "$..book[2].title" << QByteArray(R"(["Moby Dick"])");
    QTest::newRow("last book") << Store << "$..book[-1].title" << QByteArray(R"(["The Lord of the Rings"])");
    QTest::newRow("union") << Store << "$..book[0,1].price" << QByteArray("[8.95,12.99]");
    QTest::newRow("slice") << Store << "$..book[:2].price" << QByteArray("[8.95,12.99]");
    QTest::newRow("slice back") << Store << "$..book[::-1].price" << QByteArray("[22.99,8.99,12.99,8.95]");
    QTest::newRow("slice step") << Store << "$..book[1:4:2].price" << QByteArray("[12.99,22.99]");
    QTest::newRow("slice zero step") << Store << "$..book[::0]" << QByteArray("[]");
    QTest::newRow("has isbn") << Store << "$..book[?@.isbn].title"
                              << QByteArray(R"(["Moby Dick","The Lord of the Rings"])");
    QTest::newRow("cheaper than 10") << Store << "$..book[?@.price<10].title"
                                     << QByteArray(R"(["Sayings of the Century","Moby Dick"])");
    QTest::newRow("parenthesised filter")
        << Store << "$.store.book[?(@.price > 10)].price" << QByteArray("[12.99,22.99]");
    QTest::newRow("and or not") << Store
                                << "$.store.book[?@.category == 'fiction' && !(@.price > 20 || @.isbn)].title"
                                << QByteArray(R"(["Sword of Honour"])");
    QTest::newRow("against the root") << Store << "$.store.book[?@.price > $.store.book[0].price].price"
                                      << QByteArray("[12.99,8.99,22.99]");
    QTest::newRow("every member and element") << Store << "$..*" << QByteArray();
    QTest::newRow("whole object") << Store << "$.store.bicycle"
                                  << QByteArray(R"([{"color":"red","price":399}])");
    QTest::newRow("match") << Store << "$..book[?match(@.author, 'J.*')].author"
                           << QByteArray(R"(["J. R. R. Tolkien"])");
    QTest::newRow("search") << Store << "$..book[?search(@.title, 'of')].title"
                            << QByteArray(
                                   R"(["Sayings of the Century","Sword of Honour","The Lord of the Rings"])");
    QTest::newRow("length") << Store << "$..book[?length(@.title) <= 9].title"
                            << QByteArray(R"(["Moby Dick"])");
    QTest::newRow("count") << Store << "$.store[?count(@.*) == 2].color" << QByteArray(R"(["red"])");
    QTest::newRow("missing name") << Store << "$.store.car" << QByteArray("[]");
    QTest::newRow("index past end") << Store << "$..book[9]" << QByteArray("[]");
    // RFC 9535 §2.3.5.3: comparisons.
    const QByteArray mixed = R"([{"a":1},{"a":"1"},{"a":null},{"a":[1,{"b":2}]},{},{"a":true}])";
    QTest::newRow("number equals") << mixed << "$[?@.a == 1].a" << QByteArray("[1]");
    QTest::newRow("string equals") << mixed << "$[?@.a == '1'].a" << QByteArray(R"(["1"])");
    QTest::newRow("null equals") << mixed << "$[?@.a == null].a" << QByteArray("[null]");
    QTest::newRow("deep equals") << mixed << "$[?@.a == $[3].a].a" << QByteArray(R"([[1,{"b":2}]])");
    QTest::newRow("nothing equals nothing") << mixed << "$[?@.x == @.y]" << mixed;
    QTest::newRow("not equal keeps nothing")
        << mixed << "$[?@.a != 1]" << QByteArray(R"([{"a":"1"},{"a":null},{"a":[1,{"b":2}]},{},{"a":true}])");
    QTest::newRow("mixed types do not order") << mixed << "$[?@.a < 2].a" << QByteArray("[1]");
    QTest::newRow("strings order") << QByteArray(R"(["b","a","c"])") << "$[?@ >= 'b']"
                                   << QByteArray(R"(["b","c"])");
    QTest::newRow("object members filtered")
        << QByteArray(R"({"x":{"n":5},"y":{"n":15}})") << "$[?@.n > 10]" << QByteArray(R"([{"n":15}])");
    QTest::newRow("unicode names and escapes")
        << QByteArray(R"({"ключ":{"a'b":"\u00e9"}})") << "$.ключ['a\\'b']" << QByteArray(R"(["é"])");
    QTest::newRow("byte order mark") << QByteArray("\xEF\xBB\xBF{\"a\":2}") << "$.a" << QByteArray("[2]");
    QTest::newRow("root") << QByteArray("[1, 2]") << "$" << QByteArray("[[1,2]]");
}

void tst_JsonPath::select()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, path);
    QFETCH(QByteArray, expected);
    QCOMPARE(checkJsonPath(path), QString());
    const JsonPathResult result = evaluateJsonPath(json, path);
    QCOMPARE(result.error, QString());
    QVERIFY(!result.cancelled);
    const QJsonDocument parsed = QJsonDocument::fromJson(result.json);
    QVERIFY2(parsed.isArray(), result.json.constData());
    QCOMPARE(result.count, parsed.array().size());
    if (expected.isEmpty()) { // "$..*" of the RFC's example: 27 nodes
        QCOMPARE(result.count, 27);
        return;
    }
    QCOMPARE(result.json, QJsonDocument::fromJson(expected).toJson(QJsonDocument::Compact));
}

void tst_JsonPath::errors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("error");
    QTest::newRow("no root") << Store << "store.book"
                             << "JSONPath, character 1: a query starts with $";
    QTest::newRow("dot then bracket") << Store << "$.[0]"
                                      << "JSONPath, character 3: expected a member name or * after the dot";
    QTest::newRow("unclosed bracket") << Store << "$.store['book'"
                                      << "JSONPath, character 15: expected “]”";
    QTest::newRow("unclosed string") << Store << "$['bo"
                                     << "JSONPath, character 6: the string is not closed";
    QTest::newRow("empty comparison") << Store << "$..book[?@.price < ]"
                                      << "JSONPath, character 20: expected @, $, a literal or a function";
    QTest::newRow("literal test") << Store << "$[?1]"
                                  << "JSONPath, character 4: a literal alone is not a test";
    QTest::newRow("non-singular comparison")
        << Store << "$[?@.* == 1]"
        << "JSONPath, character 4: a comparison needs a query that selects one value";
    QTest::newRow("unknown function") << Store << "$[?size(@) == 1]"
                                      << "JSONPath, character 4: unknown function “size”";
    QTest::newRow("trailing text") << Store << "$.store junk"
                                   << "JSONPath, character 9: unexpected “j”";
    QTest::newRow("broken body") << QByteArray(R"({"a": [1, 2,, 3]})") << "$.a"
                                 << "The body is not JSON: illegal value at character 13";
    QTest::newRow("empty body") << QByteArray() << "$"
                                << "The body is not JSON: illegal value at character 1";
}

void tst_JsonPath::errors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, path);
    QFETCH(QString, error);
    const JsonPathResult result = evaluateJsonPath(json, path);
    QCOMPARE(result.error, error);
    QCOMPARE(result.count, 0);
    if (error.startsWith(QLatin1String("JSONPath"))) {
        QCOMPARE(checkJsonPath(path), error);
    }
}

void tst_JsonPath::cancelStops()
{
    QByteArray big = "[";
    for (int i = 0; i < 100000; ++i) {
        big += (i ? "," : "") + QByteArray(R"({"id":)") + QByteArray::number(i) + "}";
    }
    big += "]";
    std::atomic_bool cancel{true};
    const JsonPathResult stopped = evaluateJsonPath(big, QStringLiteral("$..id"), &cancel);
    QVERIFY(stopped.cancelled);
    QVERIFY(stopped.json.isEmpty());
    cancel = false;
    const JsonPathResult all = evaluateJsonPath(big, QStringLiteral("$[?@.id >= 99998].id"), &cancel);
    QCOMPARE(all.json, QByteArray("[99998,99999]"));
}

QTEST_GUILESS_MAIN(tst_JsonPath)
#include "tst_jsonpath.moc"
