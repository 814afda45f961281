#include "collectionmodel.h"
#include "collectionpane.h"
#include "prompt.h"

#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QMimeData>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>
#include <QUndoStack>

using namespace ApiLens;
using Ui::CollectionModel;
using Ui::CollectionPane;
using Ui::Prompt;

class tst_CollectionPane : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void newRequestRenameDuplicateDeleteUndo();
    void filesAndFolders();
    void dragMovesARequestAndAFile();
    void filterShowsMatchesWithTheirParents_data();
    void filterShowsMatchesWithTheirParents();
    void externalEditsArePickedUp();
    void undoNeverOverwritesAnExternalEdit();

private:
    QByteArray read(const QString &relative) const;
    void write(const QString &relative, const QByteArray &bytes);
    void waitForScan();
    void selectPath(const QString &relative, const QString &request = {});
    QToolButton *button(const QString &tipStart) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CollectionPane> m_pane;
    QString m_root;
};

QByteArray tst_CollectionPane::read(const QString &relative) const
{
    QFile file(m_dir->filePath(relative));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

void tst_CollectionPane::write(const QString &relative, const QByteArray &bytes)
{
    const QString path = m_dir->filePath(relative);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

void tst_CollectionPane::waitForScan()
{
    QSignalSpy loaded(m_pane.get(), &CollectionPane::collectionLoaded);
    QVERIFY(loaded.wait(5000));
}

void tst_CollectionPane::selectPath(const QString &relative, const QString &request)
{
    const QString path = relative.isEmpty() ? m_root : m_dir->filePath(relative);
    const QModelIndex index = request.isEmpty() ? m_pane->model()->indexOfPath(path)
                                                : m_pane->model()->indexOfRequest({path, request, 0});
    QVERIFY2(index.isValid(), qPrintable(relative + QLatin1Char('#') + request));
    m_pane->view()->setCurrentIndex(m_pane->proxy()->mapFromSource(index));
    m_pane->view()->setFocus();
}

QToolButton *tst_CollectionPane::button(const QString &tipStart) const
{
    for (QToolButton *candidate : m_pane->findChildren<QToolButton *>()) {
        if (candidate->toolTip().startsWith(tipStart)) {
            return candidate;
        }
    }
    return nullptr;
}

void tst_CollectionPane::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_root = QDir::cleanPath(m_dir->path());
    write(QStringLiteral("users.http"), "@host = http://127.0.0.1\n\n### List users\n# keep me\nGET "
                                        "{{host}}/users\n\n### Create user\nPOST {{host}}/users\n");
    write(QStringLiteral("admin/roles.http"), "### Roles\nGET {{host}}/roles\n");
    m_pane = std::make_unique<CollectionPane>();
    m_pane->resize(320, 500);
    m_pane->show();
    m_pane->openCollection(m_dir->path());
    waitForScan();
}

void tst_CollectionPane::cleanup()
{
    const int unused = Prompt::pendingAnswers();
    while (Prompt::pendingAnswers() > 0) {
        Prompt::text(nullptr, {}, {}, {}); // drain, so the next test starts clean
    }
    QCOMPARE(unused, 0); // every queued answer was asked for
    m_pane.reset();
    m_dir.reset();
}

void tst_CollectionPane::newRequestRenameDuplicateDeleteUndo()
{
    const QByteArray original = read(QStringLiteral("users.http"));
    QSignalSpy activated(m_pane.get(), &CollectionPane::requestActivated);

    // New request, from the pane's button, into the selected file.
    selectPath(QStringLiteral("users.http"));
    Prompt::queueText(QStringLiteral("Health"));
    QToolButton *newRequest = button(QStringLiteral("New request"));
    QVERIFY(newRequest);
    QTest::mouseClick(newRequest, Qt::LeftButton);
    waitForScan();
    QCOMPARE(read(QStringLiteral("users.http")), original + "\n### Health\nGET {{baseUrl}}/\n");
    QCOMPARE(activated.size(), 1); // and it opens
    QCOMPARE(activated[0][0].value<Core::RequestLocation>().name, QStringLiteral("Health"));
    QCOMPARE(m_pane->currentSourceIndex().data().toString(), QStringLiteral("Health"));

    // Rename with F2: only the name line changes; the comment stays.
    selectPath(QStringLiteral("users.http"), QStringLiteral("List users"));
    Prompt::queueText(QStringLiteral("All users"));
    QTest::keyClick(m_pane->view(), Qt::Key_F2);
    waitForScan();
    QVERIFY(read(QStringLiteral("users.http")).contains("### All users\n# keep me\nGET {{host}}/users\n"));
    QVERIFY(
        m_pane->model()
            ->indexOfRequest({m_dir->filePath(QStringLiteral("users.http")), QStringLiteral("All users"), 0})
            .isValid());

    // Duplicate with Ctrl+D: a copy right after it.
    QTest::keyClick(m_pane->view(), Qt::Key_D, Qt::ControlModifier);
    waitForScan();
    QVERIFY(read(QStringLiteral("users.http"))
                .contains("### All users\n# keep me\nGET {{host}}/users\n\n### All users copy\n# keep "
                          "me\nGET {{host}}/users\n"));

    // Delete: gone from the file, the rest untouched.
    selectPath(QStringLiteral("users.http"), QStringLiteral("Create user"));
    QTest::keyClick(m_pane->view(), Qt::Key_Delete);
    waitForScan();
    QVERIFY(!read(QStringLiteral("users.http")).contains("Create user"));
    QVERIFY(read(QStringLiteral("users.http")).contains("### All users copy"));

    // Undo all four, newest first: the file is byte for byte what it was.
    QCOMPARE(m_pane->undoStack()->count(), 4);
    for (int i = 0; i < 4; ++i) {
        m_pane->undoStack()->undo();
    }
    QCOMPARE(read(QStringLiteral("users.http")), original);
    m_pane->undoStack()->redo();
    QVERIFY(read(QStringLiteral("users.http")).contains("### Health"));
}

void tst_CollectionPane::filesAndFolders()
{
    // New folder at the root, a new file in it, rename the file, duplicate it, delete the folder.
    selectPath(QString());
    Prompt::queueText(QStringLiteral("billing"));
    m_pane->newFolder();
    waitForScan();
    QVERIFY(QFileInfo(m_dir->filePath(QStringLiteral("billing"))).isDir());
    QCOMPARE(m_pane->currentSourceIndex().data().toString(), QStringLiteral("billing"));

    Prompt::queueText(QStringLiteral("invoices"));
    m_pane->newFile();
    waitForScan();
    QCOMPARE(read(QStringLiteral("billing/invoices.http")),
             QByteArray("### New request\nGET {{baseUrl}}/\n"));

    selectPath(QStringLiteral("billing/invoices.http"));
    Prompt::queueText(QStringLiteral("bills.http"));
    QTest::keyClick(m_pane->view(), Qt::Key_F2);
    waitForScan();
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("billing/invoices.http"))));
    QCOMPARE(read(QStringLiteral("billing/bills.http")), QByteArray("### New request\nGET {{baseUrl}}/\n"));

    QTest::keyClick(m_pane->view(), Qt::Key_D, Qt::ControlModifier);
    waitForScan();
    QCOMPARE(read(QStringLiteral("billing/bills copy.http")), read(QStringLiteral("billing/bills.http")));

    selectPath(QStringLiteral("billing"));
    QTest::keyClick(m_pane->view(), Qt::Key_Delete);
    waitForScan();
    QVERIFY(!QFileInfo::exists(m_dir->filePath(QStringLiteral("billing"))));
    m_pane->undoStack()->undo();
    waitForScan();
    QCOMPARE(read(QStringLiteral("billing/bills copy.http")),
             QByteArray("### New request\nGET {{baseUrl}}/\n"));
    QVERIFY(QFile::exists(m_dir->filePath(QStringLiteral("billing/bills.http"))));

    // A name that already exists is refused with a message, and nothing changes.
    QSignalSpy messages(m_pane.get(), &CollectionPane::message);
    selectPath(QStringLiteral("billing/bills.http"));
    Prompt::queueText(QStringLiteral("bills copy.http"));
    const int before = m_pane->undoStack()->index();
    m_pane->renameCurrent();
    QCOMPARE(m_pane->undoStack()->index(), before);
    QVERIFY(!messages.isEmpty());
    QVERIFY(messages.last()[0].toString().contains(QStringLiteral("already exists")));
}

