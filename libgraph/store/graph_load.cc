// store/graph_load.cc owns loading the graph into memory: all of it in one
// linear pass, or the part a GraphSelection names, found through the indexes
// (a neighbourhood on the topology, a document's entities through their name
// keys) so that the rest is never read. Evidence sentences are cut document
// by document, each text decompressed once.
#include <algorithm>
#include <numeric>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "graph/analytics.h"
#include "graph/names.h"
#include "store/codec.h"
#include "store/sqlite.h"
#include "store/store.h"
#include "store/store_source.h"

namespace kg {
namespace {

struct Wanted {
  bool all = true;
  std::unordered_set<std::int64_t> entities, relations;
};

EntityProps entity_props(const Query& q, const Store& store) {
  const std::string& path = store.path();
  EntityProps props;
  props.id = key_text(q, 1, 'e');
  props.name = q.text(2);
  try {
    props.type = codec::entity_type_from_code(q.integer(3));
    const EntityData data = codec::decode_entity(q.blob(4), props.type, props.name, store.strings());
    props.aliases = displayed_aliases(data);
    props.attributes = displayed_attributes(data.attributes);
    for (const DocumentSpans& m : data.mentions)
      for (const Span& s : m.spans) props.mentions.push_back({m.document, s.begin, s.end});
  } catch (const codec::DecodeError& e) {
    throw StoreError("database " + path + ": entity " + props.id + " is damaged: " + e.what());
  }
  return props;
}

KnowledgeGraph load(const Store& store, const Wanted& wanted) {
  KnowledgeGraph graph;
  {
    Query q(store,
            "SELECT d.id, " KG_DOCUMENT_SOURCE ", d.part, d.title, d.published, d.outlet, d.author, d.editor "
            "FROM documents d ORDER BY d.id",
            "loading documents");
    while (q.step())
      graph.documents.emplace_back(q.integer(0), q.text(1), q.u32(2),
                                   DocumentMeta{q.text(3), q.text(4), q.text(5), q.text(6), q.text(7)});
  }
  // Entities, then vertices in id order (as resolution orders them).
  std::vector<std::pair<std::int64_t, EntityProps>> entities;
  if (wanted.all) {
    Query q(store, "SELECT id, key, name, type, data FROM entities", "loading entities");
    while (q.step()) entities.emplace_back(q.integer(0), entity_props(q, store));
  } else {
    std::vector<std::int64_t> ids(wanted.entities.begin(), wanted.entities.end());
    std::sort(ids.begin(), ids.end());
    for (const std::int64_t id : ids) {
      Query q(store, "SELECT id, key, name, type, data FROM entities WHERE id = ?1", "loading an entity");
      q.bind(1, id);
      if (q.step()) entities.emplace_back(q.integer(0), entity_props(q, store));
    }
  }
  std::sort(entities.begin(), entities.end(), [](const auto& a, const auto& b) { return a.second.id < b.second.id; });
  std::unordered_map<std::int64_t, Vertex> vertex_of;
  vertex_of.reserve(entities.size());
  for (auto& [row, props] : entities) vertex_of[row] = graph.add_entity(std::move(props));
  entities.clear();

  struct Pending {
    Vertex from, to;
    RelationProps props;
  };
  std::vector<Pending> relations;
  struct Cut {
    std::int64_t document;
    Span span;
    std::size_t relation, evidence;
  };
  std::vector<Cut> cuts;
  auto read_relation = [&](const Query& q) {
    const auto from = vertex_of.find(q.integer(1)), to = vertex_of.find(q.integer(2));
    if (from == vertex_of.end() || to == vertex_of.end()) return;
    Pending p{from->second, to->second, {}};
    try {
      p.props.type = codec::relation_type_from_code(q.integer(3));
      p.props.title = q.text(4);
      const std::string title_key = q.is_null(5) ? p.props.title : q.text(5);
      if (is_symmetric(p.props.type) && graph.g[p.from].id > graph.g[p.to].id) std::swap(p.from, p.to);
      p.props.id = q.is_null(6) ? format_key('r', relation_key(p.props.type, graph.g[p.from].id, graph.g[p.to].id, title_key))
                                : key_text(q, 6, 'r');
      RelationData data = codec::decode_relation(q.blob(7), p.props.title, store.strings());
      p.props.attributes = displayed_attributes(data.attributes);
      for (Evidence& e : data.evidence) {
        if (e.sentence.empty()) cuts.push_back({e.document, e.span, relations.size(), p.props.evidence.size()});
        p.props.evidence.push_back({e.document, e.span.begin, e.span.end, std::move(e.sentence), std::move(e.date)});
      }
    } catch (const codec::DecodeError& e) {
      throw StoreError("database " + store.path() + ": relation " + std::to_string(q.integer(0)) + " is damaged: " + e.what());
    }
    relations.push_back(std::move(p));
  };
  if (wanted.all) {
    Query q(store, "SELECT id, source, target, type, title, title_key, key, data FROM relations", "loading relations");
    while (q.step()) read_relation(q);
  } else {
    std::vector<std::int64_t> ids(wanted.relations.begin(), wanted.relations.end());
    std::sort(ids.begin(), ids.end());
    for (const std::int64_t id : ids) {
      Query q(store, "SELECT id, source, target, type, title, title_key, key, data FROM relations WHERE id = ?1",
              "loading a relation");
      q.bind(1, id);
      if (q.step()) read_relation(q);
    }
  }
  // Sentences, document by document.
  std::sort(cuts.begin(), cuts.end(), [](const Cut& a, const Cut& b) {
    return std::tie(a.document, a.span.begin, a.relation) < std::tie(b.document, b.span.begin, b.relation);
  });
  TextCutter cutter(store);
  for (const Cut& c : cuts) relations[c.relation].props.evidence[c.evidence].text = cutter.cut(c.document, c.span);
  std::sort(relations.begin(), relations.end(), [](const Pending& a, const Pending& b) { return a.props.id < b.props.id; });
  for (Pending& p : relations) graph.add_relation(p.from, p.to, std::move(p.props));
  return graph;
}

bool source_matches(const std::string& source, const std::string& suffix) {
  if (suffix.size() > source.size()) return false;
  if (source.compare(source.size() - suffix.size(), suffix.size(), suffix) != 0) return false;
  if (suffix.size() == source.size() || suffix.front() == '/') return true;
  return source[source.size() - suffix.size() - 1] == '/';
}

}  // namespace

KnowledgeGraph Store::load_graph() const { return load(*this, Wanted{}); }

KnowledgeGraph Store::load_graph(const GraphSelection& selection) const {
  if (selection.around.empty() && selection.source.empty() && selection.types.empty() && selection.relations.empty())
    return load_graph();
  StoreSource source(*this);
  Wanted wanted;
  wanted.all = false;
  std::optional<std::unordered_set<std::int64_t>> entities, relations;
  auto intersect = [](std::optional<std::unordered_set<std::int64_t>>& set, std::unordered_set<std::int64_t> with) {
    if (!set) {
      set = std::move(with);
      return;
    }
    std::erase_if(*set, [&](std::int64_t id) { return !with.count(id); });
  };
  if (!selection.around.empty()) {
    // What lies within `depth` steps of the named entities, over every relation.
    const Topology topology = source.topology();
    std::unordered_set<std::int64_t> near, near_relations;
    std::vector<std::uint32_t> centres;
    for (const std::string& name : selection.around)
      for (const EntitySummary& e : match_name(source, name).entities)
        if (const auto v = topology.vertex_of(e.ref)) centres.push_back(*v);
    for (const std::uint32_t c : centres) {
      near.insert(topology.refs[c]);
      for (const TopologyNeighbour& n : k_hop_neighbourhood(topology, c, selection.depth)) near.insert(topology.refs[n.vertex]);
    }
    for (const Topology::Edge& e : topology.edges)
      if (near.count(topology.refs[e.source]) && near.count(topology.refs[e.target])) near_relations.insert(e.ref);
    intersect(entities, std::move(near));
    intersect(relations, std::move(near_relations));
  }
  if (!selection.source.empty()) {
    // The documents of the file, the entities mentioned in them and the
    // relations stated in them: no index goes from a document to its facts,
    // so the rows' lists of documents are read (and only those decoded).
    std::unordered_set<std::int64_t> docs;
    {
      Query q(*this, "SELECT d.id, " KG_DOCUMENT_SOURCE " FROM documents d", "listing documents");
      while (q.step())
        if (source_matches(q.text(1), selection.source)) docs.insert(q.integer(0));
    }
    std::unordered_set<std::int64_t> mentioned, stated;
    auto in_source = [&](const std::vector<std::int64_t>& ids) {
      return std::any_of(ids.begin(), ids.end(), [&](std::int64_t d) { return docs.count(d) > 0; });
    };
    try {
      Query e(*this, "SELECT id, data FROM entities", "reading entities");
      while (e.step())
        if (in_source(codec::entity_documents(e.blob(1)))) mentioned.insert(e.integer(0));
      Query r(*this, "SELECT id, data FROM relations", "reading relations");
      while (r.step())
        if (in_source(codec::relation_documents(r.blob(1)))) stated.insert(r.integer(0));
    } catch (const codec::DecodeError& error) {
      throw StoreError("database " + path_ + ": the graph is damaged: " + error.what());
    }
    intersect(entities, std::move(mentioned));
    intersect(relations, std::move(stated));
  }
  if (!selection.types.empty() || !selection.relations.empty()) {
    std::unordered_set<std::int64_t> typed_entities, typed_relations;
    std::vector<std::uint8_t> type_codes, relation_codes;
    for (EntityType t : selection.types) type_codes.push_back(codec::entity_type_code(t));
    for (RelationType t : selection.relations) relation_codes.push_back(codec::relation_type_code(t));
    const Topology topology = source.topology();
    for (std::size_t v = 0; v < topology.vertex_count(); ++v)
      if (type_codes.empty() ||
          std::find(type_codes.begin(), type_codes.end(), codec::entity_type_code(topology.types[v])) != type_codes.end())
        typed_entities.insert(topology.refs[v]);
    for (const Topology::Edge& e : topology.edges)
      if ((relation_codes.empty() || std::find(relation_codes.begin(), relation_codes.end(),
                                               codec::relation_type_code(e.type)) != relation_codes.end()) &&
          typed_entities.count(topology.refs[e.source]) && typed_entities.count(topology.refs[e.target]))
        typed_relations.insert(e.ref);
    intersect(entities, std::move(typed_entities));
    intersect(relations, std::move(typed_relations));
  }
  wanted.entities = std::move(*entities);
  wanted.relations = std::move(*relations);
  // A relation brings its ends.
  std::vector<std::int64_t> ends;
  for (const std::int64_t id : wanted.relations) {
    Query q(*this, "SELECT source, target FROM relations WHERE id = ?1", "reading a relation");
    q.bind(1, id);
    if (q.step()) {
      ends.push_back(q.integer(0));
      ends.push_back(q.integer(1));
    }
  }
  wanted.entities.insert(ends.begin(), ends.end());
  return load(*this, wanted);
}

}  // namespace kg
