#include "demoserver.h"

#include "collections/collection.h"
#include "collections/httpdocument.h"
#include "collections/variables.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <memory>

namespace ApiLens::Demo {

namespace {

struct Reply
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    int delayMs = 0;
};

Reply json(int status, const QByteArray &body, QList<QPair<QByteArray, QByteArray>> headers = {})
{
    headers.prepend({"Content-Type", "application/json"});
    return {status, headers, body, 0};
}

QByteArray bigList()
{
    QByteArray body = "{\"items\":[";
    for (int i = 0; body.size() < 5 * 1024 * 1024; ++i) {
        if (i > 0) {
            body += ',';
        }
        body += "{\"id\":" + QByteArray::number(i) + ",\"serial_number\":\"SN-" +
                QByteArray::number(100000 + i) + "\",\"status\":\"" + (i % 7 == 0 ? "maintenance" : "ok") +
                "\",\"tags\":[\"plant-a\",\"line-" + QByteArray::number(i % 12) + "\"]}";
    }
    return body + "]}";
}

QByteArray method(const QHttpServerRequest &request)
{
    switch (request.method()) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    default:
        return "OTHER";
    }
}

// The answers, by method and path.
Reply answer(const QHttpServerRequest &request)
{
    const QByteArray verb = method(request);
    const QString path = request.url().path();
    const QByteArray auth = request.value("Authorization");
    const QByteArray requestId =
        "demo-" + QByteArray::number(QDateTime::currentMSecsSinceEpoch() % 1000000, 16);
    auto is = [&verb, &path](const char *m, const char *p) {
        return verb == m && path == QLatin1String(p);
    };

    if (is("GET", "/health")) {
        return json(200, R"json({"status":"ok","version":"1.4.2"})json");
    }
    if (is("GET", "/users/42")) {
        return json(
            200,
            R"json({"id":42,"name":"Ada Lovelace","email":"ada@example.com","roles":["admin","analyst"],"active":true})json",
            {{"X-Request-Id", requestId}});
    }
    if (is("GET", "/big")) {
        return json(200, bigList());
    }
    if (is("GET", "/slow")) {
        Reply reply = json(200, R"json({"done":true,"took_ms":2000})json");
        reply.delayMs = 2000;
        return reply;
    }
    // Netilion
    if (is("GET", "/netilion/assets")) {
        return json(
            200,
            R"json({"assets":[{"id":17,"serial_number":"N1023","status":{"code":"ok"}},{"id":18,"serial_number":"N1024","status":{"code":"failure"}}],"pagination":{"total_count":2,"page":1,"per_page":25}})json");
    }
    if (is("PATCH", "/netilion/assets/17")) {
        return json(
            409,
            R"json({"errors":[{"type":"write_protected_attribute","message":"The attribute serial_number is write-protected and cannot be changed.","attribute":"serial_number"}]})json");
    }
    if (is("GET", "/netilion/assets/99")) {
        return json(
            404,
            R"json({"errors":[{"type":"not_found_no_permission","message":"The requested asset does not exist or is not visible to you."}]})json");
    }
    // Extole
    if (is("POST", "/extole/v2/events")) {
        if (auth.startsWith("Bearer ")) {
            return json(200,
                        R"json({"id":"6941049359794271400","event_name":"signup","status":"accepted"})json");
        }
        return json(
            403,
            R"json({"unique_id":"6941049359794271324","http_status_code":403,"code":"missing_access_token","message":"No access_token was provided with this request.","parameters":{}})json");
    }
    if (is("GET", "/extole/v4/me")) {
        return json(
            429,
            R"json({"unique_id":"6941049359794271377","http_status_code":429,"code":"too_many_requests","message":"Too many requests; retry later.","parameters":{}})json",
            {{"Retry-After", "30"},
             {"RateLimit-Policy", "\"customer\";q=100;w=60"},
             {"RateLimit", "\"customer\";r=0;t=30"}});
    }
    // The numeric error_code API
    if (is("GET", "/numeric/items")) {
        if (request.query().queryItemValue(QStringLiteral("limit")).toInt() > 100) {
            return json(
                400,
                R"json({"error_code":3,"error_message":"Invalid parameter: limit must be between 1 and 100","details":{"parameter":"limit","max":100}})json");
        }
        return json(200, R"json({"items":[{"id":1},{"id":2}]})json");
    }
    if (is("POST", "/numeric/orders")) {
        return json(
            409,
            R"json({"error_code":42,"error_message":"Out of stock","details":{"item":"lens-cap","restock":"2026-12-01"}})json");
    }
    if (is("GET", "/numeric/profile")) {
        if (auth.isEmpty()) {
            return json(
                401,
                R"json({"error_code":6,"error_message":"Access token not specified","details":null})json");
        }
        return json(
            401,
            R"json({"error_code":7,"error_message":"The access token does not exist","details":null})json");
    }
    // Exto-style status table
    if (is("POST", "/exto/records")) {
        return json(
            413,
            R"json({"status":413,"error":"PAYLOAD TOO LARGE","message":"The request body is too large to be processed by the server."})json");
    }
    // RFC 9457 and friends
    if (is("POST", "/billing/messages")) {
        return {
            403,
            {{"Content-Type", "application/problem+json"}, {"X-Request-Id", requestId}},
            R"json({"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.","status":403,"detail":"Your current balance is 30, but that costs 50.","instance":"/account/12345/msgs/abc","balance":30,"accounts":["/account/12345","/account/67890"]})json",
            0};
    }
    if (is("POST", "/jsonapi/articles")) {
        return {
            422,
            {{"Content-Type", "application/vnd.api+json"}},
            R"json({"errors":[{"status":"422","source":{"pointer":"/data/attributes/title"},"title":"Invalid Attribute","detail":"Title must contain at least three characters."}]})json",
            0};
    }
    if (is("GET", "/google/quota")) {
        return json(
            429,
            R"json({"error":{"code":429,"message":"Quota exceeded for quota metric 'Requests' of service 'translate.googleapis.com'.","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMIT_EXCEEDED","domain":"googleapis.com","metadata":{"service":"translate.googleapis.com"}},{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"45s"},{"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"Quota docs","url":"https://cloud.google.com/docs/quotas"}]}]}})json");
    }
    if (is("PUT", "/graph/upload")) {
        return json(
            400,
            R"json({"error":{"code":"badRequest","message":"Uploaded fragment overlaps with existing data.","innerError":{"code":"invalidRange","request-id":"94fb3b52-452a-4535-a601-69e0a90e3aa2","date":"2026-11-22T08:00:00"}}})json",
            {{"request-id", "94fb3b52-452a-4535-a601-69e0a90e3aa2"}});
    }
    if (is("POST", "/oauth/token")) {
        return json(
            400,
            R"json({"error":"invalid_grant","error_description":"The refresh token has expired.","error_uri":"https://example.com/docs/oauth#invalid_grant"})json",
            {{"Cache-Control", "no-store"}});
    }
    if (is("GET", "/oauth/protected")) {
        return {
            401,
            {{"WWW-Authenticate",
              R"json(Bearer realm="demo", error="invalid_token", error_description="The access token expired")json"}},
            {},
            0};
    }
    if (is("POST", "/graphql")) {
        return json(
            200,
            R"json({"errors":[{"message":"Name for character with ID 1002 could not be fetched.","locations":[{"line":6,"column":7}],"path":["hero","heroFriends",1,"name"],"extensions":{"code":"CAN_NOT_FETCH_BY_ID"}}],"data":{"hero":{"name":"R2-D2","heroFriends":[{"id":"1000","name":"Luke Skywalker"},{"id":"1002","name":null}]}}})json");
    }
    if (is("POST", "/stripe/charges")) {
        return json(
            402,
            R"json({"error":{"type":"card_error","code":"card_declined","decline_code":"insufficient_funds","message":"Your card has insufficient funds.","param":null,"doc_url":"https://stripe.com/docs/error-codes/card-declined"}})json",
            {{"Request-Id", "req_8aF3kLm2QpZx9w"}});
    }
    if (is("POST", "/github/repos/octo/demo/issues")) {
        const qint64 reset = QDateTime::currentSecsSinceEpoch() + 600;
        return json(
            422,
            R"json({"message":"Validation Failed","errors":[{"resource":"Issue","field":"title","code":"missing_field"}],"documentation_url":"https://docs.github.com/rest/issues/issues#create-an-issue","status":"422"})json",
            {{"X-GitHub-Request-Id", "D9E8:1F2A:3B4C5D:6E7F80:6644E2C1"},
             {"x-ratelimit-limit", "5000"},
             {"x-ratelimit-remaining", "4987"},
             {"x-ratelimit-reset", QByteArray::number(reset)}});
    }
    if (is("GET", "/s3/reports/2024/q1.csv")) {
        return {
            404,
            {{"Content-Type", "application/xml"}, {"x-amz-request-id", "4442587FB7D0A2F9"}},
            R"json(<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>reports/2024/q1.csv</Key><RequestId>4442587FB7D0A2F9</RequestId></Error>)json",
            0};
    }
    if (is("POST", "/slack/chat.postMessage")) {
        return json(200, R"json({"ok":false,"error":"invalid_auth"})json",
                    {{"X-Slack-Req-Id", "2b8c1e0d4f5a6b7c"}});
    }
    if (is("POST", "/laravel/register")) {
        return json(
            422,
            R"json({"message":"The email field must be a valid email address. (and 1 more error)","errors":{"email":["The email field must be a valid email address."],"password":["The password field confirmation does not match."]}})json");
    }
    if (is("GET", "/cdn/status")) {
        return {522,
                {{"Content-Type", "text/html; charset=UTF-8"},
                 {"Server", "cloudflare"},
                 {"CF-RAY", "8a1b2c3d4e5f6a7b-FRA"}},
                "<!DOCTYPE html><html><head><title>api.example.com | 522: Connection timed "
                "out</title></head><body><h1>Connection timed out</h1><p>Error code 522</p>"
                "<p>Cloudflare Ray ID: <strong>8a1b2c3d4e5f6a7b</strong></p></body></html>",
                0};
    }
    if (is("GET", "/gateway/report")) {
        return {502,
                {{"Content-Type", "text/html"}, {"Server", "nginx"}},
                "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad "
                "Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
                0};
    }
    if (is("GET", "/text/crash")) {
        return {500, {{"Content-Type", "text/plain"}}, "Internal Server Error\n", 0};
    }
    if (is("POST", "/connect/eliza.v1.ElizaService/Say")) {
        return json(400, R"json({"code":"invalid_argument","message":"sentence cannot be empty"})json");
    }
    return json(
        404,
        QJsonDocument(
            QJsonObject{{QStringLiteral("type"), QStringLiteral("about:blank")},
                        {QStringLiteral("title"), QStringLiteral("Not Found")},
                        {QStringLiteral("status"), 404},
                        {QStringLiteral("detail"),
                         QStringLiteral("The demo API has no %1 %2.").arg(QString::fromLatin1(verb), path)}})
            .toJson(QJsonDocument::Compact),
        {{"Content-Type", "application/problem+json"}});
}

