// graph/names.cc owns the lookup key of a name and matching a typed name
// against a GraphSource, tier by tier.
#include "graph/names.h"

#include <unicode/uchar.h>

#include "core/utf8.h"
#include "text/text.h"

namespace kg {
namespace {

// Book-title marks wrap names in news (《条例》) but carry no Quotation_Mark
// property, so they are listed here.
bool is_wrapping_mark(char32_t c) {
  return c == U'《' || c == U'》' || c == U'〈' || c == U'〉' ||
         u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_QUOTATION_MARK);
}

}  // namespace

std::string lookup_key(std::string_view name) {
  std::string keyed = name_key(name);
  std::u32string kept;
  const std::u32string code_points = to_u32(keyed);
  kept.reserve(code_points.size());
  bool changed = false;
  for (char32_t c : code_points) {
    if (u_isUWhiteSpace(static_cast<UChar32>(c)) || is_wrapping_mark(c)) {
      changed = true;
      continue;
    }
    const auto folded = static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT));
    changed |= folded != c;
    kept.push_back(folded);
  }
  return changed ? to_utf8(kept) : keyed;
}

NameMatches match_name(const GraphSource& source, std::string_view name) {
  NameMatches matches;
  if (auto by_id = source.entity_by_id(name)) {
    matches.tier = NameTier::name;
    matches.entities.push_back(std::move(*by_id));
    return matches;
  }
  const std::string key = lookup_key(name);
  if (key.empty()) return matches;
  for (NameTier tier : {NameTier::name, NameTier::alias, NameTier::part}) {
    matches.tier = tier;
    matches.entities = source.entities_by_key(key, tier);
    if (!matches.entities.empty()) return matches;
  }
  return matches;
}

}  // namespace kg
