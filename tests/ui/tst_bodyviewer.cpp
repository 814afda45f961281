#include "bodyviewer.h"

#include "http/bodyformatter.h"

#include <QApplication>
#include <QClipboard>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

using namespace ApiLens;
using namespace ApiLens::Ui;

class tst_BodyViewer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void showsAMillionLinesAndItsEnd();
    void goToLine_data();
    void goToLine();
    void selectsAndCopiesFromTheBytes();
    void aSpilledBodyIsMappedNotCopied();
    void aLongSingleLineIsCut();
    void hexShowsEveryByteOfABinaryBody();
    void aLongLineIsDrawnAsAShortOne_data();
    void aLongLineIsDrawnAsAShortOne();
    void folds_data();
    void folds();
    void foldingFromTheKeyboardAndGutter();
    void goToLineUnfolds();
};

namespace {

QByteArray numberedLines(int count)
{
    QByteArray text;
    text.reserve(count * 12);
    for (int i = 1; i <= count; ++i) {
        text += "line " + QByteArray::number(i) + '\n';
    }
    return text;
}

// {"a":{"b":[1,2]},"c":3} as Pretty shows it: lines 0 "{", 1 "a": {, 2 "b": [, 3 1, 4 2,
// 5 ], 6 }, 7 "c": 3, 8 }.
std::shared_ptr<const ViewerText> nestedJson()
{
    QByteArray out;
    Core::JsonIndenter indenter;
    indenter.feed(R"({"a":{"b":[1,2]},"c":3,"s":"x\n  }"})", &out);
    indenter.finish(&out);
    return ViewerText::fromBytes(out);
}

// Waits until a fold asked for is found (on a worker) and made.
bool foldAndWait(BodyViewer *viewer, qint64 line)
{
    QSignalSpy changed(viewer, &BodyViewer::foldsChanged);
    viewer->toggleFold(line);
    return changed.count() > 0 || changed.wait(5000);
}

} // namespace

void tst_BodyViewer::showsAMillionLinesAndItsEnd()
{
    BodyViewer viewer;
    viewer.resize(600, 400);
    viewer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&viewer));
    viewer.setText(ViewerText::fromBytes(numberedLines(1000000)));
    QCOMPARE(viewer.lineCount(), 1000000);
    QTest::keyClick(&viewer, Qt::Key_End, Qt::ControlModifier);
    QCOMPARE(viewer.firstVisibleLine() + viewer.visibleLines(), 1000000);
    QCOMPARE(viewer.text()->line(viewer.lineCount() - 1), QStringLiteral("line 1000000"));
    QTest::keyClick(&viewer, Qt::Key_Home, Qt::ControlModifier);
    QCOMPARE(viewer.firstVisibleLine(), 0);
    QTest::keyClick(&viewer, Qt::Key_PageDown);
    QCOMPARE(viewer.firstVisibleLine(), viewer.visibleLines());
    QVERIFY(!viewer.grab().isNull()); // paints the lines on screen only
}

void tst_BodyViewer::goToLine_data()
{
    QTest::addColumn<qint64>("line");
    QTest::addColumn<qint64>("top");
    QTest::newRow("the middle") << qint64(500000) << qint64(500000);
    QTest::newRow("past the end: as near as it goes") << qint64(5000000) << qint64(-1);
    QTest::newRow("before the start") << qint64(-3) << qint64(0);
}

void tst_BodyViewer::goToLine()
{
    QFETCH(qint64, line);
    QFETCH(qint64, top);
    BodyViewer viewer;
    viewer.resize(600, 400);
    viewer.show();
    viewer.setText(ViewerText::fromBytes(numberedLines(1000000)));
    viewer.goToLine(line);
    QCOMPARE(viewer.firstVisibleLine(), top >= 0 ? top : 1000000 - viewer.visibleLines());
}

void tst_BodyViewer::selectsAndCopiesFromTheBytes()
{
    BodyViewer viewer;
    viewer.resize(600, 400);
    viewer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&viewer));
    viewer.setText(ViewerText::fromBytes("{\n  \"name\": \"Zoë\",\r\n  \"n\": 1\n}"));
    QCOMPARE(viewer.lineCount(), 4);
    viewer.select({1, 3}, {2, 5});
    QCOMPARE(viewer.selectedText(), QStringLiteral("name\": \"Zoë\",\r\n  \"n\""));
    viewer.setFocus();
    QTest::keyClick(&viewer, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(&viewer, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("{\n  \"name\": \"Zoë\",\r\n  \"n\": 1\n}"));
    // A drag with the mouse selects from where it was pressed to where it is.
    QTest::mousePress(viewer.viewport(), Qt::LeftButton, {}, QPoint(viewer.viewport()->width() - 2, 2));
    QTest::mouseMove(viewer.viewport(),
                     QPoint(viewer.viewport()->width() - 2, viewer.fontMetrics().lineSpacing() * 3 + 2));
    QTest::mouseRelease(viewer.viewport(), Qt::LeftButton, {},
                        QPoint(viewer.viewport()->width() - 2, viewer.fontMetrics().lineSpacing() * 3 + 2));
    QCOMPARE(viewer.selectedText(), QStringLiteral("\n  \"name\": \"Zoë\",\r\n  \"n\": 1\n}"));
}

