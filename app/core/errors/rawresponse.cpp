#include "rawresponse.h"

namespace ApiLens::Core {

bool parseRawResponse(const QByteArray &data, RawResponse *response, QString *error)
{
    qsizetype pos = 0;
    int lineNumber = 0;
    auto nextLine = [&data, &pos, &lineNumber](QByteArray *line) {
        if (pos >= data.size()) {
            return false;
        }
        qsizetype end = data.indexOf('\n', pos);
        const bool last = end < 0;
        if (last) {
            end = data.size();
        }
        *line = data.mid(pos, end - pos);
        if (line->endsWith('\r')) {
            line->chop(1);
        }
        pos = last ? data.size() : end + 1;
        ++lineNumber;
        return true;
    };

    QByteArray line;
    if (data.startsWith("\xEF\xBB\xBF")) {
        pos = 3;
    }
    if (!nextLine(&line) || !line.startsWith("HTTP/")) {
        *error = QStringLiteral("line 1: expected a status line such as 'HTTP/1.1 404 Not Found'");
        return false;
    }
    const qsizetype firstSpace = line.indexOf(' ');
    const QByteArray rest = firstSpace < 0 ? QByteArray() : line.mid(firstSpace + 1);
    const qsizetype secondSpace = rest.indexOf(' ');
    bool ok = false;
    const int status = (secondSpace < 0 ? rest : rest.left(secondSpace)).trimmed().toInt(&ok);
    if (!ok || status < 100 || status > 999) {
        *error = QStringLiteral("line 1: '%1' has no three-digit status code").arg(QString::fromUtf8(line));
        return false;
    }
    response->version = line.left(firstSpace);
    response->status = status;
    response->reason = secondSpace < 0 ? QByteArray() : rest.mid(secondSpace + 1);
    response->headers.clear();
    while (nextLine(&line)) {
        if (line.isEmpty()) {
            response->body = data.mid(pos);
            return true;
        }
        if ((line.startsWith(' ') || line.startsWith('\t')) && !response->headers.isEmpty()) {
            response->headers.last().second += ' ' + line.trimmed(); // obsolete line folding
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            *error = QStringLiteral("line %1: '%2' is not a 'Name: value' header")
                         .arg(lineNumber)
                         .arg(QString::fromUtf8(line.left(80)));
            return false;
        }
        response->headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    response->body.clear(); // headers only, no blank line: no body
    return true;
}

} // namespace ApiLens::Core
