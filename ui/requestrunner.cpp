#include "requestrunner.h"

#include "http/httpclient.h"
#include "http/requestbuilder.h"

#include <QTimer>

namespace ApiLens::Ui {

namespace {

// "host:port" for the pending view.
QString targetOf(const QString &urlText)
{
    const QUrl url(Core::normalizeUserUrl(urlText));
    return url.host().isEmpty()
               ? urlText
               : url.host() + (url.port() > 0 ? QStringLiteral(":%1").arg(url.port()) : QString());
}

} // namespace

RequestRunner::RequestRunner(Core::HttpClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_ticker(new QTimer(this))
{
    m_ticker->setInterval(100);
    connect(m_ticker, &QTimer::timeout, this, [this] {
        Core::PendingExchange *pending = m_pending    ? m_pending.data()
                                         : m_pipeline ? m_pipeline->pending()
                                                      : nullptr;
        if (pending) {
            Q_EMIT progress(pending->elapsedMs(), pending->bytesReceived());
        }
    });
}

RequestRunner::~RequestRunner()
{
    delete m_pending;
    delete m_pipeline;
}

void RequestRunner::run(Core::RequestPipeline *pipeline)
{
    if (m_pipeline) {
        m_pipeline->disconnect(this);
        m_pipeline->cancel();
        m_pipeline->deleteLater();
    }
    m_pipeline = pipeline;
    pipeline->setParent(this);
    connect(pipeline, &Core::RequestPipeline::started, this, [this, pipeline] {
        Q_EMIT started(targetOf(pipeline->result().sent.url));
        m_ticker->start();
    });
    connect(pipeline, &Core::RequestPipeline::finished, this, [this, pipeline] {
        m_ticker->stop();
        m_pipeline = nullptr;
        pipeline->deleteLater();
        const Core::RequestPipeline::Result &result = pipeline->result();
        if (result.problem.isEmpty()) {
            m_last = result.exchange;
            m_hasExchange = true;
        }
        Q_EMIT pipelineFinished(result);
    });
    pipeline->start();
}

void RequestRunner::send(const Core::RequestSpec &spec)
{
    if (m_pending) {
        m_pending->disconnect(this);
        m_pending->cancel();
        m_pending->deleteLater();
    }
    m_pending = m_client->send(spec);
    connect(m_pending, &Core::PendingExchange::finished, this, &RequestRunner::onFinished);
    Q_EMIT started(targetOf(spec.url));
    m_ticker->start();
}

void RequestRunner::cancel()
{
    if (m_pending) {
        m_pending->cancel();
    }
    if (m_pipeline) {
        m_pipeline->cancel();
    }
}

void RequestRunner::onFinished()
{
    m_ticker->stop();
    Core::PendingExchange *pending = m_pending;
    m_pending = nullptr;
    m_last = pending->exchange();
    m_hasExchange = true;
    pending->deleteLater();
    Q_EMIT finished(m_last);
}

} // namespace ApiLens::Ui
