#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

namespace ApiLens::Core {

// The variables of a .env file as the dotenv package reads them (httpyac, the REST Client):
// "KEY=value" lines, an optional "export ", '#' comments, values in single, double or back
// quotes (double quotes turn \n into a line break and may span lines), unquoted values up to
// an inline " #" comment, trimmed.
QHash<QString, QString> parseDotenv(const QByteArray &text);

// The variables of `folder`/`fileName`; empty when there is no such file.
QHash<QString, QString> readDotenv(const QString &folder, const QString &fileName = QStringLiteral(".env"));

} // namespace ApiLens::Core
