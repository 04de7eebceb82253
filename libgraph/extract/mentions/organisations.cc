// extract/mentions/organisations.cc: the organisation recogniser. A
// type-giving suffix (党委, 经济开发区, 有限公司, 管委会, 项目) and a scan to the
// left over name characters (MentionScan::left_edge) make a name; generic
// cores (提升产业园区, 重点项目) are refused or kept as short forms to resolve
// by context (镇党委, 园区). Names the lexicons know come in here too.
#include <algorithm>

#include "extract/chars.h"
#include "extract/mentions/scan.h"

namespace kg::extract {

using chars::is_han;

// The same vote for organisations: a name with a stray word before it
// (一群襄阳高新区, 临沂高新区以龙湖软件园) is cut to a shorter form the article
// also uses, unless what stands before is a place or another body.
void MentionScan::trim_to_known_forms() {
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
      c.name = t.substr(c.begin, c.end - c.begin);
    }
  }
}

bool MentionScan::contains_title(std::u32string_view core) const {
  for (std::uint32_t k = 0; k + 2 <= core.size(); ++k)
    if (is_han(core[k]) && word_starting_at(lex.titles_forward, core, k, 6) >= 2) {
      std::uint32_t len = word_starting_at(lex.titles_forward, core, k, 6);
      auto idx = lex.titles.find(core.substr(k, len));
      if (idx && lex.title_info[*idx].attach != TitleAttach::Enterprise) return true;
    }
  return false;
}

bool MentionScan::contains_long_title(std::u32string_view core) const {
  for (std::uint32_t k = 0; k + 3 <= core.size(); ++k)
    if (is_han(core[k]) && word_starting_at(lex.titles_forward, core, k, 6) >= 3) return true;
  return false;
}

// A brand (智诺科技): Han characters that do not open with an ordinary word,
// a modifier or a place, with no numeral, no organisation suffix inside.
bool MentionScan::brand_core(std::u32string_view core) const {
  if (core.size() < 2 || !chars::is_han(core[0]) || lex.opens_with_common_word(core, 0)) return false;
  if (lex.generic_modifiers.longest(core, 0).first > 0 || place_prefix_length(lex, core) > 0) return false;
  // 东姚镇重点: a town opens it, found by its level rather than the gazetteer.
  for (std::size_t k = 3; k <= 5 && k <= core.size(); ++k)
    if (lex.place_suffixes.longest(core, k).first > 0) return false;
  for (std::size_t k = 0; k < core.size(); ++k) {
    if (!chars::is_han(core[k]) || lex.is_han_numeral(core[k])) return false;
    if (k > 0 && lex.org_suffixes.longest(core, k + 1).first > 0) return false;
  }
  return true;
}

bool MentionScan::generic_core(std::u32string_view name, std::u32string_view core, EntityType type) const {
  // 新型产业园区, 松江区优秀产业园区: after its place, the core describes.
  if (type != EntityType::Enterprise) {
    std::size_t after_place = place_prefix_length(lex, core);
    for (std::size_t k = 2; k <= 4 && k < core.size() && after_place == 0; ++k)
      if (lex.place_suffixes.longest(core, k).first > 0) after_place = k;
    if (lex.descriptive_words.longest(core, after_place).first > 0) return true;
  }
  if (lex.generic_terms.count(name)) return true;
  // A department's core may be a common phrase (科技创新局); a company's may not (服务公司).
  if (type != EntityType::GovOrg && lex.generic_terms.count(core)) return true;
  if (type == EntityType::GovOrg && core.size() <= 3 && lex.generic_terms.count(core)) {
    // 产业园管委会, 园区管委会: a park's short form before its office.
    auto [plen, ptype] = lex.org_suffixes.longest(core, core.size());
    if (plen == core.size() && static_cast<EntityType>(ptype) == EntityType::Park) return true;
    if (lex.names_home_park(core)) return true;
  }
  if (type == EntityType::Project) {
    // A head word (重点, 产业, 招商引资) ends the core of a kind of project
    // (智能装备产业项目), unless what comes before it is a brand (智诺科技产业项目).
    for (std::uint32_t k = 1; k <= 4 && k <= core.size(); ++k) {
      if (!lex.generic_project_heads.count(core.substr(core.size() - k))) continue;
      if (!brand_core(core.substr(0, core.size() - k))) return true;
    }
    // 泛海项目: a two-character core names a project only as a brand.
    if (core.size() < 3 && !brand_core(core)) return true;
    // 新引进一批食品加工项目: a count of units (一批, 多个) inside makes a kind.
    for (std::size_t k = 0; k < core.size(); ++k) {
      const std::uint32_t len = lex.generic_modifiers.longest(core, k).first;
      if (len >= 2 && lex.is_measure(core[k + len - 1])) return true;
    }
  }
  // 湖北省开发区: the parks of a province are a kind.
  if (type == EntityType::Park) {
    const std::size_t place = place_prefix_length(lex, core);
    if (place == core.size() && place > 0) {
      auto [len, index] = lex.places.longest(core, 0);
      if (len == core.size() && lex.place_info[index].level == PlaceLevel::Province) return true;
    }
  }
  return false;
}

