// tests/pipeline/snapshot.h: a database's facts in a canonical, comparable
// form. Document ids depend on build history, so rows that point at documents
// are rewritten to point at (source, part) instead.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace kg::test {

inline std::vector<std::string> query_rows(const std::string& db_path, const std::string& sql) {
  std::vector<std::string> rows;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    ADD_FAILURE() << "cannot open " << db_path;
    return rows;
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << sqlite3_errmsg(db) << " in " << sql;
    sqlite3_close(db);
    return rows;
  }
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    std::string row;
    for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
      row += (c == 0 ? "" : "|") + std::string(text != nullptr ? text : "<null>");
    }
    rows.push_back(std::move(row));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return rows;
}

inline std::int64_t query_int(const std::string& db_path, const std::string& sql) {
  const auto rows = query_rows(db_path, sql);
  return rows.empty() ? -1 : std::stoll(rows[0]);
}

struct Snapshot {
  std::vector<std::string> documents, extractions, entities, aliases, mentions, relations, evidence;
  friend bool operator==(const Snapshot&, const Snapshot&) = default;
};

inline Snapshot snapshot(const std::string& db) {
  Snapshot s;
  s.documents = query_rows(db,
                           "SELECT source, part, title, published, outlet, author, editor, text, sha256, encoding, "
                           "glosses_removed, chars_converted, damaged_spans, hex(raw_offsets), hex(sentences) "
                           "FROM documents ORDER BY source, part");
  s.extractions = query_rows(db,
                             "SELECT d.source, d.part, hex(x.data) FROM extractions x JOIN documents d ON "
                             "d.id = x.document_id ORDER BY d.source, d.part");
  s.entities = query_rows(db, "SELECT id, name, type, attributes FROM entities ORDER BY id");
  s.aliases = query_rows(db, "SELECT entity_id, position, alias FROM aliases ORDER BY entity_id, position");
  s.mentions = query_rows(db,
                          "SELECT m.entity_id, d.source, d.part, m.start_char, m.end_char FROM mentions m JOIN "
                          "documents d ON d.id = m.document_id ORDER BY 1, 2, 3, 4, 5");
  s.relations = query_rows(db, "SELECT id, type, source, target, title, attributes FROM relations ORDER BY id");
  s.evidence = query_rows(db,
                          "SELECT e.relation_id, d.source, d.part, e.start_char, e.end_char, e.sentence FROM "
                          "evidence e JOIN documents d ON d.id = e.document_id ORDER BY 1, 2, 3, 4, 5, 6");
  return s;
}

inline void expect_same(const Snapshot& a, const Snapshot& b) {
  EXPECT_EQ(a.documents, b.documents);
  EXPECT_EQ(a.extractions, b.extractions);
  EXPECT_EQ(a.entities, b.entities);
  EXPECT_EQ(a.aliases, b.aliases);
  EXPECT_EQ(a.mentions, b.mentions);
  EXPECT_EQ(a.relations, b.relations);
  EXPECT_EQ(a.evidence, b.evidence);
}

// A fresh directory per test, removed afterwards.
class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            ("kg-pipeline-" + std::string(info->test_suite_name()) + "-" + info->name() + "-" +
             std::to_string(::getpid()));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline void write_file(const std::string& path, const std::string& bytes) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The start of a PNG image followed by binary noise: not text in any encoding.
inline std::string binary_bytes() {
  std::string bytes("\x89PNG\r\n\x1a\n", 8);
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  return bytes;
}

// Copies the fixture articles to `to`, so tests can change and add files.
inline void copy_fixtures(const std::string& to) {
  std::filesystem::copy(KG_FIXTURES, to, std::filesystem::copy_options::recursive);
}

}  // namespace kg::test