void tst_CollectionPane::dragMovesARequestAndAFile()
{
    QSignalSpy moved(m_pane.get(), &CollectionPane::requestMoved);
    // What the view does on a drop: the proxy passes the model's own mime data down.
    const auto drop = [this](const QModelIndex &source, const QModelIndex &target) {
        std::unique_ptr<QMimeData> data(m_pane->model()->mimeData({source}));
        const QModelIndex proxyTarget = m_pane->proxy()->mapFromSource(target);
        QVERIFY(m_pane->proxy()->canDropMimeData(data.get(), Qt::MoveAction, -1, -1, proxyTarget));
        m_pane->proxy()->dropMimeData(data.get(), Qt::MoveAction, -1, -1, proxyTarget);
    };
    const QString users = m_dir->filePath(QStringLiteral("users.http"));
    const QString roles = m_dir->filePath(QStringLiteral("admin/roles.http"));
    drop(m_pane->model()->indexOfRequest({users, QStringLiteral("Create user"), 0}),
         m_pane->model()->indexOfPath(roles));
    waitForScan();
    QCOMPARE(read(QStringLiteral("admin/roles.http")),
             QByteArray("### Roles\nGET {{host}}/roles\n\n### Create user\nPOST {{host}}/users\n"));
    QVERIFY(!read(QStringLiteral("users.http")).contains("Create user"));
    QCOMPARE(moved.size(), 1);
    QCOMPARE(moved[0][1].value<Core::RequestLocation>().file, roles);

    QSignalSpy pathMoved(m_pane.get(), &CollectionPane::pathMoved);
    drop(m_pane->model()->indexOfPath(users),
         m_pane->model()->indexOfPath(m_dir->filePath(QStringLiteral("admin"))));
    waitForScan();
    QVERIFY(QFile::exists(m_dir->filePath(QStringLiteral("admin/users.http"))));
    QVERIFY(!QFile::exists(users));
    QCOMPARE(pathMoved.size(), 1);

    // Both moves undo.
    m_pane->undoStack()->undo();
    m_pane->undoStack()->undo();
    QVERIFY(read(QStringLiteral("users.http")).contains("### Create user"));
    QCOMPARE(read(QStringLiteral("admin/roles.http")), QByteArray("### Roles\nGET {{host}}/roles\n"));
}

