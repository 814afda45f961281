#include "importdialog.h"

#include "collections/collection.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace ApiLens;
using Ui::ImportDialog;

class tst_ImportDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void previewsThenWrites_data();
    void previewsThenWrites();
    void brokenFileWritesNothing_data();
    void brokenFileWritesNothing();

private:
    static QString write(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
    {
        QFile file(dir.filePath(name));
        file.open(QIODevice::WriteOnly);
        file.write(bytes);
        return file.fileName();
    }
    static QPushButton *importButton(ImportDialog &dialog)
    {
        for (QPushButton *button : dialog.findChildren<QPushButton *>()) {
            if (button->text() == QStringLiteral("Import")) {
                return button;
            }
        }
        return nullptr;
    }
};

void tst_ImportDialog::previewsThenWrites_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("files");
    QTest::addColumn<int>("requests");
    QTest::addColumn<int>("warnings");
    QTest::newRow("HAR") << "capture.har" << QByteArray(R"({"log": {"version": "1.2", "entries": [
                              {"request": {"method": "GET", "url": "https://a.test/x", "headers": []}},
                              {"request": {"method": "POST", "url": "https://b.test/y", "headers": [],
                                           "postData": {"mimeType": "text/plain", "text": "hi"}}},
                              {"request": {"url": "https://a.test/broken"}}]}})")
                         << 2 << 2 << 1;
    QTest::newRow("curl command")
        << "command.txt"
        << QByteArray(
               "curl -X PUT 'https://a.test/items/7' \\\n  -H 'Accept: text/plain' -d 'x=1' --cert me.pem")
        << 1 << 1 << 1;
    // Beside its file: an environment with baseUrl, and the documented responses for the catalog.
    QTest::newRow("OpenAPI YAML")
        << "openapi.yaml"
        << QByteArray("openapi: 3.0.3\ninfo: {title: Items}\nservers: [{url: 'https://a.test/v2'}]\n"
                      "paths:\n  /items:\n    get:\n      responses: {'200': {description: ok}}\n"
                      "    post:\n      security: [{oauth: []}]\n"
                      "      responses: {'409': {description: exists}}\n"
                      "components:\n  securitySchemes:\n    oauth: {type: oauth2, flows: {}}\n")
        << 3 << 2 << 2;
}

void tst_ImportDialog::previewsThenWrites()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(int, files);
    QFETCH(int, requests);
    QFETCH(int, warnings);
    QTemporaryDir dir;
    const QString path = write(dir, name, content);
    const QString target = dir.filePath(QStringLiteral("collection"));
    ImportDialog dialog(path, {target});
    QSignalSpy loaded(&dialog, &ImportDialog::loaded);
    dialog.show();
    QVERIFY(loaded.wait(5000));
    QCOMPARE(dialog.preview()->topLevelItemCount(), files);
    int shown = 0;
    for (int i = 0; i < files; ++i) {
        if (dialog.preview()->topLevelItem(i)->text(0).endsWith(QLatin1String(".http"))) {
            shown += dialog.preview()->topLevelItem(i)->childCount();
        }
    }
    QCOMPARE(shown, requests);
    QCOMPARE(dialog.warnings()->isVisible(), warnings > 0);
    QCOMPARE(dialog.warnings()->count(), warnings > 0 ? warnings + 1 : 0); // a heading, then each
    QVERIFY(dialog.summary()->text().contains(QStringLiteral("Nothing is written until you press Import")));
    QVERIFY(!QFileInfo::exists(target)); // the preview writes nothing
    QPushButton *button = importButton(dialog);
    QVERIFY(button && button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.importedInto(), target);
    QCOMPARE(Core::Collection::scan(target).requestCount(), requests);
}

void tst_ImportDialog::brokenFileWritesNothing_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message");
    QTest::newRow("truncated HAR") << "capture.har" << QByteArray(R"({"log": {"entries": [)")
                                   << "not valid JSON at line 1";
    QTest::newRow("unknown")
        << "notes.txt" << QByteArray("just some notes")
        << "is not a Postman collection, Insomnia export, OpenAPI description, HAR file or "
           "curl command";
    QTest::newRow("broken curl") << "c.txt" << QByteArray("curl 'https://a.test") << "unterminated ' quote";
    QTest::newRow("truncated OpenAPI")
        << "api.yaml" << QByteArray("openapi: 3.0.0\npaths:\n  /a: {get: [\n") << "not valid YAML at line 4";
    QTest::newRow("Swagger 2") << "api.json" << QByteArray(R"({"swagger": "2.0", "paths": {}})")
                               << "this is a Swagger 2.0 description";
}

void tst_ImportDialog::brokenFileWritesNothing()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString target = dir.filePath(QStringLiteral("collection"));
    ImportDialog dialog(write(dir, name, content), {target});
    QSignalSpy loaded(&dialog, &ImportDialog::loaded);
    dialog.show();
    QVERIFY(loaded.wait(5000));
    QVERIFY2(dialog.summary()->text().contains(message), qPrintable(dialog.summary()->text()));
    QVERIFY(!importButton(dialog)->isEnabled());
    QCOMPARE(dialog.preview()->topLevelItemCount(), 0);
    QVERIFY(!QFileInfo::exists(target));
}

QTEST_MAIN(tst_ImportDialog)
#include "tst_importdialog.moc"
