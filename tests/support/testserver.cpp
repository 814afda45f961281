#include "testserver.h"

#include <QCryptographicHash>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <brotli/encode.h>
#include <zlib.h>
#include <zstd.h>

namespace ApiLens::Test {

namespace {

const char *phrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 409:
        return "Conflict";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

QByteArray md5Hex(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Md5).toHex();
}

// Parses `Digest a="b", c=d` into a map.
QHash<QByteArray, QByteArray> authParams(const QByteArray &value)
{
    QHash<QByteArray, QByteArray> params;
    const qsizetype space = value.indexOf(' ');
    const QByteArray rest = space < 0 ? QByteArray() : value.mid(space + 1);
    qsizetype i = 0;
    while (i < rest.size()) {
        while (i < rest.size() && (rest[i] == ' ' || rest[i] == ',')) {
            ++i;
        }
        const qsizetype eq = rest.indexOf('=', i);
        if (eq < 0) {
            break;
        }
        const QByteArray name = rest.mid(i, eq - i).trimmed().toLower();
        i = eq + 1;
        QByteArray v;
        if (i < rest.size() && rest[i] == '"') {
            ++i;
            while (i < rest.size() && rest[i] != '"') {
                if (rest[i] == '\\' && i + 1 < rest.size()) {
                    ++i;
                }
                v.append(rest[i++]);
            }
            ++i;
        } else {
            while (i < rest.size() && rest[i] != ',') {
                v.append(rest[i++]);
            }
            v = v.trimmed();
        }
        params.insert(name, v);
    }
    return params;
}

Response json(int status, const QJsonObject &object)
{
    Response response;
    response.status = status;
    response.headers = {{"Content-Type", "application/json"}};
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return response;
}

QJsonObject describe(const ReceivedRequest &request)
{
    QJsonObject headers;
    QJsonArray headerList;
    for (const auto &header : request.headers) {
        headers.insert(QString::fromLatin1(header.first.toLower()), QString::fromUtf8(header.second));
        headerList.append(QJsonArray{QString::fromLatin1(header.first), QString::fromUtf8(header.second)});
    }
    return QJsonObject{{QStringLiteral("method"), QString::fromLatin1(request.method)},
                       {QStringLiteral("path"), QString::fromUtf8(request.path())},
                       {QStringLiteral("query"), QString::fromUtf8(request.query())},
                       {QStringLiteral("headers"), headers},
                       {QStringLiteral("header_list"), headerList},
                       {QStringLiteral("body"), QString::fromUtf8(request.body)},
                       {QStringLiteral("body_size"), request.body.size()}};
}

} // namespace

QByteArray ReceivedRequest::comparableAuthorization() const
{
    const QByteArray value = header("Authorization");
    if (!value.startsWith("Digest ")) {
        return value;
    }
    QByteArrayList kept;
    for (const QByteArray &part : value.mid(7).split(',')) {
        const QByteArray item = part.trimmed();
        const QByteArray name = item.split('=').value(0);
        if (name != "cnonce" && name != "response" && item != "algorithm=MD5" &&
            item != "algorithm=\"MD5\"") {
            kept.append(item);
        }
    }
    std::sort(kept.begin(), kept.end());
    return "Digest " + kept.join(", ");
}

QByteArray ReceivedRequest::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            return h.second;
        }
    }
    return {};
}

QByteArray ReceivedRequest::path() const
{
    QByteArray t = target;
    const qsizetype scheme = t.indexOf("://");
    if (scheme >= 0) {
        const qsizetype slash = t.indexOf('/', scheme + 3);
        t = slash < 0 ? QByteArray("/") : t.mid(slash);
    }
    const qsizetype q = t.indexOf('?');
    return q < 0 ? t : t.left(q);
}

