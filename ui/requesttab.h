#pragma once

#include "collections/assertion.h"
#include "collections/collection.h"
#include "collections/variables.h"
#include "http/requestspec.h"
#include "scripting/requestpipeline.h"

#include <QWidget>

#include <functional>

class QLabel;
class QPushButton;
class QSplitter;

namespace ApiLens::Core {
class Catalog;
class HttpClient;
struct Exchange;
} // namespace ApiLens::Core

namespace ApiLens::Ui {

class RequestDocument;
class RequestEditor;
class RequestRunner;
class ResponseView;

// One open request: the editor above, what came back below. It shows a RequestDocument
// (the Workspace owns it) and keeps the document's content in step with the editor.
class RequestTab : public QWidget
{
    Q_OBJECT
public:
    RequestTab(Core::HttpClient *client, const Core::Catalog *catalog, RequestDocument *document,
               QWidget *parent = nullptr);

    RequestDocument *document() const { return m_document; }
    void send();
    void cancel();
    bool isBusy() const;
    QString title() const; // the document's title

    const Core::RequestLocation &source() const;
    bool hasSource() const;
    bool isModified() const;
    // Shows the document's content again (it was read from disk or restored).
    void showDocument();

    // Where {{variables}} get their values; asked at each send and for the editor's marks.
    using ResolverFactory = std::function<Core::VariableResolver(const RequestTab *)>;
    void setResolverFactory(ResolverFactory factory);
    const ResolverFactory &resolverFactory() const { return m_resolverFactory; }
    void refreshVariables();
    // The request with its {{variables}} filled in where they have values (for "Copy as").
    Core::RequestSpec resolvedSpec() const;

    // The httpyac assertions of the document's block, checked after each send and shown under
    // the editor with what its scripts logged (scripts run with each send, in a trusted folder).
    void showFileChecks();
    QLabel *checksLabel() const { return m_checks; }
    const QList<Core::AssertionResult> &assertionResults() const { return m_results; }

    // Send goes through the request's scripts (RequestPipeline): the factory makes one for the
    // edited request, with unresolved {{variables}} sent as written when asked ("Send Anyway").
    using PipelineFactory =
        std::function<Core::RequestPipeline *(const Core::RequestSpec &spec, bool sendUnresolved)>;
    void setPipelineFactory(PipelineFactory factory) { m_pipelineFactory = std::move(factory); }
    // Whether the request's scripts may run, and the user's answer when they may not yet.
    struct ScriptTrust
    {
        std::function<bool()> trusted;
        std::function<bool()> declined; // "Send Without Scripts" chosen for the folder this session
        std::function<bool(QString *error)> trust;
        std::function<void()> decline;
        std::function<QString()> folder;
    };
    void setScriptTrust(ScriptTrust trust) { m_trust = std::move(trust); }
    QWidget *trustBar() const { return m_trustBar; }
    QPushButton *trustButton() const { return m_trustButton; }
    QPushButton *withoutScriptsButton() const { return m_withoutScriptsButton; }

    RequestEditor *editor() const { return m_editor; }
    ResponseView *response() const { return m_response; }
    RequestRunner *runner() const { return m_runner; }
    QSplitter *splitter() const { return m_splitter; }

Q_SIGNALS:
    void titleChanged();
    void busyChanged(bool busy);
    // `chained` is what later requests read of it (under "# @jwt", its JWTs decoded).
    void exchangeFinished(const Core::Exchange &exchange, const Core::Exchange &chained);
    void sendBlocked(const QStringList &unresolved);

private:
    void showChecks();
    void sendThroughPipeline(const Core::RequestSpec &spec);
    void pipelineFinished(const Core::RequestPipeline::Result &result);
    void showTrustBar();

    RequestDocument *m_document;
    RequestEditor *m_editor;
    ResponseView *m_response;
    RequestRunner *m_runner;
    QSplitter *m_splitter;
    bool m_showing = false;
    ResolverFactory m_resolverFactory;
    QLabel *m_checks;
    QList<Core::AssertionResult> m_results;
    QStringList m_scriptNotes; // what the last send's scripts logged, and the ones not run
    PipelineFactory m_pipelineFactory;
    ScriptTrust m_trust;
    QWidget *m_trustBar;
    QLabel *m_trustText;
    QPushButton *m_trustButton;
    QPushButton *m_withoutScriptsButton;
    bool m_sendUnresolved = false; // the next send is "Send Anyway"
    bool m_withoutScripts = false; // the next send skips the trust question once
};

} // namespace ApiLens::Ui
