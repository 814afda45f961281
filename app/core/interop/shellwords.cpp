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

namespace {

// One command's text between separators, with its redirections taken out.
struct Segment
{
    QString text;
    QString separator; // what follows it: "|", ";" (also a newline, &&, ||) or "" at the end
    std::optional<QString> hereString;
    QString heredocDelimiter; // read once the line ends
    bool heredocStripTabs = false;
    std::optional<QString> heredoc;
    QString inputFile;
    QStringList outputs; // "> file", "2>&1": not followed
    int line = 1;
};

class ScriptScanner
{
public:
    explicit ScriptScanner(const QString &script)
        : m_s(script)
    {}

    std::optional<QList<Segment>> scan(QString *error)
    {
        Segment current;
        QList<Segment *> waiting; // segments whose heredoc body starts after this line
        while (m_i < m_s.size()) {
            const QChar c = m_s.at(m_i);
            if (c == QLatin1Char('\'') || c == QLatin1Char('"') ||
                (c == QLatin1Char('$') && peek(1) == QLatin1Char('\''))) {
                if (!copyQuoted(&current.text, error)) {
                    return std::nullopt;
                }
            } else if (c == QLatin1Char('\\')) {
                current.text += m_s.mid(m_i, 2);
                m_line += peek(1) == QLatin1Char('\n') ? 1 : 0;
                m_i += 2;
            } else if (c == QLatin1Char('#') && atWordStart(current.text)) {
                while (m_i < m_s.size() && m_s.at(m_i) != QLatin1Char('\n')) {
                    ++m_i;
                }
            } else if (c == QLatin1Char('\n') || c == QLatin1Char(';') || c == QLatin1Char('|') ||
                       (c == QLatin1Char('&') && peek(1) == QLatin1Char('&'))) {
                QString separator = c == QLatin1Char('|') && peek(1) != QLatin1Char('|')
                                        ? QStringLiteral("|")
                                        : QStringLiteral(";");
                const bool newline = c == QLatin1Char('\n');
                m_i +=
                    (c == QLatin1Char('|') && peek(1) == QLatin1Char('|')) || c == QLatin1Char('&') ? 2 : 1;
                if (separator == QLatin1String("|") || !current.text.trimmed().isEmpty() ||
                    !current.heredocDelimiter.isEmpty() || current.hereString ||
                    !current.inputFile.isEmpty()) {
                    current.separator = separator;
                    m_segments.append(current);
                    if (!current.heredocDelimiter.isEmpty()) {
                        m_pendingHeredocs.append(int(m_segments.size()) - 1);
                    }
                }
                current = Segment();
                if (newline) {
                    ++m_line;
                    if (!readHeredocs(error)) {
                        return std::nullopt;
                    }
                }
                current.line = m_line;
            } else if (c == QLatin1Char('<')) {
                if (!readInput(&current, error)) {
                    return std::nullopt;
                }
            } else if (c == QLatin1Char('>')) {
                QString target;
                const qsizetype start = m_i;
                m_i += 1;
                while (m_i < m_s.size() &&
                       (m_s.at(m_i) == QLatin1Char('>') || m_s.at(m_i) == QLatin1Char('&'))) {
                    ++m_i;
                }
                // "2>" : the descriptor before it belongs to the redirection
                if (current.text.size() >= 1 && current.text.back().isDigit() &&
                    (current.text.size() == 1 || current.text.at(current.text.size() - 2).isSpace())) {
                    current.text.chop(1);
                }
                if (!readRawWord(&target, error)) {
                    return std::nullopt;
                }
                current.outputs.append(m_s.mid(start, m_i - start).trimmed());
            } else {
                current.text += c;
                ++m_i;
            }
        }
        if (!current.text.trimmed().isEmpty() || !current.heredocDelimiter.isEmpty()) {
            m_segments.append(current);
            if (!current.heredocDelimiter.isEmpty()) {
                m_pendingHeredocs.append(int(m_segments.size()) - 1);
            }
        }
        if (!m_pendingHeredocs.isEmpty()) {
            *error = QStringLiteral("the heredoc ending with %1 has no end")
                         .arg(m_segments[m_pendingHeredocs.first()].heredocDelimiter);
            return std::nullopt;
        }
        return m_segments;
    }

private:
    QChar peek(int ahead) const { return m_i + ahead < m_s.size() ? m_s.at(m_i + ahead) : QChar(); }
    static bool atWordStart(const QString &text) { return text.isEmpty() || text.back().isSpace(); }

