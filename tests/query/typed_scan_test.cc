// tests/query/typed_scan_test.cc: patterns anchored by nothing but a
// relation type and labels, on a graph big enough that the store's walk of
// sources in name order gives up on a rare combination and finds the rest in
// one pass (store_source.cc, scan_relations). Every answer is asked of the
// graph in memory and of the same graph in a database, and worked out here:
// the rows and their order must not depend on which way the store read them.
//
// The graph: 3000 enterprises 企业0000..企业2999, each located_in the place
// 本地; three of them located_in a park (企业0003 in 园区甲, early in name
// order; 企业2500 and 企业2998 in 园区乙, late); 园区甲 cooperates_with the
// place 邻县, stored from the park.
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include <gtest/gtest.h>

#include "graph/graph.h"
#include "query/query.h"
#include "store/store.h"

namespace kg {
namespace {

namespace fs = std::filesystem;
using Rows = std::vector<std::vector<std::string>>;

KnowledgeGraph sparse_graph() {
  KnowledgeGraph graph;
  graph.documents.push_back(DocumentInfo{1, "news/a.txt", 0, "A", "2024-01-10", "", "", ""});
  int ids = 0;
  auto entity = [&](const std::string& name, EntityType type) {
    EntityProps p;
    p.id = "e" + std::to_string(++ids);
    p.name = name;
    p.type = type;
    p.mentions.push_back(MentionRef{1, 0, 2});
    return graph.add_entity(std::move(p));
  };
  int relations = 0;
  auto relate = [&](Vertex from, RelationType type, Vertex to) {
    RelationProps p;
    p.id = "r" + std::to_string(++relations);
    p.type = type;
    p.evidence.push_back(EvidenceRef{1, 0, 2, "句子。"});
    graph.add_relation(from, to, std::move(p));
  };
  const Vertex place = entity("本地", EntityType::Place);
  const Vertex neighbour = entity("邻县", EntityType::Place);
  const Vertex park_a = entity("园区甲", EntityType::Park);
  const Vertex park_b = entity("园区乙", EntityType::Park);
  for (int i = 0; i < 3000; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "企业%04d", i);
    const Vertex firm = entity(name, EntityType::Enterprise);
    relate(firm, RelationType::located_in, place);
    if (i == 3) relate(firm, RelationType::located_in, park_a);
    if (i == 2500 || i == 2998) relate(firm, RelationType::located_in, park_b);
  }
  relate(park_a, RelationType::cooperates_with, neighbour);
  return graph;
}

class TypedScan : public ::testing::TestWithParam<bool> {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("kg_typed_scan_" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    const std::string db = (*dir_ / "graph.db").string();
    {
      Store store(db);
      store.begin();
      Document doc;
      doc.source = "news/a.txt";
      doc.sha256 = "sha-a";
      doc.meta = static_cast<const DocumentMeta&>(graph().documents.front());
      store.add_document(doc, Extraction{});
      store.replace_graph(graph());
      store.commit();
    }
    database_ = new QueryDatabase(db);
  }
  static void TearDownTestSuite() {
    delete database_;
    database_ = nullptr;
    fs::remove_all(*dir_);
    delete dir_;
  }
  static const KnowledgeGraph& graph() {
    static const KnowledgeGraph g = sparse_graph();
    return g;
  }
  Rows rows(std::string_view text) {
    return (GetParam() ? run_cypher(database_->source(), text) : run_cypher(graph(), text)).rows;
  }

  static fs::path* dir_;
  static QueryDatabase* database_;
};

fs::path* TypedScan::dir_ = nullptr;
QueryDatabase* TypedScan::database_ = nullptr;

TEST_P(TypedScan, RareCombinationsAreFoundWholeAndInNameOrder) {
  // The first row comes from the walk, the others after it gave up.
  EXPECT_EQ(rows("MATCH (c:Enterprise)-[:located_in]->(k:Park) RETURN c.name, k.name LIMIT 2"),
            (Rows{{"企业0003", "园区甲"}, {"企业2500", "园区乙"}}));
  EXPECT_EQ(rows("MATCH (c:Enterprise)-[:located_in]->(k:Park) RETURN c.name, k.name LIMIT 10"),
            (Rows{{"企业0003", "园区甲"}, {"企业2500", "园区乙"}, {"企业2998", "园区乙"}}));
  EXPECT_EQ(rows("MATCH (c:Enterprise)-[:located_in]->(k:Park) RETURN c.name, k.name SKIP 1 LIMIT 1"),
            (Rows{{"企业2500", "园区乙"}}));
  EXPECT_EQ(rows("MATCH (k:Park)<-[:located_in]-(c:Enterprise) RETURN k.name, c.name LIMIT 10"),
            (Rows{{"园区甲", "企业0003"}, {"园区乙", "企业2500"}, {"园区乙", "企业2998"}}));
  // None at all: every relation of the type had to be looked at.
  EXPECT_EQ(rows("MATCH (c:Enterprise)-[:cooperates_with]->(k:Park) RETURN c.name LIMIT 5"), Rows{});
}

TEST_P(TypedScan, OrderAndAggregatesReadEveryFittingRelation) {
  EXPECT_EQ(rows("MATCH (c:Enterprise)-[:located_in]->(k:Park) RETURN c.name ORDER BY c.name DESC LIMIT 2"),
            (Rows{{"企业2998"}, {"企业2500"}}));
  EXPECT_EQ(rows("MATCH (c:Enterprise)-[:located_in]->(k:Park) RETURN k.name, count(*) AS n ORDER BY n DESC"),
            (Rows{{"园区乙", "2"}, {"园区甲", "1"}}));
  // The dense combination: all 3000.
  EXPECT_EQ(rows("MATCH (c:Enterprise)-[:located_in]->(k:Place) RETURN count(*) AS n"), (Rows{{"3000"}}));
  EXPECT_EQ(rows("MATCH (c:Enterprise) RETURN c.name ORDER BY c.name DESC LIMIT 2"), (Rows{{"企业2999"}, {"企业2998"}}));
}

TEST_P(TypedScan, UndirectedPatternsFitEitherWayRound) {
  // Stored from the park to the place; the pattern names the place first.
  EXPECT_EQ(rows("MATCH (x:Place)-[:cooperates_with]-(y:Park) RETURN x.name, y.name LIMIT 5"),
            (Rows{{"邻县", "园区甲"}}));
  EXPECT_EQ(rows("MATCH (x:Place)-[:cooperates_with]-(y:Park) RETURN x.name, y.name"), (Rows{{"邻县", "园区甲"}}));
  EXPECT_EQ(rows("MATCH (x:Park)-[:located_in]-(y:Enterprise) RETURN x.name, y.name ORDER BY y.name LIMIT 5"),
            (Rows{{"园区甲", "企业0003"}, {"园区乙", "企业2500"}, {"园区乙", "企业2998"}}));
}

INSTANTIATE_TEST_SUITE_P(InMemoryAndStore, TypedScan, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& param_info) { return param_info.param ? "Store" : "Memory"; });

}  // namespace
}  // namespace kg
