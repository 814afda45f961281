#include "config.h"

#include <QSettings>

#include <array>

namespace ApiLens::Core {

namespace {

struct Entry
{
    Config::Key key;
    const char *name; // in the settings file
    QVariant value;   // the default; its type is the key's
    qint64 minimum = 0;
    qint64 maximum = 0; // 0 with minimum 0: no range (strings, booleans)
    QStringList choices = {};
};

const RequestSettings builtIn;

// The one table: every key, its name, default and the values it takes. The older names
// ("responses/maxBodyBytes", "history/retention") are kept, so earlier settings carry over.
const std::array<Entry, Config::KeyCount> &table()
{
    static const std::array<Entry, Config::KeyCount> entries{{
        {Config::RequestTimeoutSeconds, "requests/timeoutSeconds", builtIn.timeoutMs / 1000, 0, 24 * 3600},
        {Config::RequestFollowRedirects, "requests/followRedirects", builtIn.followRedirects},
        {Config::RequestMaxRedirects, "requests/maxRedirects", builtIn.maxRedirects, 0, 100},
        {Config::RequestVerifyTls, "requests/verifyTls", builtIn.verifyTls},
        {Config::RequestHttp2, "requests/http2", builtIn.allowHttp2},
        {Config::ProxyMode,
         "requests/proxyMode",
         QStringLiteral("system"),
         0,
         0,
         {QStringLiteral("system"), QStringLiteral("none"), QStringLiteral("manual")}},
        {Config::ProxyHost, "requests/proxyHost", QString()},
        {Config::ProxyPort, "requests/proxyPort", 8080, 1, 65535},
        {Config::MemoryBodyBytes, "responses/memoryBodyBytes", qint64(8) << 20, qint64(64) << 10,
         qint64(4) << 30},
        {Config::MaxBodyBytes, "responses/maxBodyBytes", qint64(2) << 30, qint64(1) << 10, qint64(1) << 40},
        {Config::HistoryRetention, "history/retention", 100000, 100, 1000000},
        {Config::Theme,
         "appearance/theme",
         QStringLiteral("system"),
         0,
         0,
         {QStringLiteral("system"), QStringLiteral("light"), QStringLiteral("dark")}},
        {Config::EditorFontFamily, "appearance/editorFontFamily", QString()},
        {Config::EditorFontSize, "appearance/editorFontSize", 0, 0, 72},
    }};
    return entries;
}

const Entry &entry(Config::Key key)
{
    const Entry &found = table().at(size_t(key));
    Q_ASSERT(found.key == key);
    return found;
}

// `value` as the key's type, if it converts exactly (a settings file holds strings).
std::optional<QVariant> converted(const Entry &e, const QVariant &value)
{
    if (!value.isValid()) {
        return std::nullopt;
    }
    switch (e.value.typeId()) {
    case QMetaType::Bool: {
        if (value.typeId() == QMetaType::Bool) {
            return value;
        }
        const QString text = value.toString();
        if (text == QLatin1String("true") || text == QLatin1String("false")) {
            return QVariant(text == QLatin1String("true"));
        }
        return std::nullopt;
    }
    case QMetaType::Int:
    case QMetaType::LongLong: {
        bool ok = false;
        const qint64 number = value.toLongLong(&ok);
        if (!ok || number < e.minimum || number > e.maximum) {
            // 0 means "none" for the timeout and the font size, inside their ranges already.
            return std::nullopt;
        }
        return e.value.typeId() == QMetaType::Int ? QVariant(int(number)) : QVariant(number);
    }
    default: {
        if (value.typeId() != QMetaType::QString && value.typeId() != QMetaType::QByteArray) {
            return std::nullopt;
        }
        const QString text = value.toString();
        if (!e.choices.isEmpty() && !e.choices.contains(text)) {
            return std::nullopt;
        }
        return QVariant(text);
    }
    }
}

} // namespace

Config::Config(QSettings *settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
{}

QVariant Config::defaultValue(Key key)
{
    return entry(key).value;
}

QString Config::settingsName(Key key)
{
    return QString::fromLatin1(entry(key).name);
}

bool Config::accepts(Key key, const QVariant &value)
{
    return converted(entry(key), value).has_value();
}

QStringList Config::choices(Key key)
{
    return entry(key).choices;
}

QVariant Config::get(Key key) const
{
    const Entry &e = entry(key);
    return converted(e, m_settings->value(QString::fromLatin1(e.name))).value_or(e.value);
}

bool Config::set(Key key, const QVariant &value)
{
    const Entry &e = entry(key);
    const std::optional<QVariant> accepted = converted(e, value);
    if (!accepted) {
        return false;
    }
    const QVariant before = get(key);
    m_settings->setValue(QString::fromLatin1(e.name), *accepted);
    if (before != *accepted) {
        Q_EMIT changed(key);
    }
    return true;
}

void Config::reset(Key key)
{
    const QVariant before = get(key);
    m_settings->remove(settingsName(key));
    if (before != defaultValue(key)) {
        Q_EMIT changed(key);
    }
}

RequestSettings Config::requestDefaults() const
{
    RequestSettings settings;
    settings.timeoutMs = get(RequestTimeoutSeconds).toInt() * 1000;
    settings.followRedirects = get(RequestFollowRedirects).toBool();
    settings.maxRedirects = get(RequestMaxRedirects).toInt();
    settings.verifyTls = get(RequestVerifyTls).toBool();
    settings.allowHttp2 = get(RequestHttp2).toBool();
    const QString proxy = get(ProxyMode).toString();
    settings.proxy.mode = proxy == QLatin1String("none")     ? Core::ProxyMode::None
                          : proxy == QLatin1String("manual") ? Core::ProxyMode::Manual
                                                             : Core::ProxyMode::System;
    if (settings.proxy.mode == Core::ProxyMode::Manual) {
        settings.proxy.host = get(ProxyHost).toString();
        settings.proxy.port = quint16(get(ProxyPort).toInt());
    }
    return settings;
}

} // namespace ApiLens::Core
