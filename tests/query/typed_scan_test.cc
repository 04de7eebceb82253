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
//
// The store plans a typed scan with relation_shapes (schema/011): a shape
// no relation has is answered without reading, and the relations that fit
// a rare shape are found from whichever side its counts make cheapest (one
// pass over the type, the sources' entities, or the targets'). ShapePlans
// asks every combination of labels, type and direction of a graph in which
// each of the three is the cheapest for some shape, of both sources. Every
// shape of that graph is rare: rare_relations (schema/012) lists them, and
// the store reads their refs there; ShapePlans asks again with the table
// emptied (a shape whose rows are not all listed is never read from it), so
// that the three other ways answer.

#include <cstdio>
#include <memory>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "graph/graph.h"
#include "graph/source.h"
#include "query/query.h"
#include "store/store.h"
#include "stored_graph.h"

namespace kg {
namespace {

using Rows = std::vector<std::vector<std::string>>;

// A graph of one document; entities and relations are numbered as they are
// made (ids e00001, e00002, ...).
class GraphBuilder {
 public:
  GraphBuilder() { graph_.documents.push_back(DocumentInfo{1, "news/a.txt", 0, "A", "2024-01-10", "", "", ""}); }
  Vertex entity(const std::string& name, EntityType type) {
    EntityProps p;
    char id[16];
    std::snprintf(id, sizeof id, "e%05d", ++entities_);
    p.id = id;
    p.name = name;
    p.type = type;
    p.mentions.push_back(MentionRef{1, 0, 2});
    return graph_.add_entity(std::move(p));
  }
  void relate(Vertex from, RelationType type, Vertex to) {
    RelationProps p;
    p.id = "r" + std::to_string(++relations_);
    p.type = type;
    p.evidence.push_back(EvidenceRef{1, 0, 2, "句子。"});
    graph_.add_relation(from, to, std::move(p));
  }
  KnowledgeGraph take() { return std::move(graph_); }

 private:
  KnowledgeGraph graph_;
  int entities_ = 0, relations_ = 0;
};

KnowledgeGraph sparse_graph() {
  GraphBuilder graph;
  auto entity = [&](const std::string& name, EntityType type) { return graph.entity(name, type); };
  auto relate = [&](Vertex from, RelationType type, Vertex to) { graph.relate(from, type, to); };
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
  return graph.take();
}

class TypedScan : public ::testing::TestWithParam<bool> {
 protected:
  static void SetUpTestSuite() { database_ = new testing::StoredGraph("kg_typed_scan", graph()); }
  static void TearDownTestSuite() {
    delete database_;
    database_ = nullptr;
  }
  static const KnowledgeGraph& graph() {
    static const KnowledgeGraph g = sparse_graph();
    return g;
  }
  Rows rows(std::string_view text) {
    return (GetParam() ? run_cypher(database_->source(), text) : run_cypher(graph(), text)).rows;
  }

