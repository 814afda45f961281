#include "http/textfind.h"

#include <QTest>

using namespace ApiLens::Core;

class tst_TextFind : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void finds_data();
    void finds();
    void acrossPieces();
    void firstIsToldAndCancelStops();
    void manyMatchesAreCountedPastTheKeptOnes();
};

namespace {

FindResult find(const QByteArray &text, const FindQuery &query)
{
    return findAll(text, query);
}

} // namespace

void tst_TextFind::finds_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("query");
    QTest::addColumn<bool>("matchCase");
    QTest::addColumn<bool>("wholeWord");
    QTest::addColumn<bool>("regex");
    QTest::addColumn<QList<qint64>>("offsets");
    QTest::addColumn<QString>("error");
    const QByteArray text = "Error: error_code=42\nAn ERROR, errors; error.\n\"naïve\": \"Zoë 7\"";
    QTest::newRow("plain, any case") << text << "error" << false << false << false
                                     << QList<qint64>{0, 7, 24, 31, 39} << QString();
    QTest::newRow("plain, match case")
        << text << "error" << true << false << false << QList<qint64>{7, 31, 39} << QString();
    QTest::newRow("whole words") << text << "error" << false << true << false << QList<qint64>{0, 24, 39}
                                 << QString();
    QTest::newRow("regex, offsets in bytes after UTF-8")
        << text << "Zo. \\d" << true << false << true << QList<qint64>{57} << QString();
    QTest::newRow("regex, whole word, any case")
        << text << "err\\w*" << false << true << true << QList<qint64>{0, 7, 24, 31, 39} << QString();
    QTest::newRow("UTF-8 needle") << text << QStringLiteral("naïve") << true << false << false
                                  << QList<qint64>{47} << QString();
    QTest::newRow("bad regex") << text << "(unclosed" << false << false << true << QList<qint64>{}
                               << "not a regular expression: missing closing parenthesis (at character 10)";
    QTest::newRow("nothing") << text << "absent" << false << false << false << QList<qint64>{} << QString();
}

void tst_TextFind::finds()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, query);
    QFETCH(bool, matchCase);
    QFETCH(bool, wholeWord);
    QFETCH(bool, regex);
    QFETCH(QList<qint64>, offsets);
    QFETCH(QString, error);
    const FindResult result = find(text, {query, matchCase, wholeWord, regex});
    QList<qint64> got;
    for (const FindMatch &match : result.matches) {
        got.append(match.offset);
    }
    QCOMPARE(got, offsets);
    QCOMPARE(result.count, qint64(offsets.size()));
    QCOMPARE(result.error, error);
}

void tst_TextFind::acrossPieces()
{
    // The text is read in 4 MB pieces: a match that straddles two is found once.
    QByteArray text(4 * 1024 * 1024 - 3, 'x');
    text += "needle";
    text += QByteArray(1000, 'y') + "needle";
    const FindResult result = find(text, {QStringLiteral("NEEDLE"), false, false, false});
    QCOMPARE(result.count, 2);
    QCOMPARE(result.matches[0].offset, qint64(4 * 1024 * 1024 - 3));
    QCOMPARE(result.matches[1].length, 6);
}

void tst_TextFind::firstIsToldAndCancelStops()
{
    const QByteArray text = QByteArray(100, 'a') + "hit" + QByteArray(100, 'b') + "hit";
    FindMatch told{-1, 0};
    const FindResult result = findAll(text, {QStringLiteral("hit")}, nullptr, [&](FindMatch m) { told = m; });
    QCOMPARE(told.offset, qint64(100));
    QCOMPARE(result.count, 2);
    const std::atomic_bool cancel{true};
    QVERIFY(findAll(text, {QStringLiteral("hit")}, &cancel).cancelled);
}

void tst_TextFind::manyMatchesAreCountedPastTheKeptOnes()
{
    const QByteArray text(FindResult::MaxKept + 500, 'a');
    const FindResult result = find(text, {QStringLiteral("a"), true});
    QCOMPARE(result.count, qint64(FindResult::MaxKept + 500));
    QCOMPARE(result.matches.size(), FindResult::MaxKept);
}

QTEST_GUILESS_MAIN(tst_TextFind)
#include "tst_textfind.moc"
