#include "curl.h"

#include "collections/collection.h"
#include "collections/httpdocument.h"
#include "collections/variables.h"
#include "http/requestbuilder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QRegularExpression>
#include <QUrl>

namespace ApiLens::Core {

namespace {

bool isBlank(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\n') ||
           c == QLatin1Char('\r');
}

int hexValue(QChar c)
{
    const ushort u = c.unicode();
    if (u >= '0' && u <= '9') {
        return u - '0';
    }
    if (u >= 'a' && u <= 'f') {
        return u - 'a' + 10;
    }
    if (u >= 'A' && u <= 'F') {
        return u - 'A' + 10;
    }
    return -1;
}

// $'...' with the escapes bash knows. `i` is at the first character after the opening quote.
bool readAnsiC(const QString &s, qsizetype *i, QString *out)
{
    QByteArray bytes; // \xHH and \NNN are bytes; the result is read as UTF-8
    const auto flush = [&] {
        *out += QString::fromUtf8(bytes);
        bytes.clear();
    };
    while (*i < s.size()) {
        const QChar c = s.at(*i);
        if (c == QLatin1Char('\'')) {
            flush();
            ++*i;
            return true;
        }
        if (c != QLatin1Char('\\') || *i + 1 >= s.size()) {
            flush();
            *out += c;
            ++*i;
            continue;
        }
        const QChar e = s.at(*i + 1);
        *i += 2;
        switch (e.unicode()) {
        case 'n':
            bytes += '\n';
            break;
        case 't':
            bytes += '\t';
            break;
        case 'r':
            bytes += '\r';
            break;
        case 'a':
            bytes += '\a';
            break;
        case 'b':
            bytes += '\b';
            break;
        case 'f':
            bytes += '\f';
            break;
        case 'v':
            bytes += '\v';
            break;
        case 'e':
        case 'E':
            bytes += '\x1b';
            break;
        case '\\':
            bytes += '\\';
            break;
        case '\'':
            bytes += '\'';
            break;
        case '"':
            bytes += '"';
            break;
        case '?':
            bytes += '?';
            break;
        case 'x': {
            int value = 0;
            int digits = 0;
            while (digits < 2 && *i < s.size() && hexValue(s.at(*i)) >= 0) {
                value = value * 16 + hexValue(s.at(*i));
                ++*i;
                ++digits;
            }
            bytes += char(value);
            break;
        }
        case 'u':
        case 'U': {
            const int max = e == QLatin1Char('u') ? 4 : 8;
            uint value = 0;
            int digits = 0;
            while (digits < max && *i < s.size() && hexValue(s.at(*i)) >= 0) {
                value = value * 16 + uint(hexValue(s.at(*i)));
                ++*i;
                ++digits;
            }
            flush();
            const char32_t code = char32_t(value);
            *out += QString::fromUcs4(&code, 1);
            break;
        }
        default:
            if (e >= QLatin1Char('0') && e <= QLatin1Char('7')) {
                int value = e.unicode() - '0';
                for (int digits = 1; digits < 3 && *i < s.size() && s.at(*i) >= QLatin1Char('0') &&
                                     s.at(*i) <= QLatin1Char('7');
                     ++digits, ++*i) {
                    value = value * 8 + (s.at(*i).unicode() - '0');
                }
                bytes += char(value);
            } else {
                flush();
                *out += QLatin1Char('\\');
                *out += e;
            }
        }
    }
    return false;
}

} // namespace

std::optional<QStringList> splitShellWords(const QString &command, QString *error)
{
    QStringList words;
    QString current;
    bool inWord = false;
    qsizetype i = 0;
    const qsizetype n = command.size();
    while (i < n) {
        const QChar c = command.at(i);
        if (isBlank(c)) {
            if (inWord) {
                words.append(current);
                current.clear();
                inWord = false;
            }
            ++i;
            continue;
        }
        if (c == QLatin1Char('\\')) {
            if (i + 1 < n && command.at(i + 1) == QLatin1Char('\n')) {
                i += 2; // a continuation
            } else if (i + 2 < n && command.at(i + 1) == QLatin1Char('\r') &&
                       command.at(i + 2) == QLatin1Char('\n')) {
                i += 3;
            } else if (i + 1 < n) {
                current += command.at(i + 1);
                inWord = true;
                i += 2;
            } else {
                ++i;
            }
            continue;
        }
        if (c == QLatin1Char('\'')) {
            const qsizetype end = command.indexOf(QLatin1Char('\''), i + 1);
            if (end < 0) {
                *error = QStringLiteral("unterminated ' quote starting at character %1").arg(i + 1);
                return std::nullopt;
            }
            current += command.mid(i + 1, end - i - 1);
            inWord = true;
            i = end + 1;
            continue;
        }
        if (c == QLatin1Char('$') && i + 1 < n && command.at(i + 1) == QLatin1Char('\'')) {
            const qsizetype start = i;
            i += 2;
            if (!readAnsiC(command, &i, &current)) {
                *error = QStringLiteral("unterminated $' quote starting at character %1").arg(start + 1);
                return std::nullopt;
            }
            inWord = true;
            continue;
        }
        if (c == QLatin1Char('"')) {
            const qsizetype start = i;
            ++i;
            bool closed = false;
            while (i < n) {
                const QChar d = command.at(i);
                if (d == QLatin1Char('"')) {
                    closed = true;
                    ++i;
                    break;
                }
                if (d == QLatin1Char('\\') && i + 1 < n) {
                    const QChar e = command.at(i + 1);
                    if (e == QLatin1Char('\n')) {
                        i += 2;
                        continue;
                    }
                    if (e == QLatin1Char('"') || e == QLatin1Char('\\') || e == QLatin1Char('$') ||
                        e == QLatin1Char('`')) {
                        current += e;
                        i += 2;
                        continue;
                    }
                }
                current += d;
                ++i;
            }
            if (!closed) {
                *error = QStringLiteral("unterminated \" quote starting at character %1").arg(start + 1);
                return std::nullopt;
            }
            inWord = true;
            continue;
        }
        current += c;
        inWord = true;
        ++i;
    }
    if (inWord) {
        words.append(current);
    }
    return words;
}

bool looksLikeCurl(const QString &text)
{
    const QString t = text.trimmed();
    return t.startsWith(QLatin1String("curl ")) || t.startsWith(QLatin1String("curl\t")) ||
           t.startsWith(QLatin1String("curl\\")) || t.startsWith(QLatin1String("curl.exe "));
}

namespace {

enum class Opt {
    Request,
    Header,
    Data,
    DataAscii,
    DataRaw,
    DataBinary,
    DataUrlencode,
    Json,
    Form,
    FormString,
    User,
    Get,
    UserAgent,
    Referer,
    Cookie,
    Compressed,
    Insecure,
    Location,
    MaxRedirs,
    MaxTime,
    Url,
    Head,
    Proxy,
    ProxyUser,
    Http2,
    Http2Prior,
    Http1,
    Digest,
    Basic,
    Bearer,
    UploadFile,
    Range,
    UrlQuery,
    IgnoredFlag,
    IgnoredValue,
    UnsupportedValue,
};

struct OptionInfo
{
    Opt opt;
    bool takesValue;
};

const QHash<QString, OptionInfo> &longOptions()
{
    static const QHash<QString, OptionInfo> options = [] {
        QHash<QString, OptionInfo> o;
        const auto add = [&o](const char *name, Opt opt, bool value) {
            o.insert(QLatin1String(name), {opt, value});
        };
        add("request", Opt::Request, true);
        add("header", Opt::Header, true);
        add("data", Opt::Data, true);
        add("data-ascii", Opt::DataAscii, true);
        add("data-raw", Opt::DataRaw, true);
        add("data-binary", Opt::DataBinary, true);
        add("data-urlencode", Opt::DataUrlencode, true);
        add("json", Opt::Json, true);
        add("form", Opt::Form, true);
        add("form-string", Opt::FormString, true);
        add("user", Opt::User, true);
        add("get", Opt::Get, false);
        add("user-agent", Opt::UserAgent, true);
        add("referer", Opt::Referer, true);
        add("cookie", Opt::Cookie, true);
        add("compressed", Opt::Compressed, false);
        add("insecure", Opt::Insecure, false);
        add("location", Opt::Location, false);
        add("location-trusted", Opt::Location, false);
        add("max-redirs", Opt::MaxRedirs, true);
        add("max-time", Opt::MaxTime, true);
        add("url", Opt::Url, true);
        add("head", Opt::Head, false);
        add("proxy", Opt::Proxy, true);
        add("proxy-user", Opt::ProxyUser, true);
        add("http2", Opt::Http2, false);
        add("http2-prior-knowledge", Opt::Http2Prior, false);
        add("http1.1", Opt::Http1, false);
        add("http1.0", Opt::Http1, false);
        add("digest", Opt::Digest, false);
        add("basic", Opt::Basic, false);
        add("oauth2-bearer", Opt::Bearer, true);
        add("upload-file", Opt::UploadFile, true);
        add("range", Opt::Range, true);
        add("url-query", Opt::UrlQuery, true);
        // Only change what curl prints or where it writes.
        for (const char *flag : {"silent",
                                 "show-error",
                                 "verbose",
                                 "include",
                                 "fail",
                                 "fail-with-body",
                                 "no-progress-meter",
                                 "progress-bar",
                                 "globoff",
                                 "no-buffer",
                                 "remote-name",
                                 "remote-header-name",
                                 "path-as-is",
                                 "raw",
                                 "no-keepalive",
                                 "tcp-nodelay",
                                 "ipv4",
                                 "ipv6",
                                 "fail-early",
                                 "styled-output",
                                 "no-styled-output",
                                 "create-dirs",
                                 "tlsv1.2",
                                 "tlsv1.3"}) {
            add(flag, Opt::IgnoredFlag, false);
        }
        for (const char *value :
             {"output", "write-out", "trace", "trace-ascii", "stderr", "connect-timeout", "retry",
              "retry-delay", "retry-max-time", "limit-rate", "cookie-jar", "dump-header", "output-dir"}) {
            add(value, Opt::IgnoredValue, true);
        }
        // Known, but ApiLens cannot do them: listed with their values.
        for (const char *value : {"cert",
                                  "key",
                                  "cacert",
                                  "capath",
                                  "resolve",
                                  "connect-to",
                                  "unix-socket",
                                  "request-target",
                                  "config",
                                  "noproxy",
                                  "interface",
                                  "local-port",
                                  "ciphers",
                                  "tls-max",
                                  "cert-type",
                                  "key-type",
                                  "pass",
                                  "aws-sigv4",
                                  "ntlm",
                                  "negotiate",
                                  "variable",
                                  "expand-url",
                                  "expand-data",
                                  "time-cond",
                                  "continue-at",
                                  "max-filesize",
                                  "preproxy",
                                  "socks5",
                                  "socks5-hostname",
                                  "proxy-header",
                                  "netrc-file"}) {
            add(value, Opt::UnsupportedValue, true);
        }
        return o;
    }();
    return options;
}

const QHash<QChar, QString> &shortOptions()
{
    static const QHash<QChar, QString> options = {
        {QLatin1Char('X'), QStringLiteral("request")},
        {QLatin1Char('H'), QStringLiteral("header")},
        {QLatin1Char('d'), QStringLiteral("data")},
        {QLatin1Char('F'), QStringLiteral("form")},
        {QLatin1Char('u'), QStringLiteral("user")},
        {QLatin1Char('G'), QStringLiteral("get")},
        {QLatin1Char('A'), QStringLiteral("user-agent")},
        {QLatin1Char('e'), QStringLiteral("referer")},
        {QLatin1Char('b'), QStringLiteral("cookie")},
        {QLatin1Char('k'), QStringLiteral("insecure")},
        {QLatin1Char('L'), QStringLiteral("location")},
        {QLatin1Char('m'), QStringLiteral("max-time")},
        {QLatin1Char('I'), QStringLiteral("head")},
        {QLatin1Char('x'), QStringLiteral("proxy")},
        {QLatin1Char('U'), QStringLiteral("proxy-user")},
        {QLatin1Char('T'), QStringLiteral("upload-file")},
        {QLatin1Char('r'), QStringLiteral("range")},
        {QLatin1Char('s'), QStringLiteral("silent")},
        {QLatin1Char('S'), QStringLiteral("show-error")},
        {QLatin1Char('v'), QStringLiteral("verbose")},
        {QLatin1Char('i'), QStringLiteral("include")},
        {QLatin1Char('f'), QStringLiteral("fail")},
        {QLatin1Char('g'), QStringLiteral("globoff")},
        {QLatin1Char('N'), QStringLiteral("no-buffer")},
        {QLatin1Char('O'), QStringLiteral("remote-name")},
        {QLatin1Char('o'), QStringLiteral("output")},
        {QLatin1Char('w'), QStringLiteral("write-out")},
        {QLatin1Char('c'), QStringLiteral("cookie-jar")},
        {QLatin1Char('D'), QStringLiteral("dump-header")},
        {QLatin1Char('E'), QStringLiteral("cert")},
        {QLatin1Char('K'), QStringLiteral("config")},
        {QLatin1Char('4'), QStringLiteral("ipv4")},
        {QLatin1Char('6'), QStringLiteral("ipv6")},
        {QLatin1Char('0'), QStringLiteral("http1.0")},
        {QLatin1Char('J'), QStringLiteral("remote-header-name")},
    };
    return options;
}

QByteArray urlencodeData(const QString &value, const CurlFileReader &read, QString *error)
{
    // "content", "=content", "name=content", "@file", "name@file" (curl's --data-urlencode forms)
    const qsizetype eq = value.indexOf(QLatin1Char('='));
    const qsizetype at = value.indexOf(QLatin1Char('@'));
    if (at >= 0 && (eq < 0 || at < eq)) {
        const QString name = value.left(at);
        const std::optional<QByteArray> content = read ? read(value.mid(at + 1)) : std::nullopt;
        if (!content) {
            *error = QStringLiteral("cannot read %1 (--data-urlencode)").arg(value.mid(at + 1));
            return {};
        }
        const QByteArray encoded = formEncode(QString::fromUtf8(*content));
        return name.isEmpty() ? encoded : name.toUtf8() + '=' + encoded;
    }
    if (eq < 0) {
        return formEncode(value);
    }
    const QString name = value.left(eq);
    const QByteArray encoded = formEncode(value.mid(eq + 1));
    return name.isEmpty() ? encoded : name.toUtf8() + '=' + encoded;
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

bool hasHeader(const QList<KeyValue> &headers, const QString &name)
{
    for (const KeyValue &header : headers) {
        if (header.enabled && header.name.compare(name, Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    return false;
}

} // namespace

CurlImport parseCurl(const QString &command, const CurlFileReader &readFile)
{
    CurlImport result;
    RequestSpec &spec = result.spec;
    spec.settings.followRedirects = false; // curl follows only with -L
    QString error;
    const std::optional<QStringList> split = splitShellWords(command, &error);
    if (!split) {
        result.error = error;
        return result;
    }
    QStringList words = *split;
    if (words.isEmpty() ||
        !(words.first() == QLatin1String("curl") || words.first().endsWith(QLatin1String("/curl")) ||
          words.first().compare(QLatin1String("curl.exe"), Qt::CaseInsensitive) == 0)) {
        result.error = QStringLiteral("not a curl command: it should start with \"curl\"");
        return result;
    }
    words.removeFirst();

    QString method;
    QStringList urls;
    QList<QByteArray> data;
    bool json = false;
    bool get = false;
    bool head = false;
    bool digest = false;
    QString user;
    bool haveUser = false;
    QString uploadFile;
    QStringList queryAdditions;
    const CurlFileReader read =
        readFile ? readFile : CurlFileReader([](const QString &path) -> std::optional<QByteArray> {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                return std::nullopt;
            }
            return file.readAll();
        });
    const auto readOrFail = [&](const QString &path, const char *option) -> std::optional<QByteArray> {
        if (path == QLatin1String("-")) {
            result.error = QStringLiteral("%1 @- reads standard input, which a pasted command does not have")
                               .arg(QLatin1String(option));
            return std::nullopt;
        }
        std::optional<QByteArray> bytes = read(path);
        if (!bytes) {
            result.error =
                QStringLiteral("cannot read the file %1 named by %2").arg(path, QLatin1String(option));
        }
        return bytes;
    };

    const auto apply = [&](const QString &name, const OptionInfo &info, const QString &value) {
        switch (info.opt) {
        case Opt::Request:
            method = value;
            break;
        case Opt::Header: {
            const qsizetype colon = value.indexOf(QLatin1Char(':'));
            if (colon < 0) {
                if (value.endsWith(QLatin1Char(';'))) {
                    spec.headers.append(
                        KeyValue{value.chopped(1).trimmed(), QString(), true}); // "Name;" = empty
                } else if (value.startsWith(QLatin1Char('@'))) {
                    result.unknownOptions.append(QStringLiteral("-H %1 (headers from a file)").arg(value));
                } else {
                    result.unknownOptions.append(QStringLiteral("-H %1 (no colon: not a header)").arg(value));
                }
                break;
            }
            const QString headerName = value.left(colon).trimmed();
            const QString headerValue = value.mid(colon + 1).trimmed();
            if (headerValue.isEmpty()) {
                result.ignored.append(
                    QStringLiteral("-H \"%1:\" (removes a header curl adds itself)").arg(headerName));
                break;
            }
            spec.headers.append(KeyValue{headerName, headerValue, true});
            break;
        }
        case Opt::Data:
        case Opt::DataAscii:
            if (value.startsWith(QLatin1Char('@'))) {
                if (const auto bytes = readOrFail(value.mid(1), "-d")) {
                    QByteArray stripped = *bytes;
                    stripped.replace('\r', QByteArray())
                        .replace('\n', QByteArray()); // as curl does for -d @file
                    data.append(stripped);
                }
            } else {
                data.append(value.toUtf8());
            }
            break;
        case Opt::DataRaw:
            data.append(value.toUtf8());
            break;
        case Opt::DataBinary:
            if (value.startsWith(QLatin1Char('@'))) {
                if (const auto bytes = readOrFail(value.mid(1), "--data-binary")) {
                    data.append(*bytes);
                }
            } else {
                data.append(value.toUtf8());
            }
            break;
        case Opt::DataUrlencode: {
            QString problem;
            const QByteArray encoded = urlencodeData(value, read, &problem);
            if (!problem.isEmpty()) {
                result.error = problem;
            }
            data.append(encoded);
            break;
        }
        case Opt::Json:
            json = true;
            if (value.startsWith(QLatin1Char('@'))) {
                if (const auto bytes = readOrFail(value.mid(1), "--json")) {
                    data.append(*bytes);
                }
            } else {
                data.append(value.toUtf8());
            }
            break;
        case Opt::Form:
        case Opt::FormString: {
            const qsizetype eq = value.indexOf(QLatin1Char('='));
            if (eq <= 0) {
                result.error = QStringLiteral("-F %1: expected name=value").arg(value);
                break;
            }
            MultipartPart part;
            part.name = value.left(eq);
            QString rest = value.mid(eq + 1);
            if (info.opt == Opt::Form &&
                (rest.startsWith(QLatin1Char('@')) || rest.startsWith(QLatin1Char('<')))) {
                const bool asFile = rest.startsWith(QLatin1Char('@'));
                QStringList pieces = rest.mid(1).split(QLatin1Char(';'));
                const QString path = pieces.takeFirst();
                for (const QString &piece : std::as_const(pieces)) {
                    if (piece.startsWith(QLatin1String("type="))) {
                        part.contentType = piece.mid(5);
                    } else if (!piece.isEmpty()) {
                        result.unknownOptions.append(
                            QStringLiteral("-F %1: \";%2\" is not carried over").arg(value, piece));
                    }
                }
                if (asFile) {
                    part.filePath = path;
                } else if (const auto bytes = readOrFail(path, "-F")) {
                    part.value = QString::fromUtf8(*bytes);
                }
            } else if (info.opt == Opt::Form && rest.contains(QLatin1String(";type="))) {
                const qsizetype cut = rest.indexOf(QLatin1String(";type="));
                part.contentType = rest.mid(cut + 6);
                part.value = rest.left(cut);
            } else {
                part.value = rest;
            }
            spec.body.kind = BodyKind::Multipart;
            spec.body.parts.append(part);
            break;
        }
        case Opt::User:
            user = value;
            haveUser = true;
            break;
        case Opt::Get:
            get = true;
            break;
        case Opt::UserAgent:
            setHeader(&spec.headers, QStringLiteral("User-Agent"), value);
            break;
        case Opt::Referer:
            setHeader(&spec.headers, QStringLiteral("Referer"),
                      value.endsWith(QLatin1String(";auto")) ? value.chopped(5) : value);
            break;
        case Opt::Cookie:
            if (value.contains(QLatin1Char('='))) {
                setHeader(&spec.headers, QStringLiteral("Cookie"), value);
            } else {
                result.unknownOptions.append(QStringLiteral("-b %1 (a cookie file)").arg(value));
            }
            break;
        case Opt::Compressed:
            break; // ApiLens always asks for compressed bodies and decodes them
        case Opt::Insecure:
            spec.settings.verifyTls = false;
            break;
        case Opt::Location:
            spec.settings.followRedirects = true;
            break;
        case Opt::MaxRedirs:
            spec.settings.maxRedirects = value.toInt();
            break;
        case Opt::MaxTime: {
            bool ok = false;
            const double seconds = value.toDouble(&ok);
            if (ok && seconds >= 0) {
                spec.settings.timeoutMs = int(seconds * 1000);
            } else {
                result.error = QStringLiteral("--max-time %1: not a number of seconds").arg(value);
            }
            break;
        }
        case Opt::Url:
            urls.append(value);
            break;
        case Opt::Head:
            head = true;
            break;
        case Opt::Proxy: {
            const QUrl proxy = QUrl::fromUserInput(value);
            spec.settings.proxy.mode = ProxyMode::Manual;
            spec.settings.proxy.host = proxy.host();
            spec.settings.proxy.port = quint16(proxy.port(1080));
            if (!proxy.userName().isEmpty()) {
                spec.settings.proxy.user = proxy.userName();
                spec.settings.proxy.password = proxy.password();
            }
            break;
        }
        case Opt::ProxyUser:
            spec.settings.proxy.user = value.section(QLatin1Char(':'), 0, 0);
            spec.settings.proxy.password = value.section(QLatin1Char(':'), 1);
            break;
        case Opt::Http2:
            spec.settings.allowHttp2 = true;
            break;
        case Opt::Http2Prior:
            spec.settings.allowHttp2 = true;
            spec.settings.http2PriorKnowledge = true;
            break;
        case Opt::Http1:
            spec.settings.allowHttp2 = false;
            break;
        case Opt::Digest:
            digest = true;
            break;
        case Opt::Basic:
            digest = false;
            break;
        case Opt::Bearer:
            spec.auth.kind = AuthKind::Bearer;
            spec.auth.token = value;
            break;
        case Opt::UploadFile:
            uploadFile = value;
            break;
        case Opt::Range:
            setHeader(&spec.headers, QStringLiteral("Range"), QStringLiteral("bytes=") + value);
            break;
        case Opt::UrlQuery:
            if (value.startsWith(QLatin1Char('+'))) {
                queryAdditions.append(value.mid(1));
            } else {
                QString problem;
                queryAdditions.append(QString::fromUtf8(urlencodeData(value, read, &problem)));
                if (!problem.isEmpty()) {
                    result.error = problem;
                }
            }
            break;
        case Opt::IgnoredFlag:
            result.ignored.append(QStringLiteral("--") + name);
            break;
        case Opt::IgnoredValue:
            result.ignored.append(QStringLiteral("--%1 %2").arg(name, value));
            break;
        case Opt::UnsupportedValue:
            result.unknownOptions.append(QStringLiteral("--%1 %2").arg(name, value));
            break;
        }
    };

    bool onlyUrls = false;
    for (qsizetype i = 0; i < words.size(); ++i) {
        const QString word = words.at(i);
        if (onlyUrls || !word.startsWith(QLatin1Char('-')) || word == QLatin1String("-")) {
            urls.append(word);
            continue;
        }
        if (word == QLatin1String("--")) {
            onlyUrls = true;
            continue;
        }
        if (word.startsWith(QLatin1String("--"))) {
            QString name = word.mid(2);
            if (name.startsWith(QLatin1String("no-")) && longOptions().contains(name.mid(3))) {
                continue; // --no-location etc.: the default already
            }
            const auto found = longOptions().constFind(name);
            if (found == longOptions().cend()) {
                result.unknownOptions.append(word);
                continue;
            }
            QString value;
            if (found->takesValue) {
                if (i + 1 >= words.size()) {
                    result.error = QStringLiteral("%1 needs a value").arg(word);
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
                result.unknownOptions.append(QStringLiteral("-") + word.at(k));
                continue;
            }
            const OptionInfo info = longOptions().value(*longName);
            QString value;
            if (info.takesValue) {
                if (k + 1 < word.size()) {
                    value = word.mid(k + 1);
                } else if (i + 1 < words.size()) {
                    value = words.at(++i);
                } else {
                    result.error = QStringLiteral("-%1 needs a value").arg(word.at(k));
                    break;
                }
                apply(*longName, info, value);
                break;
            }
            apply(*longName, info, value);
        }
    }
    if (!result.error.isEmpty()) {
        return result;
    }
    if (urls.isEmpty()) {
        result.error = QStringLiteral("no URL in the curl command");
        return result;
    }
    if (urls.size() > 1) {
        result.unknownOptions.append(QStringLiteral("%1 more URL(s): only the first becomes the request: %2")
                                         .arg(urls.size() - 1)
                                         .arg(urls.mid(1).join(QLatin1Char(' '))));
    }
    QString url = urls.first();
    if (!url.contains(QLatin1String("://"))) {
        url.prepend(QStringLiteral("http://")); // what curl assumes
    }
    const QByteArray joined = data.join(json ? QByteArray() : QByteArray("&"));
    if (get && !data.isEmpty()) {
        queryAdditions.append(QString::fromUtf8(joined));
    }
    if (!queryAdditions.isEmpty()) {
        const qsizetype hash = url.indexOf(QLatin1Char('#'));
        const QString fragment = hash >= 0 ? url.mid(hash) : QString();
        if (hash >= 0) {
            url.truncate(hash);
        }
        url += (url.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?')) +
               queryAdditions.join(QLatin1Char('&')) + fragment;
    }
    spec.url = url;

    if (!data.isEmpty() && !get) {
        spec.body.kind = BodyKind::Raw;
        spec.body.raw = joined;
        spec.body.contentType =
            json ? QStringLiteral("application/json") : QStringLiteral("application/x-www-form-urlencoded");
        if (json && !hasHeader(spec.headers, QStringLiteral("Accept"))) {
            spec.headers.append(KeyValue{QStringLiteral("Accept"), QStringLiteral("application/json"), true});
        }
    } else if (!uploadFile.isEmpty()) {
        spec.body.kind = BodyKind::BinaryFile;
        spec.body.filePath = uploadFile;
    }
    for (const KeyValue &header : std::as_const(spec.headers)) {
        if (header.name.compare(QLatin1String("Content-Type"), Qt::CaseInsensitive) == 0 &&
            spec.body.kind != BodyKind::None && spec.body.kind != BodyKind::Multipart) {
            spec.body.contentType = header.value;
        }
    }
    if (haveUser) {
        spec.auth.kind = digest ? AuthKind::Digest : AuthKind::Basic;
        const qsizetype colon = user.indexOf(QLatin1Char(':'));
        spec.auth.username = colon < 0 ? user : user.left(colon);
        spec.auth.password = colon < 0 ? QString() : user.mid(colon + 1);
        if (colon < 0) {
            result.ignored.append(
                QStringLiteral("-u %1 without a password: curl would ask for one; it is left empty")
                    .arg(user));
        }
    }
    if (!method.isEmpty()) {
        spec.method = method;
    } else if (head) {
        spec.method = QStringLiteral("HEAD");
    } else if (!uploadFile.isEmpty()) {
        spec.method = QStringLiteral("PUT");
    } else if (spec.body.kind != BodyKind::None) {
        spec.method = QStringLiteral("POST");
    } else {
        spec.method = QStringLiteral("GET");
    }
    return result;
}

// ---- Export -------------------------------------------------------------------------------

namespace {

QString shellQuote(const QString &text)
{
    if (!text.isEmpty() && text.indexOf(QRegularExpression(QStringLiteral("[^A-Za-z0-9_./:=@%+,-]"))) < 0) {
        return text;
    }
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString jsonQuote(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2));
}

// Enabled name/value pairs, each JSON-quoted into `pattern` ("(%1, %2)", "    %1: %2,").
QStringList quotedPairs(const QList<KeyValue> &pairs, const QString &pattern)
{
    QStringList out;
    for (const KeyValue &pair : pairs) {
        if (pair.enabled) {
            out.append(pattern.arg(jsonQuote(pair.name), jsonQuote(pair.value)));
        }
    }
    return out;
}

// The URL as it goes out: an API key in the query is part of it.
QString effectiveUrl(const RequestSpec &spec)
{
    if (spec.auth.kind == AuthKind::ApiKey && spec.auth.keyLocation == ApiKeyLocation::Query &&
        !spec.auth.keyName.isEmpty()) {
        QString url = spec.url;
        url += (url.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?')) +
               QString::fromUtf8(QUrl::toPercentEncoding(spec.auth.keyName)) + QLatin1Char('=') +
               QString::fromUtf8(QUrl::toPercentEncoding(spec.auth.keyValue));
        return url;
    }
    return spec.url;
}

// Headers as they go out: the enabled ones, plus auth that travels as a header.
QList<KeyValue> effectiveHeaders(const RequestSpec &spec, bool bearerAsHeader)
{
    QList<KeyValue> headers;
    for (const KeyValue &header : spec.headers) {
        if (header.enabled && !header.name.isEmpty()) {
            headers.append(header);
        }
    }
    if (spec.auth.kind == AuthKind::Bearer && bearerAsHeader &&
        !hasHeader(headers, QStringLiteral("Authorization"))) {
        headers.append(
            KeyValue{QStringLiteral("Authorization"), QStringLiteral("Bearer ") + spec.auth.token, true});
    }
    if (spec.auth.kind == AuthKind::ApiKey && spec.auth.keyLocation == ApiKeyLocation::Header &&
        !spec.auth.keyName.isEmpty() && !hasHeader(headers, spec.auth.keyName)) {
        headers.append(KeyValue{spec.auth.keyName, spec.auth.keyValue, true});
    }
    return headers;
}

QByteArray formEncoded(const QList<KeyValue> &fields)
{
    QByteArrayList pairs;
    for (const KeyValue &field : fields) {
        if (field.enabled) {
            pairs.append(formEncode(field.name) + '=' + formEncode(field.value));
        }
    }
    return pairs.join('&');
}

// The Content-Type ApiLens sends for a body, when the headers do not set one.
QString defaultContentType(const RequestSpec &spec)
{
    switch (spec.body.kind) {
    case BodyKind::Raw:
        return spec.body.contentType;
    case BodyKind::UrlEncoded:
        return QStringLiteral("application/x-www-form-urlencoded");
    case BodyKind::BinaryFile:
        return spec.body.contentType.isEmpty() ? QStringLiteral("application/octet-stream")
                                               : spec.body.contentType;
    default:
        return {};
    }
}

} // namespace

QString toCurl(const RequestSpec &spec)
{
    QStringList lines;
    const bool hasBody = spec.body.kind != BodyKind::None;
    QString first = QStringLiteral("curl");
    if (spec.method != (hasBody ? QLatin1String("POST") : QLatin1String("GET"))) {
        first += QStringLiteral(" -X ") + shellQuote(spec.method);
    }
    first += QLatin1Char(' ') + shellQuote(effectiveUrl(spec));
    lines.append(first);
    const QList<KeyValue> headers = effectiveHeaders(spec, true);
    for (const KeyValue &header : headers) {
        lines.append(QStringLiteral("-H ") + shellQuote(header.name + QStringLiteral(": ") + header.value));
    }
    const QString type = defaultContentType(spec);
    if (hasBody && spec.body.kind != BodyKind::Multipart &&
        !hasHeader(headers, QStringLiteral("Content-Type"))) {
        // curl would send application/x-www-form-urlencoded; say what ApiLens sends ("" = none).
        lines.append(QStringLiteral("-H ") +
                     shellQuote(QStringLiteral("Content-Type:") +
                                (type.isEmpty() ? QString() : QLatin1Char(' ') + type)));
    }
    switch (spec.body.kind) {
    case BodyKind::Raw:
        lines.append(QStringLiteral("--data-raw ") + shellQuote(QString::fromUtf8(spec.body.raw)));
        break;
    case BodyKind::UrlEncoded:
        lines.append(QStringLiteral("--data-raw ") +
                     shellQuote(QString::fromUtf8(formEncoded(spec.body.form))));
        break;
    case BodyKind::Multipart:
        for (const MultipartPart &part : spec.body.parts) {
            if (!part.enabled) {
                continue;
            }
            if (part.isFile()) {
                lines.append(
                    QStringLiteral("-F ") +
                    shellQuote(part.name + QStringLiteral("=@") + part.filePath +
                               (part.contentType.isEmpty() ? QString()
                                                           : QStringLiteral(";type=") + part.contentType)));
            } else {
                lines.append(QStringLiteral("--form-string ") +
                             shellQuote(part.name + QLatin1Char('=') + part.value));
            }
        }
        break;
    case BodyKind::BinaryFile:
        lines.append(QStringLiteral("--data-binary ") + shellQuote(QLatin1Char('@') + spec.body.filePath));
        break;
    case BodyKind::None:
        break;
    }
    if (spec.auth.kind == AuthKind::Basic || spec.auth.kind == AuthKind::Digest) {
        lines.append(
            (spec.auth.kind == AuthKind::Digest ? QStringLiteral("--digest -u ") : QStringLiteral("-u ")) +
            shellQuote(spec.auth.username + QLatin1Char(':') + spec.auth.password));
    }
    if (!spec.settings.verifyTls) {
        lines.append(QStringLiteral("--insecure"));
    }
    if (spec.settings.followRedirects) {
        lines.append(QStringLiteral("--location --max-redirs %1").arg(spec.settings.maxRedirects));
    }
    if (spec.settings.timeoutMs > 0) {
        lines.append(QStringLiteral("--max-time %1").arg(spec.settings.timeoutMs / 1000.0));
    }
    if (spec.settings.http2PriorKnowledge) {
        lines.append(QStringLiteral("--http2-prior-knowledge"));
    }
    if (spec.settings.proxy.mode == ProxyMode::Manual) {
        lines.append(
            QStringLiteral("--proxy ") +
            shellQuote(
                QStringLiteral("http://%1:%2").arg(spec.settings.proxy.host).arg(spec.settings.proxy.port)));
        if (!spec.settings.proxy.user.isEmpty()) {
            lines.append(
                QStringLiteral("--proxy-user ") +
                shellQuote(spec.settings.proxy.user + QLatin1Char(':') + spec.settings.proxy.password));
        }
    } else if (spec.settings.proxy.mode == ProxyMode::None) {
        lines.append(QStringLiteral("--noproxy '*'"));
    }
    return lines.join(QStringLiteral(" \\\n  "));
}

QString toHttpie(const RequestSpec &spec)
{
    QStringList words = {QStringLiteral("http"), QStringLiteral("--ignore-stdin")};
    if (!spec.settings.verifyTls) {
        words.append(QStringLiteral("--verify=no"));
    }
    if (spec.settings.followRedirects) {
        words.append(QStringLiteral("--follow --max-redirects=%1").arg(spec.settings.maxRedirects));
    }
    if (spec.settings.timeoutMs > 0) {
        words.append(QStringLiteral("--timeout=%1").arg(spec.settings.timeoutMs / 1000.0));
    }
    if (spec.auth.kind == AuthKind::Basic || spec.auth.kind == AuthKind::Digest) {
        if (spec.auth.kind == AuthKind::Digest) {
            words.append(QStringLiteral("--auth-type=digest"));
        }
        words.append(QStringLiteral("--auth ") +
                     shellQuote(spec.auth.username + QLatin1Char(':') + spec.auth.password));
    }
    if (spec.body.kind == BodyKind::UrlEncoded) {
        words.append(QStringLiteral("--form"));
    } else if (spec.body.kind == BodyKind::Multipart) {
        words.append(QStringLiteral("--multipart"));
    } else if (spec.body.kind == BodyKind::Raw) {
        words.append(QStringLiteral("--raw ") + shellQuote(QString::fromUtf8(spec.body.raw)));
    }
    words.append(shellQuote(spec.method));
    words.append(shellQuote(effectiveUrl(spec)));
    const QList<KeyValue> headers = effectiveHeaders(spec, true);
    for (const KeyValue &header : headers) {
        words.append(shellQuote(header.name + QLatin1Char(':') + header.value));
    }
    if (spec.body.kind == BodyKind::Raw && !hasHeader(headers, QStringLiteral("Content-Type"))) {
        words.append(shellQuote(QStringLiteral("Content-Type:") + spec.body.contentType));
    }
    if (spec.body.kind == BodyKind::UrlEncoded) {
        for (const KeyValue &field : spec.body.form) {
            if (field.enabled) {
                words.append(shellQuote(field.name + QStringLiteral("==") + field.value)
                                 .replace(QStringLiteral("=="), QStringLiteral("=")));
            }
        }
    } else if (spec.body.kind == BodyKind::Multipart) {
        for (const MultipartPart &part : spec.body.parts) {
            if (part.enabled) {
                words.append(shellQuote(part.name + (part.isFile() ? QLatin1Char('@') + part.filePath
                                                                   : QLatin1Char('=') + part.value)));
            }
        }
    } else if (spec.body.kind == BodyKind::BinaryFile) {
        words.append(QStringLiteral("< ") + shellQuote(spec.body.filePath));
    }
    return words.join(QLatin1Char(' '));
}

QString toPythonRequests(const RequestSpec &spec)
{
    QStringList lines = {QStringLiteral("import requests")};
    if (spec.auth.kind == AuthKind::Digest) {
        lines.append(QStringLiteral("from requests.auth import HTTPDigestAuth"));
    }
    lines.append(QString());
    QStringList args = {jsonQuote(spec.method), jsonQuote(effectiveUrl(spec))};
    QList<KeyValue> headers = effectiveHeaders(spec, true);
    if (spec.body.kind == BodyKind::Raw && !hasHeader(headers, QStringLiteral("Content-Type")) &&
        !spec.body.contentType.isEmpty()) {
        headers.append(KeyValue{QStringLiteral("Content-Type"), spec.body.contentType, true});
    }
    if (!headers.isEmpty()) {
        args.append(
            QStringLiteral("headers={\n%1\n    }")
                .arg(quotedPairs(headers, QStringLiteral("        %1: %2,")).join(QLatin1Char('\n'))));
    }
    switch (spec.body.kind) {
    case BodyKind::Raw:
        args.append(QStringLiteral("data=%1.encode()").arg(jsonQuote(QString::fromUtf8(spec.body.raw))));
        break;
    case BodyKind::UrlEncoded: {
        args.append(
            QStringLiteral("data=[%1]")
                .arg(quotedPairs(spec.body.form, QStringLiteral("(%1, %2)")).join(QStringLiteral(", "))));
        break;
    }
    case BodyKind::Multipart: {
        QStringList files;
        for (const MultipartPart &part : spec.body.parts) {
            if (!part.enabled) {
                continue;
            }
            files.append(
                part.isFile()
                    ? QStringLiteral("(%1, open(%2, \"rb\"))")
                          .arg(jsonQuote(part.name), jsonQuote(part.filePath))
                    : QStringLiteral("(%1, (None, %2))").arg(jsonQuote(part.name), jsonQuote(part.value)));
        }
        args.append(QStringLiteral("files=[%1]").arg(files.join(QStringLiteral(", "))));
        break;
    }
    case BodyKind::BinaryFile:
        args.append(QStringLiteral("data=open(%1, \"rb\")").arg(jsonQuote(spec.body.filePath)));
        break;
    case BodyKind::None:
        break;
    }
    if (spec.auth.kind == AuthKind::Basic) {
        args.append(QStringLiteral("auth=(%1, %2)")
                        .arg(jsonQuote(spec.auth.username), jsonQuote(spec.auth.password)));
    } else if (spec.auth.kind == AuthKind::Digest) {
        args.append(QStringLiteral("auth=HTTPDigestAuth(%1, %2)")
                        .arg(jsonQuote(spec.auth.username), jsonQuote(spec.auth.password)));
    }
    if (!spec.settings.verifyTls) {
        args.append(QStringLiteral("verify=False"));
    }
    args.append(spec.settings.followRedirects ? QStringLiteral("allow_redirects=True")
                                              : QStringLiteral("allow_redirects=False"));
    if (spec.settings.timeoutMs > 0) {
        args.append(QStringLiteral("timeout=%1").arg(spec.settings.timeoutMs / 1000.0));
    }
    lines.append(
        QStringLiteral("response = requests.request(\n    %1,\n)").arg(args.join(QStringLiteral(",\n    "))));
    lines.append(QStringLiteral("print(response.status_code, response.text)"));
    return lines.join(QLatin1Char('\n'));
}

QString toFetch(const RequestSpec &spec)
{
    QStringList options = {QStringLiteral("method: %1").arg(jsonQuote(spec.method))};
    QList<KeyValue> headers = effectiveHeaders(spec, true);
    if ((spec.auth.kind == AuthKind::Basic) && !hasHeader(headers, QStringLiteral("Authorization"))) {
        headers.append(KeyValue{
            QStringLiteral("Authorization"),
            QStringLiteral("Basic ") +
                QString::fromLatin1(
                    (spec.auth.username + QLatin1Char(':') + spec.auth.password).toUtf8().toBase64()),
            true});
    }
    if (spec.body.kind == BodyKind::Raw && !hasHeader(headers, QStringLiteral("Content-Type")) &&
        !spec.body.contentType.isEmpty()) {
        headers.append(KeyValue{QStringLiteral("Content-Type"), spec.body.contentType, true});
    }
    if (!headers.isEmpty()) {
        options.append(QStringLiteral("headers: {\n%1\n  }")
                           .arg(quotedPairs(headers, QStringLiteral("    %1: %2,")).join(QLatin1Char('\n'))));
    }
    QString prelude;
    switch (spec.body.kind) {
    case BodyKind::Raw:
        options.append(QStringLiteral("body: %1").arg(jsonQuote(QString::fromUtf8(spec.body.raw))));
        break;
    case BodyKind::UrlEncoded: {
        options.append(
            QStringLiteral("body: new URLSearchParams([%1])")
                .arg(quotedPairs(spec.body.form, QStringLiteral("[%1, %2]")).join(QStringLiteral(", "))));
        break;
    }
    case BodyKind::Multipart: {
        QStringList appends = {QStringLiteral("const form = new FormData();")};
        for (const MultipartPart &part : spec.body.parts) {
            if (!part.enabled) {
                continue;
            }
            appends.append(part.isFile() ? QStringLiteral("form.append(%1, fileInput.files[0]); // %2")
                                               .arg(jsonQuote(part.name), part.filePath)
                                         : QStringLiteral("form.append(%1, %2);")
                                               .arg(jsonQuote(part.name), jsonQuote(part.value)));
        }
        prelude = appends.join(QLatin1Char('\n')) + QLatin1Char('\n');
        options.append(QStringLiteral("body: form"));
        break;
    }
    case BodyKind::BinaryFile:
        options.append(QStringLiteral("body: fileInput.files[0] // %1").arg(spec.body.filePath));
        break;
    case BodyKind::None:
        break;
    }
    options.append(spec.settings.followRedirects ? QStringLiteral("redirect: \"follow\"")
                                                 : QStringLiteral("redirect: \"manual\""));
    return prelude + QStringLiteral("const response = await fetch(%1, {\n  "
                                    "%2,\n});\nconsole.log(response.status, await response.text());")
                         .arg(jsonQuote(effectiveUrl(spec)), options.join(QStringLiteral(",\n  ")));
}

QList<CurlCommand> curlCommands(const HttpDocument &document, const VariableResolver &resolver,
                                QStringList *unresolved)
{
    VariableResolver own = resolver;
    own.requestVariables = document.fileVariables();
    QList<CurlCommand> commands;
    for (const HttpRequestBlock &block : document.requests()) {
        QStringList left;
        commands.append({block.name, toCurl(own.resolve(block.toSpec(), &left))});
        for (const QString &name : std::as_const(left)) {
            if (!unresolved->contains(name)) {
                unresolved->append(name);
            }
        }
    }
    return commands;
}

std::optional<QByteArray> toCurlScript(const QString &path, const VariableResolver &resolver,
                                       QStringList *unresolved, int *requests, QString *error)
{
    const QFileInfo info(path);
    QStringList files;
    QString base = info.absolutePath();
    if (info.isDir()) {
        base = info.absoluteFilePath();
        const Collection collection = Collection::scan(base);
        for (const CollectionFile &file : collection.files()) {
            files.append(file.path);
        }
    } else {
        files.append(info.fileName());
    }
    QByteArray script = "#!/bin/sh\n# Exported by ApiLens from " + info.fileName().toUtf8() + "\n";
    *requests = 0;
    for (const QString &relative : std::as_const(files)) {
        QFile file(QDir(base).filePath(relative));
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("%1: %2").arg(file.fileName(), file.errorString());
            return std::nullopt;
        }
        for (const CurlCommand &command :
             curlCommands(HttpDocument::parse(file.readAll()), resolver, unresolved)) {
            script += "\n# " + relative.toUtf8() +
                      (command.name.isEmpty() ? QByteArray() : " · " + command.name.toUtf8()) + '\n' +
                      command.command.toUtf8() + '\n';
            ++*requests;
        }
    }
    return script;
}

} // namespace ApiLens::Core
