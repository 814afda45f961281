#include "statusbadge.h"
#include "statusstyle.h"

#include <QTest>

using namespace ApiLens;
using namespace ApiLens::Ui;

class tst_StatusBadge : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void text_data();
    void text();
    void noResponse();
    void paintsTheClassColour();
};

void tst_StatusBadge::text_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<Core::StatusClass>("statusClass");
    QTest::newRow("101") << 101 << QStringLiteral("Switching Protocols")
                         << QStringLiteral("ℹ 101 Switching Protocols · Informational")
                         << Core::StatusClass::Informational;
    QTest::newRow("200") << 200 << QStringLiteral("OK") << QStringLiteral("✓ 200 OK · Success")
                         << Core::StatusClass::Success;
    QTest::newRow("301") << 301 << QStringLiteral("Moved Permanently")
                         << QStringLiteral("↪ 301 Moved Permanently · Redirection")
                         << Core::StatusClass::Redirection;
    QTest::newRow("404") << 404 << QStringLiteral("Not Found")
                         << QStringLiteral("⚠ 404 Not Found · Client error")
                         << Core::StatusClass::ClientError;
    QTest::newRow("522 no reason") << 522 << QString() << QStringLiteral("✖ 522 · Server error")
                                   << Core::StatusClass::ServerError;
}

void tst_StatusBadge::text()
{
    QFETCH(int, status);
    QFETCH(QString, reason);
    QFETCH(QString, expected);
    QFETCH(Core::StatusClass, statusClass);
    StatusBadge badge;
    badge.setStatus(status, reason);
    QCOMPARE(badge.text(), expected);
    QCOMPARE(badge.statusClass(), statusClass);
    QVERIFY(badge.toolTip().contains(Core::statusClassName(statusClass)));
    QVERIFY(badge.toolTip().contains(Core::statusClassLabel(statusClass)));
    QCOMPARE(badge.accessibleName(), expected);
    QVERIFY(badge.sizeHint().width() > badge.fontMetrics().horizontalAdvance(expected));
}

void tst_StatusBadge::noResponse()
{
    StatusBadge badge;
    badge.setNoResponse(QStringLiteral("Connection refused"));
    QCOMPARE(badge.text(), QStringLiteral("⊘ Connection refused · No response"));
    QCOMPARE(badge.statusClass(), Core::StatusClass::None);
    badge.clear();
    QVERIFY(badge.text().isEmpty());
}

void tst_StatusBadge::paintsTheClassColour()
{
    StatusBadge badge;
    badge.setStatus(503, QStringLiteral("Service Unavailable"));
    badge.resize(badge.sizeHint());
    const QImage image = badge.grab().toImage();
    const QColor expected = StatusStyle::forClass(Core::StatusClass::ServerError, badge.palette()).fill;
    // A pixel inside the rounded rectangle, left of the text.
    QCOMPARE(image.pixelColor(4, image.height() / 2).rgb(), expected.rgb());
}

QTEST_MAIN(tst_StatusBadge)
#include "tst_statusbadge.moc"
