#include "httpblockparser.h"

#include "http/graphql.h"

#include <QRegularExpression>

#include <limits>

namespace ApiLens::Core::HttpSyntax {

QList<Line> splitLines(const QByteArray &data)
{
    QList<Line> lines;
    qsizetype pos = 0;
    while (pos < data.size()) {
        const qsizetype nl = data.indexOf('\n', pos);
        if (nl < 0) {
            lines.append({data.mid(pos), {}});
            break;
        }
        const bool crlf = nl > pos && data.at(nl - 1) == '\r';
        lines.append(
            {data.mid(pos, nl - pos - (crlf ? 1 : 0)), crlf ? QByteArray("\r\n") : QByteArray("\n")});
        pos = nl + 1;
    }
    return lines;
}

bool isBlank(const QByteArray &raw)
{
    return raw.trimmed().isEmpty();
}

bool isSeparator(const QByteArray &raw)
{
    return raw.startsWith("###");
}

namespace {

// The methods httpyac takes as the start of a request line, upper case as written.
const QString MethodPattern = QStringLiteral(
    "GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS|CONNECT|TRACE|PROPFIND|PROPPATCH|MKCOL|COPY|MOVE|LOCK|"
    "UNLOCK|CHECKOUT|CHECKIN|REPORT|MERGE|MKACTIVITY|MKWORKSPACE|VERSION-CONTROL|BASELINE-CONTROL|"
    "MKCALENDAR|ACL|SEARCH|GRAPHQL|PURGE");

} // namespace

bool isMethodLine(const QString &line)
{
    static const QRegularExpression re(QStringLiteral("^\\s*(?:%1)\\s+\\S").arg(MethodPattern));
    return re.match(line).hasMatch();
}

bool parseDurationMs(const QString &text, int *ms)
{
    static const QRegularExpression re(QStringLiteral("^\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)?\\s*$"));
    const QRegularExpressionMatch match = re.match(text);
    if (!match.hasMatch()) {
        return false;
    }
    const QString unit = match.captured(2);
    const double factor = unit == QLatin1String("ms") ? 1 : unit == QLatin1String("m") ? 60000 : 1000;
    const double value = match.captured(1).toDouble() * factor;
    if (!(value <= double(std::numeric_limits<int>::max()))) {
        return false;
    }
    *ms = int(value);
    return true;
}

QString oauth1Directive(const OAuth1Settings &settings)
{
    const OAuth1Settings defaults;
    const auto quoted = [](QString value) -> QString {
        static const QRegularExpression plain(QStringLiteral("^[^\\s\"]+$"));
        if (plain.match(value).hasMatch()) {
            return value;
        }
        value.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
            .replace(QLatin1Char('"'), QLatin1String("\\\""));
        return QLatin1Char('"') + value + QLatin1Char('"');
    };
    QStringList words{QStringLiteral("oauth1")};
    for (const OAuth1Field &field : oauth1Fields()) {
        const QString &value = settings.*field.member;
        if (value != defaults.*field.member || field.member == &OAuth1Settings::consumerKey) {
            words.append(QLatin1String(field.key) + QLatin1Char('=') + quoted(value));
        }
    }
    if (!settings.inHeader) {
        words.append(QStringLiteral("params=query"));
    }
    if (settings.bodyHash) {
        words.append(QStringLiteral("body_hash=true"));
    }
    if (settings.signEmpty) {
        words.append(QStringLiteral("sign_empty=true"));
    }
    return words.join(QLatin1Char(' '));
}

std::optional<OAuth1Settings> parseOAuth1Directive(const QString &value, QString *error)
{
    static const QRegularExpression word(
        QStringLiteral("\\G\\s*([A-Za-z_]+)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S*)"));
    OAuth1Settings settings;
    qsizetype at = 0;
    for (QRegularExpressionMatch m = word.match(value); m.hasMatch(); m = word.match(value, at)) {
        at = m.capturedEnd();
        const QString key = m.captured(1);
        QString text = m.captured(2);
        if (text.startsWith(QLatin1Char('"'))) {
            static const QRegularExpression escape(QStringLiteral("\\\\(.)"));
            text = text.mid(1, text.size() - 2).replace(escape, QStringLiteral("\\1"));
        }
        const auto field = std::find_if(oauth1Fields().cbegin(), oauth1Fields().cend(),
                                        [&key](const OAuth1Field &f) { return key == QLatin1String(f.key); });
        if (field != oauth1Fields().cend()) {
            settings.*field->member = text;
        } else if (key == QLatin1String("params") &&
                   (text == QLatin1String("query") || text == QLatin1String("header"))) {
            settings.inHeader = text == QLatin1String("header");
        } else if (key == QLatin1String("body_hash") || key == QLatin1String("sign_empty")) {
            (key == QLatin1String("body_hash") ? settings.bodyHash : settings.signEmpty) =
                text == QLatin1String("true");
        } else {
            *error = QStringLiteral("@oauth1: '%1=%2' is not a setting it knows").arg(key, text);
            return std::nullopt;
        }
    }
    if (!value.mid(at).trimmed().isEmpty()) {
        *error = QStringLiteral("@oauth1: '%1' is not name=value").arg(value.mid(at).trimmed().left(40));
        return std::nullopt;
    }
    return settings;
}

namespace {

enum class State { Preamble, Url, Headers, Body, Response };

// A construct that spans lines: a JetBrains script ("> {%" / "< {%" to "%}"), an httpyac script
// block ("{{" to "}}"), a block comment ("/*" to "*/") or a GraphQL fragment outside a request
// (to a blank line).
struct Open
{
    enum class Kind { None, JetBrainsScript, HttpyacScript, Comment, GraphqlFragment };
    Kind kind = Kind::None;
    HttpScript script;
    QString handlerText; // a JetBrains handler as written, for responseHandlers
    GraphqlFragment fragment;
};

class BlockParser
{
public:
    BlockParser(const QList<Line> &lines, HttpRequestBlock *block, HttpBlockLayout *layout,
                QList<HttpIssue> *issues)
        : m_lines(lines)
        , m_block(*block)
        , m_layout(*layout)
        , m_issues(*issues)
    {}

