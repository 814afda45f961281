#include "collectionpane.h"

#include "collectioncommands.h"
#include "collectionmodel.h"
#include "filepicker.h"
#include "prompt.h"
#include "statusstyle.h"

#include "http/statusclass.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QSortFilterProxyModel>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace ApiLens::Ui {

namespace {

using Kind = CollectionModel::Kind;

Kind kindOf(const QModelIndex &index)
{
    return Kind(index.data(CollectionModel::KindRole).toInt());
}

// Shows an item when it, one of its children or one of its parents matches the text.
class CollectionFilter : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setText(const QString &text)
    {
        m_text = text;
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        const QString &text = m_text;
        if (text.isEmpty()) {
            return true;
        }
        for (QModelIndex index = sourceModel()->index(row, 0, parent); index.isValid();
             index = index.parent()) {
            if (matches(index, text)) {
                return true;
            }
        }
        return false;
    }

private:
    static bool matches(const QModelIndex &index, const QString &text)
    {
        if (kindOf(index) == Kind::Collection) {
            return false; // every item is in a collection: matching it would show everything
        }
        const QString method = index.data(CollectionModel::MethodRole).toString();
        return index.data().toString().contains(text, Qt::CaseInsensitive) ||
               index.data(CollectionModel::UrlRole).toString().contains(text, Qt::CaseInsensitive) ||
               (!method.isEmpty() && method.compare(text, Qt::CaseInsensitive) == 0);
    }

    QString m_text;
};

// Requests: the method as a small coloured word, the name, and the last status at the right
// as a badge in its class colour (with its glyph, so colour is never the only cue).
class CollectionDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        if (kindOf(index) != Kind::Request) {
            QStyledItemDelegate::paint(painter, option, index);
            return;
        }
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QString label = opt.text;
        opt.text.clear();
        QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

        const bool dark = isDarkPalette(opt.palette);
        const bool selected = opt.state & QStyle::State_Selected;
        QRect rect = opt.rect.adjusted(4, 0, -4, 0);
        painter->save();
        const QVariant status = index.data(CollectionModel::LastStatusRole);
        if (status.isValid()) {
            const int code = status.toInt();
            const StatusStyle statusStyle =
                StatusStyle::forClass(code < 0 ? Core::StatusClass::None : Core::statusClassOf(code), dark);
            const QString text = statusStyle.glyph + QLatin1Char(' ') +
                                 (code < 0 ? QStringLiteral("—") : QString::number(code));
            QFont font = opt.font;
            font.setPointSizeF(font.pointSizeF() * 0.85);
            font.setBold(true);
            const QFontMetrics metrics(font);
            const int width = metrics.horizontalAdvance(text) + 10;
            const QRect badge(rect.right() - width, rect.center().y() - metrics.height() / 2 - 1, width,
                              metrics.height() + 2);
            painter->setRenderHint(QPainter::Antialiasing);
            painter->setPen(Qt::NoPen);
            painter->setBrush(statusStyle.fill);
            painter->drawRoundedRect(badge, 4, 4);
            painter->setFont(font);
            painter->setPen(statusStyle.text);
            painter->drawText(badge, Qt::AlignCenter, text);
            rect.setRight(badge.left() - 6);
        }
        QFont methodFont = opt.font;
        methodFont.setBold(true);
        methodFont.setPointSizeF(methodFont.pointSizeF() * 0.8);
        const QString method = index.data(CollectionModel::MethodRole).toString();
        const QFontMetrics methodMetrics(methodFont);
        const int methodWidth = qMax(methodMetrics.horizontalAdvance(QStringLiteral("DELETE")),
                                     methodMetrics.horizontalAdvance(method));
        painter->setFont(methodFont);
        painter->setPen(selected ? opt.palette.color(QPalette::HighlightedText) : methodColor(method, dark));
        painter->drawText(QRect(rect.left(), rect.top(), methodWidth, rect.height()),
                          Qt::AlignLeft | Qt::AlignVCenter, method);
        rect.setLeft(rect.left() + methodWidth + 6);
        painter->setFont(opt.font);
        painter->setPen(opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
        painter->drawText(rect, Qt::AlignLeft | Qt::AlignVCenter,
                          QFontMetrics(opt.font).elidedText(label, Qt::ElideRight, rect.width()));
        painter->restore();
    }

