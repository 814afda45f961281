#pragma once

#include "connection.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <functional>

struct nghttp2_session;

namespace ApiLens::Core {

// The HTTP/2 side of a connection (RFC 9113), over libnghttp2: the connection hands it the
// bytes it reads and writes what it produces. Each request is a stream; the record of what
// was sent is the header list given to nghttp2, which HPACK encodes as is.
class Http2Session
{
public:
    using Writer = std::function<void(const char *data, qsizetype size)>;
    using Listener = std::function<void()>;

    Http2Session(const Endpoint &endpoint, Writer write, Listener streamClosed);
    ~Http2Session();
    Http2Session(const Http2Session &) = delete;
    Http2Session &operator=(const Http2Session &) = delete;

    bool start(QString *error); // the client preface and SETTINGS
    bool submit(WireStream *stream, QString *error);
    // Bytes from the server; false on a connection error (error() says what).
    bool receive(const char *data, qsizetype size);
    // Writes whatever nghttp2 has ready (frames, window updates, request bodies).
    bool flush();
    void detach(WireStream *stream);
    // Fails every stream (the connection is gone) and forgets them.
    void failAll(TransportError error, const QString &message, bool retry);

    bool canTake() const;
    bool isAlive() const;
    bool carries(const WireStream *stream) const;
    int openStreams() const { return int(m_streams.size()); }
    QString error() const { return m_error; }
    // "GOAWAY (INTERNAL_ERROR: shutting down)" once the server sent one; empty before.
    QString goawayText() const { return m_goawayText; }
    qint64 bodyBytesOfOpenStreams() const;

    struct Stream;

private:
    friend struct Http2Callbacks;
    void closeStream(Stream *stream, uint32_t errorCode);
    Endpoint m_endpoint;
    Writer m_write;
    Listener m_streamClosed;
    nghttp2_session *m_session = nullptr;
    QHash<int32_t, Stream *> m_streams;
    bool m_goaway = false;
    QString m_goawayText;
    bool m_receiving = false;
    QList<WireStream *> m_deferred; // submitted from inside a callback
    QString m_error;
};

} // namespace ApiLens::Core
