// tests/store/migration_test.cc: a database made by an older kg (schema v1 or
// v4, built here by hand from schema/00N_*.sql) is migrated on open with its
// documents kept and its graph resolved again from their extractions; a
// database from a newer kg is refused; a read-only opening never migrates.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <tuple>

#include "core/utf8.h"
#include "store/store.h"
#include "store/store_source.h"
#include "test_util.h"

namespace kg {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

using test::run_sql;

// The integer in the first row `sql` gives; -1 when it gives none.
std::int64_t query_int(const std::string& path, const std::string& sql) {
  const std::vector<std::string> values = test::column_of(path, sql);
  return values.empty() ? -1 : std::stoll(values.front());
}

std::int64_t count_where(const std::string& path, const std::string& table, const std::string& condition) {
  return query_int(path, "SELECT count(*) FROM " + table + " WHERE " + condition);
}

// The number of the migration whose file name ends with `suffix`, whichever
// number it landed as; 0 when there is none.
int migration_number(const std::string& suffix) {
  int version = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(KG_SOURCE_DIR) + "/schema"))
    if (entry.path().filename().string().ends_with(suffix)) version = std::stoi(entry.path().filename().string());
  return version;
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
    // The graph is derived from extractions, and this document has none:
    // version 5 resolves it again to nothing rather than keep rows no
    // extraction supports.
    EXPECT_EQ(store.load_graph().entity_count(), 0u);
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

// An extraction in format 2 (what schema 4 stored), written byte by byte.
class V2Writer {
 public:
  V2Writer& varint(std::uint64_t v) {
    while (v >= 0x80) {
      out += static_cast<char>((v & 0x7F) | 0x80);
      v >>= 7;
    }
    out += static_cast<char>(v);
    return *this;
  }
  V2Writer& byte(unsigned char b) {
    out += static_cast<char>(b);
    return *this;
  }
  V2Writer& string(const std::string& s) {
    varint(s.size());
    out += s;
    return *this;
  }
  V2Writer& span(std::uint32_t begin, std::uint32_t end) {  // a list of one span
    return varint(1).varint(std::uint64_t{begin} * 2).varint(end - begin + 1).varint(1);
  }
  std::string hex() const {
    static const char* digits = "0123456789ABCDEF";
    std::string h;
    for (unsigned char c : out) {
      h += digits[c >> 4];
      h += digits[c & 15];
    }
    return h;
  }
  std::string out;
};

// 张小军 (Official, of 南法信镇党委) and 南法信镇党委, and his post there.
std::string v2_extraction(std::uint32_t person_at, bool with_party) {
  V2Writer w;
  w.byte(2).varint(with_party ? 2 : 1);
  w.byte(static_cast<unsigned char>(EntityType::Official)).string("张小军").varint(0).span(person_at, person_at + 3);
  w.varint(1).string("南法信镇党委").varint(0);
  if (with_party) {
    w.byte(static_cast<unsigned char>(EntityType::PartyOrg)).string("南法信镇党委").varint(0).span(0, 6);
    w.varint(0).varint(0);
    w.varint(1).byte(static_cast<unsigned char>(RelationType::holds_post)).varint(0).varint(1).string("书记");
    w.varint(0).varint(16).byte(0).varint(0);  // evidence [0, 16), the sentence is the text there
  } else {
    w.varint(0);
  }
  return w.hex();
}

