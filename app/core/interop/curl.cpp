#include "curl.h"

#include "curloptions.h"
#include "shellwords.h"

#include "http/requestbuilder.h"
#include "util/fileutil.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QUrl>

namespace ApiLens::Core {

bool looksLikeCurl(const QString &text)
{
    // A command, or a script with one: "curl …" at the start of a line, or after a pipe.
    static const QRegularExpression command(
        QStringLiteral("(?:^|\\n|\\|)\\s*curl(?:\\.exe)?(?:[ \\t]|\\\\$|\\\\\\n)"));
    return command.match(text.trimmed()).hasMatch();
}

namespace {

using namespace CurlOptions;

QString curlPartType(const QString &path)
{
    static const QHash<QString, QString> types = {{QStringLiteral("gif"), QStringLiteral("image/gif")},
                                                  {QStringLiteral("jpg"), QStringLiteral("image/jpeg")},
                                                  {QStringLiteral("jpeg"), QStringLiteral("image/jpeg")},
                                                  {QStringLiteral("png"), QStringLiteral("image/png")},
                                                  {QStringLiteral("svg"), QStringLiteral("image/svg+xml")},
                                                  {QStringLiteral("txt"), QStringLiteral("text/plain")},
                                                  {QStringLiteral("htm"), QStringLiteral("text/html")},
                                                  {QStringLiteral("html"), QStringLiteral("text/html")},
                                                  {QStringLiteral("pdf"), QStringLiteral("application/pdf")},
                                                  {QStringLiteral("xml"), QStringLiteral("application/xml")}};
    return types.value(QFileInfo(path).suffix().toLower(), QStringLiteral("application/octet-stream"));
}

void setHeader(QList<KeyValue> *headers, const QString &name, const QString &value)
{
    for (KeyValue &header : *headers) {
        if (header.name.compare(name, Qt::CaseInsensitive) == 0) {
            header.value = value;
            return;
        }
    }
    headers->append(KeyValue{name, value, true});
}

// Reads the words of one curl command into a request, option by option.
class CurlParser
{
public:
    CurlParser(const QString &workingDirectory, const CurlFileReader &reader,
               std::optional<QByteArray> input = {})
        : m_base(workingDirectory.isEmpty() ? QDir::currentPath() : workingDirectory)
        , m_read(reader ? reader : CurlFileReader([](const QString &path) { return Core::readFile(path); }))
        , m_stdin(std::move(input))
    {
        m_result.spec.settings.followRedirects = false; // curl follows only with -L
    }

    CurlImport parse(const QStringList &words)
    {
        readWords(words);
        if (m_result.error.isEmpty()) {
            finish();
        }
        return m_result;
    }

private:
    void readWords(const QStringList &words);
    void apply(const QString &name, const OptionInfo &info, const QString &value);
    void applyHeader(const QString &value);
    void applyData(Opt opt, const QString &value);
    void applyForm(Opt opt, const QString &value);
    void applySetting(Opt opt, const QString &value);
    void finish();
    void finishUrl();
    void finishBody();
    void finishCookies();
    void finishAuthAndMethod();

    QString absolute(const QString &path)
    {
        QString resolved = QDir::cleanPath(QDir(m_base).absoluteFilePath(path));
        if (!m_result.files.contains(resolved)) {
            m_result.files.append(resolved);
        }
        return resolved;
    }
    std::optional<QByteArray> readOrFail(const QString &path, const char *option)
    {
        if (path == QLatin1String("-")) {
            if (m_stdin) {
                return m_stdin;
            }
            m_result.error = QStringLiteral("%1 @- reads standard input, which the pasted text does not give "
                                            "(a heredoc, a here-string, \"echo … |\" or \"< file\" would)")
                                 .arg(QLatin1String(option));
            return std::nullopt;
        }
        std::optional<QByteArray> bytes = m_read(absolute(path));
        if (!bytes) {
            m_result.error = QStringLiteral("cannot read the file %1 named by %2 (curl reads it from %3)")
                                 .arg(path, QLatin1String(option), QDir::toNativeSeparators(m_base));
        }
        return bytes;
    }
    QByteArray urlencodeData(const QString &value);

