// query/cypher_eval.cc owns running a parsed Cypher query against a
// GraphSource. Clauses run in order over rows of values: MATCH extends each
// row with every way its patterns fit (OPTIONAL MATCH keeps a row that fits
// none, with nulls), WITH and RETURN project, group, sort and page. A pattern
// is matched from where it is narrowest (a node bound by an earlier clause,
// an entity or document its name, id or source names, else a typed relation,
// else a labelled node, else every entity), reading only what each step
// needs through the source's indexes (the WHERE's conditions on names go
// into that first scan, a NameFilter); when the next projection only takes
// the first rows, matching stops there. Filters are three-valued, as
// Cypher's null demands; names compare by their lookup key (graph/names.h),
// so 張小軍 finds 张小军.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <deque>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "core/utf8.h"
#include "query/cypher.h"
#include "query/cypher_value.h"
#include "query/query.h"

namespace kg {
namespace cypher {
namespace {

using Row = std::vector<Value>;

// More values than this between two clauses (rows times the values a row
// holds) end the query with an error instead of exhausting memory: a pattern
// that multiplies (a cross product, a long variable-length walk) must be
// narrowed. 8M values are about 800 MB.
constexpr std::size_t kMaxValues = 8'000'000;

[[noreturn]] void fail(Position at, const std::string& message) { throw QueryError(at.line, at.column, message); }

const std::string* attribute(const Attributes& attributes, std::string_view key) {
  for (const auto& [k, v] : attributes)
    if (k == key) return &v;
  return nullptr;
}

// An attribute that spells a number is a number (JSON shows it as one); it
// keeps its spelling for text output.
Value attribute_value(const std::string& text) {
  // Only a number written as kg writes numbers: 0012 and 1.50 stay text.
  Value v = Value::of_text(text);
  if (const auto n = as_number(v); n && render_number(*n) == text) return Value::of_number(*n, text);
  return v;
}

Value text_or_null(const std::string& text) { return text.empty() ? Value::null_value() : Value::of_text(text); }

std::string ascii_case(std::string text, bool upper) {
  // ASCII only: Chinese has no case, and Latin names in the corpus are ASCII.
  for (char& c : text) {
    if (upper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (!upper && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

// The state of one pattern being matched: what its nodes and relationships
// are bound to (also those without a variable).
struct PatternState {
  std::vector<Value> nodes;
  std::vector<bool> bound;
  std::vector<Value> relations;
  // For variable-length relationships, the nodes walked between the ends,
  // in pattern order.
  std::vector<std::vector<Value>> inner_nodes;
};

class Evaluator {
 public:
  Evaluator(const GraphSource& source, const Query& query) : source_(source), query_(query) {}

  QueryResult run() {
    std::vector<Row> rows(1, Row(query_.slots));
    for (std::size_t i = 0; i < query_.clauses.size(); ++i) {
      const Clause& clause = query_.clauses[i];
      switch (clause.kind) {
        case Clause::Kind::match: rows = run_match(clause, rows, rows_needed(i + 1)); break;
        case Clause::Kind::with: rows = project(clause.projection, std::move(rows)); break;
        case Clause::Kind::return_: return result_of(clause.projection, project(clause.projection, std::move(rows)));
      }
    }
    return {};
  }

 private:
  // When the clause at `next` is a projection that only keeps its first
  // SKIP+LIMIT rows (distinct rows, for DISTINCT) as they come, the MATCH
  // before it may stop there.
  struct Needed {
    std::size_t rows = 0;
    const Projection* distinct = nullptr;  // count distinct projections of this
  };
  std::optional<Needed> rows_needed(std::size_t next) const {
    if (next >= query_.clauses.size() || query_.clauses[next].kind == Clause::Kind::match) return std::nullopt;
    const Projection& p = query_.clauses[next].projection;
    if (p.aggregates || !p.order.empty() || !p.limit || p.where) return std::nullopt;
    return Needed{p.skip + *p.limit, p.distinct ? &p : nullptr};
  }

  std::string projected_key(const Projection& p, const Row& row) {
    std::string key;
    for (const auto& item : p.items) key += identity_key(evaluate(*item.expr, row)) + "|";
    return key;
  }

  // --- MATCH ------------------------------------------------------------------
  std::vector<Row> run_match(const Clause& clause, const std::vector<Row>& input, std::optional<Needed> needed) {
    const MatchClause& match = clause.match;
    stop_after_.reset();
    if (needed) stop_after_ = needed->rows;
    std::vector<Row> out;
    // With DISTINCT, a row projected like an earlier one is dropped here
    // (the projection would drop it), so the count is of distinct rows.
    std::unordered_set<std::string> projected;
    auto enough = [&] { return needed && out.size() >= needed->rows; };
    const std::size_t max_rows = kMaxValues / std::max<std::size_t>(1, query_.slots);
    auto keep = [&](const Row& r) {
      if (needed && needed->distinct && !projected.insert(projected_key(*needed->distinct, r)).second) return;
      out.push_back(r);
      if (out.size() > max_rows)
        fail(clause.at, "this MATCH yields more than " + std::to_string(max_rows) +
                            " rows; narrow the pattern or add a LIMIT");
    };
    for (const Row& row : input) {
      if (enough()) break;
      Row working = row;
      bool any = false;
      auto emit = [&](const Row& r) {
        any = true;
        keep(r);
        return !enough();
      };
      match_patterns(match, 0, working, emit);
      if (!any && match.optional) keep(row);
    }
    return out;
  }

  template <typename Emit>
  bool match_patterns(const MatchClause& match, std::size_t index, Row& row, Emit& emit) {
    if (index == match.patterns.size()) {
      if (match.where && truth(*match.where, row) != true) return true;
      return emit(row);
    }
    return match_pattern(match, match.patterns[index], row,
                         [&](Row& r) { return match_patterns(match, index + 1, r, emit); });
  }

  // --- what the source holds, read once per query ---------------------------------
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
  const DocumentInfo& document(std::int64_t id) {
    auto it = documents_.find(id);
    if (it == documents_.end()) {
      auto d = source_.document(id);
      it = documents_.emplace(id, d ? std::move(*d) : DocumentInfo{id, {}, 0}).first;
    }
    return it->second;
  }
  const RelationSummary& relation(RelationRef ref) {
    auto it = relations_.find(ref);
    if (it == relations_.end()) {
      auto r = source_.relation(ref);
      it = relations_.emplace(ref, r ? std::move(*r) : RelationSummary{}).first;
    }
    return it->second;
  }
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
  const std::string& folded_name(EntityRef ref) {
    auto it = folded_names_.find(ref);
    if (it == folded_names_.end()) it = folded_names_.emplace(ref, normalise_name(entity(ref).name)).first;
    return it->second;
  }
  // The entities a document mentions (store: one range of document_entities).
  const std::vector<EntityRef>& entities_of_document(std::int64_t doc) {
    auto it = entities_of_document_.find(doc);
    if (it == entities_of_document_.end()) it = entities_of_document_.emplace(doc, source_.entities_in_document(doc)).first;
    return it->second;
  }

  // --- fitting nodes and relationships ---------------------------------------------
  bool node_fits(const NodePattern& node, const Value& v, const Row& row) {
    if (v.kind != Value::Kind::node || v.document != node.document) return false;
    if (node.type && entity(v.ref).type != *node.type) return false;
    if (node.slot && row[*node.slot].kind != Value::Kind::null && identity_key(row[*node.slot]) != identity_key(v))
      return false;
    for (const auto& test : node.properties) {
      const Value wanted = evaluate(*test.value, row);
      if (folded_compare(CompareOp::equal, node_property(v, test.key), wanted, !node.document && test.key == "name") !=
          true)
        return false;
    }
    return true;
  }

  bool relation_type_fits(const RelationPattern& pattern, const RelationSummary& r) {
    return pattern.types.empty() || std::find(pattern.types.begin(), pattern.types.end(), r.type) != pattern.types.end();
  }

  bool relation_fits(const RelationPattern& pattern, const RelationSummary& r, const Row& row) {
    if (!relation_type_fits(pattern, r)) return false;
    // A relationship is matched at most once per row of a MATCH, as in Cypher.
    if (std::find(used_relations_.begin(), used_relations_.end(), r.ref) != used_relations_.end()) return false;
    for (const auto& test : pattern.properties)
      if (compare(CompareOp::equal, relation_property(Value::of_relation(r.ref), test.key), evaluate(*test.value, row)) !=
          true)
        return false;
    return true;
  }

  // Binds node `i` to `v` (in the row too, when named) for the call of next.
  template <typename Next>
  bool with_node(const Pattern& pattern, PatternState& state, std::size_t i, const Value& v, Row& row, Next next) {
    if (!node_fits(pattern.nodes[i], v, row)) return true;
    const NodePattern& node = pattern.nodes[i];
    const bool was_bound_in_row = node.slot && row[*node.slot].kind != Value::Kind::null;
    state.nodes[i] = v;
    state.bound[i] = true;
    if (node.slot && !was_bound_in_row) row[*node.slot] = v;
    const bool more = next();
    if (node.slot && !was_bound_in_row) row[*node.slot] = Value::null_value();
    state.bound[i] = false;
    return more;
  }

  // --- where a pattern starts ------------------------------------------------------
  struct Start {
    std::size_t node = 0;
    std::vector<Value> candidates;
  };

  std::optional<std::vector<Value>> lookup(bool document, const std::string& key, const Value& value) {
    std::vector<Value> found;
    if (value.kind == Value::Kind::list) {
      for (const Value& item : value.items) {
        auto part = lookup(document, key, item);
        if (!part) return std::nullopt;
        found.insert(found.end(), part->begin(), part->end());
      }
      return found;
    }
    if (document) {
      if (key == "id") {
        const auto n = as_number(value);
        if (!n) return std::nullopt;
        if (auto d = source_.document(static_cast<std::int64_t>(*n))) {
          found.push_back(Value::of_node(d->id, true));
          documents_.try_emplace(d->id, std::move(*d));
        }
        return found;
      }
      if (key == "source" && value.kind == Value::Kind::text) {
        for (DocumentInfo& d : source_.documents_from(value.text)) {
          found.push_back(Value::of_node(d.id, true));
          documents_.try_emplace(d.id, std::move(d));
        }
        return found;
      }
      return std::nullopt;
    }
    if (value.kind != Value::Kind::text) return std::nullopt;
    if (key == "name") {
      const std::string folded = normalise_name(value.text);
      if (folded.empty()) return found;
      for (const EntitySummary& e : source_.entities_by_key(folded, NameTier::name)) {
        entities_.try_emplace(e.ref, e);
        found.push_back(Value::of_node(e.ref, false));
      }
      return found;
    }
    if (key == "id") {
      if (auto e = source_.entity_by_id(value.text)) {
        found.push_back(Value::of_node(e->ref, false));
        entities_.try_emplace(e->ref, std::move(*e));
      }
      return found;
    }
    return std::nullopt;
  }

  // A node of the pattern an index finds: bound already, or named by a
  // literal in its properties or in a top-level WHERE conjunct.
  std::optional<Start> anchor(const MatchClause& match, const Pattern& pattern, const Row& row) {
    for (std::size_t i = 0; i < pattern.nodes.size(); ++i) {
      const auto& slot = pattern.nodes[i].slot;
      if (!slot) continue;
      if (row[*slot].kind != Value::Kind::null) return Start{i, {row[*slot]}};
      if (*slot < match.first_slot) return Start{i, {}};  // bound to null by OPTIONAL MATCH: nothing fits
    }
    for (std::size_t i = 0; i < pattern.nodes.size(); ++i)
      for (const auto& test : pattern.nodes[i].properties)
        if (auto found = lookup(pattern.nodes[i].document, test.key, evaluate(*test.value, row)))
          return Start{i, std::move(*found)};
    std::vector<const Expr*> conjuncts;
    if (match.where) {
      if (match.where->kind == Expr::Kind::all_of)
        for (const auto& child : match.where->children) conjuncts.push_back(child.get());
      else
        conjuncts.push_back(match.where.get());
    }
    for (const Expr* c : conjuncts) {
      if (c->kind != Expr::Kind::comparison || (c->op != CompareOp::equal && c->op != CompareOp::in)) continue;
      const Expr* property = c->children[0].get();
      const Expr* literal = c->children[1].get();
      if (property->kind != Expr::Kind::property && c->op == CompareOp::equal) std::swap(property, literal);
      if (property->kind != Expr::Kind::property || property->children[0]->kind != Expr::Kind::variable) continue;
      if (literal->kind != Expr::Kind::literal && literal->kind != Expr::Kind::list) continue;
      const std::size_t slot = property->children[0]->slot;
      for (std::size_t i = 0; i < pattern.nodes.size(); ++i)
        if (pattern.nodes[i].slot == slot) {
          const Value value = evaluate(*literal, row);
          if (c->op == CompareOp::in && value.kind != Value::Kind::list) continue;
          if (auto found = lookup(pattern.nodes[i].document, property->key, value)) return Start{i, std::move(*found)};
        }
    }
    return std::nullopt;
  }

  // What the top-level WHERE conjuncts of `match` say of the name of the
  // entity bound to `slot` with a literal: =, IN, STARTS WITH, CONTAINS and
  // ENDS WITH, as a filter a scan answers from the store's indexes. Only
  // tests that hold exactly when the comparison does (truth(), folded
  // names) are taken: the WHERE still runs on every row, so a filter may
  // leave out a conjunct but never add one. An equality with text Cypher
  // reads as a number or a date compares as one, so is left out; so are
  // STARTS WITH, CONTAINS and ENDS WITH of text that folds to nothing
  // (every name passes them). OR and NOT are left to the WHERE.
  NameFilter name_filter(const MatchClause& match, std::size_t slot, const Row& row) {
    if (!match.where) return {};
    std::vector<const Expr*> conjuncts;
    if (match.where->kind == Expr::Kind::all_of)
      for (const auto& child : match.where->children) conjuncts.push_back(child.get());
    else
      conjuncts.push_back(match.where.get());
    auto plain_key = [](const Value& v) -> std::optional<std::string> {
      if (v.kind != Value::Kind::text) return std::nullopt;
      Value folded = Value::of_text(normalise_name(v.text));
      if (as_number(folded) || parse_date(folded.text)) return std::nullopt;
      return std::move(folded.text);
    };
    NameFilter filter;
    for (const Expr* c : conjuncts) {
      if (c->kind != Expr::Kind::comparison) continue;
      const Expr* property = c->children[0].get();
      const Expr* literal = c->children[1].get();
      if (c->op == CompareOp::equal && property->kind != Expr::Kind::property) std::swap(property, literal);
      if (property->kind != Expr::Kind::property || property->key != "name" ||
          property->children[0]->kind != Expr::Kind::variable || property->children[0]->slot != slot)
        continue;
      if (literal->kind != Expr::Kind::literal && literal->kind != Expr::Kind::list) continue;
      const Value value = evaluate(*literal, row);
      switch (c->op) {
        case CompareOp::equal:
          if (auto key = plain_key(value)) filter.all_of.push_back({NameTest::Op::equals, std::move(*key)});
          break;
        case CompareOp::in: {
          if (value.kind != Value::Kind::list || filter.one_of) break;
          std::vector<std::string> keys;
          bool plain = true;
          for (const Value& item : value.items) {
            if (item.kind == Value::Kind::null) continue;  // equals nothing
            auto key = plain_key(item);
            if (!key) {
              plain = false;
              break;
            }
            keys.push_back(std::move(*key));
          }
          if (plain) filter.one_of = std::move(keys);
          break;
        }
        case CompareOp::starts_with:
        case CompareOp::contains:
        case CompareOp::ends_with: {
          if (value.kind != Value::Kind::text) break;
          std::string key = normalise_name(value.text);
          if (key.empty()) break;
          const NameTest::Op op = c->op == CompareOp::starts_with ? NameTest::Op::starts_with
                                  : c->op == CompareOp::contains  ? NameTest::Op::contains
                                                                  : NameTest::Op::ends_with;
          filter.all_of.push_back({op, std::move(key)});
          break;
        }
        default: break;
      }
    }
    return filter;
  }

  // The name filter of a node of a pattern, when this match binds it to an entity.
  NameFilter node_name_filter(const MatchClause& match, const NodePattern& node, const Row& row) {
    if (node.document || !node.slot || row[*node.slot].kind != Value::Kind::null) return {};
    return name_filter(match, *node.slot, row);
  }

  template <typename Next>
  bool match_pattern(const MatchClause& match, const Pattern& pattern, Row& row, Next next) {
    PatternState state;
    state.nodes.resize(pattern.nodes.size());
    state.bound.assign(pattern.nodes.size(), false);
    state.relations.resize(pattern.relations.size());
    state.inner_nodes.resize(pattern.relations.size());
    auto finish = [&]() -> bool {
      if (!pattern.path_slot) return next(row);
      row[*pattern.path_slot] = path_of(pattern, state);
      const bool more = next(row);
      row[*pattern.path_slot] = Value::null_value();
      return more;
    };
    auto start_at = [&](std::size_t i, const Value& v) {
      return with_node(pattern, state, i, v, row, [&] { return extend(pattern, state, i, i, row, finish); });
    };
    if (auto start = anchor(match, pattern, row)) {
      for (const Value& v : start->candidates)
        if (!start_at(start->node, v)) return false;
      return true;
    }
    // A typed relation is a narrower start than every entity: scan it.
    for (std::size_t hop = 0; hop < pattern.relations.size() && !pattern.shortest; ++hop) {
      const RelationPattern& r = pattern.relations[hop];
      if (r.types.empty() || r.mentions || r.variable_length) continue;
      return scan_relation_first(match, pattern, state, hop, row, finish);
    }
    // Entities before documents: an entity's documents are in its row, so
    // walking from it reads nothing more.
    std::optional<std::size_t> labelled, first_entity, first_document;
    for (std::size_t i = 0; i < pattern.nodes.size(); ++i) {
      const NodePattern& node = pattern.nodes[i];
      if (node.type && !labelled) labelled = i;
      if (!node.document && !first_entity) first_entity = i;
      if (node.document && !first_document) first_document = i;
    }
    bool more = true;
    if (labelled || first_entity) {
      const std::size_t i = labelled ? *labelled : *first_entity;
      auto visit = [&](const EntitySummary& e) {
        entities_.try_emplace(e.ref, e);
        more = start_at(i, Value::of_node(e.ref, false));
        return more;
      };
      // When only the first rows are wanted, the entities of a type come in
      // name order from an index, without listing them all first.
      const NameFilter names = node_name_filter(match, pattern.nodes[i], row);
      if (stop_after_ && labelled) source_.scan_entities_by_name(pattern.nodes[i].type, names, visit);
      else source_.scan_entities(pattern.nodes[i].type, names, visit);
      return more;
    }
    source_.scan_documents([&](const DocumentInfo& d) {
      documents_.try_emplace(d.id, d);
      more = start_at(*first_document, Value::of_node(d.id, true));
      return more;
    });
    return more;
  }

  // Starts a match at relation `hop`, in whichever orientations it fits.
  template <typename Finish>
  bool scan_relation_first(const MatchClause& match, const Pattern& pattern, PatternState& state, std::size_t hop,
                           Row& row, Finish& finish) {
    const RelationPattern& relation = pattern.relations[hop];
    RelationScan scan;
    // The first rows in name order when only a few are wanted; else every
    // relation of the type in one pass. The labels of a directed pattern's
    // ends narrow the scan at the source.
    scan.in_name_order = stop_after_.has_value();
    const auto& left = pattern.nodes[hop].type;
    const auto& right = pattern.nodes[hop + 1].type;
    // Name conditions of the ends in the WHERE narrow it too (the same
    // node at both ends is left to the WHERE).
    NameFilter left_name = node_name_filter(match, pattern.nodes[hop], row);
    NameFilter right_name = node_name_filter(match, pattern.nodes[hop + 1], row);
    if (pattern.nodes[hop].slot && pattern.nodes[hop].slot == pattern.nodes[hop + 1].slot) left_name = right_name = {};
    if (relation.direction == Direction::right_to_left) {
      scan.source_type = right;
      scan.target_type = left;
      scan.source_name = std::move(right_name);
      scan.target_name = std::move(left_name);
    } else {
      scan.source_type = left;
      scan.target_type = right;
      scan.source_name = std::move(left_name);
      scan.target_name = std::move(right_name);
      scan.either_way = relation.direction == Direction::either;
    }
    bool more = true;
    for (RelationType type : relation.types) {
      scan.type = type;
      source_.scan_relations(scan, [&](const RelationSummary& r) {
        remember(r);
        auto try_ends = [&](EntityRef l, EntityRef rr) {
          return with_node(pattern, state, hop, Value::of_node(l, false), row, [&] {
            if (!relation_fits(relation, r, row)) return true;
            return bind_relation(pattern, state, hop, Value::of_relation(r.ref), {}, row, [&] {
              return with_node(pattern, state, hop + 1, Value::of_node(rr, false), row,
                               [&] { return extend(pattern, state, hop + 1, hop, row, finish); });
            });
          });
        };
        if (relation.direction != Direction::right_to_left) more = try_ends(r.source.ref, r.target.ref);
        if (more && relation.direction != Direction::left_to_right && r.source.ref != r.target.ref)
          more = try_ends(r.target.ref, r.source.ref);
        return more;
      });
      if (!more) break;
    }
    return more;
  }

  // Binds relation `hop` to `value` (the walked relations' refs are marked
  // used) for the call of next.
  template <typename Next>
  bool bind_relation(const Pattern& pattern, PatternState& state, std::size_t hop, const Value& value,
                     std::vector<Value> inner, Row& row, Next next) {
    const RelationPattern& relation = pattern.relations[hop];
    const std::size_t used_before = used_relations_.size();
    if (value.kind == Value::Kind::relation && !value.document) used_relations_.push_back(value.ref);
    for (const Value& item : value.items)
      if (!item.document) used_relations_.push_back(item.ref);
    state.relations[hop] = value;
    state.inner_nodes[hop] = std::move(inner);
    if (relation.slot) row[*relation.slot] = value;
    const bool more = next();
    if (relation.slot) row[*relation.slot] = Value::null_value();
    used_relations_.resize(used_before);
    return more;
  }

  // Binds the nodes right of `right` and then left of `left`, one hop at a time.
  template <typename Finish>
  bool extend(const Pattern& pattern, PatternState& state, std::size_t right, std::size_t left, Row& row,
              Finish& finish) {
    if (right < pattern.relations.size())
      return step(pattern, state, right, right, right + 1, row,
                  [&] { return extend(pattern, state, right + 1, left, row, finish); });
    if (left > 0)
      return step(pattern, state, left - 1, left, left - 1, row,
                  [&] { return extend(pattern, state, right, left - 1, row, finish); });
    return finish();
  }

  EdgeDirection walking(const RelationPattern& pattern, bool rightwards) const {
    // Pattern directions are written left to right; walking leftwards flips them.
    if (pattern.direction == Direction::left_to_right) return rightwards ? EdgeDirection::out : EdgeDirection::in;
    if (pattern.direction == Direction::right_to_left) return rightwards ? EdgeDirection::in : EdgeDirection::out;
    return EdgeDirection::both;
  }

  std::vector<RelationSummary> relations_from(EntityRef at, EdgeDirection direction, const RelationPattern& pattern) {
    std::optional<RelationType> type;
    if (pattern.types.size() == 1) type = pattern.types.front();
    std::vector<RelationSummary> found = source_.relations_of(at, direction, type);
    for (const auto& r : found) remember(r);
    return found;
  }

  // Binds relation `hop` from the bound node `from` to node `to`.
  template <typename Next>
  bool step(const Pattern& pattern, PatternState& state, std::size_t hop, std::size_t from, std::size_t to, Row& row,
            Next next) {
    const RelationPattern& relation = pattern.relations[hop];
    const Value at = state.nodes[from];
    if (relation.mentions) {
      if (at.document) {
        for (EntityRef e : entities_of_document(at.ref)) {
          const bool more = with_node(pattern, state, to, Value::of_node(e, false), row, [&] {
            return bind_relation(pattern, state, hop, Value::of_mention(at.ref, e), {}, row, next);
          });
          if (!more) return false;
        }
        return true;
      }
      const std::vector<std::int64_t> docs = details(at.ref).documents;
      for (std::int64_t d : docs) {
        const bool more = with_node(pattern, state, to, Value::of_node(d, true), row, [&] {
          return bind_relation(pattern, state, hop, Value::of_mention(d, at.ref), {}, row, next);
        });
        if (!more) return false;
      }
      return true;
    }
    const bool rightwards = to > from;
    const EdgeDirection direction = walking(relation, rightwards);
    if (pattern.shortest) return shortest(pattern, state, hop, at.ref, to, direction, rightwards, row, next);
    if (relation.variable_length) {
      std::vector<Value> walked, inner;
      return walk(pattern, state, hop, at.ref, to, direction, rightwards, 0, walked, inner, row, next);
    }
    for (const RelationSummary& r : relations_from(at.ref, direction, relation)) {
      if (!relation_fits(relation, r, row)) continue;
      // A self-loop under an undirected pattern is met once.
      const EntityRef other = r.source.ref == at.ref ? r.target.ref : r.source.ref;
      const bool more = with_node(pattern, state, to, Value::of_node(other, false), row, [&] {
        return bind_relation(pattern, state, hop, Value::of_relation(r.ref), {}, row, next);
      });
      if (!more) return false;
    }
    return true;
  }

  // Every walk of min..max relationships from `at`, each relationship once.
  template <typename Next>
  bool walk(const Pattern& pattern, PatternState& state, std::size_t hop, EntityRef at, std::size_t to,
            EdgeDirection direction, bool rightwards, std::size_t depth, std::vector<Value>& walked,
            std::vector<Value>& inner, Row& row, Next& next) {
    const RelationPattern& relation = pattern.relations[hop];
    if (depth >= relation.min_hops) {
      std::vector<Value> relations = walked, between = inner;
      if (!rightwards) {
        std::reverse(relations.begin(), relations.end());
        std::reverse(between.begin(), between.end());
      }
      const bool more = with_node(pattern, state, to, Value::of_node(at, false), row, [&] {
        return bind_relation(pattern, state, hop, Value::of_list(std::move(relations)), std::move(between), row, next);
      });
      if (!more) return false;
    }
    if (depth == relation.max_hops) return true;
    for (const RelationSummary& r : relations_from(at, direction, relation)) {
      if (!relation_fits(relation, r, row)) continue;
      if (std::any_of(walked.begin(), walked.end(), [&](const Value& w) { return w.ref == r.ref; })) continue;
      const EntityRef other = r.source.ref == at ? r.target.ref : r.source.ref;
      walked.push_back(Value::of_relation(r.ref));
      if (depth > 0) inner.push_back(Value::of_node(at, false));
      const bool more = walk(pattern, state, hop, other, to, direction, rightwards, depth + 1, walked, inner, row, next);
      if (depth > 0) inner.pop_back();
      walked.pop_back();
      if (!more) return false;
    }
    return true;
  }

  // The entities the far end of a shortestPath can only be, when something
  // names them: bound already, or a name or id in its properties.
  std::optional<std::vector<EntityRef>> far_candidates(const NodePattern& far, const Row& row) {
    if (far.slot && row[*far.slot].kind == Value::Kind::node) return std::vector<EntityRef>{row[*far.slot].ref};
    for (const auto& test : far.properties)
      if (auto found = lookup(false, test.key, evaluate(*test.value, row))) {
        std::vector<EntityRef> refs;
        for (const Value& v : *found) refs.push_back(v.ref);
        return refs;
      }
    return std::nullopt;
  }

  static EdgeDirection reversed(EdgeDirection d) {
    return d == EdgeDirection::out ? EdgeDirection::in : (d == EdgeDirection::in ? EdgeDirection::out : d);
  }

  // One shortest walk from `from` to `target`, searched from both ends at
  // once (each side a level at a time, the smaller frontier first), so two
  // well-connected entities cost two half-depth searches instead of one
  // full-depth one. Relationships in walking order, and the nodes between.
  std::optional<std::pair<std::vector<Value>, std::vector<Value>>> meet_in_the_middle(
      const RelationPattern& relation, EntityRef from, EntityRef target, EdgeDirection direction, const Row& row) {
    struct Reached {
      EntityRef toward;  // the node one step nearer this side's origin
      RelationRef via;
      std::size_t depth;
    };
    std::unordered_map<EntityRef, Reached> sides[2];
    std::vector<EntityRef> frontiers[2] = {{from}, {target}};
    sides[0].emplace(from, Reached{from, -1, 0});
    sides[1].emplace(target, Reached{target, -1, 0});
    std::size_t depths[2] = {0, 0};
    while (!frontiers[0].empty() && !frontiers[1].empty() && depths[0] + depths[1] < relation.max_hops) {
      const int side = frontiers[0].size() <= frontiers[1].size() ? 0 : 1;
      const EdgeDirection walk = side == 0 ? direction : reversed(direction);
      std::optional<std::pair<EntityRef, std::size_t>> best;  // meeting node, total length
      std::optional<std::pair<EntityRef, Reached>> best_step;
      std::vector<EntityRef> next_frontier;
      for (EntityRef v : frontiers[side]) {
        for (const RelationSummary& r : relations_from(v, walk, relation)) {
          if (!relation_fits(relation, r, row)) continue;
          const EntityRef w = r.source.ref == v ? r.target.ref : r.source.ref;
          if (sides[side].count(w) != 0) continue;
          const Reached step{v, r.ref, depths[side] + 1};
          const auto other = sides[1 - side].find(w);
          if (other != sides[1 - side].end()) {
            const std::size_t length = step.depth + other->second.depth;
            if (length >= relation.min_hops && length <= relation.max_hops && (!best || length < best->second)) {
              best.emplace(w, length);
              best_step.emplace(w, step);
            }
            continue;
          }
          sides[side].emplace(w, step);
          next_frontier.push_back(w);
        }
      }
      if (best) {
        sides[side].emplace(best_step->first, best_step->second);
        // from ... meet along side 0, meet ... target along side 1.
        std::vector<Value> relations, inner;
        for (EntityRef w = best->first; w != from; w = sides[0].at(w).toward) {
          relations.push_back(Value::of_relation(sides[0].at(w).via));
          inner.push_back(Value::of_node(w, false));
        }
        std::reverse(relations.begin(), relations.end());
        std::reverse(inner.begin(), inner.end());
        for (EntityRef w = best->first; w != target; w = sides[1].at(w).toward) {
          if (w != best->first) inner.push_back(Value::of_node(w, false));
          relations.push_back(Value::of_relation(sides[1].at(w).via));
        }
        if (!inner.empty() && inner.back().ref == target) inner.pop_back();
        return std::make_pair(std::move(relations), std::move(inner));
      }
      frontiers[side] = std::move(next_frontier);
      ++depths[side];
    }
    return std::nullopt;
  }

  // Breadth first from `at`: the first walk that reaches a node is a
  // shortest one; each node the far end fits is met once. When the far end
  // is named, from both ends at once.
  template <typename Next>
  bool shortest(const Pattern& pattern, PatternState& state, std::size_t hop, EntityRef at, std::size_t to,
                EdgeDirection direction, bool rightwards, Row& row, Next& next) {
    const RelationPattern& relation = pattern.relations[hop];
    constexpr std::size_t kMostTargets = 64;  // beyond, one search from `at` reaches them all at once
    if (const auto targets = far_candidates(pattern.nodes[to], row); targets && targets->size() <= kMostTargets) {
      for (EntityRef target : *targets) {
        if (target == at) continue;
        auto walk = meet_in_the_middle(relation, at, target, direction, row);
        if (!walk) continue;
        // Named, not a structured binding: clang 14 cannot capture those.
        std::vector<Value>& relations = walk->first;
        std::vector<Value>& inner = walk->second;
        if (!rightwards) {
          std::reverse(relations.begin(), relations.end());
          std::reverse(inner.begin(), inner.end());
        }
        const bool more = with_node(pattern, state, to, Value::of_node(target, false), row, [&] {
          return bind_relation(pattern, state, hop, Value::of_list(std::move(relations)), std::move(inner), row, next);
        });
        if (!more) return false;
      }
      return true;
    }
    struct Reached {
      EntityRef parent;
      RelationRef via;
      std::size_t depth;
    };
    std::unordered_map<EntityRef, Reached> reached;
    reached.emplace(at, Reached{at, -1, 0});
    std::deque<EntityRef> frontier{at};
    // A bound far end stops the walk once it is reached.
    const NodePattern& far = pattern.nodes[to];
    const bool far_bound = state.bound[to] || (far.slot && row[*far.slot].kind != Value::Kind::null);
    while (!frontier.empty()) {
      const EntityRef v = frontier.front();
      frontier.pop_front();
      const std::size_t depth = reached.at(v).depth;
      if (depth == relation.max_hops) continue;
      for (const RelationSummary& r : relations_from(v, direction, relation)) {
        if (!relation_fits(relation, r, row)) continue;
        const EntityRef other = r.source.ref == v ? r.target.ref : r.source.ref;
        if (reached.count(other) != 0) continue;
        reached.emplace(other, Reached{v, r.ref, depth + 1});
        frontier.push_back(other);
        if (depth + 1 < relation.min_hops) continue;
        std::vector<Value> relations, inner;
        for (EntityRef w = other; w != at; w = reached.at(w).parent) {
          relations.push_back(Value::of_relation(reached.at(w).via));
          if (w != other) inner.push_back(Value::of_node(w, false));
        }
        if (rightwards) {
          std::reverse(relations.begin(), relations.end());
          std::reverse(inner.begin(), inner.end());
        }
        bool fitted = false;
        const bool more = with_node(pattern, state, to, Value::of_node(other, false), row, [&] {
          fitted = true;
          return bind_relation(pattern, state, hop, Value::of_list(std::move(relations)), std::move(inner), row, next);
        });
        if (!more || (fitted && far_bound)) return more;
      }
    }
    return true;
  }

  Value path_of(const Pattern& pattern, const PatternState& state) {
    Value path;
    path.kind = Value::Kind::path;
    path.items.push_back(state.nodes[0]);
    for (std::size_t hop = 0; hop < pattern.relations.size(); ++hop) {
      const Value& r = state.relations[hop];
      if (r.kind == Value::Kind::list) {
        for (std::size_t i = 0; i < r.items.size(); ++i) {
          path.items.push_back(r.items[i]);
          path.items.push_back(i + 1 < r.items.size() ? state.inner_nodes[hop][i] : state.nodes[hop + 1]);
        }
      } else {
        path.items.push_back(r);
        path.items.push_back(state.nodes[hop + 1]);
      }
    }
    return path;
  }

  // --- values -----------------------------------------------------------------
  Value node_property(const Value& node, std::string_view key) {
    if (node.kind != Value::Kind::node) return Value::null_value();
    if (node.document) {
      const DocumentInfo& d = document(node.ref);
      if (key == "id") return Value::of_number(static_cast<double>(d.id));
      if (key == "source") return text_or_null(d.source);
      if (key == "part") return Value::of_number(d.part);
      if (key == "title") return text_or_null(d.title);
      if (key == "published") return text_or_null(d.published);
      if (key == "outlet") return text_or_null(d.outlet);
      if (key == "author") return text_or_null(d.author);
      if (key == "editor") return text_or_null(d.editor);
      return Value::null_value();
    }
    const EntitySummary& e = entity(node.ref);
    if (key == "name") return Value::of_text(e.name);
    if (key == "type") return Value::of_text(std::string(to_string(e.type)));
    if (key == "id") return Value::of_text(e.id);
    const EntityDetails& d = details(node.ref);
    if (key == "aliases") {
      std::string joined;
      for (const auto& alias : d.aliases) joined += (joined.empty() ? "" : "; ") + alias;
      return Value::of_text(std::move(joined));
    }
    if (const std::string* value = attribute(d.attributes, key)) return attribute_value(*value);
    return Value::null_value();
  }

  Value relation_property(const Value& edge, std::string_view key) {
    if (edge.kind != Value::Kind::relation) return Value::null_value();
    if (edge.document) return key == "type" ? Value::of_text("MENTIONS") : Value::null_value();
    const RelationSummary& r = relation(edge.ref);
    if (key == "type") return Value::of_text(std::string(to_string(r.type)));
    if (key == "title") return Value::of_text(r.title);
    if (key == "id") return Value::of_text(r.id);
    if (key == "evidence" || key == "sentence") {
      const auto& ev = evidence(edge.ref);
      return ev.empty() ? Value::null_value() : Value::of_text(ev.front().text);
    }
    if (key == "source") {
      if (r.evidence_documents.empty()) return Value::null_value();
      return text_or_null(document(r.evidence_documents.front()).source);
    }
    if (const std::string* value = attribute(r.attributes, key)) return attribute_value(*value);
    return Value::null_value();
  }

  // A comparison where one side is a name: both sides by their lookup key.
  std::optional<bool> folded_compare(CompareOp op, const Value& a, const Value& b, bool fold) {
    if (!fold) return compare(op, a, b);
    auto folded = [](const Value& v) {
      if (v.kind == Value::Kind::text) return Value::of_text(normalise_name(v.text));
      if (v.kind != Value::Kind::list) return v;
      Value list = v;
      for (Value& item : list.items)
        if (item.kind == Value::Kind::text) item = Value::of_text(normalise_name(item.text));
      return list;
    };
    return compare(op, folded(a), folded(b));
  }

  bool is_name_property(const Expr& e, const Row& row) const {
    if (e.kind != Expr::Kind::property || e.key != "name") return false;
    const Expr& of = *e.children.front();
    if (of.kind != Expr::Kind::variable) return false;
    const Value& v = row[of.slot];
    return v.kind == Value::Kind::node && !v.document;
  }

  // The name of an entity bound in the row, already folded (cached per entity).
  std::optional<Value> folded_name_of(const Expr& e, const Row& row) {
    if (!is_name_property(e, row)) return std::nullopt;
    return Value::of_text(folded_name(row[e.children.front()->slot].ref));
  }

  Value evaluate(const Expr& e, const Row& row) {
    switch (e.kind) {
      case Expr::Kind::literal: return e.literal;
      case Expr::Kind::list: {
        std::vector<Value> items;
        items.reserve(e.children.size());
        for (const auto& child : e.children) items.push_back(evaluate(*child, row));
        return Value::of_list(std::move(items));
      }
      case Expr::Kind::variable: return row[e.slot];
      case Expr::Kind::property: {
        const Value of = evaluate(*e.children.front(), row);
        if (of.kind == Value::Kind::node) return node_property(of, e.key);
        if (of.kind == Value::Kind::relation) return relation_property(of, e.key);
        return Value::null_value();
      }
      case Expr::Kind::call: return call(e, row);
      default: {
        const auto t = truth(e, row);
        return t ? Value::of_bool(*t) : Value::null_value();
      }
    }
  }

  Value call(const Expr& e, const Row& row) {
    if (is_aggregate(e.function)) return Value::null_value();  // computed by the projection
    if (e.function == Function::coalesce) {
      for (const auto& child : e.children)
        if (Value v = evaluate(*child, row); v.kind != Value::Kind::null) return v;
      return Value::null_value();
    }
    const Value v = evaluate(*e.children.front(), row);
    if (v.kind == Value::Kind::null) return v;
    switch (e.function) {
      case Function::type:
        return v.kind == Value::Kind::relation ? relation_property(v, "type") : Value::null_value();
      case Function::labels:
        if (v.kind != Value::Kind::node) return Value::null_value();
        return Value::of_list({Value::of_text(v.document ? "Document" : std::string(to_string(entity(v.ref).type)))});
      case Function::id:
        if (v.kind == Value::Kind::node) return node_property(v, "id");
        if (v.kind == Value::Kind::relation && !v.document) return relation_property(v, "id");
        return Value::null_value();
      case Function::length:
      case Function::size:
        if (v.kind == Value::Kind::path) return Value::of_number(static_cast<double>(v.items.size() / 2));
        if (v.kind == Value::Kind::list) return Value::of_number(static_cast<double>(v.items.size()));
        if (v.kind == Value::Kind::text) return Value::of_number(static_cast<double>(to_u32(v.text).size()));
        return Value::null_value();
      case Function::nodes:
      case Function::relationships: {
        if (v.kind != Value::Kind::path) return Value::null_value();
        std::vector<Value> items;
        for (std::size_t i = e.function == Function::nodes ? 0 : 1; i < v.items.size(); i += 2) items.push_back(v.items[i]);
        return Value::of_list(std::move(items));
      }
      case Function::date: {
        if (v.kind == Value::Kind::date) return v;
        const auto date = v.kind == Value::Kind::text ? parse_date(v.text) : std::nullopt;
        if (!date) fail(e.at, "date() takes a date written YYYY-MM-DD, got '" + display(v) + "'");
        Value d;
        d.kind = Value::Kind::date;
        d.text = *date;
        return d;
      }
      case Function::to_lower:
      case Function::to_upper:
        return v.kind == Value::Kind::text ? Value::of_text(ascii_case(v.text, e.function == Function::to_upper))
                                           : Value::null_value();
      case Function::to_string: return Value::of_text(display(v));
      case Function::to_integer: {
        const auto n = as_number(v);
        if (!n || *n <= -9e15 || *n >= 9e15) return Value::null_value();
        return Value::of_number(static_cast<double>(static_cast<long long>(*n)));
      }
      default: return Value::null_value();
    }
  }

  std::optional<bool> truth(const Expr& e, const Row& row) {
    switch (e.kind) {
      case Expr::Kind::negation: {
        const auto t = truth(*e.children.front(), row);
        return t ? std::optional<bool>(!*t) : std::nullopt;
      }
      case Expr::Kind::all_of: {
        bool unknown = false;
        for (const auto& child : e.children) {
          const auto t = truth(*child, row);
          if (t == false) return false;
          unknown |= !t;
        }
        return unknown ? std::nullopt : std::optional<bool>(true);
      }
      case Expr::Kind::any_of: {
        bool unknown = false;
        for (const auto& child : e.children) {
          const auto t = truth(*child, row);
          if (t == true) return true;
          unknown |= !t;
        }
        return unknown ? std::nullopt : std::optional<bool>(false);
      }
      case Expr::Kind::comparison: {
        const Expr& left = *e.children[0];
        const Expr& right = *e.children[1];
        const bool fold = e.op != CompareOp::less && e.op != CompareOp::less_equal && e.op != CompareOp::greater &&
                          e.op != CompareOp::greater_equal &&
                          (is_name_property(left, row) || is_name_property(right, row));
        if (!fold) return compare(e.op, evaluate(left, row), evaluate(right, row));
        const auto a = folded_name_of(left, row);
        const auto b = folded_name_of(right, row);
        if (a && b) return compare(e.op, *a, *b);
        if (a) return folded_compare(e.op, *a, evaluate(right, row), true);
        return folded_compare(e.op, evaluate(left, row), *b, true);
      }
      case Expr::Kind::is_null: return (evaluate(*e.children.front(), row).kind == Value::Kind::null) != e.negated;
      default: {
        const Value v = evaluate(e, row);
        if (v.kind == Value::Kind::boolean) return v.truth;
        return std::nullopt;
      }
    }
  }

  // --- WITH and RETURN --------------------------------------------------------
  struct Aggregate {
    std::size_t count = 0;
    std::set<std::string> seen;  // DISTINCT
    std::vector<Value> collected;
    Value best;  // min, max
    double sum = 0;
  };

  void add_to(Aggregate& a, const Expr& e, const Row& row) {
    if (e.children.empty()) {  // count(*)
      ++a.count;
      return;
    }
    const Value v = evaluate(*e.children.front(), row);
    if (v.kind == Value::Kind::null) return;
    if (e.distinct && !a.seen.insert(identity_key(v)).second) return;
    ++a.count;
    switch (e.function) {
      case Function::collect: a.collected.push_back(v); break;
      case Function::min:
        if (a.best.kind == Value::Kind::null || compare_for_order(v, a.best) < 0) a.best = v;
        break;
      case Function::max:
        if (a.best.kind == Value::Kind::null || compare_for_order(v, a.best) > 0) a.best = v;
        break;
      case Function::sum:
      case Function::avg:
        if (const auto n = as_number(v)) a.sum += *n;
        else fail(e.at, std::string(e.function == Function::sum ? "sum" : "avg") + "() needs numbers, got '" + display(v) + "'");
        break;
      default: break;
    }
  }

  static Value result_of(const Aggregate& a, Function f) {
    switch (f) {
      case Function::count: return Value::of_number(static_cast<double>(a.count));
      case Function::collect: return Value::of_list(a.collected);
      case Function::min:
      case Function::max: return a.best;
      case Function::sum: return Value::of_number(a.sum);
      case Function::avg: return a.count == 0 ? Value::null_value() : Value::of_number(a.sum / static_cast<double>(a.count));
      default: return Value::null_value();
    }
  }

  std::vector<Row> grouped(const Projection& p, const std::vector<Row>& rows) {
    struct Group {
      Row row;
      std::vector<Aggregate> aggregates;
    };
    std::vector<Group> groups;
    std::unordered_map<std::string, std::size_t> group_of;
    for (const Row& row : rows) {
      std::string key;
      Row out(query_.slots);
      for (const auto& item : p.items)
        if (!item.aggregate) {
          out[item.slot] = evaluate(*item.expr, row);
          key += identity_key(out[item.slot]) + "|";
        }
      auto [at, added] = group_of.emplace(std::move(key), groups.size());
      if (added) groups.push_back(Group{std::move(out), std::vector<Aggregate>(p.items.size())});
      Group& group = groups[at->second];
      for (std::size_t i = 0; i < p.items.size(); ++i)
        if (p.items[i].aggregate) add_to(group.aggregates[i], *p.items[i].expr, row);
    }
    // Aggregates over no rows at all are one row (count 0), as in Cypher,
    // when nothing else is returned to group by.
    const bool only_aggregates = std::all_of(p.items.begin(), p.items.end(), [](const auto& i) { return i.aggregate; });
    if (groups.empty() && only_aggregates) groups.push_back(Group{Row(query_.slots), std::vector<Aggregate>(p.items.size())});
    std::vector<Row> out;
    out.reserve(groups.size());
    for (Group& group : groups) {
      for (std::size_t i = 0; i < p.items.size(); ++i)
        if (p.items[i].aggregate) group.row[p.items[i].slot] = result_of(group.aggregates[i], p.items[i].expr->function);
      out.push_back(std::move(group.row));
    }
    return out;
  }

  std::vector<Row> project(const Projection& p, std::vector<Row> rows) {
    if (p.aggregates) {
      rows = grouped(p, rows);
    } else {
      for (Row& row : rows) {
        std::vector<Value> values;
        values.reserve(p.items.size());
        for (const auto& item : p.items) values.push_back(evaluate(*item.expr, row));
        for (std::size_t i = 0; i < p.items.size(); ++i) row[p.items[i].slot] = std::move(values[i]);
      }
    }
    if (p.distinct) {
      std::unordered_set<std::string> seen;
      std::vector<Row> kept;
      for (Row& row : rows) {
        std::string key;
        for (const auto& item : p.items) key += identity_key(row[item.slot]) + "|";
        if (seen.insert(std::move(key)).second) kept.push_back(std::move(row));
      }
      rows = std::move(kept);
    }
    if (!p.order.empty()) {
      std::vector<std::pair<std::vector<Value>, std::size_t>> keyed;
      keyed.reserve(rows.size());
      for (std::size_t r = 0; r < rows.size(); ++r) {
        std::vector<Value> keys;
        for (const auto& o : p.order) keys.push_back(evaluate(*o.expr, rows[r]));
        keyed.emplace_back(std::move(keys), r);
      }
      // Ties keep their order (the row index breaks them), so only the rows
      // a LIMIT keeps need sorting: a partial sort picks them.
      auto before = [&](const auto& a, const auto& b) {
        for (std::size_t i = 0; i < p.order.size(); ++i) {
          const int c = compare_for_order(a.first[i], b.first[i]);
          if (c != 0) return p.order[i].descending ? c > 0 : c < 0;
        }
        return a.second < b.second;
      };
      const std::size_t kept = p.limit ? std::min(keyed.size(), p.skip + *p.limit) : keyed.size();
      std::partial_sort(keyed.begin(), keyed.begin() + static_cast<std::ptrdiff_t>(kept), keyed.end(), before);
      keyed.resize(kept);
      std::vector<Row> sorted;
      sorted.reserve(rows.size());
      for (const auto& k : keyed) sorted.push_back(std::move(rows[k.second]));
      rows = std::move(sorted);
    }
    const std::size_t skip = std::min(p.skip, rows.size());
    rows.erase(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(skip));
    if (p.limit && rows.size() > *p.limit) rows.resize(*p.limit);
    if (p.where) std::erase_if(rows, [&](const Row& row) { return truth(*p.where, row) != true; });
    return rows;
  }

  // --- output -----------------------------------------------------------------
  // How a value reads in a table cell: a node by its name (a Document by
  // its source), a relationship by its type, lists in brackets.
  std::string display(const Value& v) {
    switch (v.kind) {
      case Value::Kind::null: return {};
      case Value::Kind::text:
      case Value::Kind::date: return v.text;
      case Value::Kind::number: return render_number(v.number);
      case Value::Kind::boolean: return v.truth ? "true" : "false";
      case Value::Kind::node: return v.document ? document(v.ref).source : entity(v.ref).name;
      case Value::Kind::relation: return v.document ? "MENTIONS" : std::string(to_string(relation(v.ref).type));
      case Value::Kind::list: {
        std::string out = "[";
        // Inside a list null is written out; a whole cell of null is empty.
        for (std::size_t i = 0; i < v.items.size(); ++i)
          out += (i ? ", " : "") + (v.items[i].kind == Value::Kind::null ? std::string("null") : display(v.items[i]));
        return out + "]";
      }
      case Value::Kind::path: {
        std::string out = "(" + display(v.items.front()) + ")";
        for (std::size_t i = 1; i + 1 < v.items.size(); i += 2) {
          const Value& r = v.items[i];
          const Value& before = v.items[i - 1];
          bool forward = true;
          if (r.document) forward = before.document;
          else forward = relation(r.ref).source.ref == before.ref;
          out += (forward ? "-[" : "<-[") + display(r) + (forward ? "]->(" : "]-(") + display(v.items[i + 1]) + ")";
        }
        return out;
      }
    }
    return {};
  }

  void write_json(rapidjson::Writer<rapidjson::StringBuffer>& writer, const Value& v) {
    switch (v.kind) {
      case Value::Kind::null: writer.Null(); return;
      case Value::Kind::boolean: writer.Bool(v.truth); return;
      case Value::Kind::number:
        if (v.number > -9e15 && v.number < 9e15 && v.number == static_cast<double>(static_cast<long long>(v.number)))
          writer.Int64(static_cast<long long>(v.number));
        else if (std::isfinite(v.number))
          writer.Double(v.number);
        else
          writer.Null();
        return;
      case Value::Kind::list:
        writer.StartArray();
        for (const Value& item : v.items) write_json(writer, item);
        writer.EndArray();
        return;
      default: {
        // Graph text is UTF-8 already, but a user's literal need not be;
        // JSON must be, so bad bytes become U+FFFD.
        const std::string text = to_utf8(to_u32(display(v)));
        writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
      }
    }
  }

  QueryResult result_of(const Projection& p, const std::vector<Row>& rows) {
    QueryResult result;
    for (const auto& item : p.items) result.columns.push_back(item.name);
    result.rows.reserve(rows.size());
    result.json.reserve(rows.size());
    for (const Row& row : rows) {
      std::vector<std::string> cells, json;
      for (const auto& item : p.items) {
        const Value& v = row[item.slot];
        cells.push_back(display(v));
        rapidjson::StringBuffer buffer;
        rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
        write_json(writer, v);
        json.emplace_back(buffer.GetString(), buffer.GetSize());
      }
      result.rows.push_back(std::move(cells));
      result.json.push_back(std::move(json));
    }
    return result;
  }

  const GraphSource& source_;
  const Query& query_;
  std::optional<std::size_t> stop_after_;
  std::vector<RelationRef> used_relations_;
  std::unordered_map<EntityRef, EntitySummary> entities_;
  std::unordered_map<EntityRef, EntityDetails> details_;
  std::unordered_map<std::int64_t, DocumentInfo> documents_;
  std::unordered_map<RelationRef, RelationSummary> relations_;
  std::unordered_map<RelationRef, std::vector<EvidenceRef>> evidence_;
  std::unordered_map<EntityRef, std::string> folded_names_;
  std::unordered_map<std::int64_t, std::vector<EntityRef>> entities_of_document_;
};

}  // namespace
}  // namespace cypher

bool is_cypher(std::string_view text) {
  const std::size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return false;
  std::size_t end = start;
  while (end < text.size() && std::isalpha(static_cast<unsigned char>(text[end]))) ++end;
  std::string word(text.substr(start, end - start));
  for (char& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (end < text.size() && std::isalnum(static_cast<unsigned char>(text[end]))) return false;
  // The clauses kg reads, and those it refuses by name (the parser says why).
  static const std::set<std::string> kFirstWords = {"MATCH",  "OPTIONAL", "WITH",   "RETURN", "CREATE",
                                                    "MERGE",  "CALL",     "UNWIND", "DELETE", "DETACH",
                                                    "SET",    "REMOVE",   "LOAD",   "FOREACH", "USE"};
  return kFirstWords.count(word) != 0;
}

QueryResult run_cypher(const GraphSource& source, std::string_view text) {
  const cypher::Query query = cypher::parse(text);
  return cypher::Evaluator(source, query).run();
}

QueryResult run_cypher(const KnowledgeGraph& graph, std::string_view text) {
  return run_cypher(KnowledgeGraphSource(graph), text);
}

}  // namespace kg
