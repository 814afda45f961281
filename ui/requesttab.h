#pragma once

#include "http/requestspec.h"

#include <QWidget>

class QSplitter;

namespace ApiLens::Core {
class Catalog;
class HttpClient;
struct Exchange;
} // namespace ApiLens::Core

namespace ApiLens::Ui {

class RequestEditor;
class RequestRunner;
class ResponseView;

// One open request: the editor above, what came back below.
class RequestTab : public QWidget
{
    Q_OBJECT
public:
    RequestTab(Core::HttpClient *client, const Core::Catalog *catalog = nullptr, QWidget *parent = nullptr);

    void send();
    void cancel();
    bool isBusy() const;
    QString title() const;
    void setName(const QString &name) { m_name = name; }

    RequestEditor *editor() const { return m_editor; }
    ResponseView *response() const { return m_response; }
    RequestRunner *runner() const { return m_runner; }
    QSplitter *splitter() const { return m_splitter; }

Q_SIGNALS:
    void titleChanged();
    void busyChanged(bool busy);
    void exchangeFinished(const Core::Exchange &exchange);

private:
    RequestEditor *m_editor;
    ResponseView *m_response;
    RequestRunner *m_runner;
    QSplitter *m_splitter;
    QString m_name;
};

} // namespace ApiLens::Ui
