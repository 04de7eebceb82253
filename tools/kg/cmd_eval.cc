// tools/kg/cmd_eval.cc: `kg eval`, scoring the stored graph (or a node-link
// export) against a gold file with the rules of shared/gold/score.py.
#include <iostream>
#include <memory>
#include <set>
#include <sstream>
#include <string>

#include "commands.h"
#include "eval/eval.h"
#include "store/store.h"

namespace kg::cli {

void add_eval_command(CLI::App& app) {
  struct Options {
    std::string db, graph_json, gold, sources;
    bool verbose = false, json = false;
  };
  auto options = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "eval", "Precision, recall and F1 per type against a gold file (score.py's rules)");
  auto* db = mark_file_option(cmd->add_option("--db", options->db, "SQLite database written by kg build (default: $KG_DB)")
                                  ->check(CLI::ExistingFile));
  auto* graph = mark_file_option(cmd->add_option("--graph", options->graph_json,
                                                 "score a node-link JSON export instead of a database")
                                     ->check(CLI::ExistingFile));
  db->excludes(graph);
  mark_file_option(cmd->add_option("--gold", options->gold, "gold annotations (shared/gold format)")
                       ->required()
                       ->check(CLI::ExistingFile));
  cmd->add_option("--sources", options->sources,
                  "comma-separated gold sources to score (default: all)");
  cmd->add_flag("-v,--verbose", options->verbose, "list every miss (FP/FN)");
  cmd->add_flag("--json", options->json, "print the scores as JSON (score.py --json)");
  cmd->callback([options, graph] {
    if (graph->count() == 0) use_kg_db(options->db, true);
    const GoldStandard gold = read_gold_file(options->gold);
    ScoredGraph scored;
    if (!options->db.empty()) {
      Store store(options->db, Store::Mode::read_only);
      scored = scored_graph(store.load_graph());
    } else {
      scored = read_node_link_file(options->graph_json);
    }
    std::set<std::string> only;
    std::istringstream list(options->sources);
    for (std::string source; std::getline(list, source, ',');)
      if (!source.empty()) only.insert(source);
    const EvalResult result = evaluate(gold, scored, only);
    std::cout << (options->json ? format_json(result) : format_table(result, options->verbose));
  });
}

}  // namespace kg::cli
