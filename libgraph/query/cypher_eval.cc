// query/cypher_eval.cc owns running a parsed Cypher query against the graph:
// matching the pattern edge by edge from every candidate start entity,
// filtering with WHERE (three-valued, as Cypher's null demands), projecting,
// counting, ordering and paging the rows.
#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <map>
#include <set>

#include "query/cypher.h"
#include "query/query.h"

namespace kg {
namespace cypher {
namespace {

struct Binding {
  std::array<Vertex, 3> nodes{};
  std::array<Edge, 2> relations{};
};

std::optional<double> as_number(const Value& v) {
  if (v.kind == Value::Kind::number) return v.number;
  if (v.kind != Value::Kind::text || v.text.empty()) return std::nullopt;
  const char first = v.text.front();
  // from_chars also reads "inf" and "nan"; a name is never a number.
  if (!((first >= '0' && first <= '9') || first == '-' || first == '.')) return std::nullopt;
  double n = 0;
  const auto [end, error] = std::from_chars(v.text.data(), v.text.data() + v.text.size(), n);
  if (error != std::errc() || end != v.text.data() + v.text.size()) return std::nullopt;
  return n;
}

std::string render_number(double n) {
  char buffer[64];
  // The range test comes first: converting a double outside long long's
  // range (RETURN 1e308) is undefined behaviour.
  if (n > -1e15 && n < 1e15 && n == static_cast<double>(static_cast<long long>(n)))
    std::snprintf(buffer, sizeof buffer, "%lld", static_cast<long long>(n));
  else
    std::snprintf(buffer, sizeof buffer, "%.15g", n);
  return buffer;
}

std::string render(const Value& v) {
  switch (v.kind) {
    case Value::Kind::null: return {};
    case Value::Kind::text: return v.text;
    case Value::Kind::number: return render_number(v.number);
    case Value::Kind::boolean: return v.truth ? "true" : "false";
  }
  return {};
}

// Text as the string operators see it: numbers by their spelling in the query.
std::string as_text(const Value& v) { return v.kind == Value::Kind::number && !v.text.empty() ? v.text : render(v); }

// Ordering for ORDER BY: numbers (and numeric text) numerically, then text,
// then booleans; null after everything, as Cypher sorts ascending.
int compare_for_order(const Value& a, const Value& b) {
  const bool a_null = a.kind == Value::Kind::null, b_null = b.kind == Value::Kind::null;
  if (a_null || b_null) return a_null == b_null ? 0 : (a_null ? 1 : -1);
  const auto an = as_number(a), bn = as_number(b);
  if (an && bn) return *an < *bn ? -1 : (*bn < *an ? 1 : 0);
  if (an != bn) return an ? -1 : 1;
  const bool a_bool = a.kind == Value::Kind::boolean, b_bool = b.kind == Value::Kind::boolean;
  if (a_bool && b_bool) return static_cast<int>(a.truth) - static_cast<int>(b.truth);
  if (a_bool != b_bool) return a_bool ? 1 : -1;
  return a.text.compare(b.text) < 0 ? -1 : (a.text == b.text ? 0 : 1);
}

std::optional<bool> compare(CompareOp op, const Value& a, const Value& b) {
  if (a.kind == Value::Kind::null || b.kind == Value::Kind::null) return std::nullopt;
  switch (op) {
    case CompareOp::contains: return as_text(a).find(as_text(b)) != std::string::npos;
    case CompareOp::starts_with: return std::string_view(as_text(a)).starts_with(as_text(b));
    case CompareOp::ends_with: return std::string_view(as_text(a)).ends_with(as_text(b));
    default: break;
  }
  int order = 0;
  const auto an = as_number(a), bn = as_number(b);
  if (an && bn) {
    order = *an < *bn ? -1 : (*bn < *an ? 1 : 0);
  } else if (a.kind == Value::Kind::boolean && b.kind == Value::Kind::boolean) {
    order = static_cast<int>(a.truth) - static_cast<int>(b.truth);
  } else if (a.kind == Value::Kind::boolean || b.kind == Value::Kind::boolean) {
    if (op == CompareOp::equal) return false;
    if (op == CompareOp::not_equal) return true;
    return std::nullopt;
  } else {
    const int c = as_text(a).compare(as_text(b));
    order = c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  switch (op) {
    case CompareOp::equal: return order == 0;
    case CompareOp::not_equal: return order != 0;
    case CompareOp::less: return order < 0;
    case CompareOp::less_equal: return order <= 0;
    case CompareOp::greater: return order > 0;
    case CompareOp::greater_equal: return order >= 0;
    default: return std::nullopt;
  }
}

const std::string* attribute(const Attributes& attributes, std::string_view key) {
  for (const auto& [k, v] : attributes)
    if (k == key) return &v;
  return nullptr;
}

class Evaluator {
 public:
  Evaluator(const KnowledgeGraph& graph, const Query& query) : graph_(graph), query_(query) {}

  QueryResult run() {
    QueryResult result;
    for (const auto& item : query_.items) result.columns.push_back(item.name);
    std::vector<Row> rows = query_.aggregates ? grouped_rows() : plain_rows();
    if (!query_.order.empty())
      std::stable_sort(rows.begin(), rows.end(), [this](const Row& a, const Row& b) { return before(a, b); });
    std::set<std::vector<std::string>> seen;
    std::size_t skipped = 0;
    for (auto& row : rows) {
      std::vector<std::string> cells;
      cells.reserve(row.cells.size());
      for (const auto& v : row.cells) cells.push_back(render(v));
      if (query_.distinct && !seen.insert(cells).second) continue;
      if (skipped < query_.skip) {
        ++skipped;
        continue;
      }
      if (query_.limit && result.rows.size() >= *query_.limit) break;
      result.rows.push_back(std::move(cells));
    }
    return result;
  }

 private:
  struct Row {
    std::vector<Value> cells;
    std::vector<Value> keys;
  };

  bool before(const Row& a, const Row& b) const {
    for (std::size_t i = 0; i < query_.order.size(); ++i) {
      const int c = compare_for_order(a.keys[i], b.keys[i]);
      if (c != 0) return query_.order[i].descending ? c > 0 : c < 0;
    }
    return false;
  }

  // Without ORDER BY or DISTINCT the first SKIP+LIMIT matches are the answer,
  // so matching stops there instead of walking the whole graph.
  std::optional<std::size_t> rows_needed() const {
    if (!query_.order.empty() || query_.distinct || !query_.limit) return std::nullopt;
    return query_.skip + *query_.limit;
  }

  std::vector<Row> plain_rows() {
    std::vector<Row> rows;
    const auto needed = rows_needed();
    match([&](const Binding& b) {
      if (needed && rows.size() >= *needed) return false;
      Row row;
      row.cells.reserve(query_.items.size());
      for (const auto& item : query_.items) row.cells.push_back(evaluate(*item.expr, b));
      for (const auto& order : query_.order)
        row.keys.push_back(order.expr->kind == Expr::Kind::column ? row.cells[order.expr->column]
                                                                   : evaluate(*order.expr, b));
      rows.push_back(std::move(row));
      return true;
    });
    return rows;
  }

  std::vector<Row> grouped_rows() {
    struct Group {
      std::vector<Value> cells;
      std::vector<std::size_t> counts;
      std::vector<std::set<std::string>> distinct_values;
    };
    std::vector<Group> groups;
    std::map<std::vector<std::string>, std::size_t> group_of;
    const std::size_t n = query_.items.size();
    match([&](const Binding& b) {
      std::vector<Value> cells(n);
      std::vector<std::string> key;
      for (std::size_t i = 0; i < n; ++i) {
        if (query_.items[i].expr->kind == Expr::Kind::count) continue;
        cells[i] = evaluate(*query_.items[i].expr, b);
        key.push_back(std::to_string(static_cast<int>(cells[i].kind)) + ":" + render(cells[i]));
      }
      auto [at, added] = group_of.emplace(std::move(key), groups.size());
      if (added) groups.push_back(Group{std::move(cells), std::vector<std::size_t>(n, 0),
                                        std::vector<std::set<std::string>>(n)});
      Group& group = groups[at->second];
      for (std::size_t i = 0; i < n; ++i) {
        const Expr& e = *query_.items[i].expr;
        if (e.kind != Expr::Kind::count) continue;
        if (e.children.empty()) {
          ++group.counts[i];
          continue;
        }
        const Value counted = evaluate(*e.children.front(), b);
        if (counted.kind == Value::Kind::null) continue;
        if (!e.distinct || group.distinct_values[i].insert(render(counted)).second) ++group.counts[i];
      }
      return true;
    });
    // count(*) over no match at all is one row of 0, as in Cypher, when
    // nothing else is returned to group by.
    const bool only_counts = std::all_of(query_.items.begin(), query_.items.end(),
                                         [](const ReturnItem& item) { return item.expr->kind == Expr::Kind::count; });
    if (groups.empty() && only_counts)
      groups.push_back(Group{std::vector<Value>(n), std::vector<std::size_t>(n, 0), {}});
    std::vector<Row> rows;
    rows.reserve(groups.size());
    for (auto& group : groups) {
      Row row;
      row.cells = std::move(group.cells);
      for (std::size_t i = 0; i < n; ++i)
        if (query_.items[i].expr->kind == Expr::Kind::count)
          row.cells[i] = Value::of_number(static_cast<double>(group.counts[i]), {});
      for (const auto& order : query_.order) row.keys.push_back(row.cells[order.expr->column]);
      rows.push_back(std::move(row));
    }
    return rows;
  }

  // --- matching ---------------------------------------------------------------
  bool node_fits(std::size_t index, Vertex v, const Binding& b) const {
    const NodePattern& node = query_.pattern.nodes[index];
    if (node.label && graph_.g[v].type != *node.label) return false;
    for (const auto& test : node.properties)
      if (compare(CompareOp::equal, node_property(v, test.key), test.value) != true) return false;
    for (const auto& group : query_.pattern.same_node) {
      if (std::find(group.begin(), group.end(), index) == group.end()) continue;
      for (std::size_t other : group)
        if (other < index && b.nodes[other] != v) return false;
    }
    return true;
  }

  bool relation_fits(std::size_t index, Edge e, const Binding& b) const {
    const RelationPattern& relation = query_.pattern.relations[index];
    const RelationProps& props = graph_.g[e];
    if (!relation.types.empty() &&
        std::find(relation.types.begin(), relation.types.end(), props.type) == relation.types.end())
      return false;
    // A relationship is matched at most once per row, as in Cypher.
    for (std::size_t earlier = 0; earlier < index; ++earlier)
      if (b.relations[earlier] == e) return false;
    for (const auto& test : relation.properties)
      if (compare(CompareOp::equal, relation_property(e, test.key), test.value) != true) return false;
    return true;
  }

  // Calls emit(binding) for every match that passes WHERE until it returns false.
  template <typename Emit>
  void match(Emit emit) {
    Binding b;
    bool more = true;
    for (const Vertex v : boost::make_iterator_range(boost::vertices(graph_.g))) {
      if (!more) return;
      if (!node_fits(0, v, b)) continue;
      b.nodes[0] = v;
      extend(0, b, emit, more);
    }
  }

  template <typename Emit>
  void extend(std::size_t hop, Binding& b, Emit& emit, bool& more) {
    if (hop == query_.pattern.relations.size()) {
      if (!query_.where || truth(*query_.where, b) == true) more = emit(b);
      return;
    }
    const Vertex from = b.nodes[hop];
    const Direction direction = query_.pattern.relations[hop].direction;
    auto step = [&](Edge e, Vertex to) {
      if (!more || !relation_fits(hop, e, b) || !node_fits(hop + 1, to, b)) return;
      b.relations[hop] = e;
      b.nodes[hop + 1] = to;
      extend(hop + 1, b, emit, more);
    };
    if (direction != Direction::right_to_left)
      for (const Edge e : boost::make_iterator_range(boost::out_edges(from, graph_.g))) step(e, boost::target(e, graph_.g));
    if (direction != Direction::left_to_right)
      for (const Edge e : boost::make_iterator_range(boost::in_edges(from, graph_.g))) {
        // An undirected pattern already met a self-loop among the out-edges.
        if (direction == Direction::either && boost::source(e, graph_.g) == from) continue;
        step(e, boost::source(e, graph_.g));
      }
  }

  // --- values -----------------------------------------------------------------
  Value node_property(Vertex v, std::string_view key) const {
    const EntityProps& e = graph_.g[v];
    if (key == "name") return Value::of_text(e.name);
    if (key == "type") return Value::of_text(std::string(to_string(e.type)));
    if (key == "id") return Value::of_text(e.id);
    if (key == "aliases") {
      std::string joined;
      for (const auto& alias : e.aliases) joined += (joined.empty() ? "" : "; ") + alias;
      return Value::of_text(std::move(joined));
    }
    if (const std::string* value = attribute(e.attributes, key)) return Value::of_text(*value);
    return Value::null_value();
  }

  Value relation_property(Edge edge, std::string_view key) const {
    const RelationProps& r = graph_.g[edge];
    if (key == "type") return Value::of_text(std::string(to_string(r.type)));
    if (key == "title") return Value::of_text(r.title);
    if (key == "id") return Value::of_text(r.id);
    if (key == "evidence" || key == "sentence")
      return r.evidence.empty() ? Value::null_value() : Value::of_text(r.evidence.front().text);
    if (key == "source") {
      if (r.evidence.empty()) return Value::null_value();
      const DocumentInfo* doc = graph_.document(r.evidence.front().doc);
      return doc ? Value::of_text(doc->source) : Value::null_value();
    }
    if (const std::string* value = attribute(r.attributes, key)) return Value::of_text(*value);
    return Value::null_value();
  }

  Value evaluate(const Expr& e, const Binding& b) const {
    switch (e.kind) {
      case Expr::Kind::literal: return e.literal;
      case Expr::Kind::variable:
        return e.slot_is_relation ? Value::of_text(std::string(to_string(graph_.g[b.relations[e.slot]].type)))
                                  : Value::of_text(graph_.g[b.nodes[e.slot]].name);
      case Expr::Kind::property:
        return e.slot_is_relation ? relation_property(b.relations[e.slot], e.key)
                                  : node_property(b.nodes[e.slot], e.key);
      case Expr::Kind::column:
      case Expr::Kind::count: return Value::null_value();  // resolved by the caller
      default: {
        const auto t = truth(e, b);
        return t ? Value::of_bool(*t) : Value::null_value();
      }
    }
  }

  std::optional<bool> truth(const Expr& e, const Binding& b) const {
    switch (e.kind) {
      case Expr::Kind::negation: {
        const auto t = truth(*e.children.front(), b);
        return t ? std::optional<bool>(!*t) : std::nullopt;
      }
      case Expr::Kind::all_of: {
        bool unknown = false;
        for (const auto& child : e.children) {
          const auto t = truth(*child, b);
          if (t == false) return false;
          unknown |= !t;
        }
        return unknown ? std::nullopt : std::optional<bool>(true);
      }
      case Expr::Kind::any_of: {
        bool unknown = false;
        for (const auto& child : e.children) {
          const auto t = truth(*child, b);
          if (t == true) return true;
          unknown |= !t;
        }
        return unknown ? std::nullopt : std::optional<bool>(false);
      }
      case Expr::Kind::comparison:
        return compare(e.op, evaluate(*e.children[0], b), evaluate(*e.children[1], b));
      case Expr::Kind::is_null:
        return (evaluate(*e.children.front(), b).kind == Value::Kind::null) != e.negated;
      default: {
        const Value v = evaluate(e, b);
        if (v.kind == Value::Kind::boolean) return v.truth;
        return std::nullopt;
      }
    }
  }

  const KnowledgeGraph& graph_;
  const Query& query_;
};

}  // namespace
}  // namespace cypher

bool is_cypher(std::string_view text) {
  const std::size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos || text.size() - start < 5) return false;
  const std::string_view word = text.substr(start, 5);
  static constexpr std::string_view kMatch = "match";
  for (std::size_t i = 0; i < 5; ++i)
    if ((word[i] | 0x20) != kMatch[i]) return false;
  return text.size() - start == 5 || !std::isalnum(static_cast<unsigned char>(text[start + 5]));
}

QueryResult run_cypher(const KnowledgeGraph& graph, std::string_view text) {
  const cypher::Query query = cypher::parse(text);
  return cypher::Evaluator(graph, query).run();
}

}  // namespace kg
