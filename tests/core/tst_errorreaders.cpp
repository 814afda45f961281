// The error readers, one family each (app/core/errors/readers): every reader in the table has
// rows here, each row is a body as that family's servers write it, and bodies that carry the
// marks of several families go to the one the table's order says.

#include "errors/erroranalyzer.h"
#include "errors/errorreader.h"

#include <QSet>
#include <QTest>

using namespace ApiLens::Core;

class tst_ErrorReaders : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void reads_data();
    void reads();
    void everyReaderHasRows();
    void tableIsWellFormed();
};

namespace {

HeaderList headerLines(const QByteArray &text)
{
    HeaderList list;
    for (const QByteArray &line : text.split('\n')) {
        if (line.contains(':')) {
            list.append({line.left(line.indexOf(':')).trimmed(), line.mid(line.indexOf(':') + 1).trimmed()});
        }
    }
    return list;
}

const QByteArray json = "Content-Type: application/json";
const QByteArray html = "Content-Type: text/html";
const QByteArray xml = "Content-Type: application/xml";

// One row: the format the body must be read as, and what is read from it ("field=message;…",
// "(none)" for an item without a field).
void row(const char *name, int status, const QByteArray &headers, const QByteArray &body, const char *format,
         const QJsonValue &code, const char *message, const char *fields = "", const char *requestId = "",
         const char *docUrl = "")
{
    QTest::newRow(name) << status << headers << body << QString::fromLatin1(format) << code
                        << QString::fromUtf8(message) << QString::fromUtf8(fields)
                        << QString::fromUtf8(requestId) << QString::fromUtf8(docUrl);
}

QSet<QString> &formatsWithRows()
{
    static QSet<QString> formats;
    return formats;
}

void jsonRows()
{
    row("spring boot", 400, json,
        R"({"timestamp":"2024-05-15T08:00:00Z","status":400,"error":"Bad Request","message":"",)"
        R"("errors":[{"field":"qty","defaultMessage":"must be > 0"}],"path":"/orders","requestId":"7f3a"})",
        "spring-boot", {}, "Bad Request", "qty=must be > 0", "7f3a");
    row("order: spring boot before problem details", 404, json,
        R"({"timestamp":"t","status":404,"error":"Not Found","path":"/x","type":"t"})", "spring-boot", {},
        "Not Found");
    row("aspnet validation: traceId, an object-level error", 400, "Content-Type: application/problem+json",
        R"({"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"One or more validation errors occurred.",)"
        R"("status":400,"errors":{"$.qty":["The JSON value could not be converted."],"":["Order is empty."]},)"
        R"("traceId":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"})",
        "aspnet-validation-problem-details",
        QStringLiteral("https://tools.ietf.org/html/rfc9110#section-15.5.1"),
        "One or more validation errors occurred.",
        "$.qty=The JSON value could not be converted.;(none)=Order is empty.",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00",
        "https://tools.ietf.org/html/rfc9110#section-15.5.1");
    row("aspnet 404 problem: traceId is the request id", 404, "Content-Type: application/problem+json",
        R"({"type":"https://tools.ietf.org/html/rfc9110#section-15.5.5","title":"Not Found","status":404,)"
        R"("traceId":"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00"})",
        "problem-details", QStringLiteral("https://tools.ietf.org/html/rfc9110#section-15.5.5"), "Not Found",
        "", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00",
        "https://tools.ietf.org/html/rfc9110#section-15.5.5");
    row("problem: an errors map without traceId", 422, json,
        R"({"type":"about:blank","title":"Invalid","errors":{"name":["is required"]}})", "problem-details",
        {}, "Invalid", "name=is required");
    row("problem: status and detail only", 404, json, R"({"status":404,"detail":"No order 7"})",
        "problem-details", {}, "No order 7");
    row("jsonapi", 422, "Content-Type: application/vnd.api+json",
        R"({"errors":[{"status":"422","source":{"pointer":"/data/attributes/qty"},"detail":"must be positive"}]})",
        "jsonapi", {}, "must be positive", "/data/attributes/qty=must be positive");
    row("netilion", 404, json,
        R"({"errors":[{"type":"not_found_no_permission","message":"Asset 7 not found"}]})", "netilion",
        QStringLiteral("not_found_no_permission"), "Asset 7 not found");
    row("order: github before graphql", 422, json,
        R"({"message":"Validation Failed","errors":[{"resource":"Issue","field":"title","code":"missing_field"},)"
        R"({"message":"label is bad"}],"documentation_url":"https://docs.github.com/rest"})",
        "github-rest", {}, "Validation Failed", "title=missing_field;(none)=label is bad", {},
        "https://docs.github.com/rest");
    row("graphql", 200, json,
        R"({"data":null,"errors":[{"message":"No user 7","path":["user"],"extensions":{"code":"NOT_FOUND"}}]})",
        "graphql", QStringLiteral("NOT_FOUND"), "No user 7");
    row("order: google before microsoft", 400, json,
        R"({"error":{"code":400,"message":"Bad name","status":"INVALID_ARGUMENT"}})", "google-aip193",
        QStringLiteral("INVALID_ARGUMENT"), "Bad name");
    row("stripe", 402, json,
        R"({"error":{"type":"card_error","code":"card_declined","message":"Declined","param":"card",)"
        R"("doc_url":"https://stripe.com/docs/error-codes/card-declined"}})",
        "stripe", QStringLiteral("card_declined"), "Declined", "card=Declined", {},
        "https://stripe.com/docs/error-codes/card-declined");
    row("microsoft", 400, json,
        R"({"error":{"code":"BadArgument","message":"Bad","innerError":{"request-id":"ms-1"}}})",
        "microsoft-rest", QStringLiteral("BadArgument"), "Bad", "", "ms-1");
    row("order: slack before oauth", 200, json, R"({"ok":false,"error":"channel_not_found"})", "slack",
        QStringLiteral("channel_not_found"), "");
    row("order: grpc-gateway v1 before oauth", 404, json,
        R"({"error":"not found","code":5,"message":"not found"})", "grpc-gateway", 5, "not found");
    row("grpc-gateway v2", 400, json,
        R"({"code":3,"message":"bad","details":[{"@type":"type.googleapis.com/google.rpc.BadRequest",)"
        R"("fieldViolations":[{"field":"qty","description":"too small"}]}]})",
        "grpc-gateway", 3, "bad", "qty=too small");
    row("oauth token error", 400, json,
        R"({"error":"invalid_grant","error_description":"Code expired","error_uri":"https://as.test/e"})",
        "oauth2-token-error", QStringLiteral("invalid_grant"), "Code expired", "", "", "https://as.test/e");
    row("aws json", 400, "Content-Type: application/x-amz-json-1.1",
        R"({"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"No table"})",
        "aws-json", QStringLiteral("ResourceNotFoundException"), "No table");
    row("aws restjson", 404, "Content-Type: application/json\nx-amzn-ErrorType: NotFoundException:http://x/",
        R"({"message":"No function"})", "aws-restjson", QStringLiteral("NotFoundException"), "No function");
    row("connect", 400, json, R"({"code":"invalid_argument","message":"qty must be positive"})", "connect",
        QStringLiteral("invalid_argument"), "qty must be positive");
    row("extole", 403, json,
        R"({"unique_id":"6941049359794271324","http_status_code":403,"code":"missing_access_token","message":"No token"})",
        "extole", QStringLiteral("missing_access_token"), "No token", "", "6941049359794271324");
    row("twilio", 400, json,
        R"({"code":21211,"message":"Invalid 'To'","more_info":"https://www.twilio.com/docs/errors/21211","status":400})",
        "twilio", 21211, "Invalid 'To'", "", "", "https://www.twilio.com/docs/errors/21211");
}

