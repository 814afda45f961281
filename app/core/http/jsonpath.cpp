#include "jsonpath.h"
#include "jsonpathast.h"

#include "util/format.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ApiLens::Core {

namespace {

using namespace JsonPathAst;
using simdjson::dom::element_type;

// ---- Evaluation --------------------------------------------------------------------------

using Nodes = std::vector<element>;

// By value: a range-for over a member of the temporary simdjson_result would dangle.
simdjson::dom::array arrayOf(element node)
{
    return node.get_array().value_unsafe();
}

simdjson::dom::object objectOf(element node)
{
    return node.get_object().value_unsafe();
}

class Evaluator
{
public:
    Evaluator(element root, const std::atomic_bool *cancel)
        : m_root(root)
        , m_cancel(cancel)
    {}

    bool cancelled() const { return m_cancelled; }

    Nodes run(const Query &query, element current)
    {
        Nodes nodes{query.relative ? current : m_root};
        for (const Segment &segment : query.segments) {
            Nodes next;
            for (const element &node : nodes) {
                if (segment.descendant) {
                    descend(node, segment, &next);
                } else {
                    select(node, segment, &next);
                }
                if (poll()) {
                    return {};
                }
            }
            nodes = std::move(next);
        }
        return nodes;
    }

private:
    bool poll()
    {
        if (m_cancel && (++m_polls & 0xFFF) == 0 && m_cancel->load()) {
            m_cancelled = true;
        }
        return m_cancelled;
    }

    void select(element node, const Segment &segment, Nodes *out)
    {
        for (const Selector &s : segment.selectors) {
            apply(node, s, out);
        }
    }

    // The node and everything under it, in document order, each given the selectors.
    void descend(element node, const Segment &segment, Nodes *out)
    {
        if (m_cancelled) {
            return;
        }
        select(node, segment, out);
        if (node.type() == element_type::ARRAY) {
            for (element child : arrayOf(node)) {
                descend(child, segment, out);
            }
        } else if (node.type() == element_type::OBJECT) {
            for (auto field : objectOf(node)) {
                descend(field.value, segment, out);
            }
        }
        poll();
    }

    static void children(element node, Nodes *out)
    {
        if (node.type() == element_type::ARRAY) {
            for (element child : arrayOf(node)) {
                out->push_back(child);
            }
        } else if (node.type() == element_type::OBJECT) {
            for (auto field : objectOf(node)) {
                out->push_back(field.value);
            }
        }
    }

    void apply(element node, const Selector &s, Nodes *out)
    {
        switch (s.kind) {
        case Selector::Name:
            if (node.type() == element_type::OBJECT) {
                for (auto field : objectOf(node)) {
                    if (field.key == s.name) {
                        out->push_back(field.value);
                        break;
                    }
                }
            }
            return;
        case Selector::Wildcard:
            children(node, out);
            return;
        case Selector::Index:
            if (node.type() == element_type::ARRAY) {
                const simdjson::dom::array array = arrayOf(node);
                const qint64 size = qint64(array.size());
                const qint64 i = s.index < 0 ? size + s.index : s.index;
                if (i >= 0 && i < size) {
                    out->push_back(array.at(size_t(i)).value_unsafe());
                }
            }
            return;
        case Selector::Slice:
            if (node.type() == element_type::ARRAY) {
                slice(node, s, out);
            }
            return;
        case Selector::Filter: {
            Nodes candidates;
            children(node, &candidates);
            for (const element &candidate : candidates) {
                if (test(*s.filter, candidate)) {
                    out->push_back(candidate);
                }
                if (poll()) {
                    return;
                }
            }
            return;
        }
        }
    }

    // RFC 9535 §2.3.4.2.2: bounds normalised, then walked by step.
    static void slice(element node, const Selector &s, Nodes *out)
    {
        Nodes items;
        children(node, &items);
        const qint64 len = qint64(items.size());
        const qint64 step = s.step;
        if (step == 0) {
            return;
        }
        const auto norm = [len](qint64 i) {
            return i >= 0 ? i : len + i;
        };
        const qint64 start = s.start ? norm(*s.start) : (step > 0 ? 0 : len - 1);
        const qint64 end = s.end ? norm(*s.end) : (step > 0 ? len : -len - 1);
        if (step > 0) {
            for (qint64 i = std::clamp<qint64>(start, 0, len); i < std::clamp<qint64>(end, 0, len);
                 i += step) {
                out->push_back(items[size_t(i)]);
            }
        } else {
            for (qint64 i = std::clamp<qint64>(start, -1, len - 1); i > std::clamp<qint64>(end, -1, len - 1);
                 i += step) {
                out->push_back(items[size_t(i)]);
            }
        }
    }

