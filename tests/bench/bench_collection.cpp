// Opening a large collection: 500 .http files of 10 requests each (5,000 requests), read
// and parsed as `apilens-cli run` does before sending. Figures only; no assertions.
#include "collections/collectionrunner.h"
#include "collections/httpdocument.h"
#include "http/httpclient.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <cstdio>

using namespace ApiLens::Core;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int files = 500;
    const int perFile = 10;
    // --write DIR: only write the collection there (for the GUI figure in run.sh).
    const bool writeOnly = argc == 3 && qstrcmp(argv[1], "--write") == 0;
    QTemporaryDir temporary;
    struct Folder
    {
        QString root;
        QString filePath(const QString &name) const { return root + QLatin1Char('/') + name; }
        QString path() const { return root; }
    } dir{writeOnly ? QString::fromLocal8Bit(argv[2]) : temporary.path()};
    QDir().mkpath(dir.path());
    qint64 bytes = 0;
    for (int f = 0; f < files; ++f) {
        QByteArray text = "@base = {{host}}/v1/area" + QByteArray::number(f) + "\n\n";
        for (int r = 0; r < perFile; ++r) {
            text +=
                "### request " + QByteArray::number(r) + "\n# @name r" + QByteArray::number(f) + "_" +
                QByteArray::number(r) + "\nPOST {{base}}/items/" + QByteArray::number(r) +
                "\n    ?expand=owner\n    &limit=20\n" +
                "Content-Type: application/json\nAuthorization: Bearer {{token}}\nX-Trace: {{$uuid}}\n\n" +
                "{\n  \"name\": \"item " + QByteArray::number(r) +
                "\",\n  \"tags\": [\"a\", \"b\"],\n  \"count\": " + QByteArray::number(r) +
                "\n}\n\n?? status == 201\n?? body $.id exists\n\n";
        }
        const QString sub = dir.filePath(QStringLiteral("group%1").arg(f % 25));
        QDir().mkpath(sub);
        QFile file(sub + QStringLiteral("/file%1.http").arg(f));
        file.open(QIODevice::WriteOnly);
        file.write(text);
        bytes += text.size();
    }
    QFile env(dir.filePath(QStringLiteral("http-client.env.json")));
    env.open(QIODevice::WriteOnly);
    env.write(R"({"dev": {"host": "http://127.0.0.1:9", "token": "t"}})");
    env.close();
    if (writeOnly) {
        return 0;
    }

    QElapsedTimer timer;
    timer.start();
    int requests = 0;
    QDir root(dir.path());
    for (const QString &group : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        for (const QString &name : QDir(root.filePath(group)).entryList({QStringLiteral("*.http")})) {
            QFile file(root.filePath(group + QLatin1Char('/') + name));
            file.open(QIODevice::ReadOnly);
            requests += int(HttpDocument::parse(file.readAll()).requests().size());
        }
    }
    std::printf("%-34s %8lld ms (%d requests in %d files, %.1f MB)\n", "read + parse every file",
                timer.elapsed(), requests, files, double(bytes) / (1024 * 1024));
    HttpClient client;
    CollectionRunner runner(&client);
    RunOptions options;
    options.environment = QStringLiteral("dev");
    QStringList errors;
    timer.restart();
    runner.prepare(dir.path(), options, &errors);
    std::printf("%-34s %8lld ms (what `apilens-cli run` does before the first request)\n",
                "prepare a run of the folder", timer.elapsed());
    return 0;
}
