// extract/mentions.cc owns the first step of extraction: finding typed
// spans in the clean text. Names are found from how official Chinese names
// are built, not from lists of names:
//   places     gazetteer, or a short core + level suffix (南法信 + 镇)
//   orgs       place prefix + core + type suffix (南京浦口 + 经济 + 开发区), the
//              left edge found by scanning back to punctuation or a boundary word
//   lists      items of 、-lists take the type of their typed neighbours
//   persons    surname + given name next to a post title, an introducing
//              word (村民) or a speech verb (说, 表示)
#include <algorithm>
#include <array>

#include "extract/chars.h"
#include "extract/internal.h"

namespace kg::extract {
namespace {

using chars::is_han;
using chars::is_name_char;

constexpr std::uint32_t kMaxCore[] = {
    /*Official*/ 0, /*Person*/ 0, /*PartyOrg*/ 18, /*Park*/ 14, /*Enterprise*/ 16,
    /*Project*/ 40, /*GovOrg*/ 18, /*Place*/ 4, /*Organization*/ 16};

bool is_level_char(char32_t c) {
  return c == U'镇' || c == U'乡' || c == U'区' || c == U'县' || c == U'市' || c == U'省' ||
         c == U'村' || c == U'州';
}

// A boundary word ends exactly at `pos`.
bool boundary_ends_at(const Lexicons& lex, std::u32string_view text, std::size_t pos) {
  return lex.boundary_words.longest(text, pos).first > 0;
}

// Length of the longest word of a forward trie starting at pos, at most max_len.
std::uint32_t word_starting_at(const WordTrie& forward, std::u32string_view text, std::size_t pos,
                               std::uint32_t max_len = 6) {
  if (pos >= text.size()) return 0;
  return forward.longest(text.substr(0, std::min(text.size(), pos + max_len)), pos).first;
}

struct Finder {
  DocState& s;
  const Lexicons& lex;
  std::u32string_view t;
  std::vector<std::uint8_t> place_end;    // a place candidate ends here
  std::vector<std::int32_t> place_start;  // candidate index of a place starting here
  std::vector<std::pair<std::uint32_t, std::uint32_t>> scratch;
  mutable std::vector<std::pair<std::uint32_t, std::uint32_t>> blocker_scratch;

  explicit Finder(DocState& state)
      : s(state), lex(state.lex), t(state.text), place_end(t.size() + 1, 0),
        place_start(t.size() + 1, -1), org_end(t.size() + 1, -1) {}

  void add(Candidate c) { s.candidates.push_back(std::move(c)); }

  // An ordinary word overlapping the suffix: one that starts inside it and runs
  // past its end (局面, 园区), or one that ends with it and starts before it (举办).
  bool suffix_blocked(std::uint32_t suffix_begin, std::uint32_t end) const {
    std::uint32_t from = suffix_begin >= 3 ? suffix_begin - 3 : 0;
    for (std::uint32_t p = from; p < end; ++p) {
      lex.suffix_blocker_words.match(t, p, blocker_scratch);
      for (auto [len, unused] : blocker_scratch) {
        (void)unused;
        if (p >= suffix_begin ? p + len > end : p + len == end) return true;
      }
    }
    return false;
  }

  // Which types may stand inside a name of `outer` type (a company is not
  // inside a park's name; a park is inside its office's name).
  static bool may_nest(EntityType outer, EntityType inner) {
    switch (outer) {
      case EntityType::PartyOrg: return inner != EntityType::PartyOrg && inner != EntityType::Project;
      case EntityType::GovOrg: return inner == EntityType::Park || inner == EntityType::GovOrg;
      case EntityType::Park: return inner == EntityType::Park;
      case EntityType::Project: return inner == EntityType::Enterprise || inner == EntityType::Park;
      case EntityType::Enterprise: return inner == EntityType::Organization;
      case EntityType::Organization: return inner == EntityType::Park || inner == EntityType::Organization;
      default: return false;
    }
  }

  std::vector<std::int32_t> org_end;  // candidate index of an organisation ending here

  // A company inside a company's name: a group's subsidiary (中国电建集团吉林省…
  // 有限公司) or a branch (甘肃银行定西分行).
  bool company_in_company(EntityType outer, const Candidate& inner, std::uint32_t outer_suffix) const {
    if (outer != EntityType::Enterprise || inner.type != EntityType::Enterprise) return false;
    const std::u32string& n = inner.name;
    if (n.size() >= 2 && n.compare(n.size() - 2, 2, U"集团") == 0) return true;
    return outer_suffix < t.size() && (t[outer_suffix] == U'分' || t[outer_suffix] == U'支');
  }

  // ---- places --------------------------------------------------------------

