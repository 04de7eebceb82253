// store/graph_io.cc owns the graph tables of the store: reading what a
// resolution batch asks for (the entities a name key or an alias link finds,
// aggregates, relations between two entities), writing what the batch
// changed (rows, the name keys of entity_keys, counters, relation_shapes),
// importing a whole graph, and loading the graph, or part of it, into memory.
#include <algorithm>
#include <array>
#include <cctype>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "core/utf8.h"
#include "graph/names.h"
#include "graph/topology.h"
#include "store/codec.h"
#include "store/date_bounds.h"
#include "store/id_list.h"
#include "store/sqlite.h"
#include "store/store.h"
#include "store/store_source.h"

namespace kg {
namespace {

struct KeyRow {
  std::string key;
  int kind;
  friend bool operator<(const KeyRow& a, const KeyRow& b) { return std::tie(a.key, a.kind) < std::tie(b.key, b.kind); }
  friend bool operator==(const KeyRow&, const KeyRow&) = default;
};

// The rows of entity_keys an entity is found by (schema/005 lists the kinds).
std::vector<KeyRow> key_rows(const EntityData& data, const std::string& name) {
  std::vector<KeyRow> rows;
  const auto shown = std::find_if(data.spellings.begin(), data.spellings.end(),
                                  [&](const Spelling& s) { return s.text == name; });
  std::string name_key = shown != data.spellings.end() ? key_of(*shown) : lookup_key(name);
  // The entity's own keys, sorted: an alias spelled like one of them is no
  // alias row. Repeats of a row go with the final sort (a set per kind cost
  // a node per key, and a full build makes rows for every entity).
  std::vector<std::string> own;
  for (const Spelling& s : data.spellings)
    if (s.own > 0 && s.text != name) {
      std::string k = key_of(s);
      if (k != name_key) own.push_back(std::move(k));
    }
  std::sort(own.begin(), own.end());
  own.erase(std::unique(own.begin(), own.end()), own.end());
  for (const Spelling& s : data.spellings)
    if (s.alias > 0) {
      std::string k = key_of(s);
      if (k != name_key && !std::binary_search(own.begin(), own.end(), k)) rows.push_back({std::move(k), 2});
    }
  for (std::string& k : own) rows.push_back({std::move(k), 1});
  for (const AliasLink& l : data.links)
    if (l.count > 0) rows.push_back({l.to, 3});
  if (name_key != name) rows.push_back({std::move(name_key), 0});
  std::sort(rows.begin(), rows.end());
  rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  return rows;
}

std::string count_name(const char* table, std::uint8_t code) { return std::string(table) + "." + std::to_string(code); }

// The documents an entity is mentioned in (ascending, as mentions are kept):
// its rows of document_entities (schema/*_document_entities.sql).
std::vector<std::int64_t> documents_of(const EntityData& data) {
  std::vector<std::int64_t> documents;
  documents.reserve(data.mentions.size());
  for (const DocumentSpans& m : data.mentions) documents.push_back(m.document);
  std::sort(documents.begin(), documents.end());
  documents.erase(std::unique(documents.begin(), documents.end()), documents.end());
  return documents;
}

// A database being upgraded from before document_entities (or
// relation_shapes) resolves its graph before the table exists; the upgrade
// fills it afterwards.
bool has_document_entities(Store& store) { return has_table(store, "document_entities"); }

// --- relation_shapes (schema/011) ----------------------------------------------------
// Changes to the count of relations per (relation type, source type, target
// type), waiting to be written. A relation counts while both its ends exist,
// so that the table always equals a GROUP BY over relations joined to their
// ends, whatever order a batch writes entities and relations in (resolution
// deletes an entity before the relations it leaves without an end). The
// counts are a table over the type codes: a first build adds one for each
// of its relations, an index and no hash.
class ShapeChanges {
 public:
  // `change`: which relation came or went (for rare_relations, schema/012).
  void add(std::int64_t relation, std::int64_t source, std::int64_t target, std::int64_t delta,
           std::optional<ShapeChange> change = std::nullopt) {
    if (relation >= 0 && relation < kRelationTypeCount && source >= 0 && source < kEntityTypeCount && target >= 0 &&
        target < kEntityTypeCount) {
      const auto index = static_cast<std::size_t>((relation * kEntityTypeCount + source) * kEntityTypeCount + target);
      dense_[index] += delta;
      touches_[index].add(change);
    } else {
      other_[{relation, source, target}] += delta;  // a code of a damaged row: counted all the same
    }
  }
  // Writes the changes into relation_shapes (and rare_relations, schema/012)
  // and forgets them.
  void write(Store& store) {
    bool fell = false;
    auto write_one = [&](std::int64_t relation, std::int64_t source, std::int64_t target, std::int64_t delta) {
      if (delta == 0) return;
      fell = fell || delta < 0;
      Query q(store,
              "INSERT INTO relation_shapes (type, source_type, target_type, relations) VALUES (?1, ?2, ?3, ?4) "
              "ON CONFLICT (type, source_type, target_type) DO UPDATE SET relations = relations + excluded.relations",
              "counting relation shapes");
      q.bind(1, relation).bind(2, source).bind(3, target).bind(4, delta).run();
    };
    std::vector<TouchedShape> touched;
    for (std::size_t i = 0; i < dense_.size(); ++i) {
      if (!touches_[i].touched) continue;
      const auto code = static_cast<std::int64_t>(i);
      const RelationShape shape{code / (kEntityTypeCount * kEntityTypeCount), code / kEntityTypeCount % kEntityTypeCount,
                                code % kEntityTypeCount};
      touched.push_back({shape, dense_[i], touches_[i].take_changes()});
      write_one(shape.type, shape.source_type, shape.target_type, dense_[i]);
    }
    for (const auto& [shape, delta] : other_) {
      touched.push_back({{std::get<0>(shape), std::get<1>(shape), std::get<2>(shape)}, delta, std::nullopt});
      write_one(std::get<0>(shape), std::get<1>(shape), std::get<2>(shape), delta);
    }
    if (fell) {
      Query q(store, "DELETE FROM relation_shapes WHERE relations <= 0", "counting relation shapes");
      q.run();
    }
    write_rare_relations(store, touched);
    clear();
  }
  void clear() {
    dense_.fill(0);
    for (Touch& touch : touches_) touch = Touch{};
    other_.clear();
  }

