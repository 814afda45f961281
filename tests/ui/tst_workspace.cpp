#include "requestdocument.h"
#include "workspace.h"

#include "catalog/catalog.h"
#include "collections/collection.h"
#include "collections/httpdocument.h"
#include "peers.h"
#include "testserver.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace ApiLens;
using namespace ApiLens::Ui;

// The application's state without a window: collections, environments, open requests, saving,
// the session journal (also across a real `kill -9` of the app) and exports.
class tst_Workspace : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void environmentsAndVariables();
    void chainingStaysInItsCollection();
    void openSaveAndCompare();
    void saveToAsksForAFreeName();
    void sessionRoundTrip();
    void sessionKeepsEditsWhenTheFileChanged();
    void responseFilterIsRemembered();
    void killedAppLeavesAJournal();
    void exports();

private:
    QString makeCollection(const QString &name);
    static void write(const QString &path, const QByteArray &bytes);
    static QByteArray read(const QString &path);

    QTemporaryDir m_dir;
    Core::Catalog m_catalog;
    QSettings *m_settings = nullptr;
    Workspace *m_workspace = nullptr;
};

void tst_Workspace::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QStringList errors;
    QVERIFY(m_catalog.loadBuiltin(&errors));
}

void tst_Workspace::init()
{
    m_settings = new QSettings(m_dir.filePath(QStringLiteral("ws.ini")), QSettings::IniFormat);
    m_workspace = new Workspace(&m_catalog, m_settings);
}

void tst_Workspace::cleanup()
{
    delete m_workspace;
    delete m_settings;
}

