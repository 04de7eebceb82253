// eval/normalize.cc owns the name key of scoring: NFKC (ICU), traditional ->
// simplified (the text stage's converter), then the strip set of score.py.
#include <algorithm>
#include <memory>

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "core/utf8.h"
#include "eval/eval.h"
#include "eval/json_input.h"
#include "text/text.h"

namespace kg {
namespace {

bool is_stripped(char32_t c) {
  switch (c) {
    case U' ': case U'\t': case U'\r': case U'\n': case U'\u3000':
    case U'\u201C': case U'\u201D': case U'\u2018': case U'\u2019':  // “”‘’
    case U'"': case U'\'':
    case U'\u300A': case U'\u300B':  // 《》
    case U'\u300C': case U'\u300D': case U'\u300E': case U'\u300F':  // 「」『』
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string normalize_name(std::string_view name) {
  if (name.empty()) return {};
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  std::string folded;
  if (U_SUCCESS(status)) {
    const icu::UnicodeString source = icu::UnicodeString::fromUTF8(
        icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
    const icu::UnicodeString normalized = nfkc->normalize(source, status);
    if (U_SUCCESS(status)) normalized.toUTF8String(folded);
  }
  if (!U_SUCCESS(status)) folded.assign(name);  // ICU data missing: compare as written
  std::u32string simplified = to_simplified(to_u32(folded));
  std::erase_if(simplified, is_stripped);
  return to_utf8(simplified);
}

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
