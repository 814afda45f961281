#include "bodyformatter.h"

#include <QStringDecoder>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace ApiLens::Core {

namespace {

bool isCancelled(const std::atomic_bool *cancel)
{
    return cancel && cancel->load(std::memory_order_relaxed);
}

QByteArray stripBom(const QByteArray &bytes)
{
    return bytes.startsWith("\xEF\xBB\xBF") ? bytes.mid(3) : bytes;
}

QString indentXml(const QByteArray &xml, bool *ok)
{
    QXmlStreamReader reader(xml);
    QString out;
    QXmlStreamWriter writer(&out);
    writer.setAutoFormatting(true);
    writer.setAutoFormattingIndent(2);
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isWhitespace()) {
            continue;
        }
        if (reader.tokenType() == QXmlStreamReader::StartDocument) {
            continue; // keep the declaration out; Raw shows it
        }
        writer.writeCurrentToken(reader);
    }
    *ok = !reader.hasError();
    return out;
}

} // namespace

ContentKind detectContentKind(const QByteArray &contentType, const QByteArray &sample)
{
    const QByteArray type = contentType.toLower();
    const QByteArray head = stripBom(sample).trimmed();
    if (head.isEmpty()) {
        return ContentKind::Empty;
    }
    if (sample.left(4096).contains('\0')) {
        return ContentKind::Binary;
    }
    if (type.contains("json") || head.startsWith('{') || head.startsWith('[')) {
        return ContentKind::Json;
    }
    if (type.contains("html") || head.left(64).toLower().contains("<!doctype html") ||
        head.left(64).toLower().startsWith("<html")) {
        return ContentKind::Html;
    }
    if (type.contains("xml") || head.startsWith("<?xml") || head.startsWith('<')) {
        return ContentKind::Xml;
    }
    if (type.startsWith("image/") || type.startsWith("audio/") || type.startsWith("video/") ||
        type.contains("octet-stream") || type.contains("pdf") || type.contains("zip")) {
        return ContentKind::Binary;
    }
    return ContentKind::Text;
}

namespace {

// Where a JSON scanner is: inside a string (with its escapes) or between tokens.
struct JsonStringState
{
    bool inString = false;
    bool escaped = false;
    // Takes a character inside a string: its closing quote ends it.
    void inside(char c)
    {
        if (escaped) {
            escaped = false;
        } else if (c == '\\') {
            escaped = true;
        } else if (c == '"') {
            inString = false;
        }
    }
};

} // namespace

QString indentJson(const QByteArray &json, const std::atomic_bool *cancel)
{
    // A token-level re-indenter: no tree, no reordering, linear time, tolerant of errors.
    QByteArray out;
    out.reserve(json.size() + json.size() / 2);
    int depth = 0;
    JsonStringState state;
    auto newline = [&out](int level) {
        out.append('\n');
        out.append(QByteArray(qMax(0, level) * 2, ' '));
    };
    const char *p = json.constData();
    const qsizetype n = json.size();
    for (qsizetype i = 0; i < n; ++i) {
        if ((i & 0xFFFFF) == 0 && isCancelled(cancel)) {
            return {};
        }
        const char c = p[i];
        if (state.inString) {
            out.append(c);
            state.inside(c);
            continue;
        }
        switch (c) {
        case '"':
            state.inString = true;
            out.append(c);
            break;
        case '{':
        case '[': {
            // Keep empty containers on one line.
            qsizetype j = i + 1;
            while (j < n && (p[j] == ' ' || p[j] == '\n' || p[j] == '\r' || p[j] == '\t')) {
                ++j;
            }
            if (j < n && (p[j] == (c == '{' ? '}' : ']'))) {
                out.append(c);
                out.append(p[j]);
                i = j;
                break;
            }
            out.append(c);
            newline(++depth);
            break;
        }
        case '}':
        case ']':
            newline(--depth);
            out.append(c);
            break;
        case ',':
            out.append(c);
            newline(depth);
            break;
        case ':':
            out.append(": ");
            break;
        case ' ':
        case '\t':
        case '\n':
        case '\r':
            break;
        default:
            out.append(c);
            break;
        }
    }
    return QString::fromUtf8(out);
}

QByteArray compactJson(const QByteArray &json)
{
    QByteArray out;
    out.reserve(json.size());
    JsonStringState state;
    for (const char c : json) {
        if (state.inString) {
            state.inside(c);
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            continue;
        } else {
            state.inString = c == '"';
        }
        out.append(c);
    }
    return out;
}

QString hexDump(const QByteArray &bytes)
{
    QString out;
    out.reserve(bytes.size() * 4 + bytes.size() / 16 * 12);
    for (qsizetype offset = 0; offset < bytes.size(); offset += 16) {
        out += QStringLiteral("%1  ").arg(offset, 8, 16, QLatin1Char('0'));
        QString ascii;
        for (qsizetype i = 0; i < 16; ++i) {
            if (offset + i < bytes.size()) {
                const auto byte = uchar(bytes.at(offset + i));
                out += QStringLiteral("%1 ").arg(byte, 2, 16, QLatin1Char('0'));
                ascii += (byte >= 0x20 && byte < 0x7f) ? QLatin1Char(char(byte)) : QLatin1Char('.');
            } else {
                out += QStringLiteral("   ");
            }
            if (i == 7) {
                out += QLatin1Char(' ');
            }
        }
        out += QLatin1Char(' ') + ascii + QLatin1Char('\n');
    }
    return out;
}

FormattedBody formatBody(const QByteArray &allBytes, const QByteArray &contentType, qint64 maxBytes,
                         const std::atomic_bool *cancel)
{
    FormattedBody result;
    result.truncated = allBytes.size() > maxBytes;
    const QByteArray bytes = result.truncated ? allBytes.left(maxBytes) : allBytes;
    result.kind = detectContentKind(contentType, bytes.left(4096));
    switch (result.kind) {
    case ContentKind::Empty:
        break;
    case ContentKind::Json:
        result.text = indentJson(stripBom(bytes), cancel);
        result.reformatted = true;
        break;
    case ContentKind::Xml: {
        bool ok = false;
        const QString indented = indentXml(bytes, &ok);
        if (ok && !indented.isEmpty()) {
            result.text = indented.startsWith(QLatin1Char('\n')) ? indented.mid(1) : indented;
            result.reformatted = true;
        } else {
            result.text = QString::fromUtf8(bytes);
        }
        break;
    }
    case ContentKind::Binary:
        result.text = hexDump(bytes.left(qMin<qsizetype>(bytes.size(), 1024 * 1024)));
        result.truncated = result.truncated || bytes.size() > 1024 * 1024;
        break;
    case ContentKind::Html:
    case ContentKind::Text:
        result.text = QString::fromUtf8(bytes);
        break;
    }
    result.cancelled = isCancelled(cancel);
    return result;
}

} // namespace ApiLens::Core
