// store/store_source.cc owns reading the graph through the store's indexes
// (StoreSource) and cutting evidence sentences out of compressed text blocks
// (TextCutter).
#include "store/store_source.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <limits>
#include <map>
#include <unordered_map>

#include "graph/names.h"
#include "store/codec.h"
#include "store/date_bounds.h"
#include "store/sqlite.h"

namespace kg {

// --- TextCutter ------------------------------------------------------------------------

struct TextCutter::Impl {
  const Store& store;
  std::int64_t document = -1;
  std::vector<codec::TextBlock> blocks;
  const codec::Dictionary* dictionary = nullptr;
  struct Decoded {
    std::string text;
    std::vector<std::uint32_t> offsets;  // byte offset of each code point, and of the end
  };
  std::map<std::size_t, Decoded> decoded;
  sqlite3_blob* blob = nullptr;

  explicit Impl(const Store& s) : store(s) {}
  ~Impl() {
    if (blob != nullptr) sqlite3_blob_close(blob);
  }

  bool open(std::int64_t doc) {
    if (doc == document) return !blocks.empty() || blob != nullptr;
    document = doc;
    blocks.clear();
    decoded.clear();
    Query q(store, "SELECT text_index FROM document_data WHERE document_id = ?1", "reading a text index");
    q.bind(1, doc);
    if (!q.step()) return false;
    try {
      codec::TextIndex index = codec::decode_text_index(q.blob(0));
      dictionary = store.dictionary(index.dictionary);
      blocks = std::move(index.blocks);
    } catch (const codec::DecodeError& e) {
      throw StoreError("database " + store.path() + ": the text of document " + std::to_string(doc) +
                       " is damaged: " + e.what());
    }
    const int rc = blob == nullptr
                       ? sqlite3_blob_open(store.handle(), "main", "document_data", "text", doc, 0, &blob)
                       : sqlite3_blob_reopen(blob, doc);
    if (rc != SQLITE_OK) {
      if (blob != nullptr) sqlite3_blob_close(blob);
      blob = nullptr;
      sqlite_fail(store.handle(), store.path(), rc, "reading a document's text");
    }
    return true;
  }

  const Decoded& block(std::size_t index) {
    auto it = decoded.find(index);
    if (it != decoded.end()) return it->second;
    const codec::TextBlock& b = blocks[index];
    std::string stored(b.stored_bytes, '\0');
    if (b.offset + b.stored_bytes > static_cast<std::uint64_t>(sqlite3_blob_bytes(blob)))
      throw StoreError("database " + store.path() + ": the text of document " + std::to_string(document) +
                       " is truncated");
    const int rc = sqlite3_blob_read(blob, stored.data(), static_cast<int>(stored.size()), static_cast<int>(b.offset));
    if (rc != SQLITE_OK) sqlite_fail(store.handle(), store.path(), rc, "reading a document's text");
    Decoded d;
    try {
      d.text = codec::decode_text_block(b, stored, dictionary);
    } catch (const codec::DecodeError& e) {
      throw StoreError("database " + store.path() + ": the text of document " + std::to_string(document) +
                       " is damaged: " + e.what());
    }
    d.offsets.reserve(b.code_points + 1);
    for (std::size_t i = 0; i < d.text.size(); ++i)
      if ((static_cast<unsigned char>(d.text[i]) & 0xC0) != 0x80) d.offsets.push_back(static_cast<std::uint32_t>(i));
    d.offsets.push_back(static_cast<std::uint32_t>(d.text.size()));
    return decoded.emplace(index, std::move(d)).first->second;
  }

