#pragma once

#include "http/requestspec.h"

#include <QList>
#include <QString>

#include <optional>

namespace ApiLens::Core {

// A file a request's body reads: a "< ./file" body, a "< ./file" line in a multipart body as
// a .http file writes it, or a multipart file part.
struct BodyFile
{
    QString written;  // as the request names it
    QString absolute; // resolved
};

// Whether a raw body is multipart text as a .http file holds it (its Content-Type says so).
bool isMultipartText(const RequestSpec &spec);

// Every file `spec` reads, relative paths resolved against `baseDir` (the .http file's folder,
// or the collection folder for a request that is in none).
QList<BodyFile> bodyFiles(const RequestSpec &spec, const QString &baseDir);

// The files of `files` outside `folder` once symbolic links are followed: a link inside the
// collection to ~/.ssh/id_rsa is outside. A shared collection must not read such a file
// without its user's yes (the GUI asks once per file; `apilens-cli run` wants
// --allow-outside-files). `absolute` of each becomes the file it really is.
QList<BodyFile> filesOutside(const QList<BodyFile> &files, const QString &folder);

// Makes `spec` sendable on its own: each file path absolute, and multipart text expanded as
// the JetBrains client and httpyac send it: its lines joined by CRLF, each "< ./file" line
// replaced by that file's bytes. False, with the file and the reason, when one cannot be read.
bool inlineBodyFiles(RequestSpec *spec, const QString &baseDir, QString *error);

// The parts of multipart text as a .http file holds it (the boundary from its Content-Type): a
// part whose content is one "< path" line is a file part. nullopt when it is not multipart text.
std::optional<QList<MultipartPart>> multipartTextParts(const RequestSpec &spec);

} // namespace ApiLens::Core
