#include "defaultheadersview.h"
#include "filepicker.h"
#include "keyvalueeditor.h"
#include "keyvaluemodel.h"
#include "requesteditor.h"

#include <QAbstractSpinBox>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

using namespace ApiLens;
using namespace ApiLens::Ui;

class tst_RequestEditor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pastingACurlCommand();
    void variablesAreMarked_data();
    void variablesAreMarked();
    void typingUrlFillsParams();
    void editingParamsRewritesUrl();
    void disabledParamLeavesUrlButStaysInTable();
    void specRoundTrip_data();
    void specRoundTrip();
    void everyInputIsAnEdit();
    void busyTurnsSendIntoCancel();
    void multipartAddFileUsesPicker();
    void revealField_data();
    void revealField();
    void defaultHeadersCanBeSwitchedOffOrReplaced();
};

void tst_RequestEditor::typingUrlFillsParams()
{
    RequestEditor editor;
    QTest::keyClicks(editor.urlEdit(), QStringLiteral("http://h/p?a=1&b=two"));
    const auto rows = editor.paramsEditor()->model()->rows();
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[1].name, QStringLiteral("b"));
    QCOMPARE(rows[1].value, QStringLiteral("two"));
    QCOMPARE(editor.tabs()->tabText(0), QStringLiteral("Params (2)"));
}

void tst_RequestEditor::editingParamsRewritesUrl()
{
    RequestEditor editor;
    QTest::keyClicks(editor.urlEdit(), QStringLiteral("http://h/p?a=1#frag"));
    KeyValueModel *model = editor.paramsEditor()->model();
    // Type into the placeholder row, as a user would.
    QVERIFY(model->setData(model->index(1, KeyValueModel::NameColumn), QStringLiteral("q"), Qt::EditRole));
    QVERIFY(model->setData(model->index(1, KeyValueModel::ValueColumn), QStringLiteral("x y"), Qt::EditRole));
    QCOMPARE(editor.urlEdit()->text(), QStringLiteral("http://h/p?a=1&q=x y#frag"));
    QVERIFY(model->setData(model->index(0, KeyValueModel::ValueColumn), QStringLiteral("2"), Qt::EditRole));
    QCOMPARE(editor.spec().url, QStringLiteral("http://h/p?a=2&q=x y#frag"));
}

void tst_RequestEditor::disabledParamLeavesUrlButStaysInTable()
{
    RequestEditor editor;
    QTest::keyClicks(editor.urlEdit(), QStringLiteral("http://h/?a=1&b=2"));
    KeyValueModel *model = editor.paramsEditor()->model();
    QVERIFY(model->setData(model->index(0, KeyValueModel::EnabledColumn), Qt::Unchecked, Qt::CheckStateRole));
    QCOMPARE(editor.urlEdit()->text(), QStringLiteral("http://h/?b=2"));
    // Typing in the URL again keeps the disabled row.
    QTest::keyClicks(editor.urlEdit(), QStringLiteral("&c=3"));
    const auto rows = model->rows();
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rows.last().name, QStringLiteral("a"));
    QVERIFY(!rows.last().enabled);
}