  static testing::StoredGraph* database_;
};

testing::StoredGraph* TypedScan::database_ = nullptr;

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

// The graph above (its ids in another order: a symmetric relation is shown
// by the store from the end with the smaller id, and by the graph in memory
// as stored, so it is stored from the smaller id here), and each enterprise
// part_of 本地 (many relations of another type: a pass over them all costs
// more than the park's few relations), and two enterprises located_in
// another (a rare shape between common types: the pass is the cheapest).
KnowledgeGraph planned_graph() {
  GraphBuilder graph;
  auto entity = [&](const std::string& name, EntityType type) { return graph.entity(name, type); };
  auto relate = [&](Vertex from, RelationType type, Vertex to) { graph.relate(from, type, to); };
  const Vertex park_a = entity("园区甲", EntityType::Park);
  const Vertex park_b = entity("园区乙", EntityType::Park);
  const Vertex place = entity("本地", EntityType::Place);
  const Vertex neighbour = entity("邻县", EntityType::Place);
  std::vector<Vertex> firms;
  for (int i = 0; i < 3000; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "企业%04d", i);
    firms.push_back(entity(name, EntityType::Enterprise));
    relate(firms.back(), RelationType::located_in, place);
    relate(firms.back(), RelationType::part_of, place);
    if (i == 3) relate(firms.back(), RelationType::located_in, park_a);
    if (i == 2500 || i == 2998) relate(firms.back(), RelationType::located_in, park_b);
  }
  relate(park_a, RelationType::cooperates_with, neighbour);
  relate(firms[1], RelationType::located_in, firms[2]);
  relate(firms[2999], RelationType::located_in, firms[0]);
  return graph.take();
}

class ShapePlans : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    graph_ = planned_graph();
    database_ = std::make_unique<testing::StoredGraph>("kg_shape_plans", graph_);
    memory_ = std::make_unique<KnowledgeGraphSource>(graph_);
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(database_->path().c_str(), &db), SQLITE_OK);
    const char* sql = GetParam() ? "SELECT count(*) FROM rare_relations" : "DELETE FROM rare_relations";
    sqlite3_stmt* stmt = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr), SQLITE_OK);
    const int rc = sqlite3_step(stmt);
    // Listed: every relation of the graph (all its shapes are rare).
    if (GetParam()) {
      EXPECT_EQ(rc, SQLITE_ROW);
      EXPECT_EQ(sqlite3_column_int64(stmt, 0), static_cast<std::int64_t>(boost::num_edges(graph_.g)));
    } else {
      EXPECT_EQ(rc, SQLITE_DONE);
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
  }
  void TearDown() override {
    memory_.reset();
    database_.reset();
  }
  // The rows from the store, checked against the graph in memory.
  Rows rows(const std::string& text) {
    const Rows stored = run_cypher(database_->source(), text).rows;
    EXPECT_EQ(stored, run_cypher(*memory_, text).rows) << text;
    return stored;
  }

  KnowledgeGraph graph_;
  std::unique_ptr<testing::StoredGraph> database_;
  std::unique_ptr<KnowledgeGraphSource> memory_;  // one index of the graph for every query
};

TEST_P(ShapePlans, EveryShapeIsAnsweredAsTheGraphInMemoryAnswersIt) {
  // From the targets: two parks, three relations of the shape.
  EXPECT_EQ(rows("MATCH (c:Enterprise)-[:located_in]->(k:Park) RETURN c.name, k.name ORDER BY c.name"),
            (Rows{{"企业0003", "园区甲"}, {"企业2500", "园区乙"}, {"企业2998", "园区乙"}}));
  // From the sources: one park, and 3000 part_of besides.
  EXPECT_EQ(rows("MATCH (k:Park)-[:cooperates_with]-(x:Place) RETURN k.name, x.name ORDER BY x.name"),
            (Rows{{"园区甲", "邻县"}}));
  // One pass: both ends' types are common.
  EXPECT_EQ(rows("MATCH (a:Enterprise)-[:located_in]->(b:Enterprise) RETURN a.name, b.name ORDER BY a.name"),
            (Rows{{"企业0001", "企业0002"}, {"企业2999", "企业0000"}}));
  // No relation has the shape.
  EXPECT_EQ(rows("MATCH (a:Park)-[:part_of]->(b) RETURN a.name LIMIT 5"), Rows{});
  EXPECT_EQ(rows("MATCH (a:Place)-[:located_in]->(b:Park) RETURN count(*)"), (Rows{{"0"}}));

  const std::vector<std::string> labels = {"", ":Enterprise", ":Park", ":Place"};
  const std::vector<std::string> types = {"located_in", "cooperates_with", "part_of"};
  for (const std::string& type : types)
    for (const std::string& a : labels)
      for (const std::string& b : labels)
        for (const std::string arrow : {"->", "-"}) {
          const std::string match = "MATCH (a" + a + ")-[r:" + type + "]" + arrow + "(b" + b + ") ";
          rows(match + "RETURN a.name, b.name LIMIT 3");
          rows(match + "RETURN a.name, b.name ORDER BY b.name DESC, a.name LIMIT 4");
          rows(match + "RETURN count(*)");
        }
}

INSTANTIATE_TEST_SUITE_P(ListedAndNot, ShapePlans, ::testing::Values(true, false),
                         [](const ::testing::TestParamInfo<bool>& param_info) { return param_info.param ? "Listed" : "Unlisted"; });
INSTANTIATE_TEST_SUITE_P(InMemoryAndStore, TypedScan, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& param_info) { return param_info.param ? "Store" : "Memory"; });

}  // namespace
}  // namespace kg