// How far back a party organisation's full name may open with 中共 (the
// longest real names, a company, a street and a site before 支部委员会, run to
// about forty characters).
constexpr std::uint32_t kLongestPartyName = 48;

// The party's name (中共, 中国共产党) starts at b.
bool MentionScan::opens_with_party(std::uint32_t b) const {
  for (std::uint32_t p = b + 1; p <= t.size() && p <= b + 5; ++p)
    if (lex.party_prefixes.longest(t, p).first == p - b) return true;
  return false;
}

void MentionScan::find_suffix_orgs() {
  for (const std::uint32_t last : s.opening(Lexicons::kScanOrgSuffixes)) {
    const std::uint32_t e = last + 1;  // where a suffix ending with that character ends
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
        c.name = t.substr(sb, len);
        org_end[e] = static_cast<std::int32_t>(s.candidates.size());
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
    // 中共X公司Y项目支部委员会: a party organisation's full name may run over
    // the names of the company and the site it is formed in; with 中共 earlier
    // in the same phrase (no punctuation between), the name starts there.
    // (party_prefixes is matched backwards: the prefix that ends at a position.)
    if (type == EntityType::PartyOrg)
      for (std::uint32_t p = b; p > 0 && b - p < kLongestPartyName && is_han(t[p - 1]); --p)
        if (const std::uint32_t party = lex.party_prefixes.longest(t, p).first; party > 0 && party <= p) {
          b = p - party;
          c.begin = b;
          break;
        }
    // ...and what opens with 中共 is no company: 中共X公司 is the front of such a name.
    if (type != EntityType::PartyOrg && type != EntityType::GovOrg && opens_with_party(b)) continue;
    // 中共杭州市…委员会: a party organisation's full name opens with the party,
    // and whatever opens so is a party organisation.
    if ((type == EntityType::PartyOrg || type == EntityType::GovOrg) && b > 0)
      if (const std::uint32_t party = lex.party_prefixes.longest(t, b).first; party > 0 && party <= b) {
        b -= party;
        c.begin = b;
        type = EntityType::PartyOrg;
        c.type = type;
      }
    // 城东污水处理厂: a facility is no company.
    if (type == EntityType::Enterprise && lex.facility_words.longest(t, e).first > 0) continue;
    std::u32string_view name = t.substr(b, e - b);
    std::u32string_view core = t.substr(b, sb - b);
    if (!core.empty() && lex.weak_suffixes.count(t.substr(sb, len)) && place_start[b] < 0 &&
        !body_starts_at(b, sb) && !lex.is_level_char(core[0]))
      continue;
    if (core.find(U'级') != std::u32string_view::npos || (core.size() == 1 && core[0] == U'省')) continue;
    // A government is named by its place alone (区政府, 南京市浦口区政府).
    std::u32string_view suffix = t.substr(sb, len);
    if (lex.place_body_suffixes.count(suffix) && !core.empty() &&
        !(core.size() == 1 && lex.is_level_char(core[0])) && place_prefix_length(lex, core) != core.size() &&
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
    c.name = name;
    org_end[e] = static_cast<std::int32_t>(s.candidates.size());
    add(std::move(c));
  }
}

void MentionScan::find_known() {
  if (lex.known_names.empty()) return;
  std::uint32_t i = 0;  // where the scan resumes: a name found is not looked into
  for (const std::uint32_t opening : s.opening(Lexicons::kScanKnownNames)) {
    if (opening < i) continue;
    i = opening;
    auto [len, idx] = lex.known_names.longest(t, i);
    if (len >= 2) {
      Candidate c;
      c.begin = i;
      c.end = i + len;
      c.type = lex.known[idx].second;
      c.name = lex.known[idx].first;
      c.source = Source::Known;
      // 万科物业: a known company's name with a line of business after it is
      // the name of that business (of the group, or its own company).
      if (c.type == EntityType::Enterprise) {
        const std::uint32_t business = word_starting_at(lex.industry_forward, t, c.end, 4);
        if (business > 0) {
          c.end += business;
          c.name = t.substr(c.begin, c.end - c.begin);
          c.source = Source::Enumeration;
          len += business;
        }
      }
      add(std::move(c));
      i += len;
    } else {
      ++i;
    }
  }
}

}  // namespace kg::extract
