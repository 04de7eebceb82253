// query/cypher.h (internal to the query stage): the syntax tree of the Cypher
// subset, shared by the parser (cypher_parse.cc) and the evaluator
// (cypher_eval.cc). Debian packages no Cypher library, so the subset is
// parsed by hand: a position-tracking tokenizer and a recursive-descent parser.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/types.h"

namespace kg::cypher {

struct Position {
  std::size_t line = 1, column = 1;  // 1-based, in code points
};

// A value during evaluation. Text that looks like a number compares as one,
// because attributes are stored as strings (investment_yuan=120000000).
struct Value {
  enum class Kind { null, text, number, boolean };
  Kind kind = Kind::null;
  std::string text;  // text, and the literal's spelling for numbers
  double number = 0;
  bool truth = false;

  static Value null_value() { return {}; }
  static Value of_text(std::string s) { return Value{Kind::text, std::move(s), 0, false}; }
  static Value of_number(double n, std::string spelling) { return Value{Kind::number, std::move(spelling), n, false}; }
  static Value of_bool(bool b) { return Value{Kind::boolean, {}, 0, b}; }
};

enum class CompareOp { equal, not_equal, less, less_equal, greater, greater_equal, contains, starts_with, ends_with };

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct Expr {
  enum class Kind {
    literal,     // literal
    variable,    // a whole node or relationship: slot
    property,    // slot.key
    column,      // ORDER BY naming a RETURN column: column
    count,       // count(*) or count([DISTINCT] children[0])
    negation,    // NOT children[0]
    all_of,      // children joined by AND
    any_of,      // children joined by OR
    comparison,  // children[0] op children[1]
    is_null,     // children[0] IS [NOT] NULL (negated)
  };
  Kind kind = Kind::literal;
  Position at;
  Value literal;
  std::size_t slot = 0;
  bool slot_is_relation = false;
  std::string key;
  std::size_t column = 0;
  CompareOp op = CompareOp::equal;
  bool negated = false;
  bool distinct = false;  // count(DISTINCT x)
  std::vector<ExprPtr> children;
};

// A property map in a pattern, {name: '张小军'}: each entry must equal.
struct PropertyTest {
  std::string key;
  Value value;
};

struct NodePattern {
  std::optional<EntityType> label;
  std::vector<PropertyTest> properties;
};

enum class Direction { left_to_right, right_to_left, either };

struct RelationPattern {
  std::vector<RelationType> types;  // empty: any type
  Direction direction = Direction::either;
  std::vector<PropertyTest> properties;
};

// node (relation node){0,2}. A variable that names several nodes of the
// pattern requires them to be the same entity.
struct Pattern {
  std::vector<NodePattern> nodes;
  std::vector<RelationPattern> relations;
  std::vector<std::vector<std::size_t>> same_node;  // groups of node indices bound to one variable
};

struct ReturnItem {
  ExprPtr expr;
  std::string name;  // the alias, or the expression as written
  std::string canonical;  // as written without spaces, to match ORDER BY
};

struct OrderItem {
  ExprPtr expr;
  bool descending = false;
};

struct Query {
  Pattern pattern;
  ExprPtr where;  // may be null
  bool distinct = false;
  std::vector<ReturnItem> items;
  std::vector<OrderItem> order;
  std::size_t skip = 0;
  std::optional<std::size_t> limit;
  bool aggregates = false;  // some RETURN item is count()
};

// Throws kg::QueryError.
Query parse(std::string_view text);

}  // namespace kg::cypher
