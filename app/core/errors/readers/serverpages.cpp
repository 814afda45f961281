// The error pages servers and proxies make (formats.md §3.22), each read for what it says went
// wrong — its message — rather than its title where the two differ: Cloudflare, Python's
// http.server, Tomcat, Spring's Whitelabel page, Express, IIS, Apache, AWS load balancers and
// nginx. A page the readers do not know is plain text, its message the page's <title>.

#include "readers.h"

#include <QRegularExpression>

namespace ApiLens::Core::Errors::Readers {

namespace {

// ---- reading HTML, just enough for error pages ----------------------------------------

// An element's text: tags out (each a space, <br> a line break), entities decoded, spaces
// collapsed on each line.
QString htmlText(QString html)
{
    static const QRegularExpression br(QStringLiteral("<br\\s*/?>"),
                                       QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression tag(QStringLiteral("<[^>]*>"));
    static const QRegularExpression entity(
        QStringLiteral("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,6});"));
    html.replace(br, QStringLiteral("\n")).replace(tag, QStringLiteral(" "));
    static const QHash<QString, QString> named = {
        {QStringLiteral("lt"), QStringLiteral("<")},    {QStringLiteral("gt"), QStringLiteral(">")},
        {QStringLiteral("amp"), QStringLiteral("&")},   {QStringLiteral("quot"), QStringLiteral("\"")},
        {QStringLiteral("apos"), QStringLiteral("'")},  {QStringLiteral("nbsp"), QStringLiteral(" ")},
        {QStringLiteral("ndash"), QStringLiteral("–")}, {QStringLiteral("mdash"), QStringLiteral("—")}};
    QString text;
    qsizetype from = 0;
    for (QRegularExpressionMatchIterator it = entity.globalMatch(html); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        text += QStringView(html).mid(from, m.capturedStart() - from);
        const QString name = m.captured(1);
        bool ok = false;
        const uint code = name.startsWith(QLatin1String("#x"), Qt::CaseInsensitive)
                              ? name.mid(2).toUInt(&ok, 16)
                          : name.startsWith(QLatin1Char('#')) ? name.mid(1).toUInt(&ok, 10)
                                                              : 0;
        if (ok && code > 0 && code <= 0x10FFFF && (code < 0xD800 || code > 0xDFFF)) {
            const char32_t character = code;
            text += QString::fromUcs4(&character, 1);
        } else {
            text += named.value(name.toLower(), m.captured(0));
        }
        from = m.capturedEnd();
    }
    text += QStringView(html).mid(from);
    QStringList lines = text.split(QLatin1Char('\n'));
    for (QString &line : lines) {
        line = line.simplified();
    }
    lines.removeAll(QString());
    return lines.join(QLatin1Char('\n'));
}

// The text of the first <tag> element at or after `from` (none when there is none); `end`
// gets where it ends.
std::optional<QString> element(const QString &page, const QString &tag, qsizetype from = 0,
                               qsizetype *end = nullptr)
{
    const QRegularExpression re(QStringLiteral("<%1\\b[^>]*>(.*?)</%1\\s*>").arg(tag),
                                QRegularExpression::CaseInsensitiveOption |
                                    QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch m = re.match(page, from);
    if (!m.hasMatch()) {
        return std::nullopt;
    }
    if (end) {
        *end = m.capturedEnd();
    }
    return htmlText(m.captured(1));
}

std::optional<QString> title(const ErrorBody &body)
{
    return element(body.page, QStringLiteral("title"));
}

bool contains(const ErrorBody &body, const char *text)
{
    return body.page.contains(QLatin1String(text), Qt::CaseInsensitive);
}

bool serverIs(const ErrorBody &body, const char *prefix)
{
    return headerValue(body.headers, "Server").trimmed().toLower().startsWith(prefix);
}

// The title, for pages whose title is what they say.
void readTitle(const ErrorBody &body, Reading *r)
{
    r->report.message = title(body);
}

// ---- the pages ------------------------------------------------------------------------

// Cloudflare's own pages: "<host> | 522: Connection timed out", or "Error 1020" in the page
// (1xxx errors, sent as 530). Every response through Cloudflare has its Server and CF-RAY
// headers, an origin's own error page too: the page must be Cloudflare's as well.
const QRegularExpression &cloudflareCode()
{
    static const QRegularExpression code(
        QStringLiteral("(?:\\|\\s*(\\d{3,4})\\s*:)|(?:Error(?:\\s+code)?\\s+(\\d{3,4}))"),
        QRegularExpression::CaseInsensitiveOption);
    return code;
}

std::optional<QString> cloudflareCodeOf(const ErrorBody &body)
{
    QRegularExpressionMatch match = cloudflareCode().match(title(body).value_or(QString()));
    if (!match.hasMatch()) {
        match = cloudflareCode().match(htmlText(body.page).simplified());
    }
    if (!match.hasMatch()) {
        return std::nullopt;
    }
    return match.captured(1).isEmpty() ? match.captured(2) : match.captured(1);
}

bool detectCloudflare(const ErrorBody &body)
{
    return (serverIs(body, "cloudflare") || !headerValue(body.headers, "CF-RAY").isNull()) &&
           (contains(body, "cloudflare") || cloudflareCodeOf(body));
}

void readCloudflare(const ErrorBody &body, Reading *r)
{
    r->report.message = title(body);
    if (const std::optional<QString> code = cloudflareCodeOf(body)) {
        r->report.code = *code;
    }
}

// Python's http.server titles every error "Error response"; what went wrong is its
// "Message:" paragraph.
bool detectPython(const ErrorBody &body)
{
    return title(body) == QLatin1String("Error response") && contains(body, "Error code");
}

void readPython(const ErrorBody &body, Reading *r)
{
    static const QRegularExpression said(QStringLiteral("<p>\\s*Message:\\s*(.*?)\\.?\\s*</p>"),
                                         QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch m = said.match(body.page);
    r->report.message = m.hasMatch() ? htmlText(m.captured(1)) : title(body);
}

// Tomcat: "HTTP Status 404 – Not Found", then <p><b>Message</b> …</p> and <p><b>Description</b> …</p>.
bool detectTomcat(const ErrorBody &body)
{
    return title(body).value_or(QString()).startsWith(QLatin1String("HTTP Status "));
}

void readTomcat(const ErrorBody &body, Reading *r)
{
    for (const char *label : {"Message", "Description"}) {
        const QRegularExpression re(QStringLiteral("<p>\\s*<b>%1</b>(.*?)</p>").arg(QLatin1String(label)),
                                    QRegularExpression::DotMatchesEverythingOption);
        const QRegularExpressionMatch m = re.match(body.page);
        if (m.hasMatch() && !htmlText(m.captured(1)).isEmpty()) {
            r->report.message = htmlText(m.captured(1));
            return;
        }
    }
    readTitle(body, r);
}

// Spring Boot's Whitelabel page: "There was an unexpected error (type=Not Found, status=404).",
// then the exception's message in the next <div> when the server includes it.
bool detectWhitelabel(const ErrorBody &body)
{
    return contains(body, "Whitelabel Error Page");
}

void readWhitelabel(const ErrorBody &body, Reading *r)
{
    const qsizetype at = body.page.indexOf(QLatin1String("There was an unexpected error"));
    if (at < 0) {
        readTitle(body, r);
        return;
    }
    const qsizetype divEnd = body.page.indexOf(QLatin1String("</div>"), at);
    r->report.message = htmlText(body.page.mid(at, divEnd < 0 ? -1 : divEnd - at));
    if (divEnd >= 0) {
        const std::optional<QString> detail = element(body.page, QStringLiteral("div"), divEnd);
        if (detail && !detail->isEmpty() && *detail != QLatin1String("No message available")) {
            r->report.message = detail;
        }
    }
}

// Express (finalhandler): <title>Error</title> and <pre>Cannot GET /x</pre>, or the error's
// stack in development, whose first line is the message.
bool detectExpress(const ErrorBody &body)
{
    return title(body) == QLatin1String("Error") && contains(body, "<pre>");
}

void readExpress(const ErrorBody &body, Reading *r)
{
    const std::optional<QString> pre = element(body.page, QStringLiteral("pre"));
    r->report.message = pre ? std::optional<QString>(pre->section(QLatin1Char('\n'), 0, 0)) : title(body);
}

// IIS: the detailed page's "HTTP Error 404.0 - Not Found" heading and its explanation, the basic
// page's "404 - File or directory not found." with its explanation, HTTP.sys's "HTTP Error 503.
// The service is unavailable.". The code is IIS's sub-status (404.3) when the page has one.
bool detectIis(const ErrorBody &body)
{
    return serverIs(body, "microsoft-iis") || serverIs(body, "microsoft-httpapi") ||
           title(body).value_or(QString()).contains(QLatin1String("IIS"));
}

void readIis(const ErrorBody &body, Reading *r)
{
    static const QRegularExpression subStatus(QStringLiteral("HTTP Error (\\d{3}\\.\\d+)"));
    const QString text = htmlText(body.page);
    if (const QRegularExpressionMatch m = subStatus.match(text); m.hasMatch()) {
        r->report.code = m.captured(1);
    }
    qsizetype end = 0;
    for (const auto &[heading, explanation] : {std::pair{"h3", "h4"}, std::pair{"h2", "h3"}}) {
        if (element(body.page, QLatin1String(heading), 0, &end)) {
            if (const std::optional<QString> said = element(body.page, QLatin1String(explanation), end);
                said && !said->isEmpty()) {
                r->report.message = said;
                return;
            }
        }
    }
    static const QRegularExpression httpSys(QStringLiteral("HTTP Error \\d{3}\\.[^\\n]*"));
    const QRegularExpressionMatch m = httpSys.match(text);
    r->report.message = m.hasMatch() ? std::optional<QString>(m.captured(0).trimmed()) : title(body);
}

// Apache httpd: <h1>Not Found</h1><p>The requested URL was not found on this server.</p>.
bool detectApache(const ErrorBody &body)
{
    return contains(body, "<address>Apache") || (serverIs(body, "apache") && contains(body, "<h1"));
}

void readApache(const ErrorBody &body, Reading *r)
{
    qsizetype end = 0;
    if (element(body.page, QStringLiteral("h1"), 0, &end)) {
        if (const std::optional<QString> said = element(body.page, QStringLiteral("p"), end);
            said && !said->isEmpty()) {
            r->report.message = said;
            return;
        }
    }
    readTitle(body, r);
}

bool detectAlb(const ErrorBody &body)
{
    return serverIs(body, "awselb");
}

bool detectNginx(const ErrorBody &body)
{
    return contains(body, "<center>nginx") || serverIs(body, "nginx");
}

} // namespace

const ErrorReader cloudflarePage{"cloudflare-html", "Cloudflare error page", Shape::Page, detectCloudflare,
                                 readCloudflare};
const ErrorReader pythonPage{"python-html", "Python http.server error page", Shape::Page, detectPython,
                             readPython};
const ErrorReader tomcatPage{"tomcat-html", "Tomcat error page", Shape::Page, detectTomcat, readTomcat};
const ErrorReader springWhitelabelPage{"spring-whitelabel-html", "Spring Boot Whitelabel error page",
                                       Shape::Page, detectWhitelabel, readWhitelabel};
const ErrorReader expressPage{"express-html", "Express error page", Shape::Page, detectExpress, readExpress};
const ErrorReader iisPage{"iis-html", "IIS error page", Shape::Page, detectIis, readIis};
const ErrorReader apachePage{"apache-html", "Apache httpd error page", Shape::Page, detectApache, readApache};
const ErrorReader albPage{"alb-html", "AWS load balancer error page", Shape::Page, detectAlb, readTitle};
const ErrorReader nginxPage{"nginx-html", "nginx error page", Shape::Page, detectNginx, readTitle};

} // namespace ApiLens::Core::Errors::Readers
