#pragma once

#include "http/exchange.h"

#include <QString>

namespace ApiLens::Core {

struct AssertionResult
{
    enum class Outcome { Passed, Failed, NotRun };
    QString assertion;
    Outcome outcome = Outcome::NotRun;
    QString message; // what was found when it failed, or why it was not run
};

// Evaluates one httpyac assertion line (the text after "??") against an exchange:
//   status == 200 · header content-type includes json · body $.id exists ·
//   body $.name == Ada · body contains "ok" · duration < 500
// Operators: == != < <= > >= includes contains startsWith endsWith matches exists isTrue isFalse.
// Script assertions ("js ...") are never run and report NotRun. Pure.
AssertionResult evaluateAssertion(const QString &assertion, const Exchange &exchange);

} // namespace ApiLens::Core
