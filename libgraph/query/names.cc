// query/names.cc owns how a name the user types finds an entity: both sides
// go through the same normalisation, so 張小軍, 张小军 and "张 小军" all meet.
#include <algorithm>
#include <memory>
#include <set>

#include <unicode/uchar.h>

#include "core/utf8.h"
#include "query/query.h"
#include "text/text.h"

namespace kg {
namespace {

// Book-title marks wrap names in news (《条例》) but carry no Quotation_Mark
// property, so they are listed here.
bool is_wrapping_mark(char32_t c) {
  return c == U'《' || c == U'》' || c == U'〈' || c == U'〉' ||
         u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_QUOTATION_MARK);
}

std::string describe(const KnowledgeGraph& graph, Vertex v) {
  const EntityProps& e = graph.g[v];
  return e.name + " (" + std::string(to_string(e.type)) + ", " + e.id + ")";
}

[[noreturn]] void ambiguous(const KnowledgeGraph& graph, std::string_view name, const std::vector<Vertex>& matches) {
  std::vector<std::string> candidates;
  candidates.reserve(matches.size());
  for (Vertex v : matches) candidates.push_back(describe(graph, v));
  std::sort(candidates.begin(), candidates.end());
  std::string message = "entity name '" + std::string(name) + "' is ambiguous; it matches:";
  for (const auto& c : candidates) message += "\n  " + c;
  throw EntityLookupError(message, std::move(candidates));
}

}  // namespace

EntityLookupError::EntityLookupError(const std::string& message, std::vector<std::string> candidates)
    : std::runtime_error(message), candidates_(std::move(candidates)) {}

std::string normalise_name(std::string_view name) {
  // The shared name key, then what a person typing may add: other quotation
  // marks, any white space, letter case.
  const std::u32string keyed = to_u32(name_key(name));
  std::u32string kept;
  kept.reserve(keyed.size());
  for (char32_t c : keyed) {
    if (u_isUWhiteSpace(static_cast<UChar32>(c)) || is_wrapping_mark(c)) continue;
    kept.push_back(static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT)));
  }
  return to_utf8(kept);
}

Vertex find_entity(const KnowledgeGraph& graph, std::string_view name) {
  if (auto by_id = graph.find_by_id(std::string(name))) return *by_id;
  const std::string wanted = normalise_name(name);
  if (wanted.empty()) throw EntityLookupError("entity name '" + std::string(name) + "' is empty", {});

  std::vector<Vertex> by_name, by_alias, by_part;
  for (const Vertex v : boost::make_iterator_range(boost::vertices(graph.g))) {
    const EntityProps& entity = graph.g[v];
    const std::string own = normalise_name(entity.name);
    if (own == wanted) {
      by_name.push_back(v);
      continue;
    }
    bool alias_exact = false, contains = own.find(wanted) != std::string::npos;
    for (const auto& alias : entity.aliases) {
      const std::string form = normalise_name(alias);
      if (form == wanted) alias_exact = true;
      else if (form.find(wanted) != std::string::npos) contains = true;
    }
    if (alias_exact) by_alias.push_back(v);
    else if (contains) by_part.push_back(v);
  }
  for (const auto* matches : {&by_name, &by_alias, &by_part}) {
    if (matches->size() == 1) return matches->front();
    if (matches->size() > 1) ambiguous(graph, name, *matches);
  }
  throw EntityLookupError("no entity is named '" + std::string(name) + "'", {});
}

}  // namespace kg
