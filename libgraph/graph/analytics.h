// graph/analytics.h owns the questions asked of the graph's shape: how two
// entities are connected, which entities hang together, which are central,
// and what lies within k hops. They run on a Topology (graph/topology.h), with
// BGL's algorithms on a compressed_sparse_row_graph of it.
//
// Relation direction carries meaning (who served whom) but not reachability:
// an official and a company are connected whether the edge points one way or
// the other. So every analytic here works on an undirected simple view of the
// graph (parallel and opposite edges collapse, self-loops are dropped); paths
// still report which relation they used and in which direction.
//
// The KnowledgeGraph overloads answer the same on a graph in memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "graph/graph.h"
#include "graph/topology.h"

namespace kg {

// One hop of a path over a Topology: `edge` (an index into Topology::edges)
// joins the previous step's vertex to `vertex`; `forward` when the relation
// points from the previous vertex to this one. The first step has no edge.
struct TopologyStep {
  std::uint32_t vertex = 0;
  std::optional<std::size_t> edge;
  bool forward = true;
};

std::optional<std::vector<TopologyStep>> shortest_path(const Topology& topology, std::uint32_t from,
                                                       std::uint32_t to);

struct Components {
  std::vector<std::size_t> component_of;  // indexed by vertex
  std::size_t count = 0;
};
Components connected_components(const Topology& topology);

// Number of relations touching each vertex, in and out (parallel ones too).
std::vector<std::size_t> degree_centrality(const Topology& topology);

struct BetweennessOptions {
  // Brandes from every vertex (exact) or from `pivots` vertices chosen with a
  // fixed seed, the sums scaled by n / pivots (Brandes & Pich's estimate).
  // Graphs of at most `pivots` vertices are always exact.
  bool exact = false;
  std::size_t pivots = 256;
};

// Brandes betweenness on the undirected view: for each pair of other
// vertices, the share of their shortest paths through this one, summed over
// unordered pairs (not normalised).
std::vector<double> betweenness_centrality(const Topology& topology, const BetweennessOptions& options = {});

struct TopologyNeighbour {
  std::uint32_t vertex = 0;
  std::size_t distance = 0;
};
// Every vertex within `depth` hops of `centre` (itself excluded), nearest
// first, in the order breadth-first search reaches them.
std::vector<TopologyNeighbour> k_hop_neighbourhood(const Topology& topology, std::uint32_t centre, std::size_t depth);

// --- the same on a KnowledgeGraph ---------------------------------------------

struct PathStep {
  Vertex entity{};
  std::optional<Edge> relation;
  bool forward = true;
};
std::optional<std::vector<PathStep>> shortest_path(const KnowledgeGraph& graph, Vertex from, Vertex to);
Components connected_components(const KnowledgeGraph& graph);
std::vector<std::size_t> degree_centrality(const KnowledgeGraph& graph);
std::vector<double> betweenness_centrality(const KnowledgeGraph& graph, const BetweennessOptions& options = {});

struct Neighbour {
  Vertex entity{};
  std::size_t distance = 0;
};
std::vector<Neighbour> k_hop_neighbourhood(const KnowledgeGraph& graph, Vertex centre, std::size_t depth);

}  // namespace kg
