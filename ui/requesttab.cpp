#include "requesttab.h"

#include "errorinspector.h"
#include "format.h"
#include "requesteditor.h"
#include "requestrunner.h"
#include "responseview.h"

#include <QFileInfo>
#include <QLabel>
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
    , m_checks(new QLabel(this))
{
    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->setSpacing(2);
    topLayout->addWidget(m_editor, 1);
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
    connect(m_editor, &RequestEditor::changed, this, &RequestTab::titleChanged);
    connect(m_editor, &RequestEditor::changed, this, [this] {
        if (!m_loading) {
            setModified(true);
        }
    });
    connect(m_response, &ResponseView::cancelRequested, this, &RequestTab::cancel);
    connect(m_response->inspector(), &ErrorInspector::fieldActivated, m_editor, &RequestEditor::revealField);
    connect(m_runner, &RequestRunner::started, this, [this](const QString &target) {
        m_editor->setBusy(true);
        m_response->showPending(target);
        Q_EMIT busyChanged(true);
    });
    connect(m_runner, &RequestRunner::progress, m_response, &ResponseView::updateProgress);
    connect(m_runner, &RequestRunner::finished, this, [this](const Core::Exchange &exchange) {
        m_results.clear();
        for (const QString &assertion : std::as_const(m_assertions)) {
            m_results.append(Core::evaluateAssertion(assertion, exchange));
        }
        showChecks();
        m_editor->setBusy(false);
        m_response->showExchange(exchange);
        Q_EMIT busyChanged(false);
        Q_EMIT exchangeFinished(exchange);
    });
}

void RequestTab::send()
{
    Core::RequestSpec spec = m_editor->spec();
    if (m_resolverFactory) {
        const Core::VariableResolver resolver = m_resolverFactory(this);
        QStringList unresolved;
        spec = resolver.resolve(spec, &unresolved);
        unresolved.removeDuplicates();
        if (!unresolved.isEmpty()) {
            refreshVariables();
            m_response->showNotSent(
                tr("Not sent: %1 without a value")
                    .arg(countOf(unresolved.size(), tr("variable"), tr("variables"))),
                QStringLiteral("{{") + unresolved.join(QStringLiteral("}}, {{")) + QStringLiteral("}}"),
                tr("Give them a value in Environments… (or pick another environment in the toolbar), "
                   "or as “@name = value” in the .http file. A {{name.response…}} value needs that "
                   "request to have run first."));
            Q_EMIT sendBlocked(unresolved);
            return;
        }
    }
    QString reason;
    if (m_preparer && !m_preparer(&spec, &reason)) {
        m_response->showNotSent(tr("Not sent"), reason, QString());
        return;
    }
    m_runner->send(spec);
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

void RequestTab::setFileChecks(const QStringList &assertions, int scripts)
{
    m_assertions = assertions;
    m_scripts = scripts;
    m_results.clear();
    showChecks();
}

void RequestTab::showChecks()
{
    QStringList parts;
    if (!m_assertions.isEmpty() && m_results.isEmpty()) {
        parts.append(tr("%1, checked after each send")
                         .arg(countOf(m_assertions.size(), tr("assertion"), tr("assertions"))));
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
        parts.append(failed.isEmpty()
                         ? tr("<span style='color:#007A5A'>✓ %1 passed</span>")
                               .arg(countOf(passed, tr("assertion"), tr("assertions")))
                         : tr("<span style='color:#C01C28'>✗ %1 of %2 assertions did not pass:</span> %3")
                               .arg(failed.size())
                               .arg(m_results.size())
                               .arg(failed.join(QStringLiteral(" · "))));
    }
    if (m_scripts > 0) {
        parts.append(tr("%1 in the file: kept, not run")
                         .arg(countOf(m_scripts, tr("response script"), tr("response scripts"))));
    }
    m_checks->setText(parts.join(QStringLiteral(" — ")));
    m_checks->setVisible(!parts.isEmpty());
}

void RequestTab::setSource(const Core::RequestLocation &where, const QByteArray &blockText)
{
    m_source = where;
    m_diskText = blockText;
    Q_EMIT titleChanged();
}

void RequestTab::setModified(bool modified)
{
    if (m_modified != modified) {
        m_modified = modified;
        Q_EMIT modifiedChanged(modified);
        Q_EMIT titleChanged();
    }
}

void RequestTab::load(const Core::RequestSpec &spec)
{
    m_loading = true;
    m_editor->setSpec(spec);
    m_loading = false;
    setModified(false);
    refreshVariables();
}

Core::RequestSpec RequestTab::specForFile() const
{
    return Core::forHttpFile(m_editor->spec(),
                             hasSource() ? QFileInfo(m_source.file).absolutePath() : QString())
        .spec;
}

bool RequestTab::save(QString *error)
{
    if (!m_source.isValid()) {
        *error = tr("This request is not in a collection yet.");
        return false;
    }
    Core::RequestLocation where = m_source;
    if (!Core::Collection::saveRequest(&where, specForFile(), error, &m_diskText)) {
        return false;
    }
    m_source = where;
    setModified(false);
    return true;
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
    m_editor->setVariableLookup(
        [resolver](const QString &name) { return resolver->value(name).has_value(); });
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
    const QString mark = m_modified && hasSource() ? QStringLiteral("• ") : QString();
    if (!m_name.isEmpty()) {
        return mark + m_name;
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
    return mark + QStringLiteral("%1 %2").arg(spec.method, path);
}

} // namespace ApiLens::Ui
