// extract/relations/posts.cc: holds_post. Titles before a name, chained
// with 、 (镇党委副书记、镇长郭永波), each attach to the body written before it,
// or to the body their level or kind implies (副县长 -> the county, 董事长 ->
// the company in view); a title right after the name (张小军书记) too.
#include <algorithm>

#include "core/utf8.h"
#include "extract/chars.h"
#include "extract/relations/context.h"

namespace kg::extract {

namespace {

bool attach_fits(TitleAttach attach, EntityType type) {
  switch (attach) {
    case TitleAttach::PartyOrg: return type == EntityType::PartyOrg;
    case TitleAttach::Place: return type == EntityType::Place;
    case TitleAttach::GovOrg: return type == EntityType::GovOrg;
    case TitleAttach::Enterprise: return type == EntityType::Enterprise;
    case TitleAttach::Organization: return type == EntityType::Organization;
    case TitleAttach::Park: return type == EntityType::Park || type == EntityType::GovOrg;
    case TitleAttach::Any: return !is_person(type) && type != EntityType::Project;
  }
  return false;
}

}  // namespace

std::int32_t RelationContext::implied_body(const Post& post, const std::vector<Post>& chain, std::uint32_t at) const {
  const TitleInfo& info = lex.title_info[post.title_index];
  for (const Post& other : chain)
    if (other.body && attach_fits(info.attach, other.body->type)) return other.body->entity;
  Span window = sentence_window(at, 2);
  switch (info.attach) {
    case TitleAttach::Place: {
      // 县长 heads the county, 区长 the district, 村主任 the village, 街道主任 the
      // street: the level the title names. A town's head with no town of that
      // very level written falls back to the article's town (乡, 街道).
      for (std::size_t k = 0; k < info.title.size(); ++k) {
        std::uint32_t len = lex.place_suffixes.longest(info.title, k + 1).first;
        if (len == 0 || len > k + 1) continue;
        const std::u32string level = info.title.substr(k + 1 - len, len);
        if (len == 1 && !lex.is_level_char(level[0])) continue;
        if (std::int32_t place = main_of(EntityType::Place, level); place >= 0) return place;
        const auto value = static_cast<PlaceLevel>(*lex.place_suffixes.find(level));
        if (value < PlaceLevel::Town || value > PlaceLevel::Street) return -1;
        break;
      }
      return s.discourse.town;
    }
    case TitleAttach::PartyOrg: {
      // 县委副书记 in a town article: a committee of the level the title names,
      // if the article writes it (X县委); the town's committee it is not.
      for (std::size_t k = 0; k + 1 < info.title.size(); ++k)
        if (info.title[k + 1] == U'委' && lex.place_suffixes.find(info.title.substr(k, 1)))
          return main_of(EntityType::PartyOrg, info.title.substr(k, 2));
      // 党组成员: the leading group of a body (市政协党组), never a committee.
      if (info.title.find(U"党组") != std::u32string::npos) return main_of(EntityType::PartyOrg, U"党组");
      return main_of(EntityType::PartyOrg);
    }
    case TitleAttach::Enterprise: {
      const Candidate* c = nearest_before(at, window.begin, {EntityType::Enterprise});
      return c ? c->entity : -1;
    }
    case TitleAttach::GovOrg: {
      const Candidate* c = nearest_before(at, s.sentence_span(at).begin, {EntityType::GovOrg});
      return c ? c->entity : -1;
    }
    case TitleAttach::Organization: {
      const Candidate* c = nearest_before(at, s.sentence_span(at).begin, {EntityType::Organization});
      return c ? c->entity : -1;
    }
    default:
      return -1;
  }
}

void RelationContext::holds_posts() {
  std::vector<Post> chain;  // one person's, kept for its memory
  for (const Candidate* p : mentions) {  // (no step below changes the list)
    if (!is_person(p->type)) continue;
    chain.clear();
    std::uint32_t pos = p->begin;
    if (pos >= 2 && chars::is_space(t[pos - 1]) && chars::is_han(t[pos - 2])) --pos;  // 党工委书记 孙玉民
    // Names listed after a titled name (副主任王青、牟希刚) share its chain.
    while (pos > 1 && t[pos - 1] == U'、') {
      const Candidate* prev = nullptr;
      for (const Candidate* c : mentions)
        if (c->end == pos - 1 && is_person(c->type)) prev = c;
      if (!prev) break;
      pos = prev->begin;
    }
    while (pos > 0) {
      lex.titles.match(t, pos, scratch);
      if (scratch.empty()) break;
      const Post* best_post = nullptr;
      Post best{};
      int best_score = -1;
      for (auto [len, idx] : scratch) {
        const Candidate* body = mention_ending_at(pos - len);
        int score = (body ? 1 : 0) + (body && attach_fits(lex.title_info[idx].attach, body->type) ? 2 : 0);
        if (score > best_score) {
          best_score = score;
          best = {pos - len, pos, idx, body};
          best_post = &best;
        }
      }
      if (!best_post) break;
      chain.push_back(best);
      pos = best.body ? best.body->begin : best.title_begin;
      if (pos > 0 && t[pos - 1] == U'、') { --pos; continue; }
      if (!best.body && lex.titles.longest(t, pos).first > 0) continue;
      break;
    }
    // A title right after the name: 张小军书记.
    if (chain.empty() && p->end < t.size()) {
      auto [len, idx] = lex.titles_forward.longest(t, p->end);
      if (len > 0) chain.push_back({p->end, p->end + len, idx, nullptr});
    }
    for (const Post& post : chain) {
      const Candidate* named = post.body;
      // A project holds no posts: 智诺科技产业项目董事长 is the chairman of the
      // company the project is named after, if the article names it.
      if (named && named->type == EntityType::Project) {
        named = owner_mention(named);
        if (!named) continue;
      }
      std::int32_t body = named ? named->entity : implied_body(post, chain, p->begin);
      if (body < 0) continue;
      const TitleInfo& info = lex.title_info[post.title_index];
      auto& person = s.out.entities[static_cast<std::size_t>(p->entity)];
      EntityType body_type = type_of(body);
      const bool public_body = body_type != EntityType::Enterprise && body_type != EntityType::Organization;
      if (info.attach == TitleAttach::Any ? public_body : info.official) person.type = EntityType::Official;
      const std::string& body_name = s.out.entities[static_cast<std::size_t>(body)].name;
      if (std::find(person.affiliations.begin(), person.affiliations.end(), body_name) == person.affiliations.end())
        person.affiliations.push_back(body_name);
      emit(RelationType::holds_post, p->entity, body, p->begin,
           to_utf8(t.substr(post.title_begin, post.title_end - post.title_begin)));
    }
  }
}

}  // namespace kg::extract
