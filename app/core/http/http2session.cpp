#include "http2session.h"

#include <QFile>

#include <nghttp2/nghttp2.h>

namespace ApiLens::Core {

struct Http2Session::Stream
{
    int32_t id = 0;
    WireStream *owner = nullptr;
    const WireRequest *request = nullptr; // the owner's; null once detached
    qint64 offset = 0;
    std::unique_ptr<QFile> file;
    int status = 0;
    HeaderList headers;
    bool headDelivered = false;
    qint64 bodyReceived = 0; // DATA bytes of the response
};

namespace {

// Fields that name the connection rather than the message: not sent in HTTP/2 (RFC 9113 §8.2.2).
bool isConnectionSpecific(const QByteArray &lowerName)
{
    return lowerName == "connection" || lowerName == "keep-alive" || lowerName == "proxy-connection" ||
           lowerName == "transfer-encoding" || lowerName == "upgrade" || lowerName == "host";
}

nghttp2_nv nameValue(const Header &header)
{
    return {reinterpret_cast<uint8_t *>(const_cast<char *>(header.first.constData())),
            reinterpret_cast<uint8_t *>(const_cast<char *>(header.second.constData())),
            size_t(header.first.size()), size_t(header.second.size()), NGHTTP2_NV_FLAG_NONE};
}

QString errorCodeName(uint32_t code)
{
    return QString::fromLatin1(nghttp2_http2_strerror(code));
}

} // namespace

struct Http2Callbacks
{
    static Http2Session::Stream *stream(nghttp2_session *session, int32_t id)
    {
        return static_cast<Http2Session::Stream *>(nghttp2_session_get_stream_user_data(session, id));
    }

    static int onHeader(nghttp2_session *session, const nghttp2_frame *frame, const uint8_t *name,
                        size_t nameLength, const uint8_t *value, size_t valueLength, uint8_t, void *)
    {
        Http2Session::Stream *s = stream(session, frame->hd.stream_id);
        if (!s || frame->hd.type != NGHTTP2_HEADERS || s->headDelivered) {
            return 0; // trailers, or a stream we left
        }
        const QByteArray field(reinterpret_cast<const char *>(name), qsizetype(nameLength));
        const QByteArray text(reinterpret_cast<const char *>(value), qsizetype(valueLength));
        if (field == ":status") {
            s->status = text.toInt();
        } else if (!field.startsWith(':')) {
            s->headers.append({field, text});
        }
        return 0;
    }

    static int onFrameReceived(nghttp2_session *session, const nghttp2_frame *frame, void *self)
    {
        auto *owner = static_cast<Http2Session *>(self);
        if (frame->hd.type == NGHTTP2_GOAWAY) {
            owner->m_goaway = true;
            const QByteArray debug(reinterpret_cast<const char *>(frame->goaway.opaque_data),
                                   qsizetype(qMin<size_t>(frame->goaway.opaque_data_len, 200)));
            owner->m_goawayText =
                QStringLiteral("GOAWAY (%1%2)")
                    .arg(errorCodeName(frame->goaway.error_code),
                         debug.isEmpty() ? QString()
                                         : QStringLiteral(": ") + QString::fromUtf8(debug).simplified());
            return 0;
        }
        if (frame->hd.type != NGHTTP2_HEADERS || !(frame->hd.flags & NGHTTP2_FLAG_END_HEADERS)) {
            return 0;
        }
        Http2Session::Stream *s = stream(session, frame->hd.stream_id);
        if (!s || s->headDelivered) {
            return 0;
        }
        if (s->status >= 100 && s->status < 200) {
            s->status = 0; // an interim response; the final one follows
            s->headers.clear();
            return 0;
        }
        s->headDelivered = true;
        if (s->owner) {
            s->owner->wireHead({QByteArrayLiteral("HTTP/2"), s->status, QByteArray(), s->headers});
        }
        return 0;
    }

    static int onData(nghttp2_session *session, uint8_t, int32_t id, const uint8_t *data, size_t length,
                      void *)
    {
        Http2Session::Stream *s = stream(session, id);
        if (s) {
            s->bodyReceived += qint64(length);
        }
        if (s && s->owner && s->headDelivered &&
            !s->owner->wireBody(reinterpret_cast<const char *>(data), qsizetype(length))) {
            s->owner = nullptr;
            s->request = nullptr;
            nghttp2_submit_rst_stream(session, NGHTTP2_FLAG_NONE, id, NGHTTP2_CANCEL);
        }
        return 0;
    }

    static int onFrameSent(nghttp2_session *session, const nghttp2_frame *frame, void *)
    {
        if ((frame->hd.type == NGHTTP2_HEADERS || frame->hd.type == NGHTTP2_DATA) &&
            (frame->hd.flags & NGHTTP2_FLAG_END_STREAM)) {
            if (Http2Session::Stream *s = stream(session, frame->hd.stream_id); s && s->owner) {
                s->owner->wireSent();
            }
        }
        return 0;
    }