QList<QPair<QByteArray, QByteArray>> ReceivedRequest::multipartParts() const
{
    const QByteArray type = header("Content-Type");
    const QByteArray boundary = "--" + type.mid(type.indexOf("boundary=") + 9).replace('"', QByteArray());
    QList<QPair<QByteArray, QByteArray>> parts;
    qsizetype at = body.indexOf(boundary);
    while (at >= 0) {
        const qsizetype next = body.indexOf(boundary, at + boundary.size());
        if (next < 0) {
            break;
        }
        const QByteArray piece = body.mid(at + boundary.size() + 2, next - at - boundary.size() - 4);
        const qsizetype split = piece.indexOf("\r\n\r\n");
        QByteArrayList lines = piece.left(split).toLower().split('\n');
        for (QByteArray &line : lines) {
            line = line.trimmed();
        }
        std::sort(lines.begin(), lines.end());
        parts.append({lines.join('|'), piece.mid(split + 4)});
        at = next;
    }
    return parts;
}

QByteArray ReceivedRequest::query() const
{
    const qsizetype q = target.indexOf('?');
    return q < 0 ? QByteArray() : target.mid(q + 1);
}

TestServer::TestServer(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
    , m_handler(&TestServer::route)
{
    connect(m_server, &QTcpServer::newConnection, this, &TestServer::onNewConnection);
}

TestServer::~TestServer() = default;

bool TestServer::listen(const QHostAddress &address, quint16 port)
{
    return m_server->listen(address, port);
}

QString TestServer::certificatePath()
{
    return QStringLiteral(APILENS_TEST_CERT_DIR "/localhost.crt");
}

bool TestServer::listenTls()
{
    QFile certFile(certificatePath());
    QFile keyFile(QStringLiteral(APILENS_TEST_CERT_DIR "/localhost.key"));
    if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
        return false;
    }
    auto *server = new QSslServer(this);
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificate(QSslCertificate(certFile.readAll(), QSsl::Pem));
    config.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Rsa, QSsl::Pem));
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    server->setSslConfiguration(config);
    delete m_server;
    m_server = server;
    m_tls = true;
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &TestServer::onNewConnection);
    return m_server->listen(QHostAddress::LocalHost, 0);
}

quint16 TestServer::port() const
{
    return m_server->serverPort();
}

QUrl TestServer::url(const QString &pathAndQuery) const
{
    return QUrl(QStringLiteral("%1://127.0.0.1:%2%3")
                    .arg(m_tls ? QStringLiteral("https") : QStringLiteral("http"))
                    .arg(port())
                    .arg(pathAndQuery));
}

void TestServer::setHandler(std::function<Response(const ReceivedRequest &)> handler)
{
    m_handler = std::move(handler);
}

QList<ReceivedRequest> TestServer::requests() const
{
    return m_requests;
}

ReceivedRequest TestServer::lastRequest() const
{
    return m_requests.isEmpty() ? ReceivedRequest() : m_requests.last();
}

void TestServer::clearRequests()
{
    m_requests.clear();
}

quint16 TestServer::unusedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

