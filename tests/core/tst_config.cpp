#include "settings/config.h"

#include <QMetaEnum>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ApiLens::Core;

Q_DECLARE_METATYPE(ApiLens::Core::Config::Key)

class tst_Config : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyKeyIsInTheTable();
    void roundTrip_data();
    void roundTrip();
    void refuses_data();
    void refuses();
    void aHandEditedFileReadsAsDefaults();
    void resetGoesBackToTheDefault();
    void requestDefaultsFollowTheKeys();

private:
    QTemporaryDir m_dir;
    QString file(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }
};

void tst_Config::everyKeyIsInTheTable()
{
    const QMetaEnum keys = QMetaEnum::fromType<Config::Key>();
    QSet<QString> names;
    for (int i = 0; i < Config::KeyCount; ++i) {
        const auto key = Config::Key(i);
        QVERIFY2(keys.valueToKey(i), "a key without a name in the enum");
        const QString name = Config::settingsName(key);
        QVERIFY2(name.contains(QLatin1Char('/')), qPrintable(name)); // grouped
        QVERIFY2(!names.contains(name), qPrintable(QStringLiteral("two keys named ") + name));
        names.insert(name);
        QVERIFY2(Config::accepts(key, Config::defaultValue(key)), keys.valueToKey(i));
    }
}

void tst_Config::roundTrip_data()
{
    QTest::addColumn<Config::Key>("key");
    QTest::addColumn<QVariant>("value");
    // One row per key, each with a value other than its default.
    QTest::newRow("timeout") << Config::RequestTimeoutSeconds << QVariant(90);
    QTest::newRow("timeout none") << Config::RequestTimeoutSeconds << QVariant(0);
    QTest::newRow("follow redirects") << Config::RequestFollowRedirects << QVariant(false);
    QTest::newRow("max redirects") << Config::RequestMaxRedirects << QVariant(3);
    QTest::newRow("verify tls") << Config::RequestVerifyTls << QVariant(false);
    QTest::newRow("http2") << Config::RequestHttp2 << QVariant(false);
    QTest::newRow("proxy mode") << Config::ProxyMode << QVariant(QStringLiteral("manual"));
    QTest::newRow("proxy host") << Config::ProxyHost << QVariant(QStringLiteral("127.0.0.1"));
    QTest::newRow("proxy port") << Config::ProxyPort << QVariant(3128);
    QTest::newRow("memory body") << Config::MemoryBodyBytes << QVariant(qint64(32) << 20);
    QTest::newRow("max body") << Config::MaxBodyBytes << QVariant(qint64(500) << 20);
    QTest::newRow("retention") << Config::HistoryRetention << QVariant(5000);
    QTest::newRow("theme") << Config::Theme << QVariant(QStringLiteral("dark"));
    QTest::newRow("font family") << Config::EditorFontFamily << QVariant(QStringLiteral("DejaVu Sans Mono"));
    QTest::newRow("font size") << Config::EditorFontSize << QVariant(13);
}

void tst_Config::roundTrip()
{
    QFETCH(Config::Key, key);
    QFETCH(QVariant, value);
    QVERIFY(value != Config::defaultValue(key));
    const QString path = file(QTest::currentDataTag());
    {
        QSettings settings(path, QSettings::IniFormat);
        Config config(&settings);
        QSignalSpy changed(&config, &Config::changed);
        QCOMPARE(config.get(key), Config::defaultValue(key));
        QVERIFY(config.set(key, value));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).value<Config::Key>(), key);
        QVERIFY(config.set(key, value)); // the same value again: no change
        QCOMPARE(changed.count(), 1);
    }
    // Read back from the file, as the next start does (the ini file holds text).
    QSettings settings(path, QSettings::IniFormat);
    const Config config(&settings);
    QCOMPARE(config.get(key), value);
    QCOMPARE(config.get(key).typeId(), Config::defaultValue(key).typeId());
    for (int other = 0; other < Config::KeyCount; ++other) {
        if (other != key) {
            QCOMPARE(config.get(Config::Key(other)), Config::defaultValue(Config::Key(other)));
        }
    }
}

