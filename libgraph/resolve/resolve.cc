// resolve/resolve.cc owns entity resolution across documents.
//   organisations, places, projects: one entity per (type, normalised name)
//   people: one per name within a document; across documents only where the
//           name and one of the bodies they hold posts in agree (two 王攀 in
//           two towns stay two people)
// Ids are hashes of what identifies the entity or relation, never of build
// order, so an incremental build and a full build give the same ids.
#include "resolve/resolve.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <unordered_map>

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "core/utf8.h"
#include "text/text.h"

namespace kg {
namespace {

// The scorer's notion of "the same name": NFKC, simplified script, no spaces or quotes.
std::string normalise(const std::string& name) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(name);
  std::string folded;
  if (U_SUCCESS(status)) nfkc->normalize(u, status).toUTF8String(folded);
  if (U_FAILURE(status)) folded = name;
  std::u32string simple = to_simplified(to_u32(folded));
  std::u32string kept;
  for (char32_t c : simple) {
    switch (c) {
      case U' ': case U'\t': case U'\r': case U'\n': case U'\u3000': case U'“': case U'”':
      case U'‘': case U'’': case U'"': case U'\'': case U'《': case U'》': case U'「':
      case U'」': case U'『': case U'』':
        break;
      default:
        kept.push_back(c);
    }
  }
  return to_utf8(kept);
}

std::string stable_id(char prefix, const std::string& key) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a: small, stable, good enough for ids
  for (unsigned char c : key) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char buf[20];
  std::snprintf(buf, sizeof buf, "%c%016llx", prefix, static_cast<unsigned long long>(h));
  return buf;
}

bool is_person(EntityType t) { return t == EntityType::Official || t == EntityType::Person; }

struct Record {  // one local entity of one document
  std::size_t doc;
  std::size_t local;
};

