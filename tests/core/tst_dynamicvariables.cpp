#include "collections/dynamicvariables.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

using namespace ApiLens::Core;

// The dynamic variables of the REST Client, httpyac and the JetBrains client, on a fixed clock,
// environment and random seed.
class tst_DynamicVariables : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void values_data();
    void values();
    void refusesWhatIsOutOfRange_data();
    void refusesWhatIsOutOfRange();
    void dayJsFormat_data();
    void dayJsFormat();
};

namespace {

DynamicContext fixedContext(QRandomGenerator *random)
{
    DynamicContext context;
    context.now = QDateTime(QDate(2026, 3, 7), QTime(9, 5, 4, 321), Qt::UTC);
    context.processEnv = [](const QString &name) -> std::optional<QString> {
        return name == QLatin1String("API_HOME") ? std::optional<QString>(QStringLiteral("/srv/api"))
                                                 : std::nullopt;
    };
    context.dotenv = {{QStringLiteral("KEY"), QStringLiteral("dotenv-key")}};
    context.variables = {{QStringLiteral("which"), QStringLiteral("API_HOME")}};
    context.random = random;
    return context;
}

} // namespace

void tst_DynamicVariables::values_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("pattern"); // the whole value must match
    QTest::newRow("uuid") << QStringLiteral("$uuid")
                          << QStringLiteral("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");
    QTest::newRow("jetbrains uuid") << QStringLiteral("$random.uuid") << QStringLiteral("[0-9a-f-]{36}");
    QTest::newRow("timestamp") << QStringLiteral("$timestamp") << QStringLiteral("1772874304");
    QTest::newRow("timestamp offset") << QStringLiteral("$timestamp -1 h") << QStringLiteral("1772870704");
    QTest::newRow("iso timestamp") << QStringLiteral("$isoTimestamp")
                                   << QStringLiteral("2026-03-07T09:05:04\\.321Z");
    QTest::newRow("datetime iso") << QStringLiteral("$datetime iso8601")
                                  << QStringLiteral("2026-03-07T09:05:04\\.321Z");
    QTest::newRow("datetime rfc1123")
        << QStringLiteral("$datetime rfc1123") << QStringLiteral("Sat, 07 Mar 2026 09:05:04 GMT");
    QTest::newRow("datetime format") << QStringLiteral("$datetime \"YYYY-MM-DD HH:mm:ss.SSS\"")
                                     << QStringLiteral("2026-03-07 09:05:04\\.321");
    QTest::newRow("datetime quoted, offset")
        << QStringLiteral("$datetime 'DD.MM.YYYY' -7 d") << QStringLiteral("28\\.02\\.2026");
    QTest::newRow("datetime months") << QStringLiteral("$datetime 'MMMM YY' 1 M")
                                     << QStringLiteral("April 26");
    QTest::newRow("random int") << QStringLiteral("$randomInt 5 6") << QStringLiteral("5");
    QTest::newRow("random int wide") << QStringLiteral("$randomInt -2000000000 2000000000")
                                     << QStringLiteral("-?\\d{1,10}");
    QTest::newRow("random int default") << QStringLiteral("$randomInt") << QStringLiteral("\\d{1,3}");
    QTest::newRow("random integer") << QStringLiteral("$random.integer(3, 4)") << QStringLiteral("3");
    QTest::newRow("random float") << QStringLiteral("$random.float(1, 2)") << QStringLiteral("1(\\.\\d+)?");
    QTest::newRow("alphabetic") << QStringLiteral("$random.alphabetic(7)") << QStringLiteral("[A-Za-z]{7}");
    QTest::newRow("alphanumeric") << QStringLiteral("$random.alphanumeric(5)") << QStringLiteral("\\w{5}");
    QTest::newRow("hexadecimal") << QStringLiteral("$random.hexadecimal(4)") << QStringLiteral("[0-9A-F]{4}");
    QTest::newRow("email") << QStringLiteral("$random.email") << QStringLiteral("\\w+@[A-Za-z]+\\.com");
    QTest::newRow("process env") << QStringLiteral("$processEnv API_HOME") << QStringLiteral("/srv/api");
    QTest::newRow("process env indirect")
        << QStringLiteral("$processEnv %which") << QStringLiteral("/srv/api");
    QTest::newRow("process env unset") << QStringLiteral("$processEnv NOPE") << QString();
    QTest::newRow("dotenv") << QStringLiteral("$dotenv KEY") << QStringLiteral("dotenv-key");
    QTest::newRow("dotenv unset") << QStringLiteral("$dotenv NOPE") << QString();
}

