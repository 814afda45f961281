// Django REST framework (formats.md §3.15): {"detail": "…"} alone, or a map of field -> list of
// messages, nested objects and lists flattened to "items[0].qty".

#include "readers.h"

#include <functional>

namespace ApiLens::Core::Errors::Readers {

namespace {

// DRF: nested objects join with '.', list indices with [i].
// `field` is the dotted name so far, `pointer` where the value sits (for key order).
void flattenDrf(const QJsonValue &value, const QString &field, const QString &pointer, const KeyOrder &order,
                QList<FieldError> *out)
{
    if (value.isString()) {
        out->append({field.isEmpty() ? std::nullopt : std::optional<QString>(field), value.toString()});
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        bool allStrings = true;
        for (const QJsonValue &item : array) {
            allStrings = allStrings && item.isString();
        }
        for (int i = 0; i < array.size(); ++i) {
            flattenDrf(array[i], allStrings ? field : QStringLiteral("%1[%2]").arg(field).arg(i),
                       pointer + QLatin1Char('/') + QString::number(i), order, out);
        }
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (const QString &key : order.keys(pointer, object)) {
            flattenDrf(object.value(key), field.isEmpty() ? key : field + QLatin1Char('.') + key,
                       childPath(pointer, key), order, out);
        }
    }
}

bool isDrfMap(const QJsonObject &object)
{
    // field -> list of strings, or nested objects/lists of them.
    std::function<bool(const QJsonValue &, int)> ok = [&ok](const QJsonValue &value, int depth) {
        if (depth > 32) {
            return false;
        }
        if (value.isString()) {
            return depth > 0;
        }
        if (value.isArray()) {
            for (const QJsonValue &item : value.toArray()) {
                if (!ok(item, depth + 1)) {
                    return false;
                }
            }
            return !value.toArray().isEmpty();
        }
        if (value.isObject()) {
            for (const QJsonValue &item : value.toObject()) {
                if (!ok(item, depth + 1)) {
                    return false;
                }
            }
            return depth > 1 || !value.toObject().isEmpty(); // DRF gives {} for list items without errors
        }
        return false;
    };
    if (object.isEmpty()) {
        return false;
    }
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!it.value().isArray() && !it.value().isObject()) {
            return false;
        }
        if (!ok(it.value(), 1)) {
            return false;
        }
    }
    return true;
}

bool detect(const ErrorBody &body)
{
    const QJsonObject &o = body.object;
    return (o.size() == 1 && o.value(QStringLiteral("detail")).isString()) || isDrfMap(o);
}

void read(const ErrorBody &body, Reading *r)
{
    const QJsonObject &o = body.object;
    if (o.value(QStringLiteral("detail")).isString()) {
        r->report.message = o.value(QStringLiteral("detail")).toString();
    } else {
        flattenDrf(o, QString(), QString(), *body.order, &r->report.fieldErrors);
    }
}

} // namespace

const ErrorReader drf{"drf", "Django REST framework error", Shape::JsonObject, detect, read};

} // namespace ApiLens::Core::Errors::Readers
