#include "progressivetext.h"

#include <QPlainTextEdit>
#include <QTextCursor>
#include <QTimer>

namespace ApiLens::Ui {

ProgressiveText::ProgressiveText(QPlainTextEdit *edit)
    : QObject(edit)
    , m_edit(edit)
{}

void ProgressiveText::setText(const QString &text)
{
    ++m_generation;
    m_text = text;
    m_offset = 0;
    if (text.size() <= SliceChars) {
        m_edit->setPlainText(text);
        m_offset = text.size();
        Q_EMIT loaded();
        return;
    }
    m_edit->clear();
    appendSlice();
}

void ProgressiveText::appendSlice()
{
    if (!m_edit || m_offset >= m_text.size()) {
        return;
    }
    // End slices at a line break so each turn lays out whole lines.
    qsizetype end = qMin(m_offset + SliceChars, m_text.size());
    if (end < m_text.size()) {
        const qsizetype newline = m_text.lastIndexOf(QLatin1Char('\n'), end);
        if (newline > m_offset) {
            end = newline + 1;
        }
    }
    QTextCursor cursor(m_edit->document());
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(m_text.mid(m_offset, end - m_offset));
    m_offset = end;
    if (m_offset >= m_text.size()) {
        m_text.clear();
        m_offset = 0;
        Q_EMIT loaded();
        return;
    }
    const quint64 generation = m_generation;
    QTimer::singleShot(0, this, [this, generation] {
        if (generation == m_generation) {
            appendSlice();
        }
    });
}

} // namespace ApiLens::Ui
