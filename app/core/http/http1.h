#pragma once

#include "exchange.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace ApiLens::Core::Http1 {

// The bytes of an HTTP/1.1 request head: the request line, each header as given, a blank line.
// The record of what was sent is made from the same values, so it is what went out.
QByteArray requestHead(const QByteArray &method, const QByteArray &target, const HeaderList &headers);

// Reads an HTTP/1.x response as its bytes arrive (RFC 9112): the status line, the header
// fields (obsolete line folding joined), interim 1xx heads, and the body's framing
// (Content-Length, chunked with trailers, or until the connection closes). Pure: it never
// touches a socket, so it is tested and fuzzed on bytes alone.
class ResponseParser
{
public:
    struct Limits
    {
        qint64 maxHeadBytes = 1024 * 1024; // status line and fields together
        int maxHeaders = 10000;
        int maxInterim = 100; // 1xx heads before the final one
    };

    ResponseParser() = default;
    explicit ResponseParser(Limits limits)
        : m_limits(limits)
    {}

    // Starts reading the response to one request. A response to HEAD (or CONNECT's 2xx) has
    // no body whatever its fields say.
    void start(bool noBody);

    // Reads from `data`; the body bytes in it (without chunk framing) are appended to `body` as
    // views into `data`, so they are not copied. Returns the number of bytes used: less than
    // given only once the response is complete (the rest belongs to nothing we asked for). -1
    // on a protocol error (error() says what).
    qsizetype feed(const char *data, qsizetype size, QList<QByteArrayView> *body);
    // The same, with the body bytes copied into `body`.
    qsizetype feed(const char *data, qsizetype size, QByteArray *body);
    // The connection closed: a body delimited by the close is complete now. False when the
    // response was cut short (error() says where).
    bool finishOnClose();

    bool hasHead() const { return m_haveHead; }
    const ResponseHead &head() const { return m_head; }
    // 1xx heads (100 Continue, 103 Early Hints) that came before the final one.
    const QList<ResponseHead> &interim() const { return m_interim; }
    int interimSeen() const { return m_interimSeen; }
    bool isComplete() const { return m_state == State::Done; }
    bool failed() const { return m_state == State::Error; }
    QString error() const { return m_error; }
    bool bodyUntilClose() const { return m_framing == Framing::UntilClose; }
    // After a complete response: the connection can carry another request.
    bool keepAlive() const;
    qint64 bodyBytesRead() const { return m_bodyRead; }
    qint64 contentLength() const { return m_framing == Framing::Length ? m_remaining + m_bodyRead : -1; }
    const HeaderList &trailers() const { return m_trailers; }

private:
    enum class State { StatusLine, Headers, Body, Done, Error };
    enum class Framing { None, Length, Chunked, UntilClose };
    enum class Chunk { Size, Data, DataEnd, Trailer };

    bool fail(const QString &message);
    bool takeLine(const char *data, qsizetype size, qsizetype *pos, QByteArray *line, qint64 limit);
    bool parseStatusLine(const QByteArray &line);
    bool parseHeaderLine(const QByteArray &line, HeaderList *into);
    bool endOfHead();
    qsizetype feedBody(const char *data, qsizetype size, QList<QByteArrayView> *body);
    qsizetype feedChunked(const char *data, qsizetype size, QList<QByteArrayView> *body);

    Limits m_limits;
    State m_state = State::StatusLine;
    Framing m_framing = Framing::None;
    Chunk m_chunk = Chunk::Size;
    bool m_noBody = false;
    bool m_haveHead = false;
    int m_blankLines = 0;
    ResponseHead m_head;
    QList<ResponseHead> m_interim;
    int m_interimSeen = 0;
    HeaderList m_trailers;
    QByteArray m_line; // a line not complete yet
    qint64 m_headBytes = 0;
    qint64 m_remaining = 0; // of the body (Length) or of the current chunk
    qint64 m_bodyRead = 0;
    QString m_error;
};

// The value of a header field that may be repeated or a comma list, as its tokens in lower
// case ("Connection: keep-alive, Upgrade" -> {"keep-alive", "upgrade"}).
QList<QByteArray> headerTokens(const HeaderList &headers, const QByteArray &name);
// Every value of a field that may appear more than once (Set-Cookie, WWW-Authenticate).
QList<QByteArray> headerValues(const HeaderList &headers, const QByteArray &name);

} // namespace ApiLens::Core::Http1
