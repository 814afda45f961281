#include "importer.h"

#include "collections/httpdocument.h"
#include "curl.h"
#include "insomnia.h"
#include "openapi.h"
#include "postman.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QUrl>

namespace ApiLens::Core {

QString safeFileName(QString name)
{
    name.replace(QRegularExpression(QStringLiteral("[/\\\\:*?\"<>|\\x00-\\x1f]")), QStringLiteral("_"));
    name = name.trimmed();
    return name.isEmpty() || name == QLatin1String(".") || name == QLatin1String("..")
               ? QStringLiteral("untitled")
               : name;
}

std::optional<QJsonDocument> parseJson(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error == QJsonParseError::NoError) {
        return document;
    }
    const QByteArray before = json.left(parseError.offset);
    *error = QStringLiteral("not valid JSON at line %1, column %2: %3")
                 .arg(before.count('\n') + 1)
                 .arg(parseError.offset - (before.lastIndexOf('\n') + 1) + 1)
                 .arg(parseError.errorString());
    return std::nullopt;
}

QString defaultRequestName(const RequestSpec &spec)
{
    const QString path = QUrl(spec.url).path();
    return spec.method + QLatin1Char(' ') + (path.isEmpty() ? QStringLiteral("/") : path);
}

QString detectFormat(const QByteArray &bytes, const QString &fileName)
{
    const QByteArray start = bytes.left(4096).trimmed();
    if (start.startsWith('{') && isInsomniaExport(bytes)) {
        return QStringLiteral("Insomnia export");
    }
    if (start.startsWith('{') && isPostmanCollection(bytes)) {
        return QStringLiteral("Postman collection");
    }
    if (isOpenApi(bytes)) {
        return QStringLiteral("OpenAPI");
    }
    if (fileName.endsWith(QLatin1String(".har"), Qt::CaseInsensitive) ||
        (start.startsWith('{') && start.left(200).contains("\"log\""))) {
        return QStringLiteral("HAR 1.2");
    }
    if (looksLikeCurl(QString::fromUtf8(start))) {
        return QStringLiteral("curl command");
    }
    return {};
}

ImportResult importAny(const QByteArray &bytes, const QString &fileName, const QString &baseDir)
{
    const QString format = detectFormat(bytes, fileName);
    if (format == QLatin1String("HAR 1.2")) {
        return importHar(bytes);
    }
    if (format == QLatin1String("Postman collection")) {
        return importPostman(bytes, baseDir);
    }
    if (format == QLatin1String("Insomnia export")) {
        return importInsomnia(bytes);
    }
    if (format == QLatin1String("OpenAPI")) {
        return importOpenApi(bytes);
    }
    ImportResult result;
    if (format.isEmpty()) {
        result.error =
            QStringLiteral("%1 is not a Postman collection, Insomnia export, OpenAPI description, HAR "
                           "file or curl command, the formats this version imports")
                .arg(fileName);
        return result;
    }
    const CurlImport imported = parseCurl(QString::fromUtf8(bytes), baseDir);
    if (!imported.ok()) {
        result.error = imported.error;
        return result;
    }
    result.requests.append(
        {QStringLiteral("requests.http"), defaultRequestName(imported.spec), imported.spec, {}, {}, {}, {}});
    result.warnings = imported.unknownOptions + forHttpFile(imported.spec).lost;
    return result;
}

} // namespace ApiLens::Core
