// tools/kg/cmd_export.cc: `kg export`: loads the selected part of the stored
// graph and writes it in the requested format.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "export/export.h"
#include "filter_options.h"
#include "store/store.h"

namespace kg::cli {

namespace {
struct ExportArgs {
  std::string db;
  std::string format = "json";
  std::string output;
  bool merge_parallel = false;
  FilterArgs filter;
};
}  // namespace

void add_export_command(CLI::App& app) {
  auto args = std::make_shared<ExportArgs>();
  auto* cmd = app.add_subcommand("export", "Write the graph (or part of it) for other tools, with provenance");
  add_db_option(*cmd, args->db, true, "graph database");
  std::vector<std::string> formats;
  for (std::string_view name : export_format_names()) formats.emplace_back(name);
  add_choice_option(*cmd, "--format,-f", args->format, formats,
                    "json (default, node-link), jsonl, graphml, gexf, dot, or csv (neo4j-admin import)");
  mark_file_option(cmd->add_option("-o,--output", args->output,
                                   "output file (a directory for csv); default stdout"));
  cmd->add_flag("--merge-parallel", args->merge_parallel,
                "graphml, gexf, dot: one edge per pair of entities, types joined with '|'");
  add_filter_options(*cmd, args->filter);
  cmd->callback([args, cmd] {
    use_kg_db(args->db, true);
    const SubgraphFilter filter = parse_filter(*cmd, args->filter);
    const ExportFormat format = *parse_export_format(args->format);
    if (args->merge_parallel && !supports_merge_parallel(format))
      throw UsageError("--merge-parallel applies to graphml, gexf and dot, not " + args->format);
    if (format == ExportFormat::csv && (args->output.empty() || args->output == "-"))
      throw UsageError("--format csv writes a directory of files: give it with -o DIR");
    ExportOptions options;
    options.merge_parallel = args->merge_parallel;
    Store store(args->db, Store::Mode::read_only);
    const KnowledgeGraph graph = load_selected_graph(store, filter);
    export_graph(graph, format, args->output, std::cout, options);
    if (!args->output.empty() && args->output != "-")
      std::cerr << "kg export: " << graph.entity_count() << " entities, " << graph.relation_count()
                << " relations -> " << args->output << "\n";
  });
}

}  // namespace kg::cli
