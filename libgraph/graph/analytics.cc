// graph/analytics.cc: shortest path, components, centrality and k-hop
// neighbourhoods, each a BGL algorithm run on an undirected simple copy of
// the knowledge graph that remembers which relation every edge stands for.
#include "graph/analytics.h"

#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/property_map/property_map.hpp>

namespace kg {
namespace {

struct UndirectedEdge {
  Edge relation;  // the first relation seen between the two entities
};

// setS as the out-edge container makes add_edge refuse a second edge between
// the same pair, whichever way it points: the view is a simple graph, which
// keeps Brandes' path counts from being inflated by parallel relations.
using UndirectedGraph =
    boost::adjacency_list<boost::setS, boost::vecS, boost::undirectedS, boost::no_property, UndirectedEdge>;
using UndirectedVertex = boost::graph_traits<UndirectedGraph>::vertex_descriptor;
using UndirectedEdgeDesc = boost::graph_traits<UndirectedGraph>::edge_descriptor;

// Vertex descriptors of both graphs are the same indices (both use vecS).
UndirectedGraph undirected_view(const KnowledgeGraph& graph) {
  UndirectedGraph view(boost::num_vertices(graph.g));
  for (const Edge e : boost::make_iterator_range(boost::edges(graph.g))) {
    const Vertex from = boost::source(e, graph.g), to = boost::target(e, graph.g);
    if (from == to) continue;
    boost::add_edge(from, to, UndirectedEdge{e}, view);
  }
  return view;
}

auto index_map(const UndirectedGraph& view) { return boost::get(boost::vertex_index, view); }

// Thrown by a visitor to end a breadth-first search early; BGL's documented
// way to stop a search from inside it.
struct StopSearch {};

class PathRecorder : public boost::default_bfs_visitor {
 public:
  PathRecorder(std::vector<std::optional<UndirectedEdgeDesc>>& reached_by, UndirectedVertex goal)
      : reached_by_(&reached_by), goal_(goal) {}
  void tree_edge(UndirectedEdgeDesc e, const UndirectedGraph& view) const {
    const UndirectedVertex reached = boost::target(e, view);
    (*reached_by_)[reached] = e;
    if (reached == goal_) throw StopSearch{};
  }

 private:
  std::vector<std::optional<UndirectedEdgeDesc>>* reached_by_;
  UndirectedVertex goal_;
};

class DepthLimitedRecorder : public boost::default_bfs_visitor {
 public:
  DepthLimitedRecorder(std::vector<std::size_t>& distance, std::vector<Neighbour>& found, std::size_t depth)
      : distance_(&distance), found_(&found), depth_(depth) {}
  void tree_edge(UndirectedEdgeDesc e, const UndirectedGraph& view) const {
    const UndirectedVertex from = boost::source(e, view), to = boost::target(e, view);
    (*distance_)[to] = (*distance_)[from] + 1;
    found_->push_back(Neighbour{to, (*distance_)[to]});
  }
  // Every vertex at distance <= depth has been discovered by the time the
  // first vertex at distance `depth` leaves the queue, so nothing further out
  // is needed.
  void examine_vertex(UndirectedVertex v, const UndirectedGraph&) const {
    if ((*distance_)[v] >= depth_) throw StopSearch{};
  }

 private:
  std::vector<std::size_t>* distance_;
  std::vector<Neighbour>* found_;
  std::size_t depth_;
};

}  // namespace

std::optional<std::vector<PathStep>> shortest_path(const KnowledgeGraph& graph, Vertex from, Vertex to) {
  const std::size_t n = boost::num_vertices(graph.g);
  if (from >= n || to >= n) return std::nullopt;
  if (from == to) return std::vector<PathStep>{PathStep{from, std::nullopt, true}};

  const UndirectedGraph view = undirected_view(graph);
  std::vector<std::optional<UndirectedEdgeDesc>> reached_by(n);
  std::vector<boost::default_color_type> colours(n);
  try {
    boost::breadth_first_search(
        view, from,
        boost::visitor(PathRecorder(reached_by, to))
            .color_map(boost::make_iterator_property_map(colours.begin(), index_map(view))));
  } catch (const StopSearch&) {
  }
  if (!reached_by[to]) return std::nullopt;

  std::vector<PathStep> reversed;
  for (Vertex at = to; at != from;) {
    const UndirectedEdgeDesc hop = *reached_by[at];
    const Vertex previous = boost::source(hop, view) == at ? boost::target(hop, view) : boost::source(hop, view);
    const Edge relation = view[hop].relation;
    reversed.push_back(PathStep{at, relation, boost::source(relation, graph.g) == previous});
    at = previous;
  }
  reversed.push_back(PathStep{from, std::nullopt, true});
  return std::vector<PathStep>(reversed.rbegin(), reversed.rend());
}

Components connected_components(const KnowledgeGraph& graph) {
  const UndirectedGraph view = undirected_view(graph);
  Components result;
  result.component_of.resize(boost::num_vertices(view));
  if (result.component_of.empty()) return result;
  const auto count = boost::connected_components(
      view, boost::make_iterator_property_map(result.component_of.begin(), index_map(view)));
  result.count = static_cast<std::size_t>(count);
  return result;
}

std::vector<std::size_t> degree_centrality(const KnowledgeGraph& graph) {
  std::vector<std::size_t> degree(boost::num_vertices(graph.g));
  for (const Vertex v : boost::make_iterator_range(boost::vertices(graph.g)))
    degree[v] = boost::in_degree(v, graph.g) + boost::out_degree(v, graph.g);
  return degree;
}

std::vector<double> betweenness_centrality(const KnowledgeGraph& graph) {
  const UndirectedGraph view = undirected_view(graph);
  std::vector<double> centrality(boost::num_vertices(view), 0.0);
  if (centrality.empty()) return centrality;
  boost::brandes_betweenness_centrality(
      view, boost::centrality_map(boost::make_iterator_property_map(centrality.begin(), index_map(view))));
  // BGL already halves the sums on an undirected graph (each unordered pair
  // is reached from both of its ends), so these are per-pair values.
  return centrality;
}

std::vector<Neighbour> k_hop_neighbourhood(const KnowledgeGraph& graph, Vertex centre, std::size_t depth) {
  const std::size_t n = boost::num_vertices(graph.g);
  std::vector<Neighbour> found;
  if (centre >= n || depth == 0) return found;
  const UndirectedGraph view = undirected_view(graph);
  std::vector<std::size_t> distance(n, 0);
  std::vector<boost::default_color_type> colours(n);
  try {
    boost::breadth_first_search(
        view, centre,
        boost::visitor(DepthLimitedRecorder(distance, found, depth))
            .color_map(boost::make_iterator_property_map(colours.begin(), index_map(view))));
  } catch (const StopSearch&) {
  }
  return found;
}

}  // namespace kg
