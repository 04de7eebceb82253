// extract/mentions/persons.cc: the person recogniser. A surname and one or
// two characters, taken only next to a title (镇党委书记张小军, 张小军书记), an
// introducing word (村民) or a speech verb (王攀说); the given name must not
// begin a word with its own job (党员干部, 群众).
#include <array>

#include "extract/chars.h"
#include "extract/mentions/scan.h"

namespace kg::extract {

using chars::is_han;

bool MentionScan::right_edge_ok(std::uint32_t j) const {
  if (j >= t.size() || !is_han(t[j])) return true;
  if (lex.name_enders.longest(t, j).first > 0) return true;
  if (word_starting_at(lex.boundary_forward, t, j, 4) > 0) return true;
  if (s.trigger_at(j).first > 0) return true;
  if (word_starting_at(lex.titles_forward, t, j, 6) > 0) return true;
  return false;
}

// No character of a given name begins a word that has its own job: a title
// (党员干部), an introducing word (群众), a boundary or speech word.
bool MentionScan::given_char_ok(std::uint32_t k) const {
  return word_starting_at(lex.titles_forward, t, k, 6) == 0 && word_starting_at(lex.person_intro_forward, t, k, 4) == 0 &&
         word_starting_at(lex.boundary_forward, t, k, 4) == 0 && lex.name_enders.longest(t, k).first == 0;
}

void MentionScan::find_persons() {
  const std::uint32_t n = static_cast<std::uint32_t>(t.size());
  std::uint32_t resume = 0;  // where the scan resumes, past a name taken
  for (const std::uint32_t i : s.opening(Lexicons::kScanSurnames)) {
    if (i + 1 >= n) break;
    if (i < resume) continue;
    auto [sl, unused] = lex.surnames.longest(t, i);
    (void)unused;
    if (sl == 0) continue;
    // Left context: a title, an introducing word, or the start of a phrase;
    // a signature may put a space between the post and the name.
    const std::uint32_t left = i >= 2 && chars::is_space(t[i - 1]) && is_han(t[i - 2]) ? i - 1 : i;
    auto [title_len, title_idx] = lex.titles.longest(t, left);
    auto [intro_len, intro_kind] = lex.person_intro.longest(t, left);
    bool after_title = title_len > 0;
    bool after_intro = intro_len > 0;
    if (after_intro && intro_kind == 2) continue;  // reporters, editors
    // (The tests that refuse a position are all asked before a name is
    // taken, so the one most positions fail, a surname inside a word, comes
    // first, and the cheap parts of it before the walk of a trie.)
    const bool clean_left = i == 0 || !is_han(t[i - 1]) || after_title || after_intro || boundary_ends_at(lex, t, i);
    if (!clean_left) continue;
    // 厂长孙国平: the "surname" 长孙 is the end of a title.
    if (lex.titles.longest(t, i + 1).first >= 2) continue;
    // The "surname" starts a word of its own (干部, 党员, 群众).
    if (word_starting_at(lex.titles_forward, t, i, 6) > 0 || word_starting_at(lex.person_intro_forward, t, i, 4) > 0)
      continue;
    // 党员, 干部 name a person only with a body written before them (招商局党员赵青).
    const bool weak_title = after_title && lex.title_info[title_idx].attach == TitleAttach::Any &&
                            !(left >= title_len && (org_end[left - title_len] >= 0 || place_end[left - title_len]));
    // 班子领: a word that merely starts with a surname (班子) begins no name.
    if (sl == 1 && i + 2 <= n && lex.not_names.count(t.substr(i, 2))) continue;
    // The given name of one or two characters after the surname fits
    // (given_char_ok of each): asked up to four times for the same
    // characters below, each walked once.
    std::array<std::int8_t, 2> given_ok{-1, -1};
    const std::uint32_t given = i + sl;
    const auto given_name_ok = [this, &given_ok, given](std::uint32_t e) {
      for (std::uint32_t k = given; k < e; ++k) {
        std::int8_t& known = given_ok[k - given];
        if (known < 0) known = given_char_ok(k) ? 1 : 0;
        if (known == 0) return false;
      }
      return true;
    };
    std::uint32_t chosen = 0;
    for (std::uint32_t g = 1; g <= 2 && chosen == 0; ++g) {
      std::uint32_t e = i + sl + g;
      if (e > n) break;
      bool all_han = true;
      for (std::uint32_t k = i + sl; k < e; ++k) all_han = all_han && is_han(t[k]) && t[k] != U'某';
      if (!all_han) break;
      if (lex.not_names.count(t.substr(i, e - i))) continue;
      if (!given_name_ok(e)) break;
      if (lex.place_suffixes.longest(t, e).first > 0) continue;
      if (!right_edge_ok(e)) continue;
      // 顾世和、: a conjunction before punctuation joins nothing; it ends the name.
      if (g == 1 && e + 1 < n && lex.conjunctions.count(t[e]) && !is_han(t[e + 1])) continue;
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
    // 书记刘波向市招商服务中心党组表态: with no clear edge, a preposition
    // (function_chars.txt) after one given-name character ends the name there.
    if (chosen == 0 && after_title && !weak_title && i + sl + 1 < n && is_han(t[i + sl]) &&
        lex.function_chars.count(t[i + sl + 1]) && given_name_ok(i + sl + 1) &&
        !lex.not_names.count(t.substr(i, sl + 1)))
      chosen = i + sl + 1;
    // A titled name with no clear right edge: surname + two characters.
    if (chosen == 0 && after_title && !weak_title && i + sl + 2 <= n && is_han(t[i + sl]) && is_han(t[i + sl + 1]) &&
        given_name_ok(i + sl + 2) && !lex.not_names.count(t.substr(i, sl + 2)))
      chosen = i + sl + 2;
    if (chosen == 0) continue;
    // 和一线员工, 各项工作, 各位朋友: a surname that is also a conjunction, a
    // measure word or a preposition begins a name only after a post or an
    // introducing word; and a name is no ordinary word (利润).
    const bool function_surname = sl == 1 && (lex.conjunctions.count(t[i]) || lex.is_measure(t[i]) ||
                                              lex.function_chars.count(t[i]) || lex.list_joiners.longest(t, i).first == 1);
    if (function_surname && !after_title && !after_intro) continue;
    // 负责人和老乡鸡: after a post the conjunction still joins two nouns unless
    // the name ends cleanly (punctuation, a speech verb, a post).
    if (sl == 1 && lex.conjunctions.count(t[i]) && chosen < n && is_han(t[chosen]) && lex.name_enders.longest(t, chosen).first == 0 &&
        word_starting_at(lex.titles_forward, t, chosen, 6) == 0)
      continue;
    if (lex.common_words.find(t.substr(i, chosen - i))) continue;
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
    // 李某某同志: an introducing word of an official after the name (同志).
    if (auto [len, kind] = lex.person_intro_forward.longest(t, chosen); len > 0 && kind == 1) c.type = EntityType::Official;
    c.name = t.substr(i, chosen - i);
    c.source = Source::Person;
    add(std::move(c));
    // Names listed after a titled one share its title: 副主任王青、牟希刚.
    std::uint32_t next = chosen;
    while (after_title && next + 2 < n && t[next] == U'、' && lex.surnames.longest(t, next + 1).first > 0) {
      std::uint32_t b2 = next + 1;
      std::uint32_t e2 = 0;
      const std::uint32_t surname = lex.surnames.longest(t, b2).first;
      for (std::uint32_t g = 1; g <= 2; ++g) {
        std::uint32_t e = b2 + surname + g;
        if (e > n || !is_han(t[e - 1])) break;
        // 李建辉、林仁达陪同: a two-character given name may end at any clear edge.
        if (right_edge_ok(e) && (e >= n || t[e] == U'、' || !is_han(t[e]) || lex.name_enders.longest(t, e).first ||
                                 (g == 2 && lex.boundary_forward.longest(t, e).first >= 2))) {
          e2 = e;
          break;
        }
      }
      if (e2 == 0) break;
      Candidate more = s.candidates.back();
      more.begin = b2;
      more.end = e2;
      more.name = t.substr(b2, e2 - b2);
      add(std::move(more));
      next = e2;
    }
    resume = chosen;
  }
}

}  // namespace kg::extract
