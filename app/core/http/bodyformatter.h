#pragma once

#include <QByteArray>
#include <QString>

#include <atomic>

namespace ApiLens::Core {

enum class ContentKind { Empty, Json, Xml, Html, Text, Binary };

// Decides from the Content-Type and a sample of the bytes (servers mislabel bodies).
ContentKind detectContentKind(const QByteArray &contentType, const QByteArray &sample);

struct FormattedBody
{
    ContentKind kind = ContentKind::Empty;
    QString text;
    bool truncated = false;   // only the first maxBytes were formatted
    bool reformatted = false; // indentation was added
    bool cancelled = false;
};

// Pretty text for a body: JSON and XML re-indented (JSON keeps its key order and exact
// tokens, and malformed JSON is still indented as far as it goes), binary as a hex dump.
// Pure and thread-safe; meant for a worker thread. `cancel` is polled.
FormattedBody formatBody(const QByteArray &bytes, const QByteArray &contentType,
                         qint64 maxBytes = 8 * 1024 * 1024, const std::atomic_bool *cancel = nullptr);

QString indentJson(const QByteArray &json, const std::atomic_bool *cancel = nullptr);
// JSON without the whitespace between its tokens, keys and tokens as written.
QByteArray compactJson(const QByteArray &json);
QString hexDump(const QByteArray &bytes);

} // namespace ApiLens::Core
