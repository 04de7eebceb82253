// graph/analytics.cc: shortest path, components, centrality and k-hop
// neighbourhoods on the undirected simple view of a Topology, a BGL
// compressed_sparse_row_graph holding each connected pair once in both
// directions and remembering the relation it stands for.
#include "graph/analytics.h"

#include <algorithm>
#include <numeric>
#include <random>
#include <tuple>

#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/strong_components.hpp>
#include <boost/property_map/property_map.hpp>

namespace kg {
namespace {

struct ViewEdge {
  std::uint32_t relation = 0;  // index into Topology::edges: the first relation between the pair
};

using View = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, ViewEdge, boost::no_property,
                                                std::uint32_t, std::uint32_t>;
using ViewVertex = boost::graph_traits<View>::vertex_descriptor;
using ViewEdgeDesc = boost::graph_traits<View>::edge_descriptor;

// Each unordered pair of distinct connected vertices once per direction, with
// the first relation (in topology order) between them.
View undirected_view(const Topology& topology) {
  std::vector<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>> pairs;
  pairs.reserve(topology.edges.size());
  for (std::size_t i = 0; i < topology.edges.size(); ++i) {
    const Topology::Edge& e = topology.edges[i];
    if (e.source == e.target) continue;
    pairs.emplace_back(std::min(e.source, e.target), std::max(e.source, e.target), static_cast<std::uint32_t>(i));
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end(),
                          [](const auto& a, const auto& b) {
                            return std::get<0>(a) == std::get<0>(b) && std::get<1>(a) == std::get<1>(b);
                          }),
              pairs.end());
  std::vector<std::pair<std::uint32_t, std::uint32_t>> directed;
  std::vector<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>> both;
  both.reserve(pairs.size() * 2);
  for (const auto& [a, b, relation] : pairs) {
    both.emplace_back(a, b, relation);
    both.emplace_back(b, a, relation);
  }
  std::sort(both.begin(), both.end());
  directed.reserve(both.size());
  std::vector<ViewEdge> properties;
  properties.reserve(both.size());
  for (const auto& [a, b, relation] : both) {
    directed.emplace_back(a, b);
    properties.push_back({relation});
  }
  return View(boost::edges_are_sorted, directed.begin(), directed.end(), properties.begin(),
              static_cast<std::uint32_t>(topology.vertex_count()));
}

// Thrown by a visitor to end a breadth-first search early; BGL's documented
// way to stop a search from inside it.
struct StopSearch {};

class PathRecorder : public boost::default_bfs_visitor {
 public:
  PathRecorder(std::vector<std::optional<ViewEdgeDesc>>& reached_by, ViewVertex goal)
      : reached_by_(&reached_by), goal_(goal) {}
  void tree_edge(ViewEdgeDesc e, const View& view) const {
    const ViewVertex reached = boost::target(e, view);
    (*reached_by_)[reached] = e;
    if (reached == goal_) throw StopSearch{};
  }

 private:
  std::vector<std::optional<ViewEdgeDesc>>* reached_by_;
  ViewVertex goal_;
};

class DepthLimitedRecorder : public boost::default_bfs_visitor {
 public:
  DepthLimitedRecorder(std::vector<std::size_t>& distance, std::vector<TopologyNeighbour>& found, std::size_t depth)
      : distance_(&distance), found_(&found), depth_(depth) {}
  void tree_edge(ViewEdgeDesc e, const View& view) const {
    const ViewVertex from = boost::source(e, view), to = boost::target(e, view);
    (*distance_)[to] = (*distance_)[from] + 1;
    found_->push_back(TopologyNeighbour{static_cast<std::uint32_t>(to), (*distance_)[to]});
  }
  // Every vertex at distance <= depth has been discovered by the time the
  // first vertex at distance `depth` leaves the queue.
  void examine_vertex(ViewVertex v, const View&) const {
    if ((*distance_)[v] >= depth_) throw StopSearch{};
  }

