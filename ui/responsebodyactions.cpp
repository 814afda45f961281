#include "responsebodyactions.h"

#include "filepicker.h"

#include "util/format.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QStandardPaths>
#include <QUrl>
#include <QtConcurrent/QtConcurrentRun>

namespace ApiLens::Ui {

ResponseBodyActions::ResponseBodyActions(QWidget *window, std::function<Body()> current, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_current(std::move(current))
{}

void ResponseBodyActions::writeTo(const Body &body, const QString &path,
                                  std::function<void(const QString &)> then)
{
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [watcher, then] {
        watcher->deleteLater();
        then(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([bytes = body.bytes, path] {
        QString error;
        return bytes.saveTo(path, &error) ? QString() : error;
    }));
}

void ResponseBodyActions::save()
{
    const Body body = m_current();
    if (!body.present) {
        Q_EMIT message(tr("There is no response body to save"));
        return;
    }
    const QString suggested =
        QDir(QStandardPaths::writableLocation(QStandardPaths::DownloadLocation)).filePath(body.fileName);
    const QString path = FilePicker::saveFile(m_window, tr("Save Response Body"), suggested);
    if (path.isEmpty()) {
        return;
    }
    Q_EMIT message(
        tr("Saving %1 to %2…").arg(Core::humanSize(body.bytes.size()), QDir::toNativeSeparators(path)));
    writeTo(body, path, [this, path, size = body.bytes.size()](const QString &error) {
        if (!error.isEmpty()) {
            Q_EMIT message(tr("Not saved: %1").arg(error));
            return;
        }
        Q_EMIT message(tr("Saved %1 to %2").arg(Core::humanSize(size), QDir::toNativeSeparators(path)));
        Q_EMIT saved(path);
    });
}

void ResponseBodyActions::copy()
{
    const Body body = m_current();
    if (!body.present) {
        Q_EMIT message(tr("There is no response body to copy"));
        return;
    }
    if (body.bytes.size() > CopyLimitBytes) {
        Q_EMIT message(tr("The body is %1, too large for the clipboard: Save Response Body writes all of it")
                           .arg(Core::humanSize(body.bytes.size())));
        return;
    }
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, size = body.bytes.size()] {
        watcher->deleteLater();
        QGuiApplication::clipboard()->setText(watcher->result());
        Q_EMIT message(tr("Copied the response body (%1)").arg(Core::humanSize(size)));
    });
    watcher->setFuture(QtConcurrent::run([bytes = body.bytes] { return QString::fromUtf8(bytes.bytes()); }));
}

void ResponseBodyActions::openWithDefaultApplication()
{
    const Body body = m_current();
    if (!body.present) {
        Q_EMIT message(tr("There is no response body to open"));
        return;
    }
    // A copy of its own in the cache, named so that the system knows its type.
    const QString folder = QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation))
                               .filePath(QStringLiteral("opened"));
    if (!QDir().mkpath(folder)) {
        Q_EMIT message(tr("Could not create %1").arg(QDir::toNativeSeparators(folder)));
        return;
    }
    const QString path = QDir(folder).filePath(body.fileName);
    writeTo(body, path, [this, path](const QString &error) {
        if (!error.isEmpty()) {
            Q_EMIT message(tr("Could not open the body: %1").arg(error));
        } else if (!QDesktopServices::openUrl(QUrl::fromLocalFile(path))) {
            Q_EMIT message(tr("No application opens %1").arg(QDir::toNativeSeparators(path)));
        } else {
            Q_EMIT message(tr("Opened %1").arg(QDir::toNativeSeparators(path)));
        }
    });
}

} // namespace ApiLens::Ui
