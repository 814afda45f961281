#include "bodyfiles.h"

#include "util/fileutil.h"

#include <QDir>

namespace ApiLens::Core {

namespace {

QString contentTypeOf(const RequestSpec &spec)
{
    for (const KeyValue &header : spec.headers) {
        if (header.enabled &&
            header.name.trimmed().compare(QLatin1String("Content-Type"), Qt::CaseInsensitive) == 0) {
            return header.value;
        }
    }
    return spec.body.contentType;
}

// "< ./file" or "<@ ./file" (variables in the file are resolved elsewhere); null otherwise.
QString fileLine(const QByteArray &line)
{
    const QByteArray trimmed = line.trimmed();
    if (trimmed.startsWith("<@ ")) {
        return QString::fromUtf8(trimmed.mid(3).trimmed());
    }
    if (trimmed.startsWith("< ")) {
        return QString::fromUtf8(trimmed.mid(2).trimmed());
    }
    return {};
}

QString resolved(const QString &baseDir, const QString &path)
{
    return QDir::cleanPath(QDir(baseDir).absoluteFilePath(path));
}

} // namespace

bool isMultipartText(const RequestSpec &spec)
{
    return spec.body.kind == BodyKind::Raw &&
           contentTypeOf(spec).trimmed().startsWith(QLatin1String("multipart/"), Qt::CaseInsensitive);
}

QList<BodyFile> bodyFiles(const RequestSpec &spec, const QString &baseDir)
{
    QList<BodyFile> files;
    switch (spec.body.kind) {
    case BodyKind::BinaryFile:
        if (!spec.body.filePath.isEmpty()) {
            files.append({spec.body.filePath, resolved(baseDir, spec.body.filePath)});
        }
        break;
    case BodyKind::Multipart:
        for (const MultipartPart &part : spec.body.parts) {
            if (part.enabled && part.isFile()) {
                files.append({part.filePath, resolved(baseDir, part.filePath)});
            }
        }
        break;
    case BodyKind::Raw:
        if (isMultipartText(spec)) {
            for (const QByteArray &line : spec.body.raw.split('\n')) {
                if (const QString path = fileLine(line); !path.isEmpty()) {
                    files.append({path, resolved(baseDir, path)});
                }
            }
        }
        break;
    case BodyKind::None:
    case BodyKind::UrlEncoded:
        break;
    }
    return files;
}

bool inlineBodyFiles(RequestSpec *spec, const QString &baseDir, QString *error)
{
    RequestBody &body = spec->body;
    if (body.kind == BodyKind::BinaryFile && !body.filePath.isEmpty()) {
        body.filePath = resolved(baseDir, body.filePath);
    }
    for (MultipartPart &part : body.parts) {
        if (part.isFile()) {
            part.filePath = resolved(baseDir, part.filePath);
        }
    }
    if (!isMultipartText(*spec)) {
        return true;
    }
    QByteArrayList lines = body.raw.split('\n');
    while (!lines.isEmpty() && lines.last().trimmed().isEmpty()) {
        lines.removeLast(); // the body ends with its closing boundary, as httpyac sends it
    }
    for (QByteArray &line : lines) {
        if (line.endsWith('\r')) {
            line.chop(1);
        }
        if (const QString path = fileLine(line); !path.isEmpty()) {
            QString problem;
            const std::optional<QByteArray> bytes = readFile(resolved(baseDir, path), &problem);
            if (!bytes) {
                *error = QStringLiteral("The multipart body names %1, which cannot be read: %2")
                             .arg(path, problem);
                return false;
            }
            line = *bytes;
        }
    }
    body.raw = lines.join("\r\n");
    return true;
}

} // namespace ApiLens::Core
