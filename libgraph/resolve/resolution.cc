// resolve/resolution.cc owns the resolution batch (resolve.h): documents are
// taken apart into records (one local entity of one document) and
// occurrences (one local relation), interned compactly so that a full build
// of tens of thousands of documents fits in a few hundred MB; finish() then
//   1. retracts removed documents from the aggregates they were counted in,
//   2. re-derives entities a removal or a merge may have split or joined,
//      from the stored extractions of their documents,
//   3. unites the new units with each other and with the stored entities
//      they meet (union-find), and counts records into entities,
//   4. counts occurrences into relations,
// and reports every entity and relation it changed.
#include <algorithm>
#include <charconv>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <mutex>
#include <thread>
#include <deque>
#include <map>
#include <memory_resource>
#include <numeric>
#include <optional>
#include <set>
#include <span>
#include <stdexcept>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "graph/names.h"
#include "resolve/resolve.h"

namespace kg {
namespace {

constexpr std::uint32_t kNone = 0xFFFFFFFFu;

// Interned strings, each with its lookup key computed at most once. A full
// build interns every name, title and anchor of the corpus (millions at
// 100 MB), so the table is open addressing over (hash, id) slots: a probe
// reads one flat array instead of chasing a node per bucket entry. The texts
// live in one arena (no allocation of their own), and each string's hash is
// kept so that growing the table does not hash the texts again.
class StringPool {
 public:
  std::uint32_t intern(std::string_view text) {
    const std::uint64_t hash = hash_of(text);
    const std::uint32_t tag = tag_of(hash);
    std::size_t slot = hash & mask_;
    for (; slots_[slot].tag != 0; slot = (slot + 1) & mask_)
      if (slots_[slot].tag == tag && texts_[slots_[slot].id] == text) return slots_[slot].id;
    const auto id = static_cast<std::uint32_t>(texts_.size());
    texts_.push_back(copy(text));
    hashes_.push_back(hash);
    keys_.push_back(kNone);
    slots_[slot] = {tag, id};
    if (texts_.size() * 4 > slots_.size() * 3) grow();
    return id;
  }
  std::string_view text(std::uint32_t id) const { return texts_[id]; }
  // Starts loading what interning `texts` reads, in rounds: the slots they
  // hash to, then the texts the slots name. Interning a document's strings
  // one after another waits for cache miss after cache miss in a table of
  // millions; loading them all a round at a time overlaps the waits. The
  // hashes are kept for intern(), given the same views in the same order
  // (others may come between), until forget_ahead(): the views must stay
  // valid until then.
  void prefetch(const std::vector<std::string_view>& texts) {
    ahead_.clear();
    next_ahead_ = 0;
    for (const std::string_view text : texts) {
      ahead_.push_back({text, std::hash<std::string_view>{}(text)});
      __builtin_prefetch(&slots_[ahead_.back().hash & mask_]);
    }
    for (const Ahead& a : ahead_)
      if (const Slot& home = slots_[a.hash & mask_]; home.tag == tag_of(a.hash)) __builtin_prefetch(&texts_[home.id]);
    for (const Ahead& a : ahead_)
      if (const Slot& home = slots_[a.hash & mask_]; home.tag == tag_of(a.hash)) __builtin_prefetch(texts_[home.id].data());
  }
  void forget_ahead() {
    ahead_.clear();
    next_ahead_ = 0;
  }
  // The id of `text` when it is interned.
  std::optional<std::uint32_t> find(std::string_view text) const {
    const std::uint64_t hash = std::hash<std::string_view>{}(text);
    for (std::size_t slot = hash & mask_; slots_[slot].tag != 0; slot = (slot + 1) & mask_)
      if (slots_[slot].tag == tag_of(hash) && texts_[slots_[slot].id] == text) return slots_[slot].id;
    return std::nullopt;
  }
  // The id of lookup_key(text(id)).
  std::uint32_t key(std::uint32_t id) {
    if (keys_[id] == kNone) {
      const std::uint32_t key_id = intern(lookup_key(texts_[id]));
      keys_[id] = key_id;
      keys_[key_id] = key_id;  // keys are their own keys (lookup_key is idempotent)
    }
    return keys_[id];
  }
  std::string_view key_text(std::uint32_t id) { return texts_[key(id)]; }
  // The id of lookup_key(text(id)) when it is known already (nothing is interned).
  std::optional<std::uint32_t> known_key(std::uint32_t id) const {
    return keys_[id] == kNone ? std::nullopt : std::optional<std::uint32_t>(keys_[id]);
  }

 private:
  struct Slot {
    std::uint32_t tag = 0;  // high bits of the hash, low bit set
    std::uint32_t id = 0;
  };
  struct Ahead {
    std::string_view text;
    std::uint64_t hash;
  };
  // The hash of `text`: prefetch's when `text` is the next view it was given
  // (the same bytes: the caller keeps them unchanged until forget_ahead).
  std::uint64_t hash_of(std::string_view text) {
    if (next_ahead_ < ahead_.size() && ahead_[next_ahead_].text.data() == text.data() &&
        ahead_[next_ahead_].text.size() == text.size())
      return ahead_[next_ahead_++].hash;
    return std::hash<std::string_view>{}(text);
  }
  static std::uint32_t tag_of(std::uint64_t hash) { return static_cast<std::uint32_t>(hash >> 32) | 1U; }  // never 0: 0 marks a free slot
  std::string_view copy(std::string_view text) {
    if (text.empty()) return {};
    char* stored = static_cast<char*>(arena_.allocate(text.size(), 1));
    std::memcpy(stored, text.data(), text.size());
    return {stored, text.size()};
  }
  void grow() {
    slots_.assign(slots_.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    for (std::uint32_t id = 0; id < hashes_.size(); ++id) {
      std::size_t slot = hashes_[id] & mask_;
      while (slots_[slot].tag != 0) slot = (slot + 1) & mask_;
      slots_[slot] = {tag_of(hashes_[id]), id};
    }
  }
  std::pmr::monotonic_buffer_resource arena_;  // the texts; freed with the pool
  std::vector<std::string_view> texts_;
  std::vector<std::uint64_t> hashes_;
  std::vector<Ahead> ahead_;  // prefetch's, for intern
  std::size_t next_ahead_ = 0;
  std::vector<std::uint32_t> keys_;
  std::vector<Slot> slots_ = std::vector<Slot>(1024);  // a power of two, at most 3/4 full
  std::size_t mask_ = 1023;
};

// An organisation's alias that is its own name with a place prefix taken off
// or put on (南法信镇党委 / 顺义区南法信镇党委): four or more characters in common.
bool suffix_related(std::string_view a, std::string_view b) {
  if (a == b) return false;
  const std::string_view shorter = a.size() < b.size() ? a : b;
  const std::string_view longer = a.size() < b.size() ? b : a;
  return shorter.size() >= 12 && longer.ends_with(shorter);
}

// Ids by packed 64-bit key, for the units a first build makes from every
// record (a million at 100 MB): open addressing over one flat array, as in
// StringPool, where std::unordered_map allocates a node per key and took
// half of the time spent adding records to units.
class PackedIds {
 public:
  // The id stored under `key`, and whether it was stored just now (`id`).
  std::pair<std::uint32_t, bool> try_emplace(std::uint64_t key, std::uint32_t id) {
    std::size_t slot = home(key);
    for (; slots_[slot].id != kNone; slot = (slot + 1) & mask_)
      if (slots_[slot].key == key) return {slots_[slot].id, false};
    slots_[slot] = {key, id};
    if (++size_ * 4 > slots_.size() * 3) grow();
    return {id, true};
  }
  // Starts loading the slot `key` is looked up in (a table of millions:
  // most look-ups miss the cache).
  void prefetch(std::uint64_t key) const { __builtin_prefetch(&slots_[home(key)]); }
  std::optional<std::uint32_t> find(std::uint64_t key) const {
    for (std::size_t slot = home(key); slots_[slot].id != kNone; slot = (slot + 1) & mask_)
      if (slots_[slot].key == key) return slots_[slot].id;
    return std::nullopt;
  }