private:
    // Methods get quiet hues of their own, away from the status colours' meaning.
    static QColor methodColor(const QString &method, bool dark) { return tint(methodTint(method), dark); }
};

QString uniquePath(const QString &wanted)
{
    if (!QFileInfo::exists(wanted)) {
        return wanted;
    }
    const QFileInfo info(wanted);
    const QString suffix =
        info.isDir() || info.suffix().isEmpty() ? QString() : QLatin1Char('.') + info.suffix();
    const QString base = info.absolutePath() + QLatin1Char('/') +
                         (suffix.isEmpty() ? info.fileName() : info.completeBaseName());
    for (int n = 2;; ++n) {
        const QString candidate = QStringLiteral("%1 %2%3").arg(base).arg(n).arg(suffix);
        if (!QFileInfo::exists(candidate)) {
            return candidate;
        }
    }
}

bool validName(const QString &name)
{
    return !name.isEmpty() && !name.contains(QLatin1Char('/')) && !name.contains(QLatin1Char('\\')) &&
           name != QLatin1String(".") && name != QLatin1String("..");
}

} // namespace

CollectionPane::CollectionPane(QWidget *parent)
    : QWidget(parent)
    , m_model(new CollectionModel(this))
    , m_proxy(new CollectionFilter(this))
    , m_view(new QTreeView(this))
    , m_filter(new QLineEdit(this))
    , m_undo(new QUndoStack(this))
    , m_watcher(new QFileSystemWatcher(this))
    , m_rescanTimer(new QTimer(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_view->setModel(m_proxy);
    m_view->setHeaderHidden(true);
    m_view->setItemDelegate(new CollectionDelegate(m_view));
    m_view->setUniformRowHeights(true);
    m_view->setDragDropMode(QAbstractItemView::InternalMove);
    m_view->setDefaultDropAction(Qt::MoveAction);
    m_view->setDragEnabled(true);
    m_view->setAcceptDrops(true);
    m_view->setDropIndicatorShown(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setAnimated(false);

    m_filter->setPlaceholderText(tr("Filter requests"));
    m_filter->setClearButtonEnabled(true);
    auto *tools = new QHBoxLayout;
    tools->setContentsMargins(0, 0, 0, 0);
    tools->addWidget(m_filter, 1);
    const auto addTool = [this, tools](QStyle::StandardPixmap icon, const QString &tip, auto slot) {
        auto *button = new QToolButton(this);
        button->setIcon(style()->standardIcon(icon));
        button->setToolTip(tip);
        button->setAutoRaise(true);
        connect(button, &QToolButton::clicked, this, slot);
        tools->addWidget(button);
        return button;
    };
    addTool(QStyle::SP_DialogOpenButton, tr("Open a collection folder…"), [this] {
        const QString folder = FilePicker::openFolder(this, tr("Open Collection Folder"));
        if (!folder.isEmpty()) {
            openCollection(folder);
        }
    });
    addTool(QStyle::SP_FileIcon, tr("New request in the selected file"), [this] { newRequest(); });
    addTool(QStyle::SP_FileDialogNewFolder, tr("New folder"), [this] { newFolder(); });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addLayout(tools);
    layout->addWidget(m_view);

    // Actions with shortcuts that work while the tree has focus.
    const auto addAction = [this](const QString &text, const QKeySequence &key, auto slot) {
        auto *action = new QAction(text, m_view);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetShortcut);
        connect(action, &QAction::triggered, this, slot);
        m_view->addAction(action);
    };
    addAction(tr("Rename"), QKeySequence(Qt::Key_F2), [this] { renameCurrent(); });
    addAction(tr("Delete"), QKeySequence::Delete, [this] { deleteCurrent(); });
    addAction(tr("Duplicate"), QKeySequence(Qt::CTRL | Qt::Key_D), [this] { duplicateCurrent(); });

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        static_cast<CollectionFilter *>(m_proxy)->setText(text.trimmed());
        if (!text.trimmed().isEmpty()) {
            m_view->expandAll();
        }
    });
    connect(m_view, &QTreeView::activated, this,
            [this](const QModelIndex &index) { activate(index, false); });
    connect(m_view, &QTreeView::customContextMenuRequested, this, &CollectionPane::showContextMenu);
    connect(m_model, &CollectionModel::moveRequested, this, &CollectionPane::moveItem);
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, &CollectionPane::saveExpansion);
    connect(m_model, &QAbstractItemModel::modelReset, this, &CollectionPane::restoreExpansion);

    // Undo and redo change files too: read the collections again.
    connect(m_undo, &QUndoStack::indexChanged, this, [this] {
        for (const QString &root : m_model->roots()) {
            if (!m_pendingRescans.contains(root)) {
                m_pendingRescans.append(root);
            }
        }
        m_rescanTimer->start();
    });
    m_rescanTimer->setSingleShot(true);
    m_rescanTimer->setInterval(150); // editors write in bursts; read once they are done
    connect(m_rescanTimer, &QTimer::timeout, this, [this] {
        const QStringList roots = std::exchange(m_pendingRescans, {});
        for (const QString &root : roots) {
            rescan(root);
        }
    });
    const auto changed = [this](const QString &path) {
        const QString root = rootFor(path);
        if (!root.isEmpty() && !m_pendingRescans.contains(root)) {
            m_pendingRescans.append(root);
        }
        m_rescanTimer->start();
    };
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, changed);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, changed);
}