 private:
  std::vector<std::size_t>* distance_;
  std::vector<TopologyNeighbour>* found_;
  std::size_t depth_;
};

// Brandes' accumulation from a subset of sources. BGL's
// brandes_betweenness_centrality always runs from every vertex, which takes
// hours on a graph of half a million; Brandes & Pich (2007) estimate it from
// a sample of sources, which BGL does not offer, so the single-source step is
// written here on the same CSR view.
std::vector<double> sampled_betweenness(const View& view, const std::vector<std::uint32_t>& sources) {
  const std::size_t n = boost::num_vertices(view);
  std::vector<double> centrality(n, 0.0), sigma(n), delta(n);
  std::vector<std::int64_t> distance(n);
  std::vector<std::uint32_t> order, queue;
  order.reserve(n);
  queue.reserve(n);
  for (const std::uint32_t s : sources) {
    std::fill(sigma.begin(), sigma.end(), 0.0);
    std::fill(delta.begin(), delta.end(), 0.0);
    std::fill(distance.begin(), distance.end(), -1);
    order.clear();
    queue.clear();
    sigma[s] = 1;
    distance[s] = 0;
    queue.push_back(s);
    for (std::size_t head = 0; head < queue.size(); ++head) {
      const std::uint32_t v = queue[head];
      order.push_back(v);
      for (const ViewEdgeDesc e : boost::make_iterator_range(boost::out_edges(v, view))) {
        const std::uint32_t w = boost::target(e, view);
        if (distance[w] < 0) {
          distance[w] = distance[v] + 1;
          queue.push_back(w);
        }
        if (distance[w] == distance[v] + 1) sigma[w] += sigma[v];
      }
    }
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
      const std::uint32_t w = *it;
      for (const ViewEdgeDesc e : boost::make_iterator_range(boost::out_edges(w, view))) {
        const std::uint32_t v = boost::target(e, view);
        if (distance[v] == distance[w] - 1) delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
      }
      if (w != s) centrality[w] += delta[w];
    }
  }
  return centrality;
}

}  // namespace

std::optional<std::uint32_t> Topology::vertex_of(EntityRef ref) const {
  auto it = std::lower_bound(refs.begin(), refs.end(), ref);
  if (it == refs.end() || *it != ref) return std::nullopt;
  return static_cast<std::uint32_t>(it - refs.begin());
}

Topology topology_of(const KnowledgeGraph& graph) {
  Topology topology;
  const std::size_t n = boost::num_vertices(graph.g);
  topology.refs.resize(n);
  std::iota(topology.refs.begin(), topology.refs.end(), EntityRef{0});
  topology.types.reserve(n);
  for (const Vertex v : boost::make_iterator_range(boost::vertices(graph.g))) topology.types.push_back(graph.g[v].type);
  topology.edges.reserve(boost::num_edges(graph.g));
  RelationRef ref = 0;
  for (const Edge e : boost::make_iterator_range(boost::edges(graph.g)))
    topology.edges.push_back({static_cast<std::uint32_t>(boost::source(e, graph.g)),
                              static_cast<std::uint32_t>(boost::target(e, graph.g)), graph.g[e].type, ref++});
  return topology;
}

std::optional<std::vector<TopologyStep>> shortest_path(const Topology& topology, std::uint32_t from,
                                                       std::uint32_t to) {
  const std::size_t n = topology.vertex_count();
  if (from >= n || to >= n) return std::nullopt;
  if (from == to) return std::vector<TopologyStep>{TopologyStep{from, std::nullopt, true}};
  const View view = undirected_view(topology);
  std::vector<std::optional<ViewEdgeDesc>> reached_by(n);
  std::vector<boost::default_color_type> colours(n);
  try {
    boost::breadth_first_search(view, from,
                                boost::visitor(PathRecorder(reached_by, to))
                                    .color_map(boost::make_iterator_property_map(colours.begin(),
                                                                                 boost::get(boost::vertex_index, view))));
  } catch (const StopSearch&) {
  }
  if (!reached_by[to]) return std::nullopt;
  std::vector<TopologyStep> reversed;
  for (std::uint32_t at = to; at != from;) {
    const ViewEdgeDesc hop = *reached_by[at];
    const auto previous = static_cast<std::uint32_t>(boost::source(hop, view));
    const std::size_t relation = view[hop].relation;
    reversed.push_back(TopologyStep{at, relation, topology.edges[relation].source == previous});
    at = previous;
  }
  reversed.push_back(TopologyStep{from, std::nullopt, true});
  return std::vector<TopologyStep>(reversed.rbegin(), reversed.rend());
}

