#include "h2faultserver.h"

#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <nghttp2/nghttp2.h>

#include <map>

namespace ApiLens::Test {

namespace {

constexpr qsizetype BodyBytesBeforeTheFault = 1000;

// One connection: an nghttp2 server session fed from the socket and writing to it.
class H2Connection : public QObject
{
public:
    explicit H2Connection(QTcpSocket *socket)
        : QObject(socket)
        , m_socket(socket)
    {
        nghttp2_session_callbacks *callbacks = nullptr;
        nghttp2_session_callbacks_new(&callbacks);
        nghttp2_session_callbacks_set_send_callback(callbacks, &H2Connection::send);
        nghttp2_session_callbacks_set_on_header_callback(callbacks, &H2Connection::onHeader);
        nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks, &H2Connection::onFrame);
        nghttp2_session_server_new(&m_session, callbacks, this);
        nghttp2_session_callbacks_del(callbacks);
        nghttp2_submit_settings(m_session, NGHTTP2_FLAG_NONE, nullptr, 0);
        connect(socket, &QTcpSocket::readyRead, this, &H2Connection::onReadyRead);
        flush();
    }
    ~H2Connection() override { nghttp2_session_del(m_session); }

private:
    void onReadyRead()
    {
        const QByteArray bytes = m_socket->readAll();
        if (nghttp2_session_mem_recv(m_session, reinterpret_cast<const uint8_t *>(bytes.constData()),
                                     size_t(bytes.size())) < 0) {
            m_socket->abort();
            return;
        }
        flush();
    }

    void flush()
    {
        if (nghttp2_session_send(m_session) != 0) {
            m_socket->abort();
        }
    }

    static ssize_t send(nghttp2_session *, const uint8_t *data, size_t length, int, void *user)
    {
        static_cast<H2Connection *>(user)->m_socket->write(reinterpret_cast<const char *>(data),
                                                           qint64(length));
        return ssize_t(length);
    }

    static int onHeader(nghttp2_session *, const nghttp2_frame *frame, const uint8_t *name, size_t nameLength,
                        const uint8_t *value, size_t valueLength, uint8_t, void *user)
    {
        if (QByteArray(reinterpret_cast<const char *>(name), qsizetype(nameLength)) == ":path") {
            static_cast<H2Connection *>(user)->m_paths[frame->hd.stream_id] =
                QByteArray(reinterpret_cast<const char *>(value), qsizetype(valueLength));
        }
        return 0;
    }

    static int onFrame(nghttp2_session *, const nghttp2_frame *frame, void *user)
    {
        if ((frame->hd.type == NGHTTP2_HEADERS || frame->hd.type == NGHTTP2_DATA) &&
            (frame->hd.flags & NGHTTP2_FLAG_END_STREAM)) {
            static_cast<H2Connection *>(user)->respond(frame->hd.stream_id);
        }
        return 0;
    }

    // The body: 1,000 bytes, then (for the faults) nothing until the fault breaks it off.
    static ssize_t readBody(nghttp2_session *, int32_t, uint8_t *buffer, size_t length, uint32_t *flags,
                            nghttp2_data_source *source, void *)
    {
        auto *state = static_cast<BodyState *>(source->ptr);
        if (state->sent >= BodyBytesBeforeTheFault) {
            if (state->whole) {
                *flags |= NGHTTP2_DATA_FLAG_EOF;
                return 0;
            }
            return NGHTTP2_ERR_DEFERRED;
        }
        const size_t n = qMin(length, size_t(BodyBytesBeforeTheFault - state->sent));
        memset(buffer, 'h', n);
        state->sent += qsizetype(n);
        if (state->whole && state->sent >= BodyBytesBeforeTheFault) {
            *flags |= NGHTTP2_DATA_FLAG_EOF;
        }
        return ssize_t(n);
    }

    void respond(int32_t stream)
    {
        const QByteArray path = m_paths[stream];
        BodyState *state = &m_bodies[stream];
        state->whole = path == "/ok";
        static const char status[] = ":status", ok[] = "200", type[] = "content-type", text[] = "text/plain";
        nghttp2_nv headers[] = {
            {const_cast<uint8_t *>(reinterpret_cast<const uint8_t *>(status)),
             const_cast<uint8_t *>(reinterpret_cast<const uint8_t *>(ok)), sizeof status - 1, sizeof ok - 1,
             NGHTTP2_NV_FLAG_NONE},
            {const_cast<uint8_t *>(reinterpret_cast<const uint8_t *>(type)),
             const_cast<uint8_t *>(reinterpret_cast<const uint8_t *>(text)), sizeof type - 1, sizeof text - 1,
             NGHTTP2_NV_FLAG_NONE},
        };
        nghttp2_data_provider provider{};
        provider.source.ptr = state;
        provider.read_callback = &H2Connection::readBody;
        nghttp2_submit_response(m_session, stream, headers, 2, &provider);
        if (path == "/rst-stream" || path == "/goaway") {
            QPointer<QTcpSocket> socket(m_socket);
            QTimer::singleShot(50, this, [this, stream, path, socket] {
                if (!socket) {
                    return;
                }
                if (path == "/rst-stream") {
                    nghttp2_submit_rst_stream(m_session, NGHTTP2_FLAG_NONE, stream, NGHTTP2_INTERNAL_ERROR);
                    flush();
                } else {
                    static const char why[] = "shutting down";
                    nghttp2_submit_goaway(m_session, NGHTTP2_FLAG_NONE, stream, NGHTTP2_INTERNAL_ERROR,
                                          reinterpret_cast<const uint8_t *>(why), sizeof why - 1);
                    flush();
                    socket->disconnectFromHost();
                }
            });
        }
    }

    QTcpSocket *m_socket;
    nghttp2_session *m_session = nullptr;
    std::map<int32_t, QByteArray> m_paths;
    struct BodyState
    {
        qsizetype sent = 0;
        bool whole = false; // the body ends after its bytes (else the fault ends it)
    };
    std::map<int32_t, BodyState> m_bodies;
};

} // namespace

H2FaultServer::H2FaultServer(QObject *parent)
    : QObject(parent)
{}

H2FaultServer::~H2FaultServer() = default;

bool H2FaultServer::listen()
{
    m_server = new QTcpServer(this);
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &H2FaultServer::onNewConnection);
    return m_server->listen(QHostAddress::LocalHost, 0);
}

QUrl H2FaultServer::url(const QString &path) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server->serverPort()).arg(path));
}

void H2FaultServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        new H2Connection(socket);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

} // namespace ApiLens::Test
