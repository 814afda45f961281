#pragma once

#include "collectioncommands.h"

#include "collections/collection.h"

#include <QHash>
#include <QWidget>

class QFileSystemWatcher;
class QLineEdit;
class QSortFilterProxyModel;
class QTimer;
class QTreeView;
class QUndoStack;

namespace ApiLens::Ui {

class CollectionModel;

// The collections dock: a filter, the tree of each open collection folder as on disk, and the
// edits users make to it (new, rename, move by drag, duplicate, delete), each undoable. Folders
// are read on a worker thread and read again when something changes on disk.
class CollectionPane : public QWidget
{
    Q_OBJECT
public:
    explicit CollectionPane(QWidget *parent = nullptr);
    ~CollectionPane() override;

    void openCollection(const QString &folder);
    void closeCollection(const QString &root);
    void rescan(const QString &root);
    // The open collection holding `path` (a file or folder); empty when none.
    QString rootFor(const QString &path) const;
    QStringList roots() const;

    CollectionModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QTreeView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }
    QUndoStack *undoStack() const { return m_undo; }

    // Edits on the current item (or the given source-model index).
    void newRequest();
    void newFile();
    void newFolder();
    void renameCurrent();
    void duplicateCurrent();
    void deleteCurrent();
    void moveItem(const QModelIndex &source, const QModelIndex &target);
    void select(const Core::RequestLocation &where);
    QModelIndex currentSourceIndex() const;

Q_SIGNALS:
    void requestActivated(const ApiLens::Core::RequestLocation &where, bool send);
    void collectionLoaded(const QString &root, int requests, double milliseconds);
    void collectionClosed(const QString &root);
    void fileChanged(const QString &path); // changed on disk, by us or by someone else
    void message(const QString &text);
    // A request was renamed or moved to another file / a file or folder was renamed or moved.
    void requestMoved(const ApiLens::Core::RequestLocation &from, const ApiLens::Core::RequestLocation &to);
    void pathMoved(const QString &from, const QString &to);

private:
    bool push(DiskCommand *command, const QString &rescanRoot);
    // A command whose failures go to message().
    DiskCommand *diskCommand(const QString &text, QList<DiskCommand::Step> steps);
    QModelIndex editableIndex() const; // the current item, unless it is a collection
    void onScanned(const Core::Collection &collection, double milliseconds, quint64 generation);
    void watch(const Core::Collection &collection);
    void showContextMenu(const QPoint &pos);
    void activate(const QModelIndex &proxyIndex, bool send);
    QString folderOfCurrent() const;
    void saveExpansion();
    void restoreExpansion();

    CollectionModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTreeView *m_view;
    QLineEdit *m_filter;
    QUndoStack *m_undo;
    QFileSystemWatcher *m_watcher;
    QTimer *m_rescanTimer;
    QStringList m_pendingRescans;
    QHash<QString, quint64> m_generation;    // per root, to drop results of an older scan
    QHash<QString, QByteArray> m_fileStamps; // what we last saw of each watched file
    QStringList m_expanded;
    QStringList m_seenRoots;
    QString m_current;
    QString m_selectAfterScan; // path (or path + '\n' + request name) to select after the rescan
};

} // namespace ApiLens::Ui
