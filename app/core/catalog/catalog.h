#pragma once

#include "errors/errorreport.h"

#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace ApiLens::Core {

// Whether sending the same request again can help.
enum class Retry {
    Unknown,
    No,        // it will fail the same way
    Yes,       // a transient failure: retry (with backoff)
    AfterWait, // retry once the server says (Retry-After, rate-limit reset)
    AfterFix,  // change the request first
};

QString retryText(Retry retry);

struct StatusEntry
{
    int code = 0;
    QString reason;
    QString spec;     // "RFC 9110, Section 15.5.5", or the vendor for non-standard codes
    QString registry; // assigned | unused | temporary | obsoleted | nonstandard
    QString vendor;   // for non-standard codes
    QString description;
    QString expect;
    QString tryText;
    Retry retry = Retry::Unknown;
    QString source; // the catalog file it came from
};

struct VendorStatus
{
    int code = 0;
    QString name;
    QString when; // the vendor's own wording
};

struct CodeEntry
{
    QJsonValue code; // string or number, as the API sends it
    QString name;    // e.g. "AUTH INVALID" for numeric code 7
    QString meaning;
    QString tryText;
    int status = 0; // the HTTP status that usually carries it
    Retry retry = Retry::Unknown;
};

struct VendorProfile
{
    QString id;
    QString name;
    QString docs;
    QString body; // what its error bodies look like
    QStringList formats;
    QList<VendorStatus> statuses;
    QList<CodeEntry> codes;
    QList<QPair<QString, QString>> rateLimits; // scope, limit
    QString source;

    const VendorStatus *status(int code) const;
    const CodeEntry *code(const QJsonValue &value) const;
};

// What an API description (OpenAPI) documents for one response of one operation.
struct DocumentedResponse
{
    QString status; // "409", "4XX" or "default"
    QString description;
    QStringList contentTypes;
    QStringList headers;
    QString schema; // the name of its body's schema, when it has one
};

// One operation of an API description and its documented responses.
struct ApiOperation
{
    QString api; // the description's title
    QString docs;
    QString method;
    QString path; // the path template, "/orders/{id}"
    QString id;   // operationId
    QString summary;
    QList<DocumentedResponse> responses;
    QString source;

    // The response documented for this status: the code itself, else its class ("4XX"), else
    // "default"; null when none.
    const DocumentedResponse *response(int status) const;
    // How well a request path fits the template: -1 when not at all. The template may match the
    // end of the path (servers add a base path such as /v1); literal segments count most.
    int match(const QString &method, const QString &path) const;
};

// Everything the catalog says about one error report.
struct Explanation
{
    const StatusEntry *status = nullptr;
    QList<const StatusEntry *> alternatives; // other meanings of the same number (nginx 499, Exchange 451)
    const VendorProfile *vendor = nullptr;
    const VendorStatus *vendorStatus = nullptr;
    const CodeEntry *code = nullptr;
    const ApiOperation *operation = nullptr;        // the request's operation in an API description
    const DocumentedResponse *documented = nullptr; // what that description says of this status
};

// The embedded catalog of HTTP status codes and vendor error codes, plus what users add.
// Data is JSON (resources/catalog), versioned and checked at load; files loaded later
// override or add entries, so a team can document its own API.
class Catalog
{
public:
    static constexpr int Version = 1;

    // The catalog built into ApiLens.
    bool loadBuiltin(QStringList *errors);
    // The built-in catalog, then the user's folder (userDirectory()) when it exists: what
    // the app and the CLI use. Problems in user files are reported, and the rest loads.
    bool loadBuiltinAndUser(QStringList *errors);
    // Where a user keeps their own catalog files: ApiLens/catalog in the user data directory.
    static QString userDirectory();
    // The catalog file a collection folder may carry to document its API's codes.
    static QString collectionFileName() { return QStringLiteral("apilens-catalog.json"); }
    // Loads FOLDER/apilens-catalog.json when there is one (true when absent).
    bool loadCollection(const QString &folder, QStringList *errors);
    // Every *.json in a folder (a user's catalog folder), in name order.
    bool loadDirectory(const QString &path, QStringList *errors);
    bool loadFile(const QString &path, QStringList *errors);
    // One catalog document; `source` names it in messages. Nothing of an invalid document is kept.
    bool loadData(const QByteArray &json, const QString &source, QStringList *errors);

    // The registered meaning of a code, else a non-standard one; null when unknown.
    const StatusEntry *status(int code) const;
    QList<const StatusEntry *> alternatives(int code) const;
    const VendorProfile *vendor(const QString &id) const;
    const VendorProfile *vendorForFormat(const QString &format) const;
    QList<const StatusEntry *> statuses() const; // registered then non-standard, by code
    QList<const VendorProfile *> vendors() const;

    // vendorId picks a profile (the CLI's --catalog); empty: the one that reads this format.
    // With the request's method and URL, the operation an API description documents is added.
    Explanation explain(const ErrorReport &report, const QString &vendorId = {}, const QString &method = {},
                        const QUrl &url = {}) const;
    // The operation of a loaded API description that best fits a request; null when none does.
    const ApiOperation *operation(const QString &method, const QUrl &url) const;
    QList<const ApiOperation *> operations() const;

    // Entries whose code, reason or text contain every word of `query`.
    QList<const StatusEntry *> searchStatuses(const QString &query) const;

private:
    QList<StatusEntry> m_statuses; // in load order; lookups take the last match
    QList<VendorProfile> m_vendors;
    QList<ApiOperation> m_operations;
};

} // namespace ApiLens::Core