 private:
  struct Slot {
    std::uint64_t key = 0;
    std::uint32_t id = kNone;  // kNone: a free slot
  };
  // Fibonacci hashing: packed keys differ mostly in their low half.
  std::size_t home(std::uint64_t key) const { return (key * 0x9E3779B97F4A7C15ull) >> shift_; }
  void grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    mask_ = slots_.size() - 1;
    --shift_;
    for (const Slot& s : old)
      if (s.id != kNone) {
        std::size_t slot = home(s.key);
        while (slots_[slot].id != kNone) slot = (slot + 1) & mask_;
        slots_[slot] = s;
      }
  }
  std::vector<Slot> slots_ = std::vector<Slot>(1024);  // a power of two, at most 3/4 full
  std::size_t mask_ = 1023;
  int shift_ = 64 - 10;
  std::size_t size_ = 0;
};

struct DisjointSets {
  std::vector<std::uint32_t> parent;
  std::uint32_t add() {
    parent.push_back(static_cast<std::uint32_t>(parent.size()));
    return parent.back();
  }
  std::uint32_t find(std::uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void unite(std::uint32_t a, std::uint32_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

template <typename T>
bool sorted_intersect(const std::vector<T>& a, const std::vector<T>& b) {
  auto i = a.begin();
  auto j = b.begin();
  while (i != a.end() && j != b.end()) {
    if (*i < *j) ++i;
    else if (*j < *i) ++j;
    else return true;
  }
  return false;
}

// Sorts `items` and returns how many distinct items they hold (for the
// caller to reserve the list it makes of them at once).
template <typename T>
std::size_t sort_distinct(std::vector<T>& items) {
  std::sort(items.begin(), items.end());
  std::size_t distinct = 0;
  for (std::size_t i = 0; i < items.size(); ++i) distinct += i == 0 || !(items[i] == items[i - 1]);
  return distinct;
}

// Calls emit(item, n) once per distinct item of sorted `items`, n its copies.
template <typename T, typename Emit>
void count_runs(const std::vector<T>& items, Emit emit) {
  for (std::size_t i = 0; i < items.size();) {
    std::size_t j = i + 1;
    while (j < items.size() && items[j] == items[i]) ++j;
    emit(items[i], static_cast<std::uint32_t>(j - i));
    i = j;
  }
}

// Builds items on a thread of its own while the caller hands them on: new
// entities and relations are aggregated while the sink writes the previous
// ones, so a full build's last phase uses both cores. `make(i)` builds item
// i and must touch nothing the caller's `take` does. Items cross in chunks:
// one lock and one wake-up per item cost more than a small item takes to make.
template <typename Item, typename Make, typename Take>
void produce_alongside(std::size_t count, Make make, Take take) {
  constexpr std::size_t kChunk = 512, kChunksAhead = 8;
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<std::vector<Item>> ready;
  bool done = false, stopping = false;
  std::exception_ptr failure;
  std::thread producer([&] {
    try {
      for (std::size_t first = 0; first < count; first += kChunk) {
        std::vector<Item> chunk;
        chunk.reserve(std::min(kChunk, count - first));
        for (std::size_t i = first; i < std::min(first + kChunk, count); ++i) chunk.push_back(make(i));
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return stopping || ready.size() < kChunksAhead; });
        if (stopping) break;
        ready.push_back(std::move(chunk));
        changed.notify_all();
      }
    } catch (...) {
      std::lock_guard lock(mutex);
      failure = std::current_exception();
    }
    std::lock_guard lock(mutex);
    done = true;
    changed.notify_all();
  });
  try {
    for (;;) {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return !ready.empty() || done; });
      if (ready.empty()) break;
      std::vector<Item> chunk = std::move(ready.front());
      ready.pop_front();
      changed.notify_all();
      lock.unlock();
      for (Item& item : chunk) take(std::move(item));
    }
  } catch (...) {
    {
      std::lock_guard lock(mutex);
      stopping = true;
      changed.notify_all();
    }
    producer.join();
    throw;
  }
  producer.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace

struct Resolution::Impl {
  ResolvedGraph* graph;
  StringPool strings;

  // --- the batch's documents, records and occurrences ---------------------------
  struct Doc {
    std::int64_t id = 0;
    std::uint32_t anchor = kNone;  // "sha256#part"
    std::uint32_t first_record = 0, record_count = 0;
    bool added = false;  // a document of the batch, not one re-read to re-derive
    std::uint32_t published = kNone;  // issue 12 part 2: the article's date, for undated occurrences
  };
  enum class RecordState : std::uint8_t { counted, foreign };
  struct Record {
    std::uint32_t doc;
    EntityType type;
    RecordState state;
    std::uint32_t name;
    std::uint32_t aliases_begin, aliases_end;  // into alias_ids
    std::uint32_t affiliations_begin, affiliations_end;  // into affiliation_keys (key ids, sorted, unique)
    std::uint32_t attributes_begin, attributes_end;  // into attribute_ids
    std::uint32_t spans_begin, spans_end;            // into spans
  };
  struct Occurrence {
    std::uint32_t doc;
    std::uint32_t source, target;  // record indices
    RelationType type;
    std::uint32_t title;
    Span evidence;
    std::uint32_t sentence;  // into sentences, or kNone: the text at the span
    std::uint32_t attributes_begin, attributes_end;
  };
  std::vector<Doc> docs;
  std::vector<Record> records;
  std::vector<std::uint32_t> alias_ids, affiliation_keys;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> attribute_ids;
  std::vector<Span> spans;
  std::vector<std::string> sentences;
  std::vector<Occurrence> occurrences;
  std::unordered_map<std::int64_t, std::uint32_t> doc_index;  // by document id

  std::vector<ResolvableDocument> removed;
  std::unordered_set<std::int64_t> removed_ids;

  // --- the stored graph as far as the batch has read it ---------------------------
  struct WorkingEntity {
    EntityData data;
    std::vector<std::uint32_t> own_keys;  // key ids of own spellings when first read
    bool dirty = false, dead = false, rederived = false;
  };
  std::unordered_map<StoredEntityId, WorkingEntity> entities;
  struct WorkingRelation {
    StoredRelation relation;
    bool dirty = false, dead = false;
  };
  std::unordered_map<StoredRelationId, WorkingRelation> relations;
  std::map<std::pair<EntityType, std::uint32_t>, std::vector<StoredEntityId>> named_cache, linking_cache;

  explicit Impl(ResolvedGraph* g) : graph(g) {}

  // --- taking documents apart --------------------------------------------------------

