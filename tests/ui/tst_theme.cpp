#include "theme.h"

#include "bodyviewer.h"
#include "statusstyle.h"

#include <QApplication>
#include <QFontDatabase>
#include <QLineEdit>
#include <QStyle>
#include <QTest>

using namespace ApiLens::Ui;

class tst_Theme : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void switchesAndComesBack_data();
    void switchesAndComesBack();
    void widgetsHearTheChange();
    void editorFontReachesEveryEditor();
};

void tst_Theme::switchesAndComesBack_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << QStringLiteral("light") << false;
    QTest::newRow("dark") << QStringLiteral("dark") << true;
}

void tst_Theme::switchesAndComesBack()
{
    QFETCH(QString, name);
    QFETCH(bool, dark);
    const QString systemStyle = QApplication::style()->name();
    const QColor systemWindow = QApplication::palette().color(QPalette::Window);
    Theme theme;
    QCOMPARE(theme.current(), QStringLiteral("system"));
    theme.apply(name);
    QCOMPARE(theme.current(), name);
    QCOMPARE(QApplication::style()->name().toLower(), QStringLiteral("fusion"));
    QCOMPARE(isDarkPalette(QApplication::palette()), dark);
    QCOMPARE(QApplication::palette().color(QPalette::Base), themePalette(dark).color(QPalette::Base));
    theme.apply(QStringLiteral("system"));
    QCOMPARE(QApplication::style()->name(), systemStyle);
    QCOMPARE(QApplication::palette().color(QPalette::Window), systemWindow);
    theme.apply(QStringLiteral("no such theme")); // an unknown name is the system's
    QCOMPARE(QApplication::palette().color(QPalette::Window), systemWindow);
}

void tst_Theme::widgetsHearTheChange()
{
    // A shown editor's palette follows the application's at once (the views recolour in their
    // changeEvent).
    QLineEdit edit;
    edit.show();
    Theme theme;
    theme.apply(QStringLiteral("dark"));
    QTRY_VERIFY(isDarkPalette(edit.palette()));
    theme.apply(QStringLiteral("light"));
    QTRY_VERIFY(!isDarkPalette(edit.palette()));
    theme.apply(QStringLiteral("system"));
}

void tst_Theme::editorFontReachesEveryEditor()
{
    const QFont system = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    BodyViewer before;
    QCOMPARE(before.font().family(), system.family());
    QLineEdit plain; // not an editor: keeps the UI font
    const QFont plainFont = plain.font();
    setEditorFont(system.family(), 17);
    QCOMPARE(before.font().pointSize(), 17); // an editor made before the change
    BodyViewer after;
    QCOMPARE(after.font().pointSize(), 17); // and one made after it
    QCOMPARE(editorFont().pointSize(), 17);
    QCOMPARE(plain.font(), plainFont);
    setEditorFont(QString(), 0);
    QCOMPARE(before.font().family(), system.family());
    QCOMPARE(before.font().pointSize(), system.pointSize());
}

QTEST_MAIN(tst_Theme)
#include "tst_theme.moc"
