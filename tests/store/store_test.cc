// tests/store/store_test.cc: documents, extractions and the graph go into the
// SQLite file and come back exactly; transactions are all-or-nothing; a locked
// or foreign file gets a clear StoreError naming it.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "store/store.h"
#include "store/store_source.h"
#include "test_util.h"

namespace kg {
namespace {

std::int64_t count_rows(const std::string& path, const std::string& table) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* stmt = nullptr;
  const std::string sql = "SELECT count(*) FROM " + table;
  sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr);
  std::int64_t n = -1;
  if (stmt != nullptr && sqlite3_step(stmt) == SQLITE_ROW) n = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return n;
}

TEST(Store, CreatesTheSchemaInWalMode) {
  test::TempDir dir;
  Store store(dir.file("kg.sqlite"));
  EXPECT_GE(store.schema_version(), 2);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir.file("kg.sqlite").c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, nullptr);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "wal");
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

std::string journal_mode(const std::string& path) {
  const std::vector<std::string> mode = test::column_of(path, "PRAGMA journal_mode");
  return mode.empty() ? std::string() : mode.front();
}

// A first write into an empty database goes through a rollback journal
// (Store::begin); killed midway, it leaves that journal behind, and the next
// reader plays it back instead of reading the half-written file.
TEST(Store, AFirstWriteKilledMidwayIsRolledBackByTheNextReader) {
  test::TempDir dir;
  const std::string path = dir.file("kg.sqlite");
  { Store created(path); }
  const pid_t pid = fork();
  if (pid == 0) {
    Store store(path);
    store.begin();
    for (int i = 0; i < 200; ++i)
      store.add_document(test::make_document("a" + std::to_string(i) + ".txt", 0, U"南法信镇党委书记张小军走访产业园。"),
                         Extraction{});
    _exit(9);  // as kill -9: no destructor, no rollback
  }
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 9);
  ASSERT_TRUE(std::filesystem::exists(path + "-journal")) << "the first write did not use a rollback journal";

  {
    Store reader(path, Store::Mode::read_only);
    EXPECT_EQ(reader.stats().documents, 0u);
  }
  EXPECT_EQ(count_rows(path, "documents"), 0);

  // The next write holds a document, so it goes through the WAL, and the
  // database stays in WAL.
  {
    Store store(path);
    store.begin();
    store.add_document(test::make_document("kept.txt", 0, U"甲"), Extraction{});
    store.commit();
    EXPECT_EQ(journal_mode(path), "wal");
    store.begin();
    store.add_document(test::make_document("b.txt", 0, U"乙"), Extraction{});
    EXPECT_FALSE(std::filesystem::exists(path + "-journal"));
    store.commit();
  }
  EXPECT_EQ(count_rows(path, "documents"), 2);
  EXPECT_EQ(journal_mode(path), "wal");
}