TEST(Migration, AVersionFourDatabaseBecomesContentsSourcesAndAResolvedGraph) {
  test::TempDir dir;
  const std::string path = dir.file("v4.sqlite");
  std::string script = "BEGIN;";
  for (const char* file : {"001_init.sql", "002_builds.sql", "003_compact_evidence.sql", "004_clustered_mentions_evidence.sql"}) {
    const std::string sql = read_file(std::string(KG_SOURCE_DIR) + "/schema/" + file);
    ASSERT_FALSE(sql.empty()) << file;
    script += sql;
  }
  // The same file built under two paths (stored twice by schema 4), and another.
  const std::string a = "南法信镇党委书记张小军走访企业。";
  run_sql(path, script +
                    "INSERT INTO documents (id, source, part, title, text, sha256, encoding, damaged_spans) VALUES "
                    "(1, 'news/a.txt', 0, '走访', '" + a + "', 'sha-a', 'UTF-8', 1), "
                    "(2, 'copy/a.txt', 0, '走访', '" + a + "', 'sha-a', 'UTF-8', 1), "
                    "(3, 'news/b.txt', 0, '再访', '张小军再次走访企业。', 'sha-b', 'GB18030', 0);"
                    "INSERT INTO extractions VALUES (1, X'" + v2_extraction(8, true) + "'), (2, X'" +
                    v2_extraction(8, true) + "'), (3, X'" + v2_extraction(0, false) + "');"
                    "PRAGMA user_version = 4; COMMIT;");
  {
    // Reading does not migrate: it says what to do.
    try {
      Store reader(path, Store::Mode::read_only);
      FAIL() << "a schema 4 database opened read-only";
    } catch (const StoreError& e) {
      EXPECT_NE(std::string(e.what()).find("older"), std::string::npos) << e.what();
    }
    EXPECT_EQ(query_int(path, "PRAGMA user_version"), 4);
  }
  Store store(path);
  // Upgraded through every later migration too: to the newest schema/*.sql.
  int newest = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(KG_SOURCE_DIR) + "/schema"))
    if (entry.path().extension() == ".sql") newest = std::max(newest, std::stoi(entry.path().filename().string()));
  EXPECT_EQ(store.schema_version(), newest);
  EXPECT_EQ(query_int(path, "SELECT count(*) FROM contents"), 2);
  EXPECT_EQ(store.sources(), (std::vector<std::string>{"copy/a.txt", "news/a.txt", "news/b.txt"}));
  EXPECT_EQ(query_int(path, "SELECT count(*) FROM documents"), 2);
  EXPECT_EQ(query_int(path, "SELECT count(*) FROM sqlite_schema WHERE name LIKE '%_v4'"), 0);
  const auto doc = store.load_document(1);
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ(doc->text, to_u32(a));
  EXPECT_EQ(doc->source, "copy/a.txt");  // the first of its paths
  const StoreStats stats = store.stats();
  EXPECT_EQ(stats.documents, 2u);
  EXPECT_EQ(stats.damaged_spans, 1u);
  // One 张小军 (the same affiliation in both files), his body, his post.
  const KnowledgeGraph graph = store.load_graph();
  ASSERT_EQ(graph.entity_count(), 2u);
  ASSERT_EQ(graph.relation_count(), 1u);
  const auto& post = graph.g[*boost::edges(graph.g).first];
  EXPECT_EQ(post.title, "书记");
  ASSERT_EQ(post.evidence.size(), 1u);
  EXPECT_EQ(post.evidence[0].text, a);
  for (const Vertex v : boost::make_iterator_range(boost::vertices(graph.g))) {
    if (graph.g[v].name == "张小军") {
      EXPECT_EQ(graph.g[v].mentions.size(), 2u);
    }
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* check = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &check, nullptr);
  ASSERT_EQ(sqlite3_step(check), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(check, 0)), "ok");
  sqlite3_finalize(check);
  sqlite3_close(db);
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

// Issue 12 part 5, then issue 11: the migration that makes document_entities
// a list per document fills it from the entities' rows of a database built
// before it (which had a table of pairs).
TEST(Migration, DocumentEntitiesAreFilledFromTheEntitiesOfAnOlderDatabase) {
  test::TempDir dir;
  const std::string path = dir.file("before_document_entities.sqlite");
  const int version = migration_number("_document_entity_lists.sql");
  ASSERT_GT(version, 7);
  {
    Store store(path);
    store.begin();
    const std::int64_t a = store.add_document(test::make_document("a.txt", 0, U"甲乙"), Extraction{});
    const std::int64_t b = store.add_document(test::make_document("b.txt", 0, U"丙丁"), Extraction{});
    KnowledgeGraph graph;
    graph.documents.push_back(DocumentInfo{a, "a.txt", 0});
    graph.documents.push_back(DocumentInfo{b, "b.txt", 0});
    EntityProps both, only_b;
    both.id = "both";
    both.name = "甲";
    both.type = EntityType::Official;
    both.mentions = {MentionRef{a, 0, 1}, MentionRef{b, 0, 1}};
    only_b.id = "only_b";
    only_b.name = "丙";
    only_b.type = EntityType::Park;
    only_b.mentions = {MentionRef{b, 0, 1}};
    graph.add_entity(both);
    graph.add_entity(only_b);
    store.replace_graph(graph);
    store.commit();
  }
  const auto rows = [&] {
    const Store store(path, Store::Mode::read_only);
    const StoreSource source(store);
    std::vector<std::string> found;
    for (std::int64_t document = 1; document <= store.last_document_id(); ++document)
      for (const EntityRef entity : source.entities_in_document(document))
        found.push_back(source.document(document)->source + "|" + source.details(entity).entity.id);
    std::sort(found.begin(), found.end());
    return found;
  };
  const std::vector<std::string> expected = {"a.txt|both", "b.txt|both", "b.txt|only_b"};
  EXPECT_EQ(rows(), expected);
  // As a database of the version before: a table of (document, entity) pairs, empty.
  run_sql(path,
          "DROP TABLE document_entities; CREATE TABLE document_entities (document_id INTEGER NOT NULL, entity_id "
          "INTEGER NOT NULL, PRIMARY KEY (document_id, entity_id)) WITHOUT ROWID; PRAGMA user_version = " +
              std::to_string(version - 1));
  { Store store(path); }
  EXPECT_EQ(rows(), expected);
}

