// tools/kg/main.cc: the `kg` command line. Holds no logic of its own: each
// subcommand is registered from its cmd_*.cc and calls into libgraph.
#include <exception>
#include <iostream>

#include "commands.h"

int main(int argc, char** argv) {
  CLI::App app{"kg: knowledge graphs from Chinese local-governance news"};
  app.require_subcommand(1);
  kg::cli::add_build_command(app);
  kg::cli::add_remove_command(app);
  kg::cli::add_stats_command(app);
  kg::cli::add_export_command(app);
  kg::cli::add_eval_command(app);
  kg::cli::add_query_command(app);
  kg::cli::add_report_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    std::cerr << "kg: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