 private:
  static constexpr std::int64_t kRelationTypeCount = static_cast<std::int64_t>(kg::kRelationTypeCount);
  static constexpr std::int64_t kEntityTypeCount = static_cast<std::int64_t>(kg::kEntityTypeCount);
  std::array<std::int64_t, kRelationTypeCount * kEntityTypeCount * kEntityTypeCount> dense_{};
  // What a write did to each shape, for rare_relations (schema/012): touched
  // (also when its changes cancel out: other relations may have it now),
  // and its changes, while each is known and they are few enough for the
  // shape to be rare.
  struct Touch {
    bool touched = false, known = true;
    std::vector<ShapeChange> changes;
    void add(const std::optional<ShapeChange>& change) {
      touched = true;
      if (change && known && static_cast<std::int64_t>(changes.size()) < kRareShapeRelations) {
        changes.push_back(*change);
        return;
      }
      known = false;
      std::vector<ShapeChange>().swap(changes);
    }
    std::optional<std::vector<ShapeChange>> take_changes() {
      if (!known) return std::nullopt;
      return std::move(changes);
    }
  };
  std::array<Touch, kRelationTypeCount * kEntityTypeCount * kEntityTypeCount> touches_{};
  std::map<std::tuple<std::int64_t, std::int64_t, std::int64_t>, std::int64_t> other_;
};

// A document's row of document_entities (schema/008): the entities it
// mentions, ascending; no row when it mentions none.
void write_document_entity_list(Store& store, std::int64_t document, const std::vector<std::int64_t>& entities) {
  if (entities.empty()) {
    Query q(store, "DELETE FROM document_entities WHERE document_id = ?1", "indexing a document's entities");
    q.bind(1, document).run();
    return;
  }
  const std::string blob = encode_id_list(entities);
  Query q(store, "INSERT OR REPLACE INTO document_entities (document_id, entities) VALUES (?1, ?2)",
          "indexing a document's entities");
  q.bind(1, document).bind_static_blob(2, blob).run();
}


// Rows of document_entities from (document, entity) pairs: one encoded list
// per document, by document. Touches no database (a first build makes them
// on a thread of their own).
std::vector<std::pair<std::int64_t, std::string>> document_entity_lists(
    std::vector<std::pair<std::int64_t, std::int64_t>> pairs) {
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  std::vector<std::pair<std::int64_t, std::string>> lists;
  std::vector<std::int64_t> entities;
  for (std::size_t i = 0; i < pairs.size();) {
    const std::int64_t document = pairs[i].first;
    entities.clear();
    for (; i < pairs.size() && pairs[i].first == document; ++i) entities.push_back(pairs[i].second);
    lists.emplace_back(document, encode_id_list(entities));
  }
  return lists;
}

void write_document_entity_lists(Store& store, const std::vector<std::pair<std::int64_t, std::string>>& lists) {
  for (const auto& [document, blob] : lists) {
    Query q(store, "INSERT OR REPLACE INTO document_entities (document_id, entities) VALUES (?1, ?2)",
            "indexing a document's entities");
    q.bind(1, document).bind_static_blob(2, blob).run();
  }
}

void write_document_entity_lists(Store& store, std::vector<std::pair<std::int64_t, std::int64_t>> pairs) {
  write_document_entity_lists(store, document_entity_lists(std::move(pairs)));
}

// Bulk inserts bind kRowsPerInsert rows to one statement: SQLite keeps the
// statement's cursors open from row to row, so that a row in key order goes
// onto the last page of its B-tree without a descent from the root, and a
// statement's set-up is paid once per many rows.
constexpr int kRowsPerInsert = 32;

// "HEAD (?, ...), (?, ...), ..." for `rows` rows of `columns` values.
std::string values_insert(std::string_view head, int columns, int rows) {
  std::string sql(head);
  for (int row = 0; row < rows; ++row) {
    sql += row == 0 ? "(" : ", (";
    for (int column = 0; column < columns; ++column) sql += column == 0 ? "?" : ", ?";
    sql += ")";
  }
  return sql;
}

// Inserts `rows` with "HEAD VALUES" statements of kRowsPerInsert rows, and of
// one row for the rest; bind(query, first parameter, row) binds one row.
template <typename Row, typename Bind>
void insert_rows(Store& store, std::string_view head, int columns, const std::vector<Row>& rows, std::string_view doing,
                 Bind bind) {
  // Made once per call site (each passes its own Bind): the store's statement
  // cache keys on the SQL text's storage, which must outlive it.
  static const std::string many = values_insert(head, columns, kRowsPerInsert);
  static const std::string one = values_insert(head, columns, 1);
  std::size_t i = 0;
  for (; i + kRowsPerInsert <= rows.size(); i += kRowsPerInsert) {
    Query q(store, many, doing);
    for (int k = 0; k < kRowsPerInsert; ++k) bind(q, k * columns + 1, rows[i + static_cast<std::size_t>(k)]);
    q.run();
  }
  for (; i < rows.size(); ++i) {
    Query q(store, one, doing);
    bind(q, 1, rows[i]);
    q.run();
  }
}

// The secondary indexes of the graph tables, as schema/*.sql created them.
struct IndexDefinition {
  std::string name, table, sql;
};

// Runs jobs in order on a thread of its own. A bulk write hands it the
// SQLite inserts, so that they run while the calling thread aggregates and
// encodes the next rows; the caller touches no database meanwhile. A failed
// job drops the ones after it, and post() or finish() rethrows its error.
class BackgroundWriter {
 public:
  BackgroundWriter() : thread_([this] { run(); }) {}
  ~BackgroundWriter() {
    {
      std::lock_guard lock(mutex_);
      closing_ = true;
      jobs_.clear();
      changed_.notify_all();
    }
    thread_.join();
  }
  BackgroundWriter(const BackgroundWriter&) = delete;
  BackgroundWriter& operator=(const BackgroundWriter&) = delete;

  void post(std::function<void()> job) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return failure_ || jobs_.size() < kMaxPending; });
    if (failure_) std::rethrow_exception(failure_);
    jobs_.push_back(std::move(job));
    changed_.notify_all();
  }

  // Returns once every job posted has run.
  void finish() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return failure_ || (jobs_.empty() && !busy_); });
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  // Jobs are chunks of a few hundred rows; the bound keeps what waits to a
  // few hundred MB while an index is being built.
  static constexpr std::size_t kMaxPending = 2048;

  void run() {
    std::unique_lock lock(mutex_);
    for (;;) {
      changed_.wait(lock, [&] { return closing_ || !jobs_.empty(); });
      if (closing_) return;
      std::function<void()> job = std::move(jobs_.front());
      jobs_.pop_front();
      busy_ = true;
      changed_.notify_all();
      lock.unlock();
      std::exception_ptr failed;
      try {
        job();
      } catch (...) {
        failed = std::current_exception();
      }
      lock.lock();
      busy_ = false;
      if (failed && !failure_) failure_ = failed;
      if (failure_) jobs_.clear();
      changed_.notify_all();
    }
  }

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::function<void()>> jobs_;
  bool busy_ = false, closing_ = false;
  std::exception_ptr failure_;
  std::thread thread_;
};

