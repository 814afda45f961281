#pragma once

#include "http/responsebody.h"

#include <QObject>
#include <QString>

#include <functional>

class QWidget;

namespace ApiLens::Ui {

// What a person does with a whole response body, however large: save it to a file, copy it,
// open it in the system's application for its type. File work runs on a worker; each outcome
// is said through message().
class ResponseBodyActions : public QObject
{
    Q_OBJECT
public:
    struct Body
    {
        Core::ResponseBody bytes;
        QString fileName; // suggested
        bool present = false;
    };
    // `current` gives the body of the response shown in the current tab.
    ResponseBodyActions(QWidget *window, std::function<Body()> current, QObject *parent = nullptr);

    // Bodies larger than this are not put on the clipboard (Save instead).
    static constexpr qint64 CopyLimitBytes = 64 * 1024 * 1024;

    void save();
    void copy();
    void openWithDefaultApplication();

Q_SIGNALS:
    void message(const QString &text);
    void saved(const QString &path); // a save finished well (tests, the status bar)

private:
    void writeTo(const Body &body, const QString &path, std::function<void(const QString &error)> then);

    QWidget *m_window;
    std::function<Body()> m_current;
};

} // namespace ApiLens::Ui
