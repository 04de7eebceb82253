// query/named.cc owns the named questions (served, posts, entity, path,
// neighbors, top, in), each asked through a GraphSource: the listing questions
// walk relations in name order and stop once the rows they show are certain,
// the questions about one entity read its edges, and the questions about the
// whole graph's shape run on its topology.
#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include "graph/analytics.h"
#include "graph/names.h"
#include "graph/topology.h"
#include "query/query.h"
#include "store/store.h"
#include "store/store_source.h"

namespace kg {
namespace {

const std::string* find_attribute(const Attributes& attributes, std::string_view key) {
  for (const auto& [k, v] : attributes)
    if (k == key) return &v;
  return nullptr;
}

std::string attribute_or_empty(const Attributes& attributes, std::string_view key) {
  const std::string* value = find_attribute(attributes, key);
  return value ? *value : std::string();
}

class Answer {
 public:
  Answer(const GraphSource& source, const NamedQuery& query) : source_(source), query_(query) {}

  const std::string& document_source(std::int64_t doc) {
    auto it = sources_.find(doc);
    if (it == sources_.end()) {
      const auto info = source_.document(doc);
      it = sources_.emplace(doc, info ? info->source : std::string()).first;
    }
    return it->second;
  }

  // The relation's cells, once per piece of evidence when evidence is asked
  // for (so every sentence can be checked against its file), with its date;
  // pieces outside the query's window are left out.
  void emit(QueryResult& result, const RelationSummary& relation, std::vector<std::string> cells) {
    if (!query_.evidence) {
      result.rows.push_back(std::move(cells));
      return;
    }
    const std::vector<EvidenceRef> evidence = source_.evidence(relation.ref);
    bool any = false;
    for (const EvidenceRef& ref : evidence) {
      if (!query_.window.admits(ref.date)) continue;
      auto row = cells;
      row.push_back(ref.date);
      row.push_back(ref.text);
      row.push_back(document_source(ref.doc));
      result.rows.push_back(std::move(row));
      any = true;
    }
    if (!any && evidence.empty()) {
      cells.resize(cells.size() + 3);
      result.rows.push_back(std::move(cells));
    }
  }

