#pragma once

#include <QChar>
#include <QHash>
#include <QString>

namespace ApiLens::Core::CurlOptions {

// The curl options the importer reads, as curl's own manual names them.
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

// Every long option (without "--") with what it does and whether it takes a value.
const QHash<QString, OptionInfo> &longOptions();
// The one-letter options and the long option each stands for.
const QHash<QChar, QString> &shortOptions();

} // namespace ApiLens::Core::CurlOptions
