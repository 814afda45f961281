#include "saverequestdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

using namespace ApiLens::Ui;

class tst_SaveRequestDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void choosesCollectionAndFile();
    void newFileInASubfolder_data();
    void newFileInASubfolder();
};

static QStringList filesOf(const QString &root)
{
    return root == QLatin1String("/data/shop")
               ? QStringList{QStringLiteral("orders.http"), QStringLiteral("api/users.http")}
               : QStringList{};
}

static QPushButton *saveButton(SaveRequestDialog *dialog)
{
    return dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save);
}

void tst_SaveRequestDialog::choosesCollectionAndFile()
{
    SaveRequestDialog dialog(QStringLiteral("GET /users"),
                             {QStringLiteral("/data/demo"), QStringLiteral("/data/shop")},
                             QStringLiteral("/data/shop"), &filesOf);
    // The current collection is preselected, with its files and "New file…".
    QCOMPARE(dialog.collectionCombo()->currentData().toString(), QStringLiteral("/data/shop"));
    QCOMPARE(dialog.fileCombo()->count(), 3);
    QCOMPARE(dialog.fileCombo()->itemText(1), QStringLiteral("api/users.http"));
    dialog.fileCombo()->setCurrentIndex(1);
    QCOMPARE(dialog.filePath(), QStringLiteral("/data/shop/api/users.http"));
    QVERIFY(!dialog.newFileEdit()->isVisibleTo(&dialog));
    dialog.nameEdit()->clear();
    QVERIFY(!saveButton(&dialog)->isEnabled()); // a name is needed
    QTest::keyClicks(dialog.nameEdit(), QStringLiteral("List users"));
    QVERIFY(saveButton(&dialog)->isEnabled());
    QCOMPARE(dialog.requestName(), QStringLiteral("List users"));
    // Another collection: its files (none here), so only a new file.
    dialog.collectionCombo()->setCurrentIndex(0);
    QCOMPARE(dialog.fileCombo()->count(), 1);
    QVERIFY(dialog.newFileEdit()->isVisibleTo(&dialog));
    QCOMPARE(dialog.filePath(), QStringLiteral("/data/demo/requests.http"));
}

void tst_SaveRequestDialog::newFileInASubfolder_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("a name gets .http") << "drafts"
                                       << "/data/shop/drafts.http" << true;
    QTest::newRow("in a subfolder") << "api/new.http"
                                    << "/data/shop/api/new.http" << true;
    QTest::newRow("outside the collection") << "../elsewhere.http"
                                            << "/data/elsewhere.http" << false;
    QTest::newRow("empty") << ""
                           << "" << false;
}

void tst_SaveRequestDialog::newFileInASubfolder()
{
    QFETCH(QString, typed);
    QFETCH(QString, path);
    QFETCH(bool, accepted);
    SaveRequestDialog dialog(QStringLiteral("x"), {QStringLiteral("/data/shop")},
                             QStringLiteral("/data/shop"), &filesOf);
    dialog.fileCombo()->setCurrentIndex(dialog.fileCombo()->count() - 1);
    dialog.newFileEdit()->clear();
    QTest::keyClicks(dialog.newFileEdit(), typed);
    QCOMPARE(dialog.filePath(), path);
    QCOMPARE(saveButton(&dialog)->isEnabled(), accepted);
}

QTEST_MAIN(tst_SaveRequestDialog)
#include "tst_saverequestdialog.moc"
