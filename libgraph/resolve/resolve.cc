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

#include "core/utf8.h"
#include "text/text.h"

namespace kg {
namespace {

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

// Normalised names as small integers: keys compare and hash as numbers.
class NameTable {
 public:
  std::uint32_t id(const std::string& spelling) {
    auto it = by_spelling_.find(spelling);
    if (it != by_spelling_.end()) return it->second;
    std::string folded = name_key(spelling);
    auto [nit, fresh] = by_normal_.emplace(folded, static_cast<std::uint32_t>(normals_.size()));
    if (fresh) normals_.push_back(std::move(folded));
    by_spelling_.emplace(spelling, nit->second);
    return nit->second;
  }
  const std::string& normal(std::uint32_t id) const { return normals_[id]; }

 private:
  std::unordered_map<std::string, std::uint32_t> by_spelling_;
  std::unordered_map<std::string, std::uint32_t> by_normal_;
  std::vector<std::string> normals_;
};

struct PairHash {
  std::size_t operator()(const std::pair<std::uint64_t, std::uint64_t>& p) const {
    return std::hash<std::uint64_t>{}(p.first * 0x9E3779B97F4A7C15ULL ^ p.second);
  }
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

KnowledgeGraph resolve(std::vector<StoredExtraction> input) {
  // Documents in a fixed order, whatever order they were stored in.
  std::vector<std::size_t> order(input.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const auto& x = input[a].document;
    const auto& y = input[b].document;
    return std::tie(x.source, x.part) < std::tie(y.source, y.part);
  });

  // A record is one local entity of one document; its key is (type group, name).
  NameTable names;
  std::vector<Record> records;
  std::vector<std::uint64_t> keys;
  std::vector<std::size_t> first_record(input.size(), 0);
  auto entity_at = [&](std::size_t r) -> const LocalEntity& {
    return input[records[r].doc].extraction.entities[records[r].local];
  };
  for (std::size_t d : order) {
    const auto& ex = input[d].extraction;
    first_record[d] = records.size();
    for (std::size_t k = 0; k < ex.entities.size(); ++k) {
      const LocalEntity& le = ex.entities[k];
      records.push_back({d, k});
      std::uint64_t group = is_person(le.type) ? 0 : 1 + static_cast<std::uint64_t>(le.type);
      keys.push_back(group << 32 | names.id(le.name));
    }
  }

  // Union: same key; for people, same key and a shared affiliation, or the same document.
  DisjointSets sets(records.size());
  std::unordered_map<std::uint64_t, std::size_t> first_by_key;
  std::unordered_map<std::pair<std::uint64_t, std::uint64_t>, std::size_t, PairHash> person_by_affiliation;
  std::unordered_map<std::pair<std::uint64_t, std::uint64_t>, std::size_t, PairHash> person_by_doc;
  for (std::size_t r = 0; r < records.size(); ++r) {
    const LocalEntity& le = entity_at(r);
    if (!is_person(le.type)) {
      auto [it, fresh] = first_by_key.emplace(keys[r], r);
      if (!fresh) sets.unite(it->second, r);
      continue;
    }
    auto [doc_it, doc_fresh] = person_by_doc.emplace(std::make_pair(keys[r], records[r].doc), r);
    if (!doc_fresh) sets.unite(doc_it->second, r);
    for (const auto& aff : le.affiliations) {
      auto [it, fresh] = person_by_affiliation.emplace(std::make_pair(keys[r], std::uint64_t{names.id(aff)}), r);
      if (!fresh) sets.unite(it->second, r);
    }
  }

  // Across documents, an organisation written with its place in one article
  // and without it in another is one (顺义区南法信镇党委 / 南法信镇党委): a record
  // joins the entity named by one of its aliases when that alias is its own
  // name with a prefix taken off or put on, and at least four characters long.
  for (std::size_t r = 0; r < records.size(); ++r) {
    const LocalEntity& le = entity_at(r);
    if (is_person(le.type)) continue;
    // Copies: names.id() may grow the table the references would point into.
    const std::string own = names.normal(static_cast<std::uint32_t>(keys[r] & 0xFFFFFFFFu));
    for (const auto& alias : le.aliases) {
      const std::uint32_t alias_id = names.id(alias);
      const std::string variant = names.normal(alias_id);
      const std::string& shorter = variant.size() < own.size() ? variant : own;
      const std::string& longer = variant.size() < own.size() ? own : variant;
      if (shorter.size() < 12 || longer.compare(longer.size() - shorter.size(), shorter.size(), shorter) != 0) continue;
      auto it = first_by_key.find((keys[r] & ~std::uint64_t{0xFFFFFFFFu}) | alias_id);
      if (it != first_by_key.end()) sets.unite(it->second, r);
    }
  }

  // One vertex per set, its records in document order.
  std::vector<std::pair<std::size_t, std::size_t>> by_root(records.size());
  for (std::size_t r = 0; r < records.size(); ++r) by_root[r] = {sets.find(r), r};
  std::sort(by_root.begin(), by_root.end());

  KnowledgeGraph graph;
  for (std::size_t d : order) graph.documents.push_back(input[d].document);
  std::sort(graph.documents.begin(), graph.documents.end(),
            [](const DocumentInfo& a, const DocumentInfo& b) { return a.id < b.id; });

