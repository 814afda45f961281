#pragma once

#include <QTest>

namespace ApiLens::Test {

// CI sets CI=true: there, setup must have installed every peer the tests compare with.
inline bool inCi()
{
    const QString ci = qEnvironmentVariable("CI").toLower();
    return ci == QLatin1String("true") || ci == QLatin1String("1");
}

} // namespace ApiLens::Test

// A test that needs a real peer (curl, httpbin, nghttpd, httpyac, newman…) skips without it on
// a developer's machine, saying what to install, and fails in CI, where it must never be
// skipped silently.
#define APILENS_REQUIRE_PEER(available, message)                                                             \
    do {                                                                                                     \
        if (!(available)) {                                                                                  \
            if (ApiLens::Test::inCi()) {                                                                     \
                QFAIL(message " (CI=true: the peer must be installed)");                                     \
            }                                                                                                \
            QSKIP(message);                                                                                  \
        }                                                                                                    \
    } while (false)
