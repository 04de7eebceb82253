// extract/relations/located.cc: located_in from settling verbs. 落户,
// 入驻, 在…开工, 在…设立, 位于L的X, L引进X、Y等, 园区内A、B, 辖区内的X.
#include <algorithm>

#include "extract/chars.h"
#include "extract/relations/context.h"

namespace kg::extract {

bool RelationContext::settles(EntityType t) {
  return t == EntityType::Enterprise || t == EntityType::Project || t == EntityType::Park ||
         t == EntityType::Organization || t == EntityType::GovOrg;
}

std::int32_t RelationContext::main_location() const {
  std::int32_t park = main_of(EntityType::Park);
  if (park >= 0) return park;
  return s.discourse.town;
}

void RelationContext::located_by_verbs() {
  const std::uint32_t n = static_cast<std::uint32_t>(t.size());
  for (const std::uint32_t k : s.triggers_in(0, n)) {
    auto [len, idx] = s.trigger_at(k);
    if (len == 0 || lex.trigger_info[idx].relation != RelationType::located_in) continue;
    TriggerRole role = lex.trigger_info[idx].role;
    Span sentence = s.sentence_span(k);
    std::uint32_t after = k + len;
    while (after < sentence.end && lex.located_words.at(t, after, Lexicons::kLocatedParticle) == 1) ++after;
    const Candidate* place = nullptr;
    for (const Candidate* c : mentions)
      if (c->begin == after && (c->type == EntityType::Park || c->type == EntityType::Place) &&
          (!place || c->end > place->end))
        place = c;
    // 位于天凝镇东信路工业园区的X: of areas written together, the last is where.
    while (place) {
      const Candidate* inner = nullptr;
      for (const Candidate* c : mentions)
        if (c->begin == place->end && (c->type == EntityType::Park || c->type == EntityType::Place)) inner = c;
      if (!inner) break;
      place = inner;
    }
    std::uint32_t clause_begin = k;
    while (clause_begin > sentence.begin && !chars::is_clause_break(t[clause_begin - 1])) --clause_begin;
    const Candidate* subject = nearest_before(k, clause_begin, {EntityType::Enterprise, EntityType::Project,
                                                               EntityType::Park, EntityType::Organization});
    if (subject && place && subject->entity == place->entity) subject = nullptr;
    if (role == TriggerRole::In) {
      // X在L开工 / 在L设立X: a settling verb must follow the place.
      if (!place) continue;
      std::uint32_t verb_at = place->end;
      bool settled = false;
      std::uint32_t verb_len = 0;
      for (std::uint32_t v = place->end; v < std::min(sentence.end, place->end + 6); ++v) {
        auto [vl, vi] = s.trigger_at(v);
        if (vl > 0 && lex.trigger_info[vi].relation == RelationType::located_in &&
            lex.trigger_info[vi].role == TriggerRole::Settle) {
          settled = true;
          verb_at = v;
          verb_len = vl;
          break;
        }
      }
      if (!settled) continue;
      // 在L设立X: the object right after the verb settles; else the subject (X在L开工).
      const Candidate* object = first_after(verb_at + verb_len, sentence.end,
                                            {EntityType::Enterprise, EntityType::Project, EntityType::Organization});
      if (object && object->begin <= verb_at + verb_len + 1)
        emit(RelationType::located_in, object->entity, place->entity, k);
      else if (subject && settles(subject->type))
        emit(RelationType::located_in, subject->entity, place->entity, k);
      continue;
    }
    if (role != TriggerRole::Settle && role != TriggerRole::Arrive && role != TriggerRole::Attract) continue;
    // 位于L的X, 入驻L的A、B等企业: what follows the place and 的 is in it.
    if (place && place->end + 1 < sentence.end && t[place->end] == U'的') {
      const Candidate* last = nullptr;
      for (const Candidate* c : mentions) {
        if (c->begin < place->end + 1 || c->end > sentence.end || !settles(c->type)) continue;
        if (last && c->begin < last->end) continue;  // inside the item just placed
        std::u32string_view gap = last ? t.substr(last->end, c->begin - last->end) : t.substr(place->end + 1, c->begin - place->end - 1);
        if (last ? !joins(gap) : !gap.empty()) break;
        // 坐落在L的A公司B项目: the company names whose the project is; the project is what stands there.
        const Candidate* item = c;
        if (c->type == EntityType::Enterprise)
          for (const Candidate* p : mentions)
            if (p->type == EntityType::Project && p->begin == c->end && p->end <= sentence.end) item = p;
        emit(RelationType::located_in, item->entity, place->entity, k);
        last = item;
      }
      if (last) continue;
    }
    if (role == TriggerRole::Attract) {
      // L引进X、Y等…: every company or project named after the verb in the clause.
      std::uint32_t clause_end = after;
      while (clause_end < sentence.end && !chars::is_clause_break(t[clause_end])) ++clause_end;
      // The host is the area that attracts: the park or place before the verb
      // (园区引进, 该镇引进), else a park after it, else the article's park.
      const Candidate* host = nearest_before(k, clause_begin, {EntityType::Park, EntityType::Place});
      if (!host) host = nearest_before(k, sentence.begin, {EntityType::Park});
      std::int32_t host_entity = host ? host->entity : -1;
      if (host_entity < 0) {
        for (const Candidate* c : mentions)
          if (c->begin >= after && c->end <= clause_end && c->type == EntityType::Park) host_entity = c->entity;
      }
      if (host_entity < 0) host_entity = main_of(EntityType::Park);
      for (const Candidate* c : mentions)
        if (c->begin >= after && c->end <= clause_end && (c->type == EntityType::Enterprise || c->type == EntityType::Project))
          emit(RelationType::located_in, c->entity, host_entity, k);
      continue;
    }
    if (!subject || !settles(subject->type)) continue;
    // A与B签约 is an agreement between the two, not a settling.
    bool joint = false;
    for (std::uint32_t q = subject->end; q < k && !joint; ++q) joint = lex.conjunctions.count(t[q]) > 0;
    if (joint) continue;
    // Only verbs of arriving (落户, 入驻) point, without a place, at the article's
    // own area; so do projects that start there (A、B等6个重点项目已全部开工).
    if (!place && role != TriggerRole::Arrive && subject->type != EntityType::Project) continue;
    std::int32_t where = place ? place->entity : subject->type == EntityType::Project && s.discourse.home >= 0
                                                     ? s.discourse.home
                                                     : main_location();
    emit(RelationType::located_in, subject->entity, where, k);
    // A、B、C等项目集中开工: every item of the list the subject ends.
    const Candidate* item = subject;
    for (auto it = mentions.rbegin(); it != mentions.rend(); ++it) {
      const Candidate* c = *it;
      if (c->end > item->begin || !settles(c->type)) continue;
      // 澜程新材料 inside 澜程新材料项目: the item is the longest name at its start.
      if (const Candidate* whole = mention_at(c->begin); whole != c && whole->end <= item->begin) continue;
      if (!joins(t.substr(c->end, item->begin - c->end))) break;
      emit(RelationType::located_in, c->entity, where, k);
      item = c;
    }
  }
  // 园区内A、B等企业: what the clause names after a park and 内 is inside it.
  for (const Candidate* host : std::vector<const Candidate*>(mentions)) {
    if (host->type != EntityType::Park || host->end >= t.size() || t[host->end] != U'内') continue;
    std::uint32_t end = host->end;
    while (end < t.size() && !chars::is_clause_break(t[end])) ++end;
    for (const Candidate* c : mentions)
      if (c->begin > host->end && c->end <= end && (c->type == EntityType::Enterprise || c->type == EntityType::Project))
        emit(RelationType::located_in, c->entity, host->entity, c->begin);
  }
  // 辖区内的X: the article's own area.
  for (const Candidate* c : mentions) {
    if (!settles(c->type)) continue;
    bool inside = false;
    for (std::uint32_t len = 2; len <= 6 && len <= c->begin && !inside; ++len)
      inside = lex.located_words.at(t, c->begin - len, Lexicons::kLocatedInside) == len;
    if (!inside) continue;
    const std::int32_t home = s.discourse.town >= 0 ? s.discourse.town : main_location();
    emit(RelationType::located_in, c->entity, home, c->begin);
  }
}

}  // namespace kg::extract
