#include "sessionjournal.h"

#include "http/requestspecjson.h"
#include "util/fileutil.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ApiLens::Core {

namespace {

constexpr int Version = 1;

QJsonObject tabToJson(const SessionTab &tab)
{
    return QJsonObject{{QStringLiteral("name"), tab.name},
                       {QStringLiteral("file"), tab.source.file},
                       {QStringLiteral("request"), tab.source.name},
                       {QStringLiteral("line"), tab.source.line},
                       {QStringLiteral("collection"), tab.collection},
                       {QStringLiteral("savedText"), QString::fromUtf8(tab.savedText)},
                       {QStringLiteral("savedSpec"), requestSpecToJson(tab.savedSpec)},
                       {QStringLiteral("spec"), requestSpecToJson(tab.spec)},
                       {QStringLiteral("responseFilter"), tab.responseFilter}};
}

SessionTab tabFromJson(const QJsonObject &json)
{
    SessionTab tab;
    tab.name = json.value(QStringLiteral("name")).toString();
    tab.source.file = json.value(QStringLiteral("file")).toString();
    tab.source.name = json.value(QStringLiteral("request")).toString();
    tab.source.line = json.value(QStringLiteral("line")).toInt();
    tab.collection = json.value(QStringLiteral("collection")).toString();
    tab.savedText = json.value(QStringLiteral("savedText")).toString().toUtf8();
    tab.savedSpec = requestSpecFromJson(json.value(QStringLiteral("savedSpec")).toObject());
    tab.spec = requestSpecFromJson(json.value(QStringLiteral("spec")).toObject());
    tab.responseFilter = json.value(QStringLiteral("responseFilter")).toString();
    return tab;
}

} // namespace

bool SessionJournal::write(const Session &session, QString *error) const
{
    QJsonArray tabs;
    for (const SessionTab &tab : session.tabs) {
        tabs.append(tabToJson(tab));
    }
    QJsonObject filters;
    for (auto it = session.responseFilters.cbegin(); it != session.responseFilters.cend(); ++it) {
        filters.insert(it.key(), it.value());
    }
    const QJsonObject root{{QStringLiteral("version"), Version},
                           {QStringLiteral("current"), session.current},
                           {QStringLiteral("tabs"), tabs},
                           {QStringLiteral("responseFilters"), filters}};
    // What was typed may hold a password: the journal is its user's only.
    return writeFileAtomically(m_path, QJsonDocument(root).toJson(QJsonDocument::Compact), error,
                               FileAccess::OwnerOnly);
}

std::optional<Session> SessionJournal::read(QString *error) const
{
    if (!QFile::exists(m_path)) {
        return Session{};
    }
    QString problem;
    const std::optional<QByteArray> bytes = readFile(m_path, &problem);
    QJsonParseError parseError{};
    const QJsonDocument document = bytes ? QJsonDocument::fromJson(*bytes, &parseError) : QJsonDocument();
    if (!bytes || parseError.error != QJsonParseError::NoError || !document.isObject()) {
        // Kept aside for a human to look at; the next write starts a new journal.
        QFile::remove(m_path + QStringLiteral(".broken"));
        QFile::rename(m_path, m_path + QStringLiteral(".broken"));
        *error = QStringLiteral("The session journal %1 could not be read (%2); it was kept as %1.broken")
                     .arg(m_path, bytes ? parseError.errorString() : problem);
        return std::nullopt;
    }
    const QJsonObject root = document.object();
    Session session;
    for (const QJsonValue &tab : root.value(QStringLiteral("tabs")).toArray()) {
        session.tabs.append(tabFromJson(tab.toObject()));
    }
    const QJsonObject filters = root.value(QStringLiteral("responseFilters")).toObject();
    for (auto it = filters.begin(); it != filters.end(); ++it) {
        session.responseFilters.insert(it.key(), it.value().toString());
    }
    session.current =
        qBound(0, root.value(QStringLiteral("current")).toInt(), qMax(0, int(session.tabs.size()) - 1));
    return session;
}

} // namespace ApiLens::Core
