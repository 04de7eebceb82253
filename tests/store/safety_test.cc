// tests/store/safety_test.cc: the database under hostile conditions (issue
// 14): reading never writes, not even a pragma; a file another user owns, in
// a folder nobody may write to, can still be read; an empty file or another
// program's database is refused untouched; index names read from the schema
// are quoted and run one statement at a time; a damaged database is refused
// when a write starts.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "graph/source.h"
#include "store/sqlite.h"
#include "store/store.h"
#include "store/store_source.h"
#include "test_util.h"

namespace kg {
namespace {

std::string bytes_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

using test::run_sql;

// A small database with a document and a graph.
void make_database(const std::string& path) {
  Store store(path);
  const auto a = store.add_document(test::make_document("a.txt", 0, U"张小军走访伟通柔显公司。其后又有许多别的话。"), Extraction{});
  const auto b = store.add_document(test::make_document("b.txt", 0, U"公司落户HICOOL产业园。其后的话"), Extraction{});
  store.replace_graph(test::make_graph(a, b));
}

TEST(ReadOnly, AnEmptyFileIsRefusedAndStaysEmpty) {
  test::TempDir dir;
  const std::string path = dir.file("empty.sqlite");
  { std::ofstream(path, std::ios::binary); }
  try {
    Store store(path, Store::Mode::read_only);
    FAIL() << "an empty file opened as a database";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("empty"), std::string::npos) << e.what();
  }
  EXPECT_EQ(std::filesystem::file_size(path), 0u);
  EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
  EXPECT_FALSE(std::filesystem::exists(path + "-journal"));
  EXPECT_THROW(Store(dir.file("missing.sqlite"), Store::Mode::read_only), StoreError);
  EXPECT_FALSE(std::filesystem::exists(dir.file("missing.sqlite")));
}

TEST(ReadOnly, AnotherProgramsDatabaseIsRefusedBeforeAnyWrite) {
  test::TempDir dir;
  const std::string path = dir.file("other.sqlite");
  run_sql(path, "CREATE TABLE accounts(id INTEGER); INSERT INTO accounts VALUES (1)");
  const std::string before = bytes_of(path);
  ASSERT_GE(before.size(), 20u);
  EXPECT_EQ(before[18], 1);  // a rollback-journal database: no WAL switch may happen
  EXPECT_THROW(Store(path, Store::Mode::read_only), StoreError);
  EXPECT_THROW(Store(path, Store::Mode::read_write), StoreError);
  EXPECT_EQ(bytes_of(path), before);  // header bytes 18-19 (journal mode) included
}

TEST(ReadOnly, ReadingADatabaseChangesNoByteOfIt) {
  test::TempDir dir;
  const std::string path = dir.file("kg.sqlite");
  make_database(path);
  const std::string before = bytes_of(path);
  {
    Store store(path, Store::Mode::read_only);
    StoreSource source(store);
    EXPECT_EQ(source.entity_count(), 3u);
    EXPECT_EQ(store.load_graph().relation_count(), 3u);
    EXPECT_THROW(store.begin(), StoreError);
  }
  EXPECT_EQ(bytes_of(path), before);
}

// Runs `check` in a child process that cannot write the database or its
// folder: as the unprivileged user `nobody` when the tests run as root, as
// the current user otherwise (the folder and file then lose write permission).
int run_without_write_permission(const std::string& folder, const std::string& path,
                                 const std::function<int()>& check) {
  chmod(path.c_str(), 0444);
  chmod(folder.c_str(), 0555);
  const pid_t pid = fork();
  if (pid == 0) {
    if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) _exit(90);
    _exit(check());
  }
  int status = 0;
  waitpid(pid, &status, 0);
  chmod(folder.c_str(), 0755);
  chmod(path.c_str(), 0644);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

TEST(ReadOnly, AFileNobodyMayWriteInAFolderNobodyMayWriteIsStillRead) {
  test::TempDir dir;
  const std::string folder = dir.file("archive");
  std::filesystem::create_directories(folder);
  chmod(dir.file("").c_str(), 0755);
  const std::string path = folder + "/kg.sqlite";
  make_database(path);
  ASSERT_FALSE(std::filesystem::exists(path + "-wal"));
  const int outcome = run_without_write_permission(folder, path, [&] {
    try {
      Store store(path, Store::Mode::read_only);
      StoreSource source(store);
      if (source.entity_count() != 3) return 2;
      if (source.entities_named("张小军").size() != 1) return 3;
      if (store.stats().documents != 2) return 4;
      // A write is refused as such, with a message.
      try {
        Store writer(path);
        writer.begin();
        return 5;
      } catch (const StoreError&) {
      }
      return 0;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "%s\n", e.what());
      return 1;
    }
  });
  EXPECT_EQ(outcome, 0);
}

TEST(Statements, TextFromTheSchemaRunsAsOneStatementOrNotAtAll) {
  test::TempDir dir;
  const std::string path = dir.file("kg.sqlite");
  make_database(path);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  EXPECT_THROW(run_statement(db, path, "SELECT 1; DELETE FROM documents", "testing"), StoreError);
  EXPECT_NO_THROW(run_statement(db, path, "SELECT 1; -- a comment is no statement", "testing"));
  EXPECT_EQ(quote_identifier("a\"b"), "\"a\"\"b\"");
  EXPECT_NO_THROW(run_statement(db, path, "CREATE TABLE " + quote_identifier("odd\" name") + " (x)", "testing"));
  sqlite3_close(db);
  run_sql(path, "SELECT x FROM \"odd\"\" name\"");
  Store store(path, Store::Mode::read_only);
  EXPECT_EQ(store.stats().documents, 2u);
}

