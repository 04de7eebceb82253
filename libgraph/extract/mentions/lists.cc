// extract/mentions/lists.cc: the enumeration recogniser. Items of a
// 、-list take the type of their typed items or of the head noun after 等
// (卫星石化、加西贝拉…等一批规上企业); a brand with its line of business right
// before 项目 (杰必机电项目) is the project's company.
#include <algorithm>
#include <optional>

#include "extract/chars.h"
#include "extract/mentions/scan.h"

namespace kg::extract {

using chars::is_name_char;

bool MentionScan::clause_delimiter(char32_t c) {
  return !is_name_char(c) && c != U'、' && !chars::is_open_paren(c) && !chars::is_close_paren(c) && c != U'“' &&
         c != U'”';
}

// Does a boundary or trigger word start at p?
bool MentionScan::stop_word_starts_at(std::uint32_t p) const {
  if (t[p] == U'等') return true;
  if (word_starting_at(lex.boundary_forward, t, p, 4) > 1) return true;
  return s.trigger_at(p).first > 0;
}

const Candidate* MentionScan::typed_candidate(std::uint32_t b, std::uint32_t e) const {
  for (const auto& c : s.candidates)
    if (c.begin == b && c.end == e && !c.generic && c.type != EntityType::Place) return &c;
  return nullptr;
}

void MentionScan::find_list_items() {
  const std::size_t n = t.size();
  std::vector<std::pair<std::uint32_t, std::uint32_t>> items;
  // One clause (a run between clause delimiters) at a time, of those that
  // hold a 、: found from the 、, where testing every character of the text
  // for a delimiter cost more than the rest of the recogniser.
  for (std::size_t i = 0, mark = t.find(U'、'); mark != std::u32string_view::npos; mark = t.find(U'、', i)) {
    std::size_t cb = mark;
    while (cb > i && !clause_delimiter(t[cb - 1])) --cb;
    std::size_t ce = mark;
    while (ce < n && !clause_delimiter(t[ce])) ++ce;
    i = ce + 1;
    if (i >= n) i = n;
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
    // 镇党委、政府与11个项目签署协议: a count after a conjunction counts what the
    // list is joined with; its head noun does not type the list.
    bool head_elsewhere = false;
    for (std::uint32_t k = last.first + 1; k < last.second; ++k) {
      // 松鹤药业3家企业: a count ends the last item too.
      const bool count = (chars::is_digit(t[k]) || lex.is_han_numeral(t[k])) && k + 1 < last.second &&
                         lex.is_measure(t[k + 1]);
      if (count) {
        // 11个项目: the count starts at its first digit.
        while (k > last.first + 1 && (chars::is_digit(t[k - 1]) || lex.is_han_numeral(t[k - 1]))) --k;
        if (k > last.first + 1 && lex.conjunctions.count(t[k - 1])) {
          --k;
          head_elsewhere = true;
        }
      }
      if (stop_word_starts_at(k) || count) { last.second = k; break; }
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
      // 为耐克、阿迪达斯, 长期为锐跑、飞燕: a preposition, at the start or after
      // an ordinary word, opens the first item, not its name.
      if (k == 0 && cut == item.first && item.second > item.first + 2 && lex.function_chars.count(t[item.first]))
        cut = item.first + 1;
      // (An item of three characters or fewer has no room for one: its end
      // less two could wrap below zero.)
      for (std::uint32_t q = item.second - 2; k == 0 && cut == item.first && item.second > item.first + 3 && q > item.first + 1;
           --q) {
        if (!lex.function_chars.count(t[q])) continue;
        for (std::uint32_t len = 2; len <= 4 && q >= item.first + len && cut == item.first; ++len)
          if (lex.common_words.find(t.substr(q - len, len))) cut = q + 1;
      }
      if (cut > item.first) {
        item.first = cut;
        items.erase(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(k));
        break;
      }
    }
    if (items.size() < 2) continue;
    // The head noun after the list: 等11家优质企业, 3家企业, 等地.
    const std::optional<EntityType> head =
        head_elsewhere ? std::nullopt : list_head(items.back().second, list_end);
    // The list's type comes from its head noun, or from its typed items.
    int enterprises = 0, organizations = 0;
    for (auto [b, e] : items) {
      if (e <= b) continue;
      const Candidate* c = typed_candidate(b, e);
      if (!c) continue;
      if (c->type == EntityType::Enterprise) ++enterprises;
      if (c->type == EntityType::Organization) ++organizations;
    }
    EntityType list_type;
    // 引进A、B等优质项目 with a company among the items: the items are companies.
    if (head && !(*head == EntityType::Project && enterprises > 0)) list_type = *head;
    else if (enterprises > 0) list_type = EntityType::Enterprise;
    else if (organizations > 0) list_type = EntityType::Organization;
    else continue;
    for (auto [b, e] : items) {
      // A name found by its structure stands (丰源担保公司 of 丰源担保公司全体干部职工).
      if (e <= b || typed_candidate(b, e) || place_candidate(b, e) || candidate_opening(b, e)) continue;
      // An item may open with the place or park it is in (杨集镇鸿旺牧业,
      // 红旗渠产业园朝周粉条) and end with its site (汉正药业厂区).
      b = after_leading_area(b, e);
      e = before_site(b, e);
      if (e <= b || e - b < 2 || e - b > 12 || typed_candidate(b, e) || place_candidate(b, e)) continue;
      bool ok = true;
      for (std::uint32_t k = b; k < e; ++k) ok = ok && is_name_char(t[k]);
      if (!ok || lex.generic_terms.count(t.substr(b, e - b))) continue;
      if (lex.generic_modifiers.longest(t, b).first > 0 && place_start[b] < 0) continue;
      if (lex.facility_words.longest(t, e).first > 0) continue;
      // A tour of places (…等地) passes companies too: an item that ends in a
      // line of business (鸿旺牧业) is one where the list names others.
      EntityType item_type = list_type;
      if (list_type == EntityType::Place || list_type == EntityType::Park) {
        if (enterprises == 0 || lex.industry_words.longest(t, e).first == 0) continue;
        item_type = EntityType::Enterprise;
      }
      // 岭南重工、福民新材料…等项目: a brand with its line of business in a list
      // of projects is the company the visit saw.
      if (list_type == EntityType::Project && lex.industry_words.longest(t, e).first > 0)
        item_type = EntityType::Enterprise;
      Candidate c;
      c.begin = b;
      c.end = e;
      c.type = item_type;
      c.name = t.substr(b, e - b);
      c.source = Source::Enumeration;
      add(std::move(c));
    }
  }
}

// The type a list's head noun gives (list_heads.tsv): after 等 and after a
// count (3家, 6个) and its modifiers, within a few characters.
std::optional<EntityType> MentionScan::list_head(std::uint32_t from, std::uint32_t end) const {
  std::uint32_t p = from;
  const bool deng = p < end && t[p] == U'等';
  if (deng) ++p;
  std::uint32_t q = p;
  while (q < end && (chars::is_digit(t[q]) || lex.is_han_numeral(t[q]))) ++q;
  const bool counted = q > p && q < end && lex.is_measure(t[q]);
  if (!deng && !counted) return std::nullopt;
  if (counted) p = q + 1;
  for (std::uint32_t k = p; k < end && k < p + 8 && is_name_char(t[k]); ++k) {
    auto [len, type] = lex.list_heads.longest(t, k);
    if (len == 0) continue;
    // Heads written together make one, the last of them: 园区企业 is a kind of 企业.
    for (auto next = lex.list_heads.longest(t, k + len); next.first > 0; next = lex.list_heads.longest(t, k + len)) {
      k += len;
      len = next.first;
      type = next.second;
    }
    return static_cast<EntityType>(type);
  }
  return std::nullopt;
}

// Where an item's own name begins: after a town, village or park that opens
// it. A city or province before a name is part of it (西安神灯骐骥生物).
std::uint32_t MentionScan::after_leading_area(std::uint32_t b, std::uint32_t e) const {
  // 园区中国邮政, 我镇恒裕达: a word for the article's own area (frames.tsv
  // home) opens the item as a place would.
  if (auto [len, roles] = s.frame_word(b); len > 0 && (roles & kFrameHome) && b + len + 2 <= e) return b + len;
  for (const auto& c : s.candidates) {
    if (c.begin != b || c.end + 2 > e || c.generic) continue;
    if (c.type == EntityType::Park || (c.type == EntityType::Place && c.level >= PlaceLevel::Town)) return c.end;
  }
  return b;
}

// Where an item's own name ends: before a site word (厂区, 现场) that closes it.
std::uint32_t MentionScan::before_site(std::uint32_t b, std::uint32_t e) const {
  for (std::uint32_t k = b + 2; k < e; ++k) {
    auto [len, roles] = s.frame_word(k);
    if ((roles & kFrameSite) && k + len == e) return k;
  }
  return e;
}

// A specific organisation name opens the item and ends inside it.
bool MentionScan::candidate_opening(std::uint32_t b, std::uint32_t e) const {
  for (const auto& c : s.candidates)
    if (c.begin == b && c.end < e && !c.generic && c.source == Source::Suffix && c.type != EntityType::Place &&
        c.type != EntityType::Park && c.end - c.begin >= 4)
      return true;
  return false;
}

bool MentionScan::place_candidate(std::uint32_t b, std::uint32_t e) const {
  for (const auto& c : s.candidates)
    if (c.begin == b && c.end == e && c.type == EntityType::Place) return true;
  return false;
}

// 杰必机电项目, 华阳化工党支部: the core of a project's or a party branch's
// name is an enterprise's short name (a brand and its line of business).
void MentionScan::find_project_owners() {
  const std::size_t count = s.candidates.size();
  for (std::size_t k = 0; k < count; ++k) {
    // A reference, not a copy (a copy of its name for every candidate): it
    // is not used once add() may have moved the list.
    const Candidate& pc = s.candidates[k];
    // 华阳化工党支部: a company's party branch is named after the company too.
    if ((pc.type != EntityType::Project && pc.type != EntityType::PartyOrg) || pc.generic) continue;
    std::uint32_t core_end = pc.end - pc.suffix_len;
    auto [len, unused] = lex.industry_words.longest(t, core_end);
    (void)unused;
    if (len == 0 || core_end - pc.begin <= len || core_end - pc.begin > len + 4) continue;
    Candidate c;
    c.begin = pc.begin;
    c.end = core_end;
    c.type = EntityType::Enterprise;
    c.name = t.substr(pc.begin, core_end - pc.begin);
    c.source = Source::Enumeration;
    add(std::move(c));
  }
}

}  // namespace kg::extract
