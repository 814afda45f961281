#pragma once

#include <QDialog>

#include <functional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace ApiLens::Ui {

// Asks where a request is saved (a request in no file yet, or Save As): its name, one of the
// open collections (the current one preselected), and one of its .http files or a new one.
class SaveRequestDialog : public QDialog
{
    Q_OBJECT
public:
    // `files` lists a collection's .http files, relative to it.
    SaveRequestDialog(const QString &name, const QStringList &collections, const QString &current,
                      std::function<QStringList(const QString &root)> files, QWidget *parent = nullptr);

    QString requestName() const;
    QString filePath() const; // absolute; a new file's name gets ".http" when it has no suffix

    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *collectionCombo() const { return m_collection; }
    QComboBox *fileCombo() const { return m_file; }
    QLineEdit *newFileEdit() const { return m_newFile; }

private:
    void fillFiles();
    void validate();

    std::function<QStringList(const QString &)> m_files;
    QLineEdit *m_name;
    QComboBox *m_collection;
    QComboBox *m_file;
    QLineEdit *m_newFile;
    QLabel *m_newFileLabel;
    QLabel *m_where;
    QDialogButtonBox *m_buttons;
};

} // namespace ApiLens::Ui
