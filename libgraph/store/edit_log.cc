// store/edit_log.cc owns the tables of schema/006: the log of `kg edit` with
// its index by name key and the documents each edit changed, the user
// lexicons a database remembers, and what re-extraction reads and writes
// (which documents another extractor made, a document's new extraction);
// and of schema/009, the ids edits took away and where they went.
// What an edit means is the edit stage's (libgraph/edit/); here it is rows.
#include <algorithm>

#include "core/utf8.h"
#include "store/codec.h"
#include "store/sqlite.h"
#include "store/store.h"

namespace kg {

std::int64_t Store::add_edit(const std::string& kind, const std::string& arguments, const std::string& made_by,
                             const std::vector<std::string>& keys) {
  WriteScope scope(*this);
  std::int64_t id = 0;
  {
    Query q(*this, "INSERT INTO edits (kind, arguments, made_by) VALUES (?1, ?2, ?3)", "recording an edit");
    q.bind(1, kind).bind(2, arguments).bind(3, made_by).run();
    id = sqlite3_last_insert_rowid(db_);
  }
  for (const std::string& key : keys) {
    Query q(*this, "INSERT OR IGNORE INTO edit_keys (key, edit_id) VALUES (?1, ?2)", "indexing an edit");
    q.bind(1, key).bind(2, id).run();
  }
  scope.done();
  return id;
}

std::vector<Store::StoredEdit> Store::edits(const std::vector<std::int64_t>& ids) const {
  std::vector<StoredEdit> list;
  auto read = [&](Query& q) {
    while (q.step())
      list.push_back({q.integer(0), q.text(1), q.text(2), q.text(3), q.text(4), q.integer(5) != 0});
  };
  if (ids.empty()) {
    Query q(*this, "SELECT id, made_at, made_by, kind, arguments, undone FROM edits ORDER BY id", "reading the edit log");
    read(q);
    return list;
  }
  for (const std::int64_t id : ids) {
    Query q(*this, "SELECT id, made_at, made_by, kind, arguments, undone FROM edits WHERE id = ?1",
            "reading the edit log");
    q.bind(1, id);
    read(q);
  }
  return list;
}

bool Store::has_edits() const {
  Query q(*this, "SELECT EXISTS (SELECT 1 FROM edits WHERE undone = 0)", "reading the edit log");
  return q.step() && q.integer(0) != 0;
}

std::vector<std::int64_t> Store::edits_with_keys(const std::vector<std::string>& keys) const {
  std::vector<std::int64_t> ids;
  for (const std::string& key : keys) {
    Query q(*this,
            "SELECT k.edit_id FROM edit_keys k JOIN edits e ON e.id = k.edit_id WHERE k.key = ?1 AND e.undone = 0",
            "finding edits by name");
    q.bind(1, key);
    while (q.step()) ids.push_back(q.integer(0));
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

void Store::set_edit_undone(std::int64_t id, bool undone) {
  WriteScope scope(*this);
  Query q(*this, "UPDATE edits SET undone = ?2 WHERE id = ?1", "marking an edit undone");
  q.bind(1, id).bind(2, std::int64_t{undone ? 1 : 0}).run();
  scope.done();
}

void Store::add_edit_documents(std::int64_t edit, const std::vector<std::int64_t>& documents) {
  WriteScope scope(*this);
  for (const std::int64_t document : documents) {
    Query q(*this, "INSERT OR IGNORE INTO edit_documents (edit_id, document_id) VALUES (?1, ?2)",
            "recording what an edit changed");
    q.bind(1, edit).bind(2, document).run();
  }
  scope.done();
}

std::vector<std::int64_t> Store::edit_documents(std::int64_t edit) const {
  Query q(*this, "SELECT document_id FROM edit_documents WHERE edit_id = ?1 ORDER BY document_id",
          "reading what an edit changed");
  q.bind(1, edit);
  std::vector<std::int64_t> ids;
  while (q.step()) ids.push_back(q.integer(0));
  return ids;
}

bool Store::move_entity_key(std::uint64_t former, std::uint64_t current) {
  if (former == current) return false;
  const auto from = static_cast<std::int64_t>(former), to = static_cast<std::int64_t>(current);
  {
    Query q(*this, "SELECT EXISTS (SELECT 1 FROM entities WHERE key = ?1)", "finding an entity by id");
    q.bind(1, from);
    if (q.step() && q.integer(0) != 0) return false;
  }
  WriteScope scope(*this);
  {
    Query q(*this,
            "INSERT INTO entity_moves (former, current) VALUES (?1, ?2) "
            "ON CONFLICT (former) DO UPDATE SET current = excluded.current",
            "recording a changed id");
    q.bind(1, from).bind(2, to).run();
  }
  {
    // entity_moves is small (a row per id an edit changed): no index on current.
    Query q(*this, "UPDATE entity_moves SET current = ?2 WHERE current = ?1", "recording a changed id");
    q.bind(1, from).bind(2, to).run();
  }
  forget_entity_move(current);
  scope.done();
  return true;
}

void Store::forget_entity_move(std::uint64_t key) {
  WriteScope scope(*this);
  Query q(*this, "DELETE FROM entity_moves WHERE former = ?1", "recording a changed id");
  q.bind(1, static_cast<std::int64_t>(key)).run();
  scope.done();
}

std::vector<std::int64_t> Store::documents_not_made_by(const std::string& fingerprint) const {
  Query q(*this,
          "SELECT d.id FROM documents d LEFT JOIN extractors x ON x.id = d.extractor "
          "WHERE x.fingerprint IS NULL OR x.fingerprint <> ?1 ORDER BY d.id",
          "finding documents to extract again");
  q.bind(1, fingerprint);
  std::vector<std::int64_t> ids;
  while (q.step()) ids.push_back(q.integer(0));
  return ids;
}

void Store::replace_extraction(std::int64_t id, const Document& doc, const Extraction& extraction,
                               const std::string& fingerprint) {
  WriteScope scope(*this);
  std::string encoded = codec::encode_extraction(extraction, doc.text);
  const Dictionaries current = dictionaries();
  if (!current.empty()) encoded = codec::pack(std::move(encoded), current.extraction.get());
  {
    Query q(*this, "UPDATE document_data SET extraction = ?2 WHERE document_id = ?1", "storing an extraction");
    q.bind(1, id).bind_static_blob(2, encoded).run();
  }
  {
    Query q(*this, "UPDATE documents SET extractor = ?2 WHERE id = ?1", "recording an extractor");
    q.bind(1, id).bind(2, extractor_id(fingerprint)).run();
  }
  scope.done();
}

std::vector<std::pair<std::string, std::string>> Store::user_lexicons() const {
  Query q(*this, "SELECT path, content FROM user_lexicons ORDER BY position", "reading the user lexicons");
  std::vector<std::pair<std::string, std::string>> list;
  while (q.step()) list.emplace_back(q.text(0), std::string(q.blob(1)));
  return list;
}

void Store::set_user_lexicons(const std::vector<std::pair<std::string, std::string>>& lexicons) {
  WriteScope scope(*this);
  {
    Query q(*this, "DELETE FROM user_lexicons", "forgetting the user lexicons");
    q.run();
  }
  std::int64_t position = 0;
  for (const auto& [path, content] : lexicons) {
    Query q(*this, "INSERT INTO user_lexicons (position, path, content) VALUES (?1, ?2, ?3)",
            "remembering a user lexicon");
    q.bind(1, ++position).bind(2, path).bind_blob(3, content).run();
  }
  scope.done();
}

}  // namespace kg
