#include "statusstyle.h"

#include <QPalette>

#include <array>
#include <cmath>
#include <utility>

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

QColor tint(Tint which, bool dark)
{
    // {light, dark}
    static const std::array<std::pair<QRgb, QRgb>, TintCount> hues{{
        {0x0451A5, 0x9CDCFE}, // SyntaxKey
        {0xA31515, 0xCE9178}, // SyntaxString
        {0x09784F, 0xB5CEA8}, // SyntaxNumber
        {0x0000E0, 0x6CAEF0}, // SyntaxLiteral
        {0x800000, 0x6CAEF0}, // SyntaxTag
        {0xC80000, 0x9CDCFE}, // SyntaxAttribute
        {0x1F5FA8, 0x7FB8F0}, // MethodGet
        {0x5B3FA8, 0xB9A2F0}, // MethodPost
        {0x1D6B63, 0x8FD0C8}, // MethodPutPatch
        {0x9E2A2A, 0xF09A9A}, // MethodDelete
        {0x505050, 0xC0C0C0}, // MethodOther
        {0x1F5FA8, 0x7FB8F0}, // VariableKnown
        {0xB31B26, 0xFF7B72}, // VariableMissing
        {0x8F5400, 0xE6A23C}, // Warning
        {0x007A5A, 0x3CC48F}, // Passed
        {0x1A1A1A, 0x1A1A1A}, // FindMatchText
        {0xFFE066, 0xFFE066}, // FindMatchBackground
    }};
    const auto &[light, darkHue] = hues.at(size_t(which));
    return QColor::fromRgb(dark ? darkHue : light);
}

QColor tint(Tint which, const QPalette &palette)
{
    return tint(which, isDarkPalette(palette));
}

Tint methodTint(const QString &method)
{
    if (method == QLatin1String("GET")) {
        return Tint::MethodGet;
    }
    if (method == QLatin1String("POST")) {
        return Tint::MethodPost;
    }
    if (method == QLatin1String("PUT") || method == QLatin1String("PATCH")) {
        return Tint::MethodPutPatch;
    }
    if (method == QLatin1String("DELETE")) {
        return Tint::MethodDelete;
    }
    return Tint::MethodOther;
}

QPalette themePalette(bool dark)
{
    if (!dark) {
        // Fusion's own light palette.
        QPalette palette(QColor(0xEFEFEF));
        palette.setColor(QPalette::Base, Qt::white);
        palette.setColor(QPalette::AlternateBase, QColor(0xF7F7F7));
        palette.setColor(QPalette::Text, QColor(0x1A1A1A));
        palette.setColor(QPalette::WindowText, QColor(0x1A1A1A));
        palette.setColor(QPalette::ButtonText, QColor(0x1A1A1A));
        palette.setColor(QPalette::Highlight, QColor(0x30629F));
        palette.setColor(QPalette::HighlightedText, Qt::white);
        palette.setColor(QPalette::PlaceholderText, QColor(0x6E6E6E));
        palette.setColor(QPalette::ToolTipBase, QColor(0xFFFFDC));
        palette.setColor(QPalette::ToolTipText, QColor(0x1A1A1A));
        palette.setColor(QPalette::Link, QColor(0x1F5FA8));
        return palette;
    }
    QPalette palette;
    palette.setColor(QPalette::Window, QColor(0x2B2B2B));
    palette.setColor(QPalette::WindowText, QColor(0xE6E6E6));
    palette.setColor(QPalette::Base, QColor(0x1E1E1E));
    palette.setColor(QPalette::AlternateBase, QColor(0x262626));
    palette.setColor(QPalette::ToolTipBase, QColor(0x3A3A3A));
    palette.setColor(QPalette::ToolTipText, QColor(0xE6E6E6));
    palette.setColor(QPalette::Text, QColor(0xE6E6E6));
    palette.setColor(QPalette::Button, QColor(0x353535));
    palette.setColor(QPalette::ButtonText, QColor(0xE6E6E6));
    palette.setColor(QPalette::Highlight, QColor(0x3D6EA8));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::PlaceholderText, QColor(0x9A9A9A));
    palette.setColor(QPalette::Link, QColor(0x7FB8F0));
    palette.setColor(QPalette::Light, QColor(0x454545));
    palette.setColor(QPalette::Midlight, QColor(0x3A3A3A));
    palette.setColor(QPalette::Mid, QColor(0x2F2F2F));
    palette.setColor(QPalette::Dark, QColor(0x1A1A1A));
    palette.setColor(QPalette::Shadow, QColor(0x0A0A0A));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
        palette.setColor(QPalette::Disabled, role, QColor(0x7A7A7A));
    }
    return palette;
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
