// graph/graph.cc owns the KnowledgeGraph container: adding entities and
// relations, and finding entities by id and documents by id.
#include "graph/graph.h"

#include <algorithm>
#include <stdexcept>

namespace kg {

Vertex KnowledgeGraph::add_entity(EntityProps props) {
  // Ids are the identity of an entity across builds; two vertices with one id
  // would make find_by_id and the store's primary key disagree.
  if (by_id_.count(props.id) != 0) throw std::invalid_argument("duplicate entity id '" + props.id + "'");
  std::string id = props.id;
  Vertex v = boost::add_vertex(std::move(props), g);
  by_id_.emplace(std::move(id), v);
  return v;
}

Edge KnowledgeGraph::add_relation(Vertex from, Vertex to, RelationProps props) {
  if (from >= boost::num_vertices(g) || to >= boost::num_vertices(g))
    throw std::out_of_range("relation '" + props.id + "' points to a vertex that does not exist");
  return boost::add_edge(from, to, std::move(props), g).first;
}

std::optional<Vertex> KnowledgeGraph::find_by_id(const std::string& id) const {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return std::nullopt;
  return it->second;
}

const DocumentInfo* KnowledgeGraph::document(std::int64_t id) const {
  // Documents are normally kept sorted by id (the store loads them that way),
  // so try a binary search first and fall back to a scan for any other order.
  auto it = std::lower_bound(documents.begin(), documents.end(), id,
                             [](const DocumentInfo& d, std::int64_t wanted) { return d.id < wanted; });
  if (it != documents.end() && it->id == id) return &*it;
  auto found = std::find_if(documents.begin(), documents.end(),
                            [id](const DocumentInfo& d) { return d.id == id; });
  return found == documents.end() ? nullptr : &*found;
}

}  // namespace kg
