// extract/relations/context.h (internal): the relation recognisers of the
// extract stage and the context they share. Each recogniser is one file
// that reads the document's entities and mentions and emits relations with
// their sentence as evidence; find_relations() runs them in order.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "extract/internal.h"

namespace kg::extract {

inline bool is_person(EntityType t) { return t == EntityType::Official || t == EntityType::Person; }

class RelationContext {
 public:
  explicit RelationContext(DocState& state);
  // The lists a context works in, one set per thread (context.cc).
  struct Buffers;

  // The recognisers, in the order they run (each in its own file).
  void index_names();          // context.cc
  void holds_posts();          // posts.cc
  void served();               // served.cc
  void served_in_company();    // served.cc
  void served_listed_after();  // served.cc
  void located_by_verbs();     // located.cc
  void structural();           // structure.cc
  void cooperation();          // cooperation.cc
  void project_builders();     // projects.cc
  void visit_frames();         // frames.cc
  void event_frames();         // frames.cc
  void park_members();         // frames.cc
  void formed_by();            // frames.cc

 private:
  DocState& s;
  const Lexicons& lex;
  std::u32string_view t;
  // The lists below are the calling thread's (Buffers), emptied here and
  // kept with their memory for the next document: each grew from nothing
  // for every document before.
  Buffers& buffers;
  std::vector<const Candidate*>& mentions;  // with an entity, by position
  // The relations emitted, by type, ends and sentence, sorted: a document
  // has a few dozen, and a sorted vector allocates once where a set
  // allocated a node per relation.
  std::vector<std::tuple<int, std::uint32_t, std::uint32_t, std::uint32_t>>& seen;
  std::vector<std::pair<std::uint32_t, std::uint32_t>>& scratch;
  // Entities by every name they go by: the names, views of
  // DocState::entity_forms (which outlives this context), sorted, and beside
  // each its entity; the entities of one name in their order. Two vectors
  // built once, where a map allocated a node and a list per name.
  std::vector<std::u32string_view>& sorted_names;
  std::vector<std::int32_t>& sorted_names_entities;
  // The entities that go by `name`, in order (none if no entity does).
  std::span<const std::int32_t> named(std::u32string_view name) const;
  // An entity's name as code points.
  const std::u32string& name32(std::int32_t e) const { return s.entity_forms[static_cast<std::size_t>(e)].front(); }

  EntityType type_of(std::int32_t e) const { return s.out.entities[static_cast<std::size_t>(e)].type; }
  // Records a relation once per sentence, with the sentence at `at` as evidence.
  void emit(RelationType type, std::int32_t from, std::int32_t to, std::uint32_t at, std::string title = {},
            Attributes attrs = {});
  // The longest non-person mention ending exactly at `pos`.
  const Candidate* mention_ending_at(std::uint32_t pos) const;
  // The most mentioned entity of a type, optionally whose name ends with `tail`.
  std::int32_t main_of(EntityType type, std::u32string_view tail = {}) const;
  // The nearest mention of one of `types` before `pos`, not before `floor`.
  const Candidate* nearest_before(std::uint32_t pos, std::uint32_t floor, std::initializer_list<EntityType> types) const;
  const Candidate* first_after(std::uint32_t pos, std::uint32_t ceiling, std::initializer_list<EntityType> types) const;
  // The span from `before` sentences before the one at `pos` to its end.
  Span sentence_window(std::uint32_t pos, std::size_t before) const;
  // First mention whose surface spells the full name, for evidence.
  std::uint32_t full_mention_at(std::size_t e) const;
  // The longest entity name, among `types`, that `text` starts with and
  // goes on after.
  std::pair<std::int32_t, std::uint32_t> prefix_entity(std::u32string_view text, std::initializer_list<EntityType> types,
                                                       std::int32_t exclude) const;
  // The company a project is named after, as a mention for relation ends.
  const Candidate* owner_mention(const Candidate* project) const;
  // The text between two list items joins them (、, 和, 以及: list_joiners.txt).
  bool joins(std::u32string_view gap) const;
  // The length of a list joiner starting at pos, 0 if none.
  std::uint32_t joiner_at(std::uint32_t pos) const { return lex.list_joiners.longest(t, pos).first; }

  // posts.cc
  struct Post {
    std::uint32_t title_begin, title_end;
    std::uint32_t title_index;
    const Candidate* body;
  };
  std::int32_t implied_body(const Post& post, const std::vector<Post>& chain, std::uint32_t at) const;
  // served.cc
  std::uint32_t generic_company_at(std::uint32_t from, std::uint32_t to) const;
  // located.cc
  static bool settles(EntityType t);
  std::int32_t main_location() const;
  // structure.cc
  std::int32_t place_named_by_core(std::u32string_view name, std::uint32_t& len) const;
  void in_local_place(std::int32_t self, std::u32string_view name, std::uint32_t at);
  // cooperation.cc
  static bool partner(EntityType t);
  // frames.cc
  // The longest mention starting exactly at `pos`.
  const Candidate* mention_at(std::uint32_t pos) const;
  // The mentions listed from `pos` on (A、B和C; 投资3亿元的A、…), up to `end`.
  std::vector<const Candidate*> list_at(std::uint32_t pos, std::uint32_t end) const;
  // The park or place a sentence opens in (在L，…), if it opens so.
  const Candidate* opening_area(Span sentence) const;
  // The entity already has a located_in relation in this document, to
  // somewhere else than a place inside `host`.
  bool located(std::int32_t entity, std::int32_t host = -1) const;
  std::vector<std::int32_t> servers_of(const Frame& frame, Span sentence, std::uint32_t verb) const;
  std::vector<std::int32_t> leading_officials(const Frame& frame) const;
  bool lower_than(std::int32_t place, std::int32_t host) const;
};

// Attributes that need no relation context (projects.cc, dates.cc).
void project_amounts(DocState& s);
void relation_dates(DocState& s);

}  // namespace kg::extract
