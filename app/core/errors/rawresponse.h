#pragma once

#include "http/exchange.h"

#include <QByteArray>
#include <QString>

namespace ApiLens::Core {

// A response saved as text: status line, headers, blank line, body (LF or CRLF head; the
// body is kept byte for byte).
struct RawResponse
{
    QByteArray version;
    int status = 0;
    QByteArray reason;
    HeaderList headers;
    QByteArray body;
};

// Pure. On failure returns false and says what is wrong and on which line.
bool parseRawResponse(const QByteArray &data, RawResponse *response, QString *error);

} // namespace ApiLens::Core
