// text/name_key.cc owns the key two names are compared by across kg: the
// same folding the gold scorer applies (NFKC, traditional -> simplified,
// white space and quotation marks removed). Resolution, queries, exports and
// evaluation all match names through it, so they can never disagree.
#include <algorithm>

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "core/utf8.h"
#include "text/text.h"

namespace kg {
namespace {

bool is_stripped(char32_t c) {
  switch (c) {
    case U' ': case U'\t': case U'\r': case U'\n': case U'\u3000':
    case U'\u201C': case U'\u201D': case U'\u2018': case U'\u2019':  // “”‘’
    case U'"': case U'\'':
    case U'\u300A': case U'\u300B':                                  // 《》
    case U'\u300C': case U'\u300D': case U'\u300E': case U'\u300F':  // 「」『』
      return true;
    default:
      return false;
  }
}

// Unified ideographs and ASCII letters and digits are stable under NFKC:
// most names need no trip through ICU.
bool nfkc_stable(const std::u32string& text) {
  return std::all_of(text.begin(), text.end(), [](char32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z') ||
           (c >= U'a' && c <= U'z');
  });
}

}  // namespace

std::string name_key(std::string_view name) {
  if (name.empty()) return {};
  std::u32string text = to_u32(name);
  if (!nfkc_stable(text)) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    if (U_SUCCESS(status)) {
      const icu::UnicodeString normal = nfkc->normalize(
          icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), static_cast<int32_t>(name.size()))), status);
      std::string utf8;
      if (U_SUCCESS(status)) {
        normal.toUTF8String(utf8);
        text = to_u32(utf8);
      }
    }  // Without ICU data the name is compared as written.
  }
  std::u32string key = to_simplified(text);
  std::erase_if(key, is_stripped);
  return to_utf8(key);
}

}  // namespace kg
