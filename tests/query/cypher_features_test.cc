// tests/query/cypher_features_test.cc: each Cypher feature of issue 12 part 5
// on a small graph built here, whose answers are worked out by hand below,
// asked of the graph in memory and of the same graph written to a database
// (StoreSource reads the store's indexes): variable-length paths,
// shortestPath, WHERE's operators, dates, ORDER BY/SKIP/LIMIT/DISTINCT,
// aggregates, WITH, OPTIONAL MATCH, functions, script folding of names,
// typed JSON, refused clauses, and :Document nodes with MENTIONS edges.
//
// The graph (undirected view; arrows give the stored direction):
//
//   杨勇 -holds_post(副书记)-> 南法信镇党委 <-holds_post(书记)- 张小军 -served-> 杰必机电 -located_in-> 临空经济区
//                               |part_of                               ^cooperates_with
//                               v                                      李华
//   王芳 -leads-> 顺义区政府
//
// Documents: 1 news/a.txt (A, 2024-01-10, 顺义时讯) mentions 张小军 杨勇 南法信镇党委;
//            2 news/b.txt (B, 2024-03-05, 北京日报) mentions 张小军 南法信镇党委 顺义区政府 杰必机电 李华;
//            3 news/c.txt (C, no date, no outlet) mentions 王芳 杰必机电 临空经济区.

#include <map>

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "graph/graph.h"
#include "query/query.h"
#include "store/store.h"
#include "stored_graph.h"

namespace kg {
namespace {

using Rows = std::vector<std::vector<std::string>>;

struct SmallGraph {
  KnowledgeGraph graph;
  std::map<std::string, Vertex> v;
  int relations = 0;

  void entity(const std::string& id, const std::string& name, EntityType type, std::vector<std::int64_t> docs,
              Attributes attributes = {}) {
    EntityProps p;
    p.id = id;
    p.name = name;
    p.type = type;
    p.attributes = std::move(attributes);
    for (std::int64_t d : docs) p.mentions.push_back(MentionRef{d, 0, 2});
    v[id] = graph.add_entity(std::move(p));
  }
  void relate(const std::string& from, RelationType type, const std::string& to, std::int64_t doc,
              const std::string& title = {}) {
    RelationProps p;
    p.id = "r" + std::to_string(++relations);
    p.type = type;
    p.title = title;
    p.evidence.push_back(EvidenceRef{doc, 0, 2, "句子" + std::to_string(relations) + "。"});
    graph.add_relation(v.at(from), v.at(to), std::move(p));
  }

  SmallGraph() {
    graph.documents.push_back(DocumentInfo{1, "news/a.txt", 0, "A", "2024-01-10", "顺义时讯", "", ""});
    graph.documents.push_back(DocumentInfo{2, "news/b.txt", 0, "B", "2024-03-05", "北京日报", "", ""});
    graph.documents.push_back(DocumentInfo{3, "news/c.txt", 0, "C", "", "", "", ""});
    entity("zhang", "张小军", EntityType::Official, {1, 2});
    entity("yang", "杨勇", EntityType::Official, {1});
    entity("wang", "王芳", EntityType::Official, {3});
    entity("party", "南法信镇党委", EntityType::PartyOrg, {1, 2});
    entity("gov", "顺义区政府", EntityType::GovOrg, {2});
    entity("firm", "杰必机电", EntityType::Enterprise, {2, 3}, {{"employees", "120"}});
    entity("park", "临空经济区", EntityType::Park, {3});
    entity("li", "李华", EntityType::Person, {2});
    relate("zhang", RelationType::holds_post, "party", 1, "书记");
    relate("yang", RelationType::holds_post, "party", 1, "副书记");
    relate("party", RelationType::part_of, "gov", 2);
    relate("zhang", RelationType::served, "firm", 2);
    relate("firm", RelationType::located_in, "park", 3);
    relate("wang", RelationType::leads, "gov", 3);
    relate("li", RelationType::cooperates_with, "firm", 2);
  }
};

// The same graph in memory and in a database, so every answer below is
// checked on both sources.
class CypherFeatures : public ::testing::TestWithParam<bool> {
 protected:
  static void SetUpTestSuite() { database_ = new testing::StoredGraph("kg_cypher_features", small().graph); }
  static void TearDownTestSuite() {
    delete database_;
    database_ = nullptr;
  }
  static const SmallGraph& small() {
    static const SmallGraph graph;
    return graph;
  }

