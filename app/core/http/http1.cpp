#include "http1.h"

#include "util/format.h"

namespace ApiLens::Core::Http1 {

namespace {

constexpr qint64 MaxChunkLine = 4096;
constexpr int MaxInterimKept = 10;

bool isTokenChar(char c)
{
    static const QByteArray extra = QByteArrayLiteral("!#$%&'*+-.^_`|~");
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || extra.contains(c);
}

// A short, printable excerpt of bytes that were not what we expected.
QString excerpt(const QByteArray &bytes)
{
    QString out;
    for (const char c : bytes.left(40)) {
        out += (c >= 0x20 && c < 0x7f) ? QChar::fromLatin1(c) : QChar(u'·');
    }
    return bytes.size() > 40 ? out + QStringLiteral("…") : out;
}

} // namespace

QByteArray requestHead(const QByteArray &method, const QByteArray &target, const HeaderList &headers)
{
    QByteArray head = method + ' ' + target + " HTTP/1.1\r\n";
    for (const Header &header : headers) {
        head += header.first + ": " + header.second + "\r\n";
    }
    return head + "\r\n";
}

QList<QByteArray> headerValues(const HeaderList &headers, const QByteArray &name)
{
    QList<QByteArray> values;
    for (const Header &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0) {
            values.append(header.second);
        }
    }
    return values;
}

QList<QByteArray> headerTokens(const HeaderList &headers, const QByteArray &name)
{
    QList<QByteArray> tokens;
    for (const QByteArray &value : headerValues(headers, name)) {
        for (const QByteArray &token : value.split(',')) {
            const QByteArray trimmed = token.trimmed().toLower();
            if (!trimmed.isEmpty()) {
                tokens.append(trimmed);
            }
        }
    }
    return tokens;
}

void ResponseParser::start(bool noBody)
{
    *this = ResponseParser(m_limits);
    m_noBody = noBody;
}

bool ResponseParser::fail(const QString &message)
{
    m_state = State::Error;
    m_error = message;
    return false;
}

bool ResponseParser::takeLine(const char *data, qsizetype size, qsizetype *pos, QByteArray *line,
                              qint64 limit)
{
    const char *start = data + *pos;
    const auto *newline = static_cast<const char *>(memchr(start, '\n', size_t(size - *pos)));
    const qsizetype taken = newline ? (newline - start) + 1 : size - *pos;
    if (m_line.size() + taken > limit) {
        return fail(m_haveHead || m_state == State::Body
                        ? QStringLiteral("sent a chunk line or trailer longer than %1 bytes").arg(limit)
                        : QStringLiteral("sent a response header section larger than %1; refused")
                              .arg(humanSize(m_limits.maxHeadBytes)));
    }
    m_line.append(start, taken);
    *pos += taken;
    if (!newline) {
        return false;
    }
    *line = std::exchange(m_line, {});
    line->chop(1);
    if (line->endsWith('\r')) {
        line->chop(1);
    }
    return true;
}

bool ResponseParser::parseStatusLine(const QByteArray &line)
{
    // HTTP-version SP 3DIGIT SP [reason-phrase]; some servers leave out the last space.
    if (!line.startsWith("HTTP/1.") || line.size() < 12 || line.at(8) != ' ') {
        return fail(
            QStringLiteral("sent something that is not an HTTP/1.x response: “%1”").arg(excerpt(line)));
    }
    const QByteArray code = line.mid(9, 3);
    bool ok = false;
    const int status = code.toInt(&ok);
    if (!ok || code.size() != 3 || status < 100 || (line.size() > 12 && line.at(12) != ' ')) {
        return fail(QStringLiteral("sent an invalid status line: “%1”").arg(excerpt(line)));
    }
    m_head.version = line.left(8);
    m_head.status = status;
    m_head.reason = line.mid(13);
    return true;
}

bool ResponseParser::parseHeaderLine(const QByteArray &line, HeaderList *into)
{
    if ((line.startsWith(' ') || line.startsWith('\t')) && !into->isEmpty()) {
        // Obsolete line folding (RFC 9112 §5.2): the line continues the previous value.
        into->last().second += ' ' + line.trimmed();
        return true;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0) {
        return fail(QStringLiteral("sent an invalid header line: “%1”").arg(excerpt(line)));
    }
    const QByteArray name = line.left(colon);
    for (const char c : name) {
        if (!isTokenChar(c)) {
            return fail(QStringLiteral("sent an invalid header name: “%1”").arg(excerpt(name)));
        }
    }
    if (into->size() >= m_limits.maxHeaders) {
        return fail(QStringLiteral("sent more than %1 header fields").arg(m_limits.maxHeaders));
    }
    into->append({name, line.mid(colon + 1).trimmed()});
    return true;
}

