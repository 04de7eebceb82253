// eval/score.cc owns the scoring rules of shared/gold/score.py: per-source
// greedy one-to-one matching, optional gold entries that neither earn nor
// cost, symmetric cooperates_with, and the printed table and misses.
#include <array>
#include <cstdio>
#include <string_view>
#include <unordered_map>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "eval/eval.h"

namespace kg {
namespace {

// score.py's order, which is also the order misses are listed in.
constexpr std::array<std::string_view, 5> kCoreEntities = {"Official", "PartyOrg", "Park",
                                                            "Enterprise", "Project"};
constexpr std::array<std::string_view, 9> kAllEntities = {
    "Official", "PartyOrg", "Park", "Enterprise", "Project",
    "Person", "GovOrg", "Place", "Organization"};
constexpr std::array<std::string_view, 4> kCoreRelations = {"holds_post", "served", "located_in",
                                                             "leads"};
constexpr std::array<std::string_view, 7> kAllRelations = {
    "holds_post", "served", "located_in", "leads", "part_of", "project_of", "cooperates_with"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view item) {
  for (std::string_view entry : list)
    if (entry == item) return true;
  return false;
}

// Both lists are sorted and unique (see normalized_names).
bool share_a_name(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  auto i = a.begin();
  auto j = b.begin();
  while (i != a.end() && j != b.end()) {
    if (*i == *j) return true;
    if (*i < *j) ++i; else ++j;
  }
  return false;
}

struct MatchOutcome {
  long tp = 0;
  std::vector<std::size_t> false_positives;  // indices into pred
  std::vector<std::size_t> false_negatives;  // indices into gold
};

// A prediction takes the first unused non-optional gold entry it matches,
// else the last unused optional one; an optional hit is neither TP nor FP.
template <class Gold, class Pred, class Same>
MatchOutcome match(const std::vector<const Gold*>& gold, const std::vector<const Pred*>& pred,
                   Same same) {
  MatchOutcome outcome;
  std::vector<bool> used(gold.size(), false);
  for (std::size_t p = 0; p < pred.size(); ++p) {
    std::size_t hit = gold.size();
    for (std::size_t g = 0; g < gold.size(); ++g) {
      if (used[g] || !same(*pred[p], *gold[g])) continue;
      hit = g;
      if (!gold[g]->optional) break;
    }
    if (hit == gold.size()) {
      outcome.false_positives.push_back(p);
      continue;
    }
    used[hit] = true;
    if (!gold[hit]->optional) ++outcome.tp;
  }
  for (std::size_t g = 0; g < gold.size(); ++g)
    if (!used[g] && !gold[g]->optional) outcome.false_negatives.push_back(g);
  return outcome;
}

bool same_relation(const ScoredRelation& p, const GoldRelation& g) {
  if (p.type != g.type) return false;
  if (share_a_name(p.source_names, g.source_names) && share_a_name(p.target_names, g.target_names))
    return true;
  return g.type == "cooperates_with" && share_a_name(p.source_names, g.target_names) &&
         share_a_name(p.target_names, g.source_names);
}

// The graph split by source file; relations of one type between the same two
// nodes count once per source (the first one stands for all).
struct PerSource {
  std::unordered_map<std::string, std::vector<const ScoredEntity*>> entities;
  std::unordered_map<std::string, std::vector<const ScoredRelation*>> relations;
};

PerSource split_by_source(const ScoredGraph& graph) {
  PerSource split;
  for (const ScoredEntity& entity : graph.entities)
    for (const std::string& source : entity.sources) split.entities[source].push_back(&entity);
  std::unordered_map<std::string, std::unordered_map<std::string, bool>> seen;
  for (const ScoredRelation& relation : graph.relations) {
    std::string key = relation.type;
    key.append(1, '\0').append(relation.source_id).append(1, '\0').append(relation.target_id);
    for (const std::string& source : relation.sources)
      if (seen[source].emplace(key, true).second) split.relations[source].push_back(&relation);
  }
  return split;
}

Counts sum(const std::map<std::string, Counts>& types, std::string_view kind,
           const auto& names) {
  Counts total;
  for (std::string_view name : names) {
    auto it = types.find(std::string(kind) + ":" + std::string(name));
    if (it == types.end()) continue;
    total.tp += it->second.tp;
    total.fp += it->second.fp;
    total.fn += it->second.fn;
  }
  return total;
}

const std::string& first_name(const std::vector<std::string>& names) {
  static const std::string unknown = "?";
  return names.empty() ? unknown : names.front();  // sorted: the first is the smallest
}

}  // namespace

double Counts::precision() const {
  return tp + fp ? static_cast<double>(tp) / static_cast<double>(tp + fp) : 0.0;
}
double Counts::recall() const {
  return tp + fn ? static_cast<double>(tp) / static_cast<double>(tp + fn) : 0.0;
}
double Counts::f1() const {
  const double p = precision(), r = recall();
  return p + r != 0.0 ? 2 * p * r / (p + r) : 0.0;
}

EvalResult evaluate(const GoldStandard& gold, const ScoredGraph& graph,
                    const std::set<std::string>& only_sources) {
  const PerSource split = split_by_source(graph);
  EvalResult result;
  auto add = [&](const std::string& key, long tp, std::size_t fp, std::size_t fn) {
    Counts& counts = result.types[key];
    counts.tp += tp;
    counts.fp += static_cast<long>(fp);
    counts.fn += static_cast<long>(fn);
  };
  static const std::vector<const ScoredEntity*> no_entities;
  static const std::vector<const ScoredRelation*> no_relations;

  for (const auto& [source, expected] : gold) {
    if (!only_sources.empty() && !only_sources.contains(source)) continue;
    auto found_entities = split.entities.find(source);
    auto found_relations = split.relations.find(source);
    const auto& entities = found_entities == split.entities.end() ? no_entities : found_entities->second;
    const auto& relations =
        found_relations == split.relations.end() ? no_relations : found_relations->second;

    std::vector<const GoldEntity*> all_gold_entities;
    for (const GoldEntity& entity : expected.entities) all_gold_entities.push_back(&entity);

    for (std::string_view type : kAllEntities) {
      std::vector<const GoldEntity*> gold_of_type;
      std::vector<const ScoredEntity*> pred_of_type;
      for (const GoldEntity* g : all_gold_entities)
        if (g->type == type) gold_of_type.push_back(g);
      for (const ScoredEntity* p : entities)
        if (p->type == type) pred_of_type.push_back(p);
      const MatchOutcome outcome =
          match(gold_of_type, pred_of_type, [](const ScoredEntity& p, const GoldEntity& g) {
            return share_a_name(p.names, g.names);
          });
      add("ent:" + std::string(type), outcome.tp, outcome.false_positives.size(),
          outcome.false_negatives.size());
      for (std::size_t p : outcome.false_positives)
        result.misses.push_back({source, "FP", std::string(type), pred_of_type[p]->name});
      for (std::size_t g : outcome.false_negatives)
        result.misses.push_back({source, "FN", std::string(type), gold_of_type[g]->name});
    }
    const MatchOutcome untyped =
        match(all_gold_entities, entities, [](const ScoredEntity& p, const GoldEntity& g) {
          return share_a_name(p.names, g.names);
        });
    add("ent:*untyped", untyped.tp, untyped.false_positives.size(), untyped.false_negatives.size());
    std::size_t other = 0;
    for (const ScoredEntity* p : entities)
      if (!contains(kAllEntities, p->type)) ++other;
    add("ent:*other", 0, other, 0);

    for (std::string_view type : kAllRelations) {
      std::vector<const GoldRelation*> gold_of_type;
      std::vector<const ScoredRelation*> pred_of_type;
      for (const GoldRelation& g : expected.relations)
        if (g.type == type) gold_of_type.push_back(&g);
      for (const ScoredRelation* p : relations)
        if (p->type == type) pred_of_type.push_back(p);
      const MatchOutcome outcome = match(gold_of_type, pred_of_type, same_relation);
      add("rel:" + std::string(type), outcome.tp, outcome.false_positives.size(),
          outcome.false_negatives.size());
      for (std::size_t p : outcome.false_positives) {
        result.misses.push_back({source, "FP", std::string(type),
                                 first_name(pred_of_type[p]->source_names) + " -> " +
                                     first_name(pred_of_type[p]->target_names)});
      }
      for (std::size_t g : outcome.false_negatives) {
        result.misses.push_back({source, "FN", std::string(type),
                                 gold_of_type[g]->source + " -> " + gold_of_type[g]->target});
      }
    }
  }
  result.core_entities = sum(result.types, "ent", kCoreEntities);
  result.all_entities = sum(result.types, "ent", kAllEntities);
  result.core_relations = sum(result.types, "rel", kCoreRelations);
  result.all_relations = sum(result.types, "rel", kAllRelations);
  return result;
}

std::string format_table(const EvalResult& result, bool verbose) {
  std::string out;
  char line[256];
  std::snprintf(line, sizeof line, "%-26s %5s %5s %5s %6s %6s %6s\n", "", "tp", "fp", "fn", "P", "R",
                "F1");
  out += line;
  auto row = [&](const std::string& key, const Counts& c) {
    std::snprintf(line, sizeof line, "%-26s %5ld %5ld %5ld %6.3f %6.3f %6.3f\n", key.c_str(), c.tp,
                  c.fp, c.fn, c.precision(), c.recall(), c.f1());
    out += line;
  };
  for (const auto& [key, counts] : result.types) row(key, counts);
  row("core_entities", result.core_entities);
  row("all_entities", result.all_entities);
  row("core_relations", result.core_relations);
  row("all_relations", result.all_relations);
  if (verbose) {
    for (const Miss& miss : result.misses)
      out += miss.source + "\t" + miss.kind + "\t" + miss.type + "\t" + miss.what + "\n";
  }
  return out;
}

std::string format_json(const EvalResult& result) {
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
  writer.SetIndent(' ', 1);
  auto counts = [&](const Counts& c) {
    writer.StartObject();
    writer.Key("tp"); writer.Int64(c.tp);
    writer.Key("fp"); writer.Int64(c.fp);
    writer.Key("fn"); writer.Int64(c.fn);
    writer.Key("p"); writer.Double(c.precision());
    writer.Key("r"); writer.Double(c.recall());
    writer.Key("f1"); writer.Double(c.f1());
    writer.EndObject();
  };
  writer.StartObject();
  writer.Key("types");
  writer.StartObject();
  for (const auto& [key, c] : result.types) {
    writer.Key(key.c_str(), static_cast<rapidjson::SizeType>(key.size()));
    counts(c);
  }
  writer.EndObject();
  writer.Key("core_entities"); counts(result.core_entities);
  writer.Key("all_entities"); counts(result.all_entities);
  writer.Key("core_relations"); counts(result.core_relations);
  writer.Key("all_relations"); counts(result.all_relations);
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace kg
