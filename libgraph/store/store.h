// store/store.h owns the SQLite file: schema and migrations, the content index
// (contents and the paths they were built from), documents with their text,
// layout and extraction, the resolved graph with its indexes, and counters.
// Every change runs inside one transaction, so an interrupted build leaves
// the previous database whole. Reading commands open the file read-only and
// never write to it. The layout of the tables: schema/005_*.sql.
#pragma once

#include <cstdint>
#include <array>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/types.h"
#include "extract/extraction.h"
#include "graph/graph.h"
#include "resolve/resolve.h"
#include "text/document.h"

struct sqlite3;

namespace kg::codec {
class StringIds;
class Dictionary;
}  // namespace kg::codec

namespace kg {

// Any failure of the database: cannot open, locked, corrupt, read-only, not a
// kg database, newer schema. The message names the file and what is wrong.
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

// The zstd dictionaries new documents are compressed with (codec.h): one for
// texts, one for extractions, one for layouts. All empty in a database too
// small to have trained them.
struct Dictionaries {
  std::shared_ptr<const codec::Dictionary> text, extraction, layout;
  bool empty() const { return !text || !extraction || !layout; }
};

// A document ready to be written: what the store keeps of a Document and its
// Extraction, encoded. Made on any thread (encode_document is thread-safe),
// so the thread that writes only inserts.
struct EncodedDocument {
  std::uint32_t part = 0;
  DocumentMeta meta;
  CleanStats stats;
  std::string encoding;
  std::string extractor;
  std::string text_index, text, layout, extraction;
  // Encoded without dictionaries: the text, extraction and layout as they
  // were, so that they can be compressed once dictionaries exist.
  std::string plain_text, plain_extraction, plain_layout;
};

// Which part of the graph to load (load_graph): empty members select
// everything. The result holds at least what export's SubgraphFilter keeps
// for the same request, read through the indexes rather than whole.
struct GraphSelection {
  std::vector<EntityType> types;        // entities of these types (and relations among them)
  std::vector<RelationType> relations;  // relations of these types, and their ends
  std::vector<std::string> around;      // names (graph/names.h): what lies within `depth` steps
  unsigned depth = 1;
  std::string source;                   // documents whose source ends with this, and what they mention
};

class Store {
 public:
  enum class Mode { read_write, read_only };

  // read_write opens or creates the file and applies pending migrations
  // (schema/*.sql, tracked in PRAGMA user_version). read_only opens an
  // existing kg database without writing anything to it, not even a pragma:
  // an empty file, another program's database or an older schema is refused.
  // Throws StoreError.
  explicit Store(const std::string& path, Mode mode = Mode::read_write);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::string& path() const { return path_; }
  bool read_only() const { return mode_ == Mode::read_only; }
  int schema_version() const;

  // Everything between begin() and commit() is one transaction; a Store
  // destroyed with an open transaction rolls it back. A transaction into a
  // database that holds nothing yet uses a rollback journal instead of the
  // WAL (see begin()); the database is in WAL again after it.
  void begin();
  void commit();
  void rollback();
  bool in_transaction() const { return in_transaction_; }
  // PRAGMA quick_check: throws StoreError naming the damage. A write starts
  // with it, so that a damaged database is refused rather than written on.
  void check_integrity();
  // For a write that reads and writes a small part of a big database (an
  // edit), where the whole check would take most of its time: PRAGMA
  // quick_check of `tables` alone (and their indexes), the small ones it
  // rewrites whole, and PRAGMA cell_size_check on for the rest of the
  // connection, so that SQLite checks every page it reads from then on:
  // damage met there fails the statement ("damaged"), and the write rolls
  // back.
  void check_integrity(const std::vector<std::string>& tables);
  // The same check on a connection of its own, in a thread of its own, of the
  // database as it was when the check began: a long write runs it alongside
  // its own work and calls wait() before it commits. The check reads every
  // page of the file, as long as a small incremental build takes otherwise.
  class IntegrityCheck {
   public:
    explicit IntegrityCheck(const Store& store);
    ~IntegrityCheck();
    IntegrityCheck(const IntegrityCheck&) = delete;
    IntegrityCheck& operator=(const IntegrityCheck&) = delete;
    // Throws StoreError when the database was damaged.
    void wait();

   private:
    struct State;
    std::unique_ptr<State> state_;
  };