    static int onStreamClosed(nghttp2_session *session, int32_t id, uint32_t errorCode, void *self)
    {
        if (Http2Session::Stream *s = stream(session, id)) {
            static_cast<Http2Session *>(self)->closeStream(s, errorCode);
        }
        return 0;
    }

    static int onError(nghttp2_session *, int, const char *message, size_t length, void *self)
    {
        static_cast<Http2Session *>(self)->m_error = QString::fromUtf8(message, qsizetype(length));
        return 0;
    }

    static ssize_t readBody(nghttp2_session *, int32_t, uint8_t *buffer, size_t length, uint32_t *flags,
                            nghttp2_data_source *source, void *)
    {
        auto *s = static_cast<Http2Session::Stream *>(source->ptr);
        if (!s->request) {
            return NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE; // detached: the stream is reset
        }
        qint64 copied = 0;
        if (s->file) {
            copied = s->file->read(reinterpret_cast<char *>(buffer), qint64(length));
            if (copied < 0) {
                return NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE;
            }
        } else {
            copied = qMin<qint64>(qint64(length), s->request->body.size() - s->offset);
            memcpy(buffer, s->request->body.constData() + s->offset, size_t(copied));
        }
        s->offset += copied;
        if (s->offset >= s->request->bodySize || copied == 0) {
            *flags |= NGHTTP2_DATA_FLAG_EOF;
        }
        return ssize_t(copied);
    }
};

Http2Session::Http2Session(const Endpoint &endpoint, Writer write, Listener streamClosed)
    : m_endpoint(endpoint)
    , m_write(std::move(write))
    , m_streamClosed(std::move(streamClosed))
{
    nghttp2_session_callbacks *callbacks = nullptr;
    nghttp2_session_callbacks_new(&callbacks);
    nghttp2_session_callbacks_set_on_header_callback(callbacks, &Http2Callbacks::onHeader);
    nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks, &Http2Callbacks::onFrameReceived);
    nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks, &Http2Callbacks::onData);
    nghttp2_session_callbacks_set_on_frame_send_callback(callbacks, &Http2Callbacks::onFrameSent);
    nghttp2_session_callbacks_set_on_stream_close_callback(callbacks, &Http2Callbacks::onStreamClosed);
    nghttp2_session_callbacks_set_error_callback2(callbacks, &Http2Callbacks::onError);
    nghttp2_session_client_new(&m_session, callbacks, this);
    nghttp2_session_callbacks_del(callbacks);
}

Http2Session::~Http2Session()
{
    for (Stream *stream : std::as_const(m_streams)) {
        delete stream;
    }
    nghttp2_session_del(m_session);
}

bool Http2Session::start(QString *error)
{
    // No server push; a large window so a big response is not held back by flow control.
    constexpr int32_t window = 16 * 1024 * 1024;
    const nghttp2_settings_entry settings[] = {{NGHTTP2_SETTINGS_ENABLE_PUSH, 0},
                                               {NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE, window}};
    int result = nghttp2_submit_settings(m_session, NGHTTP2_FLAG_NONE, settings, 2);
    if (result == 0) {
        result = nghttp2_session_set_local_window_size(m_session, NGHTTP2_FLAG_NONE, 0, window);
    }
    if (result != 0) {
        *error = QString::fromLatin1(nghttp2_strerror(result));
        return false;
    }
    return flush();
}

bool Http2Session::submit(WireStream *owner, QString *error)
{
    if (m_receiving) {
        // Called back from inside nghttp2 (a stream ended and its owner sends the next
        // request): nghttp2 must not be driven from its own callbacks, so this waits.
        m_deferred.append(owner);
        return true;
    }
    const WireRequest &request = owner->wireRequest();
    auto stream = std::make_unique<Stream>();
    stream->owner = owner;
    stream->request = &request;
    if (!request.bodyFilePath.isEmpty()) {
        stream->file = std::make_unique<QFile>(request.bodyFilePath);
        if (!stream->file->open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("Cannot read the body file '%1'").arg(request.bodyFilePath);
            return false;
        }
    }

    SentRequest record;
    record.method = request.method;
    record.url = request.url;
    record.target = originTarget(request);
    record.httpVersion = QStringLiteral("HTTP/2");
    const QByteArray host = headerValue(request.headers, "Host");
    record.headers = {{":method", request.method},
                      {":scheme", m_endpoint.scheme.toLatin1()},
                      {":authority", host.isNull() ? hostHeaderValue(request.url) : host},
                      {":path", record.target}};
    for (const Header &header : request.headers) {
        const QByteArray name = header.first.toLower();
        if (!isConnectionSpecific(name) && !(name == "te" && header.second.toLower() != "trailers")) {
            record.headers.append({name, header.second});
        }
    }
    record.bodyPreview = request.bodyPreview;
    record.bodySize = request.bodySize;
    record.bodyDescription = request.bodyDescription;

    QList<nghttp2_nv> fields;
    for (const Header &header : std::as_const(record.headers)) {
        fields.append(nameValue(header));
    }
    nghttp2_data_provider body{};
    body.source.ptr = stream.get();
    body.read_callback = &Http2Callbacks::readBody;
    const bool hasBody = request.bodySize > 0;
    const int32_t id = nghttp2_submit_request(m_session, nullptr, fields.constData(), size_t(fields.size()),
                                              hasBody ? &body : nullptr, stream.get());
    if (id < 0) {
        *error = QString::fromLatin1(nghttp2_strerror(id));
        return false;
    }
    stream->id = id;
    m_streams.insert(id, stream.release());
    owner->wireWritten(record);
    return flush();
}

