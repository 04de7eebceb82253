// query/named.cc owns the named questions (served, posts, entity, path,
// neighbors, top, in): each one a walk over the graph or one of the graph
// analytics, turned into rows a person can read.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <stdexcept>

#include "graph/analytics.h"
#include "query/query.h"
#include "store/store.h"

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

std::string source_of(const KnowledgeGraph& graph, std::int64_t doc) {
  const DocumentInfo* info = graph.document(doc);
  return info ? info->source : std::string();
}

// Appends the relation's cells to `cells`, once per piece of evidence when
// evidence is asked for (so every sentence can be checked against its file).
void emit_rows(QueryResult& result, const KnowledgeGraph& graph, const RelationProps& relation,
               std::vector<std::string> cells, bool evidence) {
  if (!evidence) {
    result.rows.push_back(std::move(cells));
    return;
  }
  if (relation.evidence.empty()) {
    cells.emplace_back();
    cells.emplace_back();
    result.rows.push_back(std::move(cells));
    return;
  }
  for (const auto& ref : relation.evidence) {
    auto row = cells;
    row.push_back(ref.text);
    row.push_back(source_of(graph, ref.doc));
    result.rows.push_back(std::move(row));
  }
}

void add_evidence_columns(QueryResult& result, bool evidence) {
  if (!evidence) return;
  result.columns.emplace_back("sentence");
  result.columns.emplace_back("source");
}

void sort_rows(QueryResult& result) {
  std::sort(result.rows.begin(), result.rows.end());
  result.rows.erase(std::unique(result.rows.begin(), result.rows.end()), result.rows.end());
}

void expect_arguments(const NamedQuery& query, std::size_t at_least, std::size_t at_most, const char* usage) {
  const std::size_t n = query.arguments.size();
  if (n < at_least || n > at_most)
    throw std::invalid_argument("'" + query.question + "' takes " + usage + ", got " + std::to_string(n) +
                                " argument" + (n == 1 ? "" : "s"));
}

// Every relation of one type, optionally only those touching `only`.
template <typename Visit>
void for_each_relation(const KnowledgeGraph& graph, RelationType type, std::optional<Vertex> only, Visit visit) {
  for (const Edge e : boost::make_iterator_range(boost::edges(graph.g))) {
    if (graph.g[e].type != type) continue;
    const Vertex from = boost::source(e, graph.g), to = boost::target(e, graph.g);
    if (only && from != *only && to != *only) continue;
    visit(e, from, to);
  }
}

std::optional<Vertex> optional_entity(const KnowledgeGraph& graph, const NamedQuery& query) {
  if (query.arguments.empty()) return std::nullopt;
  return find_entity(graph, query.arguments.front());
}

QueryResult served(const KnowledgeGraph& graph, const NamedQuery& query) {
  expect_arguments(query, 0, 1, "at most one name");
  QueryResult result;
  result.columns = {"official", "enterprise", "role"};
  add_evidence_columns(result, query.evidence);
  for_each_relation(graph, RelationType::served, optional_entity(graph, query), [&](Edge e, Vertex from, Vertex to) {
    const RelationProps& r = graph.g[e];
    emit_rows(result, graph, r, {graph.g[from].name, graph.g[to].name, attribute_or_empty(r.attributes, "role")},
              query.evidence);
  });
  sort_rows(result);
  return result;
}

QueryResult posts(const KnowledgeGraph& graph, const NamedQuery& query) {
  expect_arguments(query, 0, 1, "at most one name");
  QueryResult result;
  result.columns = {"person", "title", "body"};
  add_evidence_columns(result, query.evidence);
  for_each_relation(graph, RelationType::holds_post, optional_entity(graph, query), [&](Edge e, Vertex from, Vertex to) {
    const RelationProps& r = graph.g[e];
    emit_rows(result, graph, r, {graph.g[from].name, r.title, graph.g[to].name}, query.evidence);
  });
  sort_rows(result);
  return result;
}

