// tests/query/name_filter_test.cc: name conditions pushed into the scans of
// a GraphSource (NameFilter, graph/source.h) and Cypher's WHERE on names
// that the planner pushes there (cypher_eval.cc). A scan with a filter must
// give what the same scan without one gives, filtered afterwards by the
// lookup keys of the names (graph/names.h), in the same order, in memory and
// in the store; the store finds what may pass on its indexes, where a name
// whose key differs from it (traditional characters, letter case, white
// space, a combining accent) passes or fails by its key only.
#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "graph/graph.h"
#include "graph/names.h"
#include "graph/source.h"
#include "graph_builder.h"
#include "query/query.h"
#include "stored_graph.h"

namespace kg {
namespace {

using Op = NameTest::Op;
using Rows = std::vector<std::vector<std::string>>;

// Places, some ending in 区; 300 enterprises named 企业NNN有限公司 or
// 企业NNN科技集团, each located_in a place; officials who served some; and
// names whose keys differ from them. A symmetric relation is stored from
// the smaller id (the store shows it so, the graph in memory as stored).
KnowledgeGraph named_graph() {
  testing::GraphBuilder graph;
  const std::vector<Vertex> places = {
      graph.entity("东城区", EntityType::Place),        graph.entity("新区", EntityType::Place),
      graph.entity("桃花镇", EntityType::Place),        graph.entity("臺灣新區", EntityType::Place),  // key 台湾新区
      graph.entity("Cafe\u0301镇", EntityType::Place),  // key café镇
  };
  std::vector<Vertex> firms;
  for (int i = 0; i < 300; ++i) {
    char name[64];
    std::snprintf(name, sizeof name, i % 2 == 0 ? "企业%03d有限公司" : "企业%03d科技集团", i);
    firms.push_back(graph.entity(name, EntityType::Enterprise));
    graph.relate(firms.back(), RelationType::located_in, places[static_cast<std::size_t>(i) % places.size()]);
  }
  const Vertex abc = graph.entity("ABC科技有限公司", EntityType::Enterprise);  // key abc科技有限公司
  graph.relate(abc, RelationType::located_in, places[1]);
  const Vertex wang = graph.entity("王 小明", EntityType::Official);  // key 王小明
  const Vertex zhang = graph.entity("張三", EntityType::Official);    // key 张三
  const Vertex wang2 = graph.entity("王大力", EntityType::Official);
  graph.relate(wang, RelationType::served, firms[1]);
  graph.relate(wang, RelationType::served, abc);
  graph.relate(zhang, RelationType::served, firms[2]);
  graph.relate(wang2, RelationType::served, firms[3]);
  graph.relate(firms[1], RelationType::cooperates_with, firms[4]);
  graph.relate(firms[5], RelationType::cooperates_with, abc);
  return graph.take();
}

NameFilter tests(std::vector<NameTest> all_of) { return NameFilter{std::move(all_of), std::nullopt}; }
NameFilter one_of(std::vector<std::string> keys) { return NameFilter{{}, std::move(keys)}; }

// Every kind of test, conjunctions, lists, and tests only keys pass or only names would.
std::vector<NameFilter> filters() {
  return {
      tests({{Op::equals, "新区"}}),
      tests({{Op::starts_with, "王"}}),
      tests({{Op::starts_with, "台湾"}}),    // 臺灣新區 by its key only
      tests({{Op::contains, "区"}}),
      tests({{Op::contains, "e"}}),          // Cafe\u0301镇 as a name, not as its key
      tests({{Op::contains, "é"}}),          // the other way round
      tests({{Op::contains, "abc"}}),        // ABC by its key
      tests({{Op::ends_with, "公司"}}),
      tests({{Op::ends_with, "镇"}}),
      tests({{Op::contains, "科技"}, {Op::ends_with, "集团"}}),
      tests({{Op::starts_with, "企业1"}, {Op::contains, "有限"}, {Op::ends_with, "司"}}),
      one_of({"新区", "东城区", "不存在"}),
      NameFilter{{{Op::contains, "区"}}, std::vector<std::string>{"东城区", "桃花镇"}},
      one_of({}),
      tests({{Op::contains, "不存在"}}),
  };
}

std::string describe(const NameFilter& filter) {
  std::string out;
  for (const NameTest& t : filter.all_of) out += std::to_string(static_cast<int>(t.op)) + ":" + t.key + " ";
  if (filter.one_of) {
    out += "in [";
    for (const std::string& key : *filter.one_of) out += key + ",";
    out += "]";
  }
  return out;
}

bool admits(const NameFilter& filter, const EntitySummary& e) { return filter.admits(lookup_key(e.name)); }

class NameFilters : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    graph_ = new KnowledgeGraph(named_graph());
    database_ = new testing::StoredGraph("kg_name_filters", *graph_);
    memory_ = new KnowledgeGraphSource(*graph_);
  }
  static void TearDownTestSuite() {
    delete memory_;
    delete database_;
    delete graph_;
  }
  static std::vector<const GraphSource*> sources() { return {memory_, &database_->source()}; }

