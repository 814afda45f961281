#include "environmenteditor.h"
#include "statusstyle.h"

#include "prompt.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ApiLens::Ui {

namespace {

const QString Shared = QStringLiteral("$shared");

// Secret values show as dots, and are typed into a password field, until "Show" is ticked.
class MaskingDelegate : public QStyledItemDelegate
{
public:
    MaskingDelegate(const EnvironmentEditor *editor, QObject *parent)
        : QStyledItemDelegate(parent)
        , m_editor(editor)
    {}

    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->text = m_editor->displayedValue(index.row());
    }

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override
    {
        QWidget *widget = QStyledItemDelegate::createEditor(parent, option, index);
        if (auto *line = qobject_cast<QLineEdit *>(widget); line && m_editor->isMasked(index.row())) {
            line->setEchoMode(QLineEdit::Password);
        }
        return widget;
    }

private:
    const EnvironmentEditor *m_editor;
};

} // namespace

EnvironmentEditor::EnvironmentEditor(const QString &folder, const Core::Environments &environments,
                                     const QString &current, QWidget *parent)
    : QDialog(parent)
    , m_folder(folder)
    , m_environments(environments)
    , m_combo(new QComboBox(this))
    , m_table(new QTableWidget(0, 3, this))
    , m_show(new QCheckBox(tr("Show secret values"), this))
    , m_error(new QLabel(this))
{
    setWindowTitle(tr("Environments"));
    resize(640, 420);
    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Environment:"), this));
    top->addWidget(m_combo, 1);
    auto *add = new QPushButton(tr("Add…"), this);
    auto *remove = new QPushButton(tr("Remove"), this);
    top->addWidget(add);
    top->addWidget(remove);

    m_table->setHorizontalHeaderLabels({tr("Variable"), tr("Value"), tr("Secret")});
    m_table->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Interactive);
    m_table->horizontalHeader()->setSectionResizeMode(ValueColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(SecretColumn, QHeaderView::ResizeToContents);
    m_table->setColumnWidth(NameColumn, 180);
    m_table->verticalHeader()->hide();
    m_table->setItemDelegateForColumn(ValueColumn, new MaskingDelegate(this, m_table));

    auto *note =
        new QLabel(tr("Secret values are saved in %1, which is added to the folder's .gitignore; "
                      "the others in %2, to share. “Shared” values apply to every environment.")
                       .arg(Core::Environments::privateFileName(), Core::Environments::publicFileName()),
                   this);
    note->setWordWrap(true);
    QPalette problem = m_error->palette();
    problem.setColor(QPalette::WindowText, tint(Tint::VariableMissing, palette()));
    m_error->setPalette(problem);
    m_error->setWordWrap(true);
    m_error->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_show);
    layout->addWidget(note);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    QStringList names = m_environments.allNames();
    if (!names.contains(Shared)) {
        names.prepend(Shared);
    }
    for (const QString &name : std::as_const(names)) {
        m_combo->addItem(name == Shared ? tr("Shared (all environments)") : name, name);
    }
    const int currentIndex = m_combo->findData(current);
    m_combo->setCurrentIndex(currentIndex >= 0 ? currentIndex : (m_combo->count() > 1 ? 1 : 0));
    showEnvironment(m_combo->currentData().toString());

    connect(m_combo, &QComboBox::currentIndexChanged, this, [this] {
        storeTable();
        showEnvironment(m_combo->currentData().toString());
    });
    connect(m_show, &QCheckBox::toggled, m_table->viewport(), qOverload<>(&QWidget::update));
    connect(m_table, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (!m_filling) {
            if (item->column() == SecretColumn) {
                m_table->viewport()->update();
            }
            ensurePlaceholderRow();
        }
    });
    connect(add, &QPushButton::clicked, this, [this] {
        const QString name = Prompt::text(this, tr("Add Environment"), tr("Name:"), QString());
        if (!name.isEmpty()) {
            addEnvironment(name);
        }
    });
    connect(remove, &QPushButton::clicked, this, &EnvironmentEditor::removeCurrentEnvironment);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (save()) {
            accept();
        }
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

