#include "saverequestdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace ApiLens::Ui {

namespace {

const QString NewFile = QStringLiteral("\n(new)"); // the data of the "New file…" entry

} // namespace

SaveRequestDialog::SaveRequestDialog(const QString &name, const QStringList &collections,
                                     const QString &current,
                                     std::function<QStringList(const QString &)> files, QWidget *parent)
    : QDialog(parent)
    , m_files(std::move(files))
    , m_name(new QLineEdit(name, this))
    , m_collection(new QComboBox(this))
    , m_file(new QComboBox(this))
    , m_newFile(new QLineEdit(QStringLiteral("requests.http"), this))
    , m_newFileLabel(new QLabel(tr("New file:"), this))
    , m_where(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Save Request"));
    setObjectName(QStringLiteral("SaveRequestDialog"));
    m_name->setPlaceholderText(tr("Get a user"));
    for (const QString &root : collections) {
        m_collection->addItem(QFileInfo(root).fileName(), root);
        m_collection->setItemData(m_collection->count() - 1, QDir::toNativeSeparators(root), Qt::ToolTipRole);
    }
    m_collection->setCurrentIndex(qMax(0, m_collection->findData(current)));
    m_where->setWordWrap(true);
    m_where->setEnabled(false);
    auto *form = new QFormLayout;
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Collection:"), m_collection);
    form->addRow(tr("File:"), m_file);
    form->addRow(m_newFileLabel, m_newFile);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_where);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_collection, &QComboBox::currentIndexChanged, this, &SaveRequestDialog::fillFiles);
    connect(m_file, &QComboBox::currentIndexChanged, this, &SaveRequestDialog::validate);
    connect(m_name, &QLineEdit::textChanged, this, &SaveRequestDialog::validate);
    connect(m_newFile, &QLineEdit::textChanged, this, &SaveRequestDialog::validate);
    fillFiles();
    resize(qMax(width(), 460), sizeHint().height());
    m_name->setFocus();
    m_name->selectAll();
}

void SaveRequestDialog::fillFiles()
{
    m_file->clear();
    for (const QString &file : m_files ? m_files(m_collection->currentData().toString()) : QStringList()) {
        m_file->addItem(file, file);
    }
    m_file->addItem(tr("New file…"), NewFile);
    validate();
}

QString SaveRequestDialog::requestName() const
{
    return m_name->text().trimmed();
}

QString SaveRequestDialog::filePath() const
{
    const QString root = m_collection->currentData().toString();
    QString relative = m_file->currentData().toString();
    if (relative == NewFile) {
        relative = m_newFile->text().trimmed();
        if (!relative.isEmpty() && QFileInfo(relative).suffix().isEmpty()) {
            relative += QStringLiteral(".http");
        }
    }
    return relative.isEmpty() || root.isEmpty() ? QString() : QDir::cleanPath(QDir(root).filePath(relative));
}

void SaveRequestDialog::validate()
{
    const bool newFile = m_file->currentData().toString() == NewFile;
    m_newFile->setVisible(newFile);
    m_newFileLabel->setVisible(newFile);
    const QString path = filePath();
    const QString root = m_collection->currentData().toString();
    const bool inside = !path.isEmpty() && path.startsWith(root + QLatin1Char('/'));
    m_where->setText(!inside ? tr("Choose a file inside the collection.")
                             : tr("Saved at the end of %1").arg(QDir::toNativeSeparators(path)));
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(inside && !requestName().isEmpty());
}

} // namespace ApiLens::Ui
