// tests/store/migration_test.cc: a database made by an older kg (schema v1,
// built here by hand from schema/001_init.sql) is migrated on open with its
// data kept; a database from a newer kg is refused.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "store/store.h"
#include "test_util.h"

namespace kg {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void run_sql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  const std::string message = error != nullptr ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK) << message;
}

TEST(Migration, AVersionOneDatabaseIsUpgradedWithItsDataKept) {
  test::TempDir dir;
  const std::string path = dir.file("v1.sqlite");
  const std::string v1 = read_file(std::string(KG_SOURCE_DIR) + "/schema/001_init.sql");
  ASSERT_FALSE(v1.empty());
  run_sql(path, "BEGIN;" + v1 +
                    "INSERT INTO documents (source, part, title, text, sha256, damaged_spans) "
                    "VALUES ('old/a.txt', 0, '旧标题', '南法信镇', 'abc', 2);"
                    "INSERT INTO entities (id, name, type) VALUES ('e1', '南法信镇', 'Place');"
                    "INSERT INTO mentions VALUES ('e1', 1, 0, 4);"
                    "PRAGMA user_version = 1; COMMIT;");

  {
    Store store(path);
    EXPECT_GE(store.schema_version(), 2);
    EXPECT_EQ(store.sources(), (std::vector<std::string>{"old/a.txt"}));
    const auto doc = store.load_document(1);
    ASSERT_TRUE(doc.has_value());
    EXPECT_EQ(doc->meta.title, "旧标题");
    EXPECT_EQ(doc->text, U"南法信镇");
    EXPECT_EQ(doc->stats.furniture_lines, 0u);  // column added by 002 with its default
    const KnowledgeGraph graph = store.load_graph();
    ASSERT_EQ(graph.entity_count(), 1u);
    EXPECT_EQ(graph.g[0].mentions.size(), 1u);
    store.record_build({"2026-01-01T00:00:00Z", 1.0, 10, 1, 0, 0});  // table added by 002
    const auto stats = store.stats();
    EXPECT_EQ(stats.damaged_spans, 2u);
    EXPECT_TRUE(stats.last_build.has_value());
  }
  // Opening again applies nothing more and keeps everything.
  Store again(path);
  EXPECT_EQ(again.stats().documents, 1u);
  EXPECT_TRUE(again.stats().last_build.has_value());
}

std::int64_t query_int(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr);
  std::int64_t n = -1;
  if (stmt != nullptr && sqlite3_step(stmt) == SQLITE_ROW) n = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return n;
}

