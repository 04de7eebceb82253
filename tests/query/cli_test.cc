// tests/query/cli_test.cc: `kg query` end to end: the fixture graph written to
// a database through the store, then asked from the command line; and the
// issue's "must show" on the seeds, built with `kg build`.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "fixture.h"
#include "query/query.h"
#include "store/store.h"

namespace kg {
namespace {

namespace fs = std::filesystem;

struct Outcome {
  int exit_code = -1;
  std::string out, err;
};

std::string shell_quote(const std::string& word) {
  std::string quoted = "'";
  for (char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class QueryCli : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    dir = fs::temp_directory_path() / ("kg_query_cli_" + std::to_string(::getpid()) + "_" + test->name());
    fs::remove_all(dir);
    fs::create_directories(dir);
    db = (dir / "graph.db").string();
  }
  void TearDown() override { fs::remove_all(dir); }

  // The fixture graph stored as `kg build` would store it: documents first,
  // so that evidence points at rows that exist.
  void write_fixture_db() {
    testing::GovernanceGraph fixture;
    Store store(db);
    store.begin();
    for (auto& info : fixture.graph.documents) {
      Document doc;
      doc.source = info.source;
      doc.sha256 = "sha-" + info.source;
      doc.meta.title = info.title;
      const std::int64_t stored = store.add_document(doc, Extraction{});
      ASSERT_EQ(stored, info.id) << "a fresh database numbers documents from 1";
    }
    store.replace_graph(fixture.graph);
    store.commit();
  }

  Outcome kg(const std::vector<std::string>& args) const {
    std::string command = KG_BINARY;
    for (const auto& a : args) command += " " + shell_quote(a);
    command += " >" + shell_quote((dir / "out").string()) + " 2>" + shell_quote((dir / "err").string());
    const int status = std::system(command.c_str());
    Outcome o;
    o.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    o.out = slurp(dir / "out");
    o.err = slurp(dir / "err");
    return o;
  }
  Outcome query(std::vector<std::string> args) const {
    args.insert(args.begin(), {"query", "--db", db});
    return kg(args);
  }

  fs::path dir;
  std::string db;
};

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST_F(QueryCli, ServedWithEvidenceAsCsv) {
  write_fixture_db();
  const Outcome o = query({"--format", "csv", "--evidence", "served"});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  EXPECT_EQ(o.out,
            "official,enterprise,role,first_seen,last_seen,date,sentence,source\r\n"
            "杨勇,成都频岢微电子公司,,,,,杨勇走访成都频岢微电子公司，了解生产情况。,news/a.txt\r\n"
            "赵青,杰必机电,accompany,,,,赵青陪同企业负责人考察杰必机电。,news/b.txt\r\n");
}

TEST_F(QueryCli, NamedQuestionsAnswerFromTheDatabase) {
  write_fixture_db();
  const Outcome entity = query({"entity", "張小軍"});
  ASSERT_EQ(entity.exit_code, 0) << entity.err;
  EXPECT_TRUE(has(entity.out, "张小军")) << entity.out;
  EXPECT_TRUE(has(entity.out, "书记 @ 南法信镇党委")) << entity.out;

  const Outcome path = query({"--format", "tsv", "path", "张小军", "杨勇"});
  ASSERT_EQ(path.exit_code, 0) << path.err;
  EXPECT_EQ(path.out, "step\tfrom\trelation\tto\n1\t张小军\t-[holds_post: 书记]->\t南法信镇党委\n"
                      "2\t南法信镇党委\t<-[holds_post: 副书记]-\t杨勇\n");

  const Outcome near = query({"--format", "tsv", "neighbors", "张小军", "--depth", "2"});
  ASSERT_EQ(near.exit_code, 0) << near.err;
  EXPECT_EQ(near.out, "entity\ttype\tdistance\n南法信镇党委\tPartyOrg\t1\n杨勇\tOfficial\t2\n赵青\tOfficial\t2\n");

  const Outcome top = query({"--format", "tsv", "top", "--by", "betweenness", "--limit", "1"});
  ASSERT_EQ(top.exit_code, 0) << top.err;
  EXPECT_EQ(top.out, "rank\tentity\ttype\tbetweenness\n1\t南法信镇党委\tPartyOrg\t17\n");

  const Outcome in = query({"--format", "tsv", "in", "HICOOL产业园"});
  ASSERT_EQ(in.exit_code, 0) << in.err;
  EXPECT_EQ(in.out, "entity\ttype\tfirst_seen\tlast_seen\n东风项目\tProject\t\t\n北京伟通柔显科技有限公司\tEnterprise\t\t\n");

  const Outcome posts = query({"posts", "赵青"});
  ASSERT_EQ(posts.exit_code, 0) << posts.err;
  EXPECT_TRUE(has(posts.out, "党员")) << posts.out;
  EXPECT_TRUE(has(posts.out, "(1 row)")) << posts.out;
}

TEST_F(QueryCli, CypherAsJson) {
  write_fixture_db();
  const Outcome o = query({"--format", "json",
                           "MATCH (o:Official)-[r:served]->(c:Enterprise) RETURN o.name AS official, c.name, r.role "
                           "ORDER BY official"});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  rapidjson::Document rows;
  rows.Parse(o.out.c_str());
  ASSERT_FALSE(rows.HasParseError()) << o.out;
  ASSERT_TRUE(rows.IsArray());
  ASSERT_EQ(rows.Size(), 2u);
  EXPECT_EQ(std::string(rows[0]["official"].GetString()), "杨勇");
  EXPECT_EQ(std::string(rows[0]["c.name"].GetString()), "成都频岢微电子公司");
  EXPECT_EQ(std::string(rows[1]["r.role"].GetString()), "accompany");
}

// Issue 12 part 5: numbers stay numbers in JSON, documents are nodes, and a
// clause kg does not support is an error naming it (exit 2), from the CLI.
TEST_F(QueryCli, CypherJsonNumbersDocumentsAndRefusedClauses) {
  write_fixture_db();
  const Outcome o = query({"--format", "json",
                           "MATCH (d:Document)-[:MENTIONS]->(e:Official) RETURN d.source AS source, "
                           "count(e) AS officials, collect(e.name) AS names ORDER BY source"});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  rapidjson::Document rows;
  rows.Parse(o.out.c_str());
  ASSERT_FALSE(rows.HasParseError()) << o.out;
  ASSERT_TRUE(rows.IsArray());
  ASSERT_EQ(rows.Size(), 1u) << o.out;  // every fixture entity is mentioned in news/a.txt only
  EXPECT_STREQ(rows[0]["source"].GetString(), "news/a.txt");
  ASSERT_TRUE(rows[0]["officials"].IsInt()) << o.out;
  EXPECT_EQ(rows[0]["officials"].GetInt(), 4);  // 张小军, 杨勇, 赵青 and the official 李明 (the other is a Person)
  ASSERT_TRUE(rows[0]["names"].IsArray()) << o.out;
  EXPECT_EQ(rows[0]["names"].Size(), 4u) << o.out;

  for (const char* clause : {"CREATE", "MERGE", "DELETE", "CALL"}) {
    const Outcome refused = query({std::string("MATCH (n) ") + clause + " (m)"});
    EXPECT_EQ(refused.exit_code, 2) << clause;
    EXPECT_TRUE(refused.out.empty()) << refused.out;
    EXPECT_TRUE(has(refused.err, std::string("the clause ") + clause + " is not supported")) << refused.err;
  }
  const Outcome first_word = query({"CREATE (n:Official {name: 'x'})"});
  EXPECT_EQ(first_word.exit_code, 2);
  EXPECT_TRUE(has(first_word.err, "the clause CREATE is not supported")) << first_word.err;
}

// The index of a document's entities (schema/*_document_entities.sql) is
// the inverse of the entities' own document lists after every kind of write:
// a first build, files added, a file removed.
TEST_F(QueryCli, DocumentEntitiesStayTheInverseOfEntityDocuments) {
  const fs::path seeds = fs::path(KG_TEST_DATA) / ".." / "seeds";
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(seeds))
    if (entry.path().extension() == ".txt") files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 4u);
  auto check = [&](const std::string& step) {
    SCOPED_TRACE(step);
    const QueryDatabase database(db);
    const GraphSource& source = database.source();
    std::map<std::int64_t, std::vector<EntityRef>> inverse;
    source.scan_entities(std::nullopt, {}, [&](const EntitySummary& e) {
      for (std::int64_t d : source.details(e.ref).documents) inverse[d].push_back(e.ref);
      return true;
    });
    std::size_t documents = 0;
    source.scan_documents([&](const DocumentInfo& d) {
      ++documents;
      EXPECT_EQ(source.entities_in_document(d.id), inverse[d.id]) << d.source;
      // Cypher walks it from the document.
      const QueryResult walked = run_cypher(
          source, "MATCH (d:Document {id: " + std::to_string(d.id) + "})-[:MENTIONS]->(e) RETURN count(DISTINCT e)");
      EXPECT_EQ(walked.rows, (std::vector<std::vector<std::string>>{{std::to_string(inverse[d.id].size())}}));
      return true;
    });
    EXPECT_GT(documents, 0u);
    EXPECT_FALSE(inverse.empty());
  };
  ASSERT_EQ(kg({"build", "--db", db, "--quiet", files[0], files[1]}).exit_code, 0);
  check("first build");
  ASSERT_EQ(kg({"build", "--db", db, "--quiet", files[2], files[3]}).exit_code, 0);
  check("two files added");
  const Outcome removed = kg({"remove", "--db", db, files[1]});
  ASSERT_EQ(removed.exit_code, 0) << removed.err;
  check("a file removed");
}