  // The strings add_doc and add_occurrences intern, loaded ahead (not the
  // attribute keys: a handful, always at hand), in the order they intern
  // them: each is then hashed once, here.
  void prefetch_strings(const Extraction& x) {
    strings_ahead.clear();
    for (const LocalEntity& e : x.entities) {
      strings_ahead.push_back(e.name);
      strings_ahead.insert(strings_ahead.end(), e.aliases.begin(), e.aliases.end());
      if (is_person(e.type)) strings_ahead.insert(strings_ahead.end(), e.affiliations.begin(), e.affiliations.end());
      for (const auto& attribute : e.attributes) strings_ahead.push_back(attribute.second);
    }
    for (const LocalRelation& lr : x.relations) {
      // As add_occurrences: a relation naming an entity the document lacks is skipped.
      if (lr.source >= x.entities.size() || lr.target >= x.entities.size()) continue;
      strings_ahead.push_back(lr.title);
      for (const auto& attribute : lr.attributes) strings_ahead.push_back(attribute.second);
    }
    strings.prefetch(strings_ahead);
  }
  std::vector<std::string_view> strings_ahead;  // prefetch_strings', kept for its allocation

  std::uint32_t add_doc(const ResolvableDocument& document, bool added) {
    Doc doc;
    doc.id = document.info.id;
    // The first 64 bits of the file's sha256 and the article's index, made
    // in place (this runs on the main thread while files are read).
    char anchor[64];
    const std::size_t sha_length = std::min<std::size_t>(document.content.size(), 16);
    std::memcpy(anchor, document.content.data(), sha_length);
    anchor[sha_length] = '#';
    const char* anchor_end = std::to_chars(anchor + sha_length + 1, anchor + sizeof anchor, document.info.part).ptr;
    doc.anchor = strings.intern(std::string_view(anchor, static_cast<std::size_t>(anchor_end - anchor)));
    doc.first_record = static_cast<std::uint32_t>(records.size());
    doc.added = added;
    if (!document.info.published.empty()) doc.published = strings.intern(document.info.published);
    const auto index = static_cast<std::uint32_t>(docs.size());
    docs.push_back(doc);
    if (graph != nullptr) doc_index[doc.id] = index;  // only re-derivation asks (a first build has none)
    const Extraction& x = document.extraction;
    for (const LocalEntity& e : x.entities) {
      Record r;
      r.doc = index;
      r.type = e.type;
      r.state = added ? RecordState::counted : RecordState::foreign;
      r.name = strings.intern(e.name);
      r.aliases_begin = static_cast<std::uint32_t>(alias_ids.size());
      for (const auto& alias : e.aliases) alias_ids.push_back(strings.intern(alias));
      r.aliases_end = static_cast<std::uint32_t>(alias_ids.size());
      r.affiliations_begin = static_cast<std::uint32_t>(affiliation_keys.size());
      if (is_person(e.type)) {
        for (const auto& affiliation : e.affiliations) affiliation_keys.push_back(strings.key(strings.intern(affiliation)));
        std::sort(affiliation_keys.begin() + r.affiliations_begin, affiliation_keys.end());
        affiliation_keys.erase(std::unique(affiliation_keys.begin() + r.affiliations_begin, affiliation_keys.end()),
                               affiliation_keys.end());
      }
      r.affiliations_end = static_cast<std::uint32_t>(affiliation_keys.size());
      r.attributes_begin = static_cast<std::uint32_t>(attribute_ids.size());
      for (const auto& [key, value] : e.attributes) attribute_ids.emplace_back(strings.intern(key), strings.intern(value));
      r.attributes_end = static_cast<std::uint32_t>(attribute_ids.size());
      r.spans_begin = static_cast<std::uint32_t>(spans.size());
      spans.insert(spans.end(), e.mentions.begin(), e.mentions.end());
      r.spans_end = static_cast<std::uint32_t>(spans.size());
      records.push_back(r);
    }
    docs[index].record_count = static_cast<std::uint32_t>(records.size()) - doc.first_record;
    return index;
  }

  // Occurrences of a document; with `only_touching_counted`, those with at
  // least one end among the counted records (a re-read document). The
  // sentences are moved out of `document`: each is kept, and copying them
  // was most of the bytes the main thread copies while documents are read.
  void add_occurrences(std::uint32_t index, ResolvableDocument& document, bool only_touching_counted) {
    const Doc& doc = docs[index];
    for (LocalRelation& lr : document.extraction.relations) {
      if (lr.source >= doc.record_count || lr.target >= doc.record_count) continue;
      const std::uint32_t source = doc.first_record + lr.source, target = doc.first_record + lr.target;
      if (only_touching_counted && records[source].state != RecordState::counted &&
          records[target].state != RecordState::counted)
        continue;
      Occurrence o;
      o.doc = index;
      o.source = source;
      o.target = target;
      o.type = lr.type;
      o.title = strings.intern(lr.title);
      o.evidence = lr.evidence;
      o.sentence = kNone;
      if (!lr.sentence.empty()) {
        o.sentence = static_cast<std::uint32_t>(sentences.size());
        sentences.push_back(std::move(lr.sentence));
      }
      o.attributes_begin = static_cast<std::uint32_t>(attribute_ids.size());
      for (const auto& [key, value] : lr.attributes) attribute_ids.emplace_back(strings.intern(key), strings.intern(value));
      o.attributes_end = static_cast<std::uint32_t>(attribute_ids.size());
      occurrences.push_back(o);
    }
  }

  // --- reading the stored graph ------------------------------------------------------

  std::uint32_t name_key(const Record& r) { return strings.key(r.name); }

  const std::vector<StoredEntityId>& stored_named(EntityType group, std::uint32_t key) {
    auto [it, fresh] = named_cache.try_emplace({group, key});
    if (fresh && graph != nullptr) it->second = graph->entities_with_name(group, std::string(strings.text(key)));
    return it->second;
  }
  const std::vector<StoredEntityId>& stored_linking(EntityType group, std::uint32_t key) {
    auto [it, fresh] = linking_cache.try_emplace({group, key});
    if (fresh && graph != nullptr) it->second = graph->entities_linking_to(group, std::string(strings.text(key)));
    return it->second;
  }

  WorkingEntity& working(StoredEntityId id) {
    auto [it, fresh] = entities.try_emplace(id);
    if (fresh) {
      it->second.data = graph->entity(id);
      for (const Spelling& s : it->second.data.spellings)
        if (s.own > 0) it->second.own_keys.push_back(strings.key(strings.intern(s.text)));
      std::sort(it->second.own_keys.begin(), it->second.own_keys.end());
      it->second.own_keys.erase(std::unique(it->second.own_keys.begin(), it->second.own_keys.end()),
                                it->second.own_keys.end());
    }
    return it->second;
  }
  bool alive(StoredEntityId id) {
    auto it = entities.find(id);
    return it == entities.end() || !it->second.dead;
  }

  // The stored entity a record of a stored document is counted in.
  std::optional<StoredEntityId> stored_entity_of(std::uint32_t record) {
    const Record& r = records[record];
    const EntityType group = resolution_group(r.type);
    for (StoredEntityId id : stored_named(group, name_key(r))) {
      if (!alive(id)) continue;
      if (group != EntityType::Person) return id;
      const auto& mentions = working(id).data.mentions;
      const std::int64_t doc = docs[r.doc].id;
      if (std::any_of(mentions.begin(), mentions.end(), [&](const DocumentSpans& m) { return m.document == doc; }))
        return id;
    }
    return std::nullopt;
  }

  // --- counting a record into an aggregate ----------------------------------------------

