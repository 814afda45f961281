#pragma once

#include "requestspec.h"

#include <QJsonObject>

namespace ApiLens::Core {

// A RequestSpec as JSON and back, with every field (the session journal keeps open tabs in it,
// the history keeps each request as the user wrote it). Unknown or missing keys read as their
// defaults, so an older or newer file still reads.
QJsonObject requestSpecToJson(const RequestSpec &spec);
RequestSpec requestSpecFromJson(const QJsonObject &json);

// The spec with the secrets it holds in clear taken out (passwords, tokens, API key values and
// the values of secret-looking headers), {{variables}} kept: for what is stored, such as the
// history.
RequestSpec withoutSecrets(const RequestSpec &spec);

} // namespace ApiLens::Core
