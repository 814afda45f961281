#include "editjournal.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ApiLens::Core {

RequestSpec JournalEntry::spec() const
{
    const QList<HttpRequestBlock> requests = HttpDocument::parse(text).requests();
    return requests.isEmpty() ? RequestSpec{} : requests.first().toSpec();
}

JournalEntry JournalEntry::fromSpec(const RequestLocation &source, const QString &title,
                                    const RequestSpec &spec)
{
    HttpDocument document = HttpDocument::parse(QByteArray());
    document.appendRequest(source.name, spec);
    return {source, title, document.serialize()};
}

bool EditJournal::write(const QList<JournalEntry> &entries, QString *error) const
{
    if (entries.isEmpty()) {
        clear();
        return true;
    }
    QJsonArray array;
    for (const JournalEntry &entry : entries) {
        array.append(QJsonObject{{QStringLiteral("file"), entry.source.file},
                                 {QStringLiteral("name"), entry.source.name},
                                 {QStringLiteral("line"), entry.source.line},
                                 {QStringLiteral("title"), entry.title},
                                 {QStringLiteral("text"), QString::fromUtf8(entry.text)}});
    }
    const QJsonObject root{{QStringLiteral("version"), 1}, {QStringLiteral("entries"), array}};
    return writeFileAtomically(m_path, QJsonDocument(root).toJson(QJsonDocument::Indented), error);
}

QList<JournalEntry> EditJournal::read(QString *error) const
{
    QList<JournalEntry> entries;
    QFile file(m_path);
    if (!file.exists()) {
        return entries;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(m_path, file.errorString());
        return entries;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject() ||
        document.object().value(QStringLiteral("version")).toInt() != 1) {
        *error = QStringLiteral("%1: not an edit journal (%2)")
                     .arg(m_path, parseError.error != QJsonParseError::NoError
                                      ? parseError.errorString()
                                      : QStringLiteral("unknown version"));
        return entries;
    }
    const QJsonArray array = document.object().value(QStringLiteral("entries")).toArray();
    for (const QJsonValue &value : array) {
        const QJsonObject object = value.toObject();
        JournalEntry entry;
        entry.source.file = object.value(QStringLiteral("file")).toString();
        entry.source.name = object.value(QStringLiteral("name")).toString();
        entry.source.line = object.value(QStringLiteral("line")).toInt();
        entry.title = object.value(QStringLiteral("title")).toString();
        entry.text = object.value(QStringLiteral("text")).toString().toUtf8();
        entries.append(entry);
    }
    return entries;
}

void EditJournal::clear() const
{
    QFile::remove(m_path);
}

} // namespace ApiLens::Core