// SQLite's sorter keeps what CREATE INDEX sorts in memory up to the size of
// the page cache: with a small cache for the statement, it sorts runs of
// that size and merges them, where one sort of everything in a large cache
// missed the processor's caches (on the 100 MB corpus the writer's CPU in
// the tail of a first build fell from about 2.8 s to 1.8 s). The writer
// sorts them itself (no PRAGMA threads): the entity indexes are built while
// resolution and the main thread keep both cores busy, where sorter threads
// only added work, and the relation indexes, built alone at the end, were no
// sooner done with them. 4 MB runs on the writer took the four index builds
// of the 100 MB graph from 1.4 CPU-s (8 MB runs on two sorter threads) to
// 0.9 (sqlite3 shell, 3 runs each; 2 MB and 1 MB runs: 1.0, 16 MB: 1.2), and
// whole builds' peak RSS by about 40 MB (660-680 to 637 MiB, 3 alternated
// pairs). Dirty pages the small cache cannot hold reach the file early
// instead of at commit. Neither the size of the runs (2, 4 and 8 MB: each
// index within 15 ms) nor mapping the file while they are built (PRAGMA
// mmap_size: the writer's tail CPU unchanged, 3 pairs) moved the builds:
// their table scans take about 0.07 s of relations' 0.21-0.29 s each, the
// rest is SQLite's sort and B-tree. Writing the dirty pages whenever the
// writer waited (sqlite3_db_cacheflush) did not pay either: the commit fell
// by 0.07 s, but relations_by_target took 0.04 s longer (presumably its
// table's pages, clean, left the small cache and were read again) and the
// flushes while entity rows came in did not shorten the first index build
// (3 pairs).
class IndexBuildCache {
 public:
  explicit IndexBuildCache(Store& store) : store_(store) {
    Query q(store, "PRAGMA cache_size", "reading the cache size");
    if (q.step()) saved_ = q.integer(0);
    run_statement(store.handle(), store.path(), "PRAGMA cache_size = -4096", "sizing the sorter's runs");
  }
  ~IndexBuildCache() {
    try {
      run_statement(store_.handle(), store_.path(), "PRAGMA cache_size = " + std::to_string(saved_),
                    "sizing the page cache");
    } catch (const StoreError&) {
      // The cache stays small: slower, not wrong.
    }
  }
  IndexBuildCache(const IndexBuildCache&) = delete;
  IndexBuildCache& operator=(const IndexBuildCache&) = delete;

 private:
  Store& store_;
  std::int64_t saved_ = -131072;
};

// A row of entity_keys (key, kind, entity) in a bulk write.
using BulkKey = std::tuple<std::string, int, std::int64_t>;
// The name keys of a bulk write's entities, sorted, and its document lists.
struct SortedEntitySide {
  std::vector<BulkKey> keys;
  std::vector<std::pair<std::int64_t, std::string>> document_lists;
};

// Rows of a bulk write, encoded and waiting for the background writer. A
// row's texts and blobs are ranges of its chunk's one buffer, which the
// encoder appends to: a row costs no allocation of its own (a string per
// field and its growth while encoding were the largest share of the main
// thread's allocations in the tail of a first build).
struct ByteRange {
  std::size_t at = 0, size = 0;
};
struct EntityRow {
  std::int64_t id, key;
  ByteRange name, data;
  std::uint8_t type;
};
struct RelationRow {
  std::int64_t source, target;
  ByteRange title, title_key, data;
  std::uint8_t type;
  bool keyed;  // title_key is set (otherwise it is the title)
};
template <typename Row>
struct RowChunk {
  std::string bytes;
  std::vector<Row> rows;

  ByteRange append(std::string_view text) {
    const ByteRange range{bytes.size(), text.size()};
    bytes.append(text);
    return range;
  }
  // What `write` appends to the buffer.
  template <typename Write>
  ByteRange append_with(Write write) {
    const std::size_t at = bytes.size();
    write(bytes);
    return {at, bytes.size() - at};
  }
  std::string_view view(ByteRange range) const { return std::string_view(bytes).substr(range.at, range.size); }
};

}  // namespace

// The graph tables as a resolution batch sees them, and where it writes.
struct Store::Graph : ResolvedGraph, ChangeSink {
  Store& store;
  // A batch applied to an empty graph writes without secondary indexes and
  // builds them at the end (one sort each instead of random inserts).
  // Relations come in the order of relations_by_source (resolve.h), which
  // SQLite's sorter takes at a fraction of the cost of random order; made
  // before the rows and appended to instead, that index cost the 100 MB
  // build more time and left its pages 12 % emptier (2 MB). Measured again
  // on c4f947f: the writer's CPU from the last entity on grew from 1.50-1.60
  // to 1.64-1.66 s (2 alternated pairs: the in-order inserts cost more than
  // the 0.21 s build they replace) and the file from 194.8 to 196.8 MiB.
  // Its rows are inserted by a BackgroundWriter, in chunks, while the
  // batch makes the next ones: new entities take ids 1, 2, ... here (the
  // graph is empty), so relations can point at them before they are written.
  bool bulk = false;
  // The first and last day of the relations written (date_bounds.h), and
  // whether the stored bounds covered every relation before they were.
  DateBounds dates;
  bool dates_known = false;
  std::vector<IndexDefinition> dropped;
  std::vector<BulkKey> bulk_keys;
  // bulk_keys and the document lists, sorted; taken by the writer's job that writes them
  std::future<SortedEntitySide> entity_side;
  std::vector<std::pair<std::int64_t, std::int64_t>> bulk_document_entities;  // (document, entity)
  std::unique_ptr<BackgroundWriter> writer;
  std::int64_t next_entity_id = 1;
  RowChunk<EntityRow> entity_rows;
  RowChunk<RelationRow> relation_rows;
  bool entities_written = false;  // the entity side of the bulk write is posted
  static constexpr std::size_t kRowsPerJob = 512;
  // Rows per type code written by the bulk write, for the counters: counted
  // here and handed to Store::count once (a name made and looked up per row
  // was a visible share of the tail).
  std::array<std::int64_t, 256> bulk_entity_counts{}, bulk_relation_counts{};
  bool document_entities = true;  // the table exists (set by each apply)
  // The row of each new entity and its type code: batches number them -1,
  // -2, ..., so entity -k is at k - 1 (a full build looks one up for every
  // relation end, at random: row and type share a cache line).
  struct NewEntity {
    std::int64_t row = 0;  // 0: not written
    std::uint8_t type = 0;
  };
  std::vector<NewEntity> new_entities;
  // relation_shapes (schema/011): whether the table exists (set by each
  // apply), the changes waiting for flush(), and the rows of entities
  // deleted since the last flush (a new entity may take one's row while
  // relations of the old one still point at it).
  bool shapes = true;
  ShapeChanges shape_changes;
  std::unordered_set<std::int64_t> deleted_entities;
  std::vector<std::int64_t> touched;                          // rows written since forget_touched_entities
  std::function<void(std::uint64_t)> on_rows;
  std::uint64_t rows_written = 0;
  void wrote() {
    if ((++rows_written & 4095) == 0 && on_rows) on_rows(rows_written);
  }

