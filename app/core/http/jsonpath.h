#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <atomic>

namespace ApiLens::Core {

struct JsonPathResult
{
    QByteArray json; // the values selected, as one compact JSON array in document order
    qint64 count = 0;
    QString error; // what could not be read (the expression, or the body) and where
    bool cancelled = false;
};

// A body of at most this size is filtered (its parsed form takes about three times as much).
constexpr qint64 JsonPathLimitBytes = qint64(512) << 20;

// Selects from a JSON document with a JSONPath query (RFC 9535): `$`, `.name`, `['name']`,
// `[3]`, `[-1]`, `[1:5:2]`, `*`, `..` (descendants), unions `[0,2]`, and filters
// `[?@.price > 10 && @.tags]` (also written `[?(...)]`) with ==, !=, <, <=, >, >=, !, &&, ||,
// and the functions length(), count(), match(), search() and value(). Pure and thread-safe,
// for a worker; `cancel` is polled. The body is parsed with simdjson.
JsonPathResult evaluateJsonPath(QByteArrayView json, const QString &expression,
                                const std::atomic_bool *cancel = nullptr);

// Empty when `expression` is a valid query; otherwise the message, with the character where
// it went wrong.
QString checkJsonPath(const QString &expression);

} // namespace ApiLens::Core