// Issue 11: schema 010 empties documents.source, a copy of the content's
// first path; a database that still has the copies answers the same after it.
TEST(Migration, DocumentsAreShownUnderTheirPathsOnceTheCopiesAreDropped) {
  test::TempDir dir;
  const std::string path = dir.file("before_source_copies_dropped.sqlite");
  const int version = migration_number("_document_source_from_sources.sql");
  ASSERT_GT(version, 8);
  std::int64_t a = 0, b = 0;
  {
    Store store(path);
    store.begin();
    a = store.add_document(test::make_document("a.txt", 0, U"甲乙"), test::make_extraction());
    const Document second = test::make_document("b.txt", 1, U"丙丁");
    b = store.add_document(second, Extraction{});
    store.set_source("another/b.txt", *store.content_id(second.sha256));
    store.commit();
  }
  const auto shown = [&] {
    Store store(path, Store::Mode::read_only);
    StoreSource source(store);
    std::vector<std::string> found;
    for (const std::int64_t id : {a, b}) {
      found.push_back(source.document(id)->source);
      found.push_back(store.load_document(id)->source);
      found.push_back(store.load_extractions({id}).at(0).info.source);
    }
    source.scan_documents([&](const DocumentInfo& d) {
      found.push_back(d.source);
      return true;
    });
    for (const DocumentInfo& d : source.documents_from("another/b.txt")) found.push_back(d.source);
    for (const DocumentInfo& d : store.load_graph().documents) found.push_back(d.source);
    return found;
  };
  const std::vector<std::string> expected = {"a.txt", "a.txt", "a.txt", "another/b.txt", "another/b.txt",
                                             "another/b.txt", "a.txt", "another/b.txt", "another/b.txt",
                                             "a.txt", "another/b.txt"};
  EXPECT_EQ(shown(), expected);
  // As a database of the version before, whose documents kept their first path.
  run_sql(path, "UPDATE documents SET source = (SELECT min(path) FROM sources WHERE content_id = documents.content_id); "
                "PRAGMA user_version = " + std::to_string(version - 1));
  EXPECT_EQ(count_where(path, "documents", "source <> ''"), 2);
  { Store store(path); }
  EXPECT_EQ(count_where(path, "documents", "source <> ''"), 0);
  EXPECT_EQ(shown(), expected);
  // SQL from outside kg finds the paths in the view document_sources.
  EXPECT_EQ(count_where(path, "document_sources", "source IN ('a.txt', 'another/b.txt')"), 2);
}

// A new database at `path` holding one document, a.txt of `text`, and the
// graph `fill` makes of it (given the document's id).
void write_graph_of_one_document(const std::string& path, const std::u32string& text,
                                 const std::function<void(KnowledgeGraph&, std::int64_t)>& fill) {
  Store store(path);
  store.begin();
  const std::int64_t a = store.add_document(test::make_document("a.txt", 0, text), Extraction{});
  KnowledgeGraph graph;
  graph.documents.push_back(DocumentInfo{a, "a.txt", 0});
  fill(graph, a);
  store.replace_graph(graph);
  store.commit();
}