TEST(Statements, ACraftedIndexNameIsDroppedAndRebuiltAsAName) {
  test::TempDir dir;
  const std::string path = dir.file("kg.sqlite");
  { Store store(path); }
  // An index whose name closes the quote and carries a statement of its own.
  run_sql(path, "CREATE INDEX \"x\"\"; DROP TABLE documents; --\" ON entities(name, type)");
  {
    // A write into the empty graph drops and rebuilds the graph's indexes.
    Store store(path);
    const auto a = store.add_document(test::make_document("a.txt", 0, U"甲"), Extraction{});
    Resolution batch(nullptr);
    ResolvableDocument doc;
    doc.info = DocumentInfo(a, "a.txt", 0);
    doc.content = "sha";
    LocalEntity e;
    e.type = EntityType::Place;
    e.name = "甲";
    e.mentions = {{0, 1}};
    doc.extraction.entities.push_back(e);
    batch.add(doc);
    store.apply(batch);
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_schema WHERE name IN ('documents', 'x\"; DROP TABLE documents; --')", -1,
                               &stmt, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(stmt, 0), 2);  // the table survived, the index was rebuilt
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  Store store(path, Store::Mode::read_only);
  EXPECT_EQ(store.stats().documents, 1u);
  EXPECT_EQ(store.load_graph().entity_count(), 1u);
}

// A bulk write inserts its rows on a thread of its own. When an insert fails
// there (here a trigger refuses the fourth relation, as a full disk would),
// apply() reports it, the transaction is undone whole, and the same store
// writes the batch once the cause is gone.
TEST(BulkWrite, AnInsertFailingOnTheWritingThreadUndoesTheWholeBatch) {
  test::TempDir dir;
  const std::string path = dir.file("kg.sqlite");
  std::vector<std::int64_t> documents;
  {
    Store store(path);
    for (int i = 0; i < 40; ++i)
      documents.push_back(
          store.add_document(test::make_document("d" + std::to_string(i) + ".txt", 0, U"甲乙"), Extraction{}));
  }
  run_sql(path,
           "CREATE TRIGGER refuse BEFORE INSERT ON relations WHEN (SELECT count(*) FROM relations) >= 3 "
           "BEGIN SELECT RAISE(ABORT, 'no space left'); END");
  auto batch_of = [&](Resolution& batch) {
    for (std::size_t i = 0; i < documents.size(); ++i) {
      ResolvableDocument doc;
      doc.info = DocumentInfo(documents[i], "d" + std::to_string(i) + ".txt", 0);
      doc.content = "sha" + std::to_string(i);
      for (const std::string& name : {"甲镇" + std::to_string(i), "乙园" + std::to_string(i)}) {
        LocalEntity e;
        e.type = name.find("镇") != std::string::npos ? EntityType::Place : EntityType::Park;
        e.name = name;
        e.mentions = {{0, 1}};
        doc.extraction.entities.push_back(e);
      }
      LocalRelation r;
      r.type = RelationType::located_in;
      r.source = 1;
      r.target = 0;
      r.evidence = {0, 2};
      doc.extraction.relations.push_back(r);
      batch.add(std::move(doc));
    }
  };
  Store store(path);
  {
    Resolution batch(nullptr);
    batch_of(batch);
    store.begin();
    try {
      store.apply(batch);
      ADD_FAILURE() << "the refused insert was not reported";
    } catch (const StoreError& e) {
      EXPECT_NE(std::string(e.what()).find("no space left"), std::string::npos) << e.what();
    }
    store.rollback();
  }
  EXPECT_TRUE(store.graph_empty());
  EXPECT_EQ(store.stats().documents, 40u);
  run_sql(path, "DROP TRIGGER refuse");
  Resolution batch(nullptr);
  batch_of(batch);
  store.apply(batch);
  const KnowledgeGraph graph = store.load_graph();
  EXPECT_EQ(graph.entity_count(), 80u);
  EXPECT_EQ(graph.relation_count(), 40u);
}

// Overwrites the first page of a table's B-tree with noise.
void damage_table(const std::string& path, const std::string& table) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, ("SELECT rootpage FROM sqlite_schema WHERE name = '" + table + "'").c_str(), -1, &stmt, nullptr);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  const long page = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  sqlite3_prepare_v2(db, "PRAGMA page_size", -1, &stmt, nullptr);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  const long page_size = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
  file.seekp((page - 1) * page_size + 8);
  const std::string noise(64, '\xA5');
  file.write(noise.data(), static_cast<std::streamsize>(noise.size()));
}

TEST(Integrity, ADamagedDatabaseIsRefusedWhenAWriteStarts) {
  test::TempDir dir;
  const std::string path = dir.file("kg.sqlite");
  make_database(path);
  {
    Store store(path);
    store.record_build({"2026-01-01T00:00:00Z", 1.0, 10, 1, 0, 0});
  }
  damage_table(path, "sqlite_sequence");
  Store store(path);
  try {
    store.check_integrity();
    FAIL() << "quick_check passed a damaged database";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("damaged"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
  }
  Store::IntegrityCheck alongside(store);
  EXPECT_THROW(alongside.wait(), StoreError);
}

}  // namespace
}  // namespace kg
