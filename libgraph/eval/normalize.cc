// eval/normalize.cc: the name key of scoring is the text stage's name_key,
// which folds exactly as score.py does; here the name lists built from it.
#include <algorithm>
#include <memory>

#include "core/utf8.h"
#include "eval/eval.h"
#include "eval/json_input.h"
#include "text/text.h"

namespace kg {
std::string normalize_name(std::string_view name) { return name_key(name); }

namespace eval_detail {

std::vector<std::string> normalized_names(std::string_view name,
                                          const std::vector<std::string>& aliases) {
  std::vector<std::string> names;
  names.reserve(aliases.size() + 1);
  names.push_back(normalize_name(name));
  for (const std::string& alias : aliases) names.push_back(normalize_name(alias));
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  std::erase(names, std::string());
  return names;
}

}  // namespace eval_detail
}  // namespace kg
