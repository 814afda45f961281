#include "requestdocument.h"

#include <QUrl>

namespace ApiLens::Ui {

RequestDocument::RequestDocument(QObject *parent)
    : QObject(parent)
{}

void RequestDocument::setName(const QString &name)
{
    const QString oldTitle = title();
    m_name = name;
    notify(isModified(), oldTitle);
}

QString RequestDocument::title() const
{
    if (!m_name.isEmpty()) {
        return m_name;
    }
    if (m_spec.url.trimmed().isEmpty()) {
        return tr("New request");
    }
    const QUrl url = QUrl::fromUserInput(m_spec.url);
    QString path = url.path();
    if (path.isEmpty() || path == QLatin1String("/")) {
        path = url.host().isEmpty() ? m_spec.url.trimmed() : url.host();
    }
    if (path.size() > 28) {
        path = QStringLiteral("…") + path.right(27);
    }
    return QStringLiteral("%1 %2").arg(m_spec.method, path);
}

void RequestDocument::setSpec(const Core::RequestSpec &spec)
{
    if (spec == m_spec) {
        return;
    }
    const bool wasModified = isModified();
    const QString oldTitle = title();
    m_spec = spec;
    Q_EMIT changed();
    notify(wasModified, oldTitle);
}

void RequestDocument::setSaved(const Core::RequestLocation &where, const QByteArray &blockText,
                               const Core::RequestSpec &spec)
{
    const bool wasModified = isModified();
    const QString oldTitle = title();
    const bool moved = !(where == m_source);
    m_source = where;
    m_savedText = blockText;
    m_saved = spec;
    m_spec = spec;
    if (moved) {
        Q_EMIT sourceChanged();
    }
    Q_EMIT changed();
    notify(wasModified, oldTitle);
}

void RequestDocument::setBaseline(const Core::RequestSpec &spec)
{
    const bool wasModified = isModified();
    m_saved = spec;
    notify(wasModified, title());
}

void RequestDocument::setSource(const Core::RequestLocation &where, const QByteArray &blockText)
{
    m_source = where;
    m_savedText = blockText;
    Q_EMIT sourceChanged();
    Q_EMIT titleChanged();
}

void RequestDocument::setFileChecks(const Core::HttpRequestBlock &block)
{
    m_assertions = block.assertions;
    m_scripts = block.scripts;
    m_parsesGraphql = Core::parsesGraphql(block);
    m_jwtMembers = block.jwt ? std::optional<QStringList>(block.jwtMembers) : std::nullopt;
}

void RequestDocument::notify(bool wasModified, const QString &oldTitle)
{
    if (wasModified != isModified()) {
        Q_EMIT modifiedChanged(isModified());
    }
    if (wasModified != isModified() || oldTitle != title()) {
        Q_EMIT titleChanged();
    }
}

void RequestDocument::setResponseFilter(const QString &expression)
{
    if (expression != m_responseFilter) {
        m_responseFilter = expression;
        Q_EMIT responseFilterChanged();
    }
}

} // namespace ApiLens::Ui
