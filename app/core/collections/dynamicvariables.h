#pragma once

#include <QDateTime>
#include <QHash>
#include <QString>

#include <functional>
#include <optional>

class QRandomGenerator;

namespace ApiLens::Core {

// What a dynamic variable may read: the clock, the process environment, the .env file beside
// the .http file, a random source. Tests pass fixed ones.
struct DynamicContext
{
    QDateTime now;                                                     // invalid: the current time
    std::function<std::optional<QString>(const QString &)> processEnv; // empty: the real environment
    QHash<QString, QString> dotenv;
    QHash<QString, QString> variables;  // for {{$processEnv %name}}: the name is a variable's value
    QRandomGenerator *random = nullptr; // null: QRandomGenerator::global()
};

// The value of a dynamic variable, without its braces, as the REST Client, httpyac and the
// JetBrains client define them:
//   $uuid, $guid, $random.uuid                      a random UUID
//   $timestamp [offset unit]                        UNIX time in seconds (unit: y M w d h m s ms)
//   $isoTimestamp                                   UTC, ISO 8601 with milliseconds
//   $datetime rfc1123|iso8601|"format" [offset unit], $localDatetime … (format in day.js tokens)
//   $randomInt [min max]                            min <= n < max (0 to 1000 by default)
//   $random.integer(from, to), $random.float(from, to)
//   $random.alphabetic(n), $random.alphanumeric(n), $random.hexadecimal(n), $random.email
//   $processEnv [%]NAME, $dotenv [%]NAME           empty when not set
// nullopt when `expression` is none of them, or its arguments are out of range (`error` says why).
std::optional<QString> dynamicVariable(const QString &expression, const DynamicContext &context,
                                       QString *error = nullptr);

// A date in day.js format tokens (YYYY-MM-DDTHH:mm:ss.SSSZ, [text] kept as written).
QString formatDayJs(const QDateTime &when, const QString &format);

} // namespace ApiLens::Core
