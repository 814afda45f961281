#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUndoCommand>

#include <functional>
#include <optional>

namespace ApiLens::Ui {

// One undoable change to a collection on disk: a list of steps done in order and undone in
// reverse. Before each write it checks that the file still holds what the step expects, so
// undo never overwrites an edit made elsewhere since; a step that cannot be done rolls back
// the ones before it and reports why.
class DiskCommand : public QUndoCommand
{
public:
    struct Step
    {
        enum Kind { Write, MakeDir, RemoveDir, Rename } kind = Write;
        QString path;                     // Write/MakeDir/RemoveDir; Rename: from
        QString to;                       // Rename
        std::optional<QByteArray> before; // Write: nullopt = the file does not exist
        std::optional<QByteArray> after;
    };
    using ErrorHandler = std::function<void(const QString &)>;

    DiskCommand(const QString &text, QList<Step> steps, ErrorHandler onError);

    void redo() override;
    void undo() override;
    bool failed() const { return m_failed; }
    const QList<Step> &steps() const { return m_steps; }

    // Helpers that build the steps.
    static Step write(const QString &path, std::optional<QByteArray> before, std::optional<QByteArray> after);
    static Step makeDir(const QString &path);
    static Step removeDir(const QString &path);
    static Step rename(const QString &from, const QString &to);
    // Every file and folder under `folder`, to delete it (or to copy it to `copyTo`) undoably.
    static bool captureFolder(const QString &folder, const QString &copyTo, QList<Step> *steps,
                              QString *error);
    static std::optional<QByteArray> readFile(const QString &path);

private:
    bool apply(const Step &step, bool forward, QString *error) const;
    bool run(bool forward);

    QList<Step> m_steps;
    ErrorHandler m_onError;
    bool m_failed = false;
};

} // namespace ApiLens::Ui