void send(QHttpServerResponder &responder, const Reply &reply)
{
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(reply.status));
    for (const auto &header : reply.headers) {
        responder.writeHeader(header.first, header.second);
    }
    responder.writeHeader("Content-Length", QByteArray::number(reply.body.size()));
    responder.writeHeader("Server", "ApiLens demo");
    responder.writeBody(reply.body);
}

} // namespace

DemoServer::DemoServer(QObject *parent)
    : QAbstractHttpServer(parent)
{}

quint16 DemoServer::start(quint16 port)
{
    m_port = listen(QHostAddress::LocalHost, port);
    return m_port;
}

QUrl DemoServer::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

bool DemoServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const Reply reply = answer(request);
    QHttpServerResponder responder = makeResponder(request, socket);
    if (reply.delayMs <= 0) {
        send(responder, reply);
        return true;
    }
    auto held = std::make_shared<QHttpServerResponder>(std::move(responder));
    QPointer<QTcpSocket> guard(socket);
    QTimer::singleShot(reply.delayMs, this, [held, guard, reply] {
        if (guard) {
            send(*held, reply);
        }
    });
    return true;
}

void DemoServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    send(responder, json(404, R"json({"title":"Not Found","status":404})json"));
}

QStringList DemoServer::collectionFiles()
{
    QStringList files;
    for (const char *name : {"basics", "netilion", "extole", "numeric-codes", "exto", "formats", "proxies"}) {
        files.append(QStringLiteral(":/demo/%1.http").arg(QLatin1String(name)));
    }
    return files;
}

