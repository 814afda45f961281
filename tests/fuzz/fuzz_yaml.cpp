// The YAML reader (libyaml) that OpenAPI descriptions go through.

#include "fuzzinput.h"

#include "interop/yamlreader.h"

using namespace ApiLens;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QString error;
    QStringList order;
    const std::optional<QJsonValue> value =
        Core::parseYaml(Fuzz::bytes(data, size), &error, QStringLiteral("paths"), &order);
    Fuzz::require(value.has_value() || !error.isEmpty(), "a refused document says why");
    return 0;
}
