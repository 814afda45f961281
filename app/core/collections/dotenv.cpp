#include "dotenv.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

namespace ApiLens::Core {

QHash<QString, QString> parseDotenv(const QByteArray &text)
{
    // The dotenv package's own line grammar: key, '=' or ':', then a quoted or a bare value.
    static const QRegularExpression line(QStringLiteral(
        "(?:^|\\n)\\s*(?:export\\s+)?([\\w.-]+)(?:\\s*=\\s*?|:\\s+?)(\\s*'(?:\\\\'|[^'])*'|\\s*\"(?:"
        "\\\\\"|[^\"])*\"|\\s*`(?:\\\\`|[^`])*`|[^#\\r\\n]+)?\\s*(?:#.*)?(?=\\r?\\n|$)"));
    QHash<QString, QString> variables;
    QString source = QString::fromUtf8(text);
    source.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    QRegularExpressionMatchIterator it = line.globalMatch(source);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        QString value = match.captured(2).trimmed();
        const QChar quote = value.isEmpty() ? QChar() : value.front();
        if (value.size() >= 2 &&
            (quote == QLatin1Char('\'') || quote == QLatin1Char('"') || quote == QLatin1Char('`')) &&
            value.back() == quote) {
            value = value.mid(1, value.size() - 2);
            if (quote == QLatin1Char('"')) {
                value.replace(QLatin1String("\\n"), QLatin1String("\n"))
                    .replace(QLatin1String("\\r"), QLatin1String("\r"));
            }
        }
        variables.insert(match.captured(1), value);
    }
    return variables;
}

QHash<QString, QString> readDotenv(const QString &folder, const QString &fileName)
{
    QFile file(QDir(folder).filePath(fileName));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return parseDotenv(file.readAll());
}

} // namespace ApiLens::Core
