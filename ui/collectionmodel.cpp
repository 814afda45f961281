#include "collectionmodel.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QMimeData>
#include <QStyle>
#include <QUrl>

namespace ApiLens::Ui {

struct CollectionModel::Node
{
    Kind kind = Kind::Folder;
    QString label;
    QString path; // absolute: the folder or file; for a request, its file
    QString root;
    Core::CollectionRequest request;
    QStringList issues; // "line N: message"
    QString error;
    Node *parent = nullptr;
    int row = 0;
    std::vector<std::unique_ptr<Node>> children;

    Node *add(std::unique_ptr<Node> child)
    {
        child->parent = this;
        child->row = int(children.size());
        children.push_back(std::move(child));
        return children.back().get();
    }
};

CollectionModel::CollectionModel(QObject *parent)
    : QAbstractItemModel(parent)
{}

CollectionModel::~CollectionModel() = default;

std::unique_ptr<CollectionModel::Node> CollectionModel::build(const Core::Collection &collection) const
{
    auto top = std::make_unique<Node>();
    top->kind = Kind::Collection;
    top->label = collection.name();
    top->path = collection.root();
    top->root = collection.root();
    QHash<QString, Node *> folders; // relative path -> node
    folders.insert(QString(), top.get());
    // Folders first (scan() sorts them, so parents come before children), then files.
    for (const QString &relative : collection.folders()) {
        Node *parent = folders.value(relative.section(QLatin1Char('/'), 0, -2), top.get());
        auto folder = std::make_unique<Node>();
        folder->kind = Kind::Folder;
        folder->label = relative.section(QLatin1Char('/'), -1);
        folder->path = collection.root() + QLatin1Char('/') + relative;
        folder->root = collection.root();
        folders.insert(relative, parent->add(std::move(folder)));
    }
    QList<const Core::CollectionFile *> files;
    for (const Core::CollectionFile &file : collection.files()) {
        files.append(&file);
    }
    std::sort(files.begin(), files.end(), [](const Core::CollectionFile *a, const Core::CollectionFile *b) {
        return a->path.compare(b->path, Qt::CaseInsensitive) < 0;
    });
    for (const Core::CollectionFile *file : std::as_const(files)) {
        Node *parent = folders.value(file->path.section(QLatin1Char('/'), 0, -2), top.get());
        auto fileNode = std::make_unique<Node>();
        fileNode->kind = Kind::File;
        fileNode->label = file->path.section(QLatin1Char('/'), -1);
        fileNode->path = collection.root() + QLatin1Char('/') + file->path;
        fileNode->root = collection.root();
        fileNode->error = file->error;
        for (const Core::HttpIssue &issue : file->issues) {
            fileNode->issues.append(tr("line %1: %2").arg(issue.line).arg(issue.message));
        }
        Node *added = parent->add(std::move(fileNode));
        for (const Core::CollectionRequest &request : file->requests) {
            auto requestNode = std::make_unique<Node>();
            requestNode->kind = Kind::Request;
            requestNode->request = request;
            requestNode->label = request.name.isEmpty() ? request.url : request.name;
            requestNode->path = added->path;
            requestNode->root = collection.root();
            added->add(std::move(requestNode));
        }
    }
    return top;
}

void CollectionModel::setCollection(const Core::Collection &collection)
{
    beginResetModel();
    bool replaced = false;
    for (size_t i = 0; i < m_roots.size(); ++i) {
        if (m_roots[i]->root == collection.root()) {
            m_roots[i] = build(collection);
            m_roots[i]->row = int(i);
            m_collections[i] = collection;
            replaced = true;
        }
    }
    if (!replaced) {
        m_roots.push_back(build(collection));
        m_roots.back()->row = int(m_roots.size() - 1);
        m_collections.push_back(collection);
    }
    endResetModel();
}

void CollectionModel::removeCollection(const QString &root)
{
    for (size_t i = 0; i < m_roots.size(); ++i) {
        if (m_roots[i]->root == root) {
            beginRemoveRows({}, int(i), int(i));
            m_roots.erase(m_roots.begin() + qsizetype(i));
            m_collections.erase(m_collections.begin() + qsizetype(i));
            for (size_t j = i; j < m_roots.size(); ++j) {
                m_roots[j]->row = int(j);
            }
            endRemoveRows();
            return;
        }
    }
}

QStringList CollectionModel::roots() const
{
    QStringList roots;
    for (const auto &root : m_roots) {
        roots.append(root->root);
    }
    return roots;
}

const Core::Collection *CollectionModel::collection(const QString &root) const
{
    for (const Core::Collection &collection : m_collections) {
        if (collection.root() == root) {
            return &collection;
        }
    }
    return nullptr;
}

QString CollectionModel::statusKey(const Core::RequestLocation &where)
{
    return where.file + QLatin1Char('\n') + (where.name.isEmpty() ? QString::number(where.line) : where.name);
}

void CollectionModel::setLastStatus(const Core::RequestLocation &where, int status)
{
    m_lastStatus.insert(statusKey(where), status);
    const QModelIndex index = indexOfRequest(where);
    if (index.isValid()) {
        Q_EMIT dataChanged(index, index, {LastStatusRole, Qt::ToolTipRole});
    }
}

Core::RequestLocation CollectionModel::location(const QModelIndex &index)
{
    if (index.data(KindRole).toInt() != int(Kind::Request)) {
        return {};
    }
    return {index.data(PathRole).toString(), index.data(RequestNameRole).toString(),
            index.data(RequestLineRole).toInt()};
}

QModelIndex CollectionModel::indexOfPath(const QString &absolutePath) const
{
    const QString path = QDir::cleanPath(absolutePath);
    for (const auto &root : m_roots) {
        if (path != root->path && !path.startsWith(root->path + QLatin1Char('/'))) {
            continue;
        }
        const Node *current = root.get();
        while (current && current->path != path) {
            const Node *next = nullptr;
            for (const auto &child : current->children) {
                if (child->kind != Kind::Request &&
                    (path == child->path || path.startsWith(child->path + QLatin1Char('/')))) {
                    next = child.get();
                    break;
                }
            }
            current = next;
        }
        return current ? indexOf(current) : QModelIndex();
    }
    return {};
}

QModelIndex CollectionModel::indexOfRequest(const Core::RequestLocation &where) const
{
    const QModelIndex file = indexOfPath(where.file);
    const Node *fileNode = node(file);
    if (!fileNode || fileNode->kind != Kind::File) {
        return {};
    }
    for (const auto &child : fileNode->children) {
        if (!where.name.isEmpty() ? child->request.name == where.name : child->request.line == where.line) {
            return indexOf(child.get());
        }
    }
    return {};
}

CollectionModel::Node *CollectionModel::node(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : nullptr;
}

QModelIndex CollectionModel::indexOf(const Node *node) const
{
    return node ? createIndex(node->row, 0, const_cast<Node *>(node)) : QModelIndex();
}

QModelIndex CollectionModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column != 0 || row < 0) {
        return {};
    }
    if (const Node *p = node(parent)) {
        return row < int(p->children.size()) ? indexOf(p->children[size_t(row)].get()) : QModelIndex();
    }
    return row < int(m_roots.size()) ? indexOf(m_roots[size_t(row)].get()) : QModelIndex();
}

