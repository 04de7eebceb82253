// extract/mentions/scan.h (internal): the mention recognisers of the extract
// stage and the scan state they share. Like spaCy components over one Doc,
// each recogniser is one file that adds typed candidate spans to the
// document's state; they run in the order find_mentions() gives, and later
// ones read what earlier ones found (a place that opens a name, an
// organisation a longer name may not swallow).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/internal.h"

namespace kg::extract {

// A boundary word (lexicons/boundary_words.txt) ends exactly at `pos`.
bool boundary_ends_at(const Lexicons& lex, std::u32string_view text, std::size_t pos);
// Length of the longest word of a forward trie starting at pos, at most max_len.
std::uint32_t word_starting_at(const WordTrie& forward, std::u32string_view text, std::size_t pos,
                               std::uint32_t max_len = 6);

class MentionScan {
 public:
  explicit MentionScan(DocState& state);

  // The recognisers, in the order they run (each in its own file).
  void find_home_references();   // places.cc
  void find_gazetteer_places();  // places.cc
  void find_suffix_places();     // places.cc
  void vote_place_names();       // places.cc
  void find_suffix_orgs();       // organisations.cc
  void trim_to_known_forms();    // organisations.cc
  void find_known();             // organisations.cc
  void find_list_items();        // lists.cc
  void find_project_owners();    // lists.cc
  void find_declared_aliases();  // aliases.cc
  void find_persons();           // persons.cc

 private:
  DocState& s;
  const Lexicons& lex;
  std::u32string_view t;
  // Per position of the text, in the thread's Scratch (reset here):
  std::vector<std::uint8_t>& place_end;    // a place candidate ends here
  std::vector<std::int32_t>& place_start;  // candidate index of a place starting here
  std::vector<std::int32_t>& org_end;      // candidate index of an organisation ending here
  std::vector<std::uint8_t>& place_cover;  // inside a place candidate (empty until find_suffix_places)
  std::vector<std::uint8_t>& clean_place;  // per candidate: the place's left edge was clear
  std::vector<std::pair<std::uint32_t, std::uint32_t>> scratch;
  mutable std::vector<std::pair<std::uint32_t, std::uint32_t>> blocker_scratch;

  void add(Candidate c) { s.candidates.push_back(std::move(c)); }
  // `name`: a view of the text or of the gazetteer (see Candidate::name).
  void add_place(std::uint32_t b, std::uint32_t e, std::u32string_view name, PlaceLevel level, Source source);

  // Shared tests for the edges of names (scan.cc).
  bool suffix_blocked(std::uint32_t suffix_begin, std::uint32_t end) const;
  bool opens_with_party(std::uint32_t b) const;
  static bool may_nest(EntityType outer, EntityType inner);
  bool company_in_company(EntityType outer, const Candidate& inner, std::uint32_t outer_suffix) const;
  bool verb_trigger_ends_at(std::uint32_t pos) const;
  bool speech_ends_at(std::uint32_t pos) const;
  std::uint32_t left_edge(std::uint32_t from, EntityType type) const;
  bool inside_name_conjunction(std::uint32_t at) const;
  bool member_word_ends_at(std::uint32_t pos) const;
  bool body_starts_at(std::uint32_t b, std::uint32_t limit) const;

  // places.cc
  bool generic_place_word(std::u32string_view word) const;
  // organisations.cc
  bool contains_title(std::u32string_view core) const;
  bool contains_long_title(std::u32string_view core) const;
  bool generic_core(std::u32string_view name, std::u32string_view core, EntityType type) const;
  bool brand_core(std::u32string_view core) const;
  // lists.cc
  static bool clause_delimiter(char32_t c);
  bool stop_word_starts_at(std::uint32_t p) const;
  const Candidate* typed_candidate(std::uint32_t b, std::uint32_t e) const;
  std::optional<EntityType> list_head(std::uint32_t from, std::uint32_t end) const;
  std::uint32_t after_leading_area(std::uint32_t b, std::uint32_t e) const;
  std::uint32_t before_site(std::uint32_t b, std::uint32_t e) const;
  bool place_candidate(std::uint32_t b, std::uint32_t e) const;
  bool candidate_opening(std::uint32_t b, std::uint32_t e) const;
  // persons.cc
  bool right_edge_ok(std::uint32_t j) const;
  bool given_char_ok(std::uint32_t k) const;
};

}  // namespace kg::extract
