#include "faultserver.h"

#include "testcertificates.h"
#include "testserver.h"

#include <QFile>
#include <QPointer>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

#include <brotli/encode.h>
#include <sys/socket.h>
#include <zlib.h>
#include <zstd.h>

#include <map>

namespace ApiLens::Test {

namespace {

constexpr qsizetype Mebibyte = 1024 * 1024;

QByteArray gzipBomb()
{
    z_stream stream{};
    deflateInit2(&stream, 9, Z_DEFLATED, 15 + 16, 9, Z_RLE); // runs of zeros: about 1,000 to 1
    const QByteArray zeros(Mebibyte, '\0');
    QByteArray out;
    QByteArray buffer(64 * 1024, Qt::Uninitialized);
    for (qint64 done = 0; done <= FaultServer::BombDecodedBytes; done += Mebibyte) {
        const bool last = done == FaultServer::BombDecodedBytes;
        stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(zeros.constData()));
        stream.avail_in = last ? 0 : uInt(zeros.size());
        do {
            stream.next_out = reinterpret_cast<Bytef *>(buffer.data());
            stream.avail_out = uInt(buffer.size());
            deflate(&stream, last ? Z_FINISH : Z_NO_FLUSH);
            out.append(buffer.constData(), buffer.size() - qsizetype(stream.avail_out));
        } while (stream.avail_out == 0);
    }
    deflateEnd(&stream);
    return out;
}

QByteArray brotliBomb()
{
    BrotliEncoderState *state = BrotliEncoderCreateInstance(nullptr, nullptr, nullptr);
    BrotliEncoderSetParameter(state, BROTLI_PARAM_QUALITY, 1);
    const QByteArray zeros(Mebibyte, '\0');
    QByteArray out;
    for (qint64 done = 0; done <= FaultServer::BombDecodedBytes; done += Mebibyte) {
        const bool last = done == FaultServer::BombDecodedBytes;
        size_t availableIn = last ? 0 : size_t(zeros.size());
        const uint8_t *nextIn = reinterpret_cast<const uint8_t *>(zeros.constData());
        do {
            size_t availableOut = 0;
            BrotliEncoderCompressStream(state, last ? BROTLI_OPERATION_FINISH : BROTLI_OPERATION_PROCESS,
                                        &availableIn, &nextIn, &availableOut, nullptr, nullptr);
            size_t size = 0;
            const uint8_t *produced = BrotliEncoderTakeOutput(state, &size);
            out.append(reinterpret_cast<const char *>(produced), qsizetype(size));
        } while (availableIn > 0 || BrotliEncoderHasMoreOutput(state) ||
                 (last && !BrotliEncoderIsFinished(state)));
    }
    BrotliEncoderDestroyInstance(state);
    return out;
}

QByteArray zstdBomb()
{
    ZSTD_CCtx *context = ZSTD_createCCtx();
    ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, 1);
    const QByteArray zeros(Mebibyte, '\0');
    QByteArray out;
    QByteArray buffer(qsizetype(ZSTD_CStreamOutSize()), Qt::Uninitialized);
    for (qint64 done = 0; done <= FaultServer::BombDecodedBytes; done += Mebibyte) {
        const bool last = done == FaultServer::BombDecodedBytes;
        ZSTD_inBuffer input{zeros.constData(), last ? 0 : size_t(zeros.size()), 0};
        size_t remaining = 0;
        do {
            ZSTD_outBuffer output{buffer.data(), size_t(buffer.size()), 0};
            remaining = ZSTD_compressStream2(context, &output, &input, last ? ZSTD_e_end : ZSTD_e_continue);
            out.append(buffer.constData(), qsizetype(output.pos));
        } while (last ? remaining != 0 : input.pos < input.size);
    }
    ZSTD_freeCCtx(context);
    return out;
}

// Sends what was written, then resets the connection (SO_LINGER 0: RST instead of FIN).
void resetAfterWriting(QTcpSocket *socket)
{
    socket->flush();
    socket->waitForBytesWritten(1000);
    const linger noLinger{1, 0};
    setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &noLinger, sizeof noLinger);
    socket->abort();
}

