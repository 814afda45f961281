#include "urlquery.h"

namespace ApiLens::Core::UrlQuery {

namespace {

struct Parts
{
    QString base;
    QString query;
    QString fragment;
    bool hasQuery = false;
};

Parts split(const QString &url)
{
    Parts parts;
    QString rest = url;
    const qsizetype hash = rest.indexOf(QLatin1Char('#'));
    if (hash >= 0) {
        parts.fragment = rest.mid(hash);
        rest.truncate(hash);
    }
    const qsizetype question = rest.indexOf(QLatin1Char('?'));
    if (question >= 0) {
        parts.hasQuery = true;
        parts.query = rest.mid(question + 1);
        rest.truncate(question);
    }
    parts.base = rest;
    return parts;
}

} // namespace

QList<KeyValue> parse(const QString &url)
{
    QList<KeyValue> params;
    const Parts parts = split(url);
    if (!parts.hasQuery || parts.query.isEmpty()) {
        return params;
    }
    const QStringList pairs = parts.query.split(QLatin1Char('&'));
    for (const QString &pair : pairs) {
        if (pair.isEmpty()) {
            continue;
        }
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        if (eq < 0) {
            params.append({pair, QString(), true});
        } else {
            params.append({pair.left(eq), pair.mid(eq + 1), true});
        }
    }
    return params;
}

QString withParams(const QString &url, const QList<KeyValue> &params)
{
    const Parts parts = split(url);
    QStringList pairs;
    for (const KeyValue &param : params) {
        if (!param.enabled || (param.name.isEmpty() && param.value.isEmpty())) {
            continue;
        }
        pairs.append(param.value.isEmpty() && !param.name.isEmpty()
                         ? param.name
                         : param.name + QLatin1Char('=') + param.value);
    }
    QString result = parts.base;
    if (!pairs.isEmpty()) {
        result += QLatin1Char('?') + pairs.join(QLatin1Char('&'));
    }
    return result + parts.fragment;
}

} // namespace ApiLens::Core::UrlQuery
