// Importing large files: a Postman collection of 2,000 requests in 100 folders, and a HAR
// capture of 2,000 entries, read and written out as a collection folder. Figures only.
#include "interop/har.h"
#include "interop/postman.h"

#include <QCoreApplication>
#include <QElapsedTimer>
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
    measure("Postman v2.1, 100 folders", postmanCollection(100, 20), &importPostman);
    measure("HAR 1.2, 20 hosts", har(2000), &importHar);
    return 0;
}
