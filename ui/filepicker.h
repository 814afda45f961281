#pragma once

#include <QString>

#include <functional>

class QWidget;

namespace ApiLens::Ui {

// File dialogs go through here so GUI tests can answer them without a modal dialog
// (KeePassXC's MessageBox::setNextAnswer idea).
class FilePicker
{
public:
    static QString openFile(QWidget *parent, const QString &title);
    static QString openFolder(QWidget *parent, const QString &title);
    static QString saveFile(QWidget *parent, const QString &title, const QString &suggested);
    // Tests: the next openFile() returns this without showing a dialog.
    static void setNextAnswer(const QString &path);

private:
    static QString &nextAnswer();
    static bool &hasNextAnswer();
};

} // namespace ApiLens::Ui
