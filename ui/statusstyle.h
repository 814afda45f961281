#pragma once

#include "http/statusclass.h"

#include <QColor>
#include <QString>

class QPalette;

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

// WCAG 2 contrast ratio between two colours (1..21).
double contrastRatio(const QColor &a, const QColor &b);

} // namespace ApiLens::Ui
