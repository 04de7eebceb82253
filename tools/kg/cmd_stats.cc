// tools/kg/cmd_stats.cc: placeholder until the stats command lands; it registers
// the subcommand so the CLI links, and refuses to run.
#include <stdexcept>

#include "commands.h"

namespace kg::cli {

void add_stats_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("stats", "(not available yet)");
  cmd->allow_extras();
  cmd->callback([] { throw std::runtime_error("'stats' is not available in this build yet"); });
}

}  // namespace kg::cli
