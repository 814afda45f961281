#include "environmenteditor.h"
#include "prompt.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace ApiLens;
using Ui::EnvironmentEditor;

class tst_EnvironmentEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsAndMasksSecrets();
    void editsAndSavesBothFiles();
    void addAndRemoveEnvironments();

private:
    static Core::Environments sample()
    {
        QStringList errors;
        return Core::Environments::fromJson(
            R"({"$shared": {"version": "v2"}, "dev": {"host": "http://127.0.0.1:8080"},
                                                "prod": {"host": "https://api.example.test"}})",
            R"({"dev": {"token": "s3cret-dev"}})", &errors);
    }
    static QByteArray read(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
    static int rowOf(QTableWidget *table, const QString &name)
    {
        for (int row = 0; row < table->rowCount(); ++row) {
            if (table->item(row, 0) && table->item(row, 0)->text() == name) {
                return row;
            }
        }
        return -1;
    }
};

void tst_EnvironmentEditor::showsAndMasksSecrets()
{
    QTemporaryDir dir;
    EnvironmentEditor editor(dir.path(), sample(), QStringLiteral("dev"));
    editor.show();
    QCOMPARE(editor.environmentCombo()->currentData().toString(), QStringLiteral("dev"));
    QTableWidget *table = editor.table();
    const int token = rowOf(table, QStringLiteral("token"));
    const int host = rowOf(table, QStringLiteral("host"));
    QVERIFY(token >= 0 && host >= 0);
    QCOMPARE(table->item(token, EnvironmentEditor::SecretColumn)->checkState(), Qt::Checked);
    QCOMPARE(table->item(host, EnvironmentEditor::SecretColumn)->checkState(), Qt::Unchecked);
    // What is painted: dots for the secret, the value for the rest.
    const auto shown = [&editor](int row) {
        return editor.displayedValue(row);
    };
    QCOMPARE(shown(token), QString(8, QChar(0x2022)));
    QCOMPARE(shown(host), QStringLiteral("http://127.0.0.1:8080"));
    QTest::keyClick(editor.showSecrets(), Qt::Key_Space);
    QCOMPARE(shown(token), QStringLiteral("s3cret-dev"));
    // A placeholder row to type a new variable into.
    QVERIFY(table->item(table->rowCount() - 1, 0)->text().isEmpty());
}

void tst_EnvironmentEditor::editsAndSavesBothFiles()
{
    QTemporaryDir dir;
    EnvironmentEditor editor(dir.path(), sample(), QStringLiteral("dev"));
    editor.show();
    QTableWidget *table = editor.table();
    // Type a new secret into the placeholder row, and make "host" secret too.
    const int row = table->rowCount() - 1;
    table->item(row, 0)->setText(QStringLiteral("apiKey"));
    table->item(row, 1)->setText(QStringLiteral("k-123"));
    table->item(row, 2)->setCheckState(Qt::Checked);
    QCOMPARE(table->item(table->rowCount() - 1, 0)->text(), QString()); // a new placeholder
    table->item(rowOf(table, QStringLiteral("host")), 2)->setCheckState(Qt::Checked);
    QVERIFY(editor.save());

    const QByteArray publicFile = read(dir.filePath(QStringLiteral("http-client.env.json")));
    const QByteArray privateFile = read(dir.filePath(QStringLiteral("http-client.private.env.json")));
    QVERIFY(!publicFile.contains("k-123"));
    QVERIFY(!publicFile.contains("s3cret-dev"));
    QVERIFY(!publicFile.contains("127.0.0.1:8080"));
    QVERIFY(publicFile.contains("https://api.example.test")); // prod untouched
    QVERIFY(privateFile.contains("k-123"));
    QVERIFY(privateFile.contains("127.0.0.1:8080"));
    QVERIFY(read(dir.filePath(QStringLiteral(".gitignore"))).contains("http-client.private.env.json"));
    QStringList errors;
    const Core::Environments saved = Core::Environments::load(dir.path(), &errors);
    QVERIFY(saved.isSecret(QStringLiteral("dev"), QStringLiteral("apiKey")));
    QCOMPARE(saved.publicVariables(QStringLiteral("dev")).value(QStringLiteral("version")),
             QStringLiteral("v2"));
}

void tst_EnvironmentEditor::addAndRemoveEnvironments()
{
    QTemporaryDir dir;
    EnvironmentEditor editor(dir.path(), sample(), QStringLiteral("prod"));
    editor.show();
    Ui::Prompt::queueText(QStringLiteral("staging"));
    QPushButton *add = nullptr;
    for (QPushButton *button : editor.findChildren<QPushButton *>()) {
        if (button->text() == QStringLiteral("Add…")) {
            add = button;
        }
    }
    QVERIFY(add);
    QTest::mouseClick(add, Qt::LeftButton);
    QCOMPARE(editor.environmentCombo()->currentData().toString(), QStringLiteral("staging"));
    editor.addVariable(QStringLiteral("host"), QStringLiteral("http://127.0.0.1:9000"), false);
    editor.environmentCombo()->setCurrentIndex(editor.environmentCombo()->findData(QStringLiteral("prod")));
    editor.removeCurrentEnvironment();
    QVERIFY(editor.save());
    QStringList errors;
    const Core::Environments saved = Core::Environments::load(dir.path(), &errors);
    QCOMPARE(saved.names(), (QStringList{QStringLiteral("dev"), QStringLiteral("staging")}));
    QCOMPARE(saved.publicVariables(QStringLiteral("staging")).value(QStringLiteral("host")),
             QStringLiteral("http://127.0.0.1:9000"));
}

QTEST_MAIN(tst_EnvironmentEditor)
#include "tst_environmenteditor.moc"