QList<DemoServer::Request> DemoServer::requests()
{
    // Relative URLs: {{baseUrl}} stays empty here; requestsFor() puts the server in front.
    Core::VariableResolver resolver;
    resolver.publicEnvironment.insert(QStringLiteral("baseUrl"), QString());
    resolver.privateEnvironment.insert(QStringLiteral("token"), demoToken());
    QList<Request> list;
    for (const QString &path : collectionFiles()) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            continue;
        }
        const Core::HttpDocument document = Core::HttpDocument::parse(file.readAll());
        QString group;
        for (const Core::HttpRequestBlock &block : document.blocks()) {
            QString summary;
            for (const QString &directive : block.otherDirectives) {
                if (directive.startsWith(QLatin1String("@apilens-group "))) {
                    group = directive.mid(15).trimmed();
                } else if (directive.startsWith(QLatin1String("@apilens-summary "))) {
                    summary = directive.mid(17).trimmed();
                }
            }
            if (block.hasRequest()) {
                QStringList unresolved;
                list.append({group, block.name, summary, resolver.resolve(block.toSpec(), &unresolved)});
            }
        }
    }
    return list;
}

bool DemoServer::writeCollection(const QString &folder, QString *error) const
{
    if (!QDir().mkpath(folder)) {
        *error = QStringLiteral("%1: cannot create the folder").arg(folder);
        return false;
    }
    const QDir dir(folder);
    QStringList files = collectionFiles();
    files.append(QStringLiteral(":/demo/apilens-catalog.json"));
    files.append(
        QStringLiteral(":/demo/numeric-shop.openapi.yaml")); // what the catalog's operations come from
    for (const QString &resource : std::as_const(files)) {
        const QString target = dir.filePath(QFileInfo(resource).fileName());
        if (QFileInfo::exists(target)) {
            continue; // the user's edits of the demo stay theirs
        }
        QFile in(resource);
        if (!in.open(QIODevice::ReadOnly) || !Core::writeFileAtomically(target, in.readAll(), error)) {
            if (error->isEmpty()) {
                *error = QStringLiteral("%1: missing from the build").arg(resource);
            }
            return false;
        }
    }
    QStringList problems;
    Core::Environments environments = Core::Environments::load(folder, &problems);
    QHash<QString, QString> publicValues = environments.ownVariables(QStringLiteral("demo"), false);
    QHash<QString, QString> secretValues = environments.ownVariables(QStringLiteral("demo"), true);
    publicValues.insert(QStringLiteral("baseUrl"), baseUrl().toString());
    secretValues.insert(QStringLiteral("token"), demoToken());
    environments.setEnvironment(QStringLiteral("demo"), publicValues, secretValues);
    return environments.save(folder, error);
}

QList<DemoServer::Request> DemoServer::requestsFor() const
{
    QList<Request> list = requests();
    for (Request &request : list) {
        request.spec.url = baseUrl().toString() + request.spec.url;
        request.spec.name = request.name;
    }
    return list;
}

} // namespace ApiLens::Demo
