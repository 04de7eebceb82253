// resolve/resolve.cc owns resolution from scratch into a KnowledgeGraph: a
// Resolution batch on an empty graph, its changes turned into vertices and
// edges in id order (what the accuracy tests and the stage benchmark score).
#include "resolve/resolve.h"

#include <algorithm>
#include <numeric>
#include <unordered_map>

#include "graph/names.h"

namespace kg {
namespace {

class GraphBuilder : public ChangeSink {
 public:
  void entity(EntityChange change) override {
    EntityProps props;
    props.id = format_key('e', entity_key(change.data));
    props.name = displayed_name(change.data);
    props.type = displayed_type(change.data);
    props.aliases = displayed_aliases(change.data);
    props.attributes = displayed_attributes(change.data.attributes);
    for (const DocumentSpans& m : change.data.mentions)
      for (const Span& s : m.spans) props.mentions.push_back({m.document, s.begin, s.end});
    index_of_[change.id] = entities_.size();
    entities_.push_back(std::move(props));
  }

  void relation(RelationChange change) override { relations_.push_back(std::move(change.relation)); }

  KnowledgeGraph take(std::vector<DocumentInfo> documents) {
    KnowledgeGraph graph;
    graph.documents = std::move(documents);
    std::sort(graph.documents.begin(), graph.documents.end(),
              [](const DocumentInfo& a, const DocumentInfo& b) { return a.id < b.id; });
    // Vertices and edges in id order, so the graph is the same however it was built.
    std::vector<std::size_t> order(entities_.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return entities_[a].id < entities_[b].id; });
    std::vector<Vertex> vertex_of(entities_.size());
    for (std::size_t i : order) vertex_of[i] = graph.add_entity(std::move(entities_[i]));

    struct Pending {
      Vertex from, to;
      RelationProps props;
    };
    std::vector<Pending> edges;
    edges.reserve(relations_.size());
    for (StoredRelation& r : relations_) {
      Vertex from = vertex_of[index_of_.at(r.source)];
      Vertex to = vertex_of[index_of_.at(r.target)];
      if (is_symmetric(r.type) && graph.g[from].id > graph.g[to].id) std::swap(from, to);
      Pending p{from, to, {}};
      p.props.id = format_key('r', relation_key(r.type, graph.g[from].id, graph.g[to].id, r.title_key));
      p.props.type = r.type;
      p.props.title = displayed_title(r.data);
      p.props.attributes = displayed_attributes(r.data.attributes);
      for (Evidence& e : r.data.evidence)
        p.props.evidence.push_back({e.document, e.span.begin, e.span.end, std::move(e.sentence), std::move(e.date)});
      edges.push_back(std::move(p));
    }
    std::sort(edges.begin(), edges.end(), [](const Pending& a, const Pending& b) { return a.props.id < b.props.id; });
    for (Pending& p : edges) graph.add_relation(p.from, p.to, std::move(p.props));
    return graph;
  }

 private:
  std::vector<EntityProps> entities_;
  std::unordered_map<StoredEntityId, std::size_t> index_of_;
  std::vector<StoredRelation> relations_;
};

}  // namespace

KnowledgeGraph resolve(std::vector<ResolvableDocument> documents) {
  std::vector<DocumentInfo> infos;
  infos.reserve(documents.size());
  Resolution batch(nullptr);
  for (ResolvableDocument& doc : documents) {
    infos.push_back(doc.info);
    batch.add(std::move(doc));
  }
  GraphBuilder builder;
  batch.finish(builder);
  return builder.take(std::move(infos));
}

KnowledgeGraph resolve(std::vector<ExtractedDocument> documents) {
  std::vector<ResolvableDocument> resolvable;
  resolvable.reserve(documents.size());
  std::int64_t id = 0;
  for (ExtractedDocument& doc : documents) {
    ResolvableDocument r;
    r.info = DocumentInfo(++id, doc.document.source, doc.document.part, doc.document.meta);
    r.content = doc.document.sha256;
    r.extraction = std::move(doc.extraction);
    resolvable.push_back(std::move(r));
  }
  return resolve(std::move(resolvable));
}

}  // namespace kg
