#include "requestspec.h"

#include <QStringList>

namespace ApiLens::Core {

QStringList standardMethods()
{
    return {QStringLiteral("GET"),     QStringLiteral("POST"),   QStringLiteral("PUT"),
            QStringLiteral("PATCH"),   QStringLiteral("DELETE"), QStringLiteral("HEAD"),
            QStringLiteral("OPTIONS"), QStringLiteral("TRACE")};
}

bool isValidMethod(const QString &method)
{
    if (method.isEmpty()) {
        return false;
    }
    static const QString extra = QStringLiteral("!#$%&'*+-.^_`|~");
    for (const QChar c : method) {
        const bool ok = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                        (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
                        (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || extra.contains(c);
        if (!ok) {
            return false;
        }
    }
    return true;
}

} // namespace ApiLens::Core