    static Value valueOf(element node)
    {
        Value v;
        switch (node.type()) {
        case element_type::ARRAY:
        case element_type::OBJECT:
            v.kind = Value::Node;
            v.node = node;
            break;
        case element_type::INT64:
            v.kind = Value::Number;
            v.number = double(node.get_int64().value_unsafe());
            break;
        case element_type::UINT64:
            v.kind = Value::Number;
            v.number = double(node.get_uint64().value_unsafe());
            break;
        case element_type::DOUBLE:
            v.kind = Value::Number;
            v.number = node.get_double().value_unsafe();
            break;
        case element_type::STRING:
            v.kind = Value::String;
            v.string = std::string(node.get_string().value_unsafe());
            break;
        case element_type::BOOL:
            v.kind = Value::Bool;
            v.boolean = node.get_bool().value_unsafe();
            break;
        case element_type::NULL_VALUE:
            v.kind = Value::Null;
            break;
        }
        return v;
    }

    static bool deepEqual(element a, element b)
    {
        const Value va = valueOf(a);
        const Value vb = valueOf(b);
        if (va.kind != Value::Node || vb.kind != Value::Node) {
            return equal(va, vb);
        }
        if (a.type() != b.type()) {
            return false;
        }
        if (a.type() == element_type::ARRAY) {
            const simdjson::dom::array x = arrayOf(a);
            const simdjson::dom::array y = arrayOf(b);
            if (x.size() != y.size()) {
                return false;
            }
            for (auto i = x.begin(), j = y.begin(); i != x.end(); ++i, ++j) {
                if (!deepEqual(*i, *j)) {
                    return false;
                }
            }
            return true;
        }
        const simdjson::dom::object x = objectOf(a);
        const simdjson::dom::object y = objectOf(b);
        if (x.size() != y.size()) {
            return false;
        }
        for (auto field : x) {
            element other;
            if (y.at_key(field.key).get(other) != simdjson::SUCCESS || !deepEqual(field.value, other)) {
                return false;
            }
        }
        return true;
    }

    static bool equal(const Value &a, const Value &b)
    {
        if (a.kind != b.kind) {
            return false;
        }
        switch (a.kind) {
        case Value::Nothing:
        case Value::Null:
            return true;
        case Value::Bool:
            return a.boolean == b.boolean;
        case Value::Number:
            return a.number == b.number;
        case Value::String:
            return a.string == b.string;
        case Value::Node:
            return deepEqual(a.node, b.node);
        }
        return false;
    }

    static bool less(const Value &a, const Value &b)
    {
        if (a.kind == Value::Number && b.kind == Value::Number) {
            return a.number < b.number;
        }
        if (a.kind == Value::String && b.kind == Value::String) {
            return a.string < b.string; // by code point: UTF-8 bytes sort the same way
        }
        return false;
    }

    static bool compare(const std::string &op, const Value &a, const Value &b)
    {
        if (op == "==") {
            return equal(a, b);
        }
        if (op == "!=") {
            return !equal(a, b);
        }
        if (op == "<") {
            return less(a, b);
        }
        if (op == ">") {
            return less(b, a);
        }
        if (op == "<=") {
            return less(a, b) || equal(a, b);
        }
        return less(b, a) || equal(a, b); // >=
    }

    Value value(const Expr &e, element current)
    {
        switch (e.kind) {
        case Expr::Literal:
            return e.literal;
        case Expr::Path: {
            const Nodes nodes = run(e.query, current);
            return nodes.size() == 1 ? valueOf(nodes.front()) : Value{};
        }
        case Expr::Function:
            return function(e, current);
        default: {
            Value v;
            v.kind = Value::Bool;
            v.boolean = test(e, current);
            return v;
        }
        }
    }

