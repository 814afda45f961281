#pragma once

// Helpers of the importer tests (header-only: those tests link apilens_core).

#include "interop/importresult.h"

#include <QFile>

namespace ApiLens::Test {

// A file's bytes; empty when it cannot be read (the test's own checks then fail).
inline QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The imported request with this name; null when there is none.
inline const Core::ImportedRequest *findImported(const Core::ImportResult &result, const QString &name)
{
    for (const Core::ImportedRequest &request : result.requests) {
        if (request.name == name) {
            return &request;
        }
    }
    return nullptr;
}

} // namespace ApiLens::Test