void moreJsonRows()
{
    row("laravel validation", 422, json,
        R"j({"message":"The qty field must be at least 1. (and 1 more error)","errors":{"items.0.qty":["The qty field must be at least 1."],"email":["Bad email."]}})j",
        "laravel", {}, "The qty field must be at least 1. (and 1 more error)",
        "items.0.qty=The qty field must be at least 1.;email=Bad email.");
    row("laravel throttling: its wording", 429, json + "\nRetry-After: 60",
        R"({"message":"Too Many Attempts."})", "laravel", {}, "Too Many Attempts.");
    row("laravel debug mode", 500, json,
        R"({"message":"Order 7 has no lines","exception":"RuntimeException","file":"/app/Order.php","line":12,"trace":[]})",
        "laravel", {}, "Order 7 has no lines");
    row("laravel: its session cookie", 404, json + "\nSet-Cookie: laravel_session=abc; path=/",
        R"({"message":"No query results for model [App\\Models\\Order] 7"})", "laravel", {},
        R"(No query results for model [App\Models\Order] 7)");
    row("a message alone is no one's", 404, json, R"({"message":"Not Found"})", "json", {}, "Not Found");
    row("numeric code", 400, json, R"({"error_code":3,"error_message":"Bad id","details":null})",
        "generic-numeric-code", 3, "Bad id");
    row("cloudflare json error", 429, json,
        R"({"error_code":1015,"error_name":"rate_limited","detail":"You are being rate limited","ray_id":"8a1b2c3d"})",
        "generic-numeric-code", 1015, "You are being rate limited", "", "8a1b2c3d");
    row("drf nested", 400, json, R"({"items":[{},{"qty":["Must be positive."]}]})", "drf", {}, "",
        "items[1].qty=Must be positive.");
    row("drf detail", 403, json, R"({"detail":"Not allowed."})", "drf", {}, "Not allowed.");
    row("salesforce", 401, json, R"([{"message":"Session expired","errorCode":"INVALID_SESSION_ID"}])",
        "salesforce-array", QStringLiteral("INVALID_SESSION_ID"), "Session expired");
}