    // Copies a quoted part as written (splitShellWords unquotes it later).
    bool copyQuoted(QString *into, QString *error)
    {
        const qsizetype start = m_i;
        const bool ansi = m_s.at(m_i) == QLatin1Char('$');
        const QChar quote = ansi ? QLatin1Char('\'') : m_s.at(m_i);
        m_i += ansi ? 2 : 1;
        while (m_i < m_s.size() && m_s.at(m_i) != quote) {
            if (m_s.at(m_i) == QLatin1Char('\\') && (quote == QLatin1Char('"') || ansi)) {
                ++m_i;
            }
            m_line += m_i < m_s.size() && m_s.at(m_i) == QLatin1Char('\n') ? 1 : 0;
            ++m_i;
        }
        if (m_i >= m_s.size()) {
            *error = QStringLiteral("unterminated %1 quote starting at character %2")
                         .arg(ansi ? QStringLiteral("$'") : QString(quote))
                         .arg(start + 1);
            return false;
        }
        ++m_i;
        *into += m_s.mid(start, m_i - start);
        return true;
    }

    // The next word, unquoted: after blanks, up to an unquoted blank or operator.
    bool readRawWord(QString *word, QString *error)
    {
        while (m_i < m_s.size() && (m_s.at(m_i) == QLatin1Char(' ') || m_s.at(m_i) == QLatin1Char('\t'))) {
            ++m_i;
        }
        QString raw;
        while (m_i < m_s.size()) {
            const QChar c = m_s.at(m_i);
            if (c == QLatin1Char('\'') || c == QLatin1Char('"') ||
                (c == QLatin1Char('$') && peek(1) == QLatin1Char('\''))) {
                if (!copyQuoted(&raw, error)) {
                    return false;
                }
                continue;
            }
            if (c.isSpace() || QStringLiteral(";|&<>").contains(c)) {
                break;
            }
            raw += c;
            ++m_i;
        }
        const std::optional<QStringList> words = splitShellWords(raw, error);
        if (!words) {
            return false;
        }
        *word = words->join(QLatin1Char(' '));
        return true;
    }

    bool readInput(Segment *segment, QString *error)
    {
        if (m_s.mid(m_i, 3) == QLatin1String("<<<")) {
            m_i += 3;
            QString word;
            if (!readRawWord(&word, error)) {
                return false;
            }
            segment->hereString = word;
            return true;
        }
        if (m_s.mid(m_i, 2) == QLatin1String("<<")) {
            m_i += 2;
            segment->heredocStripTabs = peek(0) == QLatin1Char('-');
            m_i += segment->heredocStripTabs ? 1 : 0;
            return readRawWord(&segment->heredocDelimiter, error);
        }
        ++m_i;
        return readRawWord(&segment->inputFile, error);
    }

    // The bodies of the heredocs opened on the line that just ended.
    bool readHeredocs(QString *error)
    {
        for (const int index : std::as_const(m_pendingHeredocs)) {
            Segment &segment = m_segments[index];
            QString body;
            bool ended = false;
            while (m_i < m_s.size()) {
                qsizetype end = m_s.indexOf(QLatin1Char('\n'), m_i);
                if (end < 0) {
                    end = m_s.size();
                }
                QString line = m_s.mid(m_i, end - m_i);
                m_i = qMin(end + 1, m_s.size());
                ++m_line;
                if (line.endsWith(QLatin1Char('\r'))) {
                    line.chop(1);
                }
                if (segment.heredocStripTabs) {
                    while (line.startsWith(QLatin1Char('\t'))) {
                        line.remove(0, 1);
                    }
                }
                if (line == segment.heredocDelimiter) {
                    ended = true;
                    break;
                }
                body += line + QLatin1Char('\n');
            }
            if (!ended) {
                *error =
                    QStringLiteral("the heredoc ending with %1 has no end").arg(segment.heredocDelimiter);
                return false;
            }
            segment.heredoc = body;
        }
        m_pendingHeredocs.clear();
        return true;
    }

