#pragma once

#include "collections/collection.h"

#include <QAbstractItemModel>
#include <QHash>

#include <memory>
#include <vector>

namespace ApiLens::Ui {

// The open collections as on disk: collection › folders › .http files › requests. Each request
// carries the status of its last exchange, which the delegate paints as a coloured marker.
class CollectionModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum class Kind { Collection, Folder, File, Request };
    enum Role {
        KindRole = Qt::UserRole + 1, // int(Kind)
        PathRole,                    // absolute path of the collection, folder or file
        RootRole,                    // the collection folder it belongs to
        RequestNameRole,
        RequestLineRole,
        MethodRole,
        UrlRole,
        LastStatusRole, // HTTP status of the last exchange; -1 transport failure; invalid: never run
        IssueCountRole,
    };
    static constexpr const char *MimeType = "application/x-apilens-collection-item";

    explicit CollectionModel(QObject *parent = nullptr);
    ~CollectionModel() override;

    // Adds the collection, or replaces the one with the same root (after a rescan).
    void setCollection(const Core::Collection &collection);
    void removeCollection(const QString &root);
    QStringList roots() const;
    const Core::Collection *collection(const QString &root) const;

    void setLastStatus(const Core::RequestLocation &where, int status);
    static Core::RequestLocation location(const QModelIndex &index);
    QModelIndex indexOfPath(const QString &absolutePath) const;
    QModelIndex indexOfRequest(const Core::RequestLocation &where) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;
    Qt::DropActions supportedDropActions() const override;

Q_SIGNALS:
    // A drag ended on `target` (a collection, folder or file). Nothing moves in the model:
    // the files move on disk, and the rescan shows it.
    void moveRequested(const QModelIndex &source, const QModelIndex &target);

private:
    struct Node;
    Node *node(const QModelIndex &index) const;
    QModelIndex indexOf(const Node *node) const;
    std::unique_ptr<Node> build(const Core::Collection &collection) const;
    static QString statusKey(const Core::RequestLocation &where);
    QModelIndex decode(const QMimeData *data) const;

    std::vector<std::unique_ptr<Node>> m_roots;
    std::vector<Core::Collection> m_collections;
    QHash<QString, int> m_lastStatus; // file + '\n' + name-or-line -> status
};

} // namespace ApiLens::Ui
