// eval/scored_graph.cc owns the reduction of a graph to what scoring reads,
// from the in-memory KnowledgeGraph (kg eval --db) or from node-link JSON
// (kg eval --graph, the file score.py reads), the same way for both.
#include <algorithm>
#include <unordered_map>

#include "eval/eval.h"
#include "eval/json_input.h"

namespace kg {
namespace {

using eval_detail::member;
using eval_detail::python_str;

// score.py compares a gold source with the file name of a graph document.
std::string file_name_of(std::string path) {
  std::replace(path.begin(), path.end(), '\\', '/');
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

void add_unique(std::vector<std::string>& list, const std::string& item) {
  if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
}

// A key that keeps JSON ids of different kinds apart, as Python's dict does
// ("1" and 1 are two ids).
std::string id_key(const rapidjson::Value& value) {
  return (value.IsString() ? "s" : "n") + python_str(value);
}

std::string string_or(const rapidjson::Value* value, std::string fallback) {
  if (value == nullptr || !value->IsString()) return fallback;
  return {value->GetString(), value->GetStringLength()};
}

}  // namespace

ScoredGraph scored_graph(const KnowledgeGraph& graph) {
  std::unordered_map<std::int64_t, std::string> source_of_doc;
  for (const DocumentInfo& doc : graph.documents) source_of_doc[doc.id] = file_name_of(doc.source);
  auto source_of = [&](std::int64_t doc) -> std::string {
    auto it = source_of_doc.find(doc);
    return it == source_of_doc.end() ? "?" : it->second;
  };

  ScoredGraph scored;
  std::vector<std::size_t> index_of_vertex(boost::num_vertices(graph.g));
  for (Vertex v : boost::make_iterator_range(boost::vertices(graph.g))) {
    const EntityProps& props = graph.g[v];
    ScoredEntity entity;
    entity.name = props.name;
    entity.type = std::string(to_string(props.type));
    entity.names = eval_detail::normalized_names(props.name, props.aliases);
    for (const MentionRef& mention : props.mentions) add_unique(entity.sources, source_of(mention.doc));
    index_of_vertex[v] = scored.entities.size();
    scored.entities.push_back(std::move(entity));
  }
  for (Edge e : boost::make_iterator_range(boost::edges(graph.g))) {
    const RelationProps& props = graph.g[e];
    const ScoredEntity& from = scored.entities[index_of_vertex[boost::source(e, graph.g)]];
    const ScoredEntity& to = scored.entities[index_of_vertex[boost::target(e, graph.g)]];
    ScoredRelation relation;
    relation.type = std::string(to_string(props.type));
    relation.source_id = graph.g[boost::source(e, graph.g)].id;
    relation.target_id = graph.g[boost::target(e, graph.g)].id;
    relation.source_names = from.names;
    relation.target_names = to.names;
    for (const EvidenceRef& evidence : props.evidence) add_unique(relation.sources, source_of(evidence.doc));
    scored.relations.push_back(std::move(relation));
  }
  return scored;
}

ScoredGraph parse_node_link(std::string_view json, const std::string& label) {
  const rapidjson::Document doc = eval_detail::parse_json(json, label);
  std::unordered_map<std::string, std::string> source_of_doc;  // str(id) -> file name
  if (const rapidjson::Value* meta = member(doc, "graph")) {
    const rapidjson::Value* documents = member(*meta, "documents");
    if (documents != nullptr && documents->IsArray()) {
      for (const auto& d : documents->GetArray()) {
        const rapidjson::Value* id = member(d, "id");
        if (id == nullptr) throw EvalError(label + ": a graph document has no \"id\"");
        source_of_doc[python_str(*id)] = file_name_of(string_or(member(d, "source"), ""));
      }
    }
  }
  auto sources_of = [&](const rapidjson::Value* refs) {
    std::vector<std::string> sources;
    if (refs == nullptr || !refs->IsArray()) return sources;
    for (const auto& ref : refs->GetArray()) {
      const rapidjson::Value* doc_id = member(ref, "doc");
      const std::string key = doc_id == nullptr ? "None" : python_str(*doc_id);
      auto it = source_of_doc.find(key);
      add_unique(sources, it == source_of_doc.end() ? "?" : it->second);
    }
    return sources;
  };

  ScoredGraph scored;
  std::unordered_map<std::string, std::size_t> entity_by_id;  // a repeated id: the last node
  if (const rapidjson::Value* nodes = member(doc, "nodes"); nodes != nullptr && nodes->IsArray()) {
    for (const auto& node : nodes->GetArray()) {
      const rapidjson::Value* id = member(node, "id");
      if (id == nullptr) throw EvalError(label + ": a node has no \"id\"");
      ScoredEntity entity;
      const rapidjson::Value* name = member(node, "name");
      entity.name = name == nullptr ? "None" : python_str(*name);
      entity.type = string_or(member(node, "type"), "");
      std::vector<std::string> aliases;
      if (const rapidjson::Value* list = member(node, "aliases"); list != nullptr && list->IsArray())
        for (const auto& alias : list->GetArray()) aliases.push_back(string_or(&alias, ""));
      entity.names = eval_detail::normalized_names(string_or(name, ""), aliases);
      entity.sources = sources_of(member(node, "mentions"));
      entity_by_id[id_key(*id)] = scored.entities.size();
      scored.entities.push_back(std::move(entity));
    }
  }
  if (const rapidjson::Value* links = member(doc, "links"); links != nullptr && links->IsArray()) {
    for (const auto& link : links->GetArray()) {
      const rapidjson::Value* from = member(link, "source");
      const rapidjson::Value* to = member(link, "target");
      if (from == nullptr || to == nullptr) continue;
      auto from_entity = entity_by_id.find(id_key(*from));
      auto to_entity = entity_by_id.find(id_key(*to));
      if (from_entity == entity_by_id.end() || to_entity == entity_by_id.end()) continue;
      ScoredRelation relation;
      relation.type = string_or(member(link, "type"), "");
      relation.source_id = id_key(*from);
      relation.target_id = id_key(*to);
      relation.source_names = scored.entities[from_entity->second].names;
      relation.target_names = scored.entities[to_entity->second].names;
      relation.sources = sources_of(member(link, "evidence"));
      scored.relations.push_back(std::move(relation));
    }
  }
  return scored;
}

ScoredGraph read_node_link_file(const std::string& path) {
  return parse_node_link(eval_detail::read_whole_file(path), path);
}

}  // namespace kg
