#include "graphql.h"

#include "bodyformatter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

namespace ApiLens::Core {

std::optional<QString> graphqlFragmentName(const QString &line)
{
    static const QRegularExpression fragment(QStringLiteral("^\\s*fragment\\s+([^\\s(]+)\\s+on\\s+"));
    const QRegularExpressionMatch m = fragment.match(line);
    return m.hasMatch() ? std::optional<QString>(m.captured(1)) : std::nullopt;
}

namespace {

const QRegularExpression &operationStart()
{
    // The operation's name is a GraphQL name ("query q{" names q; httpyac would send "q{", and
    // "{" for "query {", which servers refuse).
    static const QRegularExpression re(
        QStringLiteral("^\\s*(query|mutation)(?:\\s+([_A-Za-z][_0-9A-Za-z]*))?"));
    return re;
}

QByteArray jsonString(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

QByteArray firstLine(const QByteArray &body)
{
    const qsizetype nl = body.indexOf('\n');
    return nl < 0 ? body : body.left(nl);
}

} // namespace

bool isGraphqlRequest(const QString &method, const QByteArray &body)
{
    if (method.compare(QLatin1String("GRAPHQL"), Qt::CaseInsensitive) == 0) {
        return true;
    }
    return operationStart().match(QString::fromUtf8(firstLine(body))).hasMatch();
}

GraphqlPayload graphqlPayload(const QByteArray &body, const QList<GraphqlFragment> &fragments)
{
    // The operation runs to the first blank line; what follows is its variables.
    static const QRegularExpression blankLine(QStringLiteral("\\r?\\n[ \\t]*\\r?\\n"));
    const QString text = QString::fromUtf8(body);
    const QRegularExpressionMatch gap = blankLine.match(text);
    QString query = gap.hasMatch() ? text.left(gap.capturedStart()) : text;
    const QByteArray variables =
        gap.hasMatch() ? text.mid(gap.capturedEnd()).trimmed().toUtf8() : QByteArray();
    query.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    // Fragments in file order, each once, when the text so far spreads it (as httpyac does).
    for (const GraphqlFragment &fragment : fragments) {
        if (query.contains(QLatin1String("...") + fragment.name)) {
            query += QLatin1Char('\n') + fragment.text;
        }
    }
    // Written by hand so that the members come in httpyac's order and the variables keep their
    // own (QJsonObject sorts keys).
    QByteArray json = "{\"query\":" + jsonString(query);
    const QRegularExpressionMatch start = operationStart().match(query);
    if (start.hasMatch() && start.capturedLength(2) > 0) {
        json += ",\"operationName\":" + jsonString(start.captured(2));
    }
    if (!variables.isEmpty()) {
        // Any JSON value, as JSON.parse takes it.
        QJsonParseError error{};
        QJsonDocument::fromJson('[' + variables + ']', &error);
        if (error.error != QJsonParseError::NoError) {
            return {
                {},
                QStringLiteral("the GraphQL variables (after the blank line below the query) are not JSON: "
                               "%1 at character %2")
                    .arg(error.errorString())
                    .arg(qMax(1, error.offset))};
        }
        json += ",\"variables\":" + compactJson(variables);
    }
    return {json + '}', {}};
}

QString applyGraphql(RequestSpec *spec, const QList<GraphqlFragment> &fragments)
{
    const bool method = spec->method.compare(QLatin1String("GRAPHQL"), Qt::CaseInsensitive) == 0;
    const bool body = spec->body.kind == BodyKind::Raw && isGraphqlRequest(spec->method, spec->body.raw);
    if (!method && !body) {
        return {};
    }
    if (body) {
        const GraphqlPayload payload = graphqlPayload(spec->body.raw, fragments);
        if (!payload.error.isEmpty()) {
            return payload.error;
        }
        spec->body.raw = payload.json;
    }
    if (method) {
        spec->method = QStringLiteral("POST");
    }
    if (!hasHeader(spec->headers, QStringLiteral("Content-Type"))) {
        spec->headers.append({QStringLiteral("Content-Type"), QStringLiteral("application/json"), true});
        spec->body.contentType = QStringLiteral("application/json");
    }
    return {};
}

} // namespace ApiLens::Core
