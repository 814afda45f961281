#include "settingsdialog.h"

#include "settings/config.h"

#include <QAccessible>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontComboBox>
#include <QFontDatabase>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace ApiLens;
using namespace ApiLens::Ui;
using Key = Core::Config::Key;

Q_DECLARE_METATYPE(ApiLens::Core::Config::Key)

namespace {

template<typename T> T *field(const QWidget *dialog, const QString &name)
{
    for (T *widget : dialog->findChildren<T *>()) {
        if (widget->accessibleName() == name) {
            return widget;
        }
    }
    return nullptr;
}

// A monospaced family other than the system's fixed one, if the machine has one.
QString anotherMonospacedFamily()
{
    const QString system = QFontDatabase::systemFont(QFontDatabase::FixedFont).family();
    for (const QString &family : QFontDatabase::families()) {
        if (QFontDatabase::isFixedPitch(family) && family != system) {
            return family;
        }
    }
    return QString();
}

} // namespace

class tst_SettingsDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void showsTheStoredValues();
    void everyKeyRoundTripsThroughTheWidgets_data();
    void everyKeyRoundTripsThroughTheWidgets();
    void cancelStoresNothing();
    void restoreDefaultsThenOk();
    void badInputStoresNothing_data();
    void badInputStoresNothing();
    void everyFieldHasAnAccessibleName();
    void fieldsFollowTheirSwitches();

private:
    QTemporaryDir m_dir;
    QSettings *m_settings = nullptr;
    Core::Config *m_config = nullptr;
};

