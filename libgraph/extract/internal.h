// extract/internal.h: the working state of one document's extraction, shared
// by the three steps of the stage (mentions.cc finds typed spans, entities.cc
// groups them into entities and resolves short forms, relations.cc links
// them). Not part of the stage's public interface.
#pragma once

#include <cstdint>
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
  std::u32string name;               // canonical form (may expand a short form)
  Source source = Source::Suffix;
  bool generic = false;              // a short form (镇党委, 该公司) to resolve by context
  std::uint32_t suffix_len = 0;      // length of the type-giving suffix at the end
  std::int32_t entity = -1;          // set by entities.cc
  PlaceLevel level = PlaceLevel::Region;  // places only
  std::int32_t title = -1;           // persons: index of a title right before
};

// One post as written before or after a name, with the body it names.
struct PostMention {
  std::uint32_t title_begin = 0, title_end = 0;
  std::int32_t title_index = -1;     // into Lexicons::title_info
  std::int32_t body_candidate = -1;  // candidate of the body written before it, if any
};

struct DocState {
  const Lexicons& lex;
  const Document& doc;
  std::u32string_view text;
  std::vector<Candidate> candidates;
  Extraction out;
  // Per entity, the index of its first candidate; entity -> main flags.
  std::vector<std::uint32_t> first_mention;
  std::vector<std::uint32_t> mention_count;

  DocState(const Lexicons& l, const Document& d) : lex(l), doc(d), text(d.text) {}

  std::u32string_view slice(std::uint32_t b, std::uint32_t e) const { return text.substr(b, e - b); }
  // Index of the sentence holding position `pos`.
  std::size_t sentence_at(std::uint32_t pos) const;
  Span sentence_span(std::uint32_t pos) const;
};

void find_mentions(DocState& state);
void build_entities(DocState& state);
void find_relations(DocState& state);

// Helpers shared across steps.
bool is_boundary_before(const Lexicons& lex, std::u32string_view text, std::size_t pos);
std::uint32_t place_prefix_length(const Lexicons& lex, std::u32string_view name);

}  // namespace kg::extract
