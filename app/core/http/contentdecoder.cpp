#include "contentdecoder.h"

#include <QByteArrayList>

#include <brotli/decode.h>
#include <zlib.h>
#include <zstd.h>

#include <array>

namespace ApiLens::Core {

namespace {

constexpr std::size_t PieceSize = 64 * 1024;
using Emit = std::function<bool(const char *, qsizetype)>;

} // namespace

class ContentDecoder::Stage
{
public:
    virtual ~Stage() = default;
    // Decodes `size` bytes; each piece of output goes to `emit`, and a false from it stops.
    virtual bool process(const char *data, qsizetype size, const Emit &emit, QString *error) = 0;
    // The body ended: the encoded stream must have ended too.
    virtual bool finish(const Emit &emit, QString *error) = 0;
};

namespace {

// gzip (one member or several) and deflate, which servers send with the zlib wrapper it
// names or, often, as a raw deflate stream: the first two bytes tell which.
class ZlibStage : public ContentDecoder::Stage
{
public:
    explicit ZlibStage(bool gzip)
        : m_gzip(gzip)
    {}
    ~ZlibStage() override
    {
        if (m_initialized) {
            inflateEnd(&m_z);
        }
    }

    bool process(const char *data, qsizetype size, const Emit &emit, QString *error) override
    {
        if (!m_initialized) {
            m_prefix.append(data, size);
            if (!m_gzip && m_prefix.size() < 2) {
                return true;
            }
            const auto cmf = quint8(m_prefix.at(0));
            const bool zlibHeader =
                m_prefix.size() >= 2 && (cmf & 0x0f) == 8 && ((cmf << 8) | quint8(m_prefix.at(1))) % 31 == 0;
            inflateInit2(&m_z, m_gzip ? 15 + 32 : (zlibHeader ? 15 : -15));
            m_initialized = true;
            const QByteArray prefix = std::exchange(m_prefix, {});
            return inflateSome(prefix.constData(), prefix.size(), emit, error);
        }
        return inflateSome(data, size, emit, error);
    }

    bool finish(const Emit &emit, QString *error) override
    {
        if (!m_initialized && !m_prefix.isEmpty() && !process(nullptr, 0, emit, error)) {
            return false;
        }
        if (!m_initialized && m_prefix.isEmpty()) {
            return true; // an empty body
        }
        if (!m_ended) {
            *error = QStringLiteral("the %1 stream of the body ended early").arg(name());
            return false;
        }
        return true;
    }

private:
    QString name() const { return m_gzip ? QStringLiteral("gzip") : QStringLiteral("deflate"); }

    bool inflateSome(const char *data, qsizetype size, const Emit &emit, QString *error)
    {
        m_z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data));
        m_z.avail_in = uInt(size);
        std::array<char, PieceSize> out;
        while (m_z.avail_in > 0) {
            if (m_ended) {
                // Another gzip member follows; anything else after the end is ignored.
                if (!m_gzip || m_z.avail_in < 2 || m_z.next_in[0] != 0x1f || m_z.next_in[1] != 0x8b) {
                    return true;
                }
                inflateReset(&m_z);
                m_ended = false;
            }
            m_z.next_out = reinterpret_cast<Bytef *>(out.data());
            m_z.avail_out = uInt(out.size());
            const int result = inflate(&m_z, Z_NO_FLUSH);
            if (result == Z_DATA_ERROR || result == Z_NEED_DICT || result == Z_MEM_ERROR ||
                result == Z_STREAM_ERROR) {
                *error = QStringLiteral("the %1 body is corrupt (%2)")
                             .arg(name(), QString::fromLatin1(m_z.msg ? m_z.msg : "bad data"));
                return false;
            }
            const qsizetype produced = qsizetype(out.size() - m_z.avail_out);
            if (produced > 0 && !emit(out.data(), produced)) {
                return false;
            }
            if (result == Z_STREAM_END) {
                m_ended = true;
            } else if (result == Z_BUF_ERROR && produced == 0) {
                break;
            }
        }
        // Output may still be pending when the last call filled the buffer.
        while (!m_ended && m_z.avail_out == 0) {
            m_z.next_out = reinterpret_cast<Bytef *>(out.data());
            m_z.avail_out = uInt(out.size());
            const int result = inflate(&m_z, Z_NO_FLUSH);
            const qsizetype produced = qsizetype(out.size() - m_z.avail_out);
            if (produced > 0 && !emit(out.data(), produced)) {
                return false;
            }
            m_ended = result == Z_STREAM_END;
            if (result != Z_OK) {
                break;
            }
        }
        return true;
    }

    z_stream m_z{};
    bool m_gzip;
    bool m_initialized = false;
    bool m_ended = false;
    QByteArray m_prefix;
};

class BrotliStage : public ContentDecoder::Stage
{
public:
    BrotliStage()
        : m_state(BrotliDecoderCreateInstance(nullptr, nullptr, nullptr))
    {}
    ~BrotliStage() override { BrotliDecoderDestroyInstance(m_state); }

