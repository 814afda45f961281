#include "catalog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStandardPaths>

#include <algorithm>

namespace ApiLens::Core {

namespace {

Retry parseRetry(const QString &text, bool *ok)
{
    *ok = true;
    if (text.isEmpty()) {
        return Retry::Unknown;
    }
    if (text == QLatin1String("no")) {
        return Retry::No;
    }
    if (text == QLatin1String("yes")) {
        return Retry::Yes;
    }
    if (text == QLatin1String("after-wait")) {
        return Retry::AfterWait;
    }
    if (text == QLatin1String("after-fix")) {
        return Retry::AfterFix;
    }
    *ok = false;
    return Retry::Unknown;
}

int lineOf(const QByteArray &data, int offset)
{
    return int(data.left(offset).count('\n')) + 1;
}

// Collects problems with their place; each check returns the value or a default.
class Checker
{
public:
    Checker(const QString &source, QStringList *errors)
        : m_source(source)
        , m_errors(errors)
    {}

    QString string(const QJsonObject &object, const char *key, const QString &where, bool required)
    {
        const QJsonValue value = object.value(QLatin1String(key));
        if (value.isUndefined() || value.isNull()) {
            if (required) {
                fail(where, QStringLiteral("'%1' is missing").arg(QLatin1String(key)));
            }
            return {};
        }
        if (!value.isString()) {
            fail(where, QStringLiteral("'%1' must be a string").arg(QLatin1String(key)));
            return {};
        }
        return value.toString();
    }

    int statusCode(const QJsonObject &object, const QString &where, bool required)
    {
        const QJsonValue value = object.value(QStringLiteral("code"));
        if (value.isUndefined() && !required) {
            return 0;
        }
        const int code = value.toInt(-1);
        if (!value.isDouble() || code < 100 || code > 599 || double(code) != value.toDouble()) {
            fail(where, QStringLiteral("'code' must be a status code from 100 to 599"));
            return 0;
        }
        return code;
    }

    Retry retry(const QJsonObject &object, const QString &where)
    {
        bool ok = true;
        const Retry retry = parseRetry(string(object, "retry", where, false), &ok);
        if (!ok) {
            fail(where, QStringLiteral("'retry' must be one of no, yes, after-wait, after-fix"));
        }
        return retry;
    }

    QJsonArray array(const QJsonObject &object, const char *key, const QString &where)
    {
        const QJsonValue value = object.value(QLatin1String(key));
        if (value.isUndefined()) {
            return {};
        }
        if (!value.isArray()) {
            fail(where, QStringLiteral("'%1' must be an array").arg(QLatin1String(key)));
            return {};
        }
        return value.toArray();
    }

    void fail(const QString &where, const QString &what)
    {
        m_errors->append(where.isEmpty() ? QStringLiteral("%1: %2").arg(m_source, what)
                                         : QStringLiteral("%1: %2: %3").arg(m_source, where, what));
        m_failed = true;
    }

