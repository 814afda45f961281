// A .http file: parse -> write gives back the same bytes, and each request reads into a
// request spec that can be written as a new block and read again.

#include "fuzzinput.h"

#include "collections/httpdocument.h"

using namespace ApiLens;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = Fuzz::bytes(data, size);
    const Core::HttpDocument document = Core::HttpDocument::parse(input);
    Fuzz::require(document.serialize() == input, "parse -> serialize gives the same bytes");
    (void)document.fileVariables();
    Core::HttpDocument written;
    const QList<Core::HttpRequestBlock> requests = document.requests();
    for (const Core::HttpRequestBlock &block : requests) {
        const Core::RequestSpec spec = block.toSpec();
        written.appendRequest(block.name, spec);
    }
    const Core::HttpDocument reread = Core::HttpDocument::parse(written.serialize());
    Fuzz::require(reread.serialize() == written.serialize(), "a written document reads back losslessly");
    Fuzz::require(reread.requests().size() == requests.size(), "every written request reads back as one");
    return 0;
}
