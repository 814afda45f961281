// The HAR importer on a file a stranger could send.

#include "importcheck.h"

#include "interop/har.h"

using namespace ApiLens;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Fuzz::checkImport(Core::importHar(Fuzz::bytes(data, size)));
    return 0;
}
