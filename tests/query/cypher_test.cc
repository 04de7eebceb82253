// tests/query/cypher_test.cc: the Cypher subset on the fixture graph: what
// valid queries return, where malformed ones are reported, and that hostile
// input ends in a QueryError rather than a crash.
#include <random>
#include <set>

#include <gtest/gtest.h>

#include "fixture.h"
#include "query/query.h"

namespace kg {
namespace {

using Rows = std::vector<std::vector<std::string>>;

class Cypher : public ::testing::Test {
 protected:
  QueryResult run(std::string_view text) { return run_cypher(fixture.graph, text); }
  // The error a query must raise, or an empty error with line 0 if it runs.
  QueryError error_of(std::string_view text) {
    try {
      run(text);
    } catch (const QueryError& e) {
      return e;
    }
    return QueryError(0, 0, "no error");
  }
  testing::GovernanceGraph fixture;
};

TEST_F(Cypher, ServedReturnsTheSameRowsAsTheNamedQuestion) {
  const QueryResult r = run("MATCH (o:Official)-[r:served]->(c:Enterprise) RETURN o.name, c.name ORDER BY o.name");
  EXPECT_EQ(r.columns, (std::vector<std::string>{"o.name", "c.name"}));
  NamedQuery served;
  served.question = "served";
  Rows named;
  for (const auto& row : run_named(fixture.graph, served).rows) named.push_back({row[0], row[1]});
  EXPECT_EQ(r.rows, named);
}

TEST_F(Cypher, WhereContainsOnAName) {
  EXPECT_EQ(run("MATCH (e)-[:located_in]->(p:Park) WHERE e.name CONTAINS '科技' RETURN e.name, p.name").rows,
            (Rows{{"北京伟通柔显科技有限公司", "HICOOL产业园"}}));
}

TEST_F(Cypher, IncomingAndUndirectedRelations) {
  EXPECT_EQ(run("MATCH (p:Park)<-[:located_in]-(e) RETURN e.name ORDER BY e.name DESC").rows,
            (Rows{{"北京伟通柔显科技有限公司"}, {"东风项目"}}));
  EXPECT_EQ(run("MATCH (a {name: '杨勇'})-[r]-(b) RETURN b.name, r.type ORDER BY r.type").rows,
            (Rows{{"南法信镇党委", "holds_post"}, {"成都频岢微电子公司", "served"}}));
  // Direction matters when it is given.
  EXPECT_TRUE(run("MATCH (c:Enterprise)-[:served]->(o) RETURN o").rows.empty());
  EXPECT_EQ(run("MATCH (c:Enterprise)--(o:Official) RETURN count(*)").rows, (Rows{{"2"}}));
}

TEST_F(Cypher, TwoHopsUseEachRelationOnce) {
  EXPECT_EQ(run("MATCH (a:Official)-[:holds_post]->(o:PartyOrg)<-[:holds_post]-(b:Official) "
                "WHERE a.name = '张小军' RETURN b.name ORDER BY b.name")
                .rows,
            (Rows{{"杨勇"}, {"赵青"}}));
  EXPECT_EQ(run("MATCH (o:Official)-[:served]->(c)<-[:project_of]-(p:Project) RETURN o.name, c, p.name").rows,
            (Rows{{"赵青", "杰必机电", "东风项目"}}));
}

TEST_F(Cypher, SeveralRelationTypesAndCounting) {
  EXPECT_EQ(run("MATCH (a)-[r:served|holds_post]->(b) RETURN count(*) AS n").rows, (Rows{{"5"}}));
  EXPECT_EQ(run("MATCH (a)-[r:served|:holds_post]->(b) RETURN count(DISTINCT a) AS people").rows, (Rows{{"3"}}));
  EXPECT_EQ(run("MATCH (o:Official)-[:holds_post]->(p) RETURN p.name, count(*) AS members ORDER BY members").rows,
            (Rows{{"南法信镇党委", "3"}}));
  EXPECT_EQ(run("MATCH (x:Project)-[:served]->(y) RETURN count(*)").rows, (Rows{{"0"}}));
}

TEST_F(Cypher, DistinctOrderSkipLimit) {
  EXPECT_EQ(run("MATCH (o)-[:holds_post]->(p) RETURN DISTINCT p.name").rows, (Rows{{"南法信镇党委"}}));
  EXPECT_EQ(run("MATCH (o:Official)-[r:holds_post]->(p) RETURN o.name AS who, r.title ORDER BY who SKIP 1 LIMIT 1").rows,
            (Rows{{"杨勇", "副书记"}}));
  EXPECT_EQ(run("MATCH (n:Official) RETURN n ORDER BY n.name LIMIT 2").rows, (Rows{{"张小军"}, {"李明"}}));
  EXPECT_EQ(run("MATCH (n:Official) RETURN n.name LIMIT 0").rows.size(), 0u);
}

TEST_F(Cypher, AttributesAreProperties) {
  EXPECT_EQ(run("MATCH (p:Project) WHERE p.investment_yuan > 100000000 RETURN p.name, p.investment_yuan").rows,
            (Rows{{"东风项目", "120000000"}}));
  EXPECT_TRUE(run("MATCH (p:Project) WHERE p.investment_yuan >= 1.5e8 RETURN p.name").rows.empty());
  EXPECT_EQ(run("MATCH (o)-[r:served]->(c) WHERE r.role = 'accompany' RETURN o.name, r.role, r.source").rows,
            (Rows{{"赵青", "accompany", "news/b.txt"}}));
  EXPECT_EQ(run("MATCH (o)-[r:served]->(c) WHERE r.role IS NULL RETURN o.name, r.nothing").rows,
            (Rows{{"杨勇", ""}}));
  EXPECT_EQ(run("MATCH (c) WHERE c.aliases CONTAINS '伟通' RETURN c.id").rows, (Rows{{"weitong"}}));
}

TEST_F(Cypher, BooleanLogicAndStringOperators) {
  EXPECT_EQ(run("MATCH (n) WHERE (n.name STARTS WITH '杨' OR n.name ENDS WITH '青') AND NOT n.type = 'Person' "
                "RETURN n.name ORDER BY n.name")
                .rows,
            (Rows{{"杨勇"}, {"赵青"}}));
  EXPECT_EQ(run("match (n:park) where n.name <> \"HICOOL产业园\" return n.name").rows, (Rows{{"中关村科技园"}}));
  EXPECT_EQ(run("MATCH (n) WHERE n.name = 'it\\'s' OR n.name = \"\\u674E明\" RETURN n.id ORDER BY n.id").rows,
            (Rows{{"liming1"}, {"liming2"}}));
}

TEST_F(Cypher, IsCypherLooksAtTheFirstWord) {
  EXPECT_TRUE(is_cypher("MATCH (n) RETURN n"));
  EXPECT_TRUE(is_cypher("  match(n) RETURN n"));
  EXPECT_FALSE(is_cypher("matches"));
  EXPECT_FALSE(is_cypher("served"));
  EXPECT_FALSE(is_cypher(""));
}

struct ErrorCase {
  const char* query;
  std::size_t line, column;
  const char* message;  // part of what()
};

TEST_F(Cypher, MalformedQueriesSayWhereAndWhat) {
  const ErrorCase cases[] = {
      {"MATCH (o:Official WHERE o.name = 'x' RETURN o", 1, 19, "expected ')' after node pattern, found 'WHERE'"},
      {"MATCH (n) WHERE n.name = '科技' RETRN n", 1, 31, "expected 'RETURN' (or another clause) after the WHERE condition, found 'RETRN'"},
      {"MATCH (n:Company) RETURN n", 1, 10, "unknown label 'Company'"},
      {"MATCH (a)-[r:employs]->(b) RETURN a", 1, 14, "unknown relationship type 'employs'"},
      {"MATCH (a) RETURN b.name", 1, 18, "unknown variable 'b'"},
      {"MATCH (a) WHERE a.name = 'abc RETURN a", 1, 26, "unterminated string"},
      {"MATCH (a-[r]->(b) RETURN a", 1, 9, "expected ')' after node pattern, found '-'"},
      {"MATCH (a)-[r->(b) RETURN a", 1, 13, "expected ']' after relationship pattern"},
      {"MATCH (a)) RETURN a", 1, 10, "expected 'WHERE' or 'RETURN' (or another clause) after the pattern, found ')'"},
      {"MATCH (a) RETURN a LIMIT", 1, 25, "found end of query"},
      {"MATCH (a) RETURN a LIMIT -1", 1, 26, "expected a whole number after LIMIT"},
      {"MATCH (a) WHERE a.name RETURN a", 1, 17, "expected a condition"},
      {"MATCH (a) WHERE count(*) = 1 RETURN a", 1, 17, "count() is not allowed in WHERE"},
      {"MATCH (a) RETURN a.name, a.name", 1, 26, "returned twice"},
      {"MATCH (a)<-[r]->(b) RETURN a", 1, 16, "cannot point both ways"},
      {"MATCH (a)-->()-->()-->()-->()-->()-->()-->()-->()-->(b) RETURN a", 1, 50, "at most 8 relationships"},
      {"MATCH (a)\n  WHERE a.name == 'x'\n  RETURN a", 2, 17, "expected a value"},
      {"MATCH (a) RETURN a # comment", 1, 20, "unexpected character '#'"},
      {"MATCH (a) RETURN a\x01", 1, 19, "unexpected control character U+0001"},
      {"CREATE (n)", 1, 1, "the clause CREATE is not supported"},
      {"MATCH (n) RETURN n SET n.name = 'x'", 1, 20, "the clause SET is not supported"},
      {"1", 1, 1, "expected 'MATCH' at the start of the query, found '1'"},
      {"", 1, 1, "found end of query"},
      {"MATCH (a) WHERE a.name = 'x\\q' RETURN a", 1, 28, "unknown escape"},
  };
  for (const auto& c : cases) {
    const QueryError e = error_of(c.query);
    EXPECT_EQ(e.line(), c.line) << c.query << "\n" << e.what();
    EXPECT_EQ(e.column(), c.column) << c.query << "\n" << e.what();
    EXPECT_NE(std::string(e.what()).find(c.message), std::string::npos) << c.query << "\n" << e.what();
    EXPECT_EQ(std::string(e.what()).rfind("query:" + std::to_string(c.line) + ":" + std::to_string(c.column) + ": ", 0),
              0u)
        << e.what();
  }
}

TEST_F(Cypher, CaretPointsUnderTheErrorWithWideCharacters) {
  const std::string query = "MATCH (n) WHERE n.name = '科技' RETRN n";
  const std::string shown = point_at_error(query, error_of(query));
  // '科技' takes four terminal columns, so the caret sits 32 columns in, not 30.
  EXPECT_EQ(shown, query + "\n" + std::string(32, ' ') + "^");
  const std::string two_lines = "MATCH (a)\nWHERE a.name == 'x' RETURN a";
  EXPECT_EQ(point_at_error(two_lines, error_of(two_lines)), "WHERE a.name == 'x' RETURN a\n" + std::string(14, ' ') + "^");
}

TEST_F(Cypher, HostileInputEndsInAQueryError) {
  // Very long strings: one that closes runs, one that never closes is reported at its start.
  const std::string long_text(100 * 1024, 'x');
  EXPECT_TRUE(run("MATCH (n) WHERE n.name = '" + long_text + "' RETURN n").rows.empty());
  EXPECT_EQ(error_of("MATCH (n) WHERE n.name = '" + long_text).column(), 26u);
  EXPECT_EQ(error_of("MATCH (n) WHERE n.name = \"" + long_text + "\\").column(), 26u);
  // Deep nesting stops at the cap instead of at the end of the stack.
  std::string nots;
  for (int i = 0; i < 50000; ++i) nots += "NOT ";
  EXPECT_NE(std::string(error_of("MATCH (n) WHERE " + nots + "n.name = 'x' RETURN n").what()).find("nested"),
            std::string::npos);
  EXPECT_NE(std::string(error_of("MATCH (n) WHERE " + std::string(50000, '(') + "n.name = 'x' RETURN n").what())
                .find("nested"),
            std::string::npos);
  EXPECT_TRUE(run("MATCH (n) WHERE " + std::string(60, '(') + "n.name = 'x'" + std::string(60, ')') + " RETURN n")
                  .rows.empty());
  // Long flat chains are not nesting and must still run.
  std::string chain = "MATCH (n) WHERE n.name = '杨勇'";
  for (int i = 0; i < 20000; ++i) chain += " OR n.name = 'nobody'";
  EXPECT_EQ(run(chain + " RETURN n.name").rows, (Rows{{"杨勇"}}));
  // Unbalanced brackets and quotes of every kind.
  for (const char* bad : {"MATCH ((((", "MATCH (a)-[[[", "MATCH (a {name: 'x'", "MATCH (a) RETURN ((a.name",
                          "MATCH (a) RETURN a.name)", "MATCH (a) WHERE a.name = \"x' RETURN a", "MATCH `a",
                          "MATCH (a) /* never closed", "MATCH (a)-[r:served|]->(b) RETURN a", "MATCH (a:) RETURN a",
                          "MATCH (a) RETURN a.", "MATCH (a) RETURN count(", "MATCH (\xff) RETURN a",
                          "MATCH (a) WHERE a.name = 1e999999 RETURN a", "MATCH (a) RETURN a LIMIT 99999999999999999999999"})
    EXPECT_GT(error_of(bad).line(), 0u) << bad;
}

// Issue 14: count( nested 10,000 deep overflowed the stack (count() had no
// depth limit of its own; 100,000 deep crashes any stack size we run with).
// Every way an expression nests now shares one limit.
TEST_F(Cypher, EveryWayOfNestingSharesOneDepthLimit) {
  auto nested_error = [&](const std::string& query) {
    return std::string(error_of(query).what()).find("nested") != std::string::npos;
  };
  std::string counts;
  for (int i = 0; i < 100000; ++i) counts += "count(";
  EXPECT_TRUE(nested_error("MATCH (n) RETURN " + counts + "n" + std::string(100000, ')')));
  EXPECT_TRUE(nested_error("MATCH (n) RETURN " + counts));
  // The same in every place an expression can stand.
  const std::string parens(10000, '(');
  EXPECT_TRUE(nested_error("MATCH (n {name: " + parens + "'x'}) RETURN n"));
  EXPECT_TRUE(nested_error("MATCH (n) RETURN n.name ORDER BY " + parens + "n.name"));
  EXPECT_TRUE(nested_error("MATCH (n) RETURN n.name AS a, " + parens + "n.name"));
  std::string mixed;
  for (int i = 0; i < 5000; ++i) mixed += "NOT (count(";
  EXPECT_TRUE(nested_error("MATCH (n) WHERE " + mixed + "n"));
  // One shared limit: 40 NOTs and 40 parentheses are too deep together,
  // though each alone is allowed.
  std::string forty_each, closing;
  for (int i = 0; i < 40; ++i) forty_each += "NOT (", closing += ")";
  EXPECT_TRUE(nested_error("MATCH (n) WHERE " + forty_each + "n.name = 'x'" + closing + " RETURN n"));
  std::string twenty_each;
  for (int i = 0; i < 20; ++i) twenty_each += "NOT (";
  EXPECT_EQ(run("MATCH (n) WHERE " + twenty_each + "n.name = '杨勇'" + closing.substr(0, 20) + " RETURN n.name").rows,
            (Rows{{"杨勇"}}));
}

// Issue 14 (UBSan): render_number converted the double to long long before
// checking its range. Numbers outside it are printed as they are.
TEST_F(Cypher, NumbersBeyondTheIntegerRangeAreRenderedWithoutOverflow) {
  EXPECT_EQ(run("MATCH (n) RETURN 1e308 LIMIT 1").rows, (Rows{{"1e+308"}}));
  EXPECT_EQ(run("MATCH (n) RETURN -1e308 LIMIT 1").rows, (Rows{{"-1e+308"}}));
  EXPECT_EQ(run("MATCH (n) RETURN 9.3e18 LIMIT 1").rows, (Rows{{"9.3e+18"}}));
  EXPECT_EQ(run("MATCH (n) RETURN 123456789012345 LIMIT 1").rows, (Rows{{"123456789012345"}}));
  EXPECT_EQ(run("MATCH (n) RETURN -42 LIMIT 1").rows, (Rows{{"-42"}}));
}

// A pattern that multiplies rows beyond what memory holds stops with an
// error naming the clause, not with the process killed.
TEST_F(Cypher, ACrossProductTooBigToHoldIsRefused) {
  const QueryError e = error_of("MATCH (a), (b), (c), (d), (e), (f), (g), (h), (i), (j), (k), (l), (m), (n), (o), (p) "
                                "RETURN count(*)");
  EXPECT_EQ(e.column(), 1u) << e.what();
  EXPECT_NE(std::string(e.what()).find("rows; narrow the pattern or add a LIMIT"), std::string::npos) << e.what();
  // Small products run: 12 entities, 144 pairs.
  EXPECT_EQ(run("MATCH (a), (b) RETURN count(*)").rows, (Rows{{"144"}}));
}

TEST_F(Cypher, EveryPrefixAndRandomDamageIsHandled) {
  const std::string query =
      "MATCH (o:Official {name: '杨勇'})-[r:served|holds_post]->(c)<-[:project_of]-(p) "
      "WHERE (c.name CONTAINS \"科技\" OR NOT r.title STARTS WITH '副') AND p.investment_yuan >= 1.5e3 "
      "RETURN DISTINCT o.name AS who, count(*) AS n ORDER BY n DESC, who SKIP 1 LIMIT 5;";
  EXPECT_NO_THROW(run(query));
  for (std::size_t cut = 0; cut < query.size(); ++cut) {
    try {
      run(query.substr(0, cut));
    } catch (const QueryError&) {
    }
  }
  std::mt19937 random(20240601);
  const std::string alphabet = "()[]{}<>-:|.,'\"\\`*=!; aAzZ09科\n";
  for (int round = 0; round < 2000; ++round) {
    std::string damaged = query;
    for (int k = 0; k < 3; ++k) {
      const std::size_t at = random() % damaged.size();
      damaged[at] = alphabet[random() % alphabet.size()];
    }
    try {
      run(damaged);
    } catch (const QueryError& e) {
      EXPECT_GT(e.column(), 0u);
    }
  }
}

}  // namespace
}  // namespace kg
