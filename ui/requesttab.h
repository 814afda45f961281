#pragma once

#include "collections/assertion.h"
#include "collections/collection.h"
#include "collections/variables.h"
#include "http/requestspec.h"

#include <QWidget>

#include <functional>

class QLabel;
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
    QString name() const { return m_name; }

    // A tab opened from a collection file: saving writes that request's block back.
    void setSource(const Core::RequestLocation &where, const QByteArray &blockText);
    const Core::RequestLocation &source() const { return m_source; }
    bool hasSource() const { return m_source.isValid(); }
    QByteArray diskText() const { return m_diskText; } // the block as last read or written
    bool isModified() const { return m_modified; }
    void setModified(bool modified);
    // Shows `spec` as the tab's content without marking it modified.
    void load(const Core::RequestSpec &spec);
    bool save(QString *error);
    // The request as saved in a .http file: auth folded into headers where the format has a way.
    Core::RequestSpec specForFile() const;

    // Where {{variables}} get their values; asked at each send and for the editor's marks.
    using ResolverFactory = std::function<Core::VariableResolver(const RequestTab *)>;
    void setResolverFactory(ResolverFactory factory);
    void refreshVariables();
    // The request with its {{variables}} filled in where they have values (for "Copy as").
    Core::RequestSpec resolvedSpec() const;

    // What the .http block carries besides the request: httpyac assertions, checked after
    // each send and shown under the editor, and response scripts, kept but never run.
    void setFileChecks(const QStringList &assertions, int scripts);
    QLabel *checksLabel() const { return m_checks; }
    const QList<Core::AssertionResult> &assertionResults() const { return m_results; }

    // Called with the resolved request just before it is sent (body files relative to the
    // .http file, confirmations); false cancels the send, with `reason` shown.
    using SendPreparer = std::function<bool(Core::RequestSpec *spec, QString *reason)>;
    void setSendPreparer(SendPreparer preparer) { m_preparer = std::move(preparer); }

    RequestEditor *editor() const { return m_editor; }
    ResponseView *response() const { return m_response; }
    RequestRunner *runner() const { return m_runner; }
    QSplitter *splitter() const { return m_splitter; }

Q_SIGNALS:
    void titleChanged();
    void busyChanged(bool busy);
    void exchangeFinished(const Core::Exchange &exchange);
    void modifiedChanged(bool modified);
    void sendBlocked(const QStringList &unresolved);

private:
    RequestEditor *m_editor;
    ResponseView *m_response;
    RequestRunner *m_runner;
    QSplitter *m_splitter;
    QString m_name;
    Core::RequestLocation m_source;
    QByteArray m_diskText;
    bool m_modified = false;
    bool m_loading = false;
    ResolverFactory m_resolverFactory;
    SendPreparer m_preparer;
    QLabel *m_checks;
    QStringList m_assertions;
    int m_scripts = 0;
    QList<Core::AssertionResult> m_results;
    void showChecks();
};

} // namespace ApiLens::Ui
