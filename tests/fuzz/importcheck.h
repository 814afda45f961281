#pragma once

// What every importer's result must allow: each request written into a .http file as
// writeImport writes it, and read back as that one request with its method.

#include "fuzzinput.h"

#include "collections/httpdocument.h"
#include "interop/importresult.h"

namespace ApiLens::Fuzz {

inline void checkImport(const Core::ImportResult &result)
{
    QByteArray text;
    for (const Core::ImportedRequest &request : result.requests) {
        const QByteArray block = Core::importedBlock(request, request.name, QStringLiteral("/fuzz"));
        const QList<Core::HttpRequestBlock> reread = Core::HttpDocument::parse(block).requests();
        if (reread.size() != 1 || reread.first().method != request.spec.method.trimmed())
            std::fprintf(stderr, "imported as %s, read back as %lld requests from:\n%s\n",
                         request.spec.method.toUtf8().constData(), static_cast<long long>(reread.size()),
                         block.constData());
        require(reread.size() == 1, "every imported request reads back as one");
        require(reread.first().method == request.spec.method.trimmed(), "with its method");
        text += block + '\n';
    }
    const Core::HttpDocument whole = Core::HttpDocument::parse(text);
    require(whole.requests().size() == result.requests.size(), "the requests of one file read back");
}

} // namespace ApiLens::Fuzz
