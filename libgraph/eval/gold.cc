// eval/gold.cc owns reading the gold annotation file (shared/gold/README.md):
// entities with their normalised names, relations resolved to the names of
// their end entities, one entry per source file.
#include <unordered_map>

#include "eval/eval.h"
#include "eval/json_input.h"

namespace kg {
namespace {

using eval_detail::member;

std::string string_field(const rapidjson::Value& object, const char* key, const std::string& where,
                         bool required) {
  const rapidjson::Value* value = member(object, key);
  if (value == nullptr || value->IsNull()) {
    if (required) throw EvalError(where + ": missing \"" + key + "\"");
    return {};
  }
  if (!value->IsString()) throw EvalError(where + ": \"" + key + "\" must be a string");
  return {value->GetString(), value->GetStringLength()};
}

const rapidjson::Value& array_field(const rapidjson::Value& object, const char* key,
                                    const std::string& where, bool required) {
  static const rapidjson::Value empty(rapidjson::kArrayType);
  const rapidjson::Value* value = member(object, key);
  if (value == nullptr || value->IsNull()) {
    if (required) throw EvalError(where + ": missing \"" + key + "\"");
    return empty;
  }
  if (!value->IsArray()) throw EvalError(where + ": \"" + key + "\" must be an array");
  return *value;
}

bool optional_flag(const rapidjson::Value& object) {
  const rapidjson::Value* value = member(object, "optional");
  return value != nullptr && eval_detail::truthy(*value);
}

GoldEntity read_entity(const rapidjson::Value& json, const std::string& where) {
  if (!json.IsObject()) throw EvalError(where + ": an entity must be an object");
  GoldEntity entity;
  entity.name = string_field(json, "name", where, false);
  entity.type = string_field(json, "type", where, true);
  entity.optional = optional_flag(json);
  std::vector<std::string> aliases;
  for (const auto& alias : array_field(json, "aliases", where, false).GetArray()) {
    if (!alias.IsString()) throw EvalError(where + ": aliases must be strings");
    aliases.emplace_back(alias.GetString(), alias.GetStringLength());
  }
  entity.names = eval_detail::normalized_names(entity.name, aliases);
  return entity;
}

}  // namespace

GoldStandard parse_gold(std::string_view json, const std::string& label) {
  const rapidjson::Document doc = eval_detail::parse_json(json, label);
  GoldStandard gold;
  const auto& documents = array_field(doc, "documents", label, true);
  for (rapidjson::SizeType d = 0; d < documents.Size(); ++d) {
    const rapidjson::Value& entry = documents[d];
    std::string where = label + ": documents[" + std::to_string(d) + "]";
    if (!entry.IsObject()) throw EvalError(where + ": must be an object");
    const std::string source = string_field(entry, "source", where, true);
    where = label + ": gold " + source;

    GoldSource parsed;
    // A relation end names an entity by any of its names; the first entity
    // that carries the name wins, as in score.py.
    std::unordered_map<std::string, std::size_t> entity_by_name;
    for (const auto& json_entity : array_field(entry, "entities", where, true).GetArray()) {
      parsed.entities.push_back(read_entity(json_entity, where));
      for (const std::string& name : parsed.entities.back().names)
        entity_by_name.emplace(name, parsed.entities.size() - 1);
    }
    for (const auto& json_relation : array_field(entry, "relations", where, false).GetArray()) {
      if (!json_relation.IsObject()) throw EvalError(where + ": a relation must be an object");
      GoldRelation relation;
      relation.type = string_field(json_relation, "type", where, true);
      relation.source = string_field(json_relation, "source", where, true);
      relation.target = string_field(json_relation, "target", where, true);
      relation.optional = optional_flag(json_relation);
      auto source_entity = entity_by_name.find(normalize_name(relation.source));
      auto target_entity = entity_by_name.find(normalize_name(relation.target));
      if (source_entity == entity_by_name.end() || target_entity == entity_by_name.end()) {
        throw EvalError(where + ": relation end not an entity: " + relation.type + " " +
                        relation.source + " -> " + relation.target);
      }
      relation.source_names = parsed.entities[source_entity->second].names;
      relation.target_names = parsed.entities[target_entity->second].names;
      parsed.relations.push_back(std::move(relation));
    }
    gold[source] = std::move(parsed);  // a repeated source replaces the earlier entry
  }
  return gold;
}

GoldStandard read_gold_file(const std::string& path) {
  return parse_gold(eval_detail::read_whole_file(path), path);
}

}  // namespace kg
