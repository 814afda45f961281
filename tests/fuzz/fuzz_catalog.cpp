// A catalog document (the user's folder, a collection's apilens-catalog.json, an OpenAPI
// import's responses): loaded, then asked about the statuses and codes it may describe.

#include "fuzzinput.h"

#include "catalog/catalog.h"

using namespace ApiLens;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Core::Catalog catalog;
    QStringList errors;
    const bool loaded = catalog.loadData(Fuzz::bytes(data, size), QStringLiteral("fuzz.json"), &errors);
    Fuzz::require(loaded || !errors.isEmpty(), "a refused catalog says why");
    for (const int status : {200, 400, 404, 429, 500, 599}) {
        Core::ErrorReport report;
        report.status = status;
        report.format = QStringLiteral("json");
        report.code = QStringLiteral("E1");
        (void)catalog.explain(report);
        (void)catalog.status(status);
    }
    for (const Core::VendorProfile *vendor : catalog.vendors())
        (void)catalog.vendor(vendor->id);
    (void)catalog.operation(QStringLiteral("GET"), QUrl(QStringLiteral("https://api.example.com/items/1")));
    return 0;
}
