// tools/kg/cmd_query.cc: `kg query --db FILE [--format table|json|csv|tsv]
// [--evidence] [--depth K] [--by degree|betweenness] [--type T] [--limit N]
// [--since DATE] [--until DATE] QUESTION [NAME...] | 'MATCH ...'`: loads the
// graph, asks libgraph, prints.
// An option the question does not use is a usage error, not ignored.
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "filter_options.h"
#include "core/types.h"
#include "query/query.h"

namespace kg::cli {
namespace {

struct QueryArgs {
  std::string db;
  std::string format = "table";
  bool evidence = false;
  std::uint64_t depth = 1;
  std::string by = "degree";
  std::string type;
  std::uint64_t limit = 10;
  std::string since, until;
  std::vector<std::string> words;
};

// Which question options each named question uses (--format applies to all).
const std::map<std::string, std::vector<std::string>>& question_options() {
  static const std::map<std::string, std::vector<std::string>> options = {
      {"served", {"--evidence", "--limit", "--since", "--until"}},
      {"posts", {"--evidence", "--limit", "--since", "--until"}},
      {"in", {"--evidence", "--limit", "--since", "--until"}},
      {"entity", {"--since", "--until"}},
      {"timeline", {"--limit", "--since", "--until"}},
      {"path", {}},              {"neighbors", {"--depth", "--limit"}},
      {"neighbours", {"--depth", "--limit"}}, {"top", {"--by", "--type", "--limit"}}};
  return options;
}

void refuse_options_that_do_not_apply(const CLI::App& cmd, const std::string& question, bool cypher) {
  std::vector<std::string> allowed;
  if (!cypher) {
    const auto found = question_options().find(question);
    if (found == question_options().end()) return;  // the library names the unknown question
    allowed = found->second;
  }
  for (const char* option : {"--evidence", "--depth", "--by", "--type", "--limit", "--since", "--until"}) {
    if (std::find(allowed.begin(), allowed.end(), option) != allowed.end()) continue;
    std::string users;
    for (const auto& [name, options] : question_options())
      if (name != "neighbours" && std::find(options.begin(), options.end(), option) != options.end())
        users += (users.empty() ? "" : ", ") + name;
    refuse_if_given(cmd, option, cypher ? "a MATCH query" : "'" + question + "'", users);
  }
}

void run_query(const CLI::App& cmd, const QueryArgs& args) {
  const bool cypher = is_cypher(args.words.front());
  refuse_options_that_do_not_apply(cmd, args.words.front(), cypher);
  const QueryDatabase graph(args.db);
  QueryResult result;
  if (cypher) {
    // An unquoted query arrives as several words; read them as one line.
    std::string text;
    for (const auto& word : args.words) text += (text.empty() ? "" : " ") + word;
    try {
      result = run_cypher(graph, text);
    } catch (const QueryError& e) {
      std::cerr << "kg query: " << e.what() << "\n" << point_at_error(text, e) << "\n";
      throw CLI::RuntimeError(kExitUsage);
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
    query.window = parse_date_window(args.since, args.until);
    // The listing questions show every row unless --limit says how many.
    if (cmd.get_option("--limit")->count() > 0) query.rows = args.limit;
    try {
      result = run_named(graph, query);
    } catch (const std::invalid_argument& e) {
      std::cerr << "kg query: " << e.what() << "\n";
      throw CLI::RuntimeError(kExitUsage);
    }
  }
  std::cout << format_result(result, *parse_output_format(args.format));
  if (!result.note.empty()) std::cerr << "kg query: " << result.note << "\n";
}

std::string relation_meanings() {
  std::string text =
      "Questions:\n"
      "  served [NAME]       which officials served which companies (--evidence)\n"
      "  posts [NAME]        who holds which post in which body (--evidence)\n"
      "  entity NAME         one entity: type, aliases, posts, relations, documents, dates\n"
      "  timeline NAME       one entity's facts in date order, with sentence and source\n"
      "  path A B            how two entities are connected\n"
      "  neighbors NAME      what lies within --depth K steps\n"
      "  top                 the most connected entities (--by, --type, --limit)\n"
      "  in PARK             what is located in a park (--evidence)\n"
      "  'MATCH ...'         a query in kg's read-only Cypher (docs/cypher.md)\n"
      "--since/--until (YYYY, YYYY-MM or YYYY-MM-DD) keep relations with evidence dated in the\n"
      "window (served, posts, in, entity, timeline).\n"
      "An option a question does not use is an error.\n"
      "\n"
      "What the relations mean:\n";
  for (RelationType t : all_relation_types()) {
    std::string name(to_string(t));
    name.resize(std::max<std::size_t>(name.size(), 16), ' ');
    text += "  " + name + std::string(meaning(t)) + "\n";
  }
  return text;
}

}  // namespace

void add_query_command(CLI::App& app) {
  auto args = std::make_shared<QueryArgs>();
  auto* cmd = app.add_subcommand(
      "query",
      "Answer a question: served, posts, entity, timeline, path, neighbors, top, in, or 'MATCH ...' (Cypher)");

  add_db_option(*cmd, args->db, true, "the SQLite database file built by 'kg build'");
  add_choice_option(*cmd, "--format", args->format, {"table", "json", "csv", "tsv"}, "table (default), json, csv or tsv");
  cmd->add_flag("--evidence", args->evidence, "served, posts, in: add the date, the sentence and its source file");
  add_count_option(*cmd, "--depth", args->depth, 1, 100, "neighbors: how many hops (default 1)");
  add_choice_option(*cmd, "--by", args->by, {"degree", "betweenness"}, "top: degree (default) or betweenness");
  std::vector<std::string> types;
  for (EntityType t : all_entity_types()) types.emplace_back(to_string(t));
  add_choice_option(*cmd, "--type", args->type, types, "top: only entities of this type");
  add_count_option(*cmd, "--limit", args->limit, 0, 1000000,
                   "top: how many, 0 for all (default 10); served, posts, in, neighbors, timeline: the first N rows");
  add_date_options(*cmd, args->since, args->until, "served, posts, in, entity, timeline: facts with evidence dated");
  auto* words = cmd->add_option("question", args->words, "the question and its names, or a query starting with MATCH")
                    ->required();
  completion_hints().words[cmd] = {"served", "posts", "entity", "timeline", "path", "neighbors", "top", "in", "MATCH"};
  (void)words;
  cmd->footer(relation_meanings());
  cmd->callback([args, cmd] {
    use_kg_db(args->db, true);
    run_query(*cmd, *args);
  });
}

}  // namespace kg::cli