bool ResponseParser::endOfHead()
{
    if (m_head.status < 200 && m_head.status != 101) {
        // An interim response (100 Continue, 103 Early Hints): the final one follows.
        if (++m_interimSeen > m_limits.maxInterim) {
            return fail(QStringLiteral("sent more than %1 interim (1xx) responses").arg(m_limits.maxInterim));
        }
        if (m_interim.size() < MaxInterimKept) {
            m_interim.append(m_head);
        }
        m_head = ResponseHead();
        m_state = State::StatusLine;
        return true;
    }
    m_haveHead = true;
    const int status = m_head.status;
    if (m_noBody || status == 101 || status == 204 || status == 304) {
        m_framing = Framing::None;
        m_state = State::Done;
        return true;
    }
    const QList<QByteArray> codings = headerTokens(m_head.headers, "Transfer-Encoding");
    if (!codings.isEmpty()) {
        // Transfer-Encoding overrides Content-Length; without chunked last, the close ends it.
        m_framing = codings.last() == "chunked" ? Framing::Chunked : Framing::UntilClose;
        m_chunk = Chunk::Size;
        m_state = State::Body;
        return true;
    }
    const QList<QByteArray> lengths = headerTokens(m_head.headers, "Content-Length");
    if (lengths.isEmpty()) {
        m_framing = Framing::UntilClose;
        m_state = State::Body;
        return true;
    }
    for (const QByteArray &length : lengths) {
        bool ok = false;
        const qint64 value = length.toLongLong(&ok);
        if (!ok || value < 0 || length.size() > 18 || length != lengths.first() || length.at(0) < '0' ||
            length.at(0) > '9') {
            return fail(QStringLiteral("sent an invalid Content-Length: “%1”")
                            .arg(excerpt(headerValue(m_head.headers, "Content-Length"))));
        }
        m_remaining = value;
    }
    m_framing = Framing::Length;
    m_state = m_remaining == 0 ? State::Done : State::Body;
    return true;
}

qsizetype ResponseParser::feed(const char *data, qsizetype size, QByteArray *body)
{
    QList<QByteArrayView> pieces;
    const qsizetype used = feed(data, size, &pieces);
    for (const QByteArrayView piece : std::as_const(pieces)) {
        body->append(piece);
    }
    return used;
}

qsizetype ResponseParser::feed(const char *data, qsizetype size, QList<QByteArrayView> *body)
{
    qsizetype pos = 0;
    while (pos < size) {
        switch (m_state) {
        case State::StatusLine:
        case State::Headers: {
            const qsizetype before = pos;
            QByteArray line;
            const bool complete =
                takeLine(data, size, &pos, &line, m_limits.maxHeadBytes - m_headBytes + m_line.size());
            m_headBytes += pos - before;
            if (!complete) {
                return m_state == State::Error ? -1 : pos;
            }
            if (m_state == State::StatusLine) {
                if (line.isEmpty() && ++m_blankLines <= 4) {
                    continue; // a stray empty line before the status line
                }
                if (!parseStatusLine(line)) {
                    return -1;
                }
                m_state = State::Headers;
            } else if (line.isEmpty()) {
                if (!endOfHead()) {
                    return -1;
                }
                if (m_state == State::StatusLine) {
                    m_headBytes = 0; // each interim head has its own budget
                }
            } else if (!parseHeaderLine(line, &m_head.headers)) {
                return -1;
            }
            break;
        }
        case State::Body: {
            const qsizetype used = feedBody(data + pos, size - pos, body);
            if (used < 0) {
                return -1;
            }
            pos += used;
            if (used == 0 && m_state == State::Body) {
                return pos;
            }
            break;
        }
        case State::Done:
            return pos;
        case State::Error:
            return -1;
        }
    }
    return pos;
}

