#pragma once

#include "http/statusclass.h"

#include <QColor>
#include <QPalette>
#include <QString>

namespace ApiLens::Ui {

// The one palette for status classes (Okabe–Ito, see the design notes): the same hues
// mark the badge, history rows, tree markers and runner results. Never colour alone:
// every class also has a glyph and a name.
struct StatusStyle
{
    QColor fill;
    QColor text;
    QString glyph;
    QString name;

    static StatusStyle forClass(Core::StatusClass statusClass, bool darkTheme);
    static StatusStyle forClass(Core::StatusClass statusClass, const QPalette &palette);
};

bool isDarkPalette(const QPalette &palette);

// Every other colour the app draws with, by what it means; the one place that names hues.
// Each stays at 4.5:1 or more against the theme's Base (tst_statusstyle computes it).
enum class Tint {
    SyntaxKey,
    SyntaxString,
    SyntaxNumber,
    SyntaxLiteral,
    SyntaxTag,
    SyntaxAttribute,
    MethodGet,
    MethodPost,
    MethodPutPatch,
    MethodDelete,
    MethodOther,
    VariableKnown,
    VariableMissing, // also a problem's text: an error, a check that failed
    Warning,
    Passed,
    FindMatchText, // on FindMatchBackground, in both themes
    FindMatchBackground,
};
constexpr int TintCount = int(Tint::FindMatchBackground) + 1;
QColor tint(Tint which, bool darkTheme);
QColor tint(Tint which, const QPalette &palette);
// A method's hue in the tree and the tabs.
Tint methodTint(const QString &method);

// The light and the dark palettes of the Light and Dark themes (with the Fusion style).
QPalette themePalette(bool dark);

// WCAG 2 contrast ratio between two colours (1..21).
double contrastRatio(const QColor &a, const QColor &b);

} // namespace ApiLens::Ui
