#include "assertion.h"

#include "variables.h"

#include "util/format.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace ApiLens::Core {

namespace {

const QStringList operators = {
    QStringLiteral("=="),       QStringLiteral("!="),       QStringLiteral("<="),
    QStringLiteral(">="),       QStringLiteral("<"),        QStringLiteral(">"),
    QStringLiteral("includes"), QStringLiteral("contains"), QStringLiteral("startsWith"),
    QStringLiteral("endsWith"), QStringLiteral("matches"),  QStringLiteral("exists"),
    QStringLiteral("isTrue"),   QStringLiteral("isFalse")};

QString unquote(QString text)
{
    text = text.trimmed();
    if (text.size() >= 2 && ((text.startsWith(QLatin1Char('"')) && text.endsWith(QLatin1Char('"'))) ||
                             (text.startsWith(QLatin1Char('\'')) && text.endsWith(QLatin1Char('\''))))) {
        return text.mid(1, text.size() - 2);
    }
    return text;
}

bool compare(const QString &actual, const QString &op, const QString &expected, bool *ok)
{
    *ok = true;
    bool actualNumber = false;
    bool expectedNumber = false;
    const double a = actual.toDouble(&actualNumber);
    const double e = expected.toDouble(&expectedNumber);
    const bool numeric = actualNumber && expectedNumber;
    if (op == QLatin1String("==")) {
        return numeric ? a == e : actual == expected;
    }
    if (op == QLatin1String("!=")) {
        return numeric ? a != e : actual != expected;
    }
    if (op == QLatin1String("<") || op == QLatin1String("<=") || op == QLatin1String(">") ||
        op == QLatin1String(">=")) {
        if (!numeric) {
            *ok = false;
            return false;
        }
        return op == QLatin1String("<")    ? a < e
               : op == QLatin1String("<=") ? a <= e
               : op == QLatin1String(">")  ? a > e
                                           : a >= e;
    }
    if (op == QLatin1String("includes") || op == QLatin1String("contains")) {
        return actual.contains(expected);
    }
    if (op == QLatin1String("startsWith")) {
        return actual.startsWith(expected);
    }
    if (op == QLatin1String("endsWith")) {
        return actual.endsWith(expected);
    }
    if (op == QLatin1String("matches")) {
        const QRegularExpression re(expected);
        *ok = re.isValid();
        return re.isValid() && re.match(actual).hasMatch();
    }
    if (op == QLatin1String("isTrue")) {
        return actual == QLatin1String("true");
    }
    if (op == QLatin1String("isFalse")) {
        return actual == QLatin1String("false");
    }
    *ok = false;
    return false;
}

} // namespace

AssertionResult evaluateAssertion(const QString &assertion, const Exchange &exchange)
{
    AssertionResult result;
    result.assertion = assertion.trimmed();
    QStringList words = result.assertion.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const QString subject = words.value(0);
    if (subject == QLatin1String("js")) {
        result.message = QStringLiteral("script assertions are not run");
        return result;
    }
    if (!exchange.hasResponse()) {
        result.outcome = AssertionResult::Outcome::Failed;
        result.message = QStringLiteral("no response: %1").arg(exchange.errorMessage);
        return result;
    }
    static const QStringList subjects = {QStringLiteral("status"), QStringLiteral("header"),
                                         QStringLiteral("body"), QStringLiteral("duration")};
    if (!subjects.contains(subject)) {
        result.message =
            QStringLiteral("unknown subject '%1': use status, header, body or duration").arg(subject);
        return result;
    }
    // subject [argument] operator [expected...]
    QString argument;
    int opIndex = 1;
    if (subject == QLatin1String("header") ||
        (subject == QLatin1String("body") && words.value(1).startsWith(QLatin1Char('$')))) {
        argument = words.value(1);
        opIndex = 2;
    }
    const QString op = words.value(opIndex);
    if (!operators.contains(op)) {
        result.message = QStringLiteral("cannot read '%1': expected an operator such as == or includes")
                             .arg(result.assertion);
        return result;
    }
    const QString expected = unquote(words.mid(opIndex + 1).join(QLatin1Char(' ')));

    std::optional<QString> actual;
    if (subject == QLatin1String("status")) {
        actual = QString::number(exchange.status);
    } else if (subject == QLatin1String("duration")) {
        actual = QString::number(qRound64(exchange.timings.totalMs()));
    } else if (subject == QLatin1String("header")) {
        const QByteArray value = exchange.header(argument.toLatin1());
        if (!value.isNull()) {
            actual = QString::fromUtf8(value);
        }
    } else if (subject == QLatin1String("body")) {
        const std::optional<QByteArray> body = readableBody(exchange);
        if (!body) {
            result.message = QStringLiteral("the body is %1: body assertions read bodies of up to %2")
                                 .arg(humanSize(exchange.body.size()), humanSize(ReadBodyLimitBytes));
            return result;
        }
        if (argument.isEmpty()) {
            actual = QString::fromUtf8(*body);
        } else {
            const QJsonDocument document = QJsonDocument::fromJson(*body);
            const QJsonValue root =
                document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
            if (const auto found = jsonPath(root, argument)) {
                actual = jsonValueText(*found);
            }
        }
    }

    if (op == QLatin1String("exists")) {
        result.outcome = actual ? AssertionResult::Outcome::Passed : AssertionResult::Outcome::Failed;
        if (!actual) {
            result.message = QStringLiteral("%1 is absent").arg(argument.isEmpty() ? subject : argument);
        }
        return result;
    }
    if (!actual) {
        result.outcome = AssertionResult::Outcome::Failed;
        result.message = QStringLiteral("%1 is absent").arg(argument.isEmpty() ? subject : argument);
        return result;
    }
    bool ok = true;
    const bool passed = compare(*actual, op, expected, &ok);
    if (!ok) {
        result.outcome = AssertionResult::Outcome::Failed;
        result.message = QStringLiteral("cannot compare '%1' %2 '%3'").arg(actual->left(80), op, expected);
        return result;
    }
    result.outcome = passed ? AssertionResult::Outcome::Passed : AssertionResult::Outcome::Failed;
    if (!passed) {
        result.message = QStringLiteral("got %1").arg(
            actual->size() > 120 ? actual->left(117) + QStringLiteral("…") : *actual);
    }
    return result;
}

} // namespace ApiLens::Core