QByteArray TestServer::gzipCompress(const QByteArray &data)
{
    z_stream stream{};
    deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
    QByteArray out(int(deflateBound(&stream, uLong(data.size()))) + 32, Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    stream.avail_in = uInt(data.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = uInt(out.size());
    deflate(&stream, Z_FINISH);
    out.resize(qsizetype(stream.total_out));
    deflateEnd(&stream);
    return out;
}

QByteArray TestServer::encode(const QByteArray &data, const QByteArray &codings)
{
    QByteArray out = data;
    for (const QByteArray &token : codings.split(',')) {
        const QByteArray coding = token.trimmed();
        if (coding == "gzip") {
            out = gzipCompress(out);
        } else if (coding == "deflate" || coding == "raw-deflate") {
            z_stream stream{};
            deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, coding == "deflate" ? 15 : -15, 9,
                         Z_DEFAULT_STRATEGY);
            QByteArray packed(int(deflateBound(&stream, uLong(out.size()))) + 32, Qt::Uninitialized);
            stream.next_in = reinterpret_cast<Bytef *>(out.data());
            stream.avail_in = uInt(out.size());
            stream.next_out = reinterpret_cast<Bytef *>(packed.data());
            stream.avail_out = uInt(packed.size());
            deflate(&stream, Z_FINISH);
            packed.resize(qsizetype(stream.total_out));
            deflateEnd(&stream);
            out = packed;
        } else if (coding == "br") {
            std::size_t size = BrotliEncoderMaxCompressedSize(std::size_t(out.size())) + 64;
            QByteArray packed(qsizetype(size), Qt::Uninitialized);
            BrotliEncoderCompress(5, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, std::size_t(out.size()),
                                  reinterpret_cast<const uint8_t *>(out.constData()), &size,
                                  reinterpret_cast<uint8_t *>(packed.data()));
            packed.resize(qsizetype(size));
            out = packed;
        } else if (coding == "zstd") {
            QByteArray packed(qsizetype(ZSTD_compressBound(std::size_t(out.size()))), Qt::Uninitialized);
            packed.resize(qsizetype(ZSTD_compress(packed.data(), std::size_t(packed.size()), out.constData(),
                                                  std::size_t(out.size()), 3)));
            out = packed;
        }
    }
    return out;
}

Response TestServer::route(const ReceivedRequest &request)
{
    if (request.method == "PRI") {
        // An HTTP/2 preface gets a DATA frame on stream 0 instead of SETTINGS: a protocol error.
        Response response;
        response.rawReply = QByteArray(9, '\0');
        return response;
    }
    const QByteArray path = request.path();
    const QList<QByteArray> parts = path.mid(1).split('/');
    const QByteArray first = parts.value(0);
    if (first == "status" && parts.size() > 1) {
        Response response;
        response.status = parts[1].toInt();
        const QByteArray query = request.query();
        if (query.startsWith("body=")) {
            response.body = QByteArray::fromPercentEncoding(query.mid(5));
            response.headers.append({QByteArray("Content-Type"), QByteArray("text/plain")});
        }
        return response;
    }
    if (first == "echo" || first == "anything") {
        return json(200, describe(request));
    }
    if (first == "delay" && parts.size() > 1) {
        Response response = json(200, describe(request));
        response.delayMs = parts[1].toInt();
        return response;
    }
    if (first == "redirect" && parts.size() > 1) {
        const int hops = parts[1].toInt();
        Response response;
        response.status = 302;
        response.headers = {
            {"Location", hops <= 1 ? QByteArray("/echo") : "/redirect/" + QByteArray::number(hops - 1)}};
        return response;
    }
    if (first == "cookies" && parts.value(1) == "set") {
        // Sets each name=value of the query as a cookie, then sends the client to /echo.
        Response response;
        response.status = 302;
        response.headers = {{"Location", "/echo"}};
        for (const QByteArray &pair : request.query().split('&')) {
            if (!pair.isEmpty()) {
                response.headers.append({"Set-Cookie", pair + "; Path=/"});
            }
        }
        return response;
    }
    if (first == "redirect-loop") {
        Response response;
        response.status = 302;
        response.headers = {{"Location", "/redirect-loop"}};
        return response;
    }
    if (first == "gzip") {
        Response response = json(200, QJsonObject{{QStringLiteral("gzipped"), true}});
        response.gzip = true;
        return response;
    }
    if (first == "endless") {
        Response response;
        response.headers = {{"Content-Type", "application/octet-stream"}};
        response.endless = true;
        return response;
    }
    if (first == "chunked") {
        Response response =
            json(200, QJsonObject{{QStringLiteral("chunked"), true},
                                  {QStringLiteral("filler"), QString(300, QLatin1Char('x'))}});
        response.chunked = true;
        response.chunkDelayMs = 10;
        return response;
    }
    if (first == "pattern" && parts.size() > 1) {
        Response response;
        response.body.resize(parts[1].toInt());
        for (qsizetype i = 0; i < response.body.size(); ++i) {
            response.body[i] = char(i % 256);
        }
        response.headers = {{"Content-Type", "application/octet-stream"}};
        return response;
    }
    if (first == "bytes" && parts.size() > 1) {
        Response response;
        response.body = QByteArray(parts[1].toInt(), 'a');
        response.headers = {{"Content-Type", "application/octet-stream"}};
        return response;
    }
    if (first == "basic-auth" && parts.size() > 2) {
        const QByteArray expected = "Basic " + QByteArray(parts[1] + ':' + parts[2]).toBase64();
        if (request.header("Authorization") == expected) {
            return json(200, QJsonObject{{QStringLiteral("authenticated"), true}});
        }
        Response response;
        response.status = 401;
        response.headers = {{"WWW-Authenticate", "Basic realm=\"apilens-test\""}};
        return response;
    }
    if (first == "digest-auth" && parts.size() > 2) {
        static const QByteArray realm = "apilens-test";
        static const QByteArray nonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093";
        const QByteArray authorization = request.header("Authorization");
        if (authorization.startsWith("Digest ")) {
            const auto p = authParams(authorization);
            const QByteArray ha1 = md5Hex(parts[1] + ':' + realm + ':' + parts[2]);
            const QByteArray ha2 = md5Hex(request.method + ':' + p.value("uri"));
            const QByteArray expected = md5Hex(ha1 + ':' + nonce + ':' + p.value("nc") + ':' +
                                               p.value("cnonce") + ':' + p.value("qop") + ':' + ha2);
            if (p.value("username") == parts[1] && p.value("response") == expected) {
                return json(200, QJsonObject{{QStringLiteral("authenticated"), true}});
            }
        }
        Response response;
        response.status = 401;
        response.headers = {{"WWW-Authenticate", "Digest realm=\"" + realm + "\", qop=\"auth\", nonce=\"" +
                                                     nonce +
                                                     "\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""}};
        return response;
    }
    if (first == "close") {
        Response response;
        response.closeWithoutReply = true;
        return response;
    }
    if (first == "hang") {
        Response response;
        response.hang = true;
        return response;
    }
    if (first == "garbage") {
        Response response;
        response.rawReply = "THIS IS NOT HTTP\r\n\r\n";
        return response;
    }
    return json(404, QJsonObject{{QStringLiteral("error"), QStringLiteral("no such route")},
                                 {QStringLiteral("path"), QString::fromUtf8(path)}});
}

void TestServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        ++m_connections;
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

void TestServer::onReadyRead(QTcpSocket *socket)
{
    QByteArray buffer = socket->property("apilens_buffer").toByteArray() + socket->readAll();
    for (;;) {
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            break;
        }
        const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
        ReceivedRequest request;
        request.rawHead = buffer.left(headEnd + 4);
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        request.method = requestLine.value(0);
        request.target = requestLine.value(1);
        request.version = requestLine.value(2);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon > 0) {
                request.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
            }
        }
        qsizetype consumed = headEnd + 4;
        if (request.header("Transfer-Encoding").toLower() == "chunked") {
            qsizetype pos = consumed;
            bool complete = false;
            QByteArray body;
            for (;;) {
                const qsizetype lineEnd = buffer.indexOf("\r\n", pos);
                if (lineEnd < 0) {
                    break;
                }
                bool ok = false;
                const qsizetype size =
                    buffer.mid(pos, lineEnd - pos).split(';').value(0).trimmed().toLongLong(&ok, 16);
                if (!ok || buffer.size() < lineEnd + 2 + size + 2) {
                    break;
                }
                if (size == 0) {
                    complete = true;
                    pos = lineEnd + 4;
                    break;
                }
                body += buffer.mid(lineEnd + 2, size);
                pos = lineEnd + 2 + size + 2;
            }
            if (!complete) {
                break;
            }
            request.body = body;
            consumed = pos;
        } else {
            const qsizetype length = request.header("Content-Length").toLongLong();
            if (buffer.size() < consumed + length) {
                break;
            }
            request.body = buffer.mid(consumed, length);
            consumed += length;
        }
        buffer.remove(0, consumed);
        m_requests.append(request);
        reply(socket, request);
    }
    socket->setProperty("apilens_buffer", buffer);
}