  void count_record(EntityData& data, const Record& r, int sign) {
    const std::uint32_t one = 1;
    auto change = [&](std::uint32_t& value) { value = sign > 0 ? value + one : (value > 0 ? value - one : 0); };
    change(data.records);
    if (r.type == EntityType::Official) change(data.official_records);
    const std::string_view name = strings.text(r.name);
    if (sign > 0) add_spelling(data.spellings, name, 1, 0, strings.key_text(r.name));
    else subtract_spelling(data.spellings, name, 1, 0);
    const bool person = is_person(r.type);
    const std::uint32_t own_key = strings.key(r.name);
    for (std::uint32_t i = r.aliases_begin; i < r.aliases_end; ++i) {
      const std::string_view alias = strings.text(alias_ids[i]);
      if (sign > 0) add_spelling(data.spellings, alias, 0, 1, strings.key_text(alias_ids[i]));
      else subtract_spelling(data.spellings, alias, 0, 1);
      if (!person) {
        const std::uint32_t alias_key = strings.key(alias_ids[i]);
        if (suffix_related(strings.text(own_key), strings.text(alias_key)))
          add_link(data.links, strings.text(own_key), strings.text(alias_key), sign);
      }
    }
    for (std::uint32_t i = r.attributes_begin; i < r.attributes_end; ++i)
      add_attribute(data.attributes, strings.text(attribute_ids[i].first), strings.text(attribute_ids[i].second), sign);
    if (sign > 0) {
      if (person) {
        for (std::uint32_t i = r.affiliations_begin; i < r.affiliations_end; ++i) {
          const std::uint64_t key = affiliation_hash(strings.text(affiliation_keys[i]));
          auto it = std::lower_bound(data.affiliations.begin(), data.affiliations.end(), key);
          if (it == data.affiliations.end() || *it != key) data.affiliations.insert(it, key);
        }
        const std::string_view anchor = strings.text(docs[r.doc].anchor);
        if (data.anchor.empty() || anchor < data.anchor) data.anchor = anchor;
      }
      add_mentions(data.mentions, docs[r.doc].id,
                   std::vector<Span>(spans.begin() + r.spans_begin, spans.begin() + r.spans_end));
    }
  }

  void count_occurrence(RelationData& data, const Occurrence& o, int sign) {
    data.count = sign > 0 ? data.count + 1 : (data.count > 0 ? data.count - 1 : 0);
    if (sign > 0) add_spelling(data.titles, strings.text(o.title), 1, 0);
    else subtract_spelling(data.titles, strings.text(o.title), 1, 0);
    for (std::uint32_t i = o.attributes_begin; i < o.attributes_end; ++i)
      add_attribute(data.attributes, strings.text(attribute_ids[i].first), strings.text(attribute_ids[i].second), sign);
    if (sign > 0)
      add_evidence(data.evidence, Evidence{docs[o.doc].id, o.evidence,
                                           o.sentence == kNone ? std::string() : sentences[o.sentence],
                                           occurrence_date(o, strings.find("date"))});
  }

  // The lists a new aggregate is counted from, kept from one aggregate to
  // the next: the thread that makes new entities and relations (one at a
  // time, produce_alongside's) allocates them once instead of once per
  // aggregate. Allocation was nearly half of that thread's time.
  struct CountingLists {
    std::vector<std::pair<std::uint32_t, bool>> spelled;  // (text, as an alias)
    std::vector<std::pair<std::uint32_t, std::uint32_t>> linked, attributed;
    std::vector<std::tuple<std::int64_t, std::uint32_t, std::uint32_t>> mentioned;  // (document, begin, end)
    std::vector<std::uint32_t> titled;
    // Distinct items with their counts, put in the order of their texts
    // before the aggregate's strings are made: sorting the made strings
    // moved them about (most of the cost of a new relation's attributes).
    struct Counted {
      std::uint32_t first, second;  // string ids: (text, kNone) or (key, value)
      std::uint32_t count, alias_count;
    };
    std::vector<Counted> counted;
  };
  CountingLists counting;  // touched by the producing thread only

  // A new entity's aggregate from all its records at once: what count_record
  // of each in turn makes, counted by string id and sorted by text once.
  // Record by record, every spelling, attribute and mention was a sorted
  // insert (memmove and string compares: most of the resolution thread's
  // time in a first build's tail). Every list of the aggregate is reserved
  // at its final size.
  void count_new_entity(EntityData& data, const std::vector<std::uint32_t>& members) {
    const bool person = data.group == EntityType::Person;
    auto& spelled = counting.spelled;
    auto& linked = counting.linked;
    auto& attributed = counting.attributed;
    auto& mentioned = counting.mentioned;
    spelled.clear();
    linked.clear();
    attributed.clear();
    mentioned.clear();
    for (std::uint32_t member : members) {
      const Record& r = records[member];
      ++data.records;
      if (r.type == EntityType::Official) ++data.official_records;
      spelled.emplace_back(r.name, false);
      const std::uint32_t own_key = strings.key(r.name);
      for (std::uint32_t i = r.aliases_begin; i < r.aliases_end; ++i) {
        spelled.emplace_back(alias_ids[i], true);
        if (person) continue;
        const std::uint32_t alias_key = strings.key(alias_ids[i]);
        if (suffix_related(strings.text(own_key), strings.text(alias_key))) linked.emplace_back(own_key, alias_key);
      }
      attributed.insert(attributed.end(), attribute_ids.begin() + r.attributes_begin,
                        attribute_ids.begin() + r.attributes_end);
      if (person) {
        for (std::uint32_t i = r.affiliations_begin; i < r.affiliations_end; ++i)
          data.affiliations.push_back(affiliation_hash(strings.text(affiliation_keys[i])));
        const std::string_view anchor = strings.text(docs[r.doc].anchor);
        if (data.anchor.empty() || anchor < data.anchor) data.anchor = anchor;
      }
      for (std::uint32_t i = r.spans_begin; i < r.spans_end; ++i)
        mentioned.emplace_back(docs[r.doc].id, spans[i].begin, spans[i].end);
    }
    auto& counted = counting.counted;
    counted.clear();
    std::sort(spelled.begin(), spelled.end());
    count_runs(spelled, [&](const std::pair<std::uint32_t, bool>& s, std::uint32_t n) {
      if (counted.empty() || counted.back().first != s.first) counted.push_back({s.first, kNone, 0, 0});
      (s.second ? counted.back().alias_count : counted.back().count) += n;
    });
    sort_by_text(counted);
    data.spellings.reserve(counted.size());
    for (const auto& c : counted)
      data.spellings.emplace_back(std::string(strings.text(c.first)), c.count, c.alias_count,
                                  std::string(strings.key_text(c.first)));
    data.links.reserve(sort_distinct(linked));
    count_runs(linked, [&](const std::pair<std::uint32_t, std::uint32_t>& l, std::uint32_t n) {
      data.links.push_back({std::string(strings.text(l.first)), std::string(strings.text(l.second)), n});
    });
    std::sort(data.links.begin(), data.links.end(),
              [](const AliasLink& a, const AliasLink& b) { return std::tie(a.from, a.to) < std::tie(b.from, b.to); });
    data.attributes = counted_attributes(attributed);
    std::sort(data.affiliations.begin(), data.affiliations.end());
    data.affiliations.erase(std::unique(data.affiliations.begin(), data.affiliations.end()), data.affiliations.end());
    // Records come in the order of their documents: mostly sorted already.
    if (!std::is_sorted(mentioned.begin(), mentioned.end())) std::sort(mentioned.begin(), mentioned.end());
    std::size_t documents = 0;
    for (std::size_t i = 0; i < mentioned.size(); ++i)
      documents += i == 0 || std::get<0>(mentioned[i]) != std::get<0>(mentioned[i - 1]);
    data.mentions.reserve(documents);
    for (std::size_t i = 0; i < mentioned.size();) {
      std::size_t j = i + 1;
      while (j < mentioned.size() && std::get<0>(mentioned[j]) == std::get<0>(mentioned[i])) ++j;
      DocumentSpans& mention = data.mentions.emplace_back(DocumentSpans{std::get<0>(mentioned[i]), {}});
      mention.spans.reserve(j - i);
      for (; i < j; ++i) mention.spans.push_back({std::get<1>(mentioned[i]), std::get<2>(mentioned[i])});
    }
  }

