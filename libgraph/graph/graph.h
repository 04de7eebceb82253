// graph/graph.h owns the in-memory knowledge graph: a Boost adjacency_list
// with bundled properties, plus the documents its evidence points into.
// Resolve builds it, the store saves and loads it, query/export/report read it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "core/types.h"
#include "model/attributes.h"
#include "model/document.h"

namespace kg {

struct MentionRef {
  std::int64_t doc = 0;  // DocumentInfo::id
  std::uint32_t start = 0, end = 0;  // code points in the document text
};

struct EvidenceRef {
  std::int64_t doc = 0;
  std::uint32_t start = 0, end = 0;
  std::string text;  // the sentence
  std::string date = {};  // issue 12 part 2: when it happened (core/dates.h), "" if undated
};

struct EntityProps {
  std::string id;  // stable across builds: derived from type and name
  std::string name;
  EntityType type = EntityType::Organization;
  std::vector<std::string> aliases;
  Attributes attributes;
  std::vector<MentionRef> mentions;
};

struct RelationProps {
  std::string id;  // stable across builds, unique among parallel edges
  RelationType type = RelationType::located_in;
  std::string title;
  Attributes attributes;
  std::vector<EvidenceRef> evidence;
};

using GraphBase = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS,
                                        EntityProps, RelationProps>;
using Vertex = boost::graph_traits<GraphBase>::vertex_descriptor;
using Edge = boost::graph_traits<GraphBase>::edge_descriptor;

class KnowledgeGraph {
 public:
  GraphBase g;
  std::vector<DocumentInfo> documents;

  Vertex add_entity(EntityProps props);
  Edge add_relation(Vertex from, Vertex to, RelationProps props);
  std::optional<Vertex> find_by_id(const std::string& id) const;
  const DocumentInfo* document(std::int64_t id) const;
  std::size_t entity_count() const { return boost::num_vertices(g); }
  std::size_t relation_count() const { return boost::num_edges(g); }

 private:
  std::unordered_map<std::string, Vertex> by_id_;
};

}  // namespace kg
