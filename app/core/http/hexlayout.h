#pragma once

#include <QByteArrayView>
#include <QString>

namespace ApiLens::Core {

// The rows of a hex dump, one rule for every place that shows one: the offset, 16 bytes in
// hex (a gap after the eighth) and the same bytes as ASCII ('.' for the rest):
//   00000010  7b 22 69 64 22 3a 20 31  2c 20 22 6e 61 6d 65 22  {"id": 1, "name"
// The offset is as wide as the largest one (at least 8 digits), so every row of a dump has
// the same columns.
class HexLayout
{
public:
    static constexpr int RowBytes = 16;
    explicit HexLayout(qint64 totalBytes = 0);

    qint64 rowCount(qint64 totalBytes) const { return (totalBytes + RowBytes - 1) / RowBytes; }
    // Row `offset / RowBytes` of a dump: `bytes` are its (up to 16) bytes.
    QString row(QByteArrayView bytes, qint64 offset) const;
    int width() const { return asciiColumn(RowBytes); }
    // Where byte `i` (0..15) of a row is shown: its two hex digits, and its ASCII character.
    int hexColumn(int i) const { return m_offsetDigits + 2 + 3 * i + (i >= 8 ? 1 : 0); }
    int asciiColumn(int i) const { return m_offsetDigits + 2 + 3 * RowBytes + 2 + i; }
    // The byte (0..16) a column of a row stands for: the one under or after it, in either part.
    int byteAtColumn(int column) const;

private:
    int m_offsetDigits = 8;
};

} // namespace ApiLens::Core
