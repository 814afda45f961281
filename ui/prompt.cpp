#include "prompt.h"

#include <QInputDialog>
#include <QMessageBox>
#include <QPushButton>

namespace ApiLens::Ui {

QStringList &Prompt::texts()
{
    static QStringList answers;
    return answers;
}

QList<int> &Prompt::choices()
{
    static QList<int> answers;
    return answers;
}

void Prompt::queueText(const QString &answer)
{
    texts().append(answer);
}

void Prompt::queueChoice(int index)
{
    choices().append(index);
}

int Prompt::pendingAnswers()
{
    return int(texts().size() + choices().size());
}

QString Prompt::text(QWidget *parent, const QString &title, const QString &label, const QString &initial)
{
    if (!texts().isEmpty()) {
        return texts().takeFirst();
    }
    bool ok = false;
    const QString answer = QInputDialog::getText(parent, title, label, QLineEdit::Normal, initial, &ok);
    return ok ? answer.trimmed() : QString();
}

int Prompt::choose(QWidget *parent, const QString &title, const QString &text, const QStringList &choices)
{
    if (!Prompt::choices().isEmpty()) {
        return Prompt::choices().takeFirst();
    }
    QMessageBox box(QMessageBox::Question, title, text, QMessageBox::NoButton, parent);
    QList<QAbstractButton *> buttons;
    for (const QString &choice : choices) {
        buttons.append(box.addButton(choice, QMessageBox::AcceptRole));
    }
    QAbstractButton *cancel = box.addButton(QMessageBox::Cancel);
    if (!buttons.isEmpty()) {
        box.setDefaultButton(qobject_cast<QPushButton *>(buttons.first()));
    }
    box.exec();
    if (box.clickedButton() == cancel) {
        return -1;
    }
    return int(buttons.indexOf(box.clickedButton()));
}

} // namespace ApiLens::Ui
