// extract/relations/cooperation.cc: cooperates_with. A与B…合作/共建, and
// A、B、C联合…: stated joint work between enterprises, organisations, parks.
#include <algorithm>

#include "extract/chars.h"
#include "extract/relations/context.h"

namespace kg::extract {

bool RelationContext::partner(EntityType t) {
  return t == EntityType::Enterprise || t == EntityType::Organization || t == EntityType::Park;
}

void RelationContext::cooperation() {
  const std::uint32_t n = static_cast<std::uint32_t>(t.size());
  std::uint32_t resume = 0;  // past a trigger read
  for (const std::uint32_t k : s.triggers_in(0, n)) {
    if (k < resume) continue;
    auto [len, idx] = s.trigger_at(k);
    if (len == 0 || lex.trigger_info[idx].relation != RelationType::cooperates_with) continue;
    resume = k + len;
    Span sentence = s.sentence_span(k);
    std::uint32_t clause_begin = k;
    while (clause_begin > sentence.begin && !chars::is_clause_break(t[clause_begin - 1])) --clause_begin;
    // A与B…: 与 in the clause before the trigger.
    std::uint32_t with = k;
    for (std::uint32_t p = clause_begin; p < k; ++p)
      if (lex.conjunctions.count(t[p]) && (p > clause_begin || t[p] != U'和')) { with = p; break; }
    std::vector<const Candidate*> group;
    if (with < k) {
      for (const Candidate* c : mentions)
        if (c->begin > with && c->end <= k && partner(c->type)) group.push_back(c);
      if (group.empty()) continue;
      const Candidate* a = nearest_before(with, clause_begin, {EntityType::Enterprise, EntityType::Organization, EntityType::Park});
      if (!a) {
        // The clause starts with 与: the subject is the sentence's first partner.
        a = first_after(sentence.begin, with, {EntityType::Enterprise, EntityType::Organization, EntityType::Park});
      }
      if (!a) {
        std::int32_t main_park = main_of(EntityType::Park);
        for (const Candidate* b : group) emit(RelationType::cooperates_with, main_park, b->entity, k);
      } else {
        for (const Candidate* b : group) emit(RelationType::cooperates_with, a->entity, b->entity, k);
      }
    } else {
      // A、B、C联合…: the list right before the trigger.
      for (const Candidate* c : mentions)
        if (c->begin >= clause_begin && c->end <= k && partner(c->type)) group.push_back(c);
      if (group.size() >= 2 && group.back()->end + 1 >= k)
        for (std::size_t x = 0; x < group.size(); ++x)
          for (std::size_t y = x + 1; y < group.size(); ++y)
            emit(RelationType::cooperates_with, group[x]->entity, group[y]->entity, k);
    }
  }
}

}  // namespace kg::extract
