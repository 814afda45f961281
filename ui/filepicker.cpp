#include "filepicker.h"

#include <QFileDialog>

namespace ApiLens::Ui {

QString &FilePicker::nextAnswer()
{
    static QString answer;
    return answer;
}

bool &FilePicker::hasNextAnswer()
{
    static bool has = false;
    return has;
}

void FilePicker::setNextAnswer(const QString &path)
{
    nextAnswer() = path;
    hasNextAnswer() = true;
}

QString FilePicker::openFile(QWidget *parent, const QString &title)
{
    if (hasNextAnswer()) {
        hasNextAnswer() = false;
        return nextAnswer();
    }
    return QFileDialog::getOpenFileName(parent, title);
}

QString FilePicker::openFolder(QWidget *parent, const QString &title)
{
    if (hasNextAnswer()) {
        hasNextAnswer() = false;
        return nextAnswer();
    }
    return QFileDialog::getExistingDirectory(parent, title);
}

QString FilePicker::saveFile(QWidget *parent, const QString &title, const QString &suggested)
{
    if (hasNextAnswer()) {
        hasNextAnswer() = false;
        return nextAnswer();
    }
    return QFileDialog::getSaveFileName(parent, title, suggested);
}

} // namespace ApiLens::Ui
