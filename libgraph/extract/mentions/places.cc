// extract/mentions/places.cc: the place recogniser. Places come from the
// gazetteer (provinces, prefectures, counties and their short forms), or from
// a short core and a level suffix (南法信 + 镇); where the left edge is
// unclear (为南法信镇) the spelling the article uses cleanly elsewhere wins.
#include <algorithm>

#include "extract/chars.h"
#include "extract/mentions/scan.h"

namespace kg::extract {

using chars::is_han;

// 我镇, 该县, 本区: the article's own area, by its level (frames.tsv, home).
// A generic place that entities.cc resolves to the article's place of that level.
void MentionScan::find_home_references() {
  std::uint32_t next = 0;  // where the scan resumes, past a word taken
  for (const std::uint32_t i : s.opening(Lexicons::kScanFrameWords)) {
    if (i < next) continue;
    auto [len, roles] = s.frame_word(i);
    if (!(roles & kFrameHome)) continue;
    const FrameWord& word = lex.frame_info[*lex.frame_words.find(t.substr(i, len))];
    // 该镇党委, 我县政府: the level opens a body's short name, which the
    // organisation recogniser takes (with its demonstrative as an alias).
    bool opens_body = false;
    for (std::uint32_t e = i + len + 1; e <= i + len + 6 && e <= t.size() && !opens_body; ++e) {
      const std::uint32_t suffix = lex.org_suffixes.longest(t, e).first;
      opens_body = suffix > 0 && e - suffix <= i + len && e - suffix > i;
    }
    if (opens_body) {
      next = i + len;
      continue;
    }
    if (word.home_level != U"园区") {
      Candidate c;
      c.begin = i;
      c.end = i + len;
      c.type = EntityType::Place;
      c.name = word.home_level;
      c.generic = true;
      c.source = Source::Declared;
      place_end[c.end] = 1;
      add(std::move(c));
    }
    next = i + len;
  }
}

void MentionScan::find_gazetteer_places() {
  std::uint32_t i = 0;  // where the scan resumes: a place found is not looked into
  for (const std::uint32_t opening : s.opening(Lexicons::kScanPlaces)) {
    if (opening < i) continue;
    i = opening;
    auto [len, idx] = lex.places.longest(t, i);
    // 和县 after a noun is "and the county": a two-character name that starts
    // with a function character needs a clear left edge.
    if (len == 2 && i > 0 && is_han(t[i - 1]) && boundary_ends_at(lex, t, i + 1)) len = 0;
    if (len >= 2) {
      const PlaceInfo& info = lex.place_info[idx];
      // A short form (嘉兴) may run into a suffix that makes it another place (嘉兴市 is
      // in the trie too, so longest() already took it). A town's level right after
      // a short form (泰安镇, 余杭街道) makes it a town of that name, which the suffix
      // recogniser finds: the county it is not.
      const bool short_form = std::u32string_view(info.name) != t.substr(i, len);
      // A short form that is also an ordinary word (会同 of 会同县: "together
      // with") names the county only where the text says more.
      if (short_form && lex.common_words.find(t.substr(i, len))) {
        i += 1;
        continue;
      }
      if (short_form) {
        bool town_follows = false;
        for (std::uint32_t l = 1; l <= 2 && i + len + l <= t.size() && !town_follows; ++l) {
          auto level = lex.place_suffixes.find(t.substr(i + len, l));
          town_follows = level && static_cast<PlaceLevel>(*level) >= PlaceLevel::Town &&
                         static_cast<PlaceLevel>(*level) <= PlaceLevel::Community;
        }
        if (town_follows) {
          i += 1;
          continue;
        }
      }
      add_place(i, i + len, info.name, info.level, Source::Gazetteer);
      i += len;
    } else {
      ++i;
    }
  }
}

bool MentionScan::generic_place_word(std::u32string_view word) const {
  return lex.generic_terms.count(word) > 0;
}

void MentionScan::find_suffix_places() {
  place_cover.assign(t.size() + 1, 0);
  for (const auto& c : s.candidates)
    if (c.type == EntityType::Place)
      for (std::uint32_t k = c.begin; k < c.end; ++k) place_cover[k] = 1;
  for (const std::uint32_t last : s.opening(Lexicons::kScanPlaceSuffixes)) {
    const std::uint32_t e = last + 1;  // where a suffix ending with that character ends
    if (place_end[e] || place_cover[e - 1]) continue;
    lex.place_suffixes.match(t, e, scratch);
    for (auto [len, level_value] : scratch) {
      auto level = static_cast<PlaceLevel>(level_value);
      // Counties and above come from the gazetteer, except a county written
      // cleanly with a two-character core (桐岭县); groups and regions (组, 片区)
      // are too common as ordinary words.
      const bool county = level == PlaceLevel::County && len == 1 && t[e - 1] == U'县';
      if ((level < PlaceLevel::Town && !county) || level >= PlaceLevel::Group) continue;
      std::uint32_t sb = e - len;
      std::uint32_t b = sb;
      std::uint32_t core = 0;
      auto stops_core = [&](std::uint32_t at) {
        return !is_han(t[at - 1]) || place_end[at] || place_cover[at - 1] || boundary_ends_at(lex, t, at) ||
               lex.is_level_char(t[at - 1]) || lex.function_chars.count(t[at - 1]) > 0;
      };
      while (core < 3 && b > 0 && !stops_core(b)) {
        --b;
        ++core;
      }
      // A township whose name holds a level character (三乡镇): written with a
      // clean left edge, the level character is the end of a two-character core.
      bool level_in_core = false;
      if (core == 0 && sb >= 2 && lex.is_level_char(t[sb - 1]) && !stops_core(sb - 1) && (sb == 2 || stops_core(sb - 2))) {
        b = sb - 2;
        core = 2;
        level_in_core = true;
      }
      // 局面, 乡镇 after 上半年: an ordinary word overlaps the suffix (not where the
      // level character is the township's own, 三乡镇).
      if (!level_in_core && suffix_blocked(sb, e)) break;
      // Without a clear left edge the name is settled by the document's other
      // mentions (vote_place_names); take two characters for now.
      bool clean = b == 0 || stops_core(b);
      if (!clean && core == 3) {
        ++b;
        --core;
      }
      if (core < 2) continue;
      if (county && (core != 2 || !clean)) continue;
      if (!clean && lex.weak_suffixes.count(t.substr(sb, len))) continue;
      // 江一社区, 五一村 carry numerals; 一次强村 counts something.
      bool plain_core = true;
      for (std::uint32_t k = b; k < sb; ++k)
        plain_core = plain_core && !(lex.is_han_numeral(t[k]) && k + 1 < sb && lex.is_measure(t[k + 1])) &&
                     !boundary_ends_at(lex, t, k + 1);
      if (!plain_core) continue;
      std::u32string_view word = t.substr(b, e - b);
      if (generic_place_word(word) || (!level_in_core && generic_place_word(t.substr(e - len - 1, len + 1)))) continue;
      if (lex.generic_modifiers.longest(t, b).first > 0) continue;
      if (lex.is_measure(t[b]) && b > 0 && (chars::is_digit(t[b - 1]) || lex.is_han_numeral(t[b - 1]))) continue;
      clean_place.resize(s.candidates.size() + 1, 0);
      clean_place[s.candidates.size()] = clean ? 1 : 0;
      add_place(b, e, word, level, Source::Suffix);
      break;
    }
  }
}

// An article writes a place's name cleanly somewhere (南法信镇 after punctuation);
// an unclear occurrence (为南法信镇, 是指米庄镇) takes the clean spelling that fits.
void MentionScan::vote_place_names() {
  std::vector<std::u32string_view> clean_names;
  clean_names.reserve(std::min(s.candidates.size(), clean_place.size()));  // made once, not grown
  for (std::size_t k = 0; k < s.candidates.size() && k < clean_place.size(); ++k)
    if (clean_place[k] && s.candidates[k].type == EntityType::Place) clean_names.push_back(s.candidates[k].name);
  for (std::size_t k = 0; k < s.candidates.size() && k < clean_place.size(); ++k) {
    Candidate& c = s.candidates[k];
    if (c.type != EntityType::Place || c.source != Source::Suffix || clean_place[k]) continue;
    const std::u32string_view* best = nullptr;
    for (const auto& name : clean_names)
      if (name.size() <= c.end && t.substr(c.end - name.size(), name.size()) == name && (!best || name.size() > best->size()))
        best = &name;
    if (!best) continue;
    c.begin = c.end - static_cast<std::uint32_t>(best->size());
    c.name = *best;
  }
}

}  // namespace kg::extract