    int run();

private:
    bool continueOpen(const QString &text);
    bool startsConstruct(const QString &text, const QString &trimmed);
    bool readDirective(const QString &text, const QString &trimmed);
    bool readVariable(const QString &text, bool needsEquals);
    void readRequestLine(const QString &trimmed);
    bool readHeader(const QString &text);
    void readBody(const QString &trimmed);
    void finish();
    void issue(const QString &message) { m_issues.append({lineNumber(), message}); }
    int lineNumber() const { return m_block.firstLine + m_index; }
    void keep() { m_layout.keptAfter.append(m_lines[m_index].raw); }

    const QList<Line> &m_lines;
    HttpRequestBlock &m_block;
    HttpBlockLayout &m_layout;
    QList<HttpIssue> &m_issues;
    int m_index = 0;
    State m_state = State::Preamble;
    Open m_open;
    QList<QByteArray> m_bodyLines;
};

int BlockParser::run()
{
    for (m_index = 0; m_index < m_lines.size(); ++m_index) {
        const QByteArray &raw = m_lines[m_index].raw;
        const QString text = QString::fromUtf8(raw);
        const QString trimmed = text.trimmed();
        if (m_open.kind == Open::Kind::GraphqlFragment && isMethodLine(text)) {
            // A request line ends a fragment too (httpyac would read it into the fragment).
            m_block.graphqlFragments.append(m_open.fragment);
            m_open = {};
        }
        if (m_open.kind != Open::Kind::None) {
            if (m_block.hasRequest()) {
                keep();
            }
            continueOpen(text);
            continue;
        }
        if (m_index == 0 && isSeparator(raw)) {
            const QString name = QString::fromUtf8(raw.mid(3)).trimmed();
            if (!name.isEmpty()) {
                m_block.name = name;
            }
            continue;
        }
        // A second request line starts the next request (httpyac), wherever it stands.
        if (m_block.hasRequest() && isMethodLine(text)) {
            finish();
            return m_index;
        }
        if (m_state == State::Response) {
            keep();
            continue;
        }
        if (startsConstruct(text, trimmed) || readDirective(text, trimmed)) {
            continue;
        }
        switch (m_state) {
        case State::Preamble:
            if (!isBlank(raw) && !readVariable(text, false)) {
                readRequestLine(trimmed);
            }
            continue;
        case State::Url:
            if (!raw.isEmpty() && (raw.at(0) == ' ' || raw.at(0) == '\t') &&
                (trimmed.startsWith(QLatin1Char('?')) || trimmed.startsWith(QLatin1Char('&')))) {
                m_block.url += trimmed;
                continue;
            }
            m_state = State::Headers;
            Q_FALLTHROUGH();
        case State::Headers:
            if (isBlank(raw)) {
                m_state = State::Body;
            } else if (!readVariable(text, true) && !readHeader(text)) {
                // httpyac takes a body that follows the headers without a blank line; the
                // JetBrains client wants the blank line. Read as httpyac does, and say so.
                issue(QStringLiteral("'%1' is not a header 'Name: value'; read as the start of the body "
                                     "(a blank line before the body makes that clear)")
                          .arg(trimmed.left(60)));
                m_state = State::Body;
                readBody(trimmed);
            }
            continue;
        case State::Body:
            if (!readVariable(text, true)) {
                readBody(trimmed);
            }
            continue;
        case State::Response:
            break;
        }
    }
    finish();
    return -1;
}

bool BlockParser::continueOpen(const QString &text)
{
    static const QRegularExpression httpyacEnd(QStringLiteral("^\\s*\\}\\}\\s*$"));
    static const QRegularExpression commentEnd(QStringLiteral("^\\s*\\*/\\s*$"));
    switch (m_open.kind) {
    case Open::Kind::JetBrainsScript: {
        m_open.handlerText += QLatin1Char('\n') + text;
        const qsizetype end = text.indexOf(QLatin1String("%}"));
        if (end < 0) {
            m_open.script.code += text + QLatin1Char('\n');
            return true;
        }
        m_open.script.code += text.left(end);
        if (!m_open.script.beforeRequest) {
            m_block.responseHandlers.append(m_open.handlerText);
        }
        break;
    }
    case Open::Kind::HttpyacScript:
        if (!httpyacEnd.match(text).hasMatch()) {
            m_open.script.code += text + QLatin1Char('\n');
            return true;
        }
        break;
    case Open::Kind::Comment:
        if (commentEnd.match(text).hasMatch()) {
            m_open = {};
        }
        return true;
    case Open::Kind::GraphqlFragment:
        if (!text.trimmed().isEmpty()) {
            m_open.fragment.text += QLatin1Char('\n') + text;
            return true;
        }
        m_block.graphqlFragments.append(m_open.fragment);
        m_open = {};
        return true;
    case Open::Kind::None:
        return false;
    }
    m_block.scripts.append(m_open.script);
    m_open = {};
    return true;
}

bool BlockParser::startsConstruct(const QString &text, const QString &trimmed)
{
    static const QRegularExpression jetBrains(QStringLiteral("^\\s*([<>])\\s*\\{%(.*)$"));
    static const QRegularExpression scriptFile(QStringLiteral("^\\s*([<>])\\s+([^\\s{%}]+)\\s*$"));
    static const QRegularExpression httpyac(
        QStringLiteral(
            "^\\s*\\{\\{(?:@js\\s+)?([+@]?(?:request|streaming|response|after|responseLogging)?)\\s*$"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression commentStart(QStringLiteral("^\\s*/\\*$"));
    const bool after = m_block.hasRequest();
    if (after && trimmed.startsWith(QLatin1String("??"))) {
        m_block.assertions.append(trimmed.mid(2).trimmed());
        keep();
        return true;
    }
    HttpScript script;
    script.line = lineNumber();
    script.codeLine = lineNumber() + 1; // code on the lines below the marker
    if (const QRegularExpressionMatch m = jetBrains.match(text); m.hasMatch()) {
        script.beforeRequest = m.captured(1) == QLatin1String("<");
        if (script.beforeRequest && after) {
            return false; // "< {%" after the request line is body text
        }
        m_open.kind = Open::Kind::JetBrainsScript;
        m_open.script = script;
        m_open.handlerText = text;
        if (after) {
            keep();
        }
        const QString rest = m.captured(2);
        if (!rest.trimmed().isEmpty()) {
            m_open.script.codeLine = script.line; // code right after "{%"
        }
        // A script that ends on its first line.
        if (rest.contains(QLatin1String("%}"))) {
            m_open.script.code = rest.left(rest.indexOf(QLatin1String("%}")));
            if (!script.beforeRequest) {
                m_block.responseHandlers.append(text);
            }
            m_block.scripts.append(m_open.script);
            m_open = {};
        } else if (!rest.trimmed().isEmpty()) {
            m_open.script.code = rest + QLatin1Char('\n');
        }
        return true;
    }
    if (const QRegularExpressionMatch m = scriptFile.match(text); m.hasMatch()) {
        script.beforeRequest = m.captured(1) == QLatin1String("<");
        if (script.beforeRequest && after) {
            return false; // "< ./file" after the request is a body file
        }
        if (!script.beforeRequest && !after) {
            return false;
        }
        script.file = m.captured(2);
        m_block.scripts.append(script);
        if (!script.beforeRequest) {
            m_block.responseHandlers.append(trimmed);
            keep();
        }
        return true;
    }
    if (trimmed.startsWith(QLatin1String("<> ")) && after) { // a response reference
        keep();
        return true;
    }
    if (const QRegularExpressionMatch m = httpyac.match(text); m.hasMatch()) {
        script.dialect = HttpScript::Dialect::Httpyac;
        script.event = m.captured(1);
        script.beforeRequest = !after;
        m_open.kind = Open::Kind::HttpyacScript;
        m_open.script = script;
        if (after) {
            keep();
        }
        return true;
    }
    if (commentStart.match(text).hasMatch()) {
        m_open.kind = Open::Kind::Comment;
        if (after) {
            keep();
        }
        return true;
    }
    if (const std::optional<QString> fragment = graphqlFragmentName(text); fragment && !after) {
        m_open.kind = Open::Kind::GraphqlFragment;
        m_open.fragment = {*fragment, text};
        return true;
    }
    static const QRegularExpression savedResponse(QStringLiteral("^\\s*HTTP/\\S+\\s*[1-5]\\d\\d\\b"));
    if (after && savedResponse.match(text).hasMatch()) {
        m_block.hasSavedResponse = true;
        m_state = State::Response;
        keep();
        return true;
    }
    return false;
}

bool BlockParser::readDirective(const QString &text, const QString &trimmed)
{
    static const QRegularExpression meta(QStringLiteral("^\\s*(#+|//)"));
    if (!meta.match(text).hasMatch()) {
        return false;
    }
    if (m_block.hasRequest()) {
        keep();
    }
    static const QRegularExpression directive(
        QStringLiteral("^\\s*(?:#+|//)\\s*@([A-Za-z][\\w-]*)\\s*(?:=\\s*)?(.*)$"));
    const QRegularExpressionMatch m = directive.match(text);
    if (!m.hasMatch()) {
        if (!m_block.hasRequest()) {
            // The comment's text, without its marker and one space after it.
            QString comment = trimmed.mid(trimmed.startsWith(QLatin1Char('#')) ? 1 : 2);
            m_block.comments.append(comment.startsWith(QLatin1Char(' ')) ? comment.mid(1) : comment);
        }
        return true;
    }
    const QString key = m.captured(1);
    const QString value = m.captured(2).trimmed();
    const auto names = [&value] {
        QStringList list;
        for (const QString &name :
             value.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts)) {
            list.append(name);
        }
        return list;
    };
    if (key == QLatin1String("name")) {
        m_block.name = value;
    } else if (key == QLatin1String("no-redirect")) {
        m_block.noRedirect = true;
    } else if (key == QLatin1String("no-cookie-jar")) {
        m_block.noCookieJar = true;
    } else if (key == QLatin1String("apilens-omit-headers")) {
        for (const QString &name : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            m_block.omittedDefaults.append(name.trimmed());
        }
    } else if (key == QLatin1String("timeout")) {
        if (!parseDurationMs(value, &m_block.timeoutMs)) {
            m_block.timeoutMs = -1;
            issue(QStringLiteral("@timeout needs a duration such as 5, 500ms or 2m, not '%1'").arg(value));
        }
    } else if (key == QLatin1String("sleep")) {
        static const QRegularExpression digits(QStringLiteral("^\\d{1,9}$"));
        if (digits.match(value).hasMatch()) {
            m_block.sleepMs = value.toInt();
        } else {
            issue(QStringLiteral("@sleep needs milliseconds (such as 500), not '%1'").arg(value));
        }
    } else if (key == QLatin1String("disabled")) {
        m_block.disabled = value.isEmpty() || value == QLatin1String("true");
    } else if (key == QLatin1String("ref")) {
        m_block.refs += names();
    } else if (key == QLatin1String("forceRef")) {
        m_block.forceRefs += names();
    } else if (key == QLatin1String("import")) {
        m_block.imports.append(value);
    } else if (key == QLatin1String("note")) {
        m_block.note = value;
    } else if (key == QLatin1String("loop")) {
        m_block.loop = value;
    } else if (key == QLatin1String("oauth1")) {
        QString error;
        m_block.oauth1 = parseOAuth1Directive(value, &error);
        if (!m_block.oauth1) {
            issue(error);
        }
    } else if (key == QLatin1String("jwt")) {
        m_block.jwt = true;
        m_block.jwtMembers = names();
    } else {
        m_block.otherDirectives.append(trimmed.mid(trimmed.indexOf(QLatin1Char('@'))));
    }
    return true;
}

bool BlockParser::readVariable(const QString &text, bool needsEquals)
{
    static const QRegularExpression variable(
        QStringLiteral("^\\s*@([A-Za-z_$][\\w.$-]*)\\s*(:?=)?\\s*(.*)$"));
    const QRegularExpressionMatch m = variable.match(text);
    if (!m.hasMatch() || (needsEquals && m.capturedLength(2) == 0) || m.captured(3).trimmed().isEmpty()) {
        return false;
    }
    QString value = m.captured(3).trimmed();
    if (value.size() >= 2 && value.startsWith(QLatin1Char('"')) && value.endsWith(QLatin1Char('"'))) {
        value = value.mid(1, value.size() - 2); // httpyac drops the quotes around a value
    }
    m_block.variables.append({m.captured(1), value, true});
    if (m_block.hasRequest()) {
        keep();
    }
    return true;
}

void BlockParser::readRequestLine(const QString &trimmed)
{
    static const QRegularExpression requestLine(
        QStringLiteral("^([A-Za-z-]+)\\s+(\\S.*?)(?:\\s+(HTTP/[0-9.]+))?\\s*$"));
    m_block.requestLine = lineNumber();
    m_layout.requestStart = m_index;
    const QRegularExpressionMatch m = requestLine.match(trimmed);
    const QString first = trimmed.section(QLatin1Char(' '), 0, 0);
    // A method in any case ("wHat", as curl sends it) when what follows is plainly a URL.
    const QString target = m.captured(2);
    const bool urlFollows = target.contains(QLatin1String("://")) || target.startsWith(QLatin1Char('/')) ||
                            target.startsWith(QLatin1String("{{"));
    if (m.hasMatch() && (m.captured(1) == m.captured(1).toUpper() || urlFollows) &&
        !first.contains(QLatin1Char(':')) && !first.contains(QLatin1Char('/'))) {
        m_block.method = m.captured(1);
        m_block.url = m.captured(2).trimmed();
        m_block.httpVersion = m.captured(3);
    } else {
        m_block.method = QStringLiteral("GET");
        QString url = trimmed;
        static const QRegularExpression version(QStringLiteral("\\s+(HTTP/[0-9.]+)$"));
        if (const QRegularExpressionMatch v = version.match(url); v.hasMatch()) {
            m_block.httpVersion = v.captured(1);
            url.truncate(v.capturedStart());
        }
        m_block.url = url;
    }
    m_layout.hadHttpVersion = !m_block.httpVersion.isEmpty();
    m_state = State::Url;
}

bool BlockParser::readHeader(const QString &text)
{
    // A token (or a {{variable}}) for a name, as httpyac reads headers.
    static const QRegularExpression header(
        QStringLiteral("^\\s*([!#$%&'*+\\-.^_`|~0-9A-Za-z{}]+)\\s*:\\s*(.*?)\\s*$"));
    const QRegularExpressionMatch m = header.match(text);
    if (!m.hasMatch()) {
        return false;
    }
    m_block.headers.append({m.captured(1), m.captured(2), true});
    return true;
}

void BlockParser::readBody(const QString &trimmed)
{
    // Blank lines before the body are not part of it.
    if (m_bodyLines.isEmpty() && trimmed.isEmpty()) {
        return;
    }
    if (m_bodyLines.isEmpty() && m_block.bodyFile.isEmpty() &&
        (trimmed.startsWith(QLatin1String("< ")) || trimmed.startsWith(QLatin1String("<@ ")))) {
        m_block.bodyFileHasVariables = trimmed.startsWith(QLatin1String("<@"));
        m_block.bodyFile = trimmed.mid(trimmed.indexOf(QLatin1Char(' ')) + 1).trimmed();
        return;
    }
    if (!m_block.bodyFile.isEmpty() && trimmed.isEmpty()) {
        return; // blank lines after a body file
    }
    if (!m_block.bodyFile.isEmpty()) {
        // Text after a body file: the body is these lines, the file one of them.
        m_bodyLines.append(QByteArray(m_block.bodyFileHasVariables ? "<@ " : "< ") +
                           m_block.bodyFile.toUtf8() + '\n');
        m_block.bodyFile.clear();
        m_block.bodyFileHasVariables = false;
    }
    m_bodyLines.append(m_lines[m_index].raw + m_lines[m_index].eol);
}

void BlockParser::finish()
{
    if (m_open.kind == Open::Kind::GraphqlFragment) {
        m_block.graphqlFragments.append(m_open.fragment);
    }
    if (m_open.kind == Open::Kind::JetBrainsScript || m_open.kind == Open::Kind::HttpyacScript) {
        const bool jetBrains = m_open.kind == Open::Kind::JetBrainsScript;
        if (jetBrains && !m_open.script.beforeRequest) {
            m_block.responseHandlers.append(m_open.handlerText);
        }
        m_block.scripts.append(m_open.script);
        m_issues.append({m_open.script.line, jetBrains
                                                 ? QStringLiteral("script '{%' is not closed with '%}'")
                                                 : QStringLiteral("script '{{' is not closed with '}}'")});
    }
    const int end = m_index; // the lines of this block are [0, end)
    // The body ends before trailing blank lines; they separate this block from the next.
    while (!m_bodyLines.isEmpty() && isBlank(m_bodyLines.last())) {
        m_bodyLines.removeLast();
    }
    QByteArray body = m_bodyLines.join();
    if (body.endsWith("\r\n")) {
        body.chop(2);
    } else if (body.endsWith('\n')) {
        body.chop(1);
    }
    m_block.body = body;
    for (int i = end - 1; i > m_layout.requestStart && isBlank(m_lines[i].raw); --i) {
        ++m_layout.trailingBlank;
    }
}

} // namespace

int parseBlock(const QList<Line> &lines, HttpRequestBlock *block, HttpBlockLayout *layout,
               QList<HttpIssue> *issues)
{
    return BlockParser(lines, block, layout, issues).run();
}

} // namespace ApiLens::Core::HttpSyntax
