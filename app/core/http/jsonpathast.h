#pragma once

// The parsed form of a JSONPath query (RFC 9535) and its parser; evaluated in jsonpath.cpp.

#include <QRegularExpression>
#include <QString>

#include <simdjson.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ApiLens::Core::JsonPathAst {

using simdjson::dom::element;

struct Expr;

struct Selector
{
    enum Kind { Name, Wildcard, Index, Slice, Filter } kind = Name;
    std::string name;
    qint64 index = 0;
    std::optional<qint64> start, end;
    qint64 step = 1;
    std::shared_ptr<Expr> filter;
};

struct Segment
{
    bool descendant = false;
    std::vector<Selector> selectors;
};

struct Query
{
    bool relative = false; // @ (the node a filter looks at) rather than $ (the root)
    std::vector<Segment> segments;
    bool singular() const
    {
        for (const Segment &s : segments) {
            if (s.descendant || s.selectors.size() != 1 ||
                (s.selectors[0].kind != Selector::Name && s.selectors[0].kind != Selector::Index)) {
                return false;
            }
        }
        return true;
    }
};

// A value in a filter: a literal, what a singular query found (or Nothing), or a function's.
struct Value
{
    enum Kind { Nothing, Null, Bool, Number, String, Node } kind = Nothing;
    bool boolean = false;
    double number = 0;
    std::string string;
    element node; // an array or an object
};

struct Expr
{
    enum Kind { Or, And, Not, Compare, Exists, Literal, Path, Function } kind = Literal;
    std::vector<std::shared_ptr<Expr>> args;
    std::string op;   // of a comparison: == != < <= > >=
    std::string name; // of a function
    Query query;
    Value literal;
    mutable std::optional<QRegularExpression> regex; // match()/search() with a literal pattern
};

// The query, or the message (with the character where it went wrong) in `error`.
std::optional<Query> parse(const QString &expression, QString *error);

} // namespace ApiLens::Core::JsonPathAst