CollectionPane::~CollectionPane()
{
    m_undo->disconnect(this); // the stack clears itself after the model is gone
}

QStringList CollectionPane::roots() const
{
    return m_model->roots();
}

QString CollectionPane::rootFor(const QString &path) const
{
    const QString clean = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    QString best;
    for (const QString &root : m_model->roots()) {
        if ((clean == root || clean.startsWith(root + QLatin1Char('/'))) && root.size() > best.size()) {
            best = root;
        }
    }
    return best;
}

void CollectionPane::openCollection(const QString &folder)
{
    const QString root = QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
    if (!QFileInfo(root).isDir()) {
        Q_EMIT message(tr("%1 is not a folder.").arg(QDir::toNativeSeparators(folder)));
        return;
    }
    rescan(root);
}

void CollectionPane::closeCollection(const QString &root)
{
    m_model->removeCollection(root);
    m_generation.remove(root);
    const QStringList watched = m_watcher->files() + m_watcher->directories();
    QStringList mine;
    for (const QString &path : watched) {
        if (path == root || path.startsWith(root + QLatin1Char('/'))) {
            mine.append(path);
        }
    }
    if (!mine.isEmpty()) {
        m_watcher->removePaths(mine);
    }
    Q_EMIT collectionClosed(root);
}

void CollectionPane::rescan(const QString &root)
{
    const quint64 generation = ++m_generation[root];
    auto *watcher = new QFutureWatcher<std::pair<Core::Collection, double>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        const auto [collection, ms] = watcher->result();
        watcher->deleteLater();
        onScanned(collection, ms, generation);
    });
    watcher->setFuture(QtConcurrent::run([root] {
        QElapsedTimer timer;
        timer.start();
        Core::Collection collection = Core::Collection::scan(root);
        return std::make_pair(std::move(collection), double(timer.nsecsElapsed()) / 1e6);
    }));
}

void CollectionPane::onScanned(const Core::Collection &collection, double milliseconds, quint64 generation)
{
    if (m_generation.value(collection.root()) != generation) {
        return; // a newer scan is on its way, or the collection was closed
    }
    QElapsedTimer timer;
    timer.start();
    m_model->setCollection(collection);
    watch(collection);
    if (!m_selectAfterScan.isEmpty()) {
        const QStringList parts = m_selectAfterScan.split(QLatin1Char('\n'));
        const QModelIndex index = parts.size() == 2 ? m_model->indexOfRequest({parts[0], parts[1], 0})
                                                    : m_model->indexOfPath(parts[0]);
        if (index.isValid()) {
            m_selectAfterScan.clear();
            const QModelIndex proxyIndex = m_proxy->mapFromSource(index);
            m_view->scrollTo(proxyIndex);
            m_view->setCurrentIndex(proxyIndex);
        }
    }
    Q_EMIT collectionLoaded(collection.root(), collection.requestCount(),
                            milliseconds + double(timer.nsecsElapsed()) / 1e6);
}

