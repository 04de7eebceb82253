// extract/relations/served.cc: served. An official, a serving verb (走访,
// 协调, 上门服务, 牵线) and the companies after it; the company the sentence
// already named when the verb has no object; a sentence that opens in a
// company (在A公司，李建平…); officials listed after the visit (…调研的有…).
// Officials who only accompany (陪同) carry role=accompany.
#include <algorithm>

#include "extract/chars.h"
#include "extract/relations/context.h"

namespace kg::extract {

// 企业, 该公司, 该企业 after `from`: a generic reference to a company.
std::uint32_t RelationContext::generic_company_at(std::uint32_t from, std::uint32_t to) const {
  for (std::uint32_t k = from; k + 1 < to; ++k) {
    if (lex.served_words.at(t, k, Lexicons::kServedCompany) > 0) {
      bool inside = false;
      for (const Candidate* c : mentions) inside = inside || (c->begin <= k && k < c->end);
      if (!inside) return k;
    }
  }
  return to;
}

void RelationContext::served() {
  for (const Candidate* o : mentions) {
    if (o->type != EntityType::Official && type_of(o->entity) != EntityType::Official) continue;
    Span sentence = s.sentence_span(o->begin);
    // The next person in the sentence starts another subject, unless the two are
    // coordinated (书记王立军、副镇长刘静多次到…): then they share the predicate.
    std::uint32_t stop = sentence.end;
    for (const Candidate* c : mentions) {
      if (c->begin <= o->end || c->begin >= stop || !is_person(c->type) || c->entity == o->entity) continue;
      // Between the two stand only punctuation, titles and bodies (书记杨光辉，乡党委
      // 副书记、乡长罗建华带领…): no verb, no clause of its own.
      bool coordinated = c->begin - o->end <= 16;
      for (std::uint32_t k = o->end; k < c->begin && coordinated; ++k)
        coordinated = t[k] != U'。' && t[k] != U';' && t[k] != U'；' && s.trigger_at(k).first == 0 &&
                      lex.boundary_forward.longest(t, k).first == 0 && lex.name_enders.longest(t, k).first == 0;
      if (!coordinated) stop = c->begin;
    }
    std::uint32_t trigger_at = stop;
    for (std::uint32_t k = o->end; k < stop; ++k) {
      auto [len, idx] = s.trigger_at(k);
      if (len > 0 && lex.trigger_info[idx].relation == RelationType::served &&
          lex.trigger_info[idx].role == TriggerRole::Lead) {
        trigger_at = k;
        break;
      }
    }
    if (trigger_at >= stop) continue;
    // 张立军要求区工信局协调…: the official orders, the bureau does the serving.
    if (lex.served_words.occurs_in(t.substr(o->end, trigger_at - o->end), Lexicons::kServedOrder)) continue;
    Attributes attrs;
    if (goes_along(s, mentions, o, sentence)) attrs.emplace_back("role", "accompany");
    // The verb's object stands in its clause (…考察学习，高新股份负责人陪同: the
    // company of the next clause only goes along).
    std::uint32_t clause_end = trigger_at;
    while (clause_end < stop && !chars::is_clause_break(t[clause_end])) ++clause_end;
    const Candidate* company = first_after(trigger_at, clause_end, {EntityType::Enterprise});
    // 在A公司调研, 赴A公司督导: the company stands between the official and the verb.
    if (const Candidate* before = first_after(o->end, trigger_at, {EntityType::Enterprise})) {
      // 在, 赴, 到 right before the company (served.tsv, at); not 到 inside 学到.
      bool at = false;
      for (std::uint32_t len = 1; len <= 2 && len <= before->begin - o->end && !at; ++len)
        at = lex.served_words.at(t, before->begin - len, Lexicons::kServedAt) == len &&
             lex.frame_go_blockers.longest(t, before->begin).first == 0;
      if (at) company = before;
    }
    // 走访企业, 深入该公司: the verb's object is a generic company (right after
    // the verb and a particle), standing for the company the text is about.
    const std::uint32_t verb_end = trigger_at + s.trigger_at(trigger_at).first;
    const std::uint32_t object_limit = std::min(company ? company->begin : stop, verb_end + 3);
    std::uint32_t generic = generic_company_at(verb_end, object_limit);
    if (generic < object_limit) {
      Span window = sentence_window(o->begin, 2);
      const Candidate* named = nearest_before(o->begin, window.begin, {EntityType::Enterprise});
      if (named) company = named;
    }
    if (!company) {
      // 上门服务, 协调解决 with no company after them: the company or project the
      // sentence has already named.
      const Candidate* named = nearest_before(o->begin, sentence.begin, {EntityType::Enterprise, EntityType::Project});
      if (named && named->type == EntityType::Project) named = owner_mention(named);
      company = named;
    }
    if (!company) continue;
    emit(RelationType::served, o->entity, company->entity, o->begin, {}, attrs);
    // 走访了A、B等企业: every company of the list.
    const Candidate* last = company;
    for (const Candidate* c : mentions) {
      if (c->begin < last->end || c->begin >= stop || c->type != EntityType::Enterprise) continue;
      if (!joins(t.substr(last->end, c->begin - last->end))) break;
      emit(RelationType::served, o->entity, c->entity, o->begin, {}, attrs);
      last = c;
    }
  }
}

// 在A公司，李建平详细询问…: a sentence that opens in a company and goes on
// with an official doing something there.
void RelationContext::served_in_company() {
  for (const Candidate* company : mentions) {
    if (company->type != EntityType::Enterprise || company->begin == 0 || t[company->begin - 1] != U'在') continue;
    Span sentence = s.sentence_span(company->begin);
    std::uint32_t opener = company->begin - 1;
    if (opener != sentence.begin && !chars::is_clause_break(t[opener - 1])) continue;
    // Past the company (and a declared short name in brackets), a comma, then the official.
    std::uint32_t k = company->end;
    if (k < sentence.end && chars::is_open_paren(t[k]))
      while (k < sentence.end && !chars::is_close_paren(t[k])) ++k;
    if (k < sentence.end && chars::is_close_paren(t[k])) ++k;
    if (k >= sentence.end || !chars::is_clause_break(t[k])) continue;
    const Candidate* official = nullptr;
    for (const Candidate* c : mentions)
      if (c->begin > k && c->begin <= k + 16 && is_person(c->type)) { official = c; break; }
    if (!official || type_of(official->entity) != EntityType::Official) continue;
    emit(RelationType::served, official->entity, company->entity, official->begin);
  }
}

// 深入A公司、B公司调研的有书记黄振东，镇长许文辉等: officials named after the verb.
void RelationContext::served_listed_after() {
  for (const std::uint32_t pos : s.opening(Lexicons::kScanServedWords)) {
    {
      if (lex.served_words.at(t, pos, Lexicons::kServedListed) == 0) continue;
      Span sentence = s.sentence_span(pos);
      bool serving = false;
      for (std::uint32_t k = sentence.begin; k < pos && !serving; ++k) {
        auto [len, idx] = s.trigger_at(k);
        serving = len > 0 && lex.trigger_info[idx].relation == RelationType::served &&
                  lex.trigger_info[idx].role == TriggerRole::Lead;
      }
      if (!serving) continue;
      for (const Candidate* company : mentions) {
        if (company->type != EntityType::Enterprise || company->begin < sentence.begin || company->end > pos) continue;
        for (const Candidate* o : mentions)
          if (o->begin > pos && o->end <= sentence.end && type_of(o->entity) == EntityType::Official)
            emit(RelationType::served, o->entity, company->entity, o->begin);
      }
    }
  }
}

}  // namespace kg::extract