  void add_place(std::uint32_t b, std::uint32_t e, std::u32string name, PlaceLevel level,
                 Source source) {
    Candidate c;
    c.begin = b;
    c.end = e;
    c.type = EntityType::Place;
    c.name = std::move(name);
    c.level = level;
    c.source = source;
    place_end[e] = 1;
    place_start[b] = static_cast<std::int32_t>(s.candidates.size());
    add(std::move(c));
  }

  void find_gazetteer_places() {
    for (std::uint32_t i = 0; i < t.size();) {
      auto [len, idx] = lex.places.longest(t, i);
      // 和县 after a noun is "and the county": a two-character name that starts
      // with a function character needs a clear left edge.
      if (len == 2 && i > 0 && is_han(t[i - 1]) && boundary_ends_at(lex, t, i + 1)) len = 0;
      if (len >= 2) {
        const PlaceInfo& info = lex.place_info[idx];
        // A short form (嘉兴) may run into a suffix that makes it another place (嘉兴市 is
        // in the trie too, so longest() already took it); a town suffix right after a
        // short form means the short form was part of a town name (景德镇 is a city).
        add_place(i, i + len, info.name, info.level, Source::Gazetteer);
        i += len;
      } else {
        ++i;
      }
    }
  }

  bool generic_place_word(std::u32string_view word) const {
    return lex.generic_terms.count(std::u32string(word)) > 0;
  }

  // A suffix-found place must not overlap a gazetteer place (自景德镇市).
  std::vector<std::uint8_t> place_cover;
  std::vector<std::uint8_t> clean_place;  // per candidate: the left edge was clear

  void find_suffix_places() {
    place_cover.assign(t.size() + 1, 0);
    for (const auto& c : s.candidates)
      if (c.type == EntityType::Place)
        for (std::uint32_t k = c.begin; k < c.end; ++k) place_cover[k] = 1;
    for (std::uint32_t e = 1; e <= t.size(); ++e) {
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
        if (suffix_blocked(sb, e)) break;
        std::uint32_t b = sb;
        std::uint32_t core = 0;
        while (core < 3 && b > 0 && is_han(t[b - 1]) && !place_end[b] && !place_cover[b - 1] &&
               !boundary_ends_at(lex, t, b) && !is_level_char(t[b - 1])) {
          --b;
          ++core;
        }
        // Without a clear left edge the name is settled by the document's other
        // mentions (vote_place_names); take two characters for now.
        bool clean = b == 0 || !is_han(t[b - 1]) || place_end[b] || boundary_ends_at(lex, t, b) || is_level_char(t[b - 1]);
        if (!clean && core == 3) {
          ++b;
          --core;
        }
        if (core < 2) continue;
        if (county && (core != 2 || !clean)) continue;
        // 江一社区, 五一村 carry numerals; 一次强村 counts something.
        bool plain_core = true;
        for (std::uint32_t k = b; k < sb; ++k)
          plain_core = plain_core && !(chars::is_han_numeral(t[k]) && k + 1 < sb && chars::is_measure(t[k + 1])) &&
                       !boundary_ends_at(lex, t, k + 1);
        if (!plain_core) continue;
        std::u32string_view word = t.substr(b, e - b);
        if (generic_place_word(word) || generic_place_word(t.substr(e - len - 1, len + 1))) continue;
        if (lex.generic_modifiers.longest(t, b).first > 0) continue;
        if (chars::is_measure(t[b]) && b > 0 && (chars::is_digit(t[b - 1]) || chars::is_han_numeral(t[b - 1]))) continue;
        clean_place.resize(s.candidates.size() + 1, 0);
        clean_place[s.candidates.size()] = clean ? 1 : 0;
        add_place(b, e, std::u32string(word), level, Source::Suffix);
        break;
      }
    }
  }

  // An article writes a place's name cleanly somewhere (南法信镇 after punctuation);
  // an unclear occurrence (为南法信镇, 是指米庄镇) takes the clean spelling that fits.
  void vote_place_names() {
    std::vector<std::u32string> clean_names;
    for (std::size_t k = 0; k < s.candidates.size() && k < clean_place.size(); ++k)
      if (clean_place[k] && s.candidates[k].type == EntityType::Place) clean_names.push_back(s.candidates[k].name);
    for (std::size_t k = 0; k < s.candidates.size() && k < clean_place.size(); ++k) {
      Candidate& c = s.candidates[k];
      if (c.type != EntityType::Place || c.source != Source::Suffix || clean_place[k]) continue;
      const std::u32string* best = nullptr;
      for (const auto& name : clean_names)
        if (name.size() <= c.end && t.substr(c.end - name.size(), name.size()) == name && (!best || name.size() > best->size()))
          best = &name;
      if (!best) continue;
      c.begin = c.end - static_cast<std::uint32_t>(best->size());
      c.name = *best;
    }
  }