bool EnvironmentEditor::isMasked(int row) const
{
    const QTableWidgetItem *secret = m_table->item(row, SecretColumn);
    return secret && secret->checkState() == Qt::Checked && !m_show->isChecked();
}

QString EnvironmentEditor::displayedValue(int row) const
{
    const QTableWidgetItem *value = m_table->item(row, ValueColumn);
    const QString text = value ? value->text() : QString();
    return isMasked(row) && !text.isEmpty() ? QString(8, QChar(0x2022)) : text;
}

void EnvironmentEditor::ensurePlaceholderRow()
{
    const int last = m_table->rowCount() - 1;
    const bool lastEmpty =
        last >= 0 && (!m_table->item(last, NameColumn) || m_table->item(last, NameColumn)->text().isEmpty());
    if (lastEmpty) {
        return;
    }
    m_filling = true;
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, NameColumn, new QTableWidgetItem);
    m_table->setItem(row, ValueColumn, new QTableWidgetItem);
    auto *secret = new QTableWidgetItem;
    secret->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
    secret->setCheckState(Qt::Unchecked);
    m_table->setItem(row, SecretColumn, secret);
    m_filling = false;
}

void EnvironmentEditor::addVariable(const QString &name, const QString &value, bool secret)
{
    ensurePlaceholderRow();
    const int row = m_table->rowCount() - 1; // the placeholder becomes this variable
    m_filling = true;
    m_table->item(row, ValueColumn)->setText(value);
    m_table->item(row, SecretColumn)->setCheckState(secret ? Qt::Checked : Qt::Unchecked);
    m_filling = false;
    m_table->item(row, NameColumn)->setText(name); // adds the next placeholder
}

void EnvironmentEditor::showEnvironment(const QString &name)
{
    m_shown = name;
    m_filling = true;
    m_table->setRowCount(0);
    m_filling = false;
    const QHash<QString, QString> publicValues = m_environments.ownVariables(name, false);
    const QHash<QString, QString> secretValues = m_environments.ownVariables(name, true);
    QStringList names = publicValues.keys() + secretValues.keys();
    names.removeDuplicates();
    names.sort(Qt::CaseInsensitive);
    for (const QString &variable : std::as_const(names)) {
        const bool secret = secretValues.contains(variable);
        addVariable(variable, secret ? secretValues.value(variable) : publicValues.value(variable), secret);
    }
    ensurePlaceholderRow();
}

void EnvironmentEditor::storeTable()
{
    if (m_shown.isEmpty()) {
        return;
    }
    QHash<QString, QString> publicValues;
    QHash<QString, QString> secretValues;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString name =
            m_table->item(row, NameColumn) ? m_table->item(row, NameColumn)->text().trimmed() : QString();
        if (name.isEmpty()) {
            continue;
        }
        const QString value =
            m_table->item(row, ValueColumn) ? m_table->item(row, ValueColumn)->text() : QString();
        const bool secret = m_table->item(row, SecretColumn)->checkState() == Qt::Checked;
        (secret ? secretValues : publicValues).insert(name, value);
    }
    m_environments.setEnvironment(m_shown, publicValues, secretValues);
}

Core::Environments EnvironmentEditor::environments()
{
    storeTable();
    return m_environments;
}

void EnvironmentEditor::addEnvironment(const QString &name)
{
    if (name.isEmpty() || m_combo->findData(name) >= 0) {
        return;
    }
    storeTable();
    m_environments.setEnvironment(name, {}, {});
    m_combo->addItem(name, name);
    m_combo->setCurrentIndex(m_combo->count() - 1);
}

void EnvironmentEditor::removeCurrentEnvironment()
{
    const QString name = m_combo->currentData().toString();
    if (name == Shared || name.isEmpty()) {
        return;
    }
    m_environments.removeEnvironment(name);
    m_shown.clear();
    m_combo->removeItem(m_combo->currentIndex());
}

bool EnvironmentEditor::save()
{
    QString error;
    const Core::Environments edited = environments();
    if (!edited.save(m_folder, &error)) {
        m_error->setText(error);
        m_error->show();
        return false;
    }
    return true;
}

} // namespace ApiLens::Ui