    bool failed() const { return m_failed; }

private:
    QString m_source;
    QStringList *m_errors;
    bool m_failed = false;
};

bool sameCode(const QJsonValue &a, const QJsonValue &b)
{
    if (a.isDouble() && b.isDouble()) {
        return a.toDouble() == b.toDouble();
    }
    if (a.isString() && b.isString()) {
        return a.toString().compare(b.toString(), Qt::CaseInsensitive) == 0;
    }
    return false;
}

} // namespace

QString retryText(Retry retry)
{
    switch (retry) {
    case Retry::No:
        return QStringLiteral("Retrying the same request will not help.");
    case Retry::Yes:
        return QStringLiteral("Retrying can help: it is often temporary (back off between tries).");
    case Retry::AfterWait:
        return QStringLiteral("Retry after waiting as long as the server asks.");
    case Retry::AfterFix:
        return QStringLiteral("Change the request before sending it again.");
    case Retry::Unknown:
        break;
    }
    return {};
}

const VendorStatus *VendorProfile::status(int code) const
{
    for (const VendorStatus &entry : statuses) {
        if (entry.code == code) {
            return &entry;
        }
    }
    return nullptr;
}

const CodeEntry *VendorProfile::code(const QJsonValue &value) const
{
    for (auto it = codes.crbegin(); it != codes.crend(); ++it) {
        if (sameCode(it->code, value)) {
            return &*it;
        }
    }
    return nullptr;
}

bool Catalog::loadBuiltin(QStringList *errors)
{
    return loadDirectory(QStringLiteral(":/catalog"), errors);
}

bool Catalog::loadBuiltinAndUser(QStringList *errors)
{
    bool ok = loadBuiltin(errors);
    const QString user = userDirectory();
    if (QFileInfo::exists(user)) {
        ok = loadDirectory(user, errors) && ok;
    }
    return ok;
}

bool Catalog::loadCollection(const QString &folder, QStringList *errors)
{
    const QString path = QDir(folder).filePath(collectionFileName());
    return !QFileInfo::exists(path) || loadFile(path, errors);
}

QString Catalog::userDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/ApiLens/catalog");
}

bool Catalog::loadDirectory(const QString &path, QStringList *errors)
{
    const QDir dir(path);
    if (!dir.exists()) {
        errors->append(QStringLiteral("%1: no such catalog folder").arg(path));
        return false;
    }
    bool ok = true;
    // http-status first so vendor files can refer to it; then by name.
    QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    std::stable_sort(files.begin(), files.end(), [](const QString &a, const QString &b) {
        return a.startsWith(QLatin1String("http-status")) && !b.startsWith(QLatin1String("http-status"));
    });
    for (const QString &file : files) {
        ok = loadFile(dir.filePath(file), errors) && ok;
    }
    return ok;
}

bool Catalog::loadFile(const QString &path, QStringList *errors)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        errors->append(QStringLiteral("%1: %2").arg(path, file.errorString()));
        return false;
    }
    const QString name =
        path.startsWith(QLatin1Char(':')) ? QStringLiteral("built-in ") + QFileInfo(path).fileName() : path;
    return loadData(file.readAll(), name, errors);
}