  // A new relation's aggregate from its occurrences at once, as
  // count_new_entity makes an entity's.
  void count_new_relation(RelationData& data, std::span<const std::uint32_t> occurrence_ids,
                          std::optional<std::uint32_t> date_key) {
    std::vector<std::uint32_t>& titled = counting.titled;
    std::vector<std::pair<std::uint32_t, std::uint32_t>>& attributed = counting.attributed;
    titled.clear();
    attributed.clear();
    data.evidence.reserve(occurrence_ids.size());
    for (std::uint32_t id : occurrence_ids) {
      const Occurrence& o = occurrences[id];
      ++data.count;
      titled.push_back(o.title);
      attributed.insert(attributed.end(), attribute_ids.begin() + o.attributes_begin,
                        attribute_ids.begin() + o.attributes_end);
      // An occurrence is in one relation: its sentence is not read again.
      data.evidence.push_back(Evidence{docs[o.doc].id, o.evidence,
                                       o.sentence == kNone ? std::string() : std::move(sentences[o.sentence]),
                                       occurrence_date(o, date_key)});
    }
    auto& counted = counting.counted;
    counted.clear();
    std::sort(titled.begin(), titled.end());
    count_runs(titled, [&](std::uint32_t title, std::uint32_t n) { counted.push_back({title, kNone, n, 0}); });
    sort_by_text(counted);
    data.titles.reserve(counted.size());
    for (const auto& c : counted) data.titles.emplace_back(std::string(strings.text(c.first)), c.count, 0);
    data.attributes = counted_attributes(attributed);
    // Stable: add_evidence puts a piece after the pieces equal to it. Mostly
    // sorted already (occurrences come in the order of their documents).
    auto before = [](const Evidence& a, const Evidence& b) {
      return std::tie(a.document, a.span.begin, a.span.end, a.sentence) <
             std::tie(b.document, b.span.begin, b.span.end, b.sentence);
    };
    if (!std::is_sorted(data.evidence.begin(), data.evidence.end(), before))
      std::stable_sort(data.evidence.begin(), data.evidence.end(), before);
  }

  // (key, value) id pairs counted and sorted by text, as add_attribute keeps them.
  std::vector<AttributeCount> counted_attributes(std::vector<std::pair<std::uint32_t, std::uint32_t>>& pairs) {
    auto& counted = counting.counted;
    counted.clear();
    std::sort(pairs.begin(), pairs.end());
    count_runs(pairs, [&](const std::pair<std::uint32_t, std::uint32_t>& a, std::uint32_t n) {
      counted.push_back({a.first, a.second, n, 0});
    });
    sort_by_text(counted);
    std::vector<AttributeCount> attributes;
    attributes.reserve(counted.size());
    for (const auto& c : counted)
      attributes.push_back({std::string(strings.text(c.first)), std::string(strings.text(c.second)), c.count});
    return attributes;
  }

  // Sorts distinct counted items by (text of first, text of second), as the
  // aggregate's lists are kept; kNone sorts as no text.
  void sort_by_text(std::vector<CountingLists::Counted>& counted) const {
    auto text = [this](std::uint32_t id) { return id == kNone ? std::string_view() : strings.text(id); };
    std::sort(counted.begin(), counted.end(), [&](const CountingLists::Counted& a, const CountingLists::Counted& b) {
      if (a.first != b.first) return text(a.first) < text(b.first);
      return text(a.second) < text(b.second);
    });
  }

  // issue 12 part 2 (time): the occurrence's `date` attribute (extract's
  // relation_dates: its sentence's date, else its article's), else the
  // article's date for extractions made before relations were dated.
  // `date_key`: the id of "date" (none when no string "date" was interned).
  std::string occurrence_date(const Occurrence& o, std::optional<std::uint32_t> date_key) {
    for (std::uint32_t i = o.attributes_begin; i < o.attributes_end; ++i)
      if (attribute_ids[i].first == date_key) return std::string(strings.text(attribute_ids[i].second));
    const std::uint32_t published = docs[o.doc].published;
    return published == kNone ? std::string() : std::string(strings.text(published));
  }

  // --- 1. retraction -----------------------------------------------------------------

  std::vector<StoredEntityId> to_rederive;

  void retract() {
    for (ResolvableDocument& document : removed) {
      const std::uint32_t index = add_doc(document, false);
      const Doc& doc = docs[index];
      std::vector<std::optional<StoredEntityId>> entity_of(doc.record_count);
      std::set<StoredEntityId> touched;
      for (std::uint32_t k = 0; k < doc.record_count; ++k) {
        entity_of[k] = stored_entity_of(doc.first_record + k);
        if (!entity_of[k]) continue;
        WorkingEntity& e = working(*entity_of[k]);
        count_record(e.data, records[doc.first_record + k], -1);
        e.dirty = true;
        touched.insert(*entity_of[k]);
      }
      for (StoredEntityId id : touched) {
        WorkingEntity& e = working(id);
        remove_document(e.data.mentions, doc.id);
        if (e.data.records == 0 || e.data.mentions.empty()) {
          e.dead = true;
        } else if (e.data.group == EntityType::Person || e.own_keys.size() > 1) {
          // Its units may no longer hang together, and a person's
          // affiliations are a set, not counts: counted again from its
          // remaining documents.
          to_rederive.push_back(id);
        }
      }
      const std::size_t first_occurrence = occurrences.size();
      add_occurrences(index, document, false);
      std::set<StoredRelationId> relations_touched;
      for (std::size_t i = first_occurrence; i < occurrences.size(); ++i) {
        const Occurrence& o = occurrences[i];
        const auto from = entity_of[o.source - doc.first_record], to = entity_of[o.target - doc.first_record];
        if (!from || !to || *from == *to) continue;
        const auto id = stored_relation(*from, *to, o.type, strings.key(o.title));
        if (!id) continue;
        WorkingRelation& rel = working_relation(*id);
        count_occurrence(rel.relation.data, o, -1);
        rel.dirty = true;
        relations_touched.insert(*id);
      }
      for (StoredRelationId id : relations_touched) {
        WorkingRelation& rel = working_relation(id);
        remove_evidence_of(rel.relation.data.evidence, doc.id);
        if (rel.relation.data.count == 0) rel.dead = true;
      }
      occurrences.resize(first_occurrence);  // what is removed is not counted again
    }
  }

  WorkingRelation& working_relation(StoredRelationId id) {
    auto [it, fresh] = relations.try_emplace(id);
    if (fresh) it->second.relation = graph->relation(id);
    return it->second;
  }

  std::optional<StoredRelationId> stored_relation(StoredEntityId from, StoredEntityId to, RelationType type,
                                                  std::uint32_t title_key) {
    if (graph == nullptr || from <= 0 || to <= 0) return std::nullopt;
    const std::string key(strings.text(title_key));
    if (auto id = graph->find_relation(from, to, type, key)) return id;
    if (is_symmetric(type)) return graph->find_relation(to, from, type, key);
    return std::nullopt;
  }

