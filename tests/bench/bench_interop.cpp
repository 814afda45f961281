// Importing large files: a Postman collection of 2,000 requests in 100 folders, a HAR capture
// of 2,000 entries and an OpenAPI 3.0 description in YAML of about 1 MB (2,150 operations), read
// and written out as a collection folder. Figures only. With --save-openapi FILE the YAML is
// also written there, so run.sh can time a peer reading the same file.
#include "interop/har.h"
#include "interop/openapi.h"
#include "interop/postman.h"
#include "interop/yamlreader.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <cstdio>

using namespace ApiLens::Core;

namespace {

QByteArray postmanCollection(int folders, int perFolder)
{
    QByteArrayList items;
    for (int f = 0; f < folders; ++f) {
        QByteArrayList requests;
        for (int r = 0; r < perFolder; ++r) {
            const QByteArray path = "area" + QByteArray::number(f) + "/items/" + QByteArray::number(r);
            requests.append(
                R"({"name": "Request )" + QByteArray::number(f) + '.' + QByteArray::number(r) +
                R"(", "event": [{"listen": "test", "script": {"exec": ["pm.test('ok', () => pm.response.to.have.status(200));"]}}],
                   "request": {"method": ")" +
                QByteArray(r % 2 ? "POST" : "GET") +
                R"(", "header": [{"key": "Accept", "value": "application/json"}],
                   "url": {"raw": "{{baseUrl}}/)" +
                path + R"(?limit=20", "host": ["{{baseUrl}}"], "path": ["area", "items"],
                           "query": [{"key": "limit", "value": "20"}]},
                   "body": {"mode": "raw", "raw": "{\n  \"name\": \"item )" +
                QByteArray::number(r) + R"(\"\n}", "options": {"raw": {"language": "json"}}}}})");
        }
        items.append(R"({"name": "Folder )" + QByteArray::number(f) + R"(", "item": [)" + requests.join(',') +
                     "]}");
    }
    return R"({"info": {"name": "Big", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
              "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{token}}"}]},
              "variable": [{"key": "baseUrl", "value": "http://127.0.0.1:9"}],
              "item": [)" +
           items.join(',') + "]}";
}

QByteArray har(int entries)
{
    QJsonArray list;
    for (int i = 0; i < entries; ++i) {
        list.append(QJsonObject{
            {QStringLiteral("request"),
             QJsonObject{{QStringLiteral("method"), QStringLiteral("POST")},
                         {QStringLiteral("url"),
                          QStringLiteral("https://host%1.example.test/v1/items/%2?x=1").arg(i % 20).arg(i)},
                         {QStringLiteral("headers"),
                          QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("Accept")},
                                                 {QStringLiteral("value"), QStringLiteral("*/*")}}}},
                         {QStringLiteral("postData"),
                          QJsonObject{{QStringLiteral("mimeType"), QStringLiteral("application/json")},
                                      {QStringLiteral("text"), QStringLiteral("{\"n\": %1}").arg(i)}}}}}});
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("log"),
                                      QJsonObject{{QStringLiteral("version"), QStringLiteral("1.2")},
                                                  {QStringLiteral("entries"), list}}}})
        .toJson(QJsonDocument::Compact);
}