void xmlRows()
{
    row("problem xml", 403, "Content-Type: application/problem+xml",
        R"(<problem xmlns="urn:ietf:rfc:7807"><title>No credit</title></problem>)", "problem-details-xml", {},
        "No credit");
    row("azure storage", 404, xml,
        "<?xml version=\"1.0\"?><Error><Code>BlobNotFound</Code><Message>The blob does not exist.\n"
        "RequestId:3a8b\nTime:2024-05-15T08:00:00Z</Message></Error>",
        "azure-storage-xml", QStringLiteral("BlobNotFound"), "The blob does not exist.");
    row("s3", 404, xml,
        "<Error><Code>NoSuchKey</Code><Message>No key</Message><RequestId>4442587F</RequestId></Error>",
        "aws-s3-xml", QStringLiteral("NoSuchKey"), "No key", "", "4442587F");
    row("aws query", 400, "Content-Type: text/xml",
        "<ErrorResponse><Error><Code>Throttling</Code><Message>Rate exceeded</Message></Error>"
        "<RequestId>a1</RequestId></ErrorResponse>",
        "aws-query-xml", QStringLiteral("Throttling"), "Rate exceeded", "", "a1");
    row("twilio xml", 400, xml,
        "<TwilioResponse><RestException><Code>21211</Code><Message>Invalid</Message>"
        "<MoreInfo>https://www.twilio.com/docs/errors/21211</MoreInfo></RestException></TwilioResponse>",
        "twilio-xml", QStringLiteral("21211"), "Invalid", "", "", "https://www.twilio.com/docs/errors/21211");
}

