#pragma once

#include <QFont>
#include <QPalette>
#include <QString>

class QWidget;

namespace ApiLens::Ui {

// The theme the settings name (Core::Config::Theme): "system" keeps the style and palette the
// desktop gave the app at start; "light" and "dark" use Fusion with the palettes of the style
// place (statusstyle.h). Owned by whoever owns the application's state (main), not a widget.
class Theme
{
public:
    Theme(); // remembers the desktop's style and palette
    void apply(const QString &name);
    QString current() const { return m_current; }

private:
    QString m_systemStyle;
    QPalette m_systemPalette;
    QString m_current = QStringLiteral("system");
};

// The editor font (Core::Config::EditorFontFamily and EditorFontSize) of the bodies, the URL
// and the raw editors: the system's fixed-width font unless the settings name another.
QFont editorFont();
// Gives `widget` the editor font now and whenever setEditorFont() changes it.
void useEditorFont(QWidget *widget);
// family empty: the system's fixed font; pointSize 0: the font's own size.
void setEditorFont(const QString &family, int pointSize);

} // namespace ApiLens::Ui
