#pragma once

#include "errors/errorreport.h"
#include "exchange.h"

#include <QJsonObject>

namespace ApiLens::Core {

// The `send --json` record of the CLI contract:
// {status, status_class, reason, headers, body_size, timings_ms, error, transport_error}.
// `error` is the normalized error record of the response (`report`), null when there is no
// response or it is not an error; transport failures are in `transport_error` as
// {kind, message}, null when a response came back.
QJsonObject exchangeToJson(const Exchange &exchange, const ErrorReport *report = nullptr);

} // namespace ApiLens::Core