// Pages as the servers' own templates write them.
void pageRows()
{
    row("cloudflare 522", 522, html + "\nServer: cloudflare\nCF-RAY: 8a1b-FRA",
        "<html><head><title>api.example.com | 522: Connection timed out</title></head><body>"
        "<p>Cloudflare Ray ID: <strong>8a1b</strong></p></body></html>",
        "cloudflare-html", QStringLiteral("522"), "api.example.com | 522: Connection timed out", "",
        "8a1b-FRA");
    row("cloudflare 1020: the code in the page", 403, html + "\nServer: cloudflare\nCF-RAY: 8a1c-FRA",
        "<!DOCTYPE html><html><head><title>Access denied | api.example.com used Cloudflare to restrict "
        "access</title>"
        "</head><body><h1><span data-translate=\"error\">Error</span><span>1020</span></h1></body></html>",
        "cloudflare-html", QStringLiteral("1020"),
        "Access denied | api.example.com used Cloudflare to restrict access", "", "8a1c-FRA");
    row("cloudflare: its code, not its name, in the page", 522, html + "\nServer: cloudflare",
        "<html><head><title>api.example.com | 522: Connection timed out</title></head><body></body></html>",
        "cloudflare-html", QStringLiteral("522"), "api.example.com | 522: Connection timed out");
    row("an origin's page through cloudflare is the origin's", 404,
        html + "\nServer: cloudflare\nCF-RAY: 8a1d-FRA",
        "<html><head><title>Error</title></head><body><pre>Cannot GET /nope</pre></body></html>",
        "express-html", {}, "Cannot GET /nope", "", "8a1d-FRA");
    row("python http.server", 404, html,
        "<!DOCTYPE HTML>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Error "
        "response</title></head>\n"
        "<body><h1>Error response</h1><p>Error code: 404</p><p>Message: File not found.</p>"
        "<p>Error code explanation: 404 - Nothing matches the given URI.</p></body></html>",
        "python-html", {}, "File not found");
    row("tomcat", 404, html + "\nServer: nginx",
        "<!doctype html><html lang=\"en\"><head><title>HTTP Status 404 – Not Found</title></head><body>"
        "<h1>HTTP Status 404 – Not Found</h1><hr class=\"line\" /><p><b>Type</b> Status Report</p>"
        "<p><b>Message</b> The requested resource [&#47;nope] is not available</p><p><b>Description</b> "
        "The origin server did not find a current representation for the target resource.</p>"
        "<hr class=\"line\" /><h3>Apache Tomcat/10.1.16</h3></body></html>",
        "tomcat-html", {}, "The requested resource [/nope] is not available");
    row("spring whitelabel", 500, html,
        "<html><body><h1>Whitelabel Error Page</h1><p>This application has no explicit mapping for /error, "
        "so you "
        "are seeing this as a fallback.</p><div id='created'>Wed May 15 08:00:00 UTC 2024</div><div>There "
        "was an "
        "unexpected error (type=Internal Server Error, status=500).</div><div>Order 42 has no "
        "lines</div></body></html>",
        "spring-whitelabel-html", {}, "Order 42 has no lines");
    row("spring whitelabel without a message", 404, html,
        "<html><body><h1>Whitelabel Error Page</h1><div>There was an unexpected error (type=Not Found, "
        "status=404).</div><div>No message available</div></body></html>",
        "spring-whitelabel-html", {}, "There was an unexpected error (type=Not Found, status=404).");
    row("express", 404, html + "\nX-Powered-By: Express",
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
        "charset=\"utf-8\">\n<title>Error</title>\n</head>\n"
        "<body>\n<pre>Cannot POST /orders</pre>\n</body>\n</html>\n",
        "express-html", {}, "Cannot POST /orders");
    row("express stack in development", 500, html,
        "<html><head><title>Error</title></head><body><pre>Error: Order 7 has no lines<br> &nbsp; &nbsp;at "
        "/app/orders.js:12:9</pre></body></html>",
        "express-html", {}, "Error: Order 7 has no lines");
    row("iis detailed", 404, html + "\nServer: Microsoft-IIS/10.0",
        "<html><head><title>IIS 10.0 Detailed Error - 404.3 - Not Found</title></head><body><div "
        "id=\"content\">"
        "<div class=\"content-container\"><h3>HTTP Error 404.3 - Not Found</h3><h4>The page you are "
        "requesting "
        "cannot be served because of the extension configuration.</h4></div><h3>Most likely "
        "causes:</h3></div>"
        "</body></html>",
        "iis-html", QStringLiteral("404.3"),
        "The page you are requesting cannot be served because of the extension configuration.");
    row("iis basic", 404, html + "\nServer: Microsoft-IIS/10.0",
        "<html><head><title>404 - File or directory not found.</title></head><body><div "
        "id=\"header\"><h1>Server "
        "Error</h1></div><div id=\"content\"><fieldset><h2>404 - File or directory not found.</h2><h3>The "
        "resource "
        "you are looking for might have been removed.</h3></fieldset></div></body></html>",
        "iis-html", {}, "The resource you are looking for might have been removed.");
    row("http.sys", 503, html + "\nServer: Microsoft-HTTPAPI/2.0",
        "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\"><HTML><HEAD><TITLE>Service "
        "Unavailable</TITLE></HEAD>\n"
        "<BODY><h2>Service Unavailable</h2>\n<hr><p>HTTP Error 503. The service is "
        "unavailable.</p>\n</BODY></HTML>",
        "iis-html", {}, "HTTP Error 503. The service is unavailable.");
    row("apache", 404, html + "\nServer: Apache/2.4.57 (Debian)",
        "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>404 Not Found</title>\n"
        "</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n<hr>\n"
        "<address>Apache/2.4.57 (Debian) Server at 127.0.0.1 Port 80</address>\n</body></html>\n",
        "apache-html", {}, "The requested URL was not found on this server.");
    row("alb", 503, html + "\nServer: awselb/2.0",
        "<html>\r\n<head><title>503 Service Temporarily "
        "Unavailable</title></head>\r\n<body>\r\n<center><h1>503 "
        "Service Temporarily Unavailable</h1></center>\r\n</body>\r\n</html>\r\n",
        "alb-html", {}, "503 Service Temporarily Unavailable");
    row("nginx", 502, html,
        "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr>"
        "<center>nginx/1.22.1</center></body></html>",
        "nginx-html", {}, "502 Bad Gateway");
    row("a page no reader knows", 500, html, "<html><head><title>Oops</title></head><body>x</body></html>",
        "plain-text", {}, "Oops");
}

