#include "variablesyntax.h"

#include <QRegularExpression>

namespace ApiLens::Core {

namespace {

const QRegularExpression &referencePattern()
{
    static const QRegularExpression pattern(QStringLiteral("\\{\\{\\s*([^{}\\s][^{}]*?)\\s*\\}\\}"));
    return pattern;
}

} // namespace

QList<VariableReference> variableReferences(const QString &text)
{
    QList<VariableReference> references;
    if (!text.contains(QLatin1String("{{"))) {
        return references;
    }
    for (auto it = referencePattern().globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        references.append({match.capturedStart(), match.capturedLength(), match.captured(1)});
    }
    return references;
}

QStringList variableNames(const QString &text)
{
    QStringList names;
    for (const VariableReference &reference : variableReferences(text)) {
        if (!names.contains(reference.expression)) {
            names.append(reference.expression);
        }
    }
    return names;
}

QString replaceVariables(const QString &text,
                         const std::function<std::optional<QString>(const QString &expression)> &value)
{
    QString out;
    qsizetype last = 0;
    for (const VariableReference &reference : variableReferences(text)) {
        out += QStringView(text).mid(last, reference.start - last);
        const std::optional<QString> replacement = value(reference.expression);
        out +=
            replacement ? *replacement : QStringView(text).mid(reference.start, reference.length).toString();
        last = reference.start + reference.length;
    }
    return last == 0 ? text : out + QStringView(text).mid(last);
}

QByteArray encodeKeepingVariables(const QString &text, QByteArray (*encode)(const QString &))
{
    QByteArray out;
    qsizetype last = 0;
    for (const VariableReference &reference : variableReferences(text)) {
        out += encode(text.mid(last, reference.start - last)) +
               text.mid(reference.start, reference.length).toUtf8();
        last = reference.start + reference.length;
    }
    return out + encode(text.mid(last));
}

} // namespace ApiLens::Core