void tst_RequestEditor::specRoundTrip_data()
{
    QTest::addColumn<Core::RequestSpec>("spec");
    Core::RequestSpec json;
    json.method = QStringLiteral("POST");
    json.url = QStringLiteral("https://api.example.test/v1/users?x=1");
    json.headers = {{QStringLiteral("X-Trace"), QStringLiteral("t1")},
                    {QStringLiteral("X-Off"), QStringLiteral("0"), false}};
    json.body.kind = Core::BodyKind::Raw;
    json.body.raw = "{\"name\":\"Ada\"}";
    json.body.contentType = QStringLiteral("application/json");
    json.auth.kind = Core::AuthKind::Bearer;
    json.auth.token = QStringLiteral("tok");
    QTest::newRow("json + bearer") << json;

    Core::RequestSpec form;
    form.method = QStringLiteral("PURGE");
    form.url = QStringLiteral("http://h/");
    form.body.kind = Core::BodyKind::UrlEncoded;
    form.body.form = {{QStringLiteral("a"), QStringLiteral("1")}};
    form.auth.kind = Core::AuthKind::ApiKey;
    form.auth.keyName = QStringLiteral("key");
    form.auth.keyValue = QStringLiteral("v");
    form.auth.keyLocation = Core::ApiKeyLocation::Query;
    form.settings.timeoutMs = 2500;
    form.settings.followRedirects = false;
    form.settings.maxRedirects = 3;
    form.settings.verifyTls = false;
    QTest::newRow("custom verb + form + settings") << form;

    Core::RequestSpec multipart;
    multipart.method = QStringLiteral("PUT");
    multipart.url = QStringLiteral("http://h/upload");
    multipart.body.kind = Core::BodyKind::Multipart;
    multipart.body.parts = {
        {QStringLiteral("title"), QStringLiteral("T"), QString(), QString(), true, {}},
        {QStringLiteral("doc"), QString(), QStringLiteral("/data/doc.pdf"), QString(), true, {}}};
    multipart.auth.kind = Core::AuthKind::Digest;
    multipart.auth.username = QStringLiteral("u");
    multipart.auth.password = QStringLiteral("p");
    multipart.settings.proxy.mode = Core::ProxyMode::Manual;
    multipart.settings.proxy.host = QStringLiteral("127.0.0.1");
    multipart.settings.proxy.port = 3128;
    QTest::newRow("multipart + digest + proxy") << multipart;

    Core::RequestSpec oauth;
    oauth.method = QStringLiteral("POST");
    oauth.url = QStringLiteral("https://api.example.com/1/statuses");
    oauth.auth.kind = Core::AuthKind::OAuth1;
    oauth.auth.oauth1.consumerKey = QStringLiteral("{{key}}");
    oauth.auth.oauth1.consumerSecret = QStringLiteral("{{secret}}");
    oauth.auth.oauth1.token = QStringLiteral("t");
    oauth.auth.oauth1.tokenSecret = QStringLiteral("ts");
    oauth.auth.oauth1.signatureMethod = QStringLiteral("HMAC-SHA256");
    oauth.auth.oauth1.version.clear();
    oauth.auth.oauth1.realm = QStringLiteral("Photos here");
    oauth.auth.oauth1.nonce = QStringLiteral("n");
    oauth.auth.oauth1.inHeader = false;
    oauth.auth.oauth1.bodyHash = true;
    QTest::newRow("oauth 1.0") << oauth;
}

void tst_RequestEditor::specRoundTrip()
{
    QFETCH(Core::RequestSpec, spec);
    RequestEditor editor;
    editor.setSpec(spec);
    const Core::RequestSpec back = editor.spec();
    QCOMPARE(back.method, spec.method);
    QCOMPARE(back.url, spec.url);
    QCOMPARE(back.headers, spec.headers);
    QCOMPARE(back.body.kind, spec.body.kind);
    QCOMPARE(back.body.raw, spec.body.raw);
    QCOMPARE(back.body.form, spec.body.form);
    QCOMPARE(back.body.parts.size(), spec.body.parts.size());
    for (int i = 0; i < spec.body.parts.size(); ++i) {
        QCOMPARE(back.body.parts[i].filePath, spec.body.parts[i].filePath);
        QCOMPARE(back.body.parts[i].value, spec.body.parts[i].value);
    }
    QCOMPARE(back.auth.kind, spec.auth.kind);
    QCOMPARE(back.auth.token, spec.auth.token);
    QCOMPARE(back.auth.username, spec.auth.username);
    QCOMPARE(back.auth.password, spec.auth.password);
    QCOMPARE(back.auth.keyLocation, spec.auth.keyLocation);
    if (spec.auth.kind == Core::AuthKind::OAuth1) {
        QVERIFY(back.auth.oauth1 == spec.auth.oauth1);
    }
    QCOMPARE(back.settings.timeoutMs, spec.settings.timeoutMs);
    QCOMPARE(back.settings.followRedirects, spec.settings.followRedirects);
    QCOMPARE(back.settings.maxRedirects, spec.settings.maxRedirects);
    QCOMPARE(back.settings.verifyTls, spec.settings.verifyTls);
    QVERIFY(back.settings.proxy == spec.settings.proxy);
}

