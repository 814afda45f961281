#include "theme.h"

#include "statusstyle.h"

#include <QApplication>
#include <QFontDatabase>
#include <QStyle>
#include <QWidget>

namespace ApiLens::Ui {

namespace {

// Kept on the application object, as Qt keeps its own fonts per class there.
constexpr char EditorFontProperty[] = "apilensEditorFont";
constexpr char UsesEditorFont[] = "apilensUsesEditorFont";

} // namespace

Theme::Theme()
    : m_systemStyle(QApplication::style()->name())
    , m_systemPalette(QApplication::palette())
{}

void Theme::apply(const QString &name)
{
    if (name == m_current) {
        return;
    }
    m_current = name;
    if (name == QLatin1String("light") || name == QLatin1String("dark")) {
        QApplication::setStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(themePalette(name == QLatin1String("dark")));
        return;
    }
    QApplication::setStyle(m_systemStyle);
    QApplication::setPalette(m_systemPalette);
}

QFont editorFont()
{
    const QVariant chosen = qApp ? qApp->property(EditorFontProperty) : QVariant();
    return chosen.isValid() ? chosen.value<QFont>() : QFontDatabase::systemFont(QFontDatabase::FixedFont);
}

void useEditorFont(QWidget *widget)
{
    widget->setProperty(UsesEditorFont, true);
    widget->setFont(editorFont());
}

void setEditorFont(const QString &family, int pointSize)
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (!family.isEmpty()) {
        font.setFamily(family);
        font.setStyleHint(QFont::Monospace);
    }
    if (pointSize > 0) {
        font.setPointSize(pointSize);
    }
    qApp->setProperty(EditorFontProperty, font);
    const QWidgetList widgets = QApplication::allWidgets();
    for (QWidget *widget : widgets) {
        if (widget->property(UsesEditorFont).toBool()) {
            widget->setFont(font);
        }
    }
}

} // namespace ApiLens::Ui
