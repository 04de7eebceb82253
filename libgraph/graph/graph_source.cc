// graph/graph_source.cc owns GraphSource over a KnowledgeGraph in memory:
// the same answers the store gives from its indexes, computed by walking the
// graph (name keys are built once, on first use).
#include <algorithm>
#include <map>
#include <numeric>
#include <tuple>

#include "graph/names.h"
#include "graph/source.h"
#include "graph/topology.h"

namespace kg {

struct KnowledgeGraphSource::Index {
  std::vector<Edge> edges;                  // ref -> descriptor
  std::map<Edge, std::size_t> edge_ref;     // descriptor -> ref
  std::vector<std::string> name_key;        // per vertex
  std::vector<std::vector<std::string>> alias_keys;
};

bool NameFilter::admits(std::string_view key) const {
  for (const NameTest& test : all_of) {
    switch (test.op) {
      case NameTest::Op::equals:
        if (key != test.key) return false;
        break;
      case NameTest::Op::starts_with:
        if (!key.starts_with(test.key)) return false;
        break;
      case NameTest::Op::contains:
        if (key.find(test.key) == std::string_view::npos) return false;
        break;
      case NameTest::Op::ends_with:
        if (!key.ends_with(test.key)) return false;
        break;
    }
  }
  return !one_of || std::find(one_of->begin(), one_of->end(), key) != one_of->end();
}

KnowledgeGraphSource::KnowledgeGraphSource(const KnowledgeGraph& graph) : graph_(graph) {}
KnowledgeGraphSource::~KnowledgeGraphSource() = default;

const KnowledgeGraphSource::Index& KnowledgeGraphSource::index() const {
  if (index_) return *index_;
  auto index = std::make_unique<Index>();
  for (const Edge e : boost::make_iterator_range(boost::edges(graph_.g))) {
    index->edge_ref.emplace(e, index->edges.size());
    index->edges.push_back(e);
  }
  for (const Vertex v : boost::make_iterator_range(boost::vertices(graph_.g))) {
    index->name_key.push_back(lookup_key(graph_.g[v].name));
    std::vector<std::string> keys;
    for (const std::string& alias : graph_.g[v].aliases) keys.push_back(lookup_key(alias));
    index->alias_keys.push_back(std::move(keys));
  }
  index_ = std::move(index);
  return *index_;
}

Edge KnowledgeGraphSource::edge(RelationRef ref) const { return index().edges.at(static_cast<std::size_t>(ref)); }

EntitySummary KnowledgeGraphSource::summary(Vertex v) const {
  const EntityProps& e = graph_.g[v];
  return {static_cast<EntityRef>(v), e.id, e.name, e.type};
}

RelationSummary KnowledgeGraphSource::relation_summary(std::size_t edge_index) const {
  const Edge e = index().edges[edge_index];
  const RelationProps& r = graph_.g[e];
  RelationSummary s;
  s.ref = static_cast<RelationRef>(edge_index);
  s.id = r.id;
  s.type = r.type;
  s.title = r.title;
  s.attributes = r.attributes;
  s.source = summary(boost::source(e, graph_.g));
  s.target = summary(boost::target(e, graph_.g));
  std::vector<const EvidenceRef*> by_document;
  for (const EvidenceRef& ev : r.evidence) by_document.push_back(&ev);
  std::stable_sort(by_document.begin(), by_document.end(),
                   [](const EvidenceRef* a, const EvidenceRef* b) { return a->doc < b->doc; });
  for (const EvidenceRef* ev : by_document) {
    s.evidence_documents.push_back(ev->doc);
    s.evidence_dates.push_back(ev->date);
  }
  return s;
}

std::size_t KnowledgeGraphSource::entity_count() const { return graph_.entity_count(); }
std::size_t KnowledgeGraphSource::relation_count() const { return graph_.relation_count(); }

std::optional<EntitySummary> KnowledgeGraphSource::entity(EntityRef ref) const {
  if (ref < 0 || static_cast<std::size_t>(ref) >= graph_.entity_count()) return std::nullopt;
  return summary(static_cast<Vertex>(ref));
}

std::optional<EntitySummary> KnowledgeGraphSource::entity_by_id(std::string_view id) const {
  const auto v = graph_.find_by_id(std::string(id));
  if (!v) return std::nullopt;
  return summary(*v);
}

std::vector<EntitySummary> KnowledgeGraphSource::entities_by_key(const std::string& key, NameTier tier) const {
  const Index& idx = index();
  std::vector<EntitySummary> found;
  for (const Vertex v : boost::make_iterator_range(boost::vertices(graph_.g))) {
    const auto& aliases = idx.alias_keys[v];
    bool match = false;
    switch (tier) {
      case NameTier::name:
        match = idx.name_key[v] == key;
        break;
      case NameTier::alias:
        match = idx.name_key[v] != key && std::find(aliases.begin(), aliases.end(), key) != aliases.end();
        break;
      case NameTier::part:
        match = idx.name_key[v].find(key) != std::string::npos ||
                std::any_of(aliases.begin(), aliases.end(),
                            [&](const std::string& a) { return a.find(key) != std::string::npos; });
        break;
    }
    if (match) found.push_back(summary(v));
  }
  return found;
}

std::vector<EntitySummary> KnowledgeGraphSource::entities_named(std::string_view name) const {
  std::vector<EntitySummary> found;
  for (const Vertex v : boost::make_iterator_range(boost::vertices(graph_.g)))
    if (graph_.g[v].name == name) found.push_back(summary(v));
  return found;
}

void KnowledgeGraphSource::scan_entities(std::optional<EntityType> type, const NameFilter& names,
                                         const std::function<bool(const EntitySummary&)>& visit) const {
  const Index* idx = names.empty() ? nullptr : &index();
  for (const Vertex v : boost::make_iterator_range(boost::vertices(graph_.g))) {
    if (type && graph_.g[v].type != *type) continue;
    if (idx != nullptr && !names.admits(idx->name_key[v])) continue;
    if (!visit(summary(v))) return;
  }
}

EntityDetails KnowledgeGraphSource::details(EntityRef ref) const {
  const Vertex v = vertex(ref);
  const EntityProps& e = graph_.g[v];
  EntityDetails d;
  d.entity = summary(v);
  d.aliases = e.aliases;
  d.attributes = e.attributes;
  for (const MentionRef& m : e.mentions) d.documents.push_back(m.doc);
  std::sort(d.documents.begin(), d.documents.end());
  d.documents.erase(std::unique(d.documents.begin(), d.documents.end()), d.documents.end());
  return d;
}

std::optional<RelationSummary> KnowledgeGraphSource::relation(RelationRef ref) const {
  if (ref < 0 || static_cast<std::size_t>(ref) >= index().edges.size()) return std::nullopt;
  return relation_summary(static_cast<std::size_t>(ref));
}

std::vector<RelationSummary> KnowledgeGraphSource::relations_of(EntityRef ref, EdgeDirection direction,
                                                                std::optional<RelationType> type) const {
  const Index& idx = index();
  const Vertex v = vertex(ref);
  std::vector<std::size_t> refs;
  auto take = [&](const Edge& e) {
    if (!type || graph_.g[e].type == *type) refs.push_back(idx.edge_ref.at(e));
  };
  if (direction != EdgeDirection::in)
    for (const Edge e : boost::make_iterator_range(boost::out_edges(v, graph_.g))) take(e);
  if (direction != EdgeDirection::out)
    for (const Edge e : boost::make_iterator_range(boost::in_edges(v, graph_.g)))
      // A self-loop was already met among the out-edges.
      if (direction == EdgeDirection::in || boost::source(e, graph_.g) != v) take(e);
  std::sort(refs.begin(), refs.end());
  std::vector<RelationSummary> out;
  for (std::size_t r : refs) out.push_back(relation_summary(r));
  return out;
}

void KnowledgeGraphSource::scan_relations(const RelationScan& scan,
                                          const std::function<bool(const RelationSummary&)>& visit) const {
  // In memory, name order costs nothing worth saving: always given.
  const Index& idx = index();
  std::vector<std::size_t> refs;
  for (std::size_t i = 0; i < idx.edges.size(); ++i) {
    const Edge e = idx.edges[i];
    if (scan.type && graph_.g[e].type != *scan.type) continue;
    Vertex from = boost::source(e, graph_.g), to = boost::target(e, graph_.g);
    auto ends_fit = [&](Vertex a, Vertex b) {
      return (!scan.source_type || graph_.g[a].type == *scan.source_type) &&
             (!scan.target_type || graph_.g[b].type == *scan.target_type) &&
             (scan.source_name.empty() || scan.source_name.admits(idx.name_key[a])) &&
             (scan.target_name.empty() || scan.target_name.admits(idx.name_key[b]));
    };
    if (!ends_fit(from, to) && !(scan.either_way && ends_fit(to, from))) continue;
    refs.push_back(i);
  }
  auto names = [&](std::size_t i) {
    const Edge e = idx.edges[i];
    return std::tie(graph_.g[boost::source(e, graph_.g)].name, graph_.g[boost::target(e, graph_.g)].name);
  };
  std::sort(refs.begin(), refs.end(), [&](std::size_t a, std::size_t b) {
    const auto na = names(a), nb = names(b);
    return na != nb ? na < nb : a < b;
  });
  for (std::size_t r : refs) {
    const RelationSummary summary = relation_summary(r);
    if (summary.seen_in(scan.window) && !visit(summary)) return;
  }
}

std::vector<EvidenceRef> KnowledgeGraphSource::evidence(RelationRef ref) const {
  std::vector<EvidenceRef> out = graph_.g[edge(ref)].evidence;
  std::stable_sort(out.begin(), out.end(), [](const EvidenceRef& a, const EvidenceRef& b) { return a.doc < b.doc; });
  return out;
}

std::optional<DocumentInfo> KnowledgeGraphSource::document(std::int64_t id) const {
  const DocumentInfo* info = graph_.document(id);
  if (info == nullptr) return std::nullopt;
  return *info;
}

Topology KnowledgeGraphSource::topology() const { return topology_of(graph_); }

// --- issue 12 part 5: documents in Cypher ---------------------------------------------

void KnowledgeGraphSource::scan_documents(const std::function<bool(const DocumentInfo&)>& visit) const {
  std::vector<const DocumentInfo*> sorted;
  sorted.reserve(graph_.documents.size());
  for (const DocumentInfo& d : graph_.documents) sorted.push_back(&d);
  std::sort(sorted.begin(), sorted.end(), [](const DocumentInfo* a, const DocumentInfo* b) { return a->id < b->id; });
  for (const DocumentInfo* d : sorted)
    if (!visit(*d)) return;
}

std::vector<DocumentInfo> KnowledgeGraphSource::documents_from(std::string_view path) const {
  std::vector<DocumentInfo> found;
  for (const DocumentInfo& d : graph_.documents)
    if (d.source == path) found.push_back(d);
  std::sort(found.begin(), found.end(), [](const DocumentInfo& a, const DocumentInfo& b) { return a.id < b.id; });
  return found;
}

void KnowledgeGraphSource::scan_entities_by_name(std::optional<EntityType> type, const NameFilter& names,
                                                 const std::function<bool(const EntitySummary&)>& visit) const {
  std::vector<EntitySummary> found;
  scan_entities(type, names, [&](const EntitySummary& e) {
    found.push_back(e);
    return true;
  });
  std::stable_sort(found.begin(), found.end(), [](const EntitySummary& a, const EntitySummary& b) { return a.name < b.name; });
  for (const EntitySummary& e : found)
    if (!visit(e)) return;
}

std::vector<EntityRef> KnowledgeGraphSource::entities_in_document(std::int64_t id) const {
  std::vector<EntityRef> found;
  for (const Vertex v : boost::make_iterator_range(boost::vertices(graph_.g)))
    for (const MentionRef& m : graph_.g[v].mentions)
      if (m.doc == id) {
        found.push_back(static_cast<EntityRef>(v));
        break;
      }
  return found;
}

}  // namespace kg