  // Entities' ids as a scan visits them.
  static std::vector<std::string> entities(const GraphSource& source, bool by_name, std::optional<EntityType> type,
                                           const NameFilter& filter, const NameFilter* afterwards = nullptr) {
    std::vector<std::string> ids;
    auto visit = [&](const EntitySummary& e) {
      if (afterwards == nullptr || admits(*afterwards, e)) ids.push_back(e.id);
      return true;
    };
    if (by_name) source.scan_entities_by_name(type, filter, visit);
    else source.scan_entities(type, filter, visit);
    return ids;
  }

  // Relations' ids as a scan visits them; `afterwards` filters the shown
  // ends of an unfiltered scan as the scan's names would.
  static std::vector<std::string> relations(const GraphSource& source, RelationScan scan, bool filter_afterwards) {
    const NameFilter source_name = scan.source_name, target_name = scan.target_name;
    if (filter_afterwards) scan.source_name = scan.target_name = {};
    auto fits = [&](const EntitySummary& a, const EntitySummary& b) {
      return (!scan.source_type || a.type == *scan.source_type) && (!scan.target_type || b.type == *scan.target_type) &&
             (source_name.empty() || admits(source_name, a)) && (target_name.empty() || admits(target_name, b));
    };
    std::vector<std::string> ids;
    source.scan_relations(scan, [&](const RelationSummary& r) {
      if (!filter_afterwards || fits(r.source, r.target) || (scan.either_way && fits(r.target, r.source)))
        ids.push_back(r.id);
      return true;
    });
    return ids;
  }

  static KnowledgeGraph* graph_;
  static testing::StoredGraph* database_;
  static KnowledgeGraphSource* memory_;
};

KnowledgeGraph* NameFilters::graph_ = nullptr;
testing::StoredGraph* NameFilters::database_ = nullptr;
KnowledgeGraphSource* NameFilters::memory_ = nullptr;

TEST_F(NameFilters, AdmitsComparesKeys) {
  EXPECT_TRUE(tests({{Op::starts_with, "台湾"}}).admits(lookup_key("臺灣新區")));
  EXPECT_FALSE(tests({{Op::contains, "e"}}).admits(lookup_key("Cafe\u0301镇")));
  EXPECT_TRUE(tests({{Op::contains, "é"}}).admits(lookup_key("Cafe\u0301镇")));
  EXPECT_TRUE(tests({{Op::contains, "科技"}, {Op::ends_with, "集团"}}).admits("企业001科技集团"));
  EXPECT_FALSE(tests({{Op::contains, "科技"}, {Op::ends_with, "集团"}}).admits("abc科技有限公司"));
  EXPECT_FALSE(one_of({}).admits("新区"));
  EXPECT_TRUE(NameFilter{}.admits("新区"));
}

