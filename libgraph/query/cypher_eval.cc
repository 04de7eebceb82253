// query/cypher_eval.cc owns running a parsed Cypher query against a
// GraphSource: matching the pattern edge by edge from where the query is
// narrowest (an entity its name or id names, else a typed relation, else a
// labelled node, else every entity), reading only what each step needs,
// filtering with WHERE (three-valued, as Cypher's null demands), projecting,
// counting, ordering and paging the rows.
#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <map>
#include <set>
#include <unordered_map>

#include "query/cypher.h"
#include "query/query.h"

namespace kg {
namespace cypher {
namespace {

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

// A match in progress: the entities and relations bound so far (refs of the
// source), and which nodes are bound.
struct Binding {
  std::array<EntityRef, 3> nodes{};
  std::array<RelationRef, 2> relations{};
  std::array<bool, 3> bound{};
};

class Evaluator {
 public:
  Evaluator(const GraphSource& source, const Query& query) : source_(source), query_(query) {}

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
      return !needed || rows.size() < *needed;
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

  // --- what the source holds, read once per query ------------------------------------
  const EntitySummary& entity(EntityRef ref) {
    auto it = entities_.find(ref);
    if (it == entities_.end()) {
      auto e = source_.entity(ref);
      it = entities_.emplace(ref, e ? std::move(*e) : EntitySummary{ref, {}, {}, EntityType::Organization}).first;
    }
    return it->second;
  }
  const EntityDetails& details(EntityRef ref) {
    auto it = details_.find(ref);
    if (it == details_.end()) it = details_.emplace(ref, source_.details(ref)).first;
    return it->second;
  }
  const RelationSummary& relation(RelationRef ref) { return relations_.at(ref); }
  void remember(const RelationSummary& r) {
    entities_.try_emplace(r.source.ref, r.source);
    entities_.try_emplace(r.target.ref, r.target);
    relations_.try_emplace(r.ref, r);
  }
  const std::vector<EvidenceRef>& evidence(RelationRef ref) {
    auto it = evidence_.find(ref);
    if (it == evidence_.end()) it = evidence_.emplace(ref, source_.evidence(ref)).first;
    return it->second;
  }

  // --- matching ---------------------------------------------------------------
  bool node_fits(std::size_t index, EntityRef v, const Binding& b) {
    const NodePattern& node = query_.pattern.nodes[index];
    if (node.label && entity(v).type != *node.label) return false;
    for (const auto& test : node.properties)
      if (compare(CompareOp::equal, node_property(v, test.key), test.value) != true) return false;
    for (const auto& group : query_.pattern.same_node) {
      if (std::find(group.begin(), group.end(), index) == group.end()) continue;
      for (std::size_t other : group)
        if (other != index && b.bound[other] && b.nodes[other] != v) return false;
    }
    return true;
  }

  bool relation_fits(std::size_t index, const RelationSummary& r, const Binding& b) {
    const RelationPattern& relation = query_.pattern.relations[index];
    if (!relation.types.empty() &&
        std::find(relation.types.begin(), relation.types.end(), r.type) == relation.types.end())
      return false;
    // A relationship is matched at most once per row, as in Cypher.
    for (std::size_t other = 0; other < query_.pattern.relations.size(); ++other)
      if (other != index && bound_relation_[other] && b.relations[other] == r.ref) return false;
    for (const auto& test : relation.properties)
      if (compare(CompareOp::equal, relation_property(r.ref, test.key), test.value) != true) return false;
    return true;
  }

  // A literal the pattern or a top-level WHERE conjunct requires of a node's
  // name or id: an index lookup instead of a scan.
  std::optional<std::pair<std::size_t, std::vector<EntityRef>>> anchor() {
    auto lookup = [&](const std::string& key, const Value& value) -> std::optional<std::vector<EntityRef>> {
      if (value.kind != Value::Kind::text) return std::nullopt;
      std::vector<EntityRef> refs;
      if (key == "name") {
        for (const EntitySummary& e : source_.entities_named(value.text)) {
          entities_.try_emplace(e.ref, e);
          refs.push_back(e.ref);
        }
        return refs;
      }
      if (key == "id") {
        if (auto e = source_.entity_by_id(value.text)) {
          refs.push_back(e->ref);
          entities_.try_emplace(e->ref, std::move(*e));
        }
        return refs;
      }
      return std::nullopt;
    };
    for (std::size_t i = 0; i < query_.pattern.nodes.size(); ++i)
      for (const auto& test : query_.pattern.nodes[i].properties)
        if (auto refs = lookup(test.key, test.value)) return std::make_pair(i, std::move(*refs));
    std::vector<const Expr*> conjuncts;
    if (query_.where) {
      if (query_.where->kind == Expr::Kind::all_of)
        for (const auto& child : query_.where->children) conjuncts.push_back(child.get());
      else
        conjuncts.push_back(query_.where.get());
    }
    for (const Expr* c : conjuncts) {
      if (c->kind != Expr::Kind::comparison || c->op != CompareOp::equal) continue;
      const Expr* property = c->children[0].get();
      const Expr* literal = c->children[1].get();
      if (property->kind != Expr::Kind::property) std::swap(property, literal);
      if (property->kind != Expr::Kind::property || property->slot_is_relation || literal->kind != Expr::Kind::literal)
        continue;
      if (auto refs = lookup(property->key, literal->literal)) return std::make_pair(property->slot, std::move(*refs));
    }
    return std::nullopt;
  }

