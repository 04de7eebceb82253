// extract/mentions/scan.cc owns the scan state the mention recognisers share
// (where places and organisations start and end) and the tests they all use
// to find the left edge of a name: boundary words, relation verbs, speech,
// nesting rules between types.
#include "extract/mentions/scan.h"

#include <algorithm>

#include "extract/chars.h"

namespace kg::extract {

using chars::is_han;
using chars::is_name_char;

namespace {

constexpr std::uint32_t kMaxCore[] = {
    /*Official*/ 0, /*Person*/ 0, /*PartyOrg*/ 18, /*Park*/ 14, /*Enterprise*/ 16,
    /*Project*/ 40, /*GovOrg*/ 18, /*Place*/ 4, /*Organization*/ 16};

}  // namespace

bool boundary_ends_at(const Lexicons& lex, std::u32string_view text, std::size_t pos) {
  return lex.boundary_words.longest(text, pos).first > 0;
}

std::uint32_t word_starting_at(const WordTrie& forward, std::u32string_view text, std::size_t pos,
                               std::uint32_t max_len) {
  if (pos >= text.size()) return 0;
  return forward.longest(text.substr(0, std::min(text.size(), pos + max_len)), pos).first;
}

MentionScan::MentionScan(DocState& state)
    : s(state),
      lex(state.lex),
      t(state.text),
      place_end(state.scratch.place_end),
      place_start(state.scratch.place_start),
      org_end(state.scratch.org_end),
      place_cover(state.scratch.place_cover),
      clean_place(state.scratch.clean_place) {
  place_end.assign(t.size() + 1, 0);
  place_start.assign(t.size() + 1, -1);
  org_end.assign(t.size() + 1, -1);
  place_cover.clear();
  clean_place.clear();
}

// An ordinary word overlapping the suffix: one that starts inside it and runs
// past its end (局面, 园区), or one that ends with it and starts before it (举办).
bool MentionScan::suffix_blocked(std::uint32_t suffix_begin, std::uint32_t end) const {
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
bool MentionScan::may_nest(EntityType outer, EntityType inner) {
  switch (outer) {
    // A project's party branch (东山陈安置房项目党支部) carries the project's name.
    case EntityType::PartyOrg: return inner != EntityType::PartyOrg;
    case EntityType::GovOrg: return inner == EntityType::Park || inner == EntityType::GovOrg;
    case EntityType::Park: return inner == EntityType::Park;
    case EntityType::Project: return inner == EntityType::Enterprise || inner == EntityType::Park;
    case EntityType::Enterprise: return inner == EntityType::Organization;
    case EntityType::Organization: return inner == EntityType::Park || inner == EntityType::Organization;
    default: return false;
  }
}

// A company inside a company's name: a group's subsidiary (中国电建集团吉林省…
// 有限公司) or a branch (甘肃银行定西分行).
bool MentionScan::company_in_company(EntityType outer, const Candidate& inner, std::uint32_t outer_suffix) const {
  if (outer != EntityType::Enterprise || inner.type != EntityType::Enterprise) return false;
  const std::u32string_view n = inner.name;
  if (lex.company_groups.longest(n, n.size()).first > 0) return true;
  return outer_suffix < t.size() && lex.company_branches.longest(t, outer_suffix).first > 0;
}

void MentionScan::add_place(std::uint32_t b, std::uint32_t e, std::u32string_view name, PlaceLevel level,
               Source source) {
  Candidate c;
  c.begin = b;
  c.end = e;
  c.type = EntityType::Place;
  c.name = name;
  c.level = level;
  c.source = source;
  place_end[e] = 1;
  place_start[b] = static_cast<std::int32_t>(s.candidates.size());
  add(std::move(c));
}

// A relation verb (走访, 落户) ends at pos; verbs that double as nouns inside
// names (服务, 建设, 投资, 合作) do not count.
bool MentionScan::verb_trigger_ends_at(std::uint32_t pos) const {
  for (std::uint32_t len = 2; len <= 4 && len <= pos; ++len) {
    if (!s.trigger_starts(pos - len, len)) continue;
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
    if (lex.nominal_verbs.count(w)) continue;
    return true;
  }
  return false;
}

// A speech word of two to four characters ends at pos. (One walk back from
// pos answers for every length: left_edge asks at every step.)
bool MentionScan::speech_ends_at(std::uint32_t pos) const {
  std::uint32_t lengths = 0;
  lex.name_enders_backward.longest_and_lengths(t, pos, lengths);
  return (lengths & 0b11100U) != 0;  // bits 2, 3 and 4
}

// The conjunction at `at` (和, 与) is the second character of a two-character
// brand (天和水产, 三和工业园区, 人和科技园): one character stands between it
// and a clear break (punctuation, a boundary word, a place), and no name of
// its own ends right before it.
bool MentionScan::inside_name_conjunction(std::uint32_t at) const {
  if (at < 1 || !is_han(t[at - 1])) return false;
  if (org_end[at] >= 0 || place_end[at]) return false;
  for (const auto& c : s.candidates)
    if (c.end == at) return false;
  const std::uint32_t k = at - 1;
  // 市场与: the character before ends an ordinary word (suffix_blockers.txt).
  if (k >= 1) {
    lex.suffix_blocker_words.match(t, k - 1, blocker_scratch);
    for (auto [len, unused] : blocker_scratch) {
      (void)unused;
      if (k - 1 + len == at) return false;
    }
  }
  // A one-character word before it (当场与) makes a word of the pair.
  const bool clear = k == 0 || !is_han(t[k - 1]) || place_end[k] || lex.boundary_words.longest(t, k).first >= 2;
  return clear && !boundary_ends_at(lex, t, at);
}

bool MentionScan::member_word_ends_at(std::uint32_t pos) const {
  for (std::uint32_t len = 2; len <= 5 && len <= pos; ++len) {
    auto [word, roles] = s.frame_word(pos - len);
    if (word == len && (roles & kFrameMember)) return true;
  }
  return false;
}

// Scans left from `from` to the start of a name. Returns the left edge.
std::uint32_t MentionScan::left_edge(std::uint32_t from, EntityType type) const {
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
    if (org_end[b] >= 0) {
      const Candidate& inner = s.candidates[static_cast<std::size_t>(org_end[b])];
      // 市委市政府 is two bodies: a party committee, even a short one, ends
      // where a government's name begins.
      const bool party_before_government = inner.type == EntityType::PartyOrg && type == EntityType::GovOrg;
      // 该公司货架展柜加工建设项目: a pointer to a body named before opens no name.
      if (inner.generic && (lex.demonstratives.longest(t, inner.begin).first > 0 ||
                            (inner.begin > 0 && lex.demonstratives.longest(t, inner.begin - 1).first == 1)))
        break;
      // 贵州灵峰科技产业园有限公司: a company named after the park it runs.
      const bool park_company = type == EntityType::Enterprise && inner.type == EntityType::Park && b == from;
      if ((!inner.generic || party_before_government) && !may_nest(type, inner.type) &&
          !company_in_company(type, inner, from) && !park_company)
        break;
    }
    if (lex.is_measure(c) && b >= 2 && (chars::is_digit(t[b - 2]) || lex.is_han_numeral(t[b - 2]))) {
      // 年产5万吨, 年产3000万套: a capacity is part of a project's name.
      std::uint32_t q = b - 1;
      while (q > 0 && (chars::is_digit(t[q - 1]) || lex.is_han_numeral(t[q - 1]) || t[q - 1] == U'.')) --q;
      if (type == EntityType::Project && q >= 2 && t[q - 2] == U'年' && t[q - 1] == U'产') {
        steps += b - (q - 2);
        b = q - 2;
        continue;
      }
      break;
    }
    // 园区企业X, 示范园龙头企业X: what a company is said to be ends its name's left edge.
    if (member_word_ends_at(b)) break;
    // A boundary word ending inside a place of the gazetteer (都 of 都匀市) ends nothing.
    const bool inside_place = !place_cover.empty() && b < place_cover.size() && place_cover[b - 1] && place_cover[b];
    if (!place_end[b] && !inside_place && boundary_ends_at(lex, t, b) && !(type == EntityType::Project && c == U'及') &&
        !(lex.conjunctions.count(c) && inside_name_conjunction(b - 1)))
      break;
    // 选址于大公科技产业园, 为耐克: a preposition after a verb opens the name.
    if (lex.function_chars.count(c) && b >= 2 && !place_end[b] &&
        (boundary_ends_at(lex, t, b - 1) || verb_trigger_ends_at(b - 1) || !is_name_char(t[b - 2])))
      break;
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
bool MentionScan::body_starts_at(std::uint32_t b, std::uint32_t limit) const {
  for (auto it = s.candidates.rbegin(); it != s.candidates.rend() && it->end + 40 > b; ++it)
    if (it->begin == b && it->end <= limit && it->type != EntityType::Person && it->type != EntityType::Official)
      return true;
  return false;
}

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
  MentionScan scan(state);
  scan.find_home_references();
  scan.find_gazetteer_places();
  scan.find_suffix_places();
  scan.vote_place_names();
  scan.find_suffix_orgs();
  scan.trim_to_known_forms();
  scan.find_known();
  scan.find_list_items();
  scan.find_project_owners();
  scan.find_declared_aliases();
  scan.find_persons();
}

}  // namespace kg::extract
