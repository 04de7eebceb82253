// extract/relations/frames.cc: relations that the article's frames give
// across sentences (discourse.cc finds the frames).
//   visit   what the visitors saw (先后来到A、B; 在A、B等企业，…) is served by
//           the officials who lead the visit, whoever the sentence names as
//           its subject (巡察组一行, 他, or no one), and is in the place or
//           park visited unless the text places it elsewhere
//   event   the projects an event lists (项目分别是A、B) are in its place
//   member  园区企业A, A等园区企业, 示范园龙头企业——A: A is in the park
#include <algorithm>

#include "core/utf8.h"
#include "extract/chars.h"
#include "extract/relations/context.h"

namespace kg::extract {

namespace {

bool takes_place(EntityType t) {
  return t == EntityType::Enterprise || t == EntityType::Project || t == EntityType::Park ||
         t == EntityType::Organization;
}

}  // namespace

const Candidate* RelationContext::mention_at(std::uint32_t pos) const {
  const Candidate* best = nullptr;
  for (const Candidate* c : mentions)
    if (c->begin == pos && (!best || c->end > best->end)) best = c;
  return best;
}

// How many characters of a visited site kg does not know a list may pass over.
constexpr std::uint32_t kLongestUnknownSite = 14;

std::vector<const Candidate*> RelationContext::list_at(std::uint32_t pos, std::uint32_t end) const {
  std::vector<const Candidate*> items;
  while (pos < end && (t[pos] == U'了' || t[pos] == U'：' || t[pos] == U':' || t[pos] == U'—')) ++pos;
  // 四里店镇南山公园、状元川景区、小康庄中实泵业: a site that names no entity
  // kg knows does not end a list it stands inside; the joiner after it goes on.
  // Such a site's name may be long (清河镇特色种植专业化示范区): up to a dozen
  // characters and more after a place kg knows.
  auto skip_unknown = [&](std::uint32_t from) -> std::uint32_t {
    for (std::uint32_t k = from; k < end && k <= from + kLongestUnknownSite; ++k) {
      if (chars::is_clause_break(t[k]) || t[k] == U'的' || t[k] == U'等') return 0;
      if (const std::uint32_t joiner = joiner_at(k); joiner > 0) return k + joiner;
    }
    return 0;
  };
  while (pos < end) {
    const Candidate* item = mention_at(pos);
    // An item may carry a modifier ending in 的 (投资3亿元的智诺科技产业项目).
    if (!item) {
      std::uint32_t de = pos;
      while (de < end && de < pos + 16 && !chars::is_clause_break(t[de]) && joiner_at(de) == 0 && t[de] != U'的') ++de;
      if (de < end && t[de] == U'的') item = mention_at(de + 1);
    }
    if (!item && !items.empty()) {
      if (const std::uint32_t next = skip_unknown(pos); next > 0) {
        pos = next;
        continue;
      }
    }
    if (!item || is_person(type_of(item->entity))) break;
    // 杨集镇鸿旺牧业, 红旗渠产业园朝周粉条: the item is what the place opens.
    if (const EntityType type = type_of(item->entity); type == EntityType::Place || type == EntityType::Park)
      if (const Candidate* named = mention_at(item->end); named && !is_person(type_of(named->entity))) item = named;
    items.push_back(item);
    pos = item->end;
    if (auto [site, roles] = s.frame_word(pos); roles & kFrameSite) pos += site;
    const std::uint32_t joiner = pos < end ? joiner_at(pos) : 0;
    if (joiner == 0) {
      pos = skip_unknown(pos);
      if (pos == 0) break;
      continue;
    }
    pos += joiner;
  }
  return items;
}

const Candidate* RelationContext::opening_area(Span sentence) const {
  if (sentence.end - sentence.begin < 4 || t[sentence.begin] != U'在') return nullptr;
  const Candidate* area = mention_at(sentence.begin + 1);
  if (!area || area->end >= sentence.end || !chars::is_clause_break(t[area->end])) return nullptr;
  const EntityType type = type_of(area->entity);
  return type == EntityType::Park || type == EntityType::Place ? area : nullptr;
}

bool RelationContext::located(std::int32_t entity, std::int32_t host) const {
  for (const auto& r : s.out.relations) {
    if (r.type != RelationType::located_in || static_cast<std::int32_t>(r.source) != entity) continue;
    // A village inside the host's town places it in the host too.
    const auto target = static_cast<std::int32_t>(r.target);
    if (host >= 0 && type_of(target) == EntityType::Place && lower_than(target, host)) continue;
    return true;
  }
  return false;
}

void RelationContext::visit_frames() {
  for (const Frame& frame : s.discourse.frames) {
    if (frame.kind != Frame::Kind::visit) continue;
    const std::int32_t host = frame.hosts.size() == 1 ? frame.hosts.front() : -1;
    for (std::size_t si = s.sentence_at(frame.begin); si < s.doc.sentences.size(); ++si) {
      const Span sentence = s.doc.sentences[si];
      if (sentence.begin >= frame.end) break;
      // 在天凝镇现代装备产业园，他走进A公司: a sentence that opens in a park (or
      // a place below the frame's) says where what it visits is.
      const Candidate* opening = opening_area(sentence);
      if (opening && type_of(opening->entity) == EntityType::Place && (host < 0 || !lower_than(opening->entity, host)))
        opening = nullptr;
      for (std::uint32_t k = sentence.begin; k < sentence.end; ++k) {
        std::vector<const Candidate*> items;
        std::uint32_t verb = k;
        auto [len, roles] = s.frame_word(k);
        if (len > 0 && (roles & (kFrameSee | kFrameGo)) && lex.frame_go_blockers.longest(t, k + len).first == 0) {
          items = list_at(k + len, sentence.end);
        } else if (t[k] == U'在' && (k == sentence.begin || chars::is_clause_break(t[k - 1]))) {
          // 在A、B等企业，孙书记深入生产车间: the clause opens in what was visited.
          items = list_at(k + 1, sentence.end);
          if (!items.empty()) {
            const std::uint32_t last = items.back()->end;
            std::uint32_t close = last;
            while (close < sentence.end && close < last + 8 && !chars::is_clause_break(t[close])) ++close;
            if (close >= sentence.end || !chars::is_clause_break(t[close])) items.clear();
          }
        }
        if (items.empty()) continue;
        k = items.back()->end - 1;
        const std::vector<std::int32_t> servers = servers_of(frame, sentence, verb);
        for (const Candidate* item : items) {
          const EntityType type = type_of(item->entity);
          if (type == EntityType::Enterprise)
            for (std::int32_t o : servers) emit(RelationType::served, o, item->entity, verb);
          if (opening && item->entity != opening->entity && takes_place(type) && type != EntityType::Park) {
            emit(RelationType::located_in, item->entity, opening->entity, verb);
            continue;
          }
          if (host >= 0 && item->entity != host && !located(item->entity, host) &&
              (takes_place(type) || (type == EntityType::Place && lower_than(item->entity, host))))
            emit(RelationType::located_in, item->entity, host, verb);
        }
      }
    }
  }
}

// Who serves what a frame sentence says was seen at `verb`: a named official
// who is the sentence's own subject, else the frame's leaders.
std::vector<std::int32_t> RelationContext::servers_of(const Frame& frame, Span sentence, std::uint32_t verb) const {
  std::vector<std::int32_t> own;
  for (const Candidate* c : mentions) {
    if (c->begin < sentence.begin || c->end > verb || type_of(c->entity) != EntityType::Official) continue;
    if (std::find(frame.leaders.begin(), frame.leaders.end(), c->entity) != frame.leaders.end()) return leading_officials(frame);
    if (goes_along(s, mentions, c, sentence)) continue;
    own.push_back(c->entity);
  }
  return own.empty() ? leading_officials(frame) : own;
}

std::vector<std::int32_t> RelationContext::leading_officials(const Frame& frame) const {
  std::vector<std::int32_t> out;
  for (std::int32_t e : frame.leaders)
    if (type_of(e) == EntityType::Official) out.push_back(e);
  return out;
}

// A village is lower than its town, a town than its county: places only
// settle in a place of a higher level.
bool RelationContext::lower_than(std::int32_t place, std::int32_t host) const {
  const EntityType host_type = type_of(host);
  if (host_type == EntityType::Park) return false;
  auto level = [&](std::int32_t e) {
    const std::u32string& name = name32(e);
    auto [len, value] = lex.place_suffixes.longest(name, name.size());
    return len > 0 ? static_cast<int>(value) : -1;
  };
  const int a = level(place), b = level(host);
  return a >= 0 && b >= 0 && a > b;
}

void RelationContext::event_frames() {
  for (const Frame& frame : s.discourse.frames) {
    if (frame.kind != Frame::Kind::event || frame.hosts.size() != 1) continue;
    const std::int32_t host = frame.hosts.front();
    for (std::size_t si = s.sentence_at(frame.begin); si < s.doc.sentences.size(); ++si) {
      const Span sentence = s.doc.sentences[si];
      if (sentence.begin >= frame.end) break;
      std::uint32_t resume = sentence.begin;  // past a list read
      for (const std::uint32_t k : s.frame_words_in(sentence.begin, sentence.end)) {
        if (k < resume) continue;
        auto [len, roles] = s.frame_word(k);
        if (len == 0 || !(roles & kFrameList)) continue;
        for (const Candidate* item : list_at(k + len, sentence.end)) {
          const EntityType type = type_of(item->entity);
          if ((type == EntityType::Project || type == EntityType::Enterprise) && !located(item->entity, host))
            emit(RelationType::located_in, item->entity, host, k);
        }
        resume = k + len;
      }
    }
  }
}

void RelationContext::park_members() {
  std::uint32_t resume = 0;  // past a member word read
  for (const std::uint32_t k : s.frame_words_in(0, static_cast<std::uint32_t>(t.size()))) {
    if (k < resume) continue;
    auto [len, roles] = s.frame_word(k);
    if (len == 0 || !(roles & kFrameMember)) continue;
    resume = k + len;
    std::int32_t park = s.discourse.park;
    if (const Candidate* before = mention_ending_at(k); before && type_of(before->entity) == EntityType::Park)
      park = before->entity;
    if (park < 0) continue;
    // 园区企业A, 龙头企业——A: what follows.
    std::vector<const Candidate*> members = list_at(k + len, static_cast<std::uint32_t>(t.size()));
    // A、B等园区企业, A等“园中园”: the list before 等.
    std::uint32_t deng = k;
    while (deng > 0 && (t[deng - 1] == U'“' || t[deng - 1] == U'"')) --deng;
    if (deng > 0 && t[deng - 1] == U'等') {
      std::uint32_t end = deng - 1;
      std::vector<const Candidate*> before;
      while (const Candidate* item = mention_ending_at(end)) {
        before.push_back(item);
        if (item->begin == 0 || joiner_at(item->begin - 1) != 1) break;
        end = item->begin - 1;
      }
      members.insert(members.end(), before.begin(), before.end());
    }
    for (const Candidate* m : members) {
      const EntityType type = type_of(m->entity);
      if (m->entity != park && (type == EntityType::Enterprise || type == EntityType::Park || type == EntityType::Project))
        emit(RelationType::located_in, m->entity, park, k);
    }
  }
}

// 联合党支部由A、B以及C三家企业联合组建: a party organisation the companies
// formed together is theirs (leads). The body is written right before the
// agent word, the companies between it and the verb of forming, in one clause.
void RelationContext::formed_by() {
  for (const std::uint32_t k : s.frame_words_in(1, static_cast<std::uint32_t>(t.size()))) {
    auto [len, roles] = s.frame_word(k);
    if (len == 0 || !(roles & kFrameAgent)) continue;
    const Candidate* body = mention_ending_at(k);
    if (!body || type_of(body->entity) != EntityType::PartyOrg) continue;
    std::vector<std::int32_t> companies;
    bool formed = false;
    for (std::uint32_t q = k + len; q < t.size() && q < k + 120 && !formed && !chars::is_clause_break(t[q]); ++q) {
      if (const Candidate* m = mention_at(q); m && type_of(m->entity) == EntityType::Enterprise) {
        companies.push_back(m->entity);
        q = m->end - 1;
        continue;
      }
      formed = (s.frame_word(q).second & kFrameForm) != 0;
    }
    if (!formed) continue;
    for (std::int32_t company : companies) emit(RelationType::leads, body->entity, company, k);
  }
}

}  // namespace kg::extract
