// extract/discourse.cc owns the article's discourse state: what the article
// is about (its town, county and park) and the frames that span sentences.
// News of this genre is written in frames: officials go somewhere (市委书记
// 程希率领…赴月塘镇调研) and the following sentences name what they saw
// without repeating who or where (程希一行首先来到A、B); a place holds a
// ceremony (郑宅镇举行…开工仪式) and a later sentence lists its projects. The
// relation recognisers (relations/frames.cc) read the frames; this file only
// finds them. Its words are in lexicons/frames.tsv.
#include <algorithm>
#include <optional>

#include "extract/chars.h"
#include "extract/internal.h"

namespace kg::extract {

bool goes_along(const DocState& s, const std::vector<const Candidate*>& mentions, const Candidate* person,
                Span sentence) {
  const std::u32string_view t = s.text;
  const auto is_person_mention = [&](const Candidate* c) {
    return c != person && (c->type == EntityType::Official || c->type == EntityType::Person);
  };
  // After the person, up to the next person named or the clause's end.
  std::uint32_t stop = sentence.end;
  for (const Candidate* c : mentions)
    if (c->begin >= person->end && c->begin < stop && is_person_mention(c)) stop = c->begin;
  std::uint32_t clause_end = person->end;
  while (clause_end < stop && !chars::is_clause_break(t[clause_end])) ++clause_end;
  for (const std::uint32_t k : s.frame_words_in(person->end, clause_end))
    if (s.frame_word(k).second & kFrameAccompany) return true;
  // Before it, in its clause: a list of companions (陪同调研的有…).
  std::uint32_t b = person->begin;
  while (b > sentence.begin && !chars::is_clause_break(t[b - 1])) --b;
  for (const std::uint32_t k : s.frame_words_in(b, person->begin)) {
    if (!(s.frame_word(k).second & kFrameAccompany)) continue;
    for (std::uint32_t q = k; q < person->begin; ++q)
      if (s.lex.served_words.at(t, q, Lexicons::kServedListed) > 0) return true;
  }
  return false;
}

const Frame* Discourse::frame_at(std::uint32_t pos) const {
  for (const Frame& f : frames)
    if (f.begin <= pos && pos < f.end) return &f;
  return nullptr;
}

namespace {

bool is_person(EntityType t) { return t == EntityType::Official || t == EntityType::Person; }
bool is_area(EntityType t) { return t == EntityType::Place || t == EntityType::Park; }

class DiscourseFinder {
 public:
  explicit DiscourseFinder(DocState& state) : s(state), lex(state.lex), t(state.text) {
    // At most one a candidate: made once at that size, not grown a mention
    // at a time (six or seven allocations a document).
    mentions.reserve(s.candidates.size());
    for (const auto& c : s.candidates)
      if (c.entity >= 0) mentions.push_back(&c);
    std::sort(mentions.begin(), mentions.end(),
              [](const Candidate* a, const Candidate* b) { return a->begin < b->begin; });
  }

  // The most mentioned place of each level, and the park, the article is about.
  void find_home() {
    Discourse& d = s.discourse;
    auto better = [&](std::int32_t e, std::int32_t best) {
      return best < 0 || count(e) > count(best);
    };
    for (std::size_t k = 0; k < s.out.entities.size(); ++k) {
      const auto e = static_cast<std::int32_t>(k);
      const LocalEntity& le = s.out.entities[k];
      if (le.type == EntityType::Park) {
        if (better(e, d.park)) d.park = e;
      } else if (le.type == EntityType::Place) {
        // The level is the name's place suffix (place_suffixes.tsv).
        const std::u32string& name = s.entity_forms[k].front();
        const auto suffix = lex.place_suffixes.longest(name, name.size());
        if (suffix.first == 0) continue;
        const auto level = static_cast<PlaceLevel>(suffix.second);
        const bool town = level >= PlaceLevel::Town && level <= PlaceLevel::Street;
        const bool county = level == PlaceLevel::County || level == PlaceLevel::District;
        if (town && better(e, d.town)) d.town = e;
        if (county && better(e, d.county)) d.county = e;
      }
    }
    d.home = d.town;
    if (d.park >= 0 && (d.home < 0 || count(d.park) >= count(d.home))) d.home = d.park;
    if (d.home < 0) d.home = d.county;
  }

