// extract/entities.cc owns the second step of extraction: turning candidate
// spans into the document's entities. It settles overlaps, expands short
// forms (镇经济发展办公室 -> 南法信镇经济发展办公室), merges variants of one
// name (顺义区南法信镇党委 / 南法信镇党委, 浦口经济开发区 / 南京浦口经济开发区),
// resolves generic mentions (镇党委, 园区, 该公司) to the entity the article is
// about or the last compatible one, and finds every further occurrence.
#include <algorithm>
#include <array>
#include <map>

#include "core/utf8.h"
#include "extract/chars.h"
#include "extract/internal.h"

namespace kg::extract {
namespace {

bool is_org(EntityType t) {
  return t == EntityType::PartyOrg || t == EntityType::Park || t == EntityType::Enterprise ||
         t == EntityType::Project || t == EntityType::GovOrg || t == EntityType::Organization;
}
bool is_person(EntityType t) { return t == EntityType::Official || t == EntityType::Person; }

int source_rank(Source s) {
  switch (s) {
    case Source::Known: return 5;
    case Source::Declared: return 5;
    case Source::Suffix: return 4;
    case Source::Gazetteer: return 4;
    case Source::Enumeration: return 3;
    case Source::Person: return 2;
    case Source::Occurrence: return 1;
  }
  return 0;
}

// Drops candidates that lose to an overlapping, better one.
void settle_overlaps(DocState& s) {
  auto& cs = s.candidates;
  std::vector<bool> drop(cs.size(), false);
  // Only overlapping pairs matter: candidates by start, and the longest
  // candidate, bound where to look. Pairs are visited in the order a full
  // double loop would visit them, so the outcome is the same.
  std::vector<std::size_t> by_begin(cs.size());
  for (std::size_t k = 0; k < cs.size(); ++k) by_begin[k] = k;
  std::sort(by_begin.begin(), by_begin.end(), [&](std::size_t p, std::size_t q) { return cs[p].begin < cs[q].begin; });
  std::uint32_t longest = 0;
  for (const auto& c : cs) longest = std::max(longest, c.end - c.begin);
  std::vector<std::size_t> near;
  for (std::size_t a = 0; a < cs.size(); ++a) {
    if (drop[a]) continue;  // every pair of a dropped candidate is passed over
    near.clear();
    const std::uint32_t from = cs[a].begin > longest ? cs[a].begin - longest : 0;
    auto it = std::lower_bound(by_begin.begin(), by_begin.end(), from,
                               [&](std::size_t k, std::uint32_t pos) { return cs[k].begin < pos; });
    // Only those overlapping `a` (a visit changes no other candidate than
    // its own, so the test holds until the visit).
    for (; it != by_begin.end() && cs[*it].begin < cs[a].end; ++it)
      if (cs[*it].end > cs[a].begin) near.push_back(*it);
    std::sort(near.begin(), near.end());
    for (std::size_t b : near) {
      if (a == b || drop[a] || drop[b]) continue;
      const Candidate& x = cs[a];
      const Candidate& y = cs[b];
      if (!Span{x.begin, x.end}.overlaps(Span{y.begin, y.end})) continue;
      // A person's name never overlaps an organisation or place name, except a
      // county's short form found across it (孙连江 holds 连江, 县长葛文涛 holds
      // 长葛): a titled name the person recogniser found wins over that.
      if (is_person(x.type) && !is_person(y.type) && !y.generic) {
        // 书记刘波向市招商服务中心党组表态: an organisation's name found from its
        // suffix ran back over the person and a preposition (function_chars.txt):
        // it starts after them.
        const std::u32string_view surface = s.text.substr(y.begin, y.end - y.begin);
        if (y.begin <= x.begin && y.end > x.end + 3 && y.source == Source::Suffix && surface == y.name &&
            s.lex.function_chars.count(s.text[x.end])) {
          cs[b].begin = x.end + 1;
          cs[b].name = s.text.substr(cs[b].begin, cs[b].end - cs[b].begin);
          continue;
        }
        const bool short_place = y.type == EntityType::Place && y.source == Source::Gazetteer &&
                                 std::u32string_view(y.name) != s.text.substr(y.begin, y.end - y.begin);
        if (short_place) drop[b] = true;
        else drop[a] = true;
        continue;
      }
      // The same span found twice: keep the better source.
      if (x.begin == y.begin && x.end == y.end && x.type == y.type) {
        if (source_rank(x.source) < source_rank(y.source) || (source_rank(x.source) == source_rank(y.source) && a > b))
          drop[a] = true;
        continue;
      }
      // Same type, same end, different starts: the longer one, unless the
      // shorter is known from a lexicon (a brand inside a longer phrase).
      if (x.type == y.type && x.end == y.end && x.begin < y.begin && !x.generic && !y.generic) {
        if (source_rank(y.source) > source_rank(x.source)) drop[a] = true;
        else drop[b] = true;
        continue;
      }
      // A brand from the lexicon or a list inside a longer name found by its
      // structure (康明斯 in 东风康明斯公司, 东软 in 东软睿道) is part of that name.
      if ((x.source == Source::Known || x.source == Source::Enumeration) && !y.generic &&
          Span{y.begin, y.end}.contains(Span{x.begin, x.end}) && y.end - y.begin > x.end - x.begin &&
          (x.type == y.type || x.source == Source::Known) && y.source != Source::Occurrence) {
        drop[a] = true;
        continue;
      }
      // 湖南省建筑设计院 opening 湖南省建筑设计院集团股份有限公司, 贵州灵峰科技产业园
      // opening 贵州灵峰科技产业园有限公司: the longer is the company's name.
      if (y.type == EntityType::Enterprise && (x.type == EntityType::Organization || x.type == EntityType::Park) &&
          x.begin == y.begin && x.end < y.end && y.source == Source::Suffix) {
        drop[a] = true;
        continue;
      }
      // A list item or lexicon name crossing a suffix-found name of another type.
      if (x.type != y.type && !(Span{x.begin, x.end}.contains(Span{y.begin, y.end})) &&
          !(Span{y.begin, y.end}.contains(Span{x.begin, x.end}))) {
        if (source_rank(x.source) < source_rank(y.source)) drop[a] = true;
      }
    }
  }
  // 米庄 of 米庄镇 is the town's short name, not a person.
  for (std::size_t k = 0; k < cs.size(); ++k) {
    if (!is_person(cs[k].type)) continue;
    for (const auto& p : cs)
      if (p.type == EntityType::Place && p.name.size() == cs[k].name.size() + 1 &&
          p.name.compare(0, cs[k].name.size(), cs[k].name) == 0)
        drop[k] = true;
  }
  // Compacted in place, in order: the list keeps its memory (see Scratch).
  std::size_t kept = 0;
  for (std::size_t k = 0; k < cs.size(); ++k) {
    if (drop[k]) continue;
    if (kept != k) cs[kept] = std::move(cs[k]);
    ++kept;
  }
  cs.erase(cs.begin() + static_cast<std::ptrdiff_t>(kept), cs.end());
  std::sort(cs.begin(), cs.end(), [](const Candidate& a, const Candidate& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
}

// Places inside the name of a company, university, park or project (北京大学,
// 西安高新区) are part of a brand, not mentions of the place. Places that
// stand alone or head a party or government body are.
// The candidates are in text order (settle_overlaps).
std::vector<bool> standalone_places(const DocState& s) {
  const std::vector<Candidate>& cs = s.candidates;
  const auto brand = [](const Candidate& o) {
    return is_org(o.type) && !o.generic && o.type != EntityType::PartyOrg && o.type != EntityType::GovOrg;
  };
  // A name holding a place starts at most the longest name's length before
  // it: only those candidates are asked (all of them, for every place, cost
  // more than the rest of the step).
  std::uint32_t longest = 0;
  for (const Candidate& o : cs)
    if (brand(o)) longest = std::max(longest, o.end - o.begin);
  std::vector<bool> standalone(cs.size(), false);
  for (std::size_t k = 0; k < cs.size(); ++k) {
    const Candidate& p = cs[k];
    if (p.type != EntityType::Place) continue;
    bool inside_brand = false;
    const std::uint32_t from = p.begin > longest ? p.begin - longest : 0;
    for (auto o = std::lower_bound(cs.begin(), cs.end(), from,
                                   [](const Candidate& c, std::uint32_t pos) { return c.begin < pos; });
         o != cs.end() && o->begin <= p.begin && !inside_brand; ++o)
      inside_brand = brand(*o) && Span{o->begin, o->end}.contains(Span{p.begin, p.end}) &&
                     !(o->begin == p.begin && o->end == p.end);
    // 云南省曲靖市陆良县工业园区 spells its places out; 西安高新区 uses a city's
    // short form as part of a brand.
    std::u32string_view surface = s.text.substr(p.begin, p.end - p.begin);
    if (inside_brand && surface == p.name && surface.size() >= 3) inside_brand = false;
    standalone[k] = !inside_brand;
  }
  return standalone;
}

// A name and up to three aliases fit the list an entity's forms start with
// (of the entities extracted from seeds, real-dev and a 1 MB synthetic
// corpus, 32 of 12,655 have more).
constexpr std::size_t kFormsReserved = 4;

struct EntityBuilder {
  DocState& s;
  const Lexicons& lex;
  std::vector<std::vector<std::u32string>> names;  // per entity: name then aliases
  std::vector<EntityType> types;
  std::vector<std::uint32_t> counts;
  // Entities by type and every name they go by, the first to take a name
  // keeping it. A document has a few dozen names: a list scanned by the
  // names' hashes answers in fewer steps than a hash table, which
  // allocated a node and a copy of every name (and rehashed as it grew).
  struct IndexedName {
    std::size_t hash;
    EntityType type;
    std::uint32_t entity, form;  // the name is names[entity][form]
  };
  std::vector<IndexedName> name_index;

  // At most one entity a candidate, a few more made up by the steps: the
  // lists are made once at that size rather than grown entity by entity.
  explicit EntityBuilder(DocState& state) : s(state), lex(state.lex) {
    const std::size_t expected = state.candidates.size() + 8;
    names.reserve(expected);
    types.reserve(expected);
    counts.reserve(expected);
    name_index.reserve(expected * 2);
  }

  // The entity of `type` that goes by `name` (of hash `hash`), or -1.
  std::int32_t named(EntityType type, std::u32string_view name, std::size_t hash) const {
    for (const IndexedName& n : name_index)
      if (n.hash == hash && n.type == type && names[n.entity][n.form] == name) return static_cast<std::int32_t>(n.entity);
    return -1;
  }
  std::int32_t named(EntityType type, std::u32string_view name) const { return named(type, name, WordHash{}(name)); }

  std::uint32_t entity_for(EntityType type, std::u32string_view name) {
    const std::size_t hash = WordHash{}(name);
    if (const std::int32_t known = named(type, name, hash); known >= 0) return static_cast<std::uint32_t>(known);
    const auto id = static_cast<std::uint32_t>(names.size());
    // Room for the aliases most entities collect: grown one alias at a
    // time, the list was allocated again for the second and the third.
    auto& forms = names.emplace_back();
    forms.reserve(kFormsReserved);
    forms.emplace_back(name);
    types.push_back(type);
    counts.push_back(0);
    name_index.push_back({hash, type, id, 0});
    return id;
  }

  // (A view: most aliases offered are already known, and are not copied.)
  void add_alias(std::uint32_t entity, std::u32string_view alias) {
    auto& list = names[entity];
    if (alias.empty() || std::find(list.begin(), list.end(), alias) != list.end()) return;
    list.emplace_back(alias);
    // The copy, not `alias`, from here: `alias` may view a name of this very
    // list, which its growth moved.
    const std::u32string_view added = list.back();
    const std::size_t hash = WordHash{}(added);
    if (named(types[entity], added, hash) < 0)
      name_index.push_back({hash, types[entity], entity, static_cast<std::uint32_t>(list.size() - 1)});
  }

  // The most mentioned entity of a type whose name ends with `tail`.
  std::int32_t main_entity(EntityType type, std::u32string_view tail = {}) const {
    std::int32_t best = -1;
    for (std::uint32_t e = 0; e < names.size(); ++e) {
      if (types[e] != type) continue;
      bool fits = tail.empty();
      for (const auto& n : names[e])
        if (!fits && n.size() > tail.size() && std::u32string_view(n).substr(n.size() - tail.size()) == tail) fits = true;
      if (!fits) continue;
      if (best < 0 || counts[e] > counts[static_cast<std::size_t>(best)]) best = static_cast<std::int32_t>(e);
    }
    return best;
  }

  std::int32_t main_place(char32_t level_char) const {
    std::int32_t best = -1;
    for (std::uint32_t e = 0; e < names.size(); ++e) {
      if (types[e] != EntityType::Place || names[e][0].back() != level_char) continue;
      if (best < 0 || counts[e] > counts[static_cast<std::size_t>(best)]) best = static_cast<std::int32_t>(e);
    }
    return best;
  }

  void count_mentions() {
    std::fill(counts.begin(), counts.end(), 0);
    for (const auto& c : s.candidates)
      if (c.entity >= 0) ++counts[static_cast<std::size_t>(c.entity)];
  }

  // Pass 1: every specific candidate becomes (or joins) an entity.
  void assign_specific(const std::vector<bool>& standalone) {
    // One person per name in an article: an Official if any mention shows a
    // post. (Names as sorted views of the candidates' own, whose names these
    // loops leave alone: a set of strings allocated twice per name.)
    std::vector<std::u32string_view> officials;
    for (const auto& c : s.candidates)
      if (c.type == EntityType::Official) officials.push_back(c.name);
    std::sort(officials.begin(), officials.end());
    for (auto& c : s.candidates)
      if (c.type == EntityType::Person && std::binary_search(officials.begin(), officials.end(), c.name))
        c.type = EntityType::Official;
    // 卓悦景华 in "…等项目" and again in "…等企业": a name that only a list calls a
    // project, and the article elsewhere a company, is that company.
    std::vector<std::u32string_view> companies;
    for (const auto& c : s.candidates)
      if (c.type == EntityType::Enterprise && !c.generic) companies.push_back(c.name);
    std::sort(companies.begin(), companies.end());
    for (auto& c : s.candidates)
      if (c.type == EntityType::Project && c.source == Source::Enumeration &&
          std::binary_search(companies.begin(), companies.end(), c.name))
        c.type = EntityType::Enterprise;
    for (std::size_t k = 0; k < s.candidates.size(); ++k) {
      Candidate& c = s.candidates[k];
      if (c.generic) continue;
      if (c.type == EntityType::Place && !standalone[k]) continue;
      if (c.name.size() > 1 && is_org(c.type) && c.type != EntityType::Project && lex.is_level_char(c.name[0])) {
        continue;  // a short form led by its level (镇经济发展办公室): pass 2
      }
      c.entity = static_cast<std::int32_t>(entity_for(c.type, c.name));
      const std::u32string_view surface = s.text.substr(c.begin, c.end - c.begin);
      if (surface != c.name) add_alias(static_cast<std::uint32_t>(c.entity), surface);
    }
    count_mentions();
  }

  // Pass 2: short forms led by a level character take the article's place of
  // that level (镇 -> 南法信镇, 区 -> 浦口区).
  void expand_level_short_forms() {
    for (auto& c : s.candidates) {
      // 区政府, 镇党委 after their full forms are level-led short forms too.
      if (c.generic && c.name.size() >= 3 && lex.is_level_char(c.name[0]) && main_place(c.name[0]) >= 0) c.generic = false;
      if (c.entity >= 0 || c.generic || !is_org(c.type) || c.type == EntityType::Project) continue;
      std::int32_t place = main_place(c.name[0]);
      std::u32string full(c.name);
      // “村社企党建联盟”: a name in quotes is a coinage, written as it stands.
      const bool quoted = c.begin > 0 && (s.text[c.begin - 1] == U'“' || s.text[c.begin - 1] == U'"');
      if (place >= 0 && !quoted) {
        // The district of 南京市浦口区 is written 浦口区: use the alias ending in the level.
        full = names[static_cast<std::size_t>(place)][0];
        full += c.name.substr(1);
      }
      c.entity = static_cast<std::int32_t>(entity_for(c.type, full));
      add_alias(static_cast<std::uint32_t>(c.entity), c.name);
      add_demonstrative_alias(c);
    }
    count_mentions();
  }

  // 该镇党委: the demonstrative before a short form belongs to how the
  // article names the body.
  void add_demonstrative_alias(const Candidate& c) {
    if (c.begin == 0 || c.entity < 0 || lex.demonstratives.longest(s.text, c.begin - 1).first != 1) return;
    add_alias(static_cast<std::uint32_t>(c.entity), s.text.substr(c.begin - 1, c.end - c.begin + 1));
  }

  // Pass 3: variants of one name merge: a name that another name of the same
  // type ends with, when what stands before it is a place or a park
  // (浦口经济开发区 in 南京浦口经济开发区), or a park name that is a shortening of
  // another (镇巴县园区 / 镇巴县产业园区).
  void merge_variants() {
    std::vector<std::int32_t> into(names.size(), -1);
    for (std::uint32_t a = 0; a < names.size(); ++a) {
      if (!is_org(types[a])) continue;
      const std::u32string& short_name = names[a][0];
      std::int32_t best = -1;
      for (std::uint32_t b = 0; b < names.size(); ++b) {
        if (a == b || types[a] != types[b] || into[b] >= 0) continue;
        const std::u32string& long_name = names[b][0];
        if (long_name.size() <= short_name.size()) continue;
        bool tail = std::u32string_view(long_name).substr(long_name.size() - short_name.size()) == short_name;
        bool shortening = false;
        std::u32string_view shortened = short_name;
        if (!tail && types[a] == EntityType::Park && long_name.substr(0, 2) != short_name.substr(0, 2)) {
          // 汉中市镇巴县园区 against 镇巴县产业园区: compare without the leading city.
          auto [plen, pidx] = lex.places.longest(short_name, 0);
          if (plen >= 2 && lex.place_info[pidx].level <= PlaceLevel::City) shortened = shortened.substr(plen);
        }
        if (!tail && types[a] == EntityType::Park && shortened.size() >= 4 &&
            long_name.substr(0, 2) == shortened.substr(0, 2) && long_name.back() == shortened.back()) {
          std::size_t pos = 0;
          for (char32_t ch : shortened) {
            pos = long_name.find(ch, pos);
            if (pos == std::u32string::npos) break;
            ++pos;
          }
          shortening = pos != std::u32string::npos;
        }
        if (!tail && !shortening) continue;
        if (tail) {
          std::u32string_view prefix = std::u32string_view(long_name).substr(0, long_name.size() - short_name.size());
          bool prefix_is_body = place_prefix_length(lex, prefix) == prefix.size();
          for (std::uint32_t c = 0; c < names.size() && !prefix_is_body; ++c)
            for (const auto& n : names[c])
              if (n == prefix && (types[c] == EntityType::Place || types[c] == EntityType::Park)) prefix_is_body = true;
          if (!prefix_is_body && prefix.size() > 2) continue;
        }
        if (best < 0 || counts[b] > counts[static_cast<std::size_t>(best)]) best = static_cast<std::int32_t>(b);
      }
      if (best >= 0) into[a] = best;
    }
    for (std::uint32_t a = 0; a < names.size(); ++a) {
      if (into[a] < 0) continue;
      auto target = static_cast<std::uint32_t>(into[a]);
      while (into[target] >= 0) target = static_cast<std::uint32_t>(into[target]);
      for (const auto& n : names[a]) add_alias(target, n);
      for (auto& c : s.candidates)
        if (c.entity == static_cast<std::int32_t>(a)) c.entity = static_cast<std::int32_t>(target);
    }
    count_mentions();
  }

  // A count (4个, 一批) or a modifier other than a demonstrative (各, 多家)
  // stands right before `pos`.
  bool counted_or_qualified(std::uint32_t pos) const {
    const std::u32string_view t = s.text;
    if (pos >= 2 && lex.is_measure(t[pos - 1]) && (chars::is_digit(t[pos - 2]) || lex.is_han_numeral(t[pos - 2])))
      return true;
    for (std::uint32_t len = 1; len <= 4 && len <= pos; ++len)
      if (lex.generic_modifiers.longest(t, pos - len).first == len && lex.demonstratives.longest(t, pos - len).first != len)
        return true;
    return false;
  }

  // Pass 4: generic mentions (镇党委, 党委, 园区, 该公司) resolve to the entity the
  // article is about, or for companies to the last one named.
  // A park the article names only by its kind (开发区, 高新区: 开发区管委会…,
  // 开发区要…), written bare at least twice, by itself or before its bodies,
  // and no named park with that head: the bare word is that park's name. 园区
  // and the other words for the article's own area stay aliases (frames.tsv).
  void add_parks_named_by_kind() {
    std::map<std::u32string, int> uses;
    for (const auto& c : s.candidates) {
      if (!c.generic) continue;
      std::u32string kind;
      if (c.type == EntityType::Park && c.suffix_len == c.name.size()) {
        kind = c.name;
      } else if ((c.type == EntityType::PartyOrg || c.type == EntityType::GovOrg) && c.suffix_len > 0 &&
                 c.suffix_len < c.name.size() &&
                 lex.park_body_suffixes.count(c.name.substr(c.name.size() - c.suffix_len))) {
        kind = c.name.substr(0, c.name.size() - c.suffix_len);
      }
      // 产业园区 ends in 园区, the word for the article's own area: a category.
      if (kind.size() < 2 || lex.names_home_park(kind) || lex.names_home_park(kind.substr(kind.size() - 2)) ||
          counted_or_qualified(c.begin))
        continue;
      const auto type = lex.org_suffixes.find(kind);
      if (type && static_cast<EntityType>(*type) == EntityType::Park) ++uses[kind];
    }
    // A named park of the same head (数字小镇 for 特色小镇) may be the one meant.
    for (const auto& [kind, n] : uses)
      if (n >= 2 && main_entity(EntityType::Park, kind.substr(kind.size() - 1)) < 0) entity_for(EntityType::Park, kind);
  }

  // The park add_parks_named_by_kind found for this kind word, or -1.
  std::int32_t park_named_by_kind(std::u32string_view kind) const { return named(EntityType::Park, kind); }

  void resolve_generics() {
    add_parks_named_by_kind();
    std::int32_t last_enterprise = -1;
    for (auto& c : s.candidates) {
      if (!c.generic) {
        if (c.type == EntityType::Enterprise && c.entity >= 0) last_enterprise = c.entity;
        continue;
      }
      std::u32string surface(s.text.substr(c.begin, c.end - c.begin));
      std::int32_t target = -1;
      // 各企业, 重点项目, 一批公司, 4个项目 are plurals or kinds: they stand for no
      // one. 该公司, 此项目 and a bare 公司 point back to the one named before.
      const bool modified = surface.size() > c.name.size();
      if ((c.type == EntityType::Enterprise || c.type == EntityType::Project) &&
          ((modified && lex.demonstratives.longest(surface, 0).first == 0) || counted_or_qualified(c.begin)))
        continue;
      if (c.type == EntityType::Enterprise) {
        target = last_enterprise;
      } else {
        // The tail that names the kind of body: 党工委 of 园区党工委.
        std::u32string tail(c.suffix_len > 0 && c.suffix_len < c.name.size() ? c.name.substr(c.name.size() - c.suffix_len) : c.name);
        target = main_entity(c.type, tail);
        // 园区 alone is the park the article is about.
        if (target < 0 && c.type == EntityType::Park && lex.names_home_park(c.name)) target = main_entity(EntityType::Park);
        if (target < 0 && c.type == EntityType::Park) target = park_named_by_kind(c.name);
        // 管委会, 党工委, 镇政府 with no full form in the article: the body of the
        // park or place the article is about (鹤鸣高新区 + 管委会).
        if (target < 0 && (c.type == EntityType::GovOrg || c.type == EntityType::PartyOrg)) {
          std::int32_t owner = -1;
          const std::u32string core(c.name.substr(0, c.name.size() - tail.size()));
          // 街道党工委, 街道办事处, 镇党委: a level word opens the name (in its core or
          // its suffix): the body of the article's place of that level.
          std::u32string level = lex.place_suffixes.find(core) ? core : std::u32string();
          for (std::size_t len = 1; len <= 2 && level.empty() && len < tail.size(); ++len)
            if (lex.place_suffixes.find(tail.substr(0, len))) level = tail.substr(0, len);
          if (!level.empty() && level != U"区")
            owner = main_entity(EntityType::Place, level);
          else if (lex.park_body_suffixes.count(tail)) {
            // 高新区党工委 belongs to a 高新区, not to the 数字小镇 the article is
            // about: a core naming a kind of park picks a park of that kind.
            if (core.empty() || lex.names_home_park(core)) owner = main_entity(EntityType::Park);
            else if (owner = park_named_by_kind(core); owner < 0) owner = main_entity(EntityType::Park, core);
          }
          // 经开区党工委 when the article is about 雅安经开区: the generic core is how
          // the park's own name ends, so one mention of the park is enough.
          const bool names_owner = owner >= 0 && !core.empty() && names[static_cast<std::size_t>(owner)][0].size() >= core.size() &&
                                   names[static_cast<std::size_t>(owner)][0].compare(
                                       names[static_cast<std::size_t>(owner)][0].size() - core.size(), core.size(), core) == 0;
          if (owner >= 0 && (counts[static_cast<std::size_t>(owner)] >= 2 || names_owner)) {
            const std::u32string& body = names[static_cast<std::size_t>(owner)][0];
            // 闻堰街道 + 街道党工委 is 闻堰街道党工委: the level is written once.
            const std::u32string rest = lex.place_suffixes.find(core) ? core + tail : tail;
            const std::u32string full = body + (!level.empty() && rest.compare(0, level.size(), level) == 0 &&
                                                        body.size() >= level.size() &&
                                                        body.compare(body.size() - level.size(), level.size(), level) == 0
                                                    ? rest.substr(level.size())
                                                    : rest);
            target = static_cast<std::int32_t>(entity_for(c.type, full));
            counts.resize(names.size(), 0);
          } else if (owner < 0 && level.empty() && !core.empty() && !lex.names_home_park(core) &&
                     lex.park_body_suffixes.count(tail)) {
            // 高新区党工委 in an article that names no 高新区: the body as written.
            target = static_cast<std::int32_t>(entity_for(c.type, c.name));
            counts.resize(names.size(), 0);
          }
        }
      }
      if (target < 0) continue;
      c.entity = target;
      counts.resize(names.size(), 0);
      ++counts[static_cast<std::size_t>(target)];
      // 镇党委, 园区, 该公司, 我镇 are aliases the article uses for the body it
      // ties them to; a bare 公司 or 企业 is not a name.
      const bool bare = surface == c.name && (c.type == EntityType::Enterprise || c.type == EntityType::Project);
      if (!bare) {
        add_alias(static_cast<std::uint32_t>(target), surface);
        add_demonstrative_alias(c);
      }
    }
    count_mentions();
  }

  // Pass 5: every other occurrence of a known name is a mention too.
  void find_occurrences() {
    // The names to look for, by first character and then longest first (a
    // name given twice: its last owner first), so that the first that the
    // text holds at a position is the longest. An article has a few dozen
    // names: a sorted list answers as a trie would, without building one
    // per document.
    struct Sought {
      std::u32string_view name;
      std::uint32_t owner;
    };
    std::vector<Sought> sought;
    std::size_t forms = 0;  // an upper bound on the names sought: the list is made once
    for (const auto& n : names) forms += n.size();
    sought.reserve(forms);
    // Bit (c % 4096) for each name's first character c: a filter that most
    // positions of the text fail (64 bits let a third of them through).
    std::array<std::uint64_t, 64> first_chars{};
    for (std::uint32_t e = 0; e < names.size(); ++e) {
      for (const auto& n : names[e]) {
        if (n.size() < 2) continue;
        if (n.size() <= 3 && lex.generic_terms.count(n)) continue;
        sought.push_back({n, e});
        first_chars[(n[0] >> 6) & 63] |= std::uint64_t{1} << (n[0] & 63);
      }
    }
    std::sort(sought.begin(), sought.end(), [](const Sought& a, const Sought& b) {
      if (a.name[0] != b.name[0]) return a.name[0] < b.name[0];
      if (a.name.size() != b.name.size()) return a.name.size() > b.name.size();
      return a.owner > b.owner;
    });
    // The longest name written at `at`: its length and owner ({0, 0} if none).
    auto longest_at = [&](std::uint32_t at) -> std::pair<std::uint32_t, std::uint32_t> {
      const char32_t c = s.text[at];
      if (((first_chars[(c >> 6) & 63] >> (c & 63)) & 1U) == 0) return {0, 0};
      auto it = std::lower_bound(sought.begin(), sought.end(), c,
                                 [](const Sought& x, char32_t first) { return x.name[0] < first; });
      for (; it != sought.end() && it->name[0] == c; ++it)
        if (s.text.substr(at).starts_with(it->name))
          return {static_cast<std::uint32_t>(it->name.size()), it->owner};
      return {0, 0};
    };
    std::vector<std::uint8_t>& covered = s.scratch.covered;
    covered.assign(s.text.size() + 1, 0);
    for (const auto& c : s.candidates)
      if (c.entity >= 0)
        for (std::uint32_t k = c.begin; k < c.end; ++k) covered[k] = 1;
    // Found occurrences go straight after the candidates, sorted in below.
    for (std::uint32_t i = 0; i < s.text.size();) {
      if (covered[i]) { ++i; continue; }
      auto [len, e] = longest_at(i);
      if (len == 0) { ++i; continue; }
      bool free = true;
      for (std::uint32_t k = i; k < i + len; ++k) free = free && !covered[k];
      // A person's name inside a longer Han word is not that person (王攀登).
      if (free && is_person(types[e]) && i + len < s.text.size() && chars::is_han(s.text[i + len]) &&
          lex.boundary_forward.longest(s.text, i + len).first == 0 &&
          lex.name_enders.longest(s.text, i + len).first == 0 && s.trigger_at(i + len).first == 0 &&
          lex.titles_forward.longest(s.text, i + len).first == 0)
        free = false;
      if (free) {
        Candidate c;
        c.begin = i;
        c.end = i + len;
        c.type = types[e];
        c.source = Source::Occurrence;  // no name: its entity's (see Candidate)
        c.entity = static_cast<std::int32_t>(e);
        s.candidates.push_back(std::move(c));
        i += len;
      } else {
        ++i;
      }
    }
    std::sort(s.candidates.begin(), s.candidates.end(), [](const Candidate& a, const Candidate& b) {
      return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
    });
    count_mentions();
  }

  // Pass 6: 孙书记, 李主任: a surname and a post stand for the one official of
  // the article with that surname (when there is exactly one).
  void add_title_aliases() {
    // Only the surnames of the article's officials can open such a form.
    std::u32string initials;
    for (std::uint32_t e = 0; e < names.size(); ++e)
      if (types[e] == EntityType::Official && !names[e][0].empty() &&
          initials.find(names[e][0][0]) == std::u32string::npos)
        initials.push_back(names[e][0][0]);
    if (initials.empty()) return;
    std::vector<std::uint8_t>& covered = s.scratch.covered;
    covered.assign(s.text.size() + 1, 0);
    for (const auto& c : s.candidates)
      for (std::uint32_t k = c.begin; k < c.end; ++k) covered[k] = 1;
    std::vector<Candidate> found;
    std::uint32_t resume = 0;  // past a form taken
    for (const std::uint32_t i : s.opening(Lexicons::kScanSurnames)) {
      if (i + 2 > s.text.size()) break;
      if (i < resume || covered[i] || initials.find(s.text[i]) == std::u32string::npos) continue;
      auto [sl, unused] = lex.surnames.longest(s.text, i);
      (void)unused;
      if (sl == 0) continue;
      auto [tl, ti] = lex.titles_forward.longest(s.text, i + sl);
      if (tl == 0 || lex.title_info[ti].attach == TitleAttach::Any) continue;
      bool free = true;
      for (std::uint32_t k = i; k < i + sl + tl; ++k) free = free && !covered[k];
      // 王书记说 but not 王书记员: the post ends at a word boundary.
      if (!free) continue;
      std::u32string_view surname = s.text.substr(i, sl);
      std::int32_t official = -1;
      bool unique = true;
      for (std::uint32_t e = 0; e < names.size(); ++e) {
        if (types[e] != EntityType::Official || names[e][0].size() <= sl ||
            std::u32string_view(names[e][0]).substr(0, sl) != surname)
          continue;
        unique = official < 0;
        official = static_cast<std::int32_t>(e);
      }
      if (official < 0 || !unique) continue;
      Candidate c;
      c.begin = i;
      c.end = i + sl + tl;
      c.type = EntityType::Official;
      c.source = Source::Occurrence;  // no name: its entity's (see Candidate)
      c.entity = official;
      add_alias(static_cast<std::uint32_t>(official), s.text.substr(c.begin, c.end - c.begin));
      resume = c.end;
      found.push_back(std::move(c));
    }
    if (found.empty()) return;
    for (auto& c : found) s.candidates.push_back(std::move(c));
    std::sort(s.candidates.begin(), s.candidates.end(), [](const Candidate& a, const Candidate& b) {
      return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
    });
    count_mentions();
  }

  // 东辛店镇三和工业园区, 中垾镇金鼎盛灯饰有限公司: an organisation named with
  // its town or village is also known without it.
  void add_names_without_town() {
    for (std::uint32_t e = 0; e < names.size(); ++e) {
      if (!is_org(types[e]) || types[e] == EntityType::Project) continue;
      // Views, not copies: names[e] changes only as the loop ends (add_alias,
      // then break), and no other entity's names change.
      const std::u32string_view name = names[e][0];
      for (std::uint32_t p = 0; p < names.size(); ++p) {
        if (types[p] != EntityType::Place) continue;
        const std::u32string& place = names[p][0];
        if (place.size() + 3 > name.size() || !name.starts_with(place)) continue;
        const auto level = lex.place_suffixes.longest(place, place.size());
        if (level.first == 0 || static_cast<PlaceLevel>(level.second) < PlaceLevel::Town) continue;
        const std::u32string_view rest = name.substr(place.size());
        if (lex.generic_terms.count(rest) || lex.org_suffixes.longest(rest, rest.size()).first == rest.size()) continue;
        add_alias(e, rest);
        break;
      }
    }
  }

  // An entity whose name is another's alias of the same type is that entity
  // (a list item 光擎智能 after 湖北光擎智能科技有限公司 gave it as a short name).
  // The everyday name of a party organisation: without the party prefix and
  // the places before its core, with its formal ending made everyday
  // (中共杭州市萧山区闻堰街道相墅社区支部委员会 -> 相墅社区党支部).
  // Empty when the name is not written in the formal way (no party prefix,
  // no formal ending): such names merge by the other rules.
  std::u32string everyday_party_name(std::u32string name) const {
    bool formal = false;
    for (std::uint32_t len = 2; len <= 5 && len < name.size(); ++len)
      if (lex.party_prefixes.longest(name, len).first == len) {
        name = name.substr(len);
        formal = true;
        break;
      }
    std::uint32_t ending = 0;
    if (auto [len, index] = lex.party_formal_endings.longest(name, name.size()); len > 0) {
      name = name.substr(0, name.size() - len) + lex.party_short_endings[index];
      ending = static_cast<std::uint32_t>(lex.party_short_endings[index].size());
      formal = true;
    }
    if (!formal) return {};
    // Places before the core (the gazetteer's, and those the article names),
    // all but the one whose body it is (闻兴村党委 keeps 闻兴村).
    for (bool stripped = true; stripped;) {
      stripped = false;
      for (std::uint32_t e = 0; e < names.size() && !stripped; ++e) {
        if (types[e] != EntityType::Place) continue;
        const std::u32string& place = names[e][0];
        if (name.size() > place.size() + ending && name.compare(0, place.size(), place) == 0) {
          name = name.substr(place.size());
          stripped = true;
        }
      }
      if (const std::uint32_t known = place_prefix_length(lex, name);
          !stripped && known > 0 && name.size() > known + ending) {
        name = name.substr(known);
        stripped = true;
      }
    }
    return name;
  }

  // 中共…闻兴村委员会 and 闻兴村党委 are one body: the formal name stays the name.
  void merge_party_forms() {
    std::vector<std::u32string> everyday(names.size());
    for (std::uint32_t e = 0; e < names.size(); ++e)
      if (types[e] == EntityType::PartyOrg) everyday[e] = everyday_party_name(names[e][0]);
    for (std::uint32_t a = 0; a < names.size(); ++a) {
      if (types[a] != EntityType::PartyOrg || !everyday[a].empty()) continue;
      for (std::uint32_t b = 0; b < names.size(); ++b) {
        if (a == b || types[b] != EntityType::PartyOrg || everyday[b].empty()) continue;
        if (everyday[b] != names[a][0]) continue;
        for (const auto& n : names[a]) add_alias(b, n);
        for (auto& c : s.candidates)
          if (c.entity == static_cast<std::int32_t>(a)) c.entity = static_cast<std::int32_t>(b);
        break;
      }
    }
    count_mentions();
  }

  void merge_alias_duplicates() {
    std::vector<std::int32_t> into(names.size(), -1);
    for (std::uint32_t a = 0; a < names.size(); ++a) {
      for (std::uint32_t b = 0; b < names.size() && into[a] < 0; ++b) {
        if (a == b || types[a] != types[b] || into[b] >= 0 || names[b].size() < 2) continue;
        if (std::find(names[b].begin() + 1, names[b].end(), names[a][0]) != names[b].end())
          into[a] = static_cast<std::int32_t>(b);
      }
    }
    for (std::uint32_t a = 0; a < names.size(); ++a) {
      if (into[a] < 0) continue;
      auto target = static_cast<std::uint32_t>(into[a]);
      for (const auto& n : names[a]) add_alias(target, n);
      for (auto& c : s.candidates)
        if (c.entity == static_cast<std::int32_t>(a)) c.entity = static_cast<std::int32_t>(target);
    }
    count_mentions();
  }

  // 嘉兴科技城(大桥镇): a name with its place in brackets is another name of it.
  void add_double_names() {
    for (const auto& c : s.candidates) {
      if (c.entity < 0 || !is_org(c.type) || c.end + 3 >= s.text.size() || !chars::is_open_paren(s.text[c.end]))
        continue;
      for (const auto& p : s.candidates) {
        if (p.type != EntityType::Place || p.begin != c.end + 1 || p.end >= s.text.size() ||
            !chars::is_close_paren(s.text[p.end]))
          continue;
        add_alias(static_cast<std::uint32_t>(c.entity), s.text.substr(c.begin, p.end + 1 - c.begin));
        break;
      }
    }
  }

  // Where `name` is written in the text: every start, overlapping ones too,
  // among `opening`, the positions of its first character.
  // add_company_short_names asks several questions of each brand it tries,
  // and its brands all open alike: one scan of the text answers them all.
  void find_written(std::u32string_view name, const std::vector<std::size_t>& opening,
                    std::vector<std::size_t>& starts) const {
    starts.clear();
    for (const std::size_t at : opening)
      if (s.text.substr(at).starts_with(name)) starts.push_back(at);
  }

  // The name of `length` characters written at `starts` stands somewhere as a
  // name on its own: between punctuation or list joiners (…、上净、…), not
  // only inside longer words.
  bool written_alone(const std::vector<std::size_t>& starts, std::size_t length) const {
    const std::u32string_view t = s.text;
    for (const std::size_t at : starts) {
      const std::size_t end = at + length;
      const bool left = at == 0 || !chars::is_name_char(t[at - 1]) || lex.list_joiners.longest(t, at - 1).first == 1;
      const bool right = end >= t.size() || !chars::is_name_char(t[end]) || lex.list_joiners.longest(t, end).first > 0 ||
                         t[end] == U'等';
      if (left && right) return true;
    }
    return false;
  }

  // Some name of `length` characters written at `starts` is followed by `second`.
  bool written_followed_by(const std::vector<std::size_t>& starts, std::size_t length,
                           std::u32string_view second) const {
    for (const std::size_t at : starts)
      if (s.text.substr(at + length).starts_with(second)) return true;
    return false;
  }

  // A company's name without its legal form (company_forms.tsv, the
  // longest that ends it) and the places before it; false if the name is no
  // more than a legal form and two characters.
  bool company_core(std::uint32_t e, std::u32string& core, std::uint32_t& legal) const {
    const std::u32string& n = names[e][0];
    core = n;
    legal = lex.legal_forms.longest(n, n.size()).first;
    if (legal > 0) {
      if (n.size() <= legal + 2) return false;
      core.assign(n, 0, n.size() - legal);  // (in place: `core` keeps its memory)
      std::uint32_t prefix = place_prefix_length(lex, core);
      if (prefix > 0 && core.size() - prefix >= 2) core.erase(0, prefix);
    }
    return true;
  }

  // Derived short names of companies: 西安中熔电气股份有限公司 -> 中熔电气.
  void add_company_short_names() {
    // A core and the brands below (the core shortened from its end) all open
    // with the core's first character: the positions of the cores' first
    // characters are found in one scan of the text for every company.
    std::u32string firsts;  // sorted
    std::u32string core;
    std::uint32_t legal = 0;
    for (std::uint32_t e = 0; e < names.size(); ++e)
      if (types[e] == EntityType::Enterprise && !names[e][0].empty() && company_core(e, core, legal))
        firsts.push_back(core[0]);
    if (firsts.empty()) return;
    std::sort(firsts.begin(), firsts.end());
    firsts.erase(std::unique(firsts.begin(), firsts.end()), firsts.end());
    std::uint64_t first_bits = 0;  // bit (c % 64) of each first character: most positions fail it
    for (const char32_t c : firsts) first_bits |= std::uint64_t{1} << (c & 63);
    std::vector<std::vector<std::size_t>> positions(firsts.size());
    for (std::size_t at = 0; at < s.text.size(); ++at) {
      const char32_t c = s.text[at];
      if (((first_bits >> (c & 63)) & 1U) == 0) continue;
      const auto it = std::lower_bound(firsts.begin(), firsts.end(), c);
      if (it != firsts.end() && *it == c) positions[static_cast<std::size_t>(it - firsts.begin())].push_back(at);
    }
    std::vector<std::size_t> brand_starts;  // find_written's answer, one buffer for every brand
    std::u32string brand;                   // likewise for the brands tried
    for (std::uint32_t e = 0; e < names.size(); ++e) {
      if (types[e] != EntityType::Enterprise || names[e][0].empty() || !company_core(e, core, legal)) continue;
      const std::vector<std::size_t>& opening =
          positions[static_cast<std::size_t>(std::lower_bound(firsts.begin(), firsts.end(), core[0]) - firsts.begin())];
      find_written(core, opening, brand_starts);
      if (legal > 0 && core.size() >= 2 && core.size() <= 6 && !brand_starts.empty()) add_alias(e, core);
      // 光擎智能 of 湖北光擎智能科技有限公司, 上净 of 上海上净净化设备有限公司,
      // 景中景 of 景中景工业涂装: the brand without its lines of business, where
      // the article writes it (a two-character brand only as a name of its own,
      // not inside another).
      brand = core;
      while (true) {
        // 华电华源公司: the brand with a short legal form, where the article writes it.
        for (const std::u32string& form : lex.short_legal_forms)
          if (brand.size() >= 2 && written_followed_by(brand_starts, brand.size(), form)) add_alias(e, brand + form);
        const std::uint32_t business = lex.industry_words.longest(brand, brand.size()).first;
        if (business == 0 || brand.size() - business < 2) break;
        brand.resize(brand.size() - business);
        find_written(brand, opening, brand_starts);
        // A long brand may be written inside other words; without a legal
        // form the name itself holds the brand, so it must stand alone.
        // A company the article names by the brand alone is this one too.
        if ((legal > 0 && brand.size() >= 4 ? !brand_starts.empty() : written_alone(brand_starts, brand.size())) ||
            named(EntityType::Enterprise, brand) >= 0)
          add_alias(e, brand);
      }
    }
  }
};

}  // namespace

void build_entities(DocState& s) {
  settle_overlaps(s);
  const std::vector<bool> standalone = standalone_places(s);
  EntityBuilder builder(s);
  builder.assign_specific(standalone);
  builder.expand_level_short_forms();
  builder.merge_variants();
  builder.add_company_short_names();
  builder.merge_alias_duplicates();
  builder.merge_party_forms();
  builder.add_names_without_town();
  builder.add_double_names();
  // Occurrences first, so that 该公司 finds the company named last even when
  // that was by a short name (在恒泰精密轴承生产车间，该公司总经理…).
  builder.find_occurrences();
  builder.add_title_aliases();
  builder.resolve_generics();

  // Persons: one type per name; a post of a party or government body makes an Official.
  s.out.entities.clear();
  s.entity_forms.clear();
  // Each list made at its final size: grown a mention or an entity at a
  // time, they were allocated and copied several times over.
  builder.count_mentions();
  const auto entity_count = static_cast<std::size_t>(
      std::count_if(builder.counts.begin(), builder.counts.end(), [](std::uint32_t n) { return n > 0; }));
  s.out.entities.reserve(entity_count);
  s.entity_forms.reserve(entity_count);
  std::vector<std::int32_t> out_index(builder.names.size(), -1);
  for (const auto& c : s.candidates) {
    if (c.entity < 0) continue;
    auto e = static_cast<std::size_t>(c.entity);
    if (out_index[e] < 0) {
      LocalEntity le;
      le.type = builder.types[e];
      le.name = to_utf8(builder.names[e][0]);
      le.aliases.reserve(builder.names[e].size() - 1);
      for (std::size_t k = 1; k < builder.names[e].size(); ++k) le.aliases.push_back(to_utf8(builder.names[e][k]));
      le.mentions.reserve(builder.counts[e]);
      out_index[e] = static_cast<std::int32_t>(s.out.entities.size());
      s.out.entities.push_back(std::move(le));
      s.entity_forms.push_back(std::move(builder.names[e]));  // each entity is met here once
    }
    s.out.entities[static_cast<std::size_t>(out_index[e])].mentions.push_back({c.begin, c.end});
  }
  for (auto& c : s.candidates)
    c.entity = c.entity >= 0 ? out_index[static_cast<std::size_t>(c.entity)] : -1;
  for (auto& le : s.out.entities) {
    std::sort(le.mentions.begin(), le.mentions.end(),
              [](const Span& x, const Span& y) { return x.begin < y.begin; });
    le.mentions.erase(std::unique(le.mentions.begin(), le.mentions.end()), le.mentions.end());
  }
}

}  // namespace kg::extract
