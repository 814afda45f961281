#pragma once

#include "lineindex.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QFile>
#include <QString>

#include <atomic>
#include <memory>

class QTemporaryFile;

namespace ApiLens::Core {

// A response body: bytes in memory, or a temporary file once it grew past the memory
// threshold. Cheap to copy (shared); the file goes away with the last copy.
class ResponseBody
{
public:
    ResponseBody();
    static ResponseBody fromBytes(QByteArray bytes);

    qint64 size() const;
    bool isEmpty() const { return size() == 0; }
    bool isInMemory() const;
    QString filePath() const; // empty when in memory
    // Where its lines are, when it was written through a Writer (indexed as it arrived, so a
    // viewer need not read it all again); null otherwise.
    const LineIndex *lineIndex() const;

    // The same bytes in a temporary file (itself when it is in one already), for a body kept
    // for later that should not hold memory; itself when the file cannot be written.
    ResponseBody spilled() const;
    // The first maxBytes bytes (all of them by default). Reads the file when spilled.
    QByteArray bytes(qint64 maxBytes = -1) const;
    // Writes every byte to `path` (all or nothing: a failed save leaves no partial file), in
    // pieces, in constant memory; safe on a worker thread. `cancel` is polled between pieces.
    bool saveTo(const QString &path, QString *error, const std::atomic_bool *cancel = nullptr) const;

    // Builder used while a response streams in.
    class Writer
    {
    public:
        // expectedSize (the announced length, -1 when unknown) lets a body that stays in
        // memory be allocated once.
        explicit Writer(qint64 memoryThreshold, qint64 expectedSize = -1);
        ~Writer();
        Writer(const Writer &) = delete;
        Writer &operator=(const Writer &) = delete;

        bool append(QByteArrayView chunk, QString *error);
        qint64 size() const { return m_size; }
        ResponseBody finish();

    private:
        qint64 m_threshold;
        qint64 m_size = 0;
        LineIndex m_index;
        QByteArray m_buffer;
        std::unique_ptr<QTemporaryFile> m_file;
    };

private:
    friend class BodyBytes;
    struct Data;
    std::shared_ptr<const Data> d;
};

// All the bytes of a body at once, without a copy: the memory it is in, or its file mapped
// (a body of gigabytes costs address space, not memory). For readers on a worker: the
// viewer's line index, find. The body stays alive while this does.
class BodyBytes
{
public:
    explicit BodyBytes(ResponseBody body);
    ~BodyBytes();
    BodyBytes(const BodyBytes &) = delete;
    BodyBytes &operator=(const BodyBytes &) = delete;

    QByteArrayView view() const { return m_view; }
    bool isValid() const { return m_valid; } // false when a spilled body could not be mapped
    // The pages of [from, from + length) that were read leave this process's memory: they stay
    // in the system's file cache and come back when read again. Readers that go through a
    // body once (an index, a find) call it behind them. Nothing for a body in memory.
    void release(qint64 from, qint64 length) const;

private:
    ResponseBody m_body;
    std::unique_ptr<QFile> m_file;
    QByteArrayView m_view;
    bool m_valid = true;
};

} // namespace ApiLens::Core