    Value function(const Expr &e, element current)
    {
        Value out;
        if (e.name == "count") {
            out.kind = Value::Number;
            out.number = e.args[0]->kind == Expr::Path ? double(run(e.args[0]->query, current).size()) : 1;
            return out;
        }
        if (e.name == "value") {
            if (e.args[0]->kind != Expr::Path) {
                return value(*e.args[0], current);
            }
            const Nodes nodes = run(e.args[0]->query, current);
            return nodes.size() == 1 ? valueOf(nodes.front()) : Value{};
        }
        const Value arg = value(*e.args[0], current);
        if (e.name == "length") {
            if (arg.kind == Value::String) {
                out.kind = Value::Number;
                out.number = double(QString::fromStdString(arg.string).toUcs4().size());
            } else if (arg.kind == Value::Node) {
                out.kind = Value::Number;
                out.number = arg.node.type() == element_type::ARRAY ? double(arrayOf(arg.node).size())
                                                                    : double(objectOf(arg.node).size());
            }
            return out;
        }
        // match() (the whole string) and search() (anywhere in it).
        const Value pattern = value(*e.args[1], current);
        out.kind = Value::Bool;
        if (arg.kind != Value::String || pattern.kind != Value::String) {
            return out;
        }
        const bool whole = e.name == "match";
        const auto compile = [whole](const std::string &p) {
            const QString text = QString::fromStdString(p);
            return QRegularExpression(whole ? QStringLiteral("\\A(?:%1)\\z").arg(text) : text);
        };
        QRegularExpression re;
        if (e.args[1]->kind == Expr::Literal) {
            if (!e.regex) {
                e.regex = compile(pattern.string);
            }
            re = *e.regex;
        } else {
            re = compile(pattern.string);
        }
        out.boolean = re.isValid() && re.match(QString::fromStdString(arg.string)).hasMatch();
        return out;
    }

    bool test(const Expr &e, element current)
    {
        switch (e.kind) {
        case Expr::Or:
            return test(*e.args[0], current) || test(*e.args[1], current);
        case Expr::And:
            return test(*e.args[0], current) && test(*e.args[1], current);
        case Expr::Not:
            return !test(*e.args[0], current);
        case Expr::Compare:
            return compare(e.op, value(*e.args[0], current), value(*e.args[1], current));
        case Expr::Exists:
            return !run(e.query, current).empty();
        case Expr::Function: {
            const Value v = function(e, current);
            return v.kind == Value::Bool ? v.boolean : v.kind != Value::Nothing;
        }
        case Expr::Literal:
        case Expr::Path:
            break;
        }
        return false;
    }

    element m_root;
    const std::atomic_bool *m_cancel;
    quint32 m_polls = 0;
    bool m_cancelled = false;
};

// Where a body that simdjson refused goes wrong, from Qt's parser (which says where), for a
// body small enough to read twice.
QString notJsonMessage(QByteArrayView json, simdjson::error_code code)
{
    if (json.size() <= (64 << 20)) {
        QJsonParseError error;
        QJsonDocument::fromJson(json.toByteArray(), &error);
        if (error.error != QJsonParseError::NoError) {
            return QObject::tr("The body is not JSON: %1 at character %2")
                .arg(error.errorString())
                .arg(qMax(1, error.offset));
        }
    }
    return QObject::tr("The body is not JSON: %1").arg(QString::fromLatin1(simdjson::error_message(code)));
}

} // namespace

QString checkJsonPath(const QString &expression)
{
    QString error;
    JsonPathAst::parse(expression, &error);
    return error;
}

JsonPathResult evaluateJsonPath(QByteArrayView json, const QString &expression,
                                const std::atomic_bool *cancel)
{
    JsonPathResult result;
    const std::optional<Query> query = JsonPathAst::parse(expression, &result.error);
    if (!query) {
        return result;
    }
    if (json.size() > JsonPathLimitBytes) {
        result.error = QObject::tr("The body is %1; a filter reads at most %2.")
                           .arg(humanSize(json.size()), humanSize(JsonPathLimitBytes));
        return result;
    }
    QByteArrayView text = json;
    if (text.startsWith("\xEF\xBB\xBF")) {
        text = text.sliced(3);
    }
    simdjson::dom::parser parser; // (an empty view may have no data pointer: simdjson copies from it)
    element root;
    if (const auto code = parser.parse(text.isEmpty() ? "" : text.data(), size_t(text.size())).get(root);
        code != simdjson::SUCCESS) {
        result.error = notJsonMessage(text, code);
        return result;
    }
    Evaluator evaluator(root, cancel);
    const Nodes nodes = evaluator.run(*query, root);
    if (evaluator.cancelled()) {
        result.cancelled = true;
        return result;
    }
    result.count = qint64(nodes.size());
    result.json.append('[');
    for (size_t i = 0; i < nodes.size(); ++i) {
        if (i > 0) {
            result.json.append(',');
        }
        result.json.append(QByteArray::fromStdString(simdjson::minify(nodes[i])));
    }
    result.json.append(']');
    return result;
}

} // namespace ApiLens::Core
