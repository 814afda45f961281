#pragma once

// What JSON:API, GraphQL and Netilion share: a top-level `errors` array of objects.

#include "readers.h"

namespace ApiLens::Core::Errors::Readers {

// The first item of a non-empty `errors` array of objects; empty when there is none.
inline QJsonObject firstError(const QJsonObject &o)
{
    const QJsonArray errors = o.value(QStringLiteral("errors")).toArray();
    return errors.isEmpty() ? QJsonObject() : errors.first().toObject();
}

// GraphQL's marks: locations, path or extensions on an error, or data beside the errors.
inline bool hasGraphqlMarks(const QJsonObject &o)
{
    const QJsonObject first = firstError(o);
    return first.contains(QStringLiteral("locations")) || first.contains(QStringLiteral("path")) ||
           first.contains(QStringLiteral("extensions")) || o.contains(QStringLiteral("data"));
}

} // namespace ApiLens::Core::Errors::Readers
