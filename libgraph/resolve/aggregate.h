// resolve/aggregate.h owns what a resolved entity or relation is made of:
// the records (one local entity of one document) and occurrences (one local
// relation of one document) that resolution counted into it, summed. Every
// value a reader sees is a function of this sum, never of the order in which
// documents arrived, so adding and removing documents one at a time ends in
// the same rows as a full build:
//   name:  the spelling records gave most often (ties: the one that sorts first)
//   aliases: every other spelling, own or alias, sorted
//   an attribute, a relation's title: the value given most often (ties likewise)
//   type of a person: Official when any record says Official
// The store keeps these aggregates as BLOBs (store/codec.h) and adds or
// subtracts documents from them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/types.h"
#include "model/attributes.h"

namespace kg {

// People (Official, Person) resolve together: one group, told apart by name
// and affiliation. Every other type is its own group.
bool is_person(EntityType type);
// The group an entity of `type` resolves in: EntityType::Person for people,
// the type itself otherwise.
EntityType resolution_group(EntityType type);

struct Spelling {
  std::string text;
  std::uint32_t own = 0;    // records whose name it is
  std::uint32_t alias = 0;  // records that list it as an alias
  // lookup_key(text) when resolution already knew it (kept in memory only:
  // key_of computes it otherwise).
  std::string key;

  Spelling() = default;
  Spelling(std::string text_, std::uint32_t own_, std::uint32_t alias_, std::string key_ = {})
      : text(std::move(text_)), own(own_), alias(alias_), key(std::move(key_)) {}
  friend bool operator==(const Spelling& a, const Spelling& b) {
    return a.text == b.text && a.own == b.own && a.alias == b.alias;
  }
};
// The lookup key of a spelling.
std::string key_of(const Spelling& spelling);

// An organisation whose record lists, as an alias, its own name with a place
// prefix taken off or put on: the two names are one entity as soon as some
// record carries the other as its name. Keys are name keys (graph/names.h).
struct AliasLink {
  std::string from;  // the key of the record's name
  std::string to;    // the key of the alias
  std::uint32_t count = 0;
  friend bool operator==(const AliasLink&, const AliasLink&) = default;
};

struct AttributeCount {
  std::string key, value;
  std::uint32_t count = 0;
  friend bool operator==(const AttributeCount&, const AttributeCount&) = default;
};

struct DocumentSpans {
  std::int64_t document = 0;
  std::vector<Span> spans;  // sorted by (begin, end); a multiset
  friend bool operator==(const DocumentSpans&, const DocumentSpans&) = default;
};

struct EntityData {
  EntityType group = EntityType::Organization;  // see resolution_group
  std::uint32_t records = 0;
  std::uint32_t official_records = 0;        // people: records typed Official
  std::vector<Spelling> spellings;            // sorted by text
  std::vector<AliasLink> links;               // sorted by (from, to)
  // People: the bodies they hold posts in, as affiliation_hash of their name
  // keys (64 bits say which body as surely as the name, in an eighth of the
  // space), sorted, unique.
  std::vector<std::uint64_t> affiliations;
  // People known from one document and no affiliation are identified by it:
  // the smallest "sha256#part" of their documents.
  std::string anchor;
  std::vector<AttributeCount> attributes;     // sorted by (key, value)
  std::vector<DocumentSpans> mentions;        // sorted by document
  friend bool operator==(const EntityData&, const EntityData&) = default;
};

struct Evidence {
  std::int64_t document = 0;
  Span span;
  // The sentence when it is not the document's text at `span`; empty when it
  // is (the store cuts it out of the text when shown).
  std::string sentence;
  // issue 12 part 2 (time): the date of this occurrence (core/dates.h, any
  // precision): the one its sentence gives, else its article's; "" if none.
  std::string date = {};
  friend bool operator==(const Evidence&, const Evidence&) = default;
};

struct RelationData {
  std::uint32_t count = 0;                 // occurrences
  std::vector<Spelling> titles;            // spellings of the title (`own` counts), sorted
  std::vector<AttributeCount> attributes;  // sorted by (key, value)
  std::vector<Evidence> evidence;          // sorted by (document, span)
  friend bool operator==(const RelationData&, const RelationData&) = default;
};

// --- what readers see ------------------------------------------------------

std::string displayed_name(const EntityData& data);
EntityType displayed_type(const EntityData& data);
// Every spelling but the displayed name, sorted.
std::vector<std::string> displayed_aliases(const EntityData& data);
// One value per key, the most frequent; keys sorted.
Attributes displayed_attributes(const std::vector<AttributeCount>& counts);
std::string displayed_title(const RelationData& data);

// The content-derived ids users see ("e" or "r" and 16 hex digits), stable
// across builds: an FNV-1a hash of what identifies the entity or relation.
std::uint64_t entity_key(const EntityData& data);
std::uint64_t relation_key(RelationType type, std::string_view from_id, std::string_view to_id,
                           std::string_view title_key);
std::string format_key(char prefix, std::uint64_t key);
// What a person's affiliation is kept as: a hash of its name key.
std::uint64_t affiliation_hash(std::string_view key);

// --- arithmetic on counted lists (sorted vectors) -----------------------------

void add_spelling(std::vector<Spelling>& list, std::string_view text, std::uint32_t own, std::uint32_t alias,
                  std::string_view key = {});
// Subtracts; entries that reach zero are removed. Returns false when the
// list held less than was subtracted (the aggregate and the documents disagree).
bool subtract_spelling(std::vector<Spelling>& list, std::string_view text, std::uint32_t own, std::uint32_t alias);
void add_attribute(std::vector<AttributeCount>& list, std::string_view key, std::string_view value, std::int64_t delta);
void add_link(std::vector<AliasLink>& list, std::string_view from, std::string_view to, std::int64_t delta);
void add_mentions(std::vector<DocumentSpans>& list, std::int64_t document, const std::vector<Span>& spans);
void remove_document(std::vector<DocumentSpans>& list, std::int64_t document);
void add_evidence(std::vector<Evidence>& list, Evidence evidence);
void remove_evidence_of(std::vector<Evidence>& list, std::int64_t document);
// The dates of a relation's evidence, one per piece ("" when undated).
std::vector<std::string> evidence_dates(const RelationData& data);

}  // namespace kg
