#pragma once

#include <QList>
#include <QString>

namespace ApiLens::Core {

struct KeyValue
{
    QString name;
    QString value;
    bool enabled = true;

    friend bool operator==(const KeyValue &a, const KeyValue &b)
    {
        return a.name == b.name && a.value == b.value && a.enabled == b.enabled;
    }
};

// The query part of a URL as the user typed it, kept raw (no percent-decoding) so that
// {{variables}} and the user's own encoding survive a round trip through the params table.
namespace UrlQuery {

// "https://h/p?a=1&b&c=x%20y#f" -> [a=1, b=, c=x%20y]
QList<KeyValue> parse(const QString &url);

// Replaces the query of url with the enabled params (raw), keeping scheme, path and fragment.
QString withParams(const QString &url, const QList<KeyValue> &params);

} // namespace UrlQuery
} // namespace ApiLens::Core