  void find_frames() {
    for (const Span& sentence : s.doc.sentences) {
      if (auto frame = visit_opened_in(sentence)) {
        if (!continues_current(*frame)) open(std::move(*frame));
      } else if (auto event = event_opened_in(sentence)) {
        open(std::move(*event));
      }
    }
    if (!s.discourse.frames.empty()) s.discourse.frames.back().end = static_cast<std::uint32_t>(t.size());
  }

 private:
  DocState& s;
  const Lexicons& lex;
  std::u32string_view t;
  std::vector<const Candidate*> mentions;

  std::size_t count(std::int32_t e) const { return s.out.entities[static_cast<std::size_t>(e)].mentions.size(); }
  EntityType type_of(const Candidate* c) const { return s.out.entities[static_cast<std::size_t>(c->entity)].type; }

  // 周卫星首先到A公司调研 after 周卫星到龙岭工业集中区调研: the same people going
  // on to a company continue the visit they opened; it stays where it was.
  bool continues_current(const Frame& frame) const {
    const auto& frames = s.discourse.frames;
    if (frames.empty() || frames.back().kind != Frame::Kind::visit || frame.leaders.empty()) return false;
    const Frame& current = frames.back();
    if (!frame.hosts.empty() && !(frame.hosts.size() == 1 && frame.hosts.front() == s.discourse.home &&
                                  !current.hosts.empty()))
      return false;
    for (std::int32_t leader : frame.leaders)
      if (std::find(current.leaders.begin(), current.leaders.end(), leader) == current.leaders.end()) return false;
    return true;
  }

  void open(Frame frame) {
    auto& frames = s.discourse.frames;
    if (!frames.empty()) frames.back().end = frame.begin;
    frames.push_back(std::move(frame));
  }

  const Candidate* mention_at(std::uint32_t pos) const {
    const Candidate* best = nullptr;
    for (const Candidate* c : mentions)
      if (c->begin == pos && (!best || c->end > best->end)) best = c;
    return best;
  }

  // The first position at or after `pos` that is not an aspect particle (了)
  // or a verb of direction (往, 到) glued to the verb before.
  std::uint32_t skip_particles(std::uint32_t pos, std::uint32_t end) const {
    while (pos < end && (t[pos] == U'了' || t[pos] == U'往')) ++pos;
    return pos;
  }

  bool has_role_in(std::uint32_t from, std::uint32_t to, std::uint16_t roles) const {
    for (const std::uint32_t k : s.frame_words_in(from, to))
      if (s.frame_word(k).second & roles) return true;
    return false;
  }

  // A verb of going ends at `end` only when no longer word ending there makes
  // it something else (受到, 达到, 看到 are not journeys).
  bool blocked_go(std::uint32_t end) const { return lex.frame_go_blockers.longest(t, end).first > 0; }

  // The people who lead what the sentence says happens at `verb`: those named
  // before a lead word (张建林带队), else those named before the verb who do
  // not only accompany (陪同).
  std::vector<std::int32_t> leaders_before(Span sentence, std::uint32_t verb) const {
    std::uint32_t lead_at = verb;
    for (const std::uint32_t k : s.frame_words_in(sentence.begin, verb))
      if (s.frame_word(k).second & kFrameLead) { lead_at = k; break; }
    std::vector<std::int32_t> out;
    for (const Candidate* c : mentions) {
      if (c->begin < sentence.begin || c->end > lead_at || !is_person(type_of(c))) continue;
      if (goes_along(s, mentions, c, sentence)) continue;
      if (std::find(out.begin(), out.end(), c->entity) == out.end()) out.push_back(c->entity);
    }
    // Before a lead word, only the people of the clause that holds it lead.
    if (lead_at < verb && out.size() > 1) {
      std::uint32_t clause = lead_at;
      while (clause > sentence.begin && t[clause - 1] != U'。' && t[clause - 1] != U'；') --clause;
      std::vector<std::int32_t> kept;
      for (const Candidate* c : mentions)
        if (c->begin >= clause && c->end <= lead_at && is_person(type_of(c)) &&
            std::find(out.begin(), out.end(), c->entity) != out.end() &&
            std::find(kept.begin(), kept.end(), c->entity) == kept.end())
          kept.push_back(c->entity);
      if (!kept.empty()) out = std::move(kept);
    }
    return out;
  }

  // The areas listed from `first` on: 赴杭州、上海考察.
  std::vector<std::int32_t> area_list(const Candidate* first, std::uint32_t end) const {
    std::vector<std::int32_t> hosts{first->entity};
    std::uint32_t pos = first->end;
    while (pos + 1 < end && lex.list_joiners.longest(t, pos).first > 0) {
      const Candidate* next = mention_at(pos + lex.list_joiners.longest(t, pos).first);
      if (!next || !is_area(type_of(next))) break;
      hosts.push_back(next->entity);
      pos = next->end;
    }
    return hosts;
  }

