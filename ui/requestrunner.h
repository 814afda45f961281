#pragma once

#include "http/exchange.h"
#include "http/httpclient.h"
#include "http/requestspec.h"
#include "scripting/requestpipeline.h"

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
    // A request with its scripts: the runner takes `pipeline` and starts it.
    void run(Core::RequestPipeline *pipeline);
    void cancel();
    bool isBusy() const { return m_pending != nullptr || m_pipeline != nullptr; }
    const Core::Exchange &lastExchange() const { return m_last; }
    bool hasExchange() const { return m_hasExchange; }

Q_SIGNALS:
    void started(const QString &target);
    void progress(double elapsedMs, qint64 bytesReceived);
    void finished(const Core::Exchange &exchange);
    // A pipeline ended: sent and answered, or not sent (its result says why).
    void pipelineFinished(const Core::RequestPipeline::Result &result);

private:
    void onFinished();

    Core::HttpClient *m_client;
    QPointer<Core::PendingExchange> m_pending;
    QPointer<Core::RequestPipeline> m_pipeline;
    QTimer *m_ticker;
    Core::Exchange m_last;
    bool m_hasExchange = false;
};

} // namespace ApiLens::Ui
