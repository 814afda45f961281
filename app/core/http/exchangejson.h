#pragma once

#include "exchange.h"

#include <QJsonObject>

namespace ApiLens::Core {

// The `send --json` record of the CLI contract:
// {status, status_class, reason, headers, body_size, timings_ms, error, transport_error}.
// `error` is the parsed error report (null until a parser reads the body); transport
// failures are in `transport_error` as {kind, message}, null when a response came back.
QJsonObject exchangeToJson(const Exchange &exchange);

} // namespace ApiLens::Core