  // The same vote for organisations: a name with a stray word before it
  // (一群襄阳高新区, 临沂高新区以龙湖软件园) is cut to a shorter form the article
  // also uses, unless what stands before is a place or another body.
  void trim_to_known_forms() {
    const std::size_t count = s.candidates.size();
    for (std::size_t k = 0; k < count; ++k) {
      Candidate& c = s.candidates[k];
      if (c.generic || c.source != Source::Suffix || c.type == EntityType::Place || c.type == EntityType::Official ||
          c.type == EntityType::Person)
        continue;
      std::uint32_t best_begin = c.begin;
      for (std::size_t j = 0; j < count; ++j) {
        const Candidate& d = s.candidates[j];
        if (j == k || d.generic || d.type != c.type || d.name.size() >= c.name.size()) continue;
        if (c.name.compare(c.name.size() - d.name.size(), d.name.size(), d.name) != 0) continue;
        std::uint32_t cut = c.end - static_cast<std::uint32_t>(d.name.size());
        // A place, or a body of a nesting type, ending at the cut keeps the longer name.
        if (place_end[cut] && place_start[c.begin] >= 0) continue;
        if (org_end[cut] >= 0 && s.candidates[static_cast<std::size_t>(org_end[cut])].begin == c.begin) continue;
        if (cut > best_begin) best_begin = cut;
      }
      if (best_begin != c.begin) {
        c.begin = best_begin;
        c.name = std::u32string(t.substr(c.begin, c.end - c.begin));
      }
    }
  }

  // ---- organisations by suffix ----------------------------------------------

  // A relation verb (走访, 落户) ends at pos; verbs that double as nouns inside
  // names (服务, 建设, 投资, 合作) do not count.
  bool verb_trigger_ends_at(std::uint32_t pos) const {
    for (std::uint32_t len = 2; len <= 4 && len <= pos; ++len) {
      std::u32string_view w = t.substr(pos - len, len);
      auto trigger = lex.triggers.find(w);
      if (!trigger) continue;
      RelationType rel = lex.trigger_info[*trigger].relation;
      if (rel != RelationType::served && rel != RelationType::located_in) continue;
      // 开发 of 经济开发区: the verb is the start of a suffix.
      bool in_suffix = false;
      for (std::uint32_t e2 = pos + 1; e2 <= pos + 5 && e2 <= t.size() && !in_suffix; ++e2) {
        std::uint32_t sl = lex.org_suffixes.longest(t, e2).first;
        in_suffix = sl > 0 && e2 - sl < pos;
      }
      if (in_suffix) continue;
      if (w == U"服务" || w == U"建设" || w == U"投资" || w == U"合作" || w == U"联合" || w == U"协同" ||
          w == U"发展" || w == U"管理" || w == U"创新" || w == U"共建")
        continue;
      return true;
    }
    return false;
  }

  bool speech_ends_at(std::uint32_t pos) const {
    for (std::uint32_t len = 2; len <= 4 && len <= pos; ++len)
      if (lex.name_enders.find(t.substr(pos - len, len))) return true;
    return false;
  }

  // Scans left from `from` to the start of a name. Returns the left edge.
  std::uint32_t left_edge(std::uint32_t from, EntityType type) const {
    std::uint32_t b = from;
    std::uint32_t steps = 0;
    const std::uint32_t max_core = kMaxCore[static_cast<int>(type)];
    while (b > 0 && steps < max_core) {
      char32_t c = t[b - 1];
      if (chars::is_close_paren(c)) {
        // A parenthesised part inside a name: 平谦国际(嘉兴)现代产业园, 氮化镓(GaN)射频.
        std::uint32_t open = b - 1;
        std::uint32_t limit = b >= 10 ? b - 10 : 0;
        while (open > limit && !chars::is_open_paren(t[open - 1])) --open;
        if (open == limit || open < 2) break;
        bool inner_ok = true;
        for (std::uint32_t k = open; k < b - 1; ++k) inner_ok = inner_ok && is_name_char(t[k]);
        if (!inner_ok || !is_name_char(t[open - 2])) break;
        steps += b - open + 1;
        b = open - 1;
        continue;
      }
      if (!is_name_char(c)) break;
      // A Latin name is not continued by the Han words before it (奖励HICOOL产业园).
      if (chars::is_ascii_letter(t[b]) && is_han(c) && !place_end[b]) break;
      if (org_end[b] >= 0 && !s.candidates[static_cast<std::size_t>(org_end[b])].generic &&
          !may_nest(type, s.candidates[static_cast<std::size_t>(org_end[b])].type) &&
          !company_in_company(type, s.candidates[static_cast<std::size_t>(org_end[b])], from))
        break;
      if (chars::is_measure(c) && b >= 2 && (chars::is_digit(t[b - 2]) || chars::is_han_numeral(t[b - 2]))) {
        // 年产5万吨, 年产3000万套: a capacity is part of a project's name.
        std::uint32_t q = b - 1;
        while (q > 0 && (chars::is_digit(t[q - 1]) || chars::is_han_numeral(t[q - 1]) || t[q - 1] == U'.')) --q;
        if (type == EntityType::Project && q >= 2 && t[q - 2] == U'年' && t[q - 1] == U'产') {
          steps += b - (q - 2);
          b = q - 2;
          continue;
        }
        break;
      }
      if (!place_end[b] && boundary_ends_at(lex, t, b) && !(type == EntityType::Project && c == U'及')) break;
      if (!place_end[b] && verb_trigger_ends_at(b)) break;
      // 马建军要求经济发展局: what a person says is not part of a name.
      if (!place_end[b] && speech_ends_at(b)) break;
      --b;
      ++steps;
    }
    // A stray character before a place that starts the name is not part of it
    // (像倪家浜村党委): names begin with their place.
    if (b + 1 < from && place_start[b] < 0 && place_start[b + 1] >= 0) ++b;
    return b;
  }

