#include "format.h"

#include <QRegularExpression>

#include <cmath>

namespace ApiLens::Core {

std::optional<qint64> parseSize(const QString &text)
{
    static const QRegularExpression size(
        QStringLiteral("^\\s*(\\d+(?:\\.\\d+)?)\\s*(?:([kmgt])(?:i?b)?|b)?\\s*$"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = size.match(text);
    if (!m.hasMatch()) {
        return std::nullopt;
    }
    const QString unit = m.captured(2).toLower();
    const int power = unit.isEmpty() ? 0 : int(QStringLiteral("kmgt").indexOf(unit)) + 1;
    const double value = m.captured(1).toDouble() * std::pow(1024.0, power);
    if (!(value < 9.2e18)) {
        return std::nullopt;
    }
    return qint64(std::llround(value));
}

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
