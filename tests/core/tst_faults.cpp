#include "http/httpclient.h"

#include "faultcases.h"
#include "faultrequest.h"
#include "peers.h"

#include <QSignalSpy>
#include <QSslSocket>
#include <QTest>
#include <QTimer>

using namespace ApiLens::Core;
using namespace ApiLens::Test;

Q_DECLARE_METATYPE(ApiLens::Test::FaultCase)

// The fault suite through the core: every case of tests/support/faultcases.h sent with
// HttpClient to a server that misbehaves that way.
class tst_Faults : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void faults_data();
    void faults();

private:
    FaultServers m_servers;
};

void tst_Faults::initTestCase()
{
    APILENS_REQUIRE_PEER(QSslSocket::supportsSsl(), "This Qt has no TLS backend");
    APILENS_REQUIRE_PEER(TestCertificates::opensslAvailable(),
                         "openssl is missing (apt-get install openssl)");
    for (const QByteArray coding : {"gzip", "br", "zstd"}) {
        QVERIFY(FaultServer::bomb(coding).size() < 2 * 1024 * 1024); // made once, before the clock runs
    }
}

void tst_Faults::faults_data()
{
    QTest::addColumn<FaultCase>("fault");
    for (const FaultCase &fault : faultCases()) {
        QTest::newRow(fault.name) << fault;
    }
}

void tst_Faults::faults()
{
    QFETCH(FaultCase, fault);
    QString error;
    const QString url = m_servers.url(fault, &error);
    QVERIFY2(!url.isEmpty(), qPrintable(error));
    const RequestSpec spec = faultRequest(fault, url);
    HttpClient client;
    if (fault.maxBodyBytes > 0) {
        client.setMaxBodyBytes(fault.maxBodyBytes);
    }
    PendingExchange *pending = client.send(spec);
    QSignalSpy finished(pending, &PendingExchange::finished);
    if (fault.cancelAfterMs >= 0) {
        QTimer::singleShot(fault.cancelAfterMs, pending, &PendingExchange::cancel);
    }
    QVERIFY(finished.wait(fault.timeoutMs + 10000) || pending->isFinished());
    const Exchange ex = pending->exchange();
    delete pending;

    const QString said = transportErrorId(ex.error) + QStringLiteral(": ") + ex.errorMessage;
    if (fault.kind.isEmpty()) {
        QVERIFY2(ex.error == TransportError::None, qPrintable(said));
        QCOMPARE(ex.status, fault.status);
    } else {
        QVERIFY2(transportErrorId(ex.error) == fault.kind, qPrintable(said));
        QVERIFY2(ex.errorMessage.contains(fault.message), qPrintable(said));
    }
    // No hang past the timeout; memory bounded by the body limit.
    QVERIFY2(ex.timings.totalMs() < fault.timeoutMs + 3000,
             qPrintable(QString::number(ex.timings.totalMs())));
    if (fault.maxBodyBytes > 0) {
        QVERIFY(ex.body.size() <= fault.maxBodyBytes);
    }
    if (fault.headerCount >= 0) {
        QCOMPARE(ex.headers.size(), fault.headerCount);
    }
    if (const QByteArray whole = FaultServer::body(fault.path.toLatin1()); !whole.isEmpty()) {
        QCOMPARE(ex.body.size(), whole.size());
        QVERIFY(ex.body.bytes(whole.size()) == whole); // byte for byte, invalid UTF-8 and all
    }
    if (fault.path == QLatin1String("/http10")) {
        QCOMPARE(ex.httpVersion, QStringLiteral("HTTP/1.0"));
    }
    if (fault.server == FaultCase::Server::Tls && !fault.verifyTls && fault.kind.isEmpty()) {
        QVERIFY(ex.tlsVerificationDisabled);
        QVERIFY(!ex.ignoredTlsErrors.isEmpty());
    }
    if (fault.server == FaultCase::Server::CrossHost) {
        // Credentials stay with the origin they were written for (RFC 9110 §15.4, curl's rule).
        const ReceivedRequest received = m_servers.redirectTarget()->lastRequest();
        QVERIFY(received.header("Authorization").isNull());
        QVERIFY(!received.header("Cookie").contains("user=1"));
        if (fault.path == QLatin1String("localhost")) {
            QVERIFY2(received.header("Cookie").isNull(), received.header("Cookie").constData());
        }
        QCOMPARE(ex.hops.size(), 1);
    }
}

QTEST_GUILESS_MAIN(tst_Faults)
#include "tst_faults.moc"