  // --- 2. re-derivation ----------------------------------------------------------------

  std::unordered_map<std::int64_t, std::uint32_t> reread;  // document id -> doc index

  // Deletes the entities with their relations and brings their records back
  // into the batch from their documents.
  void rederive(std::vector<StoredEntityId> ids) {
    std::vector<std::int64_t> wanted;
    std::vector<StoredEntityId> now;
    for (StoredEntityId id : ids) {
      WorkingEntity& e = working(id);
      if (e.rederived) continue;
      e.rederived = true;
      e.dead = true;
      e.dirty = true;
      now.push_back(id);
      for (StoredRelationId rid : graph->relations_of(id)) {
        WorkingRelation& rel = working_relation(rid);
        rel.dead = true;
        rel.dirty = true;
      }
      for (const DocumentSpans& m : e.data.mentions)
        if (!removed_ids.count(m.document) && !reread.count(m.document) && !doc_index.count(m.document))
          wanted.push_back(m.document);
    }
    std::sort(wanted.begin(), wanted.end());
    wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
    if (!wanted.empty())
      for (ResolvableDocument& document : graph->documents(wanted)) {
        const std::uint32_t index = add_doc(document, false);
        reread[document.info.id] = index;
        reread_documents.push_back(std::move(document));
      }
    // The records of the re-derived entities, in every document they are in.
    for (StoredEntityId id : now) {
      const WorkingEntity& e = entities.at(id);
      for (const DocumentSpans& m : e.data.mentions) {
        auto it = reread.find(m.document);
        if (it == reread.end()) continue;
        const Doc& doc = docs[it->second];
        for (std::uint32_t k = 0; k < doc.record_count; ++k) {
          Record& r = records[doc.first_record + k];
          if (r.state == RecordState::counted || resolution_group(r.type) != e.data.group) continue;
          if (std::binary_search(e.own_keys.begin(), e.own_keys.end(), name_key(r))) r.state = RecordState::counted;
        }
      }
    }
  }
  std::vector<ResolvableDocument> reread_documents;

  // --- 3. uniting units ------------------------------------------------------------------

  // Records of one name in one group (a person's: also of one document) are
  // a unit; units join when an organisation's alias is its own name with a
  // place prefix taken off or put on, and people of one name when they
  // share an affiliation. Units are built record by record: a first build
  // (no stored graph, so nothing else to meet) builds them while documents
  // arrive, and only the components are left for finish().
  struct Units {
    DisjointSets sets;
    std::vector<std::uint32_t> unit_of;  // by record; kNone: not counted
    // Keys packed in 64 bits and hashed: a full build meets every record here.
    PackedIds nonperson_unit;         // group << 32 | key
    PackedIds person_by_affiliation;  // key << 32 | affiliation key
    // A person's unit is one name in one document, and records come in
    // document by document (a document's records are consecutive): the
    // person units of the document being added, (key, unit), are all a
    // person record can join, and a handful to search.
    std::uint32_t person_doc = kNone;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> person_units_of_doc;
    // Aliases naming a unit not made yet: group << 32 | key -> the units
    // that named it (the union waits for the unit).
    std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> alias_waiting;
    std::vector<std::tuple<EntityType, std::uint32_t, std::uint32_t>> unit_info;  // group, key, doc
    std::vector<std::vector<std::uint64_t>> unit_affiliations;  // a person unit's affiliation hashes
  };
  Units early;  // a first build's units, made in add()

  static std::uint64_t pack(std::uint32_t high, std::uint32_t low) { return std::uint64_t{high} << 32 | low; }
  // The key of an organisation's, place's or project's unit.
  static std::uint64_t group_key(EntityType group, std::uint32_t key) { return pack(static_cast<std::uint8_t>(group), key); }

  // The unit of a person named `key` in document `doc` (a record of which was
  // added last), and whether it is `next`, made just now.
  static std::pair<std::uint32_t, bool> person_unit(Units& u, std::uint32_t key, std::uint32_t doc,
                                                    std::uint32_t next) {
    if (u.person_doc != doc) {
      u.person_doc = doc;
      u.person_units_of_doc.clear();
    }
    for (const auto& [named, unit] : u.person_units_of_doc)
      if (named == key) return {unit, false};
    u.person_units_of_doc.emplace_back(key, next);
    return {next, true};
  }

  // Starts loading the slots add_to_units looks records [first, first +
  // count) up in, all before the first look-up, so that their cache misses
  // overlap (as StringPool::prefetch does for a document's strings). Only
  // names whose key is known: computing one here would intern it out of
  // turn, and string ids order a new relation's titles.
  void prefetch_units(const Units& u, std::uint32_t first, std::uint32_t count) const {
    for (std::uint32_t i = first; i < first + count; ++i) {
      const Record& r = records[i];
      const std::optional<std::uint32_t> key = strings.known_key(r.name);
      if (r.state != RecordState::counted || !key) continue;
      const EntityType group = resolution_group(r.type);
      if (group != EntityType::Person) {
        u.nonperson_unit.prefetch(group_key(group, *key));
        continue;
      }
      for (std::uint32_t a = r.affiliations_begin; a < r.affiliations_end; ++a)
        u.person_by_affiliation.prefetch(pack(*key, affiliation_keys[a]));
    }
  }

  // Adds record i to `u` (the unions it brings are made once both ends exist,
  // so the partition does not depend on the order records come in).
  void add_to_units(Units& u, std::uint32_t i) {
    if (u.unit_of.size() <= i) u.unit_of.resize(i + 1, kNone);
    const Record& r = records[i];
    if (r.state != RecordState::counted) return;
    const EntityType group = resolution_group(r.type);
    const std::uint32_t key = name_key(r);
    const bool person = group == EntityType::Person;
    const std::uint32_t next = static_cast<std::uint32_t>(u.unit_info.size());
    const auto [unit, fresh] = person ? person_unit(u, key, r.doc, next)
                                      : u.nonperson_unit.try_emplace(group_key(group, key), next);
    if (fresh) {
      u.sets.add();
      u.unit_info.emplace_back(group, key, person ? r.doc : kNone);
      if (graph != nullptr) u.unit_affiliations.emplace_back();  // see below
      if (!person) {
        auto waiting = u.alias_waiting.find(group_key(group, key));
        if (waiting != u.alias_waiting.end()) {
          for (std::uint32_t other : waiting->second) u.sets.unite(other, unit);
          u.alias_waiting.erase(waiting);
        }
      }
    }
    u.unit_of[i] = unit;
    if (person) {
      for (std::uint32_t a = r.affiliations_begin; a < r.affiliations_end; ++a) {
        // Only stored people are matched by these (unite); a first build has none.
        if (graph != nullptr) u.unit_affiliations[unit].push_back(affiliation_hash(strings.text(affiliation_keys[a])));
        const auto [met, first] = u.person_by_affiliation.try_emplace(pack(key, affiliation_keys[a]), unit);
        if (!first) u.sets.unite(met, unit);
      }
      return;
    }
    for (std::uint32_t a = r.aliases_begin; a < r.aliases_end; ++a) {
      const std::uint32_t alias_key = strings.key(alias_ids[a]);
      if (!suffix_related(strings.text(key), strings.text(alias_key))) continue;
      const std::uint64_t named = group_key(group, alias_key);
      if (const auto other = u.nonperson_unit.find(named)) u.sets.unite(*other, unit);
      else u.alias_waiting[named].push_back(unit);
    }
  }

