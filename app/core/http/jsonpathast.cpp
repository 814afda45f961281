#include "jsonpathast.h"

#include <QObject>

namespace ApiLens::Core::JsonPathAst {

namespace {

class ParseError
{
public:
    qsizetype at;
    QString message;
};

// Recursive descent over the UTF-8 of the expression (RFC 9535 §2 grammar).
class Parser
{
public:
    explicit Parser(const QString &text)
        : m_text(text.toStdString())
    {}

    Query parse()
    {
        skipSpace();
        if (!eat('$')) {
            fail(QStringLiteral("a query starts with $"));
        }
        Query query = segments(false);
        skipSpace();
        if (m_at < m_text.size()) {
            fail(QStringLiteral("unexpected “%1”").arg(QString::fromStdString(m_text.substr(m_at, 1))));
        }
        return query;
    }

private:
    [[noreturn]] void fail(const QString &message) const
    {
        throw ParseError{qsizetype(QString::fromStdString(m_text.substr(0, m_at)).size()) + 1, message};
    }
    char peek(size_t ahead = 0) const { return m_at + ahead < m_text.size() ? m_text[m_at + ahead] : '\0'; }
    bool eat(char c)
    {
        if (peek() == c) {
            ++m_at;
            return true;
        }
        return false;
    }
    bool eat(const char *word)
    {
        const size_t n = std::char_traits<char>::length(word);
        if (m_text.compare(m_at, n, word) == 0) {
            m_at += n;
            return true;
        }
        return false;
    }
    void expect(char c)
    {
        skipSpace();
        if (!eat(c)) {
            fail(QStringLiteral("expected “%1”").arg(QLatin1Char(c)));
        }
    }
    void skipSpace()
    {
        while (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r') {
            ++m_at;
        }
    }
    static bool nameFirst(char c)
    {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c & 0x80);
    }
    static bool nameChar(char c) { return nameFirst(c) || (c >= '0' && c <= '9'); }

    Query segments(bool relative)
    {
        Query query;
        query.relative = relative;
        for (;;) {
            const size_t mark = m_at;
            skipSpace();
            Segment segment;
            if (eat("..")) {
                segment.descendant = true;
                if (peek() == '[') {
                    segment.selectors = bracket();
                } else {
                    segment.selectors.push_back(dotted());
                }
            } else if (eat('.')) {
                segment.selectors.push_back(dotted());
            } else if (peek() == '[') {
                segment.selectors = bracket();
            } else {
                m_at = mark;
                return query;
            }
            query.segments.push_back(std::move(segment));
        }
    }

    Selector dotted()
    {
        Selector s;
        if (eat('*')) {
            s.kind = Selector::Wildcard;
            return s;
        }
        if (!nameFirst(peek())) {
            fail(QStringLiteral("expected a member name or * after the dot"));
        }
        const size_t start = m_at;
        while (nameChar(peek())) {
            ++m_at;
        }
        s.name = m_text.substr(start, m_at - start);
        return s;
    }

    std::vector<Selector> bracket()
    {
        eat('[');
        std::vector<Selector> selectors;
        do {
            skipSpace();
            selectors.push_back(selector());
            skipSpace();
        } while (eat(','));
        expect(']');
        return selectors;
    }

    Selector selector()
    {
        Selector s;
        if (peek() == '\'' || peek() == '"') {
            s.name = stringLiteral();
        } else if (eat('*')) {
            s.kind = Selector::Wildcard;
        } else if (eat('?')) {
            s.kind = Selector::Filter;
            skipSpace();
            s.filter = logicalOr();
        } else {
            std::optional<qint64> first = optionalInteger();
            skipSpace();
            if (peek() != ':') {
                if (!first) {
                    fail(QStringLiteral("expected a name, an index, a slice, * or a ?filter"));
                }
                s.kind = Selector::Index;
                s.index = *first;
                return s;
            }
            s.kind = Selector::Slice;
            s.start = first;
            eat(':');
            skipSpace();
            s.end = optionalInteger();
            skipSpace();
            if (eat(':')) {
                skipSpace();
                s.step = optionalInteger().value_or(1);
            }
        }
        return s;
    }

    std::optional<qint64> optionalInteger()
    {
        const size_t start = m_at;
        eat('-');
        while (peek() >= '0' && peek() <= '9') {
            ++m_at;
        }
        if (m_at == start || (m_at == start + 1 && m_text[start] == '-')) {
            m_at = start;
            return std::nullopt;
        }
        bool ok = false;
        const qint64 value = QByteArray::fromStdString(m_text.substr(start, m_at - start)).toLongLong(&ok);
        if (!ok || value > (qint64(1) << 53) || value < -(qint64(1) << 53)) {
            m_at = start;
            fail(QStringLiteral("the number is out of range"));
        }
        return value;
    }

