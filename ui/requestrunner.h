#pragma once

#include "http/exchange.h"
#include "http/httpclient.h"
#include "http/requestspec.h"

#include <QObject>
#include <QPointer>

class QTimer;

namespace ApiLens::Ui {

// Runs one tab's requests on the shared HttpClient and reports to the views, which never
// see the network layer themselves.
class RequestRunner : public QObject
{
    Q_OBJECT
public:
    RequestRunner(Core::HttpClient *client, QObject *parent = nullptr);
    ~RequestRunner() override;

    void send(const Core::RequestSpec &spec);
    void cancel();
    bool isBusy() const { return m_pending != nullptr; }
    const Core::Exchange &lastExchange() const { return m_last; }
    bool hasExchange() const { return m_hasExchange; }

Q_SIGNALS:
    void started(const QString &target);
    void progress(double elapsedMs, qint64 bytesReceived);
    void finished(const Core::Exchange &exchange);

private:
    void onFinished();

    Core::HttpClient *m_client;
    QPointer<Core::PendingExchange> m_pending;
    QTimer *m_ticker;
    Core::Exchange m_last;
    bool m_hasExchange = false;
};

} // namespace ApiLens::Ui
