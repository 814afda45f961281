#include "responsebody.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <optional>
#include <utility>

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QTemporaryFile>
#include <QThreadPool>

namespace ApiLens::Core {

struct ResponseBody::Data
{
    QByteArray bytes;
    std::unique_ptr<QTemporaryFile> file;
    qint64 size = 0;
    std::optional<LineIndex> index;
    ~Data()
    {
        // Freeing the blocks of a file of gigabytes takes the file system a while (0.3 s for
        // 3 GB): a large spill file is removed on a pool thread, not where the last copy
        // went (the GUI thread, as a tab closes).
        if (!file || size < LargeFileBytes) {
            return;
        }
        file->setAutoRemove(false);
        const QString path = file->fileName();
        file.reset();
        QThreadPool::globalInstance()->start([path] { QFile::remove(path); });
    }
    static constexpr qint64 LargeFileBytes = 64 << 20;
};

ResponseBody::ResponseBody()
    : d(std::make_shared<Data>())
{}

ResponseBody ResponseBody::fromBytes(QByteArray bytes)
{
    auto data = std::make_shared<Data>();
    data->size = bytes.size();
    data->bytes = std::move(bytes);
    ResponseBody body;
    body.d = std::move(data);
    return body;
}

qint64 ResponseBody::size() const
{
    return d->size;
}

bool ResponseBody::isInMemory() const
{
    return !d->file;
}

const LineIndex *ResponseBody::lineIndex() const
{
    return d->index ? &*d->index : nullptr;
}

QString ResponseBody::filePath() const
{
    return d->file ? d->file->fileName() : QString();
}

QByteArray ResponseBody::bytes(qint64 maxBytes) const
{
    const qint64 wanted = maxBytes < 0 ? d->size : qMin(maxBytes, d->size);
    if (!d->file) {
        return d->bytes.left(wanted);
    }
    QFile file(d->file->fileName());
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.read(wanted);
}

ResponseBody ResponseBody::spilled() const
{
    if (!isInMemory() || isEmpty()) {
        return *this;
    }
    Writer writer(0, size());
    QString error;
    return writer.append(bytes(), &error) ? writer.finish() : *this;
}

bool ResponseBody::saveTo(const QString &path, QString *error, const std::atomic_bool *cancel) const
{
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("Cannot write %1: %2").arg(path, out.errorString());
        return false;
    }
    const auto failed = [&](const QString &why) {
        out.cancelWriting();
        *error = why;
        return false;
    };
    if (!d->file) {
        if (out.write(d->bytes.left(d->size)) != d->size) {
            return failed(QStringLiteral("Cannot write %1: %2").arg(path, out.errorString()));
        }
    } else {
        QFile in(d->file->fileName());
        if (!in.open(QIODevice::ReadOnly)) {
            return failed(QStringLiteral("Cannot read the received body (%1): %2")
                              .arg(in.fileName(), in.errorString()));
        }
        QByteArray piece(4 * 1024 * 1024, Qt::Uninitialized);
        for (qint64 left = d->size; left > 0;) {
            if (cancel && cancel->load()) {
                return failed(QStringLiteral("Cancelled"));
            }
            const qint64 read = in.read(piece.data(), qMin<qint64>(left, piece.size()));
            if (read <= 0) {
                return failed(QStringLiteral("Cannot read the received body (%1): %2")
                                  .arg(in.fileName(), in.errorString()));
            }
            if (out.write(piece.constData(), read) != read) {
                return failed(QStringLiteral("Cannot write %1: %2").arg(path, out.errorString()));
            }
            left -= read;
        }
    }
    if (!out.commit()) {
        *error = QStringLiteral("Cannot write %1: %2").arg(path, out.errorString());
        return false;
    }
    return true;
}

BodyBytes::BodyBytes(ResponseBody body)
    : m_body(std::move(body))
{
    if (!m_body.d->file) {
        m_view = QByteArrayView(m_body.d->bytes).first(qsizetype(m_body.d->size));
        return;
    }
    m_file = std::make_unique<QFile>(m_body.d->file->fileName());
    if (m_body.d->size == 0) {
        return;
    }
    const uchar *map = m_file->open(QIODevice::ReadOnly) ? m_file->map(0, m_body.d->size) : nullptr;
    m_valid = map != nullptr;
    if (map) {
        m_view = QByteArrayView(reinterpret_cast<const char *>(map), qsizetype(m_body.d->size));
    }
}

BodyBytes::~BodyBytes() = default; // the file unmaps as it closes

void BodyBytes::release(qint64 from, qint64 length) const
{
    if (!m_file || m_view.isEmpty()) {
        return;
    }
    // Whole pages inside the range only: a page half outside may still be wanted.
    const auto page = quintptr(sysconf(_SC_PAGESIZE));
    const auto begin = quintptr(m_view.data() + std::clamp<qint64>(from, 0, m_view.size()));
    const auto end = quintptr(m_view.data() + std::clamp<qint64>(from + length, 0, m_view.size()));
    const quintptr first = (begin + page - 1) / page * page;
    const quintptr last =
        end == quintptr(m_view.data() + m_view.size()) ? (end + page - 1) / page * page : end / page * page;
    if (last > first) {
        madvise(reinterpret_cast<void *>(first), size_t(last - first), MADV_DONTNEED);
    }
}

ResponseBody::Writer::Writer(qint64 memoryThreshold, qint64 expectedSize)
    : m_threshold(memoryThreshold)
{
    if (expectedSize > 0 && expectedSize <= memoryThreshold) {
        m_buffer.reserve(qsizetype(expectedSize));
    }
}

ResponseBody::Writer::~Writer() = default;

bool ResponseBody::Writer::append(QByteArrayView chunk, QString *error)
{
    if (!m_file && m_size + chunk.size() > m_threshold) {
        m_file = std::make_unique<QTemporaryFile>(QDir::tempPath() + QStringLiteral("/apilens-body-XXXXXX"));
        if (!m_file->open() || m_file->write(m_buffer) != m_buffer.size()) {
            *error = QStringLiteral("Cannot write the response body to a temporary file: %1")
                         .arg(m_file->errorString());
            return false;
        }
        m_buffer.clear();
        m_buffer.squeeze();
    }
    if (m_file) {
        if (m_file->write(chunk.data(), chunk.size()) != chunk.size()) {
            *error = QStringLiteral("Cannot write the response body to %1: %2")
                         .arg(m_file->fileName(), m_file->errorString());
            return false;
        }
    } else {
        m_buffer.append(chunk);
    }
    m_size += chunk.size();
    m_index.append(chunk);
    return true;
}

ResponseBody ResponseBody::Writer::finish()
{
    auto data = std::make_shared<Data>();
    data->size = m_size;
    data->index = std::exchange(m_index, LineIndex());
    if (m_file) {
        m_file->flush();
        m_file->close();
        data->file = std::move(m_file);
    } else {
        data->bytes = std::move(m_buffer);
    }
    m_size = 0;
    ResponseBody body;
    body.d = std::move(data);
    return body;
}

} // namespace ApiLens::Core
