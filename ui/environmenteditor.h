#pragma once

#include "collections/variables.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QTableWidget;

namespace ApiLens::Ui {

// Edits a collection's environments: one table per environment with a Secret column. Secret
// values go to http-client.private.env.json (git-ignored) and are masked unless shown.
class EnvironmentEditor : public QDialog
{
    Q_OBJECT
public:
    enum Column { NameColumn, ValueColumn, SecretColumn };

    EnvironmentEditor(const QString &folder, const Core::Environments &environments, const QString &current,
                      QWidget *parent = nullptr);

    // The edited environments (what Save writes).
    Core::Environments environments();
    // Writes both files; false with the message shown in the dialog.
    bool save();

    QComboBox *environmentCombo() const { return m_combo; }
    QTableWidget *table() const { return m_table; }
    QCheckBox *showSecrets() const { return m_show; }
    void addEnvironment(const QString &name);
    void removeCurrentEnvironment();
    void addVariable(const QString &name, const QString &value, bool secret);
    bool isMasked(int row) const;
    // The value as the table paints it: dots for a masked secret.
    QString displayedValue(int row) const;

private:
    void showEnvironment(const QString &name);
    void storeTable();
    void ensurePlaceholderRow();

    QString m_folder;
    Core::Environments m_environments;
    QString m_shown;
    QComboBox *m_combo;
    QTableWidget *m_table;
    QCheckBox *m_show;
    QLabel *m_error;
    bool m_filling = false;
};

} // namespace ApiLens::Ui
