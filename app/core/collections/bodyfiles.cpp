#include "bodyfiles.h"

#include "util/fileutil.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

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

QList<BodyFile> filesOutside(const QList<BodyFile> &files, const QString &folder)
{
    const auto real = [](const QString &path) {
        const QString canonical = QFileInfo(path).canonicalFilePath(); // empty when it does not exist
        return canonical.isEmpty() ? QDir::cleanPath(QFileInfo(path).absoluteFilePath()) : canonical;
    };
    const QString root = real(folder);
    QList<BodyFile> outside;
    for (const BodyFile &file : files) {
        const QString path = real(file.absolute);
        if (!path.startsWith(root + QLatin1Char('/'))) {
            outside.append({file.written, path});
        }
    }
    return outside;
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

namespace {

// A parameter of a header value: name="x" or name=x.
QString headerParameter(const QString &value, const QString &name)
{
    const QRegularExpression pattern(QStringLiteral("(?:^|;)\\s*%1=(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^;]*))")
                                         .arg(QRegularExpression::escape(name)),
                                     QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(value);
    if (!match.hasMatch()) {
        return {};
    }
    return match.capturedStart(1) >= 0 ? match.captured(1) : match.captured(2).trimmed();
}

} // namespace

std::optional<QList<MultipartPart>> multipartTextParts(const RequestSpec &spec)
{
    const QString boundary = headerParameter(contentTypeOf(spec), QStringLiteral("boundary"));
    if (!isMultipartText(spec) || boundary.isEmpty()) {
        return std::nullopt;
    }
    const QByteArray delimiter = "--" + boundary.toUtf8();
    QList<MultipartPart> parts;
    MultipartPart *part = nullptr;
    bool inHeaders = false;
    QByteArrayList content;
    const auto close = [&] {
        if (part) {
            const QByteArray text = content.join('\n');
            const QString file = content.size() == 1 ? fileLine(content.first()) : QString();
            if (!file.isEmpty()) {
                part->filePath = file;
            } else {
                part->value = QString::fromUtf8(text);
            }
        }
        content.clear();
    };
    for (QByteArray line : spec.body.raw.split('\n')) {
        if (line.endsWith('\r')) {
            line.chop(1);
        }
        if (line == delimiter || line == delimiter + "--") {
            close();
            if (line != delimiter) {
                return parts;
            }
            parts.append(MultipartPart());
            part = &parts.last();
            inHeaders = true;
            continue;
        }
        if (!part) {
            continue; // the preamble before the first boundary
        }
        if (inHeaders) {
            if (line.trimmed().isEmpty()) {
                inHeaders = false;
                continue;
            }
            const QString header = QString::fromUtf8(line);
            const QString name = header.section(QLatin1Char(':'), 0, 0).trimmed();
            const QString value = header.section(QLatin1Char(':'), 1).trimmed();
            if (name.compare(QLatin1String("Content-Disposition"), Qt::CaseInsensitive) == 0) {
                part->name = headerParameter(value, QStringLiteral("name"));
                part->fileName = headerParameter(value, QStringLiteral("filename"));
            } else if (name.compare(QLatin1String("Content-Type"), Qt::CaseInsensitive) == 0) {
                part->contentType = value;
            }
            continue;
        }
        content.append(line);
    }
    close();
    return parts;
}

} // namespace ApiLens::Core
