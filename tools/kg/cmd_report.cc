// tools/kg/cmd_report.cc: `kg report`: the relation report of the stored
// graph, or one entity's dossier, as Markdown or HTML.
#include <iostream>
#include <memory>
#include <string>

#include "commands.h"
#include "report/report.h"
#include "store/store.h"

namespace kg::cli {

namespace {
struct ReportArgs {
  std::string db;
  std::string format = "md";
  std::string output;
  std::string entity;
  bool no_graphviz = false;
};
}  // namespace

void add_report_command(CLI::App& app) {
  auto args = std::make_shared<ReportArgs>();
  auto* cmd = app.add_subcommand("report", "Write a relation report people read (Markdown or HTML)");
  cmd->add_option("--db", args->db, "graph database")->required()->check(CLI::ExistingFile);
  cmd->add_option("--format,-f", args->format, "md or html")->check(CLI::IsMember({"md", "markdown", "html"}));
  cmd->add_option("-o,--output", args->output, "output file; default stdout");
  cmd->add_option("--entity", args->entity, "the dossier of the entity of this name (or alias)");
  cmd->add_flag("--no-graphviz", args->no_graphviz, "draw the HTML picture without Graphviz");
  cmd->callback([args] {
    ReportOptions options;
    const auto format = parse_report_format(args->format);
    if (!format) throw ReportError("--format: unknown format '" + args->format + "'");
    options.format = *format;
    options.entity = args->entity;
    options.use_graphviz = !args->no_graphviz;
    Store store(args->db, Store::Mode::read_only);
    write_report(store.load_graph(), options, args->output, std::cout);
  });
}

}  // namespace kg::cli
