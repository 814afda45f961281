#include "collections/assertion.h"

#include <QTest>

using namespace ApiLens::Core;
using Outcome = AssertionResult::Outcome;

class tst_Assertion : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void evaluate_data();
    void evaluate();
    void noResponseFails();
};

void tst_Assertion::evaluate_data()
{
    QTest::addColumn<QString>("assertion");
    QTest::addColumn<Outcome>("outcome");
    QTest::addColumn<QString>("message");
    QTest::newRow("status ==") << QStringLiteral("status == 201") << Outcome::Passed << QString();
    QTest::newRow("status == fails") << QStringLiteral("status == 200") << Outcome::Failed
                                     << QStringLiteral("got 201");
    QTest::newRow("status <") << QStringLiteral("status < 300") << Outcome::Passed << QString();
    QTest::newRow("header includes") << QStringLiteral("header content-type includes json") << Outcome::Passed
                                     << QString();
    QTest::newRow("header absent") << QStringLiteral("header x-missing == 1") << Outcome::Failed
                                   << QStringLiteral("x-missing is absent");
    QTest::newRow("body path exists") << QStringLiteral("body $.id exists") << Outcome::Passed << QString();
    QTest::newRow("body path missing")
        << QStringLiteral("body $.nope exists") << Outcome::Failed << QStringLiteral("$.nope is absent");
    QTest::newRow("body path ==") << QStringLiteral("body $.name == Ada Lovelace") << Outcome::Passed
                                  << QString();
    QTest::newRow("body path quoted")
        << QStringLiteral("body $.name == \"Ada Lovelace\"") << Outcome::Passed << QString();
    QTest::newRow("body path number") << QStringLiteral("body $.id >= 42") << Outcome::Passed << QString();
    QTest::newRow("body path bool") << QStringLiteral("body $.active isTrue") << Outcome::Passed << QString();
    QTest::newRow("body contains") << QStringLiteral("body contains Lovelace") << Outcome::Passed
                                   << QString();
    QTest::newRow("body matches") << QStringLiteral("body $.email matches ^[a-z]+@example\\.com$")
                                  << Outcome::Passed << QString();
    QTest::newRow("duration") << QStringLiteral("duration < 500") << Outcome::Passed << QString();
    QTest::newRow("duration fails") << QStringLiteral("duration < 5") << Outcome::Failed
                                    << QStringLiteral("got 120");
    QTest::newRow("text compared with <")
        << QStringLiteral("body $.name < 3") << Outcome::Failed << QStringLiteral("cannot compare");
    QTest::newRow("js is not run") << QStringLiteral("js response.parsedBody.id == 42") << Outcome::NotRun
                                   << QStringLiteral("not run");
    QTest::newRow("no operator") << QStringLiteral("status 200") << Outcome::NotRun
                                 << QStringLiteral("expected an operator");
    QTest::newRow("unknown subject") << QStringLiteral("cookie a == b") << Outcome::NotRun
                                     << QStringLiteral("unknown subject");
}

void tst_Assertion::evaluate()
{
    QFETCH(QString, assertion);
    QFETCH(Outcome, outcome);
    QFETCH(QString, message);
    Exchange ex;
    ex.status = 201;
    ex.headers = {{"Content-Type", "application/json; charset=utf-8"}};
    ex.body =
        ResponseBody::fromBytes(R"({"id":42,"name":"Ada Lovelace","email":"ada@example.com","active":true})");
    ex.timings.finishedMs = 120;
    const AssertionResult result = evaluateAssertion(assertion, ex);
    QCOMPARE(result.outcome, outcome);
    QVERIFY2(result.message.contains(message), qPrintable(result.message));
    QCOMPARE(result.assertion, assertion);
}

void tst_Assertion::noResponseFails()
{
    Exchange ex;
    ex.error = TransportError::ConnectionRefused;
    ex.errorMessage = QStringLiteral("Connection refused by 127.0.0.1:1");
    const AssertionResult result = evaluateAssertion(QStringLiteral("status == 200"), ex);
    QCOMPARE(result.outcome, Outcome::Failed);
    QVERIFY(result.message.contains(QStringLiteral("Connection refused")));
}

QTEST_GUILESS_MAIN(tst_Assertion)
#include "tst_assertion.moc"
