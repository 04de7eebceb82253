// tests/store/migration_test.cc: a database made by an older kg (schema v1,
// built here by hand from schema/001_init.sql) is migrated on open with its
// data kept; a database from a newer kg is refused.
#include <gtest/gtest.h>
#include <sqlite3.h>

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
