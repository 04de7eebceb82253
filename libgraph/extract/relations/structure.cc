// extract/relations/structure.cc: relations read off the structure of
// names. 南法信镇党委 leads 南法信镇; 嘉兴科技城招商局 is part of 嘉兴科技城;
// 襄阳高新区 lies in 襄阳市; places written one after another compose
// (顺义区南法信镇); 东风康明斯公司国六发动机项目 is that company's project.
#include <algorithm>

#include "extract/chars.h"
#include "extract/relations/context.h"

namespace kg::extract {

// 锦泉智造产业园 carries the core of 锦泉街道: the place whose name minus its
// level is how the park's name begins.
std::int32_t RelationContext::place_named_by_core(std::u32string_view name, std::uint32_t& len) const {
  for (std::size_t e = 0; e < s.out.entities.size(); ++e) {
    if (s.out.entities[e].type != EntityType::Place) continue;
    const std::u32string& place = name32(static_cast<std::int32_t>(e));
    std::uint32_t level = lex.place_suffixes.longest(place, place.size()).first;
    if (level == 0 || place.size() - level < 2) continue;
    std::u32string_view core = std::u32string_view(place).substr(0, place.size() - level);
    if (name.size() > core.size() + 2 && name.substr(0, core.size()) == core) {
      len = static_cast<std::uint32_t>(core.size());
      return static_cast<std::int32_t>(e);
    }
  }
  return -1;
}

// 前店村综合物业大楼项目: a town or village (not a city, whose name is often
// a brand's) opens a project's name: the project is there.
void RelationContext::in_local_place(std::int32_t self, std::u32string_view name, std::uint32_t at) {
  auto [place, len] = prefix_entity(name, {EntityType::Place}, self);
  if (place < 0 || len >= name.size()) return;
  const std::u32string& place_name = name32(place);
  const auto level = lex.place_suffixes.longest(place_name, place_name.size());
  if (level.first > 0 && static_cast<PlaceLevel>(level.second) >= PlaceLevel::Town)
    emit(RelationType::located_in, self, place, at);
}

void RelationContext::structural() {
  for (std::size_t e = 0; e < s.out.entities.size(); ++e) {
    const auto& le = s.out.entities[e];
    const auto self = static_cast<std::int32_t>(e);
    std::uint32_t at = full_mention_at(e);
    for (const std::u32string& name : s.entity_forms[e]) {
      switch (le.type) {
        case EntityType::PartyOrg: {
          auto [slen, unused] = lex.org_suffixes.longest(name, name.size());
          (void)unused;
          if (slen == 0 || slen >= name.size()) break;
          std::u32string body = name.substr(0, name.size() - slen);
          // 区委, 街道党工委: the level the party suffix starts with belongs to the body.
          std::u32string_view party = std::u32string_view(name).substr(name.size() - slen);
          for (std::uint32_t l = std::min<std::uint32_t>(3, static_cast<std::uint32_t>(party.size()) - 1); l > 0; --l)
            if (lex.place_suffixes.find(party.substr(0, l))) {
              body.append(party.substr(0, l));
              break;
            }
          std::span<const std::int32_t> bodies = named(body);
          // 汉中市镇巴县园区党工委: the body may be written with its city before it.
          for (std::uint32_t strip = place_prefix_length(lex, body); bodies.empty() && strip > 0 && strip < body.size();) {
            bodies = named(std::u32string_view(body).substr(strip));
            break;
          }
          if (bodies.empty()) {
            auto [plen, pidx] = lex.places.longest(body, 0);
            if (plen >= 2 && plen < body.size()) bodies = named(std::u32string_view(body).substr(plen));
          }
          bool led = false;
          for (std::int32_t b : bodies)
            if (b != self && !is_person(type_of(b)) && type_of(b) != EntityType::PartyOrg && type_of(b) != EntityType::Project) {
              // 开发区管委会党工委: the working committee of a park's administrative
              // committee is the park's party organisation.
              if (type_of(b) == EntityType::GovOrg) {
                const std::u32string& office = name32(b);
                const std::uint32_t olen = lex.org_suffixes.longest(office, office.size()).first;
                if (olen > 0 && olen < office.size() &&
                    lex.park_body_suffixes.count(office.substr(office.size() - olen))) {
                  for (std::int32_t p : named(std::u32string_view(office).substr(0, office.size() - olen)))
                    if (type_of(p) == EntityType::Park) {
                      b = p;
                      break;
                    }
                }
              }
              emit(RelationType::leads, self, b, at);
              led = true;
              break;
            }
          if (!led && bodies.empty() && body.size() >= 2 && !lex.names_home_park(body)) {
            // 集中区党工委 in an article about 龙岭工业集中区: the park whose name
            // ends in the kind the body is written with.
            const std::int32_t park = main_of(EntityType::Park, body);
            if (park >= 0 && name32(park).size() > body.size()) {
              emit(RelationType::leads, self, park, at);
              led = true;
            }
          }
          if (!led) {
            // 汉中市镇巴县园区党工委: a place and the word for the article's own
            // park (园区) name the park the article is about.
            // The park's own name begins with (the end of) that place: 镇巴县产业园区.
            const std::u32string_view place = std::u32string_view(body).substr(0, place_prefix_length(lex, body));
            const std::u32string_view area = std::u32string_view(body).substr(place.size());
            const std::int32_t park = !place.empty() && lex.names_home_park(area) ? main_of(EntityType::Park) : -1;
            bool named_there = false;
            for (std::size_t k = 0; park >= 0 && k + 2 <= place.size() && !named_there; ++k)
              named_there = std::u32string_view(name32(park)).substr(0, place.size() - k) == place.substr(k);
            if (named_there) {
              emit(RelationType::leads, self, park, at);
              led = true;
            }
          }
          if (!led) {
            // 园区机关党支部: a branch inside a park's or a department's organs.
            auto [b, len] = prefix_entity(body, {EntityType::Park, EntityType::GovOrg}, self);
            if (b >= 0 && len < body.size() && body.size() - len <= 4) emit(RelationType::part_of, self, b, at);
          }
          break;
        }
        case EntityType::GovOrg: {
          auto [b, len] = prefix_entity(name, {EntityType::Park, EntityType::Place, EntityType::GovOrg}, self);
          if (b < 0 || len >= name.size()) break;
          emit(RelationType::part_of, self, b, at);
          // An institution (卫生院, 学校: institutions.txt) also stands in that area.
          if (const std::uint32_t inst = lex.institutions.longest(name, name.size()).first; inst > 0 && inst < name.size())
            emit(RelationType::located_in, self, b, at);
          break;
        }
        case EntityType::Park: {
          auto [b, len] = prefix_entity(name, {EntityType::Park, EntityType::Place}, self);
          if (b < 0) b = place_named_by_core(name, len);
          if (b < 0) {
            // 安徽长丰双凤经济开发区: a province or city the article does not
            // name may open the name before the county it does.
            auto [plen, pidx] = lex.places.longest(name, 0);
            if (plen >= 2 && plen + 2 < name.size()) {
              const std::u32string_view rest = std::u32string_view(name).substr(plen);
              std::tie(b, len) = prefix_entity(rest, {EntityType::Park, EntityType::Place}, self);
              if (b < 0) b = place_named_by_core(rest, len);
              len += plen;
            }
          }
          if (b < 0) {
            // 襄阳高新区: the short form of a city that the article names in full.
            auto [plen, pidx] = lex.places.longest(name, 0);
            const auto places = plen >= 2 && plen < name.size() ? named(lex.place_info[pidx].name)
                                                                : std::span<const std::int32_t>();
            if (!places.empty()) {
              b = places.front();
              len = plen;
            }
          }
          if (b < 0 || len >= name.size()) break;
          if (type_of(b) == EntityType::Park) emit(RelationType::part_of, self, b, at);
          emit(RelationType::located_in, self, b, at);
          break;
        }
        case EntityType::Project: {
          auto [b, len] = prefix_entity(name, {EntityType::Enterprise}, self);
          if (b >= 0 && len < name.size()) emit(RelationType::project_of, self, b, at);
          in_local_place(self, name, at);
          break;
        }

        default:
          break;
      }
    }
  }
  // Places and parks written one after another compose: 顺义区南法信镇, 汉中市镇巴县,
  // 襄阳高新区米庄镇; so does a town, village or park written right before a
  // company or project (杨集镇鸿旺牧业, 红旗渠产业园朝周粉条); a name followed by
  // (Y) names its place: 嘉兴科技城(大桥镇).
  for (std::size_t a = 0; a + 1 < mentions.size(); ++a) {
    const Candidate* outer = mentions[a];
    if (outer->type != EntityType::Place && outer->type != EntityType::Park) continue;
    const bool local = outer->type == EntityType::Park || outer->level >= PlaceLevel::Town;
    for (std::size_t b = a + 1; b < mentions.size() && mentions[b]->begin <= outer->end + 1; ++b) {
      const Candidate* inner = mentions[b];
      if (inner->entity == outer->entity) continue;
      const EntityType inner_type = type_of(inner->entity);
      const bool settles_here = local && (inner_type == EntityType::Enterprise || inner_type == EntityType::Project ||
                                          inner_type == EntityType::Park);
      if (inner->type != EntityType::Place && !settles_here) continue;
      bool adjacent = inner->begin == outer->end;
      bool in_parens = inner->begin == outer->end + 1 && chars::is_open_paren(t[outer->end]) &&
                       inner->end < t.size() && chars::is_close_paren(t[inner->end]);
      if (adjacent) emit(RelationType::located_in, inner->entity, outer->entity, inner->begin);
      else if (in_parens) emit(RelationType::located_in, outer->entity, inner->entity, inner->begin);
    }
  }
}

}  // namespace kg::extract