  struct Group {
    std::string id;
    std::size_t begin, end;  // range of by_root
  };
  std::vector<Group> groups;
  for (std::size_t i = 0; i < by_root.size();) {
    std::size_t j = i;
    while (j < by_root.size() && by_root[j].first == by_root[i].first) ++j;
    const std::size_t head = by_root[i].second;
    std::string id_key = (keys[head] >> 32 == 0 ? std::string("Person") : std::string(to_string(entity_at(head).type))) +
                         "\x1f" + names.normal(static_cast<std::uint32_t>(keys[head] & 0xFFFFFFFFu));
    if (is_person(entity_at(head).type)) {
      // A person is identified by name and the first of their bodies, or else
      // by the document they appear in.
      std::string first_affiliation;
      for (std::size_t k = i; k < j; ++k)
        for (const auto& a : entity_at(by_root[k].second).affiliations) {
          std::string folded = names.normal(names.id(a));
          if (first_affiliation.empty() || folded < first_affiliation) first_affiliation = std::move(folded);
        }
      const auto& doc = input[records[head].doc].document;
      id_key += "\x1f" + (!first_affiliation.empty() ? first_affiliation : doc.source + "#" + std::to_string(doc.part));
    }
    groups.push_back({stable_id('e', id_key), i, j});
    i = j;
  }
  std::sort(groups.begin(), groups.end(), [](const Group& a, const Group& b) { return a.id < b.id; });

  std::vector<Vertex> vertex_of(records.size());
  for (Group& group : groups) {
    EntityProps props;
    props.id = std::move(group.id);
    std::map<std::string, int> spelling;
    bool official = false;
    std::vector<std::string> aliases;
    for (std::size_t k = group.begin; k < group.end; ++k) {
      const std::size_t r = by_root[k].second;
      const LocalEntity& le = entity_at(r);
      ++spelling[le.name];
      if (le.type == EntityType::Official) official = true;
      props.type = le.type;
      for (const auto& [key, value] : le.attributes)
        if (std::none_of(props.attributes.begin(), props.attributes.end(), [&](const auto& a) { return a.first == key; }))
          props.attributes.emplace_back(key, value);
      const std::int64_t doc_id = input[records[r].doc].document.id;
      for (const Span& m : le.mentions) props.mentions.push_back({doc_id, m.begin, m.end});
      aliases.insert(aliases.end(), le.aliases.begin(), le.aliases.end());
    }
    if (is_person(props.type)) props.type = official ? EntityType::Official : EntityType::Person;
    props.name = std::max_element(spelling.begin(), spelling.end(), [](const auto& a, const auto& b) {
                   return a.second < b.second || (a.second == b.second && a.first > b.first);
                 })->first;
    for (const auto& [other, count] : spelling) aliases.push_back(other);
    std::sort(aliases.begin(), aliases.end());
    aliases.erase(std::unique(aliases.begin(), aliases.end()), aliases.end());
    aliases.erase(std::remove(aliases.begin(), aliases.end(), props.name), aliases.end());
    props.aliases = std::move(aliases);
    std::sort(props.mentions.begin(), props.mentions.end(), [](const MentionRef& a, const MentionRef& b) {
      return std::tie(a.doc, a.start) < std::tie(b.doc, b.start);
    });
    Vertex v = graph.add_entity(std::move(props));
    for (std::size_t k = group.begin; k < group.end; ++k) vertex_of[by_root[k].second] = v;
  }

  // Relations: one edge per (type, ends, title), all evidence kept.
  struct RelationKey {
    std::uint64_t ends;  // from << 32 | to
    std::uint32_t title;
    std::uint8_t type;
    bool operator==(const RelationKey&) const = default;
  };
  struct RelationKeyHash {
    std::size_t operator()(const RelationKey& k) const {
      return std::hash<std::uint64_t>{}(k.ends * 0x9E3779B97F4A7C15ULL ^ (std::uint64_t{k.title} << 8 | k.type));
    }
  };
  struct Pending {
    Vertex from, to;
    RelationProps props;
  };
  std::unordered_map<RelationKey, std::size_t, RelationKeyHash> relation_index;
  std::vector<Pending> relations;
  for (std::size_t d : order) {
    auto& ex = input[d].extraction;
    for (LocalRelation& lr : ex.relations) {
      if (lr.source >= ex.entities.size() || lr.target >= ex.entities.size()) continue;
      Vertex from = vertex_of[first_record[d] + lr.source];
      Vertex to = vertex_of[first_record[d] + lr.target];
      if (from == to) continue;
      if (is_symmetric(lr.type) && graph.g[from].id > graph.g[to].id) std::swap(from, to);
      const std::uint32_t title = names.id(lr.title);
      RelationKey key{std::uint64_t{from} << 32 | to, title, static_cast<std::uint8_t>(lr.type)};
      auto [it, fresh] = relation_index.emplace(key, relations.size());
      if (fresh) {
        Pending p;
        p.from = from;
        p.to = to;
        p.props.id = stable_id('r', std::string(to_string(lr.type)) + "\x1f" + graph.g[from].id + "\x1f" +
                                       graph.g[to].id + "\x1f" + names.normal(title));
        p.props.type = lr.type;
        p.props.title = lr.title;
        relations.push_back(std::move(p));
      }
      Pending& p = relations[it->second];
      for (const auto& [k, v] : lr.attributes)
        if (std::none_of(p.props.attributes.begin(), p.props.attributes.end(), [&](const auto& a) { return a.first == k; }))
          p.props.attributes.emplace_back(k, v);
      p.props.evidence.push_back({input[d].document.id, lr.evidence.begin, lr.evidence.end, std::move(lr.sentence)});
    }
  }
  // Edges in id order, so the graph is the same however it was built.
  std::vector<std::size_t> edge_order(relations.size());
  std::iota(edge_order.begin(), edge_order.end(), 0);
  std::sort(edge_order.begin(), edge_order.end(),
            [&](std::size_t a, std::size_t b) { return relations[a].props.id < relations[b].props.id; });
  for (std::size_t e : edge_order) graph.add_relation(relations[e].from, relations[e].to, std::move(relations[e].props));
  return graph;
}

}  // namespace kg
