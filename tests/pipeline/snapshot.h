// tests/pipeline/snapshot.h: a database's facts in a canonical, comparable
// form. Row ids depend on build history, so every row that points at a
// document is rewritten to point at (sha256, part), and entities and relations
// are compared by the ids users see, with their name keys and the counters.
// Every snapshot also checks relation_shapes (schema/011) against what it
// counts, so that every state a test looks at checks the counts kept by the
// writes that led to it.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "store/codec.h"
#include "store/id_list.h"
#include "core/dates.h"
#include "store/store.h"

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

// relation_shapes (schema/011) as stored, and as counted from the relations
// joined to their ends: the two must be equal (type codes, source type,
// target type, count).
inline std::vector<std::string> relation_shapes(const std::string& db) {
  return query_rows(db, "SELECT type, source_type, target_type, relations FROM relation_shapes ORDER BY 1, 2, 3");
}
inline std::vector<std::string> counted_relation_shapes(const std::string& db) {
  return query_rows(db,
                    "SELECT r.type, s.type, t.type, count(*) FROM relations r JOIN entities s ON s.id = r.source "
                    "JOIN entities t ON t.id = r.target GROUP BY 1, 2, 3 ORDER BY 1, 2, 3");
}

// The stored counts in a form that does not depend on history: a symmetric
// relation is stored from the end with the smaller row id, so its shape is
// folded to (smaller type, larger type).
inline std::vector<std::string> folded_relation_shapes(const std::string& db) {
  std::map<std::tuple<std::int64_t, std::int64_t, std::int64_t>, std::int64_t> folded;
  for (const std::string& row : relation_shapes(db)) {
    std::int64_t type = 0, source = 0, target = 0, n = 0;
    char bar = 0;
    std::istringstream(row) >> type >> bar >> source >> bar >> target >> bar >> n;
    if (is_symmetric(codec::relation_type_from_code(type)) && source > target) std::swap(source, target);
    folded[{type, source, target}] += n;
  }
  std::vector<std::string> rows;
  for (const auto& [shape, n] : folded)
    rows.push_back(std::to_string(std::get<0>(shape)) + "|" + std::to_string(std::get<1>(shape)) + "|" +
                   std::to_string(std::get<2>(shape)) + "|" + std::to_string(n));
  return rows;
}

struct Snapshot {
  std::vector<std::string> documents, sources, document_data, entities, relations, entity_keys, counters;
  std::vector<std::string> document_entities;  // which entities each document mentions (Cypher's MENTIONS)
  std::vector<std::string> relation_shapes;    // folded_relation_shapes
  friend bool operator==(const Snapshot&, const Snapshot&) = default;
};

