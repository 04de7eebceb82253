// store/sqlite.h (internal to the store stage) owns how the store talks to
// SQLite: errors turned into StoreErrors that name the file, cached prepared
// statements, a bind/step/read helper that resets its statement, and running
// one statement of SQL text at a time (never a multi-statement script built
// from data).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "store/store.h"

namespace kg {

inline constexpr int kBusyTimeoutMs = 2000;

// The path a document is shown under: its content's first path, read from
// sources (schema 010 stopped keeping a copy in documents.source). SQL for a
// query in which `d` is the documents row.
#define KG_DOCUMENT_SOURCE "coalesce((SELECT min(path) FROM sources WHERE content_id = d.content_id), '')"

[[noreturn]] void sqlite_fail(sqlite3* db, const std::string& path, int rc, std::string_view doing);

// One prepared statement per SQL text, prepared on first use and kept until
// the store closes.
struct Store::Statements {
  sqlite3* db;
  const std::string& path;
  std::unordered_map<std::string_view, sqlite3_stmt*> cache;

  Statements(sqlite3* db_, const std::string& path_) : db(db_), path(path_) {}
  ~Statements();
  // `sql` must be a string literal: the cache keys on its text without copying.
  sqlite3_stmt* get(std::string_view sql);
};

// Binds, steps and reads one statement; resets it when done so the next user
// finds it clean even after an exception.
class Query {
 public:
  Query(const Store& store, std::string_view sql, std::string_view doing);
  Query(sqlite3* db, const std::string& path, sqlite3_stmt* stmt, std::string_view doing)
      : db_(db), path_(path), stmt_(stmt), doing_(doing) {}
  ~Query() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  Query& bind(int index, std::string_view text) {
    check(sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
    return *this;
  }
  Query& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Query& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Query& bind(int index, std::int64_t value) {
    check(sqlite3_bind_int64(stmt_, index, value));
    return *this;
  }
  Query& bind(int index, std::uint32_t value) { return bind(index, static_cast<std::int64_t>(value)); }
  Query& bind(int index, std::uint64_t value) { return bind(index, static_cast<std::int64_t>(value)); }
  Query& bind(int index, double value) {
    check(sqlite3_bind_double(stmt_, index, value));
    return *this;
  }
  // For text that outlives the statement's step: read in place, not copied.
  Query& bind_static(int index, std::string_view text) {
    check(sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8));
    return *this;
  }
  Query& bind_null(int index) {
    check(sqlite3_bind_null(stmt_, index));
    return *this;
  }
  Query& bind_blob(int index, std::string_view bytes) {
    check(sqlite3_bind_blob64(stmt_, index, bytes.empty() ? "" : bytes.data(), bytes.size(), SQLITE_TRANSIENT));
    return *this;
  }
  Query& bind_static_blob(int index, std::string_view bytes) {
    check(sqlite3_bind_blob64(stmt_, index, bytes.empty() ? "" : bytes.data(), bytes.size(), SQLITE_STATIC));
    return *this;
  }

  // True while there is a row to read.
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    sqlite_fail(db_, path_, rc, doing_);
  }
  void run() {
    while (step()) {
    }
  }

  bool is_blob(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_BLOB; }
  bool is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  bool is_integer(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_INTEGER; }
  std::int64_t integer(int column) const { return sqlite3_column_int64(stmt_, column); }
  std::uint32_t u32(int column) const {
    const std::int64_t value = integer(column);
    if (value < 0 || value > UINT32_MAX)
      throw StoreError("database " + path_ + ": value out of range while " + std::string(doing_));
    return static_cast<std::uint32_t>(value);
  }
  double real(int column) const { return sqlite3_column_double(stmt_, column); }
  std::string_view text_view(int column) const {
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return data == nullptr ? std::string_view()
                           : std::string_view(data, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
  }
  std::string text(int column) const { return std::string(text_view(column)); }
  std::string_view blob(int column) const {
    const void* data = sqlite3_column_blob(stmt_, column);
    return data == nullptr ? std::string_view()
                           : std::string_view(static_cast<const char*>(data),
                                              static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
  }

 private:
  void check(int rc) {
    if (rc != SQLITE_OK) sqlite_fail(db_, path_, rc, doing_);
  }
  sqlite3* db_;
  const std::string& path_;
  sqlite3_stmt* stmt_;
  std::string_view doing_;
};

// Runs exactly one SQL statement (a pragma, a migration's statement, DDL read
// back from the schema); text after it other than white space or comments is
// refused, so that text read from a file can never smuggle in a second one.
void run_statement(sqlite3* db, const std::string& path, std::string_view sql, std::string_view doing);

// Whether the database has table `name` (a database being upgraded writes
// its graph before the migrations that add tables have run).
inline bool has_table(const Store& store, const char* name) {
  Query q(store, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1", "reading the schema");
  q.bind(1, std::string_view(name));
  return q.step();
}
// Runs a migration file of our own, statement by statement.
void run_script(sqlite3* db, const std::string& path, std::string_view sql, std::string_view doing);
// "name" with embedded quotes doubled: an identifier SQL reads back as itself.
std::string quote_identifier(std::string_view name);

// Writes outside begin()/commit() still need to be atomic (a document and its
// data go in together): open a transaction for them when none is open.
class WriteScope {
 public:
  explicit WriteScope(Store& store) : store_(store), owns_(!store.in_transaction()) {
    if (owns_) store_.begin();
  }
  ~WriteScope() {
    if (owns_ && store_.in_transaction()) {
      try {
        store_.rollback();
      } catch (...) {
      }
    }
  }
  WriteScope(const WriteScope&) = delete;
  WriteScope& operator=(const WriteScope&) = delete;
  void done() {
    if (owns_) store_.commit();
  }

 private:
  Store& store_;
  bool owns_;
};

// The id users see of an entity or relation key column: 'e'/'r' + 16 hex
// digits for an integer, the text as stored otherwise.
std::string key_text(const Query& q, int column, char prefix);

}  // namespace kg