 private:
  const GraphSource& source_;
  const NamedQuery& query_;
  std::unordered_map<std::int64_t, std::string> sources_;
};

void add_evidence_columns(QueryResult& result, bool evidence) {
  if (!evidence) return;
  result.columns.emplace_back("date");
  result.columns.emplace_back("sentence");
  result.columns.emplace_back("source");
}

void sort_rows(QueryResult& result) {
  std::sort(result.rows.begin(), result.rows.end());
  result.rows.erase(std::unique(result.rows.begin(), result.rows.end()), result.rows.end());
}

void keep_first(QueryResult& result, std::size_t rows) {
  sort_rows(result);
  if (rows > 0 && result.rows.size() > rows) result.rows.resize(rows);
}

void expect_arguments(const NamedQuery& query, std::size_t at_least, std::size_t at_most, const char* usage) {
  const std::size_t n = query.arguments.size();
  if (n < at_least || n > at_most)
    throw std::invalid_argument("'" + query.question + "' takes " + usage + ", got " + std::to_string(n) +
                                " argument" + (n == 1 ? "" : "s"));
}

// Rows of every relation of one type (or of one entity's), sorted, the first
// `query.rows` of them. Rows begin with the source's name, and relations are
// read in the order of their source's name: once `rows` rows are in and the
// name changes, no later relation can come before them.
void relation_rows(const GraphSource& source, const NamedQuery& query, RelationType type, QueryResult& result,
                   const std::function<void(const RelationSummary&, QueryResult&)>& row) {
  if (!query.arguments.empty()) {
    const EntitySummary only = find_entity(source, query.arguments.front());
    for (const RelationSummary& r : source.relations_of(only.ref, EdgeDirection::both, type))
      if (r.seen_in(query.window)) row(r, result);
    keep_first(result, query.rows);
    return;
  }
  std::optional<std::string> group;
  RelationScan scan;
  scan.type = type;
  scan.window = query.window;
  source.scan_relations(scan, [&](const RelationSummary& r) {
    if (query.rows > 0 && group && r.source.name != *group && result.rows.size() >= query.rows) {
      sort_rows(result);
      if (result.rows.size() >= query.rows) return false;
    }
    group = r.source.name;
    row(r, result);  // the scan keeps only relations seen in the window
    return true;
  });
  keep_first(result, query.rows);
}

QueryResult served(const GraphSource& source, const NamedQuery& query) {
  expect_arguments(query, 0, 1, "at most one name");
  QueryResult result;
  result.columns = {"official", "enterprise", "role", "first_seen", "last_seen"};
  add_evidence_columns(result, query.evidence);
  Answer answer(source, query);
  relation_rows(source, query, RelationType::served, result, [&](const RelationSummary& r, QueryResult& out) {
    const DateRange seen = r.seen();
    answer.emit(out, r,
                {r.source.name, r.target.name, attribute_or_empty(r.attributes, "role"), seen.first, seen.last});
  });
  return result;
}

QueryResult posts(const GraphSource& source, const NamedQuery& query) {
  expect_arguments(query, 0, 1, "at most one name");
  QueryResult result;
  result.columns = {"person", "title", "body", "first_seen", "last_seen"};
  add_evidence_columns(result, query.evidence);
  Answer answer(source, query);
  relation_rows(source, query, RelationType::holds_post, result, [&](const RelationSummary& r, QueryResult& out) {
    const DateRange seen = r.seen();
    answer.emit(out, r, {r.source.name, r.title, r.target.name, seen.first, seen.last});
  });
  return result;
}

std::string describe_relation(const RelationSummary& r, bool outgoing, const std::string& other) {
  std::string text = outgoing ? "-[" : "<-[";
  text += to_string(r.type);
  text += outgoing ? "]-> " : "]- ";
  text += other;
  if (!r.title.empty()) text += " (" + r.title + ")";
  return text;
}

// A post `who` holds (holds_post from them).
bool post_of(const RelationSummary& r, EntityRef who) {
  return r.source.ref == who && r.type == RelationType::holds_post;
}

// How a relation reads from one of its ends: "书记 @ 南法信镇党委" for a post
// it holds, "-[served]-> 杰必机电" or "<-[served]- 赵青" otherwise.
std::string fact_of(const RelationSummary& r, EntityRef from) {
  const bool outgoing = r.source.ref == from;
  const std::string& other = outgoing ? r.target.name : r.source.name;
  if (post_of(r, from)) return r.title.empty() ? other : r.title + " @ " + other;
  return describe_relation(r, outgoing, other);
}

// " [2023-05-01]" or " [2023-03 – 2023-05-01]": when a fact was seen; "" undated.
std::string seen_suffix(const DateRange& seen) {
  const std::string text = seen_text(seen);
  return text.empty() ? text : " [" + text + "]";
}

QueryResult entity(const GraphSource& source, const NamedQuery& query) {
  expect_arguments(query, 1, 1, "one name");
  const EntitySummary found = find_entity(source, query.arguments.front());
  const EntityDetails e = source.details(found.ref);
  QueryResult result;
  result.columns = {"field", "value"};
  auto add = [&result](std::string field, std::string value) {
    result.rows.push_back({std::move(field), std::move(value)});
  };
  add("name", e.entity.name);
  add("type", std::string(to_string(e.entity.type)));
  add("id", e.entity.id);
  for (const auto& alias : e.aliases) add("alias", alias);
  for (const auto& [key, value] : e.attributes) add("attribute", key + "=" + value);

  std::set<std::int64_t> documents(e.documents.begin(), e.documents.end());
  std::vector<std::string> post_rows, relation_rows, seen_dates;
  for (const RelationSummary& r : source.relations_of(found.ref, EdgeDirection::both, std::nullopt)) {
    if (!r.seen_in(query.window)) continue;
    const DateRange seen = r.seen();
    (post_of(r, found.ref) ? post_rows : relation_rows).push_back(fact_of(r, found.ref) + seen_suffix(seen));
    documents.insert(r.evidence_documents.begin(), r.evidence_documents.end());
    seen_dates.insert(seen_dates.end(), r.evidence_dates.begin(), r.evidence_dates.end());
  }
  std::sort(post_rows.begin(), post_rows.end());
  std::sort(relation_rows.begin(), relation_rows.end());
  std::vector<std::string> document_rows;
  for (const std::int64_t doc : documents) {
    const auto info = source.document(doc);
    if (!info || !query.window.admits(info->published)) continue;
    std::string where = info->source;
    if (!info->title.empty()) where += " (" + info->title + ")";
    if (!info->published.empty()) where += " [" + info->published + "]";
    seen_dates.push_back(info->published);
    document_rows.push_back(std::move(where));
  }
  const DateRange seen = date_range(seen_dates);
  if (!seen.first.empty()) add("seen", seen_text(seen));
  for (auto& p : post_rows) add("post", std::move(p));
  for (auto& r : relation_rows) add("relation", std::move(r));
  for (auto& d : document_rows) add("document", std::move(d));
  return result;
}

// One row per dated fact about an entity, earliest first: each piece of
// evidence of its relations (posts apart) and each document that mentions
// it otherwise, with the sentence and file it comes from; undated facts
// last. Rows are ordered from the dates relations carry, and sentences are
// cut only for the rows shown (query.rows: the first N).
QueryResult timeline(const GraphSource& source, const NamedQuery& query) {
  expect_arguments(query, 1, 1, "one name");
  const EntitySummary found = find_entity(source, query.arguments.front());
  struct Fact {
    std::optional<DateSpan> when;
    std::vector<std::string> cells;  // date, kind, fact, sentence, source
    std::optional<RelationRef> relation;
    std::size_t piece = 0;  // of the relation's evidence
  };
  Answer answer(source, query);
  std::vector<Fact> facts;
  std::set<std::int64_t> with_evidence;
  for (const RelationSummary& r : source.relations_of(found.ref, EdgeDirection::both, std::nullopt)) {
    const bool post = post_of(r, found.ref);
    const std::string fact = fact_of(r, found.ref);
    for (std::size_t k = 0; k < r.evidence_documents.size(); ++k) {
      const std::string& date = k < r.evidence_dates.size() ? r.evidence_dates[k] : std::string();
      if (!query.window.admits(date)) continue;
      with_evidence.insert(r.evidence_documents[k]);
      facts.push_back({parse_date_span(date),
                       {date, post ? "post" : std::string(to_string(r.type)), fact, "",
                        answer.document_source(r.evidence_documents[k])},
                       r.ref, k});
    }
  }
  // Documents that mention it and state none of its relations.
  for (const std::int64_t doc : source.details(found.ref).documents) {
    if (with_evidence.count(doc) > 0) continue;
    const auto info = source.document(doc);
    if (!info || !query.window.admits(info->published)) continue;
    facts.push_back({parse_date_span(info->published),
                     {info->published, "mention", info->title.empty() ? "mentioned" : "mentioned in " + info->title, "",
                      info->source},
                     std::nullopt, 0});
  }
  std::stable_sort(facts.begin(), facts.end(), [](const Fact& a, const Fact& b) {
    if (a.when.has_value() != b.when.has_value()) return a.when.has_value();
    if (a.when && b.when && a.when->first != b.when->first) return a.when->first < b.when->first;
    return a.cells < b.cells;
  });
  if (query.rows > 0 && facts.size() > query.rows) facts.resize(query.rows);
  // The sentences of the rows shown, one read per relation.
  std::map<RelationRef, std::vector<EvidenceRef>> evidence;
  for (Fact& f : facts) {
    if (!f.relation) continue;
    auto it = evidence.find(*f.relation);
    if (it == evidence.end()) it = evidence.emplace(*f.relation, source.evidence(*f.relation)).first;
    if (f.piece < it->second.size()) f.cells[3] = it->second[f.piece].text;
  }
  QueryResult result;
  result.columns = {"date", "kind", "fact", "sentence", "source"};
  for (Fact& f : facts) result.rows.push_back(std::move(f.cells));
  if (result.rows.empty())
    result.note = query.window.empty() ? "nothing is recorded about '" + found.name + "'"
                                       : "nothing about '" + found.name + "' is dated in the window";
  return result;
}

std::uint32_t vertex_in(const Topology& topology, const EntitySummary& e) {
  const auto v = topology.vertex_of(e.ref);
  if (!v) throw EntityLookupError("entity '" + e.name + "' is not in the graph's topology", {});
  return *v;
}

QueryResult path(const GraphSource& source, const NamedQuery& query) {
  expect_arguments(query, 2, 2, "two names (A B)");
  const EntitySummary from = find_entity(source, query.arguments[0]);
  const EntitySummary to = find_entity(source, query.arguments[1]);
  QueryResult result;
  result.columns = {"step", "from", "relation", "to"};
  if (from.ref == to.ref) {
    result.note = "both names are the entity '" + from.name + "'";
    return result;
  }
  const Topology topology = source.topology();
  const auto steps = shortest_path(topology, vertex_in(topology, from), vertex_in(topology, to));
  if (!steps) {
    result.note = "'" + from.name + "' and '" + to.name + "' are not connected";
    return result;
  }
  auto name = [&](std::uint32_t v) {
    const auto e = source.entity(topology.refs[v]);
    return e ? e->name : std::string();
  };
  for (std::size_t i = 1; i < steps->size(); ++i) {
    const TopologyStep& step = (*steps)[i];
    const Topology::Edge& edge = topology.edges[*step.edge];
    const auto relation = source.relation(edge.ref);
    std::string text = step.forward ? "-[" : "<-[";
    text += to_string(edge.type);
    if (relation && !relation->title.empty()) text += ": " + relation->title;
    text += step.forward ? "]->" : "]-";
    result.rows.push_back({std::to_string(i), name((*steps)[i - 1].vertex), std::move(text), name(step.vertex)});
  }
  return result;
}

QueryResult neighbors(const GraphSource& source, const NamedQuery& query) {
  expect_arguments(query, 1, 1, "one name");
  if (query.depth == 0) throw std::invalid_argument("'neighbors' needs --depth of at least 1");
  const EntitySummary centre = find_entity(source, query.arguments.front());
  QueryResult result;
  result.columns = {"entity", "type", "distance"};
  struct Row {
    std::size_t distance;
    EntitySummary entity;
  };
  std::vector<Row> found;
  // A few steps out from most entities is a few hundred others: breadth
  // first through the index. Past a few thousand (a hub two steps out), the
  // whole topology is quicker.
  constexpr std::size_t kThroughIndex = 2000;
  std::set<EntityRef> seen{centre.ref};
  std::vector<EntityRef> frontier{centre.ref};
  bool too_many = false;
  for (std::size_t distance = 1; distance <= query.depth && !frontier.empty() && !too_many; ++distance) {
    std::vector<EntityRef> next;
    for (const EntityRef at : frontier) {
      for (const RelationSummary& r : source.relations_of(at, EdgeDirection::both, std::nullopt)) {
        const EntitySummary& other = r.source.ref == at ? r.target : r.source;
        if (!seen.insert(other.ref).second) continue;
        found.push_back({distance, other});
        next.push_back(other.ref);
      }
      if (seen.size() > kThroughIndex && distance < query.depth) {
        too_many = true;
        break;
      }
    }
    frontier = std::move(next);
  }
  if (too_many) {
    found.clear();
    const Topology topology = source.topology();
    for (const TopologyNeighbour& n : k_hop_neighbourhood(topology, vertex_in(topology, centre), query.depth))
      if (auto e = source.entity(topology.refs[n.vertex])) found.push_back({n.distance, std::move(*e)});
  }
  std::stable_sort(found.begin(), found.end(), [](const Row& a, const Row& b) {
    return std::tie(a.distance, a.entity.name) < std::tie(b.distance, b.entity.name);
  });
  for (const Row& n : found) {
    if (query.rows > 0 && result.rows.size() >= query.rows) break;
    result.rows.push_back({n.entity.name, std::string(to_string(n.entity.type)), std::to_string(n.distance)});
  }
  return result;
}

std::string format_score(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.3f", value);
  std::string text = buffer;
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

QueryResult top(const GraphSource& source, const NamedQuery& query) {
  expect_arguments(query, 0, 0, "no names");
  std::optional<EntityType> only;
  if (query.type) {
    only = parse_entity_type(*query.type);
    if (!only) {
      std::string known;
      for (EntityType t : all_entity_types()) known += (known.empty() ? "" : ", ") + std::string(to_string(t));
      throw std::invalid_argument("unknown entity type '" + *query.type + "'; expected one of " + known);
    }
  }
  if (query.rank_by != "degree" && query.rank_by != "betweenness")
    throw std::invalid_argument("'top --by' takes degree or betweenness, not '" + query.rank_by + "'");
  const Topology topology = source.topology();
  std::vector<double> scores;
  if (query.rank_by == "degree") {
    for (std::size_t d : degree_centrality(topology)) scores.push_back(static_cast<double>(d));
  } else {
    BetweennessOptions options;
    options.exact = query.exact;
    scores = betweenness_centrality(topology, options);
  }
  std::vector<std::uint32_t> candidates;
  for (std::uint32_t v = 0; v < topology.vertex_count(); ++v)
    if (!only || topology.types[v] == *only) candidates.push_back(v);
  // Ties are ordered by name: every candidate scoring at least as high as the
  // last one shown is named, no more.
  if (query.limit > 0 && candidates.size() > query.limit) {
    std::vector<double> sorted;
    sorted.reserve(candidates.size());
    for (std::uint32_t v : candidates) sorted.push_back(scores[v]);
    std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(query.limit - 1), sorted.end(),
                     std::greater<>());
    const double threshold = sorted[query.limit - 1];
    std::erase_if(candidates, [&](std::uint32_t v) { return scores[v] < threshold; });
  }
  std::vector<std::pair<std::uint32_t, EntitySummary>> ranked;
  for (std::uint32_t v : candidates)
    if (auto e = source.entity(topology.refs[v])) ranked.emplace_back(v, std::move(*e));
  std::sort(ranked.begin(), ranked.end(), [&](const auto& a, const auto& b) {
    if (scores[a.first] != scores[b.first]) return scores[a.first] > scores[b.first];
    return a.second.name < b.second.name;
  });
  if (query.limit > 0 && ranked.size() > query.limit) ranked.resize(query.limit);
  QueryResult result;
  result.columns = {"rank", "entity", "type", query.rank_by};
  for (std::size_t i = 0; i < ranked.size(); ++i)
    result.rows.push_back({std::to_string(i + 1), ranked[i].second.name, std::string(to_string(ranked[i].second.type)),
                           format_score(scores[ranked[i].first])});
  if (query.rank_by == "betweenness" && !query.exact && topology.vertex_count() > BetweennessOptions{}.pivots)
    result.note = "betweenness estimated from " + std::to_string(BetweennessOptions{}.pivots) + " of " +
                  std::to_string(topology.vertex_count()) + " entities as pivots (exact: --exact)";
  return result;
}

QueryResult located_in(const GraphSource& source, const NamedQuery& query) {
  expect_arguments(query, 1, 1, "one name");
  const EntitySummary park = find_entity(source, query.arguments.front());
  QueryResult result;
  result.columns = {"entity", "type", "first_seen", "last_seen"};
  add_evidence_columns(result, query.evidence);
  Answer answer(source, query);
  for (const RelationSummary& r : source.relations_of(park.ref, EdgeDirection::in, RelationType::located_in)) {
    if (!r.seen_in(query.window)) continue;
    const DateRange seen = r.seen();
    answer.emit(result, r, {r.source.name, std::string(to_string(r.source.type)), seen.first, seen.last});
  }
  keep_first(result, query.rows);
  if (result.rows.empty()) result.note = "nothing is recorded as located in '" + park.name + "'";
  return result;
}

}  // namespace

QueryResult run_named(const GraphSource& source, const NamedQuery& query) {
  using Handler = QueryResult (*)(const GraphSource&, const NamedQuery&);
  static const std::map<std::string, Handler, std::less<>> handlers = {
      {"served", served}, {"posts", posts},         {"entity", entity}, {"path", path},
      {"neighbors", neighbors}, {"neighbours", neighbors}, {"top", top}, {"in", located_in},
      {"timeline", timeline}};
  const auto found = handlers.find(query.question);
  if (found == handlers.end())
    throw std::invalid_argument("unknown question '" + query.question +
                                "'; expected served, posts, entity, timeline, path, neighbors, top, in or a MATCH query");
  QueryResult result = found->second(source, query);
  // An entity named by an id an edit has changed since (schema/009) is
  // found under the id it has now: say so, the new id is the one to keep.
  for (const std::string& argument : query.arguments)
    if (auto by_id = source.entity_by_id(argument); by_id && by_id->id != argument)
      result.note += (result.note.empty() ? "" : "; ") + argument + " now " + by_id->id;
  return result;
}

QueryResult run_named(const KnowledgeGraph& graph, const NamedQuery& query) {
  return run_named(KnowledgeGraphSource(graph), query);
}

// --- loading --------------------------------------------------------------------

struct QueryDatabase::Impl {
  Store store;
  StoreSource source;
  explicit Impl(const std::string& path) : store(path, Store::Mode::read_only), source(store) {}
};

QueryDatabase::QueryDatabase(const std::string& db_path) : impl_(std::make_unique<Impl>(db_path)) {}
QueryDatabase::~QueryDatabase() = default;
QueryDatabase::QueryDatabase(QueryDatabase&&) noexcept = default;
const GraphSource& QueryDatabase::source() const { return impl_->source; }

QueryDatabase open_query_database(const std::string& db_path) { return QueryDatabase(db_path); }

KnowledgeGraph load_graph_for_query(const std::string& db_path) {
  return Store(db_path, Store::Mode::read_only).load_graph();
}

}  // namespace kg
