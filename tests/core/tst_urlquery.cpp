#include "http/urlquery.h"

#include <QTest>

using namespace ApiLens::Core;

class tst_UrlQuery : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data();
    void parse();
    void withParams_data();
    void withParams();
};

using Params = QList<KeyValue>;

void tst_UrlQuery::parse_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<Params>("expected");
    QTest::newRow("none") << QStringLiteral("https://h/p") << Params{};
    QTest::newRow("empty query") << QStringLiteral("https://h/p?") << Params{};
    QTest::newRow("two") << QStringLiteral("https://h/p?a=1&b=2")
                         << Params{{QStringLiteral("a"), QStringLiteral("1")},
                                   {QStringLiteral("b"), QStringLiteral("2")}};
    QTest::newRow("flag and raw encoding") << QStringLiteral("h/p?flag&q=x%20y&v={{var}}")
                                           << Params{{QStringLiteral("flag"), QString()},
                                                     {QStringLiteral("q"), QStringLiteral("x%20y")},
                                                     {QStringLiteral("v"), QStringLiteral("{{var}}")}};
    QTest::newRow("fragment ignored")
        << QStringLiteral("h/p?a=1#frag?b=2") << Params{{QStringLiteral("a"), QStringLiteral("1")}};
    QTest::newRow("value with equals")
        << QStringLiteral("h?t=a=b") << Params{{QStringLiteral("t"), QStringLiteral("a=b")}};
}

void tst_UrlQuery::parse()
{
    QFETCH(QString, url);
    QFETCH(Params, expected);
    QCOMPARE(UrlQuery::parse(url), expected);
}

void tst_UrlQuery::withParams_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<Params>("params");
    QTest::addColumn<QString>("expected");
    QTest::newRow("add to bare") << QStringLiteral("https://h/p")
                                 << Params{{QStringLiteral("a"), QStringLiteral("1")}}
                                 << QStringLiteral("https://h/p?a=1");
    QTest::newRow("replace, keep fragment")
        << QStringLiteral("https://h/p?old=1#top")
        << Params{{QStringLiteral("a"), QStringLiteral("1")}, {QStringLiteral("b"), QStringLiteral("2")}}
        << QStringLiteral("https://h/p?a=1&b=2#top");
    QTest::newRow("disabled dropped") << QStringLiteral("h/p?a=1")
                                      << Params{{QStringLiteral("a"), QStringLiteral("1"), false},
                                                {QStringLiteral("b"), QStringLiteral("2")}}
                                      << QStringLiteral("h/p?b=2");
    QTest::newRow("all removed") << QStringLiteral("h/p?a=1") << Params{} << QStringLiteral("h/p");
}

void tst_UrlQuery::withParams()
{
    QFETCH(QString, url);
    QFETCH(Params, params);
    QFETCH(QString, expected);
    QCOMPARE(UrlQuery::withParams(url, params), expected);
    // And back: the enabled params come out of the result unchanged.
    Params enabled;
    for (const KeyValue &param : params) {
        if (param.enabled) {
            enabled.append(param);
        }
    }
    QCOMPARE(UrlQuery::parse(UrlQuery::withParams(url, params)), enabled);
}

QTEST_GUILESS_MAIN(tst_UrlQuery)
#include "tst_urlquery.moc"
