// text/sentences.cc owns sentence boundaries and damaged-run detection on a
// finished document text. Sentences come from ICU's sentence BreakIterator
// (one prototype, cloned once per thread), adjusted for Chinese: a boundary
// inside a matched quotation pair (“…。…”) is dropped so that quoted speech
// stays with the sentence that carries it.
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <new>
#include <stdexcept>

#include "text/internal.h"

namespace kg::text_detail {
namespace {

// Quotations longer than this may be broken inside: better several
// sentences than one that runs over a page because a quote never closed.
constexpr std::uint32_t kLongestQuote = 400;

icu::BreakIterator& sentence_iterator() {
  static const std::unique_ptr<icu::BreakIterator> prototype = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createSentenceInstance(icu::Locale::getChinese(), status));
    if (U_FAILURE(status) || !it) throw std::runtime_error("ICU sentence break iterator unavailable");
    return it;
  }();
  thread_local std::unique_ptr<icu::BreakIterator> mine(prototype->clone());
  return *mine;
}

char32_t closing_of(char32_t open) {
  switch (open) {
    case U'“': return U'”';
    case U'「': return U'」';
    case U'『': return U'』';
    default: return 0;
  }
}

}  // namespace

void split_sentences(std::u32string_view text, Span para, std::vector<Span>& out) {
  if (para.empty()) return;
  const std::u32string_view p = text.substr(para.begin, para.size());
  // UTF-16 for ICU, written straight into a per-thread buffer, in the one
  // pass that also notes whether the paragraph opens a quotation: most
  // paragraphs have no character beyond the BMP and no quotation, and then
  // nothing else reads them (a pass for each was a fifth of the time of
  // splitting, ICU's included).
  thread_local icu::UnicodeString units;
  UChar* buffer = units.getBuffer(static_cast<int32_t>(p.size() * 2 + 1));
  if (buffer == nullptr) throw std::bad_alloc();
  int32_t length = 0;
  bool opens_quote = false;
  for (const char32_t c : p) {
    if (c <= 0xFFFF) {
      buffer[length++] = static_cast<UChar>(c);
    } else {
      buffer[length++] = U16_LEAD(c);
      buffer[length++] = U16_TRAIL(c);
    }
    opens_quote |= closing_of(c) != 0;
  }
  units.releaseBuffer(length);
  const bool bmp_only = static_cast<std::size_t>(length) == p.size();
  // Per-thread lists, emptied for each paragraph but keeping their memory.
  thread_local std::vector<std::uint32_t> unit_to_cp;  // only filled when a surrogate pair occurs
  unit_to_cp.clear();
  if (!bmp_only) {
    unit_to_cp.reserve(static_cast<std::size_t>(length) + 1);
    for (std::size_t i = 0; i < p.size(); ++i) {
      unit_to_cp.push_back(static_cast<std::uint32_t>(i));
      if (p[i] > 0xFFFF) unit_to_cp.push_back(static_cast<std::uint32_t>(i));
    }
    unit_to_cp.push_back(static_cast<std::uint32_t>(p.size()));
  }

  // Matched quotation pairs, as [open, close] code-point intervals (none
  // without an opening mark: a closer alone matches nothing).
  thread_local std::vector<std::pair<std::uint32_t, std::uint32_t>> quotes;
  thread_local std::vector<std::pair<char32_t, std::uint32_t>> open;
  quotes.clear();
  open.clear();
  for (std::uint32_t i = 0; opens_quote && i < p.size(); ++i) {
    const char32_t c = p[i];
    if (closing_of(c) != 0) {
      open.emplace_back(closing_of(c), i);
    } else if (!open.empty() && c == open.back().first) {
      if (i - open.back().second <= kLongestQuote) quotes.emplace_back(open.back().second, i);
      open.pop_back();
    } else if (c == U'”' || c == U'」' || c == U'』') {
      // A closer with no opener of its kind on top: drop unmatched openers.
      while (!open.empty() && open.back().first != c) open.pop_back();
      if (!open.empty()) {
        if (i - open.back().second <= kLongestQuote) quotes.emplace_back(open.back().second, i);
        open.pop_back();
      }
    }
  }
  std::sort(quotes.begin(), quotes.end());
  auto inside_quote = [&](std::uint32_t at) {
    auto it = std::upper_bound(quotes.begin(), quotes.end(), std::make_pair(at, UINT32_MAX));
    // Nested pairs: check the few intervals that start before `at`.
    for (int look = 0; it != quotes.begin() && look < 4; ++look) {
      --it;
      if (it->first < at && at <= it->second) return true;
    }
    return false;
  };

  icu::BreakIterator& it = sentence_iterator();
  it.setText(units);
  std::uint32_t start = 0;
  for (int32_t b = it.next(); b != icu::BreakIterator::DONE; b = it.next()) {
    const std::uint32_t at = bmp_only ? static_cast<std::uint32_t>(b) : unit_to_cp[static_cast<std::size_t>(b)];
    if (at >= p.size()) break;
    if (at <= start || inside_quote(at)) continue;
    out.push_back(Span{para.begin + start, para.begin + at});
    start = at;
  }
  out.push_back(Span{para.begin + start, para.end});
  it.setText(icu::UnicodeString());  // drop the reference to `units`
  if (units.length() > (1 << 20)) {  // do not keep a huge buffer
    units = icu::UnicodeString();
    std::vector<std::uint32_t>().swap(unit_to_cp);
  }
}

std::vector<Span> find_damaged(std::u32string_view text, const std::vector<std::uint8_t>& flags) {
  auto is_anchor = [&](std::size_t i) {
    if (is_damage_char(text[i]) || (flags[i] & kFlagDamageAnchor)) return true;
    // "??" between Chinese characters: characters an encoder could not map.
    if (text[i] != '?') return false;
    const bool pair = (i + 1 < text.size() && text[i + 1] == '?') || (i > 0 && text[i - 1] == '?');
    const bool han_near = (i > 0 && is_han(text[i - 1])) || (i + 1 < text.size() && is_han(text[i + 1])) ||
                          (i > 1 && is_han(text[i - 2])) || (i + 2 < text.size() && is_han(text[i + 2]));
    return pair && han_near;
  };
  // Anchors at most this many Chinese characters apart belong to one run:
  // the characters between them are what a wrong decoding made of the text.
  constexpr std::size_t kGap = 5;
  std::vector<Span> runs;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!is_anchor(i)) continue;
    std::size_t last = i;
    for (std::size_t j = i + 1; j < text.size() && j <= last + kGap + 1; ++j) {
      if (is_anchor(j)) last = j;
      else if (!is_han(text[j])) break;
    }
    runs.push_back(Span{static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(last + 1)});
    i = last;
  }
  return runs;
}

}  // namespace kg::text_detail
