// tests/graph/analytics_test.cc: each analytic on small graphs whose answer is
// known by hand, including parallel and opposite relations that must not
// change connection questions.
#include <algorithm>
#include <map>
#include <string>

#include <gtest/gtest.h>

#include "graph/analytics.h"

namespace kg {
namespace {

class SmallGraph : public ::testing::Test {
 protected:
  Vertex add(const std::string& name, EntityType type = EntityType::Official) {
    EntityProps props;
    props.id = "e:" + name;
    props.name = name;
    props.type = type;
    return vertex[name] = graph.add_entity(std::move(props));
  }
  Edge relate(const std::string& from, const std::string& to, RelationType type = RelationType::served) {
    RelationProps props;
    props.id = "r" + std::to_string(next_relation++);
    props.type = type;
    return graph.add_relation(vertex.at(from), vertex.at(to), std::move(props));
  }
  std::vector<std::string> names(const std::vector<PathStep>& steps) const {
    std::vector<std::string> out;
    for (const auto& s : steps) out.push_back(graph.g[s.entity].name);
    return out;
  }

  KnowledgeGraph graph;
  std::map<std::string, Vertex> vertex;
  int next_relation = 0;
};

// A -> B (twice), B -> A, C -> B, C -> D; E alone; F -> G.
class ChainGraph : public SmallGraph {
 protected:
  void SetUp() override {
    for (const char* n : {"A", "B", "C", "D", "E", "F", "G"}) add(n);
    relate("A", "B");
    relate("A", "B");
    relate("B", "A");
    relate("C", "B", RelationType::holds_post);
    relate("C", "D");
    relate("F", "G");
  }
};

TEST_F(ChainGraph, ShortestPathIgnoresDirectionAndReportsIt) {
  const auto path = shortest_path(graph, vertex["A"], vertex["D"]);
  ASSERT_TRUE(path.has_value());
  EXPECT_EQ(names(*path), (std::vector<std::string>{"A", "B", "C", "D"}));
  EXPECT_FALSE((*path)[0].relation.has_value());
  ASSERT_TRUE((*path)[2].relation.has_value());
  // B to C runs against the relation C -> B.
  EXPECT_FALSE((*path)[2].forward);
  EXPECT_EQ(graph.g[*(*path)[2].relation].type, RelationType::holds_post);
  EXPECT_TRUE((*path)[3].forward);
  EXPECT_EQ(boost::source(*(*path)[3].relation, graph.g), vertex["C"]);
}

TEST_F(ChainGraph, ShortestPathBetweenComponentsIsAbsent) {
  EXPECT_FALSE(shortest_path(graph, vertex["A"], vertex["E"]).has_value());
  EXPECT_FALSE(shortest_path(graph, vertex["A"], vertex["G"]).has_value());
}

TEST_F(ChainGraph, ShortestPathToItselfIsOneStep) {
  const auto path = shortest_path(graph, vertex["C"], vertex["C"]);
  ASSERT_TRUE(path.has_value());
  EXPECT_EQ(names(*path), std::vector<std::string>{"C"});
}

TEST_F(ChainGraph, ShortestPathPrefersFewerHops) {
  relate("D", "A");  // now A-D is one hop
  const auto path = shortest_path(graph, vertex["A"], vertex["D"]);
  ASSERT_TRUE(path.has_value());
  EXPECT_EQ(names(*path), (std::vector<std::string>{"A", "D"}));
  EXPECT_FALSE((*path)[1].forward);
}

TEST_F(ChainGraph, ConnectedComponentsAreWeak) {
  const Components c = connected_components(graph);
  EXPECT_EQ(c.count, 3u);
  ASSERT_EQ(c.component_of.size(), 7u);
  EXPECT_EQ(c.component_of[vertex["A"]], c.component_of[vertex["D"]]);
  EXPECT_EQ(c.component_of[vertex["F"]], c.component_of[vertex["G"]]);
  EXPECT_NE(c.component_of[vertex["A"]], c.component_of[vertex["E"]]);
  EXPECT_NE(c.component_of[vertex["A"]], c.component_of[vertex["F"]]);
  EXPECT_NE(c.component_of[vertex["E"]], c.component_of[vertex["F"]]);
}

TEST_F(ChainGraph, DegreeCountsEveryRelationInAndOut) {
  const auto degree = degree_centrality(graph);
  EXPECT_EQ(degree[vertex["A"]], 3u);
  EXPECT_EQ(degree[vertex["B"]], 4u);
  EXPECT_EQ(degree[vertex["C"]], 2u);
  EXPECT_EQ(degree[vertex["D"]], 1u);
  EXPECT_EQ(degree[vertex["E"]], 0u);
}

TEST_F(ChainGraph, BetweennessOnAChainCountsPairsOnce) {
  // A-B-C-D after collapsing parallel relations: B lies between (A,C) and
  // (A,D); C between (A,D) and (B,D).
  const auto b = betweenness_centrality(graph);
  EXPECT_DOUBLE_EQ(b[vertex["A"]], 0.0);
  EXPECT_DOUBLE_EQ(b[vertex["B"]], 2.0);
  EXPECT_DOUBLE_EQ(b[vertex["C"]], 2.0);
  EXPECT_DOUBLE_EQ(b[vertex["D"]], 0.0);
  EXPECT_DOUBLE_EQ(b[vertex["F"]], 0.0);
}

TEST_F(SmallGraph, BetweennessSplitsBetweenEqualPaths) {
  // A square: each pair of opposite corners has two shortest paths, one
  // through each of the other corners, so every corner scores 1/2.
  for (const char* n : {"A", "B", "C", "D"}) add(n);
  relate("A", "B");
  relate("B", "C");
  relate("D", "C");
  relate("A", "D");
  for (const auto& b : betweenness_centrality(graph)) EXPECT_DOUBLE_EQ(b, 0.5);
}

TEST_F(SmallGraph, BetweennessOfAStarCentre) {
  add("hub", EntityType::PartyOrg);
  for (const char* n : {"a", "b", "c", "d"}) {
    add(n);
    relate(n, "hub", RelationType::holds_post);
  }
  const auto b = betweenness_centrality(graph);
  EXPECT_DOUBLE_EQ(b[vertex["hub"]], 6.0);  // all C(4,2) leaf pairs
  EXPECT_DOUBLE_EQ(b[vertex["a"]], 0.0);
}

TEST_F(ChainGraph, KHopStopsAtTheDepth) {
  auto within = [&](std::size_t depth) {
    std::map<std::string, std::size_t> out;
    for (const auto& n : k_hop_neighbourhood(graph, vertex["A"], depth)) out[graph.g[n.entity].name] = n.distance;
    return out;
  };
  EXPECT_EQ(within(0), (std::map<std::string, std::size_t>{}));
  EXPECT_EQ(within(1), (std::map<std::string, std::size_t>{{"B", 1}}));
  EXPECT_EQ(within(2), (std::map<std::string, std::size_t>{{"B", 1}, {"C", 2}}));
  EXPECT_EQ(within(3), (std::map<std::string, std::size_t>{{"B", 1}, {"C", 2}, {"D", 3}}));
  EXPECT_EQ(within(10), within(3));
}

TEST_F(SmallGraph, EmptyGraphHasNothingToReport) {
  EXPECT_EQ(connected_components(graph).count, 0u);
  EXPECT_TRUE(betweenness_centrality(graph).empty());
  EXPECT_TRUE(degree_centrality(graph).empty());
}

}  // namespace
}  // namespace kg
