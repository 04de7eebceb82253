// text/normalize.cc owns the character-level clean-up: NFKC (per run of
// characters between normalisation boundaries, so each output character maps
// to the byte range of the inputs it came from), dropping invisible and
// control characters, and removing pinyin glosses written after Han
// characters: 區(qū) -> 區, while (大桥镇), (GaN), (以下简称…) stay.
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "text/internal.h"

namespace kg::text_detail {
namespace {

const icu::Normalizer2& nfkc() {
  static const icu::Normalizer2* instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status) || n == nullptr) throw std::runtime_error("ICU NFKC normalizer unavailable");
    return n;
  }();
  return *instance;
}

// BMP characters NFKC leaves alone whatever surrounds them, looked up in a
// bit table instead of asking ICU for every character of every file.
const std::vector<bool>& inert_bmp() {
  static const std::vector<bool> table = [] {
    std::vector<bool> t(0x10000);
    const icu::Normalizer2& n = nfkc();
    for (UChar32 c = 0; c < 0x10000; ++c) t[static_cast<std::size_t>(c)] = n.isInert(c) != 0;
    return t;
  }();
  return table;
}

// What NFKC makes of a BMP character that is not inert when it stands alone
// (its segment is itself), if that is one character (full-width forms, the
// ideographic space ...), else 0: most of those in news are full-width
// punctuation, and asking ICU for each cost more than the rest of the step.
const std::vector<char32_t>& alone_bmp() {
  static const std::vector<char32_t> table = [] {
    std::vector<char32_t> t(0x10000, 0);
    const icu::Normalizer2& n = nfkc();
    const std::vector<bool>& inert = inert_bmp();
    icu::UnicodeString in, out;
    for (UChar32 c = 0; c < 0x10000; ++c) {
      if (inert[static_cast<std::size_t>(c)] || U16_IS_SURROGATE(c)) continue;
      in.remove();
      in.append(c);
      UErrorCode status = U_ZERO_ERROR;
      out = n.normalize(in, status);
      if (U_SUCCESS(status) && out.countChar32() == 1) t[static_cast<std::size_t>(c)] = static_cast<char32_t>(out.char32At(0));
    }
    return t;
  }();
  return table;
}

bool is_dropped(char32_t c) {
  return c == 0x00AD || (c >= 0x200B && c <= 0x200F) || c == 0x2060 || c == 0xFEFF ||
         (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v') || c == 0x7F;
}

// How each BMP character comes out of apply_nfkc when it is not part of a
// longer segment: kAsIs, itself whatever follows (inert, not dropped, not a
// tab); kAsIsBeforeBase, itself when the next character is below U+0300 (an
// ASCII character no combining mark follows); kOther, ask further.
enum : std::uint8_t { kOther = 0, kAsIs = 1, kAsIsBeforeBase = 2 };
const std::vector<std::uint8_t>& kept_bmp() {
  static const std::vector<std::uint8_t> table = [] {
    std::vector<std::uint8_t> t(0x10000, kOther);
    const std::vector<bool>& inert = inert_bmp();
    for (char32_t c = 0; c < 0x10000; ++c) {
      if (is_dropped(c) || c == '\t') continue;
      if (inert[c]) t[c] = kAsIs;
      else if (c < 0x80) t[c] = kAsIsBeforeBase;
    }
    return t;
  }();
  return table;
}

// Tone-marked vowels (NFKC composes them) and their plain letter.
char toneless(char32_t c) {
  if (c >= 'a' && c <= 'z') return static_cast<char>(c);
  switch (c) {
    case U'ā': case U'á': case U'ǎ': case U'à': return 'a';
    case U'ē': case U'é': case U'ě': case U'è': return 'e';
    case U'ī': case U'í': case U'ǐ': case U'ì': return 'i';
    case U'ō': case U'ó': case U'ǒ': case U'ò': return 'o';
    case U'ū': case U'ú': case U'ǔ': case U'ù': return 'u';
    case U'ǖ': case U'ǘ': case U'ǚ': case U'ǜ': case U'ü': return 'v';
    case U'ń': case U'ň': case U'ǹ': return 'n';
    case U'ḿ': return 'm';
    default: return 0;
  }
}

// Lower-case letters as a number, five bits each (at most 12 letters).
std::uint64_t letters_code(std::string_view letters) {
  std::uint64_t code = 0;
  for (char c : letters) code = (code << 5) | static_cast<std::uint64_t>(c - 'a' + 1);
  return code;
}

// The initials and finals of Hanyu Pinyin (the 1958 scheme, GB/T 16159;
// v for ü), and the interjection syllables m, n, ng, hm, hng. They are the
// closed sound system of Mandarin, not vocabulary: nothing a reader of news
// would extend, and a gloss is matched against every combination, so they
// stay in the code rather than in lexicons/text/.
bool is_syllable(std::string_view s) {
  static constexpr std::array<std::string_view, 23> kInitials = {
      "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g",
      "k",  "h",  "j",  "q", "x", "r", "z", "c", "s", "y", "w"};
  static constexpr std::array<std::string_view, 36> kFinals = {
      "a",   "o",   "e",    "ai",   "ei",  "ao",  "ou",  "an",  "en",  "ang", "eng", "ong",
      "er",  "i",   "ia",   "ie",   "iao", "iu",  "ian", "in",  "iang", "ing", "iong", "u",
      "ua",  "uo",  "uai",  "ui",   "uan", "un",  "uang", "v",  "ve",  "ue",  "van", "vn"};
  // Every combination, spelt out once as a number (five bits a letter) in a
  // sorted list: a file in traditional script asks about a gloss after many
  // of its characters, and hashing strings was a visible share of its time.
  static const std::vector<std::uint64_t> kSyllables = [] {
    std::vector<std::uint64_t> all;
    for (std::string_view word : {"m", "n", "ng", "hm", "hng"}) all.push_back(letters_code(word));
    for (std::string_view final : kFinals) {
      all.push_back(letters_code(final));
      for (std::string_view initial : kInitials)
        all.push_back(letters_code(std::string(initial) + std::string(final)));
    }
    std::sort(all.begin(), all.end());
    return all;
  }();
  return !s.empty() && std::binary_search(kSyllables.begin(), kSyllables.end(), letters_code(s));
}

}  // namespace

