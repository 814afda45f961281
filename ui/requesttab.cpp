#include "requesttab.h"

#include "errorinspector.h"
#include "requesteditor.h"
#include "requestrunner.h"
#include "responseview.h"

#include <QSplitter>
#include <QUrl>
#include <QVBoxLayout>

namespace ApiLens::Ui {

RequestTab::RequestTab(Core::HttpClient *client, const Core::Catalog *catalog, QWidget *parent)
    : QWidget(parent)
    , m_editor(new RequestEditor(this))
    , m_response(new ResponseView(catalog, this))
    , m_runner(new RequestRunner(client, this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
{
    m_splitter->addWidget(m_editor);
    m_splitter->addWidget(m_response);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setSizes({250, 550});
    m_splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    connect(m_editor, &RequestEditor::sendRequested, this, &RequestTab::send);
    connect(m_editor, &RequestEditor::cancelRequested, this, &RequestTab::cancel);
    connect(m_editor, &RequestEditor::changed, this, &RequestTab::titleChanged);
    connect(m_response, &ResponseView::cancelRequested, this, &RequestTab::cancel);
    connect(m_response->inspector(), &ErrorInspector::fieldActivated, m_editor, &RequestEditor::revealField);
    connect(m_runner, &RequestRunner::started, this, [this](const QString &target) {
        m_editor->setBusy(true);
        m_response->showPending(target);
        Q_EMIT busyChanged(true);
    });
    connect(m_runner, &RequestRunner::progress, m_response, &ResponseView::updateProgress);
    connect(m_runner, &RequestRunner::finished, this, [this](const Core::Exchange &exchange) {
        m_editor->setBusy(false);
        m_response->showExchange(exchange);
        Q_EMIT busyChanged(false);
        Q_EMIT exchangeFinished(exchange);
    });
}

void RequestTab::send()
{
    m_runner->send(m_editor->spec());
}

void RequestTab::cancel()
{
    m_runner->cancel();
}

bool RequestTab::isBusy() const
{
    return m_runner->isBusy();
}

QString RequestTab::title() const
{
    if (!m_name.isEmpty()) {
        return m_name;
    }
    const Core::RequestSpec spec = m_editor->spec();
    if (spec.url.isEmpty()) {
        return tr("New request");
    }
    const QUrl url = QUrl::fromUserInput(spec.url);
    QString path = url.path();
    if (path.isEmpty() || path == QLatin1String("/")) {
        path = url.host();
    }
    if (path.size() > 28) {
        path = QStringLiteral("…") + path.right(27);
    }
    return QStringLiteral("%1 %2").arg(spec.method, path);
}

} // namespace ApiLens::Ui
