#pragma once

#include <QByteArray>
#include <QString>

#include <functional>
#include <memory>
#include <vector>

namespace ApiLens::Core {

// Undoes a response's Content-Encoding as the body streams in: gzip and deflate (zlib),
// br (Brotli), zstd, and any chain of them ("gzip, br" is undone br first). Output goes to a
// sink in pieces of at most 64 KB, so a small body that expands enormously (a "zip bomb")
// never sits in memory: the sink refuses the piece that crosses its limit and decoding stops.
class ContentDecoder
{
public:
    // Takes one piece of decoded output; false stops decoding (the body is too large).
    using Sink = std::function<bool(const char *data, qsizetype size)>;

    // The decoder for a Content-Encoding value; null when there is nothing to undo, or when a
    // coding is not one we know (then `unsupported` names it and the body stays as sent).
    static std::unique_ptr<ContentDecoder> forEncoding(const QByteArray &contentEncoding,
                                                       QString *unsupported = nullptr);
    // The codings ApiLens can undo, for Accept-Encoding.
    static QByteArray acceptEncoding();

    ~ContentDecoder();
    ContentDecoder(const ContentDecoder &) = delete;
    ContentDecoder &operator=(const ContentDecoder &) = delete;

    // False when the data is corrupt (error() says how) or the sink stopped (stopped()).
    bool write(const char *data, qsizetype size, const Sink &sink);
    // The body ended: false when the encoded stream was cut short.
    bool finish(const Sink &sink);
    bool stopped() const { return m_stopped; }
    QString error() const { return m_error; }
    QByteArray codings() const { return m_codings; }

    class Stage;

private:
    ContentDecoder() = default;
    bool run(std::size_t stage, const char *data, qsizetype size, const Sink &sink);

    std::vector<std::unique_ptr<Stage>> m_stages; // in the order they are undone
    QByteArray m_codings;
    QString m_error;
    bool m_stopped = false;
};

} // namespace ApiLens::Core