  // An organisation found earlier that opens the name: 开发区 of 开发区智慧谷.
  bool body_starts_at(std::uint32_t b, std::uint32_t limit) const {
    for (auto it = s.candidates.rbegin(); it != s.candidates.rend() && it->end + 40 > b; ++it)
      if (it->begin == b && it->end <= limit && it->type != EntityType::Person && it->type != EntityType::Official)
        return true;
    return false;
  }

  bool contains_title(std::u32string_view core) const {
    for (std::uint32_t k = 0; k + 2 <= core.size(); ++k)
      if (is_han(core[k]) && word_starting_at(lex.titles_forward, core, k, 6) >= 2) {
        std::uint32_t len = word_starting_at(lex.titles_forward, core, k, 6);
        auto idx = lex.titles.find(core.substr(k, len));
        if (idx && lex.title_info[*idx].attach != TitleAttach::Enterprise) return true;
      }
    return false;
  }

  bool contains_long_title(std::u32string_view core) const {
    for (std::uint32_t k = 0; k + 3 <= core.size(); ++k)
      if (is_han(core[k]) && word_starting_at(lex.titles_forward, core, k, 6) >= 3) return true;
    return false;
  }

  bool generic_core(std::u32string_view name, std::u32string_view core, EntityType type) const {
    if (lex.generic_terms.count(std::u32string(name))) return true;
    // A department's core may be a common phrase (科技创新局); a company's may not (服务公司).
    if (type != EntityType::GovOrg && lex.generic_terms.count(std::u32string(core))) return true;
    if (type == EntityType::GovOrg && core.size() <= 3 && lex.generic_terms.count(std::u32string(core))) {
      // 产业园管委会, 园区管委会: a park's short form before its office.
      auto [plen, ptype] = lex.org_suffixes.longest(core, core.size());
      if (plen == core.size() && static_cast<EntityType>(ptype) == EntityType::Park) return true;
      if (core == U"园区" || core == U"开发区") return true;
    }
    if (type == EntityType::Project) {
      for (std::uint32_t k = 1; k <= 2 && k <= core.size(); ++k)
        if (lex.generic_project_heads.count(std::u32string(core.substr(core.size() - k)))) return true;
      if (core.size() < 3) return true;
      for (char32_t c : core)
        if (c == U'个' || c == U'批') return true;
    }
    return false;
  }

