// core/types.cc: names of entity and relation types as the gold and exports spell them.
#include "core/types.h"

namespace kg {
namespace {
constexpr std::array<std::string_view, kEntityTypeCount> kEntityNames = {
    "Official", "Person", "PartyOrg", "Park", "Enterprise",
    "Project", "GovOrg", "Place", "Organization"};
constexpr std::array<std::string_view, kRelationTypeCount> kRelationNames = {
    "holds_post", "served", "located_in", "leads", "part_of", "project_of", "cooperates_with"};
}  // namespace

std::string_view to_string(EntityType type) { return kEntityNames[static_cast<std::size_t>(type)]; }
std::string_view to_string(RelationType type) { return kRelationNames[static_cast<std::size_t>(type)]; }

std::optional<EntityType> parse_entity_type(std::string_view name) {
  for (std::size_t i = 0; i < kEntityNames.size(); ++i)
    if (kEntityNames[i] == name) return static_cast<EntityType>(i);
  return std::nullopt;
}

std::optional<RelationType> parse_relation_type(std::string_view name) {
  for (std::size_t i = 0; i < kRelationNames.size(); ++i)
    if (kRelationNames[i] == name) return static_cast<RelationType>(i);
  return std::nullopt;
}

bool is_core(EntityType type) {
  return type == EntityType::Official || type == EntityType::PartyOrg || type == EntityType::Park ||
         type == EntityType::Enterprise || type == EntityType::Project;
}

bool is_core(RelationType type) {
  return type == RelationType::holds_post || type == RelationType::served ||
         type == RelationType::located_in || type == RelationType::leads;
}

bool is_symmetric(RelationType type) { return type == RelationType::cooperates_with; }

std::string_view meaning(RelationType type) {
  switch (type) {
    case RelationType::holds_post:
      return "a person holds a post (the title, e.g. 书记) in a party, government or company body";
    case RelationType::served:
      return "an official visited, inspected, helped, coordinated for or was assigned to a company "
             "(走访, 调研, 协调, 服务, 挂钩); not employment; role=accompany when the official only came along (陪同)";
    case RelationType::located_in:
      return "a company, project, park or body is located in a park or place";
    case RelationType::leads:
      return "a party committee leads the body or place it is named for (南法信镇党委 leads 南法信镇)";
    case RelationType::part_of:
      return "a body is part of a larger one (嘉兴科技城招商局 is part of 嘉兴科技城)";
    case RelationType::project_of:
      return "a project belongs to the company or body that invests in or builds it";
    case RelationType::cooperates_with:
      return "two parties cooperate: an agreement signed, something built or run together (either direction)";
  }
  return "";
}

const std::array<EntityType, kEntityTypeCount>& all_entity_types() {
  static const std::array<EntityType, kEntityTypeCount> types = [] {
    std::array<EntityType, kEntityTypeCount> t{};
    for (std::size_t i = 0; i < t.size(); ++i) t[i] = static_cast<EntityType>(i);
    return t;
  }();
  return types;
}

const std::array<RelationType, kRelationTypeCount>& all_relation_types() {
  static const std::array<RelationType, kRelationTypeCount> types = [] {
    std::array<RelationType, kRelationTypeCount> t{};
    for (std::size_t i = 0; i < t.size(); ++i) t[i] = static_cast<RelationType>(i);
    return t;
  }();
  return types;
}

}  // namespace kg