void tst_SettingsDialog::init()
{
    QFile::remove(m_dir.filePath(QStringLiteral("s.ini")));
    m_settings = new QSettings(m_dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    m_config = new Core::Config(m_settings);
}

void tst_SettingsDialog::cleanup()
{
    delete m_config;
    delete m_settings;
}

void tst_SettingsDialog::showsTheStoredValues()
{
    m_config->set(Key::RequestTimeoutSeconds, 45);
    m_config->set(Key::Theme, QStringLiteral("dark"));
    m_config->set(Key::MaxBodyBytes, qint64(100) << 20);
    SettingsDialog dialog(m_config);
    QCOMPARE(field<QSpinBox>(&dialog, QStringLiteral("Timeout"))->value(), 45);
    QCOMPARE(field<QComboBox>(&dialog, QStringLiteral("Theme"))->currentData().toString(),
             QStringLiteral("dark"));
    QCOMPARE(field<QLineEdit>(&dialog, QStringLiteral("Cut off bodies larger than"))->text(),
             QStringLiteral("100.0 MB"));
    for (int i = 0; i < Core::Config::KeyCount; ++i) {
        QCOMPARE(dialog.shown(Key(i)).value_or(QVariant()), m_config->get(Key(i)));
    }
}

void tst_SettingsDialog::everyKeyRoundTripsThroughTheWidgets_data()
{
    QTest::addColumn<Key>("key");
    QTest::addColumn<QVariant>("value");
    QTest::newRow("timeout") << Key::RequestTimeoutSeconds << QVariant(0);
    QTest::newRow("follow redirects") << Key::RequestFollowRedirects << QVariant(false);
    QTest::newRow("max redirects") << Key::RequestMaxRedirects << QVariant(4);
    QTest::newRow("verify tls") << Key::RequestVerifyTls << QVariant(false);
    QTest::newRow("http2") << Key::RequestHttp2 << QVariant(false);
    QTest::newRow("proxy mode") << Key::ProxyMode << QVariant(QStringLiteral("none"));
    QTest::newRow("proxy host") << Key::ProxyHost << QVariant(QStringLiteral("127.0.0.1"));
    QTest::newRow("proxy port") << Key::ProxyPort << QVariant(3128);
    QTest::newRow("memory body") << Key::MemoryBodyBytes << QVariant(qint64(32) << 20);
    QTest::newRow("max body") << Key::MaxBodyBytes << QVariant(qint64(500) << 10);
    QTest::newRow("retention") << Key::HistoryRetention << QVariant(2500);
    QTest::newRow("theme") << Key::Theme << QVariant(QStringLiteral("light"));
    QTest::newRow("font family") << Key::EditorFontFamily << QVariant(anotherMonospacedFamily());
    QTest::newRow("font size") << Key::EditorFontSize << QVariant(15);
}

void tst_SettingsDialog::everyKeyRoundTripsThroughTheWidgets()
{
    QFETCH(Key, key);
    QFETCH(QVariant, value);
    if (key == Key::EditorFontFamily && value.toString().isEmpty()) {
        QSKIP("no monospaced font besides the system's on this machine");
    }
    {
        SettingsDialog dialog(m_config);
        // Typed and clicked as a user does.
        switch (key) {
        case Key::RequestTimeoutSeconds:
        case Key::RequestMaxRedirects:
        case Key::ProxyPort:
        case Key::HistoryRetention:
        case Key::EditorFontSize: {
            const QString name = key == Key::RequestTimeoutSeconds ? QStringLiteral("Timeout")
                                 : key == Key::RequestMaxRedirects ? QStringLiteral("Most redirects followed")
                                 : key == Key::ProxyPort           ? QStringLiteral("Proxy port")
                                 : key == Key::HistoryRetention    ? QStringLiteral("History entries kept")
                                                                   : QStringLiteral("Editor font size");
            QSpinBox *box = field<QSpinBox>(&dialog, name);
            QVERIFY(box);
            box->setEnabled(true);
            box->setValue(value.toInt());
            break;
        }
        case Key::RequestFollowRedirects:
            QTest::mouseClick(field<QCheckBox>(&dialog, QStringLiteral("Follow redirects")), Qt::LeftButton);
            break;
        case Key::RequestVerifyTls:
            QTest::mouseClick(
                field<QCheckBox>(&dialog, QStringLiteral("Verify the server's TLS certificate")),
                Qt::LeftButton);
            break;
        case Key::RequestHttp2:
            QTest::mouseClick(
                field<QCheckBox>(&dialog, QStringLiteral("Use HTTP/2 when the server offers it")),
                Qt::LeftButton);
            break;
        case Key::ProxyMode:
        case Key::Theme: {
            QComboBox *box = field<QComboBox>(&dialog, key == Key::Theme ? QStringLiteral("Theme")
                                                                         : QStringLiteral("Proxy"));
            box->setCurrentIndex(box->findData(value));
            break;
        }
        case Key::ProxyHost: {
            QLineEdit *host = field<QLineEdit>(&dialog, QStringLiteral("Proxy host"));
            host->setEnabled(true);
            QTest::keyClicks(host, value.toString());
            break;
        }
        case Key::MemoryBodyBytes:
        case Key::MaxBodyBytes: {
            QLineEdit *edit = field<QLineEdit>(&dialog, key == Key::MaxBodyBytes
                                                            ? QStringLiteral("Cut off bodies larger than")
                                                            : QStringLiteral("Bodies kept in memory up to"));
            edit->selectAll();
            QTest::keyClicks(edit, key == Key::MaxBodyBytes ? QStringLiteral("500k") : QStringLiteral("32M"));
            break;
        }
        case Key::EditorFontFamily:
            QTest::mouseClick(field<QCheckBox>(&dialog, QStringLiteral("The system's fixed-width font")),
                              Qt::LeftButton);
            field<QFontComboBox>(&dialog, QStringLiteral("Editor font"))
                ->setCurrentFont(QFont(value.toString()));
            break;
        case Key::KeyCount:
            break;
        }
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
    // Stored, read back by a new store over the same file, and shown by a new dialog.
    delete m_config;
    m_settings->sync();
    delete m_settings;
    m_settings = new QSettings(m_dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    m_config = new Core::Config(m_settings);
    QCOMPARE(m_config->get(key), value);
    for (int other = 0; other < Core::Config::KeyCount; ++other) {
        if (other != key) {
            QVERIFY2(!m_settings->contains(Core::Config::settingsName(Key(other))),
                     qPrintable(Core::Config::settingsName(Key(other)))); // defaults stay unwritten
        }
    }
    const SettingsDialog again(m_config);
    QCOMPARE(again.shown(key).value_or(QVariant()), value);
}

void tst_SettingsDialog::cancelStoresNothing()
{
    SettingsDialog dialog(m_config);
    field<QSpinBox>(&dialog, QStringLiteral("Timeout"))->setValue(99);
    field<QComboBox>(&dialog, QStringLiteral("Theme"))->setCurrentIndex(2);
    dialog.reject();
    QCOMPARE(m_config->get(Key::RequestTimeoutSeconds),
             Core::Config::defaultValue(Key::RequestTimeoutSeconds));
    QCOMPARE(m_config->get(Key::Theme), QVariant(QStringLiteral("system")));
    QVERIFY(m_settings->allKeys().isEmpty());
}

void tst_SettingsDialog::restoreDefaultsThenOk()
{
    m_config->set(Key::RequestTimeoutSeconds, 5);
    m_config->set(Key::Theme, QStringLiteral("dark"));
    m_config->set(Key::HistoryRetention, 500);
    SettingsDialog dialog(m_config);
    auto *buttons = dialog.findChild<QDialogButtonBox *>();
    QTest::mouseClick(buttons->button(QDialogButtonBox::RestoreDefaults), Qt::LeftButton);
    QCOMPARE(m_config->get(Key::Theme), QVariant(QStringLiteral("dark"))); // not until OK
    QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
    for (int i = 0; i < Core::Config::KeyCount; ++i) {
        QCOMPARE(m_config->get(Key(i)), Core::Config::defaultValue(Key(i)));
    }
    QVERIFY(m_settings->allKeys().isEmpty());
}

void tst_SettingsDialog::badInputStoresNothing_data()
{
    QTest::addColumn<QString>("fieldName");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("said");
    QTest::newRow("not a size") << QStringLiteral("Cut off bodies larger than") << QStringLiteral("lots")
                                << QStringLiteral("“lots” is not a size");
    QTest::newRow("too small") << QStringLiteral("Cut off bodies larger than") << QStringLiteral("10")
                               << QStringLiteral("“10” is not a size");
    QTest::newRow("memory too large") << QStringLiteral("Bodies kept in memory up to")
                                      << QStringLiteral("10G") << QStringLiteral("“10G” is not a size");
    QTest::newRow("manual proxy, no host")
        << QStringLiteral("Proxy") << QString() << QStringLiteral("Name the proxy's host");
}

void tst_SettingsDialog::badInputStoresNothing()
{
    QFETCH(QString, fieldName);
    QFETCH(QString, text);
    QFETCH(QString, said);
    SettingsDialog dialog(m_config);
    dialog.show();
    field<QSpinBox>(&dialog, QStringLiteral("Timeout"))->setValue(77); // a good change beside the bad one
    if (fieldName == QLatin1String("Proxy")) {
        auto *mode = field<QComboBox>(&dialog, fieldName);
        mode->setCurrentIndex(mode->findData(QStringLiteral("manual")));
    } else {
        QLineEdit *edit = field<QLineEdit>(&dialog, fieldName);
        edit->selectAll();
        QTest::keyClicks(edit, text);
    }
    dialog.accept();
    QVERIFY(dialog.isVisible()); // still open, the field in front
    QVERIFY2(dialog.problem()->isVisible() && dialog.problem()->text().contains(said),
             qPrintable(dialog.problem()->text()));
    QVERIFY(m_settings->allKeys().isEmpty());
}

void tst_SettingsDialog::everyFieldHasAnAccessibleName()
{
    SettingsDialog dialog(m_config);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    for (int page = 0; page < dialog.pages()->count(); ++page) {
        dialog.pages()->setCurrentIndex(page);
        for (QWidget *widget : dialog.pages()->widget(page)->findChildren<QWidget *>()) {
            const bool input =
                qobject_cast<QSpinBox *>(widget) || qobject_cast<QCheckBox *>(widget) ||
                qobject_cast<QComboBox *>(widget) ||
                (qobject_cast<QLineEdit *>(widget) && !qobject_cast<QComboBox *>(widget->parent()) &&
                 !qobject_cast<QAbstractSpinBox *>(widget->parent()));
            if (!input) {
                continue;
            }
            QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(widget);
            QVERIFY(accessible);
            QVERIFY2(!accessible->text(QAccessible::Name).isEmpty(), widget->metaObject()->className());
        }
    }
}

void tst_SettingsDialog::fieldsFollowTheirSwitches()
{
    SettingsDialog dialog(m_config);
    auto *follow = field<QCheckBox>(&dialog, QStringLiteral("Follow redirects"));
    auto *most = field<QSpinBox>(&dialog, QStringLiteral("Most redirects followed"));
    QVERIFY(most->isEnabled());
    follow->setChecked(false);
    QVERIFY(!most->isEnabled());
    auto *mode = field<QComboBox>(&dialog, QStringLiteral("Proxy"));
    QVERIFY(!field<QLineEdit>(&dialog, QStringLiteral("Proxy host"))->isEnabled());
    mode->setCurrentIndex(mode->findData(QStringLiteral("manual")));
    QVERIFY(field<QLineEdit>(&dialog, QStringLiteral("Proxy host"))->isEnabled());
    QVERIFY(field<QSpinBox>(&dialog, QStringLiteral("Proxy port"))->isEnabled());
    QVERIFY(!field<QFontComboBox>(&dialog, QStringLiteral("Editor font"))->isEnabled());
    field<QCheckBox>(&dialog, QStringLiteral("The system's fixed-width font"))->setChecked(false);
    QVERIFY(field<QFontComboBox>(&dialog, QStringLiteral("Editor font"))->isEnabled());
}

QTEST_MAIN(tst_SettingsDialog)
#include "tst_settingsdialog.moc"
