#include "statusclass.h"

namespace ApiLens::Core {

StatusClass statusClassOf(int statusCode)
{
    if (statusCode < 100 || statusCode > 599) {
        return StatusClass::None;
    }
    switch (statusCode / 100) {
    case 1:
        return StatusClass::Informational;
    case 2:
        return StatusClass::Success;
    case 3:
        return StatusClass::Redirection;
    case 4:
        return StatusClass::ClientError;
    default:
        return StatusClass::ServerError;
    }
}

QString statusClassName(StatusClass statusClass)
{
    switch (statusClass) {
    case StatusClass::Informational:
        return QStringLiteral("Informational");
    case StatusClass::Success:
        return QStringLiteral("Success");
    case StatusClass::Redirection:
        return QStringLiteral("Redirection");
    case StatusClass::ClientError:
        return QStringLiteral("Client error");
    case StatusClass::ServerError:
        return QStringLiteral("Server error");
    case StatusClass::None:
        break;
    }
    return QStringLiteral("No response");
}

QString statusClassLabel(StatusClass statusClass)
{
    switch (statusClass) {
    case StatusClass::Informational:
        return QStringLiteral("1xx");
    case StatusClass::Success:
        return QStringLiteral("2xx");
    case StatusClass::Redirection:
        return QStringLiteral("3xx");
    case StatusClass::ClientError:
        return QStringLiteral("4xx");
    case StatusClass::ServerError:
        return QStringLiteral("5xx");
    case StatusClass::None:
        break;
    }
    return QStringLiteral("—");
}

QString statusClassId(StatusClass statusClass)
{
    return statusClass == StatusClass::None ? QStringLiteral("none") : statusClassLabel(statusClass);
}

QString standardReasonPhrase(int statusCode)
{
    struct Entry
    {
        int code;
        const char *phrase;
    };
    // RFC 9110 and the other registered codes; the full catalog with descriptions is data
    // (resources/catalog), this is only the fallback for responses without a reason phrase.
    static constexpr Entry table[] = {
        {100, "Continue"},
        {101, "Switching Protocols"},
        {102, "Processing"},
        {103, "Early Hints"},
        {104, "Upload Resumption Supported"},
        {200, "OK"},
        {201, "Created"},
        {202, "Accepted"},
        {203, "Non-Authoritative Information"},
        {204, "No Content"},
        {205, "Reset Content"},
        {206, "Partial Content"},
        {207, "Multi-Status"},
        {208, "Already Reported"},
        {226, "IM Used"},
        {300, "Multiple Choices"},
        {301, "Moved Permanently"},
        {302, "Found"},
        {303, "See Other"},
        {304, "Not Modified"},
        {305, "Use Proxy"},
        {307, "Temporary Redirect"},
        {308, "Permanent Redirect"},
        {400, "Bad Request"},
        {401, "Unauthorized"},
        {402, "Payment Required"},
        {403, "Forbidden"},
        {404, "Not Found"},
        {405, "Method Not Allowed"},
        {406, "Not Acceptable"},
        {407, "Proxy Authentication Required"},
        {408, "Request Timeout"},
        {409, "Conflict"},
        {410, "Gone"},
        {411, "Length Required"},
        {412, "Precondition Failed"},
        {413, "Content Too Large"},
        {414, "URI Too Long"},
        {415, "Unsupported Media Type"},
        {416, "Range Not Satisfiable"},
        {417, "Expectation Failed"},
        {418, "(Unused)"},
        {421, "Misdirected Request"},
        {422, "Unprocessable Content"},
        {423, "Locked"},
        {424, "Failed Dependency"},
        {425, "Too Early"},
        {426, "Upgrade Required"},
        {428, "Precondition Required"},
        {429, "Too Many Requests"},
        {431, "Request Header Fields Too Large"},
        {451, "Unavailable For Legal Reasons"},
        {500, "Internal Server Error"},
        {501, "Not Implemented"},
        {502, "Bad Gateway"},
        {503, "Service Unavailable"},
        {504, "Gateway Timeout"},
        {505, "HTTP Version Not Supported"},
        {506, "Variant Also Negotiates"},
        {507, "Insufficient Storage"},
        {508, "Loop Detected"},
        {510, "Not Extended (OBSOLETED)"},
        {511, "Network Authentication Required"},
    };
    for (const Entry &entry : table) {
        if (entry.code == statusCode) {
            return QString::fromLatin1(entry.phrase);
        }
    }
    return {};
}

} // namespace ApiLens::Core
