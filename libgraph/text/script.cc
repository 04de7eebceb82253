// text/script.cc owns the character classes the text stage judges a
// decoding by: Han characters, the frequent characters of news prose
// (lexicons/text/common_chars.txt, and their traditional forms), and the
// 3755 characters of GB2312 level 1, the most frequent of written Chinese
// (and their traditional forms). A decoding that reads as Chinese is made
// mostly of these; random bytes read in a legacy encoding are not. Which script a text is written in and the
// conversion itself belong to opencc.cc.
#include <unicode/ucnv.h>

#include <memory>
#include <stdexcept>
#include <vector>

#include "text/internal.h"
#include "text/text.h"

namespace kg::text_detail {
namespace {

enum ScriptFlag : std::uint8_t { kCommon = 1, kFrequent = 2 };

struct ScriptTables {
  std::vector<std::uint8_t> flags = std::vector<std::uint8_t>(0x10000, 0);
  // Per BMP character, what oddness adds for it, and how plausibility counts
  // it (kSkipped, kSeen, kGood): both ask of every character of each trial
  // decoding, and a lookup costs less than their chains of range tests.
  std::vector<std::int8_t> odd = std::vector<std::int8_t>(0x10000, 0);
  std::vector<std::uint8_t> kind = std::vector<std::uint8_t>(0x10000, 0);
};

enum PlausibleKind : std::uint8_t { kSkipped = 0, kSeen = 1, kGood = 2 };

// The rules of oddness and plausibility for one character (the tables hold
// them for the BMP).
int odd_score(char32_t c, std::uint8_t flags);
PlausibleKind plausible_kind(char32_t c, std::uint8_t flags);

// Marks GB2312 level 1 (rows 16-55, lead bytes 0xB0-0xD7), the 3755 most
// frequent characters of written Chinese.
void mark_gb2312_level1(ScriptTables& tables) {
  std::string pairs;
  pairs.reserve(40 * 94 * 2);
  for (int lead = 0xB0; lead <= 0xD7; ++lead)
    for (int trail = 0xA1; trail <= 0xFE; ++trail) {
      pairs.push_back(static_cast<char>(lead));
      pairs.push_back(static_cast<char>(trail));
    }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, void (*)(UConverter*)> cnv(ucnv_open("EUC-CN", &status), ucnv_close);
  if (U_FAILURE(status)) throw std::runtime_error("ICU EUC-CN converter unavailable");
  std::vector<UChar> out(pairs.size() + 16);
  const int32_t len = ucnv_toUChars(cnv.get(), out.data(), static_cast<int32_t>(out.size()), pairs.data(),
                                    static_cast<int32_t>(pairs.size()), &status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU EUC-CN conversion failed");
  for (int32_t i = 0; i < len; ++i) {
    const UChar c = out[static_cast<std::size_t>(i)];
    if (c != 0xFFFD && c != 0x1A) tables.flags[c] |= kFrequent;
  }
}

const ScriptTables& tables() {
  static const ScriptTables built = [] {
    ScriptTables t;
    mark_gb2312_level1(t);
    for (char32_t c : text_lexicons().common_chars)
      if (c < 0x10000) t.flags[c] |= kCommon;
    // A traditional form counts as its simplified form does.
    for (char32_t c = 0x3400; c < 0x10000; ++c) {
      const char32_t s = t2s_char(c);
      if (s == c || s >= 0x10000) continue;
      t.flags[c] |= static_cast<std::uint8_t>(t.flags[s] & (kCommon | kFrequent));
    }
    for (char32_t c = 0; c < 0x10000; ++c) {
      t.odd[c] = static_cast<std::int8_t>(odd_score(c, t.flags[c]));
      t.kind[c] = plausible_kind(c, t.flags[c]);
    }
    return t;
  }();
  return built;
}

}  // namespace

bool is_han(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x3134F);
}

namespace {

int odd_score(char32_t c, std::uint8_t flags) {
  if (c < 0x80) return 0;
  if (c == 0xFFFD) return 8;
  if (c < 0x10000 && (flags & kCommon)) return -1;
  if (is_han(c)) return 1;
  if ((c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x2010 && c <= 0x206F) || c == 0xA0 ||
      c == 0xB7)
    return 0;
  return 3;  // kana, Cyrillic, box drawing, private use ... in a Chinese file
}

PlausibleKind plausible_kind(char32_t c, std::uint8_t flags) {
  if (c <= 0x20 || c == 0x3000 || c == 0xA0) return kSkipped;
  if (c < 0x7F || (c < 0x10000 && (flags & (kCommon | kFrequent))) || (c >= 0x3001 && c <= 0x303F) ||
      (c >= 0xFF01 && c <= 0xFFEF) || (c >= 0x2010 && c <= 0x206F) || (c >= 0xC0 && c <= 0x24F) || c == 0xB7)
    return kGood;
  return kSeen;
}

}  // namespace

long oddness(std::u32string_view text) {
  const ScriptTables& t = tables();
  const std::int8_t* odd = t.odd.data();
  long score = 0;
  for (char32_t c : text) score += c < 0x10000 ? odd[c] : odd_score(c, 0);
  return score;
}

double plausibility(std::u32string_view text) {
  const ScriptTables& t = tables();
  const std::uint8_t* kind = t.kind.data();
  std::size_t good = 0, seen = 0;
  for (char32_t c : text) {
    const std::uint8_t k = c < 0x10000 ? kind[c] : static_cast<std::uint8_t>(plausible_kind(c, 0));
    seen += k != kSkipped;
    good += k == kGood;
  }
  return seen == 0 ? 1.0 : static_cast<double>(good) / static_cast<double>(seen);
}

}  // namespace kg::text_detail
