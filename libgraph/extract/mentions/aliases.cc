// extract/mentions/aliases.cc: declared aliases, (以下简称“X”), (以下称“X”):
// the declared form is another name of the entity written right before it.
// The markers are in lexicons/alias_markers.txt.
#include "extract/chars.h"
#include "extract/mentions/scan.h"

namespace kg::extract {

using chars::is_name_char;

void MentionScan::find_declared_aliases() {
  for (std::size_t open = 1; open < t.size(); ++open) {
    if (!chars::is_open_paren(t[open - 1])) continue;
    // The marker starts right after the bracket or after a word or two (以下).
    std::size_t pos = open, marker = 0;
    for (std::size_t k = open; k < open + 3 && k < t.size() && marker == 0; ++k) {
      marker = lex.alias_markers.longest(t, k).first;
      pos = k + marker;
    }
    if (marker == 0) continue;
    std::size_t b = pos;
    while (b < t.size() && (t[b] == U'“' || t[b] == U'"' || t[b] == U'：' || t[b] == U':' || t[b] == U'「' ||
                            t[b] == U'为'))
      ++b;
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

}  // namespace kg::extract
