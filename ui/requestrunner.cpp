#include "requestrunner.h"

#include "http/httpclient.h"
#include "http/requestbuilder.h"

#include <QTimer>

namespace ApiLens::Ui {

RequestRunner::RequestRunner(Core::HttpClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_ticker(new QTimer(this))
{
    m_ticker->setInterval(100);
    connect(m_ticker, &QTimer::timeout, this, [this] {
        if (m_pending) {
            Q_EMIT progress(m_pending->elapsedMs(), m_pending->bytesReceived());
        }
    });
}

RequestRunner::~RequestRunner()
{
    delete m_pending;
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
    const QUrl url(Core::normalizeUserUrl(spec.url));
    Q_EMIT started(url.host().isEmpty()
                       ? spec.url
                       : url.host() + (url.port() > 0 ? QStringLiteral(":%1").arg(url.port()) : QString()));
    m_ticker->start();
}

void RequestRunner::cancel()
{
    if (m_pending) {
        m_pending->cancel();
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