  // Calls emit(binding) for every match that passes WHERE until it returns false.
  template <typename Emit>
  void match(Emit emit) {
    Binding b;
    bool more = true;
    auto start_at = [&](std::size_t index, EntityRef v) {
      if (!more || !node_fits(index, v, b)) return;
      b.nodes[index] = v;
      b.bound[index] = true;
      extend(index, index, b, emit, more);
      b.bound[index] = false;
    };
    if (auto found = anchor()) {
      for (EntityRef v : found->second) start_at(found->first, v);
      return;
    }
    // A typed relation is a narrower start than every entity: scan it.
    const auto& relations = query_.pattern.relations;
    for (std::size_t hop = 0; hop < relations.size(); ++hop) {
      if (relations[hop].types.empty()) continue;
      // The first rows in name order when only a few are wanted; else
      // every relation of the type, in one pass. The labels of a directed
      // pattern's ends narrow the scan at the source.
      RelationScan scan;
      scan.in_name_order = rows_needed().has_value();
      const Direction direction = relations[hop].direction;
      const auto& left = query_.pattern.nodes[hop].label;
      const auto& right = query_.pattern.nodes[hop + 1].label;
      if (direction == Direction::left_to_right) {
        scan.source_type = left;
        scan.target_type = right;
      } else if (direction == Direction::right_to_left) {
        scan.source_type = right;
        scan.target_type = left;
      }
      for (RelationType type : relations[hop].types) {
        scan.type = type;
        source_.scan_relations(scan, [&](const RelationSummary& r) {
          remember(r);
          bind_relation_first(hop, r, b, emit, more);
          return more;
        });
      }
      return;
    }
    for (std::size_t i = 0; i < query_.pattern.nodes.size(); ++i)
      if (query_.pattern.nodes[i].label) {
        source_.scan_entities(*query_.pattern.nodes[i].label, [&](const EntitySummary& e) {
          entities_.try_emplace(e.ref, e);
          start_at(i, e.ref);
          return more;
        });
        return;
      }
    source_.scan_entities(std::nullopt, [&](const EntitySummary& e) {
      entities_.try_emplace(e.ref, e);
      start_at(0, e.ref);
      return more;
    });
  }

  // Starts a match at relation `hop`, in whichever orientations it fits.
  template <typename Emit>
  void bind_relation_first(std::size_t hop, const RelationSummary& r, Binding& b, Emit& emit, bool& more) {
    const Direction direction = query_.pattern.relations[hop].direction;
    auto try_ends = [&](EntityRef left, EntityRef right) {
      if (!more || !node_fits(hop, left, b)) return;
      b.nodes[hop] = left;
      b.bound[hop] = true;
      if (relation_fits(hop, r, b) && node_fits(hop + 1, right, b)) {
        b.relations[hop] = r.ref;
        bound_relation_[hop] = true;
        b.nodes[hop + 1] = right;
        b.bound[hop + 1] = true;
        extend(hop + 1, hop, b, emit, more);
        b.bound[hop + 1] = false;
        bound_relation_[hop] = false;
      }
      b.bound[hop] = false;
    };
    if (direction != Direction::right_to_left) try_ends(r.source.ref, r.target.ref);
    if (direction != Direction::left_to_right && r.source.ref != r.target.ref) try_ends(r.target.ref, r.source.ref);
  }

  // Binds the nodes right of `right` and then left of `left`, one hop at a time.
  template <typename Emit>
  void extend(std::size_t right, std::size_t left, Binding& b, Emit& emit, bool& more) {
    const auto& relations = query_.pattern.relations;
    if (right < relations.size()) {
      step(right, right, right + 1, b, [&] { extend(right + 1, left, b, emit, more); }, more);
      return;
    }
    if (left > 0) {
      step(left - 1, left, left - 1, b, [&] { extend(right, left - 1, b, emit, more); }, more);
      return;
    }
    if (!query_.where || truth(*query_.where, b) == true) more = emit(b);
  }