void tst_BodyViewer::aSpilledBodyIsMappedNotCopied()
{
    Core::ResponseBody::Writer writer(1024);
    QString error;
    const QByteArray text = numberedLines(200000);
    QVERIFY(writer.append(text, &error));
    const Core::ResponseBody body = writer.finish();
    QVERIFY(!body.isInMemory());
    const std::shared_ptr<const ViewerText> viewed = ViewerText::fromBody(body);
    QCOMPARE(viewed->lineCount(), 200000);
    QVERIFY(viewed->bytes().data() != text.constData());
    QCOMPARE(viewed->line(123456), QStringLiteral("line 123457"));
}

void tst_BodyViewer::aLongSingleLineIsCut()
{
    // 1 MB of minified JSON on one line is 256 display lines of 4 KB: it scrolls like any text.
    BodyViewer viewer;
    viewer.resize(600, 400);
    viewer.show();
    viewer.setText(ViewerText::fromBytes(QByteArray(1 << 20, 'x')));
    QCOMPARE(viewer.lineCount(), 256);
    QVERIFY(viewer.horizontalScrollBar()->maximum() > 0);
    QVERIFY(!viewer.grab().isNull());
}

void tst_BodyViewer::hexShowsEveryByteOfABinaryBody()
{
    // 3 MB of binary, spilled to its file: every row is there, made as it is painted, and
    // matches (byte offsets, as a find in Raw gives) are marked in both columns.
    QByteArray bytes(3 << 20, '\0');
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        bytes[i] = char((i * 131) >> 3);
    }
    bytes.replace(bytes.size() - 20, 4, "PNG!");
    Core::ResponseBody::Writer writer(1024);
    QString error;
    QVERIFY(writer.append(bytes, &error));
    const Core::ResponseBody body = writer.finish();
    QVERIFY(!body.isInMemory());
    const std::shared_ptr<const ViewerText> hex = ViewerText::hexOf(body);
    QVERIFY(hex->isHex());
    QCOMPARE(hex->lineCount(), (3 << 20) / 16);
    const Core::HexLayout layout(bytes.size());
    const qint64 last = hex->lineCount() - 1;
    QCOMPARE(hex->line(last), layout.row(QByteArrayView(bytes).last(16), bytes.size() - 16));
    QVERIFY(hex->line(last - 1).endsWith(QStringLiteral("PNG!")));
    QCOMPARE(hex->lineAt(bytes.size() - 20), last - 1);
    QCOMPARE(hex->offsetOf(last, layout.asciiColumn(3)), bytes.size() - 13);

    BodyViewer viewer;
    viewer.resize(900, 400);
    viewer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&viewer));
    viewer.setText(hex);
    const qint64 at = bytes.size() - 20;
    viewer.setMatches({Core::FindMatch{at, 4}});
    viewer.showMatch(0);
    QVERIFY(viewer.firstVisibleLine() <= hex->lineAt(at));
    QVERIFY(hex->lineAt(at) < viewer.firstVisibleLine() + viewer.visibleLines());
    // The selection is the match's hex digits; a copy is what is shown.
    QCOMPARE(viewer.selectedText(), QStringLiteral("50 4e 47 21"));
    viewer.select({0, 0}, {1, layout.width()});
    QCOMPARE(viewer.selectedText(), hex->line(0) + QLatin1Char('\n') + hex->line(1));
    QVERIFY(!viewer.grab().isNull());
}

void tst_BodyViewer::aLongLineIsDrawnAsAShortOne_data()
{
    QTest::addColumn<int>("shift");
    QTest::newRow("at its start") << 0;
    QTest::newRow("scrolled into it") << 1000;
}

void tst_BodyViewer::aLongLineIsDrawnAsAShortOne()
{
    // Of a 4 KB display line only the columns on screen are laid out: what shows is what the
    // whole line laid out would show (a 300-character line, laid out whole, is the reference).
    QFETCH(int, shift);
    QByteArray longLine;
    for (int i = 0; longLine.size() < 4000; ++i) {
        longLine += "{\"id\":" + QByteArray::number(i) + ",\"n\":\"é\"},";
    }
    longLine.truncate(4000);
    QByteArray shortLine = longLine.left(300);
    while (QString::fromUtf8(shortLine).size() > 300 || (uchar(shortLine.back()) & 0xC0) == 0xC0) {
        shortLine.chop(1);
    }
    const auto shown = [shift](const QByteArray &line) {
        BodyViewer viewer;
        viewer.resize(600, 120);
        viewer.setText(ViewerText::fromBytes(line + '\n' + line));
        viewer.show();
        viewer.horizontalScrollBar()->setValue(shift);
        viewer.select({1, 5}, {1, 200}); // the selection is drawn where the text is
        return viewer.viewport()->grab().toImage();
    };
    const QImage whole = shown(shortLine);
    const QImage windowed = shown(longLine);
    QCOMPARE(windowed.size(), whole.size());
    // The columns both lines have: the left part of the viewport (the short line ends at 300).
    const int width = std::min(
        whole.width(), 300 * QFontMetrics(BodyViewer().font()).horizontalAdvance(QLatin1Char('M')) - shift);
    QVERIFY(width > 100);
    qint64 differing = 0;
    for (int y = 0; y < whole.height(); ++y) {
        for (int x = 0; x < width; ++x) {
            differing += whole.pixel(x, y) != windowed.pixel(x, y) ? 1 : 0;
        }
    }
    QCOMPARE(differing, 0);
}