void tst_DynamicVariables::values()
{
    QFETCH(QString, expression);
    QFETCH(QString, pattern);
    QRandomGenerator random(42);
    QString error;
    const std::optional<QString> value = dynamicVariable(expression, fixedContext(&random), &error);
    QVERIFY2(value.has_value(), qPrintable(error));
    QVERIFY2(QRegularExpression(QRegularExpression::anchoredPattern(pattern)).match(*value).hasMatch(),
             qPrintable(*value));
}

void tst_DynamicVariables::refusesWhatIsOutOfRange_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("message"); // empty: simply not a dynamic variable
    QTest::newRow("not dynamic") << QStringLiteral("$nope") << QString();
    QTest::newRow("random int overflow")
        << QStringLiteral("$randomInt 0 99999999999999999999") << QStringLiteral("whole numbers");
    QTest::newRow("offset unit") << QStringLiteral("$datetime iso8601 1 fortnight")
                                 << QStringLiteral("not a unit");
    QTest::newRow("offset huge") << QStringLiteral("$timestamp 99999999999999 d") << QStringLiteral("offset");
    QTest::newRow("datetime without format")
        << QStringLiteral("$datetime") << QStringLiteral("needs a format");
    QTest::newRow("length too large")
        << QStringLiteral("$random.alphabetic(1e9)") << QStringLiteral("length");
    QTest::newRow("bound too large") << QStringLiteral("$random.integer(0, 1e300)") << QStringLiteral("2^53");
    QTest::newRow("not a number") << QStringLiteral("$random.integer(a, b)")
                                  << QStringLiteral("not a number");
}

void tst_DynamicVariables::refusesWhatIsOutOfRange()
{
    QFETCH(QString, expression);
    QFETCH(QString, message);
    QRandomGenerator random(1);
    QString error;
    QVERIFY(!dynamicVariable(expression, fixedContext(&random), &error).has_value());
    QVERIFY2(error.contains(message), qPrintable(error));
}

void tst_DynamicVariables::dayJsFormat_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("expected");
    QTest::newRow("date") << QStringLiteral("YYYY-MM-DD") << QStringLiteral("2026-03-07");
    QTest::newRow("short forms") << QStringLiteral("D/M/YY H:m:s") << QStringLiteral("7/3/26 9:5:4");
    QTest::newRow("12 hours") << QStringLiteral("hh:mm A, h a") << QStringLiteral("09:05 AM, 9 am");
    QTest::newRow("names") << QStringLiteral("dddd ddd MMMM MMM") << QStringLiteral("Saturday Sat March Mar");
    QTest::newRow("zone") << QStringLiteral("Z ZZ") << QStringLiteral("+00:00 +0000");
    QTest::newRow("escaped") << QStringLiteral("[Day] D [of] MMMM") << QStringLiteral("Day 7 of March");
    QTest::newRow("unix") << QStringLiteral("X") << QStringLiteral("1772874304");
}

void tst_DynamicVariables::dayJsFormat()
{
    QFETCH(QString, format);
    QFETCH(QString, expected);
    QCOMPARE(formatDayJs(QDateTime(QDate(2026, 3, 7), QTime(9, 5, 4, 321), Qt::UTC), format), expected);
}

QTEST_GUILESS_MAIN(tst_DynamicVariables)
#include "tst_dynamicvariables.moc"