void tst_RequestEditor::everyInputIsAnEdit()
{
    // Whatever a person changes in the editor (credentials, settings) reaches the document: no
    // field may change without `changed`, or the edit would be lost on quit.
    RequestEditor editor;
    editor.show();
    QSignalSpy changed(&editor, &RequestEditor::changed);
    int checked = 0;
    for (QLineEdit *edit : editor.findChildren<QLineEdit *>()) {
        if (edit->isReadOnly() || qobject_cast<QComboBox *>(edit->parentWidget()) ||
            qobject_cast<QAbstractSpinBox *>(edit->parentWidget())) {
            continue;
        }
        changed.clear();
        if (edit->isEnabled()) {
            edit->setFocus();
            QTest::keyClicks(edit, QStringLiteral("x")); // typed, as a person does
        } else {
            edit->setText(edit->text() + QStringLiteral("x"));
        }
        QVERIFY2(!changed.isEmpty(),
                 qPrintable(edit->accessibleName() + QLatin1Char('/') + edit->placeholderText()));
        ++checked;
    }
    for (QCheckBox *box : editor.findChildren<QCheckBox *>()) {
        changed.clear();
        box->setChecked(!box->isChecked());
        QVERIFY2(!changed.isEmpty(), qPrintable(box->text()));
        ++checked;
    }
    for (QAbstractSpinBox *spin : editor.findChildren<QAbstractSpinBox *>()) {
        changed.clear();
        spin->stepUp();
        QVERIFY2(!changed.isEmpty(), qPrintable(spin->objectName() + spin->accessibleName()));
        ++checked;
    }
    for (QComboBox *combo : editor.findChildren<QComboBox *>()) {
        if (combo->count() < 2) {
            continue;
        }
        changed.clear();
        combo->setCurrentIndex((combo->currentIndex() + 1) % combo->count());
        QVERIFY2(!changed.isEmpty(), qPrintable(combo->accessibleName()));
        ++checked;
    }
    QVERIFY(checked > 30);
}

void tst_RequestEditor::busyTurnsSendIntoCancel()
{
    RequestEditor editor;
    QSignalSpy send(&editor, &RequestEditor::sendRequested);
    QSignalSpy cancel(&editor, &RequestEditor::cancelRequested);
    QTest::mouseClick(editor.sendButton(), Qt::LeftButton);
    QCOMPARE(send.count(), 1);
    editor.setBusy(true);
    QCOMPARE(editor.sendButton()->text(), QStringLiteral("Cancel"));
    QTest::mouseClick(editor.sendButton(), Qt::LeftButton);
    QCOMPARE(cancel.count(), 1);
    QCOMPARE(send.count(), 1);
    editor.setBusy(false);
    QTest::keyClick(editor.urlEdit(), Qt::Key_Return);
    QCOMPARE(send.count(), 2);
}

void tst_RequestEditor::multipartAddFileUsesPicker()
{
    RequestEditor editor;
    Core::RequestSpec spec;
    spec.url = QStringLiteral("http://h/");
    spec.body.kind = Core::BodyKind::Multipart;
    editor.setSpec(spec);
    FilePicker::setNextAnswer(QStringLiteral("/data/report.csv"));
    const auto buttons = editor.findChildren<QPushButton *>();
    QPushButton *addFile = nullptr;
    for (QPushButton *button : buttons) {
        if (button->text() == QStringLiteral("Add file…")) {
            addFile = button;
        }
    }
    QVERIFY(addFile);
    addFile->click();
    const auto parts = editor.spec().body.parts;
    QCOMPARE(parts.size(), 1);
    QCOMPARE(parts[0].filePath, QStringLiteral("/data/report.csv"));
}

void tst_RequestEditor::revealField_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<bool>("found");
    QTest::addColumn<int>("tab");
    QTest::newRow("json pointer") << QStringLiteral("/data/attributes/title") << true << 2;
    QTest::newRow("rfc 9457 pointer") << QStringLiteral("#/age") << true << 2;
    QTest::newRow("dotted with index") << QStringLiteral("items.0.qty") << true << 2;
    QTest::newRow("json path") << QStringLiteral("$.age") << true << 2;
    QTest::newRow("query parameter") << QStringLiteral("limit") << true << 0;
    QTest::newRow("header") << QStringLiteral("X-Tenant") << true << 1;
    QTest::newRow("nowhere") << QStringLiteral("colour") << false << -1;
}

void tst_RequestEditor::revealField()
{
    QFETCH(QString, field);
    QFETCH(bool, found);
    QFETCH(int, tab);
    RequestEditor editor;
    Core::RequestSpec spec;
    spec.method = QStringLiteral("POST");
    spec.url = QStringLiteral("http://h/things?limit=500");
    spec.headers = {{QStringLiteral("X-Tenant"), QStringLiteral("t1")}};
    spec.body.kind = Core::BodyKind::Raw;
    spec.body.raw = R"({"data":{"attributes":{"title":"Hi"}},"age":-1,"items":[{"qty":0}]})";
    editor.setSpec(spec);
    editor.tabs()->setCurrentIndex(3);
    QCOMPARE(editor.revealField(field), found);
    if (found) {
        QCOMPARE(editor.tabs()->currentIndex(), tab);
    }
}

