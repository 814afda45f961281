#include "bodyformatter.h"

#include "hexlayout.h"
#include "htmlindent.h"

#include <QStringDecoder>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>

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

// Appends to a QByteArray through a pointer: the indenter writes a byte at a time, and
// QByteArray::append() per byte costs more than the indenting.
class ByteSink
{
public:
    explicit ByteSink(QByteArray *out, qsizetype expected)
        : m_out(out)
        , m_used(out->size())
    {
        m_out->resize(std::max(m_out->size() + expected, m_out->capacity()));
    }
    ~ByteSink() { m_out->resize(m_used); }
    ByteSink(const ByteSink &) = delete;
    ByteSink &operator=(const ByteSink &) = delete;

    void put(char c)
    {
        room(1);
        m_out->data()[m_used++] = c;
    }
    void put(const char *bytes, qsizetype count)
    {
        room(count);
        std::memcpy(m_out->data() + m_used, bytes, size_t(count));
        m_used += count;
    }
    void newline(int level)
    {
        const qsizetype indent = qsizetype(std::clamp(level, 0, JsonIndenter::MaxIndentLevels)) * 2;
        room(indent + 1);
        char *at = m_out->data() + m_used;
        *at = '\n';
        std::memset(at + 1, ' ', size_t(indent));
        m_used += indent + 1;
    }

private:
    void room(qsizetype count)
    {
        if (m_used + count > m_out->size()) {
            m_out->resize(std::max(m_used + count, m_out->size() * 2));
        }
    }
    QByteArray *m_out;
    qsizetype m_used;
};

bool plainJsonByte(char c)
{
    switch (c) {
    case '"':
    case '{':
    case '[':
    case '}':
    case ']':
    case ',':
    case ':':
    case ' ':
    case '\t':
    case '\n':
    case '\r':
        return false;
    default:
        return true;
    }
}

} // namespace

void JsonIndenter::feed(QByteArrayView in, QByteArray *out)
{
    // A token-level re-indenter: no tree, no reordering, linear time, tolerant of errors; its
    // state carries over from one piece to the next, so pieces may split anything.
    ByteSink sink(out, in.size() + in.size() / 2);
    const char *p = in.data();
    const char *const end = p + in.size();
    for (; p < end; ++p) {
        const char c = *p;
        if (m_state.inString) {
            if (!m_state.escaped && c != '"' && c != '\\') {
                // The run of plain characters up to the next quote or backslash, at once.
                const char *run = p;
                while (run < end && *run != '"' && *run != '\\') {
                    ++run;
                }
                sink.put(p, run - p);
                p = run - 1;
                continue;
            }
            sink.put(c);
            m_state.inside(c);
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            continue;
        }
        if (m_pendingOpen) {
            // An empty container stays on one line; otherwise its content starts below it.
            const char close = m_pendingOpen == '{' ? '}' : ']';
            m_pendingOpen = 0;
            if (c == close) {
                sink.put(c);
                continue;
            }
            sink.newline(++m_depth);
        }
        switch (c) {
        case '"':
            m_state.inString = true;
            sink.put(c);
            break;
        case '{':
        case '[':
            sink.put(c);
            m_pendingOpen = c;
            break;
        case '}':
        case ']':
            sink.newline(--m_depth);
            sink.put(c);
            break;
        case ',':
            sink.put(c);
            sink.newline(m_depth);
            break;
        case ':':
            sink.put(": ", 2);
            break;
        default: {
            // A number or a literal: its run of bytes at once.
            const char *run = p + 1;
            while (run < end && plainJsonByte(*run)) {
                ++run;
            }
            sink.put(p, run - p);
            p = run - 1;
            break;
        }
        }
    }
}

void JsonIndenter::finish(QByteArray *out)
{
    if (m_pendingOpen) {
        m_pendingOpen = 0;
        ByteSink(out, 0).newline(++m_depth);
    }
}

QString indentJson(const QByteArray &json, const std::atomic_bool *cancel)
{
    JsonIndenter indenter;
    QByteArray out;
    constexpr qsizetype Piece = 1 << 20;
    for (qsizetype at = 0; at < json.size(); at += Piece) {
        if (isCancelled(cancel)) {
            return {};
        }
        indenter.feed(QByteArrayView(json).sliced(at, qMin(Piece, json.size() - at)), &out);
    }
    indenter.finish(&out);
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
    const HexLayout layout(bytes.size());
    QString out;
    out.reserve(layout.rowCount(bytes.size()) * (layout.width() + 1));
    for (qsizetype offset = 0; offset < bytes.size(); offset += HexLayout::RowBytes) {
        out += layout.row(QByteArrayView(bytes).sliced(
                              offset, std::min<qsizetype>(HexLayout::RowBytes, bytes.size() - offset)),
                          offset);
        out += QLatin1Char('\n');
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
        result.text = hexDump(bytes.left(qMin<qsizetype>(bytes.size(), HexDumpLimitBytes)));
        result.truncated = result.truncated || bytes.size() > HexDumpLimitBytes;
        break;
    case ContentKind::Html:
        result.text = indentHtml(bytes);
        result.reformatted = true;
        break;
    case ContentKind::Text:
        result.text = QString::fromUtf8(bytes);
        break;
    }
    result.cancelled = isCancelled(cancel);
    return result;
}

