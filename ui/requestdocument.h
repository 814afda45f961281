#pragma once

#include "collections/collection.h"
#include "collections/httpdocument.h"
#include "http/requestspec.h"

#include <QObject>

#include <optional>

namespace ApiLens::Ui {

// One open request, apart from the widgets that show it: what it holds now, where it lives
// and what was last saved there. It is modified exactly when its content differs from what
// was saved (or, for a request in no file, from what it started as). Owned by the Workspace.
class RequestDocument : public QObject
{
    Q_OBJECT
public:
    explicit RequestDocument(QObject *parent = nullptr);

    QString name() const { return m_name; }
    void setName(const QString &name);
    // The request's name, or "METHOD path", or "New request".
    QString title() const;

    const Core::RequestLocation &source() const { return m_source; }
    bool hasSource() const { return m_source.isValid(); }
    QString collection() const { return m_collection; }
    void setCollection(const QString &root) { m_collection = root; }
    QByteArray savedText() const { return m_savedText; } // the block as last read or written

    const Core::RequestSpec &spec() const { return m_spec; }
    const Core::RequestSpec &savedSpec() const { return m_saved; }
    bool isModified() const { return m_spec != m_saved; }

    // An edit (typing, pasting, a setting): modified when the result differs from the saved one.
    void setSpec(const Core::RequestSpec &spec);
    // Read from, or written to, `where`: this content is now what "unchanged" means.
    void setSaved(const Core::RequestLocation &where, const QByteArray &blockText,
                  const Core::RequestSpec &spec);
    // What "unchanged" means, for a request in no file or once the editor has shown the content.
    void setBaseline(const Core::RequestSpec &spec);
    // The file moved, or the block's line changed; the content stays.
    void setSource(const Core::RequestLocation &where, const QByteArray &blockText);

    // What the .http block carries besides the request: httpyac assertions, its scripts
    // (pre-request and response ones, JetBrains', httpyac's or imported Postman ones), and
    // whether a GraphQL body goes out as JSON ("# @noGqlParsing" says not).
    QStringList assertions() const { return m_assertions; }
    const QList<Core::HttpScript> &scripts() const { return m_scripts; }
    bool parsesGraphql() const { return m_parsesGraphql; }
    const std::optional<QStringList> &jwtMembers() const { return m_jwtMembers; } // "# @jwt"
    void setFileChecks(const Core::HttpRequestBlock &block);

    // The JSONPath filter over its responses: how they are viewed, not part of the request.
    QString responseFilter() const { return m_responseFilter; }
    void setResponseFilter(const QString &expression);

Q_SIGNALS:
    void changed();
    void modifiedChanged(bool modified);
    void titleChanged();
    void sourceChanged();
    void responseFilterChanged();

private:
    void notify(bool wasModified, const QString &oldTitle);

    QString m_name;
    Core::RequestLocation m_source;
    QString m_collection;
    QByteArray m_savedText;
    Core::RequestSpec m_spec;
    Core::RequestSpec m_saved;
    QStringList m_assertions;
    QList<Core::HttpScript> m_scripts;
    bool m_parsesGraphql = true;
    std::optional<QStringList> m_jwtMembers;
    QString m_responseFilter;
};

} // namespace ApiLens::Ui
