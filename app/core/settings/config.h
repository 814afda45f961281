#pragma once

#include "http/requestspec.h"

#include <QObject>
#include <QVariant>

class QSettings;

namespace ApiLens::Core {

// The user's preferences (Edit › Preferences): one enum of keys and one table of defaults,
// each key with its name in the settings file and the values it may take (KeePassXC's Config
// is the model). A stored value that is not one of those reads as the default, so a
// hand-edited or older file never gives the app a value it cannot use. Window state (geometry,
// docks, splitters) and the collections open last time are kept apart, by the window.
class Config : public QObject
{
    Q_OBJECT
public:
    enum Key {
        // Defaults of a new request (a new tab; a saved request says its own).
        RequestTimeoutSeconds, // 0: no limit
        RequestFollowRedirects,
        RequestMaxRedirects,
        RequestVerifyTls,
        RequestHttp2,
        ProxyMode, // "system", "none", "manual"
        ProxyHost,
        ProxyPort,
        // Responses and history.
        MemoryBodyBytes, // larger bodies go to a temporary file
        MaxBodyBytes,    // larger bodies are cut off
        HistoryRetention,
        // Appearance.
        Theme,            // "system", "light", "dark"
        EditorFontFamily, // empty: the system's fixed-width font
        EditorFontSize,   // points; 0: the font's own
        KeyCount
    };
    Q_ENUM(Key)

    explicit Config(QSettings *settings, QObject *parent = nullptr);

    QVariant get(Key key) const;
    // Stores `value` if the key takes it (returns false otherwise) and emits changed().
    bool set(Key key, const QVariant &value);
    void reset(Key key);

    static QVariant defaultValue(Key key);
    static QString settingsName(Key key);
    // Whether `value` is one the key takes (type, range, choices).
    static bool accepts(Key key, const QVariant &value);
    static QStringList choices(Key key); // the values of a key with a fixed set, else empty

    // The settings a new request starts with.
    RequestSettings requestDefaults() const;

Q_SIGNALS:
    void changed(ApiLens::Core::Config::Key key);

private:
    QSettings *m_settings;
};

} // namespace ApiLens::Core
