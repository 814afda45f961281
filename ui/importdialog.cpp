#include "importdialog.h"

#include "catalog/catalog.h"

#include "filepicker.h"

#include "interop/importer.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace ApiLens::Ui {

ImportDialog::ImportDialog(const QString &path, const QStringList &collections, QWidget *parent)
    : QDialog(parent)
    , m_path(path)
    , m_summary(new QLabel(tr("Reading %1…").arg(QFileInfo(path).fileName()), this))
    , m_preview(new QTreeWidget(this))
    , m_warnings(new QListWidget(this))
    , m_target(new QComboBox(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Import %1").arg(QFileInfo(path).fileName()));
    resize(720, 520);
    m_summary->setWordWrap(true);
    m_preview->setColumnCount(2);
    m_preview->setHeaderLabels({tr("Will be created"), tr("URL")});
    m_preview->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_preview->setRootIsDecorated(true);
    m_warnings->setMaximumHeight(130);
    // Long notes wrap instead of hiding behind a horizontal scroll bar.
    m_warnings->setWordWrap(true);
    m_warnings->setResizeMode(QListView::Adjust);
    m_warnings->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_warnings->hide();
    for (const QString &collection : collections) {
        m_target->addItem(QDir::toNativeSeparators(collection), collection);
    }
    m_target->addItem(tr("A new folder…"), QString());
    QPushButton *importButton = m_buttons->addButton(tr("Import"), QDialogButtonBox::AcceptRole);
    importButton->setEnabled(false);

    auto *targetRow = new QHBoxLayout;
    targetRow->addWidget(new QLabel(tr("Into:"), this));
    targetRow->addWidget(m_target, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_warnings);
    layout->addLayout(targetRow);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(importButton, &QPushButton::clicked, this, [this] {
        if (import()) {
            accept();
        }
    });

    // Large captures take a while to read: never on the GUI thread.
    auto *watcher = new QFutureWatcher<std::pair<Core::ImportResult, QString>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, importButton] {
        const auto [result, format] = watcher->result();
        showResult(result, format);
        importButton->setEnabled(result.ok() && !result.requests.isEmpty());
        Q_EMIT loaded();
    });
    watcher->setFuture(QtConcurrent::run([path] {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            Core::ImportResult failed;
            failed.error = file.errorString();
            return std::make_pair(failed, QString());
        }
        const QByteArray bytes = file.readAll();
        const QString fileName = QFileInfo(path).fileName();
        return std::make_pair(Core::importAny(bytes, fileName, QFileInfo(path).absolutePath()),
                              Core::detectFormat(bytes, fileName));
    }));
}

void ImportDialog::showResult(const Core::ImportResult &result, const QString &format)
{
    m_result = result;
    if (!result.ok()) {
        m_summary->setText(
            tr("<b>Nothing can be imported from %1:</b> %2")
                .arg(QFileInfo(m_path).fileName().toHtmlEscaped(), result.error.toHtmlEscaped()));
        return;
    }
    QHash<QString, QTreeWidgetItem *> files;
    for (const Core::ImportedRequest &request : result.requests) {
        QTreeWidgetItem *&file = files[request.file];
        if (!file) {
            file = new QTreeWidgetItem(m_preview, {request.file});
            file->setIcon(0, style()->standardIcon(QStyle::SP_FileIcon));
        }
        new QTreeWidgetItem(file, {request.name, request.spec.url});
    }
    // What else is written: saved examples, environments, the API's documented responses.
    for (const auto &[relative, bytes] : result.files) {
        auto *item = new QTreeWidgetItem(m_preview, {relative, tr("%1 bytes").arg(bytes.size())});
        item->setIcon(0, style()->standardIcon(QStyle::SP_FileIcon));
    }
    if (!result.environments.isEmpty()) {
        auto *environments = new QTreeWidgetItem(m_preview, {tr("Environments")});
        environments->setIcon(0, style()->standardIcon(QStyle::SP_DirIcon));
        for (const Core::ImportResult::Environment &environment : result.environments) {
            QStringList values;
            for (auto it = environment.values.begin(); it != environment.values.end(); ++it) {
                values.append(it.key() + QStringLiteral(" = ") + it.value());
            }
            for (auto it = environment.secrets.begin(); it != environment.secrets.end(); ++it) {
                values.append(it.key() + QStringLiteral(" (secret)"));
            }
            values.sort();
            new QTreeWidgetItem(environments, {environment.name, values.join(QStringLiteral(", "))});
        }
    }
    if (!result.catalog.isEmpty()) {
        const qsizetype operations = result.catalog.value(QStringLiteral("operations")).toArray().size();
        auto *catalog = new QTreeWidgetItem(
            m_preview,
            {Core::Catalog::collectionFileName(),
             operations == 1
                 ? tr("what the description documents for the responses of 1 operation")
                 : tr("what the description documents for the responses of %1 operations").arg(operations)});
        catalog->setIcon(0, style()->standardIcon(QStyle::SP_FileDialogInfoView));
    }
    m_preview->expandAll();
    m_summary->setText(tr("%1: %2 in %3. Nothing is written until you press Import.")
                           .arg(format)
                           .arg(result.requests.size() == 1 ? tr("1 request")
                                                            : tr("%1 requests").arg(result.requests.size()))
                           .arg(files.size() == 1 ? tr("1 file") : tr("%1 files").arg(files.size())));
    if (!result.warnings.isEmpty()) {
        m_warnings->addItem(tr("Not carried over:"));
        for (const QString &warning : result.warnings) {
            m_warnings->addItem(QStringLiteral("  • ") + warning);
        }
        m_warnings->show();
    }
}

bool ImportDialog::import()
{
    QString folder = m_target->currentData().toString();
    if (folder.isEmpty()) {
        folder = FilePicker::openFolder(this, tr("Import Into Folder"));
        if (folder.isEmpty()) {
            return false;
        }
    }
    QString error;
    m_written.clear();
    if (!Core::writeImport(folder, m_result, &m_written, &error)) {
        m_summary->setText(tr("<b>Not imported:</b> %1").arg(error.toHtmlEscaped()));
        return false;
    }
    m_importedInto = folder;
    return true;
}

} // namespace ApiLens::Ui
