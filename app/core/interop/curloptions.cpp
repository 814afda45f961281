#include "curloptions.h"

namespace ApiLens::Core::CurlOptions {

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

// The media type curl gives a file part it is not told one for (lib/mime.c).

} // namespace ApiLens::Core::CurlOptions
