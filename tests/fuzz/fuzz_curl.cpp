// A pasted curl command or script. Files it names are read from nowhere (an empty reader),
// so the target never touches the file system.

#include "fuzzinput.h"

#include "interop/curl.h"

using namespace ApiLens;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(Fuzz::bytes(data, size));
    const Core::CurlFileReader noFiles = [](const QString &) -> std::optional<QByteArray> {
        return QByteArray("file");
    };
    (void)Core::looksLikeCurl(text);
    const Core::CurlImport one = Core::parseCurl(text, QStringLiteral("/fuzz"), noFiles);
    Fuzz::require(one.ok() || !one.error.isEmpty(), "a refused command says why");
    QString error;
    (void)Core::parseCurlScript(text, QStringLiteral("/fuzz"), &error, noFiles);
    return 0;
}