bool Catalog::loadData(const QByteArray &json, const QString &source, QStringList *errors)
{
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        errors->append(QStringLiteral("%1:%2: %3")
                           .arg(source)
                           .arg(lineOf(json, parseError.offset))
                           .arg(parseError.errorString()));
        return false;
    }
    if (!document.isObject()) {
        errors->append(QStringLiteral("%1: a catalog is a JSON object").arg(source));
        return false;
    }
    const QJsonObject root = document.object();
    Checker check(source, errors);
    if (root.value(QStringLiteral("version")).toInt() != Version) {
        check.fail(
            {}, QStringLiteral("'version' must be %1 (this ApiLens reads catalog version %1)").arg(Version));
        return false;
    }
    const QString kind = check.string(root, "kind", {}, true);
    QList<StatusEntry> statuses;
    VendorProfile vendor;
    if (kind == QLatin1String("status-codes")) {
        const QJsonArray list = check.array(root, "statuses", {});
        for (int i = 0; i < list.size(); ++i) {
            const QString where = QStringLiteral("statuses[%1]").arg(i);
            const QJsonObject o = list[i].toObject();
            StatusEntry entry;
            entry.code = check.statusCode(o, where, true);
            entry.reason = check.string(o, "reason", where, true);
            entry.spec = check.string(o, "spec", where, false);
            entry.registry = check.string(o, "registry", where, false);
            entry.vendor = check.string(o, "vendor", where, false);
            entry.description = check.string(o, "description", where, true);
            entry.expect = check.string(o, "expect", where, false);
            entry.tryText = check.string(o, "try", where, false);
            entry.retry = check.retry(o, where);
            entry.source = source;
            statuses.append(entry);
        }
    } else if (kind == QLatin1String("vendor")) {
        vendor.id = check.string(root, "id", {}, true);
        vendor.name = check.string(root, "name", {}, true);
        vendor.docs = check.string(root, "docs", {}, false);
        vendor.body = check.string(root, "body", {}, false);
        vendor.source = source;
        for (const QJsonValue &format : check.array(root, "formats", {})) {
            vendor.formats.append(format.toString());
        }
        const QJsonArray statusList = check.array(root, "statuses", {});
        for (int i = 0; i < statusList.size(); ++i) {
            const QString where = QStringLiteral("statuses[%1]").arg(i);
            const QJsonObject o = statusList[i].toObject();
            vendor.statuses.append({check.statusCode(o, where, true), check.string(o, "name", where, false),
                                    check.string(o, "when", where, true)});
        }
        const QJsonArray codeList = check.array(root, "codes", {});
        for (int i = 0; i < codeList.size(); ++i) {
            const QString where = QStringLiteral("codes[%1]").arg(i);
            const QJsonObject o = codeList[i].toObject();
            CodeEntry entry;
            entry.code = o.value(QStringLiteral("code"));
            if (!entry.code.isString() && !entry.code.isDouble()) {
                check.fail(where, QStringLiteral("'code' must be a string or a number"));
            }
            entry.name = check.string(o, "name", where, false);
            entry.meaning = check.string(o, "meaning", where, true);
            entry.tryText = check.string(o, "try", where, false);
            if (o.contains(QStringLiteral("status"))) {
                QJsonObject statusOnly{{QStringLiteral("code"), o.value(QStringLiteral("status"))}};
                entry.status = check.statusCode(statusOnly, where + QStringLiteral(".status"), true);
            }
            entry.retry = check.retry(o, where);
            vendor.codes.append(entry);
        }
        const QJsonArray limits = check.array(root, "rate_limits", {});
        for (int i = 0; i < limits.size(); ++i) {
            const QString where = QStringLiteral("rate_limits[%1]").arg(i);
            const QJsonObject o = limits[i].toObject();
            vendor.rateLimits.append(
                {check.string(o, "scope", where, true), check.string(o, "limit", where, true)});
        }
    } else if (kind == QLatin1String("api")) {
        check.string(root, "name", {}, true);
    } else if (!check.failed()) {
        check.fail({},
                   QStringLiteral("'kind' must be 'status-codes', 'vendor' or 'api', not '%1'").arg(kind));
    }
    // Any kind may carry an API description's operations (an import adds them to a collection's file).
    QList<ApiOperation> operations;
    const QString api = root.value(QStringLiteral("name")).toString();
    const QString apiDocs = root.value(QStringLiteral("docs")).toString();
    const QJsonArray operationList = check.array(root, "operations", {});
    static const QRegularExpression statusKey(QStringLiteral("^([1-5][0-9][0-9]|[1-5]XX|default)$"));
    for (int i = 0; i < operationList.size(); ++i) {
        const QString where = QStringLiteral("operations[%1]").arg(i);
        const QJsonObject o = operationList[i].toObject();
        ApiOperation operation;
        operation.api = api;
        operation.docs = apiDocs;
        operation.method = check.string(o, "method", where, true).toUpper();
        operation.path = check.string(o, "path", where, true);
        if (!operation.path.isEmpty() && !operation.path.startsWith(QLatin1Char('/'))) {
            check.fail(where, QStringLiteral("'path' must start with '/'"));
        }
        operation.id = check.string(o, "id", where, false);
        operation.summary = check.string(o, "summary", where, false);
        operation.source = source;
        const QJsonArray responses = check.array(o, "responses", where);
        for (int r = 0; r < responses.size(); ++r) {
            const QString at = where + QStringLiteral(".responses[%1]").arg(r);
            const QJsonObject ro = responses[r].toObject();
            DocumentedResponse response;
            response.status = check.string(ro, "status", at, true);
            if (!response.status.isEmpty() && !statusKey.match(response.status).hasMatch()) {
                check.fail(
                    at, QStringLiteral("'status' must be a code (409), a class (4XX) or 'default', not '%1'")
                            .arg(response.status));
            }
            response.description = check.string(ro, "description", at, false);
            for (const QJsonValue &type : check.array(ro, "content_types", at)) {
                response.contentTypes.append(type.toString());
            }
            for (const QJsonValue &header : check.array(ro, "headers", at)) {
                response.headers.append(header.toString());
            }
            response.schema = check.string(ro, "schema", at, false);
            operation.responses.append(response);
        }
        operations.append(operation);
    }
    if (check.failed()) {
        return false;
    }
    m_operations.append(operations);
    m_statuses.append(statuses);
    if (!vendor.id.isEmpty()) {
        // A profile with a known id extends it: its entries are looked up first.
        for (VendorProfile &existing : m_vendors) {
            if (existing.id == vendor.id) {
                existing.name = vendor.name;
                existing.docs = vendor.docs.isEmpty() ? existing.docs : vendor.docs;
                existing.body = vendor.body.isEmpty() ? existing.body : vendor.body;
                existing.formats.append(vendor.formats);
                existing.formats.removeDuplicates();
                existing.statuses = vendor.statuses + existing.statuses;
                existing.codes.append(vendor.codes); // code() searches from the back
                existing.rateLimits.append(vendor.rateLimits);
                existing.source = source;
                return true;
            }
        }
        m_vendors.append(vendor);
    }
    return true;
}