    const QString &m_s;
    qsizetype m_i = 0;
    int m_line = 1;
    QList<Segment> m_segments;
    QList<int> m_pendingHeredocs;
};

// What echo or printf writes (the common forms: echo [-n] [-e], printf FORMAT with %s).
std::optional<QByteArray> producedOutput(const QStringList &words)
{
    if (words.value(0) == QLatin1String("echo")) {
        QStringList rest = words.mid(1);
        bool newline = true;
        while (!rest.isEmpty() &&
               (rest.first() == QLatin1String("-n") || rest.first() == QLatin1String("-e") ||
                rest.first() == QLatin1String("-ne") || rest.first() == QLatin1String("-en"))) {
            newline = newline && !rest.first().contains(QLatin1Char('n'));
            rest.removeFirst();
        }
        return (rest.join(QLatin1Char(' ')) + (newline ? QStringLiteral("\n") : QString())).toUtf8();
    }
    if (words.value(0) == QLatin1String("printf") && words.size() >= 2) {
        QString out = words[1];
        for (const QString &argument : words.mid(2)) {
            out.replace(out.indexOf(QLatin1String("%s")), 2, argument);
        }
        out.replace(QLatin1String("\\n"), QLatin1String("\n"))
            .replace(QLatin1String("\\t"), QLatin1String("\t"));
        return out.toUtf8();
    }
    return std::nullopt;
}

} // namespace

std::optional<QList<ShellCommand>> splitShellScript(const QString &script, QString *error)
{
    const std::optional<QList<Segment>> segments = ScriptScanner(script).scan(error);
    if (!segments) {
        return std::nullopt;
    }
    QList<ShellCommand> commands;
    std::optional<QByteArray> piped;
    QString pipedFile;
    bool afterPipe = false;
    for (const Segment &segment : *segments) {
        const std::optional<QStringList> words = splitShellWords(segment.text, error);
        if (!words) {
            return std::nullopt;
        }
        ShellCommand command;
        command.words = *words;
        command.line = segment.line;
        if (afterPipe && !commands.isEmpty() && commands.last().words.value(0) != QLatin1String("cat") &&
            !producedOutput(commands.last().words)) {
            // "curl … | jq .": what reads curl's output does not change the request.
            commands.last().notes.append(QStringLiteral("| ") + command.words.join(QLatin1Char(' ')));
            afterPipe = segment.separator == QLatin1String("|");
            continue;
        }
        if (afterPipe && !commands.isEmpty()) {
            const ShellCommand producer = commands.takeLast();
            piped = producer.input;
            pipedFile = producer.words.value(0) == QLatin1String("cat") ? producer.words.value(1) : QString();
            if (producer.words.value(0) != QLatin1String("cat")) {
                piped = producedOutput(producer.words);
            }
            command.input = piped;
            command.inputFile = pipedFile;
            command.line = producer.line;
        }
        if (segment.heredoc) {
            command.input = segment.heredoc->toUtf8();
        } else if (segment.hereString) {
            command.input = (*segment.hereString + QLatin1Char('\n')).toUtf8();
        } else if (!segment.inputFile.isEmpty()) {
            command.inputFile = segment.inputFile;
            command.input.reset();
        }
        for (const QString &output : segment.outputs) {
            command.notes.append(output);
        }
        if (!command.words.isEmpty() || command.input || !command.inputFile.isEmpty()) {
            commands.append(command);
        }
        afterPipe = segment.separator == QLatin1String("|");
    }
    return commands;
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
