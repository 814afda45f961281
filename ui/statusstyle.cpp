#include "statusstyle.h"

#include <QPalette>

#include <cmath>

namespace ApiLens::Ui {

namespace {

double channel(double c)
{
    return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(const QColor &color)
{
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) +
           0.0722 * channel(color.blueF());
}

} // namespace

StatusStyle StatusStyle::forClass(Core::StatusClass statusClass, bool dark)
{
    StatusStyle style;
    style.name = Core::statusClassName(statusClass);
    style.text = dark ? QColor(Qt::black) : QColor(Qt::white);
    switch (statusClass) {
    case Core::StatusClass::Informational:
        style.fill = dark ? QColor(0x56B4E9) : QColor(0x0072B2);
        style.glyph = QStringLiteral("ℹ");
        break;
    case Core::StatusClass::Success:
        style.fill = dark ? QColor(0x3CC48F) : QColor(0x007A5A);
        style.glyph = QStringLiteral("✓");
        break;
    case Core::StatusClass::Redirection:
        style.fill = dark ? QColor(0xCC79A7) : QColor(0xA2457F);
        style.glyph = QStringLiteral("↪");
        break;
    case Core::StatusClass::ClientError:
        style.fill = dark ? QColor(0xE69F00) : QColor(0xA15F00);
        style.glyph = QStringLiteral("⚠");
        break;
    case Core::StatusClass::ServerError:
        style.fill = dark ? QColor(0xFF7A3D) : QColor(0xC24E00);
        style.glyph = QStringLiteral("✖");
        break;
    case Core::StatusClass::None:
        style.fill = dark ? QColor(0xA0A0A0) : QColor(0x5A5A5A);
        style.glyph = QStringLiteral("⊘");
        break;
    }
    return style;
}

StatusStyle StatusStyle::forClass(Core::StatusClass statusClass, const QPalette &palette)
{
    return forClass(statusClass, isDarkPalette(palette));
}

bool isDarkPalette(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightnessF() < 0.5;
}

double contrastRatio(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

} // namespace ApiLens::Ui