QModelIndex CollectionModel::parent(const QModelIndex &child) const
{
    const Node *n = node(child);
    return n && n->parent ? indexOf(n->parent) : QModelIndex();
}

int CollectionModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0) {
        return 0;
    }
    const Node *p = node(parent);
    return p ? int(p->children.size()) : int(m_roots.size());
}

int CollectionModel::columnCount(const QModelIndex &) const
{
    return 1;
}

QVariant CollectionModel::data(const QModelIndex &index, int role) const
{
    const Node *n = node(index);
    if (!n) {
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return n->label;
    case Qt::DecorationRole: {
        QStyle *style = QApplication::style();
        switch (n->kind) {
        case Kind::Collection:
            return style->standardIcon(QStyle::SP_DirHomeIcon);
        case Kind::Folder:
            return style->standardIcon(QStyle::SP_DirIcon);
        case Kind::File:
            return style->standardIcon(!n->issues.isEmpty() || !n->error.isEmpty()
                                           ? QStyle::SP_MessageBoxWarning
                                           : QStyle::SP_FileIcon);
        case Kind::Request:
            return {};
        }
        return {};
    }
    case Qt::ToolTipRole: {
        if (n->kind == Kind::Request) {
            QString tip = n->request.method + QLatin1Char(' ') + n->request.url;
            const auto status = m_lastStatus.constFind(statusKey(location(index)));
            if (status != m_lastStatus.cend()) {
                tip += QLatin1Char('\n') +
                       (*status < 0 ? tr("Last run: no response") : tr("Last run: %1").arg(*status));
            }
            return tip;
        }
        QString tip = QDir::toNativeSeparators(n->path);
        if (!n->error.isEmpty()) {
            tip += QLatin1Char('\n') + tr("Cannot read: %1").arg(n->error);
        }
        if (!n->issues.isEmpty()) {
            tip += QLatin1Char('\n') + n->issues.mid(0, 10).join(QLatin1Char('\n'));
        }
        return tip;
    }
    case KindRole:
        return int(n->kind);
    case PathRole:
        return n->path;
    case RootRole:
        return n->root;
    case RequestNameRole:
        return n->kind == Kind::Request ? QVariant(n->request.name) : QVariant();
    case RequestLineRole:
        return n->kind == Kind::Request ? QVariant(n->request.line) : QVariant();
    case MethodRole:
        return n->kind == Kind::Request ? QVariant(n->request.method) : QVariant();
    case UrlRole:
        return n->kind == Kind::Request ? QVariant(n->request.url) : QVariant();
    case LastStatusRole: {
        if (n->kind != Kind::Request) {
            return {};
        }
        const auto status = m_lastStatus.constFind(statusKey(location(index)));
        return status == m_lastStatus.cend() ? QVariant() : QVariant(*status);
    }
    case IssueCountRole:
        return int(n->issues.size());
    default:
        return {};
    }
}

