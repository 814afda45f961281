#include "hexlayout.h"

#include <algorithm>

namespace ApiLens::Core {

HexLayout::HexLayout(qint64 totalBytes)
{
    const qint64 last = std::max<qint64>(0, totalBytes - 1);
    m_offsetDigits = std::max(8, int(QString::number(last, 16).size()));
}

QString HexLayout::row(QByteArrayView bytes, qint64 offset) const
{
    static constexpr char Digits[] = "0123456789abcdef";
    QString out(width(), QLatin1Char(' '));
    QChar *data = out.data();
    for (int i = m_offsetDigits - 1; i >= 0; --i, offset >>= 4) {
        data[i] = QLatin1Char(Digits[offset & 0xf]);
    }
    const int count = int(std::min<qsizetype>(bytes.size(), RowBytes));
    for (int i = 0; i < count; ++i) {
        const auto byte = uchar(bytes[i]);
        data[hexColumn(i)] = QLatin1Char(Digits[byte >> 4]);
        data[hexColumn(i) + 1] = QLatin1Char(Digits[byte & 0xf]);
        data[asciiColumn(i)] = byte >= 0x20 && byte < 0x7f ? QLatin1Char(char(byte)) : QLatin1Char('.');
    }
    out.truncate(asciiColumn(count)); // a short last row ends after its last character
    return out;
}

int HexLayout::byteAtColumn(int column) const
{
    if (column >= asciiColumn(0)) {
        return std::min(RowBytes, column - asciiColumn(0));
    }
    for (int i = 0; i < RowBytes; ++i) {
        if (column < hexColumn(i) + 2) {
            return i;
        }
    }
    return RowBytes;
}

} // namespace ApiLens::Core