void CollectionPane::watch(const Core::Collection &collection)
{
    QStringList paths = {collection.root()};
    for (const QString &folder : collection.folders()) {
        paths.append(collection.root() + QLatin1Char('/') + folder);
    }
    QHash<QString, QByteArray> stamps;
    for (const Core::CollectionFile &file : collection.files()) {
        const QString path = collection.root() + QLatin1Char('/') + file.path;
        paths.append(path);
        const QFileInfo info(path);
        const QByteArray stamp = QByteArray::number(info.lastModified().toMSecsSinceEpoch()) + ' ' +
                                 QByteArray::number(info.size());
        const auto previous = m_fileStamps.constFind(path);
        if (previous != m_fileStamps.cend() && *previous != stamp) {
            Q_EMIT fileChanged(path);
        }
        stamps.insert(path, stamp);
    }
    for (auto it = m_fileStamps.begin(); it != m_fileStamps.end();) {
        if (rootFor(it.key()) == collection.root() && !stamps.contains(it.key())) {
            Q_EMIT fileChanged(it.key()); // gone
            it = m_fileStamps.erase(it);
        } else {
            ++it;
        }
    }
    m_fileStamps.insert(stamps);
    const QStringList watched = m_watcher->files() + m_watcher->directories();
    QStringList add;
    for (const QString &path : std::as_const(paths)) {
        if (!watched.contains(path)) {
            add.append(path);
        }
    }
    if (!add.isEmpty()) {
        m_watcher->addPaths(add);
    }
}

QModelIndex CollectionPane::currentSourceIndex() const
{
    return m_proxy->mapToSource(m_view->currentIndex());
}

QString CollectionPane::folderOfCurrent() const
{
    const QModelIndex index = currentSourceIndex();
    if (!index.isValid()) {
        return m_model->roots().value(0);
    }
    const QString path = index.data(CollectionModel::PathRole).toString();
    const Kind kind = kindOf(index);
    return kind == Kind::Folder || kind == Kind::Collection ? path : QFileInfo(path).absolutePath();
}

DiskCommand *CollectionPane::diskCommand(const QString &text, QList<DiskCommand::Step> steps)
{
    return new DiskCommand(text, std::move(steps), [this](const QString &error) { Q_EMIT message(error); });
}

QModelIndex CollectionPane::editableIndex() const
{
    const QModelIndex index = currentSourceIndex();
    return index.isValid() && kindOf(index) != Kind::Collection ? index : QModelIndex();
}

bool CollectionPane::push(DiskCommand *command, const QString &rescanRoot)
{
    // push() runs redo(); a command that failed marks itself obsolete and the stack deletes it,
    // so success is read off the stack, never off the command.
    const void *pushed = command;
    m_undo->push(command);
    const bool done = m_undo->index() > 0 && m_undo->command(m_undo->index() - 1) == pushed;
    if (!rescanRoot.isEmpty()) {
        rescan(rescanRoot);
    }
    return done;
}

void CollectionPane::newRequest()
{
    const QModelIndex index = currentSourceIndex();
    QString file;
    if (index.isValid() && (kindOf(index) == Kind::File || kindOf(index) == Kind::Request)) {
        file = index.data(CollectionModel::PathRole).toString();
    } else {
        const QString folder = folderOfCurrent();
        if (folder.isEmpty()) {
            Q_EMIT message(tr("Open a collection folder first."));
            return;
        }
        file = uniquePath(folder + QStringLiteral("/requests.http"));
    }
    const QString name = Prompt::text(this, tr("New Request"), tr("Name:"), tr("New request"));
    if (name.isEmpty()) {
        return;
    }
    const std::optional<QByteArray> before = DiskCommand::readFile(file);
    Core::HttpDocument document = Core::HttpDocument::parse(before.value_or(QByteArray()));
    Core::RequestSpec spec;
    spec.method = QStringLiteral("GET");
    spec.url = QStringLiteral("{{baseUrl}}/");
    document.appendRequest(name, spec);
    m_selectAfterScan = file + QLatin1Char('\n') + name;
    const QString root = rootFor(file);
    auto *command = diskCommand(tr("New request “%1”").arg(name),
                                {DiskCommand::write(file, before, document.serialize())});
    if (push(command, root)) {
        Q_EMIT requestActivated({file, name, 0}, false);
    }
}

