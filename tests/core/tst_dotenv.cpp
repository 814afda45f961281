#include "collections/dotenv.h"

#include <QTest>

using namespace ApiLens::Core;

// .env files as the dotenv package reads them (httpyac and the REST Client use it).
class tst_Dotenv : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data();
    void parse();
};

void tst_Dotenv::parse_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("value"); // "<absent>" when the name must not be there
    QTest::newRow("plain") << QByteArray("KEY=value\n") << QStringLiteral("KEY") << QStringLiteral("value");
    QTest::newRow("spaces around") << QByteArray("  KEY =  some value  \n") << QStringLiteral("KEY")
                                   << QStringLiteral("some value");
    QTest::newRow("export") << QByteArray("export TOKEN=abc\n") << QStringLiteral("TOKEN")
                            << QStringLiteral("abc");
    QTest::newRow("inline comment") << QByteArray("A=1 # one\n") << QStringLiteral("A")
                                    << QStringLiteral("1");
    QTest::newRow("hash inside quotes")
        << QByteArray("A='1 # one'\n") << QStringLiteral("A") << QStringLiteral("1 # one");
    QTest::newRow("double quotes expand \\n")
        << QByteArray("A=\"x\\ny\"\n") << QStringLiteral("A") << QStringLiteral("x\ny");
    QTest::newRow("single quotes keep \\n")
        << QByteArray("A='x\\ny'\n") << QStringLiteral("A") << QStringLiteral("x\\ny");
    QTest::newRow("multi-line in double quotes") << QByteArray("A=\"line 1\nline 2\"\nB=2\n")
                                                 << QStringLiteral("A") << QStringLiteral("line 1\nline 2");
    QTest::newRow("empty value") << QByteArray("EMPTY=\nB=2\n") << QStringLiteral("EMPTY") << QString();
    QTest::newRow("comment line") << QByteArray("# KEY=no\n") << QStringLiteral("KEY")
                                  << QStringLiteral("<absent>");
    QTest::newRow("CRLF") << QByteArray("A=1\r\nB=2\r\n") << QStringLiteral("B") << QStringLiteral("2");
    QTest::newRow("later wins") << QByteArray("A=1\nA=2\n") << QStringLiteral("A") << QStringLiteral("2");
    QTest::newRow("garbage line skipped")
        << QByteArray("not a line\nA=1\n") << QStringLiteral("A") << QStringLiteral("1");
}

void tst_Dotenv::parse()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, name);
    QFETCH(QString, value);
    const QHash<QString, QString> variables = parseDotenv(text);
    if (value == QLatin1String("<absent>")) {
        QVERIFY(!variables.contains(name));
    } else {
        QVERIFY2(variables.contains(name), qPrintable(QStringList(variables.keys()).join(QLatin1Char(','))));
        QCOMPARE(variables.value(name), value);
    }
}

QTEST_GUILESS_MAIN(tst_Dotenv)
#include "tst_dotenv.moc"
