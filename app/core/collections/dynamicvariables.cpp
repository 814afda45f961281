#include "dynamicvariables.h"

#include <QLocale>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUuid>

#include <algorithm>
#include <cmath>
#include <limits>

namespace ApiLens::Core {

namespace {

// Arguments as the REST Client writes them: words, or 'quoted' / "quoted" formats.
QStringList arguments(const QString &text)
{
    static const QRegularExpression word(QStringLiteral("'([^']*)'|\"([^\"]*)\"|(\\S+)"));
    QStringList list;
    QRegularExpressionMatchIterator it = word.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        list.append(m.hasCaptured(1) ? m.captured(1) : m.hasCaptured(2) ? m.captured(2) : m.captured(3));
    }
    return list;
}

bool fail(QString *error, const QString &message)
{
    if (error) {
        *error = message;
    }
    return false;
}

// "-1 d", "+2 h": shifts `when`; false for a unit or amount it cannot take.
bool applyOffset(QDateTime *when, const QStringList &args, int at, QString *error)
{
    if (args.size() <= at) {
        return true;
    }
    bool ok = false;
    const qint64 amount = args[at].toLongLong(&ok);
    const QString unit = args.value(at + 1);
    // Beyond 10,000 years either way a date means nothing; the bound also keeps the sums in range.
    if (!ok || std::llabs(amount) > 315'360'000'000LL) {
        return fail(
            error,
            QStringLiteral("'%1' is not an offset such as -1 d").arg(args.mid(at).join(QLatin1Char(' '))));
    }
    if (unit == QLatin1String("y")) {
        *when = when->addYears(int(std::clamp<qint64>(amount, -10000, 10000)));
    } else if (unit == QLatin1String("M")) {
        *when = when->addMonths(int(std::clamp<qint64>(amount, -120000, 120000)));
    } else if (unit == QLatin1String("w")) {
        *when = when->addDays(std::clamp<qint64>(amount, -530000, 530000) * 7);
    } else if (unit == QLatin1String("d")) {
        *when = when->addDays(std::clamp<qint64>(amount, -3700000, 3700000));
    } else if (unit == QLatin1String("h") || unit == QLatin1String("m") || unit == QLatin1String("s") ||
               unit == QLatin1String("ms")) {
        const qint64 ms = unit == QLatin1String("h")   ? 3'600'000
                          : unit == QLatin1String("m") ? 60'000
                          : unit == QLatin1String("s") ? 1000
                                                       : 1;
        constexpr qint64 tenThousandYearsMs = 315'360'000'000'000LL;
        *when = when->addMSecs(std::clamp<qint64>(amount, -tenThousandYearsMs / ms, tenThousandYearsMs / ms) *
                               ms);
    } else {
        return fail(error, QStringLiteral("'%1' is not a unit (y, M, w, d, h, m, s or ms)").arg(unit));
    }
    return true;
}

std::optional<QString> datetime(const QStringList &args, bool local, const DynamicContext &context,
                                QString *error)
{
    QDateTime when = context.now.isValid() ? context.now : QDateTime::currentDateTimeUtc();
    when = local ? when.toLocalTime() : when.toUTC();
    const QString format = args.value(1);
    if (format.isEmpty()) {
        fail(error, QStringLiteral("%1 needs a format: rfc1123, iso8601 or \"YYYY-MM-DD\"").arg(args[0]));
        return std::nullopt;
    }
    if (!applyOffset(&when, args, 2, error)) {
        return std::nullopt;
    }
    if (format == QLatin1String("rfc1123")) {
        return QLocale::c().toString(when.toUTC(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    }
    if (format == QLatin1String("iso8601")) {
        return local ? formatDayJs(when, QStringLiteral("YYYY-MM-DDTHH:mm:ssZ"))
                     : when.toString(Qt::ISODateWithMs);
    }
    return formatDayJs(when, format);
}

QString randomText(QRandomGenerator *random, int length, const QString &alphabet)
{
    QString text;
    text.reserve(length);
    for (int i = 0; i < length; ++i) {
        text += alphabet.at(int(random->bounded(quint32(alphabet.size()))));
    }
    return text;
}

const QString Letters = QStringLiteral("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
const QString Digits = QStringLiteral("0123456789");

// JetBrains' $random.* family, with its arguments in parentheses.
std::optional<QString> jetBrainsRandom(const QString &name, const QString &inside, QRandomGenerator *random,
                                       QString *error)
{
    const QStringList args = inside.split(QLatin1Char(','), Qt::SkipEmptyParts);
    QList<double> numbers;
    for (const QString &arg : args) {
        bool ok = false;
        numbers.append(arg.trimmed().toDouble(&ok));
        if (!ok || !std::isfinite(numbers.last())) {
            fail(error, QStringLiteral("$random.%1: '%2' is not a number").arg(name, arg.trimmed()));
            return std::nullopt;
        }
    }
    const auto length = [&]() -> std::optional<int> {
        const double n = numbers.value(0, 10);
        if (n < 0 || n > 100000) {
            fail(error, QStringLiteral("$random.%1 takes a length from 0 to 100000").arg(name));
            return std::nullopt;
        }
        return int(n);
    };
    if (name == QLatin1String("integer") || name == QLatin1String("float")) {
        const double low = numbers.value(0, 0);
        const double high = numbers.value(1, 1000);
        constexpr double limit = 9007199254740992.0; // 2^53: exact in a double
        if (std::abs(low) > limit || std::abs(high) > limit) {
            fail(error, QStringLiteral("$random.%1 takes bounds within ±2^53").arg(name));
            return std::nullopt;
        }
        if (name == QLatin1String("float")) {
            return QString::number(low + random->generateDouble() * (high - low), 'g', 16);
        }
        const qint64 from = qint64(std::ceil(low));
        const qint64 to = qint64(std::floor(high));
        return QString::number(to > from ? from + qint64(random->bounded(quint64(to - from))) : from);
    }
    if (name == QLatin1String("alphabetic") || name == QLatin1String("alphanumeric") ||
        name == QLatin1String("hexadecimal")) {
        const std::optional<int> n = length();
        if (!n) {
            return std::nullopt;
        }
        return randomText(random, *n,
                          name == QLatin1String("alphabetic")     ? Letters
                          : name == QLatin1String("alphanumeric") ? Letters + Digits + QLatin1Char('_')
                                                                  : QStringLiteral("0123456789ABCDEF"));
    }
    if (name == QLatin1String("email")) {
        return randomText(random, 10, Letters + Digits) + QLatin1Char('@') + randomText(random, 8, Letters) +
               QStringLiteral(".com");
    }
    if (name == QLatin1String("uuid")) {
        return QUuid::createUuid().toString(QUuid::WithoutBraces);
    }
    return std::nullopt;
}

std::optional<QString> randomInt(const QStringList &args, QRandomGenerator *random, QString *error)
{
    qint64 low = 0;
    qint64 high = 1000;
    if (args.size() >= 3) {
        bool okLow = false;
        bool okHigh = false;
        low = args[1].toLongLong(&okLow);
        high = args[2].toLongLong(&okHigh);
        constexpr qint64 limit = std::numeric_limits<qint64>::max() / 2;
        if (!okLow || !okHigh || std::llabs(low) > limit || std::llabs(high) > limit) {
            fail(error,
                 QStringLiteral("$randomInt takes two whole numbers, not '%1 %2'").arg(args[1], args[2]));
            return std::nullopt;
        }
    }
    return QString::number(high > low ? low + qint64(random->bounded(quint64(high - low))) : low);
}

std::optional<QString> environmentValue(const QStringList &args, const DynamicContext &context, bool dotenv)
{
    QString name = args.value(1);
    if (name.startsWith(QLatin1Char('%'))) { // the name is itself a variable's value
        name = context.variables.value(name.mid(1));
    }
    if (name.isEmpty()) {
        return std::nullopt;
    }
    // An unset name is empty, as in httpyac and the REST Client.
    if (dotenv) {
        return context.dotenv.value(name);
    }
    if (context.processEnv) {
        return context.processEnv(name).value_or(QString());
    }
    return qEnvironmentVariable(name.toLocal8Bit().constData());
}

} // namespace

std::optional<QString> dynamicVariable(const QString &expression, const DynamicContext &context,
                                       QString *error)
{
    const QString text = expression.trimmed();
    QRandomGenerator *random = context.random ? context.random : QRandomGenerator::global();
    static const QRegularExpression call(QStringLiteral("^\\$random\\.(\\w+)(?:\\((.*)\\))?$"));
    if (const QRegularExpressionMatch m = call.match(text); m.hasMatch()) {
        return jetBrainsRandom(m.captured(1), m.captured(2), random, error);
    }
    const QStringList args = arguments(text);
    const QString name = args.value(0);
    if (name == QLatin1String("$uuid") || name == QLatin1String("$guid")) {
        return QUuid::createUuid().toString(QUuid::WithoutBraces);
    }
    if (name == QLatin1String("$timestamp")) {
        QDateTime when = context.now.isValid() ? context.now : QDateTime::currentDateTimeUtc();
        if (!applyOffset(&when, args, 1, error)) {
            return std::nullopt;
        }
        return QString::number(when.toSecsSinceEpoch());
    }
    if (name == QLatin1String("$isoTimestamp")) {
        return (context.now.isValid() ? context.now : QDateTime::currentDateTimeUtc())
            .toUTC()
            .toString(Qt::ISODateWithMs);
    }
    if (name == QLatin1String("$datetime") || name == QLatin1String("$localDatetime")) {
        return datetime(args, name == QLatin1String("$localDatetime"), context, error);
    }
    if (name == QLatin1String("$randomInt")) {
        return randomInt(args, random, error);
    }
    if (name == QLatin1String("$processEnv") || name == QLatin1String("$dotenv")) {
        return environmentValue(args, context, name == QLatin1String("$dotenv"));
    }
    return std::nullopt;
}

QString formatDayJs(const QDateTime &when, const QString &format)
{
    // Longest tokens first, so that "MMMM" is not read as "MM" twice.
    static const QRegularExpression token(QStringLiteral(
        "\\[([^\\]]*)\\]|YYYY|YY|MMMM|MMM|MM|M|DD|D|dddd|ddd|dd|d|HH|H|hh|h|mm|m|ss|s|SSS|ZZ|Z|A|a|X|x"));
    const QLocale c = QLocale::c();
    const QDate date = when.date();
    const QTime time = when.time();
    const int offset = when.offsetFromUtc() / 60;
    const auto zone = [offset](bool colon) -> QString {
        const QString sign = offset < 0 ? QStringLiteral("-") : QStringLiteral("+");
        const QString hours = QStringLiteral("%1").arg(std::abs(offset) / 60, 2, 10, QLatin1Char('0'));
        const QString minutes = QStringLiteral("%1").arg(std::abs(offset) % 60, 2, 10, QLatin1Char('0'));
        return sign + hours + (colon ? QStringLiteral(":") : QString()) + minutes;
    };
    const auto two = [](int n) -> QString {
        return QStringLiteral("%1").arg(n, 2, 10, QLatin1Char('0'));
    };
    const int hour12 = time.hour() % 12 == 0 ? 12 : time.hour() % 12;
    QString out;
    qsizetype pos = 0;
    QRegularExpressionMatchIterator it = token.globalMatch(format);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += format.mid(pos, m.capturedStart() - pos);
        pos = m.capturedEnd();
        const QString t = m.captured(0);
        if (m.hasCaptured(1)) {
            out += m.captured(1);
        } else if (t == QLatin1String("YYYY")) {
            out += QStringLiteral("%1").arg(date.year(), 4, 10, QLatin1Char('0'));
        } else if (t == QLatin1String("YY")) {
            out += two(date.year() % 100);
        } else if (t.startsWith(QLatin1Char('M'))) {
            out += t.size() == 4   ? c.monthName(date.month())
                   : t.size() == 3 ? c.monthName(date.month(), QLocale::ShortFormat)
                   : t.size() == 2 ? two(date.month())
                                   : QString::number(date.month());
        } else if (t == QLatin1String("DD") || t == QLatin1String("D")) {
            out += t.size() == 2 ? two(date.day()) : QString::number(date.day());
        } else if (t.startsWith(QLatin1Char('d'))) {
            out += t.size() == 4   ? c.dayName(date.dayOfWeek())
                   : t.size() == 3 ? c.dayName(date.dayOfWeek(), QLocale::ShortFormat)
                   : t.size() == 2 ? c.dayName(date.dayOfWeek(), QLocale::NarrowFormat)
                                   : QString::number(date.dayOfWeek() % 7);
        } else if (t == QLatin1String("HH") || t == QLatin1String("H")) {
            out += t.size() == 2 ? two(time.hour()) : QString::number(time.hour());
        } else if (t == QLatin1String("hh") || t == QLatin1String("h")) {
            out += t.size() == 2 ? two(hour12) : QString::number(hour12);
        } else if (t == QLatin1String("mm") || t == QLatin1String("m")) {
            out += t.size() == 2 ? two(time.minute()) : QString::number(time.minute());
        } else if (t == QLatin1String("ss") || t == QLatin1String("s")) {
            out += t.size() == 2 ? two(time.second()) : QString::number(time.second());
        } else if (t == QLatin1String("SSS")) {
            out += QStringLiteral("%1").arg(time.msec(), 3, 10, QLatin1Char('0'));
        } else if (t == QLatin1String("Z") || t == QLatin1String("ZZ")) {
            out += zone(t.size() == 1);
        } else if (t == QLatin1String("A") || t == QLatin1String("a")) {
            const QString meridiem = time.hour() < 12 ? QStringLiteral("AM") : QStringLiteral("PM");
            out += t == QLatin1String("A") ? meridiem : meridiem.toLower();
        } else if (t == QLatin1String("X")) {
            out += QString::number(when.toSecsSinceEpoch());
        } else {
            out += QString::number(when.toMSecsSinceEpoch());
        }
    }
    return out + format.mid(pos);
}

} // namespace ApiLens::Core
