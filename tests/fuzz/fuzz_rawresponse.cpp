// A pasted raw response (`apilens-cli inspect`, the inspector's paste): parsed, then read by the
// error analysis and explained by the built-in catalog.

#include "fuzzinput.h"

#include "catalog/catalog.h"
#include "errors/erroranalyzer.h"
#include "errors/rawresponse.h"

using namespace ApiLens;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const Core::Catalog catalog = [] {
        Core::Catalog c;
        QStringList errors;
        Fuzz::require(c.loadBuiltin(&errors), "the built-in catalog loads");
        return c;
    }();
    Core::RawResponse response;
    QString error;
    if (!Core::parseRawResponse(Fuzz::bytes(data, size), &response, &error)) {
        Fuzz::require(!error.isEmpty(), "a refused response says why");
        return 0;
    }
    const Core::ErrorReport report =
        Core::analyzeError(response.status, response.headers, response.body,
                           QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC));
    Fuzz::require(!report.format.isEmpty(), "every report names a format");
    (void)report.toJson();
    (void)catalog.explain(report);
    return 0;
}
