#include "collectioncommands.h"

#include "collections/collection.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

namespace ApiLens::Ui {

namespace {

// Deleting a folder keeps its files in memory for undo; past this, ask the file manager.
constexpr qint64 MaxCapturedBytes = 64 * 1024 * 1024;

} // namespace

DiskCommand::DiskCommand(const QString &text, QList<Step> steps, ErrorHandler onError)
    : m_steps(std::move(steps))
    , m_onError(std::move(onError))
{
    setText(text);
}

std::optional<QByteArray> DiskCommand::readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return std::nullopt;
    }
    return file.readAll();
}

DiskCommand::Step DiskCommand::write(const QString &path, std::optional<QByteArray> before,
                                     std::optional<QByteArray> after)
{
    return {Step::Write, path, {}, std::move(before), std::move(after)};
}

DiskCommand::Step DiskCommand::makeDir(const QString &path)
{
    return {Step::MakeDir, path, {}, {}, {}};
}

DiskCommand::Step DiskCommand::removeDir(const QString &path)
{
    return {Step::RemoveDir, path, {}, {}, {}};
}

DiskCommand::Step DiskCommand::rename(const QString &from, const QString &to)
{
    return {Step::Rename, from, to, {}, {}};
}

bool DiskCommand::captureFolder(const QString &folder, const QString &copyTo, QList<Step> *steps,
                                QString *error)
{
    QList<Step> files;
    QStringList dirs = {folder};
    qint64 total = 0;
    QDirIterator it(folder, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo info(it.next());
        if (info.isDir() && !info.isSymLink()) {
            dirs.append(info.absoluteFilePath());
            continue;
        }
        total += info.size();
        const std::optional<QByteArray> bytes = readFile(info.absoluteFilePath());
        if (!bytes || total > MaxCapturedBytes) {
            *error =
                bytes ? QObject::tr("%1 holds more than %2 MB; delete it in a file manager.")
                            .arg(QDir::toNativeSeparators(folder))
                            .arg(MaxCapturedBytes / (1024 * 1024))
                      : QObject::tr("Cannot read %1.").arg(QDir::toNativeSeparators(info.absoluteFilePath()));
            return false;
        }
        files.append(write(info.absoluteFilePath(), bytes, std::nullopt));
    }
    std::sort(dirs.begin(), dirs.end());
    if (copyTo.isEmpty()) {
        steps->append(files);
        for (auto dir = dirs.crbegin(); dir != dirs.crend(); ++dir) { // deepest first
            steps->append(removeDir(*dir));
        }
        return true;
    }
    for (const QString &dir : std::as_const(dirs)) {
        steps->append(makeDir(copyTo + dir.mid(folder.size())));
    }
    for (const Step &file : std::as_const(files)) {
        steps->append(write(copyTo + file.path.mid(folder.size()), std::nullopt, file.before));
    }
    return true;
}

bool DiskCommand::apply(const Step &step, bool forward, QString *error) const
{
    const QString native = QDir::toNativeSeparators(step.path);
    switch (step.kind) {
    case Step::Write: {
        const std::optional<QByteArray> &expected = forward ? step.before : step.after;
        const std::optional<QByteArray> &wanted = forward ? step.after : step.before;
        const std::optional<QByteArray> current = readFile(step.path);
        if (current != expected) {
            *error = expected ? QObject::tr("%1 changed on disk since; it was left as it is.").arg(native)
                              : QObject::tr("%1 already exists.").arg(native);
            return false;
        }
        if (wanted) {
            return Core::writeFileAtomically(step.path, *wanted, error);
        }
        if (!QFile::remove(step.path)) {
            *error = QObject::tr("Cannot delete %1.").arg(native);
            return false;
        }
        return true;
    }
    case Step::MakeDir:
    case Step::RemoveDir: {
        if ((step.kind == Step::MakeDir) == forward) {
            if (QFileInfo::exists(step.path) && !forward) {
                return true; // restoring a folder that is already back
            }
            if (QFileInfo::exists(step.path) || !QDir().mkpath(step.path)) {
                *error = QObject::tr("Cannot create the folder %1.").arg(native);
                return false;
            }
            return true;
        }
        if (!QDir().rmdir(step.path)) {
            *error = QObject::tr("Cannot remove the folder %1: it is not empty.").arg(native);
            return false;
        }
        return true;
    }
    case Step::Rename: {
        const QString from = forward ? step.path : step.to;
        const QString to = forward ? step.to : step.path;
        if (QFileInfo::exists(to)) {
            *error = QObject::tr("%1 already exists.").arg(QDir::toNativeSeparators(to));
            return false;
        }
        if (!QDir().rename(from, to)) {
            *error = QObject::tr("Cannot move %1 to %2.")
                         .arg(QDir::toNativeSeparators(from), QDir::toNativeSeparators(to));
            return false;
        }
        return true;
    }
    }
    return false;
}

bool DiskCommand::run(bool forward)
{
    const int count = int(m_steps.size());
    for (int n = 0; n < count; ++n) {
        const int i = forward ? n : count - 1 - n;
        QString error;
        if (!apply(m_steps[i], forward, &error)) {
            // Put back what this run already did, newest first.
            for (int m = n - 1; m >= 0; --m) {
                QString ignored;
                apply(m_steps[forward ? m : count - 1 - m], !forward, &ignored);
            }
            m_failed = true;
            setObsolete(true); // the stack drops a command that could not be done
            if (m_onError) {
                m_onError(error);
            }
            return false;
        }
    }
    m_failed = false;
    return true;
}

void DiskCommand::redo()
{
    run(true);
}

void DiskCommand::undo()
{
    run(false);
}

} // namespace ApiLens::Ui
