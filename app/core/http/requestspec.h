#pragma once

#include "urlquery.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace ApiLens::Core {

enum class BodyKind {
    None,
    Raw,        // text, JSON, XML... with the content type the user chose
    UrlEncoded, // application/x-www-form-urlencoded from name/value rows
    Multipart,  // multipart/form-data with text fields and files
    BinaryFile, // the bytes of one file
};

struct MultipartPart
{
    QString name;
    QString value;       // for text parts
    QString filePath;    // non-empty: a file part
    QString contentType; // optional; files default to application/octet-stream
    bool enabled = true;
    QString fileName; // the name the server is told; empty: the file's own

    bool isFile() const { return !filePath.isEmpty(); }
    QString sentFileName() const;
    bool operator==(const MultipartPart &other) const;
};

struct RequestBody
{
    BodyKind kind = BodyKind::None;
    QByteArray raw;
    QString contentType; // for Raw and BinaryFile; empty = none set
    QList<KeyValue> form;
    QList<MultipartPart> parts;
    QString filePath;
    bool operator==(const RequestBody &other) const;
};

enum class AuthKind { None, Basic, Bearer, ApiKey, Digest, OAuth1 };
enum class ApiKeyLocation { Header, Query };

// OAuth 1.0a (RFC 5849) as Postman signs requests: HMAC-SHA1/256/512 or PLAINTEXT; the
// timestamp and nonce are made for each send unless given.
struct OAuth1Settings
{
    QString consumerKey;
    QString consumerSecret;
    QString token;
    QString tokenSecret;
    QString signatureMethod = QStringLiteral("HMAC-SHA1");
    QString version = QStringLiteral("1.0");
    QString realm;
    QString timestamp;
    QString nonce;
    QString callback;
    QString verifier;
    bool inHeader = true;   // the Authorization header; else the query (the form body of a POST/PUT)
    bool bodyHash = false;  // oauth_body_hash of a body that is not a form
    bool signEmpty = false; // empty parameters are signed too
    bool operator==(const OAuth1Settings &other) const;
};

// The text settings of OAuth 1.0a, one table for every place that names them: their key in a
// .http file's "# @oauth1" line and in session JSON (RFC 5849's names without "oauth_"), their
// key in Postman collections, and whether they are secrets.
struct OAuth1Field
{
    const char *key;
    const char *postman;
    QString OAuth1Settings::*member;
    bool secret;
};
const QList<OAuth1Field> &oauth1Fields();

struct Auth
{
    AuthKind kind = AuthKind::None;
    QString username; // Basic, Digest
    QString password; // Basic, Digest
    QString token;    // Bearer
    QString keyName;  // ApiKey
    QString keyValue; // ApiKey
    ApiKeyLocation keyLocation = ApiKeyLocation::Header;
    OAuth1Settings oauth1;
    bool operator==(const Auth &other) const;
};

enum class ProxyMode { System, None, Manual };

struct ProxySettings
{
    ProxyMode mode = ProxyMode::System;
    QString host;
    quint16 port = 0;
    QString user;
    QString password;

    friend bool operator==(const ProxySettings &a, const ProxySettings &b)
    {
        return a.mode == b.mode && a.host == b.host && a.port == b.port && a.user == b.user &&
               a.password == b.password;
    }
};

struct RequestSettings
{
    int timeoutMs = 30000; // whole exchange; 0 = no limit
    bool followRedirects = true;
    int maxRedirects = 10;
    bool verifyTls = true;
    bool allowHttp2 = true; // negotiated by ALPN on https; h2c only with http2PriorKnowledge
    bool http2PriorKnowledge = false;
    ProxySettings proxy;
    // Send {{variables}} that are still in the URL or headers as written ("Send anyway",
    // `run --send-unresolved`) instead of refusing. Set for one send; never saved.
    bool sendUnresolved = false;
    bool operator==(const RequestSettings &other) const;
};

// What the user asked for, before anything is resolved or sent. The URL keeps its query
// (the params table is a view of it, see UrlQuery).
struct RequestSpec
{
    QString name;
    QString method = QStringLiteral("GET");
    QString url;
    QList<KeyValue> headers;
    RequestBody body;
    Auth auth;
    RequestSettings settings;
    QStringList omittedDefaults; // default headers switched off, by name
    // Equal in everything a request says (what a tab compares with what is saved).
    bool operator==(const RequestSpec &other) const;
    bool operator!=(const RequestSpec &other) const { return !(*this == other); }
};

// A header ApiLens sends unless the request writes its own or switches it off (as Postman's
// "hidden headers"). The Headers tab lists them under the request's own headers.
struct DefaultHeader
{
    QString name;
    QString value;
    QString purpose; // one line for the tooltip
};
QList<DefaultHeader> defaultHeaders();
// Whether `spec` sends this default: not switched off and not written by the request itself.
bool sendsDefault(const RequestSpec &spec, const QString &name);

// Whether an enabled header of this name (any case) is among `headers`.
bool hasHeader(const QList<KeyValue> &headers, const QString &name);

// Methods offered in editors; any other token is accepted as a custom verb.
QStringList standardMethods();

// A method is an RFC 9110 token (tchar+).
bool isValidMethod(const QString &method);

// CR, LF or NUL: what no method, URL, header name or value may hold (it would end the line
// and start another: header injection).
bool hasLineBreak(const QString &text);

} // namespace ApiLens::Core