namespace {

// Hands pieces to a ResponseBody::Writer on a thread of its own, so that writing one (a copy
// into the spill file's pages, which costs about what indenting it does) overlaps indenting
// the next. At most two pieces wait; push() blocks past that.
class PieceWriter
{
public:
    explicit PieceWriter(ResponseBody::Writer *writer)
        : m_writer(writer)
        , m_thread([this] { run(); })
    {}
    ~PieceWriter() { finish(); }
    PieceWriter(const PieceWriter &) = delete;
    PieceWriter &operator=(const PieceWriter &) = delete;

    bool push(QByteArray piece) // false once a write failed
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_queue.size() < 2 || m_failed; });
        m_queue.push_back(std::move(piece));
        m_changed.notify_all();
        return !m_failed;
    }
    bool finish() // every piece written; false when one could not be
    {
        {
            const std::lock_guard lock(m_mutex);
            m_closed = true;
            m_changed.notify_all();
        }
        if (m_thread.joinable()) {
            m_thread.join();
        }
        return !m_failed;
    }

private:
    void run()
    {
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_changed.wait(lock, [this] { return !m_queue.empty() || m_closed; });
            if (m_queue.empty()) {
                return;
            }
            const QByteArray piece = std::move(m_queue.front());
            m_queue.pop_front();
            m_changed.notify_all();
            lock.unlock();
            QString error;
            const bool written = m_failed || m_writer->append(piece, &error);
            lock.lock();
            m_failed = !written;
            m_changed.notify_all();
        }
    }

    ResponseBody::Writer *m_writer;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<QByteArray> m_queue;
    bool m_closed = false;
    bool m_failed = false;
    std::thread m_thread; // last: started once the rest is ready
};

} // namespace

PrettyBody prettyBody(const ResponseBody &body, const QByteArray &contentType, qint64 memoryBytes,
                      const std::atomic_bool *cancel)
{
    PrettyBody pretty;
    pretty.kind = detectContentKind(contentType, body.bytes(4096));
    pretty.text = body;
    switch (pretty.kind) {
    case ContentKind::Json: {
        const BodyBytes bytes(body);
        ResponseBody::Writer writer(memoryBytes);
        PieceWriter pieces(&writer);
        JsonIndenter indenter;
        // Pieces small enough that the worst case (a newline and the deepest indent for each
        // byte: "[[[[…") stays in bounds, and the whole text at most so many times the body.
        constexpr qsizetype Piece = 1 << 20;
        const qint64 mostBytes = 16 * qint64(body.size()) + (64 << 20);
        qint64 written = 0;
        QByteArrayView all = bytes.view();
        if (all.startsWith("\xEF\xBB\xBF")) {
            all = all.sliced(3);
        }
        for (qsizetype at = 0; at < all.size(); at += Piece) {
            if (isCancelled(cancel)) {
                pretty.cancelled = true;
                return pretty;
            }
            QByteArray out;
            indenter.feed(all.sliced(at, qMin(Piece, all.size() - at)), &out);
            written += out.size();
            if (written > mostBytes || !pieces.push(std::move(out))) {
                return pretty; // no room for the indented copy: the text as it came
            }
            bytes.release(at + (bytes.view().size() - all.size()), Piece); // read once
        }
        QByteArray out;
        indenter.finish(&out);
        if (!pieces.push(std::move(out)) || !pieces.finish()) {
            return pretty;
        }
        pretty.text = writer.finish(); // indexed as it was written
        pretty.reformatted = true;
        break;
    }
    case ContentKind::Xml:
    case ContentKind::Html:
        if (body.size() <= 16 * 1024 * 1024) {
            const FormattedBody formatted = formatBody(body.bytes(), contentType, body.size(), cancel);
            pretty.reformatted = formatted.reformatted;
            pretty.cancelled = formatted.cancelled;
            if (formatted.reformatted) {
                pretty.text = ResponseBody::fromBytes(formatted.text.toUtf8());
            }
        }
        break;
    case ContentKind::Binary:
    case ContentKind::Empty:
    case ContentKind::Text:
        break;
    }
    pretty.cancelled = pretty.cancelled || isCancelled(cancel);
    return pretty;
}

} // namespace ApiLens::Core
