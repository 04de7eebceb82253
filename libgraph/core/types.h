// core/types.h owns the vocabulary every stage shares: entity and relation
// types, and spans of code points. Nothing here knows about any stage.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace kg {

enum class EntityType : std::uint8_t {
  Official, Person, PartyOrg, Park, Enterprise, Project, GovOrg, Place, Organization
};
inline constexpr std::size_t kEntityTypeCount = 9;

enum class RelationType : std::uint8_t {
  holds_post, served, located_in, leads, part_of, project_of, cooperates_with
};
inline constexpr std::size_t kRelationTypeCount = 7;

std::string_view to_string(EntityType type);
std::string_view to_string(RelationType type);
std::optional<EntityType> parse_entity_type(std::string_view name);
std::optional<RelationType> parse_relation_type(std::string_view name);

// The five entity types and four relation types the product is judged on.
bool is_core(EntityType type);
bool is_core(RelationType type);
// Relations that read the same in both directions (cooperates_with).
bool is_symmetric(RelationType type);

// What a relation of this type says, in one sentence a reader of a report or
// of `kg query --help` can rely on ("served" is not employment).
std::string_view meaning(RelationType type);

const std::array<EntityType, kEntityTypeCount>& all_entity_types();
const std::array<RelationType, kRelationTypeCount>& all_relation_types();

// A half-open range [begin, end) of code points in a document's clean text
// (or of bytes in a raw file, where a comment says so).
struct Span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::uint32_t size() const { return end - begin; }
  bool empty() const { return end <= begin; }
  bool contains(const Span& other) const { return begin <= other.begin && other.end <= end; }
  bool overlaps(const Span& other) const { return begin < other.end && other.begin < end; }
  friend bool operator==(const Span&, const Span&) = default;
};

}  // namespace kg