void tst_CollectionPane::filterShowsMatchesWithTheirParents_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("visible"); // requests left visible
    QTest::newRow("by name") << "create" << QStringList{QStringLiteral("Create user")};
    QTest::newRow("by url") << "/roles" << QStringList{QStringLiteral("Roles")};
    QTest::newRow("by method") << "post" << QStringList{QStringLiteral("Create user")};
    QTest::newRow("a file shows its requests")
        << "users.http" << QStringList{QStringLiteral("List users"), QStringLiteral("Create user")};
    QTest::newRow("nothing") << "zzz" << QStringList{};
}

void tst_CollectionPane::filterShowsMatchesWithTheirParents()
{
    QFETCH(QString, text);
    QFETCH(QStringList, visible);
    QTest::keyClicks(m_pane->filterEdit(), text);
    QStringList shown;
    const std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
        for (int row = 0; row < m_pane->proxy()->rowCount(parent); ++row) {
            const QModelIndex index = m_pane->proxy()->index(row, 0, parent);
            if (index.data(CollectionModel::KindRole).toInt() == int(CollectionModel::Kind::Request)) {
                shown.append(index.data().toString());
                QVERIFY(m_pane->view()->isExpanded(index.parent())); // matches are in view
            }
            walk(index);
        }
    };
    walk({});
    QCOMPARE(shown, visible);
}

void tst_CollectionPane::externalEditsArePickedUp()
{
    QSignalSpy changed(m_pane.get(), &CollectionPane::fileChanged);
    QTest::qWait(1100); // file times have a one-second grain on some file systems
    write(QStringLiteral("admin/roles.http"),
          "### Roles\nGET {{host}}/roles\n\n### Grant\nPOST {{host}}/grants\n");
    write(QStringLiteral("new.http"), "GET http://127.0.0.1/new\n");
    QTRY_VERIFY_WITH_TIMEOUT(m_pane->model()
                                 ->indexOfRequest({m_dir->filePath(QStringLiteral("admin/roles.http")),
                                                   QStringLiteral("Grant"), 0})
                                 .isValid(),
                             5000);
    QTRY_VERIFY(m_pane->model()->indexOfPath(m_dir->filePath(QStringLiteral("new.http"))).isValid());
    QVERIFY(changed.size() >= 1);
    QCOMPARE(changed[0][0].toString(), m_dir->filePath(QStringLiteral("admin/roles.http")));
}

void tst_CollectionPane::undoNeverOverwritesAnExternalEdit()
{
    selectPath(QStringLiteral("users.http"), QStringLiteral("Create user"));
    QTest::keyClick(m_pane->view(), Qt::Key_Delete);
    waitForScan();
    const QByteArray theirs = "### Theirs\nGET http://127.0.0.1/theirs\n";
    write(QStringLiteral("users.http"), theirs);
    QSignalSpy messages(m_pane.get(), &CollectionPane::message);
    m_pane->undoStack()->undo();
    QCOMPARE(read(QStringLiteral("users.http")), theirs);
    QVERIFY(!messages.isEmpty());
    QVERIFY2(messages.last()[0].toString().contains(QStringLiteral("changed on disk")),
             qPrintable(messages.last()[0].toString()));
    QCOMPARE(m_pane->undoStack()->count(), 0); // the stale step is dropped
}

QTEST_MAIN(tst_CollectionPane)
#include "tst_collectionpane.moc"
