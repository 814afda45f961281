#include "shellwords.h"

#include <QRegularExpression>

namespace ApiLens::Core {

namespace {

bool isBlank(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\n') ||
           c == QLatin1Char('\r');
}

int hexValue(QChar c)
{
    const ushort u = c.unicode();
    if (u >= '0' && u <= '9') {
        return u - '0';
    }
    if (u >= 'a' && u <= 'f') {
        return u - 'a' + 10;
    }
    if (u >= 'A' && u <= 'F') {
        return u - 'A' + 10;
    }
    return -1;
}

// $'...' with the escapes bash knows. `i` is at the first character after the opening quote.
bool readAnsiC(const QString &s, qsizetype *i, QString *out)
{
    QByteArray bytes; // \xHH and \NNN are bytes; the result is read as UTF-8
    const auto flush = [&] {
        *out += QString::fromUtf8(bytes);
        bytes.clear();
    };
    while (*i < s.size()) {
        const QChar c = s.at(*i);
        if (c == QLatin1Char('\'')) {
            flush();
            ++*i;
            return true;
        }
        if (c != QLatin1Char('\\') || *i + 1 >= s.size()) {
            flush();
            *out += c;
            ++*i;
            continue;
        }
        const QChar e = s.at(*i + 1);
        *i += 2;
        switch (e.unicode()) {
        case 'n':
            bytes += '\n';
            break;
        case 't':
            bytes += '\t';
            break;
        case 'r':
            bytes += '\r';
            break;
        case 'a':
            bytes += '\a';
            break;
        case 'b':
            bytes += '\b';
            break;
        case 'f':
            bytes += '\f';
            break;
        case 'v':
            bytes += '\v';
            break;
        case 'e':
        case 'E':
            bytes += '\x1b';
            break;
        case '\\':
            bytes += '\\';
            break;
        case '\'':
            bytes += '\'';
            break;
        case '"':
            bytes += '"';
            break;
        case '?':
            bytes += '?';
            break;
        case 'x': {
            int value = 0;
            int digits = 0;
            while (digits < 2 && *i < s.size() && hexValue(s.at(*i)) >= 0) {
                value = value * 16 + hexValue(s.at(*i));
                ++*i;
                ++digits;
            }
            bytes += char(value);
            break;
        }
        case 'u':
        case 'U': {
            const int max = e == QLatin1Char('u') ? 4 : 8;
            uint value = 0;
            int digits = 0;
            while (digits < max && *i < s.size() && hexValue(s.at(*i)) >= 0) {
                value = value * 16 + uint(hexValue(s.at(*i)));
                ++*i;
                ++digits;
            }
            flush();
            const char32_t code = char32_t(value);
            *out += QString::fromUcs4(&code, 1);
            break;
        }
        default:
            if (e >= QLatin1Char('0') && e <= QLatin1Char('7')) {
                int value = e.unicode() - '0';
                for (int digits = 1; digits < 3 && *i < s.size() && s.at(*i) >= QLatin1Char('0') &&
                                     s.at(*i) <= QLatin1Char('7');
                     ++digits, ++*i) {
                    value = value * 8 + (s.at(*i).unicode() - '0');
                }
                bytes += char(value);
            } else {
                flush();
                *out += QLatin1Char('\\');
                *out += e;
            }
        }
    }
    return false;
}

} // namespace

std::optional<QStringList> splitShellWords(const QString &command, QString *error)
{
    QStringList words;
    QString current;
    bool inWord = false;
    qsizetype i = 0;
    const qsizetype n = command.size();
    while (i < n) {
        const QChar c = command.at(i);
        if (isBlank(c)) {
            if (inWord) {
                words.append(current);
                current.clear();
                inWord = false;
            }
            ++i;
            continue;
        }
        if (c == QLatin1Char('\\')) {
            if (i + 1 < n && command.at(i + 1) == QLatin1Char('\n')) {
                i += 2; // a continuation
            } else if (i + 2 < n && command.at(i + 1) == QLatin1Char('\r') &&
                       command.at(i + 2) == QLatin1Char('\n')) {
                i += 3;
            } else if (i + 1 < n) {
                current += command.at(i + 1);
                inWord = true;
                i += 2;
            } else {
                ++i;
            }
            continue;
        }
        if (c == QLatin1Char('\'')) {
            const qsizetype end = command.indexOf(QLatin1Char('\''), i + 1);
            if (end < 0) {
                *error = QStringLiteral("unterminated ' quote starting at character %1").arg(i + 1);
                return std::nullopt;
            }
            current += command.mid(i + 1, end - i - 1);
            inWord = true;
            i = end + 1;
            continue;
        }
        if (c == QLatin1Char('$') && i + 1 < n && command.at(i + 1) == QLatin1Char('\'')) {
            const qsizetype start = i;
            i += 2;
            if (!readAnsiC(command, &i, &current)) {
                *error = QStringLiteral("unterminated $' quote starting at character %1").arg(start + 1);
                return std::nullopt;
            }
            inWord = true;
            continue;
        }
        if (c == QLatin1Char('"')) {
            const qsizetype start = i;
            ++i;
            bool closed = false;
            while (i < n) {
                const QChar d = command.at(i);
                if (d == QLatin1Char('"')) {
                    closed = true;
                    ++i;
                    break;
                }
                if (d == QLatin1Char('\\') && i + 1 < n) {
                    const QChar e = command.at(i + 1);
                    if (e == QLatin1Char('\n')) {
                        i += 2;
                        continue;
                    }
                    if (e == QLatin1Char('"') || e == QLatin1Char('\\') || e == QLatin1Char('$') ||
                        e == QLatin1Char('`')) {
                        current += e;
                        i += 2;
                        continue;
                    }
                }
                current += d;
                ++i;
            }
            if (!closed) {
                *error = QStringLiteral("unterminated \" quote starting at character %1").arg(start + 1);
                return std::nullopt;
            }
            inWord = true;
            continue;
        }
        current += c;
        inWord = true;
        ++i;
    }
    if (inWord) {
        words.append(current);
    }
    return words;
}

QString shellQuote(const QString &text)
{
    if (!text.isEmpty() && text.indexOf(QRegularExpression(QStringLiteral("[^A-Za-z0-9_./:=@%+,-]"))) < 0) {
        return text;
    }
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

} // namespace ApiLens::Core
