#pragma once

// What the fuzz targets share: the input as Qt types, split in parts, and a check that
// aborts with a message (libFuzzer then saves the input as a crash).

#include <QByteArray>
#include <QList>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace ApiLens::Fuzz {

inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
}

// The input cut at the first `count - 1` NUL bytes into `count` parts (missing ones empty):
// one input can carry, say, a public and a private environment file.
inline QList<QByteArray> parts(const QByteArray &input, int count)
{
    QList<QByteArray> result;
    qsizetype from = 0;
    for (int i = 0; i < count - 1; ++i) {
        const qsizetype nul = input.indexOf('\0', from);
        if (nul < 0)
            break;
        result.append(input.mid(from, nul - from));
        from = nul + 1;
    }
    result.append(input.mid(from));
    while (result.size() < count)
        result.append(QByteArray());
    return result;
}

// An invariant the target states; when it does not hold, the input is a finding.
inline void require(bool holds, const char *what)
{
    if (holds)
        return;
    std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
    std::abort();
}

} // namespace ApiLens::Fuzz