// Rows of many families, written as a table (they were the analyzer's before the readers).
void familyRows()
{

    QTest::newRow("problem with errors[] and about:blank")
        << 422 << QByteArray("Content-Type: application/problem+json")
        << QByteArray(
               R"({"type":"about:blank","title":"Unprocessable","errors":[{"pointer":"#/age","detail":"must be positive"}],)"
               R"("invalid-params":[{"name":"color","reason":"must be red"}],"instance":"/x/1"})")
        << QStringLiteral("problem-details") << QJsonValue() << QStringLiteral("Unprocessable")
        << QStringLiteral("#/age=must be positive;color=must be red") << QString() << QString();
    QTest::newRow("problem xml")
        << 403 << QByteArray("Content-Type: application/problem+xml")
        << QByteArray(
               R"(<?xml version="1.0"?><problem xmlns="urn:ietf:rfc:7807"><type>https://ex.test/probs/credit</type>)"
               R"(<title>No credit</title><detail>Balance 30</detail></problem>)")
        << QStringLiteral("problem-details-xml") << QJsonValue(QStringLiteral("https://ex.test/probs/credit"))
        << QStringLiteral("Balance 30") << QString() << QString()
        << QStringLiteral("https://ex.test/probs/credit");
    QTest::newRow("jsonapi parameter, id and links.about")
        << 400 << QByteArray("Content-Type: application/vnd.api+json")
        << QByteArray(R"({"errors":[{"id":"e-1","status":"400","code":"bad_sort","title":"Bad sort",)"
                      R"("source":{"parameter":"sort"},"links":{"about":"https://ex.test/e/bad_sort"}}]})")
        << QStringLiteral("jsonapi") << QJsonValue(QStringLiteral("bad_sort")) << QStringLiteral("Bad sort")
        << QStringLiteral("sort=Bad sort") << QStringLiteral("e-1")
        << QStringLiteral("https://ex.test/e/bad_sort");
    QTest::newRow("google with every detail")
        << 429 << QByteArray("Content-Type: application/json")
        << QByteArray(
               R"({"error":{"code":429,"message":"Quota","status":"RESOURCE_EXHAUSTED","details":[)"
               R"({"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"a.b[1]","description":"bad"}]},)"
               R"({"@type":"type.googleapis.com/google.rpc.RequestInfo","requestId":"rq-9"},)"
               R"({"@type":"type.googleapis.com/google.rpc.Help","links":[{"url":"https://ex.test/help"}]}]}})")
        << QStringLiteral("google-aip193") << QJsonValue(QStringLiteral("RESOURCE_EXHAUSTED"))
        << QStringLiteral("Quota") << QStringLiteral("a.b[1]=bad") << QStringLiteral("rq-9")
        << QStringLiteral("https://ex.test/help");
    QTest::newRow("google legacy errors[]")
        << 404 << QByteArray()
        << QByteArray(
               R"({"error":{"code":404,"message":"File not found","errors":[{"domain":"global","reason":"notFound",)"
               R"("message":"File not found","location":"fileId","locationType":"parameter"}]}})")
        << QStringLiteral("google-aip193") << QJsonValue(QStringLiteral("notFound"))
        << QStringLiteral("File not found") << QStringLiteral("fileId=File not found") << QString()
        << QString();
    QTest::newRow("microsoft details with targets")
        << 400 << QByteArray("x-ms-request-id: ms-1")
        << QByteArray(R"({"error":{"code":"BadArgument","message":"Bad","target":"contact",)"
                      R"("details":[{"code":"nullValue","target":"phone","message":"Phone is required"}]}})")
        << QStringLiteral("microsoft-rest") << QJsonValue(QStringLiteral("BadArgument"))
        << QStringLiteral("Bad") << QStringLiteral("phone=Phone is required") << QStringLiteral("ms-1")
        << QString();
    QTest::newRow("azure storage xml")
        << 404 << QByteArray("x-ms-request-id: az-7\nx-ms-error-code: BlobNotFound")
        << QByteArray("<?xml version=\"1.0\" "
                      "encoding=\"utf-8\"?><Error><Code>BlobNotFound</Code><Message>The specified blob "
                      "does not exist.\nRequestId:az-7\nTime:2024-05-15T08:00:00Z</Message></Error>")
        << QStringLiteral("azure-storage-xml") << QJsonValue(QStringLiteral("BlobNotFound"))
        << QStringLiteral("The specified blob does not exist.") << QString() << QStringLiteral("az-7")
        << QString();
    QTest::newRow("aws query xml")
        << 403 << QByteArray("Content-Type: text/xml")
        << QByteArray("<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</"
                      "Code><Message>The security token "
                      "is invalid.</Message></Error><RequestId>aq-1</RequestId></ErrorResponse>")
        << QStringLiteral("aws-query-xml") << QJsonValue(QStringLiteral("InvalidClientTokenId"))
        << QStringLiteral("The security token is invalid.") << QString() << QStringLiteral("aq-1")
        << QString();
    QTest::newRow("aws restjson from header")
        << 403
        << QByteArray("x-amzn-ErrorType: "
                      "MissingAuthenticationTokenException:http://internal\nx-amzn-RequestId: ar-1")
        << QByteArray(R"({"message":"Missing Authentication Token"})") << QStringLiteral("aws-restjson")
        << QJsonValue(QStringLiteral("MissingAuthenticationTokenException"))
        << QStringLiteral("Missing Authentication Token") << QString() << QStringLiteral("ar-1") << QString();
    QTest::newRow("stripe param")
        << 400 << QByteArray("Request-Id: req_1")
        << QByteArray(
               R"({"error":{"type":"invalid_request_error","code":"parameter_missing","param":"amount",)"
               R"("message":"Missing required param: amount.","doc_url":"https://stripe.com/docs/error-codes/parameter-missing"}})")
        << QStringLiteral("stripe") << QJsonValue(QStringLiteral("parameter_missing"))
        << QStringLiteral("Missing required param: amount.")
        << QStringLiteral("amount=Missing required param: amount.") << QStringLiteral("req_1")
        << QStringLiteral("https://stripe.com/docs/error-codes/parameter-missing");
    QTest::newRow("stripe without code uses type")
        << 401 << QByteArray()
        << QByteArray(R"({"error":{"type":"invalid_request_error","message":"Invalid API Key provided"}})")
        << QStringLiteral("stripe") << QJsonValue(QStringLiteral("invalid_request_error"))
        << QStringLiteral("Invalid API Key provided") << QString() << QString() << QString();
    QTest::newRow("github string errors")
        << 400 << QByteArray()
        << QByteArray(
               R"({"message":"Bad","errors":["one","two"],"documentation_url":"https://docs.github.com/x"})")
        << QStringLiteral("github-rest") << QJsonValue() << QStringLiteral("Bad")
        << QStringLiteral("(none)=one;(none)=two") << QString()
        << QStringLiteral("https://docs.github.com/x");
    QTest::newRow("twilio json")
        << 400 << QByteArray("Twilio-Request-Id: RQ1")
        << QByteArray(
               R"({"code":21211,"message":"Invalid 'To' Phone Number","more_info":"https://www.twilio.com/docs/errors/21211","status":400})")
        << QStringLiteral("twilio") << QJsonValue(21211) << QStringLiteral("Invalid 'To' Phone Number")
        << QString() << QStringLiteral("RQ1") << QStringLiteral("https://www.twilio.com/docs/errors/21211");
    QTest::newRow("twilio xml")
        << 404 << QByteArray()
        << QByteArray("<TwilioResponse><RestException><Code>20404</Code><Message>Not found</Message>"
                      "<MoreInfo>https://www.twilio.com/docs/errors/20404</MoreInfo><Status>404</Status></"
                      "RestException></TwilioResponse>")
        << QStringLiteral("twilio-xml") << QJsonValue(QStringLiteral("20404")) << QStringLiteral("Not found")
        << QString() << QString() << QStringLiteral("https://www.twilio.com/docs/errors/20404");
    QTest::newRow("spring with binding errors")
        << 400 << QByteArray()
        << QByteArray(
               R"({"timestamp":"t","status":400,"error":"Bad Request","message":"Validation failed","path":"/p",)"
               R"("errors":[{"field":"name","defaultMessage":"must not be blank"}]})")
        << QStringLiteral("spring-boot") << QJsonValue() << QStringLiteral("Validation failed")
        << QStringLiteral("name=must not be blank") << QString() << QString();
    QTest::newRow("drf detail") << 403 << QByteArray()
                                << QByteArray(
                                       R"({"detail":"You do not have permission to perform this action."})")
                                << QStringLiteral("drf") << QJsonValue()
                                << QStringLiteral("You do not have permission to perform this action.")
                                << QString() << QString() << QString();
    QTest::newRow("drf nested, document order")
        << 400 << QByteArray()
        << QByteArray(R"({"zeta":["z"],"items":[{"qty":["too small"]},{}],"address":{"city":["required"]}})")
        << QStringLiteral("drf") << QJsonValue() << QString()
        << QStringLiteral("zeta=z;items[0].qty=too small;address.city=required") << QString() << QString();
    QTest::newRow("grpc-gateway with ErrorInfo")
        << 403 << QByteArray()
        << QByteArray(
               R"({"code":7,"message":"denied","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"NO_ACCESS"}]})")
        << QStringLiteral("grpc-gateway") << QJsonValue(QStringLiteral("NO_ACCESS"))
        << QStringLiteral("denied") << QString() << QString() << QString();
    QTest::newRow("connect bad request debug")
        << 400 << QByteArray()
        << QByteArray(
               R"({"code":"invalid_argument","message":"bad","details":[{"type":"google.rpc.BadRequest","value":"",)"
               R"("debug":{"fieldViolations":[{"field":"name","description":"empty"}]}}]})")
        << QStringLiteral("connect") << QJsonValue(QStringLiteral("invalid_argument"))
        << QStringLiteral("bad") << QStringLiteral("name=empty") << QString() << QString();
    QTest::newRow("salesforce array")
        << 401 << QByteArray()
        << QByteArray(
               R"([{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID","fields":["Id"]}])")
        << QStringLiteral("salesforce-array") << QJsonValue(QStringLiteral("INVALID_SESSION_ID"))
        << QStringLiteral("Session expired or invalid") << QStringLiteral("Id=Session expired or invalid")
        << QString() << QString();
    QTest::newRow("alb html")
        << 503 << QByteArray("Server: awselb/2.0\nContent-Type: text/html")
        << QByteArray("<html>\r\n<head><title>503 Service Temporarily "
                      "Unavailable</title></head>\r\n<body>\r\n<center>"
                      "<h1>503 Service Temporarily Unavailable</h1></center>\r\n</body>\r\n</html>\r\n")
        << QStringLiteral("alb-html") << QJsonValue() << QStringLiteral("503 Service Temporarily Unavailable")
        << QString() << QString() << QString();
    QTest::newRow("cloudflare 1020 on 403")
        << 403 << QByteArray("Server: cloudflare\nCF-RAY: 77-AMS\nContent-Type: text/html")
        << QByteArray("<html><head><title>Access denied | api.ex.test used Cloudflare to restrict "
                      "access</title></head>"
                      "<body><h2>Error 1020</h2></body></html>")
        << QStringLiteral("cloudflare-html") << QJsonValue(QStringLiteral("1020"))
        << QStringLiteral("Access denied | api.ex.test used Cloudflare to restrict access") << QString()
        << QStringLiteral("77-AMS") << QString();
    QTest::newRow("json sent as text/html")
        << 400 << QByteArray("Content-Type: text/html")
        << QByteArray(R"({"message":"The given data was invalid.","errors":{"a":["b"]}})")
        << QStringLiteral("laravel") << QJsonValue() << QStringLiteral("The given data was invalid.")
        << QStringLiteral("a=b") << QString() << QString();
    QTest::newRow("error sentence is not an OAuth code")
        << 413 << QByteArray("Content-Type: application/json")
        << QByteArray(
               R"({"status":413,"error":"PAYLOAD TOO LARGE","message":"The request body is too large."})")
        << QStringLiteral("json") << QJsonValue() << QStringLiteral("The request body is too large.")
        << QString() << QString() << QString();
    QTest::newRow("malformed json") << 500 << QByteArray("Content-Type: application/json")
                                    << QByteArray("{\"error\": ") << QStringLiteral("malformed-json")
                                    << QJsonValue() << QString() << QString() << QString() << QString();
    QTest::newRow("empty json body") << 500 << QByteArray("Content-Type: application/json") << QByteArray()
                                     << QStringLiteral("empty") << QJsonValue() << QString() << QString()
                                     << QString() << QString();
}

} // namespace