  // Returns the entity id (stored or new) of every counted record, having
  // re-derived stored entities that the new units join together.
  std::vector<StoredEntityId> unite() {
    for (;;) {
      Units built;
      if (graph == nullptr) {
        built = std::move(early);
        built.unit_of.resize(records.size(), kNone);
      } else {
        for (std::uint32_t i = 0; i < records.size(); ++i) add_to_units(built, i);
      }
      DisjointSets& sets = built.sets;
      const std::vector<std::uint32_t>& unit_of = built.unit_of;
      const auto& unit_info = built.unit_info;
      const auto unit_count = static_cast<std::uint32_t>(unit_info.size());

      // Stored entities the units meet, as extra nodes.
      std::unordered_map<StoredEntityId, std::uint32_t> node_of_entity;
      std::vector<StoredEntityId> entity_of_node;
      auto entity_node = [&](StoredEntityId id) {
        auto [it, fresh] = node_of_entity.try_emplace(id, 0);
        if (fresh) {
          it->second = sets.add();
          entity_of_node.resize(it->second + 1, 0);
          entity_of_node[it->second] = id;
        }
        return it->second;
      };
      if (graph != nullptr) {
        for (std::uint32_t i = 0; i < records.size(); ++i) {
          const Record& r = records[i];
          if (r.state != RecordState::counted) continue;
          const auto [group, key, doc] = unit_info[unit_of[i]];
          if (group == EntityType::Person) continue;
          for (std::uint32_t a = r.aliases_begin; a < r.aliases_end; ++a) {
            const std::uint32_t alias_key = strings.key(alias_ids[a]);
            if (!suffix_related(strings.text(key), strings.text(alias_key))) continue;
            for (StoredEntityId id : stored_named(group, alias_key))
              if (alive(id)) sets.unite(entity_node(id), unit_of[i]);
          }
        }
        for (std::uint32_t unit = 0; unit < unit_count; ++unit) {
          const auto [group, key, doc] = unit_info[unit];
          if (group == EntityType::Person) {
            auto& mine = built.unit_affiliations[unit];
            std::sort(mine.begin(), mine.end());
            mine.erase(std::unique(mine.begin(), mine.end()), mine.end());
            if (mine.empty()) continue;
            for (StoredEntityId id : stored_named(group, key)) {
              if (!alive(id)) continue;
              if (sorted_intersect(mine, working(id).data.affiliations)) sets.unite(entity_node(id), unit);
            }
            continue;
          }
          for (StoredEntityId id : stored_named(group, key))
            if (alive(id)) sets.unite(entity_node(id), unit);
          for (StoredEntityId id : stored_linking(group, key)) {
            if (!alive(id)) continue;
            const auto& links = working(id).data.links;
            const std::string_view wanted = strings.text(key);
            if (std::any_of(links.begin(), links.end(), [&](const AliasLink& l) { return l.to == wanted && l.count > 0; }))
              sets.unite(entity_node(id), unit);
          }
        }
      }

      // Components that join two or more stored entities: re-derive them all
      // and unite again.
      std::unordered_map<std::uint32_t, std::vector<StoredEntityId>> stored_in_component;
      for (const auto& [id, node] : node_of_entity) stored_in_component[sets.find(node)].push_back(id);
      std::vector<StoredEntityId> merging;
      for (auto& [root, ids] : stored_in_component)
        if (ids.size() > 1) merging.insert(merging.end(), ids.begin(), ids.end());
      if (!merging.empty()) {
        std::sort(merging.begin(), merging.end());
        rederive(merging);
        continue;
      }

      // Each component is one entity: a stored one that gains records, or a new one.
      std::unordered_map<std::uint32_t, StoredEntityId> entity_of_root;
      for (const auto& [id, node] : node_of_entity) entity_of_root[sets.find(node)] = id;
      std::vector<StoredEntityId> record_entity(records.size(), 0);
      // (component, record) of every counted record, sorted: a counting sort
      // by component (records come in order), where sorting the pairs took
      // a tenth of the main thread's share of a first build's tail.
      std::vector<std::uint32_t> component_start(sets.parent.size() + 1, 0);
      for (std::uint32_t i = 0; i < records.size(); ++i)
        if (records[i].state == RecordState::counted) ++component_start[sets.find(unit_of[i]) + 1];
      std::partial_sum(component_start.begin(), component_start.end(), component_start.begin());
      std::vector<std::pair<std::uint32_t, std::uint32_t>> by_root(component_start.back());
      for (std::uint32_t i = 0; i < records.size(); ++i)
        if (records[i].state == RecordState::counted) {
          const std::uint32_t root = sets.find(unit_of[i]);
          by_root[component_start[root]++] = {root, i};
        }
      StoredEntityId next_new_id = -1;
      new_components.clear();
      for (std::size_t i = 0; i < by_root.size();) {
        std::size_t j = i;
        while (j < by_root.size() && by_root[j].first == by_root[i].first) ++j;
        auto stored = entity_of_root.find(by_root[i].first);
        if (stored != entity_of_root.end()) {
          WorkingEntity& e = working(stored->second);
          for (std::size_t k = i; k < j; ++k) {
            count_record(e.data, records[by_root[k].second], +1);
            record_entity[by_root[k].second] = stored->second;
          }
          e.dirty = true;
        } else {
          const StoredEntityId id = next_new_id--;
          std::vector<std::uint32_t> members;
          members.reserve(j - i);
          for (std::size_t k = i; k < j; ++k) {
            record_entity[by_root[k].second] = id;
            members.push_back(by_root[k].second);
          }
          new_components.emplace_back(id, std::move(members));
        }
        i = j;
      }
      return record_entity;
    }
  }
  // New entities: their ids and records, in order of their first record.
  std::vector<std::pair<StoredEntityId, std::vector<std::uint32_t>>> new_components;

  // --- 4. relations ---------------------------------------------------------------------

