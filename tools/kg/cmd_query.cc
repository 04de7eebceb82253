// tools/kg/cmd_query.cc: placeholder until the query command lands; it registers
// the subcommand so the CLI links, and refuses to run.
#include <stdexcept>

#include "commands.h"

namespace kg::cli {

void add_query_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("query", "(not available yet)");
  cmd->allow_extras();
  cmd->callback([] { throw std::runtime_error("'query' is not available in this build yet"); });
}

}  // namespace kg::cli