void tst_RequestEditor::pastingACurlCommand()
{
    RequestEditor editor;
    editor.show();
    QSignalSpy imported(&editor, &RequestEditor::curlImported);
    // A command copied from a browser's network panel, several lines long.
    QGuiApplication::clipboard()->setText(QStringLiteral(
        "curl 'https://api.example.test/v1/items?page=2' \\\n  -X PATCH \\\n  -H 'Content-Type: "
        "application/json' \\\n"
        "  -H $'X-Note: it\\'s' \\\n  --data-raw '{\"name\":\"Ada\"}' \\\n  --cert me.pem --compressed"));
    editor.urlEdit()->setFocus();
    QTest::keySequence(editor.urlEdit(), QKeySequence::Paste);
    QCOMPARE(imported.size(), 1);
    const Core::RequestSpec spec = editor.spec();
    QCOMPARE(spec.method, QStringLiteral("PATCH"));
    QCOMPARE(spec.url, QStringLiteral("https://api.example.test/v1/items?page=2"));
    QCOMPARE(editor.urlEdit()->text(), spec.url);
    QCOMPARE(spec.headers.size(), 2);
    QCOMPARE(spec.headers[1].value, QStringLiteral("it's"));
    QCOMPARE(spec.body.raw, QByteArray("{\"name\":\"Ada\"}"));
    QVERIFY(editor.noticeLabel()->isVisible());
    QVERIFY2(editor.noticeLabel()->text().contains(QStringLiteral("--cert me.pem")),
             qPrintable(editor.noticeLabel()->text()));
    // The params table follows the new URL.
    QCOMPARE(editor.paramsEditor()->model()->rows().size(), 1);

    // A broken command says why and leaves the field as typed.
    editor.urlEdit()->clear();
    QGuiApplication::clipboard()->setText(QStringLiteral("unrelated"));
    QTest::keyClicks(editor.urlEdit(), QStringLiteral("curl 'https://h/x"));
    QCOMPARE(imported.size(), 1);
    QVERIFY(editor.noticeLabel()->text().contains(QStringLiteral("unterminated")));
    QCOMPARE(editor.urlEdit()->text(), QStringLiteral("curl 'https://h/x"));
    // Typing the closing quote makes it a request.
    QTest::keyClicks(editor.urlEdit(), QStringLiteral("'"));
    QCOMPARE(imported.size(), 2);
    QCOMPARE(editor.spec().url, QStringLiteral("https://h/x"));
    // A command that names a file says where curl would have read it: the collection's folder.
    QTemporaryDir folder;
    QFile payload(folder.filePath(QStringLiteral("payload.json")));
    QVERIFY(payload.open(QIODevice::WriteOnly));
    payload.write("{\"a\":1}");
    payload.close();
    editor.setCurlFolder(folder.path());
    editor.urlEdit()->clear();
    QGuiApplication::clipboard()->setText(
        QStringLiteral("curl --data-binary @payload.json http://127.0.0.1:1/p"));
    QTest::keySequence(editor.urlEdit(), QKeySequence::Paste);
    QCOMPARE(imported.size(), 3);
    // --data-binary @file sends the file as it is: the request reads it (every byte).
    QCOMPARE(editor.spec().body.kind, Core::BodyKind::BinaryFile);
    QCOMPARE(editor.spec().body.filePath, QDir::cleanPath(payload.fileName()));
    QVERIFY2(editor.noticeLabel()->text().contains(QDir::toNativeSeparators(payload.fileName())),
             qPrintable(editor.noticeLabel()->text()));
    // Loading another request hides the note.
    editor.setSpec(Core::RequestSpec{});
    QVERIFY(editor.noticeLabel()->isHidden());
}

void tst_RequestEditor::variablesAreMarked_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("header");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("unresolved");
    QTest::addColumn<int>("bodyMarks");
    QTest::newRow("all known") << "{{host}}/users"
                               << "Bearer {{token}}" << QByteArray("{\"id\": \"{{$uuid}}\"}") << QStringList{}
                               << 1;
    QTest::newRow("one missing in the url")
        << "{{host}}/{{version}}/users"
        << "" << QByteArray() << QStringList{QStringLiteral("version")} << 0;
    QTest::newRow("in a header and the body, once each")
        << "{{host}}/x"
        << "{{missing}}" << QByteArray("{{missing}} and {{ other }}")
        << QStringList{QStringLiteral("missing"), QStringLiteral("other")} << 2;
}