void tst_Config::refuses_data()
{
    QTest::addColumn<Config::Key>("key");
    QTest::addColumn<QVariant>("value");
    QTest::newRow("negative timeout") << Config::RequestTimeoutSeconds << QVariant(-1);
    QTest::newRow("a day and a second") << Config::RequestTimeoutSeconds << QVariant(24 * 3600 + 1);
    QTest::newRow("text for a number") << Config::RequestMaxRedirects << QVariant(QStringLiteral("ten"));
    QTest::newRow("text for a flag") << Config::RequestVerifyTls << QVariant(QStringLiteral("yes"));
    QTest::newRow("unknown theme") << Config::Theme << QVariant(QStringLiteral("solarized"));
    QTest::newRow("unknown proxy mode") << Config::ProxyMode << QVariant(QStringLiteral("pac"));
    QTest::newRow("port 0") << Config::ProxyPort << QVariant(0);
    QTest::newRow("port 65536") << Config::ProxyPort << QVariant(65536);
    QTest::newRow("tiny body limit") << Config::MaxBodyBytes << QVariant(100);
    QTest::newRow("retention 10") << Config::HistoryRetention << QVariant(10);
    QTest::newRow("font size 200") << Config::EditorFontSize << QVariant(200);
    QTest::newRow("no value") << Config::Theme << QVariant();
}

void tst_Config::refuses()
{
    QFETCH(Config::Key, key);
    QFETCH(QVariant, value);
    QSettings settings(file("refuses.ini"), QSettings::IniFormat);
    Config config(&settings);
    QSignalSpy changed(&config, &Config::changed);
    QVERIFY(!Config::accepts(key, value));
    QVERIFY(!config.set(key, value));
    QCOMPARE(changed.count(), 0);
    QCOMPARE(config.get(key), Config::defaultValue(key));
}

void tst_Config::aHandEditedFileReadsAsDefaults()
{
    const QString path = file("edited.ini");
    {
        QSettings settings(path, QSettings::IniFormat);
        for (int i = 0; i < Config::KeyCount; ++i) {
            settings.setValue(Config::settingsName(Config::Key(i)), QStringLiteral("-999 nonsense"));
        }
        settings.setValue(Config::settingsName(Config::RequestMaxRedirects), QStringLiteral("4"));
    }
    QSettings settings(path, QSettings::IniFormat);
    const Config config(&settings);
    for (int i = 0; i < Config::KeyCount; ++i) {
        const auto key = Config::Key(i);
        if (key == Config::RequestMaxRedirects) {
            QCOMPARE(config.get(key), QVariant(4)); // a number written as text is a number
        } else if (Config::defaultValue(key).typeId() == QMetaType::QString &&
                   Config::choices(key).isEmpty()) {
            QCOMPARE(config.get(key), QVariant(QStringLiteral("-999 nonsense"))); // free text
        } else {
            QCOMPARE(config.get(key), Config::defaultValue(key));
        }
    }
}

void tst_Config::resetGoesBackToTheDefault()
{
    QSettings settings(file("reset.ini"), QSettings::IniFormat);
    Config config(&settings);
    QVERIFY(config.set(Config::Theme, QStringLiteral("light")));
    QSignalSpy changed(&config, &Config::changed);
    config.reset(Config::Theme);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(config.get(Config::Theme), QVariant(QStringLiteral("system")));
    QVERIFY(!settings.contains(Config::settingsName(Config::Theme)));
    config.reset(Config::Theme);
    QCOMPARE(changed.count(), 1);
}

void tst_Config::requestDefaultsFollowTheKeys()
{
    QSettings settings(file("request.ini"), QSettings::IniFormat);
    Config config(&settings);
    QCOMPARE(config.requestDefaults(), RequestSettings());
    config.set(Config::RequestTimeoutSeconds, 5);
    config.set(Config::RequestFollowRedirects, false);
    config.set(Config::RequestMaxRedirects, 2);
    config.set(Config::RequestVerifyTls, false);
    config.set(Config::RequestHttp2, false);
    config.set(Config::ProxyMode, QStringLiteral("manual"));
    config.set(Config::ProxyHost, QStringLiteral("127.0.0.1"));
    config.set(Config::ProxyPort, 3128);
    const RequestSettings got = config.requestDefaults();
    QCOMPARE(got.timeoutMs, 5000);
    QVERIFY(!got.followRedirects);
    QCOMPARE(got.maxRedirects, 2);
    QVERIFY(!got.verifyTls);
    QVERIFY(!got.allowHttp2);
    QCOMPARE(got.proxy.mode, ProxyMode::Manual);
    QCOMPARE(got.proxy.host, QStringLiteral("127.0.0.1"));
    QCOMPARE(got.proxy.port, quint16(3128));
    config.set(Config::ProxyMode, QStringLiteral("none"));
    QCOMPARE(config.requestDefaults().proxy.mode, ProxyMode::None);
    QVERIFY(config.requestDefaults().proxy.host.isEmpty());
}

QTEST_GUILESS_MAIN(tst_Config)
#include "tst_config.moc"
