// What the body viewer's core costs on a large JSON body, beside the naive path (QJsonDocument
// parse + toJson(Indented), one big string): time and peak memory of each, in one run.
// Figures only; no assertions.
#include "http/bodyformatter.h"
#include "http/lineindex.h"
#include "http/textfind.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QRandomGenerator>

#include <cstdio>
#include <sys/resource.h>

using namespace ApiLens::Core;

namespace {

long peakRssKb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

QByteArray records(qint64 bytes)
{
    QByteArray out = "[";
    for (int i = 0; out.size() < bytes; ++i) {
        out += "{\"id\":" + QByteArray::number(i) + ",\"name\":\"item " + QByteArray::number(i) +
               "\",\"price\":" + QByteArray::number(i % 997) +
               ".5,\"tags\":[\"a\",\"b\",\"c\"],\"meta\":{\"ok\":true}},";
    }
    out += "{\"id\":-1,\"name\":\"the last record\"}]";
    return out;
}

} // namespace

int main(int argc, char *argv[])
{
    const qint64 mb = argc > 1 ? QByteArray(argv[1]).toLongLong() : 100;
    const QByteArray body = records(mb * 1024 * 1024);
    const long base = peakRssKb();
    std::printf("body: %.1f MB of minified JSON; RSS with it %.1f MB\n", body.size() / 1048576.0,
                base / 1024.0);

    // Streaming: indent in 1 MB pieces into one buffer, index its lines as it grows.
    QElapsedTimer timer;
    timer.start();
    JsonIndenter indenter;
    LineIndex index;
    QByteArray pretty;
    pretty.reserve(body.size() * 2);
    for (qsizetype at = 0; at < body.size(); at += 1 << 20) {
        const qsizetype before = pretty.size();
        indenter.feed(QByteArrayView(body).sliced(at, qMin<qsizetype>(1 << 20, body.size() - at)), &pretty);
        index.append(QByteArrayView(pretty).sliced(before));
    }
    const qsizetype before = pretty.size();
    indenter.finish(&pretty);
    index.append(QByteArrayView(pretty).sliced(before));
    const double streamMs = timer.nsecsElapsed() / 1e6;
    timer.restart();
    qint64 bytes = 0;
    for (int i = 0; i < 10000; ++i) {
        bytes += index.line(QRandomGenerator::global()->bounded(index.lineCount()), pretty).length;
    }
    const double lookupUs = timer.nsecsElapsed() / 1e3 / 10000;
    timer.restart();
    const qsizetype found = QByteArrayView(pretty).indexOf(QByteArrayView("the last record"));
    const double findMs = timer.nsecsElapsed() / 1e6;
    timer.restart();
    const FindResult any = findAll(pretty, {QStringLiteral("THE LAST RECORD"), false, false, false});
    const double findAnyMs = timer.nsecsElapsed() / 1e6;
    timer.restart();
    const FindResult regex = findAll(pretty, {QStringLiteral("item 59999\\d"), true, false, true});
    const double regexMs = timer.nsecsElapsed() / 1e6;
    std::printf("find (Core::findAll): any case %.0f ms (%lld match), regular expression line by line %.0f "
                "ms (%lld matches)\n",
                findAnyMs, any.count, regexMs, regex.count);
    const long streamPeak = peakRssKb();
    std::printf("ApiLens (JsonIndenter + LineIndex) %8.0f ms  %.1f MB pretty, %lld lines, index %.2f MB; "
                "a random line in %.1f us; the last record found in %.1f ms (at %lld); peak RSS %.1f MB\n",
                streamMs, pretty.size() / 1048576.0, index.lineCount(),
                double(index.lineCount()) / LineIndex::Stride * 8 / 1048576.0, lookupUs, findMs,
                qint64(found), streamPeak / 1024.0);
    pretty = QByteArray();

    timer.restart();
    const QJsonDocument document = QJsonDocument::fromJson(body);
    const QString naive = QString::fromUtf8(document.toJson(QJsonDocument::Indented));
    const double naiveMs = timer.nsecsElapsed() / 1e6;
    std::printf("naive (QJsonDocument + one QString)  %8.0f ms  %lld characters; peak RSS %.1f MB\n", naiveMs,
                qint64(naive.size()), peakRssKb() / 1024.0);
    std::printf(
        "ratio naive / ApiLens: %.1fx the time; added peak memory %.0f MB vs %.0f MB (%lld bytes read)\n",
        naiveMs / streamMs, (peakRssKb() - streamPeak) / 1024.0, (streamPeak - base) / 1024.0, bytes);
    return 0;
}