// 430 resources, each a collection path (GET list, POST) and an item path (GET, PUT, DELETE),
// with parameters, a body by $ref, documented error responses; 50 schemas; 20 tags.
QByteArray openApiYaml(int resources)
{
    QByteArray yaml = "openapi: 3.0.3\ninfo:\n  title: Big API\n  version: '1.0'\n"
                      "servers:\n  - url: https://api.example.test/v1\n    description: Production\n"
                      "  - url: http://127.0.0.1:9/v1\n    description: Local\n"
                      "security:\n  - bearer: []\ntags:\n";
    for (int t = 0; t < 20; ++t) {
        yaml += "  - name: area" + QByteArray::number(t) + "\n    description: Resources of area " +
                QByteArray::number(t) + "\n";
    }
    yaml += "paths:\n";
    for (int r = 0; r < resources; ++r) {
        const QByteArray n = QByteArray::number(r);
        const QByteArray tag = "area" + QByteArray::number(r % 20);
        const QByteArray schema = "Item" + QByteArray::number(r % 50);
        yaml += "  /" + tag + "/things" + n +
                ":\n"
                "    get:\n      tags: [" +
                tag + "]\n      summary: List things " + n +
                "\n"
                "      operationId: listThings" +
                n +
                "\n"
                "      description: |\n        Lists the things of resource " +
                n +
                ", newest first.\n"
                "        Pages are cursor based.\n"
                "      parameters:\n"
                "        - {name: limit, in: query, required: true, schema: {type: integer, default: 20, "
                "maximum: 100}}\n"
                "        - {name: cursor, in: query, description: Where the last page ended, schema: {type: "
                "string}}\n"
                "        - {name: q, in: query, schema: {type: string}, example: red}\n"
                "      responses:\n"
                "        '200':\n          description: The things.\n          content:\n"
                "            application/json:\n              schema:\n                type: array\n"
                "                items: {$ref: '#/components/schemas/" +
                schema +
                "'}\n"
                "        '400': {$ref: '#/components/responses/Problem'}\n"
                "        '401': {description: The token is missing or expired.}\n"
                "        '429':\n          description: Too many requests; wait for Retry-After.\n"
                "          headers:\n            Retry-After: {schema: {type: integer}}\n"
                "    post:\n      tags: [" +
                tag + "]\n      summary: Create a thing " + n +
                "\n"
                "      requestBody:\n        required: true\n        content:\n          application/json:\n"
                "            schema: {$ref: '#/components/schemas/" +
                schema +
                "'}\n"
                "      responses:\n        '201': {description: Created.}\n"
                "        '409': {description: A thing with this name exists.}\n"
                "        '422': {$ref: '#/components/responses/Problem'}\n"
                "  /" +
                tag + "/things" + n +
                "/{id}:\n"
                "    parameters:\n      - {name: id, in: path, required: true, schema: {type: integer, "
                "example: 7}}\n"
                "    get:\n      tags: [" +
                tag + "]\n      summary: Get a thing " + n +
                "\n"
                "      parameters:\n        - {name: X-Request-ID, in: header, schema: {type: string, "
                "format: uuid}}\n"
                "      responses:\n        '200':\n          description: The thing.\n          content:\n"
                "            application/json: {schema: {$ref: '#/components/schemas/" +
                schema +
                "'}}\n"
                "        '404': {description: No thing has this id.}\n"
                "    put:\n      tags: [" +
                tag + "]\n      summary: Replace a thing " + n +
                "\n"
                "      requestBody:\n        content:\n          application/json:\n"
                "            schema: {$ref: '#/components/schemas/" +
                schema +
                "'}\n"
                "      responses:\n        '200': {description: Replaced.}\n"
                "        '412': {description: The thing changed since you read it.}\n"
                "    delete:\n      tags: [" +
                tag + "]\n      summary: Delete a thing " + n +
                "\n"
                "      responses:\n        '204': {description: Deleted.}\n"
                "        default: {$ref: '#/components/responses/Problem'}\n";
    }
    yaml += "components:\n  securitySchemes:\n    bearer: {type: http, scheme: bearer}\n"
            "  responses:\n    Problem:\n      description: A problem (RFC 9457).\n      content:\n"
            "        application/problem+json:\n          schema: {$ref: '#/components/schemas/Problem'}\n"
            "  schemas:\n    Problem:\n      type: object\n      properties:\n"
            "        type: {type: string}\n        title: {type: string}\n        detail: {type: string}\n";
    for (int s = 0; s < 50; ++s) {
        yaml += "    Item" + QByteArray::number(s) +
                ":\n      type: object\n      required: [name]\n"
                "      properties:\n        id: {type: integer, readOnly: true}\n"
                "        name: {type: string, example: Thing}\n        price: {type: number, example: 9.5}\n"
                "        colour: {type: string, enum: [red, green, blue]}\n"
                "        created: {type: string, format: date-time, readOnly: true}\n"
                "        tags: {type: array, items: {type: string}}\n"
                "        owner: {type: object, properties: {id: {type: integer}, email: {type: string, "
                "format: email}}}\n";
    }
    return yaml;
}

void measure(const char *label, const QByteArray &input, ImportResult (*import)(const QByteArray &))
{
    QElapsedTimer timer;
    timer.start();
    const ImportResult result = import(input);
    const double parsed = double(timer.nsecsElapsed()) / 1e6;
    QTemporaryDir dir;
    QStringList written;
    QString error;
    timer.restart();
    writeImport(dir.path(), result, &written, &error);
    const double wrote = double(timer.nsecsElapsed()) / 1e6;
    std::printf("%-28s %5lld requests, %.1f MB: read %7.1f ms, write %zd files %7.1f ms, total %7.1f ms\n",
                label, qlonglong(result.requests.size()), double(input.size()) / (1024 * 1024), parsed,
                size_t(written.size()), wrote, parsed + wrote);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    measure("Postman v2.1, 100 folders", postmanCollection(100, 20),
            [](const QByteArray &json) { return importPostman(json); });
    measure("HAR 1.2, 20 hosts", har(2000), &importHar);
    const QByteArray yaml = openApiYaml(430);
    QElapsedTimer timer;
    timer.start();
    QString error;
    const bool read = parseYaml(yaml, &error).has_value();
    std::printf("%-28s %.2f MB: YAML to JSON values %7.1f ms%s\n", "OpenAPI 3.0 YAML, reading",
                double(yaml.size()) / (1024 * 1024), double(timer.nsecsElapsed()) / 1e6,
                read ? "" : " (failed)");
    measure("OpenAPI 3.0 YAML, 20 tags", yaml, &importOpenApi);
    const QStringList arguments = app.arguments();
    const qsizetype save = arguments.indexOf(QStringLiteral("--save-openapi"));
    if (save > 0 && save + 1 < arguments.size()) {
        QFile file(arguments[save + 1]);
        if (!file.open(QIODevice::WriteOnly) || file.write(yaml) != yaml.size()) {
            return 1;
        }
    }
    return 0;
}
