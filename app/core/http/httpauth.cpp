#include "httpauth.h"

#include <QCryptographicHash>

#include <optional>

namespace ApiLens::Core {

namespace {

bool isTokenChar(char c)
{
    static const QByteArray extra = QByteArrayLiteral("!#$%&'*+-.^_`|~");
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || extra.contains(c);
}

bool isToken68Char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           QByteArrayLiteral("-._~+/").contains(c);
}

// A cursor over one field value.
class Reader
{
public:
    explicit Reader(const QByteArray &text)
        : m_text(text)
    {}

    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text.at(m_pos); }
    void skipSpaces()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
            ++m_pos;
        }
    }
    void skipSeparators()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == ',')) {
            ++m_pos;
        }
    }
    QByteArray token()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && isTokenChar(peek())) {
            ++m_pos;
        }
        return m_text.mid(start, m_pos - start);
    }
    QByteArray token68()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && isToken68Char(peek())) {
            ++m_pos;
        }
        while (!atEnd() && peek() == '=') {
            ++m_pos;
        }
        return m_text.mid(start, m_pos - start);
    }
    QByteArray quoted()
    {
        QByteArray value;
        ++m_pos; // the opening quote
        while (!atEnd() && peek() != '"') {
            if (peek() == '\\' && m_pos + 1 < m_text.size()) {
                ++m_pos;
            }
            value.append(m_text.at(m_pos++));
        }
        ++m_pos; // the closing quote
        return value;
    }
    qsizetype position() const { return m_pos; }
    void setPosition(qsizetype pos) { m_pos = pos; }

private:
    const QByteArray &m_text;
    qsizetype m_pos = 0;
};

// After "name": is this "name = value" (a parameter)? Leaves the reader after the '='.
bool atParameter(Reader *reader)
{
    const qsizetype mark = reader->position();
    reader->skipSpaces();
    if (reader->peek() == '=') {
        reader->setPosition(reader->position() + 1);
        reader->skipSpaces();
        if (reader->peek() == '"' || isTokenChar(reader->peek())) {
            return true;
        }
    }
    reader->setPosition(mark);
    return false;
}

void parseValue(const QByteArray &value, QList<AuthChallenge> *challenges)
{
    Reader reader(value);
    AuthChallenge *current = nullptr;
    bool firstItem = false;
    while (true) {
        reader.skipSeparators();
        if (reader.atEnd()) {
            return;
        }
        const qsizetype start = reader.position();
        const QByteArray word = reader.token();
        if (word.isEmpty()) {
            reader.setPosition(start + 1); // not a token: skip the character
            continue;
        }
        if (current && atParameter(&reader)) {
            const QByteArray parameter = reader.peek() == '"' ? reader.quoted() : reader.token();
            current->params.insert(word.toLower(), parameter);
            firstItem = false;
            continue;
        }
        if (current && firstItem && (reader.peek() == '=' || reader.peek() == ',' || reader.atEnd())) {
            // "Negotiate abc==": the credentials-like token68 form.
            reader.setPosition(start);
            current->token68 = reader.token68();
            firstItem = false;
            continue;
        }
        challenges->append({word.toLower(), {}, {}});
        current = &challenges->last();
        firstItem = true;
    }
}

struct DigestAlgorithm
{
    QByteArray name; // as the server wrote it
    QCryptographicHash::Algorithm hash;
    bool session;
    int rank;
};

std::optional<DigestAlgorithm> digestAlgorithm(const QByteArray &written)
{
    const QByteArray name = written.isEmpty() ? QByteArrayLiteral("MD5") : written.toUpper();
    if (name == "MD5") {
        return DigestAlgorithm{written, QCryptographicHash::Md5, false, 1};
    }
    if (name == "MD5-SESS") {
        return DigestAlgorithm{written, QCryptographicHash::Md5, true, 1};
    }
    if (name == "SHA-256") {
        return DigestAlgorithm{written, QCryptographicHash::Sha256, false, 2};
    }
    if (name == "SHA-256-SESS") {
        return DigestAlgorithm{written, QCryptographicHash::Sha256, true, 2};
    }
    return std::nullopt;
}