    std::string stringLiteral()
    {
        const char quote = m_text[m_at++];
        QString out;
        for (;;) {
            if (m_at >= m_text.size()) {
                fail(QStringLiteral("the string is not closed"));
            }
            const char c = m_text[m_at++];
            if (c == quote) {
                return out.toStdString();
            }
            if (c != '\\') {
                const size_t start = m_at - 1;
                while (m_at < m_text.size() && m_text[m_at] != quote && m_text[m_at] != '\\') {
                    ++m_at;
                }
                out += QString::fromUtf8(m_text.data() + start, qsizetype(m_at - start));
                continue;
            }
            const char e = peek();
            ++m_at;
            switch (e) {
            case 'b':
                out += QLatin1Char('\b');
                break;
            case 'f':
                out += QLatin1Char('\f');
                break;
            case 'n':
                out += QLatin1Char('\n');
                break;
            case 'r':
                out += QLatin1Char('\r');
                break;
            case 't':
                out += QLatin1Char('\t');
                break;
            case '/':
            case '\\':
            case '\'':
            case '"':
                out += QLatin1Char(e);
                break;
            case 'u': {
                bool ok = false;
                const uint unit = QByteArray::fromStdString(m_text.substr(m_at, 4)).toUInt(&ok, 16);
                if (!ok || m_text.size() < m_at + 4) {
                    fail(QStringLiteral("\\u needs four hex digits"));
                }
                m_at += 4;
                out += QChar(char16_t(unit));
                break;
            }
            default:
                fail(QStringLiteral("unknown escape \\%1").arg(QLatin1Char(e)));
            }
        }
    }

    std::shared_ptr<Expr> logicalOr()
    {
        auto left = logicalAnd();
        for (skipSpace(); eat("||"); skipSpace()) {
            auto e = std::make_shared<Expr>();
            e->kind = Expr::Or;
            e->args = {left, logicalAnd()};
            left = e;
        }
        return left;
    }

    std::shared_ptr<Expr> logicalAnd()
    {
        auto left = basic();
        for (skipSpace(); eat("&&"); skipSpace()) {
            auto e = std::make_shared<Expr>();
            e->kind = Expr::And;
            e->args = {left, basic()};
            left = e;
        }
        return left;
    }

    std::shared_ptr<Expr> basic()
    {
        skipSpace();
        if (peek() == '!' && peek(1) != '=') {
            ++m_at;
            auto e = std::make_shared<Expr>();
            e->kind = Expr::Not;
            e->args = {basic()};
            return e;
        }
        if (eat('(')) {
            auto inner = logicalOr();
            expect(')');
            return inner;
        }
        const size_t start = m_at;
        auto left = comparable();
        skipSpace();
        for (const char *op : {"==", "!=", "<=", ">=", "<", ">"}) {
            if (eat(op)) {
                auto e = std::make_shared<Expr>();
                e->kind = Expr::Compare;
                e->op = op;
                skipSpace();
                e->args = {left, comparable()};
                for (const auto &side : e->args) {
                    if (side->kind == Expr::Path && !side->query.singular()) {
                        m_at = start;
                        fail(QStringLiteral("a comparison needs a query that selects one value"));
                    }
                }
                return e;
            }
        }
        if (left->kind == Expr::Path) {
            left->kind = Expr::Exists;
        } else if (left->kind == Expr::Literal) {
            m_at = start;
            fail(QStringLiteral("a literal alone is not a test"));
        }
        return left;
    }

    std::shared_ptr<Expr> comparable()
    {
        auto e = std::make_shared<Expr>();
        const char c = peek();
        if (c == '@' || c == '$') {
            ++m_at;
            e->kind = Expr::Path;
            e->query = segments(c == '@');
        } else if (c == '\'' || c == '"') {
            e->literal.kind = Value::String;
            e->literal.string = stringLiteral();
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            const size_t start = m_at;
            while (m_at < m_text.size() &&
                   std::string_view("+-.eE0123456789").find(m_text[m_at]) != std::string::npos) {
                ++m_at;
            }
            bool ok = false;
            e->literal.kind = Value::Number;
            e->literal.number = QByteArray::fromStdString(m_text.substr(start, m_at - start)).toDouble(&ok);
            if (!ok) {
                m_at = start;
                fail(QStringLiteral("not a number"));
            }
        } else if (eat("true")) {
            e->literal.kind = Value::Bool;
            e->literal.boolean = true;
        } else if (eat("false")) {
            e->literal.kind = Value::Bool;
        } else if (eat("null")) {
            e->literal.kind = Value::Null;
        } else if (c >= 'a' && c <= 'z') {
            function(e.get());
        } else {
            fail(QStringLiteral("expected @, $, a literal or a function"));
        }
        return e;
    }

    void function(Expr *e)
    {
        const size_t start = m_at;
        while ((peek() >= 'a' && peek() <= 'z') || peek() == '_') {
            ++m_at;
        }
        e->kind = Expr::Function;
        e->name = m_text.substr(start, m_at - start);
        const int arity = e->name == "length" || e->name == "count" || e->name == "value" ? 1
                          : e->name == "match" || e->name == "search"                     ? 2
                                                                                          : 0;
        if (arity == 0) {
            m_at = start;
            fail(QStringLiteral("unknown function “%1”").arg(QString::fromStdString(e->name)));
        }
        expect('(');
        for (int i = 0; i < arity; ++i) {
            if (i > 0) {
                expect(',');
            }
            skipSpace();
            e->args.push_back(comparable());
        }
        expect(')');
    }

    std::string m_text;
    size_t m_at = 0;
};

} // namespace

std::optional<Query> parse(const QString &expression, QString *error)
{
    try {
        return Parser(expression).parse();
    } catch (const ParseError &e) {
        *error = QObject::tr("JSONPath, character %1: %2").arg(e.at).arg(e.message);
        return std::nullopt;
    }
}

} // namespace ApiLens::Core::JsonPathAst