void CollectionPane::newFile()
{
    const QString folder = folderOfCurrent();
    if (folder.isEmpty()) {
        Q_EMIT message(tr("Open a collection folder first."));
        return;
    }
    QString name = Prompt::text(this, tr("New File"), tr("File name:"), QStringLiteral("requests.http"));
    if (!validName(name)) {
        return;
    }
    if (!Core::Collection::isRequestFile(name)) {
        name += QStringLiteral(".http");
    }
    const QString path = folder + QLatin1Char('/') + name;
    m_selectAfterScan = path;
    push(diskCommand(
             tr("New file “%1”").arg(name),
             {DiskCommand::write(path, std::nullopt, QByteArray("### New request\nGET {{baseUrl}}/\n"))}),
         rootFor(path));
}

void CollectionPane::newFolder()
{
    const QString parent = folderOfCurrent();
    if (parent.isEmpty()) {
        Q_EMIT message(tr("Open a collection folder first."));
        return;
    }
    const QString name = Prompt::text(this, tr("New Folder"), tr("Folder name:"), tr("New folder"));
    if (!validName(name)) {
        return;
    }
    const QString path = parent + QLatin1Char('/') + name;
    m_selectAfterScan = path;
    push(diskCommand(tr("New folder “%1”").arg(name), {DiskCommand::makeDir(path)}), rootFor(path));
}

void CollectionPane::renameCurrent()
{
    const QModelIndex index = editableIndex();
    if (!index.isValid()) {
        return;
    }
    const QString path = index.data(CollectionModel::PathRole).toString();
    if (kindOf(index) == Kind::Request) {
        const Core::RequestLocation where = CollectionModel::location(index);
        const QString name = Prompt::text(this, tr("Rename Request"), tr("Name:"), index.data().toString());
        if (name.isEmpty() || name == where.name || name.contains(QLatin1Char('\n'))) {
            return;
        }
        const std::optional<QByteArray> before = DiskCommand::readFile(path);
        Core::HttpDocument document = Core::HttpDocument::parse(before.value_or(QByteArray()));
        document.renameBlock(document.findRequest(where.name, where.line), name);
        m_selectAfterScan = path + QLatin1Char('\n') + name;
        auto *command = diskCommand(tr("Rename request to “%1”").arg(name),
                                    {DiskCommand::write(path, before, document.serialize())});
        if (push(command, rootFor(path))) {
            Q_EMIT requestMoved(where, {path, name, 0});
        }
        return;
    }
    QString name = Prompt::text(this, tr("Rename"), tr("New name:"), QFileInfo(path).fileName());
    if (!validName(name) || name == QFileInfo(path).fileName()) {
        return;
    }
    if (kindOf(index) == Kind::File && !Core::Collection::isRequestFile(name)) {
        name += QStringLiteral(".http");
    }
    const QString to = QFileInfo(path).absolutePath() + QLatin1Char('/') + name;
    m_selectAfterScan = to;
    auto *command = diskCommand(tr("Rename to “%1”").arg(name), {DiskCommand::rename(path, to)});
    if (push(command, rootFor(path))) {
        Q_EMIT pathMoved(path, to);
    }
}

