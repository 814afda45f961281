#pragma once

#include "requestdocument.h"

#include "collections/collection.h"
#include "collections/sessionjournal.h"
#include "collections/variables.h"
#include "http/exchange.h"
#include "scripting/foldertrust.h"
#include "scripting/requestpipeline.h"
#include "settings/config.h"

#include <QHash>
#include <QJsonValue>
#include <QObject>
#include <QSet>

#include <memory>
#include <optional>

class QSettings;
class QTimer;

namespace ApiLens::Core {
class Catalog;
class HttpClient;
class ScriptHost;
} // namespace ApiLens::Core

namespace ApiLens::Ui {

// The application's state, apart from any window (as Kate's KateDocManager owns documents):
// the open collections with their environments, catalogs and file variables; the open requests
// (RequestDocument) and the exchanges named requests leave for chaining; saving; the session
// journal that brings every tab back after a quit or a crash; exports. The window wires its
// actions and views to this, and tests drive it without one.
class Workspace : public QObject
{
    Q_OBJECT
public:
    Workspace(const Core::Catalog *catalog, QSettings *settings, QObject *parent = nullptr);
    ~Workspace() override;

    // The user's preferences (Edit › Preferences), over the same settings store.
    Core::Config *config() const { return m_config; }

    // ---- Collections
    // A collection was read (or read again): its environments, catalog and file variables.
    // Problems with its files (file:line) go to `problems`.
    void setCollection(const Core::Collection &collection, QStringList *problems);
    void removeCollection(const QString &root);
    QStringList collections() const { return m_collections.keys(); }
    QString collectionOf(const QString &file) const; // the open collection holding `file`
    Core::Environments environments(const QString &root) const;
    QString activeEnvironment(const QString &root) const;
    void selectEnvironment(const QString &root, const QString &name);
    // Reads the collection's environments again (after they were edited).
    void reloadEnvironments(const QString &root, QStringList *problems);
    // The catalog that explains the collection's responses (its own apilens-catalog.json with
    // the built-in one), or the built-in one.
    const Core::Catalog *catalogFor(const QString &root) const;
    // The collection's .http files, relative to it (where a new request can be saved).
    QStringList requestFiles(const QString &root) const;

    // Where `doc`'s {{variables}} get their values: its file's variables, the chosen
    // environment (private, then public, $shared under both) and earlier named responses.
    Core::VariableResolver resolverFor(const RequestDocument *doc) const;
    // A named request's exchange, for {{name.response…}} in the same collection.
    void recordExchange(const RequestDocument *doc, const Core::Exchange &exchange);

    // ---- Body files from outside a collection's folder: sent only after a yes, asked once per
    // collection and file in a session.
    bool outsideFileAllowed(const QString &collection, const QString &file) const;
    void allowOutsideFile(const QString &collection, const QString &file);

    // ---- Scripts: they run only in folders the user trusts (remembered in the trust store);
    // what they set (client.global, pm.environment.set, exports) lasts for the session.
    void setTrustStore(const QString &path);
    QString scriptFolder(const RequestDocument *doc) const; // the collection, else the file's folder
    bool scriptsTrusted(const RequestDocument *doc) const;
    bool trustScripts(const RequestDocument *doc, QString *error);
    // "Send Without Scripts": not asked again for that folder in this session.
    void declineScripts(const RequestDocument *doc);
    bool scriptsDeclined(const RequestDocument *doc) const;
    // `spec` (as edited) on its way through its scripts, resolved with resolverFor-like
    // `resolver`; not started. The caller owns it.
    Core::RequestPipeline *pipelineFor(const RequestDocument *doc, const Core::RequestSpec &spec,
                                       const Core::VariableResolver &resolver, bool sendUnresolved,
                                       Core::HttpClient *client,
                                       std::function<QString(Core::RequestSpec *)> prepare = {});
    const QHash<QString, QJsonValue> &scriptGlobals() const { return m_scriptGlobals; }

    // ---- Open requests
    RequestDocument *newDocument(const Core::RequestSpec &spec = {}, const QString &collection = {});
    // Reads the request at `where` (null with `error` when it is not there).
    RequestDocument *openDocument(const Core::RequestLocation &where, QString *error);
    RequestDocument *documentAt(const Core::RequestLocation &where) const;
    QList<RequestDocument *> documents() const { return m_documents; }
    void closeDocument(RequestDocument *doc);
    // A request or file was renamed or moved in the tree: open documents follow.
    void requestMoved(const Core::RequestLocation &from, const Core::RequestLocation &to);
    void pathMoved(const QString &from, const QString &to);
    // The block of `doc` as its file holds it now; nullopt (with `error`) when it is gone.
    std::optional<Core::HttpRequestBlock> readBlock(const RequestDocument *doc, QByteArray *text,
                                                    QString *error) const;

    // ---- Saving
    // Writes `doc` back into its block (only that block's bytes change).
    bool save(RequestDocument *doc, QString *error);
    // Writes `doc` as a new request named `name` at the end of `file` (created when new); the
    // document then lives there (Save of a new request, and Save As).
    bool saveTo(RequestDocument *doc, const QString &file, const QString &name, QString *error);

    // ---- The session: every open request, in the window's order
    void setSessionJournal(const QString &path);
    QString sessionJournalPath() const;
    // `order` and `current` are the window's tabs; written now, atomically.
    bool writeSession(const QList<RequestDocument *> &order, int current, QString *error);
    // The requests of the last session, in order; `current` the one that was in front. What
    // changed on disk meanwhile is said in `notes`.
    QList<RequestDocument *> restoreSession(int *current, QStringList *notes);

    // ---- Exports of a collection (the chosen environment's public values filled in)
    bool exportPostman(const QString &root, const QString &path, QStringList *lost, QString *error) const;
    bool exportCurlScript(const QString &root, const QString &path, QStringList *unresolved, int *requests,
                          QString *error) const;

Q_SIGNALS:
    // A collection's environments, chosen environment or catalog changed.
    void collectionChanged(const QString &root);

private:
    QSet<QString> m_outsideFiles; // "collection\nfile" said yes to
    struct CollectionState;
    CollectionState *state(const QString &root) const;
    void loadCatalog(const QString &root, QStringList *problems);

    const Core::Catalog *m_catalog;
    QSettings *m_settings;
    Core::Config *m_config;
    QHash<QString, std::shared_ptr<CollectionState>> m_collections;
    QList<RequestDocument *> m_documents;
    // The JSONPath filter of each request in a file ("file#request"), kept when its tab closes.
    QHash<QString, QString> m_responseFilters;
    void track(RequestDocument *doc);
    std::unique_ptr<Core::SessionJournal> m_journal;
    Core::FolderTrust m_trust;
    QSet<QString> m_declined;
    Core::ScriptHost *m_scriptHost;
    QHash<QString, QJsonValue> m_scriptGlobals;
};

} // namespace ApiLens::Ui
