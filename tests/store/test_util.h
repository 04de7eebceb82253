// tests/store/test_util.h: temporary database files and hand-made documents,
// extractions and graphs shared by the store tests.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/utf8.h"
#include "graph/graph.h"
#include "store/store.h"

namespace kg::test {

// A fresh directory per test, removed afterwards.
class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            ("kg-store-" + std::string(info->test_suite_name()) + "-" + info->name() + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// Runs `sql` (one or more statements) on the database at `path`.
inline void run_sql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  const std::string message = error != nullptr ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK) << message;
}

// Column `column` of every row `sql` gives, as text, from the database at
// `path` opened read-only.
inline std::vector<std::string> column_of(const std::string& path, const std::string& sql, int column = 0) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr);
  std::vector<std::string> values;
  while (stmt != nullptr && sqlite3_step(stmt) == SQLITE_ROW) {
    const unsigned char* text = sqlite3_column_text(stmt, column);
    values.emplace_back(text != nullptr ? reinterpret_cast<const char*>(text) : "");
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return values;
}

// An entity whose id is its name, mentioned once in `document`.
inline Vertex add_named_entity(KnowledgeGraph& graph, const std::string& name, EntityType type, std::int64_t document,
                               std::uint32_t end = 1) {
  EntityProps e;
  e.id = name;
  e.name = name;
  e.type = type;
  e.mentions = {MentionRef{document, 0, end}};
  return graph.add_entity(e);
}

inline Document make_document(const std::string& source, std::uint32_t part, const std::u32string& text) {
  Document doc;
  doc.source = source;
  doc.part = part;
  // The bytes of a file, as far as the store is concerned: one per path.
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016zx", std::hash<std::string>{}(source));
  doc.sha256 = std::string(hex) + std::string(48, 'a');
  doc.encoding = "GB18030";
  doc.meta = {"标题" + std::to_string(part), "2024-04-03", "新华网", "马海成", "曹晓晨"};
  doc.text = text;
  std::uint32_t byte = 3;  // a BOM before the first character
  for (char32_t c : text) {
    const std::uint32_t width = c < 0x80 ? 1 : 2;
    doc.raw.push_back({byte, byte + width});
    byte += width;
  }
  const auto size = static_cast<std::uint32_t>(text.size());
  doc.sentences = {{0, size / 2}, {size / 2, size}};
  doc.paragraphs = {{0, size}};
  doc.damaged = {{1, 2}};
  doc.stats = {1, 2, 3, 4, 5, 6};
  return doc;
}

inline Extraction make_extraction() {
  Extraction x;
  LocalEntity official;
  official.type = EntityType::Official;
  official.name = "张小军";
  official.aliases = {"张书记"};
  official.mentions = {{0, 3}, {10, 13}};
  official.affiliations = {"南法信镇党委"};
  LocalEntity org;
  org.type = EntityType::PartyOrg;
  org.name = "南法信镇党委";
  org.aliases = {"镇党委", "党委"};
  org.mentions = {{4, 10}};
  org.attributes = {{"level", "town"}, {"level", "duplicate kept"}};
  x.entities = {official, org};
  LocalRelation post;
  post.type = RelationType::holds_post;
  post.source = 0;
  post.target = 1;
  post.title = "书记";
  post.evidence = {0, 20};
  post.sentence = "南法信镇党委书记张小军走访企业。";
  post.attributes = {{"date", "2022-10-24"}};
  x.relations = {post};
  return x;
}

inline bool same_spans(const std::vector<Span>& a, const std::vector<Span>& b) { return a == b; }

inline void expect_same_extraction(const Extraction& a, const Extraction& b) {
  ASSERT_EQ(a.entities.size(), b.entities.size());
  for (std::size_t i = 0; i < a.entities.size(); ++i) {
    EXPECT_EQ(a.entities[i].type, b.entities[i].type);
    EXPECT_EQ(a.entities[i].name, b.entities[i].name);
    EXPECT_EQ(a.entities[i].aliases, b.entities[i].aliases);
    EXPECT_EQ(a.entities[i].mentions, b.entities[i].mentions);
    EXPECT_EQ(a.entities[i].affiliations, b.entities[i].affiliations);
    EXPECT_EQ(a.entities[i].attributes, b.entities[i].attributes);
  }
  ASSERT_EQ(a.relations.size(), b.relations.size());
  for (std::size_t i = 0; i < a.relations.size(); ++i) {
    EXPECT_EQ(a.relations[i].type, b.relations[i].type);
    EXPECT_EQ(a.relations[i].source, b.relations[i].source);
    EXPECT_EQ(a.relations[i].target, b.relations[i].target);
    EXPECT_EQ(a.relations[i].title, b.relations[i].title);
    EXPECT_EQ(a.relations[i].evidence, b.relations[i].evidence);
    EXPECT_EQ(a.relations[i].sentence, b.relations[i].sentence);
    EXPECT_EQ(a.relations[i].attributes, b.relations[i].attributes);
  }
}