// Issue 11: schema 011's relation_shapes is filled from the relations and
// entities of a database built before it, and kept from then on; so is
// schema 012's rare_relations (every relation here: each shape is rare).
TEST(Migration, RelationShapesAreCountedFromTheGraphOfAnOlderDatabase) {
  test::TempDir dir;
  const std::string path = dir.file("before_relation_shapes.sqlite");
  const int version = migration_number("_relation_shapes.sql");
  ASSERT_GT(version, 10);
  write_graph_of_one_document(path, U"甲乙丙丁", [](KnowledgeGraph& graph, std::int64_t a) {
    auto add = [&](const std::string& name, EntityType type) { return test::add_named_entity(graph, name, type, a); };
    const Vertex official = add("甲", EntityType::Official), firm = add("乙", EntityType::Enterprise),
                 other = add("丙", EntityType::Enterprise), park = add("丁", EntityType::Park);
    int n = 0;
    for (const auto& [from, type, to] : {std::tuple{official, RelationType::served, firm},
                                         std::tuple{official, RelationType::served, other},
                                         std::tuple{firm, RelationType::located_in, park},
                                         std::tuple{firm, RelationType::cooperates_with, other}}) {
      RelationProps r;
      r.id = "r" + std::to_string(++n);
      r.type = type;
      graph.add_relation(from, to, r);
    }
  });
  const auto shapes = [&] {
    return test::column_of(path,
                           "SELECT type || ',' || source_type || ',' || target_type || ',' || relations FROM "
                           "relation_shapes ORDER BY type, source_type, target_type");
  };
  // served (1) Official (0) -> Enterprise (4) twice; located_in (2)
  // Enterprise -> Park (3); cooperates_with (6) Enterprise -> Enterprise.
  const std::vector<std::string> expected = {"1,0,4,2", "2,4,3,1", "6,4,4,1"};
  EXPECT_EQ(shapes(), expected);
  // As a database of the version before: no table.
  EXPECT_EQ(count_where(path, "rare_relations", "1"), 4);
  run_sql(path, "DROP TABLE relation_shapes; DROP TABLE rare_relations; PRAGMA user_version = " +
                    std::to_string(version - 1));
  EXPECT_EQ(count_where(path, "sqlite_schema", "name IN ('relation_shapes', 'rare_relations')"), 0);
  { Store store(path); }
  EXPECT_EQ(shapes(), expected);
  EXPECT_EQ(count_where(path, "rare_relations", "type = 1 AND source_type = 0 AND target_type = 4"), 2);
  EXPECT_EQ(count_where(path, "rare_relations", "1"), 4);
  // Kept from then on: the park's relation goes with it.
  {
    ASSERT_EQ(count_where(path, "relations", "id = 3 AND target = 4"), 1);
    ASSERT_EQ(count_where(path, "entities", "id = 4 AND name = '丁'"), 1);
    Store store(path);
    store.begin();
    ChangeSink& sink = store.graph_writer();
    sink.entity({4, true, {}});
    sink.relation({3, true, {}});
    store.commit();
  }
  EXPECT_EQ(shapes(), (std::vector<std::string>{"1,0,4,2", "6,4,4,1"}));
  EXPECT_EQ(count_where(path, "rare_relations", "1"), 3);
}

// The plan SQLite makes for a statement, one line per step.
std::string query_plan(const std::string& path, const std::string& sql) {
  std::string plan;
  for (const std::string& step : test::column_of(path, "EXPLAIN QUERY PLAN " + sql, 3)) plan += step + "\n";
  return plan;
}

// Issue 11: schema 013's partial index of the name keys of kind 0 (names
// that differ from their key) is made for a database built before it, and
// a pass over those keys reads it instead of every key of every kind.
TEST(Migration, TheKeysOfNamesThatDifferFromThemGetAnIndexOfTheirOwn) {
  test::TempDir dir;
  const std::string path = dir.file("before_name_keys.sqlite");
  const int version = migration_number("_name_keys.sql");
  ASSERT_GT(version, 12);
  write_graph_of_one_document(path, U"東河工業園东河工业园", [](KnowledgeGraph& graph, std::int64_t a) {
    for (const char* name : {"東河工業園", "南河工业园"}) test::add_named_entity(graph, name, EntityType::Park, a, 5);
  });
  const std::string pass = "SELECT entity_id, key FROM entity_keys WHERE kind = 0 AND instr(key, '河') > 0";
  auto indexed = [&] { return count_where(path, "sqlite_schema", "type = 'index' AND name = 'entity_name_keys'"); };
  // The traditional name's key differs from it; the other's does not.
  const std::int64_t keys = count_where(path, "entity_keys", "kind = 0");
  EXPECT_EQ(keys, 1);
  EXPECT_EQ(indexed(), 1);
  EXPECT_NE(query_plan(path, pass).find("entity_name_keys"), std::string::npos) << query_plan(path, pass);
  EXPECT_EQ(count_where(path, "entity_keys INDEXED BY entity_name_keys", "kind = 0"), keys);

  // As a database of the version before: no index, every key passed over.
  run_sql(path, "DROP INDEX entity_name_keys; PRAGMA user_version = " + std::to_string(version - 1));
  EXPECT_EQ(indexed(), 0);
  EXPECT_EQ(query_plan(path, pass).find("entity_name_keys"), std::string::npos);
  { Store store(path); }
  EXPECT_EQ(indexed(), 1);
  EXPECT_NE(query_plan(path, pass).find("entity_name_keys"), std::string::npos);
  EXPECT_EQ(count_where(path, "entity_keys INDEXED BY entity_name_keys", "kind = 0"), keys);
}

}  // namespace
}  // namespace kg