void tst_Workspace::write(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

QByteArray tst_Workspace::read(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString tst_Workspace::makeCollection(const QString &name)
{
    const QString root = QDir::cleanPath(m_dir.filePath(name));
    QDir(root).removeRecursively();
    write(
        root + QStringLiteral("/http-client.env.json"),
        R"({"$shared": {"host": "http://shared.test", "v": "1"}, "local": {"host": "http://127.0.0.1:9"}})");
    write(root + QStringLiteral("/http-client.private.env.json"), R"({"local": {"token": "t0k3n"}})");
    write(root + QStringLiteral("/api/users.http"),
          "@base = {{host}}/v{{v}}\n\n### Login\nPOST {{base}}/login\n\n### Me\nGET {{base}}/me\n"
          "Authorization: Bearer {{Login.response.body.$.token}}\n");
    QStringList problems;
    m_workspace->setCollection(Core::Collection::scan(root), &problems);
    [&] {
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }();
    return root;
}

void tst_Workspace::environmentsAndVariables()
{
    const QString root = makeCollection(QStringLiteral("vars"));
    QCOMPARE(m_workspace->collections(), QStringList{root});
    QCOMPARE(m_workspace->activeEnvironment(root), QStringLiteral("local")); // the only one
    QString error;
    RequestDocument *doc = m_workspace->openDocument(
        {root + QStringLiteral("/api/users.http"), QStringLiteral("Login"), 0}, &error);
    QVERIFY2(doc, qPrintable(error));
    QCOMPARE(doc->collection(), root);
    QCOMPARE(m_workspace->collectionOf(root + QStringLiteral("/api/users.http")), root);
    // The file's variable, over the environment's, over $shared.
    const Core::VariableResolver local = m_workspace->resolverFor(doc);
    QCOMPARE(local.value(QStringLiteral("base")),
             std::optional<QString>(QStringLiteral("http://127.0.0.1:9/v1")));
    QCOMPARE(local.value(QStringLiteral("token")), std::optional<QString>(QStringLiteral("t0k3n")));
    QSignalSpy changed(m_workspace, &Workspace::collectionChanged);
    m_workspace->selectEnvironment(root, QString());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m_workspace->resolverFor(doc).value(QStringLiteral("base")),
             std::optional<QString>(QStringLiteral("http://shared.test/v1")));
    QVERIFY(!m_workspace->resolverFor(doc).value(QStringLiteral("token")));
    // The choice is remembered for the next start.
    Workspace again(&m_catalog, m_settings);
    QStringList problems;
    again.setCollection(Core::Collection::scan(root), &problems);
    QCOMPARE(again.activeEnvironment(root), QString());
    QCOMPARE(m_workspace->catalogFor(root), &m_catalog); // no catalog of its own
}

void tst_Workspace::chainingStaysInItsCollection()
{
    const QString root = makeCollection(QStringLiteral("chain"));
    const QString other = makeCollection(QStringLiteral("other"));
    QString error;
    RequestDocument *login = m_workspace->openDocument(
        {root + QStringLiteral("/api/users.http"), QStringLiteral("Login"), 0}, &error);
    RequestDocument *me = m_workspace->openDocument(
        {root + QStringLiteral("/api/users.http"), QStringLiteral("Me"), 0}, &error);
    RequestDocument *elsewhere = m_workspace->openDocument(
        {other + QStringLiteral("/api/users.http"), QStringLiteral("Me"), 0}, &error);
    QVERIFY(login && me && elsewhere);
    const Core::VariableResolver before = m_workspace->resolverFor(me); // made before the login ran
    Core::Exchange exchange;
    exchange.status = 200;
    exchange.body = Core::ResponseBody::fromBytes(R"({"token": "tok-7"})");
    m_workspace->recordExchange(login, exchange);
    QCOMPARE(before.value(QStringLiteral("Login.response.body.$.token")),
             std::optional<QString>(QStringLiteral("tok-7")));
    QVERIFY(!m_workspace->resolverFor(elsewhere).value(QStringLiteral("Login.response.body.$.token")));
}

void tst_Workspace::openSaveAndCompare()
{
    const QString root = makeCollection(QStringLiteral("save"));
    const QString users = root + QStringLiteral("/api/users.http");
    const QByteArray original = read(users);
    QString error;
    RequestDocument *doc = m_workspace->openDocument({users, QStringLiteral("Me"), 0}, &error);
    QVERIFY(doc);
    QVERIFY(!doc->isModified());
    QCOMPARE(m_workspace->documentAt({users, QStringLiteral("Me"), 0}), doc);
    QSignalSpy modified(doc, &RequestDocument::modifiedChanged);
    Core::RequestSpec spec = doc->spec();
    spec.url += QStringLiteral("?x=1");
    doc->setSpec(spec);
    QVERIFY(doc->isModified());
    spec.url.chop(4);
    doc->setSpec(spec); // typed back: the same as saved, so not modified
    QVERIFY(!doc->isModified());
    QCOMPARE(modified.count(), 2);
    spec.settings.followRedirects = false;
    doc->setSpec(spec);
    QVERIFY(m_workspace->save(doc, &error));
    QVERIFY(!doc->isModified());
    const QByteArray saved = read(users);
    QVERIFY(saved.contains("### Me\n# @no-redirect\nGET {{base}}/me\n"));
    QVERIFY(saved.startsWith(original.left(original.indexOf("### Me")))); // the rest as it was
}

void tst_Workspace::saveToAsksForAFreeName()
{
    const QString root = makeCollection(QStringLiteral("saveto"));
    RequestDocument *doc = m_workspace->newDocument({}, root);
    Core::RequestSpec spec;
    spec.url = QStringLiteral("http://127.0.0.1:9/new");
    doc->setSpec(spec);
    QVERIFY(doc->isModified()); // in no file: not saved
    QString error;
    QVERIFY(
        !m_workspace->saveTo(doc, root + QStringLiteral("/api/users.http"), QStringLiteral("Me"), &error));
    QVERIFY2(error.contains(QStringLiteral("already has a request named “Me”")), qPrintable(error));
    const QString file = root + QStringLiteral("/drafts/new.http");
    QVERIFY2(m_workspace->saveTo(doc, file, QStringLiteral("New one"), &error), qPrintable(error));
    QCOMPARE(doc->source().file, file);
    QCOMPARE(doc->name(), QStringLiteral("New one"));
    QVERIFY(!doc->isModified());
    QCOMPARE(read(file), QByteArray("### New one\nGET http://127.0.0.1:9/new\n"));
}

void tst_Workspace::sessionRoundTrip()
{
    const QString root = makeCollection(QStringLiteral("session"));
    const QString journal = m_dir.filePath(QStringLiteral("session-roundtrip.json"));
    m_workspace->setSessionJournal(journal);
    QString error;
    RequestDocument *me = m_workspace->openDocument(
        {root + QStringLiteral("/api/users.http"), QStringLiteral("Me"), 0}, &error);
    Core::RequestSpec edited = me->spec();
    edited.headers.append({QStringLiteral("X-Edit"), QStringLiteral("1")});
    me->setSpec(edited);
    RequestDocument *scratch = m_workspace->newDocument({}, QString());
    Core::RequestSpec typed;
    typed.method = QStringLiteral("DELETE");
    typed.url = QStringLiteral("http://127.0.0.1:9/typed");
    typed.settings.proxy.mode = Core::ProxyMode::None; // what no .http file can hold
    scratch->setSpec(typed);
    QVERIFY(m_workspace->writeSession({scratch, me}, 1, &error));

    Workspace next(&m_catalog, m_settings);
    next.setSessionJournal(journal);
    QStringList problems;
    next.setCollection(Core::Collection::scan(root), &problems);
    int current = -1;
    QStringList notes;
    const QList<RequestDocument *> back = next.restoreSession(&current, &notes);
    QCOMPARE(back.size(), 2);
    QCOMPARE(current, 1);
    QVERIFY(notes.isEmpty());
    QVERIFY(back[0]->spec() == typed);
    QVERIFY(back[0]->isModified());
    QVERIFY(!back[0]->hasSource());
    QCOMPARE(back[1]->source(), me->source());
    QVERIFY(back[1]->spec() == edited);
    QVERIFY(back[1]->isModified());
    QCOMPARE(back[1]->collection(), root);
    QCOMPARE(next.documents(), back);
}

void tst_Workspace::responseFilterIsRemembered()
{
    // A request's JSONPath filter comes back when it is opened again, and after a restart; a
    // scratch tab keeps its own in the journal.
    const QString root = makeCollection(QStringLiteral("filters"));
    const QString journal = m_dir.filePath(QStringLiteral("session-filters.json"));
    m_workspace->setSessionJournal(journal);
    QString error;
    const Core::RequestLocation where{root + QStringLiteral("/api/users.http"), QStringLiteral("Me"), 0};
    RequestDocument *me = m_workspace->openDocument(where, &error);
    QVERIFY2(me, qPrintable(error));
    QCOMPARE(me->responseFilter(), QString());
    me->setResponseFilter(QStringLiteral("$.items[*].id"));
    QVERIFY(!me->isModified()); // how a response is viewed is not an edit of the request
    m_workspace->closeDocument(me);
    RequestDocument *again = m_workspace->openDocument(where, &error);
    QCOMPARE(again->responseFilter(), QStringLiteral("$.items[*].id"));
    RequestDocument *scratch = m_workspace->newDocument({}, QString());
    scratch->setResponseFilter(QStringLiteral("$..name"));
    QVERIFY(m_workspace->writeSession({scratch}, 0, &error));

    Workspace next(&m_catalog, m_settings);
    next.setSessionJournal(journal);
    QStringList problems;
    next.setCollection(Core::Collection::scan(root), &problems);
    int current = -1;
    QStringList notes;
    const QList<RequestDocument *> back = next.restoreSession(&current, &notes);
    QCOMPARE(back.size(), 1);
    QCOMPARE(back[0]->responseFilter(), QStringLiteral("$..name"));
    QCOMPARE(next.openDocument(where, &error)->responseFilter(), QStringLiteral("$.items[*].id"));
}

void tst_Workspace::sessionKeepsEditsWhenTheFileChanged()
{
    const QString root = makeCollection(QStringLiteral("changed"));
    const QString users = root + QStringLiteral("/api/users.http");
    const QString journal = m_dir.filePath(QStringLiteral("session-changed.json"));
    m_workspace->setSessionJournal(journal);
    QString error;
    RequestDocument *me = m_workspace->openDocument({users, QStringLiteral("Me"), 0}, &error);
    RequestDocument *login = m_workspace->openDocument({users, QStringLiteral("Login"), 0}, &error);
    Core::RequestSpec edited = me->spec();
    edited.method = QStringLiteral("PUT");
    me->setSpec(edited);
    QVERIFY(m_workspace->writeSession({me, login}, 0, &error));
    // While ApiLens was closed, someone changed both requests in the file.
    QByteArray text = read(users);
    text.replace("GET {{base}}/me", "GET {{base}}/me?v=2")
        .replace("POST {{base}}/login", "POST {{base}}/signin");
    write(users, text);

    Workspace next(&m_catalog, m_settings);
    next.setSessionJournal(journal);
    int current = 0;
    QStringList notes;
    const QList<RequestDocument *> back = next.restoreSession(&current, &notes);
    QCOMPARE(back.size(), 2);
    // The edited one keeps the edits (and says so); the untouched one shows the new version.
    QCOMPARE(back[0]->spec().method, QStringLiteral("PUT"));
    QVERIFY(back[0]->isModified());
    QCOMPARE(back[0]->savedSpec().url, QStringLiteral("{{base}}/me?v=2"));
    QCOMPARE(notes.size(), 1);
    QVERIFY(notes[0].contains(QStringLiteral("changed on disk")));
    QCOMPARE(back[1]->spec().url, QStringLiteral("{{base}}/signin"));
    QVERIFY(!back[1]->isModified());
}

void tst_Workspace::killedAppLeavesAJournal()
{
    // The real app, with a request typed into a new tab (from its command line), is killed with
    // SIGKILL; its session journal, written every two seconds, brings the tab back.
    QTemporaryDir home;
    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    app.setProcessEnvironment(env);
    app.start(QStringLiteral(APILENS_GUI_PATH), {QStringLiteral("http://127.0.0.1:9/unsaved?typed=1")});
    QVERIFY(app.waitForStarted(10000));
    const QString journal = home.filePath(QStringLiteral("data/ApiLens/ApiLens/session.json")); // org/app
    QTRY_VERIFY_WITH_TIMEOUT(read(journal).contains("typed=1"), 15000);
    ::kill(pid_t(app.processId()), SIGKILL);
    QVERIFY(app.waitForFinished(5000));
    QCOMPARE(app.exitStatus(), QProcess::CrashExit);

    Workspace next(&m_catalog, m_settings);
    next.setSessionJournal(journal);
    int current = -1;
    QStringList notes;
    const QList<RequestDocument *> back = next.restoreSession(&current, &notes);
    QCOMPARE(back.size(), 1);
    QCOMPARE(back[0]->spec().url, QStringLiteral("http://127.0.0.1:9/unsaved?typed=1"));
    QCOMPARE(current, 0);
}

void tst_Workspace::exports()
{
    const QString root = makeCollection(QStringLiteral("exports"));
    QString error;
    QStringList lost;
    const QString postman = m_dir.filePath(QStringLiteral("exports.postman_collection.json"));
    QVERIFY2(m_workspace->exportPostman(root, postman, &lost, &error), qPrintable(error));
    const QByteArray json = read(postman);
    QVERIFY(json.contains("{{base}}/login"));     // variables kept
    QVERIFY(json.contains("http://127.0.0.1:9")); // the chosen environment's host as a variable
    QVERIFY(!json.contains("t0k3n"));             // never a private value
    const QString script = m_dir.filePath(QStringLiteral("exports.sh"));
    QStringList unresolved;
    int requests = 0;
    QVERIFY2(m_workspace->exportCurlScript(root, script, &unresolved, &requests, &error), qPrintable(error));
    QCOMPARE(requests, 2);
    QVERIFY(read(script).contains("http://127.0.0.1:9/v1/login"));
    QVERIFY(QFileInfo(script).isExecutable());
}

QTEST_MAIN(tst_Workspace)
#include "tst_workspace.moc"