Components connected_components(const Topology& topology) {
  Components result;
  result.component_of.resize(topology.vertex_count());
  if (result.component_of.empty()) return result;
  // The view holds every edge in both directions, so its strongly connected
  // components are the weakly connected components of the graph.
  const View view = undirected_view(topology);
  result.count = static_cast<std::size_t>(boost::strong_components(
      view, boost::make_iterator_property_map(result.component_of.begin(), boost::get(boost::vertex_index, view))));
  return result;
}

std::vector<std::size_t> degree_centrality(const Topology& topology) {
  std::vector<std::size_t> degree(topology.vertex_count(), 0);
  for (const Topology::Edge& e : topology.edges) {
    ++degree[e.source];
    ++degree[e.target];
  }
  return degree;
}

std::vector<double> betweenness_centrality(const Topology& topology, const BetweennessOptions& options) {
  const std::size_t n = topology.vertex_count();
  std::vector<double> centrality(n, 0.0);
  if (n == 0) return centrality;
  const View view = undirected_view(topology);
  if (options.exact || options.pivots == 0 || n <= options.pivots) {
    boost::brandes_betweenness_centrality(
        view, boost::centrality_map(boost::make_iterator_property_map(centrality.begin(),
                                                                      boost::get(boost::vertex_index, view))));
  } else {
    std::vector<std::uint32_t> sources(n);
    std::iota(sources.begin(), sources.end(), 0u);
    std::mt19937_64 random(0x6b67u);  // fixed: the same graph ranks the same way every time
    std::shuffle(sources.begin(), sources.end(), random);
    sources.resize(options.pivots);
    std::sort(sources.begin(), sources.end());
    centrality = sampled_betweenness(view, sources);
    const double scale = static_cast<double>(n) / static_cast<double>(options.pivots);
    for (double& c : centrality) c *= scale;
  }
  // Every unordered pair was counted from both of its ends.
  for (double& c : centrality) c /= 2;
  return centrality;
}

std::vector<TopologyNeighbour> k_hop_neighbourhood(const Topology& topology, std::uint32_t centre, std::size_t depth) {
  const std::size_t n = topology.vertex_count();
  std::vector<TopologyNeighbour> found;
  if (centre >= n || depth == 0) return found;
  const View view = undirected_view(topology);
  std::vector<std::size_t> distance(n, 0);
  std::vector<boost::default_color_type> colours(n);
  try {
    boost::breadth_first_search(view, centre,
                                boost::visitor(DepthLimitedRecorder(distance, found, depth))
                                    .color_map(boost::make_iterator_property_map(colours.begin(),
                                                                                 boost::get(boost::vertex_index, view))));
  } catch (const StopSearch&) {
  }
  return found;
}

// --- KnowledgeGraph -----------------------------------------------------------

std::optional<std::vector<PathStep>> shortest_path(const KnowledgeGraph& graph, Vertex from, Vertex to) {
  const Topology topology = topology_of(graph);
  if (from >= topology.vertex_count() || to >= topology.vertex_count()) return std::nullopt;
  const auto steps = shortest_path(topology, static_cast<std::uint32_t>(from), static_cast<std::uint32_t>(to));
  if (!steps) return std::nullopt;
  const std::vector<Edge> edges(boost::edges(graph.g).first, boost::edges(graph.g).second);
  std::vector<PathStep> path;
  for (const TopologyStep& step : *steps) {
    PathStep p{static_cast<Vertex>(step.vertex), std::nullopt, step.forward};
    if (step.edge) p.relation = edges[*step.edge];
    path.push_back(p);
  }
  return path;
}

Components connected_components(const KnowledgeGraph& graph) { return connected_components(topology_of(graph)); }

std::vector<std::size_t> degree_centrality(const KnowledgeGraph& graph) { return degree_centrality(topology_of(graph)); }

std::vector<double> betweenness_centrality(const KnowledgeGraph& graph, const BetweennessOptions& options) {
  return betweenness_centrality(topology_of(graph), options);
}

std::vector<Neighbour> k_hop_neighbourhood(const KnowledgeGraph& graph, Vertex centre, std::size_t depth) {
  std::vector<Neighbour> found;
  if (centre >= boost::num_vertices(graph.g)) return found;
  for (const TopologyNeighbour& n : k_hop_neighbourhood(topology_of(graph), static_cast<std::uint32_t>(centre), depth))
    found.push_back({static_cast<Vertex>(n.vertex), n.distance});
  return found;
}

}  // namespace kg
