// tools/kg/commands.h: each subcommand lives in its own cmd_*.cc and registers
// itself on the CLI11 app. Commands parse arguments, call libgraph, print.
#pragma once

#include <CLI/CLI.hpp>

namespace kg::cli {

void add_build_command(CLI::App& app);
void add_remove_command(CLI::App& app);
void add_stats_command(CLI::App& app);
void add_export_command(CLI::App& app);
void add_eval_command(CLI::App& app);
void add_query_command(CLI::App& app);
void add_report_command(CLI::App& app);

}  // namespace kg::cli