bool is_space(char32_t c) {
  return c == ' ' || c == '\t' || c == 0xA0 || c == 0x3000 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x202F || c == 0x205F;
}

// A gloss is 1-7 pinyin letters; it must carry a tone mark or (unless a tone
// is required) spell a pinyin syllable of two letters or more.
bool is_pinyin_gloss(std::u32string_view letters, bool require_tone) {
  if (letters.empty() || letters.size() > 7) return false;
  char plain[8];
  bool toned = false;
  for (std::size_t i = 0; i < letters.size(); ++i) {
    const char p = toneless(letters[i]);
    if (p == 0) return false;
    if (letters[i] > 0x7F) toned = true;
    plain[i] = p;
  }
  std::string_view s(plain, letters.size());
  const bool syllable = is_syllable(s) || (s.size() > 1 && s.back() == 'r' && is_syllable(s.substr(0, s.size() - 1)));
  if (toned) return syllable;
  return !require_tone && s.size() >= 2 && syllable;
}

std::u32string nfkc_of(std::u32string_view text) {
  icu::UnicodeString in, out;
  for (char32_t c : text) in.append(static_cast<UChar32>(c));
  UErrorCode status = U_ZERO_ERROR;
  out = nfkc().normalize(in, status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU NFKC normalisation failed");
  std::u32string result;
  for (int32_t k = 0; k < out.length();) {
    const UChar32 cp = out.char32At(k);
    k += U16_LENGTH(cp);
    result.push_back(static_cast<char32_t>(cp));
  }
  return result;
}

namespace {

// NFKC, control and zero-width characters dropped, tabs made spaces.
void apply_nfkc(CharStream& chars) {
  const icu::Normalizer2& norm = nfkc();
  const std::vector<bool>& inert = inert_bmp();
  const std::vector<char32_t>& alone = alone_bmp();
  const std::size_t n = chars.size();
  // In place: NFKC almost never makes more characters than it reads, so the
  // characters are written back over the ones already read. Only when a
  // segment's output would overtake what is still to read (… -> ... right
  // at the start of a file) does the rest go to a copy. A copy of every file
  // was a third of this step's time.
  char32_t* text = chars.text.data();
  Span* raw = chars.raw.data();
  std::uint8_t* flags = chars.flags.data();
  std::size_t w = 0;  // characters written in place, w <= i
  CharStream spill;
  bool spilled = false;
  auto put = [&](char32_t c, Span r, std::uint8_t f) {
    if (spilled) {
      spill.push(c, r, f);
      return;
    }
    text[w] = c;
    raw[w] = r;
    flags[w] = f;
    ++w;
  };
  icu::UnicodeString segment, normalized;
  const std::vector<std::uint8_t>& kept = kept_bmp();
  std::size_t i = 0;
  while (i < n) {
    // A run NFKC leaves as it is, nearly all of a text: moved down over what
    // was dropped before it, else not written at all (a check and a write of
    // every character of every file was most of this step's time).
    if (!spilled) {
      std::size_t k = i;
      for (; k < n && text[k] < 0x10000; ++k) {
        const std::uint8_t kind = kept[text[k]];
        if (kind != kAsIs && !(kind == kAsIsBeforeBase && (k + 1 >= n || text[k + 1] < 0x300))) break;
      }
      if (k > i) {
        if (w != i) {
          std::memmove(text + w, text + i, (k - i) * sizeof *text);
          std::memmove(raw + w, raw + i, (k - i) * sizeof *raw);
          std::memmove(flags + w, flags + i, (k - i) * sizeof *flags);
        }
        w += k - i;
        i = k;
        continue;
      }
    }
    const char32_t c = text[i];
    if (is_dropped(c)) {
      ++i;
      continue;
    }
    const bool next_is_base = i + 1 >= n || text[i + 1] < 0x300;
    if ((c < 0x80 && next_is_base) || (c < 0x10000 && inert[c])) {
      put(c == '\t' ? U' ' : c, raw[i], flags[i]);
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    while (j < n && !norm.hasBoundaryBefore(static_cast<UChar32>(text[j]))) ++j;
    if (j == i + 1 && c < 0x10000 && alone[c] != 0) {
      if (!is_dropped(alone[c])) put(alone[c], raw[i], flags[i]);
      i = j;
      continue;
    }
    segment.remove();
    Span range = raw[i];
    std::uint8_t segment_flags = 0;
    for (std::size_t k = i; k < j; ++k) {
      segment.append(static_cast<UChar32>(text[k]));
      range.begin = std::min(range.begin, raw[k].begin);
      range.end = std::max(range.end, raw[k].end);
      segment_flags = static_cast<std::uint8_t>(segment_flags | flags[k]);
    }
    UErrorCode status = U_ZERO_ERROR;
    normalized = norm.normalize(segment, status);
    if (U_FAILURE(status)) normalized = segment;
    if (!spilled && w + static_cast<std::size_t>(normalized.length()) > j) {
      // Room for what was written, the rest of the text and the odd expansion.
      spill.reserve(n + n / 32 + 64);
      spill.text.assign(text, w);
      spill.raw.assign(raw, raw + w);
      spill.flags.assign(flags, flags + w);
      spilled = true;
    }
    for (int32_t k = 0; k < normalized.length();) {
      const UChar32 cp = normalized.char32At(k);
      k += U16_LENGTH(cp);
      if (!is_dropped(static_cast<char32_t>(cp))) put(static_cast<char32_t>(cp), range, segment_flags);
    }
    i = j;
  }
  if (spilled) {
    chars = std::move(spill);
  } else {
    chars.text.resize(w);
    chars.raw.resize(w);
    chars.flags.resize(w);
  }
}

}  // namespace

std::uint32_t normalize_and_strip_glosses(CharStream& chars) {
  apply_nfkc(chars);

  // Pinyin glosses, compacting in place. A '?' or U+FFFD followed by toned
  // pinyin and ')' is a gloss whose '(' was lost with the character before
  // it: the letters go, the '?' stays as a mark of the damage.
  std::uint32_t removed = 0;
  std::size_t w = 0;
  const std::size_t m = chars.size();
  auto& text = chars.text;
  for (std::size_t r = 0; r < m; ++r) {
    // Until a gloss is removed nothing moves: straight to the next character
    // that may open one.
    if (w == r) {
      while (r < m && text[r] != '(' && text[r] != '?' && text[r] != 0xFFFD) ++r;
      w = r;
      if (r == m) break;
    }
    const char32_t c = text[r];
    const bool paren = c == '(';
    const bool lost = c == '?' || c == 0xFFFD;
    if ((paren || lost) && w > 0) {
      const char32_t prev = text[w - 1];
      const bool after_char = is_han(prev) || is_damage_char(prev) || ((chars.flags[w - 1] & kFlagDamageAnchor) != 0) ||
                              (lost && (prev == '?' || prev == 0xFFFD));
      if (after_char) {
        std::size_t k = r + 1;
        while (k < m && k - r <= 8 && toneless(text[k]) != 0) ++k;
        const std::size_t letters_end = k;
        // 会(huì )议: pages typeset the gloss with a space before ')'.
        while (k < m && k - letters_end < 2 && is_space(text[k])) ++k;
        if (k < m && text[k] == ')' &&
            is_pinyin_gloss(std::u32string_view(text).substr(r + 1, letters_end - r - 1), lost)) {
          ++removed;
          if (paren) {
            chars.flags[w - 1] = static_cast<std::uint8_t>(chars.flags[w - 1] | kFlagGlossAfter);
          } else {
            text[w] = c;
            chars.raw[w] = chars.raw[r];
            chars.flags[w] = static_cast<std::uint8_t>(chars.flags[r] | kFlagDamageAnchor | kFlagGlossAfter);
            ++w;
          }
          r = k;
          continue;
        }
      }
    }
    if (w != r) {
      text[w] = c;
      chars.raw[w] = chars.raw[r];
      chars.flags[w] = chars.flags[r];
    }
    ++w;
  }
  text.resize(w);
  chars.raw.resize(w);
  chars.flags.resize(w);
  return removed;
}

}  // namespace kg::text_detail