    bool process(const char *data, qsizetype size, const Emit &emit, QString *error) override
    {
        m_seenInput = m_seenInput || size > 0;
        auto next = reinterpret_cast<const uint8_t *>(data);
        std::size_t available = std::size_t(size);
        std::array<uint8_t, PieceSize> out;
        while (!m_ended) {
            uint8_t *nextOut = out.data();
            std::size_t room = out.size();
            const BrotliDecoderResult result =
                BrotliDecoderDecompressStream(m_state, &available, &next, &room, &nextOut, nullptr);
            const qsizetype produced = qsizetype(out.size() - room);
            if (produced > 0 && !emit(reinterpret_cast<const char *>(out.data()), produced)) {
                return false;
            }
            if (result == BROTLI_DECODER_RESULT_ERROR) {
                *error = QStringLiteral("the br body is corrupt (%1)")
                             .arg(QString::fromLatin1(
                                 BrotliDecoderErrorString(BrotliDecoderGetErrorCode(m_state))));
                return false;
            }
            m_ended = result == BROTLI_DECODER_RESULT_SUCCESS;
            if (result == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT) {
                break;
            }
        }
        return true;
    }

    bool finish(const Emit &, QString *error) override
    {
        if (!m_ended && m_seenInput) {
            *error = QStringLiteral("the br stream of the body ended early");
            return false;
        }
        return true;
    }

private:
    BrotliDecoderState *m_state;
    bool m_ended = false;
    bool m_seenInput = false;
};

class ZstdStage : public ContentDecoder::Stage
{
public:
    ZstdStage()
        : m_stream(ZSTD_createDStream())
    {
        ZSTD_initDStream(m_stream);
    }
    ~ZstdStage() override { ZSTD_freeDStream(m_stream); }

    bool process(const char *data, qsizetype size, const Emit &emit, QString *error) override
    {
        ZSTD_inBuffer in{data, std::size_t(size), 0};
        std::array<char, PieceSize> out;
        for (;;) {
            ZSTD_outBuffer buffer{out.data(), out.size(), 0};
            const std::size_t result = ZSTD_decompressStream(m_stream, &buffer, &in);
            if (ZSTD_isError(result)) {
                *error = QStringLiteral("the zstd body is corrupt (%1)")
                             .arg(QString::fromLatin1(ZSTD_getErrorName(result)));
                return false;
            }
            if (buffer.pos > 0 && !emit(out.data(), qsizetype(buffer.pos))) {
                return false;
            }
            m_frameEnded = result == 0;
            if (in.pos == in.size && buffer.pos < buffer.size) {
                break;
            }
        }
        m_any = m_any || size > 0;
        return true;
    }

    bool finish(const Emit &, QString *error) override
    {
        if (m_any && !m_frameEnded) {
            *error = QStringLiteral("the zstd stream of the body ended early");
            return false;
        }
        return true;
    }

private:
    ZSTD_DStream *m_stream;
    bool m_frameEnded = false;
    bool m_any = false;
};

} // namespace

std::unique_ptr<ContentDecoder> ContentDecoder::forEncoding(const QByteArray &contentEncoding,
                                                            QString *unsupported)
{
    std::unique_ptr<ContentDecoder> decoder(new ContentDecoder);
    QByteArrayList applied;
    for (const QByteArray &token : contentEncoding.split(',')) {
        const QByteArray coding = token.trimmed().toLower();
        if (coding.isEmpty() || coding == "identity") {
            continue;
        }
        std::unique_ptr<Stage> stage;
        if (coding == "gzip" || coding == "x-gzip") {
            stage = std::make_unique<ZlibStage>(true);
        } else if (coding == "deflate") {
            stage = std::make_unique<ZlibStage>(false);
        } else if (coding == "br") {
            stage = std::make_unique<BrotliStage>();
        } else if (coding == "zstd") {
            stage = std::make_unique<ZstdStage>();
        } else {
            if (unsupported) {
                *unsupported = QString::fromLatin1(coding);
            }
            return nullptr;
        }
        // The last coding applied is the first to undo.
        decoder->m_stages.insert(decoder->m_stages.begin(), std::move(stage));
        applied.append(coding);
    }
    if (decoder->m_stages.empty()) {
        return nullptr;
    }
    decoder->m_codings = applied.join(", ");
    return decoder;
}

QByteArray ContentDecoder::acceptEncoding()
{
    return QByteArrayLiteral("gzip, deflate, br, zstd");
}

ContentDecoder::~ContentDecoder() = default;

bool ContentDecoder::run(std::size_t stage, const char *data, qsizetype size, const Sink &sink)
{
    if (stage == m_stages.size()) {
        if (!sink(data, size)) {
            m_stopped = true;
            return false;
        }
        return true;
    }
    return m_stages[stage]->process(
        data, size, [this, stage, &sink](const char *d, qsizetype n) { return run(stage + 1, d, n, sink); },
        &m_error);
}

bool ContentDecoder::write(const char *data, qsizetype size, const Sink &sink)
{
    if (m_stopped || !m_error.isEmpty()) {
        return false;
    }
    return size == 0 || run(0, data, size, sink);
}

bool ContentDecoder::finish(const Sink &sink)
{
    if (m_stopped || !m_error.isEmpty()) {
        return false;
    }
    for (std::size_t i = 0; i < m_stages.size(); ++i) {
        const bool ok = m_stages[i]->finish(
            [this, i, &sink](const char *d, qsizetype n) { return run(i + 1, d, n, sink); }, &m_error);
        if (!ok) {
            return false;
        }
    }
    return true;
}

} // namespace ApiLens::Core
