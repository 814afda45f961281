#pragma once

#include <QString>

#include <optional>

namespace ApiLens::Core {

// "171 B", "12.4 KB", "3.1 MB", "1.25 GB"
QString humanSize(qint64 bytes);
// A size as people write it: "1048576", "500k", "100M", "2G", "1.5 GB", "64 MiB" (k, M, G, T
// are powers of 1024, as curl's --max-filesize reads them); nullopt when it is none, or more
// than fits in 63 bits.
std::optional<qint64> parseSize(const QString &text);
// "84 ms", "1.25 s"
QString humanDuration(double milliseconds);
// "1 assertion", "3 assertions" (English plurals without a translation file)
QString countOf(qsizetype count, const QString &singular, const QString &plural);

} // namespace ApiLens::Core
