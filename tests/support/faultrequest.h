#pragma once

#include "faultcases.h"

#include "http/requestspec.h"

namespace ApiLens::Test {

// The request a fault case sends, as the core, the CLI's tests and the window's type it: its
// timeout and TLS verification, HTTP/2 with prior knowledge for the HTTP/2 server, and for the
// redirect to another origin the credentials that must not follow it. For tests that link
// the core (the support library does not).
inline Core::RequestSpec faultRequest(const FaultCase &fault, const QString &url)
{
    Core::RequestSpec spec;
    spec.url = url;
    spec.settings.timeoutMs = fault.timeoutMs;
    spec.settings.verifyTls = fault.verifyTls;
    spec.settings.http2PriorKnowledge = fault.server == FaultCase::Server::Http2;
    if (fault.server == FaultCase::Server::CrossHost) {
        spec.headers = {{QStringLiteral("Authorization"), QStringLiteral("Bearer secret-token"), true},
                        {QStringLiteral("Cookie"), QStringLiteral("user=1"), true}};
    }
    return spec;
}

} // namespace ApiLens::Test
