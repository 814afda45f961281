#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

class QPlainTextEdit;

namespace ApiLens::Ui {

// Puts a long text into a QPlainTextEdit a slice per event-loop turn, so the window keeps
// painting and answering while a large body is laid out. A new setText() replaces any
// load in progress.
class ProgressiveText : public QObject
{
    Q_OBJECT
public:
    explicit ProgressiveText(QPlainTextEdit *edit);

    void setText(const QString &text);
    bool isLoading() const { return m_offset < m_text.size(); }

    static constexpr qsizetype SliceChars = 64 * 1024;

Q_SIGNALS:
    void loaded();

private:
    void appendSlice();

    QPointer<QPlainTextEdit> m_edit;
    QString m_text;
    qsizetype m_offset = 0;
    quint64 m_generation = 0;
};

} // namespace ApiLens::Ui
