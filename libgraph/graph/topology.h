// graph/topology.h owns the compact shape of the graph that whole-graph
// questions (paths, components, centrality, k-hop) run on: entity refs and
// types, and typed directed edges, no text. A store reads it in one pass over
// an index; a KnowledgeGraph produces it directly.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/types.h"
#include "graph/source.h"

namespace kg {

struct Topology {
  struct Edge {
    std::uint32_t source = 0, target = 0;  // vertex indices
    RelationType type = RelationType::located_in;
    RelationRef ref = 0;
  };
  std::vector<EntityRef> refs;    // vertex i stands for entity refs[i]; ascending
  std::vector<EntityType> types;  // of vertex i
  std::vector<Edge> edges;

  std::size_t vertex_count() const { return refs.size(); }
  // The vertex of an entity ref (binary search).
  std::optional<std::uint32_t> vertex_of(EntityRef ref) const;
};

// The topology of a graph in memory: vertex i is vertex i, refs are vertex
// indices, edge refs are positions in boost::edges order.
Topology topology_of(const KnowledgeGraph& graph);

}  // namespace kg