TEST_F(NameFilters, EntityScansEqualTheUnfilteredScanFilteredAfterwards) {
  const std::vector<std::optional<EntityType>> types = {std::nullopt, EntityType::Place, EntityType::Enterprise,
                                                        EntityType::Official};
  for (const NameFilter& filter : filters())
    for (const auto& type : types)
      for (const bool by_name : {false, true}) {
        const auto in_memory = entities(*memory_, by_name, type, filter);
        for (const GraphSource* source : sources()) {
          EXPECT_EQ(entities(*source, by_name, type, filter), entities(*source, by_name, type, {}, &filter))
              << describe(filter) << (by_name ? " by name" : " by ref") << (source == memory_ ? " in memory" : " stored");
          // In name order the store gives the same entities in the same
          // order; by ref, the same entities (refs differ).
          auto stored = entities(*source, by_name, type, filter);
          auto memory = in_memory;
          if (!by_name) {
            std::sort(stored.begin(), stored.end());
            std::sort(memory.begin(), memory.end());
          }
          EXPECT_EQ(stored, memory) << describe(filter);
        }
      }
  // What passes by key only, and what fails by key only.
  EXPECT_EQ(entities(database_->source(), true, std::nullopt, tests({{Op::starts_with, "台湾"}})),
            (std::vector<std::string>{"e00004"}));
  EXPECT_EQ(entities(database_->source(), true, std::nullopt, tests({{Op::contains, "é"}})),
            (std::vector<std::string>{"e00005"}));
  EXPECT_EQ(entities(database_->source(), true, std::nullopt, tests({{Op::contains, "e"}})), std::vector<std::string>{});
  EXPECT_EQ(entities(database_->source(), true, EntityType::Official, tests({{Op::starts_with, "王"}})),
            (std::vector<std::string>{"e00307", "e00309"}));
  EXPECT_EQ(entities(database_->source(), false, EntityType::Enterprise, tests({{Op::contains, "科技"}})).size(), 151u);
}

TEST_F(NameFilters, RelationScansEqualTheUnfilteredScanFilteredAfterwards) {
  struct Shape {
    std::optional<RelationType> type;
    std::optional<EntityType> source, target;
    bool either_way;
  };
  const std::vector<Shape> shapes = {
      {RelationType::located_in, EntityType::Enterprise, EntityType::Place, false},
      {RelationType::located_in, EntityType::Place, EntityType::Enterprise, true},
      {RelationType::located_in, std::nullopt, std::nullopt, false},
      {RelationType::served, EntityType::Official, EntityType::Enterprise, false},
      {RelationType::cooperates_with, EntityType::Enterprise, EntityType::Enterprise, false},
      {std::nullopt, std::nullopt, std::nullopt, true},
  };
  const NameFilter some_firms = tests({{Op::starts_with, "企业0"}});
  std::size_t found = 0;
  for (const Shape& shape : shapes)
    for (const NameFilter& filter : filters())
      for (int ends = 0; ends < 3; ++ends)
        for (const bool in_name_order : {true, false}) {
          RelationScan scan;
          scan.type = shape.type;
          scan.source_type = shape.source;
          scan.target_type = shape.target;
          scan.either_way = shape.either_way;
          scan.in_name_order = in_name_order;
          // The filter at the source, at the target, or at the target with
          // another at the source.
          if (ends == 0) scan.source_name = filter;
          else scan.target_name = filter;
          if (ends == 2) scan.source_name = some_firms;
          const auto in_memory = relations(*memory_, scan, false);
          found += in_memory.size();
          for (const GraphSource* source : sources()) {
            const auto pushed = relations(*source, scan, false);
            EXPECT_EQ(pushed, relations(*source, scan, true))
                << describe(filter) << " ends " << ends << (in_name_order ? " in name order" : "")
                << (source == memory_ ? " in memory" : " stored");
            if (in_name_order) {
              EXPECT_EQ(pushed, in_memory) << describe(filter) << " ends " << ends;
            }
          }
        }
  EXPECT_GT(found, 1000u);  // the filters pass something
}

