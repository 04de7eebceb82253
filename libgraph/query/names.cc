// query/names.cc owns what a name the user types resolves to in a question:
// one entity, or an error listing the candidates. Matching itself is
// graph/names.h, the same for query, export and report.
#include <algorithm>

#include "graph/names.h"
#include "query/query.h"

namespace kg {
namespace {

[[noreturn]] void ambiguous(std::string_view name, const std::vector<EntitySummary>& matches) {
  std::vector<std::string> candidates;
  candidates.reserve(matches.size());
  for (const EntitySummary& e : matches) candidates.push_back(e.name + " (" + std::string(to_string(e.type)) + ", " + e.id + ")");
  std::sort(candidates.begin(), candidates.end());
  std::string message = "entity name '" + std::string(name) + "' is ambiguous; it matches:";
  for (const auto& c : candidates) message += "\n  " + c;
  throw EntityLookupError(message, std::move(candidates));
}

}  // namespace

EntityLookupError::EntityLookupError(const std::string& message, std::vector<std::string> candidates)
    : std::runtime_error(message), candidates_(std::move(candidates)) {}

std::string normalise_name(std::string_view name) { return lookup_key(name); }

EntitySummary find_entity(const GraphSource& source, std::string_view name) {
  if (lookup_key(name).empty() && !source.entity_by_id(name))
    throw EntityLookupError("entity name '" + std::string(name) + "' is empty", {});
  NameMatches matches = match_name(source, name);
  if (matches.entities.size() == 1) return std::move(matches.entities.front());
  if (matches.entities.size() > 1) ambiguous(name, matches.entities);
  throw EntityLookupError("no entity is named '" + std::string(name) + "'", {});
}

Vertex find_entity(const KnowledgeGraph& graph, std::string_view name) {
  const KnowledgeGraphSource source(graph);
  return source.vertex(find_entity(source, name).ref);
}

}  // namespace kg