void tst_ErrorReaders::reads_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QJsonValue>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("fields");
    QTest::addColumn<QString>("requestId");
    QTest::addColumn<QString>("docUrl");
    jsonRows();
    moreJsonRows();
    xmlRows();
    pageRows();
    familyRows();
}

void tst_ErrorReaders::reads()
{
    QFETCH(int, status);
    QFETCH(QByteArray, headers);
    QFETCH(QByteArray, body);
    QFETCH(QString, format);
    QFETCH(QJsonValue, code);
    QFETCH(QString, message);
    QFETCH(QString, fields);
    QFETCH(QString, requestId);
    QFETCH(QString, docUrl);
    const ErrorReport report = analyzeError(status, headerLines(headers), body);
    QCOMPARE(report.format, format);
    formatsWithRows().insert(format);
    QCOMPARE(report.code, code);
    QCOMPARE(report.message.value_or(QString()), message);
    QStringList actual;
    for (const FieldError &field : report.fieldErrors) {
        actual.append(field.field.value_or(QStringLiteral("(none)")) + QLatin1Char('=') +
                      field.message.value_or(QString()));
    }
    QCOMPARE(actual.join(QLatin1Char(';')), fields);
    QCOMPARE(report.requestId.value_or(QString()), requestId);
    QCOMPARE(report.docUrl.value_or(QString()), docUrl);
}

void tst_ErrorReaders::everyReaderHasRows()
{
    // Runs after reads(): each reader of the table read at least one of its rows.
    QStringList untested;
    for (const Errors::ErrorReader *reader : Errors::readers()) {
        if (!formatsWithRows().contains(QLatin1String(reader->format))) {
            untested.append(QLatin1String(reader->format));
        }
    }
    QVERIFY2(untested.isEmpty(),
             qPrintable(QStringLiteral("no rows for: ") + untested.join(QStringLiteral(", "))));
}

void tst_ErrorReaders::tableIsWellFormed()
{
    QSet<QString> formats;
    for (const Errors::ErrorReader *reader : Errors::readers()) {
        QVERIFY(reader->detect && reader->read);
        QVERIFY2(!formats.contains(QLatin1String(reader->format)), reader->format);
        formats.insert(QLatin1String(reader->format));
        QCOMPARE(formatDisplayName(QLatin1String(reader->format)), QString::fromUtf8(reader->name));
    }
    QCOMPARE(formatDisplayName(QStringLiteral("empty")), QStringLiteral("Empty body"));
}

QTEST_GUILESS_MAIN(tst_ErrorReaders)
#include "tst_errorreaders.moc"