TEST_F(NameFilters, CypherWhereOnNamesAnswersAsInMemory) {
  auto rows = [&](const std::string& text) {
    const Rows stored = run_cypher(database_->source(), text).rows;
    EXPECT_EQ(stored, run_cypher(*graph_, text).rows) << text;
    return stored;
  };
  // Pushed into a typed relation scan, at either end or both.
  EXPECT_EQ(rows("MATCH (c:Enterprise)-[:located_in]->(k:Place) WHERE k.name STARTS WITH '台湾' "
                 "RETURN c.name, k.name LIMIT 2"),
            (Rows{{"企业003科技集团", "臺灣新區"}, {"企业008有限公司", "臺灣新區"}}));
  EXPECT_EQ(rows("MATCH (c:Enterprise)-[:located_in]->(k:Place) WHERE k.name CONTAINS '区' AND c.name CONTAINS 'abc' "
                 "RETURN c.name, k.name"),
            (Rows{{"ABC科技有限公司", "新区"}}));
  EXPECT_EQ(rows("MATCH (k:Place)<-[:located_in]-(c) WHERE k.name ENDS WITH '镇' AND c.name ENDS WITH '4有限公司' "
                 "RETURN k.name, c.name LIMIT 3"),
            (Rows{{"Cafe\u0301镇", "企业004有限公司"}, {"Cafe\u0301镇", "企业014有限公司"}, {"Cafe\u0301镇", "企业024有限公司"}}));
  EXPECT_EQ(rows("MATCH (o:Official)-[:served]->(c) WHERE o.name STARTS WITH '王小' RETURN o.name, c.name LIMIT 10"),
            (Rows{{"王 小明", "ABC科技有限公司"}, {"王 小明", "企业001科技集团"}}));
  EXPECT_EQ(rows("MATCH (a)-[:cooperates_with]-(b) WHERE a.name CONTAINS 'ABC' RETURN a.name, b.name"),
            (Rows{{"ABC科技有限公司", "企业005科技集团"}}));
  // Pushed into a label scan; IN with a null; nothing at all.
  EXPECT_EQ(rows("MATCH (o:Official) WHERE o.name STARTS WITH '王' RETURN o.name LIMIT 5"),
            (Rows{{"王 小明"}, {"王大力"}}));
  EXPECT_EQ(rows("MATCH (k:Place) WHERE k.name IN ['新区', null, '桃花鎮'] RETURN k.name"), (Rows{{"新区"}, {"桃花镇"}}));
  EXPECT_EQ(rows("MATCH (k:Place) WHERE k.name CONTAINS 'ZZZ不存在' RETURN k.name LIMIT 5"), Rows{});
  // Not pushed, and still exact: OR, NOT, an empty text, a text read as a number.
  EXPECT_EQ(rows("MATCH (k:Place) WHERE k.name STARTS WITH '新' OR k.name ENDS WITH '镇' RETURN k.name ORDER BY k.name"),
            (Rows{{"Cafe\u0301镇"}, {"新区"}, {"桃花镇"}}));
  EXPECT_EQ(rows("MATCH (k:Place) WHERE NOT k.name CONTAINS '区' RETURN k.name ORDER BY k.name"),
            (Rows{{"Cafe\u0301镇"}, {"桃花镇"}}));
  EXPECT_EQ(rows("MATCH (k:Place) WHERE k.name STARTS WITH ' ' RETURN count(*)"), (Rows{{"5"}}));
  EXPECT_EQ(rows("MATCH (k:Place) WHERE k.name = '1.0' RETURN count(*)"), (Rows{{"0"}}));
  EXPECT_EQ(rows("MATCH (k:Place) WHERE k.name CONTAINS null RETURN count(*)"), (Rows{{"0"}}));
  // Every filter, pushed, gives what the same WHERE after a WITH (never pushed) gives.
  for (const std::string condition :
       {"k.name CONTAINS '区'", "k.name STARTS WITH '臺'", "k.name ENDS WITH 'É镇'", "c.name CONTAINS '科技' AND k.name = '新区'",
        "c.name IN ['企业001科技集团', 'abc科技有限公司'] AND k.name CONTAINS ''"}) {
    const std::string match = "MATCH (c:Enterprise)-[:located_in]->(k:Place) ";
    const std::string order = " RETURN c.name, k.name ORDER BY c.name, k.name";
    EXPECT_EQ(rows(match + "WHERE " + condition + order), rows(match + "WITH c, k WHERE " + condition + order))
        << condition;
    // The first rows of a scan come in name order (an equality starts
    // from the entities it names instead).
    if (condition.find(" = ") == std::string::npos && condition.find(" IN ") == std::string::npos) {
      EXPECT_EQ(rows(match + "WHERE " + condition + " RETURN c.name, k.name LIMIT 3"),
                rows(match + "WHERE " + condition + order + " LIMIT 3"))
          << condition;
    }
  }
}

}  // namespace
}  // namespace kg