  void find_suffix_orgs() {
    for (std::uint32_t e = 1; e <= t.size(); ++e) {
      auto [len, type_value] = lex.org_suffixes.longest(t, e);
      if (len == 0) continue;
      auto type = static_cast<EntityType>(type_value);
      std::uint32_t sb = e - len;
      if (suffix_blocked(sb, e)) continue;
      // A longer suffix of the same type that swallows this one wins
      // (产业园 -> 产业园区, 集团 -> 集团有限公司).
      bool swallowed = false;
      for (std::uint32_t e2 = e + 1; e2 <= e + 6 && e2 <= t.size() && !swallowed; ++e2) {
        auto [next_len, next_type] = lex.org_suffixes.longest(t, e2);
        // A legal form right after (银行 + 股份有限公司) also continues the name.
        const bool overlaps = e2 - next_len < e;
        const bool legal_form_follows = e2 - next_len == e && next_len >= 4;
        swallowed = next_len > 0 && (overlaps || legal_form_follows) && static_cast<EntityType>(next_type) == type;
      }
      if (swallowed) continue;
      std::uint32_t b = left_edge(sb, type);
      Candidate c;
      c.begin = b;
      c.end = e;
      c.type = type;
      c.suffix_len = len;
      c.source = Source::Suffix;
      // Generic modifiers (该, 各, 全, 相关) make the mention a short form or a plural.
      auto [mod_len, unused] = lex.generic_modifiers.longest(t, b);
      (void)unused;
      // 贵州, 本溪, 全椒: a place name that starts like a modifier is a place.
      if (mod_len > 0 && place_start[b] >= 0 &&
          s.candidates[static_cast<std::size_t>(place_start[b])].end > b + mod_len)
        mod_len = 0;
      if (mod_len > 0) {
        if (b + mod_len == sb) {
          c.begin = b;
          c.generic = true;
          c.name = std::u32string(t.substr(sb, len));
          add(std::move(c));
        }
        continue;
      }
      // Party and government bodies begin with their place: 锚定南京市浦口区委.
      if ((type == EntityType::PartyOrg || type == EntityType::GovOrg) && place_start[b] < 0) {
        for (std::uint32_t k = b + 1; k < sb && k <= b + 3; ++k)
          if (place_start[k] >= 0) { b = k; c.begin = b; break; }
      }
      // A post inside the scanned span (常务副市长王建国一行莅临苏州工业园区) ends the
      // name's left part: the name starts at the place after it, or after it.
      for (std::uint32_t k = sb; k > b + 1; --k) {
        std::uint32_t tl = lex.titles.longest(t, k).first;
        if (tl < 2 || k - tl < b || !is_han(t[k - 1])) continue;
        std::uint32_t cut = k;
        for (std::uint32_t q = k; q < sb; ++q)
          if (place_start[q] >= 0) { cut = q; break; }
        b = cut;
        c.begin = b;
        break;
      }
      std::u32string_view name = t.substr(b, e - b);
      std::u32string_view core = t.substr(b, sb - b);
      if (!core.empty() && lex.weak_suffixes.count(std::u32string(t.substr(sb, len))) && place_start[b] < 0 &&
          !body_starts_at(b, sb) && !is_level_char(core[0]))
        continue;
      if (core.find(U'级') != std::u32string_view::npos || (core.size() == 1 && core[0] == U'省')) continue;
      // A government is named by its place alone (区政府, 南京市浦口区政府).
      std::u32string_view suffix = t.substr(sb, len);
      if ((suffix == U"政府" || suffix == U"人民政府") && !core.empty() &&
          !(core.size() == 1 && is_level_char(core[0])) && place_prefix_length(lex, core) != core.size() &&
          !place_end[sb])
        continue;
      if (contains_long_title(core)) continue;
      // X有限公司项目 names no project, only whose it is.
      if (type == EntityType::Project && org_end[sb] >= 0 &&
          s.candidates[static_cast<std::size_t>(org_end[sb])].type == EntityType::Enterprise &&
          s.candidates[static_cast<std::size_t>(org_end[sb])].begin <= b)
        continue;
      if ((type == EntityType::Project || type == EntityType::Enterprise || type == EntityType::Park) &&
          contains_title(core))
        continue;
      if (core.empty()) {
        c.generic = true;  // 党委, 开发区, 镇党委: resolved by context
      } else if (generic_core(name, core, type)) {
        // 园区党工委, 产业园管委会 are short forms of the park's bodies; 园区机关党支部
        // is a branch with a name of its own (the suffix carries the 机关).
        if (type != EntityType::PartyOrg && type != EntityType::GovOrg) continue;
        if (type == EntityType::GovOrg || len <= 3) c.generic = true;
      } else if (type == EntityType::Enterprise && core.size() < 2) {
        continue;
      }
      c.name = std::u32string(name);
      org_end[e] = static_cast<std::int32_t>(s.candidates.size());
      add(std::move(c));
    }
  }

  // ---- names the user or the built-in lexicon knows ---------------------------

  void find_known() {
    if (lex.known_names.empty()) return;
    for (std::uint32_t i = 0; i < t.size();) {
      auto [len, idx] = lex.known_names.longest(t, i);
      if (len >= 2) {
        Candidate c;
        c.begin = i;
        c.end = i + len;
        c.type = lex.known[idx].second;
        c.name = lex.known[idx].first;
        c.source = Source::Known;
        add(std::move(c));
        i += len;
      } else {
        ++i;
      }
    }
  }

  // ---- lists: 浪潮集团、科大讯飞、博彦科技等 -------------------------------------

  static bool clause_delimiter(char32_t c) {
    return !is_name_char(c) && c != U'、' && !chars::is_open_paren(c) && !chars::is_close_paren(c) && c != U'“' &&
           c != U'”';
  }