void tst_RequestEditor::variablesAreMarked()
{
    QFETCH(QString, url);
    QFETCH(QString, header);
    QFETCH(QByteArray, body);
    QFETCH(QStringList, unresolved);
    QFETCH(int, bodyMarks);
    RequestEditor editor;
    Core::RequestSpec spec;
    spec.method = QStringLiteral("POST");
    spec.url = url;
    if (!header.isEmpty()) {
        spec.headers.append(Core::KeyValue{QStringLiteral("Authorization"), header, true});
    }
    if (!body.isEmpty()) {
        spec.body.kind = Core::BodyKind::Raw;
        spec.body.raw = body;
    }
    editor.setSpec(spec);
    const QStringList known = {QStringLiteral("host"), QStringLiteral("token"), QStringLiteral("$uuid")};
    editor.setVariableLookup([known](const QString &name) { return known.contains(name); });
    QCOMPARE(editor.unresolvedVariables(), unresolved);
    QCOMPARE(editor.rawBodyEdit()->extraSelections().size(), bodyMarks);
    const bool urlMissing = !RequestEditor::variablesIn(url).isEmpty() &&
                            std::any_of(unresolved.cbegin(), unresolved.cend(),
                                        [&url](const QString &name) { return url.contains(name); });
    QCOMPARE(!editor.urlEdit()->toolTip().isEmpty(), urlMissing);
    if (!header.isEmpty()) {
        const QModelIndex value = editor.headersEditor()->model()->index(0, KeyValueModel::ValueColumn);
        QCOMPARE(value.data(Qt::ForegroundRole).isValid(), header.contains(QStringLiteral("missing")));
    }
    // Typing a missing variable into the URL marks it at once.
    editor.urlEdit()->setFocus();
    QTest::keyClick(editor.urlEdit(), Qt::Key_End);
    QTest::keyClicks(editor.urlEdit(), QStringLiteral("?k={{apiKey}}"));
    QVERIFY(editor.unresolvedVariables().contains(QStringLiteral("apiKey")));
    QVERIFY(editor.urlEdit()->toolTip().contains(QStringLiteral("{{apiKey}}")));
    QCOMPARE(editor.urlEdit()->text(), url + QStringLiteral("?k={{apiKey}}")); // marks never change the text
}

void tst_RequestEditor::defaultHeadersCanBeSwitchedOffOrReplaced()
{
    RequestEditor editor;
    editor.show();
    QSignalSpy changed(&editor, &RequestEditor::changed);
    QTreeWidget *tree = editor.defaultHeaders()->tree();
    QCOMPARE(tree->topLevelItemCount(), int(Core::defaultHeaders().size()));
    QCOMPARE(tree->topLevelItem(0)->text(0), QStringLiteral("User-Agent"));
    QVERIFY(editor.spec().omittedDefaults.isEmpty());

    // Collapsed to one line at first; opened, Space on a row switches that default off.
    editor.tabs()->setCurrentIndex(1);
    QVERIFY(!tree->isVisible());
    QCOMPARE(editor.defaultHeaders()->toggle()->text(), QStringLiteral("4 default headers sent"));
    editor.defaultHeaders()->toggle()->click();
    QVERIFY(tree->isVisible());
    tree->setFocus();
    tree->setCurrentItem(tree->topLevelItem(3)); // Connection
    QTest::keyClick(tree, Qt::Key_Space);
    QCOMPARE(editor.spec().omittedDefaults, QStringList{QStringLiteral("Connection")});
    QVERIFY(!changed.isEmpty());
    QVERIFY(!Core::sendsDefault(editor.spec(), QStringLiteral("Connection")));

    // A header of the request's own replaces its default, and the list says so.
    KeyValueModel *headers = editor.headersEditor()->model();
    QVERIFY(headers->setData(headers->index(0, KeyValueModel::NameColumn), QStringLiteral("accept"),
                             Qt::EditRole));
    QVERIFY(headers->setData(headers->index(0, KeyValueModel::ValueColumn),
                             QStringLiteral("application/json"), Qt::EditRole));
    QCOMPARE(tree->topLevelItem(1)->text(2), QStringLiteral("replaced by your header"));
    QVERIFY(tree->topLevelItem(0)->text(2).isEmpty());
    QCOMPARE(editor.defaultHeaders()->toggle()->text(),
             QStringLiteral("2 default headers sent · 1 replaced · 1 switched off"));

    // The state goes with the request, and comes back with it.
    Core::RequestSpec spec = editor.spec();
    RequestEditor other;
    other.setSpec(spec);
    QCOMPARE(other.spec().omittedDefaults, QStringList{QStringLiteral("Connection")});
    QCOMPARE(other.defaultHeaders()->tree()->topLevelItem(3)->checkState(0), Qt::Unchecked);
    QCOMPARE(other.defaultHeaders()->tree()->topLevelItem(1)->text(2),
             QStringLiteral("replaced by your header"));
}

QTEST_MAIN(tst_RequestEditor)
#include "tst_requesteditor.moc"