void CollectionPane::duplicateCurrent()
{
    const QModelIndex index = editableIndex();
    if (!index.isValid()) {
        return;
    }
    const QString path = index.data(CollectionModel::PathRole).toString();
    QList<DiskCommand::Step> steps;
    QString copy;
    switch (kindOf(index)) {
    case Kind::Request: {
        const Core::RequestLocation where = CollectionModel::location(index);
        const std::optional<QByteArray> before = DiskCommand::readFile(path);
        Core::HttpDocument document = Core::HttpDocument::parse(before.value_or(QByteArray()));
        const int block = document.findRequest(where.name, where.line);
        if (block < 0) {
            return;
        }
        const int added = document.insertBlock(document.blockText(block), block);
        QString name = (where.name.isEmpty() ? index.data().toString() : where.name) + tr(" copy");
        document.renameBlock(added, name);
        steps.append(DiskCommand::write(path, before, document.serialize()));
        m_selectAfterScan = path + QLatin1Char('\n') + name;
        break;
    }
    case Kind::File: {
        const QFileInfo info(path);
        copy = uniquePath(info.absolutePath() + QLatin1Char('/') + info.completeBaseName() + tr(" copy") +
                          QLatin1Char('.') + info.suffix());
        steps.append(DiskCommand::write(copy, std::nullopt, DiskCommand::readFile(path)));
        m_selectAfterScan = copy;
        break;
    }
    default: {
        copy = uniquePath(path + tr(" copy"));
        QString error;
        if (!DiskCommand::captureFolder(path, copy, &steps, &error)) {
            Q_EMIT message(error);
            return;
        }
        m_selectAfterScan = copy;
        break;
    }
    }
    push(diskCommand(tr("Duplicate “%1”").arg(index.data().toString()), steps), rootFor(path));
}

void CollectionPane::deleteCurrent()
{
    const QModelIndex index = editableIndex();
    if (!index.isValid()) {
        return;
    }
    const QString path = index.data(CollectionModel::PathRole).toString();
    const QString label = index.data().toString();
    QList<DiskCommand::Step> steps;
    if (kindOf(index) == Kind::Request) {
        const Core::RequestLocation where = CollectionModel::location(index);
        const std::optional<QByteArray> before = DiskCommand::readFile(path);
        Core::HttpDocument document = Core::HttpDocument::parse(before.value_or(QByteArray()));
        document.removeBlock(document.findRequest(where.name, where.line));
        steps.append(DiskCommand::write(path, before, document.serialize()));
    } else if (kindOf(index) == Kind::File) {
        steps.append(DiskCommand::write(path, DiskCommand::readFile(path), std::nullopt));
    } else {
        QString error;
        if (!DiskCommand::captureFolder(path, QString(), &steps, &error)) {
            Q_EMIT message(error);
            return;
        }
    }
    push(diskCommand(tr("Delete “%1”").arg(label), steps), rootFor(path));
    Q_EMIT message(tr("Deleted “%1” — Edit › Undo brings it back").arg(label));
}

void CollectionPane::moveItem(const QModelIndex &source, const QModelIndex &target)
{
    if (!source.isValid() || !target.isValid()) {
        return;
    }
    const QString from = source.data(CollectionModel::PathRole).toString();
    const QString into = target.data(CollectionModel::PathRole).toString();
    if (kindOf(source) == Kind::Request) {
        const Core::RequestLocation where = CollectionModel::location(source);
        const std::optional<QByteArray> sourceBefore = DiskCommand::readFile(from);
        const std::optional<QByteArray> targetBefore = DiskCommand::readFile(into);
        Core::HttpDocument sourceDocument = Core::HttpDocument::parse(sourceBefore.value_or(QByteArray()));
        Core::HttpDocument targetDocument = Core::HttpDocument::parse(targetBefore.value_or(QByteArray()));
        const int block = sourceDocument.findRequest(where.name, where.line);
        if (block < 0) {
            return;
        }
        targetDocument.insertBlock(sourceDocument.blockText(block));
        sourceDocument.removeBlock(block);
        m_selectAfterScan = into + QLatin1Char('\n') + where.name;
        auto *command =
            diskCommand(tr("Move “%1” to %2").arg(source.data().toString(), QFileInfo(into).fileName()),
                        {DiskCommand::write(into, targetBefore, targetDocument.serialize()),
                         DiskCommand::write(from, sourceBefore, sourceDocument.serialize())});
        if (push(command, rootFor(from))) {
            Q_EMIT requestMoved(where, {into, where.name, 0});
        }
        if (rootFor(into) != rootFor(from)) {
            rescan(rootFor(into));
        }
        return;
    }
    const QString to = into + QLatin1Char('/') + QFileInfo(from).fileName();
    m_selectAfterScan = to;
    auto *command =
        diskCommand(tr("Move “%1” to %2").arg(QFileInfo(from).fileName(), QFileInfo(into).fileName()),
                    {DiskCommand::rename(from, to)});
    if (push(command, rootFor(from))) {
        Q_EMIT pathMoved(from, to);
    }
    if (rootFor(into) != rootFor(from)) {
        rescan(rootFor(into));
    }
}