bool Http2Session::receive(const char *data, qsizetype size)
{
    m_receiving = true;
    const ssize_t used =
        nghttp2_session_mem_recv(m_session, reinterpret_cast<const uint8_t *>(data), size_t(size));
    m_receiving = false;
    for (WireStream *owner : std::exchange(m_deferred, {})) {
        QString error;
        if (!submit(owner, &error)) {
            owner->wireFailed(TransportError::InvalidRequest, error, false);
        }
    }
    if (used < 0) {
        if (m_error.isEmpty()) {
            m_error = QString::fromLatin1(nghttp2_strerror(int(used)));
        }
        return false;
    }
    return flush();
}

bool Http2Session::flush()
{
    if (m_receiving) {
        return true; // receive() flushes once nghttp2 has returned
    }
    for (;;) {
        const uint8_t *data = nullptr;
        const ssize_t size = nghttp2_session_mem_send(m_session, &data);
        if (size < 0) {
            m_error = QString::fromLatin1(nghttp2_strerror(int(size)));
            return false;
        }
        if (size == 0) {
            return true;
        }
        m_write(reinterpret_cast<const char *>(data), qsizetype(size));
    }
}

void Http2Session::closeStream(Stream *stream, uint32_t errorCode)
{
    m_streams.remove(stream->id);
    WireStream *owner = stream->owner;
    const bool delivered = stream->headDelivered;
    const qint64 received = stream->bodyReceived;
    delete stream;
    if (owner) {
        const QString where = m_endpoint.origin();
        if (errorCode == NGHTTP2_NO_ERROR && delivered) {
            owner->wireFinished();
        } else if (errorCode == NGHTTP2_REFUSED_STREAM) {
            owner->wireFailed(TransportError::Protocol,
                              QStringLiteral("%1 refused the HTTP/2 stream (REFUSED_STREAM)").arg(where),
                              true);
        } else if (!m_error.isEmpty()) {
            owner->wireFailed(TransportError::Protocol,
                              QStringLiteral("%1 sent an invalid HTTP/2 response: %2").arg(where, m_error),
                              false);
        } else if (errorCode == NGHTTP2_NO_ERROR) {
            owner->wireFailed(TransportError::Protocol,
                              QStringLiteral("%1 closed the HTTP/2 stream without a response").arg(where),
                              false);
        } else {
            owner->wireFailed(TransportError::Protocol,
                              QStringLiteral("%1 reset the stream (%2) %3")
                                  .arg(where, errorCodeName(errorCode),
                                       delivered ? QStringLiteral("after %1 body bytes").arg(received)
                                                 : QStringLiteral("before the response headers")),
                              false);
        }
    }
    if (m_streamClosed) {
        m_streamClosed();
    }
}

void Http2Session::detach(WireStream *owner)
{
    m_deferred.removeAll(owner);
    for (Stream *stream : std::as_const(m_streams)) {
        if (stream->owner == owner) {
            stream->owner = nullptr;
            stream->request = nullptr;
            nghttp2_submit_rst_stream(m_session, NGHTTP2_FLAG_NONE, stream->id, NGHTTP2_CANCEL);
        }
    }
    flush();
}

qint64 Http2Session::bodyBytesOfOpenStreams() const
{
    qint64 total = 0;
    for (const Stream *stream : m_streams) {
        total += stream->bodyReceived;
    }
    return total;
}

void Http2Session::failAll(TransportError error, const QString &message, bool retry)
{
    for (WireStream *owner : std::exchange(m_deferred, {})) {
        owner->wireFailed(error, message, retry);
    }
    const QHash<int32_t, Stream *> streams = std::exchange(m_streams, {});
    for (Stream *stream : streams) {
        nghttp2_session_set_stream_user_data(m_session, stream->id, nullptr);
        if (WireStream *owner = stream->owner) {
            stream->owner = nullptr;
            owner->wireFailed(error, message, retry && !stream->headDelivered);
        }
        delete stream;
    }
}

bool Http2Session::canTake() const
{
    if (m_goaway || !isAlive()) {
        return false;
    }
    const uint32_t limit =
        nghttp2_session_get_remote_settings(m_session, NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS);
    return uint32_t(m_streams.size()) < limit;
}

bool Http2Session::isAlive() const
{
    return nghttp2_session_want_read(m_session) != 0 || nghttp2_session_want_write(m_session) != 0;
}

bool Http2Session::carries(const WireStream *owner) const
{
    if (m_deferred.contains(const_cast<WireStream *>(owner))) {
        return true;
    }
    for (const Stream *stream : m_streams) {
        if (stream->owner == owner) {
            return true;
        }
    }
    return false;
}

} // namespace ApiLens::Core
