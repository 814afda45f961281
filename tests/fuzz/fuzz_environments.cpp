// The environment files of a collection: http-client.env.json, NUL,
// http-client.private.env.json, NUL, a .env file.

#include "fuzzinput.h"

#include "collections/dotenv.h"
#include "collections/variables.h"

using namespace ApiLens;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QList<QByteArray> input = Fuzz::parts(Fuzz::bytes(data, size), 3);
    QStringList errors;
    const Core::Environments environments = Core::Environments::fromJson(input[0], input[1], &errors);
    for (const QString &name : environments.names()) {
        const QHash<QString, QString> values = environments.publicVariables(name);
        const QHash<QString, QString> secrets = environments.privateVariables(name);
        for (auto it = secrets.cbegin(); it != secrets.cend(); ++it)
            (void)environments.isSecret(name, it.key());
        (void)values;
    }
    const QHash<QString, QString> dotenv = Core::parseDotenv(input[2]);
    for (auto it = dotenv.cbegin(); it != dotenv.cend(); ++it)
        Fuzz::require(!it.key().isEmpty(), "a .env variable has a name");
    return 0;
}
