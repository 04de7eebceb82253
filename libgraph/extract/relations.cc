// extract/relations.cc owns the third step of extraction: relations between
// the document's entities, each with the sentence that states it.
//   holds_post       titles before or after a name, chained with 、, each
//                    attached to the body written before it or implied by it
//   served           an official, a serving verb (走访, 协助, 牵线), then a company
//                    (or 企业/该公司 meaning the last one named)
//   located_in       settling verbs (落户, 扎根, 在…开工), 辖区内的, names that
//                    carry their place (顺义区南法信镇, 襄阳高新区)
//   leads, part_of   the structure of names: body + 党委 leads the body; body +
//                    department is part of it
//   project_of       a project named after its company (东风康明斯公司…项目)
//   cooperates_with  A与B…合作/共建, A、B、C联合…
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "core/utf8.h"
#include "extract/chars.h"
#include "extract/internal.h"

namespace kg::extract {

std::size_t DocState::sentence_at(std::uint32_t pos) const {
  const auto& ss = doc.sentences;
  auto it = std::upper_bound(ss.begin(), ss.end(), pos, [](std::uint32_t p, const Span& s) { return p < s.end; });
  if (it == ss.end()) return ss.empty() ? 0 : ss.size() - 1;
  return static_cast<std::size_t>(it - ss.begin());
}

Span DocState::sentence_span(std::uint32_t pos) const {
  if (doc.sentences.empty()) return {0, static_cast<std::uint32_t>(text.size())};
  return doc.sentences[sentence_at(pos)];
}

namespace {

bool is_person(EntityType t) { return t == EntityType::Official || t == EntityType::Person; }

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

struct RelationFinder {
  DocState& s;
  const Lexicons& lex;
  std::u32string_view t;
  std::vector<const Candidate*> mentions;  // with an entity, by position
  std::set<std::tuple<int, std::uint32_t, std::uint32_t, std::uint32_t>> seen;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> scratch;

  explicit RelationFinder(DocState& state) : s(state), lex(state.lex), t(state.text) {
    for (const auto& c : s.candidates)
      if (c.entity >= 0) mentions.push_back(&c);
  }

  EntityType type_of(std::int32_t e) const { return s.out.entities[static_cast<std::size_t>(e)].type; }

  void emit(RelationType type, std::int32_t from, std::int32_t to, std::uint32_t at, std::string title = {},
            Attributes attrs = {}) {
    if (from < 0 || to < 0 || from == to) return;
    Span sentence = s.sentence_span(at);
    auto key = std::make_tuple(static_cast<int>(type), static_cast<std::uint32_t>(from), static_cast<std::uint32_t>(to),
                               sentence.begin);
    if (!seen.insert(key).second) return;
    LocalRelation r;
    r.type = type;
    r.source = static_cast<std::uint32_t>(from);
    r.target = static_cast<std::uint32_t>(to);
    r.title = std::move(title);
    r.evidence = sentence;
    r.sentence = to_utf8(t.substr(sentence.begin, sentence.size()));
    r.attributes = std::move(attrs);
    s.out.relations.push_back(std::move(r));
  }

  // The longest non-person mention ending exactly at `pos`.
  const Candidate* mention_ending_at(std::uint32_t pos) const {
    const Candidate* best = nullptr;
    for (const Candidate* c : mentions)
      if (c->end == pos && !is_person(c->type) && (!best || c->end - c->begin > best->end - best->begin)) best = c;
    return best;
  }

  // The most mentioned entity of a type, optionally whose name ends with `tail`.
  std::int32_t main_of(EntityType type, std::u32string_view tail = {}) const {
    std::int32_t best = -1;
    std::size_t best_count = 0;
    for (std::size_t e = 0; e < s.out.entities.size(); ++e) {
      const auto& le = s.out.entities[e];
      if (le.type != type) continue;
      if (!tail.empty()) {
        std::u32string name = to_u32(le.name);
        if (name.size() < tail.size() || std::u32string_view(name).substr(name.size() - tail.size()) != tail) continue;
      }
      if (best < 0 || le.mentions.size() > best_count) {
        best = static_cast<std::int32_t>(e);
        best_count = le.mentions.size();
      }
    }
    return best;
  }

