// tools/kg/cmd_remove.cc: placeholder until the remove command lands; it registers
// the subcommand so the CLI links, and refuses to run.
#include <stdexcept>

#include "commands.h"

namespace kg::cli {

void add_remove_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("remove", "(not available yet)");
  cmd->allow_extras();
  cmd->callback([] { throw std::runtime_error("'remove' is not available in this build yet"); });
}

}  // namespace kg::cli
