#pragma once

#include <QByteArrayView>
#include <QList>
#include <QString>

#include <atomic>
#include <functional>

namespace ApiLens::Core {

// What to look for in a body: plain text (case folded for ASCII letters unless matchCase),
// whole words only, or a regular expression (PCRE, matched line by line).
struct FindQuery
{
    QString text;
    bool matchCase = false;
    bool wholeWord = false;
    bool regex = false;
};

struct FindMatch
{
    qint64 offset = 0; // in bytes
    qint64 length = 0;
};

struct FindResult
{
    QList<FindMatch> matches; // in order, at most MaxKept
    qint64 count = 0;         // all of them, also past MaxKept
    QString error;            // an invalid regular expression
    bool cancelled = false;
    static constexpr qsizetype MaxKept = 1000000;
};

// Every match of `query` in `text`, for a worker: `cancel` is polled, `first` (when set)
// hears of the first match as soon as it is found, before counting goes on, and `done`
// after each piece of how far the search has read. A regular expression is matched line by
// line ('^' and '$' at each line).
FindResult findAll(QByteArrayView text, const FindQuery &query, const std::atomic_bool *cancel = nullptr,
                   const std::function<void(FindMatch)> &first = {},
                   const std::function<void(qint64 bytesRead)> &done = {});

} // namespace ApiLens::Core
