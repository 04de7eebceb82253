// extract/relations/context.cc owns what the relation recognisers share:
// the document's mentions in text order, the entities by every name they go
// by, the queries the rules ask of them (the nearest company before a
// position, the entity the article is mainly about), and emit(), which
// records a relation once per sentence with that sentence as evidence.
#include "extract/relations/context.h"

#include <algorithm>
#include <bit>
#include <tuple>

#include "core/utf8.h"

namespace kg::extract {

void Openings::find(const Lexicons& lex, std::u32string_view text) {
  const std::size_t room = text.size();
  if (block_.size() < room * Lexicons::kScannedCount) block_.resize(room * Lexicons::kScannedCount);
  std::array<std::uint32_t*, Lexicons::kScannedCount> ends{};
  for (std::size_t which = 0; which < Lexicons::kScannedCount; ++which) ends[which] = block_.data() + which * room;
  for (std::uint32_t k = 0; k < text.size(); ++k)
    for (std::uint16_t bits = lex.scanned_openers(text[k]); bits != 0; bits = static_cast<std::uint16_t>(bits & (bits - 1)))
      *ends[static_cast<std::size_t>(std::countr_zero(bits))]++ = k;
  for (std::size_t which = 0; which < Lexicons::kScannedCount; ++which) {
    const std::uint32_t* begin = block_.data() + which * room;
    positions_[which] = {begin, ends[which]};
  }
}

void WordsAt::find(const WordTrie& trie, std::u32string_view text, std::span<const std::uint32_t> opening) {
  trie_ = &trie;
  text_ = text;
  // Only the entries where the text before had words are not zero.
  for (const std::uint32_t k : starts_) words_[k] = {};
  starts_.clear();
  if (words_.size() < text.size() + 1) words_.resize(text.size() + 1);
  for (const std::uint32_t k : opening) {
    Words& words = words_[k];
    std::tie(words.length, words.value) = trie.longest_and_lengths(text, k, words.lengths);
    if (words.length > 0) starts_.push_back(k);
  }
}

std::span<const std::uint32_t> WordsAt::starts_in(std::uint32_t begin, std::uint32_t end) const {
  const auto first = std::lower_bound(starts_.begin(), starts_.end(), begin);
  const auto last = std::lower_bound(first, starts_.end(), end);
  return {first, last};
}

bool WordsAt::has_long(std::size_t pos, std::uint32_t length) const {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> words;
  trie_->match(text_, pos, words);
  return std::any_of(words.begin(), words.end(), [&](const auto& word) { return word.first == length; });
}

DocState::DocState(const Lexicons& l, const Document& d, Scratch& reused)
    : lex(l), doc(d), text(d.text), scratch(reused) {
  scratch.openings.find(l, text);
  scratch.frame_words.find(l.frame_words, text, scratch.openings.of(Lexicons::kScanFrameWords));
  scratch.triggers.find(l.triggers, text, scratch.openings.of(Lexicons::kScanTriggers));
}

std::size_t DocState::sentence_at(std::uint32_t pos) const {
  const auto& ss = doc.sentences;
  auto it = std::upper_bound(ss.begin(), ss.end(), pos, [](std::uint32_t p, const Span& s) { return p < s.end; });
  if (it == ss.end()) return ss.empty() ? 0 : ss.size() - 1;
  return static_cast<std::size_t>(it - ss.begin());
}

Span DocState::sentence_span(std::uint32_t pos) const {
  if (doc.sentences.empty()) return {0, static_cast<std::uint32_t>(text.size())};
  return doc.sentences[sentence_at(pos)];
}

struct RelationContext::Buffers {
  std::vector<const Candidate*> mentions;
  std::vector<std::tuple<int, std::uint32_t, std::uint32_t, std::uint32_t>> seen;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> scratch;
  std::vector<std::u32string_view> sorted_names;
  std::vector<std::int32_t> sorted_names_entities;
  std::vector<std::pair<std::u32string_view, std::int32_t>> names;  // index_names
};

namespace {
// One context at a time on a thread (find_relations), so one set of lists.
RelationContext::Buffers& thread_buffers() {
  thread_local RelationContext::Buffers buffers;
  return buffers;
}
}  // namespace

RelationContext::RelationContext(DocState& state)
    : s(state), lex(state.lex), t(state.text), buffers(thread_buffers()), mentions(buffers.mentions),
      seen(buffers.seen), scratch(buffers.scratch), sorted_names(buffers.sorted_names),
      sorted_names_entities(buffers.sorted_names_entities) {
  mentions.clear();
  seen.clear();
  scratch.clear();
  sorted_names.clear();
  sorted_names_entities.clear();
  for (const auto& c : s.candidates)
    if (c.entity >= 0) mentions.push_back(&c);
}

void RelationContext::emit(RelationType type, std::int32_t from, std::int32_t to, std::uint32_t at, std::string title,
          Attributes attrs) {
  if (from < 0 || to < 0 || from == to) return;
  Span sentence = s.sentence_span(at);
  auto key = std::make_tuple(static_cast<int>(type), static_cast<std::uint32_t>(from), static_cast<std::uint32_t>(to),
                             sentence.begin);
  const auto place = std::lower_bound(seen.begin(), seen.end(), key);
  if (place != seen.end() && *place == key) return;
  seen.insert(place, key);
  LocalRelation r;
  r.type = type;
  r.source = static_cast<std::uint32_t>(from);
  r.target = static_cast<std::uint32_t>(to);
  r.title = std::move(title);
  r.evidence = sentence;
  if (s.copy_sentences) {
    // Relations of one sentence share its text: converted once, and copied
    // from the last relation of that sentence (a document has a few dozen).
    const auto same_sentence = std::find_if(s.out.relations.rbegin(), s.out.relations.rend(),
                                            [&](const LocalRelation& o) { return o.evidence.begin == sentence.begin; });
    r.sentence = same_sentence != s.out.relations.rend() ? same_sentence->sentence
                                                         : to_utf8(t.substr(sentence.begin, sentence.size()));
  }
  r.attributes = std::move(attrs);
  s.out.relations.push_back(std::move(r));
}

// The longest non-person mention ending exactly at `pos`.
const Candidate* RelationContext::mention_ending_at(std::uint32_t pos) const {
  const Candidate* best = nullptr;
  for (const Candidate* c : mentions)
    if (c->end == pos && !is_person(c->type) && (!best || c->end - c->begin > best->end - best->begin)) best = c;
  return best;
}

// The most mentioned entity of a type, optionally whose name ends with `tail`.
std::int32_t RelationContext::main_of(EntityType type, std::u32string_view tail) const {
  std::int32_t best = -1;
  std::size_t best_count = 0;
  for (std::size_t e = 0; e < s.out.entities.size(); ++e) {
    const auto& le = s.out.entities[e];
    if (le.type != type) continue;
    if (!tail.empty()) {
      const std::u32string& name = name32(static_cast<std::int32_t>(e));
      if (name.size() < tail.size() || std::u32string_view(name).substr(name.size() - tail.size()) != tail) continue;
    }
    if (best < 0 || le.mentions.size() > best_count) {
      best = static_cast<std::int32_t>(e);
      best_count = le.mentions.size();
    }
  }
  return best;
}

// The nearest mention of one of `types` before `pos`, not before `floor`.
const Candidate* RelationContext::nearest_before(std::uint32_t pos, std::uint32_t floor, std::initializer_list<EntityType> types) const {
  const Candidate* best = nullptr;
  for (const Candidate* c : mentions) {
    if (c->end > pos || c->begin < floor) continue;
    if (std::find(types.begin(), types.end(), c->type) == types.end()) continue;
    if (!best || c->end > best->end) best = c;
  }
  return best;
}

const Candidate* RelationContext::first_after(std::uint32_t pos, std::uint32_t ceiling, std::initializer_list<EntityType> types) const {
  for (const Candidate* c : mentions) {
    if (c->begin < pos || c->end > ceiling) continue;
    if (std::find(types.begin(), types.end(), c->type) != types.end()) return c;
  }
  return nullptr;
}

Span RelationContext::sentence_window(std::uint32_t pos, std::size_t before) const {
  if (s.doc.sentences.empty()) return {0, static_cast<std::uint32_t>(t.size())};
  std::size_t k = s.sentence_at(pos);
  std::size_t first = k >= before ? k - before : 0;
  return {s.doc.sentences[first].begin, s.doc.sentences[k].end};
}

// First mention whose surface spells the full name, for evidence.
std::uint32_t RelationContext::full_mention_at(std::size_t e) const {
  const auto& le = s.out.entities[e];
  const std::u32string& name = name32(static_cast<std::int32_t>(e));
  for (const Span& m : le.mentions)
    if (t.substr(m.begin, m.size()) == name) return m.begin;
  return le.mentions.empty() ? 0 : le.mentions.front().begin;
}

void RelationContext::index_names() {
  auto& names = buffers.names;
  names.clear();
  for (std::size_t e = 0; e < s.out.entities.size(); ++e)
    for (const std::u32string& form : s.entity_forms[e]) names.emplace_back(form, static_cast<std::int32_t>(e));
  // By name, and the entities of one name in their order: what a stable
  // sort by name of this list (made in entity order) gives, without the
  // buffer std::stable_sort allocates.
  std::sort(names.begin(), names.end());
  sorted_names.reserve(names.size());
  sorted_names_entities.reserve(names.size());
  for (const auto& [name, entity] : names) {
    sorted_names.push_back(name);
    sorted_names_entities.push_back(entity);
  }
}

std::span<const std::int32_t> RelationContext::named(std::u32string_view name) const {
  const auto [first, last] = std::equal_range(sorted_names.begin(), sorted_names.end(), name);
  return std::span<const std::int32_t>(sorted_names_entities).subspan(
      static_cast<std::size_t>(first - sorted_names.begin()), static_cast<std::size_t>(last - first));
}

// The longest entity name that `text` starts with, among `types`.
std::pair<std::int32_t, std::uint32_t> RelationContext::prefix_entity(std::u32string_view text, std::initializer_list<EntityType> types,
                                                     std::int32_t exclude) const {
  // Only a proper prefix: a second local entity of the same name (merged
  // later by resolve) must not hide the shorter one.
  if (text.size() < 3) return {-1, 0};
  // The names of two characters or more that begin `text` all begin with
  // its first two, side by side in the sorted names: one search finds them,
  // where a search for each length of prefix cost a dozen. The longest
  // wins, and of one name the first entity (the names' sort is stable).
  const std::u32string_view head = text.substr(0, 2);
  std::int32_t best = -1;
  std::size_t best_length = 0;
  for (auto it = std::lower_bound(sorted_names.begin(), sorted_names.end(), head);
       it != sorted_names.end() && it->starts_with(head); ++it) {
    if (it->size() >= text.size() || it->size() <= best_length || !text.starts_with(*it)) continue;
    const std::int32_t e = sorted_names_entities[static_cast<std::size_t>(it - sorted_names.begin())];
    if (e != exclude && std::find(types.begin(), types.end(), type_of(e)) != types.end()) {
      best = e;
      best_length = it->size();
    }
  }
  return {best, static_cast<std::uint32_t>(best_length)};
}

// The company a project is named after, as a mention for relation ends.
const Candidate* RelationContext::owner_mention(const Candidate* project) const {
  const std::u32string& name = name32(project->entity);
  auto [owner, len] = prefix_entity(name, {EntityType::Enterprise}, project->entity);
  (void)len;
  if (owner < 0) return nullptr;
  for (const Candidate* c : mentions)
    if (c->entity == owner) return c;
  return nullptr;
}

bool RelationContext::joins(std::u32string_view gap) const {
  return !gap.empty() && lex.list_joiners.longest(gap, 0).first == gap.size();
}

void find_relations(DocState& s) {
  RelationContext context(s);
  context.index_names();
  context.holds_posts();
  context.served();
  context.served_in_company();
  context.served_listed_after();
  context.located_by_verbs();
  context.structural();
  context.cooperation();
  context.project_builders();
  context.visit_frames();
  context.event_frames();
  context.park_members();
  context.formed_by();
  project_amounts(s);
  relation_dates(s);
}

}  // namespace kg::extract
