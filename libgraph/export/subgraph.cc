// export/subgraph.cc: choosing part of the graph (by entity type, relation
// type, neighbourhood of a named entity, source file, date range) and
// matching names the way the gold scorer does.
#include <algorithm>
#include <deque>
#include <unordered_set>

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "core/utf8.h"
#include "export/export.h"
#include "graph/names.h"
#include "store/store.h"
#include "text/text.h"

namespace kg {

namespace {

template <typename T, typename Parse, typename All>
std::vector<T> parse_list(const std::vector<std::string>& values, std::string_view argument,
                          Parse parse, std::string_view what, const All& all) {
  std::vector<T> out;
  for (const std::string& value : values) {
    std::size_t start = 0;
    while (start <= value.size()) {
      std::size_t comma = value.find(',', start);
      if (comma == std::string::npos) comma = value.size();
      std::string_view item(value.data() + start, comma - start);
      while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
      while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
      if (!item.empty()) {
        auto parsed = parse(item);
        if (!parsed) {
          std::string known;
          for (const auto& t : all) known += (known.empty() ? "" : ", ") + std::string(to_string(t));
          throw ExportError(std::string(argument) + ": unknown " + std::string(what) + " '" +
                            std::string(item) + "'; expected one of " + known);
        }
        if (std::find(out.begin(), out.end(), *parsed) == out.end()) out.push_back(*parsed);
      }
      start = comma + 1;
    }
  }
  return out;
}

bool source_matches(const std::string& source, const std::string& suffix) {
  if (suffix.size() > source.size()) return false;
  if (source.compare(source.size() - suffix.size(), suffix.size(), suffix) != 0) return false;
  // "a.txt" should not select "data.txt": the match starts at a path boundary.
  if (suffix.size() == source.size() || suffix.front() == '/' || suffix.front() == '\\')
    return true;
  const char before = source[source.size() - suffix.size() - 1];
  return before == '/' || before == '\\';
}

}  // namespace

std::vector<EntityType> parse_entity_types(const std::vector<std::string>& values,
                                           std::string_view argument) {
  return parse_list<EntityType>(values, argument, parse_entity_type, "entity type", all_entity_types());
}

std::vector<RelationType> parse_relation_types(const std::vector<std::string>& values,
                                               std::string_view argument) {
  return parse_list<RelationType>(values, argument, parse_relation_type, "relation type", all_relation_types());
}

std::vector<Vertex> find_entities(const KnowledgeGraph& graph, std::string_view name) {
  // The lookup `kg query` uses (graph/names.h); a name that is only part of
  // other names counts when it picks out one entity.
  const KnowledgeGraphSource source(graph);
  const NameMatches matches = match_name(source, name);
  std::vector<Vertex> found;
  if (matches.tier == NameTier::part && matches.entities.size() != 1) return found;
  for (const EntitySummary& e : matches.entities) found.push_back(source.vertex(e.ref));
  return found;
}

KnowledgeGraph select_subgraph(const KnowledgeGraph& graph, const SubgraphFilter& filter) {
  const GraphBase& g = graph.g;
  const std::size_t n = boost::num_vertices(g);
  std::vector<char> keep_node(n, 1);
  std::unordered_set<std::int64_t> kept_docs;
  const bool by_source = !filter.source.empty();
  if (by_source) {
    for (const DocumentInfo& doc : graph.documents)
      if (source_matches(doc.source, filter.source)) kept_docs.insert(doc.id);
    if (kept_docs.empty())
      throw ExportError("--source: no document of the graph comes from '" + filter.source + "'");
    for (std::size_t v = 0; v < n; ++v) {
      const auto& mentions = g[v].mentions;
      keep_node[v] = std::any_of(mentions.begin(), mentions.end(),
                                 [&](const MentionRef& m) { return kept_docs.count(m.doc) > 0; });
    }
  }
  auto edge_in_source = [&](const Edge& e) {
    const auto& evidence = g[e].evidence;
    return std::any_of(evidence.begin(), evidence.end(),
                       [&](const EvidenceRef& r) { return kept_docs.count(r.doc) > 0; });
  };
  if (by_source) {
    // A relation stated in the file brings both its ends, even an end the
    // file only refers to by a form that was not recorded as a mention.
    for (auto [it, end] = boost::edges(g); it != end; ++it)
      if (edge_in_source(*it)) keep_node[boost::source(*it, g)] = keep_node[boost::target(*it, g)] = 1;
  }
  // Dates: a relation is in range when some piece of its evidence is dated
  // in it (evidence without dates: when the relation's date is); an entity
  // when it keeps such a relation (settled below) or is mentioned in a
  // document published in range.
  const bool by_date = !filter.since.empty() || !filter.until.empty();
  const DateWindow window{filter.since, filter.until};
  auto in_range = [&](const std::string& date) { return window.admits(date); };
  auto relation_in_range = [&](const RelationProps& r) {
    bool dated = false;
    for (const EvidenceRef& ev : r.evidence) {
      if (ev.date.empty()) continue;
      if (window.admits(ev.date)) return true;
      dated = true;
    }
    return !dated && in_range(relation_provenance(graph, r).date);
  };
  std::vector<char> dated_edge, mentioned_in_range;
  std::unordered_set<std::int64_t> docs_in_range;
  if (by_date) {
    for (const DocumentInfo& doc : graph.documents)
      if (in_range(doc.published)) docs_in_range.insert(doc.id);
    dated_edge.assign(boost::num_edges(g), 0);
    mentioned_in_range.assign(n, 0);
    for (std::size_t v = 0; v < n; ++v) {
      const auto& mentions = g[v].mentions;
      mentioned_in_range[v] = std::any_of(mentions.begin(), mentions.end(),
                                          [&](const MentionRef& m) { return docs_in_range.count(m.doc) > 0; });
    }
  }
  std::unordered_map<const void*, bool> edge_dates;  // by edge property address: edges have no index
  auto edge_in_range = [&](const Edge& e) {
    auto [it, fresh] = edge_dates.emplace(&g[e], false);
    if (fresh) it->second = relation_in_range(g[e]);
    return it->second;
  };
  if (by_date) {
    std::vector<char> touched(n, 0);
    for (auto [it, end] = boost::edges(g); it != end; ++it)
      if (edge_in_range(*it)) touched[boost::source(*it, g)] = touched[boost::target(*it, g)] = 1;
    for (std::size_t v = 0; v < n; ++v) keep_node[v] = keep_node[v] && (touched[v] || mentioned_in_range[v]);
  }
  if (!filter.types.empty()) {
    for (std::size_t v = 0; v < n; ++v)
      if (std::find(filter.types.begin(), filter.types.end(), g[v].type) == filter.types.end())
        keep_node[v] = 0;
  }
  auto edge_kept = [&](const Edge& e) {
    if (!keep_node[boost::source(e, g)] || !keep_node[boost::target(e, g)]) return false;
    if (by_source && !edge_in_source(e)) return false;
    if (by_date && !edge_in_range(e)) return false;
    return filter.relations.empty() || std::find(filter.relations.begin(), filter.relations.end(),
                                                 g[e].type) != filter.relations.end();
  };

  std::vector<Vertex> centres;
  if (!filter.around.empty()) {
    for (Vertex v : find_entities(graph, filter.around))
      if (keep_node[v]) centres.push_back(v);
    if (centres.empty())
      throw ExportError("--around: no entity named '" + filter.around + "'" +
                        (filter.empty() ? "" : " in the selected part of the graph"));
  }
  if (!filter.relations.empty()) {
    std::vector<char> touched(n, 0);
    for (auto [it, end] = boost::edges(g); it != end; ++it)
      if (edge_kept(*it)) touched[boost::source(*it, g)] = touched[boost::target(*it, g)] = 1;
    for (Vertex c : centres) touched[c] = 1;
    for (std::size_t v = 0; v < n; ++v) keep_node[v] = keep_node[v] && touched[v];
  }
  if (!centres.empty()) {
    // Breadth-first over kept relations in either direction: a neighbourhood
    // is about who is connected, not who points at whom.
    std::vector<unsigned> distance(n, ~0u);
    std::deque<Vertex> queue;
    for (Vertex c : centres) {
      distance[c] = 0;
      queue.push_back(c);
    }
    auto visit = [&](Vertex from, Vertex to, const Edge& e) {
      if (distance[to] != ~0u || !edge_kept(e)) return;
      distance[to] = distance[from] + 1;
      queue.push_back(to);
    };
    while (!queue.empty()) {
      const Vertex v = queue.front();
      queue.pop_front();
      if (distance[v] >= filter.depth) continue;
      for (auto [it, end] = boost::out_edges(v, g); it != end; ++it) visit(v, boost::target(*it, g), *it);
      for (auto [it, end] = boost::in_edges(v, g); it != end; ++it) visit(v, boost::source(*it, g), *it);
    }
    for (std::size_t v = 0; v < n; ++v) keep_node[v] = keep_node[v] && distance[v] != ~0u;
  }
  if (by_date) {
    // An entity kept for a relation in range must still have one.
    std::vector<char> has_edge(n, 0);
    for (auto [it, end] = boost::edges(g); it != end; ++it)
      if (edge_kept(*it)) has_edge[boost::source(*it, g)] = has_edge[boost::target(*it, g)] = 1;
    for (Vertex c : centres) has_edge[c] = 1;
    for (std::size_t v = 0; v < n; ++v) keep_node[v] = keep_node[v] && (has_edge[v] || mentioned_in_range[v]);
  }

  if (by_date) {
    // The documents published in range, and those that state a kept relation.
    std::unordered_set<std::int64_t> evidence_docs;
    for (auto [it, end] = boost::edges(g); it != end; ++it)
      if (edge_kept(*it))
        for (const EvidenceRef& r : g[*it].evidence) evidence_docs.insert(r.doc);
    std::unordered_set<std::int64_t> dated = docs_in_range;
    dated.insert(evidence_docs.begin(), evidence_docs.end());
    if (by_source) std::erase_if(dated, [&](std::int64_t d) { return kept_docs.count(d) == 0; });
    kept_docs = std::move(dated);
  }
  const bool cut_documents = by_source || by_date;
  KnowledgeGraph out;
  for (const DocumentInfo& doc : graph.documents)
    if (!cut_documents || kept_docs.count(doc.id)) out.documents.push_back(doc);
  std::vector<Vertex> mapped(n);
  for (std::size_t v = 0; v < n; ++v) {
    if (!keep_node[v]) continue;
    EntityProps props = g[v];
    if (cut_documents)
      std::erase_if(props.mentions, [&](const MentionRef& m) { return kept_docs.count(m.doc) == 0; });
    mapped[v] = out.add_entity(std::move(props));
  }
  for (auto [it, end] = boost::edges(g); it != end; ++it) {
    if (!edge_kept(*it)) continue;
    RelationProps props = g[*it];
    if (by_source)
      std::erase_if(props.evidence, [&](const EvidenceRef& r) { return kept_docs.count(r.doc) == 0; });
    out.add_relation(mapped[boost::source(*it, g)], mapped[boost::target(*it, g)], std::move(props));
  }
  return out;
}

std::string SubgraphFilter::describe() const {
  std::string text;
  auto add = [&text](const std::string& part) { text += (text.empty() ? "" : " ") + part; };
  if (!types.empty()) {
    std::string list;
    for (EntityType t : types) list += (list.empty() ? "" : ",") + std::string(to_string(t));
    add("--type " + list);
  }
  if (!relations.empty()) {
    std::string list;
    for (RelationType r : relations) list += (list.empty() ? "" : ",") + std::string(to_string(r));
    add("--relation " + list);
  }
  if (!around.empty()) add("--around " + around + " --depth " + std::to_string(depth));
  if (!source.empty()) add("--source " + source);
  if (!since.empty()) add("--since " + since);
  if (!until.empty()) add("--until " + until);
  return text;
}

KnowledgeGraph load_selected_graph(const Store& store, const SubgraphFilter& filter) {
  if (filter.empty()) return store.load_graph();
  // The store reads the selected part through its indexes (a superset of
  // what the filter keeps: dates are not among what it selects by), and the
  // filter cuts it exactly.
  GraphSelection selection;
  selection.types = filter.types;
  selection.relations = filter.relations;
  if (!filter.around.empty()) selection.around = {filter.around};
  selection.depth = filter.depth;
  selection.source = filter.source;
  return select_subgraph(store.load_graph(selection), filter);
}

}  // namespace kg
