// store/store.h owns the SQLite file: schema and migrations, documents, the
// per-document extractions, and the resolved graph. Every build runs inside
// one transaction so that an interrupted build leaves the previous graph whole.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "extract/extraction.h"
#include "graph/graph.h"
#include "resolve/resolve.h"
#include "text/document.h"

struct sqlite3;

namespace kg {

// Any failure of the database: cannot open, locked, corrupt, newer schema.
// The message names the file and what is wrong.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct BuildRecord {
  std::string started_at;  // ISO 8601 UTC
  double seconds = 0;
  std::uint64_t bytes = 0;
  std::uint32_t files_added = 0, files_unchanged = 0, files_failed = 0;
};

struct StoreStats {
  std::uint64_t documents = 0;
  std::vector<std::pair<std::string, std::uint64_t>> entities_by_type;
  std::vector<std::pair<std::string, std::uint64_t>> relations_by_type;
  std::uint64_t damaged_spans = 0, glosses_removed = 0, chars_converted = 0;
  std::optional<BuildRecord> last_build;
};

class Store {
 public:
  // Opens or creates the file and applies pending migrations (schema/*.sql,
  // tracked in PRAGMA user_version). Throws StoreError.
  explicit Store(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::string& path() const { return path_; }
  int schema_version() const;

  // Everything between begin() and commit() is one transaction; a Store
  // destroyed with an open transaction rolls it back.
  void begin();
  void commit();
  void rollback();

  // sha256 of the file stored under `source`, if any.
  std::optional<std::string> file_sha256(const std::string& source) const;
  // All stored sources.
  std::vector<std::string> sources() const;
  // Removes the documents of `source` and their extractions. Returns how many
  // documents were removed. The graph is not rebuilt: call replace_graph.
  // Mentions and evidence have no index by document (schema/004), so the
  // cascade scans them: callers removing many sources clear_graph() first.
  std::size_t remove_source(const std::string& source);
  // Stores one document and its extraction; returns the document id.
  std::int64_t add_document(const Document& doc, const Extraction& extraction);

  // The extractions of the documents with id <= up_to_id (all by default).
  std::vector<StoredExtraction> load_extractions(std::int64_t up_to_id = INT64_MAX) const;
  // The largest document id stored (0 if none): documents added later get
  // larger ids, so a build can tell what it added from what was there.
  std::int64_t last_document_id() const;
  // Deletes entities, aliases, mentions, relations and evidence, leaving the
  // documents and extractions they are derived from.
  void clear_graph();
  // Replaces entities, aliases, mentions, relations and evidence.
  void replace_graph(const KnowledgeGraph& graph);
  KnowledgeGraph load_graph() const;
  // The clean text of a document, UTF-8 (for evidence display).
  std::optional<std::string> document_text(std::int64_t id) const;

  void record_build(const BuildRecord& record);
  StoreStats stats() const;

  // Every stored (source, sha256) pair, sorted by source: one read for a
  // build instead of one query per file.
  std::vector<std::pair<std::string, std::string>> source_hashes() const;
  // A stored document as the text stage made it (text, offsets, sentences).
  std::optional<Document> load_document(std::int64_t id) const;
  bool in_transaction() const { return in_transaction_; }

 private:
  struct Statements;
  void apply_migrations();
  std::vector<char> evidence_sentences_in_text(const KnowledgeGraph& graph, const std::vector<Edge>& edges) const;

  std::string path_;
  sqlite3* db_ = nullptr;
  bool in_transaction_ = false;
  std::unique_ptr<Statements> statements_;
};

}  // namespace kg
