#include "collections/variablesyntax.h"

#include <QTest>

using namespace ApiLens::Core;

// The one {{variable}} grammar.
class tst_VariableSyntax : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void references_data();
    void references();
};

void tst_VariableSyntax::references_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expressions"); // "start+length:expression"
    QTest::newRow("name") << QStringLiteral("{{host}}/x") << QStringList{QStringLiteral("0+8:host")};
    QTest::newRow("spaces") << QStringLiteral("a {{  host \t}}") << QStringList{QStringLiteral("2+12:host")};
    QTest::newRow("dynamic with arguments")
        << QStringLiteral("{{$randomInt 1 9}}") << QStringList{QStringLiteral("0+18:$randomInt 1 9")};
    QTest::newRow("two") << QStringLiteral("{{a}}{{b}}")
                         << QStringList{QStringLiteral("0+5:a"), QStringLiteral("5+5:b")};
    QTest::newRow("JavaScript with braces")
        << QStringLiteral("{\"j\": {{ JSON.stringify({a: [1, 2]}) }}}")
        << QStringList{QStringLiteral("6+33:JSON.stringify({a: [1, 2]})")};
    QTest::newRow("triple braces: the inner pair")
        << QStringLiteral("{{{x}}}") << QStringList{QStringLiteral("1+5:x")};
    QTest::newRow("unbalanced brace inside") << QStringLiteral("{{ a } }}") << QStringList{};
    QTest::newRow("no expression") << QStringLiteral("{{ }} {{}}") << QStringList{};
    QTest::newRow("not across lines") << QStringLiteral("{{a\nb}}") << QStringList{};
    QTest::newRow("unterminated") << QStringLiteral("{{host") << QStringList{};
    QTest::newRow("plain braces") << QStringLiteral("{\"a\": {\"b\": 1}}") << QStringList{};
}

void tst_VariableSyntax::references()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expressions);
    QStringList found;
    for (const VariableReference &reference : variableReferences(text)) {
        found.append(
            QStringLiteral("%1+%2:%3").arg(reference.start).arg(reference.length).arg(reference.expression));
    }
    QCOMPARE(found, expressions);
}

QTEST_GUILESS_MAIN(tst_VariableSyntax)
#include "tst_variablesyntax.moc"