const StatusEntry *Catalog::status(int code) const
{
    const StatusEntry *nonstandard = nullptr;
    for (auto it = m_statuses.crbegin(); it != m_statuses.crend(); ++it) {
        if (it->code != code) {
            continue;
        }
        if (it->registry != QLatin1String("nonstandard")) {
            return &*it;
        }
        if (!nonstandard) {
            nonstandard = &*it;
        }
    }
    return nonstandard;
}

QList<const StatusEntry *> Catalog::alternatives(int code) const
{
    const StatusEntry *primary = status(code);
    QList<const StatusEntry *> result;
    for (const StatusEntry &entry : m_statuses) {
        if (entry.code == code && &entry != primary && entry.registry == QLatin1String("nonstandard")) {
            result.append(&entry);
        }
    }
    return result;
}

const VendorProfile *Catalog::vendor(const QString &id) const
{
    for (const VendorProfile &profile : m_vendors) {
        if (profile.id == id) {
            return &profile;
        }
    }
    return nullptr;
}

const VendorProfile *Catalog::vendorForFormat(const QString &format) const
{
    for (const VendorProfile &profile : m_vendors) {
        if (profile.formats.contains(format)) {
            return &profile;
        }
    }
    return nullptr;
}

QList<const StatusEntry *> Catalog::statuses() const
{
    QList<const StatusEntry *> result;
    QList<int> seen;
    for (const StatusEntry &entry : m_statuses) {
        if (!seen.contains(entry.code)) {
            seen.append(entry.code);
        }
    }
    std::sort(seen.begin(), seen.end());
    for (int code : std::as_const(seen)) {
        result.append(status(code));
        result.append(alternatives(code));
    }
    return result;
}

QList<const VendorProfile *> Catalog::vendors() const
{
    QList<const VendorProfile *> result;
    for (const VendorProfile &profile : m_vendors) {
        result.append(&profile);
    }
    return result;
}

const DocumentedResponse *ApiOperation::response(int status) const
{
    const QString code = QString::number(status);
    const QString range = code.left(1) + QStringLiteral("XX");
    for (const QString &wanted : {code, range, QStringLiteral("default")}) {
        for (const DocumentedResponse &entry : responses) {
            if (entry.status.compare(wanted, Qt::CaseInsensitive) == 0) {
                return &entry;
            }
        }
    }
    return nullptr;
}

