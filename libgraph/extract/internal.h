// extract/internal.h: the working state of one document's extraction, shared
// by the three steps of the stage (mentions.cc finds typed spans, entities.cc
// groups them into entities and resolves short forms, relations.cc links
// them). Not part of the stage's public interface.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/types.h"
#include "extract/extraction.h"
#include "extract/lexicons.h"
#include "text/document.h"

namespace kg::extract {

// Why a span was taken for a name; later steps trust some sources more.
enum class Source : std::uint8_t {
  Suffix,       // place/org suffix with a left boundary found by structure
  Gazetteer,    // a known place
  Known,        // companies.tsv or a user lexicon
  Enumeration,  // an item of a list whose other items have a type
  Person,       // surname + given name in a person context
  Declared,     // (以下简称“X”)
  Occurrence,   // another occurrence of a name found elsewhere in the text
};

struct Candidate {
  std::uint32_t begin = 0, end = 0;  // surface span in the text
  EntityType type = EntityType::Organization;
  // Canonical form (may expand a short form): a view of the document's text
  // or of a lexicon's word, both of which outlive the candidates (a copy of
  // each candidate's name was an allocation for most names, and most
  // candidates are dropped). Empty for the occurrences build_entities finds
  // once names are settled: they come with their entity, whose name they
  // are, and no later step reads a candidate's name.
  std::u32string_view name;
  Source source = Source::Suffix;
  bool generic = false;              // a short form (镇党委, 该公司) to resolve by context
  std::uint32_t suffix_len = 0;      // length of the type-giving suffix at the end
  std::int32_t entity = -1;          // set by entities.cc
  PlaceLevel level = PlaceLevel::Region;  // places only
};

// One frame of the article's discourse: a visit (officials go to a place and
// then name what they saw) or an event (a place holds a ceremony and lists
// its projects). It is in view from the sentence that opens it until the next
// frame opens. Entities are indices into Extraction::entities.
struct Frame {
  enum class Kind : std::uint8_t { visit, event };
  Kind kind = Kind::visit;
  std::uint32_t begin = 0, end = 0;   // text span in view
  std::uint32_t opened_at = 0;        // where the opening words end
  std::vector<std::int32_t> hosts;    // the place(s) or park(s) it happens in
  std::vector<std::int32_t> leaders;  // who leads it (Officials and Persons)
};

// What the article is about and what is in view where (discourse.cc).
struct Discourse {
  // The article's own areas: the most mentioned place of each level, and
  // the park it is about; -1 where it has none.
  std::int32_t town = -1, county = -1, park = -1;
  // The area a default host stands for: the town, else the park, else the county.
  std::int32_t home = -1;
  std::vector<Frame> frames;  // in text order, not overlapping
  const Frame* frame_at(std::uint32_t pos) const;
};

// Where each lexicon that recognisers look for at every position
// (Lexicons::Scanned) may open a word in a text: the positions whose
// character may begin one, in order, found in one pass over the text. For a
// reversed trie a position p is where a word may end at p + 1.
class Openings {
 public:
  // Finds them in `text`, forgetting those of the text before (the lists
  // keep their memory: see Scratch).
  void find(const Lexicons& lex, std::u32string_view text);
  std::span<const std::uint32_t> of(Lexicons::Scanned which) const { return positions_[which]; }

 private:
  // Each list has room for a position per character of the text, side by
  // side in one block: filled through a pointer, no list checks its
  // capacity for every position it takes.
  std::vector<std::uint32_t> block_;
  std::array<std::span<const std::uint32_t>, Lexicons::kScannedCount> positions_;
};

// The words of a trie at each position of a text, looked up once: several
// recognisers scan the whole document for the same words (frame words,
// relation triggers), and some ask again around every name they find. The
// trie is a forward one: a position's words are those that start there.
class WordsAt {
 public:
  // Looks up the words of `trie` in `text`, forgetting those of the text
  // before (the table keeps its memory: see Scratch). `opening`: the
  // positions where a word of `trie` may start (Openings).
  void find(const WordTrie& trie, std::u32string_view text, std::span<const std::uint32_t> opening);
  // The length and value of the longest word at `pos` ({0, 0} if none), as
  // trie.longest(text, pos).
  std::pair<std::uint32_t, std::uint32_t> at(std::size_t pos) const {
    if (pos >= words_.size()) return {0, 0};
    return {words_[pos].length, words_[pos].value};
  }
  // Some word of exactly `length` characters is at `pos`.
  bool has(std::size_t pos, std::uint32_t length) const {
    if (length >= 32) return has_long(pos, length);
    return pos < words_.size() && ((words_[pos].lengths >> length) & 1U) != 0;
  }
  // The positions in [begin, end) where a word starts, in order: a scan for
  // the words of a span visits these only.
  std::span<const std::uint32_t> starts_in(std::uint32_t begin, std::uint32_t end) const;

