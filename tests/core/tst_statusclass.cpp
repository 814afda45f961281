#include "http/statusclass.h"

#include <QTest>

using namespace ApiLens::Core;

class tst_StatusClass : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void classOf_data();
    void classOf();
    void reasonPhrase_data();
    void reasonPhrase();
};

void tst_StatusClass::classOf_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<StatusClass>("expected");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("name");
    QTest::newRow("0 no response") << 0 << StatusClass::None << QStringLiteral("—")
                                   << QStringLiteral("No response");
    QTest::newRow("99 below range") << 99 << StatusClass::None << QStringLiteral("—")
                                    << QStringLiteral("No response");
    QTest::newRow("100") << 100 << StatusClass::Informational << QStringLiteral("1xx")
                         << QStringLiteral("Informational");
    QTest::newRow("199 unregistered")
        << 199 << StatusClass::Informational << QStringLiteral("1xx") << QStringLiteral("Informational");
    QTest::newRow("200") << 200 << StatusClass::Success << QStringLiteral("2xx") << QStringLiteral("Success");
    QTest::newRow("299") << 299 << StatusClass::Success << QStringLiteral("2xx") << QStringLiteral("Success");
    QTest::newRow("301") << 301 << StatusClass::Redirection << QStringLiteral("3xx")
                         << QStringLiteral("Redirection");
    QTest::newRow("404") << 404 << StatusClass::ClientError << QStringLiteral("4xx")
                         << QStringLiteral("Client error");
    QTest::newRow("499 nginx") << 499 << StatusClass::ClientError << QStringLiteral("4xx")
                               << QStringLiteral("Client error");
    QTest::newRow("503") << 503 << StatusClass::ServerError << QStringLiteral("5xx")
                         << QStringLiteral("Server error");
    QTest::newRow("522 cloudflare") << 522 << StatusClass::ServerError << QStringLiteral("5xx")
                                    << QStringLiteral("Server error");
    QTest::newRow("599") << 599 << StatusClass::ServerError << QStringLiteral("5xx")
                         << QStringLiteral("Server error");
    QTest::newRow("600 above range") << 600 << StatusClass::None << QStringLiteral("—")
                                     << QStringLiteral("No response");
    QTest::newRow("-1") << -1 << StatusClass::None << QStringLiteral("—") << QStringLiteral("No response");
}

void tst_StatusClass::classOf()
{
    QFETCH(int, code);
    QFETCH(StatusClass, expected);
    QFETCH(QString, label);
    QFETCH(QString, name);
    QCOMPARE(statusClassOf(code), expected);
    QCOMPARE(statusClassLabel(statusClassOf(code)), label);
    QCOMPARE(statusClassName(statusClassOf(code)), name);
}

void tst_StatusClass::reasonPhrase_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("phrase");
    QTest::newRow("200") << 200 << QStringLiteral("OK");
    QTest::newRow("422") << 422 << QStringLiteral("Unprocessable Content");
    QTest::newRow("503") << 503 << QStringLiteral("Service Unavailable");
    QTest::newRow("522 unknown") << 522 << QString();
}

void tst_StatusClass::reasonPhrase()
{
    QFETCH(int, code);
    QFETCH(QString, phrase);
    QCOMPARE(standardReasonPhrase(code), phrase);
}

QTEST_GUILESS_MAIN(tst_StatusClass)
#include "tst_statusclass.moc"