int ApiOperation::match(const QString &requestMethod, const QString &requestPath) const
{
    if (requestMethod.compare(method, Qt::CaseInsensitive) != 0) {
        return -1;
    }
    const QStringList segments = requestPath.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    const QStringList pattern = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (pattern.size() > segments.size()) {
        return -1;
    }
    const qsizetype offset = segments.size() - pattern.size();
    int score = 0;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QString &want = pattern[i];
        const QString &have = segments[offset + i];
        if (!want.contains(QLatin1Char('{'))) {
            if (want != have) {
                return -1;
            }
            score += 4;
            continue;
        }
        // A segment with parameters ("{id}", "{name}.json", "v{version}"): its literal parts in order.
        QString expression = QStringLiteral("^");
        qsizetype at = 0;
        while (at < want.size()) {
            const qsizetype open = want.indexOf(QLatin1Char('{'), at);
            const qsizetype close = open < 0 ? -1 : want.indexOf(QLatin1Char('}'), open);
            if (open < 0 || close < 0) {
                expression += QRegularExpression::escape(want.mid(at));
                break;
            }
            expression += QRegularExpression::escape(want.mid(at, open - at)) + QStringLiteral("[^/]+");
            at = close + 1;
        }
        if (!QRegularExpression(expression + QLatin1Char('$')).match(have).hasMatch()) {
            return -1;
        }
        score += 1;
    }
    // A template that covers the whole path beats one that matches only its end.
    return score * 2 + (offset == 0 ? 1 : 0);
}

const ApiOperation *Catalog::operation(const QString &method, const QUrl &url) const
{
    const QString path = url.path(QUrl::FullyDecoded);
    const ApiOperation *best = nullptr;
    int bestScore = -1;
    // Later files override earlier ones: on a tie the last loaded wins.
    for (const ApiOperation &candidate : m_operations) {
        const int score = candidate.match(method, path);
        if (score >= 0 && score >= bestScore) {
            best = &candidate;
            bestScore = score;
        }
    }
    return best;
}

QList<const ApiOperation *> Catalog::operations() const
{
    QList<const ApiOperation *> result;
    for (const ApiOperation &operation : m_operations) {
        result.append(&operation);
    }
    return result;
}

Explanation Catalog::explain(const ErrorReport &report, const QString &vendorId, const QString &method,
                             const QUrl &url) const
{
    Explanation explanation;
    if (!method.isEmpty() && url.isValid()) {
        explanation.operation = operation(method, url);
        if (explanation.operation) {
            explanation.documented = explanation.operation->response(report.status);
        }
    }
    explanation.status = status(report.status);
    explanation.alternatives = alternatives(report.status);
    explanation.vendor = vendorId.isEmpty() ? vendorForFormat(report.format) : vendor(vendorId);
    if (explanation.vendor) {
        explanation.vendorStatus = explanation.vendor->status(report.status);
        if (!report.code.isNull()) {
            explanation.code = explanation.vendor->code(report.code);
        }
    }
    return explanation;
}

QList<const StatusEntry *> Catalog::searchStatuses(const QString &query) const
{
    const QStringList words = query.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QList<const StatusEntry *> result;
    for (const StatusEntry *entry : statuses()) {
        const QString haystack = QString::number(entry->code) + QLatin1Char(' ') + entry->reason +
                                 QLatin1Char(' ') + entry->description + QLatin1Char(' ') + entry->expect +
                                 QLatin1Char(' ') + entry->vendor;
        const bool all = std::all_of(words.begin(), words.end(), [&haystack](const QString &word) {
            return haystack.contains(word, Qt::CaseInsensitive);
        });
        if (all) {
            result.append(entry);
        }
    }
    return result;
}

} // namespace ApiLens::Core
