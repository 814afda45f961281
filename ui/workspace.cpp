#include "workspace.h"

#include "catalog/catalog.h"
#include "collections/httpdocument.h"
#include "interop/commandexport.h"
#include "interop/postman.h"
#include "scripting/scripthost.h"
#include "util/fileutil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>

namespace ApiLens::Ui {

namespace {

const QString EnvironmentKey = QStringLiteral("collections/environment/");

QString settingsKeyFor(const QString &root)
{
    // QSettings keys cannot hold '/' freely; the root path goes in hex.
    return EnvironmentKey + QString::fromLatin1(root.toUtf8().toHex());
}

} // namespace

struct Workspace::CollectionState
{
    Core::Environments environments;
    QString activeEnvironment;
    std::shared_ptr<Core::Catalog> catalog;                // null: the built-in one explains it
    QString catalogStamp;                                  // when apilens-catalog.json was read
    QHash<QString, QHash<QString, QString>> fileVariables; // per absolute file path
    QHash<QString, QHash<QString, QString>> dotenv;        // per absolute file path: the .env beside it
    QHash<QString, Core::FileScripts> fileScripts;         // per absolute file path: its global region's
    QHash<QString, QList<Core::GraphqlFragment>> graphqlFragments; // per absolute file path
    QStringList files;                                             // relative .http paths
    QHash<QString, Core::Exchange> namedExchanges;                 // for chaining
};

Workspace::Workspace(const Core::Catalog *catalog, QSettings *settings, QObject *parent)
    : QObject(parent)
    , m_catalog(catalog)
    , m_settings(settings)
    , m_config(new Core::Config(settings, this))
    , m_scriptHost(new Core::ScriptHost(Core::ScriptHost::defaultProgram(), this))
{}

Workspace::~Workspace() = default;

Workspace::CollectionState *Workspace::state(const QString &root) const
{
    const auto found = m_collections.constFind(root);
    return found == m_collections.cend() ? nullptr : found->get();
}

void Workspace::setCollection(const Core::Collection &collection, QStringList *problems)
{
    const QString root = collection.root();
    std::shared_ptr<CollectionState> &entry = m_collections[root];
    const bool first = !entry;
    if (first) {
        entry = std::make_shared<CollectionState>();
    }
    entry->environments = Core::Environments::load(root, problems);
    if (first) {
        const QStringList names = entry->environments.names();
        const bool remembered = m_settings && m_settings->contains(settingsKeyFor(root));
        QString chosen = remembered ? m_settings->value(settingsKeyFor(root)).toString() : QString();
        if (!names.contains(chosen) && !(remembered && chosen.isEmpty())) {
            chosen = names.size() == 1 ? names.first() : QString(); // "no environment" is a choice too
        }
        entry->activeEnvironment = chosen;
    }
    entry->fileVariables.clear();
    entry->dotenv.clear();
    entry->fileScripts.clear();
    entry->graphqlFragments.clear();
    entry->files.clear();
    for (const Core::CollectionFile &file : collection.files()) {
        const QString path = QDir(root).filePath(file.path);
        entry->fileVariables.insert(path, file.variables);
        entry->dotenv.insert(path, file.dotenv);
        entry->fileScripts.insert(path, file.scripts);
        entry->graphqlFragments.insert(path, file.graphqlFragments);
        entry->files.append(file.path);
    }
    loadCatalog(root, problems);
    Q_EMIT collectionChanged(root);
}

void Workspace::removeCollection(const QString &root)
{
    m_collections.remove(root);
    Q_EMIT collectionChanged(root);
}

QString Workspace::collectionOf(const QString &file) const
{
    QString best;
    for (auto it = m_collections.cbegin(); it != m_collections.cend(); ++it) {
        if ((file == it.key() || file.startsWith(it.key() + QLatin1Char('/'))) &&
            it.key().size() > best.size()) {
            best = it.key();
        }
    }
    return best;
}

Core::Environments Workspace::environments(const QString &root) const
{
    const CollectionState *entry = state(root);
    return entry ? entry->environments : Core::Environments();
}

QString Workspace::activeEnvironment(const QString &root) const
{
    const CollectionState *entry = state(root);
    return entry ? entry->activeEnvironment : QString();
}

void Workspace::selectEnvironment(const QString &root, const QString &name)
{
    CollectionState *entry = state(root);
    if (!entry) {
        return;
    }
    entry->activeEnvironment = name;
    if (m_settings) {
        m_settings->setValue(settingsKeyFor(root), name);
    }
    Q_EMIT collectionChanged(root);
}

void Workspace::reloadEnvironments(const QString &root, QStringList *problems)
{
    if (CollectionState *entry = state(root)) {
        entry->environments = Core::Environments::load(root, problems);
        Q_EMIT collectionChanged(root);
    }
}

void Workspace::loadCatalog(const QString &root, QStringList *problems)
{
    // A collection may document its API's own error codes and, once an OpenAPI description is
    // imported, its operations' responses (apilens-catalog.json). Read again when it changes.
    CollectionState *entry = state(root);
    const QFileInfo file(QDir(root).filePath(Core::Catalog::collectionFileName()));
    if (!entry || !m_catalog || !file.exists()) {
        return;
    }
    const QString stamp =
        file.lastModified().toString(Qt::ISODateWithMs) + QLatin1Char(' ') + QString::number(file.size());
    if (entry->catalog && entry->catalogStamp == stamp) {
        return;
    }
    if (entry->catalog) {
        *entry->catalog = Core::Catalog(); // in place: open tabs keep pointing at it
    } else {
        entry->catalog = std::make_shared<Core::Catalog>();
    }
    entry->catalog->loadBuiltinAndUser(problems);
    entry->catalog->loadCollection(root, problems);
    entry->catalogStamp = stamp;
}

const Core::Catalog *Workspace::catalogFor(const QString &root) const
{
    const CollectionState *entry = state(root);
    return entry && entry->catalog ? entry->catalog.get() : m_catalog;
}

QStringList Workspace::requestFiles(const QString &root) const
{
    const CollectionState *entry = state(root);
    return entry ? entry->files : QStringList();
}

void Workspace::setTrustStore(const QString &path)
{
    m_trust = Core::FolderTrust(path);
}

QString Workspace::scriptFolder(const RequestDocument *doc) const
{
    if (!doc->collection().isEmpty()) {
        return doc->collection();
    }
    return doc->hasSource() ? QFileInfo(doc->source().file).absolutePath() : QString();
}

bool Workspace::outsideFileAllowed(const QString &collection, const QString &file) const
{
    return m_outsideFiles.contains(collection + QLatin1Char('\n') + file);
}

void Workspace::allowOutsideFile(const QString &collection, const QString &file)
{
    m_outsideFiles.insert(collection + QLatin1Char('\n') + file);
}

bool Workspace::scriptsTrusted(const RequestDocument *doc) const
{
    const QString folder = scriptFolder(doc);
    return !folder.isEmpty() && m_trust.isTrusted(folder);
}

bool Workspace::trustScripts(const RequestDocument *doc, QString *error)
{
    const QString folder = scriptFolder(doc);
    if (folder.isEmpty()) {
        *error = tr("This request is in no folder");
        return false;
    }
    m_declined.remove(folder);
    return m_trust.trust(folder, error);
}

void Workspace::declineScripts(const RequestDocument *doc)
{
    m_declined.insert(scriptFolder(doc));
}

bool Workspace::scriptsDeclined(const RequestDocument *doc) const
{
    return m_declined.contains(scriptFolder(doc));
}

Core::RequestPipeline *Workspace::pipelineFor(const RequestDocument *doc, const Core::RequestSpec &spec,
                                              const Core::VariableResolver &resolver, bool sendUnresolved,
                                              Core::HttpClient *client,
                                              std::function<QString(Core::RequestSpec *)> prepare)
{
    Core::RequestPipeline::Input input;
    input.spec = spec;
    input.resolver = resolver;
    input.scripts = doc->scripts();
    if (const CollectionState *entry = state(doc->collection()); entry && doc->hasSource()) {
        // The file's global region (httpyac): its scripts run around every send from the GUI.
        const Core::FileScripts file = entry->fileScripts.value(doc->source().file);
        input.scripts = file.once + file.beforeEach + input.scripts + file.afterEach;
        input.graphqlFragments = entry->graphqlFragments.value(doc->source().file);
    }
    input.graphql = doc->parsesGraphql();
    input.jwtMembers = doc->jwtMembers();
    input.assertions = doc->assertions();
    const QString root = doc->collection();
    input.httpFile = doc->hasSource() ? doc->source().file : QString();
    input.root = root.isEmpty() ? scriptFolder(doc) : root;
    input.origin =
        input.httpFile.isEmpty() ? doc->title() : QDir(input.root).relativeFilePath(input.httpFile);
    input.requestName = doc->name();
    input.environment = activeEnvironment(root);
    input.requestLine = doc->hasSource() ? doc->source().line : 0;
    input.trustScripts = scriptsTrusted(doc);
    input.sendUnresolved = sendUnresolved;
    if (prepare) {
        input.prepare = [prepare](Core::RequestSpec *spec, const Core::VariableResolver &) {
            return prepare(spec);
        };
    }
    return new Core::RequestPipeline(client, m_scriptHost, &m_scriptGlobals, input);
}

Core::VariableResolver Workspace::resolverFor(const RequestDocument *doc) const
{
    Core::VariableResolver resolver;
    const QString root = doc->collection();
    const CollectionState *entry = state(root);
    if (doc->hasSource()) {
        // The collection's last scan has every file's variables; read the file only when it is
        // not in that snapshot yet.
        const auto found = entry ? entry->fileVariables.constFind(doc->source().file)
                                 : QHash<QString, QHash<QString, QString>>::const_iterator();
        if (entry && found != entry->fileVariables.cend()) {
            resolver.requestVariables = *found;
        } else {
            QString error;
            Core::Collection::loadRequest(doc->source(), &error, &resolver.requestVariables);
        }
        if (entry) {
            resolver.dotenv = entry->dotenv.value(doc->source().file);
        }
    }
    resolver.scriptVariables = m_scriptGlobals;
    if (entry) {
        resolver.privateEnvironment = entry->environments.privateVariables(entry->activeEnvironment);
        resolver.publicEnvironment = entry->environments.publicVariables(entry->activeEnvironment);
        // The resolver may outlive this call (the editor's marks keep it): it holds the state.
        resolver.responses = [held =
                                  m_collections.value(root)](const QString &name) -> const Core::Exchange * {
            const auto exchange = held->namedExchanges.constFind(name);
            return exchange == held->namedExchanges.cend() ? nullptr : &exchange.value();
        };
    }
    return resolver;
}

void Workspace::recordExchange(const RequestDocument *doc, const Core::Exchange &exchange)
{
    CollectionState *entry = state(doc->collection());
    if (entry && doc->hasSource() && !doc->source().name.isEmpty()) {
        entry->namedExchanges.insert(doc->source().name, exchange);
    }
}

RequestDocument *Workspace::newDocument(const Core::RequestSpec &spec, const QString &collection)
{
    auto *doc = new RequestDocument(this);
    doc->setName(spec.name);
    doc->setCollection(collection);
    doc->setSpec(spec);
    doc->setBaseline(spec);
    track(doc);
    return doc;
}

namespace {

QString filterKey(const Core::RequestLocation &where)
{
    return where.file + QLatin1Char('#') + where.name;
}

} // namespace

void Workspace::track(RequestDocument *doc)
{
    m_documents.append(doc);
    connect(doc, &RequestDocument::responseFilterChanged, this, [this, doc] {
        if (!doc->hasSource()) {
            return;
        }
        if (doc->responseFilter().isEmpty()) {
            m_responseFilters.remove(filterKey(doc->source()));
        } else {
            m_responseFilters.insert(filterKey(doc->source()), doc->responseFilter());
        }
    });
}

RequestDocument *Workspace::openDocument(const Core::RequestLocation &where, QString *error)
{
    QByteArray text;
    const std::optional<Core::HttpRequestBlock> block =
        Core::Collection::loadRequest(where, error, nullptr, &text);
    if (!block) {
        return nullptr;
    }
    Core::RequestSpec spec = block->toSpec();
    spec.name = block->name;
    Core::RequestLocation located = where;
    located.line = block->requestLine;
    RequestDocument *doc = newDocument({}, collectionOf(where.file));
    doc->setName(block->name);
    doc->setSaved(located, text, spec);
    doc->setFileChecks(*block);
    doc->setResponseFilter(m_responseFilters.value(filterKey(located)));
    return doc;
}

RequestDocument *Workspace::documentAt(const Core::RequestLocation &where) const
{
    for (RequestDocument *doc : m_documents) {
        const Core::RequestLocation &source = doc->source();
        if (source.file == where.file &&
            (!where.name.isEmpty() ? source.name == where.name : source.line == where.line)) {
            return doc;
        }
    }
    return nullptr;
}

void Workspace::closeDocument(RequestDocument *doc)
{
    m_documents.removeAll(doc);
    doc->deleteLater();
}

void Workspace::requestMoved(const Core::RequestLocation &from, const Core::RequestLocation &to)
{
    if (RequestDocument *doc = documentAt(from)) {
        doc->setSource(to, doc->savedText());
        doc->setCollection(collectionOf(to.file));
        if (!to.name.isEmpty()) {
            doc->setName(to.name);
        }
    }
}

void Workspace::pathMoved(const QString &from, const QString &to)
{
    for (RequestDocument *doc : std::as_const(m_documents)) {
        Core::RequestLocation where = doc->source();
        if (where.file == from || where.file.startsWith(from + QLatin1Char('/'))) {
            where.file = to + where.file.mid(from.size());
            doc->setSource(where, doc->savedText());
        }
    }
}

std::optional<Core::HttpRequestBlock> Workspace::readBlock(const RequestDocument *doc, QByteArray *text,
                                                           QString *error) const
{
    return Core::Collection::loadRequest(doc->source(), error, nullptr, text);
}

bool Workspace::save(RequestDocument *doc, QString *error)
{
    if (!doc->hasSource()) {
        *error = tr("This request is not in a collection yet.");
        return false;
    }
    Core::RequestLocation where = doc->source();
    const Core::RequestSpec spec = doc->spec();
    QByteArray text;
    const Core::RequestSpec file = Core::forHttpFile(spec, QFileInfo(where.file).absolutePath()).spec;
    if (!Core::Collection::saveRequest(&where, file, error, &text)) {
        return false;
    }
    doc->setSaved(where, text, spec);
    return true;
}

bool Workspace::saveTo(RequestDocument *doc, const QString &file, const QString &name, QString *error)
{
    QString readError;
    const std::optional<QByteArray> before =
        QFileInfo::exists(file) ? Core::readFile(file, &readError) : std::optional<QByteArray>(QByteArray());
    if (!before) {
        *error = readError;
        return false;
    }
    Core::HttpDocument document = Core::HttpDocument::parse(*before);
    for (const Core::HttpRequestBlock &block : document.requests()) {
        if (block.name == name) {
            *error = tr("%1 already has a request named “%2”; choose another name.")
                         .arg(QFileInfo(file).fileName(), name);
            return false;
        }
    }
    Core::RequestSpec spec = doc->spec();
    spec.name = name;
    const int index =
        document.appendRequest(name, Core::forHttpFile(spec, QFileInfo(file).absolutePath()).spec);
    if (!QDir().mkpath(QFileInfo(file).absolutePath()) ||
        !Core::writeFileAtomically(file, document.serialize(), error)) {
        if (error->isEmpty()) {
            *error = tr("Cannot create the folder of %1").arg(file);
        }
        return false;
    }
    doc->setName(name);
    doc->setCollection(collectionOf(file));
    doc->setSaved({file, name, document.blocks().at(index).requestLine}, document.blockText(index), spec);
    return true;
}

void Workspace::setSessionJournal(const QString &path)
{
    m_journal = std::make_unique<Core::SessionJournal>(path);
}

QString Workspace::sessionJournalPath() const
{
    return m_journal ? m_journal->path() : QString();
}

bool Workspace::writeSession(const QList<RequestDocument *> &order, int current, QString *error)
{
    if (!m_journal) {
        return true;
    }
    Core::Session session;
    session.current = current;
    for (const RequestDocument *doc : order) {
        session.tabs.append({doc->name(), doc->source(), doc->collection(), doc->savedText(),
                             doc->savedSpec(), doc->spec(), doc->responseFilter()});
    }
    session.responseFilters = m_responseFilters;
    return m_journal->write(session, error);
}

QList<RequestDocument *> Workspace::restoreSession(int *current, QStringList *notes)
{
    QList<RequestDocument *> restored;
    *current = 0;
    if (!m_journal) {
        return restored;
    }
    QString error;
    const std::optional<Core::Session> session = m_journal->read(&error);
    if (!session) {
        notes->append(error);
        return restored;
    }
    m_responseFilters = session->responseFilters;
    for (const Core::SessionTab &tab : session->tabs) {
        auto *doc = new RequestDocument(this);
        doc->setResponseFilter(tab.responseFilter);
        doc->setName(tab.name);
        doc->setCollection(tab.collection);
        doc->setSaved(tab.source, tab.savedText, tab.savedSpec);
        doc->setSpec(tab.spec);
        if (tab.source.isValid()) {
            // The file may have changed while ApiLens was closed: the typed content stays,
            // and the tab now compares with what the file holds.
            QByteArray text;
            QString problem;
            const std::optional<Core::HttpRequestBlock> block = readBlock(doc, &text, &problem);
            if (!block) {
                notes->append(tr("%1: kept from the last session; %2").arg(tab.name, problem));
            } else if (text != tab.savedText) {
                Core::RequestLocation where = tab.source;
                where.line = block->requestLine;
                Core::RequestSpec onDisk = block->toSpec();
                onDisk.name = block->name;
                const bool unchanged = tab.spec == tab.savedSpec;
                doc->setSaved(where, text, onDisk);
                if (!unchanged) {
                    doc->setSpec(tab.spec);
                    notes->append(tr("“%1” changed on disk since the last session; the tab keeps your edits")
                                      .arg(tab.name.isEmpty() ? doc->title() : tab.name));
                }
            }
            if (block) {
                doc->setFileChecks(*block);
            }
        }
        track(doc);
        restored.append(doc);
    }
    *current = session->current;
    return restored;
}

bool Workspace::exportPostman(const QString &root, const QString &path, QStringList *lost,
                              QString *error) const
{
    // $shared and the chosen environment's public values become collection variables.
    const QByteArray json =
        Core::exportPostman(root, environments(root).publicVariables(activeEnvironment(root)), lost);
    return Core::writeFileAtomically(path, json, error);
}

bool Workspace::exportCurlScript(const QString &root, const QString &path, QStringList *unresolved,
                                 int *requests, QString *error) const
{
    // The chosen environment's public values; secrets stay {{name}} rather than land in a file.
    Core::VariableResolver resolver;
    resolver.publicEnvironment = environments(root).publicVariables(activeEnvironment(root));
    const std::optional<QByteArray> script = Core::toCurlScript(root, resolver, unresolved, requests, error);
    if (!script || !Core::writeFileAtomically(path, *script, error)) {
        return false;
    }
    QFile::setPermissions(path, QFile::permissions(path) | QFile::ExeOwner | QFile::ExeUser);
    return true;
}

} // namespace ApiLens::Ui
