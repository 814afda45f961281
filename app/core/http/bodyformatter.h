#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include "responsebody.h"

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

// Pretty text for a body: JSON, XML and HTML re-indented (JSON keeps its key order and exact
// tokens, and malformed JSON is still indented as far as it goes), binary as a hex dump.
// Pure and thread-safe; meant for a worker thread. `cancel` is polled.
FormattedBody formatBody(const QByteArray &bytes, const QByteArray &contentType,
                         qint64 maxBytes = 8 * 1024 * 1024, const std::atomic_bool *cancel = nullptr);

// Where a JSON scanner is: inside a string (with its escapes) or between tokens.
struct JsonStringState
{
    bool inString = false;
    bool escaped = false;
    // Takes a character inside a string: its closing quote ends it.
    void inside(char c)
    {
        if (escaped) {
            escaped = false;
        } else if (c == '\\') {
            escaped = true;
        } else if (c == '"') {
            inString = false;
        }
    }
};

// Indents JSON as it streams in: feed() takes the text in pieces of any size (split anywhere)
// and appends the indented text so far; finish() ends it. The output is the same whatever the
// pieces: two spaces a level, keys and tokens as written, empty containers on one line.
// Levels past MaxIndentLevels are indented as that one: JSON nested 100,000 deep would
// otherwise need 10^10 bytes of spaces.
class JsonIndenter
{
public:
    static constexpr int MaxIndentLevels = 64;
    void feed(QByteArrayView in, QByteArray *out);
    void finish(QByteArray *out);

private:
    int m_depth = 0;
    JsonStringState m_state;
    char m_pendingOpen = 0; // '{' or '[' just written: is the container empty?
};

// The whole text indented (JsonIndenter), in 1 MB pieces; `cancel` is polled between them.
QString indentJson(const QByteArray &json, const std::atomic_bool *cancel = nullptr);

// How much of a binary body a hex dump shows.
constexpr qint64 HexDumpLimitBytes = 1024 * 1024;

// The Pretty text of a whole body, of any size, for the viewer: JSON indented as it streams
// (spilled to a file past `memoryBytes`, as bodies are), XML and HTML up to 16 MB indented;
// any other body as it is (the same bytes, no copy; `reformatted` false).
struct PrettyBody
{
    ResponseBody text;
    ContentKind kind = ContentKind::Empty;
    bool reformatted = false;
    bool cancelled = false;
};
PrettyBody prettyBody(const ResponseBody &body, const QByteArray &contentType, qint64 memoryBytes = 64 << 20,
                      const std::atomic_bool *cancel = nullptr);
// JSON without the whitespace between its tokens, keys and tokens as written.
QByteArray compactJson(const QByteArray &json);
QString hexDump(const QByteArray &bytes);

} // namespace ApiLens::Core