  void count_relations(const std::vector<StoredEntityId>& record_entity, ChangeSink& sink) {
    // New relations come out in the order of the store's index on (source,
    // type, target): stored entities by id, then new ones in the order they
    // were reported (-1, -2, ...), which is the order a first build numbers
    // them in. A first build's writer then builds that index from rows
    // already in its order, which SQLite's sorter takes at a fraction of
    // the cost of random order. An occurrence's ends are kept as these ranks,
    // so that sorting compares plain integers.
    auto rank = [](StoredEntityId id) {
      return id > 0 ? static_cast<std::uint64_t>(id) : (std::uint64_t{1} << 63) + static_cast<std::uint64_t>(-id);
    };
    auto id_of_rank = [](std::uint64_t ranked) {
      return ranked < (std::uint64_t{1} << 63) ? static_cast<StoredEntityId>(ranked)
                                                : -static_cast<StoredEntityId>(ranked - (std::uint64_t{1} << 63));
    };
    struct Keyed {
      std::uint64_t from, to;  // ranks
      RelationType type;
      std::uint32_t title_key;
      std::uint32_t occurrence;
    };
    std::vector<Keyed> fresh;
    std::map<std::tuple<StoredEntityId, StoredEntityId, RelationType, std::uint32_t>, StoredRelationId> found;
    for (std::uint32_t i = 0; i < occurrences.size(); ++i) {
      const Occurrence& o = occurrences[i];
      auto entity_of = [&](std::uint32_t record) -> StoredEntityId {
        if (record_entity[record] != 0) return record_entity[record];
        if (records[record].state == RecordState::foreign)
          if (auto id = stored_entity_of(record)) return *id;
        return 0;
      };
      StoredEntityId from = entity_of(o.source), to = entity_of(o.target);
      if (from == 0 || to == 0 || from == to) continue;
      const std::uint32_t title_key = strings.key(o.title);
      if (from > 0 && to > 0) {
        const auto key = std::make_tuple(from, to, o.type, title_key);
        auto it = found.find(key);
        std::optional<StoredRelationId> id;
        if (it != found.end()) id = it->second;
        else if ((id = stored_relation(from, to, o.type, title_key))) found.emplace(key, *id);
        if (id) {
          WorkingRelation& rel = working_relation(*id);
          if (!rel.dead || rel.relation.data.count == 0) {
            if (rel.dead && rel.relation.data.count == 0) {
              // Every occurrence had been retracted; this one brings it back.
              rel.relation.data = RelationData{};
              rel.dead = false;
            }
            count_occurrence(rel.relation.data, o, +1);
            rel.dirty = true;
            continue;
          }
        }
      }
      if (is_symmetric(o.type) && from > to) std::swap(from, to);
      fresh.push_back({rank(from), rank(to), o.type, title_key, i});
    }
    auto before = [](const Keyed& a, const Keyed& b) {
      return std::tie(a.from, a.type, a.to, a.title_key, a.occurrence) <
             std::tie(b.from, b.type, b.to, b.title_key, b.occurrence);
    };
    // A first build's relations all start at new entities, numbered densely
    // from 1: they are put in the order of `from` by a counting sort (stable:
    // occurrences stay in order), and only the runs of one `from` (the
    // relations of one entity, a handful) are sorted. Sorting the whole list
    // was the main thread's largest piece of resolution in that tail.
    constexpr std::uint64_t kNewRank = std::uint64_t{1} << 63;
    if (!fresh.empty() && std::all_of(fresh.begin(), fresh.end(), [](const Keyed& k) { return k.from > kNewRank; })) {
      std::uint64_t last_new = 0;
      for (const Keyed& k : fresh) last_new = std::max(last_new, k.from - kNewRank);
      std::vector<std::uint32_t> run_start(last_new + 2, 0);
      for (const Keyed& k : fresh) ++run_start[k.from - kNewRank];
      std::exclusive_scan(run_start.begin(), run_start.end(), run_start.begin(), std::uint32_t{0});
      std::vector<Keyed> by_from(fresh.size());
      for (const Keyed& k : fresh) by_from[run_start[k.from - kNewRank]++] = k;
      fresh.swap(by_from);
      for (std::size_t i = 0; i < fresh.size();) {
        std::size_t j = i + 1;
        while (j < fresh.size() && fresh[j].from == fresh[i].from) ++j;
        if (j - i > 1) std::sort(fresh.begin() + static_cast<std::ptrdiff_t>(i), fresh.begin() + static_cast<std::ptrdiff_t>(j), before);
        i = j;
      }
    } else {
      std::sort(fresh.begin(), fresh.end(), before);
    }
    // Stored relations first (deleted, then changed), then new ones.
    std::vector<StoredRelationId> changed;
    for (const auto& [id, rel] : relations)
      if (rel.dirty) changed.push_back(id);
    std::sort(changed.begin(), changed.end());
    for (StoredRelationId id : changed)
      if (relations.at(id).dead) sink.relation({id, true, {}});
    for (StoredRelationId id : changed)
      if (!relations.at(id).dead) sink.relation({id, false, relations.at(id).relation});
    // New relations: the occurrences of one key are a run of `fresh`.
    std::vector<std::size_t> starts;
    for (std::size_t i = 0; i < fresh.size(); ++i)
      if (i == 0 || fresh[i].from != fresh[i - 1].from || fresh[i].to != fresh[i - 1].to ||
          fresh[i].type != fresh[i - 1].type || fresh[i].title_key != fresh[i - 1].title_key)
        starts.push_back(i);
    starts.push_back(fresh.size());
    std::vector<std::uint32_t> fresh_occurrences(fresh.size());  // each run's, side by side
    for (std::size_t i = 0; i < fresh.size(); ++i) fresh_occurrences[i] = fresh[i].occurrence;
    const std::optional<std::uint32_t> date_key = strings.find("date");
    produce_alongside<RelationChange>(
        starts.size() - 1,
        [&](std::size_t k) {
          RelationChange change;
          change.id = -static_cast<StoredRelationId>(k) - 1;
          const Keyed& first = fresh[starts[k]];
          change.relation.source = id_of_rank(first.from);
          change.relation.target = id_of_rank(first.to);
          change.relation.type = first.type;
          change.relation.title_key = strings.text(first.title_key);
          count_new_relation(change.relation.data,
                             std::span(fresh_occurrences).subspan(starts[k], starts[k + 1] - starts[k]), date_key);
          return change;
        },
        [&](RelationChange change) { sink.relation(std::move(change)); });
  }

  void finish(ChangeSink& sink) {
    if (!removed.empty() && graph == nullptr)
      throw std::logic_error("resolution: documents removed from an empty graph");
    retract();
    // Which relations a retraction emptied is settled; re-derive what a
    // removal may have split.
    if (!to_rederive.empty()) rederive(std::move(to_rederive));
    const std::vector<StoredEntityId> record_entity = unite();
    // Occurrences of re-read documents once their counted records are final
    // (a merge inside unite may count more of them).
    for (ResolvableDocument& document : reread_documents)
      add_occurrences(reread.at(document.info.id), document, true);
    reread_documents.clear();
    // Stored entities first (changed or deleted), then new ones, built one at
    // a time so that a full build never holds every aggregate at once.
    // Deletions first: an entity made again by this batch may take the id
    // of one it replaces.
    std::vector<StoredEntityId> changed;
    for (const auto& [id, e] : entities)
      if (e.dirty) changed.push_back(id);
    std::sort(changed.begin(), changed.end());
    for (StoredEntityId id : changed)
      if (entities.at(id).dead) sink.entity({id, true, {}});
    for (StoredEntityId id : changed)
      if (!entities.at(id).dead) sink.entity({id, false, entities.at(id).data});
    produce_alongside<EntityChange>(
        new_components.size(),
        [&](std::size_t i) {
          auto& [id, members] = new_components[i];
          EntityChange change;
          change.id = id;
          change.data.group = resolution_group(records[members.front()].type);
          count_new_entity(change.data, members);
          std::vector<std::uint32_t>().swap(members);
          return change;
        },
        [&](EntityChange change) { sink.entity(std::move(change)); });
    count_relations(record_entity, sink);
  }
};

Resolution::Resolution(ResolvedGraph* graph) : impl_(std::make_unique<Impl>(graph)) {}
Resolution::~Resolution() = default;

void Resolution::remove(ResolvableDocument document) {
  impl_->removed_ids.insert(document.info.id);
  impl_->removed.push_back(std::move(document));
}

void Resolution::add(ResolvableDocument document) {
  impl_->prefetch_strings(document.extraction);
  const std::uint32_t index = impl_->add_doc(document, true);
  impl_->add_occurrences(index, document, false);
  impl_->strings.forget_ahead();  // its views are into `document`
  if (impl_->graph == nullptr) {
    const auto& doc = impl_->docs[index];
    impl_->prefetch_units(impl_->early, doc.first_record, doc.record_count);
    for (std::uint32_t k = 0; k < doc.record_count; ++k) impl_->add_to_units(impl_->early, doc.first_record + k);
  }
}

std::size_t Resolution::pending_records() const { return impl_->records.size(); }

void Resolution::finish(ChangeSink& sink) { impl_->finish(sink); }

}  // namespace kg