  // Does a boundary or trigger word start at p?
  bool stop_word_starts_at(std::uint32_t p) const {
    if (t[p] == U'等') return true;
    if (word_starting_at(lex.boundary_forward, t, p, 4) > 1) return true;
    return lex.triggers.longest(t, p).first > 0;
  }

  const Candidate* typed_candidate(std::uint32_t b, std::uint32_t e) const {
    for (const auto& c : s.candidates)
      if (c.begin == b && c.end == e && !c.generic && c.type != EntityType::Place) return &c;
    return nullptr;
  }

  void find_list_items() {
    const std::size_t n = t.size();
    std::size_t i = 0;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> items;
    while (i < n) {
      // One clause at a time.
      std::size_t cb = i;
      while (i < n && !clause_delimiter(t[i])) ++i;
      std::size_t ce = i;
      ++i;
      if (std::find(t.begin() + cb, t.begin() + ce, U'、') == t.begin() + ce) continue;
      items.clear();
      std::size_t p = cb;
      while (p <= ce) {
        std::size_t q = p;
        while (q < ce && t[q] != U'、') ++q;
        items.emplace_back(static_cast<std::uint32_t>(p), static_cast<std::uint32_t>(q));
        p = q + 1;
      }
      // The list ends with the item that holds 等.
      for (std::size_t k = 0; k < items.size(); ++k) {
        auto& [ib, ie] = items[k];
        std::uint32_t deng = ib;
        while (deng < ie && t[deng] != U'等') ++deng;
        if (deng < ie) {
          items.resize(k + 1);
          break;
        }
      }
      if (items.size() < 2) continue;
      // Last item: ends where a boundary/trigger word or 等 starts.
      auto& last = items.back();
      std::uint32_t list_end = static_cast<std::uint32_t>(std::min<std::size_t>(ce, last.second + 16));
      for (std::uint32_t k = last.first + 1; k < last.second; ++k) {
        if (stop_word_starts_at(k)) { last.second = k; break; }
      }
      // (`last` is not used below: the erase that follows may move the items.)
      // The list starts after the last boundary word inside an item (镇党委、政府
      // 已走访苏沭纺织、宏达木业: the list is 苏沭纺织、宏达木业).
      for (std::size_t k = items.size(); k-- > 0;) {
        auto& item = items[k];
        std::uint32_t cut = item.first;
        // Inside a later item only a word of two or more characters counts
        // (众和包装 keeps its 和).
        for (std::uint32_t q = item.second; q > item.first; --q)
          if (!place_end[q] && lex.boundary_words.longest(t, q).first > (k == 0 ? 0u : 1u)) { cut = q; break; }
        if (cut > item.first) {
          item.first = cut;
          items.erase(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(k));
          break;
        }
      }
      if (items.size() < 2) continue;
      // The head noun after 等: 等11家优质企业.
      bool enterprise_head = false, org_head = false;
      std::uint32_t look = items.back().second;
      std::u32string_view tail;
      if (look < list_end && t[look] == U'等') {
        // The head noun stands right after 等 (等11家优质企业), before any quote or break.
        std::uint32_t head_end = look + 1;
        while (head_end < list_end && head_end < look + 10 && is_name_char(t[head_end])) ++head_end;
        tail = t.substr(look, head_end - look);
      }
      if (tail.find(U"企业") != std::u32string_view::npos || tail.find(U"公司") != std::u32string_view::npos)
        enterprise_head = true;
      if (tail.find(U"高校") != std::u32string_view::npos || tail.find(U"院校") != std::u32string_view::npos ||
          tail.find(U"机构") != std::u32string_view::npos)
        org_head = true;
      // The list's type comes from its typed items, or from its head noun.
      int enterprises = 0, organizations = 0, untyped = 0;
      for (auto [b, e] : items) {
        if (e <= b) continue;
        const Candidate* c = typed_candidate(b, e);
        if (!c) { ++untyped; continue; }
        if (c->type == EntityType::Enterprise) ++enterprises;
        if (c->type == EntityType::Organization) ++organizations;
      }
      EntityType list_type;
      if (enterprise_head || enterprises > 0) list_type = EntityType::Enterprise;
      else if (org_head || organizations > 0) list_type = EntityType::Organization;
      else continue;
      for (auto [b, e] : items) {
        if (e <= b || e - b < 2 || e - b > 12 || typed_candidate(b, e)) continue;
        bool ok = true;
        for (std::uint32_t k = b; k < e; ++k) ok = ok && is_name_char(t[k]);
        if (!ok || lex.generic_terms.count(std::u32string(t.substr(b, e - b)))) continue;
        if (lex.generic_modifiers.longest(t, b).first > 0 && place_start[b] < 0) continue;
        Candidate c;
        c.begin = b;
        c.end = e;
        c.type = list_type;
        c.name = std::u32string(t.substr(b, e - b));
        c.source = Source::Enumeration;
        add(std::move(c));
      }
    }
  }

