#pragma once

#include "interop/har.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QListWidget;
class QTreeWidget;

namespace ApiLens::Ui {

// File › Import (or a file dropped on the window): reads the file on a worker, shows what
// will be created (files and requests) and what cannot be carried over, and writes only
// when the user says Import. Nothing is written when the file cannot be read.
class ImportDialog : public QDialog
{
    Q_OBJECT
public:
    // `collections`: the open collection folders to import into (the first is chosen).
    ImportDialog(const QString &path, const QStringList &collections, QWidget *parent = nullptr);

    QTreeWidget *preview() const { return m_preview; }
    QListWidget *warnings() const { return m_warnings; }
    QLabel *summary() const { return m_summary; }
    QComboBox *target() const { return m_target; }
    const Core::ImportResult &importResult() const { return m_result; }
    // Writes the import into the chosen folder; false with the reason shown.
    bool import();
    QString importedInto() const { return m_importedInto; }
    QStringList writtenFiles() const { return m_written; }

Q_SIGNALS:
    void loaded(); // the preview is filled (or the error shown)

private:
    void showResult(const Core::ImportResult &result, const QString &format);

    QString m_path;
    Core::ImportResult m_result;
    QLabel *m_summary;
    QTreeWidget *m_preview;
    QListWidget *m_warnings;
    QComboBox *m_target;
    QDialogButtonBox *m_buttons;
    QString m_importedInto;
    QStringList m_written;
};

} // namespace ApiLens::Ui
