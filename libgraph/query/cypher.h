// query/cypher.h (internal to the query stage): the syntax tree of kg's
// read-only Cypher, shared by the parser (cypher_parse.cc), the values
// (cypher_value.cc) and the evaluator (cypher_eval.cc). Debian packages no
// Cypher library, so the language is parsed by hand: a position-tracking
// tokenizer and a recursive-descent parser. docs/cypher.md lists what is
// supported.
#pragma once

#include <cstddef>
#include <cstdint>
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
// Nodes, relationships and paths are references into the GraphSource.
struct Value {
  enum class Kind { null, text, number, boolean, date, list, node, relation, path };
  Kind kind = Kind::null;
  std::string text;  // text; a number's spelling (may be empty); a date as YYYY-MM-DD
  double number = 0;
  bool truth = false;
  // node: the entity ref, or the document id when `document`;
  // relation: the relation ref, or for a MENTIONS edge the document id (and
  // `other` the entity ref) when `document`.
  std::int64_t ref = 0, other = 0;
  bool document = false;
  std::vector<Value> items;  // list; path: node, relation, node, ... alternating

  static Value null_value() { return {}; }
  static Value of_text(std::string s) {
    Value v;
    v.kind = Kind::text;
    v.text = std::move(s);
    return v;
  }
  static Value of_number(double n, std::string spelling = {}) {
    Value v;
    v.kind = Kind::number;
    v.number = n;
    v.text = std::move(spelling);
    return v;
  }
  static Value of_bool(bool b) {
    Value v;
    v.kind = Kind::boolean;
    v.truth = b;
    return v;
  }
  static Value of_list(std::vector<Value> items) {
    Value v;
    v.kind = Kind::list;
    v.items = std::move(items);
    return v;
  }
  static Value of_node(std::int64_t ref, bool document) {
    Value v;
    v.kind = Kind::node;
    v.ref = ref;
    v.document = document;
    return v;
  }
  static Value of_relation(std::int64_t ref) {
    Value v;
    v.kind = Kind::relation;
    v.ref = ref;
    return v;
  }
  static Value of_mention(std::int64_t document, std::int64_t entity) {
    Value v;
    v.kind = Kind::relation;
    v.ref = document;
    v.other = entity;
    v.document = true;
    return v;
  }
};

enum class CompareOp { equal, not_equal, less, less_equal, greater, greater_equal, contains, starts_with, ends_with, in };

// The functions a query may call. Aggregates group the rows of a projection.
enum class Function {
  type, labels, id, length, size, nodes, relationships, date, to_lower, to_upper, to_string, to_integer, coalesce,
  // aggregates
  count, collect, min, max, sum, avg,
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct Expr {
  enum class Kind {
    literal,     // literal
    list,        // [children...]
    variable,    // the value in row slot `slot`
    property,    // children[0].key
    call,        // function(children...); count(*) has no children
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
  std::string key;
  CompareOp op = CompareOp::equal;
  Function function = Function::count;
  bool negated = false;
  bool distinct = false;  // count(DISTINCT x), collect(DISTINCT x)
  std::vector<ExprPtr> children;
};

bool is_aggregate(Function f);

// A property map in a pattern, {name: '张小军'}: each entry must equal.
struct PropertyTest {
  std::string key;
  ExprPtr value;
};

// What a node pattern stands for: an entity (of any type, or of `type`) or a
// Document. A node is a Document when it says :Document or is the document
// end of a MENTIONS relationship.
struct NodePattern {
  std::optional<std::size_t> slot;
  std::optional<EntityType> type;
  bool document = false;
  std::vector<PropertyTest> properties;
  Position at;
};

enum class Direction { left_to_right, right_to_left, either };

struct RelationPattern {
  std::optional<std::size_t> slot;
  std::vector<RelationType> types;  // empty: any type between entities
  bool mentions = false;            // a Document's MENTIONS edge to an entity
  Direction direction = Direction::either;
  std::vector<PropertyTest> properties;
  // [*min..max]: the slot holds the list of relationships walked.
  bool variable_length = false;
  std::size_t min_hops = 1, max_hops = 1;
  Position at;
};

// node (relation node)*. A variable that names several nodes requires them
// to be the same node.
struct Pattern {
  std::vector<NodePattern> nodes;
  std::vector<RelationPattern> relations;
  std::optional<std::size_t> path_slot;  // p = ...
  bool shortest = false;                 // shortestPath((a)-[*..N]-(b))
};

struct MatchClause {
  bool optional = false;
  std::size_t first_slot = 0;  // slots below it were bound by earlier clauses
  std::vector<Pattern> patterns;
  ExprPtr where;  // may be null
};

struct ProjectionItem {
  ExprPtr expr;
  std::string name;    // the alias, or the expression as written
  std::size_t slot = 0;  // where the value is written in the row
  bool aggregate = false;
};

struct OrderItem {
  ExprPtr expr;
  bool descending = false;
};

// WITH or RETURN.
struct Projection {
  bool distinct = false;
  std::vector<ProjectionItem> items;
  std::vector<OrderItem> order;
  std::size_t skip = 0;
  std::optional<std::size_t> limit;
  bool aggregates = false;
  ExprPtr where;  // WITH ... WHERE
};

struct Clause {
  enum class Kind { match, with, return_ };
  Kind kind = Kind::match;
  Position at;
  MatchClause match;
  Projection projection;
};

struct Query {
  std::vector<Clause> clauses;  // the last is RETURN
  std::size_t slots = 0;        // values a row holds
};

// Bounds of variable-length relationships (docs/cypher.md).
constexpr std::size_t kMaxPathHops = 6;       // [*1..6]
constexpr std::size_t kMaxShortestHops = 15;  // shortestPath((a)-[*]-(b))

// Throws kg::QueryError.
Query parse(std::string_view text);

}  // namespace kg::cypher