// A writer killed after its rollback journal let it write into the file
// (a cache spill) leaves a hot journal: a read-only open plays it back first.
TEST(Store, AReadOnlyOpenPlaysBackAHotJournalFirst) {
  test::TempDir dir;
  const std::string path = dir.file("kg.sqlite");
  {
    Store store(path);
    store.add_document(test::make_document("kept.txt", 0, U"甲"), Extraction{});
  }
  const pid_t pid = fork();
  if (pid == 0) {
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    // A tiny cache spills into the file long before the transaction ends.
    sqlite3_exec(db, "PRAGMA journal_mode = DELETE; PRAGMA cache_size = 8; BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    for (int i = 0; i < 2000; ++i)
      sqlite3_exec(db, "INSERT INTO dictionaries (kind, data) VALUES ('text', randomblob(4000))", nullptr, nullptr, nullptr);
    _exit(9);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 9);
  ASSERT_TRUE(std::filesystem::exists(path + "-journal"));
  {
    Store reader(path, Store::Mode::read_only);
    EXPECT_EQ(reader.stats().documents, 1u);
  }
  EXPECT_FALSE(std::filesystem::exists(path + "-journal")) << "the journal was not played back";
  EXPECT_EQ(count_rows(path, "dictionaries"), 0);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  std::string check;
  sqlite3_exec(
      db, "PRAGMA integrity_check",
      [](void* out, int, char** values, char**) {
        *static_cast<std::string*>(out) += values[0];
        return 0;
      },
      &check, &error);
  sqlite3_close(db);
  EXPECT_EQ(check, "ok");
}

TEST(Store, DocumentRoundTripsExactly) {
  test::TempDir dir;
  const Document doc = test::make_document("news/a.txt", 1, U"南法信镇党委书记张小军走访HICOOL产业园。");
  std::int64_t id = 0;
  {
    Store store(dir.file("kg.sqlite"));
    id = store.add_document(doc, test::make_extraction());
  }
  Store store(dir.file("kg.sqlite"));
  const auto loaded = store.load_document(id);
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(loaded->source, doc.source);
  EXPECT_EQ(loaded->part, doc.part);
  EXPECT_EQ(loaded->sha256, doc.sha256);
  EXPECT_EQ(loaded->encoding, doc.encoding);
  EXPECT_EQ(loaded->meta.title, doc.meta.title);
  EXPECT_EQ(loaded->meta.published, doc.meta.published);
  EXPECT_EQ(loaded->meta.outlet, doc.meta.outlet);
  EXPECT_EQ(loaded->meta.author, doc.meta.author);
  EXPECT_EQ(loaded->meta.editor, doc.meta.editor);
  EXPECT_EQ(loaded->text, doc.text);
  EXPECT_EQ(loaded->raw, doc.raw);
  EXPECT_EQ(loaded->sentences, doc.sentences);
  EXPECT_EQ(loaded->paragraphs, doc.paragraphs);
  EXPECT_EQ(loaded->damaged, doc.damaged);
  EXPECT_EQ(loaded->stats.glosses_removed, doc.stats.glosses_removed);
  EXPECT_EQ(loaded->stats.chars_converted, doc.stats.chars_converted);
  EXPECT_EQ(loaded->stats.damaged_spans, doc.stats.damaged_spans);
  EXPECT_EQ(loaded->stats.invalid_bytes, doc.stats.invalid_bytes);
  EXPECT_EQ(loaded->stats.lines_joined, doc.stats.lines_joined);
  EXPECT_EQ(loaded->stats.furniture_lines, doc.stats.furniture_lines);
  EXPECT_EQ(store.document_text(id), to_utf8(doc.text));
  EXPECT_FALSE(store.load_document(id + 100).has_value());
  EXPECT_EQ(store.file_sha256("news/a.txt"), doc.sha256);
  EXPECT_FALSE(store.file_sha256("news/b.txt").has_value());
}

TEST(Store, ExtractionsComeBackWithTheirDocuments) {
  test::TempDir dir;
  Store store(dir.file("kg.sqlite"));
  const Extraction x = test::make_extraction();
  Document z = test::make_document("z.txt", 0, U"乙");
  z.sha256 = std::string(64, 'z');
  const auto first = store.add_document(z, Extraction{});
  const auto second = store.add_document(test::make_document("a.txt", 1, U"甲二"), x);
  store.add_document(test::make_document("a.txt", 0, U"甲一"), x);
  const auto loaded = store.load_extractions();
  ASSERT_EQ(loaded.size(), 3u);
  EXPECT_EQ(loaded[0].info.id, first);
  EXPECT_EQ(loaded[0].info.source, "z.txt");
  EXPECT_EQ(loaded[0].content, std::string(64, 'z'));
  EXPECT_TRUE(loaded[0].extraction.entities.empty());
  EXPECT_EQ(loaded[1].info.part, 1u);
  EXPECT_EQ(loaded[1].info.title, "标题1");
  EXPECT_EQ(loaded[1].info.editor, "曹晓晨");
  test::expect_same_extraction(loaded[1].extraction, x);
  EXPECT_EQ(store.load_extractions({second}).size(), 1u);
  // Two articles of one file are one content with one path.
  EXPECT_EQ(store.sources(), (std::vector<std::string>{"a.txt", "z.txt"}));
  EXPECT_EQ(store.content_hashes().size(), 2u);
  const auto hashes = store.source_hashes();
  ASSERT_EQ(hashes.size(), 2u);
  EXPECT_EQ(hashes[0].first, "a.txt");
}

TEST(Store, GraphRoundTripsAndReplacesWholly) {
  test::TempDir dir;
  Store store(dir.file("kg.sqlite"));
  const auto a = store.add_document(test::make_document("a.txt", 0, U"甲"), Extraction{});
  const auto b = store.add_document(test::make_document("b.txt", 0, U"乙"), Extraction{});
  const KnowledgeGraph graph = test::make_graph(a, b);
  store.replace_graph(graph);
  store.replace_graph(graph);  // a second write replaces, never duplicates
  const KnowledgeGraph loaded = store.load_graph();
  test::expect_same_graph(loaded, graph);
  ASSERT_EQ(loaded.documents.size(), 2u);
  EXPECT_EQ(loaded.documents[0].id, a);
  EXPECT_EQ(loaded.document(b)->source, "b.txt");
  EXPECT_EQ(count_rows(dir.file("kg.sqlite"), "entities"), 3);
  EXPECT_EQ(count_rows(dir.file("kg.sqlite"), "relations"), 3);
  // Names found by key: 伟通柔显公司, 该公司, 产业园, hicool产业园.
  EXPECT_EQ(count_rows(dir.file("kg.sqlite"), "entity_keys"), 4);

  store.replace_graph(KnowledgeGraph{});
  EXPECT_EQ(store.load_graph().entity_count(), 0u);
  EXPECT_EQ(count_rows(dir.file("kg.sqlite"), "entity_keys"), 0);
}

std::int64_t count_query(const std::string& path, const std::string& sql) {
  return count_rows(path, "(" + sql + ")");
}

TEST(Store, EvidenceQuotingItsDocumentKeepsNoCopyOfTheSentence) {
  test::TempDir dir;
  const std::string path = dir.file("kg.sqlite");
  Store store(path);
  // make_graph's evidence: rel:located_in:1 and rel:served:1's first quote
  // document texts written to match; the second served one does not match.
  const auto a = store.add_document(test::make_document("a.txt", 0, U"张小军走访伟通柔显公司。其后又有许多别的话。"), Extraction{});
  Document other = test::make_document("b.txt", 0, U"公司落户HICOOL产业园。其后的话");
  other.sha256 = std::string(64, 'b');
  const auto b = store.add_document(other, Extraction{});
  KnowledgeGraph graph = test::make_graph(a, b);
  for (auto e : boost::make_iterator_range(boost::edges(graph.g)))
    for (EvidenceRef& evidence : graph.g[e].evidence) {
      if (evidence.text == "张小军走访伟通柔显公司。") evidence.end = 12;
      if (evidence.text == "公司落户HICOOL产业园。") evidence.end = 14;
    }
  store.replace_graph(graph);
  // Only the sentence that is not the text is stored as text.
  EXPECT_EQ(count_query(path, "SELECT 1 FROM relations WHERE instr(data, CAST('张小军再访。' AS BLOB)) > 0"), 1);
  EXPECT_EQ(count_query(path, "SELECT 1 FROM relations WHERE instr(data, CAST('张小军走访' AS BLOB)) > 0"), 0);
  test::expect_same_graph(store.load_graph(), graph);
}

TEST(Store, ASentenceIsCutFromItsBlockWhateverTheSizeOfTheDocument) {
  test::TempDir dir;
  Store store(dir.file("kg.sqlite"));
  // Far more text than one compressed block holds, with a marked sentence
  // deep inside; spans across block boundaries too.
  std::u32string text;
  for (int i = 0; text.size() < 200000; ++i) text += U"第" + to_u32(std::to_string(i)) + U"段落的普通文字，没有什么特别。\n";
  const auto deep = static_cast<std::uint32_t>(text.size() - 1000);
  const std::u32string marker = U"这是要找的句子。";
  text.replace(deep, marker.size(), marker);
  const auto id = store.add_document(test::make_document("big.txt", 0, text), Extraction{});
  EXPECT_EQ(store.document_text(id), to_utf8(text));
  TextCutter cutter(store);
  EXPECT_EQ(cutter.cut(id, {deep, deep + static_cast<std::uint32_t>(marker.size())}), to_utf8(marker));
  for (std::uint32_t begin = 0; begin + 40 < text.size(); begin += 997) {
    const Span span{begin, begin + 40};
    ASSERT_EQ(cutter.cut(id, span), to_utf8(std::u32string_view(text).substr(span.begin, 40))) << begin;
  }
  const auto end = static_cast<std::uint32_t>(text.size());
  EXPECT_EQ(cutter.cut(id, {end + 5, end + 9}), "");
  EXPECT_EQ(cutter.cut(id + 1, {0, 3}), "");
}

TEST(Store, AContentLeavesWithItsLastPath) {
  test::TempDir dir;
  const std::string path = dir.file("kg.sqlite");
  Store store(path);
  const Document doc = test::make_document("a.txt", 0, U"甲");
  const auto a = store.add_document(doc, test::make_extraction());
  const auto content = store.content_id(doc.sha256);
  ASSERT_TRUE(content.has_value());
  EXPECT_EQ(store.set_source("copy/a.txt", *content), std::nullopt);
  EXPECT_EQ(store.sources(), (std::vector<std::string>{"a.txt", "copy/a.txt"}));
  EXPECT_EQ(store.sources_under("copy"), (std::vector<std::string>{"copy/a.txt"}));
  EXPECT_EQ(store.remove_source("a.txt"), content);
  EXPECT_TRUE(store.content_in_use(*content));
  // The document is now shown under its remaining path.
  EXPECT_EQ(store.load_extractions({a}).at(0).info.source, "copy/a.txt");
  EXPECT_EQ(store.remove_source("copy/a.txt"), content);
  EXPECT_FALSE(store.content_in_use(*content));
  const auto removed = store.remove_content(*content);
  ASSERT_EQ(removed.size(), 1u);
  EXPECT_EQ(removed[0].info.id, a);
  EXPECT_EQ(removed[0].extraction.entities.size(), 2u);
  EXPECT_EQ(count_rows(path, "documents"), 0);
  EXPECT_EQ(count_rows(path, "document_data"), 0);
  EXPECT_EQ(count_rows(path, "contents"), 0);
  EXPECT_EQ(store.remove_source("a.txt"), std::nullopt);
}

TEST(Store, AGraphPointingAtAMissingDocumentIsRefusedAndTheOldOneKept) {
  test::TempDir dir;
  Store store(dir.file("kg.sqlite"));
  const auto a = store.add_document(test::make_document("a.txt", 0, U"甲"), Extraction{});
  store.replace_graph(test::make_graph(a, a));
  EXPECT_THROW(store.replace_graph(test::make_graph(a, a + 42)), StoreError);
  EXPECT_EQ(store.load_graph().entity_count(), 3u);
  EXPECT_EQ(count_rows(dir.file("kg.sqlite"), "relations"), 3);
}

TEST(Store, RollbackAndAnUnfinishedTransactionLeaveNothing) {
  test::TempDir dir;
  const std::string path = dir.file("kg.sqlite");
  {
    Store store(path);
    store.add_document(test::make_document("kept.txt", 0, U"甲"), Extraction{});
    store.begin();
    store.add_document(test::make_document("a.txt", 0, U"甲"), Extraction{});
    store.rollback();
    store.begin();
    store.add_document(test::make_document("b.txt", 0, U"乙"), Extraction{});
    EXPECT_THROW(store.begin(), StoreError);
    // destroyed with the transaction open
  }
  Store store(path);
  EXPECT_EQ(store.sources(), (std::vector<std::string>{"kept.txt"}));
}

TEST(Store, StatsCountByTypeAndKeepTheLastBuild) {
  test::TempDir dir;
  Store store(dir.file("kg.sqlite"));
  EXPECT_FALSE(store.stats().last_build.has_value());
  const auto a = store.add_document(test::make_document("a.txt", 0, U"甲"), Extraction{});
  const auto b = store.add_document(test::make_document("b.txt", 0, U"乙"), Extraction{});
  store.replace_graph(test::make_graph(a, b));
  store.record_build({"2026-01-01T00:00:00Z", 1.0, 10, 1, 0, 0});
  store.record_build({"2026-01-02T00:00:00Z", 2.5, 2000, 2, 3, 1});
  const StoreStats stats = store.stats();
  EXPECT_EQ(stats.documents, 2u);
  EXPECT_EQ(stats.damaged_spans, 6u);
  EXPECT_EQ(stats.glosses_removed, 2u);
  EXPECT_EQ(stats.chars_converted, 4u);
  using Counts = std::vector<std::pair<std::string, std::uint64_t>>;
  EXPECT_EQ(stats.entities_by_type, (Counts{{"Official", 1}, {"Park", 1}, {"Enterprise", 1}}));
  EXPECT_EQ(stats.relations_by_type, (Counts{{"served", 2}, {"located_in", 1}}));
  ASSERT_TRUE(stats.last_build.has_value());
  EXPECT_EQ(stats.last_build->started_at, "2026-01-02T00:00:00Z");
  EXPECT_EQ(stats.last_build->bytes, 2000u);
  EXPECT_EQ(stats.last_build->files_unchanged, 3u);
  EXPECT_EQ(stats.last_build->files_failed, 1u);
}

TEST(Store, ALockedDatabaseGivesAClearErrorNamingTheFile) {
  test::TempDir dir;
  const std::string path = dir.file("locked.sqlite");
  Store store(path);
  store.add_document(test::make_document("a.txt", 0, U"甲"), Extraction{});

  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  try {
    store.begin();
    FAIL() << "begin() succeeded while another connection held the write lock";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("locked"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(store.in_transaction());
  EXPECT_EQ(store.stats().documents, 1u);  // readers still see the data
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  store.begin();
  store.commit();
}

TEST(Store, AFileThatIsNotADatabaseIsRefusedAndLeftAlone) {
  test::TempDir dir;
  const std::string path = dir.file("notes.txt");
  const std::string content(4096, 'x');
  { std::ofstream(path, std::ios::binary) << content; }
  try {
    Store store(path);
    FAIL() << "a text file opened as a database";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
  }
  std::ifstream in(path, std::ios::binary);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), content);
}

TEST(Store, AnotherProgramsDatabaseIsRefused) {
  test::TempDir dir;
  const std::string path = dir.file("other.sqlite");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "CREATE TABLE accounts(id INTEGER); INSERT INTO accounts VALUES (1)", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  EXPECT_THROW(Store store(path), StoreError);
  EXPECT_EQ(count_rows(path, "accounts"), 1);
  EXPECT_EQ(count_rows(path, "documents"), -1);  // no kg table was created
}

TEST(Store, AMissingFolderGivesAClearError) {
  test::TempDir dir;
  const std::string path = dir.file("no/such/folder/kg.sqlite");
  try {
    Store store(path);
    FAIL();
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace kg
