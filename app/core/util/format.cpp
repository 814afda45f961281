#include "format.h"

namespace ApiLens::Core {

QString humanSize(qint64 bytes)
{
    if (bytes < 1000) {
        return QStringLiteral("%1 B").arg(bytes);
    }
    if (bytes < 1000 * 1024) {
        return QStringLiteral("%1 KB").arg(double(bytes) / 1024.0, 0, 'f', 1);
    }
    if (bytes < 1000LL * 1024 * 1024) {
        return QStringLiteral("%1 MB").arg(double(bytes) / (1024.0 * 1024.0), 0, 'f', 1);
    }
    return QStringLiteral("%1 GB").arg(double(bytes) / (1024.0 * 1024.0 * 1024.0), 0, 'f', 2);
}

QString humanDuration(double milliseconds)
{
    if (milliseconds < 0) {
        return QStringLiteral("—");
    }
    if (milliseconds < 10) {
        return QStringLiteral("%1 ms").arg(milliseconds, 0, 'f', 1);
    }
    if (milliseconds < 1000) {
        return QStringLiteral("%1 ms").arg(qRound(milliseconds));
    }
    return QStringLiteral("%1 s").arg(milliseconds / 1000.0, 0, 'f', 2);
}

QString countOf(qsizetype count, const QString &singular, const QString &plural)
{
    return QStringLiteral("%1 %2").arg(count).arg(count == 1 ? singular : plural);
}

} // namespace ApiLens::Core
