#include "variablesyntax.h"

namespace ApiLens::Core {

namespace {

bool isSpace(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t');
}

// The reference starting at `open` ("{{"), or length 0 when there is none there.
VariableReference referenceAt(const QString &text, qsizetype open)
{
    qsizetype begin = open + 2;
    while (begin < text.size() && isSpace(text[begin])) {
        ++begin;
    }
    if (begin >= text.size() || text[begin] == QLatin1Char('{') || text[begin] == QLatin1Char('}') ||
        text[begin].isSpace()) {
        return {};
    }
    // Single braces inside are JavaScript ({{ JSON.stringify({a: 1}) }}, httpyac) and must pair
    // up; the first "}}" outside them ends the reference.
    int depth = 0;
    for (qsizetype i = begin; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c == QLatin1Char('}') && depth == 0) {
            if (i + 1 >= text.size() || text[i + 1] != QLatin1Char('}')) {
                return {};
            }
            qsizetype end = i;
            while (end > begin && isSpace(text[end - 1])) {
                --end;
            }
            return {open, i + 2 - open, text.mid(begin, end - begin)};
        }
        if (c == QLatin1Char('{')) {
            ++depth;
        } else if (c == QLatin1Char('}')) {
            --depth;
        } else if (c == QLatin1Char('\n')) {
            return {};
        }
    }
    return {};
}

} // namespace

QList<VariableReference> variableReferences(const QString &text)
{
    QList<VariableReference> references;
    for (qsizetype at = text.indexOf(QLatin1String("{{")); at >= 0;) {
        const VariableReference reference = referenceAt(text, at);
        if (reference.length > 0) {
            references.append(reference);
            at = text.indexOf(QLatin1String("{{"), at + reference.length);
        } else {
            at = text.indexOf(QLatin1String("{{"), at + 1);
        }
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