  // ---- brand + line of business right before 项目 -------------------------------

  // 杰必机电项目: the project's core is an enterprise short name.
  void find_project_owners() {
    const std::size_t count = s.candidates.size();
    for (std::size_t k = 0; k < count; ++k) {
      const Candidate pc = s.candidates[k];
      if (pc.type != EntityType::Project || pc.generic) continue;
      std::uint32_t core_end = pc.end - pc.suffix_len;
      auto [len, unused] = lex.industry_words.longest(t, core_end);
      (void)unused;
      if (len == 0 || core_end - pc.begin <= len || core_end - pc.begin > len + 4) continue;
      Candidate c;
      c.begin = pc.begin;
      c.end = core_end;
      c.type = EntityType::Enterprise;
      c.name = std::u32string(t.substr(pc.begin, core_end - pc.begin));
      c.source = Source::Enumeration;
      add(std::move(c));
    }
  }

  // ---- (以下简称“X”) --------------------------------------------------------------

  void find_declared_aliases() {
    static const std::u32string kMarker = U"简称";
    std::size_t pos = 0;
    while ((pos = t.find(kMarker, pos)) != std::u32string_view::npos) {
      std::size_t at = pos;
      pos += kMarker.size();
      // Back to the opening parenthesis, at most 4 characters (以下, 下称).
      std::size_t open = at;
      while (open > 0 && at - open < 5 && !chars::is_open_paren(t[open - 1])) --open;
      if (open == 0 || !chars::is_open_paren(t[open - 1])) continue;
      std::size_t b = pos;
      while (b < t.size() && (t[b] == U'“' || t[b] == U'"' || t[b] == U'：' || t[b] == U':' || t[b] == U'「')) ++b;
      std::size_t e = b;
      while (e < t.size() && is_name_char(t[e]) && e - b < 16) ++e;
      if (e - b < 2) continue;
      // The declared name belongs to the candidate ending right before "(".
      std::uint32_t named_end = static_cast<std::uint32_t>(open - 1);
      const Candidate* owner = nullptr;
      for (const auto& c : s.candidates)
        if (c.end == named_end && !c.generic && (!owner || c.end - c.begin > owner->end - owner->begin)) owner = &c;
      if (!owner) continue;
      Candidate c;
      c.begin = static_cast<std::uint32_t>(b);
      c.end = static_cast<std::uint32_t>(e);
      c.type = owner->type;
      c.name = owner->name;  // the same entity: the canonical name is the owner's
      c.source = Source::Declared;
      add(std::move(c));
    }
  }

  // ---- persons ----------------------------------------------------------------

  bool right_edge_ok(std::uint32_t j) const {
    if (j >= t.size() || !is_han(t[j])) return true;
    if (lex.name_enders.longest(t, j).first > 0) return true;
    if (word_starting_at(lex.boundary_forward, t, j, 4) > 0) return true;
    if (lex.triggers.longest(t, j).first > 0) return true;
    if (word_starting_at(lex.titles_forward, t, j, 6) > 0) return true;
    return false;
  }

  // The given name does not begin with a word that has its own job: a title
  // (党员干部), an introducing word (群众), a boundary or speech word.
  bool given_name_ok(std::uint32_t b, std::uint32_t e) const {
    for (std::uint32_t k = b; k < e; ++k) {
      if (word_starting_at(lex.titles_forward, t, k, 6) > 0) return false;
      if (word_starting_at(lex.person_intro_forward, t, k, 4) > 0) return false;
      if (word_starting_at(lex.boundary_forward, t, k, 4) > 0) return false;
      if (lex.name_enders.longest(t, k).first > 0) return false;
    }
    return true;
  }

