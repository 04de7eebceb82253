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

// Whether `utf8` is CJK unified ideographs only (U+4E00..U+9FFF, three bytes
// each), as most names are: none of them is a space or a wrapping mark or
// folds to another character, so such a name key is its own lookup key
// without decoding it and asking ICU about every character (that was half
// of the main thread's share of resolution while a build reads files).
bool only_unified_ideographs(std::string_view utf8) {
  if (utf8.size() % 3 != 0) return false;
  for (std::size_t i = 0; i < utf8.size(); i += 3) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
    const auto second = static_cast<unsigned char>(utf8[i + 1]), third = static_cast<unsigned char>(utf8[i + 2]);
    if (lead < 0xE4 || lead > 0xE9 || (second & 0xC0) != 0x80 || (third & 0xC0) != 0x80) return false;
    if (lead == 0xE4 && second < 0xB8) return false;  // below U+4E00
  }
  return true;
}

}  // namespace

std::string lookup_key(std::string_view name) {
  std::string keyed = name_key(name);
  if (only_unified_ideographs(keyed)) return keyed;
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