QByteArray head(const QByteArray &statusLine, const QByteArrayList &fields)
{
    QByteArray bytes = statusLine + "\r\n";
    for (const QByteArray &field : fields) {
        bytes += field + "\r\n";
    }
    return bytes + "\r\n";
}

QByteArray withLength(const QByteArray &type, const QByteArray &body)
{
    return head("HTTP/1.1 200 OK",
                {"Content-Type: " + type, "Content-Length: " + QByteArray::number(body.size())}) +
           body;
}

QByteArray manyHeaders(int count)
{
    QByteArray bytes = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n";
    bytes.reserve(count * 24);
    for (int i = 1; i < count; ++i) {
        bytes += "X-Field-" + QByteArray::number(i) + ": " + QByteArray::number(i) + "\r\n";
    }
    return bytes + "\r\nok";
}

} // namespace

FaultServer::FaultServer(QObject *parent)
    : QObject(parent)
{}

FaultServer::~FaultServer() = default;

QByteArray FaultServer::body(const QByteArray &path)
{
    if (path == "/long-line-json") {
        QByteArray json = "[";
        json.reserve(10 * Mebibyte + 64);
        for (int i = 0; json.size() < 10 * Mebibyte; ++i) {
            json += "{\"id\":" + QByteArray::number(i) + ",\"name\":\"item " + QByteArray::number(i) + "\"},";
        }
        json.chop(1);
        return json + ']';
    }
    if (path == "/deep-json") {
        return QByteArray(100000, '[') + QByteArray(100000, ']');
    }
    if (path == "/invalid-utf8") {
        return QByteArray("{\"name\": \"caf\xc3\xa9 \xff\xfe broken \xc3\", \"ok\": true}");
    }
    if (path == "/http10") {
        return QByteArray("delimited by the close\n").repeated(1000);
    }
    return {};
}

QByteArray FaultServer::bomb(const QByteArray &coding)
{
    static std::map<QByteArray, QByteArray> made;
    auto found = made.find(coding);
    if (found == made.end()) {
        found = made.emplace(coding, coding == "gzip" ? gzipBomb()
                                     : coding == "br" ? brotliBomb()
                                                      : zstdBomb())
                    .first;
    }
    return found->second;
}

bool FaultServer::listen()
{
    m_server = new QTcpServer(this);
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &FaultServer::onNewConnection);
    return m_server->listen(QHostAddress::LocalHost, 0);
}

bool FaultServer::listenTls(Tls kind, const TestCertificates &certificates)
{
    using Leaf = TestCertificates::Leaf;
    QString certificatePath = QStringLiteral(APILENS_TEST_CERT_DIR "/localhost.crt");
    QString keyPath = QStringLiteral(APILENS_TEST_CERT_DIR "/localhost.key");
    if (kind != Tls::SelfSigned) {
        const Leaf leaf = kind == Tls::Expired     ? Leaf::Expired
                          : kind == Tls::OtherHost ? Leaf::OtherHost
                                                   : Leaf::Valid;
        certificatePath = certificates.certificate(leaf);
        keyPath = certificates.key(leaf);
    }
    QFile certificateFile(certificatePath);
    QFile keyFile(keyPath);
    if (!certificateFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
        return false;
    }
    const QByteArray keyBytes = keyFile.readAll();
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificate(QSslCertificate(certificateFile.readAll(), QSsl::Pem));
    config.setPrivateKey(QSslKey(keyBytes, kind == Tls::SelfSigned ? QSsl::Rsa : QSsl::Ec, QSsl::Pem));
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    auto *server = new QSslServer(this);
    server->setSslConfiguration(config);
    m_server = server;
    m_tls = true;
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &FaultServer::onNewConnection);
    return m_server->listen(QHostAddress::LocalHost, 0);
}

quint16 FaultServer::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

QUrl FaultServer::url(const QString &path) const
{
    return QUrl(QStringLiteral("%1://127.0.0.1:%2%3")
                    .arg(m_tls ? QStringLiteral("https") : QStringLiteral("http"))
                    .arg(port())
                    .arg(path));
}

void FaultServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

void FaultServer::onReadyRead(QTcpSocket *socket)
{
    QByteArray received = socket->property("received").toByteArray() + socket->readAll();
    const qsizetype end = received.indexOf("\r\n\r\n");
    if (end < 0) {
        socket->setProperty("received", received);
        return;
    }
    socket->setProperty("received", QByteArray());
    const QByteArrayList requestLine = received.left(received.indexOf("\r\n")).split(' ');
    answer(socket, requestLine.value(1));
}

void FaultServer::answer(QTcpSocket *socket, const QByteArray &target)
{
    const QUrl url(QString::fromLatin1(target));
    const QByteArray path = url.path().toLatin1();
    if (path == "/ok") {
        socket->write(withLength("text/plain", "fine"));
    } else if (path == "/hang") {
        return;
    } else if (path == "/reset-in-head") {
        socket->write("HTTP/1.1 200 OK\r\nContent-Ty");
        resetAfterWriting(socket);
    } else if (path == "/reset-in-body") {
        socket->write(head("HTTP/1.1 200 OK", {"Content-Length: 100000"}) + QByteArray(1000, 'r'));
        resetAfterWriting(socket);
    } else if (path == "/short-body") {
        socket->write(head("HTTP/1.1 200 OK", {"Content-Length: 1000"}) + QByteArray(10, 's'));
        socket->disconnectFromHost();
    } else if (path == "/garbage") {
        socket->write("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n");
    } else if (path == "/huge-header") {
        socket->write(
            head("HTTP/1.1 200 OK", {"X-Huge: " + QByteArray(2 * Mebibyte, 'h'), "Content-Length: 0"}));
    } else if (path.startsWith("/many-headers/")) {
        socket->write(manyHeaders(path.mid(int(sizeof "/many-headers/") - 1).toInt()));
    } else if (path.startsWith("/bomb/")) {
        const QByteArray coding = path.mid(int(sizeof "/bomb/") - 1);
        const QByteArray bytes = bomb(coding);
        socket->write(
            head("HTTP/1.1 200 OK", {"Content-Type: application/octet-stream", "Content-Encoding: " + coding,
                                     "Content-Length: " + QByteArray::number(bytes.size())}) +
            bytes);
    } else if (path == "/endless") {
        TestServer::writeEndless(socket, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n");
    } else if (path == "/drip") {
        drip(socket);
    } else if (path == "/redirect-loop") {
        socket->write(head("HTTP/1.1 302 Found", {"Location: /redirect-loop", "Content-Length: 0"}));
    } else if (path == "/redirect") {
        const QByteArray to =
            QUrlQuery(url).queryItemValue(QStringLiteral("to"), QUrl::FullyDecoded).toUtf8();
        socket->write(
            head("HTTP/1.1 302 Found", {"Location: " + to, "Set-Cookie: session=from-the-first-host; Path=/",
                                        "Content-Length: 0"}));
    } else if (path == "/invalid-utf8") {
        socket->write(withLength("application/json; charset=utf-8", body(path)));
    } else if (path == "/long-line-json" || path == "/deep-json") {
        socket->write(withLength("application/json", body(path)));
    } else if (path == "/http10") {
        socket->write(head("HTTP/1.0 200 OK", {"Content-Type: text/plain"}) + body(path));
        socket->disconnectFromHost();
    } else if (path == "/continue-close") {
        socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        socket->disconnectFromHost();
    } else {
        socket->write(head("HTTP/1.1 404 Not Found", {"Content-Length: 0"}));
    }
}

void FaultServer::drip(QTcpSocket *socket)
{
    socket->write(head("HTTP/1.1 200 OK", {"Content-Type: text/plain", "Content-Length: 1000"}) + "d");
    auto *timer = new QTimer(socket);
    connect(timer, &QTimer::timeout, socket, [socket] { socket->write("d"); });
    timer->start(1000);
}

} // namespace ApiLens::Test