  // The nearest mention of one of `types` before `pos`, not before `floor`.
  const Candidate* nearest_before(std::uint32_t pos, std::uint32_t floor, std::initializer_list<EntityType> types) const {
    const Candidate* best = nullptr;
    for (const Candidate* c : mentions) {
      if (c->end > pos || c->begin < floor) continue;
      if (std::find(types.begin(), types.end(), c->type) == types.end()) continue;
      if (!best || c->end > best->end) best = c;
    }
    return best;
  }

  const Candidate* first_after(std::uint32_t pos, std::uint32_t ceiling, std::initializer_list<EntityType> types) const {
    for (const Candidate* c : mentions) {
      if (c->begin < pos || c->end > ceiling) continue;
      if (std::find(types.begin(), types.end(), c->type) != types.end()) return c;
    }
    return nullptr;
  }

  Span sentence_window(std::uint32_t pos, std::size_t before) const {
    if (s.doc.sentences.empty()) return {0, static_cast<std::uint32_t>(t.size())};
    std::size_t k = s.sentence_at(pos);
    std::size_t first = k >= before ? k - before : 0;
    return {s.doc.sentences[first].begin, s.doc.sentences[k].end};
  }

  // ---- holds_post ---------------------------------------------------------------

  struct Post {
    std::uint32_t title_begin, title_end;
    std::uint32_t title_index;
    const Candidate* body;
  };

