#include "timingview.h"

#include "format.h"
#include "statusstyle.h"

#include <QPainter>

namespace ApiLens::Ui {

TimingView::TimingView(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

QList<TimingView::Phase> TimingView::phasesOf(const Core::Timings &t)
{
    QList<Phase> phases;
    if (t.finishedMs < 0) {
        return phases;
    }
    double cursor = 0;
    auto add = [&phases, &cursor](const QString &name, double end) {
        if (end >= 0 && end > cursor) {
            phases.append({name, cursor, end});
            cursor = end;
        }
    };
    // Redirects and authentication challenges come first; the rest is the final request.
    add(tr("Redirects"), t.lastHopMs);
    if (t.connectStartMs >= 0) {
        add(tr("Queued"), t.connectStartMs);
        add(tr("DNS"), t.resolvedMs);
        add(tr("Connect"), t.connectedMs);
        add(tr("TLS"), t.encryptedMs);
        if (t.requestSentMs < 0) {
            // Nothing was sent: setting up the connection failed, in the phase after the last one done.
            add(t.connectedMs < 0 ? tr("Connect") : tr("TLS"), t.finishedMs);
            return phases;
        }
    }
    if (t.requestSentMs < 0) {
        return phases;
    }
    add(tr("Send"), t.requestSentMs);
    add(tr("Wait for server"), t.firstByteMs >= 0 ? t.firstByteMs : t.finishedMs);
    if (t.firstByteMs >= 0) {
        add(tr("Download"), t.finishedMs);
    }
    return phases;
}

void TimingView::setTimings(const Core::Timings &timings)
{
    m_phases = phasesOf(timings);
    m_totalMs = timings.finishedMs;
    m_reused = timings.connectStartMs < 0 && timings.requestSentMs >= 0;
    updateGeometry();
    update();
}

QSize TimingView::sizeHint() const
{
    const int row = fontMetrics().height() + 12;
    return {400, row * int(m_phases.size() + 2) + 16};
}

void TimingView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QFontMetrics fm = fontMetrics();
    const int row = fm.height() + 12;
    const int labelWidth = fm.horizontalAdvance(tr("Wait for server")) + 24;
    const int valueWidth = fm.horizontalAdvance(QStringLiteral("0000.0 ms")) + 16;
    const int barLeft = 12 + labelWidth;
    const int barWidth = qMax(40, width() - barLeft - valueWidth - 12);
    const QColor bar = StatusStyle::forClass(Core::StatusClass::Informational, palette()).fill;
    const double total = qMax(m_totalMs, 0.001);
    int y = 12;
    if (m_phases.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, tr("No timings: the request was not sent."));
        return;
    }
    for (const Phase &phase : m_phases) {
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(QRect(12, y, labelWidth, row), Qt::AlignVCenter | Qt::AlignLeft, phase.name);
        const double x0 = barLeft + barWidth * phase.startMs / total;
        const double w = qMax(2.0, barWidth * (phase.endMs - phase.startMs) / total);
        painter.setPen(Qt::NoPen);
        painter.setBrush(bar);
        painter.drawRoundedRect(QRectF(x0, y + 4, w, row - 8), 3, 3);
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(QRect(barLeft + barWidth + 8, y, valueWidth, row), Qt::AlignVCenter | Qt::AlignRight,
                         humanDuration(phase.endMs - phase.startMs));
        y += row;
    }
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawLine(12, y + 2, width() - 12, y + 2);
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawText(QRect(12, y + 4, labelWidth, row), Qt::AlignVCenter | Qt::AlignLeft, tr("Total"));
    painter.drawText(QRect(barLeft + barWidth + 8, y + 4, valueWidth, row), Qt::AlignVCenter | Qt::AlignRight,
                     humanDuration(m_totalMs));
    if (m_reused) {
        painter.setFont(font());
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(QRect(barLeft, y + 4, barWidth, row), Qt::AlignVCenter | Qt::AlignLeft,
                         tr("connection reused: no connect phase"));
    }
}

} // namespace ApiLens::Ui
