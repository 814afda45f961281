#pragma once

#include "errors/errorreport.h"
#include "exchange.h"

#include <QJsonArray>
#include <QJsonObject>

namespace ApiLens::Core {

// The `send --json` record of the CLI contract:
// {status, status_class, reason, headers, body_size, timings_ms, error, transport_error, sent}.
// `error` is the normalized error record of the response (`report`), null when there is no
// response or it is not an error; transport failures are in `transport_error` as
// {kind, message}, null when a response came back.
// `sent` lists every request as it went out (see sentRequestsJson).
QJsonObject exchangeToJson(const Exchange &exchange, const ErrorReport *report = nullptr);
// Each request of the exchange as written, in order: {method, url, target, http_version
// (null when it never reached the wire), headers: [[name, value]…], body_size, via?}, the
// earlier ones (redirects, challenges) with the `response` {status, reason, headers} they got.
QJsonArray sentRequestsJson(const Exchange &exchange);

} // namespace ApiLens::Core