QByteArray quotedValue(const QByteArray &value)
{
    QByteArray out = "\"";
    for (const char c : value) {
        if (c == '"' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    return out + '"';
}

} // namespace

QList<AuthChallenge> parseChallenges(const QList<QByteArray> &values)
{
    QList<AuthChallenge> challenges;
    for (const QByteArray &value : values) {
        parseValue(value, &challenges);
    }
    return challenges;
}

QByteArray digestAuthorization(const QList<AuthChallenge> &challenges, const DigestInput &input,
                               QString *error)
{
    const AuthChallenge *chosen = nullptr;
    std::optional<DigestAlgorithm> algorithm;
    QStringList unsupported;
    for (const AuthChallenge &challenge : challenges) {
        if (challenge.scheme != "digest") {
            continue;
        }
        const std::optional<DigestAlgorithm> candidate = digestAlgorithm(challenge.params.value("algorithm"));
        if (!candidate) {
            unsupported.append(QString::fromLatin1(challenge.params.value("algorithm")));
        } else if (!algorithm || candidate->rank > algorithm->rank) {
            chosen = &challenge;
            algorithm = candidate;
        }
    }
    if (!chosen) {
        *error = unsupported.isEmpty()
                     ? QStringLiteral("the server did not send a Digest challenge")
                     : QStringLiteral("the server asks for Digest with %1, which ApiLens does not support")
                           .arg(unsupported.join(QStringLiteral(", ")));
        return {};
    }
    const auto h = [hash = algorithm->hash](const QByteArray &data) {
        return QCryptographicHash::hash(data, hash).toHex();
    };
    const QByteArray realm = chosen->params.value("realm");
    const QByteArray nonce = chosen->params.value("nonce");
    const QByteArray user = input.user.toUtf8();
    QByteArray qop;
    const QList<QByteArray> offered = chosen->params.value("qop").split(',');
    for (const QByteArray &option : offered) {
        const QByteArray trimmed = option.trimmed().toLower();
        if (trimmed == "auth" || (trimmed == "auth-int" && qop.isEmpty())) {
            qop = trimmed;
        }
    }
    if (!chosen->params.value("qop").isEmpty() && qop.isEmpty()) {
        *error = QStringLiteral("the server asks for Digest with qop=%1, which ApiLens does not support")
                     .arg(QString::fromLatin1(chosen->params.value("qop")));
        return {};
    }
    const QByteArray nc = QByteArray::number(input.nonceCount, 16).rightJustified(8, '0');
    QByteArray ha1 = h(user + ':' + realm + ':' + input.password.toUtf8());
    if (algorithm->session) {
        ha1 = h(ha1 + ':' + nonce + ':' + input.cnonce);
    }
    const QByteArray ha2 = qop == "auth-int" ? h(input.method + ':' + input.uri + ':' + h(input.body))
                                             : h(input.method + ':' + input.uri);
    const QByteArray response =
        qop.isEmpty() ? h(ha1 + ':' + nonce + ':' + ha2)
                      : h(ha1 + ':' + nonce + ':' + nc + ':' + input.cnonce + ':' + qop + ':' + ha2);
    const bool userhash = chosen->params.value("userhash").toLower() == "true";
    QByteArray value = "Digest username=" + quotedValue(userhash ? h(user + ':' + realm) : user) +
                       ", realm=" + quotedValue(realm) + ", nonce=" + quotedValue(nonce) +
                       ", uri=" + quotedValue(input.uri);
    if (!chosen->params.value("algorithm").isEmpty()) {
        value += ", algorithm=" + algorithm->name;
    }
    value += ", response=" + quotedValue(response);
    if (!qop.isEmpty()) {
        value += ", qop=" + qop + ", nc=" + nc + ", cnonce=" + quotedValue(input.cnonce);
    }
    if (chosen->params.contains("opaque")) {
        value += ", opaque=" + quotedValue(chosen->params.value("opaque"));
    }
    if (userhash) {
        value += ", userhash=true";
    }
    return value;
}

} // namespace ApiLens::Core
