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
    return importCurl(QString::fromUtf8(bytes), baseDir);
}

// The import as read; the public function checks that a .http file can hold it.
static ImportResult readCurl(const QString &text, const QString &workingDirectory, const QString &name);

ImportResult importCurl(const QString &text, const QString &workingDirectory, const QString &name)
{
    ImportResult result = readCurl(text, workingDirectory, name);
    keepWritable(&result);
    return result;
}

ImportResult readCurl(const QString &text, const QString &workingDirectory, const QString &name)
{
    ImportResult result;
    QString error;
    const QList<CurlImport> commands = parseCurlScript(text, workingDirectory, &error);
    if (commands.isEmpty()) {
        result.error = error;
        return result;
    }
    for (const CurlImport &imported : commands) {
        const QString where =
            commands.size() > 1 ? QStringLiteral("line %1: ").arg(imported.line) : QString();
        if (!imported.ok()) {
            if (commands.size() == 1) {
                result.error = imported.error;
                return result;
            }
            result.warnings.append(where + imported.error);
            continue;
        }
        ImportedRequest request;
        request.file = QStringLiteral("requests.http");
        request.name = !name.isEmpty() && commands.size() == 1 ? name : defaultRequestName(imported.spec);
        request.spec = imported.spec;
        result.requests.append(request);
        for (const QString &warning :
             imported.unknownOptions + imported.notes + forHttpFile(imported.spec).lost) {
            result.warnings.append(where + warning);
        }
    }
    if (result.requests.isEmpty()) {
        result.error = QStringLiteral("no curl command in the text could be imported");
    }
    return result;
}

} // namespace ApiLens::Core