TEST_F(QueryCli, MalformedQueryShowsWhereAndExitsTwo) {
  write_fixture_db();
  const Outcome o = query({"MATCH (o:Official WHERE o.name = '杨勇' RETURN o"});
  EXPECT_EQ(o.exit_code, 2);
  EXPECT_TRUE(o.out.empty());
  EXPECT_TRUE(has(o.err, "query:1:19: expected ')' after node pattern, found 'WHERE'")) << o.err;
  EXPECT_TRUE(has(o.err, "MATCH (o:Official WHERE o.name = '杨勇' RETURN o\n" + std::string(18, ' ') + "^")) << o.err;
}

TEST_F(QueryCli, BadNamesAndArgumentsFailClearly) {
  write_fixture_db();
  const Outcome unknown = query({"entity", "王五"});
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_TRUE(has(unknown.err, "王五")) << unknown.err;

  const Outcome ambiguous = query({"entity", "李明"});
  EXPECT_NE(ambiguous.exit_code, 0);
  EXPECT_TRUE(has(ambiguous.err, "李明 (Official, liming1)")) << ambiguous.err;
  EXPECT_TRUE(has(ambiguous.err, "李明 (Person, liming2)")) << ambiguous.err;

  EXPECT_EQ(query({"path", "张小军"}).exit_code, 2);
  EXPECT_EQ(query({"who-knows"}).exit_code, 2);
  EXPECT_NE(query({"--format", "xml", "served"}).exit_code, 0);
  EXPECT_NE(query({"top", "--by", "pagerank"}).exit_code, 0);
  EXPECT_NE(query({}).exit_code, 0);
}