void CollectionPane::select(const Core::RequestLocation &where)
{
    const QModelIndex index = m_model->indexOfRequest(where);
    if (index.isValid()) {
        const QModelIndex proxyIndex = m_proxy->mapFromSource(index);
        m_view->scrollTo(proxyIndex);
        m_view->setCurrentIndex(proxyIndex);
    }
}

void CollectionPane::activate(const QModelIndex &proxyIndex, bool send)
{
    const QModelIndex index = m_proxy->mapToSource(proxyIndex);
    if (kindOf(index) == Kind::Request) {
        Q_EMIT requestActivated(CollectionModel::location(index), send);
    }
}

void CollectionPane::showContextMenu(const QPoint &pos)
{
    const QModelIndex proxyIndex = m_view->indexAt(pos);
    if (proxyIndex.isValid()) {
        m_view->setCurrentIndex(proxyIndex);
    }
    const QModelIndex index = m_proxy->mapToSource(proxyIndex);
    QMenu menu(this);
    if (index.isValid() && kindOf(index) == Kind::Request) {
        menu.addAction(tr("Open"), this, [this, proxyIndex] { activate(proxyIndex, false); });
        menu.addAction(tr("Send"), this, [this, proxyIndex] { activate(proxyIndex, true); });
        menu.addSeparator();
    }
    menu.addAction(tr("New Request…"), this, &CollectionPane::newRequest);
    menu.addAction(tr("New File…"), this, &CollectionPane::newFile);
    menu.addAction(tr("New Folder…"), this, &CollectionPane::newFolder);
    if (index.isValid() && kindOf(index) != Kind::Collection) {
        menu.addSeparator();
        menu.addAction(tr("Rename…"), this, &CollectionPane::renameCurrent)->setShortcut(Qt::Key_F2);
        menu.addAction(tr("Duplicate"), this, &CollectionPane::duplicateCurrent)
            ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
        menu.addAction(tr("Delete"), this, &CollectionPane::deleteCurrent)->setShortcut(QKeySequence::Delete);
    }
    if (index.isValid() && kindOf(index) == Kind::Collection) {
        menu.addSeparator();
        const QString root = index.data(CollectionModel::RootRole).toString();
        menu.addAction(tr("Close Collection"), this, [this, root] { closeCollection(root); });
    }
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

void CollectionPane::saveExpansion()
{
    m_expanded.clear();
    const std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
        for (int row = 0; row < m_proxy->rowCount(parent); ++row) {
            const QModelIndex index = m_proxy->index(row, 0, parent);
            if (m_view->isExpanded(index)) {
                m_expanded.append(index.data(CollectionModel::PathRole).toString());
                walk(index);
            }
        }
    };
    walk({});
    const QModelIndex current = currentSourceIndex();
    m_current = current.isValid() ? current.data(CollectionModel::PathRole).toString() + QLatin1Char('\n') +
                                        current.data(CollectionModel::RequestNameRole).toString()
                                  : QString();
}

void CollectionPane::restoreExpansion()
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QString root = m_model->index(row, 0).data(CollectionModel::PathRole).toString();
        if (!m_seenRoots.contains(root)) {
            m_seenRoots.append(root);
            m_expanded.append(root); // a collection opens expanded
        }
    }
    for (const QString &path : std::as_const(m_expanded)) {
        const QModelIndex index = m_model->indexOfPath(path);
        if (index.isValid()) {
            m_view->setExpanded(m_proxy->mapFromSource(index), true);
        }
    }
    if (!m_current.isEmpty()) {
        const QStringList parts = m_current.split(QLatin1Char('\n'));
        const QModelIndex index = !parts.value(1).isEmpty() ? m_model->indexOfRequest({parts[0], parts[1], 0})
                                                            : m_model->indexOfPath(parts[0]);
        if (index.isValid()) {
            m_view->setCurrentIndex(m_proxy->mapFromSource(index));
        }
    }
}

} // namespace ApiLens::Ui
