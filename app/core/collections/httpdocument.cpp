#include "httpdocument.h"

#include "httpblockparser.h"
#include "variablesyntax.h"

#include "http/requestbuilder.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

namespace ApiLens::Core {

using HttpSyntax::isBlank;
using HttpSyntax::isSeparator;
using HttpSyntax::Line;
using HttpSyntax::splitLines;

RequestSpec HttpRequestBlock::toSpec() const
{
    RequestSpec spec;
    spec.name = name;
    spec.method = method;
    spec.url = url;
    // "Authorization: Basic user password" (or "user:password") is the JetBrains client's and
    // httpyac's way to write Basic auth in clear; they encode it, and so does ApiLens. A value
    // that is one token without ':' is already encoded and goes out as it is.
    static const QRegularExpression basicInClear(QStringLiteral("^\\s*Basic\\s+(\\S+)(?:\\s+(\\S+))?\\s*$"),
                                                 QRegularExpression::CaseInsensitiveOption);
    for (const KeyValue &header : headers) {
        if (header.name.compare(QLatin1String("Authorization"), Qt::CaseInsensitive) == 0 && header.enabled &&
            spec.auth.kind == AuthKind::None) {
            // "Digest user password" (the JetBrains client and httpyac): answer the server's
            // challenge; a real Digest answer (name="value" pairs) goes out as written.
            static const QRegularExpression digestInClear(
                QStringLiteral("^\\s*Digest\\s+([^\\s=,]+)\\s+(\\S+)\\s*$"),
                QRegularExpression::CaseInsensitiveOption);
            if (const QRegularExpressionMatch digest = digestInClear.match(header.value); digest.hasMatch()) {
                spec.auth.kind = AuthKind::Digest;
                spec.auth.username = digest.captured(1);
                spec.auth.password = digest.captured(2);
                continue;
            }
            const QRegularExpressionMatch match = basicInClear.match(header.value);
            const bool twoWords = match.hasMatch() && match.capturedLength(2) > 0;
            if (twoWords || (match.hasMatch() && match.captured(1).contains(QLatin1Char(':')))) {
                spec.auth.kind = AuthKind::Basic;
                spec.auth.username =
                    twoWords ? match.captured(1) : match.captured(1).section(QLatin1Char(':'), 0, 0);
                spec.auth.password =
                    twoWords ? match.captured(2) : match.captured(1).section(QLatin1Char(':'), 1);
                continue;
            }
        }
        spec.headers.append(header);
    }
    if (!bodyFile.isEmpty()) {
        spec.body.kind = BodyKind::BinaryFile;
        spec.body.filePath = bodyFile;
    } else if (!body.isEmpty()) {
        spec.body.kind = BodyKind::Raw;
        spec.body.raw = body;
    }
    for (const KeyValue &header : headers) {
        if (header.name.compare(QLatin1String("Content-Type"), Qt::CaseInsensitive) == 0) {
            spec.body.contentType = header.value;
        }
    }
    if (oauth1 && spec.auth.kind == AuthKind::None) {
        spec.auth.kind = AuthKind::OAuth1;
        spec.auth.oauth1 = *oauth1;
    }
    spec.settings.followRedirects = !noRedirect;
    if (timeoutMs >= 0) {
        spec.settings.timeoutMs = timeoutMs;
    }
    spec.omittedDefaults = omittedDefaults;
    return spec;
}

HttpDocument HttpDocument::parse(const QByteArray &bytes)
{
    HttpDocument document;
    QByteArray data = bytes;
    if (data.startsWith("\xEF\xBB\xBF")) {
        document.m_bom = data.left(3);
        data.remove(0, 3);
    }
    const qsizetype firstLf = data.indexOf('\n');
    document.m_newline = firstLf > 0 && data.at(firstLf - 1) == '\r' ? QByteArray("\r\n") : QByteArray("\n");

    // Cut into blocks at each "###" line; the text before the first one is a block too.
    const QList<Line> lines = splitLines(data);
    QByteArray current;
    QList<int> firstLines;
    int currentFirst = 1;
    for (int i = 0; i < lines.size(); ++i) {
        if (isSeparator(lines[i].raw) && (i > 0)) {
            document.m_segments.append(current);
            firstLines.append(currentFirst);
            current.clear();
            currentFirst = i + 1;
        }
        current += lines[i].raw + lines[i].eol;
    }
    if (!current.isEmpty() || document.m_segments.isEmpty()) {
        document.m_segments.append(current);
        firstLines.append(currentFirst);
    }
    for (int i = 0; i < document.m_segments.size(); ++i) {
        if (document.m_blocks.size() == i) {
            document.m_blocks.append(HttpRequestBlock{});
            document.m_blocks.last().firstLine = firstLines[i];
            document.m_layouts.append(HttpBlockLayout{});
        }
        const qsizetype before = document.m_segments.size();
        document.parseBlock(i); // may cut the block in two (a request line without ###)
        if (document.m_segments.size() > before) {
            firstLines.insert(i + 1, document.m_blocks[i + 1].firstLine);
        }
    }
    return document;
}

void HttpDocument::parseBlock(int index)
{
    const QList<Line> lines = splitLines(m_segments[index]);
    const int next = HttpSyntax::parseBlock(lines, &m_blocks[index], &m_layouts[index], &m_issues);
    if (next <= 0) {
        return;
    }
    // A request line after this block's request starts the next block (httpyac reads files
    // without ### so); the bytes are cut there and the rest parsed as a block of its own.
    QByteArray head;
    QByteArray tail;
    for (int i = 0; i < lines.size(); ++i) {
        (i < next ? head : tail) += lines[i].raw + lines[i].eol;
    }
    m_segments[index] = head;
    m_segments.insert(index + 1, tail);
    HttpRequestBlock following;
    following.firstLine = m_blocks[index].firstLine + next;
    m_blocks.insert(index + 1, following);
    m_layouts.insert(index + 1, HttpBlockLayout{});
}

QByteArray HttpDocument::serialize() const
{
    QByteArray out = m_bom;
    for (const QByteArray &segment : m_segments) {
        out += segment;
    }
    return out;
}

QList<HttpRequestBlock> HttpDocument::requests() const
{
    QList<HttpRequestBlock> result;
    for (const HttpRequestBlock &block : m_blocks) {
        if (block.hasRequest()) {
            result.append(block);
        }
    }
    return result;
}

QHash<QString, QString> HttpDocument::fileVariables() const
{
    QHash<QString, QString> variables;
    for (const HttpRequestBlock &block : m_blocks) {
        for (const KeyValue &variable : block.variables) {
            variables.insert(variable.name, variable.value);
        }
    }
    return variables;
}

bool HttpDocument::replaceRequest(int index, const RequestSpec &spec)
{
    if (index < 0 || index >= m_blocks.size() || !m_blocks[index].hasRequest()) {
        return false;
    }
    const HttpBlockLayout layout = m_layouts[index];
    const QList<Line> lines = splitLines(m_segments[index]);
    const QByteArray nl = m_newline;
    QByteArray out;
    // The preamble as it was, but for the directives the request's settings decide: a line
    // that still says what the settings say stays as written ("@timeout 2.5" for 2,500 ms), the
    // others go, and what is missing comes just before the request line.
    static const QRegularExpression managed(QStringLiteral(
        "^\\s*(?:#|//)\\s*@(no-redirect|timeout|apilens-omit-headers|oauth1)\\b\\s*(?:=\\s*)?(.*)$"));
    QSet<QString> keptDirectives;
    const auto sameNames = [](QStringList a, QStringList b) {
        for (QStringList *list : {&a, &b}) {
            for (QString &name : *list) {
                name = name.trimmed().toLower();
            }
            list->sort();
        }
        return a == b;
    };
    for (int i = 0; i < layout.requestStart; ++i) {
        const QRegularExpressionMatch m = managed.match(QString::fromUtf8(lines[i].raw));
        if (m.hasMatch()) {
            const QString key = m.captured(1);
            const QString value = m.captured(2).trimmed();
            int ms = -1;
            QString ignored;
            const std::optional<OAuth1Settings> oauth1 =
                key == QLatin1String("oauth1") ? HttpSyntax::parseOAuth1Directive(value, &ignored)
                                               : std::nullopt;
            const bool holds =
                key == QLatin1String("no-redirect") ? !spec.settings.followRedirects
                : key == QLatin1String("oauth1")
                    ? spec.auth.kind == AuthKind::OAuth1 && oauth1 && *oauth1 == spec.auth.oauth1
                : key == QLatin1String("timeout")
                    ? HttpSyntax::parseDurationMs(value, &ms) && ms == spec.settings.timeoutMs
                    : sameNames(value.split(QLatin1Char(','), Qt::SkipEmptyParts), spec.omittedDefaults);
            if (!holds || keptDirectives.contains(key)) {
                continue;
            }
            keptDirectives.insert(key);
        }
        out += lines[i].raw + (lines[i].eol.isEmpty() ? nl : lines[i].eol);
    }
    for (const QString &directive : fileDirectives(spec)) {
        if (!keptDirectives.contains(directive.section(QLatin1Char(' '), 0, 0))) {
            out += "# @" + directive.toUtf8() + nl;
        }
    }
    out += spec.method.toUtf8() + ' ' + spec.url.toUtf8();
    if (layout.hadHttpVersion) {
        out += ' ' + m_blocks[index].httpVersion.toUtf8();
    }
    out += nl;
    for (const KeyValue &header : spec.headers) {
        if (header.enabled && !header.name.isEmpty()) {
            out += header.name.toUtf8() + ": " + header.value.toUtf8() + nl;
        }
    }
    if (spec.body.kind == BodyKind::BinaryFile && !spec.body.filePath.isEmpty()) {
        out += nl + "< " + spec.body.filePath.toUtf8() + nl;
    } else if (spec.body.kind != BodyKind::None && !spec.body.raw.isEmpty()) {
        QByteArray body = spec.body.raw;
        if (nl == "\r\n") {
            body.replace("\r\n", "\n").replace("\n", "\r\n");
        }
        out += nl + body + nl;
    }
    if (!layout.keptAfter.isEmpty()) {
        out += nl;
        for (const QByteArray &kept : layout.keptAfter) {
            out += kept + nl;
        }
    }
    for (int i = 0; i < layout.trailingBlank; ++i) {
        out += nl;
    }
    // Keep the document's last-line state: a file without a final newline stays so.
    if (index == m_segments.size() - 1 && !m_segments[index].endsWith('\n') && out.endsWith(nl)) {
        out.chop(nl.size());
    }
    m_segments[index] = out;
    const int firstLine = m_blocks[index].firstLine;
    m_blocks[index] = HttpRequestBlock{};
    m_blocks[index].firstLine = firstLine;
    m_layouts[index] = HttpBlockLayout{};
    // Later blocks move if the line count changed.
    int line = 1;
    for (int i = 0; i < m_segments.size(); ++i) {
        m_blocks[i].firstLine = line;
        line += int(m_segments[i].count('\n'));
    }
    QList<HttpIssue> kept;
    for (const HttpIssue &issue : std::as_const(m_issues)) {
        if (issue.line < firstLine || issue.line >= firstLine + int(lines.size())) {
            kept.append(issue);
        }
    }
    m_issues = kept;
    parseBlock(index);
    return true;
}

void HttpDocument::reparse()
{
    *this = parse(serialize());
}

QByteArray HttpDocument::blockText(int index) const
{
    return m_segments.value(index);
}

void HttpDocument::removeBlock(int index)
{
    if (index < 0 || index >= m_segments.size()) {
        return;
    }
    m_segments.removeAt(index);
    // The block after a removed first block becomes the first; its ### line stays, which
    // the parser takes as the same block.
    reparse();
}

int HttpDocument::insertBlock(QByteArray text, int after)
{
    const QByteArray nl = m_newline;
    if (text.contains("\r\n") && nl == "\n") {
        text.replace("\r\n", "\n");
    } else if (nl == "\r\n" && !text.contains("\r\n")) {
        text.replace("\n", "\r\n");
    }
    if (!text.startsWith("###")) {
        text.prepend("###" + nl);
    }
    if (!text.endsWith('\n')) {
        text += nl;
    }
    const bool empty = serialize().trimmed().isEmpty();
    const int at = (after < 0 || after >= m_segments.size()) ? int(m_segments.size()) : after + 1;
    if (empty) {
        m_segments = {text};
        reparse();
        return 0;
    }
    // The block before must end with a line break, and a blank line keeps the files readable.
    QByteArray &previous = m_segments[at - 1];
    if (!previous.endsWith('\n')) {
        previous += nl;
    }
    if (!previous.endsWith(QByteArray(nl + nl)) && at == m_segments.size()) {
        previous += nl;
    }
    m_segments.insert(at, text);
    reparse();
    return at;
}

QList<GraphqlFragment> graphqlFragments(const QList<HttpRequestBlock> &blocks)
{
    QList<GraphqlFragment> fragments;
    for (const HttpRequestBlock &block : blocks) {
        for (const GraphqlFragment &fragment : block.graphqlFragments) {
            const auto same =
                std::find_if(fragments.begin(), fragments.end(),
                             [&fragment](const GraphqlFragment &f) { return f.name == fragment.name; });
            if (same != fragments.end()) {
                same->text = fragment.text;
            } else {
                fragments.append(fragment);
            }
        }
    }
    return fragments;
}

bool parsesGraphql(const HttpRequestBlock &block)
{
    return std::none_of(block.otherDirectives.cbegin(), block.otherDirectives.cend(),
                        [](const QString &d) { return d.startsWith(QLatin1String("@noGqlParsing")); });
}

FileScripts fileScripts(const QList<HttpRequestBlock> &blocks)
{
    FileScripts scripts;
    for (const HttpRequestBlock &block : blocks) {
        if (block.hasRequest()) {
            continue;
        }
        for (HttpScript script : block.scripts) {
            const QString event = script.event.toLower();
            if (!event.startsWith(QLatin1Char('+'))) {
                scripts.once.append(script);
                continue;
            }
            if (event == QLatin1String("+") || event == QLatin1String("+request")) {
                script.event.clear();
                script.beforeRequest = true;
                scripts.beforeEach.append(script);
            } else if (event == QLatin1String("+after") || event == QLatin1String("+response")) {
                script.event.clear();
                script.beforeRequest = false;
                scripts.afterEach.append(script);
            } else {
                scripts.unsupported.append(script);
            }
        }
    }
    return scripts;
}

int HttpDocument::appendRequest(const QString &name, const RequestSpec &spec, const BlockExtras &extras)
{
    const QByteArray nl = m_newline;
    // A name is one line: a line break in it would start the block's request early.
    QString oneLine = name;
    for (QChar &c : oneLine) {
        if (c == QLatin1Char('\n') || c == QLatin1Char('\r') || c.isNull()) {
            c = QLatin1Char(' ');
        }
    }
    QByteArray head = "### " + oneLine.toUtf8() + nl;
    for (const QString &comment : extras.comments) {
        for (const QString &line : comment.split(QLatin1Char('\n'))) {
            head += (line.isEmpty() ? QByteArray("#") : "# " + line.toUtf8()) + nl;
        }
    }
    const QStringList managed = fileDirectives(spec);
    for (const QString &directive : extras.directives) {
        if (!managed.contains(directive)) { // replaceRequest() writes the settings' own
            head += "# @" + directive.toUtf8() + nl;
        }
    }
    const auto handler = [&nl](const QByteArray &marker, QString script) -> QByteArray {
        script.replace(QStringLiteral("%}"), QStringLiteral("% }")); // must not end the block early
        return marker + " {%" + nl + script.toUtf8() + nl + "%}" + nl;
    };
    for (const QString &script : extras.preRequestScripts) {
        head += handler("<", script);
    }
    QByteArray tail;
    for (const QString &script : extras.responseScripts) {
        tail += nl + handler(">", script);
    }
    HttpDocument block = parse(head + "GET /" + nl + tail);
    block.replaceRequest(0, spec);
    return insertBlock(block.serialize());
}

void HttpDocument::renameBlock(int index, const QString &name)
{
    if (index < 0 || index >= m_segments.size()) {
        return;
    }
    static const QRegularExpression nameDirective(
        QStringLiteral("^(\\s*(?:#|//)\\s*@name\\s*(?:=\\s*)?)(.*)$"));
    QList<Line> lines = splitLines(m_segments[index]);
    const QByteArray nl = m_newline;
    bool done = false;
    for (Line &line : lines) {
        const QRegularExpressionMatch match = nameDirective.match(QString::fromUtf8(line.raw));
        if (match.hasMatch()) {
            line.raw = match.captured(1).toUtf8() + name.toUtf8();
            done = true;
            break;
        }
    }
    if (!done && !lines.isEmpty() && isSeparator(lines.first().raw)) {
        lines.first().raw = "### " + name.toUtf8();
        done = true;
    }
    QByteArray out;
    if (!done) {
        out = "# @name " + name.toUtf8() + nl; // a first block without a ### line
    }
    for (const Line &line : std::as_const(lines)) {
        out += line.raw + line.eol;
    }
    m_segments[index] = out;
    reparse();
}

int HttpDocument::findRequest(const QString &name, int requestLine) const
{
    for (int i = 0; i < m_blocks.size(); ++i) {
        if (m_blocks[i].hasRequest() && !name.isEmpty() && m_blocks[i].name == name) {
            return i;
        }
    }
    for (int i = 0; i < m_blocks.size(); ++i) {
        if (m_blocks[i].hasRequest() && requestLine > 0 && m_blocks[i].requestLine == requestLine) {
            return i;
        }
    }
    return -1;
}

namespace {

QByteArray percentEncode(const QString &text)
{
    return QUrl::toPercentEncoding(text);
}

} // namespace

QStringList fileDirectives(const RequestSpec &spec)
{
    QStringList directives;
    const RequestSettings defaults;
    if (!spec.settings.followRedirects) {
        directives.append(QStringLiteral("no-redirect"));
    }
    if (spec.settings.timeoutMs != defaults.timeoutMs && spec.settings.timeoutMs > 0) {
        directives.append(spec.settings.timeoutMs % 1000 == 0
                              ? QStringLiteral("timeout %1").arg(spec.settings.timeoutMs / 1000)
                              : QStringLiteral("timeout %1 ms").arg(spec.settings.timeoutMs));
    }
    if (!spec.omittedDefaults.isEmpty()) {
        directives.append(QStringLiteral("apilens-omit-headers ") +
                          spec.omittedDefaults.join(QStringLiteral(", ")));
    }
    if (spec.auth.kind == AuthKind::OAuth1) {
        directives.append(HttpSyntax::oauth1Directive(spec.auth.oauth1));
    }
    return directives;
}

namespace {

QString relativeTo(const QString &fileDir, const QString &path)
{
    if (fileDir.isEmpty() || !QFileInfo(path).isAbsolute()) {
        return path;
    }
    const QString relative = QDir(fileDir).relativeFilePath(path);
    return relative.startsWith(QLatin1String("../")) ? relative : QStringLiteral("./") + relative;
}

} // namespace

HttpFileRequest forHttpFile(const RequestSpec &original, const QString &fileDir)
{
    RequestSpec source = original;
    source.body.filePath =
        source.body.filePath.isEmpty() ? QString() : relativeTo(fileDir, source.body.filePath);
    for (MultipartPart &part : source.body.parts) {
        if (part.isFile()) {
            part.filePath = relativeTo(fileDir, part.filePath);
        }
    }
    HttpFileRequest out;
    RequestSpec &spec = out.spec;
    spec = source;
    QList<KeyValue> headers;
    for (const KeyValue &header : source.headers) {
        if (header.enabled && !header.name.isEmpty()) {
            headers.append(header);
        }
    }
    spec.headers = headers;
    const auto hasHeader = [&spec](const QString &name) {
        for (const KeyValue &header : std::as_const(spec.headers)) {
            if (header.name.compare(name, Qt::CaseInsensitive) == 0) {
                return true;
            }
        }
        return false;
    };
    const auto addHeader = [&](const QString &name, const QString &value) {
        if (!hasHeader(name)) {
            spec.headers.append(KeyValue{name, value, true});
        }
    };
    switch (source.auth.kind) {
    case AuthKind::Bearer:
        addHeader(QStringLiteral("Authorization"), QStringLiteral("Bearer ") + source.auth.token);
        break;
    case AuthKind::Basic:
        // The JetBrains client and httpyac both read "Basic user password" and encode it; an empty
        // name or password (or one with a space) is written as "user:password", read the same way.
        addHeader(QStringLiteral("Authorization"),
                  source.auth.username.isEmpty() || source.auth.password.isEmpty() ||
                          source.auth.username.contains(QLatin1Char(' ')) ||
                          source.auth.password.contains(QLatin1Char(' '))
                      ? QStringLiteral("Basic %1:%2").arg(source.auth.username, source.auth.password)
                      : QStringLiteral("Basic %1 %2").arg(source.auth.username, source.auth.password));
        break;
    case AuthKind::ApiKey:
        if (source.auth.keyLocation == ApiKeyLocation::Header) {
            addHeader(source.auth.keyName, source.auth.keyValue);
        } else {
            spec.url += (spec.url.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?')) +
                        QString::fromUtf8(encodeKeepingVariables(source.auth.keyName, percentEncode)) +
                        QLatin1Char('=') +
                        QString::fromUtf8(encodeKeepingVariables(source.auth.keyValue, percentEncode));
        }
        break;
    case AuthKind::Digest:
        if (source.auth.username.contains(QLatin1Char(' ')) ||
            source.auth.password.contains(QLatin1Char(' ')) || source.auth.username.isEmpty() ||
            source.auth.password.isEmpty()) {
            out.lost.append(
                QStringLiteral("Digest authentication with an empty name or password, or a space in one"));
        } else {
            addHeader(QStringLiteral("Authorization"),
                      QStringLiteral("Digest %1 %2").arg(source.auth.username, source.auth.password));
        }
        break;
    case AuthKind::OAuth1: // a directive (fileDirectives), so the spec keeps it
    case AuthKind::None:
        break;
    }
    spec.auth = source.auth.kind == AuthKind::OAuth1 ? source.auth : Auth{};
    switch (source.body.kind) {
    case BodyKind::UrlEncoded: {
        QByteArrayList pairs;
        for (const KeyValue &field : source.body.form) {
            if (field.enabled) {
                pairs.append(encodeKeepingVariables(field.name, formEncode) + '=' +
                             encodeKeepingVariables(field.value, formEncode));
            }
        }
        spec.body.kind = BodyKind::Raw;
        spec.body.raw = pairs.join('&');
        addHeader(QStringLiteral("Content-Type"), QStringLiteral("application/x-www-form-urlencoded"));
        break;
    }
    case BodyKind::Multipart: {
        const QByteArray boundary = "ApiLensBoundary";
        QByteArray body;
        for (const MultipartPart &part : source.body.parts) {
            if (!part.enabled) {
                continue;
            }
            body += "--" + boundary + "\nContent-Disposition: form-data; name=\"" + part.name.toUtf8() + '"';
            if (part.isFile()) {
                // The JetBrains client's and httpyac's form: the file's bytes in place of "< path".
                body += "; filename=\"" + part.sentFileName().toUtf8() + "\"\nContent-Type: " +
                        (part.contentType.isEmpty() ? QByteArray("application/octet-stream")
                                                    : part.contentType.toUtf8()) +
                        "\n\n< " + part.filePath.toUtf8() + '\n';
                continue;
            }
            body += '\n';
            if (!part.contentType.isEmpty()) {
                body += "Content-Type: " + part.contentType.toUtf8() + '\n';
            }
            body += '\n' + part.value.toUtf8() + '\n';
        }
        body += "--" + boundary + "--";
        spec.body.kind = BodyKind::Raw;
        spec.body.raw = body;
        addHeader(QStringLiteral("Content-Type"),
                  QStringLiteral("multipart/form-data; boundary=") + QString::fromLatin1(boundary));
        break;
    }
    case BodyKind::Raw:
        if (!source.body.contentType.isEmpty()) {
            addHeader(QStringLiteral("Content-Type"), source.body.contentType);
        }
        break;
    case BodyKind::BinaryFile:
        if (!source.body.contentType.isEmpty()) {
            addHeader(QStringLiteral("Content-Type"), source.body.contentType);
        }
        break;
    case BodyKind::None:
        break;
    }
    out.directives = fileDirectives(source);
    if (!source.settings.verifyTls) {
        out.lost.append(QStringLiteral("TLS verification off"));
    }
    if (source.settings.proxy.mode != ProxyMode::System) {
        out.lost.append(QStringLiteral("the proxy setting"));
    }
    if (source.settings.http2PriorKnowledge || !source.settings.allowHttp2) {
        out.lost.append(QStringLiteral("the HTTP/2 setting"));
    }
    return out;
}

} // namespace ApiLens::Core