 private:
  bool has_long(std::size_t pos, std::uint32_t length) const;
  // One entry per position, all of a position's answers side by side; most
  // positions start no word and keep the zero entry. The table may be
  // longer than the text (a longer one came before): entries past it are
  // zero too.
  struct Words {
    std::uint32_t length = 0, value = 0;  // the longest word
    std::uint32_t lengths = 0;            // bit k: a word of length k (< 32)
  };
  const WordTrie* trie_ = nullptr;
  std::u32string_view text_;
  std::vector<Words> words_;
  std::vector<std::uint32_t> starts_;  // where words_ is not the zero entry
};

// The buffers of a document's extraction that grow with its text (some
// seventy bytes a character, 1.4 MB at most for a chunk of 20,000: see
// extract.cc), kept by each thread and reused from one document to the
// next. Allocated anew for every document, they came from blocks freed long
// before and out of the cache: most of the time the workers spent in
// operator new went to such misses. Filled and read by one document's
// steps at a time; each user resets what it uses.
struct Scratch {
  Openings openings;
  WordsAt frame_words;
  WordsAt triggers;
  // MentionScan (mentions/scan.h): what starts and ends where.
  std::vector<std::uint8_t> place_end, place_cover, clean_place;
  std::vector<std::int32_t> place_start, org_end;
  // build_entities: the positions inside a mention.
  std::vector<std::uint8_t> covered;
  // DocState::candidates between documents: empty, with its memory.
  std::vector<Candidate> candidates;
};

struct DocState {
  const Lexicons& lex;
  const Document& doc;
  std::u32string_view text;
  std::vector<Candidate> candidates;
  Extraction out;
  // Per entity of out.entities: its name, then its aliases in their order,
  // as code points. The later steps compare names with the text; the
  // UTF-8 of `out` converted back at every step cost a conversion (and an
  // allocation) per name per step.
  std::vector<std::vector<std::u32string>> entity_forms;
  Discourse discourse;
  // Whether a relation carries its sentence's text (Extractor::Sentences).
  bool copy_sentences = true;

  // The buffers the steps share with the documents this thread extracted
  // before; the constructor fills the openings and word tables.
  Scratch& scratch;

  DocState(const Lexicons& l, const Document& d, Scratch& reused);

  // The positions where a scanned lexicon may open a word, in text order.
  std::span<const std::uint32_t> opening(Lexicons::Scanned which) const { return scratch.openings.of(which); }

  // The frame words of frames.tsv: the length and roles of the longest one
  // starting at `pos` ({0, 0} if none).
  std::pair<std::uint32_t, std::uint16_t> frame_word(std::uint32_t pos) const {
    const auto [length, index] = scratch.frame_words.at(pos);
    return {length, length > 0 ? lex.frame_info[index].roles : std::uint16_t{0}};
  }
  // The relation triggers of triggers.tsv: the length of the longest one
  // starting at `pos` and its index into Lexicons::trigger_info ({0, 0} if
  // none), as lex.triggers.longest(text, pos).
  std::pair<std::uint32_t, std::uint32_t> trigger_at(std::uint32_t pos) const { return scratch.triggers.at(pos); }
  // A trigger of `length` characters starts at `pos`.
  bool trigger_starts(std::uint32_t pos, std::uint32_t length) const { return scratch.triggers.has(pos, length); }
  // The positions in [begin, end) where a frame word, or a trigger, starts.
  std::span<const std::uint32_t> frame_words_in(std::uint32_t begin, std::uint32_t end) const {
    return scratch.frame_words.starts_in(begin, end);
  }
  std::span<const std::uint32_t> triggers_in(std::uint32_t begin, std::uint32_t end) const {
    return scratch.triggers.starts_in(begin, end);
  }

  std::u32string_view slice(std::uint32_t b, std::uint32_t e) const { return text.substr(b, e - b); }

  // Index of the sentence holding position `pos`.
  std::size_t sentence_at(std::uint32_t pos) const;
  Span sentence_span(std::uint32_t pos) const;
};

// The person only goes along (陪同, 随行, 参加: frames.tsv, accompany): such a
// word follows them before the next person is named (X陪同, 在X的陪同下), or
// precedes them in a list of companions (陪同调研的有X). Someone named right
// after 陪同 is the one accompanied (X陪同Y调研: Y leads). `mentions` are the
// document's mentions in text order.
bool goes_along(const DocState& s, const std::vector<const Candidate*>& mentions, const Candidate* person,
                Span sentence);

void find_mentions(DocState& state);
void build_entities(DocState& state);
void find_discourse(DocState& state);
void find_relations(DocState& state);

// Helpers shared across steps.
std::uint32_t place_prefix_length(const Lexicons& lex, std::u32string_view name);

}  // namespace kg::extract
