#include "collectionmodel.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QMimeData>
#include <QTemporaryDir>
#include <QTest>

using namespace ApiLens;
using Ui::CollectionModel;

class tst_CollectionModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void treeMirrorsTheFolder();
    void lastStatusSurvivesARescan();
    void dropRules_data();
    void dropRules();
    void severalCollections();

private:
    void write(const QString &relative, const QByteArray &bytes);
    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_CollectionModel::write(const QString &relative, const QByteArray &bytes)
{
    const QString path = m_dir->filePath(relative);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

void tst_CollectionModel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    write(QStringLiteral("users.http"),
          "### List users\nGET http://127.0.0.1/users\n\n### Create user\nPOST http://127.0.0.1/users\n");
    write(QStringLiteral("admin/roles.http"), "GET http://127.0.0.1/roles\n");
    write(QStringLiteral("admin/audit/log.http"),
          "# @name audit\nGET http://127.0.0.1/audit\nbroken header\n");
}

void tst_CollectionModel::treeMirrorsTheFolder()
{
    CollectionModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCollection(Core::Collection::scan(m_dir->path()));
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex root = model.index(0, 0);
    QCOMPARE(root.data(CollectionModel::KindRole).toInt(), int(CollectionModel::Kind::Collection));
    // Folders first, then files.
    QCOMPARE(model.rowCount(root), 2);
    QCOMPARE(model.index(0, 0, root).data().toString(), QStringLiteral("admin"));
    const QModelIndex users = model.index(1, 0, root);
    QCOMPARE(users.data().toString(), QStringLiteral("users.http"));
    QCOMPARE(model.rowCount(users), 2);
    const QModelIndex create = model.index(1, 0, users);
    QCOMPARE(create.data().toString(), QStringLiteral("Create user"));
    QCOMPARE(create.data(CollectionModel::MethodRole).toString(), QStringLiteral("POST"));
    QVERIFY(create.data(Qt::ToolTipRole).toString().contains(QStringLiteral("POST http://127.0.0.1/users")));
    const Core::RequestLocation where = CollectionModel::location(create);
    QCOMPARE(where.file, m_dir->filePath(QStringLiteral("users.http")));
    QCOMPARE(where.name, QStringLiteral("Create user"));
    QCOMPARE(model.indexOfRequest(where), create);
    QCOMPARE(model.indexOfPath(m_dir->filePath(QStringLiteral("admin/audit/log.http"))).data().toString(),
             QStringLiteral("log.http"));
    // A file with a problem says where.
    const QModelIndex log = model.indexOfPath(m_dir->filePath(QStringLiteral("admin/audit/log.http")));
    QCOMPARE(log.data(CollectionModel::IssueCountRole).toInt(), 1);
    QVERIFY(log.data(Qt::ToolTipRole).toString().contains(QStringLiteral("line 3")));
}

void tst_CollectionModel::lastStatusSurvivesARescan()
{
    CollectionModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCollection(Core::Collection::scan(m_dir->path()));
    const Core::RequestLocation where{m_dir->filePath(QStringLiteral("users.http")),
                                      QStringLiteral("List users"), 0};
    QVERIFY(!model.indexOfRequest(where).data(CollectionModel::LastStatusRole).isValid());
    model.setLastStatus(where, 404);
    QCOMPARE(model.indexOfRequest(where).data(CollectionModel::LastStatusRole).toInt(), 404);
    QVERIFY(model.indexOfRequest(where).data(Qt::ToolTipRole).toString().contains(QStringLiteral("404")));
    write(QStringLiteral("users.http"),
          "### New first\nGET http://127.0.0.1/\n\n### List users\nGET http://127.0.0.1/users\n");
    model.setCollection(Core::Collection::scan(m_dir->path()));
    QCOMPARE(model.indexOfRequest(where).data(CollectionModel::LastStatusRole).toInt(), 404);
    model.setLastStatus(where, -1);
    QCOMPARE(model.indexOfRequest(where).data(CollectionModel::LastStatusRole).toInt(), -1);
}

void tst_CollectionModel::dropRules_data()
{
    QTest::addColumn<QString>("source"); // path, or path#request
    QTest::addColumn<QString>("target");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("request to another file") << "users.http#List users"
                                             << "admin/roles.http" << true;
    QTest::newRow("request to its own file") << "users.http#List users"
                                             << "users.http" << false;
    QTest::newRow("request to a folder") << "users.http#List users"
                                         << "admin" << false;
    QTest::newRow("file to a folder") << "users.http"
                                      << "admin/audit" << true;
    QTest::newRow("file to where it is") << "admin/roles.http"
                                         << "admin" << false;
    QTest::newRow("file onto a file") << "users.http"
                                      << "admin/roles.http" << false;
    QTest::newRow("folder into itself") << "admin"
                                        << "admin/audit" << false;
    QTest::newRow("folder to the root") << "admin/audit"
                                        << "" << true;
}

void tst_CollectionModel::dropRules()
{
    QFETCH(QString, source);
    QFETCH(QString, target);
    QFETCH(bool, accepted);
    CollectionModel model;
    model.setCollection(Core::Collection::scan(m_dir->path()));
    const QStringList parts = source.split(QLatin1Char('#'));
    const QModelIndex sourceIndex = parts.size() == 2
                                        ? model.indexOfRequest({m_dir->filePath(parts[0]), parts[1], 0})
                                        : model.indexOfPath(m_dir->filePath(parts[0]));
    QVERIFY(sourceIndex.isValid());
    const QModelIndex targetIndex =
        model.indexOfPath(target.isEmpty() ? QDir::cleanPath(m_dir->path()) : m_dir->filePath(target));
    QVERIFY(targetIndex.isValid());
    std::unique_ptr<QMimeData> data(model.mimeData({sourceIndex}));
    QVERIFY(data);
    QCOMPARE(model.canDropMimeData(data.get(), Qt::MoveAction, -1, 0, targetIndex), accepted);
    QModelIndex movedSource;
    QModelIndex movedTarget;
    connect(&model, &CollectionModel::moveRequested, this, [&](const QModelIndex &s, const QModelIndex &t) {
        movedSource = s;
        movedTarget = t;
    });
    // The model never removes rows itself: the move is done on disk by whoever listens.
    QVERIFY(!model.dropMimeData(data.get(), Qt::MoveAction, -1, 0, targetIndex));
    QCOMPARE(movedSource.isValid(), accepted);
    if (accepted) {
        QCOMPARE(movedSource, sourceIndex);
        QCOMPARE(movedTarget, targetIndex);
    }
}

void tst_CollectionModel::severalCollections()
{
    QTemporaryDir other;
    QFile file(other.filePath(QStringLiteral("x.http")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("GET http://127.0.0.1/x\n");
    file.close();
    CollectionModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCollection(Core::Collection::scan(m_dir->path()));
    model.setCollection(Core::Collection::scan(other.path()));
    QCOMPARE(model.rowCount(), 2);
    model.setCollection(Core::Collection::scan(m_dir->path())); // a rescan replaces, never adds
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.roots(), (QStringList{QDir::cleanPath(m_dir->path()), QDir::cleanPath(other.path())}));
    QVERIFY(model.indexOfPath(other.filePath(QStringLiteral("x.http"))).isValid());
    model.removeCollection(QDir::cleanPath(m_dir->path()));
    QCOMPARE(model.rowCount(), 1);
    QVERIFY(!model.indexOfPath(m_dir->filePath(QStringLiteral("users.http"))).isValid());
    QVERIFY(model.collection(QDir::cleanPath(other.path())));
}

QTEST_MAIN(tst_CollectionModel)
#include "tst_collectionmodel.moc"
