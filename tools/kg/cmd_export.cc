// tools/kg/cmd_export.cc: `kg export`: reads the stored graph, cuts the
// requested subgraph, writes it in the requested format.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "export/export.h"
#include "store/store.h"

namespace kg::cli {

namespace {
struct ExportArgs {
  std::string db;
  std::string format = "json";
  std::string output;
  std::vector<std::string> types, relations;
  std::string around, source;
  unsigned depth = 1;
};
}  // namespace

void add_export_command(CLI::App& app) {
  auto args = std::make_shared<ExportArgs>();
  auto* cmd = app.add_subcommand("export", "Write the graph (or part of it) for other tools");
  cmd->add_option("--db", args->db, "graph database")->required()->check(CLI::ExistingFile);
  cmd->add_option("--format,-f", args->format, "json, graphml, gexf, dot or csv")
      ->check(CLI::IsMember({"json", "graphml", "gexf", "dot", "csv"}));
  cmd->add_option("-o,--output", args->output, "output file (a directory for csv); default stdout");
  cmd->add_option("--type", args->types, "keep entities of these types (repeat or comma-separate)");
  cmd->add_option("--relation", args->relations, "keep relations of these types");
  cmd->add_option("--around", args->around, "keep the neighbourhood of the entity of this name");
  cmd->add_option("--depth", args->depth, "steps around --around (default 1)")
      ->check(CLI::Range(0u, 1000u));
  cmd->add_option("--source", args->source, "keep facts from documents whose source ends with this");
  cmd->callback([args] {
    SubgraphFilter filter;
    filter.types = parse_entity_types(args->types, "--type");
    filter.relations = parse_relation_types(args->relations, "--relation");
    filter.around = args->around;
    filter.depth = args->depth;
    filter.source = args->source;
    const auto format = parse_export_format(args->format);
    if (!format) throw ExportError("--format: unknown format '" + args->format + "'");
    Store store(args->db, Store::Mode::read_only);
    KnowledgeGraph graph = store.load_graph();
    if (!filter.empty()) graph = select_subgraph(graph, filter);
    export_graph(graph, *format, args->output, std::cout);
    if (!args->output.empty() && args->output != "-")
      std::cerr << "kg export: " << graph.entity_count() << " entities, " << graph.relation_count()
                << " relations -> " << args->output << "\n";
  });
}

}  // namespace kg::cli
