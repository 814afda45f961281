#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

namespace ApiLens::Core {

// The first document of a YAML stream as JSON values (OpenAPI and other API descriptions are
// written in the JSON-compatible part of YAML). Plain scalars are read by the YAML 1.2 core
// schema (null, true/false, numbers; the rest is text), quoted ones are text, mapping keys are
// always text ("200:" is the key "200"). Anchors, aliases and merge keys ("<<") are expanded.
// Nullopt with "not valid YAML at line L, column C: reason" when it cannot be read, also when it
// nests deeper than 1,000 levels or its aliases expand to more than 2,000,000 values.
// QJsonObject sorts its keys; `keyOrder` (when given) gets the keys of the root mapping's
// `orderedKey` mapping in the order they are written (an OpenAPI document's paths).
std::optional<QJsonValue> parseYaml(const QByteArray &yaml, QString *error, const QString &orderedKey = {},
                                    QStringList *keyOrder = nullptr);

} // namespace ApiLens::Core