  explicit Graph(Store& s) : store(s) {}

  // --- ResolvedGraph ----------------------------------------------------------------
  std::vector<StoredEntityId> by_key(const char* sql, EntityType group, const std::string& key) {
    Query q(store, sql, "finding entities by name");
    q.bind(1, key);
    std::vector<StoredEntityId> ids;
    while (q.step()) {
      const EntityType type = codec::entity_type_from_code(q.integer(1));
      if (resolution_group(type) == group) ids.push_back(q.integer(0));
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
  }

  std::vector<StoredEntityId> entities_with_name(EntityType group, const std::string& key) override {
    return by_key(
        "SELECT id, type FROM entities WHERE name = ?1 UNION "
        "SELECT e.id, e.type FROM entity_keys k JOIN entities e ON e.id = k.entity_id WHERE k.key = ?1 AND k.kind IN (0, 1)",
        group, key);
  }

  std::vector<StoredEntityId> entities_linking_to(EntityType group, const std::string& key) override {
    return by_key(
        "SELECT e.id, e.type FROM entity_keys k JOIN entities e ON e.id = k.entity_id WHERE k.key = ?1 AND k.kind = 3",
        group, key);
  }

  EntityData entity(StoredEntityId id) override {
    Query q(store, "SELECT name, data, type FROM entities WHERE id = ?1", "reading an entity");
    q.bind(1, id);
    if (!q.step()) throw StoreError("database " + store.path() + ": entity " + std::to_string(id) + " is missing");
    try {
      return codec::decode_entity(q.blob(1), codec::entity_type_from_code(q.integer(2)), q.text_view(0), store.strings());
    } catch (const codec::DecodeError& e) {
      throw StoreError("database " + store.path() + ": entity " + std::to_string(id) + " is damaged: " + e.what());
    }
  }

  std::vector<StoredRelationId> relations_of(StoredEntityId id) override {
    Query q(store, "SELECT id FROM relations WHERE source = ?1 UNION SELECT id FROM relations WHERE target = ?1",
            "listing an entity's relations");
    q.bind(1, id);
    std::vector<StoredRelationId> ids;
    while (q.step()) ids.push_back(q.integer(0));
    return ids;
  }

  StoredRelation relation(StoredRelationId id) override {
    Query q(store, "SELECT source, target, type, title, title_key, data FROM relations WHERE id = ?1",
            "reading a relation");
    q.bind(1, id);
    if (!q.step()) throw StoreError("database " + store.path() + ": relation " + std::to_string(id) + " is missing");
    StoredRelation r;
    r.source = q.integer(0);
    r.target = q.integer(1);
    try {
      r.type = codec::relation_type_from_code(q.integer(2));
      r.title_key = q.is_null(4) ? q.text(3) : q.text(4);
      r.data = codec::decode_relation(q.blob(5), q.text_view(3), store.strings());
    } catch (const codec::DecodeError& e) {
      throw StoreError("database " + store.path() + ": relation " + std::to_string(id) + " is damaged: " + e.what());
    }
    return r;
  }

  std::optional<StoredRelationId> find_relation(StoredEntityId source, StoredEntityId target, RelationType type,
                                                const std::string& title_key) override {
    Query q(store,
            "SELECT id FROM relations WHERE source = ?1 AND type = ?2 AND target = ?3 AND coalesce(title_key, title) = ?4",
            "finding a relation");
    q.bind(1, source).bind(2, std::int64_t{codec::relation_type_code(type)}).bind(3, target).bind(4, title_key);
    if (!q.step()) return std::nullopt;
    return q.integer(0);
  }

  std::vector<ResolvableDocument> documents(const std::vector<std::int64_t>& ids) override {
    return store.load_documents(ids, false);
  }

  // --- ChangeSink -------------------------------------------------------------------
  void write_keys(std::int64_t id, std::vector<KeyRow> rows) {
    for (KeyRow& row : rows) {
      if (bulk) {
        bulk_keys.emplace_back(std::move(row.key), row.kind, id);
        continue;
      }
      Query q(store, "INSERT OR IGNORE INTO entity_keys (key, kind, entity_id) VALUES (?1, ?2, ?3)", "indexing a name");
      q.bind(1, row.key).bind(2, std::int64_t{row.kind}).bind(3, id).run();
    }
  }

  void delete_keys(std::int64_t id, const std::vector<KeyRow>& rows) {
    for (const KeyRow& row : rows) {
      Query q(store, "DELETE FROM entity_keys WHERE key = ?1 AND kind = ?2 AND entity_id = ?3", "unindexing a name");
      q.bind(1, row.key).bind(2, std::int64_t{row.kind}).bind(3, id).run();
    }
  }

  // The row as it is before a change: its type, the keys it is found by and
  // the documents it is mentioned in.
  struct Current {
    std::uint8_t type = 0;
    std::vector<KeyRow> rows;
    std::vector<std::int64_t> documents;
  };
  Current current(std::int64_t id) {
    Query q(store, "SELECT name, type, data FROM entities WHERE id = ?1", "reading an entity");
    q.bind(1, id);
    if (!q.step()) throw StoreError("database " + store.path() + ": entity " + std::to_string(id) + " is missing");
    const std::string name = q.text(0);
    const auto type = static_cast<std::uint8_t>(q.integer(1));
    const EntityData data = codec::decode_entity(q.blob(2), codec::entity_type_from_code(type), name, store.strings());
    return {type, key_rows(data, name), documents_of(data)};
  }

  // A document's list changes once per batch, however many of its entities
  // change: the changes wait here until flush_document_entities.
  struct ListChange {
    std::vector<std::int64_t> added, removed;
  };
  std::map<std::int64_t, ListChange> document_entity_changes;

  void write_document_entities(std::int64_t id, const std::vector<std::int64_t>& documents) {
    if (!document_entities) return;
    for (std::int64_t document : documents) {
      if (bulk) bulk_document_entities.emplace_back(document, id);
      else document_entity_changes[document].added.push_back(id);
    }
  }

  void delete_document_entities(std::int64_t id, const std::vector<std::int64_t>& documents) {
    if (!document_entities) return;
    for (std::int64_t document : documents) document_entity_changes[document].removed.push_back(id);
  }

  void flush_document_entities() {
    for (auto& [document, change] : document_entity_changes) {
      std::vector<std::int64_t> entities = store.document_entity_list(document);
      std::vector<std::int64_t>& removed = change.removed;
      std::sort(removed.begin(), removed.end());
      std::erase_if(entities, [&removed](std::int64_t e) { return std::binary_search(removed.begin(), removed.end(), e); });
      entities.insert(entities.end(), change.added.begin(), change.added.end());
      std::sort(entities.begin(), entities.end());
      entities.erase(std::unique(entities.begin(), entities.end()), entities.end());
      write_document_entity_list(store, document, entities);
    }
    document_entity_changes.clear();
  }

  void entity(EntityChange change) override {
    wrote();
    if (change.deleted) {
      const auto [type, rows, documents] = current(change.id);
      delete_keys(change.id, rows);
      delete_document_entities(change.id, documents);
      count_shapes_at(change.id, -1);
      if (shapes) deleted_entities.insert(change.id);
      Query q(store, "DELETE FROM entities WHERE id = ?1", "deleting an entity");
      q.bind(1, change.id).run();
      store.count(count_name("entities", type), -1);
      return;
    }
    const std::string name = displayed_name(change.data);
    const std::uint8_t type = codec::entity_type_code(displayed_type(change.data));
    const auto key = static_cast<std::int64_t>(entity_key(change.data));
    std::vector<KeyRow> rows = key_rows(change.data, name);
    if (change.id < 0 && bulk) {
      add_bulk_entity(change, name, type, key);
      write_keys(new_entities[static_cast<std::size_t>(-(change.id + 1))].row, std::move(rows));
      return;
    }
    const std::string data = codec::encode_entity(change.data, name, store.strings());
    if (change.id > 0) {
      auto [old_type, old_rows, old_documents] = current(change.id);
      std::vector<KeyRow> gone, added;
      std::set_difference(old_rows.begin(), old_rows.end(), rows.begin(), rows.end(), std::back_inserter(gone));
      std::set_difference(rows.begin(), rows.end(), old_rows.begin(), old_rows.end(), std::back_inserter(added));
      delete_keys(change.id, gone);
      const std::vector<std::int64_t> documents = documents_of(change.data);
      std::vector<std::int64_t> documents_gone, documents_added;
      std::set_difference(old_documents.begin(), old_documents.end(), documents.begin(), documents.end(),
                          std::back_inserter(documents_gone));
      std::set_difference(documents.begin(), documents.end(), old_documents.begin(), old_documents.end(),
                          std::back_inserter(documents_added));
      delete_document_entities(change.id, documents_gone);
      write_document_entities(change.id, documents_added);
      // A retype moves the entity's relations to other shapes.
      if (old_type != type) count_shapes_at(change.id, -1);
      Query q(store, "UPDATE entities SET key = ?2, name = ?3, type = ?4, data = ?5 WHERE id = ?1", "updating an entity");
      q.bind(1, change.id).bind(2, key).bind_static(3, name).bind(4, std::int64_t{type}).bind_static_blob(5, data).run();
      if (old_type != type) count_shapes_at(change.id, +1);
      write_keys(change.id, std::move(added));
      touched.push_back(change.id);
      if (old_type != type) {
        store.count(count_name("entities", old_type), -1);
        store.count(count_name("entities", type), +1);
      }
      return;
    }
    Query q(store, "INSERT INTO entities (key, name, type, data) VALUES (?1, ?2, ?3, ?4)", "storing an entity");
    q.bind(1, key).bind_static(2, name).bind(3, std::int64_t{type}).bind_static_blob(4, data).run();
    const std::int64_t id = sqlite3_last_insert_rowid(store.handle());
    // The row of an entity deleted in this batch: relations still pointing at it now have both ends.
    if (deleted_entities.count(id)) count_shapes_at(id, +1);
    if (change.id == 0) throw std::logic_error("store: an entity change without an id");
    remember_new_entity(change.id, id, type);
    write_keys(id, std::move(rows));
    write_document_entities(id, documents_of(change.data));
    store.count(count_name("entities", type), +1);
  }

  void remember_new_entity(StoredEntityId batch_id, std::int64_t row, std::uint8_t type) {
    const auto slot = static_cast<std::size_t>(-(batch_id + 1));
    if (slot >= new_entities.size()) new_entities.resize(slot + 1);
    new_entities[slot] = {row, type};
    touched.push_back(row);
  }

  // A new entity of a bulk write: its row goes to the writer with the next
  // chunk, taking the next id (the graph was empty).
  void add_bulk_entity(const EntityChange& change, std::string_view name, std::uint8_t type, std::int64_t key) {
    const std::int64_t id = next_entity_id++;
    EntityRow row{id, key, entity_rows.append(name), {}, type};
    row.data = entity_rows.append_with(
        [&](std::string& out) { codec::append_entity(out, change.data, name, store.strings()); });
    entity_rows.rows.push_back(row);
    if (entity_rows.rows.size() >= kRowsPerJob) post_entity_rows();
    remember_new_entity(change.id, id, type);
    write_document_entities(id, documents_of(change.data));
    ++bulk_entity_counts[type];
  }

  std::int64_t row_of(StoredEntityId id) const {
    if (id > 0) return id;
    const auto slot = static_cast<std::size_t>(-(id + 1));
    if (slot >= new_entities.size() || new_entities[slot].row == 0)
      throw std::logic_error("store: a relation points at new entity " + std::to_string(id) + ", never written");
    return new_entities[slot].row;
  }

  // --- relation_shapes ----------------------------------------------------------------
  // Counts, with `sign`, the relations at entity `id` whose other end exists
  // (a relation to itself once), under the types their ends have now.
  void count_shapes_at(std::int64_t id, int sign) {
    if (!shapes) return;
    Query q(store,
            "SELECT r.type, s.type, t.type, r.id FROM relations r JOIN entities s ON s.id = r.source "
            "JOIN entities t ON t.id = r.target WHERE r.source = ?1 UNION ALL "
            "SELECT r.type, s.type, t.type, r.id FROM relations r JOIN entities s ON s.id = r.source "
            "JOIN entities t ON t.id = r.target WHERE r.target = ?1 AND r.source <> ?1",
            "counting relation shapes");
    q.bind(1, id);
    const auto kind = sign > 0 ? ShapeChange::Kind::added : ShapeChange::Kind::removed;
    while (q.step()) shape_changes.add(q.integer(0), q.integer(1), q.integer(2), sign, ShapeChange{kind, q.integer(3), 0});
  }

  // The type code of a relation's end: a new entity's from this batch, a
  // stored one's from its row; none when it has no row.
  std::optional<std::uint8_t> type_of(StoredEntityId id) {
    if (id < 0) {
      const auto slot = static_cast<std::size_t>(-(id + 1));
      if (slot < new_entities.size() && new_entities[slot].row != 0) return new_entities[slot].type;
      return std::nullopt;
    }
    Query q(store, "SELECT type FROM entities WHERE id = ?1", "reading an entity");
    q.bind(1, id);
    if (!q.step()) return std::nullopt;
    return static_cast<std::uint8_t>(q.integer(0));
  }

  // A new relation of `type` between entities `source` and `target` (batch ids).
  void count_shape(std::uint8_t type, StoredEntityId source, StoredEntityId target) {
    if (!shapes) return;
    const auto source_type = type_of(source), target_type = type_of(target);
    if (source_type && target_type)
      shape_changes.add(type, *source_type, *target_type, +1,
                        ShapeChange{ShapeChange::Kind::added_between, row_of(source), row_of(target)});
  }

  void flush() {
    flush_document_entities();
    dates.write(store, dates_known);
    if (shapes) shape_changes.write(store);
    shape_changes.clear();
    deleted_entities.clear();
  }

  void relation(RelationChange change) override {
    wrote();
    if (change.deleted) {
      Query type(store,
                 "SELECT r.type, s.type, t.type FROM relations r LEFT JOIN entities s ON s.id = r.source "
                 "LEFT JOIN entities t ON t.id = r.target WHERE r.id = ?1",
                 "reading a relation");
      type.bind(1, change.id);
      if (type.step()) {
        store.count(count_name("relations", static_cast<std::uint8_t>(type.integer(0))), -1);
        if (shapes && !type.is_null(1) && !type.is_null(2))
          shape_changes.add(type.integer(0), type.integer(1), type.integer(2), -1,
                            ShapeChange{ShapeChange::Kind::removed, change.id, 0});
      }
      Query q(store, "DELETE FROM relations WHERE id = ?1", "deleting a relation");
      q.bind(1, change.id).run();
      return;
    }
    const StoredRelation& r = change.relation;
    dates.widen(r.data);
    const std::string title = displayed_title(r.data);
    if (change.id <= 0 && bulk) {
      add_bulk_relation(r, title);
      return;
    }
    const std::string data = codec::encode_relation(r.data, title, store.strings());
    if (change.id > 0) {
      Query q(store, "UPDATE relations SET title = ?2, data = ?3 WHERE id = ?1", "updating a relation");
      q.bind(1, change.id).bind_static(2, title).bind_static_blob(3, data).run();
      return;
    }
    const std::uint8_t type = codec::relation_type_code(r.type);
    count_shape(type, r.source, r.target);
    Query q(store,
            "INSERT INTO relations (source, target, type, title, title_key, key, data) VALUES (?1, ?2, ?3, ?4, ?5, NULL, ?6)",
            "storing a relation");
    q.bind(1, row_of(r.source)).bind(2, row_of(r.target)).bind(3, std::int64_t{type}).bind_static(4, title);
    if (r.title_key == title) q.bind_null(5);
    else q.bind_static(5, r.title_key);
    q.bind_static_blob(6, data).run();
    store.count(count_name("relations", type), +1);
  }

  // --- bulk writes --------------------------------------------------------------------
  // A new relation of a bulk write: its row goes to the writer with the next
  // chunk, after every entity row.
  void add_bulk_relation(const StoredRelation& r, std::string_view title) {
    if (!entities_written) post_entity_side();
    const std::uint8_t type = codec::relation_type_code(r.type);
    RelationRow row{row_of(r.source), row_of(r.target), relation_rows.append(title), {}, {}, type, r.title_key != title};
    if (row.keyed) row.title_key = relation_rows.append(r.title_key);
    row.data = relation_rows.append_with(
        [&](std::string& out) { codec::append_relation(out, r.data, title, store.strings()); });
    count_shape(type, r.source, r.target);
    relation_rows.rows.push_back(row);
    if (relation_rows.rows.size() >= kRowsPerJob) post_relation_rows();
    ++bulk_relation_counts[type];
  }

  // The bulk write's rows per type, into the counters.
  void count_bulk_rows() {
    for (std::size_t type = 0; type < bulk_entity_counts.size(); ++type) {
      const auto code = static_cast<std::uint8_t>(type);
      store.count(count_name("entities", code), std::exchange(bulk_entity_counts[type], 0));
      store.count(count_name("relations", code), std::exchange(bulk_relation_counts[type], 0));
    }
  }

  void begin_bulk() {
    Query q(store,
            "SELECT name, tbl_name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND "
            "tbl_name IN ('entities', 'relations') ORDER BY name",
            "listing the graph's indexes");
    while (q.step()) dropped.push_back({q.text(0), q.text(1), q.text(2)});
    for (const IndexDefinition& index : dropped)
      run_statement(store.handle(), store.path(), "DROP INDEX " + quote_identifier(index.name),
                    "dropping index " + index.name);
    next_entity_id = 1;
    entities_written = false;
    store.defer_strings();
    writer = std::make_unique<BackgroundWriter>();
  }

  // Strings given ids since the last job go in before the rows using them.
  void write_strings(const std::vector<std::pair<std::uint32_t, std::string>>& strings) {
    for (const auto& [id, text] : strings) {
      Query q(store, "INSERT INTO strings (id, text) VALUES (?1, ?2)", "storing a string");
      q.bind(1, std::int64_t{id}).bind_static(2, text).run();
    }
  }

  void post_entity_rows() {
    writer->post([this, chunk = std::exchange(entity_rows, {}), strings = store.deferred_strings(true)] {
      write_strings(strings);
      insert_rows(store, "INSERT INTO entities (id, key, name, type, data) VALUES ", 5, chunk.rows, "storing an entity",
                  [&chunk](Query& q, int at, const EntityRow& row) {
                    q.bind(at, row.id).bind(at + 1, row.key).bind_static(at + 2, chunk.view(row.name));
                    q.bind(at + 3, std::int64_t{row.type}).bind_static_blob(at + 4, chunk.view(row.data));
                  });
    });
  }

  void post_relation_rows() {
    writer->post([this, chunk = std::exchange(relation_rows, {}), strings = store.deferred_strings(true)] {
      write_strings(strings);
      insert_rows(store, "INSERT INTO relations (source, target, type, title, title_key, data) VALUES ", 6, chunk.rows,
                  "storing a relation", [&chunk](Query& q, int at, const RelationRow& row) {
                    q.bind(at, row.source).bind(at + 1, row.target).bind(at + 2, std::int64_t{row.type});
                    q.bind_static(at + 3, chunk.view(row.title));
                    if (row.keyed) q.bind_static(at + 4, chunk.view(row.title_key));
                    else q.bind_null(at + 4);
                    q.bind_static_blob(at + 5, chunk.view(row.data));
                  });
    });
  }

  void post_index_builds(const std::string& table) {
    for (const IndexDefinition& index : dropped)
      if (index.table == table)
        writer->post([this, index] {
          const IndexBuildCache cache(store);
          run_statement(store.handle(), store.path(), index.sql, "building index " + index.name);
        });
  }

  // Every entity is made: its rows go to the writer, then the entity
  // indexes, built while resolution makes the relations (the writer waited
  // on the main thread there, and was alone with one core idle at the end:
  // about -0.8 s of a 100 MB build, 6 alternated pairs); its name keys and
  // document lists are sorted on a thread of their own (they need no
  // database) meanwhile, and written next, before the relation rows: the
  // writer has time to spare while resolution makes relations, none after
  // the last one (they were written after it, about 0.4 s of the writer
  // alone at the end of a 100 MB build).
  void post_entity_side() {
    entities_written = true;
    post_entity_rows();
    post_index_builds("entities");
    entity_side = std::async(
        std::launch::async, [keys = std::exchange(bulk_keys, {}), mentioned = std::exchange(bulk_document_entities, {})]() mutable {
          std::sort(keys.begin(), keys.end());
          keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
          return SortedEntitySide{std::move(keys), document_entity_lists(std::move(mentioned))};
        });
    writer->post([this] {
      const SortedEntitySide side = entity_side.get();
      insert_rows(store, "INSERT OR IGNORE INTO entity_keys (key, kind, entity_id) VALUES ", 3, side.keys,
                  "indexing a name", [](Query& q, int at, const BulkKey& key) {
                    q.bind_static(at, std::get<0>(key)).bind(at + 1, std::int64_t{std::get<1>(key)});
                    q.bind(at + 2, std::get<2>(key));
                  });
      write_document_entity_lists(store, side.document_lists);
    });
  }

  // Entity rows, indexes, name keys and document lists first, then relation
  // rows, streamed while resolution makes them; then the relation indexes.
  void finish_bulk() {
    if (!entities_written) post_entity_side();
    post_relation_rows();
    post_index_builds("relations");
    writer->finish();
    writer.reset();
    write_strings(store.deferred_strings(false));
    dropped.clear();
    count_bulk_rows();
  }

  // After a failure: the writer stops before anyone else touches the database.
  void abandon_bulk() {
    writer.reset();
    if (entity_side.valid()) entity_side.wait();  // the writer may have stopped before taking it
    entity_side = {};
    store.deferred_strings(false);
    bulk = false;
    dropped.clear();
    bulk_keys.clear();
    bulk_document_entities.clear();
    entity_rows = {};
    relation_rows = {};
    bulk_entity_counts.fill(0);
    bulk_relation_counts.fill(0);
    document_entity_changes.clear();
    shape_changes.clear();
    deleted_entities.clear();
  }
};

void Store::GraphDeleter::operator()(Graph* graph) const { delete graph; }

bool Store::graph_empty() const {
  Query q(db_, path_, statements_->get("SELECT NOT EXISTS (SELECT 1 FROM entities)"), "reading the graph");
  return q.step() && q.integer(0) != 0;
}

ResolvedGraph& Store::resolved_graph() {
  if (!graph_) graph_.reset(new Graph(*this));
  return *graph_;
}

void Store::apply(Resolution& batch, const std::function<void(std::uint64_t)>& on_rows) {
  WriteScope scope(*this);
  resolved_graph();
  Graph& graph = *graph_;
  graph.new_entities.clear();
  graph.on_rows = on_rows;
  graph.rows_written = 0;
  graph.bulk = graph_empty();
  graph.document_entities = has_document_entities(*this);
  graph.shapes = has_table(*this, "relation_shapes");
  graph.dates_known = DateBounds::known(*this);
  try {
    if (graph.bulk) graph.begin_bulk();
    batch.finish(graph);
    if (graph.bulk) graph.finish_bulk();
    graph.flush();
  } catch (...) {
    graph.abandon_bulk();
    throw;
  }
  graph.bulk = false;
  flush_counts();
  scope.done();
}

const std::vector<std::int64_t>& Store::touched_entities() const {
  static const std::vector<std::int64_t> none;
  return graph_ ? graph_->touched : none;
}

void Store::forget_touched_entities() {
  if (graph_) std::vector<std::int64_t>().swap(graph_->touched);
}

ChangeSink& Store::graph_writer() {
  resolved_graph();
  graph_->bulk = false;
  graph_->new_entities.clear();
  graph_->on_rows = {};
  graph_->shapes = has_table(*this, "relation_shapes");
  graph_->dates_known = DateBounds::known(*this);
  return *graph_;
}

void Store::clear_graph() {
  WriteScope scope(*this);
  for (const char* sql : {"DELETE FROM entity_keys", "DELETE FROM relations", "DELETE FROM entities"})
    run_statement(db_, path_, sql, "clearing the graph");
  if (has_document_entities(*this)) run_statement(db_, path_, "DELETE FROM document_entities", "clearing the graph");
  if (has_table(*this, "relation_shapes")) run_statement(db_, path_, "DELETE FROM relation_shapes", "clearing the graph");
  if (graph_) {
    graph_->shape_changes.clear();
    graph_->deleted_entities.clear();
  }
  for (auto it = pending_counts_.begin(); it != pending_counts_.end();)
    it = it->first.starts_with("entities.") || it->first.starts_with("relations.") ? pending_counts_.erase(it) : std::next(it);
  run_statement(db_, path_,
                "DELETE FROM counters WHERE name LIKE 'entities.%' OR name LIKE 'relations.%' OR name LIKE 'dates.%'",
                "clearing the counters");
  scope.done();
}

void Store::replace_graph(const KnowledgeGraph& graph) {
  WriteScope scope(*this);
  clear_graph();
  // Every evidence and mention must point at a stored document.
  std::unordered_set<std::int64_t> documents;
  {
    Query q(db_, path_, statements_->get("SELECT id FROM documents"), "listing documents");
    while (q.step()) documents.insert(q.integer(0));
  }
  auto check_document = [&](std::int64_t doc, const std::string& what) {
    if (!documents.count(doc))
      throw StoreError("database " + path_ + ": " + what + " points to document " + std::to_string(doc) +
                       ", which is not stored");
  };
  std::vector<std::int64_t> row_of(boost::num_vertices(graph.g));
  const bool document_entities = has_document_entities(*this);
  std::vector<std::pair<std::int64_t, std::int64_t>> mentioned;  // (document, entity)
  for (const Vertex v : boost::make_iterator_range(boost::vertices(graph.g))) {
    const EntityProps& e = graph.g[v];
    EntityData data;
    data.group = resolution_group(e.type);
    data.records = 1;
    data.official_records = e.type == EntityType::Official ? 1 : 0;
    add_spelling(data.spellings, e.name, 1, 0);
    for (const std::string& alias : e.aliases) add_spelling(data.spellings, alias, 0, 1);
    for (const auto& [key, value] : e.attributes) add_attribute(data.attributes, key, value, 1);
    std::map<std::int64_t, std::vector<Span>> mentions;
    for (const MentionRef& m : e.mentions) {
      check_document(m.doc, "entity " + e.id);
      mentions[m.doc].push_back({m.start, m.end});
    }
    for (auto& [doc, spans] : mentions) add_mentions(data.mentions, doc, spans);
    const std::uint8_t type = codec::entity_type_code(e.type);
    const std::string blob = codec::encode_entity(data, e.name, strings());
    Query q(db_, path_, statements_->get("INSERT INTO entities (key, name, type, data) VALUES (?1, ?2, ?3, ?4)"),
            "storing an entity");
    if (e.id.size() == 17 && e.id[0] == 'e' &&
        std::all_of(e.id.begin() + 1, e.id.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) && !std::isupper(static_cast<unsigned char>(c)); }))
      q.bind(1, static_cast<std::int64_t>(std::stoull(e.id.substr(1), nullptr, 16)));
    else
      q.bind(1, e.id);
    q.bind(2, e.name).bind(3, std::int64_t{type}).bind_static_blob(4, blob).run();
    row_of[v] = sqlite3_last_insert_rowid(db_);
    for (const KeyRow& row : key_rows(data, e.name)) {
      Query k(db_, path_, statements_->get("INSERT OR IGNORE INTO entity_keys (key, kind, entity_id) VALUES (?1, ?2, ?3)"),
              "indexing a name");
      k.bind(1, row.key).bind(2, std::int64_t{row.kind}).bind(3, row_of[v]).run();
    }
    if (document_entities)
      for (std::int64_t document : documents_of(data)) mentioned.emplace_back(document, row_of[v]);
    count(count_name("entities", type), +1);
  }
  write_document_entity_lists(*this, std::move(mentioned));
  ShapeChanges shapes;
  DateBounds dates;
  for (const Edge edge : boost::make_iterator_range(boost::edges(graph.g))) {
    const RelationProps& r = graph.g[edge];
    RelationData data;
    data.count = static_cast<std::uint32_t>(std::max<std::size_t>(1, r.evidence.size()));
    add_spelling(data.titles, r.title, data.count, 0);
    for (const auto& [key, value] : r.attributes) add_attribute(data.attributes, key, value, 1);
    for (const EvidenceRef& ev : r.evidence) {
      check_document(ev.doc, "relation " + r.id);
      add_evidence(data.evidence, {ev.doc, {ev.start, ev.end}, ev.text, ev.date});
    }
    // Sentences that are the document text at their span are not kept.
    for (Evidence& ev : data.evidence) {
      const auto text = document_text(ev.document);
      if (!text) continue;
      const std::u32string u = to_u32(*text);
      if (ev.span.begin <= ev.span.end && ev.span.end <= u.size() &&
          equals_utf8(std::u32string_view(u).substr(ev.span.begin, ev.span.end - ev.span.begin), ev.sentence))
        ev.sentence.clear();
    }
    dates.widen(data);
    const std::uint8_t type = codec::relation_type_code(r.type);
    const std::string blob = codec::encode_relation(data, r.title, strings());
    const std::string title_key = lookup_key(r.title);
    Query q(db_, path_,
            statements_->get("INSERT INTO relations (source, target, type, title, title_key, key, data) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
            "storing a relation");
    q.bind(1, row_of[boost::source(edge, graph.g)]).bind(2, row_of[boost::target(edge, graph.g)]);
    q.bind(3, std::int64_t{type}).bind(4, r.title);
    if (title_key == r.title) q.bind_null(5);
    else q.bind(5, title_key);
    q.bind(6, r.id).bind_static_blob(7, blob).run();
    const std::int64_t id = sqlite3_last_insert_rowid(db_);
    count(count_name("relations", type), +1);
    shapes.add(type, codec::entity_type_code(graph.g[boost::source(edge, graph.g)].type),
               codec::entity_type_code(graph.g[boost::target(edge, graph.g)].type), +1,
               ShapeChange{ShapeChange::Kind::added, id, 0});
  }
  if (has_table(*this, "relation_shapes")) shapes.write(*this);
  // The graph was cleared first: the bounds cover every relation written.
  dates.write(*this, true);
  scope.done();
}

