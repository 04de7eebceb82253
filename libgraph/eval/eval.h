// eval/eval.h: the public face of the eval stage. Scores a graph against a
// gold file with exactly the rules of shared/gold/score.py, so that `kg eval`
// and score.py agree on every number: name normalisation, per-source
// matching, greedy one-to-one matching with optional gold entries, symmetric
// cooperates_with, untyped entity counts and the list of misses.
#pragma once

#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "graph/graph.h"

namespace kg {

// A gold file or node-link graph that cannot be read: the message names the
// file and says what is wrong.
class EvalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// NFKC, traditional -> simplified, then white space (incl. U+3000) and the
// quotes “”‘’"'《》「」『』 removed: the key two names are compared by.
std::string normalize_name(std::string_view name);

struct GoldEntity {
  std::string name;  // as written in the gold file
  std::string type;
  bool optional = false;
  std::vector<std::string> names;  // normalised name and aliases, sorted, unique
};

struct GoldRelation {
  std::string type;
  std::string source, target;  // as written in the gold file
  bool optional = false;
  std::vector<std::string> source_names, target_names;  // names of the end entities
};

struct GoldSource {
  std::vector<GoldEntity> entities;
  std::vector<GoldRelation> relations;
};

// Keyed by the gold file's `source` (a file name); ordered as score.py sorts.
using GoldStandard = std::map<std::string, GoldSource>;

// Parses gold JSON text; `label` names the file in error messages.
GoldStandard parse_gold(std::string_view json, const std::string& label);
GoldStandard read_gold_file(const std::string& path);

// The graph reduced to what scoring reads. `sources` are the file names
// (basenames) of the documents an entity is mentioned in / a relation has
// evidence in, or "?" for a document the graph does not list.
struct ScoredEntity {
  std::string name;  // for the list of misses
  std::string type;  // may be outside the nine types (counted as *other)
  std::vector<std::string> names;  // normalised name and aliases, sorted, unique
  std::vector<std::string> sources;
};

struct ScoredRelation {
  std::string type;
  // Parallel links of one type between the same two nodes count once per
  // source; the node ids are the key for that.
  std::string source_id, target_id;
  std::vector<std::string> source_names, target_names;
  std::vector<std::string> sources;
};

struct ScoredGraph {
  std::vector<ScoredEntity> entities;    // in graph order
  std::vector<ScoredRelation> relations;  // links whose ends are both entities
};

ScoredGraph scored_graph(const KnowledgeGraph& graph);
// Node-link JSON as `kg export --format json` writes it.
ScoredGraph parse_node_link(std::string_view json, const std::string& label);
ScoredGraph read_node_link_file(const std::string& path);

struct Counts {
  long tp = 0, fp = 0, fn = 0;
  double precision() const;
  double recall() const;
  double f1() const;
};

// One FP or FN, as score.py -v prints it: source, kind, type, what.
struct Miss {
  std::string source;
  std::string kind;  // "FP" or "FN"
  std::string type;
  std::string what;  // entity name, or "source -> target"
};

struct EvalResult {
  // Keyed "ent:Official", "ent:*untyped", "ent:*other", "rel:holds_post"...
  std::map<std::string, Counts> types;
  Counts core_entities, all_entities, core_relations, all_relations;
  std::vector<Miss> misses;
};

// Scores every gold source (or only those in `only_sources`, when not empty).
EvalResult evaluate(const GoldStandard& gold, const ScoredGraph& graph,
                    const std::set<std::string>& only_sources = {});

// The table score.py prints (and its misses with `verbose`).
std::string format_table(const EvalResult& result, bool verbose);
// The JSON score.py --json prints (without misses).
std::string format_json(const EvalResult& result);

}  // namespace kg