  std::string cut(std::int64_t doc, Span span) {
    if (span.end <= span.begin || !open(doc)) return {};
    std::string out;
    // The first block that ends after span.begin.
    auto it = std::upper_bound(blocks.begin(), blocks.end(), span.begin, [](std::uint32_t cp, const codec::TextBlock& b) {
      return cp < b.first_code_point + b.code_points;
    });
    for (; it != blocks.end() && it->first_code_point < span.end; ++it) {
      const Decoded& d = block(static_cast<std::size_t>(it - blocks.begin()));
      const std::uint32_t from = std::max(span.begin, it->first_code_point) - it->first_code_point;
      const std::uint32_t to = std::min(span.end, it->first_code_point + it->code_points) - it->first_code_point;
      if (to >= d.offsets.size() || from > to) break;
      out.append(d.text, d.offsets[from], d.offsets[to] - d.offsets[from]);
    }
    return out;
  }
};

TextCutter::TextCutter(const Store& store) : impl_(std::make_unique<Impl>(store)) {}
TextCutter::~TextCutter() = default;
std::string TextCutter::cut(std::int64_t document, Span span) { return impl_->cut(document, span); }

// --- StoreSource --------------------------------------------------------------------------

namespace {

EntitySummary entity_from(const Query& q, int first) {
  EntitySummary e;
  e.ref = q.integer(first);
  e.id = key_text(q, first + 1, 'e');
  e.name = q.text(first + 2);
  e.type = codec::entity_type_from_code(q.integer(first + 3));
  return e;
}

#define KG_RELATION_COLUMNS                                                                                  \
  "SELECT r.id, r.type, r.title, r.title_key, r.key, r.data, s.id, s.key, s.name, s.type, t.id, t.key, t.name, " \
  "t.type FROM relations r JOIN entities s ON s.id = r.source JOIN entities t ON t.id = r.target "

RelationSummary relation_from(const Query& q, const Store& store) {
  const std::string& path = store.path();
  RelationSummary r;
  r.ref = q.integer(0);
  try {
    r.type = codec::relation_type_from_code(q.integer(1));
    r.title = q.text(2);
    const std::string title_key = q.is_null(3) ? r.title : q.text(3);
    r.source = entity_from(q, 6);
    r.target = entity_from(q, 10);
    if (is_symmetric(r.type) && r.source.id > r.target.id) std::swap(r.source, r.target);
    r.id = q.is_null(4) ? format_key('r', relation_key(r.type, r.source.id, r.target.id, title_key)) : key_text(q, 4, 'r');
    const RelationData data = codec::decode_relation(q.blob(5), r.title, store.strings());
    r.attributes = displayed_attributes(data.attributes);
    r.evidence_documents.reserve(data.evidence.size());
    r.evidence_dates.reserve(data.evidence.size());
    for (const Evidence& e : data.evidence) {
      r.evidence_documents.push_back(e.document);
      r.evidence_dates.push_back(e.date);
    }
  } catch (const codec::DecodeError& e) {
    throw StoreError("database " + path + ": relation " + std::to_string(r.ref) + " is damaged: " + e.what());
  }
  return r;
}

std::optional<std::int64_t> parse_entity_key(std::string_view id) {
  if (id.size() != 17 || id[0] != 'e') return std::nullopt;
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(id.data() + 1, id.data() + id.size(), value, 16);
  if (ec != std::errc() || end != id.data() + id.size()) return std::nullopt;
  for (char c : id.substr(1))
    if (c >= 'A' && c <= 'F') return std::nullopt;  // kg writes lower case
  return static_cast<std::int64_t>(value);
}

// How many steps of entity_moves a lookup follows (schema/009).
constexpr int kMaxMoves = 8;

// --- name conditions (NameFilter, graph/source.h) ---------------------------------------
// An entity's name is tested by its lookup key: the name itself, or the
// kind 0 row of entity_keys when the key differs from the name (schema/005).
// So the entities a filter may admit are found in two passes that decode no
// row: entities_by_name (name, type) tested as if each name were its key,
// and the kind 0 keys (through their partial index, entity_name_keys,
// schema/013, which SQLite chooses for `kind = 0`). SQL runs the filter's
// most selective test, on the index: equality and STARTS WITH as a range,
// CONTAINS and ENDS WITH as one pass over the index with instr()/substr().
// What comes back is a superset (a name that differs from its key may pass
// as a name); each entity is tested exactly, by the key of its name, when
// it is read.

// The filter's test SQL runs: an equality, else a prefix, else the first.
const NameTest* indexed_test(const NameFilter& names) {
  const NameTest* best = nullptr;
  auto rank = [](NameTest::Op op) { return op == NameTest::Op::equals ? 0 : op == NameTest::Op::starts_with ? 1 : 2; };
  for (const NameTest& test : names.all_of)
    if (best == nullptr || rank(test.op) < rank(best->op)) best = &test;
  return best;
}

// Whether the entities `names` may admit are found by a range of the name
// index (=, IN, STARTS WITH), not by a pass over it (CONTAINS, ENDS WITH).
bool found_by_range(const NameFilter& names) {
  const NameTest* test = indexed_test(names);
  return names.one_of || (test != nullptr && test->op != NameTest::Op::contains && test->op != NameTest::Op::ends_with);
}

// Above every valid UTF-8 text that begins with `key`: no code point is
// encoded with F4 90 or above.
std::string prefix_end(const std::string& key) { return key + "\xF4\x90"; }

#define KG_NAME_ROWS "SELECT name, id, name FROM entities INDEXED BY entities_by_name WHERE (?3 IS NULL OR type = ?3) AND "
#define KG_KEY_ROWS                                                                                          \
  "SELECT e.name, k.entity_id, k.key FROM entity_keys k JOIN entities e ON e.id = k.entity_id WHERE k.kind = 0 " \
  "AND (?3 IS NULL OR e.type = ?3) AND "

// (name, id) of every entity of `type` (any) whose name `names` may admit,
// sorted, each once: a superset of those it admits.
std::vector<std::pair<std::string, std::int64_t>> name_candidates(const Store& store, const NameFilter& names,
                                                                  std::optional<EntityType> type, bool with_names = true,
                                                                  bool keys_only = false) {
  std::vector<std::pair<std::string, std::int64_t>> found;
  auto run = [&](bool keys, NameTest::Op op, const std::string& key) {
    std::string_view sql;
    switch (op) {
      case NameTest::Op::equals: sql = keys ? KG_KEY_ROWS "k.key = ?1" : KG_NAME_ROWS "name = ?1"; break;
      case NameTest::Op::starts_with:
        sql = keys ? KG_KEY_ROWS "k.key >= ?1 AND k.key < ?2" : KG_NAME_ROWS "name >= ?1 AND name < ?2";
        break;
      case NameTest::Op::contains: sql = keys ? KG_KEY_ROWS "instr(k.key, ?1) > 0" : KG_NAME_ROWS "instr(name, ?1) > 0"; break;
      case NameTest::Op::ends_with:
        sql = keys ? KG_KEY_ROWS "substr(k.key, -length(?1)) = ?1" : KG_NAME_ROWS "substr(name, -length(?1)) = ?1";
        break;
    }
    Query q(store, sql, "finding entities by name");
    q.bind(1, key);
    if (op == NameTest::Op::starts_with) q.bind(2, prefix_end(key));
    if (type) q.bind(3, std::int64_t{codec::entity_type_code(*type)});
    else q.bind_null(3);
    while (q.step())
      if (names.admits(q.text_view(2))) found.emplace_back(with_names ? q.text(0) : std::string(), q.integer(1));
  };
  for (const bool keys : {false, true}) {
    if (keys_only && !keys) continue;
    if (names.one_of) {
      for (const std::string& key : *names.one_of) run(keys, NameTest::Op::equals, key);
    } else if (const NameTest* test = indexed_test(names)) {
      run(keys, test->op, test->key);
    }
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

#undef KG_NAME_ROWS
#undef KG_KEY_ROWS

// Whether `names` admits an entity, by the key of its name.
bool admits(const NameFilter& names, const EntitySummary& e) { return names.empty() || names.admits(lookup_key(e.name)); }

}  // namespace

struct StoreSource::Texts {
  TextCutter cutter;
  explicit Texts(const Store& store) : cutter(store) {}
};

StoreSource::StoreSource(const Store& store)
    : store_(store), rare_relations_(has_table(store, "rare_relations")), texts_(std::make_unique<Texts>(store)) {}
StoreSource::~StoreSource() = default;

std::size_t StoreSource::entity_count() const {
  Query q(store_, "SELECT coalesce(sum(value), 0) FROM counters WHERE name LIKE 'entities.%'", "counting entities");
  return q.step() ? static_cast<std::size_t>(q.integer(0)) : 0;
}

std::size_t StoreSource::relation_count() const {
  Query q(store_, "SELECT coalesce(sum(value), 0) FROM counters WHERE name LIKE 'relations.%'", "counting relations");
  return q.step() ? static_cast<std::size_t>(q.integer(0)) : 0;
}

std::optional<EntitySummary> StoreSource::entity(EntityRef ref) const {
  Query q(store_, "SELECT id, key, name, type FROM entities WHERE id = ?1", "reading an entity");
  q.bind(1, ref);
  if (!q.step()) return std::nullopt;
  return entity_from(q, 0);
}

std::optional<EntitySummary> StoreSource::entity_by_id(std::string_view id) const {
  const auto key = parse_entity_key(id);
  {
    Query q(store_, "SELECT id, key, name, type FROM entities WHERE key = ?1", "finding an entity by id");
    if (key) q.bind(1, *key);
    else q.bind(1, id);
    if (q.step()) return entity_from(q, 0);
  }
  if (!key) return std::nullopt;
  // An id an edit took away: the entity under the id it has now
  // (schema/009). Chains are one step long as written; a few steps are
  // followed, and no more, should the table say otherwise.
  std::int64_t former = *key;
  for (int step = 0; step < kMaxMoves; ++step) {
    std::int64_t current = 0;
    {
      Query q(store_, "SELECT current FROM entity_moves WHERE former = ?1", "finding an entity by a former id");
      q.bind(1, former);
      if (!q.step()) return std::nullopt;
      current = q.integer(0);
    }
    Query q(store_, "SELECT id, key, name, type FROM entities WHERE key = ?1", "finding an entity by id");
    q.bind(1, current);
    if (q.step()) return entity_from(q, 0);
    former = current;
  }
  return std::nullopt;
}

std::optional<RelationSummary> StoreSource::relation_by_id(std::string_view id) const {
  // kg writes ids in lower case.
  if (id.size() != 17 || id[0] != 'r' || id.find_first_not_of("0123456789abcdef", 1) != std::string_view::npos)
    return std::nullopt;
  std::uint64_t wanted = 0;
  std::from_chars(id.data() + 1, id.data() + id.size(), wanted, 16);
  // Every entity's key by row (rows are dense), read from entities_by_key
  // alone: no entity row is read.
  std::vector<std::uint64_t> keys;
  std::vector<bool> keyed;
  {
    Query q(store_, "SELECT id, key FROM entities INDEXED BY entities_by_key", "reading entity ids");
    while (q.step()) {
      const std::int64_t row = q.integer(0);
      if (row < 0 || !q.is_integer(1)) continue;  // keys have been integers since schema/005
      if (static_cast<std::size_t>(row) >= keys.size()) {
        keys.resize(static_cast<std::size_t>(row) + 1);
        keyed.resize(static_cast<std::size_t>(row) + 1);
      }
      keys[static_cast<std::size_t>(row)] = static_cast<std::uint64_t>(q.integer(1));
      keyed[static_cast<std::size_t>(row)] = true;
    }
  }
  // The former ids of each current one (schema/009), each followed to the
  // end of its chain.
  std::unordered_map<std::uint64_t, std::vector<std::uint64_t>> formers;
  {
    std::unordered_map<std::uint64_t, std::uint64_t> moves;
    Query q(store_, "SELECT former, current FROM entity_moves", "reading former ids");
    while (q.step()) moves.emplace(static_cast<std::uint64_t>(q.integer(0)), static_cast<std::uint64_t>(q.integer(1)));
    for (const auto& [former, first] : moves) {
      std::uint64_t current = first;
      for (int step = 1; step < kMaxMoves; ++step) {
        const auto next = moves.find(current);
        if (next == moves.end()) break;
        current = next->second;
      }
      formers[current].push_back(former);
    }
  }
  // Each relation's id from its ends, type and title: the rows are read
  // without their evidence (data, the last column, is not decoded nor, when
  // it overflows, read). An id shown before an edit moved an end is the same
  // computed with the end's former id; an id relations have now wins.
  constexpr std::size_t kIdLength = 17;  // "e" and 16 hex digits
  std::vector<char> shown_ids(keys.size() * kIdLength, '\0');
  std::optional<RelationRef> found, found_before;
  Query q(store_, "SELECT id, source, target, type, coalesce(title_key, title), key FROM relations",
          "finding a relation by id");
  const std::vector<std::uint64_t> none;
  while (!found && q.step()) {
    if (!q.is_null(5)) {
      if (key_text(q, 5, 'r') == id) found = q.integer(0);
      continue;
    }
    const auto source = static_cast<std::size_t>(q.integer(1)), target = static_cast<std::size_t>(q.integer(2));
    if (source >= keys.size() || target >= keys.size() || !keyed[source] || !keyed[target]) continue;
    const RelationType type = codec::relation_type_from_code(q.integer(3));
    const std::string_view title_key = q.text_view(4);
    auto id_of = [&](std::uint64_t from, std::uint64_t to) {
      if (is_symmetric(type) && from > to) std::swap(from, to);
      return relation_key(type, format_key('e', from), format_key('e', to), title_key);
    };
    // The entities' ids as text, each formatted once (an entity is at an end
    // of several relations; formatting took a fifth of the time).
    auto shown = [&](std::size_t row) {
      char* text = &shown_ids[row * kIdLength];
      if (text[0] == '\0') {
        const std::string formatted = format_key('e', keys[row]);
        std::copy_n(formatted.data(), kIdLength, text);
      }
      return std::string_view(text, kIdLength);
    };
    const std::uint64_t from = keys[source], to = keys[target];
    const bool swapped = is_symmetric(type) && from > to;
    if (relation_key(type, shown(swapped ? target : source), shown(swapped ? source : target), title_key) == wanted) {
      found = q.integer(0);
      break;
    }
    if (found_before || formers.empty()) continue;
    const auto from_formers = formers.find(from), to_formers = formers.find(to);
    if (from_formers == formers.end() && to_formers == formers.end()) continue;
    std::vector<std::uint64_t> from_ids{from}, to_ids{to};
    if (from_formers != formers.end()) from_ids.insert(from_ids.end(), from_formers->second.begin(), from_formers->second.end());
    if (to_formers != formers.end()) to_ids.insert(to_ids.end(), to_formers->second.begin(), to_formers->second.end());
    for (std::uint64_t f : from_ids)
      for (std::uint64_t t : to_ids)
        if (!found_before && id_of(f, t) == wanted) found_before = q.integer(0);
  }
  if (!found) found = found_before;
  if (!found) return std::nullopt;
  return relation(*found);
}

std::vector<EntitySummary> StoreSource::entities_by_key(const std::string& key, NameTier tier) const {
  std::vector<EntitySummary> found;
  auto collect = [&](Query& q) {
    while (q.step()) found.push_back(entity_from(q, 0));
  };
  switch (tier) {
    case NameTier::name: {
      Query q(store_,
              "SELECT id, key, name, type FROM entities WHERE name = ?1 UNION SELECT e.id, e.key, e.name, e.type FROM "
              "entity_keys k JOIN entities e ON e.id = k.entity_id WHERE k.key = ?1 AND k.kind = 0 ORDER BY 1",
              "finding entities by name");
      q.bind(1, key);
      collect(q);
      break;
    }
    case NameTier::alias: {
      // Another spelling or an alias, of an entity not shown under this name.
      Query q(store_,
              "SELECT DISTINCT e.id, e.key, e.name, e.type FROM entity_keys k JOIN entities e ON e.id = k.entity_id "
              "WHERE k.key = ?1 AND k.kind IN (1, 2) AND e.name <> ?1 AND NOT EXISTS (SELECT 1 FROM entity_keys o "
              "WHERE o.key = ?1 AND o.kind = 0 AND o.entity_id = e.id) ORDER BY 1",
              "finding entities by alias");
      q.bind(1, key);
      collect(q);
      break;
    }
    case NameTier::part: {
      // No index answers "contains": the names and keys are scanned.
      Query q(store_,
              "SELECT id, key, name, type FROM entities WHERE instr(name, ?1) > 0 UNION SELECT e.id, e.key, e.name, "
              "e.type FROM entity_keys k JOIN entities e ON e.id = k.entity_id WHERE k.kind IN (0, 1, 2) AND "
              "instr(k.key, ?1) > 0 ORDER BY 1",
              "finding entities by part of a name");
      q.bind(1, key);
      collect(q);
      break;
    }
  }
  return found;
}

std::vector<EntitySummary> StoreSource::entities_named(std::string_view name) const {
  Query q(store_, "SELECT id, key, name, type FROM entities WHERE name = ?1 ORDER BY id", "finding entities by name");
  q.bind(1, name);
  std::vector<EntitySummary> found;
  while (q.step()) found.push_back(entity_from(q, 0));
  return found;
}

bool StoreSource::visit_named(std::vector<std::int64_t> refs, const NameFilter& names,
                              const std::function<bool(const EntitySummary&)>& visit) const {
  for (const std::int64_t ref : refs)
    if (auto e = entity(ref); e && admits(names, *e) && !visit(*e)) return false;
  return true;
}

void StoreSource::scan_entities(std::optional<EntityType> type, const NameFilter& names,
                                const std::function<bool(const EntitySummary&)>& visit) const {
  if (!names.empty()) {
    std::vector<std::int64_t> refs;
    for (const auto& [name, ref] : name_candidates(store_, names, type)) refs.push_back(ref);
    std::sort(refs.begin(), refs.end());
    visit_named(std::move(refs), names, visit);
    return;
  }
  // One pass over the table, in id order: entities_by_name does not begin
  // with the type, so reading the refs of a type from it and then each row
  // costs a pass over the index and a search per entity (0.8 s for 100,000
  // of them), where the rows read in order cost one pass (about 25 ms).
  // Rows are read a batch at a time, so no statement stays open while
  // `visit` runs.
  if (type) {
    std::int64_t after = -1;
    constexpr std::int64_t kBatch = 1024;
    for (;;) {
      std::vector<EntitySummary> batch;
      {
        Query q(store_, "SELECT id, key, name, type FROM entities WHERE id > ?1 AND type = ?2 ORDER BY id LIMIT ?3",
                "listing entities");
        q.bind(1, after).bind(2, std::int64_t{codec::entity_type_code(*type)}).bind(3, kBatch);
        while (q.step()) batch.push_back(entity_from(q, 0));
      }
      for (const EntitySummary& e : batch)
        if (!visit(e)) return;
      if (static_cast<std::int64_t>(batch.size()) < kBatch) return;
      after = batch.back().ref;
    }
  }
  Query q(store_, "SELECT id, key, name, type FROM entities ORDER BY id", "listing entities");
  while (q.step())
    if (!visit(entity_from(q, 0))) return;
}

EntityDetails StoreSource::details(EntityRef ref) const {
  Query q(store_, "SELECT id, key, name, type, data FROM entities WHERE id = ?1", "reading an entity");
  q.bind(1, ref);
  EntityDetails d;
  if (!q.step()) return d;
  d.entity = entity_from(q, 0);
  try {
    const EntityData data = codec::decode_entity(q.blob(4), d.entity.type, d.entity.name, store_.strings());
    d.aliases = displayed_aliases(data);
    d.attributes = displayed_attributes(data.attributes);
    for (const DocumentSpans& m : data.mentions) d.documents.push_back(m.document);
  } catch (const codec::DecodeError& e) {
    throw StoreError("database " + store_.path() + ": entity " + std::to_string(ref) + " is damaged: " + e.what());
  }
  return d;
}

std::optional<RelationSummary> StoreSource::relation(RelationRef ref) const {
  Query q(store_, KG_RELATION_COLUMNS "WHERE r.id = ?1", "reading a relation");
  q.bind(1, ref);
  if (!q.step()) return std::nullopt;
  return relation_from(q, store_);
}

std::vector<RelationSummary> StoreSource::relations_of(EntityRef ref, EdgeDirection direction,
                                                       std::optional<RelationType> type) const {
  std::vector<RelationSummary> found;
  auto read = [&](Query& q) {
    q.bind(1, ref);
    if (type) q.bind(2, std::int64_t{codec::relation_type_code(*type)});
    else q.bind_null(2);
    while (q.step()) found.push_back(relation_from(q, store_));
  };
  {
    Query q(store_, KG_RELATION_COLUMNS "WHERE r.source = ?1 AND (?2 IS NULL OR r.type = ?2)", "reading relations");
    read(q);
  }
  {
    Query q(store_, KG_RELATION_COLUMNS "WHERE r.target = ?1 AND r.source <> ?1 AND (?2 IS NULL OR r.type = ?2)",
            "reading relations");
    read(q);
  }
  // Direction as shown: a symmetric relation points from the smaller id.
  std::erase_if(found, [&](const RelationSummary& r) {
    if (direction == EdgeDirection::out) return r.source.ref != ref;
    if (direction == EdgeDirection::in) return r.target.ref != ref;
    return false;
  });
  std::sort(found.begin(), found.end(), [](const RelationSummary& a, const RelationSummary& b) { return a.ref < b.ref; });
  return found;
}

// --- typed scans, planned by relation_shapes (schema/011) ------------------------------

// What relation_shapes says of a scan, before any relation is read. Type
// codes are bits of a mask (codes beyond the mask's width are in every mask,
// so that a type added later is never left out).
struct StoreSource::ShapePlan {
  // Relations whose ends' types fit the scan as stored, or the other way
  // round for a symmetric type or an undirected scan (which of the two is
  // shown is only known once a relation is read): 0 means none fits.
  std::int64_t fitting = 0;
  std::int64_t of_type = 0;  // relations of the scan's type (of every type, when it has none)
  // The types of the stored sources and targets of the fitting relations.
  std::uint64_t source_types = 0, target_types = 0;
  // Relations of the type whose stored source (target) has one of those types.
  std::int64_t from_sources = 0, from_targets = 0;
  // Entities of the source (target) types, and in all; relations in all.
  std::int64_t sources = 0, targets = 0, entities = 0, relations = 0;
  // Whether some relation of the type does not fit (the ends' types must be checked).
  bool check = false;
  // The shapes that fit, when rare_relations (schema/012) lists every one
  // of them whole; else empty.
  std::vector<RelationShape> listed;
  // The cheapest way to find the refs of every relation that fits
  // (relations_fitting), and its cost in index entries read.
  enum class Way { pass, from_sources, from_targets, listed } way = Way::pass;
  std::int64_t cost = 0;
};

namespace {

constexpr std::uint64_t type_bit(std::int64_t code) { return code >= 0 && code < 64 ? std::uint64_t{1} << code : 0; }
bool in_mask(std::uint64_t mask, std::int64_t code) { return code >= 64 || (mask & type_bit(code)) != 0; }
// The mask as SQL tests it, `(?N >> type) & 1`.
std::int64_t sql_mask(std::uint64_t mask) { return static_cast<std::int64_t>(mask); }
// A pass over entities_by_name tests the type of every entry: one type is
// tested by equality, which costs a third less than the mask. The statement
// `before` TEST `after`, TEST testing parameter `param` against `type`, and
// the value bound to it.
bool one_type(std::uint64_t mask) { return mask != 0 && (mask & (mask - 1)) == 0; }
std::int64_t type_test_value(std::uint64_t mask) {
  return one_type(mask) ? std::int64_t{std::countr_zero(mask)} : sql_mask(mask);
}
#define KG_TYPE_TEST(mask, before, param, after)                                        \
  (one_type(mask) ? std::string_view(before "type = " param after)                     \
                  : std::string_view(before "(" param " >> type) & 1" after))

// The type of every entity whose type is in `mask`, by id (ids are dense; -1
// for the others), read from entities_by_name (which holds the type)
// without touching an entity row: one pass over the index. What a typed
// scan checks its relations' ends against instead of reading two entity
// rows per relation.
std::vector<std::int8_t> entity_types(const Store& store, std::uint64_t mask) {
  std::vector<std::int8_t> types;
  // The ends' types of a scan with two labels, two types: a list of two
  // costs less than the mask too.
  const std::uint64_t rest = mask & (mask - 1);
  const bool two = mask != 0 && rest != 0 && one_type(rest);
  Query q(store,
          two ? std::string_view("SELECT id, type FROM entities INDEXED BY entities_by_name WHERE type IN (?1, ?2)")
              : KG_TYPE_TEST(mask, "SELECT id, type FROM entities INDEXED BY entities_by_name WHERE ", "?1", ""),
          "reading entity types");
  if (two) q.bind(1, std::int64_t{std::countr_zero(mask)}).bind(2, std::int64_t{std::countr_zero(rest)});
  else q.bind(1, type_test_value(mask));
  while (q.step()) {
    const std::int64_t id = q.integer(0);
    if (id < 0) continue;
    if (static_cast<std::size_t>(id) >= types.size()) types.resize(static_cast<std::size_t>(id) + 1, -1);
    types[static_cast<std::size_t>(id)] = static_cast<std::int8_t>(q.integer(1));
  }
  return types;
}

// Costs of the ways to read what a scan selects, in relations read in
// order (a row of relations, or an entry of relations_by_source: about the
// same, ~30 ns, on the 100 MB corpus, mapped). An entry of
// entities_by_name, which holds names, costs about twice that; a search
// into an index about forty times (~1.2 us); a relation read by ref joins
// its two ends, three searches.
constexpr std::int64_t kEntityCost = 2;
constexpr std::int64_t kSearchCost = 40;
constexpr std::int64_t kReadCost = 3 * kSearchCost;

}  // namespace

StoreSource::ShapePlan StoreSource::plan(const RelationScan& scan) const {
  ShapePlan plan;
  const std::int64_t source_code = scan.source_type ? codec::entity_type_code(*scan.source_type) : -1;
  const std::int64_t target_code = scan.target_type ? codec::entity_type_code(*scan.target_type) : -1;
  const bool either_way = scan.either_way || (scan.type && is_symmetric(*scan.type));
  auto fits = [&](std::int64_t source, std::int64_t target) {
    return (source_code < 0 || source == source_code) && (target_code < 0 || target == target_code);
  };
  struct Shape {
    std::int64_t type, source, target, relations;
  };
  std::vector<Shape> shapes;
  {
    Query q(store_,
            "SELECT type, source_type, target_type, relations FROM relation_shapes WHERE ?1 IS NULL OR type = ?1",
            "reading relation shapes");
    if (scan.type) q.bind(1, std::int64_t{codec::relation_type_code(*scan.type)});
    else q.bind_null(1);
    while (q.step()) shapes.push_back({q.integer(0), q.integer(1), q.integer(2), q.integer(3)});
  }
  // Whether rare_relations lists every fitting shape whole: as many rows as
  // relations counted (a shape above the bound has none).
  bool listed = rare_relations_;
  for (const Shape& shape : shapes) {
    plan.of_type += shape.relations;
    if (!fits(shape.source, shape.target) && !(either_way && fits(shape.target, shape.source))) continue;
    plan.fitting += shape.relations;
    plan.source_types |= type_bit(shape.source);
    plan.target_types |= type_bit(shape.target);
    if (!listed) continue;
    if (shape.relations > kRareShapeRelations) {
      listed = false;
      continue;
    }
    Query q(store_,
            "SELECT count(*) FROM rare_relations WHERE type = ?1 AND source_type = ?2 AND target_type = ?3",
            "reading rare relations");
    q.bind(1, shape.type).bind(2, shape.source).bind(3, shape.target);
    listed = q.step() && q.integer(0) == shape.relations;
    plan.listed.push_back({shape.type, shape.source, shape.target});
  }
  if (!listed) plan.listed.clear();
  for (const Shape& shape : shapes) {
    if (in_mask(plan.source_types, shape.source)) plan.from_sources += shape.relations;
    if (in_mask(plan.target_types, shape.target)) plan.from_targets += shape.relations;
  }
  // Entities by type, from the counters.
  Query q(store_, "SELECT name, value FROM counters WHERE name >= 'entities.' AND name < 'entities/'",
          "counting entities");
  while (q.step()) {
    const std::string_view name = q.text_view(0);
    std::int64_t code = -1;
    const auto [end, ec] = std::from_chars(name.data() + 9, name.data() + name.size(), code);
    if (ec != std::errc() || end != name.data() + name.size()) continue;
    const std::int64_t n = q.integer(1);
    plan.entities += n;
    if (in_mask(plan.source_types, code)) plan.sources += n;
    if (in_mask(plan.target_types, code)) plan.targets += n;
  }
  plan.relations = static_cast<std::int64_t>(relation_count());
  plan.check = plan.fitting < plan.of_type;
  const std::int64_t by_pass = plan.relations + (plan.check ? kEntityCost * plan.entities : 0);
  const std::int64_t by_sources = kEntityCost * plan.entities + kSearchCost * plan.sources + plan.from_sources;
  const std::int64_t by_targets = kEntityCost * plan.entities + kSearchCost * (plan.targets + plan.from_targets);
  plan.cost = std::min({by_pass, by_sources, by_targets});
  plan.way = plan.cost == by_pass      ? ShapePlan::Way::pass
             : plan.cost == by_sources ? ShapePlan::Way::from_sources
                                       : ShapePlan::Way::from_targets;
  // A search for each shape, then its rows.
  const auto by_list = kSearchCost * static_cast<std::int64_t>(plan.listed.size()) + plan.fitting;
  if (!plan.listed.empty() && by_list < plan.cost) {
    plan.cost = by_list;
    plan.way = ShapePlan::Way::listed;
  }
  return plan;
}

// The relations of the scan's type (all types when it has none) whose ends
// have its end types, in either orientation for a symmetric type (their ends
// are checked as shown when they are read), ascending. The cheapest of three
// ways by the plan's counts:
//   - one pass over relations_by_source, which holds (source, type, target),
//     every relation of every type (the type is not its first column),
//     against the types of all entities when some relation of the type does
//     not fit;
//   - from the entities of the sources' types, their relations of the type
//     through relations_by_source;
//   - from the entities of the targets' types, through relations_by_target,
//     which has no source: each candidate's row is read.
//   - when rare_relations (schema/012) lists every shape that fits, its rows
//     of those shapes.
// Either way no relation row is read for a relation that does not fit, save
// the candidates of the third.
std::vector<RelationRef> StoreSource::relations_fitting(const RelationScan& scan, const ShapePlan& plan) const {
  if (plan.way == ShapePlan::Way::listed) {
    std::vector<RelationRef> found;
    for (const RelationShape& shape : plan.listed) {
      Query q(store_,
              "SELECT relation FROM rare_relations WHERE type = ?1 AND source_type = ?2 AND target_type = ?3",
              "reading rare relations");
      q.bind(1, shape.type).bind(2, shape.source_type).bind(3, shape.target_type);
      while (q.step()) found.push_back(q.integer(0));
    }
    std::sort(found.begin(), found.end());
    found.erase(std::unique(found.begin(), found.end()), found.end());
    return found;
  }
  const std::int64_t source_code = scan.source_type ? codec::entity_type_code(*scan.source_type) : -1;
  const std::int64_t target_code = scan.target_type ? codec::entity_type_code(*scan.target_type) : -1;
  const bool check = plan.check;
  const bool pass = plan.way == ShapePlan::Way::pass;
  const bool from_sources = plan.way == ShapePlan::Way::from_sources;

  const std::vector<std::int8_t> types = check || !pass ? entity_types(store_, plan.source_types | plan.target_types)
                                                        : std::vector<std::int8_t>{};
  auto type_of = [&](std::int64_t id) -> std::int64_t {
    return id >= 0 && static_cast<std::size_t>(id) < types.size() ? types[static_cast<std::size_t>(id)] : -1;
  };
  auto fits = [&](std::int64_t source, std::int64_t target) {
    return (source_code < 0 || type_of(source) == source_code) && (target_code < 0 || type_of(target) == target_code);
  };
  const bool either_way = scan.either_way || (scan.type && is_symmetric(*scan.type));
  auto keep = [&](std::int64_t source, std::int64_t target) {
    return !check || fits(source, target) || (either_way && fits(target, source));
  };
  auto bind_type = [&](Query& q, int index) {
    if (scan.type) q.bind(index, std::int64_t{codec::relation_type_code(*scan.type)});
    else q.bind_null(index);
  };
  std::vector<RelationRef> found;
  if (pass) {
    Query q(store_, "SELECT id, source, target FROM relations INDEXED BY relations_by_source WHERE ?1 IS NULL OR type = ?1",
            "listing relations by type");
    bind_type(q, 1);
    while (q.step())
      if (keep(q.integer(1), q.integer(2))) found.push_back(q.integer(0));
  } else {
    const std::uint64_t side = from_sources ? plan.source_types : plan.target_types;
    for (std::size_t id = 0; id < types.size(); ++id) {
      if (types[id] < 0 || !in_mask(side, types[id])) continue;
      Query q(store_,
              from_sources ? std::string_view("SELECT id, target FROM relations INDEXED BY relations_by_source "
                                              "WHERE source = ?1 AND (?2 IS NULL OR type = ?2)")
                           : std::string_view("SELECT id, source FROM relations INDEXED BY relations_by_target "
                                              "WHERE target = ?1 AND (?2 IS NULL OR type = ?2)"),
              "listing relations by type");
      q.bind(1, static_cast<std::int64_t>(id));
      bind_type(q, 2);
      while (q.step()) {
        const std::int64_t other = q.integer(1);
        const bool fit = from_sources ? keep(static_cast<std::int64_t>(id), other) : keep(other, static_cast<std::int64_t>(id));
        if (fit) found.push_back(q.integer(0));
      }
    }
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

std::optional<std::vector<RelationRef>> StoreSource::relations_named(const RelationScan& scan,
                                                                     const ShapePlan& plan) const {
  // The entities each named end may be (shown ends: either stored end when
  // the scan goes either way or the type is symmetric). The end of the type
  // with fewer entities first; the other only when many pass the first (else
  // its names are tested on the relations read).
  auto ends = [&](const NameFilter& names, std::optional<EntityType> type) -> std::optional<std::vector<std::int64_t>> {
    if (names.empty()) return std::nullopt;
    std::vector<std::int64_t> refs;
    for (const auto& [name, ref] : name_candidates(store_, names, type, false)) refs.push_back(ref);
    std::sort(refs.begin(), refs.end());
    refs.erase(std::unique(refs.begin(), refs.end()), refs.end());
    return refs;
  };
  constexpr std::size_t kFewEnough = 1024;
  std::optional<std::vector<std::int64_t>> sources, targets;
  if (plan.targets < plan.sources) {
    targets = ends(scan.target_name, scan.target_type);
    if (!targets || targets->size() > kFewEnough) sources = ends(scan.source_name, scan.source_type);
  } else {
    sources = ends(scan.source_name, scan.source_type);
    if (!sources || sources->size() > kFewEnough) targets = ends(scan.target_name, scan.target_type);
  }
  const bool flips = scan.either_way || (scan.type && is_symmetric(*scan.type));
  // From the side fewer entities pass; the other's are tested by id.
  const bool from_sources = sources && (!targets || sources->size() <= targets->size());
  const std::vector<std::int64_t>& side = from_sources ? *sources : *targets;
  const std::optional<std::vector<std::int64_t>>& other = from_sources ? targets : sources;
  // Each entity costs one search (two when a relation may be stored either
  // way round); when that is dearer than the scan without names, it is left
  // to that.
  const std::int64_t searches = static_cast<std::int64_t>(side.size()) * (flips ? 2 : 1);
  if (kSearchCost * searches > plan.cost + kReadCost * plan.fitting) return std::nullopt;
  std::vector<RelationRef> found;
  // The type at the other end is tested on its entity (never a relation
  // row) when the relation cannot be stored the other way round.
  const std::optional<EntityType> other_type = flips ? std::nullopt : from_sources ? scan.target_type : scan.source_type;
  auto take = [&](Query& q, std::int64_t entity) {
    q.bind(1, entity);
    if (scan.type) q.bind(2, std::int64_t{codec::relation_type_code(*scan.type)});
    else q.bind_null(2);
    if (other_type) q.bind(3, std::int64_t{codec::entity_type_code(*other_type)});
    else q.bind_null(3);
    while (q.step())
      if (!other || std::binary_search(other->begin(), other->end(), q.integer(1))) found.push_back(q.integer(0));
  };
  for (const std::int64_t entity : side) {
    if (from_sources || flips) {
      Query q(store_,
              "SELECT r.id, r.target FROM relations r INDEXED BY relations_by_source JOIN entities e ON e.id = r.target "
              "WHERE r.source = ?1 AND (?2 IS NULL OR r.type = ?2) AND (?3 IS NULL OR e.type = ?3)",
              "listing relations by name");
      take(q, entity);
    }
    if (!from_sources || flips) {
      Query q(store_,
              "SELECT r.id, r.source FROM relations r INDEXED BY relations_by_target JOIN entities e ON e.id = r.source "
              "WHERE r.target = ?1 AND (?2 IS NULL OR r.type = ?2) AND (?3 IS NULL OR e.type = ?3)",
              "listing relations by name");
      take(q, entity);
    }
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

std::vector<RelationRef> StoreSource::relations_dated(std::optional<std::vector<RelationRef>> refs,
                                                      const DateWindow& window,
                                                      std::optional<RelationType> type) const {
  if (refs && (window.empty() || refs->empty())) return std::move(*refs);
  std::vector<RelationRef> found;
  auto keep_if_dated = [&](RelationRef ref, std::string_view blob) {
    try {
      for (const std::string& date : codec::relation_dates(blob, store_.strings()))
        if (window.admits(date)) {
          found.push_back(ref);
          return;
        }
    } catch (const codec::DecodeError& e) {
      throw StoreError("database " + store_.path() + ": relation " + std::to_string(ref) + " is damaged: " + e.what());
    }
  };
  // Each ref sought costs about forty relations read in order (kSearchCost):
  // many refs are met in one pass over the table instead, which tests the
  // type before it reads a blob.
  if (!refs || refs->size() * static_cast<std::size_t>(kSearchCost) >
                   static_cast<std::size_t>(refs->back() - refs->front() + 1)) {
    Query q(store_, "SELECT id, data FROM relations WHERE id >= ?1 AND id <= ?2 AND (?3 IS NULL OR type = ?3)",
            "reading the dates of relations");
    q.bind(1, refs ? refs->front() : std::int64_t{0})
        .bind(2, refs ? refs->back() : std::numeric_limits<std::int64_t>::max());
    if (type) q.bind(3, std::int64_t{codec::relation_type_code(*type)});
    else q.bind_null(3);
    auto next = refs ? refs->begin() : std::vector<RelationRef>::iterator();
    while (q.step()) {
      const RelationRef id = q.integer(0);
      if (refs) {
        while (next != refs->end() && *next < id) ++next;
        if (next == refs->end()) break;
        if (*next != id) continue;
      }
      keep_if_dated(id, q.blob(1));
    }
    return found;
  }
  for (const RelationRef ref : *refs) {
    Query q(store_, "SELECT data FROM relations WHERE id = ?1", "reading the dates of a relation");
    q.bind(1, ref);
    if (q.step()) keep_if_dated(ref, q.blob(0));
  }
  return found;
}

void StoreSource::scan_relations(const RelationScan& scan,
                                 const std::function<bool(const RelationSummary&)>& visit) const {
  // A date window outside the bounds of every stored date holds nothing
  // (date_bounds.h).
  if (!scan.window.empty())
    if (const auto bounds = DateBounds::read(store_); bounds && DateBounds::outside(*bounds, scan.window)) return;
  const ShapePlan plan = this->plan(scan);
  // No relation has the shape: nothing to read.
  if (plan.fitting == 0) return;
  // Symmetric relations are shown from the smaller id, which may not be their
  // stored source: the types of their ends are checked as shown, after; so
  // are those of a scan either way round. Only the types some relation of
  // the shape has at each end are read.
  auto ends_fit = [&](const EntitySummary& a, const EntitySummary& b) {
    return (!scan.source_type || a.type == *scan.source_type) && (!scan.target_type || b.type == *scan.target_type) &&
           admits(scan.source_name, a) && admits(scan.target_name, b);
  };
  auto shown_fits = [&](const RelationSummary& r) {
    return (ends_fit(r.source, r.target) || (scan.either_way && ends_fit(r.target, r.source))) &&
           r.seen_in(scan.window);
  };
  // No statement stays open while `visit` runs (it may scan again): rows are
  // read into memory a batch at a time, then visited.
  auto read_one = [&](RelationRef ref) -> std::optional<RelationSummary> {
    Query q(store_, KG_RELATION_COLUMNS "WHERE r.id = ?1", "reading a relation");
    q.bind(1, ref);
    if (!q.step()) return std::nullopt;
    return relation_from(q, store_);
  };
  auto bind_type = [&](Query& q, int index) {
    if (scan.type) q.bind(index, std::int64_t{codec::relation_type_code(*scan.type)});
    else q.bind_null(index);
  };
  // Names narrow a scan in any order but the name order's first rows: the
  // relations of the entities that may pass (relations_named) are read, and
  // visited in the order asked. In name order the walk below comes first
  // (when what passes is common, it finds the first rows at once), and they
  // replace relations_fitting for the rest.
  const bool named = !scan.source_name.empty() || !scan.target_name.empty();
  if (named && !scan.in_name_order) {
    if (auto refs = relations_named(scan, plan)) {
      for (const RelationRef ref : relations_dated(std::move(refs), scan.window, scan.type))
        if (auto r = read_one(ref); r && shown_fits(*r) && !visit(*r)) return;
      return;
    }
    // Too many entities pass: the scan goes as without names, testing them.
  }
  if (!scan.in_name_order) {
    // Few fit: they are found (relations_fitting) and only their rows are
    // read, by ref. Otherwise one pass over the relations table (of every
    // type: it is not ordered by type) reads them in order, joining the
    // ends of those of the type.
    if (plan.cost + kReadCost * plan.fitting < plan.relations + 2 * kSearchCost * plan.of_type) {
      for (RelationRef ref : relations_dated(relations_fitting(scan, plan), scan.window, scan.type))
        if (auto r = read_one(ref); r && shown_fits(*r) && !visit(*r)) return;
      return;
    }
    std::vector<RelationSummary> batch;
    RelationRef after = -1;
    constexpr std::int64_t kBatch = 512;
    for (;;) {
      batch.clear();
      {
        Query q(store_,
                KG_RELATION_COLUMNS "WHERE r.id > ?1 AND (?2 IS NULL OR r.type = ?2) AND (?3 >> s.type) & 1 AND "
                                    "(?4 >> t.type) & 1 ORDER BY r.id LIMIT ?5",
                "listing relations");
        q.bind(1, after);
        bind_type(q, 2);
        q.bind(3, sql_mask(plan.source_types)).bind(4, sql_mask(plan.target_types)).bind(5, kBatch);
        while (q.step()) {
          after = q.integer(0);
          batch.push_back(relation_from(q, store_));
        }
      }
      for (const RelationSummary& r : batch)
        if (shown_fits(r) && !visit(r)) return;
      if (static_cast<std::int64_t>(batch.size()) < kBatch) return;
    }
  }

  // In name order: (source name, target name, ref), the names as stored. The
  // sources are walked in name order through entities_by_name (which holds
  // their type too), a page of them at a time, each one's relations of the
  // type through relations_by_source: the first rows come at once when
  // relations that fit are common. When they are rare (a walk of many
  // sources that found few), the walk would read every source and most of
  // their relations to find them: then the relations that fit are found in
  // one pass instead (relations_fitting), sorted by name, and those after
  // the last row visited are visited. Either way the rows and their order
  // are the same. The walk reads only sources of the types the shape's
  // sources have, and is not begun when the counts say it would walk past
  // its allowance before its first row. (A shape rare_relations lists is
  // walked all the same when its sources are few enough: reading the names
  // of its thousands of relations costs more than finding the first rows.)
  using Order = std::tuple<std::string, std::string, RelationRef>;
  std::optional<Order> last_visited;
  std::size_t sources_walked = 0, visited = 0;
  constexpr std::size_t kWalkAllowance = 1024, kNamedWalkAllowance = 64, kSourcesPerRow = 16;
  // Pages grow from a few sources (a LIMIT 5 of a rare label reads little)
  // to kPage.
  constexpr std::int64_t kPage = 512;
  std::int64_t page_size = 16;
  std::optional<std::string> after;  // the last name walked
  bool walk_ended = false;
  // Names found by a range (=, IN, STARTS WITH) lead straight to their
  // relations: no walk.
  const bool walk = plan.sources <= static_cast<std::int64_t>(kWalkAllowance) * plan.fitting &&
                    !(named && (found_by_range(scan.source_name) || found_by_range(scan.target_name)));
  // With names, the relations of what passes are few to find: the walk
  // gives up sooner unless what passes is common.
  const std::size_t allowance = named ? kNamedWalkAllowance : kWalkAllowance;
  while (walk && !walk_ended && sources_walked <= allowance + kSourcesPerRow * visited) {
    // The next page of sources, whole names only.
    std::vector<std::pair<std::int64_t, std::string>> page;
    {
      Query q(store_,
              after ? KG_TYPE_TEST(plan.source_types,
                                   "SELECT id, name FROM entities INDEXED BY entities_by_name WHERE name > ?1 AND ", "?2",
                                   " ORDER BY name, id LIMIT ?3")
                    : KG_TYPE_TEST(plan.source_types, "SELECT id, name FROM entities INDEXED BY entities_by_name WHERE ",
                                   "?2", " ORDER BY name, id LIMIT ?3"),
              "listing relations");
      if (after) q.bind(1, *after);
      q.bind(2, type_test_value(plan.source_types)).bind(3, page_size);
      while (q.step()) page.emplace_back(q.integer(0), q.text(1));
    }
    const bool full = static_cast<std::int64_t>(page.size()) == page_size;
    page_size = std::min(kPage, page_size * 4);
    if (!full) {
      walk_ended = true;
    } else {
      // The last name may go on in the next page: it is read whole there,
      // unless it fills this page alone (then all of it is read here).
      const std::string last = page.back().second;
      if (page.front().second == last) {
        Query q(store_,
                KG_TYPE_TEST(plan.source_types, "SELECT id, name FROM entities INDEXED BY entities_by_name WHERE name = ?1 AND ",
                             "?2", " ORDER BY id"),
                "listing relations");
        q.bind(1, last).bind(2, type_test_value(plan.source_types));
        page.clear();
        while (q.step()) page.emplace_back(q.integer(0), q.text(1));
      } else {
        while (page.back().second == last) page.pop_back();
      }
    }
    if (page.empty()) break;
    after = page.back().second;
    for (std::size_t i = 0; i < page.size();) {
      // The sources of one name: their relations, by target name and ref.
      std::vector<std::pair<Order, RelationSummary>> rows;
      std::size_t j = i;
      for (; j < page.size() && page[j].second == page[i].second; ++j) {
        Query q(store_,
                KG_RELATION_COLUMNS "WHERE r.source = ?1 AND (?2 IS NULL OR r.type = ?2) AND (?3 >> t.type) & 1",
                "listing relations");
        q.bind(1, page[j].first);
        bind_type(q, 2);
        q.bind(3, sql_mask(plan.target_types));
        while (q.step()) rows.emplace_back(Order{page[i].second, q.text(12), q.integer(0)}, relation_from(q, store_));
      }
      sources_walked += j - i;
      i = j;
      std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      for (auto& [order, r] : rows) {
        if (!shown_fits(r)) continue;
        ++visited;
        last_visited = std::move(order);
        if (!visit(r)) return;
      }
    }
  }
  if (walk_ended) return;

  // The rest, found at once.
  std::optional<std::vector<RelationRef>> fitting;
  if (named) fitting = relations_named(scan, plan);
  // Every relation of the type fits and a window narrows them: the dates
  // pass finds them alone.
  const bool all_of_type = !fitting && !plan.check && plan.way != ShapePlan::Way::listed && !scan.window.empty();
  if (!fitting && !all_of_type) fitting = relations_fitting(scan, plan);
  std::vector<std::pair<Order, RelationRef>> rest;
  for (RelationRef ref : relations_dated(std::move(fitting), scan.window, scan.type)) {
    Query q(store_,
            "SELECT s.name, t.name FROM relations r JOIN entities s ON s.id = r.source JOIN entities t ON t.id = r.target "
            "WHERE r.id = ?1",
            "listing relations");
    q.bind(1, ref);
    if (!q.step()) continue;
    Order order{q.text(0), q.text(1), ref};
    if (!last_visited || order > *last_visited) rest.emplace_back(std::move(order), ref);
  }
  std::sort(rest.begin(), rest.end());
  for (const auto& [order, ref] : rest)
    if (auto r = read_one(ref); r && shown_fits(*r) && !visit(*r)) return;
}

// --- rare_relations (schema/012), written ----------------------------------------------

void write_rare_relations(Store& store, const std::vector<TouchedShape>& touched) {
  if (touched.empty()) return;
  // A database being upgraded writes its graph before the table exists
  // (the migration fills it).
  if (!has_table(store, "rare_relations")) return;
  auto insert = [&](const RelationShape& shape, std::int64_t relation) {
    Query q(store,
            "INSERT OR IGNORE INTO rare_relations (type, source_type, target_type, relation) VALUES (?1, ?2, ?3, ?4)",
            "listing rare relations");
    q.bind(1, shape.type).bind(2, shape.source_type).bind(3, shape.target_type).bind(4, relation).run();
  };
  // The rare shapes whose rows are found again.
  std::vector<RelationShape> again;
  std::uint64_t relation_types = 0, end_types = 0;
  for (const TouchedShape& touch : touched) {
    const RelationShape& shape = touch.shape;
    std::int64_t relations = 0;
    {
      Query q(store,
              "SELECT relations FROM relation_shapes WHERE type = ?1 AND source_type = ?2 AND target_type = ?3",
              "listing rare relations");
      q.bind(1, shape.type).bind(2, shape.source_type).bind(3, shape.target_type);
      if (q.step()) relations = q.integer(0);
    }
    const bool rare = relations > 0 && relations <= kRareShapeRelations;
    const bool was_rare = relations - touch.delta <= kRareShapeRelations;
    if (rare && was_rare && touch.changes) {
      // Rare before, so listed whole: the changes are applied in order. A
      // new relation is found between its ends (another relation found
      // there has the same ends, so the same shape, and is listed already).
      for (const ShapeChange& change : *touch.changes) {
        switch (change.kind) {
          case ShapeChange::Kind::added_between: {
            std::vector<std::int64_t> found;
            {
              Query q(store, "SELECT id FROM relations WHERE source = ?1 AND type = ?2 AND target = ?3",
                      "listing rare relations");
              q.bind(1, change.first).bind(2, shape.type).bind(3, change.second);
              while (q.step()) found.push_back(q.integer(0));
            }
            for (std::int64_t relation : found) insert(shape, relation);
            break;
          }
          case ShapeChange::Kind::added: insert(shape, change.first); break;
          case ShapeChange::Kind::removed: {
            Query q(store,
                    "DELETE FROM rare_relations WHERE type = ?1 AND source_type = ?2 AND target_type = ?3 AND "
                    "relation = ?4",
                    "listing rare relations");
            q.bind(1, shape.type).bind(2, shape.source_type).bind(3, shape.target_type).bind(4, change.first).run();
            break;
          }
        }
      }
      continue;
    }
    {
      Query q(store, "DELETE FROM rare_relations WHERE type = ?1 AND source_type = ?2 AND target_type = ?3",
              "listing rare relations");
      q.bind(1, shape.type).bind(2, shape.source_type).bind(3, shape.target_type).run();
    }
    if (!rare) continue;
    again.push_back(shape);
    relation_types |= type_bit(shape.type);
    end_types |= type_bit(shape.source_type) | type_bit(shape.target_type);
  }
  if (again.empty()) return;
  auto found_again = [&](std::int64_t type, std::int64_t source, std::int64_t target) {
    return std::any_of(again.begin(), again.end(), [&](const RelationShape& shape) {
      return shape.type == type && shape.source_type == source && shape.target_type == target;
    });
  };
  // One pass over relations_by_source, which holds (source, type, target),
  // against the types of the entities: no relation row is read. A relation
  // with an end that has no row has no shape (relation_shapes, schema/011).
  const std::vector<std::int8_t> types = entity_types(store, end_types);
  auto type_of = [&](std::int64_t id) -> std::int64_t {
    return id >= 0 && static_cast<std::size_t>(id) < types.size() ? types[static_cast<std::size_t>(id)] : -1;
  };
  std::vector<std::pair<RelationShape, std::int64_t>> rows;
  {
    Query q(store,
            "SELECT id, type, source, target FROM relations INDEXED BY relations_by_source WHERE (?1 >> type) & 1",
            "listing rare relations");
    q.bind(1, sql_mask(relation_types));
    while (q.step()) {
      const std::int64_t type = q.integer(1), source = type_of(q.integer(2)), target = type_of(q.integer(3));
      if (source >= 0 && target >= 0 && found_again(type, source, target))
        rows.emplace_back(RelationShape{type, source, target}, q.integer(0));
    }
  }
  for (const auto& [shape, relation] : rows) insert(shape, relation);
}

std::vector<EvidenceRef> StoreSource::evidence(RelationRef ref) const {
  Query q(store_, "SELECT title, data FROM relations WHERE id = ?1", "reading evidence");
  q.bind(1, ref);
  std::vector<EvidenceRef> out;
  if (!q.step()) return out;
  RelationData data;
  try {
    data = codec::decode_relation(q.blob(1), q.text_view(0), store_.strings());
  } catch (const codec::DecodeError& e) {
    throw StoreError("database " + store_.path() + ": relation " + std::to_string(ref) + " is damaged: " + e.what());
  }
  for (Evidence& e : data.evidence)
    out.push_back({e.document, e.span.begin, e.span.end,
                   e.sentence.empty() ? texts_->cutter.cut(e.document, e.span) : std::move(e.sentence),
                   std::move(e.date)});
  return out;
}

#define KG_DOCUMENT_COLUMNS "d.id, " KG_DOCUMENT_SOURCE ", d.part, d.title, d.published, d.outlet, d.author, d.editor"

std::optional<DocumentInfo> StoreSource::document(std::int64_t id) const {
  Query q(store_, "SELECT " KG_DOCUMENT_COLUMNS " FROM documents d WHERE d.id = ?1", "reading a document");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return DocumentInfo(q.integer(0), q.text(1), q.u32(2), {q.text(3), q.text(4), q.text(5), q.text(6), q.text(7)});
}

// --- issue 12 part 5: documents in Cypher ---------------------------------------------


namespace {
DocumentInfo document_from(const Query& q) {
  return DocumentInfo(q.integer(0), q.text(1), q.u32(2), {q.text(3), q.text(4), q.text(5), q.text(6), q.text(7)});
}
}  // namespace

void StoreSource::scan_documents(const std::function<bool(const DocumentInfo&)>& visit) const {
  // documents holds the metadata only (the text is in document_data): a
  // scan reads small rows.
  Query q(store_, "SELECT " KG_DOCUMENT_COLUMNS " FROM documents d ORDER BY d.id", "listing documents");
  while (q.step())
    if (!visit(document_from(q))) return;
}

std::vector<DocumentInfo> StoreSource::documents_from(std::string_view path) const {
  // sources' key is the path; documents are found by (content_id, part).
  Query q(store_,
          "SELECT " KG_DOCUMENT_COLUMNS " FROM sources s JOIN documents d ON d.content_id = s.content_id "
          "WHERE s.path = ?1 ORDER BY d.id",
          "finding documents by path");
  q.bind(1, path);
  std::vector<DocumentInfo> found;
  while (q.step()) found.push_back(document_from(q));
  return found;
}

void StoreSource::scan_entities_by_name(std::optional<EntityType> type, const NameFilter& names,
                                        const std::function<bool(const EntitySummary&)>& visit) const {
  if (found_by_range(names)) {
    // All at once.
    std::vector<std::int64_t> refs;
    for (const auto& [name, ref] : name_candidates(store_, names, type)) refs.push_back(ref);
    visit_named(std::move(refs), names, visit);
    return;
  }
  if (const NameTest* test = indexed_test(names)) {
    // CONTAINS or ENDS WITH: entities_by_name is read in name order a page
    // at a time, the test run on it in SQL, so the first rows cost what
    // the names before them do; the entities found by a key of their name
    // (few) are merged in.
    const auto keyed = name_candidates(store_, names, type, true, true);
    auto next_keyed = keyed.begin();
    std::pair<std::string, std::int64_t> after{std::string(), std::numeric_limits<std::int64_t>::min()};
    std::int64_t page_size = 16;
    for (;;) {
      std::vector<std::pair<std::string, std::int64_t>> page;
      std::int64_t read = 0;
      {
        Query q(store_,
                test->op == NameTest::Op::contains
                    ? std::string_view("SELECT name, id FROM entities INDEXED BY entities_by_name WHERE (?2 IS NULL OR "
                                       "type = ?2) AND name >= ?3 AND (name > ?3 OR id > ?4) AND instr(name, ?1) > 0 "
                                       "ORDER BY name, id LIMIT ?5")
                    : std::string_view("SELECT name, id FROM entities INDEXED BY entities_by_name WHERE (?2 IS NULL OR "
                                       "type = ?2) AND name >= ?3 AND (name > ?3 OR id > ?4) AND substr(name, "
                                       "-length(?1)) = ?1 ORDER BY name, id LIMIT ?5"),
                "listing entities by name");
        q.bind(1, test->key);
        if (type) q.bind(2, std::int64_t{codec::entity_type_code(*type)});
        else q.bind_null(2);
        q.bind(3, after.first).bind(4, after.second).bind(5, page_size);
        while (q.step()) {
          ++read;
          after = {q.text(0), q.integer(1)};
          // The other tests, on the name as if it were its key.
          if (names.admits(after.first)) page.push_back(after);
        }
      }
      const bool last = read < page_size;
      page_size = std::min<std::int64_t>(512, page_size * 4);
      std::vector<std::int64_t> refs;
      for (const auto& row : page) {
        while (next_keyed != keyed.end() && *next_keyed < row) refs.push_back((next_keyed++)->second);
        if (next_keyed != keyed.end() && *next_keyed == row) ++next_keyed;
        refs.push_back(row.second);
      }
      while (next_keyed != keyed.end() && (last || *next_keyed <= after)) refs.push_back((next_keyed++)->second);
      if (!visit_named(std::move(refs), names, visit) || last) return;
    }
  }
  // entities_by_name is (name, type): read in its order, each row fetched
  // as it is visited.
  Query q(store_,
          "SELECT id, key, name, type FROM entities INDEXED BY entities_by_name WHERE (?1 IS NULL OR type = ?1) "
          "ORDER BY name, id",
          "listing entities by name");
  if (type) q.bind(1, std::int64_t{codec::entity_type_code(*type)});
  else q.bind_null(1);
  while (q.step())
    if (!visit(entity_from(q, 0))) return;
}

std::vector<EntityRef> StoreSource::entities_in_document(std::int64_t id) const {
  // One row of document_entities (schema/*_document_entity_lists.sql).
  const std::vector<std::int64_t> ids = store_.document_entity_list(id);
  return std::vector<EntityRef>(ids.begin(), ids.end());
}

Topology StoreSource::topology() const {
  Topology t;
  std::vector<std::uint32_t> vertex_of_id;  // entity ids are dense: a table, not a search
  {
    // entities_by_name holds (name, type, id): no entity row, and no blob, is read.
    Query q(store_, "SELECT id, type FROM entities INDEXED BY entities_by_name", "reading entities");
    std::vector<std::pair<EntityRef, EntityType>> rows;
    while (q.step()) rows.emplace_back(q.integer(0), codec::entity_type_from_code(q.integer(1)));
    std::sort(rows.begin(), rows.end());
    t.refs.reserve(rows.size());
    t.types.reserve(rows.size());
    for (const auto& [ref, type] : rows) {
      if (ref < 0) continue;
      if (static_cast<std::size_t>(ref) >= vertex_of_id.size()) vertex_of_id.resize(static_cast<std::size_t>(ref) + 1, UINT32_MAX);
      vertex_of_id[static_cast<std::size_t>(ref)] = static_cast<std::uint32_t>(t.refs.size());
      t.refs.push_back(ref);
      t.types.push_back(type);
    }
  }
  {
    Query q(store_, "SELECT id, source, target, type FROM relations INDEXED BY relations_by_source", "reading relations");
    auto vertex = [&](std::int64_t id) {
      return id >= 0 && static_cast<std::size_t>(id) < vertex_of_id.size() ? vertex_of_id[static_cast<std::size_t>(id)]
                                                                          : UINT32_MAX;
    };
    while (q.step()) {
      const std::uint32_t from = vertex(q.integer(1)), to = vertex(q.integer(2));
      if (from == UINT32_MAX || to == UINT32_MAX) continue;
      t.edges.push_back({from, to, codec::relation_type_from_code(q.integer(3)), q.integer(0)});
    }
  }
  std::sort(t.edges.begin(), t.edges.end(), [](const Topology::Edge& a, const Topology::Edge& b) { return a.ref < b.ref; });
  return t;
}

}  // namespace kg
