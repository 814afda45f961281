// {{variable}} resolution: the input is "name=value" lines (the request's and the
// environment's variables, which may refer to each other and to dynamic variables), a NUL,
// then the text to resolve.

#include "fuzzinput.h"

#include "collections/variables.h"

using namespace ApiLens;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QList<QByteArray> input = Fuzz::parts(Fuzz::bytes(data, size), 2);
    Core::VariableResolver resolver;
    int line = 0;
    for (const QByteArray &assignment : input[0].split('\n')) {
        const qsizetype equals = assignment.indexOf('=');
        if (equals <= 0)
            continue;
        const QString name = QString::fromUtf8(assignment.left(equals));
        const QString value = QString::fromUtf8(assignment.mid(equals + 1));
        switch (line++ % 3) {
        case 0:
            resolver.requestVariables.insert(name, value);
            break;
        case 1:
            resolver.privateEnvironment.insert(name, value);
            break;
        default:
            resolver.publicEnvironment.insert(name, value);
            break;
        }
    }
    resolver.responses = [](const QString &) -> const Core::Exchange * {
        return nullptr;
    };
    QStringList unresolved;
    const QString text = QString::fromUtf8(input[1]);
    const QString resolved = resolver.resolve(text, &unresolved);
    // Each {{…}} becomes at most one value, and each value is bounded.
    Fuzz::require(resolved.size() <= text.size() * (Core::VariableResolver::MaxValueChars + 1) + 64,
                  "resolution stays bounded");
    (void)Core::VariableResolver::isScriptExpression(text);
    return 0;
}