void tst_BodyViewer::folds_data()
{
    QTest::addColumn<QList<qint64>>("fold");     // lines folded, in this order
    QTest::addColumn<qint64>("rows");            // rows shown then
    QTest::addColumn<QList<qint64>>("rowLines"); // the line on each row
    QTest::newRow("nothing") << QList<qint64>{} << qint64(10) << QList<qint64>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    QTest::newRow("the array") << QList<qint64>{2} << qint64(7) << QList<qint64>{0, 1, 2, 6, 7, 8, 9};
    QTest::newRow("the object around it") << QList<qint64>{2, 1} << qint64(5) << QList<qint64>{0, 1, 7, 8, 9};
    QTest::newRow("everything") << QList<qint64>{0} << qint64(1) << QList<qint64>{0};
    QTest::newRow("a value does not fold")
        << QList<qint64>{3, 7} << qint64(10) << QList<qint64>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
}

void tst_BodyViewer::folds()
{
    QFETCH(QList<qint64>, fold);
    QFETCH(qint64, rows);
    QFETCH(QList<qint64>, rowLines);
    BodyViewer viewer;
    viewer.resize(600, 400);
    viewer.setFoldable(true);
    viewer.setText(nestedJson());
    QCOMPARE(viewer.lineCount(), 10);
    QCOMPARE(viewer.text()->line(8), QStringLiteral("  \"s\": \"x\\n  }\""));
    for (qint64 line : fold) {
        if (viewer.isFoldable(line)) {
            QVERIFY(foldAndWait(&viewer, line));
        } else {
            viewer.toggleFold(line); // nothing to wait for
        }
    }
    QCOMPARE(viewer.rowCount(), rows);
    for (qint64 row = 0; row < rows; ++row) {
        QCOMPARE(viewer.lineOfRow(row), rowLines[row]);
        QCOMPARE(viewer.rowOfLine(rowLines[row]), row);
    }
    QVERIFY(!viewer.grab().isNull());
    viewer.unfoldAll();
    QCOMPARE(viewer.rowCount(), 10);
}

void tst_BodyViewer::foldingFromTheKeyboardAndGutter()
{
    BodyViewer viewer;
    viewer.resize(600, 400);
    viewer.setFoldable(true);
    viewer.setText(nestedJson());
    viewer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&viewer));
    const int height = viewer.fontMetrics().lineSpacing();
    // The cursor on line 1 ("a": {), then Ctrl+Shift+[ folds it and Ctrl+Shift+] opens it.
    QTest::mouseClick(viewer.viewport(), Qt::LeftButton, {}, QPoint(200, height + height / 2));
    QSignalSpy changed(&viewer, &BodyViewer::foldsChanged);
    QTest::keyClick(&viewer, Qt::Key_BracketLeft, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(changed.wait(5000));
    QVERIFY(viewer.isFolded(1));
    QCOMPARE(viewer.rowCount(), 5);
    QTest::keyClick(&viewer, Qt::Key_BracketRight, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(!viewer.isFolded(1));
    QCOMPARE(viewer.rowCount(), 10);
    // The arrow in the gutter, on line 2 ("b": [).
    // Its column: after the numbers (two digits and a space, 8 px), as wide as a line is high.
    const QFontMetrics metrics = viewer.fontMetrics();
    const int arrowX = 3 * metrics.horizontalAdvance(QLatin1Char('9')) + 8 + metrics.height() / 2 - 4;
    QTest::mouseClick(viewer.viewport(), Qt::LeftButton, {}, QPoint(arrowX, 2 * height + height / 2));
    QVERIFY(changed.wait(5000));
    QVERIFY(viewer.isFolded(2));
    QCOMPARE(viewer.rowCount(), 7);
}

void tst_BodyViewer::goToLineUnfolds()
{
    BodyViewer viewer;
    viewer.resize(600, 400);
    viewer.setFoldable(true);
    viewer.setText(nestedJson());
    QVERIFY(foldAndWait(&viewer, 1));
    QCOMPARE(viewer.rowCount(), 5);
    viewer.goToLine(4); // inside the fold
    QVERIFY(!viewer.isFolded(1));
    QCOMPARE(viewer.rowCount(), 10);
    QCOMPARE(viewer.firstVisibleLine(), 0); // all ten lines fit: nothing to scroll
}

QTEST_MAIN(tst_BodyViewer)
#include "tst_bodyviewer.moc"