  // --- paths and contents --------------------------------------------------------
  // Every (path, sha256) built, sorted by path.
  std::vector<std::pair<std::string, std::string>> source_hashes() const;
  std::optional<std::string> file_sha256(const std::string& source) const;
  std::vector<std::string> sources() const;
  // `key` itself if it was built, and every path built under it as a folder.
  std::vector<std::string> sources_under(const std::string& key) const;
  // The sha256 of every content stored.
  std::unordered_set<std::string> content_hashes() const;
  std::optional<std::int64_t> content_id(const std::string& sha256) const;
  std::int64_t add_content(const std::string& sha256, std::uint64_t bytes, const std::string& encoding);
  // Points `path` at a content; returns the content it pointed at before when
  // that was another one.
  std::optional<std::int64_t> set_source(const std::string& path, std::int64_t content_id);
  // Forgets `path`; returns the content it pointed at.
  std::optional<std::int64_t> remove_source(const std::string& path);
  bool content_in_use(std::int64_t content_id) const;
  // Deletes a content no path points at, with its documents, and returns the
  // documents as resolution reads them (to take them out of the graph).
  std::vector<ResolvableDocument> remove_content(std::int64_t content_id);

  // --- documents --------------------------------------------------------------------
  // `extractor` says which lexicons made the extraction (documents.extractor);
  // `dictionaries` are dictionaries() (thread-safe to share).
  static EncodedDocument encode_document(const Document& doc, const Extraction& extraction,
                                         const std::string& extractor = {},
                                         const Dictionaries* dictionaries = nullptr);
  // Compresses a document encoded without dictionaries with these.
  static void compress(EncodedDocument& doc, const Dictionaries& dictionaries);
  // The dictionaries documents are written with now (the latest stored).
  Dictionaries dictionaries() const;
  // Dictionaries trained from documents encoded without them (a few hundred
  // at least) on threads of their own: the samples are copied and no
  // database is touched, so a build goes on reading meanwhile.
  class DictionaryTraining {
   public:
    explicit DictionaryTraining(const std::vector<const EncodedDocument*>& samples);
    bool ready() const;  // without waiting

   private:
    friend class Store;
    std::future<std::array<std::string, 3>> trained_;  // text, extraction, layout
  };
  // Waits for the training and stores its dictionaries: documents written
  // from now on use them, documents written before keep theirs. Empty when
  // there was too little to learn from.
  Dictionaries keep_dictionaries(DictionaryTraining& training);
  std::int64_t add_document(std::int64_t content_id, const EncodedDocument& doc);
  // Stores a document without building it: its content (doc.sha256) and path
  // (doc.source) are recorded as well. For tests and imports.
  std::int64_t add_document(const Document& doc, const Extraction& extraction);
  std::optional<Document> load_document(std::int64_t id) const;
  std::optional<std::string> document_text(std::int64_t id) const;
  // Stored documents with their extractions, by id (all when `ids` is empty).
  std::vector<ResolvableDocument> load_extractions(const std::vector<std::int64_t>& ids = {}) const;
  std::int64_t last_document_id() const;

  // --- the graph ----------------------------------------------------------------------
  bool graph_empty() const;
  // What a Resolution batch reads (resolve.h), over the indexes.
  ResolvedGraph& resolved_graph();
  // Finishes the batch and writes what it changed; counters follow.
  // `on_rows` hears how many rows were written so far, now and then.
  void apply(Resolution& batch, const std::function<void(std::uint64_t rows)>& on_rows = {});
  // Replaces the graph with `graph` as it is (ids kept): for tests and
  // imports of graphs resolved elsewhere.
  void replace_graph(const KnowledgeGraph& graph);
  void clear_graph();
  // The graph, or the part of it a selection names, with evidence sentences,
  // in one linear pass: entities and relations in id order.
  KnowledgeGraph load_graph() const;
  KnowledgeGraph load_graph(const GraphSelection& selection) const;

  // --- issue 12: edits, re-extraction, remembered lexicons (schema/006) ----------------
  // The rows of entities the last apply() or graph_writer() wrote (new or
  // changed, not deleted), for the edits to be applied to again.
  const std::vector<std::int64_t>& touched_entities() const;
  void forget_touched_entities();
  // Writes entity and relation changes outside a resolution batch (the edit
  // stage): ids > 0 are rows, < 0 new rows; counters follow. Inside a
  // transaction.
  ChangeSink& graph_writer();

  struct StoredEdit {
    std::int64_t id = 0;
    std::string made_at, made_by, kind, arguments;  // arguments: JSON
    bool undone = false;
  };
  // Appends an edit, indexed by the name keys of the entities it names.
  std::int64_t add_edit(const std::string& kind, const std::string& arguments, const std::string& made_by,
                        const std::vector<std::string>& keys);
  // Every edit in id order, or those of `ids`.
  std::vector<StoredEdit> edits(const std::vector<std::int64_t>& ids = {}) const;
  // Whether any edit is in force (not undone): builds skip the edits' work otherwise.
  bool has_edits() const;
  // Ids of the edits not undone indexed by any of these keys, ascending.
  std::vector<std::int64_t> edits_with_keys(const std::vector<std::string>& keys) const;
  void set_edit_undone(std::int64_t id, bool undone);
  void add_edit_documents(std::int64_t edit, const std::vector<std::int64_t>& documents);
  std::vector<std::int64_t> edit_documents(std::int64_t edit) const;
  // Ids an edit took away (schema/009, entity_moves), as entities.key
  // values: the entity keyed `former` is keyed `current` now. Moves to
  // `former` follow it to `current`, and `current`, an entity's key again, is
  // a former key no more. Nothing is recorded while an entity is keyed
  // `former`; returns whether the move was recorded.
  bool move_entity_key(std::uint64_t former, std::uint64_t current);
  // `key` is an entity's key (again): it is a former key no more.
  void forget_entity_move(std::uint64_t key);

