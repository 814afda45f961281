#pragma once

#include <QString>

namespace ApiLens::Core {

// The class of an HTTP response. The core names the class; the UI decides how it looks.
enum class StatusClass {
    None, // no response at all (transport error)
    Informational,
    Success,
    Redirection,
    ClientError,
    ServerError,
};

// Any code 100-599 maps by its first digit, registered or not (522 -> ServerError).
StatusClass statusClassOf(int statusCode);

// "Success", "Client error", ... and "No response" for None.
QString statusClassName(StatusClass statusClass);

// "2xx", "4xx", ... and "—" for None.
QString statusClassLabel(StatusClass statusClass);

// Short machine id used in JSON output: "2xx" or "none".
QString statusClassId(StatusClass statusClass);

// The standard reason phrase of a registered code, empty when unknown. HTTP/2 responses
// carry no reason phrase, so views fall back to this.
QString standardReasonPhrase(int statusCode);

} // namespace ApiLens::Core
