#include "requesttab.h"
#include "statusstyle.h"

#include "errorinspector.h"
#include "format.h"
#include "requestdocument.h"
#include "requesteditor.h"
#include "requestrunner.h"
#include "responseview.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QUrl>
#include <QVBoxLayout>

namespace ApiLens::Ui {

RequestTab::RequestTab(Core::HttpClient *client, const Core::Catalog *catalog, RequestDocument *document,
                       QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_editor(new RequestEditor(this))
    , m_response(new ResponseView(catalog, this))
    , m_runner(new RequestRunner(client, this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_checks(new QLabel(this))
    , m_trustBar(new QWidget(this))
    , m_trustText(new QLabel(m_trustBar))
    , m_trustButton(new QPushButton(tr("Trust Folder and Send"), m_trustBar))
    , m_withoutScriptsButton(new QPushButton(tr("Send Without Scripts"), m_trustBar))
{
    // Asked before the first send of a request whose scripts are in a folder not trusted yet.
    auto *trustLayout = new QHBoxLayout(m_trustBar);
    trustLayout->setContentsMargins(8, 4, 8, 4);
    m_trustText->setWordWrap(true);
    m_trustText->setTextFormat(Qt::RichText);
    trustLayout->addWidget(m_trustText, 1);
    trustLayout->addWidget(m_trustButton);
    trustLayout->addWidget(m_withoutScriptsButton);
    m_trustBar->setAutoFillBackground(true);
    m_trustBar->setBackgroundRole(QPalette::ToolTipBase);
    m_trustBar->setForegroundRole(QPalette::ToolTipText);
    m_trustBar->hide();
    connect(m_trustButton, &QPushButton::clicked, this, [this] {
        QString error;
        if (m_trust.trust && !m_trust.trust(&error)) {
            m_trustText->setText(tr("Could not remember the folder: %1").arg(error.toHtmlEscaped()));
            return;
        }
        m_trustBar->hide();
        send();
    });
    connect(m_withoutScriptsButton, &QPushButton::clicked, this, [this] {
        if (m_trust.decline) {
            m_trust.decline();
        }
        m_trustBar->hide();
        m_withoutScripts = true;
        send();
    });
    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->setSpacing(2);
    topLayout->addWidget(m_editor, 1);
    topLayout->addWidget(m_trustBar);
    topLayout->addWidget(m_checks);
    m_checks->setContentsMargins(8, 0, 8, 2);
    m_checks->setWordWrap(true);
    m_checks->hide();
    m_splitter->addWidget(top);
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
    // Every edit goes to the document, which compares it with what is saved.
    connect(m_editor, &RequestEditor::changed, this, [this] {
        if (!m_showing) {
            m_document->setSpec(m_editor->spec());
        }
    });
    connect(m_document, &RequestDocument::titleChanged, this, &RequestTab::titleChanged);
    m_response->setFilter(m_document->responseFilter());
    connect(m_response, &ResponseView::filterChanged, m_document, &RequestDocument::setResponseFilter);
    connect(m_response, &ResponseView::cancelRequested, this, &RequestTab::cancel);
    connect(m_response->inspector(), &ErrorInspector::fieldActivated, m_editor, &RequestEditor::revealField);
    connect(m_runner, &RequestRunner::started, this, [this](const QString &target) {
        m_editor->setBusy(true);
        m_response->showPending(target);
        Q_EMIT busyChanged(true);
    });
    connect(m_runner, &RequestRunner::progress, m_response, &ResponseView::updateProgress);
    connect(m_runner, &RequestRunner::pipelineFinished, this, &RequestTab::pipelineFinished);
    connect(m_response, &ResponseView::notSentActionTriggered, this, [this] {
        m_sendUnresolved = true; // "Send Anyway"
        send();
    });
}

void RequestTab::send()
{
    if (m_pipelineFactory) {
        sendThroughPipeline(m_editor->spec());
    }
}

void RequestTab::sendThroughPipeline(const Core::RequestSpec &spec)
{
    const bool hasScripts =
        !m_document->scripts().isEmpty() || !Core::VariableResolver::scriptExpressions(spec).isEmpty();
    const bool withoutScripts = std::exchange(m_withoutScripts, false);
    if (hasScripts && m_trust.trusted && !m_trust.trusted() && !withoutScripts &&
        !(m_trust.declined && m_trust.declined())) {
        showTrustBar();
        return;
    }
    m_trustBar->hide();
    Core::RequestPipeline *pipeline = m_pipelineFactory(spec, std::exchange(m_sendUnresolved, false));
    m_runner->run(pipeline);
}

void RequestTab::showTrustBar()
{
    QStringList lines;
    for (const Core::HttpScript &script : m_document->scripts()) {
        lines.append(QString::number(script.line));
    }
    const QString folder = m_trust.folder ? m_trust.folder() : QString();
    m_trustText->setText(
        tr("<b>This request runs scripts</b>%1 from <b>%2</b>. Scripts run only in folders you trust; "
           "they cannot reach files, processes or the network.")
            .arg(lines.isEmpty() ? QString() : tr(" (line %1)").arg(lines.join(QStringLiteral(", "))),
                 folder.toHtmlEscaped()));
    m_trustBar->show();
    m_trustButton->setFocus();
}

void RequestTab::pipelineFinished(const Core::RequestPipeline::Result &result)
{
    m_editor->setBusy(false);
    Q_EMIT busyChanged(false);
    m_scriptNotes = result.log + result.skippedScripts;
    if (!result.problem.isEmpty()) {
        m_results = result.checks;
        showChecks();
        if (!result.unresolved.isEmpty()) {
            refreshVariables();
            m_response->showNotSent(
                tr("Not sent: %1 without a value")
                    .arg(countOf(result.unresolved.size(), tr("variable"), tr("variables"))),
                QStringLiteral("{{") + result.unresolved.join(QStringLiteral("}}, {{")) +
                    QStringLiteral("}}"),
                tr("Give them a value in Environments… (or pick another environment in the toolbar), "
                   "or as “@name = value” in the .http file; a script may set one too. Send Anyway sends "
                   "them as written, as newman does."),
                tr("Send Anyway"));
            Q_EMIT sendBlocked(result.unresolved);
        } else {
            m_response->showNotSent(tr("Not sent"), result.problem, QString());
        }
        return;
    }
    m_results = result.checks;
    showChecks();
    m_response->showExchange(result.exchange);
    Q_EMIT exchangeFinished(result.exchange, result.chained);
}

Core::RequestSpec RequestTab::resolvedSpec() const
{
    Core::RequestSpec spec = m_editor->spec();
    if (m_resolverFactory) {
        QStringList unresolved;
        spec = m_resolverFactory(this).resolve(spec, &unresolved);
    }
    return spec;
}

void RequestTab::showFileChecks()
{
    m_results.clear();
    m_scriptNotes.clear();
    showChecks();
}

void RequestTab::showChecks()
{
    QStringList parts;
    const QStringList assertions = m_document->assertions();
    if (!assertions.isEmpty() && m_results.isEmpty()) {
        parts.append(tr("%1, checked after each send")
                         .arg(countOf(assertions.size(), tr("assertion"), tr("assertions"))));
    } else if (!m_results.isEmpty()) {
        int passed = 0;
        QStringList failed;
        for (const Core::AssertionResult &result : std::as_const(m_results)) {
            if (result.outcome == Core::AssertionResult::Outcome::Passed) {
                ++passed;
            } else {
                failed.append(QStringLiteral("<b>%1</b> (%2)")
                                  .arg(result.assertion.toHtmlEscaped(), result.message.toHtmlEscaped()));
            }
        }
        parts.append(failed.isEmpty() ? tr("<span style='color:%1'>✓ %2 passed</span>")
                                            .arg(tint(Tint::Passed, palette()).name(),
                                                 countOf(passed, tr("check"), tr("checks")))
                                      : tr("<span style='color:%1'>✗ %2 of %3 checks did not pass:</span> %4")
                                            .arg(tint(Tint::VariableMissing, palette()).name())
                                            .arg(failed.size())
                                            .arg(m_results.size())
                                            .arg(failed.join(QStringLiteral(" · "))));
    }
    if (!m_document->scripts().isEmpty() && m_scriptNotes.isEmpty() && m_results.isEmpty()) {
        parts.append(tr("%1, run with each send in a trusted folder")
                         .arg(countOf(m_document->scripts().size(), tr("script"), tr("scripts"))));
    }
    for (const QString &note : std::as_const(m_scriptNotes)) {
        parts.append(QStringLiteral("<span style='color:palette(mid)'>%1</span>").arg(note.toHtmlEscaped()));
    }
    m_checks->setText(parts.join(QStringLiteral(" — ")));
    m_checks->setVisible(!parts.isEmpty());
}

const Core::RequestLocation &RequestTab::source() const
{
    return m_document->source();
}

bool RequestTab::hasSource() const
{
    return m_document->hasSource();
}

bool RequestTab::isModified() const
{
    return m_document->isModified();
}

void RequestTab::showDocument()
{
    // The editor shows what a request holds in its own terms (a raw body gets its content
    // type, say): both sides of the comparison pass through it, so an untouched request is
    // never "modified".
    m_showing = true;
    const Core::RequestSpec current = m_document->spec();
    m_editor->setSpec(m_document->savedSpec());
    const Core::RequestSpec saved = m_editor->spec();
    m_editor->setSpec(current);
    const Core::RequestSpec shown = m_editor->spec();
    m_showing = false;
    m_document->setBaseline(saved);
    m_document->setSpec(shown);
    refreshVariables();
    showFileChecks();
    Q_EMIT titleChanged();
}

void RequestTab::setResolverFactory(ResolverFactory factory)
{
    m_resolverFactory = std::move(factory);
    refreshVariables();
}

void RequestTab::refreshVariables()
{
    if (!m_resolverFactory) {
        m_editor->setVariableLookup({});
        return;
    }
    auto resolver = std::make_shared<Core::VariableResolver>(m_resolverFactory(this));
    m_editor->setVariableLookup([resolver](const QString &name) {
        // httpyac's {{ JavaScript }} gets its value when sent (in a trusted folder).
        return resolver->value(name).has_value() || Core::VariableResolver::isScriptExpression(name);
    });
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
    return m_document->title();
}

} // namespace ApiLens::Ui