  // Documents whose extraction was made by another extractor than
  // `fingerprint` (documents.extractor), ascending.
  std::vector<std::int64_t> documents_not_made_by(const std::string& fingerprint) const;
  // Replaces a document's stored extraction, made by `fingerprint`.
  void replace_extraction(std::int64_t id, const Document& doc, const Extraction& extraction,
                          const std::string& fingerprint);
  // A rewrite of extractions as resolution reads them (the edit stage's:
  // a retyped name is retyped in every record of it), applied by
  // resolved_graph().documents() and remove_content(); the pipeline applies
  // it to new documents. Empty: none.
  using ExtractionRewriter = std::function<void(ResolvableDocument&)>;
  void set_extraction_rewriter(ExtractionRewriter rewriter) { rewriter_ = std::move(rewriter); }
  void rewrite(ResolvableDocument& document) const {
    if (rewriter_) rewriter_(document);
  }
  // The user lexicons remembered (path, content), in order; set_ replaces them.
  std::vector<std::pair<std::string, std::string>> user_lexicons() const;
  void set_user_lexicons(const std::vector<std::pair<std::string, std::string>>& lexicons);

  void record_build(const BuildRecord& record);
  // From the counters: as quick on a big database as on a small one.
  StoreStats stats() const;

  // For the store's own readers (store_source.cc, graph_io.cc).
  sqlite3* handle() const { return db_; }
  struct Statements;
  Statements& statements() const { return *statements_; }
  // The entities a document mentions, ascending (document_entities, graph_io.cc).
  std::vector<std::int64_t> document_entity_list(std::int64_t document) const;
  // The table of strings aggregates refer to by id (codec.h).
  codec::StringIds& strings() const;
  // A stored text (document_data.text_index and .text) decoded with the
  // dictionary its index names; an extraction likewise.
  std::string decode_text(std::string_view index, std::string_view blocks) const;
  std::string unpack(std::string_view stored) const;
  const codec::Dictionary* dictionary(std::int64_t id) const;

 private:
  void open_read_only();
  void open_read_write();
  void check_owner();
  void apply_migrations();
  void convert_v4_documents();
  void recount();
  // schema/*_document_entity_lists.sql: document_entities from the entities' rows (graph_io.cc).
  void index_document_entities();
  // Writes what graph_writer()'s changes left waiting (graph_io.cc); commit()
  // calls it, and rollback() discards it.
  void flush_graph();
  void discard_graph_changes();
  // While a bulk write's rows are written on a thread of their own, the
  // strings its aggregates use get their ids without touching the database
  // (every stored one is cached first); deferred_strings hands over the rows
  // to write, and with keep_deferring false ends the deferral.
  void defer_strings();
  std::vector<std::pair<std::uint32_t, std::string>> deferred_strings(bool keep_deferring);
  // Counter changes wait in memory until commit (one write per counter).
  void count(const std::string& name, std::int64_t delta);
  void count_document(const CleanStats& stats, int sign);
  void flush_counts();
  std::int64_t extractor_id(const std::string& fingerprint);
  // Extractions as resolution carries them when !fill_sentences (a sentence
  // that is the text at its evidence left empty).
  std::vector<ResolvableDocument> load_documents(const std::vector<std::int64_t>& ids, bool fill_sentences) const;

  std::string path_;
  Mode mode_;
  sqlite3* db_ = nullptr;
  bool in_transaction_ = false;
  bool direct_journal_ = false;  // this transaction writes through a rollback journal
  bool holds_nothing();
  bool switch_journal(bool to_wal);  // false: to a rollback journal
  void end_direct_journal();
  std::unique_ptr<Statements> statements_;
  std::map<std::string, std::int64_t> pending_counts_;
  std::map<std::string, std::int64_t> extractors_;
  class Strings;
  struct StringsDeleter {
    void operator()(Strings* strings) const;
  };
  mutable std::unique_ptr<Strings, StringsDeleter> strings_;
  mutable std::map<std::int64_t, std::shared_ptr<const codec::Dictionary>> dictionaries_;
  struct Graph;
  struct GraphDeleter {
    void operator()(Graph* graph) const;  // graph_io.cc, where Graph is defined
  };
  std::unique_ptr<Graph, GraphDeleter> graph_;
  ExtractionRewriter rewriter_;
};

}  // namespace kg