  QueryResult run(std::string_view text) {
    if (GetParam()) return run_cypher(database_->source(), text);
    return run_cypher(small().graph, text);
  }
  Rows rows(std::string_view text) { return run(text).rows; }
  std::string error_of(std::string_view text) {
    try {
      run(text);
    } catch (const QueryError& e) {
      return e.what();
    }
    return "no error";
  }

  static testing::StoredGraph* database_;
};

testing::StoredGraph* CypherFeatures::database_ = nullptr;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST_P(CypherFeatures, VariableLengthPaths) {
  // From 杨勇: 1 hop 南法信镇党委; 2 hops 张小军, 顺义区政府; 3 hops 杰必机电, 王芳.
  EXPECT_EQ(rows("MATCH (a {name: '杨勇'})-[*1..3]-(b) RETURN DISTINCT b.name ORDER BY b.name"),
            (Rows{{"南法信镇党委"}, {"张小军"}, {"杰必机电"}, {"王芳"}, {"顺义区政府"}}));
  EXPECT_EQ(rows("MATCH (a {name: '杨勇'})-[*1..3]-(b) RETURN count(*)"), (Rows{{"5"}}));
  // Directed: 杨勇 -> 党委 -> 政府, and 王芳's leads points the other way.
  EXPECT_EQ(rows("MATCH (a {name: '杨勇'})-[*1..3]->(b) RETURN b.name ORDER BY b.name"),
            (Rows{{"南法信镇党委"}, {"顺义区政府"}}));
  EXPECT_EQ(rows("MATCH (a {name: '杨勇'})-[:holds_post*1..2]-(b) RETURN b.name ORDER BY b.name"),
            (Rows{{"南法信镇党委"}, {"张小军"}}));
  EXPECT_EQ(rows("MATCH (a {name: '杨勇'})-[*2]-(b) RETURN b.name ORDER BY b.name"), (Rows{{"张小军"}, {"顺义区政府"}}));
  // The relationships walked, in pattern order, and the path.
  EXPECT_EQ(rows("MATCH (a {name: '杨勇'})-[rs*3]-(b {name: '王芳'}) RETURN rs, size(rs)"),
            (Rows{{"[holds_post, part_of, leads]", "3"}}));
  EXPECT_EQ(rows("MATCH p = (a {name: '杨勇'})-[*3]-(b {name: '王芳'}) RETURN p, length(p), nodes(p)"),
            (Rows{{"(杨勇)-[holds_post]->(南法信镇党委)-[part_of]->(顺义区政府)<-[leads]-(王芳)", "3",
                   "[杨勇, 南法信镇党委, 顺义区政府, 王芳]"}}));
  // Walked from its right end (the anchor), the list is still in pattern order.
  EXPECT_EQ(rows("MATCH (a:Official)-[rs*1..2]->(b {name: '顺义区政府'}) RETURN a.name, rs ORDER BY a.name"),
            (Rows{{"张小军", "[holds_post, part_of]"}, {"杨勇", "[holds_post, part_of]"}, {"王芳", "[leads]"}}));
  // Each relationship once per row: no walk back along the way it came.
  EXPECT_EQ(rows("MATCH (a {name: '李华'})-[*1..6]-(b {name: '李华'}) RETURN count(*)"), (Rows{{"0"}}));
}

TEST_P(CypherFeatures, VariableLengthBoundsAreChecked) {
  EXPECT_TRUE(has(error_of("MATCH (a)-[*]-(b) RETURN b"), "needs an upper bound of at most 6 hops"));
  EXPECT_TRUE(has(error_of("MATCH (a)-[*2..]-(b) RETURN b"), "needs an upper bound"));
  EXPECT_TRUE(has(error_of("MATCH (a)-[*1..7]-(b) RETURN b"), "at most 6 hops"));
  EXPECT_TRUE(has(error_of("MATCH (a)-[*3..2]-(b) RETURN b"), "the hop range is empty"));
  EXPECT_TRUE(has(error_of("MATCH (a)-[*0..2]-(b) RETURN b"), "at least one hop"));
  EXPECT_TRUE(has(error_of("MATCH p = shortestPath((a)-[*..16]-(b)) RETURN p"), "at most 15 hops are supported in shortestPath"));
}

TEST_P(CypherFeatures, ShortestPath) {
  EXPECT_EQ(rows("MATCH p = shortestPath((a {name: '杨勇'})-[*..6]-(b {name: '杰必机电'})) RETURN length(p), nodes(p)"),
            (Rows{{"3", "[杨勇, 南法信镇党委, 张小军, 杰必机电]"}}));
  EXPECT_TRUE(rows("MATCH p = shortestPath((a {name: '杨勇'})-[*..2]-(b {name: '杰必机电'})) RETURN p").empty());
  // To every official, one shortest path each (杨勇 itself is no walk).
  EXPECT_EQ(rows("MATCH p = shortestPath((a {name: '杨勇'})-[*]-(b:Official)) RETURN b.name, length(p) ORDER BY b.name"),
            (Rows{{"张小军", "2"}, {"王芳", "3"}}));
  EXPECT_EQ(rows("MATCH p = shortestPath((a {name: '杨勇'})-[*..6]->(b {name: '顺义区政府'})) RETURN length(p)"),
            (Rows{{"2"}}));
  // Anchored at the right end: walked leftwards, returned left to right.
  EXPECT_EQ(rows("MATCH p = shortestPath((a:Official)-[*..6]-(b {name: '临空经济区'})) "
                 "RETURN a.name, length(p), nodes(p) ORDER BY a.name"),
            (Rows{{"张小军", "2", "[张小军, 杰必机电, 临空经济区]"},
                  {"杨勇", "4", "[杨勇, 南法信镇党委, 张小军, 杰必机电, 临空经济区]"},
                  {"王芳", "5", "[王芳, 顺义区政府, 南法信镇党委, 张小军, 杰必机电, 临空经济区]"}}));
  EXPECT_EQ(rows("MATCH p = shortestPath((a {name: '王芳'})-[:leads|part_of*..4]-(b:PartyOrg)) RETURN relationships(p)"),
            (Rows{{"[leads, part_of]"}}));
  // Both ends named: searched from both at once; here started from the
  // right end (bound by the first MATCH), returned left to right.
  EXPECT_EQ(rows("MATCH (b {name: '临空经济区'}) MATCH p = shortestPath((a {name: '王芳'})-[*..6]-(b)) "
                 "RETURN nodes(p), relationships(p)"),
            (Rows{{"[王芳, 顺义区政府, 南法信镇党委, 张小军, 杰必机电, 临空经济区]",
                   "[leads, part_of, holds_post, served, located_in]"}}));
  EXPECT_TRUE(rows("MATCH (b {name: '临空经济区'}) MATCH p = shortestPath((a {name: '王芳'})-[*..4]-(b)) RETURN p").empty());
  EXPECT_EQ(rows("MATCH p = shortestPath((a {name: '張小軍'})-[*..3]->(b {name: '顺义区政府'})) RETURN p"),
            (Rows{{"(张小军)-[holds_post]->(南法信镇党委)-[part_of]->(顺义区政府)"}}));
  EXPECT_TRUE(rows("MATCH p = shortestPath((a {name: '顺义区政府'})-[*..3]->(b {name: '张小军'})) RETURN p").empty());
}

TEST_P(CypherFeatures, WhereOperators) {
  EXPECT_EQ(rows("MATCH (n:Official) WHERE n.name IN ['張小軍', '王芳', '无人'] RETURN n.name ORDER BY n.name"),
            (Rows{{"张小军"}, {"王芳"}}));
  EXPECT_EQ(rows("MATCH (n) WHERE n.employees >= 100 AND n.employees < 200 RETURN n.name"), (Rows{{"杰必机电"}}));
  EXPECT_EQ(rows("MATCH (n) WHERE n.employees <= 120 RETURN n.name"), (Rows{{"杰必机电"}}));
  EXPECT_TRUE(rows("MATCH (n) WHERE n.employees > 120 RETURN n.name").empty());
  EXPECT_EQ(rows("MATCH (n) WHERE (n.type = 'Official' OR n.type = 'Person') AND NOT n.name STARTS WITH '张' "
                 "RETURN n.name ORDER BY n.name"),
            (Rows{{"李华"}, {"杨勇"}, {"王芳"}}));
  EXPECT_EQ(rows("MATCH (n) WHERE n.name ENDS WITH '政府' OR n.name CONTAINS '经济' RETURN n.name ORDER BY n.name"),
            (Rows{{"临空经济区"}, {"顺义区政府"}}));
  EXPECT_EQ(rows("MATCH (n:Enterprise) WHERE n.employees IS NOT NULL RETURN n.name"), (Rows{{"杰必机电"}}));
  EXPECT_EQ(rows("MATCH (n:Park) WHERE n.employees IS NULL RETURN n.name"), (Rows{{"临空经济区"}}));
  EXPECT_EQ(rows("MATCH (n:Official) WHERE n.name <> '张小军' RETURN count(*)"), (Rows{{"2"}}));
  EXPECT_EQ(rows("MATCH (n:Official) WHERE NOT n.name IN ['张小军', '杨勇'] RETURN n.name"), (Rows{{"王芳"}}));
  // null is neither true nor false: NOT (null = 1) is null, so no row.
  EXPECT_TRUE(rows("MATCH (n:Park) WHERE NOT n.employees = 1 RETURN n.name").empty());
  EXPECT_EQ(rows("MATCH (n:Park) WHERE n.employees = 1 OR true RETURN n.name"), (Rows{{"临空经济区"}}));
}

TEST_P(CypherFeatures, DatesCompareAsDates) {
  EXPECT_EQ(rows("MATCH (d:Document) WHERE d.published >= date('2024-02-01') RETURN d.title"), (Rows{{"B"}}));
  // As text '2024-03-05' < '2024-3-1'; as dates it is later.
  EXPECT_EQ(rows("MATCH (d:Document) WHERE d.published < '2024-3-1' RETURN d.title"), (Rows{{"A"}}));
  EXPECT_EQ(rows("MATCH (d:Document) WHERE d.published = date('2024/1/10') RETURN d.title"), (Rows{{"A"}}));
  EXPECT_EQ(rows("MATCH (d:Document) WHERE d.published IS NULL RETURN d.source"), (Rows{{"news/c.txt"}}));
  EXPECT_EQ(rows("MATCH (d:Document) RETURN date('2024-2-29') AS day LIMIT 1"), (Rows{{"2024-02-29"}}));
  EXPECT_TRUE(has(error_of("MATCH (d:Document) RETURN date('2023-02-29') LIMIT 1"), "date() takes a date"));
}

TEST_P(CypherFeatures, OrderSkipLimitDistinct) {
  EXPECT_EQ(rows("MATCH (o:Official)--(x) RETURN DISTINCT o.name ORDER BY o.name SKIP 1 LIMIT 1"), (Rows{{"杨勇"}}));
  EXPECT_EQ(rows("MATCH (o:Official)--(x) RETURN DISTINCT o.name AS who ORDER BY who DESC"),
            (Rows{{"王芳"}, {"杨勇"}, {"张小军"}}));
  EXPECT_EQ(rows("MATCH (n:Official) RETURN n.name ORDER BY n.name ASC LIMIT 2"), (Rows{{"张小军"}, {"杨勇"}}));
  EXPECT_EQ(rows("MATCH (n:Official) RETURN n.name ORDER BY n.name SKIP 5"), Rows{});
  // Only the first rows wanted: a label is read in name order and matching
  // stops after them, so these are the first names, with no ORDER BY.
  EXPECT_EQ(rows("MATCH (n:Official) RETURN n.name LIMIT 2"), (Rows{{"张小军"}, {"杨勇"}}));
  EXPECT_EQ(rows("MATCH (n:Official)--(x) RETURN DISTINCT n.name SKIP 1 LIMIT 1"), (Rows{{"杨勇"}}));
}

TEST_P(CypherFeatures, AggregatesGroupImplicitly) {
  EXPECT_EQ(rows("MATCH (o:Official)--(x) RETURN count(DISTINCT o), count(*), count(o.employees)"),
            (Rows{{"3", "4", "0"}}));
  EXPECT_EQ(rows("MATCH (o:Official)--(x) RETURN o.name, count(*) AS degree ORDER BY degree DESC, o.name"),
            (Rows{{"张小军", "2"}, {"杨勇", "1"}, {"王芳", "1"}}));
  EXPECT_EQ(rows("MATCH (d:Document) RETURN min(d.published), max(d.published), count(d.published), count(*)"),
            (Rows{{"2024-01-10", "2024-03-05", "2", "3"}}));
  EXPECT_EQ(rows("MATCH (o:Official)-[:holds_post]->(p) WITH p, o ORDER BY o.name DESC "
                 "RETURN p.name, collect(o.name) AS members"),
            (Rows{{"南法信镇党委", "[杨勇, 张小军]"}}));
  EXPECT_EQ(rows("MATCH (n:Official)-[:holds_post]->(p) RETURN collect(DISTINCT p.name)"), (Rows{{"[南法信镇党委]"}}));
  // Over no rows: one row of zeros and empty lists.
  EXPECT_EQ(rows("MATCH (n:Project) RETURN count(*), collect(n.name), max(n.name)"), (Rows{{"0", "[]", ""}}));
  EXPECT_TRUE(rows("MATCH (n:Project) RETURN n.name, count(*)").empty());
}

TEST_P(CypherFeatures, WithProjectsAggregatesAndFilters) {
  EXPECT_EQ(rows("MATCH (o:Official)--(x) WITH o, count(*) AS degree WHERE degree > 1 RETURN o.name, degree"),
            (Rows{{"张小军", "2"}}));
  EXPECT_EQ(rows("MATCH (a {name: '张小军'}) WITH a MATCH (a)-[:served]->(c) RETURN c.name"), (Rows{{"杰必机电"}}));
  EXPECT_EQ(rows("MATCH (n:Official) WITH n.name AS who ORDER BY who LIMIT 1 RETURN who"), (Rows{{"张小军"}}));
  EXPECT_TRUE(has(error_of("MATCH (n) WITH n.name RETURN n"), "expected 'AS name' after an expression in WITH"));
  // Variables not passed on by WITH are gone.
  EXPECT_TRUE(has(error_of("MATCH (n)--(m) WITH n RETURN m"), "unknown variable 'm'"));
}

TEST_P(CypherFeatures, OptionalMatchKeepsRowsWithNulls) {
  EXPECT_EQ(rows("MATCH (o:Official) OPTIONAL MATCH (o)-[:served]->(c) RETURN o.name, c.name ORDER BY o.name"),
            (Rows{{"张小军", "杰必机电"}, {"杨勇", ""}, {"王芳", ""}}));
  EXPECT_EQ(rows("MATCH (o:Official) OPTIONAL MATCH (o)-[r:holds_post]->(p) WHERE r.title = '书记' "
                 "RETURN o.name, p.name ORDER BY o.name"),
            (Rows{{"张小军", "南法信镇党委"}, {"杨勇", ""}, {"王芳", ""}}));
  // A null from one OPTIONAL MATCH matches nothing in the next.
  EXPECT_EQ(rows("MATCH (o:Official) OPTIONAL MATCH (o)-[:served]->(c) OPTIONAL MATCH (c)-[:located_in]->(p) "
                 "RETURN o.name, p.name ORDER BY o.name"),
            (Rows{{"张小军", "临空经济区"}, {"杨勇", ""}, {"王芳", ""}}));
  EXPECT_EQ(rows("MATCH (o:Official) OPTIONAL MATCH (o)-[:served]->(c) RETURN count(c), count(*)"), (Rows{{"1", "3"}}));
}

TEST_P(CypherFeatures, FunctionsAndAliases) {
  const QueryResult r = run("MATCH (a {name: '杨勇'})-[r]->(b) RETURN type(r) AS t, labels(b) AS l, id(b) AS i, "
                            "toUpper('abc') AS u, coalesce(b.nothing, b.name) AS c");
  EXPECT_EQ(r.columns, (std::vector<std::string>{"t", "l", "i", "u", "c"}));
  EXPECT_EQ(r.rows, (Rows{{"holds_post", "[PartyOrg]", "party", "ABC", "南法信镇党委"}}));
  EXPECT_EQ(rows("MATCH (n {name: '杰必机电'}) RETURN toInteger(n.employees) AS e, size(n.name), toString(n.employees)"),
            (Rows{{"120", "4", "120"}}));
  EXPECT_EQ(rows("RETURN 1 AS one, [1, 'a', null] AS l, date('2024-3-5') AS d"), (Rows{{"1", "[1, a, null]", "2024-03-05"}}));
  EXPECT_TRUE(has(error_of("MATCH (n) RETURN foo(n)"), "unknown function 'foo'"));
  EXPECT_TRUE(has(error_of("MATCH (n) RETURN type(n, n)"), "type() takes 1 argument"));
}

TEST_P(CypherFeatures, NamesFoldScriptsInPatternsAndWhere) {
  EXPECT_EQ(rows("MATCH (n {name: '張小軍'}) RETURN n.name"), (Rows{{"张小军"}}));
  EXPECT_EQ(rows("MATCH (n) WHERE n.name = '張小軍' RETURN n.name"), (Rows{{"张小军"}}));
  EXPECT_EQ(rows("MATCH (n:Official) WHERE n.name = '張小軍' OR n.name = '楊勇' RETURN n.name ORDER BY n.name"),
            (Rows{{"张小军"}, {"杨勇"}}));
  EXPECT_EQ(rows("MATCH (n) WHERE n.name CONTAINS '經濟' RETURN n.name"), (Rows{{"临空经济区"}}));
  EXPECT_EQ(rows("MATCH (a {name: '張小軍'})-[:served]->(c) RETURN c.name"), (Rows{{"杰必机电"}}));
}

TEST_P(CypherFeatures, JsonKeepsNumbersBooleansNullsAndLists) {
  const QueryResult r = run("MATCH (o:Official) OPTIONAL MATCH (o)-[:served]->(c) "
                            "RETURN o.name AS who, count(c) AS served, c.employees AS employees, "
                            "c.employees > 100 AS big, collect(c.name) AS firms ORDER BY who LIMIT 2");
  rapidjson::Document json;
  json.Parse(format_result(r, OutputFormat::json).c_str());
  ASSERT_FALSE(json.HasParseError());
  ASSERT_TRUE(json.IsArray());
  ASSERT_EQ(json.Size(), 2u);
  const auto& first = json[0];
  EXPECT_STREQ(first["who"].GetString(), "张小军");
  ASSERT_TRUE(first["served"].IsInt());
  EXPECT_EQ(first["served"].GetInt(), 1);
  ASSERT_TRUE(first["employees"].IsInt());
  EXPECT_EQ(first["employees"].GetInt(), 120);
  ASSERT_TRUE(first["big"].IsBool());
  EXPECT_TRUE(first["big"].GetBool());
  ASSERT_TRUE(first["firms"].IsArray());
  EXPECT_STREQ(first["firms"][0].GetString(), "杰必机电");
  const auto& second = json[1];
  EXPECT_EQ(second["served"].GetInt(), 0);
  EXPECT_TRUE(second["employees"].IsNull());
  EXPECT_TRUE(second["big"].IsNull());
  EXPECT_EQ(second["firms"].Size(), 0u);
  // The table still shows text.
  EXPECT_TRUE(has(format_result(r, OutputFormat::table), "张小军  1       120        true  [杰必机电]"));
}

TEST_P(CypherFeatures, UnsupportedClausesAreErrorsNamingThem) {
  for (const char* clause : {"CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "CALL", "UNWIND", "FOREACH"}) {
    const std::string after_match = error_of(std::string("MATCH (n) ") + clause + " n");
    EXPECT_TRUE(has(after_match, std::string("the clause ") + clause + " is not supported")) << after_match;
    const std::string first = error_of(std::string(clause) + " (n)");
    EXPECT_TRUE(has(first, std::string("the clause ") + clause + " is not supported")) << first;
    EXPECT_TRUE(is_cypher(std::string(clause) + " (n)")) << clause;
  }
  EXPECT_TRUE(has(error_of("MATCH (n) RETURN n UNION MATCH (m) RETURN m"), "the clause UNION is not supported"));
  EXPECT_TRUE(has(error_of("MATCH (n) WHERE n.name = $name RETURN n"), "parameters ($name) are not supported"));
  EXPECT_TRUE(has(error_of("MATCH (n) RETURN CASE WHEN true THEN 1 END"), "'CASE' is not supported"));
  EXPECT_TRUE(has(error_of("MATCH (n) RETURN n.name =~ 'x'"), "regular expressions (=~) are not supported"));
  EXPECT_TRUE(has(error_of("MATCH (n) RETURN 1 + 1"), "arithmetic ('+') is not supported"));
  EXPECT_TRUE(has(error_of("MATCH (n) RETURN {a: 1}"), "map values are not supported"));
  EXPECT_TRUE(has(error_of("MATCH p = allShortestPaths((a)-[*]-(b)) RETURN p"), "allShortestPaths is not supported"));
}

TEST_P(CypherFeatures, DocumentsAndMentions) {
  EXPECT_EQ(rows("MATCH (d:Document)-[:MENTIONS]->(p:Official) WHERE d.published >= '2024-01-01' "
                 "RETURN d.source, p.name ORDER BY d.source, p.name"),
            (Rows{{"news/a.txt", "张小军"}, {"news/a.txt", "杨勇"}, {"news/b.txt", "张小军"}}));
  EXPECT_EQ(rows("MATCH (e {name: '杰必机电'})<-[:MENTIONS]-(d) RETURN d.title, d.outlet, d.published ORDER BY d.title"),
            (Rows{{"B", "北京日报", "2024-03-05"}, {"C", "", ""}}));
  // From a document its path names to the entities it mentions.
  EXPECT_EQ(rows("MATCH (d:Document {source: 'news/c.txt'})-[m:MENTIONS]->(e) RETURN e.name, type(m) ORDER BY e.name"),
            (Rows{{"临空经济区", "MENTIONS"}, {"杰必机电", "MENTIONS"}, {"王芳", "MENTIONS"}}));
  EXPECT_EQ(rows("MATCH (d:Document)-[:MENTIONS]->(e:Official) "
                 "RETURN d.outlet, count(DISTINCT e) AS officials ORDER BY officials DESC, d.outlet"),
            (Rows{{"顺义时讯", "2"}, {"北京日报", "1"}, {"", "1"}}));
  // Who appears in the same article as 张小军?
  EXPECT_EQ(rows("MATCH (a {name: '张小军'})<-[:MENTIONS]-(d)-[:MENTIONS]->(b:Official) WHERE b <> a "
                 "RETURN DISTINCT b.name, d.title"),
            (Rows{{"杨勇", "A"}}));
  EXPECT_EQ(rows("MATCH (d:Document) WHERE d.title = 'B' RETURN labels(d), id(d), d, d.part"),
            (Rows{{"[Document]", "2", "news/b.txt", "0"}}));
  EXPECT_EQ(rows("MATCH (d:Document) RETURN count(*)"), (Rows{{"3"}}));
  // Documents are matched only when asked for: (n) is an entity.
  EXPECT_EQ(rows("MATCH (n) RETURN count(*)"), (Rows{{"8"}}));
  EXPECT_EQ(rows("MATCH (d:Document)-->(e {name: '李华'}) RETURN d.source"), (Rows{{"news/b.txt"}}));
  EXPECT_TRUE(has(error_of("MATCH (a)-[:MENTIONS]-(b) RETURN a"), "say which end of MENTIONS is the Document"));
  EXPECT_TRUE(has(error_of("MATCH (d:Document)-[:served]->(e) RETURN d"), "only by MENTIONS"));
  EXPECT_TRUE(has(error_of("MATCH (d:Document)-[:MENTIONS*1..2]->(e) RETURN d"), "takes no *"));
  EXPECT_TRUE(has(error_of("MATCH (a:Official)<-[:MENTIONS]-(b:Park) RETURN a"), "cannot be an entity of type Park"));
  EXPECT_TRUE(has(error_of("MATCH (n) MATCH (n)-[:MENTIONS]->(e) RETURN e"), "is an entity, not a Document"));
  // A Document passed on by WITH stays one: its untyped relationship is MENTIONS.
  EXPECT_EQ(rows("MATCH (d:Document) WITH d MATCH (d)--(e)-[:served]->(x) RETURN d.title, e.name, x.name ORDER BY d.title"),
            (Rows{{"A", "张小军", "杰必机电"}, {"B", "张小军", "杰必机电"}}));
}

INSTANTIATE_TEST_SUITE_P(InMemoryAndStore, CypherFeatures, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& param_info) { return param_info.param ? "Store" : "Memory"; });

}  // namespace
}  // namespace kg