TEST_F(QueryCli, MissingDatabaseIsNotCreated) {
  const std::string missing = (dir / "nowhere.db").string();
  const Outcome o = kg({"query", "--db", missing, "served"});
  EXPECT_NE(o.exit_code, 0);
  EXPECT_TRUE(has(o.err, missing)) << o.err;
  EXPECT_TRUE(has(o.err, "does not exist")) << o.err;
  EXPECT_FALSE(fs::exists(missing));

  const Outcome directory = kg({"query", "--db", dir.string(), "served"});
  EXPECT_NE(directory.exit_code, 0);
  EXPECT_TRUE(has(directory.err, "not a file")) << directory.err;

  std::ofstream(dir / "junk.db") << "this is not a database, just some text that is long enough to look like a header";
  const Outcome junk = kg({"query", "--db", (dir / "junk.db").string(), "served"});
  EXPECT_NE(junk.exit_code, 0);
  EXPECT_TRUE(has(junk.err, "junk.db")) << junk.err;
}

// The "must show" on the five seed articles. It needs the whole
// pipeline (text, extract, resolve, store) as well as this stage.
TEST_F(QueryCli, SeedsMustShow) {
  const Outcome build = kg({"build", "--db", db, std::string(KG_TEST_DATA) + "/../seeds"});
  ASSERT_EQ(build.exit_code, 0) << build.err;

  const Outcome served = query({"--format", "tsv", "--evidence", "served"});
  ASSERT_EQ(served.exit_code, 0) << served.err;
  bool yang = false, zhao = false;
  std::istringstream lines(served.out);
  for (std::string line; std::getline(lines, line);) {
    // official, enterprise, role, sentence, source: the sentence must name both.
    if (line.rfind("杨勇\t", 0) == 0 && has(line, "成都频岢微电子公司") && has(line, ".txt")) yang = true;
    if (line.rfind("赵青\t", 0) == 0 && has(line, "杰必机电") && has(line, ".txt")) zhao = true;
  }
  EXPECT_TRUE(yang) << served.out;
  EXPECT_TRUE(zhao) << served.out;

  const Outcome cypher =
      query({"--format", "tsv", "MATCH (o)-[r:served]->(c) RETURN o.name, c.name, r.role, r.evidence, r.source"});
  ASSERT_EQ(cypher.exit_code, 0) << cypher.err;
  const Outcome named = query({"--format", "tsv", "served"});
  std::set<std::string> from_named, from_cypher;
  std::istringstream a(named.out), b(cypher.out);
  std::string line;
  std::getline(a, line);
  // The named question's first three columns (then come its dates).
  while (std::getline(a, line)) from_named.insert(line.substr(0, line.find('\t', line.find('\t', line.find('\t') + 1) + 1)));
  std::getline(b, line);
  while (std::getline(b, line)) {
    std::vector<std::string> cells;
    std::istringstream fields(line);
    for (std::string cell; std::getline(fields, cell, '\t');) cells.push_back(cell);
    cells.resize(3);
    from_cypher.insert(cells[0] + "\t" + cells[1] + "\t" + cells[2]);
  }
  EXPECT_EQ(from_cypher, from_named);

  const Outcome entity = query({"entity", "張小軍"});
  ASSERT_EQ(entity.exit_code, 0) << entity.err;
  EXPECT_TRUE(has(entity.out, "张小军")) << entity.out;
  EXPECT_TRUE(has(entity.out, "书记")) << entity.out;

  const Outcome path = query({"path", "张小军", "杨勇"});
  ASSERT_EQ(path.exit_code, 0) << path.err;
  EXPECT_TRUE(has(path.out, "南法信镇党委")) << path.out;

  const Outcome bad = query({"MATCH (o:Official)-[r:served->(c) RETURN o"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_TRUE(has(bad.err, "query:1:")) << bad.err;
}

}  // namespace
}  // namespace kg
