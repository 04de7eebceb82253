// tools/kg/cmd_report.cc: `kg report`: the overview of the selected part of
// the stored graph, one entity's dossier, or the offline site.
#include <iostream>
#include <memory>
#include <string>

#include "commands.h"
#include "filter_options.h"
#include "report/report.h"
#include "store/store.h"

namespace kg::cli {

namespace {
struct ReportArgs {
  std::string db;
  std::string format = "md";
  std::string output;
  std::string entity;
  std::uint64_t top = 20;
  bool no_graphviz = false;
  FilterArgs filter;
};
}  // namespace

void add_report_command(CLI::App& app) {
  auto args = std::make_shared<ReportArgs>();
  auto* cmd = app.add_subcommand("report", "Write a report people read: an overview, a dossier, or an offline site");
  add_db_option(*cmd, args->db, true, "graph database");
  add_choice_option(*cmd, "--format,-f", args->format, {"md", "markdown", "html", "site"},
                    "md (default), html (one file), or site (a directory of linked pages)");
  mark_file_option(cmd->add_option("-o,--output", args->output, "output file (a directory for site); default stdout"));
  cmd->add_option("--entity", args->entity, "md, html: the dossier of the entity of this name (or alias)");
  add_count_option(*cmd, "--top", args->top, 1, 1000, "rows per table and entities per list (default 20)");
  cmd->add_flag("--no-graphviz", args->no_graphviz, "html, site: draw pictures without Graphviz");
  add_filter_options(*cmd, args->filter);
  cmd->footer(
      "The overview lists the top N of everything with how many more there are, so its size does not grow\n"
      "with the corpus. --since/--until keep relations dated in the range (their own date, else the\n"
      "publication date of the first document that states them) and the entities that keep such a\n"
      "relation or are mentioned in a document published in the range.");
  cmd->callback([args, cmd] {
    use_kg_db(args->db, true);
    const SubgraphFilter filter = parse_filter(*cmd, args->filter);
    ReportOptions options;
    options.format = *parse_report_format(args->format);
    options.entity = args->entity;
    options.top = args->top;
    options.use_graphviz = !args->no_graphviz;
    options.scope = filter.describe();
    if (options.format == ReportFormat::markdown) refuse_if_given(*cmd, "--no-graphviz", "--format md", "html, site");
    if (!args->entity.empty()) refuse_if_given(*cmd, "--top", "a dossier (--entity)", "the overview and the site");
    if (options.format == ReportFormat::site) {
      refuse_if_given(*cmd, "--entity", "--format site (it has a page for every entity)", "md, html");
      if (args->output.empty() || args->output == "-")
        throw UsageError("--format site writes a directory: give it with -o DIR");
    }
    Store store(args->db, Store::Mode::read_only);
    const KnowledgeGraph graph = load_selected_graph(store, filter);
    if (options.format == ReportFormat::site) {
      const SiteSummary summary = write_site(graph, options, document_texts(store), args->output);
      std::cerr << "kg report: " << summary.entity_pages << " entity pages, " << summary.document_pages
                << " document pages, " << summary.list_pages << " list pages ("
                << (summary.bytes + 512 * 1024) / (1024 * 1024) << " MB) -> " << args->output << "/index.html\n";
      return;
    }
    write_report(graph, options, args->output, std::cout);
  });
}

}  // namespace kg::cli