  void find_persons() {
    const std::uint32_t n = static_cast<std::uint32_t>(t.size());
    for (std::uint32_t i = 0; i + 1 < n; ++i) {
      auto [sl, unused] = lex.surnames.longest(t, i);
      (void)unused;
      if (sl == 0) continue;
      // Left context: a title, an introducing word, or the start of a phrase.
      auto [title_len, title_idx] = lex.titles.longest(t, i);
      auto [intro_len, intro_kind] = lex.person_intro.longest(t, i);
      bool after_title = title_len > 0;
      bool after_intro = intro_len > 0;
      if (after_intro && intro_kind == 2) continue;  // reporters, editors
      // 厂长孙国平: the "surname" 长孙 is the end of a title.
      if (lex.titles.longest(t, i + 1).first >= 2) continue;
      // The "surname" starts a word of its own (干部, 党员, 群众).
      if (word_starting_at(lex.titles_forward, t, i, 6) > 0 || word_starting_at(lex.person_intro_forward, t, i, 4) > 0)
        continue;
      // 党员, 干部 name a person only with a body written before them (招商局党员赵青).
      const bool weak_title = after_title && lex.title_info[title_idx].attach == TitleAttach::Any &&
                              !(i >= title_len && (org_end[i - title_len] >= 0 || place_end[i - title_len]));
      bool clean_left = i == 0 || !is_han(t[i - 1]) || boundary_ends_at(lex, t, i) || after_title || after_intro;
      if (!clean_left) continue;
      // 班子领: a word that merely starts with a surname (班子) begins no name.
      if (sl == 1 && i + 2 <= n && lex.not_names.count(std::u32string(t.substr(i, 2)))) continue;
      std::uint32_t chosen = 0;
      for (std::uint32_t g = 1; g <= 2 && chosen == 0; ++g) {
        std::uint32_t e = i + sl + g;
        if (e > n) break;
        bool all_han = true;
        for (std::uint32_t k = i + sl; k < e; ++k) all_han = all_han && is_han(t[k]) && t[k] != U'某';
        if (!all_han) break;
        if (lex.not_names.count(std::u32string(t.substr(i, e - i)))) continue;
        if (!given_name_ok(i + sl, e)) break;
        if (lex.place_suffixes.longest(t, e).first > 0) continue;
        if (!right_edge_ok(e)) continue;
        bool speech = e < n && lex.name_enders.longest(t, e).first > 0;
        // 张小军书记: a post written after the name, for specific posts and a clean left edge.
        bool title_after = false;
        if (e < n && (i == 0 || !is_han(t[i - 1]))) {
          std::uint32_t tl = word_starting_at(lex.titles_forward, t, e, 6);
          if (tl > 0) {
            auto idx = lex.titles.find(t.substr(e, tl));
            title_after = idx && lex.title_info[*idx].attach != TitleAttach::Any;
          }
        }
        if (after_title || after_intro || speech || title_after) {
          chosen = e;
        }
      }
      // A titled name with no clear right edge: surname + two characters.
      if (chosen == 0 && after_title && !weak_title && i + sl + 2 <= n && is_han(t[i + sl]) && is_han(t[i + sl + 1]) &&
          given_name_ok(i + sl, i + sl + 2) && !lex.not_names.count(std::u32string(t.substr(i, sl + 2))))
        chosen = i + sl + 2;
      if (chosen == 0) continue;
      Candidate c;
      c.begin = i;
      c.end = chosen;
      c.type = (after_intro && intro_kind == 0) ? EntityType::Person : EntityType::Official;
      if (after_title) {
        // 党员 makes an Official only of a public body's member: the post decides later.
        c.type = lex.title_info[title_idx].official && lex.title_info[title_idx].attach != TitleAttach::Any
                     ? EntityType::Official
                     : EntityType::Person;
      } else if (!after_intro) {
        c.type = EntityType::Person;  // a speaker with no post in view
      }
      c.name = std::u32string(t.substr(i, chosen - i));
      c.source = Source::Person;
      add(std::move(c));
      // Names listed after a titled one share its title: 副主任王青、牟希刚.
      std::uint32_t next = chosen;
      while (after_title && next + 2 < n && t[next] == U'、' && lex.surnames.longest(t, next + 1).first > 0) {
        std::uint32_t b2 = next + 1;
        std::uint32_t e2 = 0;
        for (std::uint32_t g = 1; g <= 2; ++g) {
          std::uint32_t e = b2 + 1 + g;
          if (e > n || !is_han(t[e - 1])) break;
          if (right_edge_ok(e) && (e >= n || t[e] == U'、' || !is_han(t[e]) || lex.name_enders.longest(t, e).first)) {
            e2 = e;
            break;
          }
        }
        if (e2 == 0) break;
        Candidate more = s.candidates.back();
        more.begin = b2;
        more.end = e2;
        more.name = std::u32string(t.substr(b2, e2 - b2));
        add(std::move(more));
        next = e2;
      }
      i = chosen - 1;
    }
  }
};

}  // namespace

std::uint32_t place_prefix_length(const Lexicons& lex, std::u32string_view name) {
  std::uint32_t pos = 0;
  while (pos < name.size()) {
    auto [len, idx] = lex.places.longest(name, pos);
    (void)idx;
    if (len < 2) break;
    pos += len;
  }
  return pos;
}

void find_mentions(DocState& state) {
  Finder f(state);
  f.find_gazetteer_places();
  f.find_suffix_places();
  f.vote_place_names();
  f.find_suffix_orgs();
  f.trim_to_known_forms();
  f.find_known();
  f.find_list_items();
  f.find_project_owners();
  f.find_declared_aliases();
  f.find_persons();
}

}  // namespace kg::extract