inline Snapshot snapshot(const std::string& db) {
  Snapshot s;
  s.documents = query_rows(db,
                           "SELECT c.sha256, d.part, d.source, d.title, d.published, d.outlet, d.author, d.editor, "
                           "c.encoding, d.glosses_removed, d.chars_converted, d.damaged_spans, "
                           "(SELECT fingerprint FROM extractors WHERE id = d.extractor) FROM "
                           "documents d JOIN contents c ON c.id = d.content_id ORDER BY 1, 2");
  s.sources = query_rows(db, "SELECT s.path, c.sha256 FROM sources s JOIN contents c ON c.id = s.content_id ORDER BY 1");
  s.document_data = query_rows(db,
                               "SELECT c.sha256, d.part, hex(x.text_index), hex(x.text), hex(x.layout), "
                               "hex(x.extraction) FROM document_data x JOIN documents d ON d.id = x.document_id "
                               "JOIN contents c ON c.id = d.content_id ORDER BY 1, 2");
  s.entity_keys = query_rows(db,
                             "SELECT k.key, k.kind, e.key FROM entity_keys k JOIN entities e ON e.id = k.entity_id "
                             "ORDER BY 1, 2, 3");
  // The bounds of dates (store/date_bounds.h) are not counts: a removal
  // leaves them wider than a build of what is left would make them. They
  // are checked below to hold every date stored instead.
  s.counters = query_rows(db, "SELECT name, value FROM counters WHERE value <> 0 AND name NOT LIKE 'dates.%' ORDER BY 1");
  EXPECT_EQ(relation_shapes(db), counted_relation_shapes(db)) << "relation_shapes of " << db;
  s.relation_shapes = folded_relation_shapes(db);
  {
    // Each document's list (schema/*_document_entity_lists.sql), its ids as the entities' keys.
    std::map<std::string, std::string> key_of_entity;
    for (const std::string& row : query_rows(db, "SELECT id || '|' || key FROM entities")) {
      const auto bar = row.find('|');
      key_of_entity[row.substr(0, bar)] = row.substr(bar + 1);
    }
    for (const std::string& row : query_rows(db,
                                             "SELECT hex(c.sha256) || '#' || d.part || '|' || hex(x.entities) FROM "
                                             "document_entities x JOIN documents d ON d.id = x.document_id JOIN "
                                             "contents c ON c.id = d.content_id")) {
      const auto bar = row.find('|');
      std::string bytes;
      for (std::size_t i = bar + 1; i + 1 < row.size(); i += 2)
        bytes.push_back(static_cast<char>(std::stoi(row.substr(i, 2), nullptr, 16)));
      const auto ids = decode_id_list(bytes);
      if (!ids) {
        s.document_entities.push_back(row.substr(0, bar) + "|<damaged>");
        continue;
      }
      for (const std::int64_t id : *ids) {
        auto it = key_of_entity.find(std::to_string(id));
        s.document_entities.push_back(row.substr(0, bar) + "|" + (it == key_of_entity.end() ? "?" : it->second));
      }
    }
    std::sort(s.document_entities.begin(), s.document_entities.end());
  }
  // The graph as readers see it, documents named by their bytes.
  std::map<std::int64_t, std::string> document_key;
  for (const std::string& row : query_rows(db,
                                           "SELECT d.id || '|' || c.sha256 || '#' || d.part FROM documents d JOIN "
                                           "contents c ON c.id = d.content_id")) {
    const auto bar = row.find('|');
    document_key[std::stoll(row.substr(0, bar))] = row.substr(bar + 1);
  }
  auto doc = [&](std::int64_t id) {
    auto it = document_key.find(id);
    return it == document_key.end() ? "?" + std::to_string(id) : it->second;
  };
  const KnowledgeGraph graph = Store(db, Store::Mode::read_only).load_graph();
  // Every date a window could find lies within the bounds, when there are some.
  const std::vector<std::string> bounds = query_rows(
      db, "SELECT value FROM counters WHERE name IN ('dates.first', 'dates.last') ORDER BY name");
  if (bounds.size() == 2) {
    const long long first = std::stoll(bounds[0]), last = std::stoll(bounds[1]);
    auto day = [](const std::string& text) {  // "YYYY-MM-DD" as YYYYMMDD
      return std::stoll(text.substr(0, 4) + text.substr(5, 2) + text.substr(8, 2));
    };
    for (const Edge e : boost::make_iterator_range(boost::edges(graph.g))) {
      for (const EvidenceRef& ev : graph.g[e].evidence) {
        const auto span = parse_date_span(ev.date);
        if (!span) continue;
        EXPECT_TRUE(day(span->first) >= first && day(span->last) <= last)
            << ev.date << " outside the bounds " << first << ".." << last << " of " << db;
      }
    }
  } else {
    EXPECT_TRUE(bounds.empty()) << "one bound of two in " << db;
  }
  for (const Vertex v : boost::make_iterator_range(boost::vertices(graph.g))) {
    const EntityProps& e = graph.g[v];
    std::string row = e.id + "|" + e.name + "|" + std::string(to_string(e.type)) + "|";
    for (const auto& a : e.aliases) row += a + ",";
    row += "|";
    for (const auto& [k, value] : e.attributes) row += k + "=" + value + ",";
    row += "|";
    std::vector<std::string> mentions;
    for (const MentionRef& m : e.mentions)
      mentions.push_back(doc(m.doc) + ":" + std::to_string(m.start) + "-" + std::to_string(m.end));
    std::sort(mentions.begin(), mentions.end());
    for (const auto& m : mentions) row += m + ",";
    s.entities.push_back(std::move(row));
  }
  for (const Edge e : boost::make_iterator_range(boost::edges(graph.g))) {
    const RelationProps& r = graph.g[e];
    std::string row = r.id + "|" + std::string(to_string(r.type)) + "|" + graph.g[boost::source(e, graph.g)].id + "|" +
                      graph.g[boost::target(e, graph.g)].id + "|" + r.title + "|";
    for (const auto& [k, value] : r.attributes) row += k + "=" + value + ",";
    row += "|";
    std::vector<std::string> evidence;
    for (const EvidenceRef& ev : r.evidence)
      evidence.push_back(doc(ev.doc) + ":" + std::to_string(ev.start) + "-" + std::to_string(ev.end) + ":" + ev.text);
    std::sort(evidence.begin(), evidence.end());
    for (const auto& ev : evidence) row += ev + ",";
    s.relations.push_back(std::move(row));
  }
  return s;
}

inline void expect_same(const Snapshot& a, const Snapshot& b) {
  EXPECT_EQ(a.documents, b.documents);
  EXPECT_EQ(a.sources, b.sources);
  EXPECT_EQ(a.document_data, b.document_data);
  EXPECT_EQ(a.entities, b.entities);
  EXPECT_EQ(a.relations, b.relations);
  EXPECT_EQ(a.entity_keys, b.entity_keys);
  EXPECT_EQ(a.counters, b.counters);
  EXPECT_EQ(a.document_entities, b.document_entities);
  EXPECT_EQ(a.relation_shapes, b.relation_shapes);
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

#ifdef KG_FIXTURES
// Copies the fixture articles to `to`, so tests can change and add files.
inline void copy_fixtures(const std::string& to) {
  std::filesystem::copy(KG_FIXTURES, to, std::filesystem::copy_options::recursive);
}
#endif

}  // namespace kg::test