void TestServer::reply(QTcpSocket *socket, const ReceivedRequest &request)
{
    const Response response = m_handler(request);
    if (response.hang) {
        return;
    }
    if (response.closeWithoutReply) {
        socket->abort();
        return;
    }
    if (!response.rawReply.isEmpty()) {
        socket->write(response.rawReply);
        return;
    }
    const bool headOnly = request.method == "HEAD";
    if (response.delayMs > 0) {
        QPointer<QTcpSocket> guard(socket);
        QTimer::singleShot(response.delayMs, this, [this, guard, response, headOnly] {
            if (guard) {
                write(guard, response, headOnly);
            }
        });
        return;
    }
    write(socket, response, headOnly);
}

void TestServer::writeEndless(QTcpSocket *socket, const QByteArray &head)
{
    // A chunk whenever the last one has left, for as long as the client reads.
    socket->write(head + "Transfer-Encoding: chunked\r\n\r\n");
    const QByteArray chunk = QByteArray::number(64 * 1024, 16) + "\r\n" + QByteArray(64 * 1024, 'x') + "\r\n";
    const auto more = [socket, chunk] {
        while (socket->state() == QAbstractSocket::ConnectedState &&
               socket->bytesToWrite() < 4 * chunk.size()) {
            socket->write(chunk);
        }
    };
    connect(socket, &QTcpSocket::bytesWritten, socket, more);
    more();
}

