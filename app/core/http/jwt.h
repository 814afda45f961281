#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace ApiLens::Core {

// The claims of a JSON Web Token (its payload, RFC 7519 §7.2), read without verifying the
// signature; nullopt when `token` is not three base64url parts with a JSON object between.
std::optional<QJsonObject> jwtClaims(const QString &token);

// httpyac's "# @jwt [names]": a JSON object body where each top-level string member that is a
// JWT (every one, or those named) gains a sibling NAME_parsed holding its claims, so that
// scripts and later requests can read {{login.access_token_parsed.sub}}. Other bodies give
// nullopt.
std::optional<QByteArray> withJwtClaims(const QByteArray &body, const QStringList &names = {});

} // namespace ApiLens::Core
