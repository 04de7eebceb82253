// tools/kg/cmd_query.cc: `kg query --db FILE [--format table|json|csv|tsv]
// [--evidence] [--depth K] [--by degree|betweenness] [--type T] [--limit N]
// QUESTION [NAME...] | 'MATCH ...'`: loads the graph, asks libgraph, prints.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "query/query.h"

namespace kg::cli {
namespace {

struct QueryArgs {
  std::string db;
  std::string format = "table";
  bool evidence = false;
  std::size_t depth = 1;
  std::string by = "degree";
  std::string type;
  std::size_t limit = 10;
  CLI::Option* limit_option = nullptr;
  std::vector<std::string> words;
};

void run_query(const QueryArgs& args) {
  const QueryDatabase graph(args.db);
  QueryResult result;
  if (is_cypher(args.words.front())) {
    // An unquoted query arrives as several words; read them as one line.
    std::string text;
    for (const auto& word : args.words) text += (text.empty() ? "" : " ") + word;
    try {
      result = run_cypher(graph, text);
    } catch (const QueryError& e) {
      std::cerr << "kg query: " << e.what() << "\n" << point_at_error(text, e) << "\n";
      throw CLI::RuntimeError(2);
    }
  } else {
    NamedQuery query;
    query.question = args.words.front();
    query.arguments.assign(args.words.begin() + 1, args.words.end());
    query.evidence = args.evidence;
    query.depth = args.depth;
    query.rank_by = args.by;
    if (!args.type.empty()) query.type = args.type;
    query.limit = args.limit;
    if (args.limit_option != nullptr && args.limit_option->count() > 0) query.rows = args.limit;
    try {
      result = run_named(graph, query);
    } catch (const std::invalid_argument& e) {
      std::cerr << "kg query: " << e.what() << "\n";
      throw CLI::RuntimeError(2);
    }
  }
  std::cout << format_result(result, *parse_output_format(args.format));
  if (!result.note.empty()) std::cerr << "kg query: " << result.note << "\n";
}

}  // namespace

void add_query_command(CLI::App& app) {
  auto args = std::make_shared<QueryArgs>();
  auto* cmd = app.add_subcommand(
      "query",
      "answer a question from the graph: served [NAME] | posts [NAME] | entity NAME | path A B | "
      "neighbors NAME | top | in PARK | 'MATCH ...' (a Cypher subset)");
  cmd->add_option("--db", args->db, "the SQLite database file built by 'kg build'")->required();
  cmd->add_option("--format", args->format, "table (default), json, csv or tsv")
      ->check(CLI::IsMember({"table", "json", "csv", "tsv"}));
  cmd->add_flag("--evidence", args->evidence, "served, posts, in: add the sentence and its source file");
  cmd->add_option("--depth", args->depth, "neighbors: how many hops (default 1)")->check(CLI::PositiveNumber);
  cmd->add_option("--by", args->by, "top: degree (default) or betweenness")
      ->check(CLI::IsMember({"degree", "betweenness"}));
  cmd->add_option("--type", args->type, "top: only entities of this type (e.g. Enterprise)");
  args->limit_option = cmd->add_option("--limit", args->limit, "top: how many (default 10, 0 for all)");
  cmd->add_option("question", args->words, "the question and its names, or a query starting with MATCH")
      ->required();
  cmd->callback([args] { run_query(*args); });
}

}  // namespace kg::cli