  std::int32_t implied_body(const Post& post, const std::vector<Post>& chain, std::uint32_t at) const {
    const TitleInfo& info = lex.title_info[post.title_index];
    for (const Post& other : chain)
      if (other.body && attach_fits(info.attach, other.body->type)) return other.body->entity;
    Span window = sentence_window(at, 2);
    switch (info.attach) {
      case TitleAttach::Place: {
        // 县长 heads the county, 区长 the district, 村主任 the village: the level in the title.
        for (char32_t level : {U'县', U'区', U'市', U'省', U'村', U'乡', U'镇', U'州', U'旗'}) {
          if (info.title.find(level) == std::u32string::npos) continue;
          std::u32string tail(1, level);
          std::int32_t place = main_of(EntityType::Place, tail);
          if (place >= 0) return place;
          if (level != U'镇') return -1;
        }
        if (info.title.find(U"街道") != std::u32string::npos || info.title.find(U"办事处") != std::u32string::npos)
          return main_of(EntityType::Place, U"街道");
        std::int32_t town = main_of(EntityType::Place, U"镇");
        if (town < 0) town = main_of(EntityType::Place, U"乡");
        if (town < 0) town = main_of(EntityType::Place, U"街道");
        return town;
      }
      case TitleAttach::PartyOrg:
        return main_of(EntityType::PartyOrg);
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

  void holds_posts() {
    for (const Candidate* p : std::vector<const Candidate*>(mentions)) {
      if (!is_person(p->type)) continue;
      std::vector<Post> chain;
      std::uint32_t pos = p->begin;
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
        std::int32_t body = post.body ? post.body->entity : implied_body(post, chain, p->begin);
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

  // ---- served -------------------------------------------------------------------

  bool accompanies(const Candidate* official, Span sentence) const {
    // 陪同 before the name in the same clause, or 在…陪同下 after it.
    std::uint32_t b = official->begin;
    while (b > sentence.begin && !chars::is_clause_break(t[b - 1])) --b;
    std::u32string_view before = t.substr(b, official->begin - b);
    if (before.find(U"陪同") != std::u32string_view::npos || before.find(U"随同") != std::u32string_view::npos)
      return true;
    std::u32string_view after = t.substr(official->end, std::min<std::size_t>(6, sentence.end - official->end));
    return after.find(U"陪同") != std::u32string_view::npos || after.find(U"随行") != std::u32string_view::npos;
  }

  // 企业, 该公司, 该企业 after `from`: a generic reference to a company.
  std::uint32_t generic_company_at(std::uint32_t from, std::uint32_t to) const {
    for (std::uint32_t k = from; k + 1 < to; ++k) {
      if ((t[k] == U'企' && t[k + 1] == U'业') || (t[k] == U'公' && t[k + 1] == U'司')) {
        bool inside = false;
        for (const Candidate* c : mentions) inside = inside || (c->begin <= k && k < c->end);
        if (!inside) return k;
      }
    }
    return to;
  }

  void served() {
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
          coordinated = t[k] != U'。' && t[k] != U';' && t[k] != U'；' && lex.triggers.longest(t, k).first == 0 &&
                        lex.boundary_forward.longest(t, k).first == 0 && lex.name_enders.longest(t, k).first == 0;
        if (!coordinated) stop = c->begin;
      }
      std::uint32_t trigger_at = stop;
      for (std::uint32_t k = o->end; k < stop; ++k) {
        auto [len, idx] = lex.triggers.longest(t, k);
        if (len > 0 && lex.trigger_info[idx].relation == RelationType::served &&
            lex.trigger_info[idx].role == TriggerRole::Lead) {
          trigger_at = k;
          break;
        }
      }
      if (trigger_at >= stop) continue;
      // 张立军要求区工信局协调…: the official orders, the bureau does the serving.
      std::u32string_view before_verb = t.substr(o->end, trigger_at - o->end);
      if (before_verb.find(U"要求") != std::u32string_view::npos || before_verb.find(U"责成") != std::u32string_view::npos ||
          before_verb.find(U"督促") != std::u32string_view::npos || before_verb.find(U"安排") != std::u32string_view::npos)
        continue;
      Attributes attrs;
      if (accompanies(o, sentence)) attrs.emplace_back("role", "accompany");
      const Candidate* company = first_after(trigger_at, stop, {EntityType::Enterprise});
      // 在A公司调研, 赴A公司督导: the company stands between the official and the verb.
      if (const Candidate* before = first_after(o->end, trigger_at, {EntityType::Enterprise})) {
        std::u32string_view between = t.substr(o->end, before->begin - o->end);
        if (between.find(U'在') != std::u32string_view::npos || between.find(U'赴') != std::u32string_view::npos ||
            between.find(U'到') != std::u32string_view::npos)
          company = before;
      }
      std::uint32_t generic = generic_company_at(trigger_at, company ? company->begin : stop);
      if (generic < (company ? company->begin : stop)) {
        // 企业 before any named company: the company the text is about.
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
        std::u32string_view gap = t.substr(last->end, c->begin - last->end);
        if (gap != U"、" && gap != U"和" && gap != U"及" && gap != U"与") break;
        emit(RelationType::served, o->entity, c->entity, o->begin, {}, attrs);
        last = c;
      }
    }
  }

  // The company a project is named after, as a mention for relation ends.
  const Candidate* owner_mention(const Candidate* project) const {
    std::u32string name = to_u32(s.out.entities[static_cast<std::size_t>(project->entity)].name);
    auto [owner, len] = prefix_entity(name, {EntityType::Enterprise}, project->entity);
    (void)len;
    if (owner < 0) return nullptr;
    for (const Candidate* c : mentions)
      if (c->entity == owner) return c;
    return nullptr;
  }

  // 在A公司，李建平详细询问…: a sentence that opens in a company and goes on
  // with an official doing something there.
  void served_in_company() {
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
  void served_listed_after() {
    static const std::u32string kMarkers[] = {U"的有", U"的还有", U"的领导有"};
    for (const auto& marker : kMarkers) {
      for (std::size_t at = t.find(marker); at != std::u32string_view::npos; at = t.find(marker, at + 1)) {
        auto pos = static_cast<std::uint32_t>(at);
        Span sentence = s.sentence_span(pos);
        bool serving = false;
        for (std::uint32_t k = sentence.begin; k < pos && !serving; ++k) {
          auto [len, idx] = lex.triggers.longest(t, k);
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

  // ---- located_in -------------------------------------------------------------------

  static bool settles(EntityType t) {
    return t == EntityType::Enterprise || t == EntityType::Project || t == EntityType::Park ||
           t == EntityType::Organization || t == EntityType::GovOrg;
  }

  std::int32_t main_location() const {
    std::int32_t park = main_of(EntityType::Park);
    if (park >= 0) return park;
    return main_of(EntityType::Place, U"镇");
  }

  void located_by_verbs() {
    const std::uint32_t n = static_cast<std::uint32_t>(t.size());
    for (std::uint32_t k = 0; k < n; ++k) {
      auto [len, idx] = lex.triggers.longest(t, k);
      if (len == 0 || lex.trigger_info[idx].relation != RelationType::located_in) continue;
      TriggerRole role = lex.trigger_info[idx].role;
      Span sentence = s.sentence_span(k);
      std::uint32_t after = k + len;
      while (after < sentence.end && (t[after] == U'了' || t[after] == U'在' || t[after] == U'于' || t[after] == U'到')) ++after;
      const Candidate* place = nullptr;
      for (const Candidate* c : mentions)
        if (c->begin == after && (c->type == EntityType::Park || c->type == EntityType::Place)) place = c;
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
          auto [vl, vi] = lex.triggers.longest(t, v);
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
          std::u32string_view gap = last ? t.substr(last->end, c->begin - last->end) : t.substr(place->end + 1, c->begin - place->end - 1);
          if (last ? (gap != U"、" && gap != U"和" && gap != U"及") : !gap.empty()) break;
          emit(RelationType::located_in, c->entity, place->entity, k);
          last = c;
        }
        if (last) continue;
      }
      if (role == TriggerRole::Attract) {
        // L引进X、Y等…: every company or project named after the verb in the clause.
        std::uint32_t clause_end = after;
        while (clause_end < sentence.end && !chars::is_clause_break(t[clause_end])) ++clause_end;
        const Candidate* host = nearest_before(k, sentence.begin, {EntityType::Park});
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
      if (t.substr(subject->end, k - subject->end).find(U'与') != std::u32string_view::npos) continue;
      // Only verbs of arriving (落户, 入驻) point, without a place, at the article's own area.
      if (!place && role != TriggerRole::Arrive) continue;
      std::int32_t where = place ? place->entity : main_location();
      emit(RelationType::located_in, subject->entity, where, k);
      // A、B、C等项目集中开工: every item of the list the subject ends.
      const Candidate* item = subject;
      for (auto it = mentions.rbegin(); it != mentions.rend(); ++it) {
        const Candidate* c = *it;
        if (c->end > item->begin || !settles(c->type)) continue;
        std::u32string_view gap = t.substr(c->end, item->begin - c->end);
        if (gap != U"、" && gap != U"和" && gap != U"及") break;
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
      if (!settles(c->type) || c->begin < 4) continue;
      std::u32string_view before = t.substr(c->begin - 4, 4);
      if (before.substr(1) == U"内的" || before == U"辖区内的" || before.substr(2) == U"内的") {
        if (before.find(U"辖区") == std::u32string_view::npos && before.find(U"境") == std::u32string_view::npos) continue;
        std::int32_t home = main_of(EntityType::Place, U"镇");
        if (home < 0) home = main_location();
        emit(RelationType::located_in, c->entity, home, c->begin);
      }
    }
  }

  // ---- relations read off the structure of names ---------------------------------------

  // First mention whose surface spells the full name, for evidence.
  std::uint32_t full_mention_at(std::size_t e) const {
    const auto& le = s.out.entities[e];
    std::u32string name = to_u32(le.name);
    for (const Span& m : le.mentions)
      if (t.substr(m.begin, m.size()) == name) return m.begin;
    return le.mentions.empty() ? 0 : le.mentions.front().begin;
  }

  // Entities by every name they go by.
  std::map<std::u32string, std::vector<std::int32_t>> by_name;

  void index_names() {
    for (std::size_t e = 0; e < s.out.entities.size(); ++e) {
      const auto& le = s.out.entities[e];
      by_name[to_u32(le.name)].push_back(static_cast<std::int32_t>(e));
      for (const auto& a : le.aliases) by_name[to_u32(a)].push_back(static_cast<std::int32_t>(e));
    }
  }

  // The longest entity name that `text` starts with, among `types`.
  std::pair<std::int32_t, std::uint32_t> prefix_entity(std::u32string_view text, std::initializer_list<EntityType> types,
                                                       std::int32_t exclude) const {
    for (std::size_t len = text.size(); len >= 2; --len) {
      auto it = by_name.find(std::u32string(text.substr(0, len)));
      if (it == by_name.end()) continue;
      for (std::int32_t e : it->second)
        if (e != exclude && std::find(types.begin(), types.end(), type_of(e)) != types.end())
          return {e, static_cast<std::uint32_t>(len)};
    }
    return {-1, 0};
  }

  // 锦泉智造产业园 carries the core of 锦泉街道: the place whose name minus its
  // level is how the park's name begins.
  std::int32_t place_named_by_core(std::u32string_view name, std::uint32_t& len) const {
    for (std::size_t e = 0; e < s.out.entities.size(); ++e) {
      if (s.out.entities[e].type != EntityType::Place) continue;
      std::u32string place = to_u32(s.out.entities[e].name);
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

  void structural() {
    static const std::u32string kInstitutions[] = {U"卫生院", U"医院", U"学校", U"中学", U"小学", U"幼儿园", U"所", U"站", U"中心"};
    for (std::size_t e = 0; e < s.out.entities.size(); ++e) {
      const auto& le = s.out.entities[e];
      const auto self = static_cast<std::int32_t>(e);
      std::uint32_t at = full_mention_at(e);
      std::vector<std::u32string> forms{to_u32(le.name)};
      for (const auto& a : le.aliases) forms.push_back(to_u32(a));
      for (const std::u32string& name : forms) {
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
            auto it = by_name.find(body);
            // 汉中市镇巴县园区党工委: the body may be written with its city before it.
            for (std::uint32_t strip = place_prefix_length(lex, body); it == by_name.end() && strip > 0 && strip < body.size();) {
              it = by_name.find(body.substr(strip));
              break;
            }
            if (it == by_name.end()) {
              auto [plen, pidx] = lex.places.longest(body, 0);
              if (plen >= 2 && plen < body.size()) it = by_name.find(body.substr(plen));
            }
            bool led = false;
            if (it != by_name.end())
              for (std::int32_t b : it->second)
                if (b != self && !is_person(type_of(b)) && type_of(b) != EntityType::PartyOrg && type_of(b) != EntityType::Project) {
                  emit(RelationType::leads, self, b, at);
                  led = true;
                  break;
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
            for (const auto& inst : kInstitutions)
              if (name.size() > inst.size() && name.compare(name.size() - inst.size(), inst.size(), inst) == 0) {
                emit(RelationType::located_in, self, b, at);
                break;
              }
            break;
          }
          case EntityType::Park: {
            auto [b, len] = prefix_entity(name, {EntityType::Park, EntityType::Place}, self);
            if (b < 0) b = place_named_by_core(name, len);
            if (b < 0) {
              // 襄阳高新区: the short form of a city that the article names in full.
              auto [plen, pidx] = lex.places.longest(name, 0);
              auto it = plen >= 2 && plen < name.size() ? by_name.find(lex.place_info[pidx].name) : by_name.end();
              if (it != by_name.end()) {
                b = it->second.front();
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
            break;
          }
          default:
            break;
        }
      }
    }
    // Places and parks written one after another compose: 顺义区南法信镇, 汉中市镇巴县,
    // 襄阳高新区米庄镇; a name followed by (Y) names its place: 嘉兴科技城(大桥镇).
    for (std::size_t a = 0; a + 1 < mentions.size(); ++a) {
      const Candidate* outer = mentions[a];
      if (outer->type != EntityType::Place && outer->type != EntityType::Park) continue;
      for (std::size_t b = a + 1; b < mentions.size() && mentions[b]->begin <= outer->end + 1; ++b) {
        const Candidate* inner = mentions[b];
        if (inner->type != EntityType::Place || inner->entity == outer->entity) continue;
        bool adjacent = inner->begin == outer->end;
        bool in_parens = inner->begin == outer->end + 1 && chars::is_open_paren(t[outer->end]) &&
                         inner->end < t.size() && chars::is_close_paren(t[inner->end]);
        if (adjacent) emit(RelationType::located_in, inner->entity, outer->entity, inner->begin);
        else if (in_parens) emit(RelationType::located_in, outer->entity, inner->entity, inner->begin);
      }
    }
  }

  // 项目由A公司投资建设 / A公司投资建设的项目: the company that builds the project.
  void project_builders() {
    static const std::u32string kBuild[] = {U"投资建设", U"投资", U"建设", U"承建", U"投建", U"打造", U"实施"};
    auto builds_at = [&](std::uint32_t pos) {
      for (const auto& verb : kBuild)
        if (t.substr(pos, verb.size()) == verb) return true;
      return false;
    };
    for (const Candidate* p : mentions) {
      if (p->type != EntityType::Project) continue;
      Span sentence = s.sentence_span(p->begin);
      // 由A公司投资建设, right after the project.
      if (p->end + 1 < sentence.end && t[p->end] == U'由') {
        const Candidate* company = first_after(p->end + 1, sentence.end, {EntityType::Enterprise});
        if (company && company->begin == p->end + 1 && builds_at(company->end))
          emit(RelationType::project_of, p->entity, company->entity, p->begin);
      }
      // A公司投资建设的项目, right before it.
      for (const Candidate* company : mentions) {
        if (company->type != EntityType::Enterprise || company->end >= p->begin || company->begin < sentence.begin) continue;
        std::u32string_view between = t.substr(company->end, p->begin - company->end);
        if (between.size() <= 5 && !between.empty() && between.back() == U'的' && builds_at(company->end))
          emit(RelationType::project_of, p->entity, company->entity, p->begin);
      }
    }
  }

  // ---- cooperates_with -------------------------------------------------------------------

  static bool partner(EntityType t) {
    return t == EntityType::Enterprise || t == EntityType::Organization || t == EntityType::Park;
  }

  void cooperation() {
    const std::uint32_t n = static_cast<std::uint32_t>(t.size());
    for (std::uint32_t k = 0; k < n; ++k) {
      auto [len, idx] = lex.triggers.longest(t, k);
      if (len == 0 || lex.trigger_info[idx].relation != RelationType::cooperates_with) continue;
      Span sentence = s.sentence_span(k);
      std::uint32_t clause_begin = k;
      while (clause_begin > sentence.begin && !chars::is_clause_break(t[clause_begin - 1])) --clause_begin;
      // A与B…: 与 in the clause before the trigger.
      std::uint32_t with = k;
      for (std::uint32_t p = clause_begin; p < k; ++p)
        if (t[p] == U'与' || t[p] == U'同' || (t[p] == U'和' && p > clause_begin)) { with = p; break; }
      std::vector<const Candidate*> group;
      if (with < k) {
        for (const Candidate* c : mentions)
          if (c->begin > with && c->end <= k && partner(c->type)) group.push_back(c);
        if (group.empty()) { k += len - 1; continue; }
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
      k += len - 1;
    }
  }
};

// The date a sentence gives for its event: 2023年10月30日, 10月30日 (the year
// from the article), 2023-10-30; ISO 8601, to the day or the month.
std::string sentence_date(std::u32string_view sentence, const std::string& published) {
  auto number_before = [&](std::size_t end, std::size_t max_digits, std::size_t& begin) -> int {
    begin = end;
    while (begin > 0 && end - begin < max_digits && chars::is_digit(sentence[begin - 1])) --begin;
    if (begin == end) return -1;
    int value = 0;
    for (std::size_t k = begin; k < end; ++k) value = value * 10 + static_cast<int>(sentence[k] - U'0');
    return value;
  };
  for (std::size_t m = 0; m < sentence.size(); ++m) {
    if (sentence[m] != U'月') continue;
    std::size_t month_begin = 0;
    int month = number_before(m, 2, month_begin);
    if (month < 1 || month > 12) continue;
    int year = -1;
    if (month_begin > 0 && sentence[month_begin - 1] == U'年') {
      std::size_t year_begin = 0;
      year = number_before(month_begin - 1, 4, year_begin);
      if (year < 1900 || year > 2100) year = -1;
    }
    if (year < 0 && published.size() >= 4) year = std::stoi(published.substr(0, 4));
    if (year < 0) continue;
    int day = -1;
    std::size_t d = m + 1;
    std::size_t day_end = d;
    while (day_end < sentence.size() && day_end - d < 2 && chars::is_digit(sentence[day_end])) ++day_end;
    if (day_end > d && day_end < sentence.size() && (sentence[day_end] == U'日' || sentence[day_end] == U'号')) {
      day = 0;
      for (std::size_t k = d; k < day_end; ++k) day = day * 10 + static_cast<int>(sentence[k] - U'0');
      if (day < 1 || day > 31) day = -1;
    }
    char buf[32];
    if (day > 0) std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    else std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
    return buf;
  }
  return {};
}

// Every relation carries the date of its event: the sentence's, or else the article's.
void relation_dates(DocState& s) {
  for (auto& r : s.out.relations) {
    std::u32string_view sentence = s.text.substr(r.evidence.begin, r.evidence.size());
    std::string date = sentence_date(sentence, s.doc.meta.published);
    if (!date.empty()) {
      r.attributes.emplace_back("date", date);
      r.attributes.emplace_back("date_from", "sentence");
    } else if (!s.doc.meta.published.empty()) {
      r.attributes.emplace_back("date", s.doc.meta.published);
      r.attributes.emplace_back("date_from", "article");
    }
  }
}

// 总投资1.56亿元 -> 156000000 yuan, kept with the original words.
void project_amounts(DocState& s) {
  for (const auto& c : s.candidates) {
    if (c.type != EntityType::Project || c.entity < 0 || c.generic) continue;
    std::u32string_view t = s.text;
    std::uint32_t from = c.begin >= 24 ? c.begin - 24 : 0;
    std::u32string_view window = t.substr(from, c.begin - from);
    std::size_t at = window.rfind(U"投资");
    if (at == std::u32string_view::npos) continue;
    std::size_t p = at + 2;
    while (p < window.size() && (window[p] == U'约' || window[p] == U'近' || window[p] == U'超' || window[p] == U'达')) ++p;
    std::size_t num_begin = p;
    while (p < window.size() && (chars::is_digit(window[p]) || window[p] == U'.')) ++p;
    if (p == num_begin) continue;
    double value = std::stod(to_utf8(window.substr(num_begin, p - num_begin)));
    double scale = 1;
    if (p < window.size() && window[p] == U'亿') { scale = 1e8; ++p; }
    else if (p < window.size() && window[p] == U'万') { scale = 1e4; ++p; }
    std::string currency = "CNY";
    if (window.substr(p, 2) == U"美元") { currency = "USD"; p += 2; }
    else if (p < window.size() && window[p] == U'元') { ++p; }
    auto& le = s.out.entities[static_cast<std::size_t>(c.entity)];
    bool has = std::any_of(le.attributes.begin(), le.attributes.end(), [](const auto& a) { return a.first == "investment"; });
    if (has) continue;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", value * scale);
    le.attributes.emplace_back("investment", buf);
    le.attributes.emplace_back("investment_currency", currency);
    le.attributes.emplace_back("investment_text", to_utf8(window.substr(at, p - at)));
    if (currency == "CNY") le.attributes.emplace_back("investment_yuan", buf);
  }
}

}  // namespace

void find_relations(DocState& s) {
  RelationFinder f(s);
  f.index_names();
  f.holds_posts();
  f.served();
  f.served_in_company();
  f.served_listed_after();
  f.located_by_verbs();
  f.structural();
  f.cooperation();
  f.project_builders();
  project_amounts(s);
  relation_dates(s);
}

}  // namespace kg::extract