std::string describe_relation(const RelationProps& r, bool outgoing, const std::string& other) {
  std::string text = outgoing ? "-[" : "<-[";
  text += to_string(r.type);
  text += outgoing ? "]-> " : "]- ";
  text += other;
  if (!r.title.empty()) text += " (" + r.title + ")";
  return text;
}

QueryResult entity(const KnowledgeGraph& graph, const NamedQuery& query) {
  expect_arguments(query, 1, 1, "one name");
  const Vertex v = find_entity(graph, query.arguments.front());
  const EntityProps& e = graph.g[v];
  QueryResult result;
  result.columns = {"field", "value"};
  auto add = [&result](std::string field, std::string value) {
    result.rows.push_back({std::move(field), std::move(value)});
  };
  add("name", e.name);
  add("type", std::string(to_string(e.type)));
  add("id", e.id);
  for (const auto& alias : e.aliases) add("alias", alias);
  for (const auto& [key, value] : e.attributes) add("attribute", key + "=" + value);

  std::set<std::int64_t> documents;
  for (const auto& m : e.mentions) documents.insert(m.doc);
  std::vector<std::string> post_rows, relation_rows;
  for (const Edge out : boost::make_iterator_range(boost::out_edges(v, graph.g))) {
    const RelationProps& r = graph.g[out];
    const std::string& other = graph.g[boost::target(out, graph.g)].name;
    if (r.type == RelationType::holds_post) post_rows.push_back(r.title.empty() ? other : r.title + " @ " + other);
    else relation_rows.push_back(describe_relation(r, true, other));
    for (const auto& ref : r.evidence) documents.insert(ref.doc);
  }
  for (const Edge in : boost::make_iterator_range(boost::in_edges(v, graph.g))) {
    const RelationProps& r = graph.g[in];
    relation_rows.push_back(describe_relation(r, false, graph.g[boost::source(in, graph.g)].name));
    for (const auto& ref : r.evidence) documents.insert(ref.doc);
  }
  std::sort(post_rows.begin(), post_rows.end());
  std::sort(relation_rows.begin(), relation_rows.end());
  for (auto& p : post_rows) add("post", std::move(p));
  for (auto& r : relation_rows) add("relation", std::move(r));
  for (const std::int64_t doc : documents) {
    const DocumentInfo* info = graph.document(doc);
    if (!info) continue;
    std::string where = info->source;
    if (!info->title.empty()) where += " (" + info->title + ")";
    add("document", std::move(where));
  }
  return result;
}

QueryResult path(const KnowledgeGraph& graph, const NamedQuery& query) {
  expect_arguments(query, 2, 2, "two names (A B)");
  const Vertex from = find_entity(graph, query.arguments[0]);
  const Vertex to = find_entity(graph, query.arguments[1]);
  QueryResult result;
  result.columns = {"step", "from", "relation", "to"};
  const auto steps = shortest_path(graph, from, to);
  if (!steps) {
    result.note = "'" + graph.g[from].name + "' and '" + graph.g[to].name + "' are not connected";
    return result;
  }
  if (steps->size() == 1) result.note = "both names are the entity '" + graph.g[from].name + "'";
  for (std::size_t i = 1; i < steps->size(); ++i) {
    const PathStep& step = (*steps)[i];
    const RelationProps& r = graph.g[*step.relation];
    std::string relation = step.forward ? "-[" : "<-[";
    relation += to_string(r.type);
    if (!r.title.empty()) relation += ": " + r.title;
    relation += step.forward ? "]->" : "]-";
    result.rows.push_back({std::to_string(i), graph.g[(*steps)[i - 1].entity].name, std::move(relation),
                           graph.g[step.entity].name});
  }
  return result;
}

