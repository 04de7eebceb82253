// graph/analytics.h owns the questions asked of the graph's shape: how two
// entities are connected, which entities hang together, which are central,
// and what lies within k hops. All of them run BGL's own algorithms.
//
// Relation direction carries meaning (who served whom) but not reachability:
// an official and a company are connected whether the edge points one way or
// the other. So every analytic here works on an undirected simple view of the
// graph (parallel and opposite edges collapse, self-loops are dropped); paths
// still report which relation they used and in which direction.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "graph/graph.h"

namespace kg {

// One hop of a path: `relation` joins the previous step's entity to `entity`.
// `forward` is true when the relation points from the previous entity to this
// one. The first step of a path has no relation.
struct PathStep {
  Vertex entity{};
  std::optional<Edge> relation;
  bool forward = true;
};

// The shortest chain of relations between two entities, ignoring direction,
// from `from` to `to` inclusive; std::nullopt when they are not connected.
// A path from an entity to itself is that one step.
std::optional<std::vector<PathStep>> shortest_path(const KnowledgeGraph& graph, Vertex from, Vertex to);

struct Components {
  std::vector<std::size_t> component_of;  // indexed by vertex
  std::size_t count = 0;
};

// Weakly connected components.
Components connected_components(const KnowledgeGraph& graph);

// Number of relations touching each entity, in and out, indexed by vertex.
std::vector<std::size_t> degree_centrality(const KnowledgeGraph& graph);

// Brandes betweenness on the undirected view, indexed by vertex: for each pair
// of other entities, the share of their shortest paths that pass through this
// one, summed over unordered pairs (not normalised).
std::vector<double> betweenness_centrality(const KnowledgeGraph& graph);

struct Neighbour {
  Vertex entity{};
  std::size_t distance = 0;
};

// Every entity within `depth` hops of `centre` (the centre itself excluded),
// nearest first, in the order breadth-first search reaches them.
std::vector<Neighbour> k_hop_neighbourhood(const KnowledgeGraph& graph, Vertex centre, std::size_t depth);

}  // namespace kg
