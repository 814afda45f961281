// The OpenAPI importer (JSON or YAML) on a file a stranger could send.

#include "importcheck.h"

#include "interop/openapi.h"

using namespace ApiLens;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Fuzz::checkImport(Core::importOpenApi(Fuzz::bytes(data, size)));
    return 0;
}
