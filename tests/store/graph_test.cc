// tests/store/graph_test.cc: the KnowledgeGraph container keeps ids unique and
// finds entities and documents by id.
#include <gtest/gtest.h>

#include "graph/analytics.h"
#include "graph/graph.h"
#include "store/store.h"
#include "test_util.h"

namespace kg {
namespace {

TEST(KnowledgeGraph, FindsEntitiesById) {
  const KnowledgeGraph graph = test::make_graph(1, 2);
  auto park = graph.find_by_id("ent:Park:HICOOL产业园");
  ASSERT_TRUE(park.has_value());
  EXPECT_EQ(graph.g[*park].name, "HICOOL产业园");
  EXPECT_FALSE(graph.find_by_id("ent:Park:nowhere").has_value());
  EXPECT_EQ(graph.entity_count(), 3u);
  EXPECT_EQ(graph.relation_count(), 3u);
}

TEST(KnowledgeGraph, RefusesADuplicateIdAndADanglingEdge) {
  KnowledgeGraph graph = test::make_graph(1, 2);
  EntityProps again;
  again.id = "ent:Official:张小军";
  EXPECT_THROW(graph.add_entity(again), std::invalid_argument);
  EXPECT_EQ(graph.entity_count(), 3u);
  EXPECT_THROW(graph.add_relation(0, 99, {}), std::out_of_range);
}

TEST(KnowledgeGraph, FindsDocumentsSortedOrNot) {
  KnowledgeGraph graph;
  for (std::int64_t id : {9, 3, 5}) graph.documents.push_back({id, "s" + std::to_string(id), 0, {}, {}, {}, {}, {}});
  ASSERT_NE(graph.document(3), nullptr);
  EXPECT_EQ(graph.document(3)->source, "s3");
  EXPECT_EQ(graph.document(9)->source, "s9");
  EXPECT_EQ(graph.document(4), nullptr);
  std::sort(graph.documents.begin(), graph.documents.end(), [](auto& a, auto& b) { return a.id < b.id; });
  EXPECT_EQ(graph.document(5)->source, "s5");
  EXPECT_EQ(graph.document(10), nullptr);
}

}  // namespace
}  // namespace kg

namespace kg {
namespace {

// A graph loaded from the store is a full Boost graph: every analytic runs on
// it and answers as it does on the graph that was saved.
TEST(KnowledgeGraph, AnalyticsRunOnAGraphLoadedFromTheStore) {
  test::TempDir dir;
  Store store(dir.file("kg.sqlite"));
  const auto a = store.add_document(test::make_document("a.txt", 0, U"甲"), Extraction{});
  const auto b = store.add_document(test::make_document("b.txt", 0, U"乙"), Extraction{});
  KnowledgeGraph saved = test::make_graph(a, b);
  saved.add_entity({"ent:Place:孤岛", "孤岛", EntityType::Place, {}, {}, {}});  // a second component
  store.replace_graph(saved);
  const KnowledgeGraph loaded = store.load_graph();
  ASSERT_EQ(loaded.entity_count(), saved.entity_count());

  const Vertex official = *loaded.find_by_id("ent:Official:张小军");
  const Vertex park = *loaded.find_by_id("ent:Park:HICOOL产业园");
  const auto path = shortest_path(loaded, official, park);
  ASSERT_TRUE(path.has_value());
  ASSERT_EQ(path->size(), 3u);  // official -> company -> park
  EXPECT_EQ(loaded.g[(*path)[1].entity].id, "ent:Enterprise:北京伟通柔显科技有限公司");
  EXPECT_FALSE(shortest_path(loaded, official, *loaded.find_by_id("ent:Place:孤岛")).has_value());

  EXPECT_EQ(connected_components(loaded).count, 2u);
  EXPECT_EQ(connected_components(loaded).component_of, connected_components(saved).component_of);
  EXPECT_EQ(degree_centrality(loaded), degree_centrality(saved));
  EXPECT_EQ(degree_centrality(loaded)[*loaded.find_by_id("ent:Enterprise:北京伟通柔显科技有限公司")], 3u);
  const auto betweenness = betweenness_centrality(loaded);
  EXPECT_EQ(betweenness, betweenness_centrality(saved));
  EXPECT_GT(betweenness[*loaded.find_by_id("ent:Enterprise:北京伟通柔显科技有限公司")], 0.0);
  const auto near = k_hop_neighbourhood(loaded, official, 1);
  ASSERT_EQ(near.size(), 1u);
  EXPECT_EQ(loaded.g[near[0].entity].name, "北京伟通柔显科技有限公司");
  EXPECT_EQ(k_hop_neighbourhood(loaded, official, 2).size(), 2u);
}

}  // namespace
}  // namespace kg