TEST(Migration, AVersionTwoDatabaseKeepsEvidenceSentencesOnlyWhereTheyDifferFromTheText) {
  test::TempDir dir;
  const std::string path = dir.file("v2.sqlite");
  const std::string v1 = read_file(std::string(KG_SOURCE_DIR) + "/schema/001_init.sql");
  const std::string v2 = read_file(std::string(KG_SOURCE_DIR) + "/schema/002_builds.sql");
  ASSERT_FALSE(v1.empty());
  ASSERT_FALSE(v2.empty());
  run_sql(path, "BEGIN;" + v1 + v2 +
                    "INSERT INTO documents (source, part, text, sha256) VALUES ('a.txt', 0, '张小军走访企业。又一句。', 'abc');"
                    "INSERT INTO entities (id, name, type) VALUES ('e1', '张小军', 'Official'), ('e2', '企业', 'Enterprise');"
                    "INSERT INTO relations (id, type, source, target) VALUES ('r1', 'served', 'e1', 'e2'), "
                    "('r2', 'served', 'e2', 'e1');"
                    "INSERT INTO evidence VALUES ('r1', 1, 0, 8, '张小军走访企业。');"   // the text at 0..8
                    "INSERT INTO evidence VALUES ('r1', 1, 8, 12, '又一句。');"          // and at 8..12
                    "INSERT INTO evidence VALUES ('r2', 1, 0, 3, '别的句子');"           // not the text there
                    "PRAGMA user_version = 2; COMMIT;");
  {
    Store store(path);
    EXPECT_GE(store.schema_version(), 3);
  }
  EXPECT_EQ(query_int(path, "SELECT count(*) FROM evidence WHERE sentence IS NULL"), 2);
  EXPECT_EQ(query_int(path, "SELECT count(*) FROM evidence WHERE sentence = '别的句子'"), 1);
  EXPECT_EQ(query_int(path, "SELECT count(*) FROM sqlite_schema WHERE name IN ('entities_by_type', 'relations_by_type')"), 0);
  // 004: evidence clustered by relation, in the order of the old rowids.
  EXPECT_EQ(query_int(path, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'evidence_by_%'"), 0);
  EXPECT_EQ(query_int(path, "SELECT count(*) FROM evidence WHERE relation_id = 'r1' AND position = 1 AND start_char = 8"), 1);
  Store store(path);
  const KnowledgeGraph graph = store.load_graph();
  ASSERT_EQ(graph.relation_count(), 2u);
  std::vector<std::string> sentences;
  for (auto e : boost::make_iterator_range(boost::edges(graph.g)))
    for (const EvidenceRef& evidence : graph.g[e].evidence) sentences.push_back(evidence.text);
  std::sort(sentences.begin(), sentences.end());
  EXPECT_EQ(sentences, (std::vector<std::string>{"别的句子", "又一句。", "张小军走访企业。"}));
  // Foreign keys survived the table rebuild: evidence of a missing relation is refused.
  EXPECT_THROW(
      {
        store.begin();
        KnowledgeGraph broken;
        const Vertex v = broken.add_entity({"e9", "某", EntityType::Official, {}, {}, {}});
        broken.add_relation(v, v, {"r9", RelationType::served, "", {}, {{999, 0, 1, "x"}}});
        store.replace_graph(broken);
      },
      StoreError);
  store.rollback();
}

TEST(Migration, AVersionThreeDatabaseKeepsTheOrderOfMentionsAndEvidence) {
  test::TempDir dir;
  const std::string path = dir.file("v3.sqlite");
  std::string script = "BEGIN;";
  for (const char* file : {"001_init.sql", "002_builds.sql", "003_compact_evidence.sql"}) {
    const std::string sql = read_file(std::string(KG_SOURCE_DIR) + "/schema/" + file);
    ASSERT_FALSE(sql.empty()) << file;
    script += sql;
  }
  // Rows of one owner interleaved with another's, and not in offset order:
  // the rowid order is the order to keep.
  run_sql(path, script +
                    "INSERT INTO documents (source, part, text, sha256) VALUES ('a.txt', 0, '甲乙丙丁戊己', 'abc');"
                    "INSERT INTO entities (id, name, type) VALUES ('e1', '甲', 'Official'), ('e2', '乙', 'Place');"
                    "INSERT INTO mentions VALUES ('e1', 1, 4, 5), ('e2', 1, 1, 2), ('e1', 1, 0, 1), ('e1', 1, 2, 3);"
                    "INSERT INTO relations (id, type, source, target) VALUES ('r1', 'served', 'e1', 'e2');"
                    "INSERT INTO evidence VALUES ('r1', 1, 3, 4, NULL), ('r1', 1, 0, 2, '别的');"
                    "PRAGMA user_version = 3; COMMIT;");
  Store store(path);
  EXPECT_GE(store.schema_version(), 4);
  const KnowledgeGraph graph = store.load_graph();
  ASSERT_EQ(graph.entity_count(), 2u);
  const auto e1 = graph.find_by_id("e1");
  ASSERT_TRUE(e1.has_value());
  std::vector<std::uint32_t> starts;
  for (const MentionRef& mention : graph.g[*e1].mentions) starts.push_back(mention.start);
  EXPECT_EQ(starts, (std::vector<std::uint32_t>{4, 0, 2}));
  ASSERT_EQ(graph.relation_count(), 1u);
  const auto& evidence = graph.g[*boost::edges(graph.g).first].evidence;
  ASSERT_EQ(evidence.size(), 2u);
  EXPECT_EQ(evidence[0].text, "丁");
  EXPECT_EQ(evidence[1].text, "别的");
  EXPECT_EQ(query_int(path, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'mentions_by_%'"), 0);
}

TEST(Migration, ADatabaseFromANewerKgIsRefused) {
  test::TempDir dir;
  const std::string path = dir.file("future.sqlite");
  int current = 0;
  {
    Store store(path);
    current = store.schema_version();
    store.add_document(test::make_document("a.txt", 0, U"甲"), Extraction{});
  }
  run_sql(path, "PRAGMA user_version = " + std::to_string(current + 7));
  try {
    Store store(path);
    FAIL() << "opened a database of a newer schema";
  } catch (const StoreError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(path), std::string::npos) << message;
    EXPECT_NE(message.find("newer"), std::string::npos) << message;
  }
  run_sql(path, "PRAGMA user_version = " + std::to_string(current));
  Store store(path);
  EXPECT_EQ(store.stats().documents, 1u);
}

}  // namespace
}  // namespace kg