  // Binds relation `hop` from the bound node `from` to node `to`.
  template <typename Next>
  void step(std::size_t hop, std::size_t from, std::size_t to, Binding& b, Next next, bool& more) {
    const RelationPattern& pattern = query_.pattern.relations[hop];
    // Pattern directions are written left to right; walking leftwards flips them.
    const bool rightwards = to > from;
    EdgeDirection direction = EdgeDirection::both;
    if (pattern.direction == Direction::left_to_right) direction = rightwards ? EdgeDirection::out : EdgeDirection::in;
    if (pattern.direction == Direction::right_to_left) direction = rightwards ? EdgeDirection::in : EdgeDirection::out;
    std::optional<RelationType> type;
    if (pattern.types.size() == 1) type = pattern.types.front();
    const EntityRef at = b.nodes[from];
    for (const RelationSummary& r : source_.relations_of(at, direction, type)) {
      if (!more) return;
      remember(r);
      if (!relation_fits(hop, r, b)) continue;
      const bool outgoing = r.source.ref == at;
      // A self-loop under an undirected pattern is met once.
      const EntityRef other = outgoing ? r.target.ref : r.source.ref;
      if (!node_fits(to, other, b)) continue;
      b.relations[hop] = r.ref;
      bound_relation_[hop] = true;
      b.nodes[to] = other;
      b.bound[to] = true;
      next();
      b.bound[to] = false;
      bound_relation_[hop] = false;
    }
  }

  // --- values -----------------------------------------------------------------
  Value node_property(EntityRef v, std::string_view key) {
    const EntitySummary& e = entity(v);
    if (key == "name") return Value::of_text(e.name);
    if (key == "type") return Value::of_text(std::string(to_string(e.type)));
    if (key == "id") return Value::of_text(e.id);
    const EntityDetails& d = details(v);
    if (key == "aliases") {
      std::string joined;
      for (const auto& alias : d.aliases) joined += (joined.empty() ? "" : "; ") + alias;
      return Value::of_text(std::move(joined));
    }
    if (const std::string* value = attribute(d.attributes, key)) return Value::of_text(*value);
    return Value::null_value();
  }

  Value relation_property(RelationRef edge, std::string_view key) {
    const RelationSummary& r = relation(edge);
    if (key == "type") return Value::of_text(std::string(to_string(r.type)));
    if (key == "title") return Value::of_text(r.title);
    if (key == "id") return Value::of_text(r.id);
    if (key == "evidence" || key == "sentence") {
      const auto& ev = evidence(edge);
      return ev.empty() ? Value::null_value() : Value::of_text(ev.front().text);
    }
    if (key == "source") {
      if (r.evidence_documents.empty()) return Value::null_value();
      const auto doc = source_.document(r.evidence_documents.front());
      return doc ? Value::of_text(doc->source) : Value::null_value();
    }
    if (const std::string* value = attribute(r.attributes, key)) return Value::of_text(*value);
    return Value::null_value();
  }

  Value evaluate(const Expr& e, const Binding& b) {
    switch (e.kind) {
      case Expr::Kind::literal: return e.literal;
      case Expr::Kind::variable:
        return e.slot_is_relation ? Value::of_text(std::string(to_string(relation(b.relations[e.slot]).type)))
                                  : Value::of_text(entity(b.nodes[e.slot]).name);
      case Expr::Kind::property:
        return e.slot_is_relation ? relation_property(b.relations[e.slot], e.key) : node_property(b.nodes[e.slot], e.key);
      case Expr::Kind::column:
      case Expr::Kind::count: return Value::null_value();  // resolved by the caller
      default: {
        const auto t = truth(e, b);
        return t ? Value::of_bool(*t) : Value::null_value();
      }
    }
  }

  std::optional<bool> truth(const Expr& e, const Binding& b) {
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

  const GraphSource& source_;
  const Query& query_;
  std::array<bool, 2> bound_relation_{};
  std::unordered_map<EntityRef, EntitySummary> entities_;
  std::unordered_map<EntityRef, EntityDetails> details_;
  std::unordered_map<RelationRef, RelationSummary> relations_;
  std::unordered_map<RelationRef, std::vector<EvidenceRef>> evidence_;
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

QueryResult run_cypher(const GraphSource& source, std::string_view text) {
  const cypher::Query query = cypher::parse(text);
  return cypher::Evaluator(source, query).run();
}

QueryResult run_cypher(const KnowledgeGraph& graph, std::string_view text) {
  return run_cypher(KnowledgeGraphSource(graph), text);
}

}  // namespace kg