void TestServer::write(QTcpSocket *socket, const Response &response, bool headOnly)
{
    const QByteArray codings = response.gzip ? QByteArray("gzip") : response.encoding;
    QByteArray body = codings.isEmpty() ? response.body : encode(response.body, codings);
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' +
                      (response.reason.isEmpty() ? QByteArray(phrase(response.status)) : response.reason) +
                      "\r\n";
    for (const auto &header : response.headers) {
        head += header.first + ": " + header.second + "\r\n";
    }
    if (!codings.isEmpty()) {
        head += "Content-Encoding: " + QByteArray(codings).replace("raw-deflate", "deflate") + "\r\n";
    }
    const bool noBody = response.status == 204 || response.status == 304 || response.status < 200;
    if (response.endless) {
        writeEndless(socket, head);
        return;
    }
    if (response.chunked) {
        head += "Transfer-Encoding: chunked\r\n\r\n";
        socket->write(head);
        QList<QByteArray> chunks;
        const qsizetype third = qMax<qsizetype>(1, body.size() / 3);
        for (qsizetype i = 0; i < body.size(); i += third) {
            chunks.append(body.mid(i, third));
        }
        QPointer<QTcpSocket> guard(socket);
        for (int i = 0; i <= chunks.size(); ++i) {
            const QByteArray piece =
                i < chunks.size() ? QByteArray::number(chunks[i].size(), 16) + "\r\n" + chunks[i] + "\r\n"
                                  : QByteArray("0\r\n\r\n");
            if (response.chunkDelayMs > 0) {
                QTimer::singleShot(response.chunkDelayMs * (i + 1), this, [guard, piece] {
                    if (guard) {
                        guard->write(piece);
                    }
                });
            } else {
                socket->write(piece);
            }
        }
        return;
    }
    if (!noBody) {
        head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    }
    head += "\r\n";
    socket->write(head);
    if (!headOnly && !noBody) {
        socket->write(body);
    }
}

} // namespace ApiLens::Test
