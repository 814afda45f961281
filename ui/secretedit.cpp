#include "secretedit.h"

#include <QAction>
#include <QIcon>
#include <QLineEdit>

namespace ApiLens::Ui {

QLineEdit *secretEdit(QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setEchoMode(QLineEdit::Password);
    auto *reveal = edit->addAction(QIcon(), QLineEdit::TrailingPosition);
    reveal->setText(QObject::tr("Show"));
    reveal->setToolTip(QObject::tr("Show or hide the value"));
    reveal->setCheckable(true);
    QObject::connect(reveal, &QAction::toggled, edit, [edit](bool shown) {
        edit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
    });
    return edit;
}

} // namespace ApiLens::Ui
