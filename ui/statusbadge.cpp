#include "statusbadge.h"

#include "statusstyle.h"

#include <QEvent>
#include <QPainter>
#include <QPainterPath>

namespace ApiLens::Ui {

StatusBadge::StatusBadge(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    QFont f = font();
    f.setBold(true);
    setFont(f);
    clear();
}

void StatusBadge::setStatus(int status, const QString &reason)
{
    m_status = status;
    m_class = Core::statusClassOf(status);
    const StatusStyle style = StatusStyle::forClass(m_class, palette());
    m_text = QStringLiteral("%1 %2 %3 · %4").arg(style.glyph).arg(status).arg(reason, style.name);
    m_text.replace(QStringLiteral("  "), QStringLiteral(" "));
    m_description.clear();
    refresh();
}

void StatusBadge::setNoResponse(const QString &title)
{
    m_status = 0;
    m_class = Core::StatusClass::None;
    const StatusStyle style = StatusStyle::forClass(m_class, palette());
    m_text = QStringLiteral("%1 %2 · %3").arg(style.glyph, title, style.name);
    m_description.clear();
    refresh();
}

void StatusBadge::setDescription(const QString &description)
{
    m_description = description;
    refresh();
}

void StatusBadge::clear()
{
    m_status = 0;
    m_class = Core::StatusClass::None;
    m_text.clear();
    refresh();
}

void StatusBadge::refresh()
{
    setVisible(!m_text.isEmpty());
    const StatusStyle style = StatusStyle::forClass(m_class, palette());
    setToolTip(m_text.isEmpty()
                   ? QString()
                   : QStringLiteral("%1 — %2 (%3)")
                             .arg(m_text.section(QStringLiteral(" · "), 0, 0), style.name,
                                  Core::statusClassLabel(m_class)) +
                         (m_description.isEmpty() ? QString() : QStringLiteral("\n\n") + m_description));
    setAccessibleName(m_text);
    updateGeometry();
    update();
}

QSize StatusBadge::sizeHint() const
{
    const QFontMetrics fm(font());
    return {fm.horizontalAdvance(m_text) + 2 * fm.height() / 2 + 8, fm.height() + 10};
}

void StatusBadge::paintEvent(QPaintEvent *)
{
    if (m_text.isEmpty()) {
        return;
    }
    const StatusStyle style = StatusStyle::forClass(m_class, palette());
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    QPainterPath path;
    const QRectF box = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    path.addRoundedRect(box, 5, 5);
    painter.fillPath(path, style.fill);
    painter.setPen(style.text);
    painter.drawText(rect(), Qt::AlignCenter, m_text);
}

void StatusBadge::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
        refresh();
    }
    QWidget::changeEvent(event);
}

} // namespace ApiLens::Ui