// schema/*_document_entities.sql: every entity's documents, read from its row once, when a
// database of an earlier version is upgraded.
void Store::index_document_entities() {
  std::vector<std::pair<std::int64_t, std::int64_t>> pairs;
  {
    Query q(db_, path_, statements_->get("SELECT id, name, type, data FROM entities"), "reading entities");
    while (q.step()) {
      const std::int64_t id = q.integer(0);
      try {
        const EntityData data =
            codec::decode_entity(q.blob(3), codec::entity_type_from_code(q.integer(2)), q.text(1), strings());
        for (std::int64_t document : documents_of(data)) pairs.emplace_back(document, id);
      } catch (const codec::DecodeError& e) {
        throw StoreError("database " + path_ + ": entity " + std::to_string(id) + " is damaged: " + e.what());
      }
    }
  }
  write_document_entity_lists(*this, std::move(pairs));
}

std::vector<std::int64_t> Store::document_entity_list(std::int64_t document) const {
  Query q(db_, path_, statements_->get("SELECT entities FROM document_entities WHERE document_id = ?1"),
          "reading a document's entities");
  q.bind(1, document);
  if (!q.step()) return {};
  auto ids = decode_id_list(q.blob(0));
  if (!ids)
    throw StoreError("database " + path_ + ": the entity list of document " + std::to_string(document) +
                     " is damaged");
  return std::move(*ids);
}

void Store::flush_graph() {
  if (graph_) graph_->flush();
}

void Store::discard_graph_changes() {
  if (!graph_) return;
  graph_->document_entity_changes.clear();
  graph_->shape_changes.clear();
  graph_->deleted_entities.clear();
}

}  // namespace kg