// A small graph whose vertices and edges are already in id order, the order
// load_graph restores, so a round trip must give it back unchanged.
inline KnowledgeGraph make_graph(std::int64_t doc_a, std::int64_t doc_b) {
  KnowledgeGraph graph;
  EntityProps company{"ent:Enterprise:北京伟通柔显科技有限公司", "北京伟通柔显科技有限公司", EntityType::Enterprise,
                      {"伟通柔显公司", "该公司"}, {{"founded", "2019"}}, {{doc_a, 5, 17}, {doc_b, 0, 6}}};
  EntityProps official{"ent:Official:张小军", "张小军", EntityType::Official, {}, {}, {{doc_a, 0, 3}}};
  EntityProps park{"ent:Park:HICOOL产业园", "HICOOL产业园", EntityType::Park, {"产业园"}, {}, {{doc_b, 8, 17}}};
  const Vertex c = graph.add_entity(company);
  const Vertex o = graph.add_entity(official);
  const Vertex p = graph.add_entity(park);
  graph.add_relation(c, p, {"rel:located_in:1", RelationType::located_in, "", {}, {{doc_b, 0, 18, "公司落户HICOOL产业园。"}}});
  graph.add_relation(o, c, {"rel:served:1", RelationType::served, "", {{"role", "lead"}},
                            {{doc_a, 0, 20, "张小军走访伟通柔显公司。"}, {doc_b, 0, 9, "张小军再访。"}}});
  graph.add_relation(o, c, {"rel:served:2", RelationType::served, "", {{"role", "accompany"}}, {}});
  return graph;
}

inline void expect_same_graph(const KnowledgeGraph& a, const KnowledgeGraph& b) {
  ASSERT_EQ(a.entity_count(), b.entity_count());
  ASSERT_EQ(a.relation_count(), b.relation_count());
  for (std::size_t v = 0; v < a.entity_count(); ++v) {
    const auto& x = a.g[v];
    const auto& y = b.g[v];
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.type, y.type);
    EXPECT_EQ(x.aliases, y.aliases);
    EXPECT_EQ(x.attributes, y.attributes);
    ASSERT_EQ(x.mentions.size(), y.mentions.size());
    for (std::size_t i = 0; i < x.mentions.size(); ++i) {
      EXPECT_EQ(x.mentions[i].doc, y.mentions[i].doc);
      EXPECT_EQ(x.mentions[i].start, y.mentions[i].start);
      EXPECT_EQ(x.mentions[i].end, y.mentions[i].end);
    }
  }
  auto ea = boost::edges(a.g);
  auto eb = boost::edges(b.g);
  for (auto ia = ea.first, ib = eb.first; ia != ea.second && ib != eb.second; ++ia, ++ib) {
    const auto& x = a.g[*ia];
    const auto& y = b.g[*ib];
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.type, y.type);
    EXPECT_EQ(x.title, y.title);
    EXPECT_EQ(x.attributes, y.attributes);
    EXPECT_EQ(a.g[boost::source(*ia, a.g)].id, b.g[boost::source(*ib, b.g)].id);
    EXPECT_EQ(a.g[boost::target(*ia, a.g)].id, b.g[boost::target(*ib, b.g)].id);
    ASSERT_EQ(x.evidence.size(), y.evidence.size());
    for (std::size_t i = 0; i < x.evidence.size(); ++i) {
      EXPECT_EQ(x.evidence[i].doc, y.evidence[i].doc);
      EXPECT_EQ(x.evidence[i].start, y.evidence[i].start);
      EXPECT_EQ(x.evidence[i].end, y.evidence[i].end);
      EXPECT_EQ(x.evidence[i].text, y.evidence[i].text);
    }
  }
}

}  // namespace kg::test
