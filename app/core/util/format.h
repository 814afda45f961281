#pragma once

#include <QString>

namespace ApiLens::Core {

// "171 B", "12.4 KB", "3.1 MB", "1.25 GB"
QString humanSize(qint64 bytes);
// "84 ms", "1.25 s"
QString humanDuration(double milliseconds);
// "1 assertion", "3 assertions" (English plurals without a translation file)
QString countOf(qsizetype count, const QString &singular, const QString &plural);

} // namespace ApiLens::Core
