#pragma once

#include <QByteArrayView>
#include <QString>

namespace ApiLens::Core {

// HTML re-indented for reading, as tolerant as browsers are: every tag on a line of its own,
// two spaces a level; an element that holds only text stays on one line
// (<title>502 Bad Gateway</title>); void elements (<br>, <meta>…) and <x/> open no level; the
// content of <script>, <style>, <pre> and <textarea> is kept as it is; an end tag closes what
// was left open inside it; an optional end tag (<li>, <p>, <td>…) is implied by the next one.
// Only whitespace changes: the other characters come out in the same order. Pure.
QString indentHtml(QByteArrayView html);

} // namespace ApiLens::Core
