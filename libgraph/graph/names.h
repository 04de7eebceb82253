// graph/names.h owns how a name finds an entity, the one way for every
// stage: resolution groups records by the same key, the store indexes it,
// `kg query`, `kg export --around` and `kg report --entity` look names up
// through it, so they cannot disagree.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "graph/source.h"

namespace kg {

// The key names are compared by: the text stage's name key (NFKC,
// traditional -> simplified, white space and quotation marks removed), then
// what a person typing may add or leave out: any other white space or
// quotation mark, letter case. 張小軍, 张小军 and “张 小军” share one key.
// Idempotent: lookup_key(lookup_key(x)) == lookup_key(x).
std::string lookup_key(std::string_view name);

struct NameMatches {
  NameTier tier = NameTier::name;
  std::vector<EntitySummary> entities;  // empty: no match at all
};

// The entities a user means by `name`, at the best tier that matches
// anything: an entity id ("e..."), else the key of the shown name, else of
// another spelling or alias, else a name or alias that contains the key.
NameMatches match_name(const GraphSource& source, std::string_view name);

}  // namespace kg