    QString m_base;
    CurlFileReader m_read;
    std::optional<QByteArray> m_stdin; // what the script gives the command on standard input
    CurlImport m_result;
    QString m_method;
    QStringList m_urls;
    QList<QByteArray> m_data;
    bool m_json = false;
    bool m_get = false;
    bool m_head = false;
    bool m_digest = false;
    bool m_compressed = false;
    QString m_user;
    bool m_haveUser = false;
    QStringList m_cookieFiles; // "-b FILE": a Netscape cookie file
    QString m_uploadFile;
    QByteArray m_uploadStdin; // "-T -"
    QString m_dataFile;       // the file of a --data-binary @file that is the whole body
    QStringList m_queryAdditions;
};

QByteArray CurlParser::urlencodeData(const QString &value)
{
    // "content", "=content", "name=content", "@file", "name@file" (curl's --data-urlencode forms)
    const qsizetype eq = value.indexOf(QLatin1Char('='));
    const qsizetype at = value.indexOf(QLatin1Char('@'));
    if (at >= 0 && (eq < 0 || at < eq)) {
        const QString name = value.left(at);
        const std::optional<QByteArray> content = readOrFail(value.mid(at + 1), "--data-urlencode");
        if (!content) {
            return {};
        }
        // The file's bytes as they are (not read as UTF-8 text first).
        const QByteArray encoded = content->toPercentEncoding(QByteArrayLiteral(" ")).replace(' ', '+');
        return name.isEmpty() ? encoded : name.toUtf8() + '=' + encoded;
    }
    if (eq < 0) {
        return formEncode(value);
    }
    const QString name = value.left(eq);
    const QByteArray encoded = formEncode(value.mid(eq + 1));
    return name.isEmpty() ? encoded : name.toUtf8() + '=' + encoded;
}

void CurlParser::readWords(const QStringList &words)
{
    bool onlyUrls = false;
    for (qsizetype i = 0; i < words.size() && m_result.error.isEmpty(); ++i) {
        const QString &word = words.at(i);
        if (onlyUrls || !word.startsWith(QLatin1Char('-')) || word == QLatin1String("-")) {
            m_urls.append(word);
            continue;
        }
        if (word == QLatin1String("--")) {
            onlyUrls = true;
            continue;
        }
        if (word.startsWith(QLatin1String("--"))) {
            const QString name = word.mid(2);
            if (name.startsWith(QLatin1String("no-")) && longOptions().contains(name.mid(3))) {
                continue; // --no-location etc.: the default already
            }
            const auto found = longOptions().constFind(name);
            if (found == longOptions().cend()) {
                m_result.unknownOptions.append(word);
                continue;
            }
            QString value;
            if (found->takesValue) {
                if (i + 1 >= words.size()) {
                    m_result.error = QStringLiteral("%1 needs a value").arg(word);
                    break;
                }
                value = words.at(++i);
            }
            apply(name, *found, value);
            continue;
        }
        // A cluster of short options: -sSL, -XPOST, -H'...'
        for (qsizetype k = 1; k < word.size(); ++k) {
            const auto longName = shortOptions().constFind(word.at(k));
            if (longName == shortOptions().cend()) {
                m_result.unknownOptions.append(QStringLiteral("-") + word.at(k));
                continue;
            }
            const OptionInfo info = longOptions().value(*longName);
            if (!info.takesValue) {
                apply(*longName, info, QString());
                continue;
            }
            if (k + 1 < word.size()) {
                apply(*longName, info, word.mid(k + 1));
            } else if (i + 1 < words.size()) {
                apply(*longName, info, words.at(++i));
            } else {
                m_result.error = QStringLiteral("-%1 needs a value").arg(word.at(k));
            }
            break;
        }
    }
}

void CurlParser::apply(const QString &name, const OptionInfo &info, const QString &value)
{
    switch (info.opt) {
    case Opt::Header:
        applyHeader(value);
        return;
    case Opt::Data:
    case Opt::DataAscii:
    case Opt::DataRaw:
    case Opt::DataBinary:
    case Opt::DataUrlencode:
    case Opt::Json:
        applyData(info.opt, value);
        return;
    case Opt::Form:
    case Opt::FormString:
        applyForm(info.opt, value);
        return;
    case Opt::IgnoredFlag:
        m_result.ignored.append(QStringLiteral("--") + name);
        return;
    case Opt::IgnoredValue:
        m_result.ignored.append(QStringLiteral("--%1 %2").arg(name, value));
        return;
    case Opt::UnsupportedValue:
        m_result.unknownOptions.append(QStringLiteral("--%1 %2").arg(name, value));
        return;
    default:
        applySetting(info.opt, value);
        return;
    }
}

void CurlParser::applyHeader(const QString &value)
{
    RequestSpec &spec = m_result.spec;
    const qsizetype colon = value.indexOf(QLatin1Char(':'));
    if (colon < 0) {
        if (value.endsWith(QLatin1Char(';'))) {
            spec.headers.append(KeyValue{value.chopped(1).trimmed(), QString(), true}); // "Name;" = empty
        } else if (value.startsWith(QLatin1Char('@'))) {
            m_result.unknownOptions.append(QStringLiteral("-H %1 (headers from a file)").arg(value));
        } else {
            m_result.unknownOptions.append(QStringLiteral("-H %1 (no colon: not a header)").arg(value));
        }
        return;
    }
    const QString name = value.left(colon).trimmed();
    const QString headerValue = value.mid(colon + 1).trimmed();
    if (!headerValue.isEmpty()) {
        spec.headers.append(KeyValue{name, headerValue, true});
        return;
    }
    // "Name:" removes a header curl would add; ApiLens's defaults can be left out the same way.
    for (const DefaultHeader &header : defaultHeaders()) {
        if (header.name.compare(name, Qt::CaseInsensitive) == 0) {
            spec.omittedDefaults.append(header.name);
            return;
        }
    }
    m_result.ignored.append(QStringLiteral("-H \"%1:\" (ApiLens does not add that header)").arg(name));
}

void CurlParser::applyData(Opt opt, const QString &value)
{
    const bool fromFile = value.startsWith(QLatin1Char('@'));
    switch (opt) {
    case Opt::Data:
    case Opt::DataAscii:
        if (!fromFile) {
            m_data.append(value.toUtf8());
        } else if (const auto bytes = readOrFail(value.mid(1), "-d")) {
            m_data.append(
                QByteArray(*bytes).replace('\r', QByteArray()).replace('\n', QByteArray())); // as curl
        }
        return;
    case Opt::DataRaw:
        m_data.append(value.toUtf8());
        return;
    case Opt::DataUrlencode:
        m_data.append(urlencodeData(value));
        return;
    case Opt::Json:
        m_json = true;
        [[fallthrough]];
    default: // --data-binary
        if (!fromFile) {
            m_data.append(value.toUtf8());
        } else if (const auto bytes =
                       readOrFail(value.mid(1), opt == Opt::Json ? "--json" : "--data-binary")) {
            m_data.append(*bytes);
            if (value != QLatin1String("@-")) {
                m_dataFile = absolute(value.mid(1)); // sent from the file: every byte, the last newline too
            }
        }
        return;
    }
}

void CurlParser::applyForm(Opt opt, const QString &value)
{
    const qsizetype eq = value.indexOf(QLatin1Char('='));
    if (eq <= 0) {
        m_result.error = QStringLiteral("-F %1: expected name=value").arg(value);
        return;
    }
    MultipartPart part;
    part.name = value.left(eq);
    const QString rest = value.mid(eq + 1);
    if (opt == Opt::Form && (rest.startsWith(QLatin1Char('@')) || rest.startsWith(QLatin1Char('<')))) {
        const bool asFile = rest.startsWith(QLatin1Char('@'));
        QStringList pieces = rest.mid(1).split(QLatin1Char(';'));
        const QString path = pieces.takeFirst();
        for (const QString &piece : std::as_const(pieces)) {
            if (piece.startsWith(QLatin1String("type="))) {
                part.contentType = piece.mid(5);
            } else if (piece.startsWith(QLatin1String("filename=")) && asFile) {
                part.fileName = piece.mid(9);
            } else if (!piece.isEmpty()) {
                m_result.unknownOptions.append(
                    QStringLiteral("-F %1: \";%2\" is not carried over").arg(value, piece));
            }
        }
        if (asFile) {
            part.filePath = absolute(path);
            if (part.contentType.isEmpty()) {
                part.contentType = curlPartType(path);
            }
        } else if (const auto bytes = readOrFail(path, "-F")) {
            part.value = QString::fromUtf8(*bytes);
        }
    } else if (opt == Opt::Form && rest.startsWith(QLatin1Char('"'))) {
        // A quoted value: curl takes what is inside, \" and \\ as escapes, then ";type=…".
        QString inside;
        qsizetype i = 1;
        for (; i < rest.size() && rest.at(i) != QLatin1Char('"'); ++i) {
            if (rest.at(i) == QLatin1Char('\\') && i + 1 < rest.size()) {
                ++i;
            }
            inside += rest.at(i);
        }
        part.value = inside;
        const QString after = rest.mid(i + 1);
        if (after.startsWith(QLatin1String(";type="))) {
            part.contentType = after.mid(6);
        }
    } else if (opt == Opt::Form && rest.contains(QLatin1String(";type="))) {
        const qsizetype cut = rest.indexOf(QLatin1String(";type="));
        part.contentType = rest.mid(cut + 6);
        part.value = rest.left(cut);
    } else {
        part.value = rest;
    }
    m_result.spec.body.kind = BodyKind::Multipart;
    m_result.spec.body.parts.append(part);
}

void CurlParser::applySetting(Opt opt, const QString &value)
{
    RequestSpec &spec = m_result.spec;
    RequestSettings &settings = spec.settings;
    switch (opt) {
    case Opt::Request:
        m_method = value;
        break;
    case Opt::User:
        m_user = value;
        m_haveUser = true;
        break;
    case Opt::Get:
        m_get = true;
        break;
    case Opt::UserAgent:
        if (value.isEmpty()) {
            spec.omittedDefaults.append(QStringLiteral("User-Agent")); // -A "" sends none
        } else {
            setHeader(&spec.headers, QStringLiteral("User-Agent"), value);
        }
        break;
    case Opt::Referer:
        setHeader(&spec.headers, QStringLiteral("Referer"),
                  value.endsWith(QLatin1String(";auto")) ? value.chopped(5) : value);
        break;
    case Opt::Cookie:
        if (value.contains(QLatin1Char('='))) {
            setHeader(&spec.headers, QStringLiteral("Cookie"), value);
        } else {
            m_cookieFiles.append(value); // read once the URL is known
        }
        break;
    case Opt::Compressed:
        m_compressed = true;
        break;
    case Opt::Insecure:
        settings.verifyTls = false;
        break;
    case Opt::Location:
        settings.followRedirects = true;
        break;
    case Opt::MaxRedirs:
        settings.maxRedirects = value.toInt();
        break;
    case Opt::MaxTime: {
        bool ok = false;
        const double seconds = value.toDouble(&ok);
        if (ok && seconds >= 0 && seconds < 24 * 3600 * 365) {
            settings.timeoutMs = int(seconds * 1000);
        } else {
            m_result.error = QStringLiteral("--max-time %1: not a number of seconds").arg(value);
        }
        break;
    }
    case Opt::Url:
        m_urls.append(value);
        break;
    case Opt::Head:
        m_head = true;
        break;
    case Opt::Proxy: {
        const QUrl proxy = QUrl::fromUserInput(value);
        settings.proxy.mode = ProxyMode::Manual;
        settings.proxy.host = proxy.host();
        settings.proxy.port = quint16(proxy.port(1080));
        if (!proxy.userName().isEmpty()) {
            settings.proxy.user = proxy.userName();
            settings.proxy.password = proxy.password();
        }
        break;
    }
    case Opt::ProxyUser:
        settings.proxy.user = value.section(QLatin1Char(':'), 0, 0);
        settings.proxy.password = value.section(QLatin1Char(':'), 1);
        break;
    case Opt::Http2:
        settings.allowHttp2 = true;
        break;
    case Opt::Http2Prior:
        settings.allowHttp2 = true;
        settings.http2PriorKnowledge = true;
        break;
    case Opt::Http1:
        settings.allowHttp2 = false;
        break;
    case Opt::Digest:
        m_digest = true;
        break;
    case Opt::Basic:
        m_digest = false;
        break;
    case Opt::Bearer:
        spec.auth.kind = AuthKind::Bearer;
        spec.auth.token = value;
        break;
    case Opt::UploadFile:
        if (value == QLatin1String("-")) { // "-T -": the body is standard input
            if (const std::optional<QByteArray> bytes = readOrFail(value, "-T")) {
                m_uploadFile = QStringLiteral("-");
                m_uploadStdin = *bytes;
            }
        } else {
            m_uploadFile = absolute(value);
        }
        break;
    case Opt::Range:
        // curl turns a lone start ("600") into an open range ("bytes=600-").
        setHeader(&spec.headers, QStringLiteral("Range"),
                  QStringLiteral("bytes=") + value +
                      (value.contains(QLatin1Char('-')) || value.contains(QLatin1Char(','))
                           ? QString()
                           : QStringLiteral("-")));
        break;
    case Opt::UrlQuery:
        m_queryAdditions.append(value.startsWith(QLatin1Char('+')) ? value.mid(1)
                                                                   : QString::fromUtf8(urlencodeData(value)));
        break;
    default:
        break;
    }
}

// "-b FILE": the cookies of a Netscape cookie file (what curl -c writes) that curl would send
// to the URL: its host (or a domain above it), path prefix, https for secure ones, not expired.
void CurlParser::finishCookies()
{
    if (m_cookieFiles.isEmpty()) {
        return;
    }
    const QUrl url(normalizeUserUrl(m_result.spec.url));
    const QString host = url.host().toLower();
    const QString path = url.path().isEmpty() ? QStringLiteral("/") : url.path();
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    // curl sends secure cookies over https, and to the loopback host over plain http too.
    const bool secureContext = url.scheme() == QLatin1String("https") || host == QLatin1String("localhost") ||
                               host == QLatin1String("127.0.0.1") || host == QLatin1String("::1");
    struct Cookie
    {
        QString text;
        qsizetype pathLength, domainLength, nameLength;
    };
    QList<Cookie> cookies;
    for (const QString &name : std::as_const(m_cookieFiles)) {
        const std::optional<QByteArray> bytes = m_read(absolute(name));
        if (!bytes) {
            m_result.notes.append(
                QStringLiteral("the cookie file %1 cannot be read; curl sends no cookies from it").arg(name));
            continue;
        }
        for (QString line : QString::fromUtf8(*bytes).split(QLatin1Char('\n'))) {
            line = line.trimmed();
            if (line.startsWith(QLatin1String("#HttpOnly_"))) {
                line = line.mid(10);
            } else if (line.startsWith(QLatin1Char('#')) || line.isEmpty()) {
                continue;
            }
            const QStringList f = line.split(QLatin1Char('\t'));
            if (f.size() < 7) {
                continue;
            }
            QString domain = f[0].toLower();
            const bool subdomains = f[1].compare(QLatin1String("TRUE"), Qt::CaseInsensitive) == 0;
            if (domain.startsWith(QLatin1Char('.'))) {
                domain.remove(0, 1);
            }
            const bool hostMatches =
                host == domain || (subdomains && host.endsWith(QLatin1Char('.') + domain));
            const bool secure = f[3].compare(QLatin1String("TRUE"), Qt::CaseInsensitive) == 0;
            const qint64 expires = f[4].toLongLong();
            if (hostMatches && path.startsWith(f[2]) && (!secure || secureContext) &&
                (expires == 0 || expires > now)) {
                cookies.append({f[5] + QLatin1Char('=') + f[6], f[2].size(), domain.size(), f[5].size()});
            }
        }
    }
    if (cookies.isEmpty()) {
        return;
    }
    // curl's order: the longest path first, then the longest domain, then the longest name.
    std::stable_sort(cookies.begin(), cookies.end(), [](const Cookie &a, const Cookie &b) {
        return std::tie(b.pathLength, b.domainLength, b.nameLength) <
               std::tie(a.pathLength, a.domainLength, a.nameLength);
    });
    QStringList texts;
    for (const Cookie &cookie : std::as_const(cookies)) {
        texts.append(cookie.text);
    }
    RequestSpec &spec = m_result.spec;
    for (const KeyValue &header : std::as_const(spec.headers)) {
        if (header.enabled && header.name.compare(QLatin1String("Cookie"), Qt::CaseInsensitive) == 0) {
            texts.append(header.value); // "-b 'a=1'" after the file's, as curl orders them
        }
    }
    setHeader(&spec.headers, QStringLiteral("Cookie"), texts.join(QStringLiteral("; ")));
}

void CurlParser::finish()
{
    if (m_urls.isEmpty()) {
        m_result.error = QStringLiteral("no URL in the curl command");
        return;
    }
    finishUrl();
    finishCookies();
    finishBody();
    finishAuthAndMethod();
    // curl sends Host, User-Agent and Accept of its own; not Accept-Encoding (unless
    // --compressed) nor Connection, so neither do these requests.
    RequestSpec &spec = m_result.spec;
    if (!m_compressed) {
        spec.omittedDefaults.append(QStringLiteral("Accept-Encoding"));
    }
    spec.omittedDefaults.append(QStringLiteral("Connection"));
    spec.omittedDefaults.removeDuplicates();
}

void CurlParser::finishUrl()
{
    if (m_urls.size() > 1) {
        m_result.unknownOptions.append(
            QStringLiteral("%1 more URL(s): only the first becomes the request: %2")
                .arg(m_urls.size() - 1)
                .arg(m_urls.mid(1).join(QLatin1Char(' '))));
    }
    QString url = m_urls.first();
    if (!url.contains(QLatin1String("://"))) {
        url.prepend(QStringLiteral("http://")); // what curl assumes
    }
    if (m_get && !m_data.isEmpty()) {
        m_queryAdditions.append(QString::fromUtf8(m_data.join(m_json ? QByteArray() : QByteArray("&"))));
    }
    if (!m_queryAdditions.isEmpty()) {
        const qsizetype hash = url.indexOf(QLatin1Char('#'));
        const QString fragment = hash >= 0 ? url.mid(hash) : QString();
        if (hash >= 0) {
            url.truncate(hash);
        }
        url += (url.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?')) +
               m_queryAdditions.join(QLatin1Char('&')) + fragment;
    }
    // "-T file" to a URL that ends in '/' (with no query) uploads to that folder under the file's name.
    if (!m_uploadFile.isEmpty() && m_uploadFile != QLatin1String("-") && url.endsWith(QLatin1Char('/'))) {
        url += QString::fromUtf8(QUrl::toPercentEncoding(QFileInfo(m_uploadFile).fileName()));
    }
    m_result.spec.url = url;
}

void CurlParser::finishBody()
{
    RequestSpec &spec = m_result.spec;
    if (!m_data.isEmpty() && spec.body.kind == BodyKind::Multipart) {
        m_result.error = QStringLiteral("curl refuses this command: it asks for both a POST body (-d) and a "
                                        "multipart form (-F); use one of them");
        return;
    }
    if (!m_data.isEmpty() && !m_uploadFile.isEmpty()) {
        m_result.error =
            QStringLiteral("curl refuses this command: it asks for both a POST body (-d) and an upload (-T)");
        return;
    }
    if (!m_dataFile.isEmpty() && m_data.size() == 1 && !m_get && !m_json) {
        spec.body.kind = BodyKind::BinaryFile;
        spec.body.filePath = m_dataFile;
        spec.body.contentType = QStringLiteral("application/x-www-form-urlencoded");
    } else if (!m_data.isEmpty() && !m_get) {
        spec.body.kind = BodyKind::Raw;
        spec.body.raw = m_data.join(m_json ? QByteArray() : QByteArray("&"));
        spec.body.contentType =
            m_json ? QStringLiteral("application/json") : QStringLiteral("application/x-www-form-urlencoded");
        if (m_json && !hasHeader(spec.headers, QStringLiteral("Accept"))) {
            spec.headers.append(KeyValue{QStringLiteral("Accept"), QStringLiteral("application/json"), true});
        }
    } else if (m_uploadFile == QLatin1String("-")) {
        // "-T -": curl streams standard input chunked, its size unknown beforehand.
        spec.body.kind = BodyKind::Raw;
        spec.body.raw = m_uploadStdin;
        if (!hasHeader(spec.headers, QStringLiteral("Transfer-Encoding"))) {
            spec.headers.append(
                KeyValue{QStringLiteral("Transfer-Encoding"), QStringLiteral("chunked"), true});
        }
        if (!hasHeader(spec.headers, QStringLiteral("Expect"))) {
            spec.headers.append(KeyValue{QStringLiteral("Expect"), QStringLiteral("100-continue"), true});
        }
    } else if (!m_uploadFile.isEmpty()) {
        spec.body.kind = BodyKind::BinaryFile;
        spec.body.filePath = m_uploadFile;
        if (!hasHeader(spec.headers, QStringLiteral("Expect"))) {
            // curl asks before an upload and waits for 100 Continue (a second at most), as ApiLens does.
            spec.headers.append(KeyValue{QStringLiteral("Expect"), QStringLiteral("100-continue"), true});
        }
    }
    for (qsizetype i = spec.headers.size() - 1; i >= 0; --i) {
        const KeyValue &header = spec.headers.at(i);
        if (header.name.compare(QLatin1String("Content-Type"), Qt::CaseInsensitive) != 0 ||
            spec.body.kind == BodyKind::None) {
            continue;
        }
        if (spec.body.kind != BodyKind::Multipart) {
            spec.body.contentType = header.value;
        } else if (!header.value.contains(QLatin1String("boundary="), Qt::CaseInsensitive)) {
            // "multipart/form-data" without a boundary: curl adds its boundary, and so does ApiLens.
            spec.body.contentType = header.value;
            spec.headers.removeAt(i);
        }
    }
}

void CurlParser::finishAuthAndMethod()
{
    RequestSpec &spec = m_result.spec;
    if (m_haveUser) {
        spec.auth.kind = m_digest ? AuthKind::Digest : AuthKind::Basic;
        const qsizetype colon = m_user.indexOf(QLatin1Char(':'));
        spec.auth.username = colon < 0 ? m_user : m_user.left(colon);
        spec.auth.password = colon < 0 ? QString() : m_user.mid(colon + 1);
        if (colon < 0) {
            m_result.ignored.append(
                QStringLiteral("-u %1 without a password: curl would ask for one; it is left empty")
                    .arg(m_user));
        }
    }
    if (!m_method.isEmpty()) {
        spec.method = m_method;
    } else if (m_head) {
        spec.method = QStringLiteral("HEAD");
    } else if (!m_uploadFile.isEmpty()) {
        spec.method = QStringLiteral("PUT");
    } else if (spec.body.kind != BodyKind::None) {
        spec.method = QStringLiteral("POST");
    } else {
        spec.method = QStringLiteral("GET");
    }
}

} // namespace

namespace {

bool isCurl(const QString &word)
{
    return word == QLatin1String("curl") || word.endsWith(QLatin1String("/curl")) ||
           word.compare(QLatin1String("curl.exe"), Qt::CaseInsensitive) == 0;
}

} // namespace

QList<CurlImport> parseCurlScript(const QString &script, const QString &workingDirectory, QString *error,
                                  const CurlFileReader &readFile)
{
    const std::optional<QList<ShellCommand>> commands = splitShellScript(script, error);
    if (!commands) {
        return {};
    }
    QList<CurlImport> imports;
    QStringList others;
    const QString base = workingDirectory.isEmpty() ? QDir::currentPath() : workingDirectory;
    for (const ShellCommand &command : *commands) {
        if (command.words.isEmpty() || !isCurl(command.words.first())) {
            if (!command.words.isEmpty()) {
                others.append(
                    QStringLiteral("line %1: %2 (not curl)").arg(command.line).arg(command.words.first()));
            }
            continue;
        }
        std::optional<QByteArray> input = command.input;
        QString inputError;
        if (!command.inputFile.isEmpty()) {
            const QString path = QDir::cleanPath(QDir(base).absoluteFilePath(command.inputFile));
            input = readFile ? readFile(path) : Core::readFile(path, &inputError);
        }
        CurlImport imported = CurlParser(workingDirectory, readFile, input).parse(command.words.mid(1));
        if (!command.inputFile.isEmpty() && !input && imported.ok()) {
            imported.error = QStringLiteral("cannot read %1, its standard input").arg(command.inputFile);
        }
        imported.line = command.line;
        for (const QString &note : command.notes) {
            imported.notes.append(
                QStringLiteral("\"%1\" after the command is not followed: it does not change "
                               "the request")
                    .arg(note));
        }
        imports.append(imported);
    }
    if (imports.isEmpty()) {
        *error = QStringLiteral("not a curl command: it should start with \"curl\"");
        return {};
    }
    if (!others.isEmpty()) {
        imports.first().notes.append(QStringLiteral("skipped: %1").arg(others.join(QStringLiteral(", "))));
    }
    return imports;
}

CurlImport parseCurl(const QString &text, const QString &workingDirectory, const CurlFileReader &readFile)
{
    QString error;
    QList<CurlImport> imports = parseCurlScript(text, workingDirectory, &error, readFile);
    if (imports.isEmpty()) {
        CurlImport failed;
        failed.error = error;
        return failed;
    }
    CurlImport first = imports.takeFirst();
    if (!imports.isEmpty()) {
        first.notes.append(
            QStringLiteral("%1 more curl command%2 in the text (import the text to get them all)")
                .arg(imports.size())
                .arg(imports.size() > 1 ? QStringLiteral("s") : QString()));
    }
    return first;
}

} // namespace ApiLens::Core
