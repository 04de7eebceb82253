// tests/query/date_window_test.cc: questions with --since/--until on a graph
// big enough that the store's walk of sources in name order gives up when
// the window is sparse, and finds what falls in it from the relations'
// dates in one pass (store_source.cc, relations_dated). Every answer is
// asked of the graph in memory and of the same graph in a database, and
// worked out here from how the graph is made: the rows must not depend on
// which way the store read them.
//
// The graph: 3000 officials 官员0000..官员2999, each served the enterprise
// 企业 with evidence dated 2023-05-01, except 官员0007 (2019-03-02),
// 官员1500 (2019-03, a month), 官员2998 (2019, a year) and 官员2999
// (undated); and 官员0007 also served 企业乙 in 2019-04-20.

#include <cstdio>
#include <set>

#include <gtest/gtest.h>

#include "graph/graph.h"
#include "graph/source.h"
#include "query/query.h"
#include "graph_builder.h"
#include "stored_graph.h"

namespace kg {
namespace {

using testing::GraphBuilder;
using Rows = std::vector<std::vector<std::string>>;

std::string official_name(int i) {
  char name[32];
  std::snprintf(name, sizeof name, "官员%04d", i);
  return name;
}

KnowledgeGraph dated_graph() {
  GraphBuilder graph;
  const Vertex firm = graph.entity("企业", EntityType::Enterprise);
  const Vertex other = graph.entity("企业乙", EntityType::Enterprise);
  for (int i = 0; i < 3000; ++i) {
    const Vertex official = graph.entity(official_name(i), EntityType::Official);
    const std::string date = i == 7      ? "2019-03-02"
                             : i == 1500 ? "2019-03"
                             : i == 2998 ? "2019"
                             : i == 2999 ? ""
                                         : "2023-05-01";
    graph.relate(official, RelationType::served, firm, date);
    if (i == 7) graph.relate(official, RelationType::served, other, "2019-04-20");
  }
  return graph.take();
}

class DateWindowTest : public ::testing::TestWithParam<bool> {
 protected:
  static void SetUpTestSuite() { database_ = new testing::StoredGraph("kg_date_window", graph()); }
  static void TearDownTestSuite() {
    delete database_;
    database_ = nullptr;
  }
  static const KnowledgeGraph& graph() {
    static const KnowledgeGraph g = dated_graph();
    return g;
  }
  // The official and enterprise of each row of `served` in the window.
  std::vector<std::pair<std::string, std::string>> served(const std::string& since, const std::string& until,
                                                          std::size_t rows) {
    NamedQuery q;
    q.question = "served";
    q.rows = rows;
    q.window.since = since;
    q.window.until = until;
    const QueryResult result = GetParam() ? run_named(database_->source(), q) : run_named(graph(), q);
    std::vector<std::pair<std::string, std::string>> found;
    for (const auto& row : result.rows) {
      EXPECT_GE(row.size(), 2u);
      if (row.size() >= 2) found.emplace_back(row[0], row[1]);
    }
    return found;
  }
  const GraphSource& source() {
    static KnowledgeGraphSource memory(graph());
    return GetParam() ? database_->source() : memory;
  }

  static testing::StoredGraph* database_;
};

testing::StoredGraph* DateWindowTest::database_ = nullptr;

using Pairs = std::vector<std::pair<std::string, std::string>>;

TEST_P(DateWindowTest, ASparseWindowFindsWhatFallsInItInNameOrder) {
  // March 2019: the day, the month and the year can all fall in it.
  EXPECT_EQ(served("2019-03-01", "2019-03-31", 0),
            (Pairs{{"官员0007", "企业"}, {"官员1500", "企业"}, {"官员2998", "企业"}}));
  EXPECT_EQ(served("2019-03-01", "2019-03-31", 2), (Pairs{{"官员0007", "企业"}, {"官员1500", "企业"}}));
  // April 2019: the year only, and 官员0007's second relation.
  EXPECT_EQ(served("2019-04-01", "2019-04-30", 0), (Pairs{{"官员0007", "企业乙"}, {"官员2998", "企业"}}));
}

TEST_P(DateWindowTest, AWindowNothingFallsInIsEmpty) {
  EXPECT_TRUE(served("1990-01-01", "1991-12-31", 5).empty());
  EXPECT_TRUE(served("2030-01-01", "", 5).empty());
}

TEST_P(DateWindowTest, AWideWindowGivesTheFirstRowsInNameOrder) {
  EXPECT_EQ(served("2023-01-01", "", 3), (Pairs{{"官员0000", "企业"}, {"官员0001", "企业"}, {"官员0002", "企业"}}));
  // Open at the start: everything dated up to 2019, in name order.
  EXPECT_EQ(served("", "2019-12-31", 0),
            (Pairs{{"官员0007", "企业"}, {"官员0007", "企业乙"}, {"官员1500", "企业"}, {"官员2998", "企业"}}));
}

TEST_P(DateWindowTest, AScanInAnyOrderKeepsExactlyTheRelationsInTheWindow) {
  RelationScan scan;
  scan.type = RelationType::served;
  scan.in_name_order = false;
  scan.window.since = "2019-01-01";
  scan.window.until = "2019-12-31";
  std::set<std::pair<std::string, std::string>> found;
  source().scan_relations(scan, [&](const RelationSummary& r) {
    EXPECT_TRUE(r.seen_in(scan.window)) << r.source.name;
    found.emplace(r.source.name, r.target.name);
    return true;
  });
  EXPECT_EQ(found, (std::set<std::pair<std::string, std::string>>{
                       {"官员0007", "企业"}, {"官员0007", "企业乙"}, {"官员1500", "企业"}, {"官员2998", "企业"}}));
}

INSTANTIATE_TEST_SUITE_P(MemoryAndStore, DateWindowTest, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& p) { return p.param ? "store" : "memory"; });

}  // namespace
}  // namespace kg