Qt::ItemFlags CollectionModel::flags(const QModelIndex &index) const
{
    const Node *n = node(index);
    if (!n) {
        return Qt::ItemIsDropEnabled;
    }
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (n->kind != Kind::Collection) {
        flags |= Qt::ItemIsDragEnabled | Qt::ItemIsEditable;
    }
    if (n->kind != Kind::Request) {
        flags |= Qt::ItemIsDropEnabled;
    }
    return flags;
}

QStringList CollectionModel::mimeTypes() const
{
    return {QString::fromLatin1(MimeType)};
}

QMimeData *CollectionModel::mimeData(const QModelIndexList &indexes) const
{
    if (indexes.size() != 1 || !node(indexes.first())) {
        return nullptr;
    }
    const Node *n = node(indexes.first());
    auto *data = new QMimeData;
    // kind, path, request name, request line: enough to find the item again after a rescan.
    const QStringList fields = {QString::number(int(n->kind)), n->path, n->request.name,
                                QString::number(n->request.line)};
    data->setData(QString::fromLatin1(MimeType), fields.join(QLatin1Char('\n')).toUtf8());
    if (n->kind != Kind::Request) {
        data->setUrls({QUrl::fromLocalFile(n->path)});
    }
    return data;
}

QModelIndex CollectionModel::decode(const QMimeData *data) const
{
    if (!data || !data->hasFormat(QString::fromLatin1(MimeType))) {
        return {};
    }
    const QStringList fields =
        QString::fromUtf8(data->data(QString::fromLatin1(MimeType))).split(QLatin1Char('\n'));
    if (fields.size() != 4) {
        return {};
    }
    if (fields[0].toInt() == int(Kind::Request)) {
        return indexOfRequest({fields[1], fields[2], fields[3].toInt()});
    }
    return indexOfPath(fields[1]);
}

bool CollectionModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int, int,
                                      const QModelIndex &parent) const
{
    const Node *source = node(decode(data));
    const Node *target = node(parent);
    if (!source || !target || action != Qt::MoveAction) {
        return false;
    }
    if (source->kind == Kind::Request) {
        // A request goes into another file.
        return target->kind == Kind::File && target->path != source->path;
    }
    if (target->kind == Kind::File || target->kind == Kind::Request) {
        return false;
    }
    // A file or folder goes into another folder, never into itself or where it already is.
    return source->parent != target && target->path != source->path &&
           !target->path.startsWith(source->path + QLatin1Char('/'));
}

bool CollectionModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                                   const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent)) {
        return false;
    }
    Q_EMIT moveRequested(decode(data), parent);
    // The move happens on disk; returning false keeps the view from removing the source row.
    return false;
}

Qt::DropActions CollectionModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

} // namespace ApiLens::Ui