qsizetype ResponseParser::feedBody(const char *data, qsizetype size, QList<QByteArrayView> *body)
{
    switch (m_framing) {
    case Framing::Length: {
        const qsizetype take = qsizetype(qMin<qint64>(size, m_remaining));
        if (take > 0) {
            body->append(QByteArrayView(data, take));
        }
        m_remaining -= take;
        m_bodyRead += take;
        if (m_remaining == 0) {
            m_state = State::Done;
        }
        return take;
    }
    case Framing::UntilClose:
        if (size > 0) {
            body->append(QByteArrayView(data, size));
        }
        m_bodyRead += size;
        return size;
    case Framing::Chunked:
        return feedChunked(data, size, body);
    case Framing::None:
        break;
    }
    m_state = State::Done;
    return 0;
}

qsizetype ResponseParser::feedChunked(const char *data, qsizetype size, QList<QByteArrayView> *body)
{
    qsizetype pos = 0;
    while (pos < size && m_state == State::Body) {
        if (m_chunk == Chunk::Data) {
            const qsizetype take = qsizetype(qMin<qint64>(size - pos, m_remaining));
            if (take > 0) {
                body->append(QByteArrayView(data + pos, take));
            }
            pos += take;
            m_remaining -= take;
            m_bodyRead += take;
            if (m_remaining == 0) {
                m_chunk = Chunk::DataEnd;
            }
            continue;
        }
        QByteArray line;
        const qint64 limit = m_chunk == Chunk::Trailer ? m_limits.maxHeadBytes : MaxChunkLine;
        if (!takeLine(data, size, &pos, &line, limit)) {
            return m_state == State::Error ? -1 : pos;
        }
        switch (m_chunk) {
        case Chunk::Size: {
            const QByteArray digits = line.split(';').value(0).trimmed();
            bool ok = false;
            const qint64 chunkSize = digits.toLongLong(&ok, 16);
            if (!ok || digits.isEmpty() || digits.size() > 15 || chunkSize < 0 || digits.startsWith('-') ||
                digits.startsWith('+')) {
                fail(QStringLiteral("sent an invalid chunk size: “%1”").arg(excerpt(line)));
                return -1;
            }
            m_remaining = chunkSize;
            m_chunk = chunkSize == 0 ? Chunk::Trailer : Chunk::Data;
            break;
        }
        case Chunk::DataEnd:
            if (!line.isEmpty()) {
                fail(QStringLiteral("sent a chunk longer than its size said"));
                return -1;
            }
            m_chunk = Chunk::Size;
            break;
        case Chunk::Trailer:
            if (line.isEmpty()) {
                m_state = State::Done;
            } else if (!parseHeaderLine(line, &m_trailers)) {
                return -1;
            }
            break;
        case Chunk::Data:
            break;
        }
    }
    return pos;
}

bool ResponseParser::finishOnClose()
{
    switch (m_state) {
    case State::Done:
        return true;
    case State::Error:
        return false;
    case State::StatusLine:
        if (m_head.status == 0 && m_line.isEmpty() && m_interimSeen == 0) {
            return fail(QStringLiteral("closed the connection without a response"));
        }
        if (m_line.isEmpty() && m_interimSeen > 0) {
            return fail(
                QStringLiteral("closed the connection after %1 %2, before the final response")
                    .arg(m_interim.isEmpty() ? 100 : m_interim.last().status)
                    .arg(m_interim.isEmpty() ? QString() : QString::fromLatin1(m_interim.last().reason)));
        }
        [[fallthrough]];
    case State::Headers:
        return fail(QStringLiteral("closed the connection in the middle of the response headers"));
    case State::Body:
        break;
    }
    switch (m_framing) {
    case Framing::UntilClose:
        m_state = State::Done;
        return true;
    case Framing::Length:
        return fail(QStringLiteral("closed the connection after %1 of the %2 body bytes it announced")
                        .arg(m_bodyRead)
                        .arg(m_bodyRead + m_remaining));
    case Framing::Chunked:
        return fail(QStringLiteral("closed the connection before the last chunk of the body (after %1 bytes)")
                        .arg(m_bodyRead));
    case Framing::None:
        break;
    }
    return true;
}

bool ResponseParser::keepAlive() const
{
    if (m_state != State::Done || m_framing == Framing::UntilClose || m_head.status == 101) {
        return false;
    }
    const QList<QByteArray> connection = headerTokens(m_head.headers, "Connection");
    if (connection.contains("close")) {
        return false;
    }
    return m_head.version == "HTTP/1.1" || connection.contains("keep-alive");
}

} // namespace ApiLens::Core::Http1
