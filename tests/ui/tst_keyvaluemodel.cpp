#include "keyvaluemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace ApiLens;
using namespace ApiLens::Ui;

class tst_KeyValueModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void placeholderRowAdds();
    void editsAndRemoves_data();
    void editsAndRemoves();
};

void tst_KeyValueModel::placeholderRowAdds()
{
    KeyValueModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy edited(&model, &KeyValueModel::edited);
    QCOMPARE(model.rowCount(), 1); // the placeholder
    QVERIFY(
        !model.setData(model.index(0, KeyValueModel::NameColumn), QString(), Qt::EditRole)); // empty: no row
    QVERIFY(model.setData(model.index(0, KeyValueModel::NameColumn), QStringLiteral("limit"), Qt::EditRole));
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(model.setData(model.index(0, KeyValueModel::ValueColumn), QStringLiteral("10"), Qt::EditRole));
    QCOMPARE(model.rows(), (QList<Core::KeyValue>{{QStringLiteral("limit"), QStringLiteral("10"), true}}));
    QCOMPARE(model.data(model.index(0, KeyValueModel::EnabledColumn), Qt::CheckStateRole).toInt(),
             int(Qt::Checked));
    QCOMPARE(edited.count(), 2);
    QVERIFY(!(model.flags(model.index(1, KeyValueModel::EnabledColumn)) & Qt::ItemIsUserCheckable));
}

void tst_KeyValueModel::editsAndRemoves_data()
{
    QTest::addColumn<int>("removeRow");
    QTest::addColumn<int>("uncheckRow");
    QTest::addColumn<int>("enabled");
    QTest::newRow("remove first") << 0 << -1 << 2;
    QTest::newRow("uncheck middle") << -1 << 1 << 2;
    QTest::newRow("remove and uncheck") << 2 << 0 << 1;
}

void tst_KeyValueModel::editsAndRemoves()
{
    QFETCH(int, removeRow);
    QFETCH(int, uncheckRow);
    QFETCH(int, enabled);
    KeyValueModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRows({{QStringLiteral("a"), QStringLiteral("1")},
                   {QStringLiteral("b"), QStringLiteral("2")},
                   {QStringLiteral("c"), QStringLiteral("3")}});
    QCOMPARE(model.enabledCount(), 3);
    if (uncheckRow >= 0) {
        QVERIFY(model.setData(model.index(uncheckRow, KeyValueModel::EnabledColumn), Qt::Unchecked,
                              Qt::CheckStateRole));
    }
    if (removeRow >= 0) {
        QVERIFY(model.removeRows(removeRow, 1));
    }
    QCOMPARE(model.enabledCount(), enabled);
    QVERIFY(!model.removeRows(model.rowCount() - 1, 1)); // the placeholder stays
}

QTEST_MAIN(tst_KeyValueModel)
#include "tst_keyvaluemodel.moc"