QueryResult neighbors(const KnowledgeGraph& graph, const NamedQuery& query) {
  expect_arguments(query, 1, 1, "one name");
  if (query.depth == 0) throw std::invalid_argument("'neighbors' needs --depth of at least 1");
  const Vertex centre = find_entity(graph, query.arguments.front());
  QueryResult result;
  result.columns = {"entity", "type", "distance"};
  auto found = k_hop_neighbourhood(graph, centre, query.depth);
  std::stable_sort(found.begin(), found.end(), [&graph](const Neighbour& a, const Neighbour& b) {
    if (a.distance != b.distance) return a.distance < b.distance;
    return graph.g[a.entity].name < graph.g[b.entity].name;
  });
  for (const auto& n : found)
    result.rows.push_back(
        {graph.g[n.entity].name, std::string(to_string(graph.g[n.entity].type)), std::to_string(n.distance)});
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

QueryResult top(const KnowledgeGraph& graph, const NamedQuery& query) {
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
  std::vector<double> scores;
  if (query.rank_by == "degree") {
    for (std::size_t d : degree_centrality(graph)) scores.push_back(static_cast<double>(d));
  } else if (query.rank_by == "betweenness") {
    scores = betweenness_centrality(graph);
  } else {
    throw std::invalid_argument("'top --by' takes degree or betweenness, not '" + query.rank_by + "'");
  }
  std::vector<Vertex> ranked;
  for (const Vertex v : boost::make_iterator_range(boost::vertices(graph.g)))
    if (!only || graph.g[v].type == *only) ranked.push_back(v);
  std::sort(ranked.begin(), ranked.end(), [&](Vertex a, Vertex b) {
    if (scores[a] != scores[b]) return scores[a] > scores[b];
    return graph.g[a].name < graph.g[b].name;
  });
  if (query.limit > 0 && ranked.size() > query.limit) ranked.resize(query.limit);
  QueryResult result;
  result.columns = {"rank", "entity", "type", query.rank_by};
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    const Vertex v = ranked[i];
    result.rows.push_back(
        {std::to_string(i + 1), graph.g[v].name, std::string(to_string(graph.g[v].type)), format_score(scores[v])});
  }
  return result;
}

QueryResult located_in(const KnowledgeGraph& graph, const NamedQuery& query) {
  expect_arguments(query, 1, 1, "one name");
  const Vertex park = find_entity(graph, query.arguments.front());
  QueryResult result;
  result.columns = {"entity", "type"};
  add_evidence_columns(result, query.evidence);
  for (const Edge in : boost::make_iterator_range(boost::in_edges(park, graph.g))) {
    const RelationProps& r = graph.g[in];
    if (r.type != RelationType::located_in) continue;
    const EntityProps& inside = graph.g[boost::source(in, graph.g)];
    emit_rows(result, graph, r, {inside.name, std::string(to_string(inside.type))}, query.evidence);
  }
  sort_rows(result);
  if (result.rows.empty()) result.note = "nothing is recorded as located in '" + graph.g[park].name + "'";
  return result;
}

}  // namespace

QueryResult run_named(const KnowledgeGraph& graph, const NamedQuery& query) {
  using Handler = QueryResult (*)(const KnowledgeGraph&, const NamedQuery&);
  static const std::map<std::string, Handler, std::less<>> handlers = {
      {"served", served}, {"posts", posts},         {"entity", entity}, {"path", path},
      {"neighbors", neighbors}, {"neighbours", neighbors}, {"top", top}, {"in", located_in}};
  const auto found = handlers.find(query.question);
  if (found == handlers.end())
    throw std::invalid_argument("unknown question '" + query.question +
                                "'; expected served, posts, entity, path, neighbors, top, in or a MATCH query");
  return found->second(graph, query);
}

KnowledgeGraph load_graph_for_query(const std::string& db_path) {
  std::error_code error;
  const auto status = std::filesystem::status(db_path, error);
  if (!std::filesystem::exists(status))
    throw std::runtime_error("database '" + db_path + "' does not exist (build it with 'kg build --db " + db_path +
                             " FILES...')");
  if (!std::filesystem::is_regular_file(status))
    throw std::runtime_error("database '" + db_path + "' is not a file");
  return Store(db_path).load_graph();
}

}  // namespace kg