  // A visit opens where a verb of going has a place or park for its object
  // (赴月塘镇, 到东姚镇, 深入宾县) and the sentence says it is a visit
  // (调研, 考察, or a verb that is one itself), or where named officials go
  // to a company (姜世甫到贵州天义电梯有限责任公司调研).
  std::optional<Frame> visit_opened_in(Span sentence) const {
    std::uint32_t resume = sentence.begin;  // past a word that opens no visit
    for (const std::uint32_t k : s.frame_words_in(sentence.begin, sentence.end)) {
      if (k < resume) continue;
      auto [len, roles] = s.frame_word(k);
      if (len == 0) continue;
      if (!(roles & kFrameGo) || blocked_go(k + len)) {
        resume = k + len;
        continue;
      }
      const std::uint32_t after = skip_particles(k + len, sentence.end);
      const Candidate* dest = mention_at(after);
      // 来到了位于东南工业区的浙江天和水产: the destination after its description.
      if (!dest) {
        std::uint32_t de = after;
        while (de < sentence.end && de < after + 16 && !chars::is_clause_break(t[de]) && t[de] != U'的') ++de;
        if (de < sentence.end && t[de] == U'的') dest = mention_at(de + 1);
      }
      if (!dest || is_person(type_of(dest))) continue;
      const bool visit_verb = (roles & (kFramePurpose | kFrameSee)) != 0 && len >= 2;
      if (!visit_verb && !has_role_in(dest->end, sentence.end, kFramePurpose)) continue;
      Frame frame;
      frame.kind = Frame::Kind::visit;
      frame.begin = sentence.begin;
      frame.opened_at = dest->begin;
      frame.leaders = leaders_before(sentence, k);
      if (is_area(type_of(dest))) frame.hosts = area_list(dest, sentence.end);
      // Officials of a town who visit a company (镇长郭永波…来到了…公司) stay in
      // their town: the article's own town hosts what they see.
      else if (s.discourse.home >= 0 && s.discourse.home == s.discourse.town)
        frame.hosts = {s.discourse.home};
      // Going to a company opens a visit only with named people who lead it;
      // without them it is what an open visit saw next.
      if (frame.hosts.empty() && frame.leaders.empty()) continue;
      if (frame.leaders.empty() && has_role_in(sentence.begin, k, kFrameGroup)) frame.leaders = current_leaders();
      return frame;
    }
    return std::nullopt;
  }

  std::vector<std::int32_t> current_leaders() const {
    const auto& frames = s.discourse.frames;
    return frames.empty() ? std::vector<std::int32_t>{} : frames.back().leaders;
  }

  // An event opens where a sentence holds a ceremony of a settling kind
  // (郑宅镇举行…集中开工仪式; 签约仪式在L举行): its place hosts it.
  std::optional<Frame> event_opened_in(Span sentence) const {
    std::uint32_t hold = sentence.end;
    bool settling = false;
    for (const std::uint32_t k : s.frame_words_in(sentence.begin, sentence.end)) {
      std::uint16_t roles = s.frame_word(k).second;
      if ((roles & kFrameHold) && hold == sentence.end) hold = k;
      if (roles & kFrameEvent) settling = true;
    }
    if (hold == sentence.end || !settling) return std::nullopt;
    // The host: the area that is the subject of the verb of holding in its
    // clause (郑宅镇举行…). A venue (仪式在广星产业园举行) is where the ceremony
    // took place, not where the projects are.
    std::uint32_t clause = hold;
    while (clause > sentence.begin && !chars::is_clause_break(t[clause - 1])) --clause;
    const Candidate* host = nullptr;
    for (const Candidate* c : mentions) {
      if (c->begin < clause || c->end > hold || !is_area(type_of(c))) continue;
      bool venue = false;
      for (std::uint32_t k = clause; k < c->begin && !venue; ++k) venue = t[k] == U'在';
      if (!venue) host = c;
    }
    if (!host) return std::nullopt;
    Frame frame;
    frame.kind = Frame::Kind::event;
    frame.begin = sentence.begin;
    frame.opened_at = hold;
    frame.hosts = {host->entity};
    return frame;
  }
};

}  // namespace

void find_discourse(DocState& state) {
  DiscourseFinder finder(state);
  finder.find_home();
  finder.find_frames();
}

}  // namespace kg::extract
