// tests/store/graph_test.cc: the KnowledgeGraph container keeps ids unique and
// finds entities and documents by id.
#include <gtest/gtest.h>

#include "graph/graph.h"
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