struct DisjointSets {
  std::vector<std::size_t> parent;
  explicit DisjointSets(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  std::size_t find(std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void unite(std::size_t a, std::size_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

}  // namespace

KnowledgeGraph resolve(const std::vector<StoredExtraction>& input) {
  // Documents in a fixed order, whatever order they were stored in.
  std::vector<std::size_t> order(input.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const auto& x = input[a].document;
    const auto& y = input[b].document;
    return std::tie(x.source, x.part) < std::tie(y.source, y.part);
  });

  std::vector<Record> records;
  std::vector<std::string> keys;
  for (std::size_t d : order) {
    const auto& ex = input[d].extraction;
    for (std::size_t k = 0; k < ex.entities.size(); ++k) {
      const LocalEntity& le = ex.entities[k];
      records.push_back({d, k});
      std::string group = is_person(le.type) ? "Person" : std::string(to_string(le.type));
      keys.push_back(group + "\x1f" + normalise(le.name));
    }
  }

  // Union: same key; for people, same key and a shared affiliation, or the same document.
  DisjointSets sets(records.size());
  std::unordered_map<std::string, std::size_t> first_by_key;
  std::map<std::pair<std::string, std::string>, std::size_t> person_by_affiliation;
  std::map<std::pair<std::string, std::size_t>, std::size_t> person_by_doc;
  for (std::size_t r = 0; r < records.size(); ++r) {
    const LocalEntity& le = input[records[r].doc].extraction.entities[records[r].local];
    if (!is_person(le.type)) {
      auto [it, fresh] = first_by_key.emplace(keys[r], r);
      if (!fresh) sets.unite(it->second, r);
      continue;
    }
    auto [doc_it, doc_fresh] = person_by_doc.emplace(std::make_pair(keys[r], records[r].doc), r);
    if (!doc_fresh) sets.unite(doc_it->second, r);
    for (const auto& aff : le.affiliations) {
      auto [it, fresh] = person_by_affiliation.emplace(std::make_pair(keys[r], normalise(aff)), r);
      if (!fresh) sets.unite(it->second, r);
    }
  }

  // One vertex per set.
  std::map<std::size_t, std::vector<std::size_t>> members;
  for (std::size_t r = 0; r < records.size(); ++r) members[sets.find(r)].push_back(r);

  KnowledgeGraph graph;
  for (std::size_t d : order) graph.documents.push_back(input[d].document);
  std::sort(graph.documents.begin(), graph.documents.end(),
            [](const DocumentInfo& a, const DocumentInfo& b) { return a.id < b.id; });

  std::vector<Vertex> vertex_of(records.size());
  std::vector<std::pair<std::string, std::vector<std::size_t>>> entities;  // id, records
  for (auto& [root, rs] : members) {
    const LocalEntity& head = input[records[rs.front()].doc].extraction.entities[records[rs.front()].local];
    std::string id_key = keys[rs.front()];
    if (is_person(head.type)) {
      // A person is identified by name and the first of their bodies, or else
      // by the document they appear in.
      std::vector<std::string> affs;
      for (std::size_t r : rs)
        for (const auto& a : input[records[r].doc].extraction.entities[records[r].local].affiliations)
          affs.push_back(normalise(a));
      std::sort(affs.begin(), affs.end());
      const auto& doc = input[records[rs.front()].doc].document;
      id_key += "\x1f" + (affs.empty() ? doc.source + "#" + std::to_string(doc.part) : affs.front());
    }
    entities.emplace_back(stable_id('e', id_key), rs);
  }
  std::sort(entities.begin(), entities.end());
  for (auto& [id, rs] : entities) {
    EntityProps props;
    props.id = id;
    std::map<std::string, int> spelling;
    bool official = false;
    for (std::size_t r : rs) {
      const auto& ex = input[records[r].doc].extraction;
      const LocalEntity& le = ex.entities[records[r].local];
      ++spelling[le.name];
      if (le.type == EntityType::Official) official = true;
      props.type = le.type;
      for (const auto& [k, v] : le.attributes)
        if (std::none_of(props.attributes.begin(), props.attributes.end(), [&](const auto& a) { return a.first == k; }))
          props.attributes.emplace_back(k, v);
      for (const Span& m : le.mentions) props.mentions.push_back({input[records[r].doc].document.id, m.begin, m.end});
    }
    if (is_person(props.type)) props.type = official ? EntityType::Official : EntityType::Person;
    props.name = std::max_element(spelling.begin(), spelling.end(), [](const auto& a, const auto& b) {
                   return a.second < b.second || (a.second == b.second && a.first > b.first);
                 })->first;
    std::vector<std::string> aliases;
    for (std::size_t r : rs) {
      const LocalEntity& le = input[records[r].doc].extraction.entities[records[r].local];
      if (le.name != props.name) aliases.push_back(le.name);
      for (const auto& a : le.aliases)
        if (a != props.name) aliases.push_back(a);
    }
    std::sort(aliases.begin(), aliases.end());
    aliases.erase(std::unique(aliases.begin(), aliases.end()), aliases.end());
    props.aliases = std::move(aliases);
    std::sort(props.mentions.begin(), props.mentions.end(), [](const MentionRef& a, const MentionRef& b) {
      return std::tie(a.doc, a.start) < std::tie(b.doc, b.start);
    });
    Vertex v = graph.add_entity(std::move(props));
    for (std::size_t r : rs) vertex_of[r] = v;
  }

  // Relations: one edge per (type, ends, title), all evidence kept.
  std::unordered_map<std::string, std::size_t> record_of;  // "doc#local" -> record
  for (std::size_t r = 0; r < records.size(); ++r)
    record_of[std::to_string(records[r].doc) + "#" + std::to_string(records[r].local)] = r;
  struct Pending {
    Vertex from, to;
    RelationProps props;
  };
  std::map<std::string, Pending> relations;
  for (std::size_t d : order) {
    const auto& ex = input[d].extraction;
    for (const LocalRelation& lr : ex.relations) {
      if (lr.source >= ex.entities.size() || lr.target >= ex.entities.size()) continue;
      Vertex from = vertex_of[record_of[std::to_string(d) + "#" + std::to_string(lr.source)]];
      Vertex to = vertex_of[record_of[std::to_string(d) + "#" + std::to_string(lr.target)]];
      if (from == to) continue;
      if (is_symmetric(lr.type) && graph.g[from].id > graph.g[to].id) std::swap(from, to);
      std::string key = std::string(to_string(lr.type)) + "\x1f" + graph.g[from].id + "\x1f" + graph.g[to].id + "\x1f" +
                        normalise(lr.title);
      auto [it, fresh] = relations.try_emplace(key);
      Pending& p = it->second;
      if (fresh) {
        p.from = from;
        p.to = to;
        p.props.id = stable_id('r', key);
        p.props.type = lr.type;
        p.props.title = lr.title;
      }
      for (const auto& [k, v] : lr.attributes)
        if (std::none_of(p.props.attributes.begin(), p.props.attributes.end(), [&](const auto& a) { return a.first == k; }))
          p.props.attributes.emplace_back(k, v);
      p.props.evidence.push_back({input[d].document.id, lr.evidence.begin, lr.evidence.end, lr.sentence});
    }
  }
  for (auto& [key, p] : relations) graph.add_relation(p.from, p.to, std::move(p.props));
  return graph;
}

}  // namespace kg
